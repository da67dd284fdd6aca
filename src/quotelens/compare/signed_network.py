"""The signed "speaks about" network: who speaks negatively or positively about whom
(issue 15, item 2), from the Targets table (`compare.statement_targets`).

An edge runs from a speaker to a target they name inside their statements. Its sentiment is the
mean, over the edge's statements, of each statement's sentiment towards the target (the mean of
its mentions' target scores when it names the target twice), on [-1, 1]; its interval is the 95%
article-cluster bootstrap of that mean (quotelens.sentiment.estimates.cluster_bootstrap_mean:
whole articles resampled, because statements of one article share a story and a reporter; seeded
per edge, so an edge's interval does not depend on the other edges). A speaker naming themself,
and a speaker naming their own organisation or state when the registry links them
(`statement_targets.registry_affiliations`: its `speaks_for`, or a `side` naming another actor),
are not edges. As every aggregate of the report, edges count each text once: given the
statements table the targets came from, the targets of statements in articles flagged as copies
of another are set aside (quotelens.compare.once).
"""

from __future__ import annotations

from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from quotelens.compare.once import duplicate_articles
from quotelens.sentiment.estimates import N_BOOTSTRAP, cluster_bootstrap_mean

EDGE_COLUMNS = ["source", "target", "n_statements", "n_articles", "mean", "ci_low", "ci_high", "share_negative",
                "share_positive", "sign", "statement_ids"]


def is_own(affiliations: Mapping[str, Iterable[str]], speaker: str, target: str) -> bool:
    """Whether `target` is one of the organisations or states `speaker` belongs to
    (`statement_targets.registry_affiliations`; a single name is allowed for one link)."""
    linked = affiliations.get(speaker, ())
    return target == linked if isinstance(linked, str) else target in linked


def statement_scores(targets: pd.DataFrame, affiliations: Mapping[str, Iterable[str]] | None = None) -> pd.DataFrame:
    """One row per (statement, target) with statement_id, article_id, speaker, target, `score`
    (mean of the mentions' scores, -1..1) and `label` (the sign of the mentions' mean label,
    -1/0/1); self-references and a speaker's own organisations (`affiliations`) left out."""
    affiliations = affiliations or {}
    keep = targets[~targets["is_speaker"].astype(bool)]
    own = [is_own(affiliations, s, t) for s, t in zip(keep["speaker"], keep["target"])]
    keep = keep[~np.asarray(own, dtype=bool)] if len(keep) else keep
    grouped = keep.groupby(["statement_id", "article_id", "speaker", "target"], sort=True)
    out = grouped.agg(score=("score", "mean"), label=("label", "mean")).reset_index()
    out["label"] = np.sign(out["label"]).astype(int)
    return out


def speaks_about_sentiment(targets: pd.DataFrame, affiliations: Mapping[str, Iterable[str]] | None = None,
                           min_statements: int = 1, min_articles: int = 2, n_boot: int = N_BOOTSTRAP,
                           seed: int = 0, statements: pd.DataFrame | None = None) -> pd.DataFrame:
    """Edges speaker -> target with at least `min_statements` statements from at least
    `min_articles` articles (fewer than two articles give no interval, so such edges are left
    out by default; their number is in `result.attrs["edges_left_out"]`). Columns: source,
    target, n_statements, n_articles, mean (-1..1), ci_low/ci_high (95% article-cluster
    bootstrap, score units), share_negative/share_positive (0-1, of the statements' labels),
    sign ("negative" or "positive" when the interval excludes 0, else "unclear"),
    statement_ids (sorted). Sorted by n_statements (descending), source, target.

    statements: the statements (in context, with `duplicate_of`) the targets were found in;
    targets in articles it flags as copies are set aside, so each text counts once (their
    number is in `result.attrs["targets_set_aside"]`). None: every target counts."""
    copies = duplicate_articles(statements) if statements is not None else set()
    in_copy = targets["article_id"].astype(str).isin(copies) if len(targets) else pd.Series(dtype=bool)
    if len(targets):
        targets = targets[~in_copy]
    per_statement = statement_scores(targets, affiliations)
    rows, left_out = [], 0
    for (source, target), group in per_statement.groupby(["speaker", "target"], sort=True):
        n, n_articles = len(group), int(group["article_id"].nunique())
        if n < min_statements or n_articles < min_articles:
            left_out += 1
            continue
        mean, low, high = cluster_bootstrap_mean(group["score"], group["article_id"], n_boot, seed, (source, target))
        sign = "negative" if high < 0 else "positive" if low > 0 else "unclear"
        rows.append([source, target, n, n_articles, mean, low, high, float(np.mean(group["label"] < 0)),
                     float(np.mean(group["label"] > 0)), sign, sorted(map(str, group["statement_id"]))])
    edges = pd.DataFrame(rows, columns=EDGE_COLUMNS)
    edges = edges.sort_values(["n_statements", "source", "target"], ascending=[False, True, True], kind="mergesort")
    edges = edges.reset_index(drop=True)
    edges.attrs["edges_left_out"] = left_out
    edges.attrs["targets_set_aside"] = int(in_copy.sum())
    return edges
