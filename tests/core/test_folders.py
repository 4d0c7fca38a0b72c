"""``reader.core.folders``: a folder's documents, keyed by relative path; unreadable files and
repeated texts skipped with a warning, hidden files never read."""

from reader.core.folders import document_files, load_folder


def test_load_folder_keys_by_relative_path_and_skips_with_a_warning(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    text = "A report on the council budget and what the committee decided about it.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("Another report, about the harbour and its new ferry line.\n",
                                            encoding="utf-8")
    (tmp_path / "sub" / "copy.txt").write_text(text, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / ".hidden" / "c.txt").write_text("Hidden.\n", encoding="utf-8")
    (tmp_path / "notes.xyz").write_text("not a format Reader reads\n", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in document_files(tmp_path)] == [
        "a.txt", "empty.txt", "sub/b.txt", "sub/copy.txt"]
    warnings: list[str] = []
    docs = load_folder(tmp_path, warnings.append)
    assert [d.key for d in docs] == ["a.txt", "sub/b.txt"]
    assert docs[0].document.text.startswith("A report")
    assert len(warnings) == 2 and "empty.txt" in warnings[0]
    assert "copy.txt" in warnings[1] and "same text as a.txt" in warnings[1]
