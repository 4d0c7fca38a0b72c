"""Tokens and normalisation: offsets, spelling folding, and stemming from several threads."""

from concurrent.futures import ThreadPoolExecutor

from reader.core.text import _normalize_folded, normalize_word, tokenize


def test_tokens_keep_offsets_and_fold_spelling():
    text = "Organisations and organizations’ colour"
    tokens = tokenize(text)
    assert [text[t.start:t.end] for t in tokens] == ["Organisations", "and", "organizations", "colour"]
    assert tokens[0].norm == tokens[2].norm
    assert tokens[3].norm == normalize_word("color")


def test_stemming_is_safe_from_several_threads():
    words = [f"{stem}{suffix}" for stem in ("organis", "connect", "generat", "report", "publish")
             for suffix in ("ation", "ing", "ed", "ers", "ations", "ingly")]
    uncached = _normalize_folded.__wrapped__  # bypass the cache so every call really stems
    expected = [uncached(w) for w in words]

    def run(_):
        return [uncached(w) for w in words * 50]

    with ThreadPoolExecutor(max_workers=4) as pool:
        for result in pool.map(run, range(16)):
            assert result == expected * 50
