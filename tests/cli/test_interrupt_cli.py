"""Ctrl+C during a many-process run (``scan``, ``batch``): the terminal sends SIGINT to the whole
process group, workers included. The run must end at once with ``reader: interrupted`` and
status 130: no worker traceback, no hang, no half-written output file."""

import os
import signal
import subprocess
import sys
import time

import pytest

from benchmarks.synthetic_corpus import generate_corpus

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("interrupt") / "corpus"
    generate_corpus(1500, seed=4, vocabulary=20000).write(folder)
    return folder


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def _interrupt_when_working(argv: list[str], out) -> tuple[int, str]:
    """Run ``reader ARGV`` in its own process group; once its worker processes exist and have
    had a moment to start working, SIGINT the whole group as a terminal's Ctrl+C does."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "reader", *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True, env=env, text=True)
    deadline = time.monotonic() + 30
    # The fork server is a child; the pool workers are its children.
    while time.monotonic() < deadline and proc.poll() is None:
        if any(len(_children(c)) >= 2 for c in _children(proc.pid)):
            break
        time.sleep(0.02)
    time.sleep(0.2)
    assert proc.poll() is None, "the run ended before it could be interrupted; make it larger"
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("reader hung after Ctrl+C")
    assert not out.exists()
    return proc.returncode, err


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs /proc to find the workers")
def test_ctrl_c_during_scan_ends_cleanly(tmp_path, folder):
    out = tmp_path / "pairs.csv"
    status, err = _interrupt_when_working(["scan", str(folder), "--out", str(out), "--workers", "2"], out)
    assert (status, err) == (130, "reader: interrupted\n")


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs /proc to find the workers")
def test_ctrl_c_during_batch_ends_cleanly(tmp_path, folder):
    names = sorted(p.name for p in folder.iterdir())
    pairs = tmp_path / "pairs.txt"
    pairs.write_text("".join(f"{a} {b}\n" for a, b in zip(names[::2], names[1::2])), encoding="utf-8")
    out = tmp_path / "det.json"
    status, err = _interrupt_when_working(["batch", str(pairs), "--root", str(folder), "--out", str(out),
                                           "--jobs", "2"], out)
    assert (status, err) == (130, "reader: interrupted\n")
