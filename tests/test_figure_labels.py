"""Names in figures stay whole and apart, and month lines break where there is no data: on the
default corpus (seed + FA-KES) as the extractor reads it, drawn by the notebook 05 functions."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Annotation, Text  # noqa: E402

from quotelens.compare import comparisons as cmp  # noqa: E402
from quotelens.compare import networks
from quotelens.compare import plots  # noqa: E402
from quotelens.config import PROJ_ROOT  # noqa: E402
from quotelens.extract.registry import load_registry  # noqa: E402
from quotelens.figure_labels import excerpt, overlapping_texts, wrapped_label  # noqa: E402

REGISTRY = PROJ_ROOT / "data" / "actors" / "syria.yaml"


@pytest.fixture(scope="module")
def ctx(default_load, default_statements_syria_shared):
    # the default corpus and its statements with REGISTRY, extracted once per process (conftest)
    articles = default_load.articles.copy()
    statements = default_statements_syria_shared.copy()
    return cmp.statements_in_context(statements, articles, cmp.load_outlet_groups(PROJ_ROOT / "data" / "outlets.yaml"))


def _unwrapped(label: str) -> str:
    return " ".join(label.split())


def test_names_are_wrapped_whole_never_cut():
    names = sorted(load_registry(REGISTRY).actors)
    assert "Syrian Observatory for Human Rights" in names
    for name in names:
        label = wrapped_label(name)
        assert _unwrapped(label) == " ".join(name.split()).replace("$", r"\$"), name
        assert "\u2026" not in label
        assert all(len(line) <= 22 or " " not in line for line in label.split("\n")), label
    assert wrapped_label("Syrian Observatory for Human Rights") == "Syrian Observatory for\nHuman Rights"
    # Only a text far longer than a name is shortened, after a whole word.
    sentence = " ".join(["statement"] * 40)
    assert wrapped_label(sentence).endswith("statement \u2026") and len(wrapped_label(sentence).split("\n")) == 4


def _drawn_network(graph):
    fig, ax = plt.subplots(figsize=(10, 8))
    networks.draw_actor_network(graph, ax, title="network", seed=0)
    labels = [t for t in ax.texts if isinstance(t, Annotation)]
    return fig, ax, labels


def _assert_labels_whole_apart_and_off_the_nodes(graph, fig, ax, labels):
    assert sorted(_unwrapped(t.get_text()) for t in labels) == sorted(graph.nodes)
    assert overlapping_texts(fig, labels) == []
    # No label box covers a node: node centres and radii (points -> pixels) from the scatter.
    renderer = fig.canvas.get_renderer()
    nodes = ax.collections[0]
    centres = ax.transData.transform(nodes.get_offsets())
    radii = np.sqrt(nodes.get_sizes()) / 2 * fig.dpi / 72.0
    for text in labels:
        box = Text.get_window_extent(text, renderer)  # the text, without its leader line
        nearest_x = np.clip(centres[:, 0], box.x0, box.x1)
        nearest_y = np.clip(centres[:, 1], box.y0, box.y1)
        assert (np.hypot(nearest_x - centres[:, 0], nearest_y - centres[:, 1]) >= radii).all(), text.get_text()


def test_cooccurrence_network_labels_are_whole_and_apart(ctx):
    actors = networks.network_speakers(ctx, 20, registry_only=True)
    edges = networks.cooccurrence_edges(ctx)
    drawn = networks.strongest_edges(edges[edges["source"].isin(actors) & edges["target"].isin(actors)], 40, 2)
    graph = networks.actor_graph(drawn, ctx, directed=False)
    assert graph.number_of_nodes() >= 12 and "Syrian Observatory for Human Rights" in graph.nodes
    fig, ax, labels = _drawn_network(graph)
    _assert_labels_whole_apart_and_off_the_nodes(graph, fig, ax, labels)
    plt.close(fig)


def test_speaks_about_network_labels_are_whole_and_apart(ctx):
    mentions = networks.mentions_in_statements(ctx, networks.registry_aliases(REGISTRY))
    about = networks.speaks_about_edges(mentions)
    speakers = set(networks.network_speakers(ctx, len(ctx), registry_only=True))
    graph = networks.actor_graph(networks.strongest_edges(about[about["source"].isin(speakers)], 40, 2), ctx, directed=True)
    assert graph.number_of_nodes() >= 12
    fig, ax, labels = _drawn_network(graph)
    _assert_labels_whole_apart_and_off_the_nodes(graph, fig, ax, labels)
    plt.close(fig)


def test_months_without_data_break_the_lines(ctx):
    monthly = cmp.monthly_actor(ctx, top_k=5)
    covered = sorted(ctx["month"].dropna().unique())
    fig, _ = plots.plot_actor_months(monthly, min_n=5, covered_months=covered)
    top, bottom = fig.axes[:2]
    calendar = plots.month_calendar(monthly["month"], covered)
    uncovered = int((~calendar["covered"]).sum())
    assert uncovered > 0  # FA-KES has whole months without an article (2011-03 .. 2012-07)
    legend = [_unwrapped(t.get_text()) for t in top.get_legend().get_texts()]
    assert any(entry.startswith("Syrian Observatory for Human Rights (n=") for entry in legend)
    for line in top.get_lines():
        counts = np.asarray(line.get_ydata(), dtype=float)
        assert len(counts) == len(calendar)
        assert np.isnan(counts).sum() == uncovered  # a gap, not a line across
        assert (counts[calendar["covered"].to_numpy()] >= 0).all()  # 0 where the corpus has articles
    for speaker, rows in monthly.groupby("speaker"):
        series = plots.actor_month_series(rows, calendar, min_n=5)
        means = series["mean"].dropna()
        scored = rows[rows["n_scored"] >= 5]
        assert sorted(means.index.strftime("%Y-%m")) == sorted(scored["month"])
        assert np.allclose(means.to_numpy(), scored.sort_values("month")["mean_sentiment"].to_numpy())
    plt.close(fig)


def test_quote_excerpts_end_between_words(ctx):
    quotes = ctx["quote"].drop_duplicates().head(400)
    shortened = 0
    for quote in quotes:
        folded = " ".join(quote.split())
        label = excerpt(quote, 55).replace(r"\$", "$")
        assert len(label) <= 55
        if label == folded:
            continue
        shortened += 1
        head = label.removesuffix(" \u2026")
        assert label.endswith(" \u2026") and folded.startswith(head)
        assert folded[len(head)] == " ", (head, folded[: len(head) + 10])  # cut before a space, never inside a word
    assert shortened > 100
