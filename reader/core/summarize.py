"""The figures of an alignment: how many words of each text lie inside its passages.

``summarize`` gives ``Summary`` (shares, counts, longest verbatim run); ``tokens_inside`` and
``covered_tokens`` are the one sweep that counts words inside a set of spans, shared with the
corpus code. Pure functions; must not import Qt.
"""

from __future__ import annotations

from reader.core.matches import Summary
from reader.core.seeding import PreparedText


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


def summarize(matches, pa: PreparedText, pb: PreparedText) -> Summary:
    wa, wb = len(pa.tokens), len(pb.tokens)
    ca = covered_tokens(pa.tokens, [(m.a_start, m.a_end) for m in matches])
    cb = covered_tokens(pb.tokens, [(m.b_start, m.b_end) for m in matches])
    longest = max((m.longest_run for m in matches), default=0)
    return Summary(ca / wa if wa else 0.0, cb / wb if wb else 0.0, len(matches), longest, wa, wb)
