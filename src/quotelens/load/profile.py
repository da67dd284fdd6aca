"""A profile of a loaded corpus (notebook 01_articles): articles per source and per month,
text lengths, duplicate counts, and the sample/duplicate selection. Each table function returns
exactly the numbers its figure plots, so the CSV beside a PNG is the figure's data.

Reads: the Articles table. Writes: summary tables and matplotlib figures (the notebook saves
them); `remove_stale_figure` deletes a figure's files left from an earlier run.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from quotelens.figures import data_label, layout

#: Label for articles without a source (files in the seed format carry none).
UNKNOWN_SOURCE = "(unknown source)"
#: Width of a text-length histogram bin, in characters.
LENGTH_BIN_CHARS = 500


def select_articles(articles: pd.DataFrame, sample: int = 0, drop_duplicates: bool = False) -> pd.DataFrame:
    """The articles a run keeps: the first `sample` in load order (0 keeps all; deterministic,
    and a copy's earlier original is always inside the sample), then without flagged copies
    when `drop_duplicates`. The index is reset."""
    if sample < 0:
        raise ValueError(f"sample must be >= 0 (0 keeps all), got {sample}")
    out = articles.head(sample) if sample else articles
    if drop_duplicates:
        out = out[out["duplicate_of"].isna()]
    return out.reset_index(drop=True)


def selection_sentence(loaded: pd.DataFrame, kept: pd.DataFrame, sample: int = 0, drop_duplicates: bool = False) -> str:
    """What `select_articles` kept of the `loaded` articles, in words (counts are articles)."""
    in_sample = min(sample, len(loaded)) if sample else len(loaded)
    parts = []
    if sample and in_sample < len(loaded):
        parts.append(f"{len(loaded) - in_sample} beyond the sample of the first {sample}")
    copies = in_sample - len(kept)
    if drop_duplicates:
        parts.append(f"{copies} flagged {'copy' if copies == 1 else 'copies'} of an earlier article")
    told = f"left out: {'; '.join(parts)}" if parts else "none left out"
    if not drop_duplicates:
        told += "; flagged copies are kept here and set aside when statements are counted"
    return f"kept {len(kept)} of {len(loaded)} loaded articles ({told})"


def duplicate_counts(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles by duplicate status: `original` (no earlier copy), `exact copy` (identical
    text) and `near copy` (shingle similarity at or above the threshold); column n_articles."""
    is_copy = articles["duplicate_of"].notna()
    exact = is_copy & (articles["duplicate_similarity"] == 1.0)
    counts = {
        "original": int((~is_copy).sum()),
        "exact copy": int(exact.sum()),
        "near copy": int((is_copy & ~exact).sum()),
    }
    return pd.DataFrame({"status": list(counts), "n_articles": list(counts.values())})


def duplicate_pairs(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per flagged copy beside its original: ids, similarity (0-1), sources, dates, titles."""
    originals = articles.set_index("article_id")
    copies = articles[articles["duplicate_of"].notna()]
    return pd.DataFrame({
        "article_id": copies["article_id"].to_numpy(),
        "duplicate_of": copies["duplicate_of"].to_numpy(),
        "similarity": copies["duplicate_similarity"].round(3).to_numpy(),
        "source": copies["source"].to_numpy(),
        "source_of_original": originals.loc[copies["duplicate_of"], "source"].to_numpy(),
        "date": copies["date"].dt.strftime("%Y-%m-%d").to_numpy(),
        "date_of_original": originals.loc[copies["duplicate_of"], "date"].dt.strftime("%Y-%m-%d").to_numpy(),
        "title": copies["title"].to_numpy(),
    })


def articles_per_source(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per source (most first, ties by name): n_articles and n_copies (flagged as
    exact or near duplicates). Missing sources are counted under UNKNOWN_SOURCE."""
    source = articles["source"].fillna(UNKNOWN_SOURCE)
    table = pd.DataFrame({"source": source, "copy": articles["duplicate_of"].notna()})
    out = table.groupby("source", sort=True).agg(n_articles=("copy", "size"), n_copies=("copy", "sum")).reset_index()
    out["n_copies"] = out["n_copies"].astype(int)
    return out.sort_values(["n_articles", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)


def articles_per_month(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per calendar month of publication, every month from the first to the last
    (months without articles as 0); columns month ("YYYY-MM") and n_articles. Articles without
    a date are left out (empty table when none has one)."""
    dates = articles["date"].dropna()
    if dates.empty:
        return pd.DataFrame({"month": pd.Series(dtype=str), "n_articles": pd.Series(dtype=int)})
    months = dates.dt.to_period("M")
    full = pd.period_range(months.min(), months.max(), freq="M")
    counts = months.value_counts().reindex(full, fill_value=0)
    return pd.DataFrame({"month": full.strftime("%Y-%m"), "n_articles": counts.to_numpy().astype(int)})


def text_lengths(articles: pd.DataFrame, bin_chars: int = LENGTH_BIN_CHARS) -> pd.DataFrame:
    """Histogram of article text lengths in characters: bins [bin_start, bin_end) of
    `bin_chars` characters from 0 to past the longest text; column n_articles."""
    lengths = articles["text"].str.len().to_numpy()
    if lengths.size == 0:
        return pd.DataFrame({"bin_start": [], "bin_end": [], "n_articles": []}, dtype=int)
    edges = np.arange(0, lengths.max() + bin_chars + 1, bin_chars)
    counts, _ = np.histogram(lengths, bins=edges)
    return pd.DataFrame({"bin_start": edges[:-1], "bin_end": edges[1:], "n_articles": counts}).astype(int)


def plot_per_source(table: pd.DataFrame):
    """Horizontal bars of articles per source, copies shaded; returns the figure. Source names
    are drawn as written and shortened (quotelens.figures.data_label)."""
    fig, ax = plt.subplots(figsize=(7, 0.3 * len(table) + 1.5))
    rows = table.iloc[::-1]
    originals = rows["n_articles"] - rows["n_copies"]
    # positions, not a categorical axis: two sources shortened alike stay two bars
    y = np.arange(len(rows))
    ax.barh(y, originals, color="#4c72b0", label="original")
    ax.barh(y, rows["n_copies"], left=originals, color="#dd8452", label="flagged copy")
    ax.set_yticks(y, [data_label(source) for source in rows["source"]])
    ax.set_xlabel("articles (count)")
    ax.set_ylabel("source")
    ax.set_title(f"Articles per source (n = {int(table['n_articles'].sum())} articles, {len(table)} sources)")
    ax.legend(loc="lower right")
    layout(fig)
    return fig


def plot_per_month(table: pd.DataFrame, n_undated: int):
    """Bars of articles per publication month; returns the figure."""
    fig, ax = plt.subplots(figsize=(10, 3.5))
    x = np.arange(len(table))
    ax.bar(x, table["n_articles"], width=1.0, color="#4c72b0")
    if len(table) > 24:  # long spans: one tick per January, labelled with the year
        january = table["month"].str.endswith("-01").to_numpy()
        ax.set_xticks(x[january], table["month"][january].str[:4])
        ax.set_xlabel("month of publication (ticks at January)")
    else:
        ax.set_xticks(x, table["month"], rotation=60, ha="right")
        ax.set_xlabel("month of publication")
    ax.set_ylabel("articles (count)")
    note = f"; {n_undated} without a date not shown" if n_undated else ""
    ax.set_title(f"Articles per month (n = {int(table['n_articles'].sum())} dated articles{note})")
    layout(fig)
    return fig


def plot_text_lengths(table: pd.DataFrame, median_chars: float):
    """Histogram of text lengths in characters, with the median marked; returns the figure."""
    fig, ax = plt.subplots(figsize=(7, 3.5))
    widths = table["bin_end"] - table["bin_start"]
    ax.bar(table["bin_start"], table["n_articles"], width=widths, align="edge", color="#4c72b0", edgecolor="white")
    ax.axvline(median_chars, color="#c44e52", linestyle="--", label=f"median {median_chars:,.0f} characters")
    ax.set_xlabel("text length (characters)")
    ax.set_ylabel("articles (count)")
    ax.set_title(f"Text length of the articles (n = {int(table['n_articles'].sum())})")
    ax.legend()
    layout(fig)
    return fig


def remove_stale_figure(name: str, figures_dir: str | os.PathLike) -> list[Path]:
    """Delete name.png and name.csv left by an earlier run when this run skips the figure, so
    figures_dir never shows a figure of other data. Returns the removed paths."""
    removed = []
    for suffix in (".png", ".csv"):
        path = Path(figures_dir) / f"{name}{suffix}"
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed
