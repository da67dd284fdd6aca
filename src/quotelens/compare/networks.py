"""The actor networks: who is quoted alongside whom (co-occurrence) and who speaks about whom
(registry names mentioned inside a statement), their graphs and figure, and the registry
relations they need (aliases, `speaks_for` pairs).

Reads the statements-in-context table of quotelens.compare.comparisons (Statements joined with
their articles) and an actor registry YAML (docs/registry.md); writes edge tables (one row per
pair with its weight in articles or statements) and networkx graphs for notebook 05.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd

from quotelens import config
from quotelens.compare.comparisons import top_speakers
from quotelens.compare.once import kept_statements
from quotelens.extract.registry import load_registry
from quotelens.figure_labels import outward_directions, place_node_labels, wrapped_label

# --------------------------------------------------------------------------------------------
# The actor network
# --------------------------------------------------------------------------------------------


#: Speaker kinds (Statements' `speaker_kind`) never counted as "quoted together": a news agency
#: or an outlet quoted as a source relays what others said; it is not an actor quoted beside them.
NOT_QUOTED_TOGETHER = ("news_agency",)


def cooccurrence_edges(ctx: pd.DataFrame, min_articles: int = 1, once_per_text: bool = True,
                       linked_pairs: Iterable[tuple[str, str]] = (),
                       left_out_kinds: Iterable[str] = NOT_QUOTED_TOGETHER) -> pd.DataFrame:
    """Who is quoted alongside whom: one row per unordered pair of distinct speakers quoted in
    the same article. Columns source, target (source < target alphabetically), `weight` (number
    of articles quoting both) and `article_ids` (sorted list). Pairs in fewer than min_articles
    articles are dropped.

    once_per_text: duplicate articles are set aside (compare.once). linked_pairs: (organisation,
    its spokesperson or director) pairs, in either order, that are not counted: quoting an
    organisation and the person speaking for it says nothing about who is quoted alongside whom
    (`speaks_for_pairs` reads them from a registry's `speaks_for` key). left_out_kinds:
    statements whose `speaker_kind` is one of these are not counted (default: news agencies,
    NOT_QUOTED_TOGETHER); a table without `speaker_kind` keeps every statement."""
    ctx = kept_statements(ctx, once_per_text)
    if "speaker_kind" in ctx.columns:
        ctx = ctx[~ctx["speaker_kind"].isin(tuple(left_out_kinds))]
    linked = {tuple(sorted(pair)) for pair in linked_pairs}
    pairs: dict[tuple[str, str], set[str]] = {}
    for article_id, speakers in ctx.groupby("article_id")["speaker"]:
        names = sorted(set(speakers.dropna()))
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                if (a, b) not in linked:
                    pairs.setdefault((a, b), set()).add(str(article_id))
    rows = [
        {"source": a, "target": b, "weight": len(ids), "article_ids": sorted(ids)}
        for (a, b), ids in pairs.items()
        if len(ids) >= min_articles
    ]
    out = pd.DataFrame(rows, columns=["source", "target", "weight", "article_ids"])
    return out.sort_values(["weight", "source", "target"], ascending=[False, True, True], kind="mergesort").reset_index(
        drop=True
    )


def alias_pattern(aliases: Mapping[str, Iterable[str]]) -> tuple[re.Pattern | None, dict[str, str]]:
    """One regex matching any alias as a whole word (longest alias first, so "Bashar al-Assad"
    wins over "Assad"), and the map from alias to canonical name. Matching is case-sensitive:
    aliases are proper names, and lower-case words ("coalition") are not mentions. A possessive
    ("Assad's", or "Assads" where apostrophes were stripped) counts as a mention."""
    alias_to_actor: dict[str, str] = {}
    for actor, names in aliases.items():
        for name in [actor, *names]:
            name = str(name).strip()
            if len(name) >= 2:
                alias_to_actor.setdefault(name, actor)
    if not alias_to_actor:
        return None, {}
    ordered = sorted(alias_to_actor, key=lambda a: (-len(a), a))
    # An optional possessive "s" follows the alias: FA-KES lost its apostrophes ("Assads forces").
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(a) for a in ordered) + r")(?:['\u2019]?s)?(?![\w-])")
    return pattern, alias_to_actor


def mentions_in_statements(ctx: pd.DataFrame, aliases: Mapping[str, Iterable[str]], once_per_text: bool = True) -> pd.DataFrame:
    """Registry actors mentioned inside statements: one row per (statement, mentioned actor)
    with statement_id (or the row index when absent), article_id, speaker, `mentioned`
    (canonical), `mention` (as written, first occurrence) and `offset` (characters into the
    quote). A speaker mentioning themself is not counted. once_per_text: statements of
    articles flagged as copies are set aside (compare.once), as in every other aggregate."""
    ctx = kept_statements(ctx, once_per_text)
    pattern, alias_to_actor = alias_pattern(aliases)
    cols = ["statement_id", "article_id", "speaker", "mentioned", "mention", "offset"]
    if pattern is None or ctx.empty:
        return pd.DataFrame(columns=cols)
    ids = ctx["statement_id"] if "statement_id" in ctx.columns else pd.Series(ctx.index.astype(str), index=ctx.index)
    rows = []
    for sid, article_id, speaker, quote in zip(ids, ctx["article_id"], ctx["speaker"], ctx["quote"]):
        seen = set()
        for m in pattern.finditer(str(quote)):
            actor = alias_to_actor[m.group(1)]
            if actor == speaker or actor in seen:
                continue
            seen.add(actor)
            rows.append([sid, article_id, speaker, actor, m.group(1), m.start(1)])
    return pd.DataFrame(rows, columns=cols)


def speaks_about_edges(mentions: pd.DataFrame) -> pd.DataFrame:
    """Directed edges speaker -> mentioned actor from `mentions_in_statements`: columns source
    (speaker), target (mentioned), `weight` (number of statements), `statement_ids` (sorted)."""
    if mentions.empty:
        return pd.DataFrame(columns=["source", "target", "weight", "statement_ids"])
    g = mentions.groupby(["speaker", "mentioned"])["statement_id"]
    out = g.agg(lambda s: sorted(map(str, s))).reset_index(name="statement_ids")
    out["weight"] = out["statement_ids"].map(len)
    out = out.rename(columns={"speaker": "source", "mentioned": "target"})[["source", "target", "weight", "statement_ids"]]
    return out.sort_values(["weight", "source", "target"], ascending=[False, True, True], kind="mergesort").reset_index(
        drop=True
    )


def strongest_edges(edges: pd.DataFrame, max_edges: int, min_weight: int = 1) -> pd.DataFrame:
    """The max_edges heaviest edges with weight >= min_weight (ties broken by names), so a
    network figure stays readable; the full edge table is still shown beside it."""
    kept = edges[edges["weight"] >= min_weight]
    kept = kept.sort_values(["weight", "source", "target"], ascending=[False, True, True], kind="mergesort")
    return kept.head(max_edges).reset_index(drop=True)


def actor_graph(edges: pd.DataFrame, ctx: pd.DataFrame, directed: bool, nodes: Iterable[str] | None = None) -> nx.Graph:
    """A networkx graph from an edge table (source, target, weight). Nodes carry `n_statements`
    (the actor's statements in ctx; 0 for actors only mentioned). With `nodes`, only edges
    between those actors are kept. Nodes and edges are added in sorted order, so layouts are
    reproducible."""
    graph = nx.DiGraph() if directed else nx.Graph()
    counts = ctx.groupby("speaker").size().to_dict()
    keep = set(nodes) if nodes is not None else None
    chosen = edges
    if keep is not None:
        chosen = edges[edges["source"].isin(keep) & edges["target"].isin(keep)]
    names = sorted(set(chosen["source"]) | set(chosen["target"]))
    for name in names:
        graph.add_node(name, n_statements=int(counts.get(name, 0)))
    for row in chosen.sort_values(["source", "target"], kind="mergesort").itertuples(index=False):
        graph.add_edge(row.source, row.target, weight=int(row.weight))
    return graph




def ring_layout(graph: nx.Graph, weight: str = "weight") -> dict:
    """Nodes evenly on a circle, from the top clockwise, the actor with the heaviest links first
    (sum of its edges' `weight`; ties by name): for directed "speaks about" graphs, where a few
    speakers name many actors and a spring layout piles the named ones into a knot whose names
    need leader lines. On a ring every name sits outside it, beside its own node
    (figure_labels.outward_directions). Deterministic: no random start."""
    strength = {n: 0.0 for n in graph.nodes}
    for u, v, d in graph.edges(data=True):
        strength[u] += float(d.get(weight, 1))
        strength[v] += float(d.get(weight, 1))
    order = sorted(graph.nodes, key=lambda n: (-strength[n], str(n)))
    k = max(len(order), 1)
    # the heaviest actors (the largest nodes, with most arrows) spread round the ring rather
    # than side by side: the i-th heaviest takes slot i * stride, a stride near k / 2.6 that
    # shares no factor with k, so every slot is used once
    stride = next((s for s in sorted(range(1, k + 1), key=lambda s: (abs(s - k / 2.6), s)) if np.gcd(s, k) == 1), 1)
    slots = {n: (i * stride) % k for i, n in enumerate(order)}
    return {n: (float(np.sin(2 * np.pi * j / k)), float(np.cos(2 * np.pi * j / k))) for n, j in slots.items()}


def draw_actor_network(graph: nx.Graph, ax, title: str, seed: int = 0, weight_label: str = "articles") -> dict:
    """Draw `graph` on `ax`: node size by the actor's statements, edge width by weight (the
    weight is written on edges when the graph is small), spring layout seeded with `seed`,
    each actor's whole name beside its node (quotelens.figure_labels: wrapped, never cut, no
    two overlapping). Returns the layout {node: (x, y)}."""
    if graph.number_of_nodes() == 0:
        raise ValueError("empty graph: nothing to draw")
    # The layout ignores weights: with weights spanning two orders of magnitude the heavy
    # links pull their nodes on top of each other. Weight is shown by edge width instead.
    # Kamada-Kawai spreads a dense core with pendant nodes better than a spring layout alone;
    # a short seeded spring pass then separates nodes it leaves close together.
    if graph.is_directed():
        pos = ring_layout(graph)  # who speaks about whom: a few speakers, many named; names outside the ring
    else:
        start = nx.kamada_kawai_layout(graph.to_undirected(), weight=None) if graph.number_of_nodes() > 2 else None
        pos = nx.spring_layout(graph, pos=start, seed=seed, weight=None, k=2.0 / np.sqrt(graph.number_of_nodes()), iterations=30)
    weights = np.array([d["weight"] for _, _, d in graph.edges(data=True)], dtype=float)
    widths = 0.8 + 5.0 * (weights / weights.max()) if len(weights) else []
    counts = np.array([graph.nodes[n].get("n_statements", 0) for n in graph.nodes], dtype=float)
    # Node area grows with the square root of the actor's statements, relative to the largest.
    sizes = list(150 + 1350 * np.sqrt(counts / counts.max())) if counts.max() > 0 else [150] * len(counts)
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=sizes, node_color="#9ecae1", edgecolors="#3182bd")
    edge_kw = dict(arrows=True, arrowstyle="-|>", arrowsize=12, connectionstyle="arc3,rad=0.1") if graph.is_directed() else {}
    nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, edge_color="#636363", alpha=0.7, node_size=sizes, **edge_kw)
    edge_texts = []
    if graph.number_of_edges() <= 25 and not graph.is_directed():
        edge_texts = list(nx.draw_networkx_edge_labels(
            graph, pos, ax=ax, edge_labels={(u, v): d["weight"] for u, v, d in graph.edges(data=True)}, font_size=7
        ).values())
    ax.set_title(title)
    caption = ax.text(
        0.0,
        -0.02,
        f"node size: statements by the actor; edge width: {weight_label} (max {int(weights.max()) if len(weights) else 0})",
        transform=ax.transAxes,
        fontsize=8,
        va="top",
    )
    ax.set_axis_off()
    # Whole names beside the nodes, none over another or over a node (drawn on top of the
    # node they were centred on, long names were cut and neighbours' labels overlapped).
    # A scatter marker of area s (points^2) has radius sqrt(s) / 2 points, plus its edge line.
    radii = {n: np.sqrt(s) / 2 + 1.0 for n, s in zip(graph.nodes, sizes)}
    place_node_labels(ax, pos, {n: wrapped_label(n) for n in graph.nodes}, radii, fontsize=8, obstacles=[ax.title, caption, *edge_texts],
                      directions=outward_directions(pos) if graph.is_directed() else None)
    return pos


# --------------------------------------------------------------------------------------------
# The statements behind an aggregate
# --------------------------------------------------------------------------------------------



def registry_aliases(path: str | os.PathLike) -> dict[str, list[str]]:
    """{canonical name: aliases} of an actor registry YAML (data/actors/*.yaml, read by
    quotelens.extract.registry.load_registry, so derived surname forms such as "de Mistura" are
    included), for `mentions_in_statements`. Raises FileNotFoundError when the file is missing
    and quotelens.extract.registry.RegistryError (naming the file) when it is unusable."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: actor registry not found")
    registry = load_registry(path)
    out: dict[str, list[str]] = {name: [] for name in sorted(registry.actors)}
    for alias, name in sorted(registry.alias_to_actor.items()):
        if alias != name:
            out.setdefault(name, []).append(alias)
    return out


def speaks_for_pairs(path: str | os.PathLike) -> list[tuple[str, str]]:
    """(speaker, organisation) pairs from the `speaks_for` key of an actor registry YAML
    (docs/registry.md), sorted: the pairs `cooccurrence_edges(linked_pairs=...)` leaves out.
    Raises as `registry_aliases` for a missing or unusable file."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: actor registry not found")
    registry = load_registry(path)
    return sorted((name, other) for name, actor in registry.actors.items() for other in actor.speaks_for)


def speaks_for_pairs_of(actors_path: str | os.PathLike | None) -> list[tuple[str, str]]:
    """The pairs a report leaves out of "quoted together" (co-occurrence): `speaks_for_pairs` of
    the registry named by a notebook's `actors_path` parameter (relative to the project root),
    [] when it is empty or None (no registry, so no organisation is linked to its
    spokesperson). Notebooks 00_report and 05_comparisons both call this, so the findings and
    the network figure leave out the same pairs. Raises as `speaks_for_pairs`."""
    if actors_path is None or not str(actors_path).strip():
        return []
    return speaks_for_pairs(config.resolve(actors_path))


def network_speakers(ctx: pd.DataFrame, k: int, registry_only: bool = True) -> list[str]:
    """The k most-quoted speakers for a network figure; with registry_only (and an
    `in_registry` column from 02_statements), only actors of the registry, which leaves out
    anonymous sources ("a source", "activists") that would otherwise sit at every hub."""
    pool = ctx
    if registry_only and "in_registry" in ctx.columns:
        pool = ctx[ctx["in_registry"].fillna(False).astype(bool)]
    return top_speakers(pool, k)
