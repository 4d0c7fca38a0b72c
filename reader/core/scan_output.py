"""Scan results on disk: written by ``reader scan``, read back by the window.

A RESULT is one of:

- ``.json``: ``ScanHeader`` fields (where SOURCE is and how to read it, the documents that share
  something or, for a folder scanned locally, every document) and ``"pairs"``, one row each;
- ``.csv``: the pair rows alone (``FIELDS``);
- a Parquet folder (``--out NAME.parquet`` or ``--format parquet``): the rows in files
  ``part-00000.parquet``... of at most ``ROWS_PER_FILE`` rows, for results too big for one
  file, and the header in ``scan.json`` beside them.

``record_row(record, titles)`` is one row (the same fields everywhere); ``write_result`` writes
a RESULT, ``read_result`` reads one back as ``ScanFile``: its header and ``ResultPair`` rows
(what the overview, the matrix and ``reader.core.derivation.derivation_graph`` need);
``source_documents(header, keys)`` fetches documents from SOURCE (a folder or a corpus
file, local or at a URL through a reader the caller passes) when the window opens a pair. Parquet
needs pyarrow (the ``cluster`` extra), imported only for Parquet. Must not import Qt,
``reader.storage`` or Dask.
"""

from __future__ import annotations

import csv
import io
import json
import pathlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace

from reader.core.atomic import write_atomic
from reader.core.corpus_files import Columns, fetch_documents
from reader.core.csv_cells import safe_cell
from reader.core.documents import Document, DocumentError, document_from_text, load_document

__all__ = ["FIELDS", "ROWS_PER_FILE", "ScanHeader", "ResultPair", "ScanFile", "record_row", "output_format",
           "write_result", "read_result", "HEADER_FILE", "ResultError", "source_documents"]

# No "derived_share" columns: that measure (article body outside quotations) decides direction
# internally; shown beside share_a/share_b it read as a second, different share of the same text.
FIELDS = ("doc_a", "doc_b", "title_a", "title_b", "share_a", "share_b", "passages", "quote_passages",
          "relation", "verdict", "source", "copy", "basis", "confidence", "later", "sentences_total",
          "sentences_restating", "sentences_in_order", "sentences_new", "longest_verbatim_words",
          "verbatim", "edited", "paraphrase", "quote", "verdict_text")
#: Pair rows per Parquet file: some 30 MB, which any tool opens at once.
ROWS_PER_FILE = 100_000
#: The header of a Parquet RESULT folder.
HEADER_FILE = "scan.json"
FORMATS = ("csv", "json", "parquet")


class ResultError(ValueError):
    """A RESULT that cannot be read; the message is one line naming it."""


@dataclass(frozen=True, slots=True)
class ScanHeader:
    """What a RESULT says besides its pairs: where the texts are, and the documents' labels."""

    #: SOURCE as given to ``scan`` (absolute for a local path): a folder or a corpus file/URL.
    source: str
    #: ``"folder"``, ``"jsonl"``, ``"csv"`` or ``"parquet"``.
    source_format: str
    #: ``reader.core.corpus_files.Columns`` as a dict (corpus files only).
    columns: dict | None
    documents_scanned: int
    #: ``{"key", "title", "published", ...}`` of the documents listed (see the module docstring).
    documents: list[dict]
    candidates_aligned: int
    seconds: float
    #: ``None`` for a scan on this machine, ``"local"`` or the scheduler's address for Dask.
    scheduler: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ResultPair:
    """One pair row read back: what the overview and the derivation graph need."""

    a: str
    b: str
    share_a: float
    share_b: float
    passages: int
    relation: str
    source: str | None
    copy: str | None
    basis: str | None
    verdict_text: str = ""

    def share_of(self, key) -> float:
        return self.share_a if key == self.a else self.share_b


@dataclass(frozen=True, slots=True)
class ScanFile:
    header: ScanHeader
    pairs: tuple[ResultPair, ...]

    @property
    def titles(self) -> dict[str, str]:
        return {str(d["key"]): d.get("title") or str(d["key"]) for d in self.header.documents}


def record_row(record, titles: dict) -> dict:
    """One RESULT row of a ``reader.core.corpus_records.PairRecord``."""
    kinds = dict(record.kinds)
    v = record.verdict
    later = {"a": record.a, "b": record.b}.get(v.later)
    return {
        "doc_a": record.a, "doc_b": record.b,
        "title_a": titles.get(record.a, ""), "title_b": titles.get(record.b, ""),
        "share_a": record.share_a, "share_b": record.share_b,
        "passages": record.passages, "quote_passages": record.quote_passages,
        "relation": record.relation, "verdict": v.relation, "source": record.source, "copy": record.copy,
        "basis": record.basis, "confidence": record.confidence, "later": later,
        "sentences_total": v.sentences_total, "sentences_restating": v.sentences_restating,
        "sentences_in_order": v.sentences_in_order, "sentences_new": v.sentences_new,
        "longest_verbatim_words": record.longest_verbatim_words,
        **{k: kinds.get(k, 0) for k in ("verbatim", "edited", "paraphrase", "quote")},
        "verdict_text": v.describe((str(record.a), str(record.b))),
    }


def output_format(out: str, chosen: str | None) -> str:
    """``csv``, ``json`` or ``parquet``: ``chosen``, else from the extension of ``out``."""
    if chosen:
        return chosen
    suffix = pathlib.Path(out).suffix.lower()
    if suffix in (".csv", ".json", ".parquet"):
        return suffix[1:]
    raise ValueError(f"{out}: cannot tell the output format from the extension; "
                     "use .csv or .json, or .parquet for a folder of Parquet files, or --format")


def _header_dict(header: ScanHeader) -> dict:
    out = asdict(header)
    out.update(out.pop("extra"))
    out["seconds"] = round(header.seconds, 2)
    return out


def _csv_text(rows: Iterable[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else safe_cell(v)) for k, v in row.items()})
    return buffer.getvalue()


def write_result(out: str | pathlib.Path, fmt: str, header: ScanHeader, rows: list[dict]) -> None:
    """Write a RESULT; raises ``OSError`` when it cannot be written."""
    path = pathlib.Path(out)
    if fmt == "json":
        payload = {**_header_dict(header), "pairs": rows}
        write_atomic(path, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")  # never half a result
    elif fmt == "csv":
        write_atomic(path, _csv_text(rows))
    elif fmt == "parquet":
        _write_parquet(path, header, rows)
    else:
        raise ValueError(f"unknown result format {fmt!r}")


def _write_parquet(folder: pathlib.Path, header: ScanHeader, rows: list[dict]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("part-*.parquet"):  # a result written again replaces the old one
        old.unlink()
    schema = pa.schema([(name, pa.float64() if name in ("share_a", "share_b", "confidence")
                         else pa.int64() if name in _INT_FIELDS else pa.string()) for name in FIELDS])
    for number, start in enumerate(range(0, max(1, len(rows)), ROWS_PER_FILE)):
        chunk = rows[start:start + ROWS_PER_FILE]
        columns = {name: [None if r[name] is None else (str(r[name]) if name not in _NUMERIC else r[name])
                          for r in chunk] for name in FIELDS}
        pq.write_table(pa.table(columns, schema=schema), folder / f"part-{number:05d}.parquet")
    (folder / HEADER_FILE).write_text(json.dumps(_header_dict(header), ensure_ascii=False, indent=2) + "\n",
                                      encoding="utf-8")


_INT_FIELDS = {"passages", "quote_passages", "sentences_total", "sentences_restating", "sentences_in_order",
               "sentences_new", "longest_verbatim_words", "verbatim", "edited", "paraphrase", "quote"}
_NUMERIC = _INT_FIELDS | {"share_a", "share_b", "confidence"}


def _pair(row: dict) -> ResultPair:
    def text(name: str) -> str | None:
        value = row.get(name)
        return None if value in (None, "") else str(value)

    try:
        return ResultPair(str(row["doc_a"]), str(row["doc_b"]), float(row["share_a"]), float(row["share_b"]),
                          int(row["passages"]), str(row["relation"]), text("source"), text("copy"),
                          text("basis"), text("verdict_text") or "")
    except (KeyError, TypeError, ValueError) as exc:
        raise ResultError(f"a pair row lacks a field or has a bad value ({exc})") from None


def _header(data: dict, where: str) -> ScanHeader:
    known = {f for f in ScanHeader.__dataclass_fields__ if f != "extra"}
    try:
        values = {k: data[k] for k in known if k in data}
        if "source" not in values and "folder" in data:  # results written before corpus files
            values["source"] = data["folder"]
        values.setdefault("source_format", "folder")
        values.setdefault("columns", None)
        values.setdefault("documents_scanned", len(data.get("documents", ())))
        values.setdefault("documents", [])
        values.setdefault("candidates_aligned", 0)
        values.setdefault("seconds", 0.0)
        return ScanHeader(**values)
    except (KeyError, TypeError) as exc:
        raise ResultError(f"{where}: not a scan result ({exc})") from None


def read_result(path: str | pathlib.Path) -> ScanFile:
    """A RESULT read back; ``ResultError`` (one line naming it) when it is not one."""
    p = pathlib.Path(path)
    try:
        if p.is_dir():
            import pyarrow.parquet as pq

            header_path = p / HEADER_FILE
            if not header_path.is_file():
                raise ResultError(f"{path}: a folder without {HEADER_FILE}: not a scan result")
            header = _header(json.loads(header_path.read_text(encoding="utf-8")), str(path))
            rows = [r for file in sorted(p.glob("part-*.parquet")) for r in pq.read_table(file).to_pylist()]
        elif p.suffix.lower() == ".json":
            data = json.loads(p.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or "pairs" not in data:
                raise ResultError(f"{path}: not a scan result (no pairs)")
            header, rows = _header(data, str(path)), data["pairs"]
        elif p.suffix.lower() == ".csv":
            with p.open(encoding="utf-8", newline="") as f:
                rows = list(csv.DictReader(f))
            titles: dict[str, str] = {}
            for r in rows:
                titles.setdefault(r.get("doc_a", ""), r.get("title_a", ""))
                titles.setdefault(r.get("doc_b", ""), r.get("title_b", ""))
            # A CSV result does not say where its texts are: the window asks for SOURCE.
            header = ScanHeader("", "", None, 0, [{"key": k, "title": t} for k, t in titles.items()], 0, 0.0)
        else:
            raise ResultError(f"{path}: not a scan result (.json, .csv or a Parquet folder)")
    except OSError as exc:
        raise ResultError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ResultError(f"{path}: not a scan result ({exc})") from None
    try:
        pairs = tuple(_pair(r) for r in rows)
    except ResultError as exc:
        raise ResultError(f"{path}: {exc}") from None
    return ScanFile(header, pairs)


def source_documents(header: ScanHeader, keys: Iterable[str], read_url=None) -> dict[str, Document]:
    """The documents ``keys`` of a RESULT's SOURCE, read from the folder or the corpus file.

    A SOURCE given as a URL (``s3://``, ``gs://``, ``https://``...) is read by ``read_url(source,
    columns, keys) -> {key: SourceRow}`` (``reader.cluster.sources.fetch_rows``, which needs the
    cluster extra); without one such a SOURCE is refused. Raises ``ResultError`` (one line) when
    SOURCE is unknown, gone, or lacks one of them.
    """
    wanted = [str(k) for k in keys]
    source = header.source
    if not source:
        raise ResultError("the result does not say where its texts are; choose the SOURCE it was scanned from")
    remote = "://" in source
    if remote and read_url is None:
        raise ResultError(f"{source}: reading a SOURCE at a URL needs the cluster extra "
                          "(pip install 'reader[cluster]'), or copy SOURCE to this machine")
    if remote and header.source_format == "folder":
        raise ResultError(f"{source}: a folder is read from this machine only; copy SOURCE here")
    root = pathlib.Path(source)
    if not remote and not root.exists():
        raise ResultError(f"{source}: SOURCE is gone (moved or deleted); choose where it is now")
    out: dict[str, Document] = {}
    try:
        if header.source_format == "folder":
            for key in wanted:
                out[key] = load_document(root / key)
            return out
        columns = Columns(**header.columns) if header.columns else Columns()
        found = read_url(source, columns, wanted) if remote else fetch_documents(root, columns, wanted)
        for key, row in found.items():
            doc = document_from_text(row.doc.text, title=row.doc.title or None, source=key)
            out[key] = replace(doc, url=row.url, published=row.doc.published)
    except (DocumentError, OSError, ValueError) as exc:
        raise ResultError(str(exc)) from None
    missing = [k for k in wanted if k not in out]
    if missing:
        raise ResultError(f"{source}: no document {missing[0]!r}; is this the SOURCE the result was scanned from?")
    return out
