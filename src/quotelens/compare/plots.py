"""Figures of notebook 05_comparisons. Each function returns (figure, data), where data is
exactly the table plotted (saved beside the PNG by quotelens.figures.save_figure), or raises
ValueError when there is nothing to plot. Names from article text pass through
quotelens.figure_labels.wrapped_label (whole, wrapped between words) or plain_label, so they are
never read as mathtext."""

from __future__ import annotations

import textwrap
from typing import Callable

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from quotelens.compare.comparisons import FORMS, OTHER_ACTORS, UNNAMED_SOURCES, plain_label
from quotelens.compare.speaker_types import MIN_ARTICLES
from quotelens.figure_labels import wrapped_label

FORM_COLOURS = {"direct": "#3182bd", "mixed": "#9ecae1", "reported": "#fdae6b"}


def _label(by_value: str, n: int, label_of: Callable[[str], str] | None) -> str:
    name = label_of(by_value) if label_of else by_value
    return f"{wrapped_label(name, width=34)} (n={n})"


def plot_forms(summary: pd.DataFrame, by: str, label_of: Callable[[str], str] | None = None, title: str = ""):
    """Stacked bars: the share (%) of each outlet's/group's statements that are direct quotes,
    mixed, or reported speech, with the number of statements in each bar's label."""
    data = summary.loc[summary["n_statements"] > 0, [by, "n_statements"] + [f"n_{f}" for f in FORMS]].copy()
    if data.empty:
        raise ValueError("no statements to plot")
    for form in FORMS:
        data[f"pct_{form}"] = 100.0 * data[f"n_{form}"] / data["n_statements"]
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(data) + 1.6))
    left = np.zeros(len(data))
    # positions, not a categorical axis: two groups whose shortened labels agree stay two bars
    y = np.arange(len(data))
    for form in FORMS:
        ax.barh(y, data[f"pct_{form}"], left=left, color=FORM_COLOURS[form], label=form)
        left += data[f"pct_{form}"].to_numpy()
    ax.set_yticks(y, [_label(v, n, label_of) for v, n in zip(data[by], data["n_statements"])])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of the statements (%)")
    ax.set_title(title or "How statements are quoted")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, title="form")
    return fig, data.reset_index(drop=True)


def plot_actor_mix(mix: pd.DataFrame, by: str, label_of: Callable[[str], str] | None = None, title: str = ""):
    """Stacked bars: each outlet's/group's statements split by speaker (top actors, then the
    pooled categories: unnamed sources in dark grey when `actor_mix(unnamed_apart=True)` made
    one, the other actors in light grey), in % of its statements, with n per bar."""
    if mix.empty:
        raise ValueError("no statements to plot")
    last = {UNNAMED_SOURCES: 1, OTHER_ACTORS: 2}  # the pooled categories after the actors
    speakers = list(dict.fromkeys(mix.sort_values("speaker", key=lambda s: s.map(last).fillna(0), kind="mergesort")["speaker"]))
    order = list(dict.fromkeys(mix[by]))
    table = mix.pivot_table(index=by, columns="speaker", values="share", aggfunc="sum", fill_value=0.0)
    table = table.reindex(index=order, columns=speakers, fill_value=0.0) * 100.0
    n_by = mix.drop_duplicates(by).set_index(by)["n_by"].reindex(order)
    fig, ax = plt.subplots(figsize=(9, 0.5 * len(order) + 2.2))
    cmap = plt.get_cmap("tab20")
    left = np.zeros(len(order))
    y = np.arange(len(order))  # positions: see plot_forms
    for i, speaker in enumerate(speakers):
        colour = {OTHER_ACTORS: "#d9d9d9", UNNAMED_SOURCES: "#737373"}.get(speaker, cmap(i % 20))
        ax.barh(y, table[speaker], left=left, color=colour, label=wrapped_label(speaker, width=34))
        left += table[speaker].to_numpy()
    ax.set_yticks(y, [_label(v, int(n), label_of) for v, n in zip(order, n_by)])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of the outlet group's statements (%)")
    ax.set_title(title or "Who gets quoted")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, title="speaker")
    data = mix.copy()
    data["percent"] = 100.0 * data["share"]
    return fig, data


def plot_sentiment_grid(per: pd.DataFrame, by: str, actors: list[str], min_n: int, label_of=None, title: str = "",
                        min_articles: int = MIN_ARTICLES):
    """Heat map of mean sentiment ([-1, 1]) per actor (rows) and outlet/group (columns); each
    cell shows the mean and its n; cells with fewer than min_n scored statements stay blank;
    cells from fewer than `min_articles` articles (`n_articles`, when `per` has it) are grey and
    labelled "n < min_articles articles" in the figure, their mean not shown. The data gains
    `few_articles`."""
    keep = [by, "speaker", "n_scored", "mean_sentiment"] + (["n_articles"] if "n_articles" in per.columns else [])
    cells = per[per["speaker"].isin(actors) & (per["n_scored"] >= min_n)][keep].copy()
    cells["few_articles"] = cells["n_articles"] < min_articles if "n_articles" in cells.columns else False
    if cells.empty:
        raise ValueError(f"no actor has {min_n} or more scored statements in any {by}")
    cols = sorted(cells[by].unique())
    rows = [a for a in actors if a in set(cells["speaker"])]
    grid = cells.pivot(index="speaker", columns=by, values="mean_sentiment").reindex(index=rows, columns=cols)
    ns = cells.pivot(index="speaker", columns=by, values="n_scored").reindex(index=rows, columns=cols)
    few = cells.pivot(index="speaker", columns=by, values="few_articles").reindex(index=rows, columns=cols)
    few = few.astype("boolean").fillna(False).to_numpy(dtype=bool)
    fig, ax = plt.subplots(figsize=(1.6 * len(cols) + 3.5, 0.5 * len(rows) + 2))
    shown = np.where(few, np.nan, grid.to_numpy(dtype=float))
    ax.imshow(np.where(few, 1.0, np.nan), cmap="Greys", vmin=0, vmax=5, aspect="auto")  # grey under thin cells
    image = ax.imshow(shown, cmap="RdBu", vmin=-1, vmax=1, aspect="auto")
    for i in range(len(rows)):
        for j in range(len(cols)):
            value = grid.iat[i, j]
            if few[i, j]:
                ax.text(j, i, f"n < {min_articles}\narticles", ha="center", va="center", fontsize=7, color="0.35")
            elif not np.isnan(value):
                ax.text(j, i, f"{value:+.2f}\nn={int(ns.iat[i, j])}", ha="center", va="center", fontsize=7)
    ax.set_xticks(range(len(cols)), [textwrap.fill(plain_label(label_of(c) if label_of else c, 60), 22) for c in cols])
    ax.set_yticks(range(len(rows)), [wrapped_label(r, width=30) for r in rows])
    fig.colorbar(image, ax=ax, label="mean sentiment (-1 to 1)")
    ax.set_title(title or f"Mean sentiment of each actor's statements (cells with n >= {min_n}; grey: fewer than {min_articles} articles)")
    return fig, cells.sort_values(["speaker", by], kind="mergesort").reset_index(drop=True)


def plot_actor_months(monthly: pd.DataFrame, title: str = "", min_n: int = 1, covered_months=None):
    """Two panels over calendar months: statements per actor per month (count), and the mean
    sentiment ([-1, 1]) of those statements where at least min_n are scored, marker area
    growing with n.

    A line joins two months only when both have a value. `covered_months` ("YYYY-MM") are the
    months the corpus has dated articles in (default: the months in `monthly`): there an actor
    without statements has a count of 0; in any other month between the first and the last,
    nothing was observed and the count line breaks. A month without a mean (fewer than min_n
    scored statements) breaks the sentiment line. Labels are whole names."""
    if monthly.empty:
        raise ValueError("no dated statements to plot")
    data = monthly.copy()
    data["month_start"] = pd.to_datetime(data["month"] + "-01")
    calendar = month_calendar(data["month"], covered_months)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6.5), sharex=True)
    cmap = plt.get_cmap("tab10")
    max_scored = max(float(data["n_scored"].max()), 1.0)
    for i, (speaker, rows) in enumerate(data.groupby("speaker", sort=True)):
        colour = cmap(i % 10)
        label = f"{wrapped_label(speaker, width=34)} (n={int(rows['n_statements'].sum())})"
        series = actor_month_series(rows, calendar, min_n)
        top.plot(series.index, series["count"], marker="o", color=colour, label=label, lw=1)
        scored = rows[rows["n_scored"] >= max(min_n, 1)]
        if len(scored):
            area = 12 + 250 * np.sqrt(scored["n_scored"] / max_scored)
            bottom.scatter(scored["month_start"], scored["mean_sentiment"], s=area, color=colour, alpha=0.7)
            bottom.plot(series.index, series["mean"], color=colour, lw=0.6, alpha=0.6)
    top.yaxis.set_major_locator(MaxNLocator(integer=True))
    top.set_ylim(bottom=0)
    top.set_ylabel("statements per month (count)")
    top.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    bottom.axhline(0, color="#999999", lw=0.8)
    bottom.set_ylim(-1.05, 1.05)
    bottom.set_ylabel("mean sentiment (-1 to 1)")
    bottom.set_xlabel("month of publication")
    top.set_title(title or "Statements and their sentiment per actor and month")
    bottom.text(0.0, -0.25, f"means of months with n >= {max(min_n, 1)} scored statements; marker area grows with n (max {int(max_scored)}); "
                "lines break at months without data", transform=bottom.transAxes, fontsize=8)
    return fig, data.drop(columns="month_start")


def month_calendar(months, covered_months=None) -> pd.DataFrame:
    """Every calendar month from the first to the last of `months` ("YYYY-MM"), indexed by its
    first day, with a boolean column `covered`: True for the months in `covered_months`
    (default: `months` itself)."""
    present = pd.PeriodIndex(pd.Series(months).dropna().astype(str), freq="M")
    full = pd.period_range(present.min(), present.max(), freq="M")
    covered = set(pd.Series(covered_months if covered_months is not None else months).dropna().astype(str))
    return pd.DataFrame({"covered": [m in covered for m in full.strftime("%Y-%m")]}, index=full.to_timestamp())


def actor_month_series(rows: pd.DataFrame, calendar: pd.DataFrame, min_n: int = 1) -> pd.DataFrame:
    """One actor's months on `calendar` (month_calendar): `count` of statements (0 in a covered
    month without any, NaN in a month the corpus does not cover) and `mean` sentiment (NaN
    where fewer than min_n statements are scored). NaN breaks a matplotlib line."""
    by_month = rows.assign(start=pd.to_datetime(rows["month"] + "-01")).set_index("start")
    counts = by_month["n_statements"].reindex(calendar.index).astype(float)
    counts = counts.where(counts.notna() | ~calendar["covered"], 0.0)
    means = by_month["mean_sentiment"].where(by_month["n_scored"] >= max(min_n, 1)).reindex(calendar.index).astype(float)
    return pd.DataFrame({"count": counts, "mean": means}, index=calendar.index)
