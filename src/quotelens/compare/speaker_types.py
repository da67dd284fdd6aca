"""Named actors and unnamed sources in the analysis: which statements findings and figures show
as actors, and the share of unnamed sources per outlet group, with its interval.

What counts as named is defined once, in quotelens.extract.speaker_types (`is_named_speaker`;
docs/registry.md, "What counts as named"), and used here and by quotelens.compare.choices:

- a statement's speaker is a **named actor** when the article names it: written as a name (not
  starting with a lower-case letter, unless with a name particle: "al-Jaafari") and not typed an
  unnamed source (`speaker_kind` "unnamed"); pronouns and day or month names never are. Named news agencies ("Reuters", "SANA") and named documents
  count as named actors; `speaker_kind` tells them apart where a table wants people,
  organisations and states only;
- every other statement with a speaker is an **unnamed source**: `speaker_kind` "unnamed"
  ("a military source", "source at Aleppo Police Command", "interviewee") or a label written in
  lower case, a description rather than a name ("media", "local sources", "state media");
- a statement without a speaker is neither (counted in totals only).
Without a `speaker_kind` column, the label alone decides.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from quotelens.compare.once import kept_statements
from quotelens.extract.speaker_types import is_named_speaker
from quotelens.sentiment.estimates import FEW_ARTICLES, N_BOOTSTRAP, cluster_bootstrap_shares

#: Cells resting on fewer articles than this are flagged (and greyed in figures): a percentile
#: bootstrap over 2-4 articles has too few distinct resamples to be trusted.
MIN_ARTICLES = FEW_ARTICLES


def _speaker_kinds(statements: pd.DataFrame) -> pd.Series:
    if "speaker_kind" in statements.columns:
        return statements["speaker_kind"]
    return pd.Series(None, index=statements.index, dtype=object)


def is_named_actor(statements: pd.DataFrame) -> pd.Series:
    """Boolean per row: the speaker is named (`is_named_speaker`; module docstring)."""
    named = [is_named_speaker(s, k) for s, k in zip(statements["speaker"], _speaker_kinds(statements))]
    return pd.Series(named, index=statements.index, dtype=bool)


def is_unnamed(statements: pd.DataFrame) -> pd.Series:
    """Boolean per row: the statement has a speaker and it is an unnamed source (module
    docstring): the complement of `is_named_actor` among statements with a speaker."""
    has_speaker = statements["speaker"].map(lambda s: isinstance(s, str) and bool(s.strip()))
    return (has_speaker & ~is_named_actor(statements)).astype(bool)


def named_actors(statements: pd.DataFrame) -> pd.DataFrame:
    """The rows whose speaker is a named actor (index reset): what findings and actor figures show."""
    return statements[is_named_actor(statements)].reset_index(drop=True)


def unnamed_share(ctx: pd.DataFrame, by: str = "outlet_group", min_articles: int = MIN_ARTICLES,
                  n_boot: int = N_BOOTSTRAP, seed: int = 0, once_per_text: bool = True) -> pd.DataFrame:
    """Share (0-1) of statements made by unnamed sources, per value of `by` (outlet group, or
    `source` when there are no groups), against all other values together ("elsewhere").

    Columns: by, n_statements, n_articles, n_unnamed, share, ci_low, ci_high (95% article-cluster
    bootstrap, estimates.cluster_bootstrap_shares, seeded per value), share_elsewhere,
    elsewhere_low, elsewhere_high, few_articles (n_articles < min_articles). Rows in order of
    `by`. Missing `by` values are left out."""
    data = kept_statements(ctx, once_per_text)
    data = data[data[by].notna()]
    unnamed = is_unnamed(data).to_numpy().astype(int)
    rows = []
    for value in sorted(data[by].unique()):
        inside = (data[by] == value).to_numpy()
        row = {by: value, "n_statements": int(inside.sum()),
               "n_articles": int(data.loc[inside, "article_id"].nunique()), "n_unnamed": int(unnamed[inside].sum())}
        row["share"], row["ci_low"], row["ci_high"] = cluster_bootstrap_shares(
            unnamed[inside], data.loc[inside, "article_id"], values=(1,), n_boot=n_boot, seed=seed, key=("unnamed", value))[1]
        if (~inside).any():
            row["share_elsewhere"], row["elsewhere_low"], row["elsewhere_high"] = cluster_bootstrap_shares(
                unnamed[~inside], data.loc[~inside, "article_id"], values=(1,), n_boot=n_boot, seed=seed,
                key=("unnamed elsewhere", value))[1]
        else:
            row["share_elsewhere"] = row["elsewhere_low"] = row["elsewhere_high"] = np.nan
        row["few_articles"] = row["n_articles"] < min_articles
        rows.append(row)
    columns = [by, "n_statements", "n_articles", "n_unnamed", "share", "ci_low", "ci_high",
               "share_elsewhere", "elsewhere_low", "elsewhere_high", "few_articles"]
    return pd.DataFrame(rows, columns=columns)


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def unnamed_finding(shares: pd.DataFrame, by: str = "outlet_group", label_of=None) -> str:
    """One sentence from `unnamed_share`: the value (among those with enough articles) where
    unnamed sources are most common, its share and interval, against the others' shares."""
    ok = shares[~shares["few_articles"]]
    if ok.empty:
        return "No outlet group has enough articles to compare the share of unnamed sources."
    top = ok.sort_values(["share", by], ascending=[False, True], kind="mergesort").iloc[0]
    name = label_of(top[by]) if label_of else str(top[by])
    others = ok[ok[by] != top[by]]
    if others.empty:
        return (f"Unnamed sources are {_pct(top['share'])} (95% CI {_pct(top['ci_low'])}-{_pct(top['ci_high'])}) of the "
                f"statements in {name} (n = {int(top['n_statements'])} statements, {int(top['n_articles'])} articles).")
    rest = ", ".join(f"{_pct(r['share'])} ({_pct(r['ci_low'])}-{_pct(r['ci_high'])}) in {label_of(r[by]) if label_of else r[by]}"
                     for _, r in others.iterrows())
    return (f"Unnamed sources are {_pct(top['share'])} (95% CI {_pct(top['ci_low'])}-{_pct(top['ci_high'])}) of the "
            f"statements in {name} (n = {int(top['n_statements'])} statements, {int(top['n_articles'])} articles), "
            f"against {_pct(top['share_elsewhere'])} ({_pct(top['elsewhere_low'])}-{_pct(top['elsewhere_high'])}) elsewhere: "
            f"{rest}.")
