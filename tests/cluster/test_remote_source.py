"""A scan result whose SOURCE is a URL: the window reads the pair's texts through fsspec.

fsspec's ``memory://`` file system stands in for an object store (``s3://``, ``gs://``): the
corpus files are written there and read back by ``reader.cluster.sources.fetch_rows``, which
``reader.core.scan_output.source_documents`` is handed by the window.
"""

import pytest

pytest.importorskip("fsspec")
pytest.importorskip("pyarrow")

import fsspec  # noqa: E402

from benchmarks.synthetic_corpus import generate_corpus  # noqa: E402
from reader.cluster.sources import fetch_rows  # noqa: E402
from reader.core.scan_output import ResultError, ScanHeader, source_documents  # noqa: E402


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus(40, seed=3, copy_fraction=0.2, vocabulary=4000)


def _header(source: str, fmt: str) -> ScanHeader:
    return ScanHeader(source=source, source_format=fmt, columns=None, documents_scanned=40, documents=[],
                      candidates_aligned=0, seconds=0.0)


@pytest.fixture(scope="module")
def in_memory(corpus, tmp_path_factory):
    local = tmp_path_factory.mktemp("corpus")
    fs = fsspec.filesystem("memory")
    for name, path in (("c.jsonl", corpus.write_jsonl(local / "c.jsonl")),
                       ("c.parquet", corpus.write_parquet(local / "c.parquet", row_group=15))):
        fs.pipe(f"/reader-test/{name}", path.read_bytes())
    yield "memory://reader-test"
    fs.rm("/reader-test", recursive=True)


@pytest.mark.parametrize("name, fmt", [("c.jsonl", "jsonl"), ("c.parquet", "parquet")])
def test_a_pair_is_read_from_a_corpus_file_at_a_url(corpus, in_memory, name, fmt):
    first, last = corpus.docs[1], corpus.docs[-1]  # the last one sits in the last row group
    got = source_documents(_header(f"{in_memory}/{name}", fmt), [first.name, last.name], fetch_rows)
    assert got[first.name].text == first.text and got[last.name].text == last.text
    assert got[last.name].title == last.text.split("\n", 1)[0]


def test_a_url_needs_the_reader_and_a_missing_id_is_named(in_memory):
    with pytest.raises(ResultError, match=r"cluster extra"):
        source_documents(_header(f"{in_memory}/c.jsonl", "jsonl"), ["doc00001"])
    with pytest.raises(ResultError, match=r"no document 'nope'"):
        source_documents(_header(f"{in_memory}/c.jsonl", "jsonl"), ["doc00001", "nope"], fetch_rows)
