"""Reader's HTML loader on the public article-extraction benchmark, scored by its own evaluate.py.

    .venv/bin/python -m benchmarks.article_extraction [--root ../shared/article-extraction] [--keep DIR]

The benchmark (Scrapinghub/Zyte; its README is in the folder) holds 181 real news and blog
pages (``html/<sha256>.html.gz``) and the article body a person marked on each
(``ground-truth.json``). Each page's bytes go through ``reader.core.documents.document_from_html``,
exactly what ``load_document`` does with an ``.html`` file (decoding, trafilatura, the fallback,
the headline kept as the first line); the text is written as ``output/reader.json`` beside a
copy of the ground truth, and the benchmark's own ``evaluate.py`` scores it (F1, precision and
recall over 4-word shingles, averaged per page). Printed too: the pages whose output is empty or
an error, how many took the fallback path, and the median and slowest time per page
(single process, this machine; the first page also pays for importing trafilatura).

Pages are never copied into the project: they are read from ``--root``. ``--keep DIR`` keeps the
scoring folder (output and evaluate.py's JSON) for a closer look. Benchmark-only code.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from reader.core.documents import DocumentError, document_from_html

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCHMARK = ROOT.parent / "shared" / "article-extraction"
#: evaluate.py's bootstrap rounds for the ± figures; 100 keeps the run to seconds.
BOOTSTRAP_ROUNDS = 100


def extract_all(folder: Path) -> tuple[dict[str, dict], list[float], list[str], Counter]:
    """``{key: {"articleBody": text}}`` for every page, the seconds each took, the failures."""
    output: dict[str, dict] = {}
    seconds: list[float] = []
    failures: list[str] = []
    paths: Counter = Counter()
    for page in sorted((folder / "html").glob("*.html.gz")):
        key = page.name.split(".")[0]
        raw = gzip.decompress(page.read_bytes())
        started = time.perf_counter()
        try:
            document = document_from_html(raw, page.name)
            text = document.text
            paths[document.extractor] += 1
        except DocumentError as exc:
            text = ""
            failures.append(str(exc))
        seconds.append(time.perf_counter() - started)
        output[key] = {"articleBody": text}
    return output, seconds, failures, paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_BENCHMARK, help="the benchmark folder")
    parser.add_argument("--keep", type=Path, help="keep the scoring folder here")
    args = parser.parse_args(argv)
    if not (args.root / "evaluate.py").is_file():
        print(f"no benchmark at {args.root} (evaluate.py missing)", file=sys.stderr)
        return 2
    output, seconds, failures, paths = extract_all(args.root)
    work = Path(tempfile.mkdtemp(prefix="reader-extraction-")) if args.keep is None else args.keep
    try:
        (work / "output").mkdir(parents=True, exist_ok=True)
        shutil.copy(args.root / "ground-truth.json", work / "ground-truth.json")
        (work / "output" / "reader.json").write_text(json.dumps(output), encoding="utf-8")
        scored = subprocess.run(
            [sys.executable, str(args.root / "evaluate.py"), "--n-bootstrap", str(BOOTSTRAP_ROUNDS),
             "--output", "metrics.json"], cwd=work, capture_output=True, text=True, check=True)
        metrics = json.loads((work / "metrics.json").read_text())["reader"]
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    empty = sum(1 for item in output.values() if not item["articleBody"].strip())
    print(scored.stdout.rstrip())
    print(f"pages: {len(output)}; F1 {metrics['f1']:.3f}, precision {metrics['precision']:.3f}, "
          f"recall {metrics['recall']:.3f}")
    print(f"empty output: {empty} page(s); extraction paths: "
          + ", ".join(f"{name} {count}" for name, count in paths.most_common()))
    for message in failures:
        print(f"  failed: {message}")
    print(f"time per page: median {statistics.median(seconds) * 1000:.0f} ms, "
          f"slowest {max(seconds) * 1000:.0f} ms, total {sum(seconds):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
