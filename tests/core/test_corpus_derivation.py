"""Relation, direction and the derivation graph: rules on literal figures, then on the seeds."""

from types import SimpleNamespace

import pytest

from reader.core.corpus import CorpusDoc, scan
from reader.core.derivation import (
    CONTAINMENT,
    DATES,
    DERIVED,
    QUOTATIONS,
    QUOTED,
    SHARED,
    derivation_graph,
    direction,
    relation,
)
from reader.core.matches import EDITED, PARAPHRASE, QUOTE, VERBATIM, Match
from tests.conftest import seed_path


def _m(kind, shared_words=5):
    return Match(0, 10, 0, 10, kind, 0.5, (), shared_words, 2)


def test_relation_rules():
    assert relation([], 0.0, 0.0) is None
    assert relation([_m(QUOTE, 30)], 0.0, 0.0) == QUOTED
    assert relation([_m(PARAPHRASE), _m(QUOTE)], 0.05, 0.04) == SHARED
    assert relation([_m(VERBATIM, 12), _m(EDITED, 8)], 0.05, 0.04) == DERIVED  # 20 words copied
    assert relation([_m(VERBATIM, 12), _m(EDITED, 7)], 0.05, 0.04) == SHARED
    assert relation([_m(PARAPHRASE)] * 5, 0.1, 0.1) == DERIVED
    assert relation([_m(PARAPHRASE)] * 4, 0.1, 0.1) == SHARED
    assert relation([_m(PARAPHRASE)], 0.3, 0.1) == DERIVED


def test_direction_by_dates_then_quotations_then_containment():
    assert direction(0.1, 0.9, "2024-02-01", "2024-02-03") == direction(0.9, 0.1, "2024-02-01", "2024-02-03")
    assert direction(0.1, 0.9, "2024-02-01", "2024-02-03").source == "a"
    assert direction(0.1, 0.9, "2024-02-05", "2024-02-03").basis == DATES
    # Same day: dates do not decide; quotations do (a quotes 30 words, b turned them into prose).
    d = direction(0.5, 0.5, "2024-02-03", "2024-02-03", quoted_a=30, quoted_b=4)
    assert (d.source, d.basis) == ("a", QUOTATIONS)
    assert direction(0.5, 0.5, quoted_a=12, quoted_b=8).source is None  # lead too small
    # Containment: b is largely made of a → b is the copy.
    d = direction(0.40, 0.70)
    assert (d.source, d.basis) == ("a", CONTAINMENT)
    assert direction(0.40, 0.44).source is None  # too close to tell
    assert direction(0.10, 0.30).source is None  # partial reuse: lengths, not copying, decide
    assert direction(0.0, 0.0).source is None


def _rec(a, b, rel, source=None, share=(0.4, 0.5)):
    return SimpleNamespace(a=a, b=b, relation=rel, source=source, derived_share_a=share[0],
                           derived_share_b=share[1], share_a=share[0], share_b=share[1], passages=3,
                           basis=CONTAINMENT if source else None)


def test_graph_edges_and_links():
    g = derivation_graph([
        _rec("x", "y", DERIVED, "x"),
        _rec("y", "z", DERIVED, None),
        _rec("z", "w", QUOTED),
    ], nodes=["v"])
    assert g.nodes == ("v", "x", "y", "z", "w")
    assert [(e.source, e.copy, e.share) for e in g.edges] == [("x", "y", 0.5)]
    assert [(e.source, e.copy, e.relation) for e in g.links] == [("y", "z", DERIVED), ("z", "w", QUOTED)]
    assert g.sources_of("y") == ["x"] and g.copies_of("x") == ["y"]
    assert g.connected("x", "z") and not g.connected("x", "w")
    assert g.connected("x", "w", relations=(DERIVED, QUOTED))


@pytest.fixture(scope="module")
def seed_scan():
    docs = [CorpusDoc(f"{n:03d}", seed_path(n).read_text(encoding="utf-8")) for n in range(5)]
    return scan(docs, workers=1)


def test_seed_derivation_graph(seed_scan):
    g = seed_scan.graph()
    assert {(e.source, e.copy) for e in g.edges} == {("002", "003"), ("002", "004"), ("003", "004")}
    for independent in ("000", "001"):
        for rewrite in ("002", "003", "004"):
            assert not g.connected(independent, rewrite, relations=(DERIVED,))
    assert not any(link.relation == DERIVED for link in g.links)


def test_seeds_share_the_quotation_and_nothing_derived_with_000_001(seed_scan):
    by_pair = {(r.a, r.b): r for r in seed_scan.records}
    # 001 quotes Meta's statement word for word, as 002 and 003 do: a quotation, not a copy.
    for pair in (("001", "002"), ("001", "003")):
        assert by_pair[pair].quote_passages >= 1
        assert by_pair[pair].relation in (QUOTED, SHARED)
    for (a, b), r in by_pair.items():
        if {a, b} & {"000", "001"}:
            assert r.relation != DERIVED and r.source is None, (a, b)


def test_seed_records_have_direction_evidence(seed_scan):
    by_pair = {(r.a, r.b): r for r in seed_scan.records}
    r = by_pair[("002", "003")]
    # 002 quotes the researcher and Microsoft; 003 reports the same words without quotation marks.
    assert (r.source, r.copy, r.basis) == ("002", "003", QUOTATIONS)
    r = by_pair[("003", "004")]
    assert (r.source, r.copy) == ("003", "004")
    assert r.derived_share_b > r.derived_share_a


def test_dates_override_containment_on_the_seeds():
    docs = [CorpusDoc("003", seed_path(3).read_text(encoding="utf-8"), published="2024-02-10"),
            CorpusDoc("004", seed_path(4).read_text(encoding="utf-8"), published="2024-02-08")]
    (r,) = scan(docs, workers=1).records
    assert (r.source, r.copy, r.basis) == ("004", "003", DATES)
