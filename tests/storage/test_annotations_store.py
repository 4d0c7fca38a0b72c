"""The annotations table: add, get, filters, full-text search, edit, soft delete and undo, anchoring."""

import dataclasses

import pytest

from reader.core.anchoring import EXACT, FUZZY, MOVED, ORPHAN
from reader.core.annotations import Annotation, AnnotationError, Target
from reader.storage.annotations import (
    add_annotation,
    anchor_annotation,
    delete_annotation,
    find_by_uuid,
    get_annotation,
    list_annotations,
    list_tags,
    purge_deleted,
    restore_annotation,
    save_annotation,
    update_annotation,
    upsert_by_uuid,
)
from reader.storage.database import StorageError
from reader.storage.documents import add_document, replace_text

QUOTE_A = "“We have removed these accounts for repeatedly violating our Dangerous Organizations"
QUOTE_B = "Dangerous Organisations & Individuals policy"


@pytest.fixture
def docs(db, seed_doc):
    a, b, c = seed_doc(2), seed_doc(3), seed_doc(0)
    return {"a": (add_document(db, a), a), "b": (add_document(db, b), b), "c": (add_document(db, c), c)}


def target(docs, key, quote):
    doc_id, doc = docs[key]
    start = doc.text.index(quote)
    return Target.on_text(doc_id, doc.text, start, start + len(quote), doc.content_hash)


@pytest.fixture
def three(db, docs):
    """A pair annotation (a↔b, verdict), a note on b, a note on c."""
    pair = add_annotation(db, Annotation((target(docs, "a", QUOTE_A), target(docs, "b", QUOTE_B)),
                                         note="Taken without credit from CNN", tags=("meta", "cnn"),
                                         colour="pink", verdict="uncredited_copy", author="ann"))
    on_b = add_annotation(db, Annotation((target(docs, "b", "Meta, the parent company"),),
                                         note="Opening line rewritten", tags=("lede",), colour="blue"))
    on_c = add_annotation(db, Annotation((target(docs, "c", "Khamenei"),), note="", tags=("meta",)))
    return pair, on_b, on_c


def test_add_and_get_round_trip_every_field(db, three):
    pair, _, _ = three
    stored = get_annotation(db, pair.id)
    assert stored == pair
    assert stored.is_pair and stored.verdict_label == "Copied without credit"
    assert stored.targets[1].quote.exact == QUOTE_B
    assert stored.created == stored.updated and stored.created.endswith("Z")
    assert find_by_uuid(db, pair.uuid) == pair
    assert find_by_uuid(db, "no-such-uuid") is None


def test_annotation_on_missing_document_is_refused(db, docs):
    bad = Annotation((dataclasses.replace(target(docs, "a", QUOTE_A), document_id=99),))
    with pytest.raises(StorageError, match="no document #99"):
        add_annotation(db, bad)
    assert db["annotations"].count == 0


def test_invalid_annotations_never_reach_the_table(docs):
    one = (target(docs, "a", QUOTE_A),)
    with pytest.raises(AnnotationError, match="verdict needs a pair"):
        Annotation(one, verdict="credited_copy")
    with pytest.raises(AnnotationError, match="unknown colour 'teal'"):
        Annotation(one, colour="teal")
    with pytest.raises(AnnotationError, match="unknown verdict"):
        Annotation(one + one, verdict="stolen")
    with pytest.raises(AnnotationError, match="bad tag"):
        Annotation(one, tags=("a,b",))
    with pytest.raises(AnnotationError, match="one or two targets"):
        Annotation(())


def test_filters_by_document_tag_colour_verdict(db, docs, three):
    pair, on_b, on_c = three
    ids = lambda **kw: [a.id for a in list_annotations(db, **kw)]  # noqa: E731
    assert ids() == [pair.id, on_b.id, on_c.id]
    assert ids(document_id=docs["b"][0]) == [pair.id, on_b.id]  # a pair shows on both sides
    assert ids(document_id=docs["c"][0]) == [on_c.id]
    assert ids(tag="meta") == [pair.id, on_c.id]
    assert ids(tag="me") == []
    assert ids(colour="blue") == [on_b.id]
    assert ids(verdict="uncredited_copy") == [pair.id]
    assert ids(verdict="credited_copy") == []
    assert ids(document_id=docs["b"][0], tag="meta") == [pair.id]
    assert list_tags(db) == ["cnn", "lede", "meta"]


def test_full_text_search_over_notes_quotes_and_tags(db, three):
    pair, on_b, on_c = three
    ids = lambda q, **kw: [a.id for a in list_annotations(db, search=q, **kw)]  # noqa: E731
    assert ids("credit") == [pair.id]                # note
    assert ids("Organisations") == [pair.id]         # side B's quote
    assert ids("parent company") == [on_b.id]        # quote, two words
    assert ids("Khamen") == [on_c.id]                # last word is a prefix: search as you type
    assert ids("lede") == [on_b.id]                  # tag
    assert ids("rewritten credit") == []             # every word must match
    assert ids("meta", colour="pink") == [pair.id]
    assert ids('"') == [pair.id, on_b.id, on_c.id]   # nothing searchable: no filter
    assert ids("NOT OR") == []                       # operators are just words


def test_update_changes_only_what_is_given(db, three):
    _, on_b, _ = three
    changed = update_annotation(db, on_b.id, note="Lede copied", tags=["lede", "copy"])
    assert (changed.note, changed.tags, changed.colour) == ("Lede copied", ("lede", "copy"), "blue")
    assert get_annotation(db, on_b.id) == changed
    assert [a.id for a in list_annotations(db, search="copied")] == [on_b.id]
    assert list_annotations(db, search="rewritten") == []
    assert update_annotation(db, on_b.id, note="Lede copied") == changed  # no change, same time
    with pytest.raises(AnnotationError):
        update_annotation(db, on_b.id, verdict="credited_copy")  # not a pair
    assert get_annotation(db, on_b.id) == changed


def test_verdict_can_be_set_and_cleared_on_a_pair(db, three):
    pair, _, _ = three
    assert update_annotation(db, pair.id, verdict="shared_quotation").verdict == "shared_quotation"
    assert update_annotation(db, pair.id, verdict=None).verdict is None
    assert [a.id for a in list_annotations(db, verdict="shared_quotation")] == []


def test_delete_is_undone_by_restore_and_purge_is_final(db, three):
    pair, on_b, on_c = three
    deleted = delete_annotation(db, on_b.id)
    assert deleted.deleted is not None
    assert [a.id for a in list_annotations(db)] == [pair.id, on_c.id]
    assert [a.id for a in list_annotations(db, include_deleted=True)] == [pair.id, on_b.id, on_c.id]
    assert list_annotations(db, search="rewritten") == []
    assert list_tags(db) == ["cnn", "meta"]
    assert restore_annotation(db, on_b.id) == on_b
    assert get_annotation(db, on_b.id) == on_b
    delete_annotation(db, on_c.id)
    assert purge_deleted(db) == 1
    with pytest.raises(StorageError, match=f"no annotation #{on_c.id}"):
        get_annotation(db, on_c.id)


def test_save_restores_an_earlier_state(db, three):
    pair, _, _ = three
    update_annotation(db, pair.id, note="changed", colour="green")
    save_annotation(db, pair)
    assert get_annotation(db, pair.id) == pair
    with pytest.raises(ValueError, match="needs an annotation with an id"):
        save_annotation(db, dataclasses.replace(pair, id=None))


def test_upsert_by_uuid_adds_updates_or_leaves_alone(db, docs, three):
    pair, _, _ = three
    assert upsert_by_uuid(db, dataclasses.replace(pair, id=None)) == "unchanged"
    assert upsert_by_uuid(db, dataclasses.replace(pair, id=None, note="edited elsewhere")) == "updated"
    assert get_annotation(db, pair.id).note == "edited elsewhere"
    fresh = Annotation((target(docs, "c", "Instagram"),), uuid="11111111-2222-3333-4444-555555555555")
    assert upsert_by_uuid(db, fresh) == "added"
    assert find_by_uuid(db, fresh.uuid).targets == fresh.targets


def test_anchoring_follows_document_edits_and_keeps_orphans(db, docs, three):
    pair, on_b, on_c = three
    assert [x.status for x in anchor_annotation(db, pair)] == [EXACT, EXACT]
    a_id, a_doc = docs["a"]
    replace_text(db, a_id, "Editor's note: updated.\n" + a_doc.text.replace("repeatedly violating", "violating"))
    statuses = [x.status for x in anchor_annotation(db, pair)]
    assert statuses == [FUZZY, EXACT]
    c_id, c_doc = docs["c"]
    replace_text(db, c_id, "Intro. " + c_doc.text)
    assert anchor_annotation(db, on_c)[0].status == MOVED
    replace_text(db, c_id, c_doc.text.replace("Khamenei", "the leader"))
    assert anchor_annotation(db, on_c)[0].status == ORPHAN
    # An orphan is still listed, with its quote.
    assert [a.targets[0].quote.exact for a in list_annotations(db, document_id=c_id)] == ["Khamenei"]


@pytest.mark.parametrize("tags", ["5", '"meta"', "{}", "not json"])
def test_damaged_tags_in_the_table_are_a_storage_error(db, three, tags):
    pair = three[0]
    db.execute("UPDATE annotations SET tags = ? WHERE id = ?", [tags, pair.id])
    with pytest.raises(StorageError, match=f": annotation #{pair.id} is damaged: "):
        get_annotation(db, pair.id)


def test_unusable_database_turns_annotations_off_with_a_message(tmp_path):
    from reader.storage.annotations import open_window_database

    bad = tmp_path / "bad.db"
    bad.write_text("not a database" * 100)
    db, problem = open_window_database(str(bad))
    assert db is None and problem.startswith("Annotations are off") and str(bad) in problem
    db, problem = open_window_database(str(tmp_path / "good.db"))
    assert problem is None and db is not None
    db.close()
