"""Word-level diff inside a passage pair, and the figures derived from it.

diff-match-patch works on characters; each distinct normalised word is mapped to one private
character (its ``linesToChars`` trick applied to words), diffed, and mapped back to character
spans of the original texts. Pure functions; must not import Qt.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from difflib import SequenceMatcher

from diff_match_patch import diff_match_patch

from reader.core.matches import DELETE, EQUAL, INSERT, REPLACE, DiffOp
from reader.core.text import Token

_dmp = diff_match_patch()
# No time limit: a diff that depended on how busy the machine is would make ``align`` give
# different answers on different runs. Cost is bounded by size instead (``LARGE_DIFF_WORDS``).
_dmp.Diff_Timeout = 0
#: Above this many words (both sides together) the diff uses difflib's matcher, whose heuristics
#: keep a long, heavily changed passage fast where diff-match-patch's exact O(N·D) search would
#: take seconds. Sentence-level passages never come near it; whole copied sections may.
LARGE_DIFF_WORDS = 6000


@dataclass(frozen=True, slots=True)
class WordDiff:
    ops: tuple[DiffOp, ...]
    equal_a: int  # tokens of A inside equal runs
    equal_b: int
    tokens_a: int
    tokens_b: int
    longest_run: int  # longest equal run, in words
    first_equal: tuple[int, int] | None  # token offsets (a, b) of the first shared word
    last_equal: tuple[int, int] | None  # token offsets (a, b) just past the last shared word
    #: Equal runs as token offsets ``(a, b, length)``, in order.
    runs: tuple[tuple[int, int, int], ...] = ()

    @property
    def ratio(self) -> float:
        total = self.tokens_a + self.tokens_b
        return (self.equal_a + self.equal_b) / total if total else 0.0


def _encode(keys_a: list[str], keys_b: list[str]) -> tuple[str, str]:
    table: dict[str, str] = {}

    def enc(keys):
        chars = []
        for k in keys:
            c = table.get(k)
            if c is None:
                # Skip the surrogate range: those code points cannot stand alone in a str diff.
                n = len(table) + 0x100
                if n >= 0xD800:
                    n += 0x800
                c = table[k] = chr(n)
            chars.append(c)
        return "".join(chars)

    return enc(keys_a), enc(keys_b)


def _coarse_diff(sa: str, sb: str) -> list[tuple[int, str]]:
    """diff-match-patch style diffs from difflib's matcher (deterministic, fast on long inputs)."""
    diffs: list[tuple[int, str]] = []
    for tag, a0, a1, b0, b1 in SequenceMatcher(None, sa, sb).get_opcodes():
        if tag == "equal":
            diffs.append((0, sa[a0:a1]))
            continue
        if a1 > a0:
            diffs.append((-1, sa[a0:a1]))
        if b1 > b0:
            diffs.append((1, sb[b0:b1]))
    return diffs


def word_diff(toks_a: list[Token], toks_b: list[Token], key=lambda t: t.norm,
              semantic_cleanup: bool = True) -> WordDiff:
    """Diff two token runs; offsets in the ops are character offsets of the tokens' text."""
    sa, sb = _encode([key(t) for t in toks_a], [key(t) for t in toks_b])
    diffs = _dmp.diff_main(sa, sb, False) if len(sa) + len(sb) <= LARGE_DIFF_WORDS else _coarse_diff(sa, sb)
    if semantic_cleanup:
        _dmp.diff_cleanupSemantic(diffs)
    ops: list[DiffOp] = []
    ia = ib = 0
    eq_a = eq_b = longest = 0
    first = last = None
    runs: list[tuple[int, int, int]] = []
    pending_del = None  # (ia0, ia1) waiting for a following insert to form a replace

    def span_a(i0, i1):
        return (toks_a[i0].start, toks_a[i1 - 1].end) if i1 > i0 else _point_a(i0)

    def span_b(i0, i1):
        return (toks_b[i0].start, toks_b[i1 - 1].end) if i1 > i0 else _point_b(i0)

    def _point_a(i):
        return (toks_a[i].start,) * 2 if i < len(toks_a) else ((toks_a[-1].end,) * 2 if toks_a else (0, 0))

    def _point_b(i):
        return (toks_b[i].start,) * 2 if i < len(toks_b) else ((toks_b[-1].end,) * 2 if toks_b else (0, 0))

    def flush_delete():
        nonlocal pending_del
        if pending_del is not None:
            a0, a1 = pending_del
            (s, e), (bs, _) = span_a(a0, a1), _point_b(ib)
            ops.append(DiffOp(DELETE, s, e, bs, bs))
            pending_del = None

    for op, chunk in diffs:
        n = len(chunk)
        if op == 0:
            flush_delete()
            (s, e), (bs, be) = span_a(ia, ia + n), span_b(ib, ib + n)
            ops.append(DiffOp(EQUAL, s, e, bs, be))
            runs.append((ia, ib, n))
            if first is None:
                first = (ia, ib)
            last = (ia + n, ib + n)
            eq_a += n
            eq_b += n
            longest = max(longest, n)
            ia += n
            ib += n
        elif op == -1:
            flush_delete()
            pending_del = (ia, ia + n)
            ia += n
        else:
            if pending_del is not None:
                a0, a1 = pending_del
                (s, e), (bs, be) = span_a(a0, a1), span_b(ib, ib + n)
                ops.append(DiffOp(REPLACE, s, e, bs, be))
                pending_del = None
            else:
                (as_, _), (bs, be) = _point_a(ia), span_b(ib, ib + n)
                ops.append(DiffOp(INSERT, as_, as_, bs, be))
            ib += n
    flush_delete()
    return WordDiff(tuple(ops), eq_a, eq_b, len(toks_a), len(toks_b), longest, first, last, tuple(runs))


_span_cache: OrderedDict[tuple, tuple] = OrderedDict()
_span_lock = threading.Lock()
#: Diffs remembered: one alignment diffs each sentence link up to four times (copy test, copy
#: edges, settling, classification); a thousand covers a long pair's links between two uses.
_SPAN_CACHE_SIZE = 1024


def span_diff(pa, pb, a0: int, a1: int, b0: int, b1: int, semantic_cleanup: bool = True) -> WordDiff:
    """``word_diff`` of tokens ``[a0, a1)`` of ``pa`` and ``[b0, b1)`` of ``pb`` (prepared texts), memoised.

    The cache holds the prepared texts themselves and checks identity, so a key is never
    confused with another pair's. Safe to call from several threads.
    """
    key = (id(pa), id(pb), a0, a1, b0, b1, semantic_cleanup)
    with _span_lock:
        hit = _span_cache.get(key)
        if hit is not None and hit[0] is pa and hit[1] is pb:
            _span_cache.move_to_end(key)
            return hit[2]
    diff = word_diff(pa.tokens[a0:a1], pb.tokens[b0:b1], semantic_cleanup=semantic_cleanup)
    with _span_lock:
        _span_cache[key] = (pa, pb, diff)
        while len(_span_cache) > _SPAN_CACHE_SIZE:
            _span_cache.popitem(last=False)
    return diff
