"""How rare a word is in English at large: the background half of the engine's word weights.

A weight learned only from the two texts being compared degenerates when they are short: in two
one-sentence texts every shared word occurs in every sentence, so within-text rarity cannot tell
"Iraq" from "sent". Background rarity can. ``resources/word_rarity_en.tsv.gz`` (built by
``scripts/build_word_rarity.py`` from wordfreq's English frequencies) gives the Zipf frequency of
each matching form (``reader.core.text.normalize_word``): log10 of occurrences per billion words,
"the" 7.7, "weapon" 5.0, "khamenei" 2.7.

``weight(form)`` is ``ZIPF_CEILING - zipf`` (an inverse document frequency on the Zipf scale),
so a word a thousand times rarer weighs 3 more. The table is read once, lazily, thread-safely.
Pure functions; must not import Qt.
"""

from __future__ import annotations

import gzip
import threading
from importlib import resources

#: Zipf of the most common English words is ~7.7 ("the"); 8 keeps every weight positive.
ZIPF_CEILING = 8.0
#: Forms absent from the table are rarer than its cut-off (Zipf 2, once per 100 million words).
UNLISTED_ZIPF = 1.5
#: Numbers are not in the table (wordfreq folds their digits). A shared figure ("5 million",
#: "2023") is good evidence, though a common one: weighed like a moderately rare word.
NUMBER_ZIPF = 3.5

_table: dict[str, float] | None = None
_lock = threading.Lock()


def _load() -> dict[str, float]:
    global _table
    with _lock:
        if _table is None:
            raw = resources.files("reader.resources").joinpath("word_rarity_en.tsv.gz").read_bytes()
            # "form\tzipf\n" lines (scripts/build_word_rarity.py; a form is one word, without
            # spaces): split at once, and each of the few hundred distinct figures parsed once.
            # A loop over the 63,000 lines was the largest part of ``reader compare``'s start-up.
            fields = gzip.decompress(raw).decode("utf-8").replace("\t", "\n").split("\n")
            if fields and fields[-1] == "":
                fields.pop()
            figures = fields[1::2]
            value = {figure: int(figure) / 100.0 for figure in set(figures)}
            _table = dict(zip(fields[0::2], map(value.__getitem__, figures)))
    return _table


def zipf(form: str) -> float:
    """Zipf frequency of a matching form (see the module docstring)."""
    table = _table if _table is not None else _load()
    z = table.get(form)
    if z is not None:
        return z
    return _unlisted(form)


def _unlisted(form: str) -> float:
    return NUMBER_ZIPF if any(map(str.isdigit, form)) else UNLISTED_ZIPF


def weight(form: str) -> float:
    """Background weight of a matching form: higher for rarer words, always > 0."""
    return ZIPF_CEILING - zipf(form)


def weights(forms) -> dict[str, float]:
    """``{form: weight(form)}`` for each of ``forms`` (the same floats), without two calls a form:
    the engine asks it of every word of two texts (22,000 on two 1 MB texts)."""
    get = (_table if _table is not None else _load()).get
    out = {}
    for form in forms:
        z = get(form)
        out[form] = ZIPF_CEILING - (z if z is not None else _unlisted(form))
    return out
