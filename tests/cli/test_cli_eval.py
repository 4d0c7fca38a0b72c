"""``reader eval``: the engine on a miniature PAN corpus, ``--detections``, figures equal to the
referee's, and every bad argument."""

import pathlib
import subprocess
import sys

import pytest

from tests.cli.cli_run import assert_user_error, run_cli
from tests.conftest import seed_path

SHARED = pathlib.Path(__file__).resolve().parents[2] / ".." / "shared"
REFEREE = SHARED / "eval"
CORPUS = SHARED / "pan13-train"
needs_referee = pytest.mark.skipif(not (REFEREE / "score.py").is_file(), reason="shared/eval is absent")
needs_corpus = pytest.mark.skipif(not (REFEREE / "score.py").is_file() or not CORPUS.is_dir(),
                                  reason="shared/eval or shared/pan13-train is absent")
FIGURES = ("pairs", "cases", "detections", "precision", "recall", "granularity", "plagdet",
           "micro_P", "micro_R", "micro_F1")
UNRELATED = ("Gardeners in the valley planted early tomatoes this spring because the frost ended in March. "
             "The local cooperative sold seedlings at half price, and volunteers taught children how to "
             "prune vines, water deeply and keep slugs away with copper tape around the raised beds.\n")


def read_text(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


@pytest.fixture
def corpus(tmp_path):
    """Two subsets: a pair whose suspicious text copies two paragraphs of seed 002, and a pair
    without reuse."""
    root = tmp_path / "corpus"
    for folder in ("src", "susp", "01-none", "02-copy"):
        (root / folder).mkdir(parents=True)
    source = read_text(seed_path(2))
    paragraphs = source.split("\n\n")
    copied = paragraphs[7] + "\n\n" + paragraphs[8]
    so = source.index(copied)
    host = read_text(seed_path(0))
    cut = host.index("\n\n", 800) + 2
    suspicious = host[:cut] + copied + "\n\n" + host[cut:]
    (root / "src" / "source-document00001.txt").write_text(source, encoding="utf-8", newline="")
    (root / "susp" / "suspicious-document00001.txt").write_text(suspicious, encoding="utf-8", newline="")
    (root / "susp" / "suspicious-document00002.txt").write_text(UNRELATED, encoding="utf-8")
    (root / "02-copy" / "pairs").write_text("suspicious-document00001.txt source-document00001.txt\n")
    (root / "02-copy" / "suspicious-document00001-source-document00001.xml").write_text(
        '<document reference="suspicious-document00001.txt"><feature name="plagiarism" obfuscation="none" '
        f'source_length="{len(copied)}" source_offset="{so}" this_length="{len(copied)}" this_offset="{cut}" '
        'type="artificial" /></document>')
    (root / "01-none" / "pairs").write_text("suspicious-document00002.txt source-document00001.txt\n")
    (root / "01-none" / "suspicious-document00002-source-document00001.xml").write_text(
        '<document reference="suspicious-document00002.txt"></document>')
    return root


def table_rows(out):
    """{row name: {figure: text}} from the printed table."""
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("subset"))
    assert lines[header].split()[1:] == list(FIGURES)
    rows = {}
    for line in lines[header + 1:]:
        name, *values = line.split()
        rows[name] = dict(zip(FIGURES, values))
    return rows


def referee_figures(gold_args, detections):
    gold = subprocess.run([sys.executable, str(REFEREE / "pan_to_gold.py"), *map(str, gold_args)],
                          capture_output=True, text=True, check=True).stdout
    gold_file = pathlib.Path(detections).with_name("gold.json")
    gold_file.write_text(gold)
    line = subprocess.run([sys.executable, str(REFEREE / "score.py"), str(gold_file), str(detections)],
                          capture_output=True, text=True, check=True).stdout.split()
    return dict(item.split("=") for item in line)


def same_as_referee(row, referee):
    names = {"precision": "precision", "recall": "recall", "granularity": "granularity", "plagdet": "plagdet",
             "micro_P": "micro_precision", "micro_R": "micro_recall", "micro_F1": "micro_f1",
             "cases": "cases", "detections": "detections"}
    return {ours: row[ours] for ours in names} == {ours: referee[theirs] for ours, theirs in names.items()}


def test_engine_run_then_scoring_the_saved_detections(capsys, corpus, tmp_path):
    out = tmp_path / "det.json"
    status, printed, err = run_cli(capsys, "eval", corpus, "--jobs", "1", "--out", out)
    assert (status, err) == (0, "")
    assert "2 pairs aligned" in printed
    rows = table_rows(printed)
    assert list(rows) == ["01-none", "02-copy", "all"]
    assert rows["02-copy"]["pairs"] == "1" and rows["02-copy"]["cases"] == "1"
    assert float(rows["02-copy"]["recall"]) > 0.8, "two copied paragraphs must be found"
    assert rows["01-none"]["cases"] == "0"
    status, rescored, _ = run_cli(capsys, "eval", corpus, "--detections", out)
    assert status == 0
    assert table_rows(rescored) == rows


@needs_referee
def test_figures_equal_the_referees_on_the_miniature_corpus(capsys, corpus, tmp_path):
    out = tmp_path / "det.json"
    assert run_cli(capsys, "eval", corpus, "--jobs", "1", "--out", out)[0] == 0
    _, printed, _ = run_cli(capsys, "eval", corpus, "--detections", out)
    assert same_as_referee(table_rows(printed)["all"], referee_figures([corpus], out))
    _, printed, _ = run_cli(capsys, "eval", corpus, "02", "--detections", out)
    rows = table_rows(printed)
    assert list(rows) == ["02-copy"]  # one subset: no "all" row
    assert same_as_referee(rows["02-copy"], referee_figures([corpus, "02-copy"], out))


@needs_corpus
def test_figures_equal_the_referees_on_pan_detections(capsys, tmp_path):
    pairs = (CORPUS / "05-summary-obfuscation" / "pairs").read_text().splitlines()
    listing = tmp_path / "pairs"
    listing.write_text("\n".join(pairs[:40]) + "\n")
    det = tmp_path / "det.json"
    assert run_cli(capsys, "batch", listing, "--pan", "--root", CORPUS, "--out", det, "--jobs", "2")[0] == 0
    status, printed, _ = run_cli(capsys, "eval", CORPUS, "05-summary", "--detections", det)
    assert status == 0
    row = table_rows(printed)["05-summary-obfuscation"]
    assert same_as_referee(row, referee_figures([CORPUS, "05-summary-obfuscation"], det))
    assert int(row["detections"]) > 0


# -- bad arguments and bad files ---------------------------------------------------------------

def test_missing_corpus(capsys, tmp_path):
    assert_user_error(run_cli(capsys, "eval", tmp_path / "nope"), tmp_path / "nope", "no such folder")


def test_folder_without_subsets(capsys, tmp_path):
    assert_user_error(run_cli(capsys, "eval", tmp_path), tmp_path, "no PAN subsets")


def test_unknown_and_ambiguous_subsets(capsys, corpus):
    assert_user_error(run_cli(capsys, "eval", corpus, "07"), "'07' is no subset", "01-none, 02-copy")
    assert_user_error(run_cli(capsys, "eval", corpus, "0"), "'0' matches several subsets")


def test_bad_detections_files(capsys, corpus, tmp_path):
    missing = tmp_path / "absent.json"
    assert_user_error(run_cli(capsys, "eval", corpus, "--detections", missing), missing, "no such file")
    broken = tmp_path / "broken.json"
    broken.write_text('{"pairs": [')
    assert_user_error(run_cli(capsys, "eval", corpus, "--detections", broken), broken, "not valid JSON")
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"pairs": [{"a": "x", "b": "y", "matches": [{"a": [1, 2]}]}]}')
    assert_user_error(run_cli(capsys, "eval", corpus, "--detections", wrong), wrong, "match 1", '"b"')


def test_out_with_detections_is_refused(capsys, corpus, tmp_path):
    det = tmp_path / "det.json"
    det.write_text('{"pairs": []}')
    assert_user_error(run_cli(capsys, "eval", corpus, "--detections", det, "--out", tmp_path / "o.json"),
                      "--out")


def test_unwritable_out_is_refused_before_aligning(capsys, corpus, tmp_path):
    assert_user_error(run_cli(capsys, "eval", corpus, "--out", tmp_path / "no" / "det.json"), "does not exist")


def test_missing_document_in_corpus(capsys, corpus):
    (corpus / "susp" / "suspicious-document00002.txt").unlink()
    assert_user_error(run_cli(capsys, "eval", corpus, "--jobs", "1"), "suspicious-document00002.txt", "no such file")
