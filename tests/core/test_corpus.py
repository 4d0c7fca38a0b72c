"""The corpus scan and source ranking: a generated corpus with planted copies, the seeds, cancellation."""

import pytest

from benchmarks.synthetic_corpus import generate_corpus
from reader.core.align import Cancelled
from reader.core.corpus import CorpusDoc, CorpusIndex, scan
from reader.core.derivation import DATES, DERIVED
from tests.conftest import seed_path


@pytest.fixture(scope="module")
def corpus():
    # 50 articles, 10 of them copies (verbatim, edited and paraphrased; partial and rewrites).
    return generate_corpus(50, seed=2, copy_fraction=0.2, vocabulary=5000)


@pytest.fixture(scope="module")
def corpus_docs(corpus):
    return [CorpusDoc(d.name, d.text, published=d.published) for d in corpus.docs]


@pytest.fixture(scope="module")
def corpus_scan(corpus_docs):
    return scan(corpus_docs, workers=1)


def _pairs(records):
    return {tuple(sorted((r.a, r.b))) for r in records}


def test_generated_corpus_has_what_the_test_expects(corpus):
    assert len(corpus.docs) == 50
    assert len(corpus.planted_pairs) == 11
    assert {p.mode for p in corpus.planted} == {"verbatim", "edited", "paraphrase"}
    assert {p.kind for p in corpus.planted} == {"rewrite", "partial"}
    assert corpus.planted_pairs <= corpus.related


def test_scan_reports_exactly_the_related_pairs(corpus, corpus_scan):
    reported = _pairs(corpus_scan.records)
    assert corpus.planted_pairs <= reported
    # Planted pairs plus two copies of one source; not the many reports of the same event that
    # carry its quotation (weighted down by the index), nor anything unrelated.
    assert reported == corpus.related
    assert len(corpus.quoting) > 20
    assert corpus_scan.candidates >= len(reported)
    assert corpus_scan.keys == tuple(d.name for d in corpus.docs)


def test_scan_directions_follow_dates_when_known(corpus, corpus_scan):
    by_pair = {tuple(sorted((r.a, r.b))): r for r in corpus_scan.records}
    published = {d.name: d.published for d in corpus.docs}
    checked = 0
    for p in corpus.planted:
        r = by_pair[tuple(sorted((p.copy, p.source)))]
        if published[p.copy] and published[p.source] and r.relation == DERIVED:
            assert (r.source, r.copy, r.basis) == (p.source, p.copy, DATES)
            checked += 1
    assert checked >= 4


def test_scan_records_are_consistent(corpus_scan):
    for r in corpus_scan.records:
        assert 0 < max(r.share_a, r.share_b) <= 1
        assert r.passages >= 1 and 0 <= r.quote_passages <= r.passages
        assert sum(n for _, n in r.kinds) == r.passages
        assert (r.source is None) == (r.copy is None)
        if r.source is not None:
            assert {r.source, r.copy} == {r.a, r.b}
    shares = [max(r.share_a, r.share_b) for r in corpus_scan.records]
    assert shares == sorted(shares, reverse=True)
    m = corpus_scan.matrix()
    keys = corpus_scan.keys
    r = corpus_scan.records[0]
    assert m[keys.index(r.a)][keys.index(r.b)] == r.share_a
    assert m[keys.index(r.b)][keys.index(r.a)] == r.share_b


def test_parallel_scan_gives_the_same_records(corpus_docs, corpus_scan):
    assert scan(corpus_docs, workers=2).records == corpus_scan.records


def test_scan_progress_runs_to_the_end(corpus_docs):
    seen = []
    result = scan(corpus_docs[:20], workers=1, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 40)
    assert seen[-1] == (20 + result.candidates, 20 + result.candidates)
    dones = [d for d, _ in seen]
    assert dones == sorted(dones)


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("stop_after", [3, 60])  # while shingling / while aligning
def test_scan_can_be_cancelled(corpus_docs, workers, stop_after):
    calls = []

    def should_cancel():
        calls.append(1)
        return len(calls) > stop_after

    with pytest.raises(Cancelled):
        scan(corpus_docs, workers=workers, should_cancel=should_cancel)


def test_scan_rejects_repeated_keys():
    with pytest.raises(ValueError, match="unique"):
        scan([CorpusDoc("x", "some text"), CorpusDoc("x", "other text")])


@pytest.fixture(scope="module")
def seed_library():
    return CorpusIndex(CorpusDoc(f"{n:03d}", seed_path(n).read_text(encoding="utf-8")) for n in range(5))


def test_seed_ranking_of_a_rewrite(seed_library):
    r = seed_library.likely_sources("003")
    assert [x.key for x in r.sources] == ["002"]
    assert [x.key for x in r.copies] == ["004"]
    assert r.compared == 4 and r.library == 5
    src = r.sources[0]
    assert src.share == src.record.share_of("003") and src.share > 0.3
    assert src.passages >= 5
    # 000 and 001 are related at most by a shared sentence or the quotation, never a source.
    assert {x.key for x in r.related} <= {"000", "001"}
    assert all(x.role in ("related", "quote") for x in r.related)


def test_seed_ranking_of_the_double_copy_and_the_original(seed_library):
    r = seed_library.likely_sources("004")
    assert {x.key for x in r.sources} == {"002", "003"} and not r.copies
    assert [x.share for x in r.sources] == sorted((x.share for x in r.sources), reverse=True)
    original = seed_library.likely_sources("002")
    assert not original.sources and {x.key for x in original.copies} == {"003", "004"}
    independent = seed_library.likely_sources("001")
    assert not independent.sources and not independent.copies
    # It shares the quotation (and a loosely restated fact or two) with both.
    assert {x.key for x in independent.related if x.role in ("quote", "related")} >= {"002", "003"}


def test_index_ranks_a_new_article_among_many(corpus):
    # A library bigger than SMALL_LIBRARY: only the index's candidates are aligned.
    library = CorpusIndex(CorpusDoc(d.name, d.text, published=d.published) for d in corpus.docs)
    copy = next(p for p in corpus.planted if p.kind == "rewrite")
    ranking = library.likely_sources(copy.copy)
    assert ranking.compared < len(library) - 1
    assert copy.source in {x.key for x in ranking.sources}
    with pytest.raises(KeyError):
        library.add(CorpusDoc(copy.copy, "anything"))


def test_quoted_words_inside_passages_are_counted_exactly():
    """A long copied text has thousands of passages (its speed is measured in benchmarks/)."""
    from reader.core.corpus_records import _quoted_words
    from reader.core.text import tokenize

    paragraph = 'The minister said “we will cut waiting times in every hospital” on Monday. Others disagreed. '
    text = paragraph * 2000
    tokens = tokenize(text)
    step = len(paragraph)
    spans = [(k * step, k * step + 60) for k in range(2000)]  # each passage ends inside the quote
    counted = _quoted_words(text, tokens, spans)
    # Per passage: "we will cut waiting times in every hospital" start inside both the span and the quote.
    expected_per_paragraph = sum(1 for t in tokenize(paragraph) if paragraph.index("“") <= t.start < 60)
    assert expected_per_paragraph == 8
    assert counted == 2000 * expected_per_paragraph
