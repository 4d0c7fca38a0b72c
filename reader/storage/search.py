"""Turn what a person types into a safe SQLite FTS5 query. Must not import Qt.

Every word must occur (implicit AND); the last word also matches as a prefix, so a search
box can search as the user types. FTS operators and punctuation in the input are never
interpreted: each word is quoted.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """``'Meta spok'`` → ``'"Meta" "spok"*'``; an empty string when there is no word."""
    words = _WORD.findall(text or "")
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)
