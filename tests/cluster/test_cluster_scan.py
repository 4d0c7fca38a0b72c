"""The scan on a Dask cluster gives the local scan's result: same pairs, shares, verdicts, order.

A ``LocalCluster`` of two worker processes on 127.0.0.1 is started once for the module; the
corpus is small (a few hundred articles) and cut into several partitions, so that candidate
pairs cross partitions and both shuffles move data between the two workers.
"""

import json

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from benchmarks.synthetic_corpus import generate_corpus  # noqa: E402
from reader.cluster.candidates import best_per_doc, both_sides, pair_weights, partition_postings  # noqa: E402
from reader.cluster.scan import cluster_scan  # noqa: E402
from reader.cluster.sources import ordinal  # noqa: E402
from reader.core.corpus import scan  # noqa: E402
from reader.core.corpus_files import read_corpus_file  # noqa: E402
from reader.core.shingles import ShingleIndex  # noqa: E402
from tests.cli.cli_run import run_cli  # noqa: E402
from tests.conftest import SEEDS  # noqa: E402

DOCS = 240
ROW_GROUP = 70  # four partitions


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus(DOCS, seed=11, copy_fraction=0.15, vocabulary=6000)


@pytest.fixture(scope="module")
def parquet(corpus, tmp_path_factory):
    return corpus.write_parquet(tmp_path_factory.mktemp("corpus") / "corpus.parquet", row_group=ROW_GROUP)


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=":0") as cluster, Client(cluster) as c:
        yield c


def test_the_pandas_index_proposes_the_local_index_candidates(parquet):
    rows = read_corpus_file(parquet)
    numbered = [(ordinal(i // ROW_GROUP, i % ROW_GROUP), r) for i, r in enumerate(rows)]
    weights = pair_weights(partition_postings(numbered), max_df=5)
    summed = weights[weights["w"] >= 3.0 - 1e-9].assign(score=lambda f: f["w"].round(6))
    kept = best_per_doc(both_sides(summed), per_doc=3)
    index = ShingleIndex(max_df=5)
    for r in rows:
        index.add(r.doc.key, r.doc.text)
    by_ordinal = {o: r.doc.key for o, r in numbered}
    got = {(by_ordinal[a], by_ordinal[b], s) for a, b, s in zip(kept["a"], kept["b"], kept["score"])}
    assert got == set(index.candidate_pairs(per_doc=3)) and len(got) > 20


def test_cluster_scan_equals_the_local_scan(client, parquet, corpus):
    local = scan([r.doc for r in read_corpus_file(parquet)], workers=1)
    seen = []
    done = cluster_scan(str(parquet), client=client, progress=lambda d, t: seen.append((d, t)))
    assert done.documents == DOCS and done.figures["partitions"] == 4
    assert done.result.candidates == local.candidates
    assert done.result.records == local.records  # pairs, shares, verdicts, directions, order
    assert corpus.planted_pairs <= {tuple(sorted((r.a, r.b))) for r in done.result.records}
    assert set(done.result.keys) == {k for r in local.records for k in (r.a, r.b)}
    assert seen and seen[-1][0] == seen[-1][1]  # progress reaches its total


def test_cli_on_a_scheduler_address_writes_what_the_local_scan_writes(client, capsys, tmp_path, corpus):
    source = corpus.write_jsonl(tmp_path / "corpus.jsonl")
    here, there = tmp_path / "here.json", tmp_path / "there.json"
    assert run_cli(capsys, "scan", source, "--out", here, "--workers", "1")[0] == 0
    status, out, err = run_cli(capsys, "scan", source, "--out", there, "--scheduler", client.scheduler.address)
    assert status == 0, err
    assert f"{DOCS} documents" in out
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (here, there))
    assert a["pairs"] == b["pairs"] and a["documents"] == b["documents"]
    assert b["scheduler"] == client.scheduler.address and b["source_format"] == "jsonl"


def test_a_document_folder_on_the_cluster_skips_repeats_as_locally(client, capsys, tmp_path):
    import shutil

    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    shutil.copy(next(folder.glob("002_*.txt")), folder / "again.txt")
    status, _, err = run_cli(capsys, "scan", folder, "--out", tmp_path / "r.parquet",
                             "--scheduler", client.scheduler.address)
    assert status == 0, err
    assert "again.txt" in err and "same text as 002_" in err
    from reader.core.scan_output import read_result

    result = read_result(tmp_path / "r.parquet")
    edges = {(p.source[:3], p.copy[:3]) for p in result.pairs if p.relation == "derived"}
    assert edges == {("002", "003"), ("002", "004"), ("003", "004")}
    assert result.header.source == str(folder) and result.header.documents_scanned == 5


def test_dask_expressions_take_no_class_wide_lock_before_python_3_12():
    # Python 3.11's cached_property locks per class: the scan deadlocked between this thread and
    # a LocalCluster scheduler's offload thread (reader.cluster.compat).
    import functools
    import sys

    from dask.dataframe.dask_expr._expr import Projection

    from reader.cluster.compat import unlock_cached_properties

    unlock_cached_properties()
    prop = Projection.__dict__["_meta"]
    assert isinstance(prop, functools.cached_property)
    if sys.version_info < (3, 12):
        assert not hasattr(prop.lock, "acquire")
