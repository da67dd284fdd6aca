"""The report's network figures read without a legend hunt: on the default corpus (seed + FA-KES,
its registry), the "speaks about" network puts every actor's name right beside its own node
(no leader line drawn across other nodes to a name pushed away), and no two names overlap."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from quotelens.compare import comparisons as cmp  # noqa: E402
from quotelens.compare import networks  # noqa: E402
from quotelens.extract.registry import default_registry_path  # noqa: E402
from quotelens.figure_labels import overlapping_texts  # noqa: E402


@pytest.fixture(scope="module")
def speaks_about(default_load, default_statements_syria_shared):
    ctx = cmp.statements_in_context(default_statements_syria_shared, default_load.articles)
    edges = networks.speaks_about_edges(networks.mentions_in_statements(ctx, networks.registry_aliases(default_registry_path())))
    speakers = set(networks.network_speakers(ctx, len(ctx), registry_only=True))
    drawn = networks.strongest_edges(edges[edges["source"].isin(speakers)], 40, 2)  # as 05 draws it
    return networks.actor_graph(drawn, ctx, directed=True)


def test_speaks_about_names_sit_beside_their_nodes(speaks_about):
    graph = speaks_about
    assert graph.number_of_nodes() >= 20  # a few speakers naming many actors: the knot the spring layout made
    fig, ax = plt.subplots(figsize=(10, 8))
    networks.draw_actor_network(graph, ax, title="Who speaks about whom", weight_label="statements naming the target")
    names = [t for t in ax.texts if t.get_text().replace("\n", " ") in {str(n) for n in graph.nodes}]
    assert len(names) == graph.number_of_nodes()
    pushed = [t.get_text() for t in names if getattr(t, "arrow_patch", None) is not None]
    assert pushed == [], pushed
    assert overlapping_texts(fig, list(ax.texts)) == []
    again = networks.ring_layout(graph)
    assert again == networks.ring_layout(graph) and len(set(again.values())) == graph.number_of_nodes()
    plt.close(fig)


@pytest.fixture(scope="module")
def scored_ctx(default_load, default_statements_syria_shared, sentence_models_fitted):
    from quotelens.compare import choices
    from quotelens.sentiment import score_table, scorer_from_options

    articles = default_load.articles
    groups = choices.outlet_groups("data/outlets.yaml", articles)
    scored = score_table(default_statements_syria_shared, text_column="quote", scorer=scorer_from_options())
    return cmp.statements_in_context(scored, articles, groups), groups


def _inside(fig, artist) -> bool:
    fig.canvas.draw()
    box = artist.get_window_extent(fig.canvas.get_renderer())
    return box.x0 >= 0 and box.y0 >= 0 and box.x1 <= fig.bbox.width and box.y1 <= fig.bbox.height


def test_outlet_cells_name_the_outlets_and_fit_the_figure(scored_ctx):
    from quotelens.compare.cell_plots import plot_cells, plot_group_timeline
    from quotelens.compare.cells import cell_estimates

    ctx, groups = scored_ctx
    cells = cmp.largest_first(cell_estimates(ctx, "source", n_boot=50), "source")
    fig, _ = plot_cells(cells, "source", groups.outlet_name, title="Mean sentiment by outlet (95% intervals)")
    ax = fig.axes[0]
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert any(t.startswith("Ahram Online (Al-Ahram)\n") for t in ticks), ticks  # not "ahram"
    assert not any(t.split("\n")[0] in set(groups.outlets["source"]) for t in ticks), ticks
    assert overlapping_texts(fig, list(ax.get_yticklabels())) == []  # the wrapped full names fit their rows
    assert _inside(fig, ax.xaxis.label) and all(_inside(fig, t) for t in ax.get_yticklabels())
    plt.close(fig)
    timeline = cell_estimates(ctx, ["outlet_group", "month"], n_boot=50)
    fig, _ = plot_group_timeline(timeline, label_of=groups.label_of)
    assert "_" not in fig._suptitle.get_text()  # "by outlet group", not "by outlet_group"
    for ax in fig.axes:
        assert overlapping_texts(fig, list(ax.texts)) == []  # the "n<5" marks of busy months
    plt.close(fig)
