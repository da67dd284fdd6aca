"""Figures of notebook 03_sentiment. Each function returns (figure, data): `data` is exactly
what is plotted, for quotelens.figures.save_figure. Every figure has a title, labelled axes with
units, and the n behind each point. Speaker and outlet names and quotes are drawn through
quotelens.figures.data_label: as written (never mathtext) and shortened."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from quotelens.figure_labels import excerpt
from quotelens.figures import data_label, layout
from quotelens.sentiment.estimates import FEW_ARTICLES

SCORE_AXIS = "mean sentiment score (-1 negative to +1 positive)"
METHOD_MARKERS = ("o", "s", "^", "D", "v", "P", "X")


def _height(rows: int) -> float:
    return max(2.4, 0.38 * rows + 1.4)


def actor_means(estimates: pd.DataFrame, title: str):
    """Dot-and-whisker: each actor's mean with its 95% cluster-bootstrap interval, sorted."""
    data = estimates.sort_values(["mean", "speaker"], ascending=[True, True], kind="mergesort")
    data = data[["speaker", "n_statements", "n_articles", "mean", "ci_low", "ci_high", "flags"]].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8, _height(len(data))))
    y = np.arange(len(data))
    has_ci = data["ci_low"].notna().to_numpy()
    ax.errorbar(data["mean"][has_ci], y[has_ci], xerr=[data["mean"][has_ci] - data["ci_low"][has_ci], data["ci_high"][has_ci] - data["mean"][has_ci]],
                fmt="o", color="tab:blue", ecolor="tab:blue", capsize=3, label="mean, 95% interval")
    if (~has_ci).any():
        ax.plot(data["mean"][~has_ci], y[~has_ci], "o", mfc="white", color="tab:blue", label="mean, one article (no interval)")
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_yticks(y, [f"{data_label(s)} (n={n}, {a} art.)" for s, n, a in zip(data["speaker"], data["n_statements"], data["n_articles"])])
    ax.set_xlabel(SCORE_AXIS)
    ax.set_ylabel("actor (statements, articles)")
    ax.set_xlim(-1, 1)
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=8)
    return fig, data


def actor_distribution(scored: pd.DataFrame, actors: list[str], title: str):
    """Each statement's score as a dot per actor, with a box of the quartiles."""
    data = scored[scored["speaker"].isin(actors)].dropna(subset=["sentiment"])
    data = data[["speaker", "statement_id", "sentiment"]].sort_values(["speaker", "statement_id"], kind="mergesort").reset_index(drop=True)
    order = data.groupby("speaker")["sentiment"].median().sort_values(kind="mergesort").index.tolist()
    fig, ax = plt.subplots(figsize=(8, _height(len(order))))
    groups = [data.loc[data["speaker"] == a, "sentiment"].to_numpy() for a in order]
    ax.boxplot(groups, vert=False, widths=0.5, showfliers=False)
    rng = np.random.default_rng(0)  # fixed jitter, so the figure is identical on every run
    for i, values in enumerate(groups, start=1):
        ax.plot(values, i + rng.uniform(-0.15, 0.15, len(values)), ".", color="tab:blue", alpha=0.5, ms=4)
    ax.set_yticks(range(1, len(order) + 1), [f"{data_label(a)} (n={len(g)})" for a, g in zip(order, groups)])
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("statement sentiment score (-1 to +1)")
    ax.set_ylabel("actor (statements)")
    ax.set_title(title)
    return fig, data


def method_comparison(estimates: pd.DataFrame, methods: list[str], title: str):
    """Per actor, the mean score under each method (a marker per method)."""
    cols = [f"mean_{m}" for m in methods]
    data = estimates[["speaker", "n_statements"] + cols].sort_values(["mean_" + methods[-1], "speaker"], kind="mergesort").reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8, _height(len(data))))
    y = np.arange(len(data))
    for k, (method, col) in enumerate(zip(methods, cols)):
        ax.plot(data[col], y + (k - (len(methods) - 1) / 2) * 0.12, METHOD_MARKERS[k % len(METHOD_MARKERS)], label=method, alpha=0.8)
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_yticks(y, [f"{data_label(s)} (n={n})" for s, n in zip(data["speaker"], data["n_statements"])])
    ax.set_xlim(-1, 1)
    ax.set_xlabel(SCORE_AXIS)
    ax.set_ylabel("actor (statements)")
    ax.set_title(title)
    ax.legend(title="method", fontsize=8, loc="lower right")
    return fig, data


def masking_effect(estimates: pd.DataFrame, title: str):
    """Per actor, an arrow from the unmasked mean to the masked mean (topic words removed)."""
    data = estimates[["speaker", "n_statements", "mean_unmasked", "mean", "masking_shift"]].sort_values(
        ["masking_shift", "speaker"], kind="mergesort").reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8, _height(len(data))))
    y = np.arange(len(data))
    ax.plot(data["mean_unmasked"], y, "o", mfc="white", color="tab:red", label="topic words kept")
    ax.plot(data["mean"], y, "o", color="tab:blue", label="topic words masked")
    for yi, a, b in zip(y, data["mean_unmasked"], data["mean"]):
        ax.annotate("", xy=(b, yi), xytext=(a, yi), arrowprops=dict(arrowstyle="->", color="grey", lw=0.8))
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_yticks(y, [f"{data_label(s)} (n={n}, shift {d:+.2f})" for s, n, d in zip(data["speaker"], data["n_statements"], data["masking_shift"])])
    ax.set_xlim(-1, 1)
    ax.set_xlabel(SCORE_AXIS)
    ax.set_ylabel("actor (statements, shift in score units)")
    ax.set_title(title)
    ax.legend(fontsize=8, loc="lower right")
    return fig, data


def extremes_table(scored: pd.DataFrame, k: int) -> pd.DataFrame:
    """The k most positive and k most negative statements with their evidence words."""
    cols = ["statement_id", "speaker", "quote", "sentiment", "label", "evidence", "evidence_vader", "masked_terms"]
    cols = [c for c in cols if c in scored.columns]
    valid = scored.dropna(subset=["sentiment"])
    top = valid.sort_values(["sentiment", "statement_id"], ascending=[False, True], kind="mergesort").head(k).assign(end="most positive")
    bottom = valid.sort_values(["sentiment", "statement_id"], ascending=[True, True], kind="mergesort").head(k).assign(end="most negative")
    bottom = bottom[~bottom["statement_id"].isin(top["statement_id"])]
    return pd.concat([top, bottom])[["end"] + cols].reset_index(drop=True)


def extremes(table: pd.DataFrame, title: str):
    """Bars of the most positive and most negative statements' scores, labelled by speaker and
    the start of the quote."""
    data = table.sort_values(["sentiment", "statement_id"], kind="mergesort").reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(9, _height(len(data))))
    y = np.arange(len(data))
    colours = ["tab:red" if s < 0 else "tab:blue" for s in data["sentiment"]]
    ax.barh(y, data["sentiment"], color=colours)
    ax.set_yticks(y, [f"{data_label(s)}: {excerpt(q, 55)}" for s, q in zip(data["speaker"], data["quote"])], fontsize=8)
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("statement sentiment score (-1 to +1)")
    ax.set_ylabel(f"statement (n={len(data)} shown)")
    ax.set_title(title)
    return fig, data


def by_group(estimates: pd.DataFrame, group: str, title: str, group_label: str, min_articles: int = FEW_ARTICLES):
    """Dot-and-whisker per (actor, group) with 95% intervals; rows grouped by actor. Rows from
    fewer than `min_articles` articles are drawn grey and labelled "n < min_articles articles"
    (data column `few_articles`)."""
    data = estimates.sort_values(["speaker", group], kind="mergesort").reset_index(drop=True)
    data = data[["speaker", group, "n_statements", "n_articles", "mean", "ci_low", "ci_high"]].copy()
    data["few_articles"] = data["n_articles"] < min_articles
    fig, ax = plt.subplots(figsize=(8, _height(len(data))))
    y = np.arange(len(data))
    actors = list(dict.fromkeys(data["speaker"]))
    colours = {a: plt.get_cmap("tab10")(i % 10) for i, a in enumerate(actors)}
    for yi, row in zip(y, data.itertuples(index=False)):
        colour = "0.7" if row.few_articles else colours[row.speaker]
        if row.few_articles:
            ax.text(0.98, yi, f"n < {min_articles} articles", color="0.45", fontsize=7, ha="right", va="center",
                    transform=ax.get_yaxis_transform())
        if np.isfinite(row.ci_low):
            ax.errorbar(row.mean, yi, xerr=[[row.mean - row.ci_low], [row.ci_high - row.mean]], fmt="o", color=colour, capsize=3)
        else:
            ax.plot(row.mean, yi, "o", mfc="white", color=colour)
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_yticks(y, [f"{data_label(s)} | {data_label(g)} (n={n})" for s, g, n in zip(data["speaker"], data[group], data["n_statements"])], fontsize=8)
    ax.set_xlim(-1, 1)
    ax.set_xlabel(SCORE_AXIS + f"; open dots: one article, no interval; grey: fewer than {min_articles} articles")
    ax.set_ylabel(f"actor | {group_label} (statements)")
    ax.invert_yaxis()  # read top-down: actors and outlets in alphabetical order
    ax.set_title(title)
    return fig, data


def by_month(estimates: pd.DataFrame, title: str, min_articles: int = FEW_ARTICLES):
    """One panel per actor: the monthly mean (dots) with its 95% interval (bars). Months
    without enough statements are absent, not interpolated; months from fewer than
    `min_articles` articles are grey and marked "n < min_articles" (data column `few_articles`)."""
    data = estimates.sort_values(["speaker", "month"], kind="mergesort").reset_index(drop=True)
    data = data[["speaker", "month", "n_statements", "n_articles", "mean", "ci_low", "ci_high"]].copy()
    data["few_articles"] = data["n_articles"] < min_articles
    actors = list(dict.fromkeys(data["speaker"]))
    fig, axes = plt.subplots(len(actors), 1, figsize=(9, 1.7 * len(actors) + 1.2), sharex=True, squeeze=False)
    for i, (ax, actor) in enumerate(zip(axes[:, 0], actors)):
        part = data[data["speaker"] == actor]
        x = pd.to_datetime(part["month"] + "-01")
        colour = plt.get_cmap("tab10")(i % 10)
        few = part["few_articles"].to_numpy()
        has_ci = part["ci_low"].notna().to_numpy() & ~few
        ax.errorbar(x[has_ci], part["mean"][has_ci],
                    yerr=[part["mean"][has_ci] - part["ci_low"][has_ci], part["ci_high"][has_ci] - part["mean"][has_ci]],
                    fmt="o", color=colour, capsize=2, ms=4)
        plain = ~has_ci & ~few
        ax.plot(x[plain], part["mean"][plain], "o", mfc="white", color=colour, ms=4)
        ax.plot(x[few], part["mean"][few], "o", color="0.7", ms=4)
        for xi, yi in zip(x[few], part["mean"][few]):
            ax.annotate(f"n<{min_articles}", (xi, yi), xytext=(0, 5), textcoords="offset points", fontsize=6, color="0.45", ha="center")
        ax.axhline(0, color="grey", lw=0.8)
        ax.set_ylim(-1, 1)
        ax.set_ylabel("mean (-1 to 1)", fontsize=8)
        ax.set_title(f"{data_label(actor)} (n={int(part['n_statements'].sum())} statements, {len(part)} months)", fontsize=9,
                     loc="left")
    axes[-1, 0].set_xlabel(f"month; open dots: one article, no interval; grey (n<{min_articles}): fewer than {min_articles} articles")
    fig.suptitle(title)
    layout(fig)
    return fig, data
