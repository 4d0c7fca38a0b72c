"""A killed process loses nothing it saved; two processes writing at once corrupt nothing."""

import os
import pathlib
import signal
import subprocess
import sys
import textwrap
import time

from reader.storage.annotations import list_annotations
from reader.storage.database import integrity_ok, open_database

ROOT = pathlib.Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent("""
    import os, sys, time
    from reader.core.annotations import Annotation, Target
    from reader.core.documents import document_from_text
    from reader.storage.annotations import add_annotation
    from reader.storage.database import open_database
    from reader.storage.documents import add_document

    path, name, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    db = open_database(path)
    doc = document_from_text("The same shared article text, long enough to annotate twice.", title="Shared")
    doc_id = add_document(db, doc)
    while go != "-" and not os.path.exists(go):
        time.sleep(0.01)
    for i in range(count):
        saved = add_annotation(db, Annotation((Target.on_text(doc_id, doc.text, 4, 15, doc.content_hash),),
                                              note=f"{name} {i}", tags=(name,)))
        print(saved.id, flush=True)
    time.sleep(60 if name == "crash" else 0)
""")


def _spawn(path, name, count, go="-"):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(count), go],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)


def test_killed_process_keeps_every_saved_annotation(tmp_path):
    path = tmp_path / "crash.db"
    child = _spawn(path, "crash", 100_000)
    saved = []
    try:
        while len(saved) < 25:
            line = child.stdout.readline()
            assert line, child.stderr.read()
            saved.append(int(line))
        child.send_signal(signal.SIGKILL)  # mid-stream: it keeps writing until the signal lands
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert (tmp_path / "crash.db-wal").exists()  # nothing checkpointed: recovery reads the WAL
    db = open_database(path)
    try:
        assert integrity_ok(db)
        stored = {a.id: a.note for a in list_annotations(db, tag="crash")}
        assert all(stored[i] == f"crash {n}" for n, i in enumerate(saved))
        assert len(stored) >= len(saved)
    finally:
        db.close()


def test_two_writers_at_once_lose_nothing(tmp_path):
    path = tmp_path / "shared.db"
    open_database(path).close()  # the schema exists before both start
    go = tmp_path / "go"
    writers = [_spawn(path, name, 40, str(go)) for name in ("left", "right")]
    time.sleep(0.5)
    go.touch()
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert len(out.split()) == 40
    db = open_database(path)
    try:
        assert integrity_ok(db)
        assert db["documents"].count == 1  # the same text is one document, not two
        for name in ("left", "right"):
            assert sorted(a.note for a in list_annotations(db, tag=name)) == sorted(f"{name} {i}" for i in range(40))
        assert db.execute("SELECT count(DISTINCT uuid) FROM annotations").fetchone()[0] == 80
    finally:
        db.close()
