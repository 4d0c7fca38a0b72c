"""Reader: a desktop source-comparison reader.

Layers (data flows one way): ``reader.core`` (pure, no Qt) → ``reader.storage`` (SQLite)
→ ``reader.ui`` (the only package that imports PySide6). ``reader.cli`` is the command line.
"""

__version__ = "0.1.0"
