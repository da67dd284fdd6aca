"""Figures for keyword statistics (each returns (fig, data) for quotelens.figures.save_figure).

Every figure has a title, axis labels with units and the n it rests on. Labels on the
Monroe-style plot are placed by `place_labels`, a small deterministic greedy routine: no
randomness, no iteration to convergence, so reruns give byte-identical PNGs. Group names and
terms pass through quotelens.figures.data_label (shown as written, shortened), and `slug` (the
group's part of a figure name) is quotelens.figures.slug: bounded and unique.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from quotelens.figure_labels import wrapped_label
from quotelens.figures import data_label, data_title, layout, literal_text, slug
from quotelens.keywords.termcounts import KeywordsError

__all__ = ["MIN_STABILITY", "Z_CRITICAL", "compare_bars", "kwic_figure", "monroe_plot", "place_labels", "slug",
           "stable_terms", "top_bars"]

Z_CRITICAL = 1.96  # two-sided 5% level of a standard normal
#: Terms whose bootstrap stability (share of article resamples keeping them in the group's top
#: k) is below this are not plotted: in half the resamples they would not be listed at all.
MIN_STABILITY = 0.5
#: Longest term shown in a figure, in characters (terms are up to three tokens; see tokens.py).
TERM_LABEL_CHARS = 40
#: Longest context on either side of a KWIC line, in characters (kwic's window is 50-55).
KWIC_CONTEXT_CHARS = 70

# Candidate label offsets in points: 8 directions at growing distances, tried in this order.
_DIRECTIONS = [(1, 0), (1, 1), (1, -1), (-1, 0), (-1, 1), (-1, -1), (0, 1), (0, -1)]
_RADII = [4, 10, 18, 28, 40, 55]


def _overlaps(box, boxes, pad: float = 1.0) -> bool:
    x0, y0, x1, y1 = box
    for a0, b0, a1, b1 in boxes:
        if x0 < a1 + pad and a0 < x1 + pad and y0 < b1 + pad and b0 < y1 + pad:
            return True
    return False


def place_labels(ax, xs, ys, labels, fontsize: float = 8) -> list:
    """Write `labels` beside points (xs, ys) so that no two labels overlap and none leaves the
    axes. Points are handled in the given order (put the most important first); each label
    takes the first free candidate offset (8 directions x growing radii, in points), with a
    thin leader line when it sits far from its point. A label with no free position is left
    out (returned list holds None for it). Deterministic. Labels are drawn as given (pass data
    through quotelens.figures.data_label); the figure's texts are escaped before it is drawn."""
    fig = ax.figure
    literal_text(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax_box = ax.get_window_extent(renderer)
    px_per_pt = fig.dpi / 72.0
    taken = []
    # Points themselves are obstacles too (small boxes), so labels do not hide markers.
    pts = ax.transData.transform(np.column_stack([xs, ys])) if len(xs) else np.zeros((0, 2))
    point_boxes = [(px - 2, py - 2, px + 2, py + 2) for px, py in pts]
    placed = []
    for (px, py), label in zip(pts, labels):
        # Measured inside the axes: an annotation outside them is clipped and measures 1x1 px.
        text = ax.text(0.5, 0.5, label, fontsize=fontsize, alpha=0, transform=ax.transAxes)
        bb = text.get_window_extent(renderer)
        w, h = bb.width, bb.height
        text.remove()
        chosen = None
        for radius in _RADII:
            for dx, dy in _DIRECTIONS:
                ox, oy = dx * radius * px_per_pt, dy * radius * px_per_pt
                # Anchor: left edge for rightward labels, right edge for leftward, centred otherwise.
                x0 = px + ox if dx > 0 else (px + ox - w if dx < 0 else px - w / 2)
                y0 = py + oy if dy > 0 else (py + oy - h if dy < 0 else py - h / 2)
                box = (x0, y0, x0 + w, y0 + h)
                inside = box[0] >= ax_box.x0 and box[2] <= ax_box.x1 and box[1] >= ax_box.y0 and box[3] <= ax_box.y1
                if inside and not _overlaps(box, taken) and not _overlaps(box, point_boxes, pad=0):
                    chosen = (box, radius)
                    break
            if chosen:
                break
        if not chosen:
            placed.append(None)
            continue
        box, radius = chosen
        taken.append(box)
        tx, ty = ax.transData.inverted().transform(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
        arrow = dict(arrowstyle="-", lw=0.5, color="0.5") if radius > _RADII[1] else None
        x, y = ax.transData.inverted().transform((px, py))
        placed.append(
            ax.annotate(label, (x, y), xytext=(tx, ty), textcoords="data", fontsize=fontsize,
                        ha="center", va="center", arrowprops=arrow)
        )
    return placed


def monroe_plot(table: pd.DataFrame, by: str, group: str, label_top: int = 12, caption: str = "",
                min_stability: float = MIN_STABILITY):
    """Monroe-style plot for one group: z-score (y) against the term's corpus frequency
    (x, log10 occurrences), terms with |z| >= 1.96 coloured and the strongest labelled: only
    terms with bootstrap stability of at least `min_stability` (or none computed) get a label,
    and the caption says so."""
    t = table[table[by] == group]
    if t.empty:
        raise KeywordsError(f"{by} {group!r} has no terms in the keywords table; no plot")
    data = t[[by, "term", "n_group", "n_rest", "z"]].copy()
    stable = set(stable_terms(t, min_stability)["term"])
    data["log10_total"] = np.log10(data["n_group"] + data["n_rest"])
    fig, ax = plt.subplots(figsize=(8, 5.5))
    sig_pos = data["z"] >= Z_CRITICAL
    sig_neg = data["z"] <= -Z_CRITICAL
    ax.scatter(data.loc[~(sig_pos | sig_neg), "log10_total"], data.loc[~(sig_pos | sig_neg), "z"], s=6, color="0.75", lw=0)
    if sig_pos.any():
        ax.scatter(data.loc[sig_pos, "log10_total"], data.loc[sig_pos, "z"], s=10, color="tab:orange", lw=0, label=f"z >= {Z_CRITICAL}")
    if sig_neg.any():
        ax.scatter(data.loc[sig_neg, "log10_total"], data.loc[sig_neg, "z"], s=10, color="tab:blue", lw=0, label=f"z <= -{Z_CRITICAL}")
    ax.axhline(Z_CRITICAL, color="0.6", lw=0.6, ls="--")
    ax.axhline(0, color="0.6", lw=0.6)
    ax.set_xlabel("term frequency in all statements (log10 occurrences)")
    ax.set_ylabel("log-odds z-score vs all other statements (standard units)")
    n_st = int(t["statements_group"].iloc[0])
    n_tok = int(t["tokens_group"].iloc[0])
    ax.set_title(f"Distinctive terms of {data_label(group)}\n(n = {n_st} statements, {n_tok} term occurrences; {len(t)} terms)", fontsize=10)
    if "stability" in t.columns and t["stability"].notna().any():
        caption = (f"Labelled: the strongest terms with bootstrap stability >= {min_stability} (share of article resamples "
                   f"keeping the term in the group's top terms). " + caption)
    if caption:
        fig.text(0.01, -0.02, textwrap.fill(" ".join(caption.split()), 150), fontsize=7, color="0.35", ha="left", va="top")
    span = data["z"].max() - data["z"].min()
    ax.set_ylim(data["z"].min() - 0.08 * span - 0.5, data["z"].max() + 0.15 * span + 0.5)
    xs = data["log10_total"]
    ax.set_xlim(xs.min() - 0.15, xs.max() + 0.35)
    # Label the strongest terms even when none is significant (the colours say which are), so
    # a small corpus still shows what leads; the note says that nothing stands out.
    top = data[(data["z"] > 0) & data["term"].isin(stable)].sort_values(["z", "term"], ascending=[False, True]).head(label_top)
    if not sig_pos.any():
        ax.text(0.01, 0.98, f"no term reaches z >= {Z_CRITICAL}: too little evidence to single out any term",
                transform=ax.transAxes, fontsize=8, color="0.3", va="top")
    placed = place_labels(ax, top["log10_total"].to_numpy(), top["z"].to_numpy(),
                          [data_label(term, TERM_LABEL_CHARS) for term in top["term"]])
    data["labelled"] = data["term"].isin([lab for lab, p in zip(top["term"], placed) if p is not None])
    if sig_pos.any() or sig_neg.any():
        ax.legend(loc="lower right", fontsize=8, frameon=False)
    data = data.sort_values(["z", "term"], ascending=[False, True]).reset_index(drop=True)
    return fig, data


def stable_terms(table: pd.DataFrame, min_stability: float = MIN_STABILITY) -> pd.DataFrame:
    """The rows of a keyword table whose `stability` (0-1) is at least `min_stability`; rows
    without a stability (no bootstrap was run for the group) are kept, and the figure says so."""
    if "stability" not in table.columns or min_stability <= 0:
        return table
    return table[table["stability"].isna() | (table["stability"] >= min_stability)]


def top_bars(table: pd.DataFrame, by: str, groups: list[str], k: int = 10, min_stability: float = MIN_STABILITY):
    """Small multiples: the k highest-z terms of each listed group with bootstrap stability of
    at least `min_stability` (0-1; `stable_terms`) as horizontal bars, each labelled with its
    stability; the caption states the threshold and how many top-k terms it dropped."""
    groups = [g for g in groups if (table[by] == g).any()]
    if not groups:
        raise KeywordsError("no group has terms; no bar chart")
    candidates = table[table[by].isin(groups)]
    top_k = candidates[candidates["rank"] <= k]
    stable = stable_terms(candidates, min_stability).sort_values([by, "z", "term"], ascending=[True, False, True], kind="mergesort")
    stable = stable.groupby(by, sort=False).head(k)
    n_dropped = int(len(top_k) - len(stable_terms(top_k, min_stability)))
    data = stable[[by, "term", "z", "n_group", "statements_group", "stability"]].copy()
    groups = [g for g in groups if (data[by] == g).any()]
    if not groups:
        raise KeywordsError(f"no group has a term with stability >= {min_stability}; no bar chart")
    ncols = min(3, len(groups))
    nrows = int(np.ceil(len(groups) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, 0.28 * k * nrows + 1.2 * nrows), squeeze=False)
    for ax, g in zip(axes.ravel(), groups):
        d = data[data[by] == g].sort_values(["z", "term"], ascending=[True, False])
        # positions, not a categorical axis: two terms shortened alike stay two bars
        y = np.arange(len(d))
        ax.barh(y, d["z"], color=np.where(d["z"] >= Z_CRITICAL, "tab:orange", "0.7"))
        for yi, z, s in zip(y, d["z"], d["stability"]):
            ax.text(z, yi, " n/a" if pd.isna(s) else f" {s:.2f}", va="center", fontsize=6, color="0.3")
        ax.set_yticks(y, [data_label(term, TERM_LABEL_CHARS) for term in d["term"]])
        ax.axvline(Z_CRITICAL, color="0.5", lw=0.6, ls="--")
        ax.set_title(f"{wrapped_label(g, width=40)} (n = {int(d['statements_group'].iloc[0])} statements)", fontsize=9)
        ax.set_xlabel("log-odds z vs rest (standard units)", fontsize=8)
        ax.tick_params(axis="y", labelsize=7)
    for ax in axes.ravel()[len(groups):]:
        ax.set_visible(False)
    fig.suptitle(f"Top {k} distinctive terms per {data_label(by)} (dashed line: z = {Z_CRITICAL})", fontsize=11)
    caption = (f"Numbers beside the bars: bootstrap stability (share of article resamples in which the term stays in the "
               f"group's top terms; n/a: not computed). Terms with stability below {min_stability} are not shown "
               f"({n_dropped} of the top {k} terms of these groups dropped).")
    fig.text(0.01, 0.0, textwrap.fill(caption, 160), fontsize=7, color="0.35", ha="left", va="top")
    layout(fig)
    data = data.sort_values([by, "z", "term"], ascending=[True, False, True]).reset_index(drop=True)
    return fig, data


def compare_bars(table: pd.DataFrame, by: str, group_a: str, group_b: str, k: int = 12):
    """Diverging bars from a two-group comparison (compare_two): the k terms most typical of A
    (z > 0, right) and of B (shown as -z of B's rows, left)."""
    a = table[(table[by] == group_a) & (table["z"] > 0)].head(k)
    b = table[(table[by] == group_b) & (table["z"] > 0)].head(k)
    if a.empty and b.empty:
        raise KeywordsError(f"no distinctive terms between {group_a!r} and {group_b!r}; no comparison plot")
    data = pd.concat([
        a.assign(side=group_a, z_plot=a["z"]),
        b.assign(side=group_b, z_plot=-b["z"]),
    ])[[by, "term", "n_group", "n_rest", "z", "side", "z_plot"]].sort_values(["z_plot", "term"]).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(7.5, 0.28 * len(data) + 1.5))
    colors = np.where(data["side"] == group_a, "tab:orange", "tab:blue")
    ax.barh(np.arange(len(data)), data["z_plot"], color=colors)
    ax.set_yticks(np.arange(len(data)), [data_label(term, TERM_LABEL_CHARS) for term in data["term"]], fontsize=7)
    ax.axvline(0, color="0.4", lw=0.6)
    for x in (-Z_CRITICAL, Z_CRITICAL):
        ax.axvline(x, color="0.6", lw=0.6, ls="--")
    ax.set_xlabel(f"log-odds z (standard units): left favours {data_label(group_b)}, right favours {data_label(group_a)}")
    na = int(table.loc[table[by] == group_a, "statements_group"].iloc[0]) if (table[by] == group_a).any() else 0
    nb = int(table.loc[table[by] == group_b, "statements_group"].iloc[0]) if (table[by] == group_b).any() else 0
    ax.set_title(data_title(f"{data_label(group_a)} (n = {na} statements) vs {data_label(group_b)} (n = {nb} statements)"),
                 fontsize=10)
    layout(fig)
    return fig, data


def kwic_figure(lines: pd.DataFrame, term: str, title_extra: str = ""):
    """A KWIC table drawn as text: left context right-aligned, the match in bold, right
    context left-aligned, one line per occurrence."""
    if lines.empty:
        raise KeywordsError(f"no occurrences of {term!r}; no KWIC table")
    n = len(lines)
    fig, ax = plt.subplots(figsize=(11, 0.25 * n + 0.9))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(n + 0.5, -0.5)
    for i, row in enumerate(lines.itertuples(index=False)):
        match = data_label(row.match, TERM_LABEL_CHARS)
        ax.text(0.44, i, data_label(row.left, KWIC_CONTEXT_CHARS), ha="right", va="center", family="monospace", fontsize=7)
        ax.text(0.45, i, match, ha="left", va="center", family="monospace", fontsize=7, weight="bold")
        shown = len(match) - match.count("\\$")  # characters drawn (an escaped "$" is one)
        ax.text(0.45 + 0.0075 * (shown + 1), i, data_label(row.right, KWIC_CONTEXT_CHARS), ha="left", va="center",
                family="monospace", fontsize=7)
    ax.set_title(data_title(f"Keyword in context: '{data_label(term, TERM_LABEL_CHARS)}' (n = {n} lines{title_extra})"),
                 fontsize=10)
    return fig, lines.reset_index(drop=True)
