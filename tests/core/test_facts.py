"""Changed facts: normalisation (numbers, dates, names, quotations) and the seed pairs' expected lists.

The expected lists for 002/003 and 002/004 were written by reading each linked passage side by
side: every fact a careful reader sees changed, dropped (and absent from the whole rewrite) or
added from nowhere, and nothing else.
"""

from __future__ import annotations

import pytest

from reader import seeds_folder
from reader.core.align import align
from reader.core.config import AlignConfig
from reader.core.fact_extract import extract_facts, same_fact
from reader.core.facts import ADDED, CHANGED, DROPPED, KEPT, compare_facts
from reader.core.matches import Alignment, Match, Summary


def facts_of(text: str, kind: str | None = None):
    return [f for f in extract_facts(text) if kind is None or f.kind == kind]


def one(text: str, kind: str):
    found = facts_of(text, kind)
    assert len(found) == 1, found
    return found[0]


def pair(text_a: str, text_b: str):
    """The fact changes of one passage covering the whole of both texts."""
    alignment = Alignment((Match(0, len(text_a), 0, len(text_b), "paraphrase", 0.5),), Summary(1, 1, 1, 0))
    return compare_facts(alignment, text_a, text_b)[0]


# -- normalisation -----------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("over 5 million followers", "over 5,000,000 followers"),
    ("1,200 people", "1200 people"),
    ("twelve people", "12 people"),
    ("a $2.5 billion deal", "a $2,500,000,000 deal"),
    ("3.5bn dollars", "$3.5 billion"),
])
def test_numbers_written_differently_are_one_fact(a, b):
    fa, fb = facts_of(a), facts_of(b)
    assert len(fa) == len(fb) == 1
    assert same_fact(fa[0], fb[0]), (fa, fb)


def test_number_kinds_and_values():
    assert one("rose by 80% last year", "percent").key == (80.0,)
    assert one("rose 80 per cent", "percent").key == (80.0,)
    assert one("it cost €40 million", "money").key == ("EUR", 40_000_000.0)
    assert one("5.2 million people", "number").key == (5_200_000.0,)
    assert not facts_of("one of them", "number")


@pytest.mark.parametrize("a, b", [
    ("since October 7, the", "since 7 October, the"),
    ("on October 7th 2023 the", "on the 7th of October, 2023 the"),
    ("on 2023-10-07 the", "on 7 October 2023 the"),
    ("in October 2023 alone", "in Oct. 2023 alone"),
    ("in 2021 the", "in March 2021 the"),
    ("at 3 p.m. on", "at 15:00 on"),
])
def test_dates_and_times_written_differently_are_one_fact(a, b):
    fa, fb = [f for f in facts_of(a) if f.kind != "name"], [f for f in facts_of(b) if f.kind != "name"]
    assert len(fa) == len(fb) == 1, (fa, fb)
    assert same_fact(fa[0], fb[0]), (fa, fb)


def test_different_dates_differ():
    assert not same_fact(one("on October 7 the", "date"), one("on October 8 the", "date"))
    assert not same_fact(one("in 2021 the", "date"), one("in 2022 the", "date"))
    # "May" alone is a verb; "may" never a month
    assert not facts_of("They May come. It may rain.", "date")


@pytest.mark.parametrize("a, b", [
    ("by the US government", "by the U.S. government"),
    ("it said. Ayatollah Ali Khamenei spoke", "it said. Then Khamenei spoke"),
    ("the Houthis in Yemen", "the Houthi rebels in Yemen"),
    ("its Dangerous Organisations & Individuals policy", "the Dangerous Organizations and Individuals Policy"),
    ("designated Foreign Terrorist Organizations (FTOs)", "a Foreign Terrorist Organization (FTO)"),
])
def test_names_written_differently_are_one_fact(a, b):
    assert not [c for c in pair(a, b) if c.flagged], pair(a, b)


def test_a_name_is_not_a_body_of_it():
    changes = pair("said the US State Department on", "said the US government on")
    assert [(c.kind, c.status, c.a, c.b) for c in changes] == [("name", CHANGED, "US State Department", "US")]


def test_sentence_openers_are_not_names():
    text = "Despite the rain, Tehran said no. Meanwhile the crowd left. Tehran has denied it."
    assert [f.text for f in facts_of(text, "name")] == ["Tehran", "Tehran"]
    assert [f.text for f in facts_of("New York: the city said.", "name")] == ["New York"]


def test_quotations_compare_their_words_up_to_spelling():
    same = pair("“We removed them for violating our Organizations policy,” she said.",
                "“We removed them for violating our Organisations policy,” a spokesperson said.")
    assert [(c.kind, c.status) for c in same if c.kind == "quote"] == [("quote", KEPT)]
    changed = pair("“We removed them for repeatedly violating our policy,” she said.",
                   "“We removed them for violating our rules,” she said.")
    assert [(c.kind, c.status) for c in changed if c.kind == "quote"] == [("quote", CHANGED)]


def test_changed_dropped_and_added():
    changes = pair("The storm killed 1,200 people on October 7 in Haiti.",
                   "The storm killed more than 1,400 people in Haiti, costing $3 million.")
    got = {(c.kind, c.status, c.a, c.b) for c in changes if c.flagged}
    assert got == {("number", CHANGED, "1,200", "1,400"), ("date", DROPPED, "October 7", None),
                   ("money", ADDED, None, "$3 million")}
    number = next(c for c in changes if c.kind == "number")
    assert number.to_json() == {"kind": "number", "a": "1,200", "b": "1,400", "a_span": [17, 22], "b_span": [27, 32]}


def test_a_fact_the_other_text_states_elsewhere_is_not_dropped():
    text_a = "Officials met in Paris. The talks ended on Friday with 30 delegates."
    text_b = "The talks ended with 30 delegates. Officials had met on Friday."
    alignment = Alignment((Match(24, len(text_a), 0, 34, "paraphrase", 0.6),), Summary(1, 1, 1, 0))
    changes = compare_facts(alignment, text_a, text_b)[0]
    assert not [c for c in changes if c.flagged]
    assert [(c.kind, c.status) for c in changes] == [("number", KEPT)]


# -- the seed pairs --------------------------------------------------------------------------

def _seed(prefix: str) -> str:
    return next(seeds_folder().glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _flagged_by_passage(a: str, b: str):
    text_a, text_b = _seed(a), _seed(b)
    alignment = align(text_a, text_b, AlignConfig())
    found = set()
    for m, changes in zip(alignment.matches, compare_facts(alignment, text_a, text_b)):
        for c in changes:
            if c.flagged:
                found.add(_cut((text_a[m.a_start:m.a_end], c.kind, c.status, c.a, c.b)))
    return found


def _cut(entry: tuple) -> tuple:
    """Passage and facts by their first 30 characters: enough to tell them apart."""
    return tuple(s[:30] if isinstance(s, str) else s for s in entry)


#: By passage (the first 30 characters of A's side): every flagged fact of 002 → 003.
#: Left unflagged on purpose: "October 7" / "7 October" (one date), "Organizations" /
#: "Organisations" (one spelling), "Houthis" / "Houthi", names the rewrite moves to another
#: sentence (CNN, Khamenei, Palestinians), and 003's own new paragraphs (no counterpart).
EXPECTED_002_003 = {
    # "In 2021, the US State Department said…" / "The US government has alleged…"
    ("In 2021, the US State Departme", "date", DROPPED, "2021", None),
    ("In 2021, the US State Departme", "name", CHANGED, "US State Department", "US"),
    # Alimardani's two quotations become reported speech.
    ("There was enormous pressure on", "quote", DROPPED, "There was enormous pressure on Meta to pu", None),
    ("It is a shame he wasn’t taken ", "quote", DROPPED, "It is a shame he wasn’t taken down sooner", None),
    # Microsoft's quoted words become reported speech.
    ("This week, Microsoft revealed ", "quote", DROPPED, "government-aligned actors", None),
    ("This week, Microsoft revealed ", "quote", DROPPED, "intended to help the Hamas cause and weak", None),
    # "compared to one operation every other month in 2021" / "sporadic occurrences in previous years"
    ("There were 11 Iranian cyber-en", "date", DROPPED, "2021", None),
    ("We expect the threat posed by ", "quote", DROPPED, "We expect the threat posed by Iran’s cybe", None),
    ("Increased brazenness of Irania", "quote", DROPPED, "Increased brazenness of Iranian and Iran-", None),
}

#: 002 → 004: the same dropped quotations; the dateline's CNN (004 never names CNN); Article 19;
#: and the December 2023 attack's date and countries, which 004 sums up as "multiple countries".
EXPECTED_002_004 = {
    ("(CNN) — Meta has removed the Fa", "name", DROPPED, "CNN", None),
    ("Iran has long been accused of ", "name", CHANGED, "US State Department", "US"),
    ("There was enormous pressure on", "quote", DROPPED, "There was enormous pressure on Meta to pu", None),
    ("There was enormous pressure on", "name", DROPPED, "Article 19", None),
    ("It is a shame he wasn’t taken ", "quote", DROPPED, "It is a shame he wasn’t taken down sooner", None),
    ("This week, Microsoft revealed ", "quote", DROPPED, "government-aligned actors", None),
    ("This week, Microsoft revealed ", "quote", DROPPED, "intended to help the Hamas cause and weak", None),
    ("There were 11 Iranian cyber-en", "date", DROPPED, "2021", None),
    ("In early December 2023, Irania", "date", DROPPED, "December 2023", None),
    ("In early December 2023, Irania", "name", DROPPED, "UAE", None),
    ("In early December 2023, Irania", "name", DROPPED, "Canada", None),
    ("In early December 2023, Irania", "name", DROPPED, "UK", None),
    ("In early December 2023, Irania", "name", DROPPED, "Palestinians", None),
    ("Increased brazenness of Irania", "quote", DROPPED, "Increased brazenness of Iranian and Iran-", None),
}


def test_seed_002_003_flags_every_changed_fact_and_nothing_else():
    assert _flagged_by_passage("002", "003") == {_cut(e) for e in EXPECTED_002_003}


def test_seed_002_004_flags_every_changed_fact_and_nothing_else():
    assert _flagged_by_passage("002", "004") == {_cut(e) for e in EXPECTED_002_004}


def test_a_capitalised_joining_word_alone_is_no_name():
    text = "He said. Of the two, THE report was late. The Of was there. And De said so."
    assert all(f.key for f in facts_of(text, "name"))
    assert pair(text, text) == tuple(c for c in pair(text, text) if c.status == KEPT)
