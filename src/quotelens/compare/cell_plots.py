"""Figures of the cells in compare.cells: every mean with its 95% interval, masked and unmasked
side by side, and cells from fewer than the minimum of articles grey and labelled "n < MIN" in
the figure itself. Each function returns (figure, data) for quotelens.figures.save_figure."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from quotelens.compare.plots import month_calendar
from quotelens.compare.speaker_types import MIN_ARTICLES
from quotelens.figure_labels import wrapped_label
from quotelens.figures import layout

MASKED_COLOUR = "tab:blue"
UNMASKED_COLOUR = "tab:orange"
THIN_COLOUR = "0.7"


def _whisker(ax, x, y, low, high, colour, marker="o", horizontal=True):
    if np.isfinite(low):
        err = [[x - low], [high - x]] if horizontal else [[y - low], [high - y]]
        if horizontal:
            ax.errorbar(x, y, xerr=err, fmt=marker, color=colour, capsize=3, ms=5)
        else:
            ax.errorbar(x, y, yerr=err, fmt=marker, color=colour, capsize=2, ms=4)
    else:
        ax.plot(x, y, marker, mfc="white", color=colour, ms=5)


def plot_cells(cells: pd.DataFrame, by: str, label_of=None, title: str = "", min_articles: int = MIN_ARTICLES,
               masking: bool = True):
    """Dot-and-whisker per cell of `cells` (compare.cells.cell_estimates with one `by` column):
    the masked mean (blue) and the unmasked mean (orange) with their 95% intervals, each row
    labelled with its n of statements and articles; rows with `few_articles` grey and labelled
    "n < min_articles articles". Without `masking` (no topic-word list in this run) the two
    means are the same, so one mean is drawn, labelled unmasked."""
    if cells.empty:
        raise ValueError(f"no cells to plot for {by!r}")
    data = cells.reset_index(drop=True)
    names = [label_of(v) if label_of else str(v) for v in data[by]]
    ticks = [f"{wrapped_label(n, width=30)}\n(n={s} statements, {a} articles)"
             for n, s, a in zip(names, data["n_statements"], data["n_articles"])]
    # each row as tall as its longest label (an outlet's full name wraps to three lines), so
    # neighbouring labels never run into each other
    lines = max((t.count("\n") + 1 for t in ticks), default=2)
    fig, ax = plt.subplots(figsize=(8.5, max(2.4, max(0.55, 0.16 * lines) * len(data) + 1.5)))
    for i, row in data.iterrows():
        thin = bool(row["few_articles"])
        _whisker(ax, row["mean"], i - 0.12, row["ci_low"], row["ci_high"], THIN_COLOUR if thin else MASKED_COLOUR)
        if masking and np.isfinite(row["mean_unmasked"]):
            _whisker(ax, row["mean_unmasked"], i + 0.12, row["unmasked_low"], row["unmasked_high"],
                     THIN_COLOUR if thin else UNMASKED_COLOUR, marker="s")
        if thin:
            ax.text(0.98, i, f"n < {min_articles} articles", color="0.45", fontsize=7, ha="right", va="center",
                    transform=ax.get_yaxis_transform())
    ax.set_yticks(range(len(data)), ticks, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(0, color="0.6", lw=0.8)
    ax.set_xlim(-1, 1)
    markers = "dots: topic words masked (headline), squares: unmasked" if masking else "unmasked (no topic-word masking)"
    # two lines: on one, the label ran past the figure's right edge once outlets had their full names
    ax.set_xlabel(f"mean sentiment (-1 to +1); {markers};\nbars: 95% "
                  f"article-cluster bootstrap; grey: fewer than {min_articles} articles", fontsize=8)
    ax.set_title(title or f"Mean sentiment by {by.replace('_', ' ')}")
    layout(fig)
    return fig, data


def plot_group_timeline(cells: pd.DataFrame, group: str = "outlet_group", label_of=None, title: str = "",
                        min_articles: int = MIN_ARTICLES):
    """One panel per group: monthly mean sentiment (masked) with 95% intervals and the number
    of statements per month as bars on a second axis, from `cell_estimates(ctx, [group,
    "month"])`. Months without data are gaps (the line breaks); months from fewer than
    `min_articles` articles are grey points marked "n<MIN" and carry no interval."""
    if cells.empty:
        raise ValueError("no dated cells to plot")
    data = cells.sort_values([group, "month"], kind="mergesort").reset_index(drop=True)
    calendar = month_calendar(data["month"])
    groups = list(dict.fromkeys(data[group]))
    fig, axes = plt.subplots(len(groups), 1, figsize=(10, 2.2 * len(groups) + 1.2), sharex=True, squeeze=False)
    for i, (ax, g) in enumerate(zip(axes[:, 0], groups)):
        part = data[data[group] == g].assign(start=lambda d: pd.to_datetime(d["month"] + "-01")).set_index("start")
        ok = part[~part["few_articles"]]
        series = ok["mean"].reindex(calendar.index)  # NaN in months without enough data: the line breaks
        colour = plt.get_cmap("tab10")(i % 10)
        counts = ax.twinx()
        counts.bar(part.index, part["n_statements"], width=20, color="0.88", zorder=0)
        counts.set_ylabel("statements", fontsize=7)
        counts.tick_params(labelsize=7)
        ax.set_zorder(counts.get_zorder() + 1)
        ax.patch.set_visible(False)
        ax.plot(series.index, series.to_numpy(), color=colour, lw=0.8)
        has_ci = ok["ci_low"].notna()
        ax.errorbar(ok.index[has_ci], ok["mean"][has_ci], yerr=[ok["mean"][has_ci] - ok["ci_low"][has_ci],
                    ok["ci_high"][has_ci] - ok["mean"][has_ci]], fmt="o", color=colour, capsize=2, ms=3)
        thin = part[part["few_articles"]]
        ax.plot(thin.index, thin["mean"], "o", color=THIN_COLOUR, ms=3)
        last = None
        for x, y in zip(thin.index, thin["mean"]):
            # one mark per run of nearby grey points: in busy years the marks of neighbouring
            # months were written over each other (the grey colour and the caption say the rest)
            if last is not None and (x - last[0]).days < 75 and abs(y - last[1]) < 0.35:
                continue
            ax.annotate(f"n<{min_articles}", (x, y), xytext=(0, 4), textcoords="offset points", fontsize=5, color="0.45", ha="center")
            last = (x, y)
        ax.axhline(0, color="0.6", lw=0.6)
        ax.set_ylim(-1, 1)
        ax.set_ylabel("mean (-1 to 1)", fontsize=8)
        name = label_of(g) if label_of else str(g)
        ax.set_title(f"{wrapped_label(name, width=60)} (n={int(part['n_statements'].sum())} statements, "
                     f"{int(part['n_articles'].sum())} articles)", fontsize=9, loc="left")
    axes[-1, 0].set_xlabel(f"month of publication; bars: statements per month; grey (n<{min_articles}): fewer than "
                           f"{min_articles} articles, no interval; lines break at months without enough data")
    fig.suptitle(title or f"Mean sentiment by {group.replace('_', ' ')} and month, with 95% intervals")
    layout(fig)
    return fig, data
