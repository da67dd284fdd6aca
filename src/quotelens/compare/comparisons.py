"""Comparisons across outlets, outlet groups and time (the actor networks are in compare/networks.py).

Every aggregate here keeps the number of statements behind it (`n_statements`, and `n_scored`
beside every mean sentiment), and `statements_behind` returns the rows behind any aggregate
(article id, outlet, date, speaker, quote), so each number in notebook 05 can be checked.

Inputs are the contracted tables (docs/contracts.md): Statements (optionally scored, with a `sentiment`
column on [-1, 1]) and Articles (for `source` and `date`). The outlet grouping is data
(data/outlets.yaml), read by `load_outlet_groups`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd
import yaml

from quotelens.compare.once import kept_statements
from quotelens.compare.speaker_types import is_unnamed
from quotelens.figures import data_label
from quotelens.yaml_files import load_yaml

UNGROUPED = "ungrouped"
UNKNOWN_SOURCE = "unknown source"
OTHER_ACTORS = "other actors"
#: The one category the statements of unnamed sources are pooled into where figures show actors.
UNNAMED_SOURCES = "unnamed sources"

# How statement types are folded into the three forms compared across outlets: a direct quote,
# reported speech (paraphrase, "according to"), and mixed (reported speech with a quoted fragment).
FORM_OF_TYPE = {"direct": "direct", "mixed": "mixed", "indirect": "reported", "according_to": "reported"}
FORMS = ("direct", "mixed", "reported")

# Columns of every "statements behind" table, in display order.
BEHIND_COLUMNS = ["article_id", "source", "date", "speaker", "type", "quote"]


# --------------------------------------------------------------------------------------------
# Outlet grouping
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutletGroups:
    """An outlet grouping read from YAML.

    `outlets` has one row per outlet: `source` (normalised: trimmed, lower case), `name`,
    `group` (the group id), `group_label`, `rationale`. `groups` has one row per group: `group`,
    `group_label`, `rationale`, `n_outlets`, in file order."""

    name: str
    outlets: pd.DataFrame
    groups: pd.DataFrame
    path: str

    def group_of(self, source) -> str:
        """The group id of a source value; UNKNOWN_SOURCE for a missing one, UNGROUPED for a
        source the grouping does not list."""
        key = normalise_source(source)
        if key is None:
            return UNKNOWN_SOURCE
        hit = self.outlets.loc[self.outlets["source"] == key, "group"]
        return str(hit.iloc[0]) if len(hit) else UNGROUPED

    def outlet_name(self, source) -> str:
        """The outlet's name as the grouping writes it ("Al-Ahram" for "ahram"); the source
        value itself for an outlet the grouping does not list; "" for a missing source."""
        if normalise_source(source) is None:
            return ""
        hit = self.outlets.loc[self.outlets["source"] == normalise_source(source), "name"]
        name = hit.iloc[0] if len(hit) else None
        return str(name) if isinstance(name, str) and name.strip() else str(source)

    def label_of(self, group: str) -> str:
        """The display label of a group id (the id itself for UNGROUPED / UNKNOWN_SOURCE)."""
        hit = self.groups.loc[self.groups["group"] == group, "group_label"]
        return str(hit.iloc[0]) if len(hit) else group


def normalise_source(source) -> str | None:
    """A source value as compared with the grouping: trimmed and lower-cased; None when missing
    or blank."""
    if source is None or (isinstance(source, float) and np.isnan(source)) or source is pd.NA:
        return None
    text = str(source).strip().lower()
    return text or None


def load_outlet_groups(path: str | os.PathLike) -> OutletGroups:
    """Read an outlet grouping (format documented at the top of data/outlets.yaml).

    Raises ValueError naming the file and the offending group/outlet when a field is missing or
    a source is listed twice."""
    path = Path(path)
    try:
        doc = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("groups"), list) or not doc["groups"]:
        raise ValueError(f"{path}: expected a mapping with a non-empty `groups` list")
    outlet_rows, group_rows, seen = [], [], {}
    for gi, group in enumerate(doc["groups"], start=1):
        if not isinstance(group, dict):
            raise ValueError(f"{path}: group #{gi} is not a mapping")
        for field in ("id", "label", "rationale", "outlets"):
            if not group.get(field):
                raise ValueError(f"{path}: group #{gi} ({group.get('id', '?')}) has no `{field}`")
        gid = str(group["id"])
        if gid in (UNGROUPED, UNKNOWN_SOURCE) or any(r["group"] == gid for r in group_rows):
            raise ValueError(f"{path}: group id {gid!r} is reserved or used twice")
        for oi, outlet in enumerate(group["outlets"], start=1):
            if not isinstance(outlet, dict) or not outlet.get("source") or not outlet.get("rationale"):
                raise ValueError(f"{path}: group {gid!r}, outlet #{oi}: needs `source` and `rationale`")
            key = normalise_source(outlet["source"])
            if key in seen:
                raise ValueError(f"{path}: source {key!r} is listed in group {seen[key]!r} and again in {gid!r}")
            seen[key] = gid
            outlet_rows.append(
                {
                    "source": key,
                    "name": str(outlet.get("name") or key),
                    "group": gid,
                    "group_label": str(group["label"]),
                    "rationale": " ".join(str(outlet["rationale"]).split()),
                }
            )
        group_rows.append(
            {
                "group": gid,
                "group_label": str(group["label"]),
                "rationale": " ".join(str(group["rationale"]).split()),
                "n_outlets": len(group["outlets"]),
            }
        )
    return OutletGroups(
        name=str(doc.get("name") or path.stem),
        outlets=pd.DataFrame(outlet_rows),
        groups=pd.DataFrame(group_rows),
        path=str(path),
    )


# --------------------------------------------------------------------------------------------
# Statements in context
# --------------------------------------------------------------------------------------------


def statements_in_context(
    statements: pd.DataFrame, articles: pd.DataFrame, groups: OutletGroups | None = None
) -> pd.DataFrame:
    """Statements joined with their article's `source`, `date` and `title`, plus `outlet_group`
    (group id), `month` ("YYYY-MM", None when the date is unknown) and `form` (direct, mixed,
    reported).

    Every statement is kept (a statement whose article is missing from `articles` gets no source
    or date). Sorted by date, article_id, start, so tables are deterministic."""
    needed = {"article_id", "speaker", "type", "quote"}
    missing = needed - set(statements.columns)
    if missing:
        raise ValueError(f"statements table lacks columns {sorted(missing)}")
    # duplicate_of rides along so every aggregate can count each text once (compare.once).
    art_cols = [c for c in ("article_id", "source", "date", "title", "duplicate_of") if c in articles.columns]
    if "article_id" not in art_cols:
        raise ValueError("articles table lacks column 'article_id'")
    left = statements.drop(columns=[c for c in art_cols if c != "article_id" and c in statements.columns])
    right = articles[art_cols].drop_duplicates("article_id")
    ctx = left.merge(right, on="article_id", how="left", validate="many_to_one")
    for col in ("source", "title"):
        if col not in ctx.columns:
            ctx[col] = None
    ctx["date"] = pd.to_datetime(ctx["date"], errors="coerce") if "date" in ctx.columns else pd.NaT
    ctx["source"] = ctx["source"].map(normalise_source)
    ctx["outlet_group"] = ctx["source"].map(groups.group_of) if groups is not None else ctx["source"].map(
        lambda s: UNKNOWN_SOURCE if s is None else UNGROUPED
    )
    ctx["month"] = ctx["date"].dt.strftime("%Y-%m").where(ctx["date"].notna(), None)
    ctx["form"] = ctx["type"].map(FORM_OF_TYPE).fillna("reported")
    sort_cols = ["date", "article_id"] + (["start"] if "start" in ctx.columns else [])
    return ctx.sort_values(sort_cols, kind="mergesort", na_position="last").reset_index(drop=True)


def _has_sentiment(df: pd.DataFrame) -> bool:
    return "sentiment" in df.columns


def add_sentiment_summary(out: pd.DataFrame, groups, has_sentiment: bool) -> None:
    """Add `n_scored` (statements with a score) and `mean_sentiment` (mean headline score on
    [-1, 1], NaN without scores) per group of `groups` (a GroupBy) to `out`, in place."""
    if has_sentiment:
        out["n_scored"] = groups["sentiment"].count()
        out["mean_sentiment"] = groups["sentiment"].mean()
    else:
        out["n_scored"] = 0
        out["mean_sentiment"] = np.nan


def _aggregate(ctx: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Counts, form shares and mean sentiment per group of `keys` (see quoting_by)."""
    g = ctx.groupby(keys, dropna=False, sort=True)
    out = g.agg(n_statements=("quote", "size"), n_articles=("article_id", "nunique"))
    for form in FORMS:
        out[f"n_{form}"] = g["form"].apply(lambda s, f=form: int((s == f).sum()))
    out["share_direct"] = out["n_direct"] / out["n_statements"]
    add_sentiment_summary(out, g, _has_sentiment(ctx))
    return out.reset_index()


def quoting_by(ctx: pd.DataFrame, by: str = "source", once_per_text: bool = True,
               unnamed_apart: bool = False) -> pd.DataFrame:
    """Who gets quoted by each outlet (or group, when by="outlet_group"): one row per (by,
    speaker) with `n_statements`, `n_articles` (articles quoting the speaker), `n_direct`,
    `n_mixed`, `n_reported`, `share_direct` (0-1), `n_scored` and `mean_sentiment` (mean of the
    headline score on [-1, 1] over the n_scored statements; NaN without scores), and `share_of_by`
    (the speaker's share of that outlet's statements, 0-1). Sorted by `by`, then by n descending.
    once_per_text: statements of duplicate articles are set aside (compare.once).
    unnamed_apart: the statements of unnamed sources ("activists", "a military source", GUM's
    "interviewee"; compare.speaker_types) are one row, UNNAMED_SOURCES, not speakers of their own,
    as the report's figures show them."""
    ctx = _fill_keys(kept_statements(ctx, once_per_text), [by])
    if unnamed_apart:
        ctx = ctx.assign(speaker=ctx["speaker"].where(~is_unnamed(ctx), UNNAMED_SOURCES))
    out = _aggregate(ctx, [by, "speaker"])
    totals = out.groupby(by)["n_statements"].transform("sum")
    out["share_of_by"] = out["n_statements"] / totals
    return out.sort_values([by, "n_statements", "speaker"], ascending=[True, False, True], kind="mergesort").reset_index(
        drop=True
    )


def outlet_summary(ctx: pd.DataFrame, articles: pd.DataFrame, by: str = "source", groups: OutletGroups | None = None,
                   once_per_text: bool = True) -> pd.DataFrame:
    """One row per outlet (by="source") or group (by="outlet_group"): `n_articles` in the corpus,
    `n_articles_quoting` (with at least one statement), `n_statements`, `statements_per_article`,
    `n_speakers`, form counts and `share_direct`, `n_scored`, `mean_sentiment` ([-1, 1]). Rows
    with most statements first (ties by id), UNKNOWN_SOURCE and UNGROUPED last.
    once_per_text: duplicate articles and their statements are set aside (compare.once)."""
    if once_per_text and "duplicate_of" in articles.columns:
        ctx = kept_statements(ctx, True, articles)
        articles = articles[articles["duplicate_of"].isna()]
    arts = articles[["article_id"]].copy()
    arts["source"] = articles["source"].map(normalise_source) if "source" in articles.columns else None
    if by == "outlet_group":
        arts["outlet_group"] = arts["source"].map(groups.group_of) if groups is not None else UNGROUPED
    arts = _fill_keys(arts, [by])
    corpus = arts.groupby(by).agg(n_articles=("article_id", "nunique"))
    ctx = _fill_keys(ctx, [by])
    agg = _aggregate(ctx, [by]).rename(columns={"n_articles": "n_articles_quoting"}).set_index(by)
    agg["n_speakers"] = ctx.groupby(by)["speaker"].nunique()
    out = corpus.join(agg, how="outer").reset_index()
    for col in ["n_articles", "n_articles_quoting", "n_statements", "n_speakers", "n_scored"] + [f"n_{f}" for f in FORMS]:
        out[col] = out[col].fillna(0).astype(int)
    out["statements_per_article"] = out["n_statements"] / out["n_articles"].replace(0, np.nan)
    cols = [by, "n_articles", "n_articles_quoting", "n_statements", "statements_per_article", "n_speakers"]
    cols += [f"n_{f}" for f in FORMS] + ["share_direct", "n_scored", "mean_sentiment"]
    return largest_first(out[cols], by)


def largest_first(table: pd.DataFrame, by: str, count: str = "n_statements") -> pd.DataFrame:
    """`table` (one row per outlet or group in column `by`) with most `count` first, ties by
    `by`, rows without an outlet or group (UNKNOWN_SOURCE, UNGROUPED) last, index reset: a reader
    scans by size, and ids ("alalam", "government_allies") are not what the page shows."""
    last = table[by].isin([UNKNOWN_SOURCE, UNGROUPED])
    ordered = table.assign(_last=last).sort_values(["_last", count, by], ascending=[True, False, True], kind="mergesort")
    return ordered.drop(columns="_last").reset_index(drop=True)


def _fill_keys(df: pd.DataFrame, keys: Iterable[str]) -> pd.DataFrame:
    """Missing grouping values become UNKNOWN_SOURCE (for source columns) so they are counted,
    not dropped by groupby."""
    df = df.copy()
    for key in keys:
        if key not in df.columns:
            raise ValueError(f"no column {key!r} to group by")
        df[key] = df[key].where(df[key].notna(), UNKNOWN_SOURCE)
    return df


def top_speakers(ctx: pd.DataFrame, k: int) -> list[str]:
    """The k speakers with most statements (ties broken by name), most quoted first."""
    counts = ctx.groupby("speaker").size().reset_index(name="n")
    counts = counts.sort_values(["n", "speaker"], ascending=[False, True], kind="mergesort")
    return counts["speaker"].head(k).tolist()


def actor_mix(ctx: pd.DataFrame, by: str = "outlet_group", top_k: int = 8, once_per_text: bool = True,
              unnamed_apart: bool = False) -> pd.DataFrame:
    """The quoted-actor mix per outlet or group: for each `by` value, the share (0-1) of its
    statements made by each of the corpus's top_k speakers, the rest pooled as OTHER_ACTORS.
    Columns: by, speaker, n_statements, n_by (statements of that outlet/group), share.
    once_per_text: statements of duplicate articles are set aside (compare.once).
    unnamed_apart: the top_k are named actors, and the statements of unnamed sources
    (compare.speaker_types: "activists", "a military source") are one category,
    UNNAMED_SOURCES, shown before OTHER_ACTORS, as a report's figures show them."""
    ctx = _fill_keys(kept_statements(ctx, once_per_text), [by])
    unnamed = is_unnamed(ctx) if unnamed_apart else pd.Series(False, index=ctx.index)
    top = top_speakers(ctx[~unnamed], top_k)
    lumped = ctx.assign(speaker=ctx["speaker"].where(ctx["speaker"].isin(set(top)), OTHER_ACTORS).where(~unnamed, UNNAMED_SOURCES))
    out = lumped.groupby([by, "speaker"]).size().reset_index(name="n_statements")
    out["n_by"] = out.groupby(by)["n_statements"].transform("sum")
    out["share"] = out["n_statements"] / out["n_by"]
    order = {s: i for i, s in enumerate(top + [UNNAMED_SOURCES, OTHER_ACTORS])}
    out["_o"] = out["speaker"].map(order)
    return out.sort_values([by, "_o"], kind="mergesort").drop(columns="_o").reset_index(drop=True)


def monthly_actor(ctx: pd.DataFrame, actors: Iterable[str] | None = None, top_k: int = 6,
                  once_per_text: bool = True) -> pd.DataFrame:
    """Statements and mean sentiment per actor per month: columns speaker, month ("YYYY-MM"),
    n_statements, n_articles, n_scored, mean_sentiment ([-1, 1], NaN without scores).

    Statements whose article has no date cannot be placed in time and are left out; call
    `undated_count` to report how many. `actors` defaults to the top_k speakers.
    once_per_text: statements of duplicate articles are set aside (compare.once)."""
    ctx = kept_statements(ctx, once_per_text)
    dated = ctx[ctx["month"].notna()]
    chosen = list(actors) if actors is not None else top_speakers(dated, top_k)
    sub = dated[dated["speaker"].isin(chosen)]
    if sub.empty:
        return pd.DataFrame(columns=["speaker", "month", "n_statements", "n_articles", "n_scored", "mean_sentiment"])
    out = _aggregate(sub, ["speaker", "month"])
    return out[["speaker", "month", "n_statements", "n_articles", "n_scored", "mean_sentiment"]]


def covered_months(articles: pd.DataFrame, once_per_text: bool = True) -> list[str]:
    """The calendar months ("YYYY-MM", sorted) in which the corpus has at least one dated
    article: the months where an actor without statements was observed saying nothing (a count
    of 0), as opposed to months the corpus has no article in (no data: a gap in a time series,
    compare.plots.plot_actor_months). once_per_text: articles flagged as copies are left out,
    as their statements are (compare.once)."""
    if "date" not in articles.columns or articles.empty:
        return []
    kept = articles
    if once_per_text and "duplicate_of" in articles.columns:
        kept = articles[articles["duplicate_of"].isna()]
    dates = pd.to_datetime(kept["date"], errors="coerce").dropna()
    return sorted(set(dates.dt.strftime("%Y-%m")))


def undated_count(ctx: pd.DataFrame) -> int:
    """How many statements have no month (their article's date is unknown)."""
    return int(ctx["month"].isna().sum())


def statements_behind(
    ctx: pd.DataFrame,
    speaker: str | Iterable[str] | None = None,
    source: str | None = None,
    outlet_group: str | None = None,
    month: str | None = None,
    article_ids: Iterable[str] | None = None,
    statement_ids: Iterable[str] | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """The statements behind an aggregate: rows of ctx matching every filter given, with the
    columns article_id, source, date, speaker, type, quote (plus sentiment when scored and
    outlet_group), in ctx's deterministic order. `limit` keeps the first rows."""
    mask = pd.Series(True, index=ctx.index)
    if speaker is not None:
        names = [speaker] if isinstance(speaker, str) else list(speaker)
        mask &= ctx["speaker"].isin(names)
    if source is not None:
        mask &= ctx["source"].fillna(UNKNOWN_SOURCE) == source
    if outlet_group is not None:
        mask &= ctx["outlet_group"] == outlet_group
    if month is not None:
        mask &= ctx["month"] == month
    if article_ids is not None:
        mask &= ctx["article_id"].astype(str).isin(set(map(str, article_ids)))
    if statement_ids is not None:
        mask &= ctx["statement_id"].astype(str).isin(set(map(str, statement_ids)))
    cols = BEHIND_COLUMNS + ["outlet_group"] + (["sentiment"] if _has_sentiment(ctx) else [])
    out = ctx.loc[mask, [c for c in cols if c in ctx.columns]].reset_index(drop=True)
    if "date" in out.columns:
        out["date"] = out["date"].dt.strftime("%Y-%m-%d").where(out["date"].notna(), "")
    return out.head(limit) if limit is not None else out

def plain_label(text: str, max_len: int = 28) -> str:
    """A label safe for matplotlib: quotelens.figures.data_label with the narrower width of the
    comparison figures (`$` escaped so text from articles never triggers mathtext, white space
    folded, shortened to max_len characters)."""
    return data_label(text, max_len)
