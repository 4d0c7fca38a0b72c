"""The one set of knobs of the alignment engine, with guardrails.

``AlignConfig`` is frozen; derive variants with ``dataclasses.replace``. Must not import Qt.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AlignConfig:
    #: Passages shorter than this (characters, on either side) are not reported. A reused stretch
    #: (``Alignment.regions``) must also reach ``align.MIN_REGION_CHARS``, whichever is longer:
    #: a lone short sentence in common is not reuse, though a short passage inside a longer
    #: reused stretch is worth showing.
    min_passage_chars: int = 40
    #: Report reworded passages (``paraphrase``). Off: only verbatim and lightly edited text.
    paraphrase: bool = True
    #: How loose a paraphrase may be, 0 (strict) .. 1 (loose). Moves the sentence-similarity
    #: thresholds; 0.5 is the tuned default.
    looseness: float = 0.5
    #: Drop matches that are a quotation shared by both texts.
    ignore_quotes: bool = False
    #: Sentences of unrelated text allowed inside one passage (on either side).
    max_gap_sentences: int = 4
    #: Compute the word-level diff inside each match (the window needs it; batch runs may not).
    word_diff: bool = True
    #: ``align`` refuses a text longer than this (characters) with ``ValueError``: the engine
    #: keeps whole texts in memory. Files are already capped by ``documents.MAX_FILE_BYTES``;
    #: this also bounds pasted text.
    max_chars: int = 20_000_000
    #: ``align`` gives up with ``align.TooSlow`` (a ``ValueError``) after this many seconds; None:
    #: never. The engine's work grows with how much the texts share: two different 1 MB articles
    #: take about 2 s, but a 1 MB text compared with itself took 3 minutes, and word salad from a
    #: small vocabulary is as bad. The command line bounds every alignment with it; the window
    #: aligns in the background, shows progress and can be cancelled instead.
    max_seconds: float | None = None

    def __post_init__(self) -> None:
        if self.min_passage_chars < 1:
            raise ValueError("min_passage_chars must be at least 1")
        if not 0.0 <= self.looseness <= 1.0:
            raise ValueError("looseness must be between 0 and 1")
        if self.max_gap_sentences < 0:
            raise ValueError("max_gap_sentences must not be negative")
        if self.max_chars < 1:
            raise ValueError("max_chars must be at least 1")
        if self.max_seconds is not None and not self.max_seconds > 0:
            raise ValueError("max_seconds must be positive")

    @property
    def sentence_threshold(self) -> float:
        """Cosine and Dice threshold for a pair of sentences to seed a passage."""
        # looseness 0 → 0.55, 0.5 → 0.33, 1 → 0.15
        return round(0.55 - 0.44 * self.looseness if self.looseness <= 0.5 else 0.33 - 0.36 * (self.looseness - 0.5), 4)
