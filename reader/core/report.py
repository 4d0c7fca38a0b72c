"""The report on one pair: everything a reader passes on, as one content model.

Contract
- ``build_report(doc_a, doc_b, alignment, verdict, facts, config, notes=(), created=None)``
  returns a frozen ``Report``: the verdict and the evidence for its direction, how much of each
  text the other shares (``reader.core.coverage``), both documents' titles, sources, URLs,
  dates, capture times and SHA-256, every passage (number, kind, score, both excerpts, its
  changed facts), the user's notes on this pair, Reader's version and matching settings, the
  report's date, and the paragraphs explaining the kinds, the score and the fact marks.
- ``Report`` holds plain values only; ``reader.core.report_html`` renders it (for browsers and
  for Qt's PDF and print path), so every output shows the same content.
- Document fields other than ``Document``'s own (author, site, captured, extractor) are read
  with ``getattr`` defaults: whatever a document carries is shown, nothing else is assumed.
Pure functions and frozen dataclasses; must not import Qt or storage.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from reader import __version__
from reader.core.coverage import percent
from reader.core.facts import FactChange
from reader.core.matches import EDITED, PARAPHRASE, QUOTE, VERBATIM
from reader.core.text import word_count

#: Excerpts in the passage table: long enough to recognise a sentence, short enough for a
#: table cell on a phone.
EXCERPT_CHARS = 160

KIND_LABELS = {VERBATIM: "Verbatim", EDITED: "Edited", PARAPHRASE: "Paraphrase", QUOTE: "Quote"}
KIND_EXPLANATIONS = {
    VERBATIM: "copied word for word",
    EDITED: "copied with small changes (a few words changed, spelling variants)",
    PARAPHRASE: "the same content in other words, or reordered",
    QUOTE: "a quotation both texts carry, which is shared material rather than copied prose",
}

EXPLANATION = (
    "Reader lines up two texts sentence by sentence and links every passage of one to the passage "
    "of the other that says the same thing. Each passage has a kind: "
    + "; ".join(f"{KIND_LABELS[k].lower()}, {KIND_EXPLANATIONS[k]}" for k in KIND_LABELS) + ". "
    "A passage's score is the share of its content words that both sides have in common, from 0 to 1 "
    "(1.00: the same content words; a reworded passage scores lower the more it changes, leaves out "
    "or adds). Inside the passages Reader compares the facts — numbers, sums, percentages, dates, "
    "names and quotations — and marks in a box each one the other side changed, dropped (and does "
    "not state anywhere else) or added from nowhere. \"October 7\" and \"7 October\", \"5 million\" "
    "and \"5,000,000\", \"US\" and \"U.S.\" are one fact written differently and are not marked. "
    "The marks are evidence to check, not a finding: read each passage before you rely on it."
)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    label: str  # "A" or "B"
    title: str
    #: (field label, value) for every piece of provenance the document carries, in reading order.
    fields: tuple[tuple[str, str], ...]
    url: str | None
    sha256: str
    words: int


@dataclass(frozen=True, slots=True)
class PassageRow:
    number: int
    kind: str
    score: float
    a_span: tuple[int, int]
    b_span: tuple[int, int]
    a_excerpt: str
    b_excerpt: str
    #: The passage's changed facts (changed, dropped, added), in order.
    facts: tuple[FactChange, ...]


@dataclass(frozen=True, slots=True)
class ReportNote:
    """A note a user wrote on this pair: on a pair of passages, or on a passage of A or of B."""

    sides: str  # "A", "B" or "A and B"
    quote_a: str | None
    quote_b: str | None
    note: str
    tags: tuple[str, ...] = ()
    verdict: str = ""  # the verdict's label ("Copied without credit"), or ""
    author: str = ""
    created: str = ""
    #: True when the annotated text can no longer be found in the document.
    orphan: bool = False


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    verdict: str
    direction: str
    relation: str
    coverage: tuple[str, str]
    documents: tuple[DocumentInfo, DocumentInfo]
    texts: tuple[str, str]
    passages: tuple[PassageRow, ...]
    notes: tuple[ReportNote, ...]
    settings: tuple[tuple[str, str], ...]
    version: str
    created: str
    explanation: str
    #: Changed facts over all passages, and how many passages have one.
    facts_total: int
    facts_passages: int

    @property
    def facts_line(self) -> str:
        if not self.facts_total:
            return "No fact changed inside the shared passages."
        facts = "fact" if self.facts_total == 1 else "facts"
        passages = "passage" if self.facts_passages == 1 else "passages"
        return (f"{self.facts_total} changed {facts} (changed, dropped or added) in {self.facts_passages} "
                f"{passages}: marked in a box below.")


def build_report(doc_a, doc_b, alignment, verdict, facts, config, notes=(), created: str | None = None) -> Report:
    """The report on the pair (see the module docstring); ``facts`` are ``compare_facts``' per
    match, ``notes`` the user's ``ReportNote`` on this pair, ``created`` an ISO time (default now)."""
    summary = alignment.summary
    rows = []
    for n, (m, changes) in enumerate(zip(alignment.matches, facts), 1):
        rows.append(PassageRow(n, m.kind, m.score, m.a_span, m.b_span, excerpt(doc_a.text[m.a_start:m.a_end]),
                               excerpt(doc_b.text[m.b_start:m.b_end]), tuple(c for c in changes if c.flagged)))
    flagged = [len(r.facts) for r in rows]
    if created is None:
        created = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return Report(
        title=f"{doc_a.title or 'Untitled'} ↔ {doc_b.title or 'Untitled'}",
        verdict=verdict.describe(),
        direction=verdict.explain_direction(),
        relation=verdict.relation,
        coverage=(f"A shares {percent(summary.share_a)} of its text with B.",
                  f"B shares {percent(summary.share_b)} of its text with A."),
        documents=(_document_info("A", doc_a), _document_info("B", doc_b)),
        texts=(doc_a.text, doc_b.text),
        passages=tuple(rows),
        notes=tuple(notes),
        settings=(("Shortest passage", f"{config.min_passage_chars} characters"),
                  ("Reworded passages", "shown" if config.paraphrase else "not shown"),
                  ("Looseness of rewording", f"{config.looseness:.2f} (0 strict, 1 loose)"),
                  ("Shared quotations", "left out" if config.ignore_quotes else "shown")),
        version=__version__,
        created=created,
        explanation=EXPLANATION,
        facts_total=sum(flagged),
        facts_passages=sum(1 for n in flagged if n),
    )


def _document_info(label: str, doc) -> DocumentInfo:
    fields = []
    for name, attribute in (("Source", "source"), ("Site", "site"), ("Author", "author"),
                            ("Published", "published"), ("Captured", "captured"), ("File", "path"),
                            ("Format", "format"), ("Extracted by", "extractor")):
        value = getattr(doc, attribute, None)
        if value:
            fields.append((name, str(value)))
    url = getattr(doc, "url", None) or None
    return DocumentInfo(label, doc.title or "Untitled", tuple(fields), url, doc.content_hash, word_count(doc.text))


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` on one line, cut at a word with an ellipsis when longer than ``limit``."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0] + " …"
