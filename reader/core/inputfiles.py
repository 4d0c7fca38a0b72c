"""The one place where Reader opens a file it reads: documents, pair lists, JSON, gold files.

Contract
- ``read_input(path, kind, limit) -> bytes``: the bytes of a *regular* file of at most ``limit``
  bytes. Anything else is refused with ``InputError`` (a ``ValueError``) whose message is one line
  naming the file: missing, a folder, not a regular file (a FIFO, a device, a socket: they could
  block forever or never end), not readable, larger than the limit. The file is opened without
  blocking and checked again once open, so a path swapped for a pipe in between cannot hang the
  read, and no more than ``limit + 1`` bytes are ever read (``/dev/zero`` cannot fill memory).
- ``read_text_file(path, kind, limit=LIST_BYTES) -> str``: the same, decoded as UTF-8 (a UTF-8
  byte-order mark is allowed): pair lists, PAN ``pairs`` files.
- ``read_json_file(path, kind, limit=JSON_BYTES)``: the same, parsed as JSON. Too deep a nesting
  (``RecursionError``), numbers too long to convert, and every other parser failure become the
  one-line error.
- ``one_line(message, limit=MAX_MESSAGE_CHARS)``: a message folded onto one line and cut to a
  readable length: every error line Reader prints goes through it, so a 26 MB line quoted from
  a bad file cannot flood the terminal.
- ``excerpt(text, limit=EXCERPT_CHARS)``: a short quotation of input for such messages.
Articles are decoded and parsed by ``reader.core.documents``, which reads them here too.
Must not import Qt.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

#: The largest pair list or PAN ``pairs`` file: a line is some 60 bytes, so this is some 250,000
#: pairs, far beyond any real run, and a file this size still splits into lines in a moment.
LIST_BYTES = 16 * 1024 * 1024
#: The largest JSON file (detections, annotation exports): the detections of all 5,185 PAN 2013
#: training pairs take about 2 MB; an export of 100,000 annotations about 150 MB would be absurd.
JSON_BYTES = 128 * 1024 * 1024
#: Characters of one error line, file name included. The command line promises one line; a
#: terminal is 80-200 wide, and the start of the message names the file and the problem.
MAX_MESSAGE_CHARS = 280
#: Characters of input quoted in an error message ("got 'abc def …'").
EXCERPT_CHARS = 60
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # not on Windows, which has no FIFOs to open by path
_O_BINARY = getattr(os, "O_BINARY", 0)


class InputError(ValueError):
    """A file that cannot be read as the input it should be; one-line message naming it."""


def one_line(message: object, limit: int = MAX_MESSAGE_CHARS) -> str:
    """``message`` as one line of at most ``limit`` characters (ending in "…" when cut)."""
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A short quotation of ``text`` for a message, in ``repr`` quotes, cut with "…"."""
    text = text.strip()
    return repr(text) if len(text) <= limit else repr(text[:limit]) + "…"


def _describe(kind: str) -> str:
    return kind if kind.startswith(("a ", "an ")) else f"a {kind}"


def read_input(path: str | os.PathLike, kind: str = "a file", limit: int = LIST_BYTES) -> bytes:
    """The bytes of the regular file at ``path`` (at most ``limit``), or ``InputError`` saying why not."""
    name = os.fspath(path)
    p = Path(name).expanduser()
    try:
        st = os.stat(p)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(one_line(f"{name}: no such file")) from None
    except PermissionError:
        raise InputError(one_line(f"{name}: permission denied")) from None
    except (OSError, ValueError) as exc:  # a loop of links, a name too long, a NUL in the name
        raise InputError(one_line(f"{name}: cannot read ({_reason(exc)})")) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(one_line(f"{name}: is a folder, not {_describe(kind)}"))
    if not stat.S_ISREG(st.st_mode):
        raise InputError(one_line(f"{name}: is not a regular file"))
    if st.st_size > limit:
        raise InputError(one_line(_too_large(name, st.st_size, limit)))
    try:
        fd = os.open(p, os.O_RDONLY | _O_NONBLOCK | _O_BINARY)
    except PermissionError:
        raise InputError(one_line(f"{name}: permission denied")) from None
    except OSError as exc:
        raise InputError(one_line(f"{name}: cannot read ({_reason(exc)})")) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a pipe or device after the check
            raise InputError(one_line(f"{name}: is not a regular file"))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(one_line(f"{name}: cannot read ({_reason(exc)})")) from None
    finally:
        os.close(fd)
    if len(raw) > limit:  # the file grew between the check and the read
        raise InputError(one_line(_too_large(name, None, limit)))
    return raw


def read_text_file(path: str | os.PathLike, kind: str, limit: int = LIST_BYTES) -> str:
    """The UTF-8 text of the file at ``path``; ``InputError`` (one line naming it) if it is none."""
    raw = read_input(path, kind, limit)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(one_line(f"{os.fspath(path)}: not UTF-8 text, so not {_describe(kind)}")) from None


def read_json_file(path: str | os.PathLike, kind: str, limit: int = JSON_BYTES) -> Any:
    """The JSON value in the UTF-8 file at ``path``; ``InputError`` with one line naming it if not.
    ``kind`` says what the file should have been ("a detections file")."""
    text = read_text_file(path, kind, limit)
    return parse_json(text, os.fspath(path))


def parse_json(text: str, name: str) -> Any:
    """``json.loads(text)``, every failure an ``InputError`` naming ``name``."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(one_line(f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")) \
            from None
    except RecursionError:
        raise InputError(one_line(f"{name}: JSON nested too deeply to read")) from None
    except (ValueError, OverflowError, MemoryError) as exc:  # a number of more than 4,300 digits
        raise InputError(one_line(f"{name}: not readable JSON ({_reason(exc)})")) from None


def _too_large(name: str, size: int | None, limit: int) -> str:
    have = f"{size / 2**20:.1f} MB; " if size is not None else ""
    return f"{name}: file is too large ({have}the limit is {limit / 2**20:g} MB)"


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
