"""``reader annotations list|export|import`` and the global ``--db`` option."""

import json

import pytest

from reader.cli import main
from reader.core.annotations import Annotation, Target
from reader.core.documents import load_document
from reader.storage.annotations import add_annotation
from reader.storage.database import ENV_VAR, open_database
from reader.storage.documents import add_document, replace_text

QUOTE = "“We have removed these accounts for repeatedly violating our Dangerous Organizations"


@pytest.fixture
def db_path(tmp_path, seeds):
    """A database with a pair annotation (002 ↔ 003) and a note on 000."""
    path = tmp_path / "cli.db"
    db = open_database(path)
    a, b, c = (load_document(seeds(n)) for n in (2, 3, 0))
    ids = [add_document(db, d) for d in (a, b, c)]

    def on(i, doc, quote):
        start = doc.text.index(quote)
        return Target.on_text(ids[i], doc.text, start, start + len(quote), doc.content_hash)

    add_annotation(db, Annotation((on(0, a, QUOTE), on(1, b, "Dangerous Organisations")), note="No credit given",
                                  tags=("meta", "quote"), colour="pink", verdict="uncredited_copy"))
    add_annotation(db, Annotation((on(2, c, "Khamenei"),), note="Independent report", tags=("context",)))
    db.close()
    return path


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_list_prints_one_line_per_annotation(db_path, capsys):
    status, out, err = run(capsys, "--db", str(db_path), "annotations", "list")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("#1  Meta removes Facebook and Ins… ↔ Meta, the parent company of F…  "
                               "[Copied without credit]  pink  tags: meta, quote  ““We have removed")
    assert lines[0].endswith("— No credit given")
    assert lines[1].startswith("#2  ") and "tags: context  “Khamenei”  — Independent report" in lines[1]


def test_list_filters(db_path, capsys, seeds):
    def ids(*extra):
        status, out, _ = run(capsys, "annotations", "list", "--db", str(db_path), *extra)
        assert status == 0
        return [line.split()[0] for line in out.splitlines()]

    assert ids("--tag", "meta") == ["#1"]
    assert ids("--verdict", "uncredited_copy") == ["#1"]
    assert ids("--verdict", "credited_copy") == []
    assert ids("--search", "independ") == ["#2"]
    assert ids("--colour", "yellow") == ["#2"]
    assert ids("--doc", "2") == ["#1"]
    assert ids("--doc", str(seeds(0))) == ["#2"]


def test_an_empty_list_says_so_on_stderr(db_path, capsys, tmp_path):
    status, out, err = run(capsys, "annotations", "list", "--db", str(db_path), "--tag", "nothing-like-this")
    assert (status, out) == (0, "") and err == f"no annotations match these filters in {db_path}\n"
    empty = tmp_path / "empty.db"
    status, out, err = run(capsys, "annotations", "list", "--db", str(empty))
    assert (status, out) == (0, "") and err == f"no annotations in {empty}\n"

def test_db_comes_from_the_environment(db_path, capsys, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(db_path))
    status, out, _ = run(capsys, "annotations", "list", "--tag", "context")
    assert status == 0 and out.startswith("#2  ")


def test_orphans_are_listed_and_marked(db_path, capsys, seeds):
    db = open_database(db_path)
    replace_text(db, 3, load_document(seeds(0)).text.replace("Khamenei", "the leader"))
    db.close()
    status, out, _ = run(capsys, "--db", str(db_path), "annotations", "list", "--tag", "context")
    assert status == 0 and "  ORPHAN  “Khamenei”" in out


def test_export_import_round_trip_through_files(db_path, capsys, tmp_path, seeds):
    out_file = tmp_path / "notes.jsonld"
    status, _, err = run(capsys, "--db", str(db_path), "annotations", "export", "--out", str(out_file))
    assert status == 0 and err == f"wrote 2 annotation(s) to {out_file}\n"
    exported = out_file.read_text(encoding="utf-8")
    assert json.loads(exported)["total"] == 2

    fresh = tmp_path / "fresh.db"
    status, out, _ = run(capsys, "--db", str(fresh), "annotations", "import", str(out_file))
    assert status == 0
    assert out == f"imported 2 annotation(s) from {out_file}: 2 new, 0 updated, 0 unchanged; 3 document(s) added\n"
    status, out, _ = run(capsys, "--db", str(fresh), "annotations", "export")
    assert status == 0 and out == exported


@pytest.mark.parametrize("fmt,start", [("csv", "id,uuid,document,"), ("md", "# Annotations\n")])
def test_export_csv_and_markdown_to_stdout(db_path, capsys, fmt, start):
    status, out, _ = run(capsys, "--db", str(db_path), "annotations", "export", "--format", fmt)
    assert status == 0 and out.startswith(start) and "No credit given" in out


def test_export_with_filter(db_path, capsys):
    status, out, _ = run(capsys, "--db", str(db_path), "annotations", "export", "--tag", "context")
    assert status == 0 and json.loads(out)["total"] == 1


@pytest.mark.parametrize("content,message", [
    (None, "no-such.json: no such file"),
    ("{ not json", "not valid JSON (line 1, column 3"),
    ('{"type": "Thing"}', "not Web Annotation data"),
])
def test_import_bad_file_exits_2_with_one_line(db_path, capsys, tmp_path, content, message):
    path = tmp_path / "no-such.json"
    if content is not None:
        path.write_text(content)
    status, out, err = run(capsys, "--db", str(db_path), "annotations", "import", str(path))
    assert status == 2 and out == ""
    assert err.startswith("reader: error: ") and message in err and err.count("\n") == 1
    assert str(path) in err


def test_bad_database_file_exits_2(capsys, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00not sqlite at all" * 100)
    status, _, err = run(capsys, "--db", str(bad), "annotations", "list")
    assert status == 2 and err == f"reader: error: {bad}: not a Reader database, or damaged (file is not a database)\n"


def test_unknown_document_and_bad_choice_exit_2(db_path, capsys, tmp_path):
    status, _, err = run(capsys, "--db", str(db_path), "annotations", "list", "--doc", "9")
    assert status == 2 and err == f"reader: error: {db_path}: no document #9\n"
    stray = tmp_path / "stray.txt"
    stray.write_text("Some text that was never imported into the database.")
    status, _, err = run(capsys, "--db", str(db_path), "annotations", "list", "--doc", str(stray))
    assert status == 2 and f"{stray}: not a document in the database" in err
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db_path), "annotations", "list", "--verdict", "stolen"])
    assert info.value.code == 2


def test_export_to_unwritable_place_exits_2(db_path, capsys, tmp_path):
    status, _, err = run(capsys, "--db", str(db_path), "annotations", "export", "--out", str(tmp_path))
    assert status == 2 and err.startswith(f"reader: error: {tmp_path}: cannot write")


@pytest.mark.parametrize("argv", [["--db", "x.db", "a.txt", "b.txt"], ["--db=x.db", "a.txt", "b.txt"],
                                  ["gui", "--db", "x.db", "a.txt", "b.txt"]])
def test_global_db_option_reaches_the_window(monkeypatch, argv):
    import reader.commands.gui as gui

    seen = {}
    monkeypatch.setattr(gui, "run", lambda args: seen.update(db=args.db, files=args.files) or 0)
    assert main(argv) == 0
    assert seen == {"db": "x.db", "files": ["a.txt", "b.txt"]}
