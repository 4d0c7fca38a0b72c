"""``reader screenshot``: renders the window on the seed pair to a PNG of the asked size."""

import os
import subprocess
import sys

from PySide6.QtGui import QImage


def run_reader(*args, env_extra=None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env,
                          cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                          timeout=120)


def test_screenshot_of_the_seed_pair(qapp, tmp_path, settings_dir):
    out = tmp_path / "window.png"
    result = run_reader("screenshot", str(out), "--size", "1000x700", "--select", "1")
    assert result.returncode == 0, result.stderr
    assert "passages" in result.stdout
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)
    assert list(settings_dir.iterdir()) == []  # the user's settings were not touched


def test_screenshot_bad_arguments_exit_2(tmp_path):
    result = run_reader("screenshot", str(tmp_path / "x.png"), "--size", "huge")
    assert result.returncode == 2 and "--size" in result.stderr
    result = run_reader("screenshot", str(tmp_path / "x.png"), str(tmp_path / "missing.txt"), str(tmp_path / "b.txt"))
    assert result.returncode == 2 and "missing.txt" in result.stderr and result.stderr.count("\n") == 1


def test_screenshot_to_a_place_that_cannot_be_written_is_refused_before_rendering(tmp_path):
    for out, problem in ((tmp_path, "is a folder"), (tmp_path / "no" / "x.png", f"folder {tmp_path / 'no'} does not exist")):
        result = run_reader("screenshot", str(out))
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"reader: error: {out}: {problem}")
        assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_options_may_follow_the_files_and_qt_chatter_stays_out_of_the_terminal(qapp, tmp_path, seeds):
    out = tmp_path / "window.png"
    result = run_reader("screenshot", str(out), "--size", "900x600", str(seeds(0)), str(seeds(1)))
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).width() == 900
    assert result.stderr == ""  # the offscreen plugin's "does not support propagateSizeHints()" is filtered
    result = run_reader("screenshot", str(out), str(seeds(0)), "--bogus")
    assert result.returncode == 2 and "unrecognized arguments" in result.stderr
