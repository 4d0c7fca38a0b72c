"""``reader scan SOURCE --out RESULT``: every pair of documents in an archive that shares passages.

SOURCE is a folder of documents (every file ``load_document`` reads, sub-folders included,
repeated texts dropped) or a corpus file: JSON Lines, CSV or Parquet (a file or a folder of
``*.parquet``), one article per row with ``id``, ``text`` and optionally ``title``, ``url``,
``date``, ``outlet`` (``--text-column`` and friends map other names;
``reader.core.corpus_files``). With ``--scheduler`` SOURCE may be any URL fsspec reads.

Without ``--scheduler`` the scan runs here (``reader.core.corpus.scan``: candidates from a shingle
index, alignment of the candidates only, in ``--workers`` processes). With ``--scheduler ADDRESS``
it runs on that Dask cluster, and ``--scheduler local`` starts one here of ``--workers``
processes of ``--memory-limit`` each (``reader.cluster.scan``; Dask is the ``cluster`` extra,
imported only then). Both give the same pairs.

Writes one row per pair (``reader.core.scan_output.FIELDS``): both shares (the one coverage figure,
``reader.core.coverage``), the number of passages (and of shared quotations), the relation, the
verdict that refines it, and the direction with its evidence. RESULT is ``.json`` (with where
SOURCE is, for the window's File > Open Scan Result), ``.csv``, or a Parquet folder
(``.parquet`` or ``--format parquet``). An unreadable file of a folder is skipped with a
one-line warning naming it. Exit status 2 with a one-line message for a missing or unreadable
SOURCE, a bad row, an unwritable RESULT, or Dask missing; a progress line (tasks done / total and
the time left, on a cluster) is drawn on stderr when it is a terminal. Must not import Qt.
"""

from __future__ import annotations

import logging
import os
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
from reader.core.corpus_files import Columns, CorpusFileError, corpus_format, read_corpus_file
from reader.core.documents import FORMATS_LABEL
from reader.core.folders import load_folder
from reader.core.scan_output import FORMATS, ScanHeader, output_format, record_row, write_result

#: What ``pip install`` line to print when Dask or pyarrow is missing.
CLUSTER_EXTRA = "pip install 'reader[cluster]'"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "scan", help="find every pair of documents in a folder or corpus file that shares passages",
        description="Find every pair of documents in SOURCE that shares passages; write both shares, the "
                    "number of passages and the direction (who took from whom).")
    p.add_argument("folder", metavar="SOURCE",
                   help=f"a folder of documents ({FORMATS_LABEL}) or a corpus file (.jsonl, .csv, .parquet)")
    p.add_argument("--out", required=True, metavar="RESULT",
                   help="where to write the pairs: .csv, .json, or a folder of Parquet files (.parquet)")
    p.add_argument("--format", choices=FORMATS, help="output format (default: from the extension of RESULT)")
    p.add_argument("--workers", type=at_least_one("a number of processes"), default=2, metavar="N",
                   help="processes aligning pairs, or workers of --scheduler local (default 2)")
    columns = p.add_argument_group("corpus file columns")
    for field, default in zip(Columns.__dataclass_fields__, Columns().wanted()):
        columns.add_argument(f"--{field}-column", default=default, metavar="NAME",
                             help=f"column holding the {field} (default {default!r})")
    cluster = p.add_argument_group("running on a Dask cluster (pip install 'reader[cluster]')")
    cluster.add_argument("--scheduler", metavar="ADDRESS",
                         help="run the scan on the Dask cluster at ADDRESS (tcp://host:8786), or 'local' to "
                              "start one here with --workers processes")
    cluster.add_argument("--memory-limit", default="4GB", metavar="SIZE",
                         help="memory limit of each worker of --scheduler local (default 4GB)")
    p.set_defaults(func=run)


def _columns(args) -> Columns:
    return Columns(**{f: getattr(args, f"{f}_column") for f in Columns.__dataclass_fields__})


def _check_output(out: str, fmt: str) -> None:
    if fmt != "parquet":
        check_writable(out)
        return
    try:
        import pyarrow  # noqa: F401 - only whether it is there
    except ImportError:
        raise ValueError(f"{out}: writing Parquet needs pyarrow: {CLUSTER_EXTRA}") from None
    path = pathlib.Path(out)
    if path.exists() and not path.is_dir():
        raise ValueError(f"{out}: is a file; a Parquet result is a folder")
    parent = path.parent if str(path.parent) else pathlib.Path(".")
    if not parent.is_dir():
        raise ValueError(f"{out}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise ValueError(f"{out}: permission denied")


def _source_kind(source: str) -> str:
    """``"folder"`` or the corpus file format; ``ValueError`` when SOURCE is neither."""
    fmt = corpus_format(source)
    if fmt is not None:
        if "://" not in source and not pathlib.Path(source).exists():
            raise ValueError(f"{source}: no such file")
        return fmt
    if "://" in source:
        raise ValueError(f"{source}: a URL must name a corpus file (.jsonl, .csv or .parquet)")
    path = pathlib.Path(source).expanduser()
    if not path.exists():
        raise ValueError(f"{source}: no such folder")
    if not path.is_dir():
        raise ValueError(f"{source}: is a file, not a folder nor a corpus file (.jsonl, .csv, .parquet)")
    return "folder"


def _warn(message: str) -> None:
    print(f"reader scan: {message}", file=sys.stderr)


def _info(row) -> dict:
    out = {"key": row.doc.key, "title": row.doc.title, "published": row.doc.published}
    out.update({k: v for k, v in (("url", row.url), ("outlet", row.outlet)) if v})
    return out


def _scan_here(args, source: str, kind: str):
    """The local scan: ``(result, documents scanned, documents listed, titles)``, or an int status."""
    from reader.core.corpus import SCAN_CONFIG, CorpusDoc, scan  # the engine loads only when there is work

    if kind == "folder":
        docs = load_folder(pathlib.Path(source).expanduser(), _warn)
        if not docs:
            return fail(f"{source}: no readable document ({FORMATS_LABEL}) in this folder")
        corpus = [CorpusDoc(d.key, d.document.text, d.document.title, d.document.published) for d in docs]
        listed = [{"key": d.key, "title": d.document.title, "published": d.document.published} for d in docs]
    else:
        rows = read_corpus_file(source, _columns(args))
        corpus = [r.doc for r in rows]
    workers_ignore_ctrl_c()
    result = scan(corpus, workers=args.workers, progress=progress_printer("scan", unit=None),
                  config=replace(SCAN_CONFIG, max_seconds=PAIR_SECONDS))
    for a, b in result.skipped:
        _warn(f"left out the pair {a} and {b}: comparing them took over {PAIR_SECONDS:g} s "
              "(very long or very repetitive texts)")
    if kind != "folder":
        shared = {k for r in result.records for k in (r.a, r.b)}
        listed = [_info(r) for r in rows if r.doc.key in shared]
    titles = {d["key"]: d["title"] for d in listed}
    return result, len(corpus), listed, titles


def _scan_on_cluster(args, source: str, kind: str):
    """The scan on Dask: the same tuple as ``_scan_here``, or an int status."""
    try:
        from reader.cluster.scan import cluster_scan, connect
        from reader.cluster.sources import readable_folder_keys
    except ImportError as exc:
        return fail(f"--scheduler needs Dask ({exc.name} is not installed): {CLUSTER_EXTRA}")
    printers: dict = {}

    def phase(name: str) -> None:
        printers["now"] = progress_printer(f"scan {name}", unit="tasks")

    def progress(done: int, total: int) -> None:
        if printers.get("now") is not None:
            printers["now"](done, total)

    client = connect(args.scheduler, workers=args.workers, memory_limit=args.memory_limit)
    try:
        keys = None
        if kind == "folder":
            source = str(pathlib.Path(source).expanduser().resolve())
            keys = readable_folder_keys(client, source, _warn)
            if not keys:
                return fail(f"{args.folder}: no readable document ({FORMATS_LABEL}) in this folder")
        done = cluster_scan(source, _columns(args), client=client, folder_keys=keys, progress=progress, phase=phase)
    except KeyboardInterrupt:
        # The work is cancelled; what the cluster logs while it shuts down is no news to the user.
        logging.getLogger("distributed").setLevel(logging.CRITICAL)
        raise
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()
    listed = [{"key": k, "title": i.title, "published": i.published,
               **{f: v for f, v in (("url", i.url), ("outlet", i.outlet)) if v}} for k, i in done.info.items()]
    return done.result, done.documents, listed, {k: i.title for k, i in done.info.items()}


def run(args) -> int:
    source = args.folder
    try:
        kind = _source_kind(source)
        try:
            fmt = output_format(args.out, args.format)
        except ValueError:
            check_writable(args.out)  # "is a folder" says more than "no extension"
            raise
        _check_output(args.out, fmt)
    except ValueError as exc:
        return fail(str(exc))
    try:
        outcome = _scan_on_cluster(args, source, kind) if args.scheduler else _scan_here(args, source, kind)
    except CorpusFileError as exc:
        return fail(str(exc))
    except OSError as exc:  # a scheduler that does not answer, a URL that cannot be read
        return fail(f"{args.scheduler or source}: {exc.strerror or exc}")
    if isinstance(outcome, int):
        return outcome
    result, scanned, listed, titles = outcome
    where = source if "://" in source else str(pathlib.Path(source).expanduser().resolve())
    header = ScanHeader(where, kind, None if kind == "folder" else dict(zip(Columns.__dataclass_fields__,
                                                                         _columns(args).wanted())),
                        scanned, listed, result.candidates, result.seconds, args.scheduler,
                        {"folder": str(source)} if kind == "folder" else {})
    rows = [record_row(r, titles) for r in result.records]
    try:
        write_result(args.out, fmt, header, rows)
    except OSError as exc:
        return fail(f"{args.out}: cannot write: {exc.strerror or exc}")
    derived = sum(1 for r in result.records if r.relation == "derived")
    print(f"{scanned} documents, {result.candidates} candidate pairs aligned in {result.seconds:.1f} s: "
          f"{len(result.records)} pairs share passages ({derived} derived); written to {args.out}")
    return 0
