"""The annotation model: what a reader writes about a passage, or about a pair of passages.

An ``Annotation`` has one ``Target`` (a passage of one document) or two (a passage of A and
its counterpart in B: a *pair* annotation, which alone may carry a verdict). A target keeps
the W3C selectors from ``reader.core.anchoring`` and the content hash of the text they were
made on, so the passage can be found again after the text changed.

Frozen dataclasses and validation only: storage lives in ``reader.storage.annotations``,
export/import in ``reader.core.webannotation``. Must not import Qt or sqlite.
"""

from __future__ import annotations

import datetime
import uuid as uuid_module
from dataclasses import dataclass, field

from reader.core.anchoring import TextPositionSelector, TextQuoteSelector, make_selectors

#: Verdicts on a pair of passages, in the order menus list them, with their human labels.
VERDICTS = {
    "uncredited_copy": "Copied without credit",
    "credited_copy": "Credited copy",
    "shared_quotation": "Shared quotation",
    "common_phrasing": "Common phrasing",
    "not_a_match": "Not a real match",
}

#: Annotation colours by name; the hex values are what the window paints.
COLOURS = {
    "yellow": "#f2c200",
    "green": "#3fa34d",
    "blue": "#2f7ed8",
    "pink": "#e0457b",
    "purple": "#8e5cc4",
    "orange": "#f07f1a",
}
DEFAULT_COLOUR = "yellow"


class AnnotationError(ValueError):
    """An annotation that cannot exist (bad colour, verdict, tag or target); one-line message."""


@dataclass(frozen=True, slots=True)
class Target:
    """A passage of one stored document, described by selectors made on a known text."""

    document_id: int
    quote: TextQuoteSelector
    position: TextPositionSelector
    #: Content hash of the text the selectors were made on.
    content_hash: str

    @property
    def selectors(self) -> tuple[TextQuoteSelector, TextPositionSelector]:
        return (self.quote, self.position)

    @classmethod
    def on_text(cls, document_id: int, text: str, start: int, end: int, content_hash: str) -> Target:
        """The target for ``text[start:end]``; ``content_hash`` is that text's hash."""
        quote, position = make_selectors(text, start, end)
        return cls(document_id, quote, position, content_hash)


@dataclass(frozen=True, slots=True)
class Annotation:
    """A note on one passage, or on a pair of passages (``targets`` of length 2)."""

    targets: tuple[Target, ...]
    note: str = ""
    tags: tuple[str, ...] = ()
    colour: str = DEFAULT_COLOUR
    verdict: str | None = None
    author: str = ""
    #: ISO 8601 UTC times, e.g. ``2024-03-01T09:30:00Z``.
    created: str = ""
    updated: str = ""
    #: Stable identity across databases (export/import); ``id`` is the local row id.
    uuid: str = field(default_factory=lambda: str(uuid_module.uuid4()))
    id: int | None = None
    #: When it was deleted (kept for undo), or ``None``.
    deleted: str | None = None

    def __post_init__(self) -> None:
        if len(self.targets) not in (1, 2):
            raise AnnotationError(f"an annotation has one or two targets, not {len(self.targets)}")
        if self.colour not in COLOURS:
            raise AnnotationError(f"unknown colour {self.colour!r} (use one of {', '.join(COLOURS)})")
        if self.verdict is not None:
            if self.verdict not in VERDICTS:
                raise AnnotationError(f"unknown verdict {self.verdict!r} (use one of {', '.join(VERDICTS)})")
            if len(self.targets) != 2:
                raise AnnotationError("a verdict needs a pair of passages (two targets)")
        for tag in self.tags:
            check_tag(tag)
        if len(set(self.tags)) != len(self.tags):
            raise AnnotationError("tags repeat")

    @property
    def is_pair(self) -> bool:
        return len(self.targets) == 2

    @property
    def verdict_label(self) -> str:
        return VERDICTS.get(self.verdict or "", "")

    def document_ids(self) -> tuple[int, ...]:
        return tuple(t.document_id for t in self.targets)


def check_tag(tag: str) -> str:
    """Return ``tag`` if it is a valid tag: non-empty, trimmed, one line, no comma."""
    if not isinstance(tag, str) or not tag or tag != tag.strip() or "," in tag or "\n" in tag:
        raise AnnotationError(f"bad tag {tag!r}: tags are non-empty, trimmed and contain no comma")
    return tag


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags typed as ``"a, b , a"`` → ``("a", "b")``: trimmed, empty ones dropped, first kept."""
    seen: dict[str, None] = {}
    for part in text.replace("\n", ",").split(","):
        part = part.strip()
        if part:
            seen.setdefault(part, None)
    return tuple(seen)


def now_iso() -> str:
    """The current UTC time as annotations store it (seconds precision, ``Z`` suffix)."""
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
