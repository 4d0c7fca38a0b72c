"""Which classified passages count as reuse, beyond the similarity that found them.

Two reports of one event share quotations, names and, next to them, facts stated in their own
words; these rules tell that common reporting from reuse: ``corroborated`` within a region,
``topical_beside_copies`` across a pair that copies.
Pure functions; must not import Qt.
"""

from __future__ import annotations

from reader.core.matches import PARAPHRASE, QUOTE, VERBATIM, Match

#: A single prose sentence pair next to a shared quotation needs this cosine to count as reuse.
LONE_PROSE_SIMILARITY = 0.5

#: Fewer words than this shared in order by a region of loose paraphrase beside a copy mark the
#: two texts' common topic, not more reuse (``topical_beside_copies``): reworded reuse keeps
#: more (PAN's obfuscated regions: median 15 to 25), topical echoes a handful (median 4).
TOPICAL_SHARED_WORDS = 10

#: A verbatim passage with an identical run this long (words: a whole sentence) is a copy, and
#: a lone weakly similar paraphrase beside it is not reuse (``corroborated``). Obfuscated
#: reuse keeps shorter identical bits (PAN's random obfuscation: under 16 words).
COPIED_SENTENCE_WORDS = 20


def corroborated(passages: list[Match]) -> list[Match]:
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


def topical_beside_copies(matches: list[Match]) -> set[int]:
    """Regions of a few loosely similar words, in a pair whose reuse is copying.

    ``corroborated`` beyond one region: where one text copied the other word for word (a whole
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
