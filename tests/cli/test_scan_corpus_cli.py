"""``reader scan`` on corpus files (one article per row) and into a Parquet result folder."""

import csv
import json

import pytest

from tests.cli.cli_run import assert_user_error, run_cli
from tests.conftest import SEEDS


@pytest.fixture
def seeds_csv(tmp_path):
    """The five seeds as a CSV archive with the newsroom's own column names."""
    path = tmp_path / "archive.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["article_id", "body", "headline"])
        writer.writeheader()
        for p in sorted(SEEDS.glob("*.txt")):
            writer.writerow({"article_id": p.name[:3], "body": p.read_text(encoding="utf-8"), "headline": p.stem})
    return path


def test_a_csv_archive_with_mapped_columns_into_a_parquet_folder(capsys, tmp_path, seeds_csv):
    pytest.importorskip("pyarrow")
    from reader.core.scan_output import read_result

    out = tmp_path / "pairs.parquet"
    status, stdout, err = run_cli(capsys, "scan", seeds_csv, "--out", out, "--id-column", "article_id",
                                  "--text-column", "body", "--title-column", "headline")
    assert status == 0, err
    assert "5 documents" in stdout and (out / "part-00000.parquet").is_file()
    result = read_result(out)
    edges = {(p.source, p.copy) for p in result.pairs if p.relation == "derived"}
    assert edges == {("002", "003"), ("002", "004"), ("003", "004")}
    header = json.loads((out / "scan.json").read_text(encoding="utf-8"))
    assert header["source_format"] == "csv" and header["columns"]["text"] == "body"
    assert header["documents_scanned"] == 5 and result.titles["002"].startswith("002_")


def test_the_json_result_lists_the_documents_that_share_something(capsys, tmp_path, seeds_csv):
    out = tmp_path / "pairs.json"
    status, _, err = run_cli(capsys, "scan", seeds_csv, "--out", out, "--id-column", "article_id",
                             "--text-column", "body")
    assert status == 0, err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["source"] == str(seeds_csv) and data["scheduler"] is None
    assert {d["key"] for d in data["documents"]} == {k for p in data["pairs"] for k in (p["doc_a"], p["doc_b"])}


@pytest.mark.parametrize("make_args, fragments", [
    (lambda t, c: ["scan", c, "--out", t / "o.json"], ["archive.csv", "row 1", "no 'id'", "--id-column"]),
    (lambda t, c: ["scan", c, "--out", t / "o.json", "--id-column", "article_id"], ["no text", "--text-column"]),
    (lambda t, c: ["scan", t / "missing.jsonl", "--out", t / "o.json"], ["missing.jsonl", "no such file"]),
    (lambda t, c: ["scan", c, "--out", t / "o.json", "--workers", "0"], ["--workers", "at least 1"]),
])
def test_bad_corpus_input_exits_2_with_one_line(capsys, tmp_path, seeds_csv, make_args, fragments):
    assert_user_error(run_cli(capsys, *make_args(tmp_path, seeds_csv)), *fragments)
