"""Corpus files (JSON Lines, CSV, Parquet) read into documents, and scan results read back."""

import csv
import json

import pytest

from reader.core.corpus_files import Columns, CorpusFileError, corpus_format, fetch_documents, read_corpus_file
from reader.core.scan_output import ResultError, ScanHeader, read_result, write_result

ROWS = [
    {"id": 7, "text": "First article.\nSecond line.", "title": "One", "date": "2024-03-05T10:00:00Z",
     "url": "https://example.org/1", "outlet": "Daily"},
    {"id": "b", "text": "Another article, with a comma.", "title": "", "date": None},
]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def write_csv(path, rows, fields=("id", "text", "title", "date", "url", "outlet")):
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        for r in rows:
            writer.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in fields})
    return path


def write_parquet(path, rows):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([{k: (None if v is None else str(v)) for k, v in r.items()} for r in rows])
    pq.write_table(table, path, row_group_size=1)
    return path


@pytest.mark.parametrize("writer, name", [(write_jsonl, "c.jsonl"), (write_csv, "c.csv"), (write_parquet, "c.parquet")])
def test_every_format_gives_the_same_documents(tmp_path, writer, name):
    rows = read_corpus_file(writer(tmp_path / name, ROWS))
    assert [r.doc.key for r in rows] == ["7", "b"]
    first, second = rows
    assert first.doc.text == "First article.\nSecond line." and first.doc.title == "One"
    assert first.doc.published == "2024-03-05"  # the date of an ISO timestamp
    assert (first.url, first.outlet) == ("https://example.org/1", "Daily")
    assert second.doc.title == "" and second.doc.published is None and second.url is None


def test_other_column_names_are_mapped(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", [{"uid": "x1", "body": "Some text here.", "headline": "H",
                                                "pubdate": "2020-01-02"}])
    (row,) = read_corpus_file(path, Columns(id="uid", text="body", title="headline", date="pubdate"))
    assert (row.doc.key, row.doc.text, row.doc.title, row.doc.published) == ("x1", "Some text here.", "H", "2020-01-02")
    with pytest.raises(CorpusFileError, match="row 1.*no 'id'.*--id-column"):
        read_corpus_file(path)


@pytest.mark.parametrize("rows, message", [
    ([{"id": "a", "text": "x y"}, {"id": "a", "text": "z"}], "id 'a' appears twice"),
    ([{"id": "a", "text": "   "}], "row 1 \\(a\\): no text in column 'text'"),
    ([], "no documents"),
])
def test_bad_rows_are_one_line_errors_naming_the_file(tmp_path, rows, message):
    path = write_jsonl(tmp_path / "c.jsonl", rows)
    with pytest.raises(CorpusFileError, match=message) as info:
        read_corpus_file(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_a_bad_json_line_is_named(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "text": "fine"}\n{"id": \n', encoding="utf-8")
    with pytest.raises(CorpusFileError, match="line 2: not valid JSON"):
        read_corpus_file(path)


def test_format_from_the_suffix_and_a_parquet_folder(tmp_path):
    assert corpus_format("x.JSONL") == "jsonl" and corpus_format("s3://bucket/x.parquet") == "parquet"
    assert corpus_format(tmp_path) is None
    write_parquet(tmp_path / "part-0.parquet", ROWS[:1])
    write_parquet(tmp_path / "part-1.parquet", ROWS[1:])
    assert corpus_format(tmp_path) == "parquet"
    assert [r.doc.key for r in read_corpus_file(tmp_path)] == ["7", "b"]


def test_fetch_documents_finds_the_keys_asked_for(tmp_path):
    path = write_csv(tmp_path / "c.csv", ROWS + [{"id": "c", "text": "Third."}])
    found = fetch_documents(path, Columns(), ["c", "7", "missing"])
    assert sorted(found) == ["7", "c"] and found["c"].doc.text == "Third."


def _header(**extra):
    return ScanHeader("/data/c.parquet", "parquet", {"id": "id"}, 3, [{"key": "x", "title": "X", "published": None}],
                      1, 0.5, "local", extra)


ROW = {"doc_a": "x", "doc_b": "y", "title_a": "X", "title_b": "Y", "share_a": 0.5, "share_b": 0.25, "passages": 2,
       "quote_passages": 0, "relation": "derived", "verdict": "copies", "source": "x", "copy": "y",
       "basis": "dates", "confidence": 0.9, "later": "y", "sentences_total": 8, "sentences_restating": 3,
       "sentences_in_order": 3, "sentences_new": 5, "longest_verbatim_words": 20, "verbatim": 2, "edited": 0,
       "paraphrase": 0, "quote": 0, "verdict_text": "y copies passages of x"}


@pytest.mark.parametrize("name, fmt", [("r.json", "json"), ("r.csv", "csv"), ("r.parquet", "parquet")])
def test_results_read_back_as_written(tmp_path, name, fmt):
    write_result(tmp_path / name, fmt, _header(), [ROW, {**ROW, "doc_b": "z", "source": None, "copy": None,
                                                         "basis": None, "relation": "quote"}])
    loaded = read_result(tmp_path / name)
    first, second = loaded.pairs
    assert (first.a, first.b, first.share_a, first.share_b, first.passages) == ("x", "y", 0.5, 0.25, 2)
    assert (first.source, first.copy, first.basis, first.relation) == ("x", "y", "dates", "derived")
    assert (second.source, second.relation) == (None, "quote")
    assert loaded.titles["x"] == "X"
    if fmt != "csv":  # a CSV holds the rows alone
        assert loaded.header.source == "/data/c.parquet" and loaded.header.documents_scanned == 3


def test_a_file_that_is_no_result_is_a_one_line_error(tmp_path):
    (tmp_path / "r.json").write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(ResultError, match="not a scan result"):
        read_result(tmp_path / "r.json")
    with pytest.raises(ResultError, match="not a scan result"):
        read_result(tmp_path)
