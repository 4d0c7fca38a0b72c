"""Fixtures for window tests: a throw-away settings folder and windows on seed articles.

Helpers are fixtures (not importable functions) because the test folders are not packages.
"""

import pytest


@pytest.fixture(autouse=True)
def settings_dir(tmp_path, monkeypatch):
    """Every UI test reads and writes settings in its own folder, never the user's."""
    folder = tmp_path / "settings"
    folder.mkdir()
    monkeypatch.setenv("READER_SETTINGS_DIR", str(folder))
    return folder


@pytest.fixture
def wait_aligned(qtbot):
    """Wait until a window's newest alignment has arrived; returns it."""
    def wait(window, timeout=20_000):
        comparison = window.comparison
        qtbot.waitUntil(lambda: comparison.alignment is not None and not comparison.busy, timeout=timeout)
        return comparison.alignment

    return wait


@pytest.fixture
def make_window(qtbot, wait_aligned):
    """Build a window (on files, or the startup pair), show it and wait for its alignment."""
    from reader.ui.app import create_window

    def make(files=None, wait=True, align_function=None, database=None, size=(1400, 900)):
        window = create_window([str(f) for f in files] if files else None, align_function=align_function,
                               database=database)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        if wait:
            wait_aligned(window)
        return window

    return make


@pytest.fixture
def seed_window(make_window, seeds):
    """The window on seeds 002 (A) and 003 (B), aligned."""
    return make_window([seeds(2), seeds(3)])
