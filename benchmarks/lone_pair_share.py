"""How well the lone-pair test tells rewrites from other reports, and how far a threshold can go.

    .venv/bin/python -m benchmarks.lone_pair_share ../shared/rewrites/msrp-train.tsv [--json]

Two short texts compared alone are one sentence pair, and ``reader.core.align`` keeps it only
when the whole sentences share ``align.LONE_LINK_SHARE`` of their content
(``reader.core.similarity.content_share``). On a file of human-judged pairs
(``label<TAB>text<TAB>text``, label 1 for a rewrite, 0 for another text on the same event, as
``../shared/rewrites``) this scores every pair with that share, without the rest of the engine,
and prints:

* at ``LONE_LINK_SHARE``: the share of rewrites that pass (found) and of the others (flagged);
* the best any threshold on this measure can do: the share of rewrites found when a quarter of
  the others is flagged (the rewrite benchmark's target is 0.80 found at at most 0.25 flagged).

The engine's bare figures (``rewrite_bench.py``) follow the first line closely: nearly every
pair is a seed, so the share decides. A new measure of sentence similarity can be tried here in
seconds before it goes into the engine. Benchmark-only code: ``reader`` never imports it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from reader.core.align import LONE_LINK_SHARE
from reader.core.similarity import content_share
from reader.core.text import tokenize

#: The rewrite benchmark's bound on the texts wrongly flagged as rewrites.
FLAGGED_LIMIT = 0.25


def scored(path: Path) -> list[tuple[bool, float]]:
    """(is a rewrite, content share) of every pair in the file."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        label, a, b = line.split("\t")[:3]
        out.append((label.strip() == "1", content_share(tokenize(a), tokenize(b))))
    return out


def figures(pairs: list[tuple[bool, float]]) -> dict:
    rewrites = sorted((s for r, s in pairs if r), reverse=True)
    others = sorted((s for r, s in pairs if not r), reverse=True)
    if not rewrites or not others:
        raise SystemExit("the file needs pairs of both labels")
    # The loosest threshold that flags at most FLAGGED_LIMIT of the others: just above the
    # share of the first other text it must leave out.
    cut = others[min(len(others) - 1, int(FLAGGED_LIMIT * len(others)))]
    return {
        "pairs": len(pairs),
        "threshold": LONE_LINK_SHARE,
        "found": round(sum(s >= LONE_LINK_SHARE for s in rewrites) / len(rewrites), 3),
        "flagged": round(sum(s >= LONE_LINK_SHARE for s in others) / len(others), 3),
        "best_threshold": round(cut, 3),
        "best_found": round(sum(s > cut for s in rewrites) / len(rewrites), 3),
        "best_flagged": round(sum(s > cut for s in others) / len(others), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", type=Path, help="label<TAB>text<TAB>text, one pair a line")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    f = figures(scored(args.pairs))
    if args.json:
        print(json.dumps(f, indent=2))
        return
    print(f"{f['pairs']} pairs; content share of the whole sentences")
    print(f"  at LONE_LINK_SHARE {f['threshold']}: found {f['found']:.3f}, flagged {f['flagged']:.3f}")
    print(f"  best threshold at <= {FLAGGED_LIMIT} flagged ({f['best_threshold']}): "
          f"found {f['best_found']:.3f}, flagged {f['best_flagged']:.3f}")


if __name__ == "__main__":
    main()
