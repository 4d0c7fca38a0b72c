"""The figures of an alignment: how many words of each text lie inside its passages.

``summarize`` gives ``Summary`` (shares, counts, longest verbatim run); ``tokens_inside`` and
``covered_tokens`` are the one sweep that counts words inside a set of spans, shared with the
corpus code. Pure functions; must not import Qt.
"""

from __future__ import annotations

from bisect import bisect_left

from reader.core.matches import Summary
from reader.core.seeding import PreparedText


def token_ranges(tokens, spans, starts: list[int] | None = None) -> list[tuple[int, int]]:
    """Index ranges ``[lo, hi)`` of the tokens that start inside each character span, merged.

    Binary search over the tokens' starts (``starts``, listed here unless given): a long text
    with thousands of spans costs one pass to list the starts, not a Python step per token per
    span.
    """
    if starts is None:
        starts = [t.start for t in tokens]
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        lo, hi = bisect_left(starts, s), bisect_left(starts, e)
        if hi <= lo:
            continue
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def tokens_inside(tokens, spans) -> list:
    """The tokens (in text order) that start inside the union of the character ``spans``."""
    return [t for lo, hi in token_ranges(tokens, spans) for t in tokens[lo:hi]]


def covered_tokens(tokens, spans, starts: list[int] | None = None) -> int:
    """How many tokens start inside the union of ``spans`` (``starts``: as ``token_ranges``)."""
    return sum(hi - lo for lo, hi in token_ranges(tokens, spans, starts))


def summarize(matches, pa: PreparedText, pb: PreparedText) -> Summary:
    wa, wb = len(pa.tokens), len(pb.tokens)
    ca = covered_tokens(pa.tokens, [(m.a_start, m.a_end) for m in matches], pa.starts)
    cb = covered_tokens(pb.tokens, [(m.b_start, m.b_end) for m in matches], pb.starts)
    longest = max((m.longest_run for m in matches), default=0)
    return Summary(ca / wa if wa else 0.0, cb / wb if wb else 0.0, len(matches), longest, wa, wb)
