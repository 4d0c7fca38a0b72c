"""``reader scan DIR --out FILE``: a generated folder with planted copies, the seeds, bad input."""

import csv
import json
import shutil

import pytest

from benchmarks.synthetic_corpus import generate_corpus
from tests.cli.cli_run import assert_user_error, run_cli
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus(30, seed=5, copy_fraction=0.2, vocabulary=5000)


@pytest.fixture
def folder(tmp_path, corpus):
    corpus.write(tmp_path / "corpus")
    return tmp_path / "corpus"


def test_scan_json_finds_the_planted_pairs(capsys, tmp_path, folder, corpus):
    out = tmp_path / "pairs.json"
    status, stdout, err = run_cli(capsys, "scan", folder, "--out", out, "--workers", "1")
    assert status == 0, err
    assert "30 documents" in stdout and str(out) in stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["documents"]) == 30
    pairs = {tuple(sorted((p["doc_a"][:-4], p["doc_b"][:-4]))): p for p in data["pairs"]}
    assert corpus.planted_pairs <= set(pairs) <= corpus.related | corpus.quoting
    # Two reports that carry the same quotation share a passage, but neither copied the other.
    quoting = set(pairs) & corpus.quoting
    assert quoting and all(pairs[q]["relation"] == "quote" and pairs[q]["source"] is None for q in quoting)
    for p in data["pairs"]:
        assert 0 < max(p["share_a"], p["share_b"]) <= 1 and p["passages"] >= 1
        assert p["relation"] in ("derived", "shared", "quote")
        if p["source"] is not None:
            assert {p["source"], p["copy"]} == {p["doc_a"], p["doc_b"]}


def test_scan_csv_of_the_seeds(capsys, tmp_path):
    out = tmp_path / "seeds.csv"
    status, _, err = run_cli(capsys, "scan", SEEDS, "--out", out)
    assert status == 0, err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert set(rows[0]) >= {"doc_a", "doc_b", "share_a", "share_b", "passages", "relation", "source", "copy"}
    edges = {(r["source"][:3], r["copy"][:3]) for r in rows if r["relation"] == "derived"}
    assert edges == {("002", "003"), ("002", "004"), ("003", "004")}
    by_pair = {(r["doc_a"][:3], r["doc_b"][:3]): r for r in rows}
    assert by_pair[("001", "002")]["relation"] in ("quote", "shared") and by_pair[("001", "002")]["source"] == ""
    assert float(by_pair[("002", "003")]["share_b"]) > 0.3


def test_scan_skips_bad_and_repeated_files_with_a_warning(capsys, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for n in ("002", "003"):
        shutil.copy(next(SEEDS.glob(f"{n}_*.txt")), folder / f"{n}.txt")
    shutil.copy(folder / "002.txt", folder / "again.txt")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "binary.html").write_bytes(b"\x00\x01\x02" * 50)
    (folder / "notes.docx.bak").write_text("ignored: not a document type", encoding="utf-8")
    out = tmp_path / "pairs.json"
    status, stdout, err = run_cli(capsys, "scan", folder, "--out", out)
    assert status == 0, err
    warnings = err.strip().splitlines()
    assert len(warnings) == 3
    assert any("empty.txt" in w and "empty" in w for w in warnings)
    assert any("binary.html" in w for w in warnings)
    assert any("again.txt" in w and "same text as 002.txt" in w for w in warnings)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [p["doc_a"] + " " + p["doc_b"] for p in data["pairs"]] == ["002.txt 003.txt"]


def test_scan_format_option_overrides_the_extension(capsys, tmp_path):
    out = tmp_path / "pairs.out"
    status, _, err = run_cli(capsys, "scan", SEEDS, "--out", out, "--format", "csv")
    assert status == 0, err
    assert out.read_text(encoding="utf-8").startswith("doc_a,doc_b,")


@pytest.mark.parametrize("make_args, fragments", [
    (lambda t: ["scan", t / "missing", "--out", t / "o.csv"], ["missing", "no such folder"]),
    (lambda t: ["scan", SEEDS / "000_11b721dee89ccde4.txt", "--out", t / "o.csv"], ["is a file"]),
    (lambda t: ["scan", SEEDS, "--out", t / "o.txt"], ["o.txt", ".csv or .json"]),
    (lambda t: ["scan", SEEDS, "--out", t / "nowhere" / "o.csv"], ["does not exist"]),
    (lambda t: ["scan", SEEDS, "--out", t], ["is a folder"]),
    (lambda t: ["scan", t, "--out", t / "o.csv"], ["no readable document"]),
    (lambda t: ["scan", SEEDS, "--out", t / "o.csv", "--workers", "0"], ["--workers", "at least 1"]),
    (lambda t: ["scan", SEEDS], ["--out"]),
])
def test_scan_bad_arguments_exit_2_with_one_line(capsys, tmp_path, make_args, fragments):
    assert_user_error(run_cli(capsys, *make_args(tmp_path)), *fragments)


def test_scan_reads_word_files_and_skips_a_scanned_pdf(capsys, tmp_path):
    import docx

    from tests.core.test_office_documents import pdf_bytes

    folder = tmp_path / "office"
    folder.mkdir()
    word = docx.Document()
    for line in next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8").splitlines():
        if line.strip():
            word.add_paragraph(line)
    word.save(folder / "cnn.docx")
    shutil.copy(next(SEEDS.glob("003_*.txt")), folder / "rewrite.txt")
    (folder / "scan.pdf").write_bytes(pdf_bytes(b"0 0 0 rg 72 72 468 648 re f"))
    out = tmp_path / "pairs.json"
    status, _, err = run_cli(capsys, "scan", folder, "--out", out)
    assert status == 0, err
    assert "scan.pdf" in err and "no text layer" in err
    pairs = json.loads(out.read_text(encoding="utf-8"))["pairs"]
    assert [(p["doc_a"], p["doc_b"], p["relation"], p["source"]) for p in pairs] == [
        ("cnn.docx", "rewrite.txt", "derived", "cnn.docx")]


def test_scan_progress_line_gives_percent_and_time(monkeypatch):
    import io

    from reader.commands.common import progress_printer

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    progress = progress_printer("scan", unit=None)
    progress(1, 4)
    progress(4, 4)
    shown = terminal.getvalue()
    assert shown.startswith("\rscan: 25%, 0:00 elapsed, about 0:00 left")
    assert "\rscan: 100%," in shown and shown.endswith("\n")
