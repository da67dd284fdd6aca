"""Mean sentiment with intervals for every cell a comparison draws: an outlet group, an outlet,
a month, a group and month (the timeline), or any article column (FA-KES's credibility label).

Every cell gets its mean (score units, -1 to 1) and a 95% article-cluster bootstrap interval
(quotelens.sentiment.estimates.cluster_bootstrap_mean, seeded per cell), for the masked
headline score and the unmasked one side by side, with the same resampled articles for both; a
cell resting on fewer than MIN_ARTICLES articles is flagged `few_articles` (figures grey it out
and label it "n < MIN"). Statements of duplicate articles are set aside by default.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from quotelens.compare.once import kept_statements
from quotelens.compare.speaker_types import MIN_ARTICLES
from quotelens.sentiment.estimates import N_BOOTSTRAP, cluster_bootstrap_mean, group_rng

CELL_COLUMNS = ["n_statements", "n_articles", "mean", "ci_low", "ci_high",
                "mean_unmasked", "unmasked_low", "unmasked_high", "masking_shift", "few_articles"]


def cell_estimates(scored: pd.DataFrame, by, score_column: str = "sentiment",
                   unmasked_column: str = "sentiment_unmasked", min_articles: int = MIN_ARTICLES,
                   n_boot: int = N_BOOTSTRAP, seed: int = 0, once_per_text: bool = True) -> pd.DataFrame:
    """One row per cell of `by` (a column name or a list): the `by` columns, then CELL_COLUMNS:
    n_statements and n_articles (scored), mean with ci_low/ci_high, mean_unmasked with
    unmasked_low/unmasked_high (NaN without the unmasked column), masking_shift (mean -
    mean_unmasked), few_articles (n_articles < min_articles). Intervals are NaN for a cell of one
    article. Rows sorted by the `by` columns; rows missing a `by` value or a score are left out."""
    by = [by] if isinstance(by, str) else list(by)
    missing = [c for c in by + [score_column, "article_id"] if c not in scored.columns]
    if missing:
        raise ValueError(f"cell_estimates: missing column(s) {missing}")
    data = kept_statements(scored, once_per_text).dropna(subset=[score_column] + by)
    has_unmasked = unmasked_column in data.columns
    rows = []
    for key, group in data.groupby(by, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        row = dict(zip(by, key))
        mean, low, high = cluster_bootstrap_mean(group[score_column], group["article_id"], n_boot, seed, key)
        row.update(n_statements=len(group), n_articles=int(group["article_id"].nunique()), mean=mean, ci_low=low, ci_high=high)
        if has_unmasked:
            # same seed and key: the same articles are drawn for both scores
            m, lo, hi = cluster_bootstrap_mean(group[unmasked_column], group["article_id"], n_boot, seed, key)
        else:
            m = lo = hi = np.nan
        row.update(mean_unmasked=m, unmasked_low=lo, unmasked_high=hi, masking_shift=mean - m)
        row["few_articles"] = row["n_articles"] < min_articles
        rows.append(row)
    return pd.DataFrame(rows, columns=by + CELL_COLUMNS)


def with_article_column(statements: pd.DataFrame, articles: pd.DataFrame, column: str) -> pd.DataFrame:
    """`statements` with `column` taken from their article (replacing a copy already there)."""
    if column not in articles.columns:
        raise ValueError(f"articles table has no column {column!r}")
    left = statements.drop(columns=[column]) if column in statements.columns else statements
    return left.merge(articles[["article_id", column]].drop_duplicates("article_id"), on="article_id", how="left")


def compare_by_column(scored: pd.DataFrame, articles: pd.DataFrame, column: str, **options) -> pd.DataFrame:
    """Mean sentiment per value of any article column (e.g. FA-KES's `labels`, 1 = credible,
    0 = not), with intervals and flags as `cell_estimates` (options passed on), plus
    `n_articles_corpus`, the articles with that value in the whole corpus (duplicates set aside
    when `once_per_text`, the default)."""
    data = with_article_column(scored, articles, column)
    out = cell_estimates(data, column, **options)
    arts = articles
    if options.get("once_per_text", True) and "duplicate_of" in articles.columns:
        arts = articles[articles["duplicate_of"].isna()]
    corpus = arts.groupby(column).size()
    out.insert(1, "n_articles_corpus", out[column].map(corpus).fillna(0).astype(int))
    return out


def column_value_labels(column: str, spec: dict | None) -> tuple[str, Callable[[object], str]]:
    """(name, label_of) for an article column compared by `compare_by_column`, from a config
    entry `spec` = {"name": what the column is, "values": {value: what it means}} (e.g. FA-KES's
    `labels`: {"name": "FA-KES credibility label", "values": {0: "not credible", 1:
    "credible"}}). A value is looked up as given, then as text ("1" for 1); without a spec, or
    for a value it does not list, the column's name and the value as written."""
    spec = spec or {}
    values = {str(k): str(v) for k, v in (spec.get("values") or {}).items()}

    def label_of(value) -> str:
        return values.get(str(value), str(value))

    return str(spec.get("name") or column), label_of


def difference_interval(scored: pd.DataFrame, column: str, a, b, score_column: str = "sentiment",
                        n_boot: int = N_BOOTSTRAP, seed: int = 0, level: float = 0.95) -> tuple[float, float, float]:
    """Difference in mean score (score units) between the statements with `column` == a and
    those with == b, and its percentile interval from resampling each side's articles
    independently (seeded). Returns (difference, low, high); NaN bounds when a side has fewer
    than two articles."""
    data = scored.dropna(subset=[score_column])
    draws = []
    for value in (a, b):
        part = data[data[column] == value]
        codes, uniques = pd.factorize(part["article_id"].astype(str), sort=True)
        k = len(uniques)
        sums = np.bincount(codes, weights=part[score_column].to_numpy(dtype=float), minlength=k)
        counts = np.bincount(codes, minlength=k).astype(float)
        if k < 2:
            return (np.nan, np.nan, np.nan)
        pick = group_rng(seed, ("difference", column, str(value))).integers(0, k, size=(n_boot, k))
        draws.append((sums.sum() / counts.sum(), sums[pick].sum(axis=1) / counts[pick].sum(axis=1)))
    diff = float(draws[0][0] - draws[1][0])
    alpha = (1 - level) / 2
    low, high = np.quantile(draws[0][1] - draws[1][1], [alpha, 1 - alpha])
    return diff, float(low), float(high)


def headline_both(scored: pd.DataFrame, **options) -> dict:
    """The corpus-wide headline, masked and unmasked side by side: {n_statements, n_articles,
    mean, ci_low, ci_high, mean_unmasked, unmasked_low, unmasked_high, masking_shift} (score
    units), from `cell_estimates` over one cell holding every statement."""
    data = scored.assign(_all="all")
    row = cell_estimates(data, "_all", **options).iloc[0]
    return {c: (row[c].item() if hasattr(row[c], "item") else row[c]) for c in CELL_COLUMNS if c != "few_articles"}


def headline_sentence(both: dict, masking: bool = True) -> str:
    """The headline mean stated with its unmasked value beside it (intervals left out when the
    statements come from one article). masking: whether a topic-word list was masked in this
    run (03_sentiment's settings); off, the mean is stated once, as unmasked."""
    def interval(low: float, high: float, lead: str) -> str:
        return f" ({lead}{low:+.2f} to {high:+.2f})" if np.isfinite(low) else ""

    articles = "1 article" if both["n_articles"] == 1 else f"{both['n_articles']} articles"
    if not masking:
        return (f"Mean sentiment over {both['n_statements']} statements from {articles} is "
                f"{both['mean_unmasked']:+.2f}{interval(both['unmasked_low'], both['unmasked_high'], '95% CI ')}, "
                "on a scale from -1 to +1; statements are scored unmasked (topic-word masking was off).")
    return (f"Mean sentiment over {both['n_statements']} statements from {articles} is "
            f"{both['mean']:+.2f}{interval(both['ci_low'], both['ci_high'], '95% CI ')} with topic words masked and "
            f"{both['mean_unmasked']:+.2f}{interval(both['unmasked_low'], both['unmasked_high'], '')} unmasked, "
            f"on a scale from -1 to +1.")


#: The columns of `cell_estimates` that compare masked with unmasked means.
UNMASKED_COLUMNS = ("mean_unmasked", "unmasked_low", "unmasked_high", "masking_shift")


def cells_shown(cells: pd.DataFrame, masking: bool) -> pd.DataFrame:
    """`cells` as a table to show: with masking off (no topic-word list in this run) the
    unmasked columns repeat the means and the shift is 0, so they are left out."""
    return cells if masking else cells.drop(columns=[c for c in UNMASKED_COLUMNS if c in cells.columns])
