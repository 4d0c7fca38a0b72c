"""Where the window's resource files (icons, stylesheet) are, installed or in a checkout.

The wheel maps the repository's ``resources/`` folder to the package ``reader.resources``;
a plain checkout (tests, ``python -m reader``) has it next to the ``reader`` package.
Must not import reader.storage.
"""

from __future__ import annotations

import pathlib
from importlib import resources as importlib_resources


def resource_dir() -> pathlib.Path:
    checkout = pathlib.Path(__file__).resolve().parents[2]
    # A checkout run with PYTHONPATH (tests, a git worktree) uses its own files, even when an
    # editable install of another checkout also answers for ``reader.resources``.
    if (checkout / "pyproject.toml").is_file() and (checkout / "resources").is_dir():
        return checkout / "resources"
    try:
        found = pathlib.Path(str(importlib_resources.files("reader.resources")))
        if found.is_dir():
            return found
    except ModuleNotFoundError:
        pass
    return pathlib.Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> pathlib.Path:
    return resource_dir().joinpath(*parts)


def stylesheet() -> str:
    """The window's stylesheet, or an empty one if the file is missing (the window still works)."""
    try:
        return resource_path("reader.qss").read_text(encoding="utf-8")
    except OSError:
        return ""
