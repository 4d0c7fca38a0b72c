"""AlignmentRunner: results arrive off the GUI thread; a stale result never wins; cancel and failure."""

import threading

from reader.core.align import Cancelled, align
from reader.core.config import AlignConfig
from reader.ui.worker import AlignmentRunner


def test_real_alignment_arrives_with_progress(qtbot, seeds):
    text_a, text_b = seeds(2).read_text(encoding="utf-8"), seeds(3).read_text(encoding="utf-8")
    runner = AlignmentRunner()
    reports = []
    runner.progress.connect(lambda done, total: reports.append((done, total)))
    with qtbot.waitSignal(runner.finished, timeout=20_000) as blocker:
        runner.request(text_a, text_b, AlignConfig())
    result = blocker.args[0]
    assert result == align(text_a, text_b, AlignConfig())
    assert reports and reports[-1][0] == reports[-1][1]
    assert not runner.busy
    runner.shutdown()


def test_a_stale_result_never_overwrites_a_newer_one(qtbot):
    """The first request is still running when the second is made; only the second's result is reported."""
    first_running = threading.Event()
    release_first = threading.Event()
    first_saw_cancel = []

    def slow_or_fast(text_a, text_b, config, should_cancel=None, progress=None):
        if text_a == "first":
            first_running.set()
            release_first.wait(10)
            first_saw_cancel.append(should_cancel())
            return "result of first"  # it ignores cancellation: the runner must still drop it
        return "result of second"

    runner = AlignmentRunner(slow_or_fast)
    received = []
    runner.finished.connect(received.append)
    runner.request("first", "b", AlignConfig())
    assert first_running.wait(5)
    runner.request("second", "b", AlignConfig())
    with qtbot.waitSignal(runner.finished, timeout=5000):
        release_first.set()
    assert runner.pool.waitForDone(5000)
    qtbot.wait(100)  # let a queued stale signal be delivered, if one were emitted
    assert received == ["result of second"]
    assert first_saw_cancel == [True]
    runner.shutdown()


def test_cancel_stops_the_run_and_reports_nothing(qtbot):
    started = threading.Event()

    def until_cancelled(text_a, text_b, config, should_cancel=None, progress=None):
        started.set()
        while not should_cancel():
            threading.Event().wait(0.01)
        raise Cancelled()

    runner = AlignmentRunner(until_cancelled)
    received = []
    runner.finished.connect(received.append)
    runner.failed.connect(received.append)
    runner.request("a", "b", AlignConfig())
    assert started.wait(5)
    assert runner.busy
    with qtbot.waitSignal(runner.busy_changed, timeout=2000):
        runner.cancel()
    assert runner.pool.waitForDone(5000)
    qtbot.wait(50)
    assert received == [] and not runner.busy


def test_an_engine_error_is_reported_as_a_message(qtbot):
    def broken(text_a, text_b, config, should_cancel=None, progress=None):
        raise ValueError("text too long")

    runner = AlignmentRunner(broken)
    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.request("a", "b", AlignConfig())
    assert blocker.args == ["text too long"]
    assert not runner.busy
    runner.shutdown()
