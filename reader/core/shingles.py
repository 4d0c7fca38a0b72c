"""Hashed word shingles and the inverted index that proposes candidate pairs of documents.

Comparing every pair of a 10,000-article library is tens of millions of alignments; instead each
document is reduced to the set of its *shingles* — runs of ``SHINGLE_WORDS`` consecutive content
words (stopwords dropped, normalised by ``reader.core.text.normalize_word``, so "organisations"
and "organization" agree) — hashed to integers. Two documents are a *candidate pair* when they
share enough shingles (below). Three-word shingles of content words survive the light
rewording of a paraphrase (seed 003 keeps dozens of 002's) where five-word runs of raw text do not.

Shared shingles are not equal evidence. One that only two documents carry is a strong sign
that one took from the other; one that eight reports of the same event carry — their common
quotation, a stock phrase such as "supreme leader ayatollah ali khamenei" — is shared material.
A shingle carried by ``m`` documents therefore adds ``1/(m-1)`` to the score of each pair of
them (1 for a pair's own shingle), and a pair is a candidate when its score reaches
``min_score``. Without this, every two reports of one event that quote the same statement were
candidates, and the alignment step grew with the square of the event's coverage. A shingle
carried by more than ``max_df`` documents is dropped altogether as soon as it grows past the
limit, which keeps the pair counting linear in the corpus size.

Hashes are stable across processes and runs (CRC-32 of each word, then Python's tuple hash of
integers, which is not salted), so shingles computed in worker processes agree.

``ShingleIndex`` is incremental: ``add`` one document at a time, ask ``candidates_for`` a new
text at any time, or ``candidate_pairs`` for the whole corpus. Pure Python; must not import Qt.
"""

from __future__ import annotations

import enum
import zlib
from collections.abc import Hashable, Iterable
from typing import Final

from reader.core.text import STOPWORDS, WORD_RE, normalize_word

#: Content words per shingle.
SHINGLE_WORDS = 3
#: A shingle in more documents than this is too common to suggest copying.
MAX_DF = 200
#: Evidence score that makes two documents a candidate pair: three shingles that only these
#: two documents carry, or more that others carry too (see ``ShingleIndex``).
MIN_SCORE = 3.0

# Raw word → stable id (0 for a stopword). Raw words repeat across a corpus far more than their
# normal forms differ, so caching on the raw spelling saves the normalisation of almost every word.
_word_ids: dict[str, int] = {}
_WORD_CACHE_LIMIT = 500_000


class _Absent(enum.Enum):
    """A typed sentinel: no posting list yet for a shingle."""
    ABSENT = enum.auto()


_ABSENT: Final = _Absent.ABSENT


def _word_id(raw: str) -> int:
    norm = normalize_word(raw)
    # The same stop rule as ``reader.core.text.tokenize``: either spelling being a stopword.
    if norm in STOPWORDS or raw.lower() in STOPWORDS:
        return 0
    return zlib.crc32(norm.encode("utf-8")) or 1


def content_word_ids(text: str) -> list[int]:
    """Stable ids of the content words of ``text``, in order (stopwords left out)."""
    cache = _word_ids
    if len(cache) > _WORD_CACHE_LIMIT:
        cache.clear()
    out: list[int] = []
    append = out.append
    for raw in WORD_RE.findall(text):
        wid = cache.get(raw)
        if wid is None:
            wid = cache[raw] = _word_id(raw)
        if wid:
            append(wid)
    return out


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """The distinct hashed shingles of ``text`` (empty when it has fewer than ``size`` content words)."""
    ids = content_word_ids(text)
    if size == 1:
        return set(ids)
    return set(map(hash, zip(*(ids[k:] for k in range(size)))))


class ShingleIndex:
    """An inverted index from shingle hash to the documents that carry it.

    Documents are identified by any hashable ``key`` given to ``add``. Posting lists hold small
    integer ordinals; a shingle seen once is stored as a bare int, not a list, because nine in
    ten shingles of a news corpus occur in one document only and a list each would triple memory.
    """

    def __init__(self, *, size: int = SHINGLE_WORDS, max_df: int = MAX_DF) -> None:
        if size < 1:
            raise ValueError("shingle size must be at least 1")
        if max_df < 2:
            raise ValueError("max_df must be at least 2")
        self.size = size
        self.max_df = max_df
        self._keys: list[Hashable] = []
        self._ordinal: dict[Hashable, int] = {}
        # hash → ordinal | list[ordinal] | None (None: too common, ignored from now on)
        self._postings: dict[int, int | list[int] | None] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._ordinal

    @property
    def keys(self) -> list[Hashable]:
        return list(self._keys)

    def add(self, key: Hashable, text: str | None = None, *, hashes: Iterable[int] | None = None) -> None:
        """Index one document, from its ``text`` or from its precomputed shingle ``hashes``."""
        if key in self._ordinal:
            raise KeyError(f"document {key!r} is already in the index")
        if hashes is None:
            if text is None:
                raise ValueError("give the text or the shingle hashes of the document")
            hashes = shingles(text, self.size)
        ordinal = len(self._keys)
        self._keys.append(key)
        self._ordinal[key] = ordinal
        postings = self._postings
        get = postings.get
        limit = self.max_df
        for h in hashes:
            held = get(h, _ABSENT)
            if held is _ABSENT:
                postings[h] = ordinal
            elif held is None:
                continue
            elif isinstance(held, int):
                postings[h] = [held, ordinal]
            elif len(held) >= limit:
                postings[h] = None
            else:
                held.append(ordinal)

    def _score(self, hashes: Iterable[int], indexed: bool) -> dict[int, float]:
        """Ordinal → evidence score shared with a document given by its shingle ``hashes``."""
        scores: dict[int, float] = {}
        get = self._postings.get
        extra = 0 if indexed else 1  # the document itself carries each of its shingles
        for h in hashes:
            held = get(h)
            if held is None:
                continue
            if isinstance(held, int):
                scores[held] = scores.get(held, 0.0) + 1.0
            else:
                weight = 1.0 / (len(held) + extra - 1)
                for o in held:
                    scores[o] = scores.get(o, 0.0) + weight
        return scores

    def candidates_for(self, text: str | None = None, *, hashes: Iterable[int] | None = None,
                       exclude: Hashable | None = None, min_score: float = MIN_SCORE,
                       limit: int | None = None) -> list[tuple[Hashable, float]]:
        """Indexed documents whose shared-shingle score with a text reaches ``min_score``, best first.

        ``exclude`` is the key of the document itself when it is already indexed: it is left
        out, and its own presence in the posting lists is discounted from the weights.
        """
        if hashes is None:
            if text is None:
                raise ValueError("give the text or the shingle hashes of the document")
            hashes = shingles(text, self.size)
        skip = self._ordinal.get(exclude, -1) if exclude is not None else -1
        scores = self._score(hashes, indexed=skip >= 0)
        ranked = sorted(((o, round(v, 6)) for o, v in scores.items() if o != skip and v >= min_score - 1e-9),
                        key=lambda ov: (-ov[1], ov[0]))
        if limit is not None:
            ranked = ranked[:limit]
        return [(self._keys[o], v) for o, v in ranked]

    def candidate_pairs(self, *, min_score: float = MIN_SCORE, per_doc: int | None = None,
                        should_cancel=None) -> list[tuple[Hashable, Hashable, float]]:
        """Every pair of indexed documents whose shared-shingle score reaches ``min_score``.

        Returns ``(key_a, key_b, score)`` with ``key_a`` indexed before ``key_b``, best first.
        With ``per_doc``, a pair is kept only if it is among the ``per_doc`` best candidates of
        at least one of its two documents, so one boilerplate-heavy document cannot flood the
        alignment step.
        """
        n = len(self._keys)
        scores: dict[int, float] = {}
        get = scores.get
        seen = 0
        for held in self._postings.values():
            if held is None or isinstance(held, int):
                continue
            seen += 1
            if should_cancel is not None and seen % 20_000 == 0 and should_cancel():
                return []
            m = len(held)
            weight = 1.0 / (m - 1)
            for i in range(m - 1):
                base = held[i] * n
                for o in held[i + 1:]:
                    key = base + o
                    scores[key] = get(key, 0.0) + weight
        floor = min_score - 1e-9  # float sums of 1/(m-1) may fall a hair short of a whole number
        pairs = [(key // n, key % n, round(v, 6)) for key, v in scores.items() if v >= floor]
        if per_doc is not None:
            best: dict[int, list[tuple[float, int]]] = {}
            for a, b, v in pairs:
                best.setdefault(a, []).append((v, b))
                best.setdefault(b, []).append((v, a))
            keep: set[tuple[int, int]] = set()
            for o, lst in best.items():
                lst.sort(key=lambda vb: (-vb[0], vb[1]))
                keep.update((min(o, p), max(o, p)) for _, p in lst[:per_doc])
            pairs = [p for p in pairs if (p[0], p[1]) in keep]
        pairs.sort(key=lambda p: (-p[2], p[0], p[1]))
        return [(self._keys[a], self._keys[b], v) for a, b, v in pairs]
