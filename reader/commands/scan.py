"""``reader scan DIR --out FILE``: every pair of documents in a folder that shares passages.

Reads every file ``load_document`` reads (``FORMATS``) under DIR (sub-folders included), drops repeated
texts (same content hash), and runs ``reader.core.corpus.scan``: candidates from a shingle index,
alignment of the candidates only, in ``--workers`` processes. Writes one row per pair with both
shares (the one coverage figure, ``reader.core.coverage``: what ``compare`` and ``sources``
show), the number of passages (and of shared quotations), the relation (derived / shared /
quote), the verdict that refines it (``reader.core.verdict``: rewrite or copies for derived
pairs, shared, quotation; with the later text's sentence counts and the verdict sentence) and
the direction (source -> copy, and the evidence: dates, quotations, containment).
The format follows the extension of ``--out`` (``.csv`` or ``.json``) unless ``--format`` says.

An unreadable file is skipped with a one-line warning naming it; the scan goes on. Exit status 2
with a one-line message when DIR is not a folder or holds no readable document, or ``--out``
cannot be written. A progress line is drawn on stderr when it is a terminal. Must not import Qt.
"""

from __future__ import annotations

import csv
import io
import json
import pathlib
import sys
from dataclasses import replace

from reader.commands.common import (
    PAIR_SECONDS,
    at_least_one,
    check_writable,
    fail,
    progress_printer,
    workers_ignore_ctrl_c,
)
from reader.core.atomic import write_atomic
from reader.core.csv_cells import safe_cell
from reader.core.documents import FORMATS_LABEL
from reader.core.folders import FolderDocument, load_folder

# No "derived_share" columns: that measure (article body outside quotations) decides direction
# internally; shown beside share_a/share_b it read as a second, different share of the same text.
FIELDS = ("doc_a", "doc_b", "title_a", "title_b", "share_a", "share_b", "passages", "quote_passages",
          "relation", "verdict", "source", "copy", "basis", "confidence", "later", "sentences_total",
          "sentences_restating", "sentences_in_order", "sentences_new", "longest_verbatim_words",
          "verbatim", "edited", "paraphrase", "quote", "verdict_text")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "scan", help="find every pair of documents in a folder that shares passages",
        description="Find every pair of documents in DIR (and its sub-folders) that shares passages; "
                    "write both shares, the number of passages and the direction (who took from whom).")
    p.add_argument("folder", metavar="DIR", help=f"folder of documents ({FORMATS_LABEL})")
    p.add_argument("--out", required=True, metavar="FILE", help="where to write the pairs (.csv or .json)")
    p.add_argument("--format", choices=("csv", "json"), help="output format (default: from the extension of FILE)")
    p.add_argument("--workers", type=at_least_one("a number of processes"), default=2, metavar="N",
                   help="processes aligning pairs (default 2)")
    p.set_defaults(func=run)


def output_format(out: str, chosen: str | None) -> str:
    if chosen:
        return chosen
    suffix = pathlib.Path(out).suffix.lower()
    if suffix in (".csv", ".json"):
        return suffix[1:]
    raise ValueError(f"{out}: cannot tell the output format from the extension; "
                     "use .csv or .json, or --format")


def record_row(record, titles: dict) -> dict:
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


def render(result, docs: list[FolderDocument], fmt: str, folder: str) -> str:
    titles = {d.key: d.document.title for d in docs}
    rows = [record_row(r, titles) for r in result.records]
    if fmt == "json":
        payload = {
            "folder": folder,
            "documents": [{"key": d.key, "title": d.document.title, "published": d.document.published}
                          for d in docs],
            "candidates_aligned": result.candidates,
            "seconds": round(result.seconds, 2),
            "pairs": rows,
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else safe_cell(v)) for k, v in row.items()})
    return buffer.getvalue()


def run(args) -> int:
    folder = pathlib.Path(args.folder).expanduser()
    try:
        if not folder.exists():
            raise ValueError(f"{args.folder}: no such folder")
        if not folder.is_dir():
            raise ValueError(f"{args.folder}: is a file, not a folder")
        check_writable(args.out)
        fmt = output_format(args.out, args.format)
    except ValueError as exc:
        return fail(str(exc))

    def warn(message: str) -> None:
        print(f"reader scan: {message}", file=sys.stderr)

    docs = load_folder(folder, warn)
    if not docs:
        return fail(f"{args.folder}: no readable document ({FORMATS_LABEL}) in this folder")
    from reader.core.corpus import SCAN_CONFIG, CorpusDoc, scan  # the engine loads only when there is work

    workers_ignore_ctrl_c()
    corpus = [CorpusDoc(d.key, d.document.text, d.document.title, d.document.published) for d in docs]
    result = scan(corpus, workers=args.workers, progress=progress_printer("scan", unit=None),
                  config=replace(SCAN_CONFIG, max_seconds=PAIR_SECONDS))
    for a, b in result.skipped:
        warn(f"left out the pair {a} and {b}: comparing them took over {PAIR_SECONDS:g} s "
             "(very long or very repetitive texts)")
    text = render(result, docs, fmt, str(folder))
    try:
        write_atomic(args.out, text)  # a failed write leaves an earlier result whole
    except OSError as exc:
        return fail(exc)
    derived = sum(1 for r in result.records if r.relation == "derived")
    print(f"{len(docs)} documents, {result.candidates} candidate pairs aligned in {result.seconds:.1f} s: "
          f"{len(result.records)} pairs share passages ({derived} derived); written to {args.out}")
    return 0
