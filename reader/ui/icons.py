"""The one file that names icon files (as git-cola's ``icons.py`` does).

Icons are small SVGs in ``resources/icons``, drawn in ``INK``; that ink is replaced by the
palette's window-text colour when an icon is loaded, so the toolbar reads on a dark theme
(``MainWindow.set_theme`` loads them again after a change). A missing file gives an empty
icon rather than an error, so a broken install still opens the window. Must not import
reader.storage.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QGuiApplication, QIcon, QPalette, QPixmap

from reader.ui.resources import resource_path

#: The colour the SVG files are drawn in, replaced by the palette's text colour.
INK = "#37474F"
#: Pixel sizes rendered for each icon: the toolbar's 24 px, and twice that for high-DPI screens.
SIZES = (24, 48)


def _load(name: str) -> QIcon:
    ink = QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name() if QGuiApplication.instance() else INK
    return _load_in(name, ink)


@cache
def _load_in(name: str, ink: str) -> QIcon:
    path = resource_path("icons", f"{name}.svg")
    if not path.is_file():
        return QIcon()
    svg = path.read_text(encoding="utf-8").replace(INK, ink).encode()
    icon = QIcon()
    for size in SIZES:
        pixmap = QPixmap(size, size)
        if pixmap.loadFromData(svg.replace(b'width="24" height="24"', f'width="{size}" height="{size}"'.encode()),
                               "SVG"):
            icon.addPixmap(pixmap)
    return icon if not icon.isNull() else QIcon(str(path))


def app_icon() -> QIcon:
    return _load("reader")


def open_a() -> QIcon:
    return _load("open-a")


def open_b() -> QIcon:
    return _load("open-b")


def paste() -> QIcon:
    return _load("paste")


def swap() -> QIcon:
    return _load("swap")


def previous() -> QIcon:
    return _load("previous")


def next_() -> QIcon:
    return _load("next")


def sync() -> QIcon:
    return _load("sync")


def zoom_in() -> QIcon:
    return _load("zoom-in")


def zoom_out() -> QIcon:
    return _load("zoom-out")


#: Which icon each window action shows (``WindowMenus``), to load them again after a theme change.
ACTION_ICONS = {"open_a": open_a, "open_b": open_b, "paste_b": paste, "swap": swap, "previous": previous,
                "next": next_, "sync": sync, "zoom_in": zoom_in, "zoom_out": zoom_out}
