"""Starting the window: the QApplication, where settings live, and which pair opens first.

``run_app(args)`` is called by ``reader gui [A [B]]``. Files named on the command line are read
before any window appears, so a bad one exits with status 2 and a one-line message, as every
command promises. Without files the window reopens the last pair; on the very first run (or
when the last pair is gone) it opens the seed articles 002 and 003 so a new user sees the
product working at once, and says on the status bar when even those are missing.

Settings go to ``$READER_SETTINGS_DIR/reader.ini`` when that variable is set (tests use it),
else to the platform's per-user location. Must not import reader.storage.
"""

from __future__ import annotations

import os
import pathlib
import sys

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from reader import seeds_folder
from reader.core.documents import DocumentError, load_document
from reader.core.web_pages import is_web_url, load_source
from reader.ui import icons
from reader.ui.platform_check import display_problem
from reader.ui.preferences import Preferences
from reader.ui.qt_messages import install_message_filter
from reader.ui.resources import stylesheet

SETTINGS_ENV = "READER_SETTINGS_DIR"
#: The seed pair a first run opens: a CNN report and a rewrite of it.
SEED_PAIR = ("002", "003")


def open_settings() -> QSettings:
    folder = os.environ.get(SETTINGS_ENV)
    if folder:
        return QSettings(str(pathlib.Path(folder) / "reader.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "reader", "reader")


def seed_paths() -> tuple[pathlib.Path, pathlib.Path] | None:
    folder = seeds_folder()
    found = []
    for number in SEED_PAIR:
        matches = sorted(folder.glob(f"{number}_*.txt")) if folder.is_dir() else []
        if not matches:
            return None
        found.append(matches[0])
    return found[0], found[1]


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        install_message_filter()  # before the platform plugin loads and starts talking
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Reader")
    app.setOrganizationName("reader")
    app.setWindowIcon(icons.app_icon())
    app.setStyleSheet(stylesheet())
    return app


def load_command_line_files(files: list[str]):
    """Documents for the files or URLs given (A, then B); raises DocumentError naming the bad one."""
    return [load_source(path) for path in files]


def open_startup_pair(window) -> str:
    """Open the last pair, else the seed pair; returns what was opened, for the status bar."""
    last_a, last_b = window.preferences.last_pair()
    if last_a or last_b:
        pages = {side: url for side, url in (("a", last_a), ("b", last_b)) if url and is_web_url(url)}
        try:
            documents = [load_document(p) if p and side not in pages else None
                         for side, p in (("a", last_a), ("b", last_b))]
        except DocumentError as error:
            message = f"Could not reopen the last pair ({error}); "
        else:
            window.compare(*documents)
            for side, url in pages.items():  # fetched again in the background, as Open URL does
                window.open_url(side, url)
            fetching = "".join(f"; fetching {url} again for {side.upper()}…" for side, url in pages.items())
            return "Reopened the last pair" + (fetching or ".")
    else:
        message = ""
    seeds = seed_paths()
    if seeds is None:
        window.compare(None, None)
        return message + (f"the seed articles were not found in {seeds_folder()}; "
                          "open two documents with Ctrl+O and Ctrl+Shift+O.")
    try:
        window.compare(*(load_document(p) for p in seeds))
    except DocumentError as error:
        window.compare(None, None)
        return message + f"the seed articles could not be read ({error})."
    return message + "Showing the example pair: a CNN report (A) and a rewrite of it (B)."


def create_window(files: list[str] | None = None, align_function=None, database=None):
    """Build the window on ``files`` (or the startup pair) without entering the event loop.

    ``database`` (a ``reader.storage`` database) turns annotations on.
    """
    from reader.ui.main_window import MainWindow  # after the QApplication exists

    ensure_application()
    documents = load_command_line_files(files or [])
    window = MainWindow(Preferences(open_settings()), align_function, database)
    if documents:
        window.compare(documents[0], documents[1] if len(documents) > 1 else None)
        window.statusBar().showMessage("Opened " + " and ".join(d.source for d in documents), 5000)
    else:
        note = open_startup_pair(window)
        window.statusBar().showMessage(note[:1].upper() + note[1:], 15000)
    return window


def run_app(args) -> int:
    files = list(getattr(args, "files", None) or [])
    problem = display_problem()
    if problem:
        print(f"reader: error: {problem}", file=sys.stderr)
        return 2
    try:
        app = ensure_application()
        from reader.storage.annotations import open_window_database

        database, database_problem = open_window_database(getattr(args, "db", None))
        window = create_window(files, database=database)
        if window.library is not None:
            window.library.add_seeds_on_first_run()  # the app's first run, not every window a test builds
    except DocumentError as error:
        print(f"reader: error: {error}", file=sys.stderr)
        return 2
    window.show()
    if database_problem:
        window.show_error(database_problem)
    return app.exec()
