"""The report (``reader.core.report.Report``) as HTML: one self-contained page, or Qt's flavour.

Contract
- ``render_html(report) -> str``: one file a browser opens anywhere: CSS inline in a ``<style>``
  element, no script, no image, no font or style sheet fetched; the only links are the
  documents' own source URLs. Readable on a phone (one column under ``NARROW_PX``, wide tables
  scroll sideways) and printable (``@media print``).
- ``render_html(report, for_qt=True)``: the same content in the HTML subset Qt's
  ``QTextDocument`` lays out (tables instead of a grid, no media queries, the fact box drawn as
  a line above and below), which ``reader.ui.report_pdf`` pages into a PDF or a printer.
- Passages are tinted by kind and numbered as in the window, each kind also with its own
  underline style (solid, dashed, wavy, dotted) so they read without colour; changed facts are
  boxed (Qt: a line above and below, and bold). All text is HTML-escaped.
Pure functions; must not import Qt.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from reader.core.matches import EDITED, PARAPHRASE, QUOTE, VERBATIM
from reader.core.report import KIND_EXPLANATIONS, KIND_LABELS, Report

#: The kinds' colours: the window's (``reader.ui.reading.kind_style.BASE_COLOURS``, Okabe-Ito).
KIND_COLOURS = {VERBATIM: "#D55E00", EDITED: "#E69F00", PARAPHRASE: "#0072B2", QUOTE: "#009E73"}
UNDERLINES = {VERBATIM: "solid", EDITED: "dashed", PARAPHRASE: "wavy", QUOTE: "dotted"}
#: How much of a kind's colour tints a passage's background (the window's pale tint).
PASSAGE_TINT = 0.16
#: Below this width (CSS pixels) the two texts stack in one column: a phone held upright.
NARROW_PX = 760

_CSS = """
body { font-family: Georgia, 'DejaVu Serif', serif; color: #1d1d1f; margin: 0 auto; max-width: 1200px;
       padding: 16px; line-height: 1.45; }
h1 { font-size: 1.5em; margin: 0 0 4px; } h2 { font-size: 1.2em; margin: 28px 0 8px; border-bottom: 1px solid #ccc; }
.meta { color: #555; font-size: 0.9em; margin: 0 0 12px; }
.verdict { border: 2px solid #333; border-radius: 6px; padding: 12px 16px; background: #f6f6f6; }
.verdict .relation { font-size: 1.25em; font-weight: bold; margin: 0 0 6px; }
.verdict p { margin: 4px 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #eee; }
td.num { text-align: right; white-space: nowrap; }
.texts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.text { white-space: pre-wrap; font-size: 0.95em; border: 1px solid #ddd; padding: 8px; overflow-wrap: anywhere; }
.text h3 { white-space: normal; margin: 0 0 8px; font-size: 1em; }
.n { font-weight: bold; font-size: 0.75em; vertical-align: super; padding: 0 2px; }
.fact { outline: 1.5px solid #111; outline-offset: 1px; border-radius: 2px; font-weight: bold; }
.swatch { padding: 0 6px; }
.hash { font-family: 'DejaVu Sans Mono', monospace; font-size: 0.8em; overflow-wrap: anywhere; }
.facts { margin: 0; padding-left: 16px; } .note { white-space: pre-wrap; }
blockquote { margin: 4px 0 4px 12px; color: #333; }
@media (max-width: NARROWpx) { .texts { grid-template-columns: 1fr; } body { padding: 8px; } }
@media print { body { max-width: none; padding: 0; font-size: 10pt; } .scroll { overflow: visible; }
  tr, .verdict { break-inside: avoid; } h2 { break-after: avoid; } a { color: inherit; } }
@page { margin: 14mm; }
"""

_QT_CSS = """
body { font-family: 'DejaVu Serif', Georgia, serif; color: #1d1d1f; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 14px; }
.meta { color: #555555; }
.relation { font-size: 13pt; font-weight: bold; }
th { background-color: #eeeeee; text-align: left; }
.text { font-size: 9pt; white-space: pre-wrap; }
.n { font-weight: bold; font-size: 7pt; vertical-align: super; }
.fact { font-weight: bold; text-decoration: underline overline; }
.hash { font-family: 'DejaVu Sans Mono', monospace; font-size: 7pt; }
"""


def render_html(report: Report, for_qt: bool = False) -> str:
    """The report as one HTML document (see the module docstring)."""
    e = html.escape
    css = _QT_CSS if for_qt else _CSS.replace("NARROW", str(NARROW_PX)) + _kind_css()
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Reader report: {e(report.title)}</title>", f"<style>{css}</style></head><body>",
        "<h1>Reader report</h1>",
        f'<p class="meta">{e(report.title)}<br>Made on {e(_date(report.created))} by Reader {e(report.version)}</p>',
    ]
    parts += _verdict(report, for_qt)
    parts += ["<h2>How to read this report</h2>", f"<p>{e(report.explanation)}</p>", _legend(for_qt)]
    parts += _documents(report, for_qt)
    parts += _passages(report, for_qt)
    parts += _texts(report, for_qt)
    parts += _notes(report)
    parts += ["<h2>Settings</h2>", _table(for_qt)]
    parts += [f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in report.settings]
    parts += [f"<tr><th>Reader</th><td>version {e(report.version)}</td></tr>",
              f"<tr><th>Report made</th><td>{e(report.created)}</td></tr>", "</table>", "</body></html>"]
    return "\n".join(parts)


def _verdict(report: Report, for_qt: bool) -> list[str]:
    e = html.escape
    lines = [f'<p class="relation">{e(report.verdict)}</p>']
    lines += [f"<p><b>{d.label}</b> is “{e(d.title)}”{_source_of(d)}.</p>" for d in report.documents]
    if report.direction:
        lines.append(f"<p>{e(report.direction)}</p>")
    lines += [f"<p>{e(line)}</p>" for line in report.coverage]
    lines.append(f"<p>{e(report.facts_line)}</p>")
    if for_qt:  # Qt draws borders and backgrounds on table cells, not on divs
        return ['<table width="100%" border="1" cellpadding="8" cellspacing="0" style="border-color:#333333">'
                f'<tr><td style="background-color:#f6f6f6">{"".join(lines)}</td></tr></table>']
    return ['<div class="verdict">', *lines, "</div>"]


def _source_of(doc) -> str:
    fields = dict(doc.fields)
    where = doc.url or fields.get("Site") or fields.get("Source")
    return f" ({html.escape(where)})" if where else ""


def _legend(for_qt: bool) -> str:
    e = html.escape
    items = []
    for kind in KIND_LABELS:
        style = f' style="{_qt_kind_style(kind)}"' if for_qt else ""
        items.append(f'<span class="k-{kind}"{style}>{e(KIND_LABELS[kind])}</span>: '
                     f"{e(KIND_EXPLANATIONS[kind])} ({UNDERLINES[kind]} underline)")
    box = "Boxed</span> (on paper: bold, with a line above and below)" if for_qt else "Boxed</span>"
    items.append(f'<span class="fact">{box}: a fact the other side changed, dropped or added')
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _table(for_qt: bool) -> str:
    """A table's opening tag: Qt draws cell borders only from the attributes."""
    return '<table width="100%" border="1" cellspacing="0" cellpadding="3">' if for_qt else "<table>"


def _documents(report: Report, for_qt: bool) -> list[str]:
    e = html.escape
    rows = ["<h2>The documents</h2>", f'<div class="scroll">{_table(for_qt)}',
            "<tr><th></th>" + "".join(f"<th>{d.label}</th>" for d in report.documents) + "</tr>",
            "<tr><th>Title</th>" + "".join(f"<td>{e(d.title)}</td>" for d in report.documents) + "</tr>"]
    labels = list(dict.fromkeys(label for d in report.documents for label, _ in d.fields))
    for label in labels:
        cells = "".join(f"<td>{e(dict(d.fields).get(label, '—'))}</td>" for d in report.documents)
        rows.append(f"<tr><th>{e(label)}</th>{cells}</tr>")
    rows.append("<tr><th>URL</th>" + "".join(f"<td>{_link(d.url)}</td>" for d in report.documents) + "</tr>")
    rows.append("<tr><th>Words</th>" + "".join(f"<td>{d.words:,}</td>" for d in report.documents) + "</tr>")
    rows.append("<tr><th>SHA-256 of the text</th>"
                + "".join(f'<td class="hash">{d.sha256}</td>' for d in report.documents) + "</tr>")
    rows.append("</table></div>")
    return rows


def _link(url: str | None) -> str:
    """A document's own source link, only for a web address; anything else is shown as text."""
    if not url:
        return "—"
    if urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>'
    return html.escape(url)


def _passages(report: Report, for_qt: bool) -> list[str]:
    e = html.escape
    if not report.passages:
        return ["<h2>Passages</h2>", "<p>The two texts share no passage with these settings.</p>"]
    rows = [f"<h2>Passages ({len(report.passages)})</h2>", f'<div class="scroll">{_table(for_qt)}',
            "<tr><th>#</th><th>Kind</th><th>Score</th><th>In A</th><th>In B</th><th>Changed facts</th></tr>"]
    for p in report.passages:
        facts = ('<ul class="facts">' + "".join(f"<li>{e(c.describe())}</li>" for c in p.facts) + "</ul>"
                 if p.facts else "—")
        rows.append(f'<tr><td class="num">{p.number}</td><td>{e(KIND_LABELS.get(p.kind, p.kind))}</td>'
                    f'<td class="num">{p.score:.2f}</td><td>{e(p.a_excerpt)}</td><td>{e(p.b_excerpt)}</td>'
                    f"<td>{facts}</td></tr>")
    rows.append("</table></div>")
    return rows


def _texts(report: Report, for_qt: bool) -> list[str]:
    columns = []
    for side, doc in zip("ab", report.documents):
        title = f"<h3>{doc.label}: {html.escape(doc.title)}</h3>"
        columns.append((title, _marked_text(report, side, for_qt)))
    head = ["<h2>Both texts, side by side</h2>",
            "<p>Passages are tinted and numbered as in the table above; boxed words are changed facts.</p>"]
    if for_qt:
        cells = "".join(f'<td width="50%">{t}<div class="text">{body}</div></td>' for t, body in columns)
        return [*head, f'<table width="100%" border="1" cellpadding="6" cellspacing="0"><tr>{cells}</tr></table>']
    return [*head, '<div class="texts">',
            *(f'<div class="text">{t}{body}</div>' for t, body in columns), "</div>"]


def _marked_text(report: Report, side: str, for_qt: bool) -> str:
    """One side's whole text, HTML-escaped, its passages tinted and numbered, changed facts boxed."""
    text = report.texts[0 if side == "a" else 1]
    out: list[str] = []
    position = 0
    passages = sorted(report.passages, key=lambda p: (p.a_span if side == "a" else p.b_span))
    for p in passages:
        start, end = p.a_span if side == "a" else p.b_span
        if start < position:  # passages of one side never overlap; stay safe if they ever do
            start = position
        if end <= start:
            continue
        out.append(html.escape(text[position:start]))
        style = f' style="{_qt_kind_style(p.kind)}"' if for_qt else ""
        out.append(f'<span class="p k-{p.kind}"{style}><span class="n">{p.number}</span>')
        out.append(_boxed(text, start, end, [c.a_span if side == "a" else c.b_span for c in p.facts]))
        out.append("</span>")
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out)


def _boxed(text: str, start: int, end: int, spans) -> str:
    """``text[start:end]`` escaped, with the fact ``spans`` (clipped, merged when they overlap) boxed."""
    merged: list[list[int]] = []
    for s, e in sorted((max(s, start), min(e, end)) for s, e in (x for x in spans if x)):
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, position = [], start
    for s, e in merged:
        out.append(html.escape(text[position:s]))
        out.append(f'<span class="fact">{html.escape(text[s:e])}</span>')
        position = e
    out.append(html.escape(text[position:end]))
    return "".join(out)


def _notes(report: Report) -> list[str]:
    e = html.escape
    out = ["<h2>Notes on this pair</h2>"]
    if not report.notes:
        return [*out, "<p>No notes were written on this pair.</p>"]
    out.append("<ul>")
    for n in report.notes:
        head = [f"<b>{e(n.verdict)}</b>"] if n.verdict else []
        head.append(f"on {e(n.sides)}")
        if n.author:
            head.append(f"by {e(n.author)}")
        if n.created:
            head.append(e(_date(n.created)))
        if n.tags:
            head.append("tags: " + e(", ".join(n.tags)))
        if n.orphan:
            head.append("(the annotated text is no longer in the document)")
        quotes = "".join(f"<blockquote>{label}: “{e(q)}”</blockquote>"
                         for label, q in (("A", n.quote_a), ("B", n.quote_b)) if q)
        note = f'<div class="note">{e(n.note)}</div>' if n.note else ""
        out.append(f"<li>{' · '.join(head)}{quotes}{note}</li>")
    out.append("</ul>")
    return out


def _kind_css() -> str:
    return "".join(f".k-{kind} {{ background: {tint(colour)}; text-decoration: underline {UNDERLINES[kind]} "
                   f"{colour}; text-underline-offset: 3px; }} .k-{kind} .n {{ color: {colour}; }}\n"
                   for kind, colour in KIND_COLOURS.items())


def _qt_kind_style(kind: str) -> str:
    """Qt applies a class's background to spans unreliably: the passage carries its tint inline
    (``reader.ui.report_pdf`` adds the underline style of its kind, found by that tint)."""
    colour = KIND_COLOURS.get(kind)
    return f"background-color: {tint(colour)}" if colour else ""


def tint(colour: str) -> str:
    """``colour`` mixed into white by ``PASSAGE_TINT``: the pale passage background."""
    channels = [int(colour[k:k + 2], 16) for k in (1, 3, 5)]
    return "#" + "".join(f"{round(255 + (c - 255) * PASSAGE_TINT):02x}" for c in channels)


def _date(iso: str) -> str:
    """``2026-11-30T09:30:00Z`` as ``2026-11-30 09:30 UTC``."""
    if len(iso) >= 16 and iso[10] == "T":
        return f"{iso[:10]} {iso[11:16]} UTC" if iso.endswith("Z") else f"{iso[:10]} {iso[11:16]}"
    return iso
