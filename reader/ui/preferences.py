"""What the window remembers between runs, read and written through one ``QSettings``.

Matching settings, font size, scroll syncing, window geometry and dock layout, the last pair of
files opened, and the folder files were last opened from. A value that is missing or damaged
reads as its default, so a broken settings file never stops the window from opening.
Where the settings live is decided by ``reader.ui.app.open_settings``. Must not import
reader.storage.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from reader.core.config import AlignConfig


def _as_bool(value, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return {"true": True, "false": False, "1": True, "0": False}.get(value.lower(), default)
    if isinstance(value, int):
        return bool(value)
    return default


class Preferences:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def _get(self, key: str, default=None):
        return self.settings.value(key, default)

    # Matching settings -----------------------------------------------------------------
    def align_config(self) -> AlignConfig:
        default = AlignConfig()
        try:
            return AlignConfig(
                min_passage_chars=int(self._get("align/min_passage_chars", default.min_passage_chars)),
                paraphrase=_as_bool(self._get("align/paraphrase", default.paraphrase), default.paraphrase),
                looseness=float(self._get("align/looseness", default.looseness)),
                ignore_quotes=_as_bool(self._get("align/ignore_quotes", default.ignore_quotes), default.ignore_quotes),
            )
        except (TypeError, ValueError):
            return default

    def set_align_config(self, config: AlignConfig) -> None:
        self.settings.setValue("align/min_passage_chars", config.min_passage_chars)
        self.settings.setValue("align/paraphrase", config.paraphrase)
        self.settings.setValue("align/looseness", config.looseness)
        self.settings.setValue("align/ignore_quotes", config.ignore_quotes)

    # View ------------------------------------------------------------------------------
    def point_size(self) -> int | None:
        try:
            size = int(self._get("view/point_size", 0))
        except (TypeError, ValueError):
            return None
        return size if 6 <= size <= 48 else None

    def set_point_size(self, size: int) -> None:
        self.settings.setValue("view/point_size", int(size))

    def sync_scrolling(self) -> bool:
        return _as_bool(self._get("view/sync_scrolling", True), True)

    def set_sync_scrolling(self, enabled: bool) -> None:
        self.settings.setValue("view/sync_scrolling", bool(enabled))

    def theme(self) -> str | None:
        """The theme chosen in View ▸ Theme (``reader.ui.theme.THEMES``), or None."""
        value = self._get("view/theme")
        return value if isinstance(value, str) and value else None

    def set_theme(self, name: str) -> None:
        self.settings.setValue("view/theme", name)

    def window_geometry(self) -> QByteArray | None:
        value = self._get("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def window_state(self) -> QByteArray | None:
        value = self._get("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self.settings.setValue("window/geometry", geometry)
        self.settings.setValue("window/state", state)

    # Files -----------------------------------------------------------------------------
    def last_pair(self) -> tuple[str | None, str | None]:
        """Where the last documents A and B came from: a file's path or a web page's URL (None
        for pasted text or no document)."""
        a, b = self._get("session/last_a", ""), self._get("session/last_b", "")
        return (a if isinstance(a, str) and a else None, b if isinstance(b, str) and b else None)

    def set_last_pair(self, path_a: str | None, path_b: str | None) -> None:
        self.settings.setValue("session/last_a", path_a or "")
        self.settings.setValue("session/last_b", path_b or "")

    def last_folder(self) -> str:
        value = self._get("session/last_folder", "")
        return value if isinstance(value, str) else ""

    def set_last_folder(self, folder: str) -> None:
        self.settings.setValue("session/last_folder", folder)

    def sync(self) -> None:
        self.settings.sync()
