"""The reuse engine: given two texts, the passages they share.

Pipeline (after Sanchez-Perez, Sidorov & Gelbukh, the PAN 2014 text-alignment winner, with
word-level boundary refinement and classification added for readers):

1. seeds      similar sentence pairs (tf-isf cosine and Dice)         ``reader.core.seeding``
2. extension  seeds close in both texts become passages, validated     ``reader.core.extension``
3. summary    when one side condenses the other, passages may span wide gaps in the longer side
4. filtering  overlapping passages on B keep the better one; short ones are dropped
5. refinement each passage is trimmed to its first and last shared word, diffed word by word
              (``reader.core.worddiff``) and classified verbatim / edited / paraphrase / quote

``align`` is deterministic, needs no network, and polls ``should_cancel`` between stages.
Pure functions; must not import Qt.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace

from reader.core.config import AlignConfig
from reader.core.extension import Cluster, extend, passage_similarity
from reader.core.matches import EDITED, KINDS, PARAPHRASE, QUOTE, VERBATIM, Alignment, Match, Summary
from reader.core.seeding import PreparedText, find_seeds, prepare, weigh
from reader.core.text import quoted_spans
from reader.core.worddiff import WordDiff, word_diff

#: Weak seeds reach this share of the seed threshold.
WEAK_SEED_FACTOR = 0.75
#: Minimum similarity of a whole passage (its two sides summed as vectors).
VALIDATION_SIMILARITY = 0.34
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
QUOTE_SHARE = 0.6


class Cancelled(Exception):
    """Raised by ``align`` when ``should_cancel()`` returned true."""


_cache: OrderedDict[str, PreparedText] = OrderedDict()
_CACHE_SIZE = 16


def prepare_cached(text: str) -> PreparedText:
    """``prepare`` with a small LRU cache: batch runs and the window re-align the same texts."""
    hit = _cache.get(text)
    if hit is not None:
        _cache.move_to_end(text)
        return hit
    prepared = prepare(text)
    _cache[text] = prepared
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return prepared


def align(text_a: str, text_b: str, config: AlignConfig = AlignConfig(), should_cancel=None,
          progress=None) -> Alignment:
    """The passages shared by ``text_a`` and ``text_b``, with summary figures."""
    def check():
        if should_cancel is not None and should_cancel():
            raise Cancelled()

    check()
    pa = prepare_cached(text_a)
    check()
    pb = prepare_cached(text_b)
    return align_prepared(pa, pb, config, should_cancel, progress)


@dataclass(slots=True)
class _Passage:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_tok: tuple[int, int]  # token index ranges [first, last)
    b_tok: tuple[int, int]
    similarity: float


def align_prepared(pa: PreparedText, pb: PreparedText, config: AlignConfig = AlignConfig(),
                   should_cancel=None, progress=None) -> Alignment:
    def check():
        if should_cancel is not None and should_cancel():
            raise Cancelled()

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
    seeds = find_seeds(pa, pb, vectors, weak, tick=tick)
    check()

    def strong(s):
        return s[2] >= threshold and s[3] >= threshold

    clusters = extend(seeds, vectors.a, vectors.b, config.max_gap_sentences, VALIDATION_SIMILARITY, strong)
    seeds = [s for s in seeds if strong(s)]
    clusters = _summary_clusters(seeds, clusters, pa, pb, vectors, threshold) or clusters
    clusters = _drop_overlaps(clusters, pa, pb)
    check()
    quotes_a = quoted_spans(pa.text)
    quotes_b = quoted_spans(pb.text)
    regions: list[Match] = []
    matches: list[Match] = []
    for cluster in sorted(clusters, key=lambda c: (c.a_first, c.b_first)):
        region = _extended(_trimmed(_to_passage(cluster, pa, pb), pa, pb), pa, pb)
        if region is None or min(region.a_end - region.a_start, region.b_end - region.b_start) < config.min_passage_chars:
            continue
        inner = []
        for part in extend(list(cluster.seeds), vectors.a, vectors.b, 0, VALIDATION_SIMILARITY):
            m = _passage_match(_trimmed(_to_passage(part, pa, pb), pa, pb), pa, pb, config, quotes_a, quotes_b)
            if m is not None:
                inner.append(m)
        inner = [m for m in inner if _wanted(m, config)]
        if not inner:
            continue
        k = len(regions)
        regions.append(Match(region.a_start, region.a_end, region.b_start, region.b_end, _dominant_kind(inner),
                             round(cluster.similarity, 3), (), sum(m.shared_words for m in inner),
                             max(m.longest_run for m in inner), k))
        matches.extend(replace(m, region=k) for m in inner)
    matches.sort(key=lambda m: (m.a_start, m.b_start))
    if progress is not None:
        progress(1, 1)
    return Alignment(tuple(matches), _summarize(matches, pa, pb), tuple(regions))


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
    best = max(wide, key=lambda c: len(c.seeds))
    a_len = pa.units[best.a_last].end - pa.units[best.a_first].start
    b_len = pb.units[best.b_last].end - pb.units[best.b_first].start
    if len(best.seeds) < 3 or a_len < SUMMARY_RATIO * b_len:
        return None
    members = set(best.seeds)
    if any(len(c.seeds) > SUMMARY_MAX_FRAGMENT for c in clusters if members.issuperset(c.seeds)):
        return None
    return wide


def _to_passage(c: Cluster, pa: PreparedText, pb: PreparedText) -> _Passage:
    ua0, ua1 = pa.units[c.a_first], pa.units[c.a_last]
    ub0, ub1 = pb.units[c.b_first], pb.units[c.b_last]
    return _Passage(ua0.start, ua1.end, ub0.start, ub1.end, (ua0.first, ua1.last), (ub0.first, ub1.last),
                    c.similarity)


def _drop_overlaps(clusters: list[Cluster], pa: PreparedText, pb: PreparedText) -> list[Cluster]:
    """Where two passages overlap, keep the one with more similar, longer text.

    Overlap on B means two sources claimed for one stretch; overlap on A means one source
    stretch claimed twice, which in practice is a weaker echo of the real counterpart.
    """
    def quality(c: Cluster):
        a = pa.units[c.a_last].end - pa.units[c.a_first].start
        b = pb.units[c.b_last].end - pb.units[c.b_first].start
        return c.similarity * (a + b)

    kept: list[Cluster] = []
    for c in sorted(clusters, key=quality, reverse=True):
        if any((c.b_first <= k.b_last and k.b_first <= c.b_last)
               or (c.a_first <= k.a_last and k.a_first <= c.a_last) for k in kept):
            continue
        kept.append(c)
    return kept


def _trimmed(p: _Passage, pa: PreparedText, pb: PreparedText) -> _Passage | None:
    """The passage cut down to its first and last shared content word (None if none is shared)."""
    ta = pa.tokens[p.a_tok[0]:p.a_tok[1]]
    tb = pb.tokens[p.b_tok[0]:p.b_tok[1]]
    diff = word_diff(ta, tb, semantic_cleanup=False)
    ops = [o for o in diff.ops if o.tag == "equal"]
    if not ops:
        return None
    # Token offsets of the first and last shared words come from the diff's bounds.
    (fa, fb), (la, lb) = diff.first_equal, diff.last_equal
    a0, b0 = p.a_tok[0] + fa, p.b_tok[0] + fb
    a1, b1 = p.a_tok[0] + la, p.b_tok[0] + lb
    ta, tb = pa.tokens, pb.tokens
    return _Passage(ta[a0].start, ta[a1 - 1].end, tb[b0].start, tb[b1 - 1].end, (a0, a1), (b0, b1), p.similarity)


def _extended(p: _Passage | None, pa: PreparedText, pb: PreparedText) -> _Passage | None:
    """The passage grown outwards word by word while both texts go on with the same words.

    Sentence units rarely start and end where copying does (a copy may begin mid-sentence, or
    line breaks may differ); identical neighbouring words belong to the passage.
    """
    if p is None:
        return None
    ta, tb = pa.tokens, pb.tokens
    (a0, a1), (b0, b1) = p.a_tok, p.b_tok
    while a0 > 0 and b0 > 0 and ta[a0 - 1].norm == tb[b0 - 1].norm:
        a0 -= 1
        b0 -= 1
    while a1 < len(ta) and b1 < len(tb) and ta[a1].norm == tb[b1].norm:
        a1 += 1
        b1 += 1
    if (a0, a1, b0, b1) == (*p.a_tok, *p.b_tok):
        return p
    return _Passage(ta[a0].start, ta[a1 - 1].end, tb[b0].start, tb[b1 - 1].end, (a0, a1), (b0, b1), p.similarity)


def _passage_match(p: _Passage | None, pa: PreparedText, pb: PreparedText, config: AlignConfig,
                   quotes_a, quotes_b) -> Match | None:
    """A reader's passage: diffed word by word and classified."""
    if p is None:
        return None
    ta = pa.tokens[p.a_tok[0]:p.a_tok[1]]
    tb = pb.tokens[p.b_tok[0]:p.b_tok[1]]
    diff = word_diff(ta, tb)
    kind = _classify(diff, ta, tb, pa.text, pb.text, quotes_a, quotes_b)
    return Match(p.a_start, p.a_end, p.b_start, p.b_end, kind, round(p.similarity, 3),
                 diff.ops if config.word_diff else (), diff.equal_b, diff.longest_run)


def _classify(diff: WordDiff, ta, tb, text_a: str, text_b: str, quotes_a, quotes_b) -> str:
    equal_ops = [o for o in diff.ops if o.tag == "equal"]
    shared = sum(o.a_end - o.a_start for o in equal_ops)
    if shared and _inside(equal_ops, quotes_a, "a") >= QUOTE_SHARE * shared and \
            _inside(equal_ops, quotes_b, "b") >= QUOTE_SHARE * sum(o.b_end - o.b_start for o in equal_ops):
        return QUOTE
    if len(ta) == len(tb) and all(_surface(text_a, x) == _surface(text_b, y) for x, y in zip(ta, tb)):
        return VERBATIM
    if diff.ratio >= EDITED_RATIO:
        return EDITED
    return PARAPHRASE


def _surface(text: str, token) -> str:
    return text[token.start:token.end].lower().replace("’", "'")


def _inside(ops, quotes, side: str) -> int:
    """Characters of the ops' ``side`` spans that lie inside quotation spans."""
    total = 0
    for o in ops:
        s, e = (o.a_start, o.a_end) if side == "a" else (o.b_start, o.b_end)
        for q in quotes:
            if q.end <= s:
                continue
            if q.start >= e:
                break
            total += min(e, q.end) - max(s, q.start)
    return total


def _covered_tokens(tokens, spans) -> int:
    """How many tokens start inside the union of ``spans``."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    n = k = 0
    for t in tokens:
        while k < len(merged) and merged[k][1] <= t.start:
            k += 1
        if k == len(merged):
            break
        if merged[k][0] <= t.start:
            n += 1
    return n


def _summarize(matches, pa: PreparedText, pb: PreparedText) -> Summary:
    wa, wb = len(pa.tokens), len(pb.tokens)
    ca = _covered_tokens(pa.tokens, [(m.a_start, m.a_end) for m in matches])
    cb = _covered_tokens(pb.tokens, [(m.b_start, m.b_end) for m in matches])
    longest = max((m.longest_run for m in matches), default=0)
    return Summary(ca / wa if wa else 0.0, cb / wb if wb else 0.0, len(matches), longest, wa, wb)
