"""Writing the detections file: atomic, and nothing left behind when writing fails."""

import json

import pytest

from reader.core import atomic
from reader.core.batchrun import BatchError, write_detections


def test_detections_are_written_whole(tmp_path):
    out = tmp_path / "detections.json"
    write_detections(out, [{"a": "x", "b": "y", "matches": []}])
    assert json.loads(out.read_text(encoding="utf-8"))["pairs"] == [{"a": "x", "b": "y", "matches": []}]
    assert [p.name for p in tmp_path.iterdir()] == ["detections.json"]


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_write_leaves_no_temporary_file_and_keeps_the_old_one(tmp_path, monkeypatch, error):
    out = tmp_path / "detections.json"
    out.write_text('{"old": true}', encoding="utf-8")

    def failing_sync(fd):  # the data is written to the temporary file, then the disk fails
        raise error

    monkeypatch.setattr(atomic.os, "fsync", failing_sync)
    with pytest.raises(BatchError if isinstance(error, OSError) else KeyboardInterrupt) as caught:
        write_detections(out, [{"a": "x", "b": "y", "matches": []}])
    if isinstance(error, OSError):
        assert str(caught.value) == f"{out}: cannot write (No space left on device)"
    assert [p.name for p in tmp_path.iterdir()] == ["detections.json"]
    assert out.read_text(encoding="utf-8") == '{"old": true}'
