"""The reuse engine: given two texts, the passages they share. This module is the pipeline.

After Sanchez-Perez, Sidorov & Gelbukh (the PAN 2014 text-alignment winner), with sentence
alignment inside reused stretches and word-level classification added for readers:

1. units      each text cut into sentences (short ones joined), words weighed by rarity in
              English at large blended with rarity in the two texts   ``seeding``, ``rarity``
2. seeds      similar sentence pairs (cosine and Dice); weak ones may only extend a cluster;
              echoes dropped                                         ``seeding``, ``clustering``
3. clusters   seeds close in both texts, validated; summaries; overlaps resolved; grown at the
              edges                                                  ``extension``, ``clustering``
4. stretches  runs of clusters in order, known to be reused: their sentences aligned by order
              at a weaker similarity (1-1, 1-2, 2-1, skips)           ``sentence_align``
5. regions    per cluster, the hull of what its seeds link, snapped to sentence edges when
              reworded, grown over identical words: what PAN scores as a case
6. passages   the sentence links (``passages``), whole sentences inside a stretch, copies
              settled first, never overlapping; joined, diffed, classified and scored
              (``classify``, ``similarity``); common reporting dropped (``reuse_filters``);
              a lone sentence pair or a short region must share ``LONE_LINK_SHARE`` of its
              sentences' content
7. summary    how much of each text the passages cover                ``summarize``

Glossary: a *unit* is a sentence (or a few short ones) of one text; a *seed* a pair of similar
units; a *cluster* a group of seeds close together in both texts; a *stretch* a run of clusters
in order; a *link* a unit group of A paired with one of B; a *span* a link's token ranges; a
*passage* (``Match``) what readers see; a *region* the reused stretch a passage belongs to.

``align`` is deterministic, needs no network, and polls ``should_cancel`` between stages.
Pure functions; must not import Qt.
"""

from __future__ import annotations

import threading
import time
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import replace

from reader.core.classify import MAX_SIDE_RATIO, balanced, dominant_kind, in_quotes, joined, wanted
from reader.core.clustering import (
    COPY_SIMILARITY,
    EDGE_FACTOR,
    VALIDATION_SIMILARITY,
    aligned_stretches,
    drop_overlaps,
    summary_clusters,
    with_edges,
    without_echoes,
)
from reader.core.config import AlignConfig
from reader.core.extension import extend
from reader.core.matches import QUOTE, Alignment, Match
from reader.core.passages import Span, chars, claim, grow, link_spans, settle
from reader.core.reuse_filters import COPIED_SENTENCE_WORDS, corroborated, topical_beside_copies
from reader.core.seeding import PreparedText, find_seeds, prepare, weigh
from reader.core.similarity import content_share
from reader.core.summarize import covered_tokens, summarize, tokens_inside
from reader.core.text import quoted_spans

#: Names other modules and tests have long imported from here.
__all__ = ["Cancelled", "MAX_SIDE_RATIO", "TooSlow", "align", "align_prepared", "covered_tokens", "prepare_cached",
           "tokens_inside"]

#: Weak seeds reach this share of the seed threshold.
WEAK_SEED_FACTOR = 0.75
#: A region edge this many words or fewer from a sentence edge moves to the sentence edge.
SNAP_WORDS = 10
#: A reader's passage shorter than this (characters, either side) is a shared name, not reuse.
MIN_LINK_CHARS = 50
#: A reused stretch (region) shorter than this, or than ``config.min_passage_chars``, is not reported.
MIN_REGION_CHARS = 100
#: A region of a single sentence pair (not a shared quotation, not a long verbatim copy) needs
#: its whole sentences to share this much of their content (``similarity.content_share``). Set
#: on the human-judged rewrites of ../shared/rewrites (MSRP train+dev): at 0.68 a quarter of the
#: pairs judged *not* rewrites (same event, other content) still pass; at 0.6, 43%.
LONE_LINK_SHARE = 0.68
#: A reused stretch shorter than ``MIN_REGION_CHARS`` is kept when its sentences share this much
#: of their content: a short sentence restated whole (40% of MSRP's rewrites are shorter than
#: 100 characters on one side). Same calibration as ``LONE_LINK_SHARE``.
SHORT_REGION_SHARE = LONE_LINK_SHARE


class Cancelled(Exception):
    """Raised by ``align`` when ``should_cancel()`` returned true."""


class TooSlow(ValueError):
    """Raised by ``align`` when the alignment ran past ``AlignConfig.max_seconds``."""

    def __init__(self, seconds: float, chars_a: int, chars_b: int) -> None:
        super().__init__(f"comparing them would take more than {seconds:g} s (texts of {chars_a:,} and "
                         f"{chars_b:,} characters that share a great deal: very long or very repetitive)")


_cache: OrderedDict[str, PreparedText] = OrderedDict()
_CACHE_SIZE = 16
# The window aligns in worker threads (a pair, the library ranking): without the lock one thread
# could evict the entry another has just found, and its ``move_to_end`` raise KeyError.
_cache_lock = threading.Lock()


def prepare_cached(text: str) -> PreparedText:
    """``prepare`` with a small LRU cache: batch runs and the window re-align the same texts.

    Safe to call from several threads; ``prepare`` itself runs outside the lock.
    """
    with _cache_lock:
        hit = _cache.get(text)
        if hit is not None:
            _cache.move_to_end(text)
            return hit
    prepared = prepare(text)
    with _cache_lock:
        _cache[text] = prepared
        _cache.move_to_end(text)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return prepared


def align(text_a: str, text_b: str, config: AlignConfig = AlignConfig(), should_cancel=None,
          progress=None) -> Alignment:
    """The passages shared by ``text_a`` and ``text_b``, with summary figures.

    Raises ``Cancelled`` when ``should_cancel()`` turns true, ``TooSlow`` past
    ``config.max_seconds`` (checked between stages and every few hundred sentences), and
    ``ValueError`` for a text longer than ``config.max_chars``.
    """
    for side, text in (("A", text_a), ("B", text_b)):
        if len(text) > config.max_chars:
            raise ValueError(f"text {side} is {len(text):,} characters long; the limit is {config.max_chars:,}")

    if config.max_seconds is None:
        return _align(text_a, text_b, config, should_cancel, progress)
    deadline = time.monotonic() + config.max_seconds

    def cancel_or_late() -> bool:
        if time.monotonic() > deadline:
            raise TooSlow(config.max_seconds or 0.0, len(text_a), len(text_b))
        return should_cancel is not None and should_cancel()

    return _align(text_a, text_b, config, cancel_or_late, progress)


def _align(text_a: str, text_b: str, config: AlignConfig, should_cancel, progress) -> Alignment:
    check = _cancel_check(should_cancel)
    check()
    pa = prepare_cached(text_a)
    check()
    pb = prepare_cached(text_b)
    return align_prepared(pa, pb, config, should_cancel, progress)


def _cancel_check(should_cancel):
    """A function that raises ``Cancelled`` when ``should_cancel()`` (if given) is true."""
    def check():
        if should_cancel is not None and should_cancel():
            raise Cancelled()
    return check


def align_prepared(pa: PreparedText, pb: PreparedText, config: AlignConfig = AlignConfig(),
                   should_cancel=None, progress=None) -> Alignment:
    """``align`` on texts already prepared (``prepare_cached``); ``max_chars`` is not checked."""
    check = _cancel_check(should_cancel)

    def tick(done, total):
        check()
        if progress is not None:
            progress(done, total + 1)

    vectors = weigh(pa, pb)
    threshold = config.sentence_threshold
    if not config.paraphrase:
        threshold = max(threshold, 0.6)
    # Weak seeds (a garbled or heavily reworded sentence) may extend a passage that strong
    # seeds started, but never start one themselves.
    weak = threshold * WEAK_SEED_FACTOR
    seeds = without_echoes(find_seeds(pa, pb, vectors, weak, tick=tick))
    check()

    def strong(s):
        return s[2] >= threshold and s[3] >= threshold

    clusters = extend(seeds, vectors.a, vectors.b, config.max_gap_sentences, VALIDATION_SIMILARITY, strong)
    check()
    seeds = [s for s in seeds if strong(s)]
    clusters = summary_clusters(seeds, clusters, pa, pb, vectors, threshold) or clusters
    check()
    flags_a = in_quotes(pa.tokens, quoted_spans(pa.text), pa.starts)
    flags_b = in_quotes(pb.tokens, quoted_spans(pb.text), pb.starts)
    clusters = drop_overlaps(clusters, pa, pb, vectors, config.max_gap_sentences)
    check()
    clusters = with_edges(clusters, pa, pb, vectors, threshold * EDGE_FACTOR)
    check()
    clusters = aligned_stretches(clusters, vectors, strong)
    check()
    free_a = bytearray(b"\x01") * len(pa.tokens)
    free_b = bytearray(b"\x01") * len(pb.tokens)
    found = []  # (region as the seeds link it, region grown, link spans shown, number of links, in a stretch)
    for cluster in sorted(clusters, key=lambda c: (c.a_first, c.b_first)):
        # The region runs from the first to the last shared word of its sentence links.
        # Inside a stretch known to be reused, readers see every restated sentence linked whole;
        # the region (what PAN scores) stays what the seeds themselves support.
        in_stretch = cluster.in_stretch
        check()
        links = link_spans(cluster.seeds + cluster.aligned, pa, pb, 0, vectors.a, vectors.b,
                           whole_sentences=in_stretch)
        evidence = link_spans(cluster.seeds, pa, pb, 0, vectors.a, vectors.b) if in_stretch else links
        if not links or not evidence:
            continue
        if len(links) == 1 and not in_stretch and _share(links[0], pa, pb) >= LONE_LINK_SHARE:
            # A lone sentence pair that restates as a whole (the test a lone pair must pass
            # anyway) is a rewrite of the whole sentence, as inside a stretch.
            links = link_spans(cluster.seeds, pa, pb, 0, vectors.a, vectors.b, whole_sentences=True)
        region = Span(min(s.a0 for s in evidence), max(s.a1 for s in evidence), min(s.b0 for s in evidence),
                      max(s.b1 for s in evidence), cluster.similarity)
        if cluster.similarity < COPY_SIMILARITY:  # a copy's edges are its identical words
            region = _snapped(region, pa, pb)
        # A lone sentence pair is judged on the sentences the seeds link, before growing:
        # growth over identical words may cross into the next sentence ("The" opening both
        # next sentences), whose unrelated content would then count against the restatement.
        judged = region
        region = grow(region, pa, pb)
        a_start, a_end, b_start, b_end = chars(region, pa, pb)
        shortest = min(a_end - a_start, b_end - b_start)
        if shortest < config.min_passage_chars:
            continue
        if shortest < MIN_REGION_CHARS and _share(region, pa, pb) < SHORT_REGION_SHARE:
            continue
        # A link whole-sentence snapping or order alignment made reach into text another passage
        # already took stays out: passages never overlap.
        spans = [s for s in links if min(_char_len(s, pa, pb)) >= max(MIN_LINK_CHARS, config.min_passage_chars)
                 and all(free_a[s.a0:s.a1]) and all(free_b[s.b0:s.b1])]
        for span in spans:
            claim(span, free_a, free_b)
        found.append((judged, region, spans, len(links), in_stretch))
    check()
    regions: list[Match] = []
    matches: list[Match] = []
    settled = settle([spans for _, _, spans, _, _ in found], pa, pb, free_a, free_b)
    for (judged, region, spans, n_links, _in_stretch), inner in zip(found, settled):
        check()
        passages = [m for m in joined(inner, pa, pb, config, flags_a, flags_b, free_a, free_b) if balanced(m)]
        # One loosely similar sentence pair: two texts on one topic, not reuse. (A copied sentence
        # is no loose pair, though a wide cluster of it and an echo may be loose as a whole.)
        if n_links == 1 and passages and passages[0].kind != QUOTE \
                and passages[0].longest_run < COPIED_SENTENCE_WORDS and _share(judged, pa, pb) < LONE_LINK_SHARE:
            continue
        kept = corroborated(passages)
        passages = [m for m in kept if wanted(m, config)
                    and min(m.a_end - m.a_start, m.b_end - m.b_start) >= config.min_passage_chars]
        if not passages:
            continue
        k = len(regions)
        a_start, a_end, b_start, b_end = chars(region, pa, pb)
        if len(kept) < len(spans):  # the region is what is left (of links merged or dropped)
            first = passages[0]
            a_start, a_end, b_start, b_end = first.a_start, first.a_end, first.b_start, first.b_end
        # A region holds its passages.
        a_start, a_end = min(a_start, *(m.a_start for m in passages)), max(a_end, *(m.a_end for m in passages))
        b_start, b_end = min(b_start, *(m.b_start for m in passages)), max(b_end, *(m.b_end for m in passages))
        regions.append(Match(a_start, a_end, b_start, b_end,
                             dominant_kind(passages), round(_region_share(passages, pa, pb), 3), (),
                             sum(m.shared_words for m in passages), max(m.longest_run for m in passages), k))
        matches.extend(replace(m, region=k) for m in passages)
    # Regions in A order too (clusters are sorted by their first units, not by the trimmed
    # spans), so that ``Alignment.swapped()`` twice gives back the same alignment.
    topical = topical_beside_copies(matches)
    order = sorted((k for k in range(len(regions)) if k not in topical),
                   key=lambda k: (regions[k].a_start, regions[k].b_start))
    renumber = {old: new for new, old in enumerate(order)}
    regions = [replace(regions[k], region=renumber[k]) for k in order]
    matches = sorted((replace(m, region=renumber[m.region]) for m in matches if m.region not in topical),
                     key=lambda m: (m.a_start, m.b_start))
    if progress is not None:
        progress(1, 1)
    return Alignment(tuple(matches), summarize(matches, pa, pb), tuple(regions))


def _share(span: Span, pa: PreparedText, pb: PreparedText) -> float:
    """Content share of the whole sentences ``span`` touches.

    Whole sentences, not the span: trimmed to its shared words, a sentence that adds a clause of
    news to a shared one would look like a faithful restatement.
    """
    whole = _snapped(span, pa, pb, limit=None)
    return content_share(pa.tokens[whole.a0:whole.a1], pb.tokens[whole.b0:whole.b1])


def _region_share(passages: list[Match], pa, pb) -> float:
    """A region's score: its passages' scores weighted by their length in B."""
    total = sum(m.b_end - m.b_start for m in passages)
    return sum(m.score * (m.b_end - m.b_start) for m in passages) / total if total else 0.0


def _char_len(span: Span, pa, pb) -> tuple[int, int]:
    a_start, a_end, b_start, b_end = chars(span, pa, pb)
    return a_end - a_start, b_end - b_start


def _snapped(span: Span, pa: PreparedText, pb: PreparedText, limit: int | None = SNAP_WORDS) -> Span:
    """``span`` with each edge moved to its sentence's edge when only a few words lie between.

    Reworded text rarely keeps the first and last words of a sentence, yet reuse starts and ends
    with whole sentences; a copy that starts mid-sentence leaves many words out, and stays cut.
    """
    def snap(lo, hi, prepared):
        firsts = prepared.unit_firsts
        u0 = prepared.units[bisect_right(firsts, lo) - 1]
        u1 = prepared.units[bisect_right(firsts, hi - 1) - 1]
        if limit is None or lo - u0.first <= limit:
            lo = u0.first
        if limit is None or u1.last - hi <= limit:
            hi = max(hi, u1.last)
        return lo, hi

    a0, a1 = snap(span.a0, span.a1, pa)
    b0, b1 = snap(span.b0, span.b1, pb)
    return Span(a0, a1, b0, b1, span.similarity)


