"""JSON-LD conversion without a database: shapes Reader writes and shapes other tools write."""

import pytest

from reader.core.anchoring import TextPositionSelector, TextQuoteSelector
from reader.core.annotations import Annotation, Target, parse_tags
from reader.core.webannotation import DocumentRef, WebAnnotationError, from_jsonld, to_jsonld

DOCS = {1: DocumentRef("First", "h1", path="/articles/first story.txt"),
        2: DocumentRef("Second", "h2", url="https://example.com/second")}


def annotation(**kw):
    targets = (Target(1, TextQuoteSelector("quoted", "before ", " after"), TextPositionSelector(7, 13), "h1"),
               Target(2, TextQuoteSelector("other"), TextPositionSelector(0, 5), "h2-old"))
    defaults = dict(targets=targets, note="n", tags=("t",), colour="green", verdict="credited_copy",
                    author="me", created="2024-01-01T00:00:00Z", updated="2024-01-02T00:00:00Z",
                    uuid="0f8fad5b-d9cb-469f-a165-70867728950e")
    defaults.update(kw)
    return Annotation(**defaults)


def test_round_trip_keeps_every_field_and_document_reference():
    (parsed,) = from_jsonld(to_jsonld([annotation()], DOCS))
    assert parsed.to_annotation([1, 2]) == annotation()
    first, second = parsed.targets
    assert first.document == DocumentRef("First", "h1", path="/articles/first story.txt")
    assert second.document == DocumentRef("Second", "h2", url="https://example.com/second")
    assert second.content_hash == "h2-old"


def test_sources_are_url_then_file_uri_then_hash():
    item = to_jsonld([annotation()], DOCS)["first"]["items"][0]
    assert [t["source"] for t in item["target"]] == ["file:///articles/first%20story.txt",
                                                    "https://example.com/second"]
    assert DocumentRef("Pasted", "abc").source == "urn:sha256:abc"


def test_single_annotation_and_plain_lists_are_accepted():
    item = to_jsonld([annotation(verdict=None, targets=annotation().targets[:1])], DOCS)["first"]["items"][0]
    assert item["motivation"] == "commenting" and "reader:verdict" not in item
    assert len(from_jsonld(item)) == 1 and len(from_jsonld([item, item])) == 2
    assert len(from_jsonld({"type": "AnnotationPage", "items": [item]})) == 1


def test_foreign_annotation_with_string_body_and_no_offsets():
    foreign = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
               "id": "urn:uuid:6a0e1a4e-53c3-4f4c-9a43-8a3f0a3d1f10", "body": "A plain note",
               "target": {"source": "https://example.com/a",
                          "selector": {"type": "TextQuoteSelector", "exact": "some words"}}}
    (parsed,) = from_jsonld(foreign)
    assert (parsed.note, parsed.tags, parsed.colour, parsed.verdict) == ("A plain note", (), "yellow", None)
    assert parsed.targets[0].position == TextPositionSelector(0, 10)
    assert parsed.targets[0].document.url == "https://example.com/a"
    assert parsed.targets[0].document.title == "a"


def test_bad_position_selector_is_refused():
    item = to_jsonld([annotation()], DOCS)["first"]["items"][0]
    item["target"][0]["selector"][1]["end"] = 3
    with pytest.raises(WebAnnotationError, match="0 <= start < end"):
        from_jsonld(item)


def test_parse_tags_trims_and_deduplicates():
    assert parse_tags(" a, b ,,a, c d\nlast ") == ("a", "b", "c d", "last")
    assert parse_tags("") == ()


_TARGET = {"source": "urn:sha256:x", "selector": {"type": "TextQuoteSelector", "exact": "the quote"}}


@pytest.mark.parametrize("item, problem", [
    ({"body": [5], "target": _TARGET}, "a body must be an object or text"),
    ({"target": {"source": "x", "selector": ["TextQuoteSelector"]}}, "a selector must be an object"),
    ({"target": {**_TARGET, "reader:document": "a title"}}, "reader:document must be an object"),
    ({"target": {**_TARGET, "reader:document": {"path": 5}}}, r"path must be a path \(text\), not int"),
    ({"target": {**_TARGET, "reader:contentHash": 5}}, "reader:contentHash must be a content hash"),
    ({"target": {"source": "x", "selector": {"type": "TextQuoteSelector", "exact": None}}},
     "needs a TextQuoteSelector with the quoted text"),
    ({"target": {"source": "x", "selector": [{"type": "TextQuoteSelector", "exact": "ab"},
                                             {"type": "TextPositionSelector", "start": False, "end": True}]}},
     "0 <= start < end"),
])
def test_malformed_annotations_are_refused_with_a_message(item, problem):
    with pytest.raises(WebAnnotationError, match=problem) as caught:
        from_jsonld({"type": "Annotation", "id": "urn:uuid:1", **item})
    assert str(caught.value).startswith("annotation urn:uuid:1: ")


def test_a_page_whose_items_are_not_a_list_is_refused():
    with pytest.raises(WebAnnotationError, match="items must be a list"):
        from_jsonld({"type": "AnnotationPage", "items": 5})
