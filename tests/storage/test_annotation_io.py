"""Export to JSON-LD, CSV and Markdown; import JSON-LD back without loss."""

import csv
import dataclasses
import io
import json

import pytest

from reader.core.annotations import Annotation, Target
from reader.core.documents import load_document
from reader.core.webannotation import WebAnnotationError
from reader.storage.annotation_io import export_annotations, import_annotations
from reader.storage.annotations import add_annotation, anchor_annotation, delete_annotation, list_annotations
from reader.storage.database import open_database
from reader.storage.documents import add_document, find_document, replace_text

QUOTE_A = "“We have removed these accounts for repeatedly violating our Dangerous Organizations"
QUOTE_B = "Dangerous Organisations & Individuals policy"


def on(db, doc, quote):
    doc_id = find_document(db, content_hash=doc.content_hash)
    start = doc.text.index(quote)
    return Target.on_text(doc_id, doc.text, start, start + len(quote), doc.content_hash)


@pytest.fixture
def filled(db, seed_doc):
    a, b = seed_doc(2), seed_doc(3)
    add_document(db, a)
    add_document(db, b)
    add_annotation(db, Annotation((on(db, a, QUOTE_A), on(db, b, QUOTE_B)),
                                  note="Copied.\nSecond line, with “quotes” and a comma.",
                                  tags=("meta", "ünïcode tag"), colour="pink", verdict="uncredited_copy",
                                  author="Ann Editor", created="2024-03-01T09:00:00Z", updated="2024-03-02T10:00:00Z"))
    add_annotation(db, Annotation((on(db, b, "Meta, the parent company"),), colour="blue",
                                  created="2024-03-01T09:05:00Z", updated="2024-03-01T09:05:00Z"))
    gone = add_annotation(db, Annotation((on(db, a, "Khamenei"),), note="deleted one",
                                         created="2024-03-01T09:06:00Z"))
    delete_annotation(db, gone.id)
    return db


def comparable(annotations, db):
    """Annotations without local ids: documents by content hash."""
    hashes = {d: db.execute("SELECT content_hash FROM documents WHERE id = ?", [d]).fetchone()[0]
              for a in annotations for d in a.document_ids()}
    return sorted((dataclasses.replace(a, id=None, targets=tuple(
        dataclasses.replace(t, document_id=hashes[t.document_id]) for t in a.targets)) for a in annotations),
        key=lambda a: a.uuid)


def test_jsonld_is_w3c_web_annotation(filled):
    data = json.loads(export_annotations(filled, "jsonld"))
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 2
    pair = data["first"]["items"][0]
    assert pair["type"] == "Annotation" and pair["id"].startswith("urn:uuid:")
    assert pair["motivation"] == "assessing"
    assert pair["body"] == [
        {"type": "TextualBody", "purpose": "commenting", "value": "Copied.\nSecond line, with “quotes” and a comma.",
         "format": "text/plain"},
        {"type": "TextualBody", "purpose": "tagging", "value": "meta"},
        {"type": "TextualBody", "purpose": "tagging", "value": "ünïcode tag"},
    ]
    assert (pair["reader:verdict"], pair["reader:colour"]) == ("uncredited_copy", "pink")
    assert pair["creator"] == {"type": "Person", "name": "Ann Editor"}
    assert (pair["created"], pair["modified"]) == ("2024-03-01T09:00:00Z", "2024-03-02T10:00:00Z")
    first, second = pair["target"]
    assert first["source"].startswith("file:///") and first["source"].endswith("002_7b9adeb81f08d030.txt")
    assert first["selector"][0]["type"] == "TextQuoteSelector" and first["selector"][0]["exact"] == QUOTE_A
    assert first["selector"][1] == {"type": "TextPositionSelector", "start": 730, "end": 730 + len(QUOTE_A)}
    assert second["selector"][0]["exact"] == QUOTE_B
    assert data["first"]["items"][1]["motivation"] == "commenting"
    assert data["first"]["items"][1]["body"] == []


def test_jsonld_round_trip_into_another_database_loses_nothing(filled, seed_doc, tmp_path):
    exported = export_annotations(filled, "jsonld")
    other = open_database(tmp_path / "other.db")
    add_document(other, seed_doc(3))  # other order: other local ids
    add_document(other, seed_doc(2))
    report = import_annotations(other, json.loads(exported))
    assert (report.added, report.updated, report.unchanged, report.documents_added) == (2, 0, 0, 0)
    assert comparable(list_annotations(other), other) == comparable(list_annotations(filled), filled)
    assert export_annotations(other, "jsonld") == exported
    other.close()


def test_import_again_is_unchanged_and_edits_update(filled):
    data = json.loads(export_annotations(filled, "jsonld"))
    report = import_annotations(filled, data)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 2)
    data["first"]["items"][1]["body"] = [{"type": "TextualBody", "purpose": "commenting", "value": "now a note"}]
    data["first"]["items"][1]["modified"] = "2024-04-01T00:00:00Z"
    report = import_annotations(filled, data)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    assert [a.note for a in list_annotations(filled, search="now")] == ["now a note"]


def test_import_with_unknown_document_changes_nothing(filled, tmp_path):
    data = json.loads(export_annotations(filled, "jsonld"))
    empty = open_database(tmp_path / "empty.db")
    for item in data["first"]["items"]:
        for target in item["target"]:
            target["reader:document"]["path"] = str(tmp_path / "moved-away.txt")
            target["source"] = (tmp_path / "moved-away.txt").as_uri()
    with pytest.raises(WebAnnotationError, match=r"its document '.*' \(/.*moved-away.txt\) is not in the database"):
        import_annotations(empty, data, load_document=load_document)
    assert empty["annotations"].count == 0 and empty["documents"].count == 0
    empty.close()


def test_import_loads_a_missing_document_from_its_path(filled, tmp_path):
    data = json.loads(export_annotations(filled, "jsonld"))
    empty = open_database(tmp_path / "empty.db")
    report = import_annotations(empty, data, load_document=load_document)
    assert (report.added, report.documents_added) == (2, 2)
    assert [x.status for a in list_annotations(empty) for x in anchor_annotation(empty, a)] == ["exact"] * 3
    empty.close()


def test_import_into_a_changed_document_reanchors(filled, seed_doc, tmp_path):
    data = json.loads(export_annotations(filled, "jsonld"))
    other = open_database(tmp_path / "other.db")
    a_id = add_document(other, seed_doc(2))
    add_document(other, seed_doc(3))
    replace_text(other, a_id, "Update: a correction.\n\n" + seed_doc(2).text)  # same path, new text
    import_annotations(other, data)
    pair = next(a for a in list_annotations(other) if a.is_pair)
    assert [x.status for x in anchor_annotation(other, pair)] == ["moved", "exact"]
    other.close()


@pytest.mark.parametrize("data,message", [
    ({"type": "Something"}, "not Web Annotation data"),
    ([{"type": "Annotation", "id": "http://x/1", "target": []}], "id must be a urn:uuid: IRI"),
    ([{"type": "Annotation", "id": "urn:uuid:1", "target": {"source": "x", "selector": []}}],
     "urn:uuid:1: a target needs a TextQuoteSelector"),
    ([{"type": "Annotation", "id": "urn:uuid:1", "reader:colour": "teal",
       "target": {"source": "x", "selector": {"type": "TextQuoteSelector", "exact": "a"}}}], "unknown colour"),
    ("just a string", "expected a JSON object or list"),
])
def test_bad_json_ld_is_refused_with_the_reason(db, data, message):
    with pytest.raises(WebAnnotationError, match=message):
        import_annotations(db, data)


def test_csv_has_one_row_per_annotation(filled):
    rows = list(csv.DictReader(io.StringIO(export_annotations(filled, "csv"))))
    assert len(rows) == 2
    pair = rows[0]
    assert pair["document"] == "Meta removes Facebook and Instagram accounts of Iran’s Supreme Leader"
    assert (pair["quote"], pair["quote_b"], pair["verdict"]) == (QUOTE_A, QUOTE_B, "Copied without credit")
    assert (pair["start"], pair["end"], pair["tags"], pair["colour"]) == ("730", str(730 + len(QUOTE_A)),
                                                                         "meta, ünïcode tag", "pink")
    assert pair["note"] == "Copied.\nSecond line, with “quotes” and a comma."
    assert pair["status"] == "exact/exact"
    assert (rows[1]["quote"], rows[1]["document_b"], rows[1]["status"]) == ("Meta, the parent company", "", "exact")


def test_markdown_report_groups_by_document(filled, seed_doc):
    replace_text(filled, 1, seed_doc(2).text.replace(QUOTE_A, "Meta said it acted."))
    text = export_annotations(filled, "md")
    assert text.startswith("# Annotations\n\n## Meta removes Facebook and Instagram accounts of Iran’s Supreme Leader\n")
    assert "### Copied without credit\n\n> " + QUOTE_A + "\n" in text
    assert "*This passage is no longer found in the document's current text.*" in text
    assert "Paired with *Meta, the parent company of Facebook and Instagram, has…*:\n\n> " + QUOTE_B + "\n" in text
    assert "- Tags: `meta`, `ünïcode tag`\n- Colour: pink\n- Written by Ann Editor on 2024-03-01T09:00:00Z, edited 2024-03-02T10:00:00Z" in text
    assert "deleted one" not in text
    assert text.count("\n### ") == 2


def test_unknown_format_is_refused(filled):
    with pytest.raises(ValueError, match="unknown export format 'xml'"):
        export_annotations(filled, "xml")


def test_import_whose_document_file_cannot_be_read_raises_document_error_and_changes_nothing(filled, tmp_path):
    from reader.core.documents import DocumentError

    data = json.loads(export_annotations(filled, "jsonld"))
    broken = tmp_path / "now-empty.txt"
    broken.write_text("", encoding="utf-8")
    last_target = data["first"]["items"][-1]["target"][-1]
    last_target["reader:document"]["path"] = str(broken)
    last_target["reader:document"]["contentHash"] = last_target["reader:contentHash"] = "0" * 64
    empty = open_database(tmp_path / "empty.db")
    with pytest.raises(DocumentError, match="now-empty.txt: file is empty"):
        import_annotations(empty, data, load_document=load_document)
    # Documents loaded for the earlier annotations were rolled back with them.
    assert empty["annotations"].count == 0 and empty["documents"].count == 0
    empty.close()
