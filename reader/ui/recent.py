"""Recent pairs and recent documents: what was opened lately, kept in the window's settings.

``RecentFiles(settings)`` keeps two lists, newest first, at most ``RECENT_LIMIT`` long: pairs
of files compared (A and B both from files) and single files opened on either side. They are
stored as JSON text under ``recent/pairs`` and ``recent/documents`` of the window's
``QSettings`` (a list read back from an ini file comes back as a string when it has one entry;
JSON text reads back the same on every platform). A damaged value reads as an empty list.

``RecentMenus(recent, file_menu_parent, open_pair, open_document)`` builds File ▸ Recent Pairs
and File ▸ Recent Documents, refilled each time they are about to show. A file that is gone is
listed greyed out, with its full path, so the user sees what it was and where it was; each
menu ends with "Clear". Must not import reader.storage.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu, QWidget

#: Entries per list: a File menu of ten fits any screen and covers a working session.
RECENT_LIMIT = 10

PAIRS_KEY = "recent/pairs"
DOCUMENTS_KEY = "recent/documents"


class RecentFiles:
    """The two lists, read from and written to ``settings`` at once (no copy kept)."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def _read(self, key: str) -> list:
        try:
            value = json.loads(self.settings.value(key, "[]") or "[]")
        except (TypeError, ValueError):
            return []
        return value if isinstance(value, list) else []

    def _write(self, key: str, entries: list) -> None:
        self.settings.setValue(key, json.dumps(entries[:RECENT_LIMIT]))

    def pairs(self) -> list[tuple[str, str]]:
        return [(a, b) for a, b in (p for p in self._read(PAIRS_KEY) if isinstance(p, list) and len(p) == 2)
                if isinstance(a, str) and isinstance(b, str)]

    def documents(self) -> list[str]:
        return [d for d in self._read(DOCUMENTS_KEY) if isinstance(d, str)]

    def note(self, path_a: str | None, path_b: str | None) -> None:
        """Record what is on screen: each file, and the pair when both sides are files."""
        paths = [os.path.abspath(p) for p in (path_a, path_b) if p]
        if not paths:
            return
        documents = self.documents()
        for path in reversed(paths):
            documents = [path] + [d for d in documents if d != path]
        self._write(DOCUMENTS_KEY, documents)
        if path_a and path_b:
            pair = [os.path.abspath(path_a), os.path.abspath(path_b)]
            self._write(PAIRS_KEY, [pair] + [list(p) for p in self.pairs() if list(p) != pair])

    def clear_pairs(self) -> None:
        self._write(PAIRS_KEY, [])

    def clear_documents(self) -> None:
        self._write(DOCUMENTS_KEY, [])


def _label(path: str) -> str:
    """"name — folder" for the menu; the full path goes in the tooltip."""
    return f"{os.path.basename(path)} — {os.path.dirname(path)}"


class RecentMenus:
    """File ▸ Recent Pairs and File ▸ Recent Documents, refilled whenever they open."""

    def __init__(self, recent: RecentFiles, parent: QWidget, open_pair: Callable[[str, str], None],
                 open_document: Callable[[str, str], None]) -> None:
        self.recent = recent
        self.open_pair, self.open_document = open_pair, open_document
        self.pairs_menu = QMenu("Recent &Pairs", parent)
        self.pairs_menu.setObjectName("recentPairsMenu")
        self.documents_menu = QMenu("Recent &Documents", parent)
        self.documents_menu.setObjectName("recentDocumentsMenu")
        for menu in (self.pairs_menu, self.documents_menu):
            menu.setToolTipsVisible(True)
        self.pairs_menu.aboutToShow.connect(self.fill_pairs)
        self.documents_menu.aboutToShow.connect(self.fill_documents)
        self.fill_pairs()
        self.fill_documents()

    def fill_pairs(self) -> None:
        menu = self.pairs_menu
        menu.clear()
        for number, (a, b) in enumerate(self.recent.pairs(), 1):
            missing = [p for p in (a, b) if not os.path.isfile(p)]
            names = f"{os.path.basename(a)}  ↔  {os.path.basename(b)}".replace("&", "&&")  # no stray mnemonic
            text = f"&{number % 10}  {names}" if not missing else f"{names} (missing: {', '.join(missing)})"
            action = menu.addAction(text)
            action.setToolTip(f"A: {a}\nB: {b}")
            action.setEnabled(not missing)
            action.triggered.connect(lambda _checked=False, a=a, b=b: self.open_pair(a, b))
        self._finish(menu, "No recent pairs", self.clear_pairs)

    def fill_documents(self) -> None:
        menu = self.documents_menu
        menu.clear()
        for path in self.recent.documents():
            present = os.path.isfile(path)
            text = _label(path) if present else f"{os.path.basename(path)} (missing: {path})"
            sub = menu.addMenu(text.replace("&", "&&"))
            sub.menuAction().setToolTip(path)
            sub.setEnabled(present)
            for side in ("a", "b"):
                action = sub.addAction(f"Open as Document {side.upper()}")
                action.triggered.connect(lambda _checked=False, p=path, s=side: self.open_document(s, p))
        self._finish(menu, "No recent documents", self.clear_documents)

    @staticmethod
    def _finish(menu: QMenu, empty_text: str, clear: Callable[[], None]) -> None:
        if menu.isEmpty():
            menu.addAction(empty_text).setEnabled(False)
            return
        menu.addSeparator()
        menu.addAction("&Clear List", clear)

    def clear_pairs(self) -> None:
        self.recent.clear_pairs()
        self.fill_pairs()

    def clear_documents(self) -> None:
        self.recent.clear_documents()
        self.fill_documents()
