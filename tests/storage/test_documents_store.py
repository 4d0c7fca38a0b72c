"""The documents table: deduplicated adds, lookups, listing, full-text search, edits."""

import pytest

from reader.core.anchoring import content_hash
from reader.core.documents import document_from_text
from reader.storage.database import StorageError
from reader.storage.documents import (
    add_document,
    find_document,
    get_document,
    import_document,
    list_documents,
    remove_document,
    replace_text,
    search_documents,
    update_metadata,
)


def test_add_returns_existing_id_for_the_same_text(db, seed_doc):
    first = add_document(db, seed_doc(2))
    second = add_document(db, seed_doc(3))
    again = add_document(db, document_from_text(seed_doc(2).text, title="Pasted copy"))
    assert (first, second, again) == (1, 2, 1)
    assert db["documents"].count == 2


def test_stored_document_keeps_every_field(db, seed_doc, seeds):
    doc = seed_doc(2)
    stored = get_document(db, add_document(db, doc))
    assert stored.title == "Meta removes Facebook and Instagram accounts of Iran’s Supreme Leader"
    assert stored.path == str(seeds(2))
    assert stored.source == doc.source == seeds(2).name
    assert (stored.format, stored.encoding, stored.url, stored.published) == ("txt", "utf-8", None, None)
    assert stored.text == doc.text
    assert stored.content_hash == doc.content_hash == content_hash(doc.text)
    assert stored.imported_at.endswith("Z")
    assert get_document(db, stored.id, with_text=False).text is None


def test_missing_document_is_a_storage_error(db):
    with pytest.raises(StorageError, match=r"no document #42"):
        get_document(db, 42)


def test_find_by_hash_then_path_then_url(db, seed_doc, seeds):
    doc_id = add_document(db, seed_doc(2))
    update_metadata(db, doc_id, url="https://example.com/meta")
    assert find_document(db, content_hash=seed_doc(2).content_hash) == doc_id
    assert find_document(db, path=seeds(2)) == doc_id
    assert find_document(db, url="https://example.com/meta") == doc_id
    assert find_document(db, content_hash="nope", path="/nowhere", url="https://nowhere") is None


def test_list_is_in_import_order_without_text(db, seed_doc):
    for n in (4, 0, 2):
        add_document(db, seed_doc(n))
    listed = list_documents(db)
    assert [d.source for d in listed] == [seed_doc(n).source for n in (4, 0, 2)]
    assert all(d.text is None for d in listed)
    assert list_documents(db, with_text=True)[1].text == seed_doc(0).text


def test_search_matches_title_and_text_words(db, seed_doc):
    ids = {n: add_document(db, seed_doc(n)) for n in range(5)}
    assert sorted(d.id for d in search_documents(db, "Khamenei Instagram")) == [1, 2, 3, 4, 5]
    assert sorted(d.id for d in search_documents(db, "Alimardani")) == [ids[2], ids[3], ids[4]]
    assert sorted(d.id for d in search_documents(db, "alimard")) == [ids[2], ids[3], ids[4]]  # as typed
    assert search_documents(db, "zzzyx") == []
    assert search_documents(db, " ,;") == []
    assert search_documents(db, 'Alimardani OR zzzyx') == []  # OR is a word here, not an operator
    assert search_documents(db, 'Alimardani "(') != []  # stray syntax is never an error


def test_update_metadata_validates_and_keeps_text(db, seed_doc):
    doc_id = add_document(db, seed_doc(3))
    updated = update_metadata(db, doc_id, title="  Rewrite  ", source="Outlet X", published="2024-02-23")
    assert (updated.title, updated.source, updated.published) == ("Rewrite", "Outlet X", "2024-02-23")
    assert get_document(db, doc_id).text == seed_doc(3).text
    assert [d.id for d in search_documents(db, "Rewrite")] == [doc_id]
    with pytest.raises(ValueError, match="not an ISO date"):
        update_metadata(db, doc_id, published="23/02/2024")
    with pytest.raises(ValueError, match="cannot change text"):
        update_metadata(db, doc_id, text="new")


def test_replace_text_changes_hash_and_refuses_a_duplicate(db, seed_doc):
    a = add_document(db, seed_doc(2))
    b = add_document(db, seed_doc(3))
    new_hash = replace_text(db, a, seed_doc(2).text + "\nCorrection appended.")
    assert get_document(db, a).content_hash == new_hash == content_hash(seed_doc(2).text + "\nCorrection appended.")
    with pytest.raises(StorageError, match=f"document #{b} already has exactly this text"):
        replace_text(db, a, seed_doc(3).text)
    assert get_document(db, a).content_hash == new_hash


def test_remove_document_refuses_while_annotations_point_at_it(db, seed_doc):
    from reader.core.annotations import Annotation, Target
    from reader.storage.annotations import add_annotation, delete_annotation

    doc = seed_doc(2)
    doc_id = add_document(db, doc)
    note = add_annotation(db, Annotation((Target.on_text(doc_id, doc.text, 0, 10, doc.content_hash),)))
    with pytest.raises(StorageError, match=f"document #{doc_id} has 1 annotation"):
        remove_document(db, doc_id)
    delete_annotation(db, note.id)
    remove_document(db, doc_id)
    assert list_documents(db) == [] and db["annotations"].count == 0


def test_import_document_recognises_the_same_text_and_a_new_version(db, seed_doc, tmp_path):
    from reader.core.documents import load_document

    path = tmp_path / "story.txt"
    path.write_text(seed_doc(2).text, encoding="utf-8")
    first_id, status = import_document(db, load_document(path))
    assert status == "added"
    assert import_document(db, load_document(path)) == (first_id, "same")
    path.write_text(seed_doc(2).text + "\nUpdated at 5pm.", encoding="utf-8")
    assert import_document(db, load_document(path)) == (first_id, "updated")
    assert get_document(db, first_id).text.endswith("Updated at 5pm.")
    assert import_document(db, seed_doc(3))[1] == "added"
    assert len(list_documents(db)) == 2


def test_an_edited_copy_of_a_stored_file_is_a_new_version_not_a_new_document(db, seed_doc, seeds, tmp_path):
    from reader.core.annotations import Annotation, Target
    from reader.core.documents import load_document
    from reader.storage.annotations import add_annotation, list_annotations

    seed = seed_doc(2)
    doc_id, status = import_document(db, seed)
    assert status == "added"
    add_annotation(db, Annotation((Target.on_text(doc_id, seed.text, 0, 10, seed.content_hash),)))
    copy = tmp_path / "my copy.txt"
    copy.write_text(seed.text, encoding="utf-8")
    # The same text under another path: the same document, now read from the copy.
    assert import_document(db, load_document(copy)) == (doc_id, "same")
    assert get_document(db, doc_id).path == str(copy.resolve())
    copy.write_text(seed.text + "\nCorrection: the ban was announced on Thursday.", encoding="utf-8")
    assert import_document(db, load_document(copy)) == (doc_id, "updated")
    assert get_document(db, doc_id).text.endswith("announced on Thursday.")
    assert [d.id for d in list_documents(db)] == [doc_id]
    assert [a.targets[0].document_id for a in list_annotations(db)] == [doc_id]
    # The untouched original is a text of its own again.
    assert import_document(db, load_document(seeds(2)))[1] == "added"
    assert len(list_documents(db)) == 2


def test_pasted_text_of_a_stored_file_keeps_the_files_path(db, seed_doc, seeds):
    doc_id, _ = import_document(db, seed_doc(2))
    assert import_document(db, document_from_text(seed_doc(2).text)) == (doc_id, "same")
    assert get_document(db, doc_id).path == str(seeds(2))


def test_a_path_names_the_document_whose_text_the_file_held_last(db, seed_doc, tmp_path):
    from reader.core.documents import load_document

    path = tmp_path / "story.txt"
    path.write_text("An early draft of the story, soon replaced by another text.", encoding="utf-8")
    draft_id, _ = import_document(db, load_document(path))
    report_id, _ = import_document(db, seed_doc(3))
    path.write_text(seed_doc(3).text, encoding="utf-8")  # the file now holds a stored text
    assert import_document(db, load_document(path)) == (report_id, "same")
    assert get_document(db, report_id).path == str(path.resolve())
    assert get_document(db, draft_id).path is None
    path.write_text(seed_doc(3).text + "\nUpdated.", encoding="utf-8")
    assert import_document(db, load_document(path)) == (report_id, "updated")
    assert get_document(db, draft_id).text.startswith("An early draft")


def test_a_path_set_by_hand_belongs_to_that_document_alone(db, seed_doc):
    first, second = add_document(db, seed_doc(2)), add_document(db, seed_doc(3))
    shared = get_document(db, first).path
    update_metadata(db, second, path=shared)
    assert get_document(db, second).path == shared
    assert get_document(db, first).path is None
    assert find_document(db, path=shared) == second


def test_document_from_stored_gives_back_the_document(db, seed_doc):
    from reader.storage.documents import document_from_stored

    document = seed_doc(1)
    doc_id = add_document(db, document)
    back = document_from_stored(get_document(db, doc_id))
    assert (back.text, back.title, back.content_hash, back.format) == (
        document.text, document.title, document.content_hash, document.format)
