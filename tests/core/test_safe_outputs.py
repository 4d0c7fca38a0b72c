"""What Reader writes and keeps: atomic files, safe CSV and Markdown, private databases, a time
budget for alignment, and re-anchoring that leaves a short quote orphan rather than misplaced."""

import os
import stat

import pytest

from reader.core import atomic
from reader.core.align import TooSlow, align
from reader.core.anchoring import FUZZY, ORPHAN, anchor, make_selectors
from reader.core.annotation_reports import to_csv, to_markdown
from reader.core.annotations import Annotation, Target
from reader.core.atomic import AtomicWriteError, write_atomic
from reader.core.config import AlignConfig
from reader.core.csv_cells import safe_cell
from reader.core.inputfiles import MAX_MESSAGE_CHARS, one_line
from reader.core.webannotation import DocumentRef
from reader.storage.database import open_database


def test_atomic_write_replaces_whole_and_keeps_the_mode(tmp_path):
    out = tmp_path / "export.csv"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    write_atomic(out, "new ✓")
    assert out.read_text(encoding="utf-8") == "new ✓"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]


def test_a_full_disk_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    out = tmp_path / "backup.jsonld"
    out.write_text("valid backup", encoding="utf-8")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(AtomicWriteError, match="No space left on device"):
        write_atomic(out, "x" * 100_000)
    assert out.read_text(encoding="utf-8") == "valid backup"
    assert [p.name for p in tmp_path.iterdir()] == ["backup.jsonld"]


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_cells_that_a_spreadsheet_would_run_become_text(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell(-2) == -2 and safe_cell("plain") == "plain"


def _annotation(note, quote="the plan would cut"):
    selectors = make_selectors("Yes, the plan would cut costs.", 5, 5 + len(quote))
    return Annotation((Target(1, *selectors, "h"),), note=note, id=1, uuid="u", created="2026-01-01T00:00:00Z",
                      updated="2026-01-01T00:00:00Z")


def test_exports_escape_formulas_and_markup():
    refs = {1: DocumentRef("=cmd|' /C calc'!A0 <img src=x>", "h")}
    note = "=HYPERLINK(\"http://evil\",\"click\")\n# not a heading <img src=file:///etc/passwd> [x](javascript:y)"
    csv_text = to_csv([_annotation(note)], refs)
    assert "'=cmd|" in csv_text and "'=HYPERLINK" in csv_text
    markdown = to_markdown([_annotation(note)], refs)
    assert "<img" not in markdown and "&lt;img" in markdown
    assert "\n# not" not in markdown and "\\# not a heading" in markdown
    assert "](javascript" not in markdown


def test_error_lines_are_cut_to_one_line():
    message = one_line("x.txt: got " + "b" * 10_000_000 + "\nsecond line")
    assert "\n" not in message and len(message) <= MAX_MESSAGE_CHARS and message.endswith("…")


def test_a_new_database_is_private(tmp_path):
    path = tmp_path / "data" / "reader" / "reader.db"
    open_database(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for sidecar in path.parent.glob("reader.db-*"):
        assert stat.S_IMODE(sidecar.stat().st_mode) & 0o077 == 0


def test_alignment_past_its_time_budget_raises_too_slow(seeds):
    text = seeds(2).read_text(encoding="utf-8")
    with pytest.raises(TooSlow, match="would take more than"):
        align(text, text, AlignConfig(max_seconds=1e-9))
    assert align(text, text, AlignConfig(max_seconds=60)).matches  # an ample budget changes nothing


ORIGINAL = ("Officials said the agency would begin to share data with partners next month. Critics asked "
            "why the rules were changed without a vote, and the agency did not reply.")


def test_a_short_edited_quote_with_changed_context_is_an_orphan():
    start = ORIGINAL.index("to share")
    quote, position = make_selectors(ORIGINAL, start, start + len("to share"))
    # The quote lost a letter and everything around it was rewritten: "to shar" elsewhere is chance.
    edited = ("A different report about the weather on Sunday was published. It was hard to shar a "
              "single view about it, and nobody replied at all to the letters sent last week.")
    assert anchor(edited, [quote, position], "old-hash").status == ORPHAN


def test_a_short_edited_quote_in_its_old_context_is_fuzzy():
    start = ORIGINAL.index("to share")
    quote, position = make_selectors(ORIGINAL, start, start + len("to share"))
    edited = ORIGINAL.replace("to share", "to shore")
    found = anchor(edited, [quote, position], "old-hash")
    assert found.status == FUZZY and edited[found.start:found.end].startswith("to sh")


def test_write_atomic_refuses_a_folder(tmp_path):
    with pytest.raises(AtomicWriteError, match="folder"):
        write_atomic(tmp_path, "x")
    assert os.listdir(tmp_path) == []
