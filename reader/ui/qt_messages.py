"""Qt's own log messages: platform chatter is kept from the user's terminal, the rest goes to stderr.

Qt's platform plugins print notes meant for Qt developers ("This plugin does not support
propagateSizeHints()" on every screenshot under the offscreen plugin, font-database notes
under a bare X server). A user reads them as errors. ``install_message_filter()`` installs one
``qInstallMessageHandler`` that drops debug and info messages and the warnings listed in
``CHATTER``, and prints every other message (``qt: …`` on stderr), critical and fatal ones
always, so a real problem still shows. Must not import reader.storage.
"""

from __future__ import annotations

import atexit
import sys

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

#: Fragments of Qt messages that say nothing to a user of Reader: each one was seen on a
#: normal run (offscreen screenshots, Xvfb, a desktop without the accessibility bus).
CHATTER = (
    "This plugin does not support",      # offscreen: propagateSizeHints(), raise(), grabbing…
    "QFont::setPointSizeF: Point size <= 0",
    "Qt does not support the XDG desktop portal",
    "QStandardPaths: XDG_RUNTIME_DIR not set",
    "QStandardPaths: runtime directory",
)

_installed = False


def is_chatter(message: str) -> bool:
    return any(fragment in message for fragment in CHATTER)


def _handle(kind: QtMsgType, _context, message: str) -> None:
    if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
        return
    if kind not in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg) and is_chatter(message):
        return
    print(f"qt: {message}", file=sys.stderr)


def install_message_filter() -> None:
    """Install the filter once per process (a second call changes nothing)."""
    global _installed
    if not _installed:
        qInstallMessageHandler(_handle)
        # Qt's own handler again before the interpreter shuts down: a worker thread still running
        # then (an alignment) must not call into a Python that is going away.
        atexit.register(qInstallMessageHandler, None)
        _installed = True
