"""How the engine's worker processes start (batch runs, corpus scans). Must not import Qt."""

from __future__ import annotations

import multiprocessing


def worker_context():
    """``forkserver`` where the platform has it, else ``spawn``; never ``fork``.

    A forked worker would be a copy of a process that may hold Qt or threads (the window starts
    scans from a worker thread), which can deadlock; a fork server starts each worker clean.
    """
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
