"""Hostile files (tests/hostile_corpus.py) and fuzzed inputs: only the documented errors come out.

Every loader and reader is called in-process on the corpus, then Hypothesis feeds them random
bytes, mutated .docx/.pdf packages and random JSON (bounded examples, so the suite stays fast).
"""

import io
import json
import os
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.batchrun import BatchError, read_pair_list
from reader.core.documents import Document, DocumentError, load_document
from reader.core.evaluate import parse_detections
from reader.core.inputfiles import MAX_MESSAGE_CHARS, InputError, read_json_file, read_text_file
from reader.core.pan import PanError, read_pairs_file
from reader.core.webannotation import WebAnnotationError, from_jsonld
from reader.storage.database import StorageError, open_database
from tests.hostile_corpus import (
    DATABASE,
    DOCUMENT,
    JSON,
    PAIRS,
    SENTENCE,
    _body,
    _docx,
    _pdf_page,
    _text_stream,
    make_corpus,
)

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("hostile"))


def _one_line(message: str) -> None:
    assert "\n" not in message and len(message) <= MAX_MESSAGE_CHARS, message[:400]


def test_the_corpus_holds_over_fifty_kinds(corpus):
    assert len(corpus) >= 50
    assert {c.kind for c in corpus} == {DOCUMENT, PAIRS, JSON, DATABASE}


def test_every_hostile_document_loads_or_is_refused_in_one_line(corpus):
    for case in (c for c in corpus if c.kind == DOCUMENT):
        if "html" in case.name and case.readable is None:
            continue  # the HTML extractor is replaced on another branch; the command runs cover it
        try:
            document = load_document(case.path)
        except DocumentError as error:
            assert case.readable is not True, f"{case.name}: {error}"
            _one_line(str(error))
            assert str(error).startswith(str(case.path)[:40])
        else:
            assert case.readable is not False, case.name
            assert isinstance(document, Document) and document.text.strip()
            assert document.title.isprintable() and len(document.title) <= 200, case.name


def test_pairs_files_are_read_or_refused_in_one_line(corpus):
    for case in (c for c in corpus if c.kind == PAIRS):
        for read, error_type in ((read_pair_list, BatchError), (read_pairs_file, PanError)):
            try:
                read(case.path)
            except error_type as error:
                _one_line(str(error))


def test_json_files_give_only_the_documented_errors(corpus):
    for case in (c for c in corpus if c.kind == JSON):
        try:
            data = read_json_file(case.path, "a JSON file")
        except InputError as error:
            _one_line(str(error))
            continue
        with pytest.raises(ValueError) if not isinstance(data, (dict, list)) else _maybe(ValueError):
            parse_detections(data, str(case.path))
        with _maybe(WebAnnotationError):
            from_jsonld(data)


def test_database_paths_open_or_fail_with_a_storage_error(corpus):
    for case in (c for c in corpus if c.kind == DATABASE):
        try:
            db = open_database(case.path)
        except StorageError as error:
            _one_line(str(error))
        else:
            assert os.geteuid() == 0 or "locked" not in str(case.path)
            db.close()


def test_a_fifo_or_device_never_blocks(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "pairs.txt"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/zero"):
        with pytest.raises(InputError, match="is not a regular file"):
            read_text_file(path, "a pairs file")
        with pytest.raises(DocumentError, match="is not a regular file"):
            load_document(path if path != "/dev/zero" else _linked(tmp_path, path))


def _linked(folder, target):
    link = folder / "zero.txt"
    link.symlink_to(target)
    return link


class _maybe:
    """A context that lets ``error_type`` (and nothing else) through, or no error at all."""

    def __init__(self, error_type):
        self.error_type = error_type

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        if kind is None:
            return False
        if issubclass(kind, self.error_type):
            _one_line(str(value)[:MAX_MESSAGE_CHARS])
            return True
        return False


# -- fuzzing ---------------------------------------------------------------------------------------

_VALID_DOCX = _docx(_body([SENTENCE] * 5))
_VALID_PDF = _pdf_page(_text_stream(SENTENCE))


def _mutated(data: bytes, edits) -> bytes:
    out = bytearray(data)
    for position, value in edits:
        out[position % len(out)] = value
    return bytes(out)


edits = st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), max_size=12)


@FUZZ
@given(raw=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".html", ".docx", ".pdf"]))
def test_fuzz_random_bytes_load_or_fail_cleanly(tmp_path, raw, suffix):
    path = tmp_path / f"x{suffix}"
    path.write_bytes(raw)
    try:
        load_document(path)
    except DocumentError as error:
        _one_line(str(error))


@FUZZ
@given(changes=edits, fmt=st.sampled_from(["docx", "pdf"]))
def test_fuzz_damaged_office_files_load_or_fail_cleanly(tmp_path, changes, fmt):
    path = tmp_path / f"x.{fmt}"
    path.write_bytes(_mutated(_VALID_DOCX if fmt == "docx" else _VALID_PDF, changes))
    try:
        load_document(path)
    except DocumentError as error:
        _one_line(str(error))


@FUZZ
@given(entries=st.dictionaries(st.sampled_from(["word/document.xml", "docProps/core.xml", "_rels/.rels",
                                                "[Content_Types].xml", "word/_rels/document.xml.rels"]),
                               st.binary(max_size=300), max_size=5))
def test_fuzz_docx_parts_replaced_load_or_fail_cleanly(tmp_path, entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_VALID_DOCX)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, entries.get(info.filename, source.read(info.filename)))
    path = tmp_path / "x.docx"
    path.write_bytes(buffer.getvalue())
    try:
        load_document(path)
    except DocumentError as error:
        _one_line(str(error))


@FUZZ
@given(text=st.text(max_size=500))
def test_fuzz_pair_lists(tmp_path, text):
    path = tmp_path / "pairs"
    path.write_text(text, encoding="utf-8")
    for read, error_type in ((read_pair_list, BatchError), (read_pairs_file, PanError)):
        try:
            read(path)
        except error_type as error:
            _one_line(str(error))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["type", "id", "items", "first", "next", "target", "selector", "body", "start", "end",
                         "exact", "prefix", "suffix", "pairs", "a", "b", "matches", "source", "reader:document",
                         "reader:colour", "reader:verdict", "purpose", "value", "creator"]) | st.text(max_size=5),
        inner, max_size=5),
    max_leaves=30)
annotation_like = st.fixed_dictionaries({
    "type": st.just("Annotation"), "id": st.sampled_from(["urn:uuid:1", "x", 5]),
    "target": st.lists(st.fixed_dictionaries({"source": json_values, "selector": st.lists(st.fixed_dictionaries({
        "type": st.sampled_from(["TextQuoteSelector", "TextPositionSelector"]), "exact": json_values,
        "start": st.integers() | json_values, "end": st.integers(max_value=10**40) | json_values}), max_size=2)}),
        max_size=2),
    "body": json_values})


@FUZZ
@given(data=json_values | st.lists(annotation_like, max_size=3))
def test_fuzz_json_readers_raise_only_their_errors(tmp_path, data):
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    value = read_json_file(path, "a JSON file")
    with _maybe(ValueError):
        parse_detections(value, "x.json")
    with _maybe(WebAnnotationError):
        from_jsonld(value)


@FUZZ
@given(data=st.lists(annotation_like, min_size=1, max_size=3))
def test_fuzz_annotation_import_is_all_or_nothing(data):
    from reader.core.annotations import AnnotationError
    from reader.storage.annotation_io import import_annotations
    from reader.storage.annotations import list_annotations

    db = open_database(":memory:")
    try:
        with _maybe((WebAnnotationError, AnnotationError, StorageError)):
            import_annotations(db, data)
        assert list_annotations(db) == [] or all(a.id for a in list_annotations(db))
    finally:
        db.close()
