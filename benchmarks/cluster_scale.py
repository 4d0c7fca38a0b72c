"""Distributed scale benchmark: ``reader scan --scheduler local`` on a generated Parquet corpus.

    .venv/bin/python -m benchmarks.cluster_scale --docs 10000               # 2 workers, 4 GB each
    .venv/bin/python -m benchmarks.cluster_scale --docs 50000 --local       # and the local scan too
    .venv/bin/python -m benchmarks.cluster_scale --docs 200000 --candidates-only   # the index phase alone

Generates ``--docs`` news-length articles with planted copies (``benchmarks.synthetic_corpus``)
once into ``--data`` (Parquet, row groups of ``--row-group`` articles, and the ground truth
beside it), in a child process so that the generator's memory is not charged to the scan. Then
runs ``reader.cluster.scan.cluster_scan`` on a ``LocalCluster`` of ``--workers`` processes with
``--memory-limit`` each, and reports: time per phase; peak memory of the client process (which
also runs the scheduler) and of each worker (``getrusage`` in the worker at the end), against the
limit, and whether a worker was restarted (killed for memory); the scaling figures (postings
shuffled, pair-weight rows of the second shuffle, pairs scored, candidates aligned); recall of
the planted pairs and unrelated pairs reported (pairs that share no sentence and no quotation
by construction). With ``--local`` the same corpus is also scanned by ``reader.core.corpus.scan``
in a child process (its peak memory is that child's). Targets (issue 14, at 200,000 articles):
recall >= 98%, unrelated <= 1% of reported pairs, no process over its limit. Not part of the
test run.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import resource
import subprocess
import sys
import time


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _paths(data: pathlib.Path, n: int, seed: int) -> tuple[pathlib.Path, pathlib.Path]:
    return data / f"corpus-{n}-{seed}.parquet", data / f"truth-{n}-{seed}.json"


def prepare(n: int, seed: int, data: pathlib.Path, row_group: int) -> None:
    from benchmarks.synthetic_corpus import generate_corpus

    corpus_path, truth_path = _paths(data, n, seed)
    t0 = time.perf_counter()
    corpus = generate_corpus(n, seed=seed)
    corpus.write_parquet(corpus_path, row_group=row_group)
    truth_path.write_text(json.dumps({"planted": sorted(corpus.planted_pairs), "related": sorted(corpus.related),
                                      "quoting": sorted(corpus.quoting)}), encoding="utf-8")
    print(f"generated {n} articles in {time.perf_counter() - t0:.0f} s: {corpus_path}", file=sys.stderr)


def judge(pairs: set[tuple[str, str]], truth: dict, n: int) -> dict:
    # Truth files written before the generator sorted its pairs by name hold some in creation
    # order ("doc20000", "doc100000"); sorting here keeps them comparable with the scan's pairs.
    planted = {tuple(sorted(p)) for p in truth["planted"]}
    related = {tuple(sorted(p)) for p in truth["related"]}
    quoting = {tuple(sorted(p)) for p in truth["quoting"]}
    unrelated = pairs - related - quoting
    return {"pairs_reported": len(pairs), "planted_pairs": len(planted),
            "recall": round(len(planted & pairs) / max(1, len(planted)), 4),
            "unrelated_reported": len(unrelated),
            "unrelated_share_of_reported": round(len(unrelated) / max(1, len(pairs)), 4)}


def run_local(corpus_path: pathlib.Path, workers: int) -> dict:
    from reader.core.corpus import scan
    from reader.core.corpus_files import read_corpus_file

    t0 = time.perf_counter()
    docs = [r.doc for r in read_corpus_file(corpus_path)]
    read_s = time.perf_counter() - t0
    result = scan(docs, workers=workers)
    return {"read_s": round(read_s, 1), "scan_s": round(result.seconds, 1), "candidates": result.candidates,
            "pairs": sorted(tuple(sorted((str(r.a), str(r.b)))) for r in result.records),
            "peak_rss_main_mb": round(_peak_mb())}


def _worker_peak() -> tuple[int, float]:
    import os
    import resource as r

    return os.getpid(), r.getrusage(r.RUSAGE_SELF).ru_maxrss / 1024


def _worker_cpu() -> float:
    """CPU seconds this worker process has used: unlike wall time, it does not grow when other
    programs share the cores."""
    import resource as r

    usage = r.getrusage(r.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _cpu(client) -> float:
    return sum(client.run(_worker_cpu).values())


def run_cluster(corpus_path: pathlib.Path, workers: int, memory_limit: str) -> dict:
    from dask.utils import parse_bytes
    from distributed import Client, LocalCluster

    from reader.cluster.scan import cluster_scan

    t0 = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      memory_limit=memory_limit, dashboard_address=":0") as cluster, Client(cluster) as client:
        started = time.perf_counter() - t0
        before = {pid for pid, _ in client.run(_worker_peak).values()}
        last = [0.0]

        def progress(done, total):
            if time.monotonic() - last[0] > 5 or done == total:
                last[0] = time.monotonic()
                print(f"\r  {done}/{total} tasks", end="", file=sys.stderr, flush=True)

        cpu = {"start": _cpu(client)}

        def phase(name):
            cpu[name] = _cpu(client)
            print(f"\n  {name}", file=sys.stderr)

        done = cluster_scan(str(corpus_path), client=client, progress=progress, phase=phase)
        cpu["end"] = _cpu(client)
        print(file=sys.stderr)
        peaks = client.run(_worker_peak)
    limit_mb = parse_bytes(memory_limit) / 2**20
    worker_peaks = sorted(round(mb) for _, mb in peaks.values())
    return {"cluster_start_s": round(started, 1), "scan_s": round(done.result.seconds, 1), **done.figures,
            "worker_cpu_s_candidates": round(cpu["alignment"] - cpu["candidates"], 1),
            "worker_cpu_s_alignment": round(cpu["end"] - cpu["alignment"], 1),
            "postings_shuffled_mb": round(done.figures["postings"] * 16 / 2**20),
            "pair_rows_shuffled_mb": round(done.figures["pair_weight_rows"] * 24 / 2**20),
            "peak_rss_client_and_scheduler_mb": round(_peak_mb()),
            "peak_rss_workers_mb": worker_peaks, "worker_limit_mb": round(limit_mb),
            "workers_over_limit": sum(mb > limit_mb for mb in worker_peaks),
            "workers_restarted": len({pid for pid, _ in peaks.values()} - before),
            "pairs": sorted(tuple(sorted((str(r.a), str(r.b)))) for r in done.result.records)}


def run_candidates(corpus_path: pathlib.Path, workers: int, memory_limit: str, truth: dict) -> dict:
    """The candidate phase alone (postings, shuffles, best per document): its time, memory and
    the share of planted pairs among the candidates (the recall the alignment can reach)."""
    import pyarrow.parquet as pq
    from dask.utils import parse_bytes
    from distributed import Client, LocalCluster

    from reader.cluster.scan import _candidates
    from reader.cluster.sources import ORDINAL_BITS, plan_partitions
    from reader.core.corpus_files import Columns
    from reader.core.corpus_records import PER_DOC
    from reader.core.shingles import MAX_DF, MIN_SCORE

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      memory_limit=memory_limit, dashboard_address=":0") as cluster, Client(cluster) as client:
        before = {pid for pid, _ in client.run(_worker_peak).values()}
        t0 = time.perf_counter()
        plan = plan_partitions(str(corpus_path), Columns())
        figures: dict = {"partitions": len(plan.parts)}
        pairs = _candidates(client, plan, max_df=MAX_DF, min_score=MIN_SCORE, per_doc=PER_DOC, progress=None,
                            figures=figures)
        seconds = time.perf_counter() - t0
        peaks = client.run(_worker_peak)
    parquet = pq.ParquetFile(corpus_path)
    ids, offsets, total = [], [], 0
    for g in range(parquet.metadata.num_row_groups):
        offsets.append(total)
        total += parquet.metadata.row_group(g).num_rows
    ids = parquet.read(columns=["id"]).column("id").to_pylist()
    mask = (1 << ORDINAL_BITS) - 1

    def key(o: int) -> str:
        return ids[offsets[o >> ORDINAL_BITS] + (o & mask)]

    found = {tuple(sorted((key(a), key(b)))) for a, b in pairs}
    planted = {tuple(p) for p in truth["planted"]}
    limit_mb = parse_bytes(memory_limit) / 2**20
    worker_peaks = sorted(round(mb) for _, mb in peaks.values())
    return {"candidates_s": round(seconds, 1), **figures, "candidates": len(pairs),
            "postings_shuffled_mb": round(figures["postings"] * 16 / 2**20),
            "pair_rows_shuffled_mb": round(figures["pair_weight_rows"] * 24 / 2**20),
            "planted_among_candidates": round(len(planted & found) / max(1, len(planted)), 4),
            "peak_rss_client_and_scheduler_mb": round(_peak_mb()), "peak_rss_workers_mb": worker_peaks,
            "worker_limit_mb": round(limit_mb), "workers_over_limit": sum(mb > limit_mb for mb in worker_peaks),
            "workers_restarted": len({pid for pid, _ in peaks.values()} - before)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--docs", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--memory-limit", default="4GB")
    p.add_argument("--row-group", type=int, default=5_000, help="articles per Parquet row group (partition)")
    p.add_argument("--data", type=pathlib.Path, default=pathlib.Path("/tmp/reader-cluster-bench"))
    p.add_argument("--local", action="store_true", help="also run the local scan on the same corpus")
    p.add_argument("--json", metavar="FILE", help="also write the figures to FILE")
    p.add_argument("--candidates-only", action="store_true",
                   help="run the candidate phase alone (what holds the index: the memory-critical part)")
    p.add_argument("--prepare-only", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--local-only", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    args.data.mkdir(parents=True, exist_ok=True)
    corpus_path, truth_path = _paths(args.data, args.docs, args.seed)
    if args.prepare_only:
        prepare(args.docs, args.seed, args.data, args.row_group)
        return 0
    if args.local_only:
        print(json.dumps(run_local(corpus_path, args.workers)))
        return 0
    base = [sys.executable, "-m", "benchmarks.cluster_scale", "--docs", str(args.docs), "--seed", str(args.seed),
            "--data", str(args.data), "--workers", str(args.workers), "--row-group", str(args.row_group)]
    if not (corpus_path.exists() and truth_path.exists()):
        subprocess.run([*base, "--prepare-only"], check=True)
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    figures: dict = {"docs": args.docs, "workers": args.workers, "memory_limit": args.memory_limit}
    if args.candidates_only:
        figures["candidates_phase"] = run_candidates(corpus_path, args.workers, args.memory_limit, truth)
        print(json.dumps(figures, indent=2))
        if args.json:
            pathlib.Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
        return 0
    cluster = run_cluster(corpus_path, args.workers, args.memory_limit)
    cluster_pairs = {tuple(p) for p in cluster.pop("pairs")}
    # Kept beside the corpus so that the pairs can be judged again without a new scan.
    (args.data / f"pairs-{args.docs}-{args.seed}.json").write_text(json.dumps(sorted(cluster_pairs)), encoding="utf-8")
    figures["cluster"] = {**cluster, **judge(cluster_pairs, truth, args.docs)}
    if args.local:
        out = subprocess.run([*base, "--local-only"], check=True, capture_output=True, text=True).stdout
        local = json.loads(out.strip().splitlines()[-1])
        local_pairs = {tuple(p) for p in local.pop("pairs")}
        figures["local"] = {**local, **judge(local_pairs, truth, args.docs),
                            "same_pairs_as_cluster": local_pairs == cluster_pairs}
    print(json.dumps(figures, indent=2))
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
