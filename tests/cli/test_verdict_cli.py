"""The verdict and the one share figure in ``compare``, ``sources`` and ``scan``.

No test here expects a particular verdict for a seed pair: the engine is being rebuilt, and a
verdict follows from what it finds. They check that every output carries the verdict, that the
outputs agree with each other, and that a pair's share is one figure everywhere.
"""

import csv
import json
import shutil

from reader.core.verdict import RELATIONS
from tests.cli.cli_run import run_cli
from tests.conftest import seed_path

VERDICT_KEYS = {"relation", "later", "sentences_total", "sentences_restating", "sentences_in_order",
                "sentences_quoting", "sentences_new", "passages", "quote_passages", "share", "direction",
                "evidence", "text", "direction_text"}


def test_compare_json_has_the_verdict_and_the_report_leads_with_it(capsys):
    status, out, err = run_cli(capsys, "compare", seed_path(2), seed_path(3), "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    verdict = data["verdict"]
    assert set(verdict) == VERDICT_KEYS
    assert verdict["relation"] in RELATIONS and verdict["passages"] == data["summary"]["matches"]
    assert (verdict["sentences_restating"] + verdict["sentences_quoting"] + verdict["sentences_new"]
            == verdict["sentences_total"])
    assert verdict["sentences_in_order"] <= verdict["sentences_restating"]
    if verdict["later"] is not None:
        assert verdict["share"] == data["summary"][f"share_{verdict['later']}"]
    status, report, _ = run_cli(capsys, "compare", seed_path(2), seed_path(3))
    lines = report.splitlines()
    assert lines[0] == verdict["text"]
    if verdict["direction_text"]:
        assert lines[1] == verdict["direction_text"]


def test_compare_json_says_nothing_is_shared(capsys, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Cats sleep most of the afternoon in warm places near windows.\n", encoding="utf-8")
    b.write_text("Quarterly revenue of the shipping firm rose by four percent.\n", encoding="utf-8")
    status, out, _ = run_cli(capsys, "compare", a, b, "--json")
    verdict = json.loads(out)["verdict"]
    assert (status, verdict["relation"], verdict["text"], verdict["share"]) == (0, "none", "No shared text.", 0.0)


def test_one_pair_has_one_share_in_compare_sources_and_scan(capsys, tmp_path):
    """Seeds 002 and 003 once showed 42% (compare), 41.7% (sources) and 0.395 (scan)."""
    folder = tmp_path / "pair"
    folder.mkdir()
    for n in (2, 3):
        shutil.copy(seed_path(n), folder / f"{n:03d}.txt")
    a, b = folder / "002.txt", folder / "003.txt"

    _, out, _ = run_cli(capsys, "compare", a, b, "--json")
    compare = json.loads(out)
    shares = (compare["summary"]["share_a"], compare["summary"]["share_b"])
    _, report, _ = run_cli(capsys, "compare", a, b)

    status, out, err = run_cli(capsys, "sources", b, "--library", folder, "--json")
    assert status == 0, err
    ranking = json.loads(out)
    (row,) = [r for part in ("sources", "copies", "related") for r in ranking[part]]
    assert (row["other_share"], row["share"]) == shares
    _, sources_report, _ = run_cli(capsys, "sources", b, "--library", folder)

    for fmt in ("json", "csv"):
        out_file = tmp_path / f"pairs.{fmt}"
        status, _, err = run_cli(capsys, "scan", folder, "--out", out_file, "--workers", "1")
        assert status == 0, err
        if fmt == "json":
            (pair,) = json.loads(out_file.read_text(encoding="utf-8"))["pairs"]
        else:
            (pair,) = list(csv.DictReader(out_file.open(encoding="utf-8")))
            assert not any(k.startswith("derived_share") for k in pair)  # no second "share"
        assert (pair["doc_a"], pair["doc_b"]) == ("002.txt", "003.txt")
        assert (float(pair["share_a"]), float(pair["share_b"])) == shares
        assert pair["verdict"] == compare["verdict"]["relation"] == row["verdict"]["relation"]

    # People read the same rounded percentage everywhere.
    for share, side, other in ((shares[0], "A", "B"), (shares[1], "B", "A")):
        assert f"{side} shares {share * 100:.0f}% of its text with {other}." in report
    assert f"{shares[1] * 100:.0f}%" in sources_report and f"{shares[0] * 100:.0f}%" in sources_report
    assert "." not in sources_report.split("share  theirs")[1].split("\n")[1].split()[0]  # "42%", not "41.7%"
