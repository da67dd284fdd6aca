"""Per-actor sentiment estimates with honest uncertainty.

- Mean score with a 95% cluster-bootstrap interval: statements from one article share its
  framing and its reporter, so they are not independent; we resample whole articles with
  replacement and recompute the mean of all their statements (a ratio estimator), B times.
  Percentile interval. One article gives no interval (NaN) and a flag.
- Shares of negative / neutral / positive statements with 95% intervals from the same kind of
  article-cluster bootstrap (`cluster_bootstrap_shares`): Wilson intervals treat statements as
  independent and came out too narrow when an article's statements share a tone. Where every
  statement has the same outcome the resamples cannot vary, so that share gets the Wilson
  interval with the number of articles as its sample size instead.
- Flags: the methods' mean scores disagree in sign, or the interval includes zero.

Every draw comes from numpy's default_rng seeded with (seed, crc32 of the group's key), so a
group's interval does not depend on which other groups are in the table, and reruns are identical.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from quotelens.compare.once import kept_statements

Z_95 = 1.959963984540054  # two-sided 95% normal quantile
N_BOOTSTRAP = 2000
SIGN_BAND = 0.05  # mean scores within +-0.05 count as "no sign" when checking agreement
# With fewer articles than this, a percentile bootstrap has too few distinct resamples to be
# trusted (two articles give only three possible means); such rows are flagged.
FEW_ARTICLES = 5


def wilson_interval(successes, n, z: float = Z_95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for proportions successes/n (arrays allowed); bounds on [0, 1].
    n == 0 gives NaN."""
    k = np.asarray(successes, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
        low = np.where(n > 0, np.clip(centre - half, 0, 1), np.nan)
        high = np.where(n > 0, np.clip(centre + half, 0, 1), np.nan)
    return low, high


def group_rng(seed: int, key) -> np.random.Generator:
    """A generator for one group, from `seed` and the group's key (stable across runs)."""
    return np.random.default_rng([int(seed), zlib.crc32(repr(key).encode("utf-8"))])


def cluster_bootstrap_mean(
    scores, clusters, n_boot: int = N_BOOTSTRAP, seed: int = 0, key="", level: float = 0.95
) -> tuple[float, float, float]:
    """Mean of `scores` and its percentile interval from resampling `clusters` (e.g. article
    ids) with replacement, `n_boot` times. Returns (mean, low, high) in score units; low/high
    are NaN with fewer than two clusters. Vectorised: one (n_boot x n_clusters) draw."""
    scores = np.asarray(scores, dtype=float)
    if scores.size == 0:
        return (np.nan, np.nan, np.nan)
    codes, uniques = pd.factorize(pd.Series(list(clusters)), sort=True)
    k = len(uniques)
    sums = np.bincount(codes, weights=scores, minlength=k)
    counts = np.bincount(codes, minlength=k).astype(float)
    mean = float(sums.sum() / counts.sum())
    if k < 2:
        return (mean, np.nan, np.nan)
    draws = group_rng(seed, key).integers(0, k, size=(n_boot, k))
    means = sums[draws].sum(axis=1) / counts[draws].sum(axis=1)
    alpha = (1 - level) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return (mean, float(low), float(high))


def cluster_bootstrap_shares(
    labels, clusters, values=(-1, 0, 1), n_boot: int = N_BOOTSTRAP, seed: int = 0, key="", level: float = 0.95
) -> dict:
    """Share (0-1) of each label in `values` and its percentile interval from resampling
    `clusters` (article ids) with replacement, `n_boot` times, all values from the same draws.
    Returns {value: (share, low, high)}; low/high are NaN with fewer than two clusters. A share
    of exactly 0 or 1 gets the Wilson interval with n = the number of clusters (each article
    counted once: a conservative sample size), because its resamples have no spread."""
    labels = np.asarray(labels)
    codes, uniques = pd.factorize(pd.Series(list(clusters)), sort=True)
    k = len(uniques)
    sizes = np.bincount(codes, minlength=k).astype(float)
    out = {}
    draws = group_rng(seed, ("shares",) + tuple(key if isinstance(key, tuple) else (key,))).integers(0, k, size=(n_boot, k)) if k >= 2 else None
    alpha = (1 - level) / 2
    for value in values:
        hits = np.bincount(codes, weights=(labels == value).astype(float), minlength=k)
        share = float(hits.sum() / sizes.sum()) if sizes.sum() else np.nan
        if draws is None:
            out[value] = (share, np.nan, np.nan)
        elif share in (0.0, 1.0):
            low, high = wilson_interval(round(share * k), k)
            out[value] = (share, float(low), float(high))
        else:
            shares = hits[draws].sum(axis=1) / sizes[draws].sum(axis=1)
            low, high = np.quantile(shares, [alpha, 1 - alpha])
            out[value] = (share, float(low), float(high))
    return out


def _sign(x: float) -> int:
    return 0 if not np.isfinite(x) or abs(x) < SIGN_BAND else int(np.sign(x))


def actor_estimates(
    scored: pd.DataFrame,
    by=("speaker",),
    score_column: str = "sentiment",
    label_column: str = "label",
    method_columns=(),
    unmasked_column: str | None = "sentiment_unmasked",
    cluster_column: str = "article_id",
    min_statements: int = 5,
    n_boot: int = N_BOOTSTRAP,
    seed: int = 0,
    once_per_text: bool = True,
) -> pd.DataFrame:
    """One row per group of `by` (e.g. speaker; speaker and source; speaker and month) with at
    least `min_statements` scored statements:

    n_statements, n_articles; mean (score units, [-1, 1]) with ci_low/ci_high (95% cluster
    bootstrap over `cluster_column`); share_negative/neutral/positive (0-1) of `label_column`
    with 95% cluster-bootstrap bounds (`_low`, `_high`; `cluster_bootstrap_shares`); mean_<method> per method column; mean_unmasked and
    masking_shift (mean - mean_unmasked); methods_disagree (the headline or some methods'
    means have opposite signs, each |mean| >= 0.05), ci_crosses_zero, single_article, and `flags` (text; also
    notes intervals from fewer than FEW_ARTICLES articles).
    Rows are sorted by mean (descending), then the group keys.
    once_per_text: statements of duplicate articles (a `duplicate_of` column) are set aside
    (quotelens.compare.once); a table without the column is used whole."""
    by = list(by)
    missing = [c for c in by + [score_column, label_column, cluster_column] if c not in scored.columns]
    if missing:
        raise ValueError(f"actor_estimates: missing column(s) {missing}")
    scored = kept_statements(scored, once_per_text)
    data = scored.dropna(subset=[score_column] + by)
    rows = []
    for key, group in data.groupby(by, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        n = len(group)
        if n < min_statements:
            continue
        mean, low, high = cluster_bootstrap_mean(group[score_column], group[cluster_column], n_boot, seed, key)
        row = dict(zip(by, key))
        row.update(n_statements=n, n_articles=int(group[cluster_column].nunique()), mean=mean, ci_low=low, ci_high=high)
        shares = cluster_bootstrap_shares(group[label_column].to_numpy(), group[cluster_column], n_boot=n_boot,
                                          seed=seed, key=key)
        for value, name in ((-1, "negative"), (0, "neutral"), (1, "positive")):
            row[f"share_{name}"], row[f"share_{name}_low"], row[f"share_{name}_high"] = shares[value]
        signs = {_sign(mean)}  # the headline score counts as one of the methods
        for col in method_columns:
            m = float(group[col].mean())
            row[f"mean_{col}"] = m
            signs.add(_sign(m))
        if unmasked_column and unmasked_column in group.columns:
            row["mean_unmasked"] = float(group[unmasked_column].mean())
            row["masking_shift"] = mean - row["mean_unmasked"]
        row["methods_disagree"] = bool({-1, 1} <= signs)
        row["single_article"] = row["n_articles"] < 2
        row["ci_crosses_zero"] = bool(np.isfinite(low) and low <= 0 <= high)
        flags = []
        if row["methods_disagree"]:
            flags.append("methods disagree in sign")
        if row["ci_crosses_zero"]:
            flags.append("interval includes 0")
        if row["single_article"]:
            flags.append("one article: no interval")
        elif row["n_articles"] < FEW_ARTICLES:
            flags.append(f"fewer than {FEW_ARTICLES} articles: interval unreliable")
        row["flags"] = "; ".join(flags)
        rows.append(row)
    columns = by + ["n_statements", "n_articles", "mean", "ci_low", "ci_high"]
    columns += [f"share_{n}{s}" for n in ("negative", "neutral", "positive") for s in ("", "_low", "_high")]
    columns += [f"mean_{c}" for c in method_columns]
    if unmasked_column and unmasked_column in data.columns:
        columns += ["mean_unmasked", "masking_shift"]
    columns += ["methods_disagree", "ci_crosses_zero", "single_article", "flags"]
    out = pd.DataFrame(rows, columns=columns)
    if len(out):
        out = out.sort_values(["mean"] + by, ascending=[False] + [True] * len(by), kind="mergesort").reset_index(drop=True)
    return out


def add_month(scored: pd.DataFrame, date_column: str = "date") -> pd.DataFrame:
    """A copy with `month` ("YYYY-MM", missing where the date is unknown)."""
    out = scored.copy()
    dates = pd.to_datetime(out[date_column], errors="coerce") if date_column in out.columns else pd.Series(pd.NaT, index=out.index)
    out["month"] = dates.dt.strftime("%Y-%m").where(dates.notna(), None)
    return out


def top_actors(scored: pd.DataFrame, n: int, column: str = "speaker") -> list[str]:
    """The `n` actors with most scored statements (ties broken by name)."""
    counts = scored.dropna(subset=[column, "sentiment"]).groupby(column).size()
    counts = counts.reset_index(name="n").sort_values(["n", column], ascending=[False, True], kind="mergesort")
    return counts[column].head(n).tolist()
