"""Python 3.11's ``functools.cached_property`` made safe for dask's expressions.

Contract: ``unlock_cached_properties()`` removes the lock of every ``cached_property`` on dask's
expression classes, once, on Python before 3.12; on 3.12 and later it does nothing.

Why: before 3.12 a ``cached_property`` holds one lock per class attribute, shared by every
object of the class (CPython gh-87634; 3.12 removed the lock for this reason). With a
``LocalCluster`` the scheduler runs in this process: its offload thread builds the graph of one
``compute`` (dask's ``_meta``, ``_layer`` ...) while this thread optimises the next, each holds
the lock of one class's property and waits for the other's, and the scan hangs for ever
(seen here; dask/distributed#8616). Without the lock, two threads may at worst compute the same
value twice, which is what 3.12 does: dask's expressions are immutable and their properties pure.
"""

from __future__ import annotations

import contextlib
import functools
import sys

_done = False


def unlock_cached_properties() -> None:
    global _done
    if _done or sys.version_info >= (3, 12):
        return
    import dask.dataframe.dask_expr  # noqa: F401  (defines the DataFrame expression classes)
    from dask._expr import Expr

    seen: set[type] = set()
    pending = [Expr]
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        seen.add(cls)
        pending.extend(cls.__subclasses__())
        for value in vars(cls).values():
            if isinstance(value, functools.cached_property):
                value.lock = contextlib.nullcontext()  # type: ignore[attr-defined]
    _done = True
