"""Annotations as W3C Web Annotation JSON-LD, and back, without loss.

Export (``to_jsonld``) writes an ``AnnotationCollection`` whose page holds one ``Annotation``
per note::

    {"id": "urn:uuid:…", "type": "Annotation", "motivation": "commenting",
     "created": …, "modified": …, "creator": {"type": "Person", "name": …},
     "body": [{"type": "TextualBody", "purpose": "commenting", "value": note, "format": "text/plain"},
              {"type": "TextualBody", "purpose": "tagging", "value": tag}, …],
     "reader:colour": "yellow", "reader:verdict": "uncredited_copy",
     "target": [{"source": uri, "reader:contentHash": hash the selectors were made on,
                 "reader:document": {"title", "path", "url", "contentHash"},
                 "selector": [{"type": "TextQuoteSelector", …}, {"type": "TextPositionSelector", …}]}]}

A pair annotation has two targets (side A, then side B) and motivation ``assessing`` when it
carries a verdict. Reader's own properties live in the ``reader:`` namespace declared in the
``@context``. ``from_jsonld`` reads that back into ``ParsedAnnotation`` values whose targets
name their document by ``DocumentRef`` (storage resolves them to local ids). It also accepts a
bare Annotation, a list of them, or an AnnotationPage. Pure: no Qt, no sqlite.
"""

from __future__ import annotations

import pathlib
import reprlib
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from reader.core.anchoring import TextPositionSelector, TextQuoteSelector
from reader.core.annotations import Annotation, AnnotationError, Target, check_tag
from reader.core.documents import MAX_TEXT_CHARS
from reader.core.inputfiles import one_line

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
READER_NAMESPACE = "https://reader.invalid/ns/annotation#"
CONTEXT = [W3C_CONTEXT, {"reader": READER_NAMESPACE}]


class WebAnnotationError(ValueError):
    """The JSON is not Web Annotation data Reader can import; one-line message."""


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """How an exported target names its document, so another database can find it."""

    title: str
    content_hash: str
    path: str | None = None
    url: str | None = None

    @property
    def source(self) -> str:
        """The target's ``source`` IRI: the web address, else the file, else the text's hash."""
        if self.url:
            return self.url
        if self.path:
            return pathlib.Path(self.path).absolute().as_uri() if not self.path.startswith("file:") else self.path
        return f"urn:sha256:{self.content_hash}"


@dataclass(frozen=True, slots=True)
class ParsedTarget:
    document: DocumentRef
    quote: TextQuoteSelector
    position: TextPositionSelector
    content_hash: str


@dataclass(frozen=True, slots=True)
class ParsedAnnotation:
    """An imported annotation whose targets still name documents rather than local ids."""

    targets: tuple[ParsedTarget, ...]
    note: str
    tags: tuple[str, ...]
    colour: str
    verdict: str | None
    author: str
    created: str
    updated: str
    uuid: str

    def to_annotation(self, document_ids: Iterable[int]) -> Annotation:
        """The annotation with each target bound to the local document id given for it."""
        targets = tuple(Target(doc_id, t.quote, t.position, t.content_hash)
                        for doc_id, t in zip(document_ids, self.targets, strict=True))
        return Annotation(targets=targets, note=self.note, tags=self.tags, colour=self.colour,
                          verdict=self.verdict, author=self.author, created=self.created,
                          updated=self.updated, uuid=self.uuid)


def to_jsonld(annotations: Iterable[Annotation], documents: Mapping[int, DocumentRef],
              label: str = "Reader annotations") -> dict[str, Any]:
    """An ``AnnotationCollection`` of the annotations; ``documents`` maps every target's document id."""
    items = [annotation_to_jsonld(a, documents) for a in annotations]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def annotation_to_jsonld(annotation: Annotation, documents: Mapping[int, DocumentRef]) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    if annotation.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": annotation.note,
                     "format": "text/plain"})
    body += [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in annotation.tags]
    item: dict[str, Any] = {
        "id": f"urn:uuid:{annotation.uuid}",
        "type": "Annotation",
        "motivation": "assessing" if annotation.verdict else "commenting",
        "created": annotation.created,
        "modified": annotation.updated,
        "creator": {"type": "Person", "name": annotation.author},
        "body": body,
        "reader:colour": annotation.colour,
    }
    if annotation.verdict:
        item["reader:verdict"] = annotation.verdict
        item["reader:verdictLabel"] = annotation.verdict_label
    item["target"] = [_target_to_jsonld(t, documents[t.document_id]) for t in annotation.targets]
    return item


def _target_to_jsonld(target: Target, document: DocumentRef) -> dict[str, Any]:
    doc: dict[str, Any] = {"title": document.title, "contentHash": document.content_hash}
    if document.path:
        doc["path"] = document.path
    if document.url:
        doc["url"] = document.url
    return {
        "source": document.source,
        "reader:contentHash": target.content_hash,
        "reader:document": doc,
        "selector": [
            {"type": "TextQuoteSelector", "exact": target.quote.exact, "prefix": target.quote.prefix,
             "suffix": target.quote.suffix},
            {"type": "TextPositionSelector", "start": target.position.start, "end": target.position.end},
        ],
    }


def from_jsonld(data: Any) -> list[ParsedAnnotation]:
    """Annotations from exported JSON-LD; ``WebAnnotationError`` names the first problem."""
    items = _items(data)
    parsed = []
    for number, item in enumerate(items, 1):
        try:
            parsed.append(_parse_annotation(item))
        except (WebAnnotationError, AnnotationError, KeyError, TypeError, ValueError) as exc:
            where = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else f"#{number}"
            detail = f"missing {reprlib.repr(exc.args[0])}" if isinstance(exc, KeyError) and exc.args else str(exc)
            raise WebAnnotationError(one_line(f"annotation {where}: {detail}")) from exc
    return parsed


def _items(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise WebAnnotationError("expected a JSON object or list of annotations")
    kind = data.get("type")
    if kind == "Annotation":
        return [data]
    if kind == "AnnotationPage":
        return _page_items(data)
    if kind == "AnnotationCollection":
        items: list[Any] = []
        page = data.get("first")
        while isinstance(page, dict):  # pages embedded one after the other
            items += _page_items(page)
            page = page.get("next")
        return items
    raise WebAnnotationError(f"not Web Annotation data (type {reprlib.repr(kind)})")


def _page_items(page: dict) -> list[Any]:
    items = page.get("items") or []
    if not isinstance(items, list):
        raise WebAnnotationError("an AnnotationPage's items must be a list")
    return items


def _parse_annotation(item: Any) -> ParsedAnnotation:
    if not isinstance(item, dict) or item.get("type") != "Annotation":
        raise WebAnnotationError("not an object of type Annotation")
    identifier = item.get("id")
    if not isinstance(identifier, str) or not identifier.startswith("urn:uuid:"):
        raise WebAnnotationError("id must be a urn:uuid: IRI")
    bodies = item.get("body", [])
    bodies = bodies if isinstance(bodies, list) else [bodies]
    notes, tags = [], []
    for body in bodies:
        if isinstance(body, str):  # a bare string body is a plain note
            notes.append(body)
            continue
        if not isinstance(body, dict):
            raise WebAnnotationError("a body must be an object or text")
        purpose = body.get("purpose", "commenting")
        value = body.get("value", "")
        if not isinstance(value, str):
            raise WebAnnotationError("a body value must be text")
        if purpose == "tagging":
            tags.append(check_tag(value))
        elif purpose in ("commenting", "describing"):
            notes.append(value)
    targets = item.get("target")
    targets = targets if isinstance(targets, list) else [targets]
    creator = item.get("creator") or {}
    author = creator.get("name", "") if isinstance(creator, dict) else str(creator)
    parsed = ParsedAnnotation(
        targets=tuple(_parse_target(t) for t in targets),
        note="\n\n".join(notes),
        tags=tuple(tags),
        colour=item.get("reader:colour", "yellow"),
        verdict=item.get("reader:verdict"),
        author=author,
        created=_text(item, "created"),
        updated=_text(item, "modified") or _text(item, "created"),
        uuid=identifier[len("urn:uuid:"):],
    )
    parsed.to_annotation(range(len(parsed.targets)))  # validates colour, verdict, targets now
    return parsed


def _parse_target(target: Any) -> ParsedTarget:
    if not isinstance(target, dict):
        raise WebAnnotationError("a target must be an object with source and selector")
    selectors = target["selector"]
    selectors = selectors if isinstance(selectors, list) else [selectors]
    quote = position = None
    for selector in selectors:
        if not isinstance(selector, dict):
            raise WebAnnotationError("a selector must be an object")
        if selector.get("type") == "TextQuoteSelector":
            quote = TextQuoteSelector(_text(selector, "exact", "the quoted text"),
                                      _text(selector, "prefix", "a prefix"), _text(selector, "suffix", "a suffix"))
        elif selector.get("type") == "TextPositionSelector":
            start, end = selector["start"], selector["end"]
            if not (_is_int(start) and _is_int(end) and 0 <= start < end):
                raise WebAnnotationError("TextPositionSelector needs integers 0 <= start < end")
            if end > MAX_TEXT_CHARS:  # no text Reader reads is longer; SQLite would overflow on 10**30
                raise WebAnnotationError(f"TextPositionSelector end {_short_number(end)} lies beyond any text "
                                         f"(texts have at most {MAX_TEXT_CHARS:,} characters)")
            position = TextPositionSelector(start, end)
    if quote is None or not quote.exact:
        raise WebAnnotationError("a target needs a TextQuoteSelector with the quoted text")
    if position is None:
        # Without offsets the quote alone anchors it; the hint points at the start.
        position = TextPositionSelector(0, len(quote.exact))
    doc = target.get("reader:document") or {}
    if not isinstance(doc, dict):
        raise WebAnnotationError("reader:document must be an object")
    source = target["source"]
    url = _text(doc, "url", "a url") or (source if isinstance(source, str) and source.startswith(("http:", "https:"))
                                         else None)
    path = _text(doc, "path", "a path") or _path_from_uri(source)
    doc_hash = _text(doc, "contentHash", "a content hash")
    selector_hash = _text(target, "reader:contentHash", "a content hash") or doc_hash
    document = DocumentRef(title=_text(doc, "title", "a title") or _title_from(source), content_hash=doc_hash,
                           path=path, url=url)
    return ParsedTarget(document, quote, position, selector_hash)


def _path_from_uri(source: Any) -> str | None:
    if isinstance(source, str) and source.startswith("file:"):
        return urllib.parse.unquote(urllib.parse.urlparse(source).path)
    return None


def _title_from(source: Any) -> str:
    return pathlib.PurePosixPath(urllib.parse.urlparse(str(source)).path).name or str(source)


def _text(item: dict, key: str, what: str = "an ISO date-time") -> str:
    """``item[key]`` if it is text, ``""`` when absent or null; anything else is an error."""
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise WebAnnotationError(f"{key} must be {what} (text), not {type(value).__name__}")
    return value


def _short_number(value: int) -> str:
    return f"{value:,}" if value < 10**30 else "over 10^30"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
