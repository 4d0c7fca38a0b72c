"""TaskRunner: results arrive off the GUI thread; a stale result never wins; cancel, failure,
throttled progress, in-order tasks; and the alignment as the window runs it (``Comparison``)."""

import threading
from functools import partial

from reader.core.align import Cancelled, align
from reader.core.config import AlignConfig
from reader.ui.tasks import ProgressThrottle, TaskRunner


def test_real_alignment_arrives_with_progress(qtbot, seeds):
    text_a, text_b = seeds(2).read_text(encoding="utf-8"), seeds(3).read_text(encoding="utf-8")
    runner = TaskRunner(latest_only=True, pause_gc=True)
    reports = []
    runner.progress.connect(lambda _generation, done, total: reports.append((done, total)))
    with qtbot.waitSignal(runner.finished, timeout=20_000) as blocker:
        generation = runner.start(partial(align, text_a, text_b, AlignConfig()))
    assert blocker.args[0] == generation
    assert blocker.args[1] == align(text_a, text_b, AlignConfig())
    assert reports and reports[-1][0] == reports[-1][1]
    assert not runner.busy
    runner.shutdown()


def test_a_stale_result_never_overwrites_a_newer_one(qtbot):
    """The first request is still running when the second is made; only the second's result is reported."""
    first_running = threading.Event()
    release_first = threading.Event()
    first_saw_cancel = []

    def slow_or_fast(text, should_cancel=None, progress=None):
        if text == "first":
            first_running.set()
            release_first.wait(10)
            first_saw_cancel.append(should_cancel())
            return "result of first"  # it ignores cancellation: the runner must still drop it
        return "result of second"

    runner = TaskRunner(latest_only=True)
    received = []
    runner.finished.connect(lambda _generation, result: received.append(result))
    runner.start(partial(slow_or_fast, "first"))
    assert first_running.wait(5)
    runner.start(partial(slow_or_fast, "second"))
    with qtbot.waitSignal(runner.finished, timeout=5000):
        release_first.set()
    assert runner.pool.waitForDone(5000)
    qtbot.wait(100)  # let a queued stale signal be delivered, if one were emitted
    assert received == ["result of second"]
    assert first_saw_cancel == [True]
    runner.shutdown()


def test_cancel_stops_the_run_and_reports_nothing(qtbot):
    started = threading.Event()

    def until_cancelled(should_cancel=None, progress=None):
        started.set()
        while not should_cancel():
            threading.Event().wait(0.01)
        raise Cancelled()

    runner = TaskRunner(latest_only=True)
    received = []
    runner.finished.connect(lambda *args: received.append(args))
    runner.failed.connect(lambda *args: received.append(args))
    runner.cancelled.connect(lambda *args: received.append(args))
    runner.start(until_cancelled)
    assert started.wait(5)
    assert runner.busy
    with qtbot.waitSignal(runner.busy_changed, timeout=2000):
        runner.cancel()
    assert runner.pool.waitForDone(5000)
    qtbot.wait(50)
    assert received == [] and not runner.busy


def test_an_error_is_reported_as_a_message(qtbot):
    def broken(should_cancel=None, progress=None):
        raise ValueError("text too long")

    runner = TaskRunner(latest_only=True)
    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        generation = runner.start(broken)
    assert blocker.args == [generation, "text too long"]
    assert not runner.busy
    runner.shutdown()


def test_without_latest_only_tasks_run_in_order_and_all_report(qtbot):
    order = []

    def step(name, should_cancel=None, progress=None):
        order.append(name)
        return name

    runner = TaskRunner()
    results = []
    runner.finished.connect(lambda generation, result: results.append((generation, result)))
    first = runner.start(partial(step, "build"))
    second = runner.start(partial(step, "add"))
    with qtbot.waitSignal(runner.finished, timeout=5000,
                          check_params_cb=lambda generation, _result: generation == 3):
        runner.start(partial(step, "rank"))
    assert order == ["build", "add", "rank"]
    assert results == [(first, "build"), (second, "add"), (3, "rank")]
    runner.shutdown()


def test_cancel_without_latest_only_reports_cancelled_and_later_tasks_run(qtbot):
    started = threading.Event()

    def until_cancelled(should_cancel=None, progress=None):
        started.set()
        while not should_cancel():
            threading.Event().wait(0.01)
        raise Cancelled()

    runner = TaskRunner()
    generation = runner.start(until_cancelled)
    assert started.wait(5)
    with qtbot.waitSignal(runner.cancelled, timeout=5000) as blocker:
        runner.cancel()
    assert blocker.args == [generation]
    with qtbot.waitSignal(runner.finished, timeout=5000) as blocker:
        runner.start(lambda should_cancel, progress: should_cancel())
    assert blocker.args[1] is False
    runner.shutdown()


def test_the_global_pool_can_be_chosen(qtbot):
    from PySide6.QtCore import QThreadPool

    runner = TaskRunner(threads=None)
    assert runner.pool is QThreadPool.globalInstance()
    with qtbot.waitSignal(runner.finished, timeout=5000) as blocker:
        runner.start(lambda should_cancel, progress: 42)
    assert blocker.args[1] == 42


def test_progress_is_throttled_but_the_last_report_always_passes():
    reports = []
    throttle = ProgressThrottle(lambda done, total: reports.append((done, total)), interval=3600)
    for done in range(1, 101):
        throttle(done, 100)
    assert reports == [(1, 100), (100, 100)]


def test_the_comparison_aligns_in_the_background_and_reports_without_generations(qtbot):
    from reader.ui.reading.comparison import Comparison

    class Doc:
        def __init__(self, text):
            self.text = text

    def broken(text_a, text_b, config, should_cancel=None, progress=None):
        progress(1, 1)
        raise ValueError(f"{text_a}/{text_b}")

    comparison = Comparison(align_function=broken)
    progress = []
    comparison.progress.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(comparison.failed, timeout=5000) as blocker:
        comparison.set_documents(Doc("a"), Doc("b"))
    assert blocker.args == ["a/b"]
    assert progress == [(1, 1)]
    assert not comparison.busy
    comparison.shutdown()
