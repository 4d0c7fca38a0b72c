"""The synonym table and the soft matches built on it."""

from reader.core import rarity, synonyms
from reader.core.similarity import content_share
from reader.core.text import normalize_word, tokenize


def test_the_table_relates_derivations_and_variants_both_ways():
    weapon, weaponry = normalize_word("weapons"), normalize_word("weaponry")
    assert weaponry in synonyms.related(weapon) and weapon in synonyms.related(weaponry)
    assert normalize_word("purchase") in synonyms.related(normalize_word("buy"))
    assert "8" in synonyms.related(normalize_word("eight"))


def test_names_and_unrelated_words_are_not_related():
    assert synonyms.related(normalize_word("Khamenei")) == frozenset()
    assert normalize_word("bread") not in synonyms.related(normalize_word("weapon"))


def test_each_form_is_paired_once_heaviest_first():
    pairs = synonyms.soft_pairs({"weaponri"}, {"weapon", "arm"}, rarity.weight)
    assert len(pairs) == 1 and pairs[0][0] == "weaponri"


def test_a_synonym_counts_less_than_the_same_word():
    same = content_share(tokenize("funding weapons training"), tokenize("funding weapons training"))
    exact = content_share(tokenize("funding weapons training"), tokenize("funding weaponry training"))
    soft = content_share(tokenize("funding weapons training"), tokenize("funding weaponry training"),
                         with_synonyms=True)
    assert exact < soft < same
