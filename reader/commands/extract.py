"""``reader extract FILE|URL... [--json]``: what Reader reads from each page or file.

So a user can see why two pages compare as they do: for each input, the text Reader compares
(for a web page, the article trafilatura finds, headline first), then the title, author, site,
URL, publication date, capture time (pages fetched by URL) and the extraction path.

- Plain output: per input a header line ``== SOURCE ==`` (when there are several), the text, a
  blank line, then one ``name: value`` line per field (``-`` when unknown).
- ``--json``: one object a line per input, ``{"source", "text", "title", "author", "site", "url",
  "date" (YYYY-MM-DD or null), "captured", "extractor"}``, in the order given.
- An input that fails is reported and the others go on: a one-line ``reader: error:`` on stderr
  (with ``--json``, ``{"source", "error"}`` on its line instead); the exit status is then 2.
Must not import Qt.
"""

from __future__ import annotations

import json
import sys

from reader.commands.common import fail
from reader.core.documents import FORMATS_LABEL, Document, DocumentError
from reader.core.web_pages import load_source

#: The fields printed after the text, in order, with the Document attribute each comes from.
FIELDS = (("title", "title"), ("author", "author"), ("site", "site"), ("url", "url"), ("date", "published"),
          ("captured", "captured"), ("extractor", "extractor"))


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "extract", help="print the text and metadata Reader reads from files or web pages",
        description="Print what Reader reads from each file or web page: the text it compares, then "
                    "title, author, site, URL, date, capture time and how the text was extracted. "
                    "Pages are read, never executed: no script runs and nothing they link to is fetched.")
    p.add_argument("inputs", nargs="+", metavar="FILE|URL", help=f"a file ({FORMATS_LABEL}) or an http(s) URL")
    p.add_argument("--json", action="store_true", help="one JSON object a line per input")
    p.set_defaults(func=run)


def run(args) -> int:
    failed = False
    for number, source in enumerate(args.inputs):
        try:
            document = load_source(source)
        except DocumentError as exc:
            failed = True
            if args.json:
                _write(json.dumps({"source": source, "error": str(exc)}, ensure_ascii=False) + "\n")
            else:
                fail(exc)
            continue
        if args.json:
            _write(json.dumps(as_json(source, document), ensure_ascii=False) + "\n")
        else:
            _write(report(source, document, header=len(args.inputs) > 1, first=number == 0))
    return 2 if failed else 0


def as_json(source: str, document: Document) -> dict:
    record: dict = {"source": source, "text": document.text}
    record.update((name, getattr(document, attribute)) for name, attribute in FIELDS)
    return record


def report(source: str, document: Document, *, header: bool = False, first: bool = True) -> str:
    lines = ([] if first else [""]) + ([f"== {source} =="] if header else [])
    lines += [document.text.rstrip("\n"), ""]
    width = max(len(name) for name, _ in FIELDS) + 1
    lines += [f"{name + ':':<{width}} {getattr(document, attribute) or '-'}" for name, attribute in FIELDS]
    return "\n".join(lines) + "\n"


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()  # each input's result as soon as it is known (fetching may take seconds)
