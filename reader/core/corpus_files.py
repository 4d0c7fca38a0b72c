"""Corpus files: an archive of articles kept as one file of rows, read into ``CorpusDoc``.

Researchers keep archives as JSON Lines, CSV or Parquet, one article per row, with the columns
``id``, ``text`` and optionally ``title``, ``url``, ``date`` and ``outlet``; ``Columns`` maps
other column names onto these. ``corpus_format(path)`` tells the format from the suffix
(``.jsonl``/``.ndjson``, ``.csv``, ``.parquet``/``.pq``, also a folder of ``*.parquet``).

- ``rows_to_docs(rows, columns, where)`` turns row mappings into ``SourceRow`` (a ``CorpusDoc``
  with its url and outlet): the one conversion, used by the local scan and by every partition
  of the distributed one, so both see the same keys, texts and dates.
- ``read_corpus_file(path, columns)`` reads a whole file (the local scan).
- ``fetch_documents(path, columns, keys)`` streams a file until it has found ``keys`` (the window
  fetching the two texts of a pair it opens from a scan result).

Errors a user can cause (a missing column, an empty id, a repeated id, a bad line) raise
``CorpusFileError`` (a ``ValueError``) with one line naming the file and the row. Parquet needs
pyarrow (the ``cluster`` extra), imported only when a Parquet file is read. Must not import Qt,
``reader.storage`` or Dask.
"""

from __future__ import annotations

import csv
import json
import pathlib
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from reader.core.corpus_records import CorpusDoc

__all__ = ["Columns", "CorpusFileError", "SourceRow", "corpus_format", "rows_to_docs", "read_corpus_file",
           "iter_rows", "fetch_documents", "is_corpus_file", "CORPUS_SUFFIXES", "parquet_files"]

JSONL, CSV, PARQUET = "jsonl", "csv", "parquet"
CORPUS_SUFFIXES = {".jsonl": JSONL, ".ndjson": JSONL, ".csv": CSV, ".parquet": PARQUET, ".pq": PARQUET}
#: An ISO date is the first 10 characters of an ISO timestamp ("2024-03-05T10:00:00Z").
ISO_DATE_CHARS = 10


class CorpusFileError(ValueError):
    """A corpus file that cannot be read as documents; the message is one line naming it."""


@dataclass(frozen=True, slots=True)
class Columns:
    """Which column holds each field (``--id-column`` and friends)."""

    id: str = "id"
    text: str = "text"
    title: str = "title"
    url: str = "url"
    date: str = "date"
    outlet: str = "outlet"

    def wanted(self) -> list[str]:
        return [self.id, self.text, self.title, self.url, self.date, self.outlet]


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One row of a corpus file: the document the scan compares, and what it only reports."""

    doc: CorpusDoc
    url: str | None = None
    outlet: str | None = None


def corpus_format(path: str | pathlib.Path) -> str | None:
    """``"jsonl"``, ``"csv"`` or ``"parquet"`` from the suffix (a folder of Parquet files is
    ``"parquet"``), or ``None`` when ``path`` is not a corpus file."""
    text = str(path).rstrip("/")
    suffix = pathlib.PurePosixPath(text).suffix.lower()
    if suffix in CORPUS_SUFFIXES:
        return CORPUS_SUFFIXES[suffix]
    p = pathlib.Path(text)
    if p.is_dir() and any(p.glob("*.parquet")):
        return PARQUET
    return None


def is_corpus_file(path: str | pathlib.Path) -> bool:
    return corpus_format(path) is not None


def _text(value) -> str | None:
    """A cell as text: ``None`` for missing or empty cells (NaN from a dataframe included)."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN: an empty cell
        return None
    if hasattr(value, "isoformat"):  # a date or timestamp column
        value = value.isoformat()
    text = str(value).strip()
    return text or None


def rows_to_docs(rows: Iterable[Mapping], columns: Columns, where: str, first_row: int = 1) -> list[SourceRow]:
    """The documents of ``rows``; ``where`` names the file in errors, ``first_row`` numbers rows."""
    out = []
    for number, row in enumerate(rows, start=first_row):
        key = _text(row.get(columns.id))
        if key is None:
            raise CorpusFileError(f"{where}: row {number}: no {columns.id!r} (use --id-column to name the id column)")
        text = row.get(columns.text)
        if not isinstance(text, str) or not text.strip():
            raise CorpusFileError(f"{where}: row {number} ({key}): no text in column {columns.text!r} "
                                  "(use --text-column to name the text column)")
        date = _text(row.get(columns.date))
        doc = CorpusDoc(key, text, _text(row.get(columns.title)) or "", date[:ISO_DATE_CHARS] if date else None)
        out.append(SourceRow(doc, _text(row.get(columns.url)), _text(row.get(columns.outlet))))
    return out


def parquet_files(path: str | pathlib.Path) -> list[pathlib.Path]:
    """The Parquet files of ``path``: itself, or the ``*.parquet`` files of a folder, sorted."""
    p = pathlib.Path(path)
    return sorted(p.glob("*.parquet")) if p.is_dir() else [p]


def _parquet_batches(path: pathlib.Path, columns: Columns) -> Iterator[list[dict]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise CorpusFileError(f"{path}: reading Parquet needs pyarrow: pip install 'reader[cluster]'") from None
    for file in parquet_files(path):
        try:
            parquet = pq.ParquetFile(file)
        except Exception as exc:  # pyarrow raises its own error types for a bad file
            raise CorpusFileError(f"{file}: not a Parquet file ({exc})") from None
        present = [c for c in dict.fromkeys(columns.wanted()) if c in parquet.schema_arrow.names]
        for batch in parquet.iter_batches(columns=present):
            yield batch.to_pylist()


def json_line_rows(lines: Iterable[str], where: str) -> Iterator[Mapping]:
    """The JSON objects of JSON Lines ``lines`` (blank lines skipped). ``CorpusFileError`` names
    ``where`` and the line number for a line that is not a JSON object."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusFileError(f"{where}: line {number}: not valid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise CorpusFileError(f"{where}: line {number}: expected a JSON object")
        yield row


def _jsonl_rows(path: pathlib.Path) -> Iterator[Mapping]:
    with path.open(encoding="utf-8") as f:
        yield from json_line_rows(f, str(path))


def _csv_rows(path: pathlib.Path) -> Iterator[Mapping]:
    # Article texts are long: the csv module's default field limit (128 KiB) is too small.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def iter_rows(path: str | pathlib.Path, columns: Columns, batch: int = 1000) -> Iterator[list[SourceRow]]:
    """The documents of a corpus file, in file order, ``batch`` at a time (Parquet: per batch)."""
    p = pathlib.Path(path)
    fmt = corpus_format(p)
    if fmt is None:
        raise CorpusFileError(f"{path}: not a corpus file (.jsonl, .csv or .parquet)")
    if not p.exists():
        raise CorpusFileError(f"{path}: no such file")
    try:
        if fmt == PARQUET:
            number = 1
            for rows in _parquet_batches(p, columns):
                yield rows_to_docs(rows, columns, str(path), number)
                number += len(rows)
            return
        reader = _jsonl_rows(p) if fmt == JSONL else _csv_rows(p)
        chunk: list[Mapping] = []
        number = 1
        for row in reader:
            chunk.append(row)
            if len(chunk) >= batch:
                yield rows_to_docs(chunk, columns, str(path), number)
                number += len(chunk)
                chunk = []
        if chunk:
            yield rows_to_docs(chunk, columns, str(path), number)
    except UnicodeDecodeError:
        raise CorpusFileError(f"{path}: not UTF-8 text") from None
    except csv.Error as exc:
        raise CorpusFileError(f"{path}: not a readable CSV file ({exc})") from None


def read_corpus_file(path: str | pathlib.Path, columns: Columns = Columns()) -> list[SourceRow]:
    """Every document of a corpus file, in file order; ``CorpusFileError`` on a repeated id."""
    out: list[SourceRow] = []
    seen: set = set()
    for rows in iter_rows(path, columns):
        for row in rows:
            if row.doc.key in seen:
                raise CorpusFileError(f"{path}: id {row.doc.key!r} appears twice; ids must be unique")
            seen.add(row.doc.key)
        out.extend(rows)
    if not out:
        raise CorpusFileError(f"{path}: no documents")
    return out


def fetch_documents(path: str | pathlib.Path, columns: Columns, keys: Iterable) -> dict[str, SourceRow]:
    """The documents of ``keys`` in a corpus file, read until all are found (missing ones left out)."""
    wanted = {str(k) for k in keys}
    found: dict[str, SourceRow] = {}
    for rows in iter_rows(path, columns):
        for row in rows:
            if row.doc.key in wanted:
                found[row.doc.key] = row
        if len(found) == len(wanted):
            break
    return found
