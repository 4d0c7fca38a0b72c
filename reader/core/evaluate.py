"""PAN-style scoring of text-reuse detections against gold cases.

Contract: ``score(gold_pairs, detection_pairs) -> Scores`` gives exactly the figures of the project's
referee (``shared/eval/score.py``, the PAN 2013/2014 text-alignment measures):
- a detection r *detects* a case s when their spans overlap in both documents;
- recall: mean over cases of the share of the case's characters (both sides) covered by the
  detections that detect it; precision: mean over detections of the share of their characters
  covered by the cases they detect (0 for a detection that detects nothing);
- granularity: mean number of detections per detected case (1.0 when none is detected);
- plagdet = F1(precision, recall) / log2(1 + granularity); plus character-level micro P/R/F1.
Pairs are matched by the base names of their two documents; detections listed with A and B
exchanged still count, and for a repeated pair the last listing wins, as in the referee. Only
pairs present in the gold are scored.

Character sets are kept as sorted disjoint half-open intervals instead of Python sets of every
character; the integer counts are the same, and the float arithmetic is done in the referee's
order, so the figures are identical, not merely close.
``parse_gold`` / ``parse_detections`` read the JSON shapes (see ``shared/eval/README.md``) and raise
``ValueError`` with a one-line message on a malformed one. Must not import Qt.
"""

from __future__ import annotations

import math
import os
import reprlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

#: Sorted, disjoint, non-empty half-open intervals ``((start, end), ...)``.
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Case:
    """One gold reuse case: its characters in A and in B."""

    a: Spans
    b: Spans
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class GoldPair:
    a: str
    b: str
    cases: tuple[Case, ...]
    subset: str | None = None


@dataclass(frozen=True, slots=True)
class DetectionPair:
    a: str
    b: str
    #: One ``(a_spans, b_spans)`` per detection, in the order listed.
    detections: tuple[tuple[Spans, Spans], ...]


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    granularity: float
    plagdet: float
    micro_precision: float
    micro_recall: float
    micro_f1: float
    cases: int
    detections: int

    def as_dict(self) -> dict:
        return asdict(self)

    def referee_line(self) -> str:
        """The line ``score.py`` prints for these figures."""
        return " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in self.as_dict().items())


# -- interval arithmetic ---------------------------------------------------------------------

def normalize(spans: Iterable[Sequence[int]]) -> Spans:
    """Sorted, merged, non-empty intervals covering the same characters as ``spans``.

    ``(s, e)`` with ``e <= s`` covers nothing, like ``range(s, e)``.
    """
    out: list[list[int]] = []
    for s, e in sorted((s, e) for s, e in spans if e > s):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1][1] = e
        else:
            out.append([s, e])
    return tuple((s, e) for s, e in out)


def length(x: Spans) -> int:
    return sum(e - s for s, e in x)


def union(parts: Iterable[Spans]) -> Spans:
    return normalize(span for part in parts for span in part)


def overlaps(x: Spans, y: Spans) -> bool:
    i = j = 0
    while i < len(x) and j < len(y):
        if x[i][0] < y[j][1] and y[j][0] < x[i][1]:
            return True
        if x[i][1] <= y[j][1]:
            i += 1
        else:
            j += 1
    return False


def intersection_length(x: Spans, y: Spans) -> int:
    total = i = j = 0
    while i < len(x) and j < len(y):
        lo, hi = max(x[i][0], y[j][0]), min(x[i][1], y[j][1])
        if hi > lo:
            total += hi - lo
        if x[i][1] <= y[j][1]:
            i += 1
        else:
            j += 1
    return total


# -- scoring ---------------------------------------------------------------------------------

def _key(a: str, b: str) -> tuple[str, str]:
    return os.path.basename(a), os.path.basename(b)


def _detection_map(detections: Iterable[DetectionPair]) -> dict[tuple[str, str], list[tuple[Spans, Spans]]]:
    dmap: dict[tuple[str, str], list[tuple[Spans, Spans]]] = {}
    for p in detections:
        dmap[_key(p.a, p.b)] = list(p.detections)
        dmap.setdefault(_key(p.b, p.a), [(rb, ra) for ra, rb in p.detections])
    return dmap


def score(gold: Iterable[GoldPair], detections: Iterable[DetectionPair]) -> Scores:
    """The referee's figures for ``detections`` against ``gold`` (see the module docstring)."""
    dmap = _detection_map(detections)
    rec: list[float] = []
    prec: list[float] = []
    gran: list[int] = []
    true_chars = gold_chars = detected_chars = 0
    for p in gold:
        cases = [(c.a, c.b) for c in p.cases]
        dets = dmap.get(_key(p.a, p.b), [])
        for ca, cb in cases:
            hit = [(ra, rb) for ra, rb in dets if overlaps(ca, ra) and overlaps(cb, rb)]
            if hit:
                cov = (intersection_length(ca, union(h[0] for h in hit))
                       + intersection_length(cb, union(h[1] for h in hit)))
                gran.append(len(hit))
            else:
                cov = 0
            rec.append(cov / (length(ca) + length(cb)))
        for ra, rb in dets:
            hit = [(ca, cb) for ca, cb in cases if overlaps(ca, ra) and overlaps(cb, rb)]
            if hit:
                cov = (intersection_length(ra, union(h[0] for h in hit))
                       + intersection_length(rb, union(h[1] for h in hit)))
            else:
                cov = 0
            prec.append(cov / max(1, length(ra) + length(rb)))
        ga, gb = union(c[0] for c in cases), union(c[1] for c in cases)
        da, db = union(d[0] for d in dets), union(d[1] for d in dets)
        true_chars += intersection_length(ga, da) + intersection_length(gb, db)
        gold_chars += length(ga) + length(gb)
        detected_chars += length(da) + length(db)
    r = sum(rec) / len(rec) if rec else 0.0
    p_ = sum(prec) / len(prec) if prec else 0.0
    g = sum(gran) / len(gran) if gran else 1.0
    f = 2 * p_ * r / (p_ + r) if p_ + r else 0.0
    mp = true_chars / detected_chars if detected_chars else 0.0
    mr = true_chars / gold_chars if gold_chars else 0.0
    mf = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
    return Scores(p_, r, g, f / math.log2(1 + g), mp, mr, mf, len(rec), len(prec))


# -- reading the JSON shapes -----------------------------------------------------------------

def _span(value, where: str) -> tuple[int, int]:
    if (not isinstance(value, (list, tuple)) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
        # reprlib: a huge or deeply nested value is quoted in a few characters.
        raise ValueError(f"{where}: a span must be [start, end] with two integers, got {reprlib.repr(value)}")
    return value[0], value[1]


def _pairs(obj, where: str) -> list:
    if not isinstance(obj, dict) or not isinstance(obj.get("pairs"), list):
        raise ValueError(f'{where}: expected a JSON object with a "pairs" list')
    for i, p in enumerate(obj["pairs"]):
        if not isinstance(p, dict) or not isinstance(p.get("a"), str) or not isinstance(p.get("b"), str):
            raise ValueError(f'{where}: pair {i + 1} needs "a" and "b" document names')
    return obj["pairs"]


def parse_gold(obj, where: str = "gold") -> list[GoldPair]:
    """Gold pairs from ``{"pairs": [{"a", "b", "subset"?, "cases": [{"a": [[s, e], ...], "b": [...]}]}]}``."""
    out = []
    for i, p in enumerate(_pairs(obj, where)):
        raw_cases = p.get("cases", [])
        if not isinstance(raw_cases, list):
            raise ValueError(f'{where}: pair {i + 1} ({p["a"]}, {p["b"]}): "cases" must be a list')
        cases = []
        for j, c in enumerate(raw_cases):
            at = f"{where}: pair {i + 1} ({p['a']}, {p['b']}) case {j + 1}"
            if not isinstance(c, dict) or not isinstance(c.get("a"), list) or not isinstance(c.get("b"), list):
                raise ValueError(f'{at}: needs "a" and "b" lists of spans')
            case = Case(normalize(_span(s, at) for s in c["a"]), normalize(_span(s, at) for s in c["b"]),
                        c.get("kind"))
            if not case.a and not case.b:
                raise ValueError(f"{at}: the case covers no characters")
            cases.append(case)
        subset = p.get("subset")
        out.append(GoldPair(p["a"], p["b"], tuple(cases), subset if isinstance(subset, str) else None))
    return out


def parse_detections(obj, where: str = "detections") -> list[DetectionPair]:
    """Detection pairs from ``{"pairs": [{"a", "b", "matches": [{"a": [s, e], "b": [s, e]}, ...]}]}``."""
    out = []
    for i, p in enumerate(_pairs(obj, where)):
        matches = p.get("matches", [])
        if not isinstance(matches, list):
            raise ValueError(f'{where}: pair {i + 1} ({p["a"]}, {p["b"]}): "matches" must be a list')
        dets = []
        for j, m in enumerate(matches):
            at = f"{where}: pair {i + 1} ({p['a']}, {p['b']}) match {j + 1}"
            if not isinstance(m, dict) or "a" not in m or "b" not in m:
                raise ValueError(f'{at}: needs "a" and "b" spans')
            dets.append((normalize([_span(m["a"], at)]), normalize([_span(m["b"], at)])))
        out.append(DetectionPair(p["a"], p["b"], tuple(dets)))
    return out
