"""How much of two passages' content is shared: the one meaning of a passage's score.

``content_share`` is a weighted Dice coefficient over the passages' distinct words (matching
forms, ``reader.core.text``): twice the weight of the words both sides use, over the weight of
all words of both. A word's weight is its background rarity (``reader.core.rarity``), so "the"
counts for almost nothing and a name or a figure for much, with no stop list and no dependence
on how long the two texts are. Identical words give 1.0; no shared word 0.0.
Pure functions; must not import Qt.
"""

from __future__ import annotations

from reader.core import rarity


def content_share(tokens_a, tokens_b) -> float:
    """Share of the content of two token runs that both have, 0..1 (see the module docstring)."""
    forms_a = {t.norm for t in tokens_a}
    forms_b = {t.norm for t in tokens_b}
    if not forms_a or not forms_b:
        return 0.0
    weight = rarity.weight
    shared = sum(weight(f) for f in forms_a & forms_b)
    total = sum(weight(f) for f in forms_a) + sum(weight(f) for f in forms_b)
    return 2.0 * shared / total
