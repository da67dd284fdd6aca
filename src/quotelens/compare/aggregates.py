"""Small reducible tables from a statements dataset: per-actor sums for the bootstrap and term
counts per group, computed part by part and summed (no statement text leaves its part).

- `actor_article_sums`: one row per (speaker, article): statements, sentiment sum and label
  counts. Articles are the bootstrap's clusters, so these sums are all a cluster bootstrap of
  per-actor mean sentiment needs (`actor_bootstrap` gives the same mean and interval as
  `sentiment.estimates.actor_estimates`, tested).
- `term_counts`: one row per (group, term): occurrences of the term (quotelens.keywords.tokens terms) in
  the group's statements; the y matrix of `keywords.keyword_table`.

Both are sums, so partial tables from any split of the statements add up to the same result
(`reduce_sums`, `reduce_term_counts`); pandas and Dask engines use the same functions.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from quotelens.compare.once import kept_statements

SUM_KEYS = ["speaker", "article_id"]
SUM_COLUMNS = ["n_statements", "sentiment_sum", "n_negative", "n_neutral", "n_positive"]
#: Statement columns each aggregate reads.
SUM_INPUT = ["speaker", "article_id", "sentiment", "label"]


def actor_article_sums(statements: pd.DataFrame, score_column: str = "sentiment", label_column: str = "label",
                       once_per_text: bool = True) -> pd.DataFrame:
    """Per (speaker, article_id): n_statements, sentiment_sum (score units, each score on
    [-1, 1]) and n_negative / n_neutral / n_positive (label -1 / 0 / 1). Statements without a
    speaker or a score are left out, as `actor_estimates` leaves them out; with `once_per_text`,
    so are statements of duplicate articles when the table has `duplicate_of` (compare.once)."""
    data = kept_statements(statements, once_per_text).dropna(subset=[score_column, "speaker"])
    if data.empty:
        return empty_sums()
    labels = data[label_column].to_numpy()
    frame = pd.DataFrame({
        "speaker": data["speaker"].astype(str).to_numpy(),
        "article_id": data["article_id"].astype(str).to_numpy(),
        "n_statements": np.ones(len(data), dtype=np.int64),
        "sentiment_sum": data[score_column].to_numpy(dtype=float),
        "n_negative": (labels == -1).astype(np.int64),
        "n_neutral": (labels == 0).astype(np.int64),
        "n_positive": (labels == 1).astype(np.int64),
    })
    return frame.groupby(SUM_KEYS, sort=True, as_index=False)[SUM_COLUMNS].sum()


def empty_sums() -> pd.DataFrame:
    """An empty `actor_article_sums` table with its dtypes."""
    return pd.DataFrame({
        "speaker": pd.Series(dtype=object), "article_id": pd.Series(dtype=object),
        "n_statements": pd.Series(dtype=np.int64), "sentiment_sum": pd.Series(dtype=float),
        "n_negative": pd.Series(dtype=np.int64), "n_neutral": pd.Series(dtype=np.int64),
        "n_positive": pd.Series(dtype=np.int64),
    })


def reduce_sums(parts) -> pd.DataFrame:
    """Add up partial `actor_article_sums` tables; rows sorted by speaker, article_id."""
    frames = [p for p in parts if len(p)]
    if not frames:
        return empty_sums()
    total = pd.concat(frames, ignore_index=True).groupby(SUM_KEYS, sort=True, as_index=False)[SUM_COLUMNS].sum()
    return total.astype({c: np.int64 for c in SUM_COLUMNS if c != "sentiment_sum"})


def term_counts(statements: pd.DataFrame, by: str = "speaker", text_column: str = "quote", options=None,
                once_per_text: bool = True) -> pd.DataFrame:
    """Per (group, term): n, the term's occurrences in the group's statements (terms and
    tokenisation as quotelens.keywords.tokens.iter_terms with `options`). Rows without a group are
    skipped, as `keywords.prepare` skips them; with `once_per_text`, so are statements of
    duplicate articles when the table has `duplicate_of` (compare.once)."""
    from quotelens.keywords.tokens import iter_terms

    statements = kept_statements(statements, once_per_text)
    counts: Counter = Counter()
    for group, text in zip(statements[by].tolist(), statements[text_column].tolist()):
        if group is None or (isinstance(group, float) and np.isnan(group)) or not str(group).strip():
            continue
        if not isinstance(text, str):
            continue
        g = str(group)
        for term in iter_terms(text, options):
            counts[(g, term.term)] += 1
    return _counts_frame(counts, by)


def _counts_frame(counts: Counter, by: str) -> pd.DataFrame:
    keys = sorted(counts)
    return pd.DataFrame({
        by: pd.Series([k[0] for k in keys], dtype=object),
        "term": pd.Series([k[1] for k in keys], dtype=object),
        "n": pd.Series([counts[k] for k in keys], dtype=np.int64),
    })


def reduce_term_counts(parts, by: str = "speaker") -> pd.DataFrame:
    """Add up partial `term_counts` tables; rows sorted by group, term."""
    frames = [p for p in parts if len(p)]
    if not frames:
        return _counts_frame(Counter(), by)
    total = pd.concat(frames, ignore_index=True).groupby([by, "term"], sort=True, as_index=False)["n"].sum()
    total["n"] = total["n"].astype(np.int64)
    return total


def actor_bootstrap(sums: pd.DataFrame, min_statements: int = 5, n_boot: int | None = None, seed: int = 0) -> pd.DataFrame:
    """Per speaker with at least `min_statements` statements: n_statements, n_articles, mean
    sentiment (score units) and its 95% cluster-bootstrap interval over articles (ci_low,
    ci_high), from `actor_article_sums` alone. Draws as `estimates.cluster_bootstrap_mean`
    (same seed per speaker, clusters in sorted article order), so the results equal
    `actor_estimates` on the full statements table up to float rounding of the sums."""
    from quotelens.sentiment.estimates import N_BOOTSTRAP, group_rng

    n_boot = N_BOOTSTRAP if n_boot is None else n_boot
    rows = []
    for speaker, g in sums.sort_values(SUM_KEYS, kind="mergesort").groupby("speaker", sort=True):
        n = int(g["n_statements"].sum())
        if n < min_statements:
            continue
        s = g["sentiment_sum"].to_numpy(dtype=float)
        c = g["n_statements"].to_numpy(dtype=float)
        k = len(g)
        mean = float(s.sum() / c.sum())
        low = high = np.nan
        if k >= 2:
            draws = group_rng(seed, (speaker,)).integers(0, k, size=(n_boot, k))
            means = s[draws].sum(axis=1) / c[draws].sum(axis=1)
            alpha = (1 - 0.95) / 2  # written as estimates.cluster_bootstrap_mean writes it
            low, high = (float(v) for v in np.quantile(means, [alpha, 1 - alpha]))
        rows.append({"speaker": speaker, "n_statements": n, "n_articles": k, "mean": mean,
                     "ci_low": low, "ci_high": high})
    out = pd.DataFrame(rows, columns=["speaker", "n_statements", "n_articles", "mean", "ci_low", "ci_high"])
    return out.sort_values(["mean", "speaker"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
