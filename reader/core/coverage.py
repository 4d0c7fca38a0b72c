"""The one coverage figure: how much of a text is shared with the other text of its pair.

Contract: the share of a text "shared with the other" is ``Alignment.summary.share_a`` /
``share_b`` — the fraction of its words (as ``reader.core.text.word_count`` counts them) inside
any shared passage, quotations included — and nothing else. Every view states it through the two
functions here, so one pair shows one figure everywhere:

- ``share_figure(share)`` is the value machines get (JSON, CSV): rounded to 4 decimals, so
  ``compare --json``, ``sources --json``, ``scan`` and the verdict carry the same float;
- ``percent(share)`` is the value people read: a whole percentage of that rounded figure
  ("42%"), and "<1%" for a share that exists but rounds to nothing ("0%" would read as "none").

Why one figure: seed 002 vs 003 used to show 42% (``compare``), 41.7% (``sources``, one decimal)
and 0.395 (``scan``'s ``derived_share_b``, the share of the article body outside quotations —
evidence for the direction, not the share). Other measures may still decide things internally
(``reader.core.derivation``); they are not shown as "the share".

Pure functions; must not import Qt.
"""

from __future__ import annotations

#: Decimals kept in machine output: 0.01 percentage points, finer than any text's one word in
#: 10,000, and short enough to read in a CSV.
SHARE_DECIMALS = 4


def share_figure(share: float) -> float:
    """The share as machines get it (JSON, CSV): rounded to ``SHARE_DECIMALS``."""
    return round(float(share), SHARE_DECIMALS)


def percent(share: float) -> str:
    """The share as people read it: "42%", "<1%" for a tiny non-zero share, "0%" for none."""
    value = share_figure(share) * 100
    return "<1%" if 0 < value < 0.5 else f"{value:.0f}%"


def shared_share(summary, side: str) -> float:
    """Share of side ``"a"`` or ``"b"`` of a pair (from its ``Summary``) shared with the other."""
    return share_figure(summary.share_a if side == "a" else summary.share_b)
