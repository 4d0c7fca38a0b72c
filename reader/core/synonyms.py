"""Which matching forms mean the same: the engine's knowledge of English words beyond their stems.

A rewriter changes words while keeping what they say: "weaponry" for "weapons", "allegation"
for "alleged", "8" for "eight". ``resources/synonyms_en.tsv.gz`` (built by
``scripts/build_synonyms.py`` from WordNet 3.0) relates the matching forms
(``reader.core.text.normalize_word``) of common English words that share one of their first
senses, derive from one another, or are variants of one word. Names and rare words are not in
it: they match exactly or not at all.

``soft_pairs(only_a, only_b)`` pairs the forms one side has and the other lacks by that relation,
each form at most once, so that similarity measures can count a synonym as a partial match
(``SYNONYM_CREDIT``). The table is read once, lazily, thread-safely.
Pure functions; must not import Qt.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable, Collection
from importlib import resources

#: A synonym counts as this share of the same word. Less than 1: WordNet relates senses, and a
#: pair of related forms is not always used in the related senses ("arm" of a body and of an
#: army); more than a half: on the seeds' hand-made gold, restated sentences owe the words
#: they changed mostly to synonyms and derivations of the source's words.
SYNONYM_CREDIT = 0.75

_table: dict[str, frozenset[str]] | None = None
_lock = threading.Lock()


def _load() -> dict[str, frozenset[str]]:
    global _table
    with _lock:
        if _table is None:
            raw = resources.files("reader.resources").joinpath("synonyms_en.tsv.gz").read_bytes()
            table = {}
            for line in gzip.decompress(raw).decode("utf-8").splitlines():
                form, _, related = line.partition("\t")
                table[form] = frozenset(related.split())
            _table = table
    return _table


def related(form: str) -> frozenset[str]:
    """The forms that mean the same as ``form`` (never ``form`` itself; empty when unknown)."""
    table = _table if _table is not None else _load()
    return table.get(form, frozenset())


def soft_pairs(only_a: Collection[str], only_b: Collection[str],
               weight: Callable[[str], float]) -> list[tuple[str, str]]:
    """Pairs (form of ``only_a``, form of ``only_b``) that mean the same, each form used once.

    Heaviest pairs first (by the lighter form's ``weight``), so that a rare word finds its
    synonym before a common one takes it.
    """
    if not only_a or not only_b:
        return []
    table = _table if _table is not None else _load()
    b_set = only_b if isinstance(only_b, (set, frozenset, dict)) else set(only_b)
    candidates = []
    for f in only_a:
        rel = table.get(f)
        if rel:
            for g in rel.intersection(b_set):
                candidates.append((min(weight(f), weight(g)), f, g))
    if not candidates:
        return []
    candidates.sort(reverse=True)
    used_a: set[str] = set()
    used_b: set[str] = set()
    pairs = []
    for _, f, g in candidates:
        if f not in used_a and g not in used_b:
            used_a.add(f)
            used_b.add(g)
            pairs.append((f, g))
    return pairs
