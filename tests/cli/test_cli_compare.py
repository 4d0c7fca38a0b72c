"""``reader compare``: the readable report, ``--json``, option mapping, and every bad argument."""

import json
import subprocess
import sys

import pytest

from reader.cli import build_parser
from reader.commands.compare import engine_config, excerpt
from reader.core.config import AlignConfig
from reader.core.documents import load_document
from reader.core.matches import KINDS
from tests.cli.cli_run import assert_user_error, run_cli
from tests.conftest import seed_path


@pytest.fixture
def pair_json(capsys):
    status, out, err = run_cli(capsys, "compare", seed_path(2), seed_path(3), "--json")
    assert (status, err) == (0, "")
    return json.loads(out)


@pytest.mark.parametrize("json_flag", [["--json"], []])
def test_compare_as_its_own_process_prints_all_of_it(capsys, monkeypatch, json_flag):
    # As a program, compare ends its process without the interpreter's clean-up
    # (``reader.cli._end_now``): what it printed must all be there, as in process, status 0.
    monkeypatch.setenv("COLUMNS", "100")  # one report width in and out of process
    monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)  # its output buffered, as usual
    argv = ["compare", str(seed_path(2)), str(seed_path(3)), *json_flag]
    done = subprocess.run([sys.executable, "-m", "reader", *argv], capture_output=True, encoding="utf-8")
    assert (done.returncode, done.stderr) == (0, "")
    status, out, err = run_cli(capsys, *argv)
    assert done.stdout == out and out.endswith("\n")


def test_json_describes_both_documents(pair_json):
    for side, number in (("a", 2), ("b", 3)):
        doc = load_document(seed_path(number))
        info = pair_json[side]
        assert (info["title"], info["path"], info["hash"]) == (doc.title, doc.path, doc.content_hash)
        assert info["chars"] == len(doc.text)
    assert pair_json["a"]["title"] == "Meta removes Facebook and Instagram accounts of Iran’s Supreme Leader"


def test_json_matches_quote_the_texts_they_point_at(pair_json):
    text_a = load_document(seed_path(2)).text
    text_b = load_document(seed_path(3)).text
    matches = pair_json["matches"]
    assert matches, "002 and 003 (a rewrite of 002) share passages"
    assert pair_json["summary"]["matches"] == len(matches)
    assert [m["a"][0] for m in matches] == sorted(m["a"][0] for m in matches)
    for m in matches:
        (a0, a1), (b0, b1) = m["a"], m["b"]
        assert 0 <= a0 < a1 <= len(text_a) and 0 <= b0 < b1 <= len(text_b)
        assert (m["a_text"], m["b_text"]) == (text_a[a0:a1], text_b[b0:b1])
        assert m["kind"] in KINDS and 0 <= m["score"] <= 1
    summary = pair_json["summary"]
    assert 0 < summary["share_a"] <= 1 and 0 < summary["share_b"] <= 1


def test_report_gives_titles_coverage_and_every_match(capsys, monkeypatch, pair_json):
    monkeypatch.setenv("COLUMNS", "108")  # excerpt width 100
    status, out, err = run_cli(capsys, "compare", seed_path(2), seed_path(3))
    assert (status, err) == (0, "")
    lines = out.splitlines()
    # The verdict leads (one sentence, and why one side is taken for the source when known).
    assert lines[0] == pair_json["verdict"]["text"]
    titles = lines.index("") + 1
    assert lines[titles] == "A  Meta removes Facebook and Instagram accounts of Iran’s Supreme Leader"
    assert lines[titles + 2] == "B  Meta, the parent company of Facebook and Instagram, has…"
    summary, matches = pair_json["summary"], pair_json["matches"]
    assert f"A shares {summary['share_a'] * 100:.0f}% of its text with B." in lines
    assert f"B shares {summary['share_b'] * 100:.0f}% of its text with A." in lines
    assert f"longest verbatim run: {summary['longest_verbatim_words']} words." in out
    assert out.count("   A: ") == len(matches) and out.count("   B: ") == len(matches)
    width = len(str(len(matches)))  # match numbers are right-aligned
    for n, m in enumerate(matches, 1):
        header = next(line for line in lines if line.startswith(f"{n:>{width}}  {m['kind']}"))
        assert f"A {m['a'][0]}–{m['a'][1]}" in header and f"B {m['b'][0]}–{m['b'][1]}" in header
        assert f"A: {excerpt(m['a_text'], 100)}" in out
        assert f"B: {excerpt(m['b_text'], 100)}" in out


def test_report_when_nothing_is_shared(capsys, tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Cats sleep most of the afternoon in warm places near windows.\n")
    b.write_text("Quarterly revenue of the shipping firm rose by four percent.\n")
    status, out, _ = run_cli(capsys, "compare", a, b)
    assert status == 0
    assert "No shared passages" in out
    assert "A shares 0% of its text with B." in out


def test_excerpt_is_one_line_and_elided_in_the_middle():
    assert excerpt("  short\n text  ") == "short text"
    long = "start " + "middle " * 40 + "the end"
    cut = excerpt(long, 40)
    assert len(cut) <= 40 and "\n" not in cut
    assert cut.startswith("start middle") and cut.endswith("the end") and " … " in cut


def test_excerpt_cuts_between_words_not_inside_them():
    text = ("Meta, the parent company of Facebook and Instagram, has taken action against the accounts "
            "for repeatedly violating our Dangerous Organisations policy")
    cut = excerpt(text, 90)
    head, tail = cut.split(" … ")
    assert len(cut) <= 90
    assert text.startswith(head) and text.endswith(tail)
    words = set(text.split())
    assert head.split()[-1] in words and tail.split()[0] in words  # "Inst … atedly" read as nonsense
    # Scripts without spaces are still cut to the width.
    chinese = "这是一个测试句子，我们正在比较两篇文章。" * 20
    cut = excerpt(chinese, 40)
    assert len(cut) <= 40 and " … " in cut

def test_options_map_to_the_engine_config():
    args = build_parser().parse_args(["compare", "a", "b", "--min-length", "300", "--no-paraphrase",
                                      "--looseness", "0.2", "--ignore-quotes"])
    assert engine_config(args) == AlignConfig(min_passage_chars=300, paraphrase=False, looseness=0.2,
                                              ignore_quotes=True)
    assert engine_config(build_parser().parse_args(["compare", "a", "b"])) == AlignConfig()


def test_no_paraphrase_reports_no_paraphrase(capsys):
    status, out, _ = run_cli(capsys, "compare", seed_path(2), seed_path(3), "--json", "--no-paraphrase")
    assert status == 0
    assert all(m["kind"] != "paraphrase" for m in json.loads(out)["matches"])


def test_min_length_longer_than_both_texts_reports_nothing(capsys):
    status, out, _ = run_cli(capsys, "compare", seed_path(2), seed_path(3), "--min-length", "10000")
    assert status == 0
    assert "No shared passages (passages shorter than 10000 characters are not reported)." in out


# -- bad arguments and bad files ---------------------------------------------------------------

def test_missing_file(capsys, tmp_path):
    missing = tmp_path / "absent.txt"
    assert_user_error(run_cli(capsys, "compare", missing, seed_path(2)), missing, "no such file")


def test_empty_file(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert_user_error(run_cli(capsys, "compare", seed_path(2), empty), empty, "file is empty")


def test_folder(capsys, tmp_path):
    assert_user_error(run_cli(capsys, "compare", tmp_path, seed_path(2)), tmp_path, "is a folder")


def test_unsupported_file_type(capsys, tmp_path):
    odt = tmp_path / "paper.odt"
    odt.write_bytes(b"PK\x03\x04")
    assert_user_error(run_cli(capsys, "compare", seed_path(2), odt), odt, "unsupported file type", ".docx, .pdf")


def test_damaged_pdf(capsys, tmp_path):
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    assert_user_error(run_cli(capsys, "compare", seed_path(2), pdf), pdf, "not a readable PDF file")


def test_docx_copy_of_a_seed_compares_like_the_text_file(capsys, tmp_path):
    import docx

    word = docx.Document()
    with open(seed_path(2), encoding="utf-8") as f:
        for line in f.read().splitlines():
            if line.strip():
                word.add_paragraph(line)
    path = tmp_path / "cnn.docx"
    word.save(path)
    results = []
    for a in (seed_path(2), path):
        status, out, err = run_cli(capsys, "compare", a, seed_path(3), "--json")
        assert (status, err) == (0, "")
        results.append(json.loads(out))
    from_text, from_word = results
    assert from_word["a"]["format"] == "docx"
    assert from_word["a"]["title"] == from_text["a"]["title"]
    assert from_word["summary"] == from_text["summary"]
    assert [m["b_text"] for m in from_word["matches"]] == [m["b_text"] for m in from_text["matches"]]


def test_binary_file(capsys, tmp_path):
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"\x00\x01\x02\xff" * 100)
    assert_user_error(run_cli(capsys, "compare", blob, seed_path(2)), blob, "binary file")


@pytest.mark.parametrize("option, value, problem", [
    ("--looseness", "2", "must be from 0 to 1"),
    ("--looseness", "nan", "must be from 0 to 1"),
    ("--looseness", "loose", "expected a number"),
    ("--min-length", "0", "must be at least 1"),
    ("--min-length", "ten", "expected a whole number"),
])
def test_bad_option_values(capsys, option, value, problem):
    assert_user_error(run_cli(capsys, "compare", seed_path(2), seed_path(3), option, value), option, problem)


def test_missing_argument(capsys):
    assert_user_error(run_cli(capsys, "compare", seed_path(2)), "required")


def test_json_lists_the_changed_facts_of_every_match(pair_json):
    text_a = load_document(seed_path(2)).text
    text_b = load_document(seed_path(3)).text
    found = []
    for m in pair_json["matches"]:
        for fact in m["facts"]:
            assert set(fact) == {"kind", "a", "b", "a_span", "b_span"}  # the shape
            assert fact["a"] is not None or fact["b"] is not None
            if fact["a"] is not None:
                s, e = fact["a_span"]
                assert text_a[s:e] == fact["a"] and m["a"][0] - len(fact["a"]) <= s < m["a"][1]
            if fact["b"] is not None:
                s, e = fact["b_span"]
                assert text_b[s:e] == fact["b"]
            found.append((fact["kind"], fact["a"], fact["b"]))
    assert ("name", "US State Department", "US") in found and ("date", "2021", None) in found
    assert len(found) == 9  # tests/core/test_facts.py: EXPECTED_002_003


def test_report_gives_a_line_per_changed_fact(capsys, pair_json):
    status, out, _ = run_cli(capsys, "compare", seed_path(2), seed_path(3))
    flagged = [f for m in pair_json["matches"] for f in m["facts"]]
    assert out.count("\n    ! ") == len(flagged) > 0
    assert "! date dropped: 2021" in out and "! name changed: “US State Department” → “US”" in out
    assert f"Changed facts: {len(flagged)} in " in out


def test_one_file_given_twice_is_said_first_and_plainly(capsys):
    path = seed_path(2)
    status, out, _err = run_cli(capsys, "compare", path, path)
    assert status == 0
    assert out.startswith("A and B are the same file (002_")
    status, out, _err = run_cli(capsys, "compare", "--json", path, path)
    assert status == 0 and json.loads(out)["note"].startswith("A and B are the same file")
    status, out, _err = run_cli(capsys, "compare", "--json", path, seed_path(3))
    assert "note" not in json.loads(out)
