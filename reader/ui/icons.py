"""The one file that names icon files (as git-cola's ``icons.py`` does).

Icons are small SVGs in ``resources/icons``; a missing file gives an empty icon rather than
an error, so a broken install still opens the window. Must not import reader.storage.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from reader.ui.resources import resource_path


@cache
def _load(name: str) -> QIcon:
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()


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
