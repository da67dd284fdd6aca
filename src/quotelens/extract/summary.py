"""Tables and figures that summarise a Statements table (notebook 02_statements)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from quotelens.extract.speaker_types import UNNAMED_SOURCE, speaker_type
from quotelens.figures import data_label, layout
from quotelens.report.column_labels import VALUE_LABELS

TYPES = ("direct", "indirect", "mixed", "according_to")


def statements_text_check(statements: pd.DataFrame, articles: pd.DataFrame) -> int:
    """Number of statements whose text[start:end] differs from their quote (0 when all hold)."""
    texts = dict(zip(articles["article_id"].astype(str), articles["text"]))
    bad = 0
    for aid, s, e, q in statements[["article_id", "start", "end", "quote"]].itertuples(index=False):
        if texts.get(aid, "")[s:e] != q:
            bad += 1
    return bad


def by_actor(statements: pd.DataFrame) -> pd.DataFrame:
    """One row per speaker: speaker, speaker_type ("named" or "unnamed source", by
    quotelens.extract.speaker_types.speaker_type: an unnamed label such as "interviewee" or
    "officials" is a source, never a named actor), speaker_kind, speaker_side, in_registry,
    n_statements, n_articles, n of each type and share_direct (0-1); sorted by n_statements
    (descending), then speaker."""
    cols = ["speaker", "speaker_type", "speaker_kind", "speaker_side", "in_registry", "n_statements", "n_articles",
            *TYPES, "share_direct"]
    if statements.empty:
        return pd.DataFrame(columns=cols)
    g = statements.groupby("speaker", sort=True)
    out = pd.DataFrame({
        "speaker": list(g.groups),
        "speaker_kind": g["speaker_kind"].agg(lambda s: s.mode().iloc[0]).values,
        "speaker_side": g["speaker_side"].agg(lambda s: s.mode().iloc[0]).values,
        "in_registry": g["in_registry"].any().values,
        "n_statements": g.size().values,
        "n_articles": g["article_id"].nunique().values,
    })
    counts = pd.crosstab(statements["speaker"], statements["type"]).reindex(columns=list(TYPES), fill_value=0)
    out["speaker_type"] = [speaker_type(s, k) for s, k in zip(out["speaker"], out["speaker_kind"])]
    out = out.join(counts, on="speaker")
    out["share_direct"] = (out["direct"] / out["n_statements"]).round(3)
    return out.sort_values(["n_statements", "speaker"], ascending=[False, True]).reset_index(drop=True)[cols]


def by_type(statements: pd.DataFrame) -> pd.DataFrame:
    """Statements per type (direct, indirect, mixed, according_to): type, n_statements,
    n_speakers, share (0-1), mean_confidence (0-1). Types with no statement are kept with 0."""
    rows = []
    total = len(statements)
    for t in TYPES:
        sub = statements[statements["type"] == t] if total else statements
        n = len(sub)
        rows.append({"type": t, "n_statements": n, "n_speakers": sub["speaker"].nunique() if n else 0,
                     "share": round(n / total, 3) if total else 0.0,
                     "mean_confidence": round(float(sub["confidence"].mean()), 3) if n else float("nan")})
    return pd.DataFrame(rows)


def lowest_confidence(statements: pd.DataFrame, n: int) -> pd.DataFrame:
    """The `n` least confident statements (ties broken by article and offset) with the columns
    needed to judge them."""
    cols = ["article_id", "speaker", "speaker_mention", "type", "cue", "quote", "rule", "confidence"]
    if statements.empty:
        return pd.DataFrame(columns=cols)
    return statements.sort_values(["confidence", "article_id", "start"]).head(n)[cols].reset_index(drop=True)


def speaker_label(speaker: str, kind: str = "") -> str:
    """A speaker as a figure shows it: a named speaker as written (shortened,
    quotelens.figures.data_label), an unnamed source with its type after it ("interviewee
    (unnamed source)"), so no description reads as a name."""
    label = data_label(speaker)
    return label if speaker_type(speaker, kind) != UNNAMED_SOURCE else f"{label} ({UNNAMED_SOURCE})"


def plot_by_actor(table: pd.DataFrame, n_statements: int, n_articles: int):
    """Horizontal stacked bars of statements per speaker, split by type. Speakers are drawn by
    `speaker_label`: names as written and shortened, unnamed sources marked as such."""
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(table) + 1.6))
    data = table.iloc[::-1]
    left = pd.Series(0, index=data.index)
    # positions, not a categorical axis: two speakers shortened alike stay two bars
    y = np.arange(len(data))
    for t in TYPES:
        ax.barh(y, data[t], left=left, label=t)
        left = left + data[t]
    kinds = data["speaker_kind"] if "speaker_kind" in data.columns else [None] * len(data)
    ax.set_yticks(y, [speaker_label(speaker, kind) for speaker, kind in zip(data["speaker"], kinds)])
    ax.set_xlabel("statements (count)")
    ax.set_ylabel("speaker")
    ax.set_title(f"Statements per speaker, top {len(table)} (n = {n_statements} statements, {n_articles} articles)")
    ax.legend(title="type", loc="lower right")
    layout(fig)
    return fig


def plot_by_type(table: pd.DataFrame, n_articles: int):
    """Bars of statements per type."""
    fig, ax = plt.subplots(figsize=(6, 3.5))
    # the types in words ("reported speech", not "indirect"), as the report's tables show them
    names = [VALUE_LABELS["type"].get(t, t) for t in table["type"]]
    ax.bar(names, table["n_statements"], color="#4c72b0")
    for x, v in zip(names, table["n_statements"]):
        ax.annotate(str(v), (x, v), ha="center", va="bottom")
    ax.margins(y=0.12)  # room for the count above the tallest bar
    ax.set_xlabel("statement form")
    ax.set_ylabel("statements (count)")
    ax.set_title(f"Statements per type (n = {int(table['n_statements'].sum())} statements, {n_articles} articles)")
    layout(fig)
    return fig
