"""A passage pair as text to paste elsewhere: both sides with where they come from.

Contract
- ``passage_pair(doc_a, doc_b, match, number, facts=()) -> (plain, html)``: the passage's
  number, kind and score, both sides' words (whitespace folded to single spaces) each with its
  document's title, source (and URL when it has one) and character offsets, then its changed
  facts (``reader.core.facts``), for a note or an e-mail.
- ``passage_citation(doc_a, doc_b, match, number) -> (plain, html)``: the same pair as one
  citation sentence, for a footnote or a complaint.
The HTML is escaped and carries no styling that needs anything outside it.
Pure functions; must not import Qt.
"""

from __future__ import annotations

import html

from reader import __version__


def passage_pair(doc_a, doc_b, match, number: int, facts=()) -> tuple[str, str]:
    """The pair as ``(plain text, HTML)`` (module docstring)."""
    head = f"Passage {number} ({match.kind}, score {match.score:.2f})"
    sides = [(label, _words(doc.text[start:end]), _where(doc, start, end))
             for label, doc, (start, end) in (("A", doc_a, match.a_span), ("B", doc_b, match.b_span))]
    flagged = [c.describe() for c in facts if c.flagged]
    plain = [head]
    for label, words, where in sides:
        plain += [f"{label}: “{words}”", f"   {where}"]
    if flagged:
        plain.append("Changed facts:")
        plain += [f"- {line}" for line in flagged]
    e = html.escape
    rich = [f"<p><b>{e(head)}</b></p>"]
    for label, words, where in sides:
        rich.append(f"<p><b>{label}:</b> “{e(words)}”<br><small>{e(where)}</small></p>")
    if flagged:
        rich.append("<p>Changed facts:</p><ul>" + "".join(f"<li>{e(line)}</li>" for line in flagged) + "</ul>")
    return "\n".join(plain) + "\n", "\n".join(rich)


def passage_citation(doc_a, doc_b, match, number: int) -> tuple[str, str]:
    """The pair as one citation sentence, ``(plain text, HTML)``: B's words and where they
    are, then A's words they correspond to and where those are."""
    b_words, a_words = _words(doc_b.text[match.b_start:match.b_end]), _words(doc_a.text[match.a_start:match.a_end])
    b_where, a_where = _where(doc_b, *match.b_span), _where(doc_a, *match.a_span)
    tail = f"Passage {number}, {match.kind}, score {match.score:.2f}; compared with Reader {__version__}."
    plain = f"“{b_words}” ({b_where}) corresponds to “{a_words}” ({a_where}). {tail}"
    e = html.escape
    rich = (f"<p>“{e(b_words)}” ({_cite(doc_b, *match.b_span)}) corresponds to “{e(a_words)}” "
            f"({_cite(doc_a, *match.a_span)}). {e(tail)}</p>")
    return plain + "\n", rich


def _words(text: str) -> str:
    return " ".join(text.split())


def _where(doc, start: int, end: int) -> str:
    parts = [doc.title or "Untitled"]
    if doc.source and doc.source != doc.title:
        parts.append(doc.source)
    if getattr(doc, "url", None):
        parts.append(doc.url)
    parts.append(f"characters {start}–{end}")
    return ", ".join(parts)


def _cite(doc, start: int, end: int) -> str:
    """``_where`` in HTML: the title as a ``<cite>``, a web address as a link."""
    e = html.escape
    parts = [f"<cite>{e(doc.title or 'Untitled')}</cite>"]
    if doc.source and doc.source != doc.title:
        parts.append(e(doc.source))
    url = getattr(doc, "url", None)
    if url:
        link = url.startswith(("http://", "https://"))
        parts.append(f'<a href="{e(url, quote=True)}">{e(url)}</a>' if link else e(url))
    parts.append(f"characters {start}–{end}")
    return ", ".join(parts)
