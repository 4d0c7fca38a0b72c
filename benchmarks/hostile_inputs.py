"""Every command that reads files, run on every hostile input of ``tests/hostile_corpus.py``.

    python -m benchmarks.hostile_inputs [--jobs N] [--only SUBSTRING] [--no-window]

Each run is a fresh ``python -m reader ...`` process. It is *clean* when it exits with status 2
(a refusal) or 0 (a result; for a document that must be readable, 0 is required, for one that
must be refused, 2), prints no traceback, every stderr line is under 300 characters (a command
on one file prints exactly one error line), and it ends within 20 s. Prints one line per failed
run, a table per command, and the totals tried / clean / failed. Exit status 1 when a run failed.

Commands run per input kind:
- document: compare X SEED, sources X --library SEEDS, library import X, screenshot (the
  window, reading X and a seed); then once on the folder of all of them: scan, library import,
  sources SEED --library.
- pairs: batch X --root SEEDS, batch X --pan, eval on a corpus whose ``pairs`` file is X.
- json: eval --detections X, annotations import X.
- database: library list, library import SEED, annotations export, all with --db X.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile_corpus import DATABASE, DOCUMENT, JSON, PAIRS, Hostile, make_corpus  # noqa: E402

#: The promise each run is held to.
SECONDS = 20.0
MAX_LINE = 300
SEEDS = ROOT / "seeds"


@dataclass(frozen=True)
class Run:
    case: str
    command: str
    argv: list[str]
    #: Exit statuses that are correct here.
    expected: tuple[int, ...] = (0, 2)
    #: At most this many stderr lines (None: any number, each under MAX_LINE).
    max_lines: int | None = 1


@dataclass(frozen=True)
class Outcome:
    run: Run
    clean: bool
    why: str
    seconds: float


def _seed(n: int) -> str:
    return str(next(SEEDS.glob(f"{n:03d}_*.txt")))


def _pan_corpus(folder: Path, pairs: Path | None) -> Path:
    """A one-pair PAN corpus (the seeds 002 and 003); ``pairs`` replaces its pairs file when given."""
    corpus = folder
    (corpus / "src").mkdir(parents=True)
    (corpus / "susp").mkdir()
    shutil.copy(_seed(2), corpus / "src" / "source-document00001.txt")
    shutil.copy(_seed(3), corpus / "susp" / "suspicious-document00001.txt")
    subset = corpus / "01-hostile"
    subset.mkdir()
    (subset / "suspicious-document00001-source-document00001.xml").write_text(
        '<document reference="suspicious-document00001.txt"><feature name="plagiarism" source_offset="0" '
        'source_length="100" this_offset="0" this_length="100"/></document>')
    if pairs is None:
        (subset / "pairs").write_text("suspicious-document00001.txt source-document00001.txt\n")
    else:
        (subset / "pairs").symlink_to(pairs.resolve() if not pairs.is_symlink() else pairs.absolute())
    return corpus


def plan(cases: list[Hostile], work: Path, window: bool) -> list[Run]:
    runs: list[Run] = []
    good_corpus = _pan_corpus(work / "corpus-good", None)
    for k, case in enumerate(cases):
        x = str(case.path)
        db = str(work / "db" / f"{k}.db")
        if case.kind == DOCUMENT:
            must = {True: (0,), False: (2,), None: (0, 2)}[case.readable]
            runs.append(Run(case.name, "compare", ["compare", x, _seed(2)], must))
            runs.append(Run(case.name, "sources --library", ["sources", x, "--library", str(SEEDS)], must))
            runs.append(Run(case.name, "library import", ["--db", db, "library", "import", x], must))
            if window:
                png = str(work / "png" / f"{k}.png")
                runs.append(Run(case.name, "screenshot", ["screenshot", png, x, _seed(2)], must))
        elif case.kind == PAIRS:
            out = str(work / "out" / f"{k}.json")
            runs.append(Run(case.name, "batch", ["batch", x, "--root", str(SEEDS), "--out", out, "--jobs", "1"]))
            runs.append(Run(case.name, "batch --pan", ["batch", x, "--pan", "--root", str(SEEDS), "--out", out,
                                                       "--jobs", "1"]))
            corpus = _pan_corpus(work / f"corpus-{k}", case.path)
            runs.append(Run(case.name, "eval", ["eval", str(corpus), "--jobs", "1"]))
        elif case.kind == JSON:
            runs.append(Run(case.name, "eval --detections", ["eval", str(good_corpus), "--detections", x]))
            runs.append(Run(case.name, "annotations import", ["--db", db, "annotations", "import", x]))
        elif case.kind == DATABASE:
            runs.append(Run(case.name, "library list", ["--db", x, "library", "list"]))
            runs.append(Run(case.name, "library import", ["--db", x, "library", "import", _seed(2)]))
            runs.append(Run(case.name, "annotations export", ["--db", x, "annotations", "export"]))
    folder = str(cases[0].path.parent) if cases and cases[0].kind == DOCUMENT else None
    if folder is not None:  # every hostile document together: one bad file must not stop the rest
        shutil.copy(_seed(2), Path(folder) / "seed-002.txt")
        shutil.copy(_seed(3), Path(folder) / "seed-003.txt")
        runs.append(Run("(the folder)", "scan DIR", ["scan", folder, "--out", str(work / "out" / "scan.csv")],
                        (0,), None))
        runs.append(Run("(the folder)", "library import DIR", ["--db", str(work / "db" / "folder.db"), "library",
                                                               "import", folder], (2,), None))
        runs.append(Run("(the folder)", "sources --library DIR", ["sources", _seed(3), "--library", folder],
                        (0,), None))
    return runs


def execute(run: Run, env: dict[str, str]) -> Outcome:
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "reader", *run.argv], capture_output=True, env=env,
                              timeout=SECONDS, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return Outcome(run, False, f"no answer within {SECONDS:g} s", time.monotonic() - started)
    seconds = time.monotonic() - started
    err = done.stderr.decode("utf-8", "replace")
    lines = err.splitlines()
    if "Traceback" in err:
        last = next((line for line in reversed(lines) if line.strip()), "")
        return Outcome(run, False, f"traceback: {last[:150]}", seconds)
    if done.returncode not in run.expected:
        first = lines[0][:150] if lines else ""
        return Outcome(run, False, f"exit {done.returncode}, expected {run.expected}: {first}", seconds)
    long_lines = [line for line in lines if len(line) >= MAX_LINE]
    if long_lines:
        return Outcome(run, False, f"a stderr line of {len(long_lines[0]):,} characters", seconds)
    if run.max_lines is not None and done.returncode == 2 and len(lines) > run.max_lines:
        return Outcome(run, False, f"{len(lines)} stderr lines: {' | '.join(lines[:3])[:200]}", seconds)
    if done.returncode == 2 and not any(line.startswith("reader: error:") for line in lines):
        return Outcome(run, False, f"exit 2 without an error line: {err[:150]!r}", seconds)
    return Outcome(run, True, "", seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="runs at once (default 2)")
    parser.add_argument("--only", help="only the cases whose name contains this")
    parser.add_argument("--no-window", action="store_true", help="leave out the screenshot runs")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="reader-hostile-"))
    try:
        cases = make_corpus(work / "corpus")
        if args.only:
            cases = [c for c in cases if args.only in c.name]
        for sub in ("db", "out", "png"):
            (work / sub).mkdir()
        runs = plan(cases, work, window=not args.no_window)
        env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen",
                   READER_SETTINGS_DIR=str(work / "settings"), READER_DB=str(work / "db" / "default.db"))
        started = time.monotonic()
        with ThreadPoolExecutor(args.jobs) as pool:
            outcomes = list(pool.map(lambda r: execute(r, env), runs))
        elapsed = time.monotonic() - started
    finally:
        _remove(work)
    by_command: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_command[outcome.run.command].append(outcome)
        if not outcome.clean:
            print(f"FAILED  {outcome.run.command:22} {outcome.run.case[:40]:40} {outcome.why}")
    kinds = len({c.name for c in cases})
    print(f"\n{kinds} hostile inputs, {len(outcomes)} runs in {elapsed:.0f} s "
          f"(slowest clean run {max((o.seconds for o in outcomes if o.clean), default=0):.1f} s)\n")
    print(f"{'command':24} {'tried':>6} {'clean':>6} {'failed':>6}")
    for command, items in by_command.items():
        clean = sum(o.clean for o in items)
        print(f"{command:24} {len(items):>6} {clean:>6} {len(items) - clean:>6}")
    clean = sum(o.clean for o in outcomes)
    print(f"{'total':24} {len(outcomes):>6} {clean:>6} {len(outcomes) - clean:>6}")
    return 0 if clean == len(outcomes) else 1


def _remove(work: Path) -> None:
    for folder in work.rglob("*"):  # the folder a case locked must be opened again to be removed
        if folder.is_dir() and not folder.is_symlink():
            os.chmod(folder, 0o700)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
