"""Aligning many pairs of files on every core, and writing them as a detections file.

Contract
- ``read_pair_list(path, pan=False)`` reads a list of pairs: one ``a b`` line per pair (paths relative
  to a root folder), or with ``pan=True`` a PAN ``pairs`` file of ``susp src`` lines, which become
  ``a = src/<src>``, ``b = susp/<susp>`` (the source is side A). Blank lines are skipped.
- ``check_files(root, pairs)`` fails fast, before any aligning, on a file that does not exist.
- ``run_pairs(root, pairs, config, jobs, progress)`` aligns ``root/a`` with ``root/b`` for every pair
  in worker processes (``jobs`` of them; 1 = in this process) and returns one detections entry per
  pair, in the input order: ``{"a", "b", "matches": [{"a": [s, e], "b": [s, e], "kind", "score"}]}``;
  ``unit`` says whether a detection is a reused region (default) or a passage (see ``UNITS``).
  Each worker caches the documents it loaded, because sources repeat across pairs.
- ``write_detections(path, entries, config)`` writes ``{"pairs": [...]}`` (the shape the referee
  ``shared/eval/score.py`` reads) atomically: a failed run never leaves a half-written file.
Bad input raises ``BatchError`` (a ``ValueError``, one line naming the file); a document that cannot
be loaded raises ``reader.core.documents.DocumentError``. Must not import Qt.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reader.core.atomic import write_atomic
from reader.core.config import AlignConfig
from reader.core.documents import Document, DocumentError, load_document
from reader.core.inputfiles import excerpt, one_line, read_text_file
from reader.core.pan import PanError, pan_names, read_pairs_file
from reader.core.workers import worker_context

#: What one detection is: a reused region (what PAN calls a case; ``Alignment.regions``), or every
#: passage the window shows (``Alignment.matches``, finer: one per sentence run).
REGIONS, PASSAGES = "regions", "passages"
UNITS = (REGIONS, PASSAGES)
#: Documents each worker keeps loaded; a PAN source appears in a handful of pairs.
DOCUMENT_CACHE_SIZE = 256


class BatchError(ValueError):
    """A pair list, root folder or output file that cannot be used; one-line message naming it."""


@dataclass(frozen=True, slots=True)
class PairTask:
    """One pair to align: document names relative to the root, as written in the detections."""

    a: str
    b: str
    #: Where the pair was listed (``file:line``), for error messages.
    origin: str = ""


def read_pair_list(path: str | os.PathLike, pan: bool = False) -> list[PairTask]:
    name = os.fspath(path)
    if pan:
        try:
            lines = read_pairs_file(name)
        except PanError as exc:
            raise BatchError(str(exc)) from None
        return [PairTask(*pan_names(susp, src), f"{name}:{n}") for n, susp, src in lines]
    try:
        text = read_text_file(name, "a list of pairs")
    except ValueError as exc:
        raise BatchError(str(exc)) from None
    tasks = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split()
        if len(fields) != 2:
            raise BatchError(one_line(f"{name}: line {number}: expected two paths 'A B', got {excerpt(line)}"))
        tasks.append(PairTask(fields[0], fields[1], f"{name}:{number}"))
    if not tasks:
        raise BatchError(f"{name}: lists no pairs")
    return tasks


def check_files(root: str | os.PathLike, tasks: Sequence[PairTask]) -> None:
    root = Path(root)
    if not root.is_dir():
        raise BatchError(f"{root}: {'no such folder' if not root.exists() else 'is not a folder'}")
    seen: set[str] = set()
    for task in tasks:
        for rel in (task.a, task.b):
            if rel in seen:
                continue
            seen.add(rel)
            if not (root / rel).is_file():
                problem = "is a folder, not a file" if (root / rel).is_dir() else "no such file"
                raise BatchError(f"{task.origin}: {root / rel}: {problem}")


def check_output(path: str | os.PathLike) -> None:
    """Refuse an output path before hours of aligning, not after."""
    p = Path(path)
    if p.is_dir():
        raise BatchError(f"{p}: is a folder; give a file name for the detections")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise BatchError(f"{p}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise BatchError(f"{p}: folder {parent} is not writable")


def run_pairs(root: str | os.PathLike, tasks: Sequence[PairTask], config: AlignConfig = AlignConfig(),
              jobs: int | None = None, progress: Callable[[int, int], None] | None = None,
              unit: str = REGIONS) -> list[dict]:
    """One detections entry per task, in task order (see the module docstring)."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, got {unit!r}")
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(tasks)))
    root = os.fspath(root)
    total = len(tasks)
    results: list[dict | None] = [None] * total
    work = [(i, t.a, t.b) for i, t in enumerate(tasks)]
    if jobs == 1 or total <= 1:
        _init_worker(root, config, unit)
        for done, item in enumerate(work, 1):
            i, entry = _align_pair(item)
            results[i] = entry
            if progress:
                progress(done, total)
        return results  # type: ignore[return-value]
    # Small chunks keep every worker busy to the end; consecutive pairs share documents, so a
    # chunk also tends to hit its worker's cache.
    chunksize = max(1, min(8, total // (jobs * 16)))
    with worker_context().Pool(jobs, _init_worker, (root, config, unit)) as pool:
        for done, (i, entry) in enumerate(pool.imap_unordered(_align_pair, work, chunksize), 1):
            results[i] = entry
            if progress:
                progress(done, total)
    return results  # type: ignore[return-value]


def write_detections(path: str | os.PathLike, entries: Sequence[dict], config: AlignConfig | None = None) -> None:
    p = Path(path)
    payload: dict = {"version": 1, "pairs": list(entries)}
    if config is not None:
        payload["config"] = dataclasses.asdict(config)
    try:
        write_atomic(p, json.dumps(payload, ensure_ascii=False))
    except OSError as exc:
        raise BatchError(str(exc)) from None


def match_entry(m) -> dict:
    return {"a": [m.a_start, m.a_end], "b": [m.b_start, m.b_end], "kind": m.kind, "score": round(m.score, 4)}


# -- worker side -----------------------------------------------------------------------------

_root = "."
_config = AlignConfig()
_unit = REGIONS


def _init_worker(root: str, config: AlignConfig, unit: str = REGIONS) -> None:
    global _root, _config, _unit
    _root, _config, _unit = root, config, unit
    _load.cache_clear()


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def _load(rel: str) -> Document:
    try:
        return load_document(os.path.join(_root, rel))
    except DocumentError:
        raise
    except Exception as exc:  # a loader bug must still say which file it was
        raise DocumentError(f"{os.path.join(_root, rel)}: cannot load: {type(exc).__name__}: {exc}") from None


def _align_pair(item: tuple[int, str, str]) -> tuple[int, dict]:
    from reader.core.align import align  # the engine is imported only where pairs are aligned

    i, a, b = item
    doc_a, doc_b = _load(a), _load(b)
    try:
        alignment = align(doc_a.text, doc_b.text, _config)
    except Exception as exc:
        # Say which pair broke the engine; the traceback would not survive the process boundary.
        raise RuntimeError(f"aligning {a} with {b} failed: {type(exc).__name__}: {exc}") from exc
    return i, {"a": a, "b": b, "matches": [match_entry(m) for m in detections(alignment, _unit)]}


def detections(alignment, unit: str = REGIONS) -> tuple:
    """The matches of ``alignment`` that become detections: its regions, or all its passages."""
    if unit == REGIONS:
        regions = getattr(alignment, "regions", ())
        if regions or not alignment.matches:
            return tuple(regions)
    return alignment.matches
