"""A worker lost in the middle of a cluster scan costs time, not results (issue 14).

A ``LocalCluster`` of two worker processes (each under a nanny, as ``dask worker`` runs them)
is started for each test; one worker is killed with SIGKILL while a phase is running, as the
kernel's out-of-memory killer or a lost machine would. Dask recomputes what the dead worker held
(and restarts a P2P shuffle it took part in); the nanny starts a new worker. The result must
equal the local scan's.
"""

import os
import signal
import threading

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from benchmarks.synthetic_corpus import generate_corpus  # noqa: E402
from reader.cluster.scan import cluster_scan  # noqa: E402
from reader.core.corpus import scan  # noqa: E402
from reader.core.corpus_files import read_corpus_file  # noqa: E402

DOCS = 160
ROW_GROUP = 40  # four partitions: both shuffles move data between the two workers


@pytest.fixture(scope="module")
def parquet(tmp_path_factory):
    corpus = generate_corpus(DOCS, seed=5, copy_fraction=0.15, vocabulary=6000)
    return corpus.write_parquet(tmp_path_factory.mktemp("corpus") / "corpus.parquet", row_group=ROW_GROUP)


@pytest.mark.parametrize("phase_to_hit", ["candidates", "alignment"])
def test_a_worker_killed_mid_phase_changes_nothing(parquet, phase_to_hit):
    from distributed import Client, LocalCluster

    local = scan([r.doc for r in read_corpus_file(parquet)], workers=1)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        pids = set(client.run(os.getpid).values())
        current = {"phase": ""}
        killed = threading.Event()

        def phase(name):
            current["phase"] = name

        def progress(done, total):
            # The first task of the phase is done, so the others are queued or running.
            if current["phase"] == phase_to_hit and done >= 1 and not killed.is_set():
                killed.set()
                os.kill(min(pids), signal.SIGKILL)

        done = cluster_scan(str(parquet), client=client, progress=progress, phase=phase)
        after = set(client.run(os.getpid).values())
    assert killed.is_set()
    assert min(pids) not in after  # the worker was really lost (and replaced by its nanny)
    assert done.result.candidates == local.candidates
    assert done.result.records == local.records
