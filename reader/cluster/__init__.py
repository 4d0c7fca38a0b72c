"""Scans on a Dask cluster (the optional ``cluster`` extra: dask, distributed, pyarrow).

``reader.cluster.scan.cluster_scan`` runs the whole corpus scan on a cluster; ``sources`` cuts
SOURCE into partitions the workers read; ``candidates`` is the shingle index as a shuffle;
``progress`` forwards the scheduler's task counts. Nothing outside the ``scan`` command imports
this package, and only when ``--scheduler`` is given, so Reader runs without Dask installed.
Must not import Qt or reader.storage.
"""
