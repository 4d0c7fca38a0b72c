"""Annotations as CSV (one row each, for spreadsheets) and Markdown (a report for people).

These are exports for humans and are not read back; JSON-LD (``reader.core.webannotation``)
is the lossless format. ``documents`` maps every target's document id to a ``DocumentRef``
for titles; ``statuses`` optionally maps an annotation id to its anchoring status per target
(``orphan`` is reported, so a reader knows the passage is no longer in the text). CSV cells that
a spreadsheet would evaluate are prefixed (``reader.core.csv_cells``); notes, quotes and titles
are escaped in Markdown, so they show as written and never become links, images or HTML.
Pure: no Qt, no sqlite.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

from reader.core.anchoring import ORPHAN
from reader.core.annotations import Annotation
from reader.core.csv_cells import safe_cell
from reader.core.webannotation import DocumentRef

#: Characters Markdown gives a meaning to (the backslash first, so escapes are not escaped again).
_MARKDOWN_SPECIAL = ("\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "-", "!", "|", "~")

CSV_COLUMNS = ("id", "uuid", "document", "start", "end", "quote", "document_b", "start_b", "end_b",
               "quote_b", "verdict", "note", "tags", "colour", "author", "created", "updated", "status")


def to_csv(annotations: Iterable[Annotation], documents: Mapping[int, DocumentRef],
           statuses: Mapping[int | None, Sequence[str]] | None = None) -> str:
    """CSV text with a header row; tags are joined with ``", "`` (a tag never holds a comma)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a in annotations:
        first = a.targets[0]
        second = a.targets[1] if a.is_pair else None
        writer.writerow([safe_cell(cell) for cell in (
            a.id if a.id is not None else "", a.uuid,
            documents[first.document_id].title, first.position.start, first.position.end, first.quote.exact,
            documents[second.document_id].title if second else "",
            second.position.start if second else "", second.position.end if second else "",
            second.quote.exact if second else "",
            a.verdict_label, a.note, ", ".join(a.tags), a.colour, a.author, a.created, a.updated,
            _status_text((statuses or {}).get(a.id)),
        )])
    return out.getvalue()


def to_markdown(annotations: Iterable[Annotation], documents: Mapping[int, DocumentRef],
                statuses: Mapping[int | None, Sequence[str]] | None = None, title: str = "Annotations") -> str:
    """A Markdown report grouped by the (first) document, in reading order."""
    groups: dict[int, list[Annotation]] = {}
    for a in annotations:
        groups.setdefault(a.targets[0].document_id, []).append(a)
    lines = [f"# {title}", ""]
    if not groups:
        lines += ["No annotations.", ""]
    for document_id, items in groups.items():
        lines += [f"## {_inline(documents[document_id].title)}", ""]
        for a in sorted(items, key=lambda x: (x.targets[0].position.start, x.id or 0)):
            lines += _markdown_item(a, documents, (statuses or {}).get(a.id))
    return "\n".join(lines).rstrip() + "\n"


def _markdown_item(a: Annotation, documents: Mapping[int, DocumentRef], status: Sequence[str] | None) -> list[str]:
    heading = a.verdict_label or (a.tags[0] if a.tags else "Note")
    lines = [f"### {_inline(heading)}", ""]
    lines += _blockquote(a.targets[0].quote.exact)
    if status and status[0] == ORPHAN:
        lines += ["", "*This passage is no longer found in the document's current text.*"]
    if a.is_pair:
        other = a.targets[1]
        lines += ["", f"Paired with *{_inline(documents[other.document_id].title)}*:", ""]
        lines += _blockquote(other.quote.exact)
        if status and len(status) > 1 and status[1] == ORPHAN:
            lines += ["", "*This passage is no longer found in the document's current text.*"]
    if a.note:
        lines += [""] + [_escape_line(line) for line in a.note.splitlines()]
    facts = []
    if a.tags:
        facts.append("Tags: " + ", ".join(f"`{t}`" for t in a.tags))
    facts.append(f"Colour: {a.colour}")
    by = f" by {_inline(a.author)}" if a.author else ""
    facts.append(f"Written{by} on {a.created}" + (f", edited {a.updated}" if a.updated != a.created else ""))
    lines += [""] + [f"- {fact}" for fact in facts] + [""]
    return lines


def _blockquote(text: str) -> list[str]:
    return [f"> {_escape_line(line)}".rstrip() for line in text.splitlines() or [""]]


def _escape_line(line: str) -> str:
    """A line of a note or quote with Markdown and HTML markup escaped, so it reads as written.

    A note is the reader's text, not markup: raw, ``<img src=…>`` or ``[x](javascript:…)`` in it
    would become an image or a link in the rendered report, and ``# x`` a heading.
    """
    for ch in _MARKDOWN_SPECIAL:
        line = line.replace(ch, "\\" + ch)
    return line.replace("<", "&lt;").replace(">", "&gt;")


def _inline(text: str) -> str:
    """One line, with Markdown's emphasis characters escaped."""
    return _escape_line(" ".join(text.split()))


def _status_text(status: Sequence[str] | None) -> str:
    return "/".join(status) if status else ""
