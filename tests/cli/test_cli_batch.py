"""``reader batch``: hand-made pair lists, PAN pairs, the detections format, progress, bad input."""

import io
import json
import pathlib

import pytest

from reader.commands.batch import progress_printer
from reader.core.align import align
from reader.core.batchrun import PASSAGES, REGIONS, detections, match_entry
from reader.core.config import AlignConfig
from reader.core.documents import load_document
from reader.core.evaluate import overlaps, parse_detections
from reader.core.pan import read_cases
from tests.cli.cli_run import assert_user_error, run_cli
from tests.conftest import SEEDS, seed_path

CORPUS = pathlib.Path(__file__).resolve().parents[2] / ".." / "shared" / "pan13-train"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/pan13-train is absent")


def seed_pairs(tmp_path, *pairs, extra=""):
    listing = tmp_path / "pairs.txt"
    listing.write_text("\n".join(f"{seed_path(a).name} {seed_path(b).name}" for a, b in pairs) + "\n" + extra)
    return listing


def expected_matches(a, b, unit=REGIONS):
    alignment = align(load_document(seed_path(a)).text, load_document(seed_path(b)).text, AlignConfig(word_diff=False))
    return [match_entry(m) for m in detections(alignment, unit)]


def test_batch_writes_the_referee_format_in_input_order(capsys, tmp_path):
    listing = seed_pairs(tmp_path, (2, 3), (2, 4), (0, 1), extra="\n   \n")
    out = tmp_path / "det.json"
    status, stdout, err = run_cli(capsys, "batch", listing, "--root", SEEDS, "--out", out, "--jobs", "1")
    assert (status, err) == (0, "")
    assert "3 pairs aligned" in stdout and str(out) in stdout
    data = json.loads(out.read_text())
    assert [(p["a"], p["b"]) for p in data["pairs"]] == [
        (seed_path(a).name, seed_path(b).name) for a, b in ((2, 3), (2, 4), (0, 1))]
    parse_detections(data)  # the shape score.py reads
    assert data["config"]["word_diff"] is False
    assert data["pairs"][0]["matches"] == expected_matches(2, 3)
    assert data["pairs"][0]["matches"], "003 is a rewrite of 002"


def test_batch_in_several_processes_gives_the_same_output(capsys, tmp_path):
    listing = seed_pairs(tmp_path, (2, 3), (2, 4), (3, 4), (0, 2))
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert run_cli(capsys, "batch", listing, "--root", SEEDS, "--out", one, "--jobs", "1")[0] == 0
    assert run_cli(capsys, "batch", listing, "--root", SEEDS, "--out", two, "--jobs", "2")[0] == 0
    assert json.loads(one.read_text()) == json.loads(two.read_text())


def test_unit_passages_writes_every_passage(capsys, tmp_path):
    listing = seed_pairs(tmp_path, (2, 3))
    out = tmp_path / "det.json"
    assert run_cli(capsys, "batch", listing, "--root", SEEDS, "--out", out, "--jobs", "1", "--unit", "passages")[0] == 0
    assert json.loads(out.read_text())["pairs"][0]["matches"] == expected_matches(2, 3, PASSAGES)


@needs_corpus
def test_batch_on_pan_pairs_names_source_as_a_and_finds_verbatim_copies(capsys, tmp_path):
    lines = (CORPUS / "02-no-obfuscation" / "pairs").read_text().splitlines()[:4]
    listing = tmp_path / "pairs"
    listing.write_text("\n".join(lines) + "\n")
    out = tmp_path / "det.json"
    status, _, err = run_cli(capsys, "batch", listing, "--pan", "--root", CORPUS, "--out", out, "--jobs", "2")
    assert (status, err) == (0, "")
    pairs = json.loads(out.read_text())["pairs"]
    for line, entry in zip(lines, pairs):
        susp, src = line.split()
        assert (entry["a"], entry["b"]) == (f"src/{src}", f"susp/{susp}")
        source_text = load_document(CORPUS / entry["a"]).text
        cases = read_cases(CORPUS / "02-no-obfuscation" / f"{susp[:-4]}-{src[:-4]}.xml")
        # Every pair of this subset carries verbatim copies: the engine must find at least one.
        assert any(overlaps(case.a, ((m["a"][0], m["a"][1]),)) and overlaps(case.b, ((m["b"][0], m["b"][1]),))
                   for case in cases for m in entry["matches"]), f"no verbatim case found in {entry['a']}"
        assert all(m["a"][1] <= len(source_text) for m in entry["matches"])


def test_progress_line_only_on_a_terminal(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert progress_printer("batch") is None
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    progress = progress_printer("batch")
    progress(1, 2)
    progress(2, 2)
    shown = terminal.getvalue()
    assert shown.startswith("\rbatch: 1/2 pairs (50%)") and "\rbatch: 2/2 pairs (100%)" in shown
    assert shown.endswith("\n")


def test_no_progress_noise_when_stderr_is_not_a_terminal(capsys, tmp_path):
    listing = seed_pairs(tmp_path, (2, 3))
    status, _, err = run_cli(capsys, "batch", listing, "--root", SEEDS, "--out", tmp_path / "d.json", "--jobs", "1")
    assert (status, err) == (0, "")


# -- bad input ---------------------------------------------------------------------------------

def test_bad_line(capsys, tmp_path):
    listing = seed_pairs(tmp_path, (2, 3), extra="only-one-path.txt\n")
    assert_user_error(run_cli(capsys, "batch", listing, "--root", SEEDS, "--out", tmp_path / "d.json"),
                      listing, "line 2", "expected two paths")


def test_bad_pan_line(capsys, tmp_path):
    listing = tmp_path / "pairs"
    listing.write_text("a.txt b.txt c.txt\n")
    assert_user_error(run_cli(capsys, "batch", listing, "--pan", "--root", tmp_path, "--out", tmp_path / "d.json"),
                      listing, "line 1")


def test_missing_listed_file(capsys, tmp_path):
    listing = seed_pairs(tmp_path, (2, 3), extra=f"{seed_path(2).name} nowhere.txt\n")
    message = assert_user_error(run_cli(capsys, "batch", listing, "--root", SEEDS, "--out", tmp_path / "d.json"),
                                f"{listing}:2", "nowhere.txt", "no such file")
    assert not (tmp_path / "d.json").exists(), message


def test_missing_pair_list_and_empty_pair_list(capsys, tmp_path):
    missing = tmp_path / "absent.txt"
    assert_user_error(run_cli(capsys, "batch", missing, "--root", SEEDS, "--out", tmp_path / "d.json"),
                      missing, "no such file")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    assert_user_error(run_cli(capsys, "batch", empty, "--root", SEEDS, "--out", tmp_path / "d.json"),
                      empty, "lists no pairs")


def test_missing_root_and_unwritable_output(capsys, tmp_path):
    listing = seed_pairs(tmp_path, (2, 3))
    assert_user_error(run_cli(capsys, "batch", listing, "--root", tmp_path / "nope", "--out", tmp_path / "d.json"),
                      tmp_path / "nope", "no such folder")
    assert_user_error(run_cli(capsys, "batch", listing, "--root", SEEDS, "--out", tmp_path / "no" / "d.json"),
                      "does not exist")
    assert_user_error(run_cli(capsys, "batch", listing, "--root", SEEDS, "--out", tmp_path), "is a folder")


def test_unloadable_document_keeps_an_existing_output(capsys, tmp_path):
    root = tmp_path / "docs"
    root.mkdir()
    (root / "good.txt").write_text(seed_path(2).read_text(encoding="utf-8"), encoding="utf-8")
    (root / "empty.txt").write_text("")
    listing = tmp_path / "pairs.txt"
    listing.write_text("good.txt empty.txt\n")
    out = tmp_path / "d.json"
    out.write_text("previous results")
    assert_user_error(run_cli(capsys, "batch", listing, "--root", root, "--out", out, "--jobs", "2"),
                      root / "empty.txt", "file is empty")
    assert out.read_text() == "previous results"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json", "docs", "pairs.txt"]  # no temp file left


@pytest.mark.parametrize("argv, fragment", [
    (["--jobs", "0"], "must be at least 1"),
    (["--jobs", "many"], "expected a number of processes"),
    (["--unit", "words"], "invalid choice"),
])
def test_bad_options(capsys, tmp_path, argv, fragment):
    listing = seed_pairs(tmp_path, (2, 3))
    assert_user_error(run_cli(capsys, "batch", listing, "--root", SEEDS, "--out", tmp_path / "d.json", *argv),
                      fragment)


def test_required_options(capsys, tmp_path):
    assert_user_error(run_cli(capsys, "batch", tmp_path / "pairs.txt"), "required", "--root", "--out")
