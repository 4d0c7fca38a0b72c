"""Property tests of the engine: whatever the texts, passages stay inside them and never overlap.

Texts are built from the seed articles' sentences, shuffled, cut, reworded a little, written
with CRLF line ends, decomposed accents, emoji or no punctuation, so that the engine meets
copies, near-copies and unrelated text in the same pair.
"""

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.align import align
from reader.core.config import AlignConfig
from tests.conftest import seed_path

SENTENCES = [s for n in (2, 3, 0) for s in re.split(r"(?<=[.!?”])\s+", seed_path(n).read_text(encoding="utf-8"))
             if len(s.split()) >= 4]


def _reworded(sentence: str, drop: int) -> str:
    words = sentence.split()
    return " ".join(w for k, w in enumerate(words) if drop == 0 or k % (drop + 2) != 1)


def _styled(text: str, style: str) -> str:
    if style == "crlf":
        return text.replace("\n", "\r\n")
    if style == "nfd":
        return unicodedata.normalize("NFD", text.replace("e", "é"))
    if style == "emoji":
        return text.replace(" the ", " 😀 the 𝔘 ")
    if style == "no-punctuation":
        return re.sub(r"[.!?\n]", " ", text)
    return text


@st.composite
def pairs(draw):
    indices = st.integers(0, len(SENTENCES) - 1)
    a_idx = draw(st.lists(indices, min_size=0, max_size=25))
    # B keeps some of A's sentences in order (a copy), moves a few, and adds others.
    rnd = draw(st.randoms(use_true_random=False))
    b_idx = [i for i in a_idx if rnd.random() < 0.7]
    for i in draw(st.lists(indices, max_size=6)):
        b_idx.insert(rnd.randint(0, len(b_idx)), i)
    drop = draw(st.integers(0, 3))
    sep = draw(st.sampled_from([" ", "\n", "\n\n"]))
    a = sep.join(SENTENCES[i] for i in a_idx)
    b = sep.join(_reworded(SENTENCES[i], drop) for i in b_idx)
    styles = ["plain", "crlf", "nfd", "emoji", "no-punctuation"]
    return _styled(a, draw(st.sampled_from(styles))), _styled(b, draw(st.sampled_from(styles)))


configs = st.builds(AlignConfig, min_passage_chars=st.sampled_from([1, 30, 100]), paraphrase=st.booleans(),
                    looseness=st.sampled_from([0.0, 0.5, 1.0]), ignore_quotes=st.booleans(),
                    max_gap_sentences=st.integers(0, 6))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs(), configs)
def test_passages_lie_inside_the_texts_and_never_overlap(pair, config):
    a, b = pair
    result = align(a, b, config)
    for m in (*result.matches, *result.regions):
        assert 0 <= m.a_start < m.a_end <= len(a)
        assert 0 <= m.b_start < m.b_end <= len(b)
        for op in m.ops:
            assert m.a_start <= op.a_start <= op.a_end <= m.a_end
            assert m.b_start <= op.b_start <= op.b_end <= m.b_end
    for side in ("a", "b"):
        spans = sorted((getattr(m, f"{side}_start"), getattr(m, f"{side}_end")) for m in result.matches)
        assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:])), spans
    for m in result.matches:
        region = result.regions[m.region]
        assert region.a_start <= m.a_start and m.a_end <= region.a_end
        assert region.b_start <= m.b_start and m.b_end <= region.b_end
    assert 0.0 <= result.summary.share_a <= 1.0 and 0.0 <= result.summary.share_b <= 1.0
    assert [m.a_start for m in result.matches] == sorted(m.a_start for m in result.matches)
    swapped = result.swapped()
    assert sorted((m.b_start, m.b_end, m.a_start, m.a_end) for m in swapped.matches) == \
        sorted((m.a_start, m.a_end, m.b_start, m.b_end) for m in result.matches)
    assert swapped.swapped() == result
