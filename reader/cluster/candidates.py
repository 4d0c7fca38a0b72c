"""Candidate pairs on a Dask cluster: the shingle index of ``reader.core.shingles``, never in one process.

The local ``ShingleIndex`` keeps every posting in one dictionary. Here the same evidence is
computed as a pipeline of Dask DataFrames, each step per partition:

1. ``partition_postings``: the ``(shingle, doc)`` postings of one partition of documents
   (``reader.core.shingles.shingles``, the local scan's hashes).
2. shuffle by shingle (Dask's P2P shuffle on a cluster): every posting of one shingle lands in
   one partition.
3. ``pair_weights``: per shingle carried by ``m`` documents, ``2 <= m <= max_df``, every pair of
   them gets ``1/(m-1)`` (a shingle in more than ``max_df`` documents is no evidence, as in the
   local index), summed per pair inside the partition.
4. group by pair across partitions, sum, keep pairs reaching ``min_score``.
5. ``best_per_doc`` after a shuffle by document: a pair stays when it is among the ``per_doc``
   best of either document (ties: the earlier document), as ``ShingleIndex.candidate_pairs``.

``candidate_frame(parts, ...)`` wires these into one lazy DataFrame of ``(a, b, score)`` with
``a < b`` (ordinals, ``reader.cluster.sources``) and a few lazy counts for the scaling figures.
Imports Dask, pandas and numpy; must not import Qt or reader.storage.
"""

from __future__ import annotations

from dataclasses import dataclass

import dask.dataframe as dd
import numpy as np
import pandas as pd

from reader.core.shingles import shingles

#: Float sums of 1/(m-1) may fall a hair short of a whole number (the local index's tolerance).
SCORE_TOLERANCE = 1e-9
#: Scores are compared and ranked rounded to this many decimals, as the local index does.
SCORE_DECIMALS = 6

POSTINGS_META = pd.DataFrame({"shingle": pd.Series([], dtype="int64"), "doc": pd.Series([], dtype="int64")})
PAIRS_META = pd.DataFrame({"a": pd.Series([], dtype="int64"), "b": pd.Series([], dtype="int64"),
                           "w": pd.Series([], dtype="float64")})
SIDES_META = pd.DataFrame({"doc": pd.Series([], dtype="int64"), "other": pd.Series([], dtype="int64"),
                           "score": pd.Series([], dtype="float64")})
CANDIDATES_META = pd.DataFrame({"a": pd.Series([], dtype="int64"), "b": pd.Series([], dtype="int64"),
                                "score": pd.Series([], dtype="float64")})


def partition_postings(rows) -> pd.DataFrame:
    """The ``(shingle, doc)`` postings of one partition ``[(ordinal, SourceRow), ...]``."""
    hashes, docs = [], []
    for number, row in rows:
        found = shingles(row.doc.text)
        hashes.append(np.fromiter(found, dtype=np.int64, count=len(found)))
        docs.append(np.full(len(found), number, dtype=np.int64))
    if not hashes:
        return POSTINGS_META.copy()
    return pd.DataFrame({"shingle": np.concatenate(hashes), "doc": np.concatenate(docs)})


def pair_weights(postings: pd.DataFrame, max_df: int) -> pd.DataFrame:
    """Per pair of documents, the summed weights of the shingles of this partition they share."""
    if postings.empty:
        return PAIRS_META.copy()
    ordered = postings.sort_values(["shingle", "doc"], kind="stable")
    sh = ordered["shingle"].to_numpy()
    docs = ordered["doc"].to_numpy()
    starts = np.flatnonzero(np.r_[True, sh[1:] != sh[:-1]])
    sizes = np.diff(np.r_[starts, len(sh)])
    frames = []
    for m in np.unique(sizes):
        if m < 2 or m > max_df:
            continue
        # All shingles carried by exactly m documents at once: an (n, m) matrix of their
        # documents, and every column pair i < j of it (documents are sorted, so a < b).
        members = docs[starts[sizes == m][:, None] + np.arange(m)]
        i, j = np.triu_indices(int(m), 1)
        frames.append(pd.DataFrame({"a": members[:, i].ravel(), "b": members[:, j].ravel(),
                                    "w": np.full(members.shape[0] * len(i), 1.0 / (m - 1))}))
    if not frames:
        return PAIRS_META.copy()
    pairs = pd.concat(frames, ignore_index=True)
    return pairs.groupby(["a", "b"], sort=False, as_index=False)["w"].sum()


def both_sides(pairs: pd.DataFrame) -> pd.DataFrame:
    """Each candidate pair twice, once from each document's side."""
    return pd.concat([pd.DataFrame({"doc": pairs["a"], "other": pairs["b"], "score": pairs["score"]}),
                      pd.DataFrame({"doc": pairs["b"], "other": pairs["a"], "score": pairs["score"]})],
                     ignore_index=True)


def best_per_doc(sides: pd.DataFrame, per_doc: int) -> pd.DataFrame:
    """The pairs among the ``per_doc`` best of a document (score down, then earlier other)."""
    if sides.empty:
        return CANDIDATES_META.copy()
    top = sides.sort_values(["doc", "score", "other"], ascending=[True, False, True]).groupby("doc").head(per_doc)
    a = np.minimum(top["doc"].to_numpy(), top["other"].to_numpy())
    b = np.maximum(top["doc"].to_numpy(), top["other"].to_numpy())
    return pd.DataFrame({"a": a, "b": b, "score": top["score"].to_numpy()}).drop_duplicates(["a", "b"])


@dataclass(frozen=True, slots=True)
class CandidatePlan:
    """The lazy candidate pairs and the lazy figures of the scaling note."""

    candidates: dd.DataFrame
    documents: object  # lazy int: documents read
    postings: object  # lazy int: (shingle, doc) rows shuffled
    pair_rows: object  # lazy int: pair-weight rows leaving the shingle partitions (second shuffle)
    scored_pairs: object  # lazy int: pairs with a score before the threshold


def candidate_frame(parts, *, max_df: int, min_score: float, per_doc: int | None) -> CandidatePlan:
    """Candidate pairs of the partitions ``parts`` (delayed ``[(ordinal, SourceRow), ...]``)."""
    import dask

    postings = dd.from_delayed([dask.delayed(partition_postings)(p) for p in parts], meta=POSTINGS_META,
                               verify_meta=False)
    documents = dask.delayed(sum)([dask.delayed(len)(p) for p in parts])
    # As many shingle partitions as source partitions: each holds about one partition's postings.
    by_shingle = postings.shuffle(on="shingle", npartitions=max(1, postings.npartitions))
    weights = by_shingle.map_partitions(pair_weights, max_df, meta=PAIRS_META)
    scores = weights.groupby(["a", "b"]).w.sum(split_out=max(1, weights.npartitions)).reset_index()
    floor = min_score - SCORE_TOLERANCE
    kept = scores[scores["w"] >= floor]
    kept = kept.assign(score=kept["w"].round(SCORE_DECIMALS))[["a", "b", "score"]]
    if per_doc is not None:
        sides = kept.map_partitions(both_sides, meta=SIDES_META)
        sides = sides.shuffle(on="doc", npartitions=max(1, sides.npartitions))
        kept = sides.map_partitions(best_per_doc, per_doc, meta=CANDIDATES_META)
        kept = kept.drop_duplicates(subset=["a", "b"], split_out=max(1, kept.npartitions))
    return CandidatePlan(kept, documents, postings.shape[0], weights.shape[0], scores.shape[0])
