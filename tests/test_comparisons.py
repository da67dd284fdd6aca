"""Comparisons across outlets, groups, months and the actor network, on real text (FA-KES
articles from four outlet groups plus the seed with its gold statements)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import report_fixtures as fx
from quotelens.compare import comparisons as cmp
from quotelens.compare import networks, plots
from quotelens.config import FAKES_CSV, PROJ_ROOT

OUTLETS = PROJ_ROOT / "data" / "outlets.yaml"


@pytest.fixture(scope="module")
def groups():
    return cmp.load_outlet_groups(OUTLETS)


@pytest.fixture(scope="module")
def tables(groups):
    articles, statements = fx.corpus()
    return articles, statements, cmp.statements_in_context(statements, articles, groups)


def test_outlets_yaml_covers_every_fakes_source_once(groups):
    sources = set(pd.read_csv(FAKES_CSV)["source"].str.strip().str.lower())
    assert set(groups.outlets["source"]) == sources
    assert groups.outlets["source"].is_unique
    assert list(groups.groups["group"]) == ["government_allies", "opposition_gulf", "turkish", "international_regional"]
    assert (groups.outlets["rationale"].str.len() > 20).all()
    assert (groups.groups["rationale"].str.len() > 50).all()
    assert groups.group_of(" SANA ") == "government_allies"
    assert groups.group_of("dailysabah") == "turkish"
    assert groups.group_of("bbc") == cmp.UNGROUPED
    assert groups.group_of(None) == cmp.UNKNOWN_SOURCE
    assert groups.group_of(float("nan")) == cmp.UNKNOWN_SOURCE


def test_outlet_grouping_errors_name_the_file(tmp_path):
    dup = tmp_path / "dup.yaml"
    dup.write_text(
        "groups:\n"
        "  - {id: a, label: A, rationale: r, outlets: [{source: sana, rationale: state agency}]}\n"
        "  - {id: b, label: B, rationale: r, outlets: [{source: SANA, rationale: again}]}\n"
    )
    with pytest.raises(ValueError, match=r"dup\.yaml.*'sana'.*'a'.*'b'"):
        cmp.load_outlet_groups(dup)
    missing = tmp_path / "missing.yaml"
    missing.write_text("groups:\n  - {id: a, label: A, outlets: [{source: sana, rationale: x}]}\n")
    with pytest.raises(ValueError, match=r"missing\.yaml.*rationale"):
        cmp.load_outlet_groups(missing)
    broken = tmp_path / "broken.yaml"
    broken.write_text("groups: [unclosed\n")
    with pytest.raises(ValueError, match=r"broken\.yaml.*YAML"):
        cmp.load_outlet_groups(broken)


def test_context_keeps_every_statement_and_joins_outlet_and_month(tables):
    articles, statements, ctx = tables
    assert len(ctx) == len(statements)
    row = ctx[ctx["article_id"] == "1926478914"].iloc[0]
    assert (row["source"], row["outlet_group"], row["month"], row["form"]) == ("etilaf", "opposition_gulf", "2016-04", "reported")
    seed = ctx[ctx["article_id"] == fx.SEED_ID]
    assert seed["source"].isna().all() and (seed["outlet_group"] == cmp.UNKNOWN_SOURCE).all()
    assert cmp.undated_count(ctx) == len(seed) == 12
    # Offsets still index the original text.
    texts = dict(zip(articles["article_id"], articles["text"]))
    assert all(texts[a][s:e] == q for a, s, e, q in zip(ctx["article_id"], ctx["start"], ctx["end"], ctx["quote"]))


def test_quoting_by_outlet_counts_forms_and_shares(tables):
    _, _, ctx = tables
    by_source = cmp.quoting_by(ctx, "source").set_index(["source", "speaker"])
    abdah = by_source.loc[("etilaf", "Anas al-Abdah")]
    assert (abdah["n_statements"], abdah["n_articles"], abdah["n_reported"], abdah["share_direct"]) == (2, 2, 2, 0.0)
    nna = by_source.loc["nna"]
    assert sorted(nna.index) == ["Russia", "United States", "World Health Organization"]
    assert np.allclose(nna["share_of_by"], 1 / 3)
    assert nna.loc["World Health Organization", "n_direct"] == 1
    # The seed's gold: 8 de Mistura statements of 12, 3 of them direct quotes, 1 mixed.
    mistura = by_source.loc[(cmp.UNKNOWN_SOURCE, "Staffan de Mistura")]
    assert (mistura["n_statements"], mistura["n_direct"], mistura["n_mixed"], mistura["n_reported"]) == (8, 3, 1, 4)
    assert mistura["share_of_by"] == pytest.approx(8 / 12)


def test_outlet_summary_by_group_reconciles_with_the_tables(tables, groups):
    articles, statements, ctx = tables
    summary = cmp.outlet_summary(ctx, articles, by="outlet_group", groups=groups).set_index("outlet_group")
    assert summary["n_statements"].sum() == len(statements)
    assert summary["n_articles"].sum() == len(articles)
    assert summary.loc["opposition_gulf", "n_articles"] == 2
    assert summary.loc["international_regional", "n_speakers"] == 3
    seed = summary.loc[cmp.UNKNOWN_SOURCE]
    assert (seed["n_direct"], seed["n_mixed"], seed["n_reported"]) == (3, 3, 6)
    assert (summary[[f"n_{f}" for f in cmp.FORMS]].sum(axis=1) == summary["n_statements"]).all()


def test_outlet_summary_counts_articles_without_statements(tables, groups):
    articles, _, ctx = tables
    extra = pd.DataFrame({"article_id": ["x1"], "source": ["tass"], "date": [pd.NaT]})
    summary = cmp.outlet_summary(ctx, pd.concat([articles, extra]), by="source").set_index("source")
    assert summary.loc["tass", "n_articles"] == 1
    assert summary.loc["tass", "n_statements"] == 0
    assert summary.loc["tass", "statements_per_article"] == 0


def test_mean_sentiment_comes_with_its_n(tables, groups):
    articles, statements, _ = tables
    scored = statements.copy()
    scored["sentiment"] = np.nan
    abdah = scored["speaker"] == "Anas al-Abdah"
    scored.loc[abdah, "sentiment"] = [-0.5, -0.1]
    scored.loc[scored["speaker"] == "Russia", "sentiment"] = 0.2
    ctx = cmp.statements_in_context(scored, articles, groups)
    per = cmp.quoting_by(ctx, "outlet_group").set_index(["outlet_group", "speaker"])
    assert per.loc[("opposition_gulf", "Anas al-Abdah"), "mean_sentiment"] == pytest.approx(-0.3)
    assert per.loc[("opposition_gulf", "Anas al-Abdah"), "n_scored"] == 2
    assert per.loc[("international_regional", "United States"), "n_scored"] == 0
    assert np.isnan(per.loc[("international_regional", "United States"), "mean_sentiment"])
    monthly = cmp.monthly_actor(ctx, actors=["Anas al-Abdah"]).set_index("month")
    assert list(monthly.index) == ["2016-04", "2016-09"]
    assert monthly.loc["2016-09", "mean_sentiment"] == pytest.approx(-0.1)
    assert monthly["n_statements"].tolist() == [1, 1]


def test_actor_mix_pools_the_rest(tables):
    _, _, ctx = tables
    mix = cmp.actor_mix(ctx, by="outlet_group", top_k=2)
    # Top two speakers of the corpus: de Mistura (8) and Delattre (3).
    assert set(mix["speaker"]) == {"Staffan de Mistura", "Francois Delattre", cmp.OTHER_ACTORS}
    assert np.allclose(mix.groupby("outlet_group")["share"].sum(), 1.0)
    opp = mix[mix["outlet_group"] == "opposition_gulf"]
    assert opp[["speaker", "n_statements"]].values.tolist() == [[cmp.OTHER_ACTORS, 2]]


def test_cooccurrence_pairs_speakers_of_one_article(tables):
    _, _, ctx = tables
    edges = networks.cooccurrence_edges(ctx)
    pairs = {(a, b) for a, b in zip(edges["source"], edges["target"])}
    assert pairs == {
        ("Russia", "United States"),
        ("Russia", "World Health Organization"),
        ("United States", "World Health Organization"),
        ("Bashar al-Jaafari", "Francois Delattre"),
        ("Bashar al-Jaafari", "Staffan de Mistura"),
        ("Francois Delattre", "Staffan de Mistura"),
    }
    assert (edges["weight"] == 1).all()
    # Abdah is quoted in two articles, but alone: no edge.
    assert "Anas al-Abdah" not in set(edges["source"]) | set(edges["target"])
    # The same pair in a second article adds weight and lists both articles.
    twice = pd.concat([ctx, ctx[ctx["article_id"] == "1914947530"].assign(article_id="copy")])
    edges2 = networks.cooccurrence_edges(twice, min_articles=2)
    assert len(edges2) == 3 and (edges2["weight"] == 2).all()
    assert edges2["article_ids"].iloc[0] == ["1914947530", "copy"]


def test_speaks_about_finds_registry_actors_inside_quotes(tables):
    _, _, ctx = tables
    mentions = networks.mentions_in_statements(ctx, fx.ALIASES)
    edges = networks.speaks_about_edges(mentions)
    got = {(a, b): w for a, b, w in zip(edges["source"], edges["target"], edges["weight"])}
    assert got == {
        ("Anas al-Abdah", "Bashar al-Assad"): 2,  # "dealing with Assad", "the Assad regime"
        ("Anas al-Abdah", "United Nations"): 1,
        ("Anas al-Abdah", "ISIS"): 1,
        ("Staffan de Mistura", "Bashar al-Assad"): 1,  # "Assad's representatives"
        ("Francois Delattre", "Staffan de Mistura"): 1,  # "de Mistura's efforts"
    }
    # "Moscow-based" is a compound, not a mention of Moscow; a speaker never mentions themself.
    assert "Russia" not in set(mentions["mentioned"])
    assert not (mentions["speaker"] == mentions["mentioned"]).any()
    quote = ctx.set_index("statement_id").loc[mentions["statement_id"], "quote"].tolist()
    assert all(q[o : o + len(m)] == m for q, o, m in zip(quote, mentions["offset"], mentions["mention"]))


def test_alias_matching_prefers_the_longest_alias_and_is_case_sensitive():
    ctx = pd.DataFrame(
        {
            "statement_id": ["s1", "s2"],
            "article_id": ["a", "a"],
            "speaker": ["X", "X"],
            "quote": ["Bashar Assad must go and the US agrees", "the un-named official and the us"],
        }
    )
    mentions = networks.mentions_in_statements(ctx, fx.ALIASES)
    assert mentions[["statement_id", "mentioned", "mention"]].values.tolist() == [
        ["s1", "Bashar al-Assad", "Bashar Assad"],
        ["s1", "United States", "US"],
    ]


def test_statements_behind_an_aggregate(tables):
    _, _, ctx = tables
    behind = cmp.statements_behind(ctx, speaker="Anas al-Abdah", outlet_group="opposition_gulf")
    assert behind["article_id"].tolist() == ["1926478914", "1926479003"]
    assert behind["date"].tolist() == ["2016-04-23", "2016-09-17"]
    assert list(behind.columns[:6]) == cmp.BEHIND_COLUMNS
    edges = networks.cooccurrence_edges(ctx)
    first = edges.iloc[0]
    rows = cmp.statements_behind(ctx, speaker=[first["source"], first["target"]], article_ids=first["article_ids"])
    assert set(rows["speaker"]) == {first["source"], first["target"]}
    assert cmp.statements_behind(ctx, month="2016-09")["speaker"].tolist() == ["Anas al-Abdah"]
    assert len(cmp.statements_behind(ctx, source=cmp.UNKNOWN_SOURCE, limit=5)) == 5


def test_network_drawing_is_seeded_and_weighted(tables):
    _, _, ctx = tables
    edges = networks.cooccurrence_edges(ctx)
    graph = networks.actor_graph(edges, ctx, directed=False)
    assert graph.number_of_nodes() == 6 and graph.number_of_edges() == 6
    assert graph.nodes["Staffan de Mistura"]["n_statements"] == 8
    layouts = []
    for _ in range(2):
        fig, ax = plt.subplots()
        layouts.append(networks.draw_actor_network(graph, ax, title="t", seed=3))
        plt.close(fig)
    assert all(np.allclose(layouts[0][n], layouts[1][n]) for n in graph.nodes)
    about = networks.actor_graph(networks.speaks_about_edges(networks.mentions_in_statements(ctx, fx.ALIASES)), ctx, directed=True)
    assert about.is_directed() and about["Anas al-Abdah"]["Bashar al-Assad"]["weight"] == 2
    assert about.nodes["Bashar al-Assad"]["n_statements"] == 0
    sub = networks.actor_graph(edges, ctx, directed=False, nodes=["Russia", "United States"])
    assert list(sub.edges) == [("Russia", "United States")]
    with pytest.raises(ValueError, match="empty graph"):
        networks.draw_actor_network(networks.actor_graph(edges.iloc[:0], ctx, directed=False), plt.gca(), title="t")


def test_plain_label_defuses_mathtext():
    assert cmp.plain_label("costs $5 and $6") == r"costs \$5 and \$6"
    assert len(cmp.plain_label("x" * 100, max_len=10)) == 10


def test_speaks_about_with_the_project_registry_on_the_seed(tables):
    _, _, ctx = tables
    aliases = networks.registry_aliases(PROJ_ROOT / "data" / "actors" / "syria.yaml")
    seed = ctx[ctx["article_id"] == fx.SEED_ID]
    edges = networks.speaks_about_edges(networks.mentions_in_statements(seed, aliases))
    pairs = set(zip(edges["source"], edges["target"]))
    assert ("Francois Delattre", "Staffan de Mistura") in pairs  # "support de Mistura's efforts"
    assert ("Staffan de Mistura", "Bashar al-Assad") in pairs  # "Assad's representatives"
    with pytest.raises(FileNotFoundError, match="nowhere.yaml"):
        networks.registry_aliases(PROJ_ROOT / "nowhere.yaml")


@pytest.fixture(scope="module")
def real_extracted(groups, default_load, default_statements_syria_shared):
    """Articles of the default corpus (seed + FA-KES) and the statements the extractor finds with
    its registry, named (tests/conftest.py extracts them once per test process)."""
    articles = default_load.articles.copy()
    statements = default_statements_syria_shared.copy()
    return articles, statements, cmp.statements_in_context(statements, articles, groups)


def test_real_statements_reconcile_across_outlets_and_groups(real_extracted, groups):
    articles, statements, ctx = real_extracted
    assert len(ctx) == len(statements) > 1000
    # Every FA-KES outlet is in a group; only the seed has no source.
    assert cmp.UNGROUPED not in set(ctx["outlet_group"])
    assert set(ctx.loc[ctx["outlet_group"] == cmp.UNKNOWN_SOURCE, "article_id"]) <= {fx.SEED_ID}
    for by in ("source", "outlet_group"):
        summary = cmp.outlet_summary(ctx, articles, by=by, groups=groups, once_per_text=False)
        assert summary["n_statements"].sum() == len(statements)
        assert summary["n_articles"].sum() == len(articles)
        assert (summary[[f"n_{f}" for f in cmp.FORMS]].sum(axis=1) == summary["n_statements"]).all()
        per = cmp.quoting_by(ctx, by, once_per_text=False)
        assert per["n_statements"].sum() == len(statements)
        assert np.allclose(per.groupby(by)["share_of_by"].sum(), 1.0)
    monthly = cmp.monthly_actor(ctx, actors=sorted(ctx["speaker"].unique()), once_per_text=False)
    assert monthly["n_statements"].sum() + cmp.undated_count(ctx) == len(statements)


def test_real_network_edges_match_a_direct_count(real_extracted):
    _, _, ctx = real_extracted
    edges = networks.cooccurrence_edges(ctx, once_per_text=False)
    speakers_of = ctx.groupby("article_id")["speaker"].apply(set)
    for row in edges.head(5).itertuples(index=False):
        both = sorted(a for a, s in speakers_of.items() if row.source in s and row.target in s)
        assert row.weight == len(both) and row.article_ids == both
    aliases = networks.registry_aliases(PROJ_ROOT / "data" / "actors" / "syria.yaml")
    mentions = networks.mentions_in_statements(ctx, aliases)
    assert len(mentions) > 100
    quotes = ctx.set_index("statement_id")["quote"]
    sample = mentions.head(200)
    assert all(quotes[s][o : o + len(m)] == m for s, o, m in zip(sample["statement_id"], sample["offset"], sample["mention"]))
    about = networks.speaks_about_edges(mentions)
    assert about["weight"].sum() == len(mentions)


def test_covered_months_are_the_months_with_articles():
    """05's time figure counts 0 in a month with articles and breaks its lines in a month
    without any (FA-KES has no article from 2011-03 to 2012-07)."""
    from quotelens.load.corpus import load_corpus

    articles = load_corpus(["seeds", FAKES_CSV]).articles
    covered = cmp.covered_months(articles)
    originals = articles[articles["duplicate_of"].isna()]
    dated = pd.to_datetime(originals["date"], errors="coerce").dropna()
    assert covered == sorted(set(dated.dt.strftime("%Y-%m")))
    assert covered[0] == "2011-02" and "2011-03" not in covered and "2012-07" not in covered
    with_copies = cmp.covered_months(articles, once_per_text=False)
    assert set(covered) <= set(with_copies)
    assert cmp.covered_months(articles.drop(columns="date")) == []
    calendar = plots.month_calendar(covered, covered)
    assert (~calendar["covered"]).sum() > 12  # whole years without an article are gaps, not zeros
