"""The figure of the signed "speaks about" network (notebook 05_comparisons), from the edge table
of `compare.signed_network.speaks_about_sentiment`.

Arrows run from speaker to target, coloured by the edge's mean target sentiment on a diverging
scale (red negative, blue positive, -1..1), drawn solid when the 95% article-cluster interval
excludes 0 and dashed when it includes 0, and as wide as the edge's number of statements. Only
edges with at least `min_statements` statements are drawn. Each drawn edge is labelled with its n
where a spot along its arc is free (`place_edge_labels`: heaviest edges first, no label over
another or over a node; the caption counts the labels left out), and the table saved beside the
PNG holds n, mean and interval of every drawn edge. Names are whole, wrapped, and placed so that
no two overlap (quotelens.figure_labels.place_node_labels).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.colors import Normalize

from quotelens.compare.networks import ring_layout
from quotelens.figure_labels import outward_directions, place_node_labels, wrapped_label

CMAP = "RdBu"  # red negative, blue positive; white-ish near 0 is kept visible by a grey outline
DRAWN_COLUMNS = ["source", "target", "n_statements", "n_articles", "mean", "ci_low", "ci_high", "sign"]
ARC_RAD = 0.12  # curvature of the arrows (matplotlib's arc3), so A->B and B->A do not coincide
# Where along an arc an edge label may sit (0 speaker, 1 target), tried in this order.
LABEL_POSITIONS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8)
LABEL_PAD_PX = 2.0


def _arc_point(p0, p2, t: float, rad: float = ARC_RAD):
    """Point t (0-1) of matplotlib's arc3 curve from p0 to p2 (display coordinates): a quadratic
    Bezier whose control point is the midpoint moved rad x the chord, perpendicular to it."""
    (x1, y1), (x2, y2) = p0, p2
    cx, cy = (x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1)
    return ((1 - t) ** 2 * x1 + 2 * t * (1 - t) * cx + t * t * x2,
            (1 - t) ** 2 * y1 + 2 * t * (1 - t) * cy + t * t * y2)


class _Area:
    """A fixed region of the figure (display pixels) given to the label placers as an obstacle."""

    def __init__(self, bbox):
        self.bbox = bbox

    def get_window_extent(self, renderer=None):
        return self.bbox


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _hits_circle(box, cx: float, cy: float, r: float) -> bool:
    nearest_x, nearest_y = min(max(cx, box[0]), box[2]), min(max(cy, box[1]), box[3])
    return (nearest_x - cx) ** 2 + (nearest_y - cy) ** 2 < r * r


def place_edge_labels(ax, pos, labels: dict, radii_pt: dict, obstacles=(), fontsize: float = 7) -> tuple[list, int]:
    """Write each edge's label (`labels`: (u, v) -> text, in drawing priority order) at the first
    point of its arc (LABEL_POSITIONS) where it covers no node, no label already placed and no
    obstacle (title, caption); an edge without such a point gets no label. Returns (texts
    drawn, number of labels left out). Freezes the axes limits (the layout is in pixels)."""
    fig = ax.figure
    ax.set_xlim(ax.get_xlim())
    ax.set_ylim(ax.get_ylim())
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    px_per_pt = fig.dpi / 72.0
    centres = {n: ax.transData.transform(pos[n]) for n in pos}
    circles = [(c[0], c[1], radii_pt[n] * px_per_pt + LABEL_PAD_PX) for n, c in centres.items()]
    taken = []
    for artist in obstacles:
        extent = artist.get_window_extent(renderer)
        taken.append((extent.x0, extent.y0, extent.x1, extent.y1))
    drawn, left_out = [], 0
    for (u, v), text in labels.items():
        probe = ax.text(0, 0, text, fontsize=fontsize, transform=None)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        half_w, half_h = extent.width / 2 + LABEL_PAD_PX, extent.height / 2 + LABEL_PAD_PX
        for t in LABEL_POSITIONS:
            x, y = _arc_point(centres[u], centres[v], t)
            box = (x - half_w, y - half_h, x + half_w, y + half_h)
            if not any(_overlaps(box, other) for other in taken) and not any(_hits_circle(box, *c) for c in circles):
                taken.append(box)
                drawn.append(ax.text(*ax.transData.inverted().transform((x, y)), text, fontsize=fontsize, ha="center",
                                     va="center", zorder=4, bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none",
                                                                  "alpha": 0.85}))
                break
        else:
            left_out += 1
    return drawn, left_out


def drawable_edges(edges: pd.DataFrame, min_statements: int, max_edges: int | None = None) -> pd.DataFrame:
    """The edges to draw: n_statements >= min_statements, the `max_edges` with most statements
    (ties by names), columns DRAWN_COLUMNS."""
    kept = edges[edges["n_statements"] >= min_statements]
    kept = kept.sort_values(["n_statements", "source", "target"], ascending=[False, True, True], kind="mergesort")
    if max_edges is not None:
        kept = kept.head(max_edges)
    return kept[DRAWN_COLUMNS].reset_index(drop=True)


def plot_signed_network(edges: pd.DataFrame, min_statements: int = 3, max_edges: int | None = 40,
                        title: str = "", seed: int = 0):
    """Draw the signed speaks-about network; returns (figure, data) with data the drawn edges
    (`drawable_edges`). Raises ValueError when no edge has `min_statements` statements."""
    data = drawable_edges(edges, min_statements, max_edges)
    if data.empty:
        raise ValueError(f"no speaks-about edge with n >= {min_statements} statements to draw")
    graph = nx.DiGraph()
    for name in sorted(set(data["source"]) | set(data["target"])):
        graph.add_node(name)
    for row in data.sort_values(["source", "target"], kind="mergesort").itertuples(index=False):
        graph.add_edge(row.source, row.target, n=int(row.n_statements), mean=float(row.mean), sign=row.sign)
    fig, ax = plt.subplots(figsize=(11, 8.5))
    # a ring, heaviest actor at the top: a few speakers name many actors, and a spring layout
    # piled the named ones into a knot whose names needed leader lines across other nodes
    pos = ring_layout(graph, weight="n")
    # Node area: the statements on the drawn edges that start or end at the actor.
    involvement = {n: 0 for n in graph.nodes}
    for u, v, d in graph.edges(data=True):
        involvement[u] += d["n"]
        involvement[v] += d["n"]
    top = max(involvement.values())
    sizes = {n: 150 + 1050 * np.sqrt(involvement[n] / top) for n in graph.nodes}
    nx.draw_networkx_nodes(graph, pos, ax=ax, nodelist=list(graph.nodes), node_size=[sizes[n] for n in graph.nodes],
                           node_color="#f0f0f0", edgecolors="#636363")
    norm = Normalize(vmin=-1.0, vmax=1.0)
    cmap = plt.get_cmap(CMAP)
    widest = max(d["n"] for _, _, d in graph.edges(data=True))
    for style, clear in (("solid", True), ("dashed", False)):
        chosen = [(u, v) for u, v, d in graph.edges(data=True) if (d["sign"] != "unclear") == clear]
        if not chosen:
            continue
        nx.draw_networkx_edges(
            graph, pos, ax=ax, edgelist=chosen, style=style, arrows=True, arrowstyle="-|>", arrowsize=12,
            connectionstyle=f"arc3,rad={ARC_RAD}", node_size=[sizes[n] for n in graph.nodes], nodelist=list(graph.nodes),
            width=[1.0 + 5.0 * graph.edges[e]["n"] / widest for e in chosen],
            edge_color=[cmap(norm(graph.edges[e]["mean"])) for e in chosen])
    colourbar = fig.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.6, pad=0.02)
    colourbar.set_label("mean sentiment towards the target (-1 to 1)")
    ax.set_title(title)
    caption = ax.text(0.0, -0.02, "", transform=ax.transAxes, fontsize=8, va="top")
    heaviest = sorted(graph.edges(data=True), key=lambda e: (-e[2]["n"], e[0], e[1]))
    radii = {n: np.sqrt(sizes[n]) / 2 + 1.0 for n in graph.nodes}
    caption.set_text(f"arrow: speaker -> target; width: statements (n, max {widest}); solid: 95% article-cluster interval "
                     "excludes 0, dashed: includes 0;\nnode size: statements on the drawn edges")
    fig.canvas.draw()
    # The colour bar with its tick labels and title: no name or n may sit on it.
    scale = _Area(colourbar.ax.get_tightbbox(fig.canvas.get_renderer()))
    edge_texts, left_out = place_edge_labels(ax, pos, {(u, v): f"n={d['n']}" for u, v, d in heaviest}, radii,
                                             obstacles=[ax.title, caption, scale])
    if left_out:
        caption.set_text(caption.get_text() + f"; {left_out} edge label(s) left out for space (n of every edge: the table)")
    ax.set_axis_off()
    place_node_labels(ax, pos, {n: wrapped_label(n) for n in graph.nodes}, radii, fontsize=8,
                      obstacles=[ax.title, caption, scale, *edge_texts], directions=outward_directions(pos))
    return fig, data
