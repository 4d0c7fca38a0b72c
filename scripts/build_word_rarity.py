"""Build ``resources/word_rarity_en.tsv.gz``: how common each matching form (stem) of English is.

    .venv/bin/pip install wordfreq && .venv/bin/python scripts/build_word_rarity.py

Reads wordfreq's large English list (Speer et al., frequencies of some 320,000 words over web,
news, subtitles, books and Wikipedia text), folds every word to the engine's matching form
(``reader.core.text.normalize_word``: case, spelling variants, stemming) and sums the frequencies
of the words that share a form, so "weapons" and "weapon" count as one. Forms rarer than
``MIN_ZIPF`` are left out (the engine treats an unlisted form as rare). Each line is
``form<TAB>zipf x 100``, most common first. Run it again whenever ``normalize_word`` changes.

The frequencies are wordfreq's data (CC BY-SA 4.0, see resources/README.md); wordfreq itself is
needed only here, not by Reader.
"""

from __future__ import annotations

import gzip
import math
from pathlib import Path

import wordfreq

from reader.core.text import WORD_RE, normalize_word

#: Zipf 2 is once per 100 million words: below it, frequencies are noise and every form is rare.
MIN_ZIPF = 2.0
OUT = Path(__file__).resolve().parent.parent / "resources" / "word_rarity_en.tsv.gz"


def main() -> None:
    totals: dict[str, float] = {}
    for word, freq in wordfreq.get_frequency_dict("en", wordlist="large").items():
        # Numbers are folded to zeros by wordfreq ("2023" -> "0000"); the engine weighs them itself.
        if not WORD_RE.fullmatch(word) or any(c.isdigit() for c in word):
            continue
        form = normalize_word(word)
        totals[form] = totals.get(form, 0.0) + freq
    rows = sorted(((math.log10(f) + 9.0, form) for form, f in totals.items()), reverse=True)
    lines = [f"{form}\t{round(z * 100)}" for z, form in rows if z >= MIN_ZIPF]
    # mtime=0: the same data gives the same bytes, so a rebuild shows no spurious change in git.
    with gzip.GzipFile(OUT, "wb", mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{len(lines):,} forms -> {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
