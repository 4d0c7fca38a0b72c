"""``reader compare A B``: the passages two files share, as a readable report or JSON.

The report leads with the verdict (``reader.core.verdict``: "B is a rewrite of A: …", "B copies
passages of A …", a shared quotation only, or nothing) and why one side is taken for the source
when that is known; then both titles, how much of each side is shared with the other (the one
coverage figure, ``reader.core.coverage``), the number of matches and the longest verbatim run,
then every match in order of its position in A with its kind, score, a one-line excerpt of
both sides and a line per changed fact (``reader.core.facts``: changed, dropped, added).
``--json`` prints the same for machines, the verdict as ``"verdict"``; each match has
``"facts"``, its changed facts as ``{"kind", "a", "b", "a_span", "b_span"}`` (``a`` null: added
from nowhere; ``b`` null: dropped).
A or B may be an http(s) URL: the page is fetched and its article read (``reader.core.web_pages``).
Exit status 2 with a one-line message for bad options or an unreadable file. Must not import Qt.
"""

from __future__ import annotations

import gc
import json
import re
import shutil
import sys
from collections import Counter

from reader.commands.common import COMPARE_SECONDS, add_engine_options, engine_config, fail
from reader.core.config import AlignConfig
from reader.core.coverage import percent, share_figure
from reader.core.documents import FORMATS_LABEL, Document, DocumentError
from reader.core.matches import KINDS
from reader.core.same_document import same_document_note
from reader.core.web_pages import load_source

_SPACE_RE = re.compile(r"\s+")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "compare", help="print the passages two files share",
        description="Align two articles and print every passage they share: verbatim, edited, "
                    "paraphrased, or a shared quotation.")
    p.add_argument("a", metavar="A", help=f"first document ({FORMATS_LABEL}, or an http(s) URL)")
    p.add_argument("b", metavar="B", help="second document (file or URL)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a report")
    add_engine_options(p)
    # Nothing to clean up after it: the process may end without freeing the engine's objects
    # (``reader.cli._end_now``).
    p.set_defaults(func=run, end_at_once=True)


def run(args) -> int:
    # The engine makes millions of small objects (two 1 MB texts: ~400,000 tokens, ~4 million
    # candidate pairs) and no reference cycles: the cycle collector would only walk them again
    # and again (a fifth of the time). Off for the command (the engine's imports too), back on
    # after; what the run made is then handed to the oldest generation unwalked (``gc.freeze``
    # then ``gc.unfreeze``): the ~400,000 objects the run leaves behind (two 1 MB texts) are
    # long-lived, and merely turning the collector back on had the first allocation after it
    # walk them all (0.1 s).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _compare(args)
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _compare(args) -> int:
    try:
        doc_a = load_source(args.a)
        doc_b = load_source(args.b)
    except DocumentError as exc:
        return fail(exc)
    from reader.core.align import TooSlow, align  # the engine loads only when there is work for it
    from reader.core.corpus_records import pair_verdict  # not the corpus facade: no index, no scan
    from reader.core.facts import compare_facts

    config = engine_config(args, max_seconds=COMPARE_SECONDS)
    try:
        alignment = align(doc_a.text, doc_b.text, config)
        verdict = pair_verdict(alignment, doc_a.text, doc_b.text, doc_a.published, doc_b.published)
        facts = compare_facts(alignment, doc_a.text, doc_b.text)
    except TooSlow as exc:
        return fail(f"{args.a} and {args.b}: {exc}")
    # One file given twice, or two copies of one text: said first and plainly.
    note = same_document_note(doc_a, doc_b)
    if args.json:
        payload = to_json(doc_a, doc_b, alignment, config, verdict, facts)
        if note:
            payload = {"note": note, **payload}
        sys.stdout.write(dumps(payload))
    else:
        sys.stdout.write((f"{note}\n\n" if note else "")
                         + report(doc_a, doc_b, alignment, args.a, args.b, config, verdict, facts))
    return 0


# -- output ----------------------------------------------------------------------------------

def excerpt(text: str, width: int = 90) -> str:
    """``text`` on one line; when longer than ``width``, its middle is replaced by " … "."""
    line = _SPACE_RE.sub(" ", text).strip()
    if len(line) <= width:
        return line
    keep = max(2, width - 3)
    head = (keep + 1) // 2
    start, end = line[:head], line[len(line) - (keep - head):]
    # Cut between words ("Facebook and … violating our", not "and Inst … atedly"), unless that
    # would lose more than a third of the half (long words, or a script without spaces).
    if head < len(line) and not line[head].isspace() and " " in start[head * 2 // 3:]:
        start = start[:start.rindex(" ")]
    cut = len(line) - len(end)
    if cut > 0 and not line[cut - 1].isspace() and " " in end[:len(end) // 3 + 1]:
        end = end[end.index(" ") + 1:]
    return start.rstrip() + " … " + end.lstrip()


def report(doc_a: Document, doc_b: Document, alignment, label_a: str, label_b: str,
           config: AlignConfig, verdict, facts=None) -> str:
    """The readable report; ``facts`` are ``compare_facts``' per match (None: no fact lines)."""
    s = alignment.summary
    width = max(40, min(150, shutil.get_terminal_size((100, 24)).columns - 8))
    out = [verdict.describe()]
    if verdict.explain_direction():
        out.append(verdict.explain_direction())
    out += [
        "",
        f"A  {doc_a.title}",
        f"   {_origin(doc_a, label_a)}{s.words_a:,} words",
        f"B  {doc_b.title}",
        f"   {_origin(doc_b, label_b)}{s.words_b:,} words",
        "",
        f"A shares {percent(s.share_a)} of its text with B.",
        f"B shares {percent(s.share_b)} of its text with A.",
    ]
    matches = alignment.matches
    if not matches:
        out.append(f"No shared passages (passages shorter than {config.min_passage_chars} characters "
                   "are not reported).")
        return "\n".join(out) + "\n"
    counts = Counter(m.kind for m in matches)
    kinds = ", ".join(f"{counts[k]} {k}" for k in KINDS if counts[k])
    noun = "match" if len(matches) == 1 else "matches"
    out.append(f"{len(matches)} {noun} ({kinds}); longest verbatim run: {s.longest_verbatim_words} words.")
    if facts is not None:
        changed = [sum(c.flagged for c in passage) for passage in facts]
        out.append(f"Changed facts: {sum(changed)} in {sum(1 for n in changed if n)} of the passages "
                   "(a number, date, name or quotation changed, dropped or added).")
    number_width = len(str(len(matches)))
    for n, m in enumerate(matches, 1):
        out.append("")
        out.append(f"{n:>{number_width}}  {m.kind:<10}  score {m.score:.2f}   "
                   f"A {m.a_start}–{m.a_end}   B {m.b_start}–{m.b_end}")
        indent = " " * (number_width + 2)
        out.append(f"{indent}A: {excerpt(doc_a.text[m.a_start:m.a_end], width)}")
        out.append(f"{indent}B: {excerpt(doc_b.text[m.b_start:m.b_end], width)}")
        for change in (facts[n - 1] if facts is not None else ()):
            if change.flagged:
                out.append(f"{indent}! {excerpt(change.describe(), width)}")
    return "\n".join(out) + "\n"


def _origin(doc: Document, label: str) -> str:
    """The label the user gave, then the site, byline and date a page states ("… · CNN · 2024-02-09 · ")."""
    known = [label] + [v for v in (doc.site, doc.author, doc.published) if v and v != label]
    return " · ".join(known) + " · "


def dumps(payload: dict) -> str:
    """JSON indented at the top level, one match per line: readable, and still easy to grep."""
    lines = []
    for key, value in payload.items():
        if isinstance(value, list):
            items = ",\n".join("    " + json.dumps(v, ensure_ascii=False) for v in value)
            text = f"[\n{items}\n  ]" if value else "[]"
        else:
            text = json.dumps(value, ensure_ascii=False)
        lines.append(f"  {json.dumps(key)}: {text}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _document_json(doc: Document, words: int) -> dict:
    return {"title": doc.title, "path": doc.path, "source": doc.source, "hash": doc.content_hash,
            "format": doc.format, "encoding": doc.encoding, "url": doc.url, "published": doc.published,
            "author": doc.author, "site": doc.site, "extractor": doc.extractor, "captured": doc.captured,
            "chars": len(doc.text), "words": words}


def to_json(doc_a: Document, doc_b: Document, alignment, config: AlignConfig, verdict, facts=None) -> dict:
    """The ``--json`` payload; ``facts`` are ``compare_facts``' per match (None: computed here)."""
    if facts is None:
        from reader.core.facts import compare_facts

        facts = compare_facts(alignment, doc_a.text, doc_b.text)
    s = alignment.summary
    return {
        "a": _document_json(doc_a, s.words_a),
        "b": _document_json(doc_b, s.words_b),
        "verdict": verdict.to_json(),
        # The one coverage figure, rounded as every other output rounds it (reader.core.coverage).
        "summary": {"share_a": share_figure(s.share_a), "share_b": share_figure(s.share_b), "matches": s.matches,
                    "longest_verbatim_words": s.longest_verbatim_words,
                    "words_a": s.words_a, "words_b": s.words_b},
        "matches": [
            {"a": [m.a_start, m.a_end], "b": [m.b_start, m.b_end], "kind": m.kind, "score": m.score,
             "shared_words": m.shared_words, "longest_run": m.longest_run,
             "a_text": doc_a.text[m.a_start:m.a_end], "b_text": doc_b.text[m.b_start:m.b_end],
             "facts": [c.to_json() for c in changes if c.flagged]}
            for m, changes in zip(alignment.matches, facts)
        ],
        "config": {"min_passage_chars": config.min_passage_chars, "paraphrase": config.paraphrase,
                   "looseness": config.looseness, "ignore_quotes": config.ignore_quotes},
    }
