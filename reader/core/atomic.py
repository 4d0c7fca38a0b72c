"""Writing a file so that it is either the old one or the whole new one, never half of either.

``write_atomic(path, data)`` writes ``data`` (text as UTF-8, or bytes) to a temporary file beside
``path``, flushes it to the disk (``fsync``), renames it over ``path`` and syncs the folder, so a
full disk, a crash or Ctrl+C in the middle leaves the file as it was, and the temporary file is
removed. A failure raises ``AtomicWriteError`` (an ``OSError``) whose message is one line naming
``path``. A new file gets the usual permissions (0666 less the umask; private where the umask
cannot be read safely); a replaced file keeps its own. Every file Reader writes (exports, scan
results, detections, screenshots) goes through here. Must not import Qt.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class AtomicWriteError(OSError):
    """A file could not be written; the message is one line naming it."""


def write_atomic(path: str | os.PathLike, data: str | bytes) -> None:
    """Replace ``path`` with ``data`` atomically (see the module docstring)."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise AtomicWriteError(f"{path}: cannot write (it is a folder, not a file)")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise AtomicWriteError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as exc:
        # A half-written temporary file (disk full, interrupted) must not stay behind.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise AtomicWriteError(f"{path}: cannot write ({exc.strerror or exc})") from None
        raise
    _sync_folder(folder)


def _mode_for(target: Path) -> int:
    """The permissions the written file should have: the replaced file's, else the default."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        pass
    # os.umask() can only be read by setting it, for the whole process: a thread creating a
    # file meanwhile would get no umask. Linux tells it in /proc; elsewhere the file stays
    # private (0600, as the temporary file was made).
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o600


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system can open a folder (Windows cannot)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
