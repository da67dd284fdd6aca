"""Comparisons across outlets, outlet groups, time, and the actor network.

Every aggregate here keeps the number of statements behind it (`n_statements`, and `n_scored`
beside every mean sentiment), and `statements_behind` returns the rows behind any aggregate
(article id, outlet, date, speaker, quote), so each number in notebook 05 can be checked.

Inputs are the contracted tables (docs/contracts.md): Statements (optionally scored, with a `sentiment`
column on [-1, 1]) and Articles (for `source` and `date`). The outlet grouping is data
(data/outlets.yaml), read by `load_outlet_groups`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd
import yaml

from quotelens.compare.once import kept_statements
from quotelens.figure_labels import place_node_labels, wrapped_label
from quotelens.figures import data_label
from quotelens.yaml_files import load_yaml

UNGROUPED = "ungrouped"
UNKNOWN_SOURCE = "unknown source"
OTHER_ACTORS = "other actors"

# How statement types are folded into the three forms compared across outlets: a direct quote,
# reported speech (paraphrase, "according to"), and mixed (reported speech with a quoted fragment).
FORM_OF_TYPE = {"direct": "direct", "mixed": "mixed", "indirect": "reported", "according_to": "reported"}
FORMS = ("direct", "mixed", "reported")

# Columns of every "statements behind" table, in display order.
BEHIND_COLUMNS = ["article_id", "source", "date", "speaker", "type", "quote"]


# --------------------------------------------------------------------------------------------
# Outlet grouping
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutletGroups:
    """An outlet grouping read from YAML.

    `outlets` has one row per outlet: `source` (normalised: trimmed, lower case), `name`,
    `group` (the group id), `group_label`, `rationale`. `groups` has one row per group: `group`,
    `group_label`, `rationale`, `n_outlets`, in file order."""

    name: str
    outlets: pd.DataFrame
    groups: pd.DataFrame
    path: str

    def group_of(self, source) -> str:
        """The group id of a source value; UNKNOWN_SOURCE for a missing one, UNGROUPED for a
        source the grouping does not list."""
        key = normalise_source(source)
        if key is None:
            return UNKNOWN_SOURCE
        hit = self.outlets.loc[self.outlets["source"] == key, "group"]
        return str(hit.iloc[0]) if len(hit) else UNGROUPED

    def label_of(self, group: str) -> str:
        """The display label of a group id (the id itself for UNGROUPED / UNKNOWN_SOURCE)."""
        hit = self.groups.loc[self.groups["group"] == group, "group_label"]
        return str(hit.iloc[0]) if len(hit) else group


def normalise_source(source) -> str | None:
    """A source value as compared with the grouping: trimmed and lower-cased; None when missing
    or blank."""
    if source is None or (isinstance(source, float) and np.isnan(source)) or source is pd.NA:
        return None
    text = str(source).strip().lower()
    return text or None


def load_outlet_groups(path: str | os.PathLike) -> OutletGroups:
    """Read an outlet grouping (format documented at the top of data/outlets.yaml).

    Raises ValueError naming the file and the offending group/outlet when a field is missing or
    a source is listed twice."""
    path = Path(path)
    try:
        doc = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("groups"), list) or not doc["groups"]:
        raise ValueError(f"{path}: expected a mapping with a non-empty `groups` list")
    outlet_rows, group_rows, seen = [], [], {}
    for gi, group in enumerate(doc["groups"], start=1):
        if not isinstance(group, dict):
            raise ValueError(f"{path}: group #{gi} is not a mapping")
        for field in ("id", "label", "rationale", "outlets"):
            if not group.get(field):
                raise ValueError(f"{path}: group #{gi} ({group.get('id', '?')}) has no `{field}`")
        gid = str(group["id"])
        if gid in (UNGROUPED, UNKNOWN_SOURCE) or any(r["group"] == gid for r in group_rows):
            raise ValueError(f"{path}: group id {gid!r} is reserved or used twice")
        for oi, outlet in enumerate(group["outlets"], start=1):
            if not isinstance(outlet, dict) or not outlet.get("source") or not outlet.get("rationale"):
                raise ValueError(f"{path}: group {gid!r}, outlet #{oi}: needs `source` and `rationale`")
            key = normalise_source(outlet["source"])
            if key in seen:
                raise ValueError(f"{path}: source {key!r} is listed in group {seen[key]!r} and again in {gid!r}")
            seen[key] = gid
            outlet_rows.append(
                {
                    "source": key,
                    "name": str(outlet.get("name") or key),
                    "group": gid,
                    "group_label": str(group["label"]),
                    "rationale": " ".join(str(outlet["rationale"]).split()),
                }
            )
        group_rows.append(
            {
                "group": gid,
                "group_label": str(group["label"]),
                "rationale": " ".join(str(group["rationale"]).split()),
                "n_outlets": len(group["outlets"]),
            }
        )
    return OutletGroups(
        name=str(doc.get("name") or path.stem),
        outlets=pd.DataFrame(outlet_rows),
        groups=pd.DataFrame(group_rows),
        path=str(path),
    )


# --------------------------------------------------------------------------------------------
# Statements in context
# --------------------------------------------------------------------------------------------


def statements_in_context(
    statements: pd.DataFrame, articles: pd.DataFrame, groups: OutletGroups | None = None
) -> pd.DataFrame:
    """Statements joined with their article's `source`, `date` and `title`, plus `outlet_group`
    (group id), `month` ("YYYY-MM", None when the date is unknown) and `form` (direct, mixed,
    reported).

    Every statement is kept (a statement whose article is missing from `articles` gets no source
    or date). Sorted by date, article_id, start, so tables are deterministic."""
    needed = {"article_id", "speaker", "type", "quote"}
    missing = needed - set(statements.columns)
    if missing:
        raise ValueError(f"statements table lacks columns {sorted(missing)}")
    # duplicate_of rides along so every aggregate can count each text once (compare.once).
    art_cols = [c for c in ("article_id", "source", "date", "title", "duplicate_of") if c in articles.columns]
    if "article_id" not in art_cols:
        raise ValueError("articles table lacks column 'article_id'")
    left = statements.drop(columns=[c for c in art_cols if c != "article_id" and c in statements.columns])
    right = articles[art_cols].drop_duplicates("article_id")
    ctx = left.merge(right, on="article_id", how="left", validate="many_to_one")
    for col in ("source", "title"):
        if col not in ctx.columns:
            ctx[col] = None
    ctx["date"] = pd.to_datetime(ctx["date"], errors="coerce") if "date" in ctx.columns else pd.NaT
    ctx["source"] = ctx["source"].map(normalise_source)
    ctx["outlet_group"] = ctx["source"].map(groups.group_of) if groups is not None else ctx["source"].map(
        lambda s: UNKNOWN_SOURCE if s is None else UNGROUPED
    )
    ctx["month"] = ctx["date"].dt.strftime("%Y-%m").where(ctx["date"].notna(), None)
    ctx["form"] = ctx["type"].map(FORM_OF_TYPE).fillna("reported")
    sort_cols = ["date", "article_id"] + (["start"] if "start" in ctx.columns else [])
    return ctx.sort_values(sort_cols, kind="mergesort", na_position="last").reset_index(drop=True)


def _has_sentiment(df: pd.DataFrame) -> bool:
    return "sentiment" in df.columns


def add_sentiment_summary(out: pd.DataFrame, groups, has_sentiment: bool) -> None:
    """Add `n_scored` (statements with a score) and `mean_sentiment` (mean headline score on
    [-1, 1], NaN without scores) per group of `groups` (a GroupBy) to `out`, in place."""
    if has_sentiment:
        out["n_scored"] = groups["sentiment"].count()
        out["mean_sentiment"] = groups["sentiment"].mean()
    else:
        out["n_scored"] = 0
        out["mean_sentiment"] = np.nan


def _aggregate(ctx: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Counts, form shares and mean sentiment per group of `keys` (see quoting_by)."""
    g = ctx.groupby(keys, dropna=False, sort=True)
    out = g.agg(n_statements=("quote", "size"), n_articles=("article_id", "nunique"))
    for form in FORMS:
        out[f"n_{form}"] = g["form"].apply(lambda s, f=form: int((s == f).sum()))
    out["share_direct"] = out["n_direct"] / out["n_statements"]
    add_sentiment_summary(out, g, _has_sentiment(ctx))
    return out.reset_index()


def quoting_by(ctx: pd.DataFrame, by: str = "source", once_per_text: bool = True) -> pd.DataFrame:
    """Who gets quoted by each outlet (or group, when by="outlet_group"): one row per (by,
    speaker) with `n_statements`, `n_articles` (articles quoting the speaker), `n_direct`,
    `n_mixed`, `n_reported`, `share_direct` (0-1), `n_scored` and `mean_sentiment` (mean of the
    headline score on [-1, 1] over the n_scored statements; NaN without scores), and `share_of_by`
    (the speaker's share of that outlet's statements, 0-1). Sorted by `by`, then by n descending.
    once_per_text: statements of duplicate articles are set aside (compare.once)."""
    ctx = _fill_keys(kept_statements(ctx, once_per_text), [by])
    out = _aggregate(ctx, [by, "speaker"])
    totals = out.groupby(by)["n_statements"].transform("sum")
    out["share_of_by"] = out["n_statements"] / totals
    return out.sort_values([by, "n_statements", "speaker"], ascending=[True, False, True], kind="mergesort").reset_index(
        drop=True
    )


def outlet_summary(ctx: pd.DataFrame, articles: pd.DataFrame, by: str = "source", groups: OutletGroups | None = None,
                   once_per_text: bool = True) -> pd.DataFrame:
    """One row per outlet (by="source") or group (by="outlet_group"): `n_articles` in the corpus,
    `n_articles_quoting` (with at least one statement), `n_statements`, `statements_per_article`,
    `n_speakers`, form counts and `share_direct`, `n_scored`, `mean_sentiment` ([-1, 1]).
    once_per_text: duplicate articles and their statements are set aside (compare.once)."""
    if once_per_text and "duplicate_of" in articles.columns:
        ctx = kept_statements(ctx, True, articles)
        articles = articles[articles["duplicate_of"].isna()]
    arts = articles[["article_id"]].copy()
    arts["source"] = articles["source"].map(normalise_source) if "source" in articles.columns else None
    if by == "outlet_group":
        arts["outlet_group"] = arts["source"].map(groups.group_of) if groups is not None else UNGROUPED
    arts = _fill_keys(arts, [by])
    corpus = arts.groupby(by).agg(n_articles=("article_id", "nunique"))
    ctx = _fill_keys(ctx, [by])
    agg = _aggregate(ctx, [by]).rename(columns={"n_articles": "n_articles_quoting"}).set_index(by)
    agg["n_speakers"] = ctx.groupby(by)["speaker"].nunique()
    out = corpus.join(agg, how="outer").reset_index()
    for col in ["n_articles", "n_articles_quoting", "n_statements", "n_speakers", "n_scored"] + [f"n_{f}" for f in FORMS]:
        out[col] = out[col].fillna(0).astype(int)
    out["statements_per_article"] = out["n_statements"] / out["n_articles"].replace(0, np.nan)
    cols = [by, "n_articles", "n_articles_quoting", "n_statements", "statements_per_article", "n_speakers"]
    cols += [f"n_{f}" for f in FORMS] + ["share_direct", "n_scored", "mean_sentiment"]
    return out[cols].sort_values(by, kind="mergesort").reset_index(drop=True)


def _fill_keys(df: pd.DataFrame, keys: Iterable[str]) -> pd.DataFrame:
    """Missing grouping values become UNKNOWN_SOURCE (for source columns) so they are counted,
    not dropped by groupby."""
    df = df.copy()
    for key in keys:
        if key not in df.columns:
            raise ValueError(f"no column {key!r} to group by")
        df[key] = df[key].where(df[key].notna(), UNKNOWN_SOURCE)
    return df


def top_speakers(ctx: pd.DataFrame, k: int) -> list[str]:
    """The k speakers with most statements (ties broken by name), most quoted first."""
    counts = ctx.groupby("speaker").size().reset_index(name="n")
    counts = counts.sort_values(["n", "speaker"], ascending=[False, True], kind="mergesort")
    return counts["speaker"].head(k).tolist()


def actor_mix(ctx: pd.DataFrame, by: str = "outlet_group", top_k: int = 8, once_per_text: bool = True) -> pd.DataFrame:
    """The quoted-actor mix per outlet or group: for each `by` value, the share (0-1) of its
    statements made by each of the corpus's top_k speakers, the rest pooled as OTHER_ACTORS.
    Columns: by, speaker, n_statements, n_by (statements of that outlet/group), share.
    once_per_text: statements of duplicate articles are set aside (compare.once)."""
    ctx = _fill_keys(kept_statements(ctx, once_per_text), [by])
    keep = set(top_speakers(ctx, top_k))
    lumped = ctx.assign(speaker=ctx["speaker"].where(ctx["speaker"].isin(keep), OTHER_ACTORS))
    out = lumped.groupby([by, "speaker"]).size().reset_index(name="n_statements")
    out["n_by"] = out.groupby(by)["n_statements"].transform("sum")
    out["share"] = out["n_statements"] / out["n_by"]
    order = {s: i for i, s in enumerate(top_speakers(ctx, top_k) + [OTHER_ACTORS])}
    out["_o"] = out["speaker"].map(order)
    return out.sort_values([by, "_o"], kind="mergesort").drop(columns="_o").reset_index(drop=True)


def monthly_actor(ctx: pd.DataFrame, actors: Iterable[str] | None = None, top_k: int = 6,
                  once_per_text: bool = True) -> pd.DataFrame:
    """Statements and mean sentiment per actor per month: columns speaker, month ("YYYY-MM"),
    n_statements, n_articles, n_scored, mean_sentiment ([-1, 1], NaN without scores).

    Statements whose article has no date cannot be placed in time and are left out; call
    `undated_count` to report how many. `actors` defaults to the top_k speakers.
    once_per_text: statements of duplicate articles are set aside (compare.once)."""
    ctx = kept_statements(ctx, once_per_text)
    dated = ctx[ctx["month"].notna()]
    chosen = list(actors) if actors is not None else top_speakers(dated, top_k)
    sub = dated[dated["speaker"].isin(chosen)]
    if sub.empty:
        return pd.DataFrame(columns=["speaker", "month", "n_statements", "n_articles", "n_scored", "mean_sentiment"])
    out = _aggregate(sub, ["speaker", "month"])
    return out[["speaker", "month", "n_statements", "n_articles", "n_scored", "mean_sentiment"]]


def undated_count(ctx: pd.DataFrame) -> int:
    """How many statements have no month (their article's date is unknown)."""
    return int(ctx["month"].isna().sum())


# --------------------------------------------------------------------------------------------
# The actor network
# --------------------------------------------------------------------------------------------


def cooccurrence_edges(ctx: pd.DataFrame, min_articles: int = 1, once_per_text: bool = True,
                       linked_pairs: Iterable[tuple[str, str]] = ()) -> pd.DataFrame:
    """Who is quoted alongside whom: one row per unordered pair of distinct speakers quoted in
    the same article. Columns source, target (source < target alphabetically), `weight` (number
    of articles quoting both) and `article_ids` (sorted list). Pairs in fewer than min_articles
    articles are dropped.

    once_per_text: duplicate articles are set aside (compare.once). linked_pairs: (organisation,
    its spokesperson or director) pairs, in either order, that are not counted: quoting an
    organisation and the person speaking for it says nothing about who is quoted alongside whom
    (`speaks_for_pairs` reads them from a registry's `speaks_for` key)."""
    ctx = kept_statements(ctx, once_per_text)
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


def mentions_in_statements(ctx: pd.DataFrame, aliases: Mapping[str, Iterable[str]]) -> pd.DataFrame:
    """Registry actors mentioned inside statements: one row per (statement, mentioned actor)
    with statement_id (or the row index when absent), article_id, speaker, `mentioned`
    (canonical), `mention` (as written, first occurrence) and `offset` (characters into the
    quote). A speaker mentioning themself is not counted."""
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


def plain_label(text: str, max_len: int = 28) -> str:
    """A label safe for matplotlib: quotelens.figures.data_label with the narrower width of the
    comparison figures (`$` escaped so text from articles never triggers mathtext, white space
    folded, shortened to max_len characters)."""
    return data_label(text, max_len)


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
    place_node_labels(ax, pos, {n: wrapped_label(n) for n in graph.nodes}, radii, fontsize=8, obstacles=[ax.title, caption, *edge_texts])
    return pos


# --------------------------------------------------------------------------------------------
# The statements behind an aggregate
# --------------------------------------------------------------------------------------------


def statements_behind(
    ctx: pd.DataFrame,
    speaker: str | Iterable[str] | None = None,
    source: str | None = None,
    outlet_group: str | None = None,
    month: str | None = None,
    article_ids: Iterable[str] | None = None,
    statement_ids: Iterable[str] | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """The statements behind an aggregate: rows of ctx matching every filter given, with the
    columns article_id, source, date, speaker, type, quote (plus sentiment when scored and
    outlet_group), in ctx's deterministic order. `limit` keeps the first rows."""
    mask = pd.Series(True, index=ctx.index)
    if speaker is not None:
        names = [speaker] if isinstance(speaker, str) else list(speaker)
        mask &= ctx["speaker"].isin(names)
    if source is not None:
        mask &= ctx["source"].fillna(UNKNOWN_SOURCE) == source
    if outlet_group is not None:
        mask &= ctx["outlet_group"] == outlet_group
    if month is not None:
        mask &= ctx["month"] == month
    if article_ids is not None:
        mask &= ctx["article_id"].astype(str).isin(set(map(str, article_ids)))
    if statement_ids is not None:
        mask &= ctx["statement_id"].astype(str).isin(set(map(str, statement_ids)))
    cols = BEHIND_COLUMNS + ["outlet_group"] + (["sentiment"] if _has_sentiment(ctx) else [])
    out = ctx.loc[mask, [c for c in cols if c in ctx.columns]].reset_index(drop=True)
    if "date" in out.columns:
        out["date"] = out["date"].dt.strftime("%Y-%m-%d").where(out["date"].notna(), "")
    return out.head(limit) if limit is not None else out


def registry_aliases(path: str | os.PathLike) -> dict[str, list[str]]:
    """{canonical name: aliases} of an actor registry YAML (data/actors/*.yaml, read by
    quotelens.extract.registry.load_registry, so derived surname forms such as "de Mistura" are
    included), for `mentions_in_statements`. Raises FileNotFoundError when the file is missing
    and quotelens.extract.registry.RegistryError (naming the file) when it is unusable."""
    from quotelens.extract.registry import load_registry

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
    from quotelens.extract.registry import load_registry

    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: actor registry not found")
    registry = load_registry(path)
    return sorted((name, other) for name, actor in registry.actors.items() for other in actor.speaks_for)


def network_speakers(ctx: pd.DataFrame, k: int, registry_only: bool = True) -> list[str]:
    """The k most-quoted speakers for a network figure; with registry_only (and an
    `in_registry` column from 02_statements), only actors of the registry, which leaves out
    anonymous sources ("a source", "activists") that would otherwise sit at every hub."""
    pool = ctx
    if registry_only and "in_registry" in ctx.columns:
        pool = ctx[ctx["in_registry"].fillna(False).astype(bool)]
    return top_speakers(pool, k)
