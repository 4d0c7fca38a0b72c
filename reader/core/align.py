"""The reuse engine: given two texts, the passages they share.

Pipeline (after Sanchez-Perez, Sidorov & Gelbukh, the PAN 2014 text-alignment winner, with
word-level boundary refinement and classification added for readers):

1. seeds      similar sentence pairs (tf-isf cosine and Dice); weak ones (0.75 x threshold) may
              only extend a passage; echoes (both sentences have a clearly better partner)
              are dropped                                                ``reader.core.seeding``
2. extension  seeds close in both texts become clusters, validated     ``reader.core.extension``
3. summary    where one side condenses the other, wide clusters replace the fragments (never
              a closer passage that shares only one of their sides: a copy elsewhere)
4. overlaps   a cluster keeps only seeds whose units no better cluster's links use; the rest
              is re-clustered; clusters of 2+ seeds grow by still-similar next sentence pairs
5. regions    the hull of the cluster's sentence links (``reader.core.passages``), trimmed to
              shared words (copies to their identical runs), snapped to sentence edges when
              reworded, grown over identical neighbouring words: what PAN scores
6. passages   the links themselves, never overlapping on either side, consecutive copies
              joined; copies first take every identical neighbouring word (``settle``); each
              is diffed word by word (``reader.core.worddiff``) and classified
              verbatim / edited / paraphrase / quote (a quote is narrowed to the quotation);
              a lone weakly similar sentence pair, alone or beside a shared quote or a copy,
              is dropped, and so is a passage whose sides differ in length past
              ``MAX_SIDE_RATIO``, and loose regions of a few words in a pair that copies

``align`` is deterministic, needs no network, and polls ``should_cancel`` between stages.
Pure functions; must not import Qt.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import replace

from reader.core.config import AlignConfig
from reader.core.extension import Cluster, extend
from reader.core.matches import EDITED, KINDS, PARAPHRASE, QUOTE, VERBATIM, Alignment, Match, Summary
from reader.core.passages import COPY_RUN, Span, chars, claim, grow, link_spans, link_units, settle
from reader.core.seeding import PreparedText, cosine, find_seeds, prepare, weigh
from reader.core.sentence_align import align_stretch, stretches
from reader.core.similarity import content_share
from reader.core.text import fold_word, quoted_spans
from reader.core.worddiff import WordDiff, word_diff

#: Weak seeds reach this share of the seed threshold.
WEAK_SEED_FACTOR = 0.75
#: Minimum similarity of a whole passage (its two sides summed as vectors).
VALIDATION_SIMILARITY = 0.34
#: A seed whose similarity is below this share of the best of both its sentences is an echo.
ECHO_RATIO = 0.85
#: Next sentence pairs at a passage's ends join it from this share of the seed threshold.
EDGE_FACTOR = 0.6
#: A passage this similar as a whole is a (near-)verbatim copy.
COPY_SIMILARITY = 0.9
#: A region edge this many words or fewer from a sentence edge moves to the sentence edge.
SNAP_WORDS = 10
#: Gap allowed (in sentences of the longer side) when one side summarises the other.
SUMMARY_GAP = 50
#: A summary's seeds fall apart into fragments of at most this many seeds under normal clustering.
SUMMARY_MAX_FRAGMENT = 6
#: Seed threshold and passage validation inside a summary: its sentences are condensed, so looser.
SUMMARY_THRESHOLD = 0.33
SUMMARY_VALIDATION = 0.34
#: One side counts as a summary when the other side's passage is this many times longer.
SUMMARY_RATIO = 3.0
#: A passage whose word diff keeps at least this share of words in order is ``edited``.
EDITED_RATIO = 0.8
#: A passage is a ``quote`` when this share of its shared words stands in quotation marks on both sides.
QUOTE_SHARE = 0.5
#: A reader's passage shorter than this (characters, either side) is a shared name, not reuse.
MIN_LINK_CHARS = 50
#: A reused stretch (region) shorter than this, or than ``config.min_passage_chars``, is not reported.
MIN_REGION_CHARS = 100
#: A single prose sentence pair next to a shared quotation needs this cosine to count as reuse.
LONE_PROSE_SIMILARITY = 0.5
#: A region of a single sentence pair (not a shared quotation, not a long verbatim copy) needs
#: its whole sentences to share this much of their content (``similarity.content_share``). Set
#: on the human-judged rewrites of ../shared/rewrites (MSRP train+dev): at 0.68 a quarter of the
#: pairs judged *not* rewrites (same event, other content) still pass; at 0.6, 43%.
LONE_LINK_SHARE = 0.68
#: A reused stretch shorter than ``MIN_REGION_CHARS`` is kept when its sentences share this much
#: of their content: a short sentence restated whole (40% of MSRP's rewrites are shorter than
#: 100 characters on one side). Same calibration as ``LONE_LINK_SHARE``.
SHORT_REGION_SHARE = LONE_LINK_SHARE
#: Consecutive near-verbatim links this many words apart or closer read as one passage.
JOIN_GAP = 4
#: Fewer words than this shared in order by a region of loose paraphrase beside a copy mark the
#: two texts' common topic, not more reuse (``_topical_beside_copies``): reworded reuse keeps
#: more (PAN's obfuscated regions: median 15 to 25), topical echoes a handful (median 4).
TOPICAL_SHARED_WORDS = 10
#: A passage whose one side is more than this many times longer (characters) than the other is
#: not one piece of content told twice, and is not reported. A passage links a sentence (or two
#: adjacent ones) to one or two: rewording, even condensing two sentences into one, stays
#: within it (on PAN's 5,185 training pairs, summaries included, no passage that overlaps a
#: reuse case and is not a quotation exceeds 4.9). Past it were quotations widened to a stray
#: quotation mark's partner thousands of characters away. Regions may be far more uneven (a
#: summary condenses a page into a paragraph); this bounds the reader's passages only.
MAX_SIDE_RATIO = 5.0
#: A verbatim passage with an identical run this long (words: a whole sentence) is a copy, and
#: a lone weakly similar paraphrase beside it is not reuse (``_corroborated``). Obfuscated
#: reuse keeps shorter identical bits (PAN's random obfuscation: under 16 words).
COPIED_SENTENCE_WORDS = 20


class Cancelled(Exception):
    """Raised by ``align`` when ``should_cancel()`` returned true."""


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

    Raises ``Cancelled`` when ``should_cancel()`` turns true, and ``ValueError`` for a text longer
    than ``config.max_chars``.
    """
    for side, text in (("A", text_a), ("B", text_b)):
        if len(text) > config.max_chars:
            raise ValueError(f"text {side} is {len(text):,} characters long; the limit is {config.max_chars:,}")

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
    seeds = _without_echoes(find_seeds(pa, pb, vectors, weak, tick=tick))
    check()

    def strong(s):
        return s[2] >= threshold and s[3] >= threshold

    clusters = extend(seeds, vectors.a, vectors.b, config.max_gap_sentences, VALIDATION_SIMILARITY, strong)
    seeds = [s for s in seeds if strong(s)]
    clusters = _summary_clusters(seeds, clusters, pa, pb, vectors, threshold) or clusters
    flags_a = _in_quotes(pa.tokens, quoted_spans(pa.text))
    flags_b = _in_quotes(pb.tokens, quoted_spans(pb.text))
    clusters = _drop_overlaps(clusters, pa, pb, vectors, config.max_gap_sentences)
    clusters = _with_edges(clusters, pa, pb, vectors, threshold * EDGE_FACTOR)
    clusters = _aligned_stretches(clusters, vectors, strong)
    check()
    free_a = bytearray(b"\x01") * len(pa.tokens)
    free_b = bytearray(b"\x01") * len(pb.tokens)
    found = []  # (cluster, region span, link spans shown, number of links)
    for cluster in sorted(clusters, key=lambda c: (c.a_first, c.b_first)):
        # The region runs from the first to the last shared word of its sentence links.
        # Inside a stretch known to be reused, readers see every restated sentence linked whole;
        # the region (what PAN scores) stays what the seeds themselves support.
        in_stretch = cluster.in_stretch
        links = link_spans(cluster.seeds + cluster.aligned, pa, pb, 0, vectors.a, vectors.b,
                           whole_sentences=in_stretch)
        evidence = link_spans(cluster.seeds, pa, pb, 0, vectors.a, vectors.b) if in_stretch else links
        if not links or not evidence:
            continue
        region = Span(min(s.a0 for s in evidence), max(s.a1 for s in evidence), min(s.b0 for s in evidence),
                      max(s.b1 for s in evidence), cluster.similarity)
        if cluster.similarity < COPY_SIMILARITY:  # a copy's edges are its identical words
            region = _snapped(region, pa, pb)
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
        found.append((cluster, region, spans, len(links), in_stretch))
    check()
    regions: list[Match] = []
    matches: list[Match] = []
    settled = settle([spans for _, _, spans, _, _ in found], pa, pb, free_a, free_b)
    for (cluster, region, spans, n_links, in_stretch), inner in zip(found, settled):
        passages = [m for m in _joined(inner, pa, pb, config, flags_a, flags_b, free_a, free_b) if _balanced(m)]
        # One loosely similar sentence pair: two texts on one topic, not reuse. (A copied sentence
        # is no loose pair, though a wide cluster of it and an echo may be loose as a whole.)
        if n_links == 1 and passages and passages[0].kind != QUOTE \
                and passages[0].longest_run < COPIED_SENTENCE_WORDS and _share(region, pa, pb) < LONE_LINK_SHARE:
            continue
        corroborated = _corroborated(passages)
        passages = [m for m in corroborated if _wanted(m, config)
                    and min(m.a_end - m.a_start, m.b_end - m.b_start) >= config.min_passage_chars]
        if not passages:
            continue
        k = len(regions)
        a_start, a_end, b_start, b_end = chars(region, pa, pb)
        if len(corroborated) < len(spans):  # the region is what is left (of links merged or dropped)
            a_start, a_end, b_start, b_end = passages[0].a_start, passages[0].a_end, passages[0].b_start, passages[0].b_end
        # A region holds its passages.
        a_start, a_end = min(a_start, *(m.a_start for m in passages)), max(a_end, *(m.a_end for m in passages))
        b_start, b_end = min(b_start, *(m.b_start for m in passages)), max(b_end, *(m.b_end for m in passages))
        regions.append(Match(a_start, a_end, b_start, b_end,
                             _dominant_kind(passages), round(_region_share(passages, pa, pb), 3), (),
                             sum(m.shared_words for m in passages), max(m.longest_run for m in passages), k))
        matches.extend(replace(m, region=k) for m in passages)
    # Regions in A order too (clusters are sorted by their first units, not by the trimmed
    # spans), so that ``Alignment.swapped()`` twice gives back the same alignment.
    topical = _topical_beside_copies(matches)
    order = sorted((k for k in range(len(regions)) if k not in topical),
                   key=lambda k: (regions[k].a_start, regions[k].b_start))
    renumber = {old: new for new, old in enumerate(order)}
    regions = [replace(regions[k], region=renumber[k]) for k in order]
    matches = sorted((replace(m, region=renumber[m.region]) for m in matches if m.region not in topical),
                     key=lambda m: (m.a_start, m.b_start))
    if progress is not None:
        progress(1, 1)
    return Alignment(tuple(matches), _summarize(matches, pa, pb), tuple(regions))


def _aligned_stretches(clusters: list[Cluster], vectors, strong) -> list[Cluster]:
    """Clusters with each reused stretch aligned sentence by sentence (``sentence_align``)."""
    runs = stretches(clusters, strong)
    if not runs:
        return clusters
    in_run = {id(c) for run in runs for c in run}
    out = [c for c in clusters if id(c) not in in_run]
    blocked_a = {i for c in out for i in range(c.a_first, c.a_last + 1)}
    blocked_b = {j for c in out for j in range(c.b_first, c.b_last + 1)}
    for run in runs:  # the other runs' units are taken too
        blocked_a.update(i for c in run for i in range(c.a_first, c.a_last + 1))
        blocked_b.update(j for c in run for j in range(c.b_first, c.b_last + 1))
    for run in runs:
        own_a = {i for c in run for i in range(c.a_first, c.a_last + 1)}
        own_b = {j for c in run for j in range(c.b_first, c.b_last + 1)}
        aligned = align_stretch(run, vectors.a, vectors.b, blocked_a - own_a, blocked_b - own_b)
        blocked_a.update(s[0] for c in aligned for s in c.aligned)
        blocked_b.update(s[1] for c in aligned for s in c.aligned)
        out.extend(aligned)
    return out


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


def _joined(spans: list[Span], pa, pb, config, flags_a, flags_b, free_a, free_b) -> list[Match]:
    """Classified passages; consecutive near-verbatim links (in both texts) become one passage.

    ``free_a``/``free_b`` (1 = unclaimed token) keep a quotation widened to its marks off the
    other passages; what it takes is claimed.
    """
    out: list[tuple[Span, WordDiff]] = []
    for span in sorted(spans, key=lambda s: (s.a0, s.b0)):
        diff = word_diff(pa.tokens[span.a0:span.a1], pb.tokens[span.b0:span.b1])
        if out:
            prev, prev_diff = out[-1]
            if (0 <= span.a0 - prev.a1 <= JOIN_GAP and 0 <= span.b0 - prev.b1 <= JOIN_GAP
                    and diff.ratio >= EDITED_RATIO and prev_diff.ratio >= EDITED_RATIO):
                merged = Span(prev.a0, span.a1, prev.b0, span.b1, (prev.similarity + span.similarity) / 2)
                out[-1] = (merged, word_diff(pa.tokens[merged.a0:merged.a1], pb.tokens[merged.b0:merged.b1]))
                continue
        out.append((span, diff))
    return [_passage_match(span, diff, pa, pb, config, flags_a, flags_b, free_a, free_b) for span, diff in out]


def _in_quotes(tokens, quotes) -> bytearray:
    """1 for each token that stands inside a quotation span."""
    flags = bytearray(len(tokens))
    k = 0
    for n, t in enumerate(tokens):
        while k < len(quotes) and quotes[k].end <= t.start:
            k += 1
        if k == len(quotes):
            break
        if quotes[k].start <= t.start:
            flags[n] = 1
    return flags


def _balanced(m: Match) -> bool:
    """Whether neither side of ``m`` is more than ``MAX_SIDE_RATIO`` times longer than the other."""
    a, b = m.a_end - m.a_start, m.b_end - m.b_start
    return max(a, b) <= MAX_SIDE_RATIO * min(a, b)


def _corroborated(passages: list[Match]) -> list[Match]:
    """Passages without a lone, weakly similar prose passage riding along a shared quotation.

    Independent reports of one event share quotations and, next to them, state the same facts
    in their own words; one such sentence pair beside a shared quote is common reporting, not
    reuse. The quotes themselves stay. So is one beside a verbatim copy of a whole sentence.
    """
    prose = [m for m in passages if m.kind != QUOTE]
    if len(prose) == 1 and len(passages) > 1 and prose[0].score < LONE_PROSE_SIMILARITY:
        return [m for m in passages if m.kind == QUOTE]
    # Likewise beside a copy: who copied a sentence or more word for word did not reword one
    # more; a lone weakly similar paraphrase next to it is a neighbouring sentence on the topic.
    loose = [m for m in prose if m.kind != VERBATIM]
    if len(loose) == 1 and loose[0].kind == PARAPHRASE and loose[0].score < LONE_PROSE_SIMILARITY and \
            any(m.kind == VERBATIM and m.longest_run >= COPIED_SENTENCE_WORDS for m in prose):
        return [m for m in passages if m is not loose[0]]
    return passages


def _topical_beside_copies(matches: list[Match]) -> set[int]:
    """Regions of a few loosely similar words, in a pair whose reuse is copying.

    ``_corroborated`` beyond one region: where one text copied the other word for word (a whole
    sentence or more), a region of nothing but loose paraphrase (each passage below
    ``LONE_PROSE_SIMILARITY``) sharing fewer than ``TOPICAL_SHARED_WORDS`` words in order is
    the two texts' common topic, not more reuse: whoever copied, copied. On PAN's training
    corpus this drops 14 false regions of the verbatim subset and 1 true one of the summary
    subset; on two 1 MB texts of many PAN documents it keeps every reuse case found without it.
    """
    if not any(m.kind == VERBATIM and m.longest_run >= COPIED_SENTENCE_WORDS for m in matches):
        return set()
    regions: dict[int, list[Match]] = {}
    for m in matches:
        regions.setdefault(m.region, []).append(m)
    return {k for k, ms in regions.items()
            if all(m.kind == PARAPHRASE and m.score < LONE_PROSE_SIMILARITY for m in ms)
            and sum(m.shared_words for m in ms) < TOPICAL_SHARED_WORDS}


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


def _with_edges(clusters: list[Cluster], pa, pb, vectors, floor: float) -> list[Cluster]:
    """Passages grown at both ends by next sentence pairs that are still somewhat similar.

    A heavily reworded or garbled sentence next to a passage (cosine 0.2-0.3) is no evidence on
    its own, but right where a passage begins or ends in both texts it is most likely part of
    it. Growth never enters another passage.
    """
    taken_a = [(c.a_first, c.a_last) for c in clusters]
    taken_b = [(c.b_first, c.b_last) for c in clusters]

    def free(k, taken):
        return not any(lo <= k <= hi for lo, hi in taken)

    out = []
    for c in clusters:
        # A copy ends where identical words end (``grow``); a lone sentence pair is no anchor.
        if c.similarity >= COPY_SIMILARITY or len(c.seeds) < 2:
            out.append(c)
            continue
        seeds = list(c.seeds)
        a0, a1, b0, b1 = c.a_first, c.a_last, c.b_first, c.b_last
        for step in (1, -1):
            while True:
                i0, j0 = (a1, b1) if step == 1 else (a0, b0)
                best = None
                for da, db in ((1, 1), (1, 2), (2, 1)):
                    i, j = i0 + step * da, j0 + step * db
                    if not (0 <= i < len(pa.units) and 0 <= j < len(pb.units)) or not free(i, taken_a) \
                            or not free(j, taken_b):
                        continue
                    sim = cosine(vectors.a[i], vectors.b[j])
                    if sim >= floor and (best is None or sim > best[2]):
                        best = (i, j, sim, 0.0)
                if best is None:
                    break
                seeds.append(best)
                if step == 1:
                    a1, b1 = best[0], best[1]
                else:
                    a0, b0 = best[0], best[1]
        if len(seeds) == len(c.seeds):
            out.append(c)
        else:
            out.append(Cluster(a0, a1, b0, b1, tuple(seeds), c.similarity))
    return out


def _without_echoes(seeds: list) -> list:
    """Seeds minus echoes: pairs whose both sentences have a clearly better partner elsewhere.

    Similar sentences recur (a list of "The Fourth Report shows ..." items); the echo pairs
    between two copied passages would otherwise glue them into one passage, or make one
    passage's hull overlap another's and lose it.
    """
    best_a: dict[int, float] = {}
    best_b: dict[int, float] = {}
    for i, j, c, _ in seeds:
        best_a[i] = max(best_a.get(i, 0.0), c)
        best_b[j] = max(best_b.get(j, 0.0), c)
    return [s for s in seeds if s[2] >= ECHO_RATIO * best_a[s[0]] or s[2] >= ECHO_RATIO * best_b[s[1]]]


def _wanted(m: Match, config: AlignConfig) -> bool:
    if m.kind == QUOTE and config.ignore_quotes:
        return False
    return not (m.kind == PARAPHRASE and not config.paraphrase)


def _dominant_kind(matches: list[Match]) -> str:
    weight: dict[str, int] = {}
    for m in matches:
        weight[m.kind] = weight.get(m.kind, 0) + (m.b_end - m.b_start)
    return max(weight, key=lambda k: (weight[k], -KINDS.index(k)))


def _summary_clusters(seeds, clusters: list[Cluster], pa, pb, vectors, threshold: float) -> list[Cluster] | None:
    """Passages where B condenses a much longer stretch of A (a summary), replacing fragments.

    Re-clustered with a wide gap, a summary's seeds form one cluster whose A side is several
    times longer than its B side, and which the normal clustering had broken into fragments of
    one or two seeds each. A wide cluster that swallows a solid normal passage is a merge of
    neighbouring passages, not a summary, and is not used.
    """
    if len(seeds) < 3:
        return None
    wide = extend(seeds, vectors.a, vectors.b, SUMMARY_GAP, VALIDATION_SIMILARITY)
    if SUMMARY_THRESHOLD < threshold:
        loose = find_seeds(pa, pb, vectors, SUMMARY_THRESHOLD)
        wide = extend(loose, vectors.a, vectors.b, SUMMARY_GAP, SUMMARY_VALIDATION)

    def is_summary(w: Cluster) -> bool:
        a_len = pa.units[w.a_last].end - pa.units[w.a_first].start
        b_len = pb.units[w.b_last].end - pb.units[w.b_first].start
        if len(w.seeds) < 3 or a_len < SUMMARY_RATIO * b_len:
            return False
        for c in clusters:
            in_a = w.a_first <= c.a_last and c.a_first <= w.a_last
            in_b = w.b_first <= c.b_last and c.b_first <= w.b_last
            # (Contained by position: normal clusters also hold weak seeds, which ``w`` lacks.)
            if w.a_first <= c.a_first and c.a_last <= w.a_last and w.b_first <= c.b_first \
                    and c.b_last <= w.b_last:
                if len(c.seeds) > SUMMARY_MAX_FRAGMENT:
                    return False
            # A passage sharing only one side with ``w`` is another account of that text; when
            # it is the closer one (a copy elsewhere), ``w`` is a loose match glued from echoes.
            elif in_a != in_b and c.similarity >= w.similarity:
                return False
        return True

    summaries = [w for w in wide if is_summary(w)]
    if not summaries:
        return None
    # Normal passages elsewhere stay as they were.
    rest = [c for c in clusters if not any(c.a_first <= w.a_last and w.a_first <= c.a_last or
                                            c.b_first <= w.b_last and w.b_first <= c.b_last for w in summaries)]
    return summaries + rest


def _drop_overlaps(clusters: list[Cluster], pa: PreparedText, pb: PreparedText, vectors,
                   max_gap: int) -> list[Cluster]:
    """Passages that do not overlap on either side; the better of two overlapping ones wins.

    Overlap on B means two sources claimed for one stretch; overlap on A means one source
    stretch claimed twice, which in practice is a weaker echo of the real counterpart. The
    weaker passage loses only its seeds inside the winner; what is left is clustered and
    validated again, so a long passage that merely touches a better one is not lost.
    """
    def quality(c: Cluster):
        a = pa.units[c.a_last].end - pa.units[c.a_first].start
        b = pb.units[c.b_last].end - pb.units[c.b_first].start
        return c.similarity * (a + b)

    def owned(c: Cluster) -> tuple[set[int], set[int]]:
        """The units the cluster's sentence links use (its hull may hold unlinked echoes)."""
        units_a: set[int] = set()
        units_b: set[int] = set()
        for link in link_units(c.seeds, vectors.a, vectors.b):
            units_a.update(range(link.a_first, link.a_last + 1))
            units_b.update(range(link.b_first, link.b_last + 1))
        return units_a, units_b

    kept: list[Cluster] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    queue = sorted(clusters, key=quality, reverse=True)
    while queue:
        c = queue.pop(0)
        left = [s for s in c.seeds if s[0] not in used_a and s[1] not in used_b]
        if len(left) == len(c.seeds):
            kept.append(c)
            units_a, units_b = owned(c)
            used_a |= units_a
            used_b |= units_b
        elif left:
            queue.extend(extend(left, vectors.a, vectors.b, max_gap, VALIDATION_SIMILARITY))
            queue.sort(key=quality, reverse=True)
    return kept


def _passage_match(span: Span, diff: WordDiff, pa: PreparedText, pb: PreparedText, config: AlignConfig,
                   flags_a: bytearray, flags_b: bytearray, free_a: bytearray, free_b: bytearray) -> Match:
    """A reader's passage: classified; a shared quotation is narrowed to the quoted words.

    Verbatim means the same words up to case, apostrophe style and accent encoding; spacing,
    line breaks, quote marks and dashes are not words. A verbatim passage with ``COPY_RUN``
    words outside quotation marks is a copy that takes a quotation along, not a shared quote;
    and a quotation the other side does not share a content word of is no shared quote.
    """
    ta = pa.tokens[span.a0:span.a1]
    tb = pb.tokens[span.b0:span.b1]
    shared = {t.norm for t in ta if not t.stop} & {t.norm for t in tb if not t.stop}
    verbatim = len(ta) == len(tb) and all(_surface(pa.text, x) == _surface(pb.text, y) for x, y in zip(ta, tb))
    kind = VERBATIM if verbatim else EDITED if diff.ratio >= EDITED_RATIO else PARAPHRASE
    if _quoted_share(pa.tokens, span.a0, span.a1, shared, flags_a) >= QUOTE_SHARE and \
            _quoted_share(pb.tokens, span.b0, span.b1, shared, flags_b) >= QUOTE_SHARE and \
            not (verbatim and len(ta) - sum(flags_a[span.a0:span.a1]) >= COPY_RUN):
        narrow = Span(*_quoted_range(span.a0, span.a1, flags_a, free_a, pa.tokens, shared),
                      *_quoted_range(span.b0, span.b1, flags_b, free_b, pb.tokens, shared), span.similarity)
        if narrow == span:
            kind = QUOTE
        elif {t.norm for t in pa.tokens[narrow.a0:narrow.a1] if not t.stop} & \
                {t.norm for t in pb.tokens[narrow.b0:narrow.b1] if not t.stop}:
            kind = QUOTE
            claim(narrow, free_a, free_b)
            span = narrow
            diff = word_diff(pa.tokens[span.a0:span.a1], pb.tokens[span.b0:span.b1])
    a_start, a_end, b_start, b_end = chars(span, pa, pb)
    score = 1.0 if kind == VERBATIM else content_share(pa.tokens[span.a0:span.a1], pb.tokens[span.b0:span.b1])
    return Match(a_start, a_end, b_start, b_end, kind, round(score, 3),
                 diff.ops if config.word_diff else (), diff.equal_b, diff.longest_run)


def _quoted_share(tokens, lo: int, hi: int, shared: set, flags: bytearray) -> float:
    """Share of the shared content words in ``tokens[lo:hi]`` that stand inside quotation marks."""
    hits = [flags[k] for k in range(lo, hi) if not tokens[k].stop and tokens[k].norm in shared]
    return sum(hits) / len(hits) if hits else 0.0


def _quoted_range(lo: int, hi: int, flags: bytearray, free: bytearray, tokens=None,
                  shared: set = frozenset()) -> tuple[int, int]:
    """The quotation inside ``[lo, hi)`` holding the most ``shared`` content words of ``tokens``
    (given), else the longest run of quoted tokens.

    It widens to the quotation's ends over tokens outside ``[lo, hi)`` only while they are
    ``free``: two passages inside one long quotation must not both become the whole quotation.
    """
    best = (lo, hi)
    best_key = (0, 0)
    k = lo
    while k < hi:
        if not flags[k]:
            k += 1
            continue
        start = k
        while k < hi and flags[k]:
            k += 1
        hits = 0 if tokens is None else sum(1 for t in tokens[start:k] if not t.stop and t.norm in shared)
        if (hits, k - start) > best_key:
            best, best_key = (start, k), (hits, k - start)
    start, end = best
    if best_key[1]:  # the whole quotation, though the passage was trimmed to its shared words
        while start > 0 and flags[start - 1] and (start - 1 >= lo or free[start - 1]):
            start -= 1
        while end < len(flags) and flags[end] and (end < hi or free[end]):
            end += 1
    return start, end


def _surface(text: str, token) -> str:
    return fold_word(text[token.start:token.end])  # the word up to case, apostrophes, accent encoding


def tokens_inside(tokens, spans) -> list:
    """The tokens (in text order) that start inside the union of the character ``spans``.

    One sweep over both, so a long text with thousands of passages stays linear.
    """
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out = []
    k = 0
    for t in tokens:
        while k < len(merged) and merged[k][1] <= t.start:
            k += 1
        if k == len(merged):
            break
        if merged[k][0] <= t.start:
            out.append(t)
    return out


def covered_tokens(tokens, spans) -> int:
    """How many tokens start inside the union of ``spans``."""
    return len(tokens_inside(tokens, spans))


def _summarize(matches, pa: PreparedText, pb: PreparedText) -> Summary:
    wa, wb = len(pa.tokens), len(pb.tokens)
    ca = covered_tokens(pa.tokens, [(m.a_start, m.a_end) for m in matches])
    cb = covered_tokens(pb.tokens, [(m.b_start, m.b_end) for m in matches])
    longest = max((m.longest_run for m in matches), default=0)
    return Summary(ca / wa if wa else 0.0, cb / wb if wb else 0.0, len(matches), longest, wa, wb)
