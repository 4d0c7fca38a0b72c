"""Speed of the reuse engine: the seed pairs (warm) and two 1 MB texts (time and peak memory).

    .venv/bin/python -m benchmarks.engine_speed [--pan /work/shared/pan13-train] [--repeat 20]

The seed figure is the slowest pair's best time over ``--repeat`` runs with prepared texts
cached, as in the window when a setting changes. The 1 MB pair is built from PAN texts when the
corpus is there: A = source documents, B = suspicious documents (which hold obfuscated copies of
some of those sources), each concatenated up to 1 MB; otherwise from the seed articles, shuffled
by paragraph. It is aligned cold (nothing cached). Peak memory is the process's maximum RSS.
Benchmark-only code: ``reader`` never imports it.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from pathlib import Path

from reader.core import align as engine
from reader.core.config import AlignConfig

ROOT = Path(__file__).resolve().parent.parent
MEGABYTE = 1_000_000


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def seed_pairs_ms(repeat: int) -> dict[str, float]:
    texts = seed_texts()
    best: dict[str, float] = {}
    pairs = [(i, j) for i in range(len(texts)) for j in range(len(texts)) if i != j]
    for _ in range(repeat):
        for i, j in pairs:
            t0 = time.perf_counter()
            engine.align(texts[i], texts[j])
            ms = (time.perf_counter() - t0) * 1000
            key = f"{i:03d}->{j:03d}"
            best[key] = min(best.get(key, ms), ms)
    return best


def pan_megabyte_pair(pan: Path) -> tuple[str, str]:
    pairs = [line.split() for line in (pan / "02-no-obfuscation" / "pairs").read_text().splitlines() if line.strip()]
    pairs += [line.split() for line in (pan / "03-random-obfuscation" / "pairs").read_text().splitlines()
              if line.strip()]
    random.Random(7).shuffle(pairs)
    a_parts, b_parts, a_len, b_len, seen = [], [], 0, 0, set()
    for susp, src in pairs:
        if (a_len >= MEGABYTE and b_len >= MEGABYTE) or susp in seen or src in seen:
            continue
        seen.update((susp, src))
        if a_len < MEGABYTE:
            text = (pan / "src" / src).read_text(encoding="utf-8")
            a_parts.append(text)
            a_len += len(text)
        if b_len < MEGABYTE:
            text = (pan / "susp" / susp).read_text(encoding="utf-8")
            b_parts.append(text)
            b_len += len(text)
    return "\n\n".join(a_parts)[:MEGABYTE], "\n\n".join(b_parts)[:MEGABYTE]


def seed_megabyte_pair() -> tuple[str, str]:
    paragraphs = [p for t in seed_texts() for p in t.split("\n\n") if p.strip()]
    rng = random.Random(7)
    a, b = [], []
    while sum(map(len, a)) < MEGABYTE:
        rng.shuffle(paragraphs)
        a.extend(paragraphs)
        b.extend(reversed(paragraphs))
    return "\n\n".join(a)[:MEGABYTE], "\n\n".join(b)[:MEGABYTE]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pan", type=Path, default=Path("/work/shared/pan13-train"))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)

    seeds = seed_pairs_ms(args.repeat)
    slowest = max(seeds, key=seeds.get)
    source = "pan" if (args.pan / "02-no-obfuscation" / "pairs").exists() else "seeds"
    a, b = pan_megabyte_pair(args.pan) if source == "pan" else seed_megabyte_pair()
    engine._cache.clear()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    result = engine.align(a, b, AlignConfig())
    seconds = time.perf_counter() - t0
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "seed_pairs_slowest_ms": round(seeds[slowest], 2), "seed_pairs_slowest": slowest,
        "seed_pairs_median_ms": round(sorted(seeds.values())[len(seeds) // 2], 2),
        "megabyte_pair_source": source, "megabyte_chars": [len(a), len(b)],
        "megabyte_seconds": round(seconds, 2), "megabyte_matches": len(result.matches),
        "megabyte_regions": len(result.regions),
        "peak_rss_mb": round(rss_after / 1024, 1), "rss_growth_mb": round((rss_after - rss_before) / 1024, 1),
    }, indent=2))


if __name__ == "__main__":
    main()
