"""Reader: a desktop source-comparison reader.

Layers (data flows one way): ``reader.core`` (pure, no Qt) → ``reader.storage`` (SQLite)
→ ``reader.ui`` (the only package that imports PySide6). ``reader.cli`` is the command line.
"""

import pathlib

__version__ = "0.1.0"


def seeds_folder() -> pathlib.Path:
    """The repository's ``seeds/`` folder (the five seed articles, the demo library)."""
    return pathlib.Path(__file__).resolve().parents[1] / "seeds"
