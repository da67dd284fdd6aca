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

**Joint statements** ("The United States and Russia announced ...", one attribution to two or
more sources named together; the extractor names the speaker "United States and Russia" and
ends its `rule` with "+joint") are a category of their own, neither a named actor nor an
unnamed source: each counts once in every total and share, under its joint name, and is never
credited to each of its members (so no statement is counted twice and shares add up to 1) nor
shown as an actor in findings, figures or networks. `joint_summary` lists them with the members
that are named actors of the corpus, and `joint_sentence` says how many there are and how much
crediting them to every member would add to its most affected actors.
"""

from __future__ import annotations

import re

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


#: The speaker part of a statement's `rule` when its speaker is joint (extract.joint_speakers).
JOINT_RULE = re.compile(r"\+joint(?::|$)")


def is_joint(statements: pd.DataFrame) -> pd.Series:
    """Boolean per row: the statement's speaker is two or more sources named together: the
    speaker of some statement whose `rule` ends in "+joint" (module docstring), so a later "they"
    resolved to that joint speaker is joint too. All False without a `rule` column."""
    if "rule" not in statements.columns or statements.empty:
        return pd.Series(False, index=statements.index, dtype=bool)
    marked = statements["rule"].map(lambda r: isinstance(r, str) and bool(JOINT_RULE.search(r))).astype(bool)
    return statements["speaker"].isin(set(statements.loc[marked, "speaker"])).astype(bool)


def is_named_actor(statements: pd.DataFrame) -> pd.Series:
    """Boolean per row: the speaker is named (`is_named_speaker`; module docstring) and not a
    joint speaker (`is_joint`)."""
    named = [is_named_speaker(s, k) for s, k in zip(statements["speaker"], _speaker_kinds(statements))]
    return pd.Series(named, index=statements.index, dtype=bool) & ~is_joint(statements)


def is_unnamed(statements: pd.DataFrame) -> pd.Series:
    """Boolean per row: the statement has a speaker and it is an unnamed source (module
    docstring): among statements with a speaker, neither a named actor nor a joint speaker."""
    has_speaker = statements["speaker"].map(lambda s: isinstance(s, str) and bool(s.strip()))
    return (has_speaker & ~is_named_actor(statements) & ~is_joint(statements)).astype(bool)


def joint_members(speaker: str, actors) -> list[str]:
    """The members of a joint speaker's name ("Syrian government and Russia") that are among
    `actors` (names), in the name's order: its parts between " and ", adjacent parts taken
    together when together they are an actor ("Bosnia and Herzegovina")."""
    parts, out, i = str(speaker).split(" and "), [], 0
    known = set(actors)
    while i < len(parts):
        for j in range(len(parts), i, -1):
            name = " and ".join(parts[i:j])
            if name in known:
                out.append(name)
                i = j
                break
        else:
            i += 1
    return out


def joint_summary(statements: pd.DataFrame, once_per_text: bool = True) -> pd.DataFrame:
    """One row per joint speaker: speaker, n_statements, n_articles, members (the parts of its
    name that are named actors of `statements`, joined by "; "). Most statements first, then by
    name."""
    data = kept_statements(statements, once_per_text)
    joint = data[is_joint(data)]
    columns = ["speaker", "n_statements", "n_articles", "members"]
    if joint.empty:
        return pd.DataFrame(columns=columns)
    actors = set(data.loc[is_named_actor(data), "speaker"])
    table = joint.groupby("speaker").agg(n_statements=("speaker", "size"), n_articles=("article_id", "nunique")).reset_index()
    table["members"] = ["; ".join(joint_members(s, actors)) for s in table["speaker"]]
    table = table.sort_values(["n_statements", "speaker"], ascending=[False, True], kind="mergesort")
    return table[columns].reset_index(drop=True)


def joint_sentence(statements: pd.DataFrame, once_per_text: bool = True, top: int = 3) -> str:
    """The report's sentence on joint statements: how many (of all, with the share), the most
    frequent joint speaker, the rule (one statement, under the joint name, not credited to each
    member), and the `top` named actors whose count crediting would raise most, with their own
    count. "" when there is none."""
    data = kept_statements(statements, once_per_text)
    table = joint_summary(data, once_per_text=False)
    if table.empty:
        return ""
    n, total = int(table["n_statements"].sum()), len(data)
    first = table.iloc[0]
    own = data[is_named_actor(data)].groupby("speaker").size()
    extra: dict[str, int] = {}
    for members, k in zip(table["members"], table["n_statements"]):
        for member in filter(None, members.split("; ")):
            extra[member] = extra.get(member, 0) + int(k)
    ranked = sorted(extra.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    credit = ""
    if ranked:
        credit = (" Credited to each member instead, they would add most to "
                  + ", ".join(f"{m} (+{k} to its {int(own.get(m, 0))})" for m, k in ranked) + ".")
    example = (f"“{first['speaker']}”" if len(table) == 1 and n == 1
               else f"most often “{first['speaker']}”, {int(first['n_statements'])}")
    return (f"{n} of {total} statements ({100.0 * n / total:.1f}%) {'has' if n == 1 else 'have'} a joint speaker, two or "
            f"more sources named together ({example}); each counts once, under the joint "
            f"name, as a category of its own: not as an actor and not for each member, so no statement is counted twice."
            f"{credit}")


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
