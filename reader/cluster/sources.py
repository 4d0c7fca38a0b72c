"""The SOURCE of a distributed scan cut into partitions that workers read themselves.

``plan_partitions(source, columns)`` looks at SOURCE from the client (file names, Parquet
footers, a folder's file list: never the texts) and returns one ``dask.delayed`` value per
partition; computing partition ``p`` on a worker yields its documents as
``[(ordinal, SourceRow), ...]``. SOURCE is a path or any URL fsspec understands (shared
storage, ``s3://``, ``gs://``...): JSON Lines is cut into blocks of ``JSONL_BLOCK_BYTES`` at line
ends, Parquet into row groups, a CSV file is one partition (a quoted text may hold line breaks,
so a CSV file cannot be cut at arbitrary line ends), a folder of documents into runs of
``FOLDER_FILES`` files.

Ordinals keep the file order of the local scan: ``partition << ORDINAL_BITS | row``, so
sorting by ordinal is sorting by (partition, row), which is the order the local scan reads.
Rows are turned into documents by ``reader.core.corpus_files.rows_to_docs``, the same
conversion as the local scan's. Imports Dask and fsspec; must not import Qt or reader.storage.
"""

from __future__ import annotations

import pathlib
import uuid
from dataclasses import dataclass

import dask
import fsspec
from dask.bytes import read_bytes

from reader.core.corpus_files import (
    CSV,
    JSONL,
    PARQUET,
    Columns,
    CorpusFileError,
    SourceRow,
    corpus_format,
    json_line_rows,
    rows_to_docs,
)
from reader.core.corpus_records import CorpusDoc

#: Bits of an ordinal that number the rows of one partition (16 M rows: no partition comes close).
ORDINAL_BITS = 32
#: JSON Lines block per partition: some 10,000 news articles, a few seconds of shingling, and
#: small enough that a worker holds a handful at once within a 4 GB limit.
JSONL_BLOCK_BYTES = 32 * 2**20
#: Files of a document folder per partition: as many articles as a JSON Lines block holds.
FOLDER_FILES = 5_000


def ordinal(partition: int, row: int) -> int:
    return partition << ORDINAL_BITS | row


def partition_of(ordinal_: int) -> int:
    return ordinal_ >> ORDINAL_BITS


@dataclass(frozen=True, slots=True)
class SourcePlan:
    """SOURCE cut into partitions: ``parts[p]`` is a delayed ``[(ordinal, SourceRow), ...]``."""

    source: str
    format: str  # jsonl | csv | parquet | folder
    parts: tuple


def _numbered(partition: int, rows: list[SourceRow]) -> list[tuple[int, SourceRow]]:
    return [(ordinal(partition, i), row) for i, row in enumerate(rows)]


def _read_jsonl_block(block: bytes, partition: int, columns: Columns, where: str) -> list[tuple[int, SourceRow]]:
    # Line numbers count from the start of the block: the partition is named with them.
    rows = list(json_line_rows(block.decode("utf-8").splitlines(), f"{where} (partition {partition})"))
    return _numbered(partition, rows_to_docs(rows, columns, f"{where} (partition {partition})"))


def _read_csv_file(url: str, partition: int, columns: Columns) -> list[tuple[int, SourceRow]]:
    import csv
    import sys

    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # article texts outgrow the 128 KiB default
    with fsspec.open(url, "rt", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return _numbered(partition, rows_to_docs(rows, columns, url))


def _read_parquet_group(url: str, group: int, partition: int, columns: Columns) -> list[tuple[int, SourceRow]]:
    import pyarrow.parquet as pq

    with fsspec.open(url, "rb") as f:
        parquet = pq.ParquetFile(f)
        present = [c for c in dict.fromkeys(columns.wanted()) if c in parquet.schema_arrow.names]
        rows = parquet.read_row_group(group, columns=present).to_pylist()
    first = 1 + sum(parquet.metadata.row_group(g).num_rows for g in range(group))
    return _numbered(partition, rows_to_docs(rows, columns, url, first))


def _read_folder_files(root: str, keys: list[str], partition: int) -> list[tuple[int, SourceRow]]:
    from reader.core.documents import DocumentError, load_document

    out = []
    for row, key in enumerate(keys):
        try:
            doc = load_document(pathlib.Path(root) / key)
        except DocumentError:
            continue  # reported by the client's hash pass, which left it out of ``keys`` already
        out.append((ordinal(partition, row), SourceRow(CorpusDoc(key, doc.text, doc.title, doc.published),
                                                       doc.url, None)))
    return out


def _parquet_parts(source: str, columns: Columns, prefix: str) -> list:
    import pyarrow.parquet as pq

    fs, path = fsspec.core.url_to_fs(source)
    files = sorted(fs.glob(path.rstrip("/") + "/*.parquet")) if fs.isdir(path) else [path]
    parts = []
    for file in files:
        url = fs.unstrip_protocol(file) if "://" in source else file
        with fs.open(file, "rb") as f:
            groups = pq.ParquetFile(f).metadata.num_row_groups
        for group in range(groups):
            parts.append(dask.delayed(_read_parquet_group)(url, group, len(parts), columns,
                                                           dask_key_name=f"{prefix}-{len(parts)}"))
    return parts


def fetch_rows(source: str, columns: Columns, keys) -> dict[str, SourceRow]:
    """The rows of ``keys`` in the corpus file (or Parquet folder) at SOURCE, any URL fsspec reads.

    Reads partition after partition in this process (no cluster) and stops once every key is
    found: what the window needs to show one pair of a scan result. Missing keys are left out.
    """
    wanted = {str(k) for k in keys}
    found: dict[str, SourceRow] = {}
    for part in plan_partitions(source, columns).parts:
        for _, row in part.compute(scheduler="sync"):
            if row.doc.key in wanted:
                found[row.doc.key] = row
        if len(found) == len(wanted):
            break
    return found


def plan_partitions(source: str, columns: Columns, folder_keys: list[str] | None = None) -> SourcePlan:
    """The partitions of SOURCE; ``folder_keys`` (relative paths) when SOURCE is a document folder."""
    # One key prefix per plan: the alignment tasks name the same partitions as the shingling
    # tasks, and two scans sharing a cluster never mix their partitions.
    prefix = f"reader-read-{uuid.uuid4().hex[:12]}"
    if folder_keys is not None:
        runs = [folder_keys[i:i + FOLDER_FILES] for i in range(0, len(folder_keys), FOLDER_FILES)]
        parts = [dask.delayed(_read_folder_files)(source, run, p, dask_key_name=f"{prefix}-{p}")
                 for p, run in enumerate(runs)]
        return SourcePlan(source, "folder", tuple(parts))
    fmt = corpus_format(source)
    if fmt == PARQUET:
        parts = _parquet_parts(source, columns, prefix)
    elif fmt == JSONL:
        _, blocks = read_bytes(source, delimiter=b"\n", blocksize=JSONL_BLOCK_BYTES, sample=False)
        flat = [b for file_blocks in blocks for b in file_blocks]
        parts = [dask.delayed(_read_jsonl_block)(b, p, columns, source, dask_key_name=f"{prefix}-{p}")
                 for p, b in enumerate(flat)]
    elif fmt == CSV:
        fs, path = fsspec.core.url_to_fs(source)
        files = sorted(fs.glob(path)) if any(ch in path for ch in "*?[") else [path]
        parts = [dask.delayed(_read_csv_file)(fs.unstrip_protocol(f) if "://" in source else f, p, columns,
                                              dask_key_name=f"{prefix}-{p}")
                 for p, f in enumerate(files)]
    else:
        raise CorpusFileError(f"{source}: not a corpus file (.jsonl, .csv or .parquet) or folder")
    if not parts:
        raise CorpusFileError(f"{source}: no documents")
    return SourcePlan(source, fmt, tuple(parts))


def _hash_files(root: str, keys: list[str]) -> list[tuple[str, str | None, str | None]]:
    """``(key, content hash, None)`` for each readable file, ``(key, None, why)`` for the others."""
    from reader.core.documents import DocumentError, load_document

    out: list[tuple[str, str | None, str | None]] = []
    for key in keys:
        try:
            out.append((key, load_document(pathlib.Path(root) / key).content_hash, None))
        except DocumentError as exc:
            out.append((key, None, str(exc)))
    return out


def readable_folder_keys(client, folder: str, warn) -> list[str]:
    """The files of a document folder the scan compares, as ``load_folder`` picks them (readable,
    first of each repeated text), found by the workers: only names and hashes reach the client."""
    from reader.core.folders import document_files

    root = pathlib.Path(folder)
    keys = [p.relative_to(root).as_posix() for p in document_files(root)]
    runs = [keys[i:i + FOLDER_FILES] for i in range(0, len(keys), FOLDER_FILES)]
    futures = client.compute([dask.delayed(_hash_files)(str(root), run) for run in runs])
    seen: dict[str, str] = {}
    kept = []
    try:
        for run in client.gather(futures):
            for key, digest, why in run:
                if digest is None:
                    warn(f"skipped {why}")
                elif digest in seen:
                    warn(f"skipped {root / key}: same text as {seen[digest]}")
                else:
                    seen[digest] = key
                    kept.append(key)
    except BaseException:
        client.cancel(futures)
        raise
    return kept
