"""Changed facts: inside every shared passage, which facts the other side keeps, changes or drops.

Contract
- ``compare_facts(alignment, text_a, text_b) -> tuple[tuple[FactChange, ...], ...]``: one tuple
  per match of ``alignment.matches`` (same order), listing the facts of that passage
  (``reader.core.fact_extract``: numbers, money, percentages, dates, times, names, quotations)
  with a status:
  ``kept``     both sides state it, however written ("October 7" / "7 October", "5 million" /
               "5,000,000", "US" / "U.S.");
  ``changed``  both sides state a fact of that kind in that place, differently ("1,200 people" /
               "more than 1,400 people"; a name keeping only part of itself, "US State
               Department" / "US"; a quotation whose words changed);
  ``dropped``  A's passage states it, B's does not, and B states it nowhere else (for a name:
               B never capitalises all of its words, ``fact_extract.TextFacts``);
  ``added``    B's passage states it, A's does not, and A states it nowhere else: a fact
               appearing from nowhere.
  A fact one passage lacks but the other text states elsewhere was moved, not lost: it is not
  listed. Each fact is listed once per passage (its first writing). ``flagged`` (changed,
  dropped, added) is what the window, the CLI and the report call the passage's changed facts.
- Unpaired facts of one kind are paired as ``changed``: numbers, dates and the like in their
  order of appearance, names sharing a word, quotations sharing at least
  ``QUOTE_CHANGED_MIN_DICE`` of their words.
- ``FactChange.to_json()`` is an entry of the ``"facts"`` list of ``reader compare --json``
  (changed, dropped and added facts), in the issue's shape: ``{"kind", "a", "b", "a_span",
  "b_span"}``, ``None`` for the side that lacks it (so ``a`` null: added; ``b`` null: dropped).
Pure functions and frozen dataclasses; must not import Qt.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

from reader.core.fact_extract import FACT_KINDS, NAME, QUOTE, Fact, TextFacts, extract_facts, same_fact
from reader.core.fact_names import shares_word

KEPT, CHANGED, DROPPED, ADDED = "kept", "changed", "dropped", "added"
#: Statuses a reader must look at, in the order they are listed.
FLAGGED = (CHANGED, DROPPED, ADDED)
#: A fact belongs to a passage when at least this part of it lies inside: a quotation the
#: passage cuts off before its last word is still that passage's, one it only brushes is not.
MIN_INSIDE = 0.5
#: Two quotations with at least this share of their words in common (Dice) are one quotation
#: reworded ("changed"); below it they are different quotations.
QUOTE_CHANGED_MIN_DICE = 0.5


@dataclass(frozen=True, slots=True)
class FactChange:
    kind: str
    status: str
    #: The fact as A's passage writes it (``None`` when added), and as B's does (``None`` when dropped).
    a: str | None
    b: str | None
    a_span: tuple[int, int] | None
    b_span: tuple[int, int] | None

    @property
    def flagged(self) -> bool:
        return self.status in FLAGGED

    def describe(self) -> str:
        """One line for people: 'number changed: 1,200 → 1,400', 'date dropped: 2021'."""
        if self.status == CHANGED:
            return f"{self.kind} changed: {_shown(self.a)} → {_shown(self.b)}"
        if self.status == DROPPED:
            return f"{self.kind} dropped: {_shown(self.a)}"
        if self.status == ADDED:
            return f"{self.kind} added: {_shown(self.b)}"
        return f"{self.kind} kept: {_shown(self.a)}"

    def to_json(self) -> dict:
        return {"kind": self.kind, "a": self.a, "b": self.b,
                "a_span": list(self.a_span) if self.a_span else None,
                "b_span": list(self.b_span) if self.b_span else None}


def flagged(changes) -> list[FactChange]:
    """The changes a reader must look at (changed, dropped, added), in their listed order."""
    return [c for c in changes if c.flagged]


def compare_facts(alignment, text_a: str, text_b: str) -> tuple[tuple[FactChange, ...], ...]:
    """The facts of every passage of ``alignment`` and what became of them (module docstring).

    Names are looked for only around the passages (``extract_facts(names_within=)``); whether
    a text names someone elsewhere is asked of ``TextFacts``.
    """
    facts_a = extract_facts(text_a, names_within=[m.a_span for m in alignment.matches])
    facts_b = extract_facts(text_b, names_within=[m.b_span for m in alignment.matches])
    side_a, side_b = _Side(facts_a, TextFacts(text_a, facts_a)), _Side(facts_b, TextFacts(text_b, facts_b))
    return tuple(_passage(side_a.inside(m.a_start, m.a_end), side_b.inside(m.b_start, m.b_end), side_a, side_b)
                 for m in alignment.matches)


class _Side:
    """One text's facts around the passages, and the whole text for ``states``."""

    def __init__(self, facts: tuple[Fact, ...], whole: TextFacts) -> None:
        self.facts = facts
        self.whole = whole
        self.starts = [f.start for f in facts]
        self.longest = max((f.end - f.start for f in facts), default=0)
        self._quote_words: list[set[str]] | None = None  # each quotation's words, on the first question

    def inside(self, start: int, end: int) -> list[Fact]:
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return [f for f in self.facts[lo:hi]
                if min(end, f.end) - max(start, f.start) >= MIN_INSIDE * (f.end - f.start)]

    def states(self, fact: Fact) -> bool:
        """Whether this text states ``fact`` (or, for a quotation, one much like it) anywhere."""
        if fact.kind == QUOTE:
            if self._quote_words is None:
                self._quote_words = [set(f.key) for f in self.whole.facts_of(QUOTE)]
            words = set(fact.key)
            return any(_set_dice(words, other) >= QUOTE_CHANGED_MIN_DICE for other in self._quote_words)
        return self.whole.states(fact)


def _passage(in_a: list[Fact], in_b: list[Fact], side_a: _Side, side_b: _Side) -> tuple[FactChange, ...]:
    kinds_a: dict[str, list[Fact]] = defaultdict(list)
    kinds_b: dict[str, list[Fact]] = defaultdict(list)
    for f in in_a:
        kinds_a[f.kind].append(f)
    for g in in_b:
        kinds_b[g.kind].append(g)
    listed: list[tuple[int, int, FactChange]] = []  # (0, A's position) or (1, B's position) first
    # Kinds in FACT_KINDS order (not a set's, which changes from run to run): facts of two
    # kinds at one place (a name opening a quotation) are then always listed in one order.
    for kind in (k for k in FACT_KINDS if k in kinds_a or k in kinds_b):
        listed.extend(_kind_changes(_first_writings(kinds_a.get(kind, [])),
                                    _first_writings(kinds_b.get(kind, [])), side_a, side_b))
    listed.sort(key=lambda entry: entry[:2])
    return tuple(change for _, _, change in listed)


def _kind_changes(in_a: list[Fact], in_b: list[Fact], side_a: _Side, side_b: _Side):
    """The changes among one kind's facts of a passage: kept, then paired as changed, then the
    rest dropped or added when the other text lacks them altogether."""
    out: list[tuple[int, int, FactChange]] = []
    kept_b: set[int] = set()
    free_a = []
    for f in in_a:
        j = next((j for j, g in enumerate(in_b) if _same(f, g)), None)
        if j is None:
            free_a.append(f)
        else:
            kept_b.add(j)
            out.append((0, f.start, _change(f, in_b[j], KEPT)))
    # A fact B keeps under another writing may also be matched by a second fact of A.
    free_b = [g for j, g in enumerate(in_b) if j not in kept_b and not any(_same(f, g) for f in in_a)]
    for f in free_a:
        g = next((g for g in free_b if _related(f, g)), None)
        if g is not None:
            free_b.remove(g)
            out.append((0, f.start, _change(f, g, CHANGED)))
        elif not side_b.states(f):
            out.append((0, f.start, _change(f, None, DROPPED)))
    out.extend((1, g.start, _change(None, g, ADDED)) for g in free_b if not side_a.states(g))
    return out


def _first_writings(facts: list[Fact]) -> list[Fact]:
    """Each fact once: the first of several writings of one fact (of one kind) in a passage."""
    out: list[Fact] = []
    keys = set()
    for f in facts:
        if f.key not in keys and not any(_same(f, g) for g in out):
            out.append(f)
        keys.add(f.key)
    return out


def _same(f: Fact, g: Fact) -> bool:
    return f.key == g.key or same_fact(f, g)


def _related(f: Fact, g: Fact) -> bool:
    """Whether unpaired ``f`` (of A) and ``g`` (of B) are one fact that changed."""
    if f.kind != g.kind:
        return False
    if f.kind == NAME:
        return shares_word(f.key, g.key)
    if f.kind == QUOTE:
        return _dice(f.key, g.key) >= QUOTE_CHANGED_MIN_DICE
    return True  # numbers, dates, times: the next one of the kind, in order


def _dice(a: tuple, b: tuple) -> float:
    return _set_dice(set(a), set(b))


def _set_dice(sa: set, sb: set) -> float:
    return 2 * len(sa & sb) / (len(sa) + len(sb)) if sa or sb else 0.0


def _change(f: Fact | None, g: Fact | None, status: str) -> FactChange:
    kind = (f or g).kind  # type: ignore[union-attr]
    return FactChange(kind, status, f.text if f else None, g.text if g else None,
                      (f.start, f.end) if f else None, (g.start, g.end) if g else None)


def _shown(text: str | None) -> str:
    if text is None:
        return ""
    line = " ".join(text.split())
    return f"“{line}”" if " " in line or not line[:1].isdigit() else line
