"""``reader sources DOC``: rank every other document by how much of DOC it shares.

Prints the *likely sources* (documents DOC took from), the *likely copies* (documents that took
from DOC) and the rest that share something with it (direction unknown, a sentence or two, or
only a quotation), each with the share of DOC shared with it and the other document's share
(the one coverage figure, ``reader.core.coverage``: the same as ``compare`` and ``scan``), the
number of passages, the verdict on the pair (``reader.core.verdict``: rewrite, copies, shared,
quotation) and the evidence for the direction. ``--json`` for machines.

The other documents are the library (``--db PATH``, else ``$READER_DB``, else the platform
database; on first run the seed articles) or the files of a folder (``--library DIR``). DOC is a
document id of the library or a file; a file not in the library is compared without being
stored. Candidates come from the shingle index (``reader.core.corpus.CorpusIndex``), so a large
library answers in about a second. Exit status 2 with one line for bad options or files.
Must not import Qt.
"""

from __future__ import annotations

import json
import pathlib
import sys
from dataclasses import replace

from reader.commands.common import PAIR_SECONDS, fail, open_library, positive_digits
from reader.core.coverage import percent
from reader.core.documents import DocumentError, load_document
from reader.core.folders import load_folder
from reader.storage.database import StorageError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "sources", help="rank the documents a document took from, and those that took from it",
        description="Rank every other document of the library (or of a folder) by how much of DOC it "
                    "shares: likely sources, likely copies, and the rest.")
    p.add_argument("doc", metavar="DOC", help="a document id of the library, or a file")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--library", metavar="DIR", help="compare with the documents of this folder")
    where.add_argument("--db", metavar="PATH", help="the database file (default: the library)")
    p.add_argument("--limit", type=positive_digits("a positive number"), default=25, metavar="N",
                   help="documents aligned at most, the index's best candidates (default 25)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a report")
    p.set_defaults(func=run)


def run(args) -> int:
    from reader.core.corpus import SCAN_CONFIG, CorpusDoc, CorpusIndex

    try:
        if args.library is not None:
            docs, titles, key = _from_folder(args)
        else:
            docs, titles, key = _from_database(args)
    except (DocumentError, ValueError) as exc:
        return fail(str(exc))
    except StorageError as exc:
        return fail(str(exc), exc.exit_status)
    index = CorpusIndex(CorpusDoc(*d) for d in docs)
    ranking = index.likely_sources(key, limit=args.limit, config=replace(SCAN_CONFIG, max_seconds=PAIR_SECONDS))
    for other in ranking.skipped:
        print(f"reader sources: left out {_label(other, titles)}: comparing it took over {PAIR_SECONDS:g} s "
              "(very long or very repetitive texts)", file=sys.stderr)
    if args.json:
        sys.stdout.write(json.dumps(_to_json(ranking, titles, index), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_report(ranking, titles))
    return 0


def _from_folder(args):
    folder = pathlib.Path(args.library).expanduser()
    if not folder.is_dir():
        raise ValueError(f"{args.library}: " + ("is a file, not a folder" if folder.exists() else "no such folder"))
    warnings: list[str] = []
    entries = load_folder(folder, warnings.append)
    for message in warnings:
        print(f"reader sources: {message}", file=sys.stderr)
    docs = [(e.key, e.document.text, e.document.title, e.document.published) for e in entries]
    titles = {e.key: e.document.title for e in entries}
    target = load_document(args.doc)
    for e in entries:
        if e.document.content_hash == target.content_hash:
            return docs, titles, e.key
    key = str(args.doc)
    docs.append((key, target.text, target.title, target.published))
    titles[key] = target.title
    return docs, titles, key


def _from_database(args):
    from reader.storage.documents import find_document, get_document
    from reader.storage.library import ensure_seed_library, library_corpus

    db = open_library(args)
    try:
        ensure_seed_library(db)
        corpus = library_corpus(db)
        docs = [(d.key, d.text, d.title, d.published) for d in corpus]
        titles = {d.key: d.title for d in corpus}
        if args.doc.isdigit() and not pathlib.Path(args.doc).is_file():
            key = int(args.doc)
            get_document(db, key, with_text=False)  # StorageError names a missing id
            return docs, titles, key
        target = load_document(args.doc)
        found = find_document(db, content_hash=target.content_hash)
        if found is not None:
            return docs, titles, found
        key = str(args.doc)
        docs.append((key, target.text, target.title, target.published))
        titles[key] = target.title
        return docs, titles, key
    finally:
        db.close()


def _label(key, titles) -> str:
    from reader.commands.library import short

    name = f"#{key}" if isinstance(key, int) else str(key)
    return f"{name} {short(titles.get(key, ''), 50)}"


def _report(ranking, titles) -> str:
    lines = [f"{_label(ranking.key, titles)}: compared with {ranking.compared} of "
             f"{ranking.library - 1} other documents in {ranking.seconds:.2f} s"]
    sections = (("Likely sources (this document took from them)", ranking.sources),
                ("Likely copies (they took from this document)", ranking.copies),
                ("Related (direction unknown, a passage or two, or a shared quotation)", ranking.related))
    for heading, rows in sections:
        lines.append("")
        lines.append(heading + ":")
        if not rows:
            lines.append("  none")
            continue
        lines.append(f"  {'share':>6}  {'theirs':>6}  {'passages':>8}  {'verdict':9}  {'evidence':11}  document")
        for r in rows:
            evidence = r.record.basis if r.role in ("source", "copy") else None
            lines.append(f"  {percent(r.share):>6}  {percent(r.other_share):>6}  {r.passages:>8}  "
                         f"{_relation(r):9}  {evidence or '-':11}  {_label(r.key, titles)}")
    lines.append("")
    lines.append("share: how much of this document is shared with the other; theirs: how much of the other.")
    lines.append("verdict: rewrite (most of the later text's sentences restate the other), copies (passages "
                 "taken), shared (a passage or two: no copying claimed), quotation (a quotation only).")
    return "\n".join(lines) + "\n"


def _relation(ranked) -> str:
    verdict = ranked.record.verdict
    return verdict.relation if verdict is not None else "-"


def _oriented_verdict(ranked, key):
    """The pair's verdict with A = the chosen document ``key``, B = the other."""
    verdict = ranked.record.verdict
    if verdict is None:
        return None
    return verdict if ranked.record.a == key else verdict.swapped()


def _name(key) -> str:
    return f"#{key}" if isinstance(key, int) else str(key)


def _verdict_json(verdict, key, other) -> dict | None:
    """The verdict for JSON, ``later`` naming a document key instead of a side."""
    if verdict is None:
        return None
    data = verdict.to_json((_name(key), _name(other)))
    data["later"] = {"a": key, "b": other}.get(data["later"])
    return data


def _to_json(ranking, titles, index) -> dict:
    def row(r):
        rec = r.record
        verdict = _oriented_verdict(r, ranking.key)
        return {"key": r.key, "title": titles.get(r.key, ""), "role": r.role, "share": r.share,
                "other_share": r.other_share, "passages": r.passages, "quote_passages": rec.quote_passages,
                "relation": rec.relation, "basis": rec.basis, "confidence": rec.confidence,
                "verdict": _verdict_json(verdict, ranking.key, r.key),
                "published": index.get(r.key).published}

    return {"document": {"key": ranking.key, "title": titles.get(ranking.key, "")},
            "compared": ranking.compared, "library": ranking.library, "seconds": round(ranking.seconds, 3),
            "sources": [row(r) for r in ranking.sources], "copies": [row(r) for r in ranking.copies],
            "related": [row(r) for r in ranking.related]}
