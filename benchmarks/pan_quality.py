"""Quality of the reuse engine on a PAN 2013 text-alignment corpus, on a sample or in full.

    .venv/bin/python -m benchmarks.pan_quality [--corpus /work/shared/pan13-train] [--sample 300]
        [--jobs 2] [--set NAME=VALUE ...] [SUBSET ...]

Aligns ``--sample`` pairs per subset (drawn with a fixed seed, so runs compare; 0 = every pair),
side A = source, side B = suspicious document, and scores the engine's regions with
``reader.core.evaluate`` (the referee's figures). ``--set`` overrides a module-level constant of
``reader.core.align`` (e.g. ``--set LONE_LINK_SIMILARITY=0.45``) or an ``AlignConfig`` field, for
tuning; tune on samples and confirm on the full corpus with ``reader eval``.
Benchmark-only code: ``reader`` never imports it.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from dataclasses import fields
from multiprocessing import Pool
from pathlib import Path

from reader.core.config import AlignConfig
from reader.core.evaluate import DetectionPair, GoldPair, normalize, score
from reader.core.pan import read_gold

_corpus: Path | None = None
_config: AlignConfig | None = None


def _init(corpus: str, overrides: dict) -> None:
    global _corpus, _config
    import reader.core.align as engine

    _corpus = Path(corpus)
    config_fields = {f.name for f in fields(AlignConfig)}
    for name, value in overrides.items():
        if name not in config_fields:
            setattr(engine, name, value)
    _config = AlignConfig(word_diff=False, **{k: v for k, v in overrides.items() if k in config_fields})


def _read(rel: str) -> str:
    with open(_corpus / rel, encoding="utf-8", newline="") as f:
        return f.read()


def _detect(pair: GoldPair) -> DetectionPair:
    from reader.core.align import align

    result = align(_read(pair.a), _read(pair.b), _config)
    return DetectionPair(pair.a, pair.b, tuple((normalize([(r.a_start, r.a_end)]), normalize([(r.b_start, r.b_end)]))
                                               for r in result.regions))


def _value(text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("subsets", nargs="*", help="subsets by name or unique prefix (default: all)")
    parser.add_argument("--corpus", default="/work/shared/pan13-train")
    parser.add_argument("--sample", type=int, default=300, help="pairs per subset (0: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    overrides = {k: _value(v) for k, v in (s.split("=", 1) for s in args.set)}

    gold = read_gold(args.corpus, args.subsets or None)
    by_subset: dict[str, list[GoldPair]] = {}
    for pair in gold:
        by_subset.setdefault(pair.subset, []).append(pair)
    started = time.perf_counter()
    chosen: list[GoldPair] = []
    found: list[DetectionPair] = []
    with Pool(args.jobs, initializer=_init, initargs=(args.corpus, overrides)) as pool:
        for subset, pairs in by_subset.items():
            if 0 < args.sample < len(pairs):
                pairs = random.Random(subset).sample(pairs, args.sample)
            detections = pool.map(_detect, pairs, chunksize=4)
            s = score(pairs, detections)
            chosen += pairs
            found += detections
            print(f"{subset:28s} pairs={len(pairs):5d} P={s.precision:.3f} R={s.recall:.3f} "
                  f"G={s.granularity:.3f} plagdet={s.plagdet:.3f} cases={s.cases} det={s.detections}", flush=True)
    s = score(chosen, found)
    print(f"{'overall':28s} pairs={len(chosen):5d} P={s.precision:.3f} R={s.recall:.3f} G={s.granularity:.3f} "
          f"plagdet={s.plagdet:.3f}  {time.perf_counter() - started:.0f}s {overrides or ''}")


if __name__ == "__main__":
    main()
