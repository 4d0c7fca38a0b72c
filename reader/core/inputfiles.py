"""Reading the small text inputs of the command line (pair lists, detections, gold files).

``read_text_file(path, kind)`` returns the UTF-8 text of the file or raises ``ValueError`` whose
message is one line naming the file and the problem; ``kind`` says what the file should have been
("a pairs file"). Articles are read by ``reader.core.documents``, not here. Must not import Qt.
"""

from __future__ import annotations

from pathlib import Path


def read_text_file(path: str | Path, kind: str) -> str:
    try:
        return Path(path).expanduser().read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ValueError(f"{path}: is a folder, not {kind}") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not UTF-8 text, so not {kind}") from None
    except OSError as exc:
        raise ValueError(f"{path}: cannot read ({exc.strerror or exc})") from None
