"""File > Open Scan Result…: a ``reader scan`` result shown in the Corpus Overview; a pair opened
from it fetches its two texts from the SOURCE the result names (or one the user points to)."""

import json

import pytest

from benchmarks.synthetic_corpus import generate_corpus
from tests.cli.cli_run import run_cli


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus(30, seed=5, copy_fraction=0.2, vocabulary=5000)


@pytest.fixture
def result(tmp_path, corpus, capsys):
    source = corpus.write_jsonl(tmp_path / "archive.jsonl")
    out = tmp_path / "pairs.json"
    status, _, err = run_cli(capsys, "scan", source, "--out", out, "--workers", "1")
    assert status == 0, err
    return out


def _open(qtbot, window, path):
    """Open ``path`` as File > Open Scan Result… does once a file is chosen; the dialog shown."""
    opener = _opener(window)
    with qtbot.waitSignal(opener.opened, timeout=20_000) as got:
        window.open_scan_result(str(path))
    return got.args[0]


def _opener(window):
    from reader.ui.corpus.results import ScanResultOpener

    window.scan_results = ScanResultOpener(window, window.compare, window.show_error)
    return window.scan_results


def test_the_file_menu_opens_a_result_and_a_pair_reads_its_texts(qtbot, make_window, result, corpus):
    window = make_window(wait=False)
    titles = [a.text() for a in window.menus["file"].actions()]
    assert "Open Scan &Result…" in titles
    dialog = _open(qtbot, window, result)
    pairs = json.loads(result.read_text(encoding="utf-8"))["pairs"]
    assert dialog.pairs.topLevelItemCount() == len(pairs) > 0
    assert dialog.tabs.isEnabled() and not dialog.cancel_button.isVisible()
    assert "30 documents scanned" in dialog.status.text()
    shared = {p[k] for p in pairs for k in ("doc_a", "doc_b")}
    assert set(dialog.result.keys) == shared  # the documents that share something
    assert len(dialog.graph.edges) == sum(1 for p in pairs if p["relation"] == "derived" and p["source"])

    shown = []
    window.scan_results.compare = lambda a, b: shown.append((a, b))
    first = pairs[0]
    source, copy = (first["source"], first["copy"]) if first["source"] else (first["doc_a"], first["doc_b"])
    dialog.pairs.itemActivated.emit(dialog.pairs.topLevelItem(0), 0)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    texts = {d.name: d.text for d in corpus.docs}
    a, b = shown[0]
    assert (a.text, b.text) == (texts[source], texts[copy])
    assert a.source == source and a.title == texts[source].split("\n", 1)[0]


def test_a_csv_result_asks_where_the_texts_are(qtbot, make_window, tmp_path, corpus, capsys):
    source = corpus.write_jsonl(tmp_path / "archive.jsonl")
    out = tmp_path / "pairs.csv"
    assert run_cli(capsys, "scan", source, "--out", out, "--workers", "1")[0] == 0
    window = make_window(wait=False)
    opener = _opener(window)
    with qtbot.waitSignal(opener.opened, timeout=20_000) as got:
        opener.open(str(out))
    dialog = got.args[0]
    errors = []
    window.show_error = errors.append
    opener.show_error = errors.append
    asked = []
    opener._ask_for_source = lambda: asked.append(1) or opener.set_source(str(source)) or True
    shown = []
    opener.compare = lambda a, b: shown.append((a, b))
    dialog.pairs.itemActivated.emit(dialog.pairs.topLevelItem(0), 0)
    qtbot.waitUntil(lambda: bool(shown) or bool(errors), timeout=20_000)
    assert asked and not errors and shown[0][0].text.strip()


def test_a_result_that_is_not_one_is_an_error_line(qtbot, make_window, tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    window = make_window(wait=False)
    opener = _opener(window)
    errors = []
    opener.show_error = errors.append
    opener.open(str(bad))
    qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
    assert "not a scan result" in errors[0] and str(bad) in errors[0]


def test_a_big_result_lists_every_pair_though_the_pictures_show_the_strongest(qtbot, make_window, result,
                                                                             monkeypatch):
    from reader.ui.corpus import overview

    pairs = json.loads(result.read_text(encoding="utf-8"))["pairs"]
    assert len(pairs) > 4
    monkeypatch.setattr(overview, "RESULT_DOCUMENTS", 4)
    window = make_window(wait=False)
    dialog = _open(qtbot, window, result)
    assert len(dialog.result.keys) < len({p[k] for p in pairs for k in ("doc_a", "doc_b")})
    assert dialog.pairs.topLevelItemCount() == len(pairs)  # the table: every pair
    assert "show the" in dialog.status.text() and "strongest pairs" in dialog.status.text()
    # A pair only the table lists opens with its source first, as any other.
    shown = []
    window.scan_results.compare = lambda a, b: shown.append((a.source, b.source))
    last = pairs[-1]
    dialog.pairs.itemActivated.emit(dialog.pairs.topLevelItem(len(pairs) - 1), 0)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    expected = (last["source"], last["copy"]) if last["source"] else (last["doc_a"], last["doc_b"])
    assert shown[0] == expected

    monkeypatch.setattr(overview, "RESULT_TABLE_PAIRS", 3)
    dialog = _open(qtbot, window, result)
    assert dialog.pairs.topLevelItemCount() == 3
    assert "The table lists the strongest 3 pairs." in dialog.status.text()
