"""Names in figures, whole and apart: wrapped at word boundaries instead of cut, and placed
beside network nodes so that no two labels overlap and none covers a node; quotes shortened
only between words (`excerpt`).

`wrapped_label` replaces cutting a name to a fixed width ("Syrian Observatory for Huma..."):
the name is kept whole and broken into lines between words. `place_node_labels` is a greedy,
deterministic placement (no randomness, no iteration to convergence, so a rerun draws the same
PNG): largest node first, each label takes the first free spot around its node, trying eight
directions at growing distances, with a thin leader line once it sits away from the node.
Nodes, the labels already placed and any other texts given (title, caption, edge weights) are
obstacles. `overlapping_texts` measures the result and is what the tests check.
"""

from __future__ import annotations

import math
import textwrap
from typing import Hashable, Iterable, Mapping, Sequence

from matplotlib.text import Text

from quotelens.figures import escape_dollars

#: Characters per line of a wrapped name (network nodes, legends, tick labels).
LABEL_WIDTH = 22
#: Lines a wrapped name may take; a longer text (not a name: a sentence scraped as a speaker)
#: keeps this many lines and ends, at a word boundary, with an ellipsis.
MAX_LABEL_LINES = 4
#: Gap between a node's edge and its label, and the step between candidate distances (points).
LABEL_GAP_PT = 2.0
LABEL_STEP_PT = 6.0
#: Candidate distances tried per direction before the least crowded spot is taken.
LABEL_STEPS = 40
#: White box behind a label, so the edges under it do not hide it (padding in points).
LABEL_PAD_PT = 1.5
#: Colour of the line from a label placed away from its node to the node.
LEADER_COLOUR = "#3182bd"
# Directions tried, in order: right, left, above, below, then the four diagonals.
_DIRECTIONS = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)]


def wrapped_label(value, width: int = LABEL_WIDTH, max_lines: int = MAX_LABEL_LINES) -> str:
    """`value` as a figure label: white space folded, broken into lines of about `width`
    characters between words (a word is never split or cut), "$" escaped so matplotlib shows it
    instead of reading mathtext. Only a text longer than `max_lines` lines is shortened, after
    its last whole word that fits, with an ellipsis; a single word longer than three lines'
    width is cut there (no name is that long)."""
    text = " ".join(str(value).split())
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1] + " \u2026"
    lines = [line if len(line) <= 3 * width else line[: 3 * width - 1] + "\u2026" for line in lines]
    return escape_dollars("\n".join(lines))


def excerpt(value, max_chars: int = 55) -> str:
    """The start of `value` (a quote) as a figure label: white space folded, at most `max_chars`
    characters, cut after the last whole word that fits and marked with " \u2026" when
    shortened (a first word longer than `max_chars` is cut there), "$" escaped."""
    text = " ".join(str(value).split())
    if len(text) > max_chars:
        head = text[: max(max_chars - 2, 1) + 1]
        cut = head.rfind(" ")
        text = (head[:cut] if cut > 0 else head[: max(max_chars - 2, 1)]) + " \u2026"
    return escape_dollars(text)


def _box_hits_circle(box, cx: float, cy: float, r: float) -> bool:
    x0, y0, x1, y1 = box
    nearest_x = min(max(cx, x0), x1)
    nearest_y = min(max(cy, y0), y1)
    return (nearest_x - cx) ** 2 + (nearest_y - cy) ** 2 < r * r


def _overlap_area(box, other) -> float:
    w = min(box[2], other[2]) - max(box[0], other[0])
    h = min(box[3], other[3]) - max(box[1], other[1])
    return w * h if w > 0 and h > 0 else 0.0


def _candidate(cx, cy, r, w, h, dx, dy, distance):
    """The box of a w x h label whose side (or corner, on a diagonal) faces the node centre
    (cx, cy) at `distance` pixels beyond the node's radius r."""
    reach = r + distance
    if dx and dy:
        reach /= math.sqrt(2.0)
    x = cx + dx * reach
    y = cy + dy * reach
    x0 = x if dx > 0 else (x - w if dx < 0 else x - w / 2)
    y0 = y if dy > 0 else (y - h if dy < 0 else y - h / 2)
    return (x0, y0, x0 + w, y0 + h)


def outward_directions(positions: Mapping[Hashable, Sequence[float]]) -> dict:
    """node -> the label directions pointing away from the centre of `positions` (the mean of
    the nodes' x and y): the nearest of the eight directions first, then its two neighbours. For
    nodes on a circle this puts every name outside the ring, clear of the edges inside it."""
    if not positions:
        return {}
    mx = sum(p[0] for p in positions.values()) / len(positions)
    my = sum(p[1] for p in positions.values()) / len(positions)
    ring = [(1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1)]  # anticlockwise from the right
    out = {}
    for node, (x, y) in positions.items():
        k = round(math.atan2(y - my, x - mx) / (math.pi / 4)) % 8
        out[node] = [ring[k], ring[(k + 1) % 8], ring[(k - 1) % 8]]
    return out


def place_node_labels(
    ax,
    positions: Mapping[Hashable, Sequence[float]],
    labels: Mapping[Hashable, str],
    radii_pt: Mapping[Hashable, float],
    fontsize: float = 8,
    obstacles: Iterable = (),
    directions: Mapping[Hashable, Sequence[tuple[int, int]]] | None = None,
) -> dict:
    """Write each node's label beside it on `ax`, no two labels overlapping and none over a
    node. `positions`: node -> (x, y) in data units; `radii_pt`: node -> radius in points;
    `obstacles`: other matplotlib artists (title, caption, edge labels) to keep clear of.
    Nodes are labelled largest first (ties by label). The axes limits are frozen first: the
    layout is computed in pixels. A label that finds no free spot within LABEL_STEPS
    distances takes the one it overlaps least. `directions`: node -> the directions to try
    first (`outward_directions`: away from the layout's centre, for a circle of nodes), then the
    others. Returns node -> the Annotation drawn."""
    fig = ax.figure
    ax.set_xlim(ax.get_xlim())
    ax.set_ylim(ax.get_ylim())
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    px_per_pt = fig.dpi / 72.0
    pad = LABEL_PAD_PT * px_per_pt
    centres = {n: ax.transData.transform(positions[n]) for n in positions}
    radii = {n: radii_pt[n] * px_per_pt for n in positions}
    taken = []
    for artist in obstacles:
        extent = artist.get_window_extent(renderer)
        if extent.width > 0 and extent.height > 0:
            taken.append((extent.x0, extent.y0, extent.x1, extent.y1))
    order = sorted(positions, key=lambda n: (-radii[n], str(labels[n])))
    placed = {}
    for node in order:
        probe = ax.text(0, 0, labels[node], fontsize=fontsize, ha="center", va="center", transform=None)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        w, h = extent.width + 2 * pad, extent.height + 2 * pad
        cx, cy = centres[node]
        best, best_cost, best_step = None, math.inf, 0
        for step in range(LABEL_STEPS):
            distance = (LABEL_GAP_PT + step * LABEL_STEP_PT) * px_per_pt
            preferred = list((directions or {}).get(node, ()))
            for dx, dy in preferred + [d for d in _DIRECTIONS if d not in preferred]:
                box = _candidate(cx, cy, radii[node], w, h, dx, dy, distance)
                hits_node = any(_box_hits_circle(box, *centres[m], radii[m] + pad) for m in positions)
                cost = sum(_overlap_area(box, other) for other in taken) + (w * h if hits_node else 0.0)
                if cost < best_cost:
                    best, best_cost, best_step = box, cost, step
                if cost == 0:
                    break
            if best_cost == 0:
                break
        taken.append(best)
        x, y = ax.transData.inverted().transform(((best[0] + best[2]) / 2, (best[1] + best[3]) / 2))
        # Leader lines in the node outline's colour, so they are not read as edges (grey).
        leader = dict(arrowstyle="-", lw=0.9, color=LEADER_COLOUR, shrinkA=0, shrinkB=radii_pt[node]) if best_step >= 1 else None
        placed[node] = ax.annotate(
            labels[node], positions[node], xytext=(x, y), textcoords="data", fontsize=fontsize,
            ha="center", va="center", annotation_clip=False, arrowprops=leader, zorder=5,
            bbox=dict(boxstyle=f"square,pad={LABEL_PAD_PT / fontsize:.3f}", facecolor="white", edgecolor="none", alpha=0.85),
        )
    return placed


def overlapping_texts(fig, texts: Sequence) -> list[tuple[str, str]]:
    """Pairs of `texts` (matplotlib Text artists) whose drawn extents overlap in `fig`, as
    (text, text); [] when every one stands apart. The extent is the text's own (an
    annotation's leader line is not part of it)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), Text.get_window_extent(t, renderer)) for t in texts]
    found = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            if box_a.overlaps(box_b):
                found.append((a, b))
    return found
