"""Every table the notebooks 00-06 show is readable (report.table_labels.shown_table): the
notebooks display tables only through it (checked on their code), and every column of the
tables they pass it, built here by the same package functions on real text (the seed article,
FA-KES articles with hand-annotated statements), has a label. A new raw column in any notebook's
displayed table fails the second test; a table displayed another way fails the first."""

from __future__ import annotations

import ast
import json

import pandas as pd
import pytest

import report_fixtures as fx
from quotelens import config
from quotelens.compare import cells, networks, signed_network, statement_targets
from quotelens.compare import comparisons as cmp
from quotelens.compare.speaker_types import unnamed_share
from quotelens.contracts import REJECTED_COLUMNS
from quotelens.extract.statements import extract_statements, unknown_speakers
from quotelens.extract.summary import by_actor, by_type, lowest_confidence
from quotelens.keywords.distinctive import keyword_table, with_month
from quotelens.keywords.kwic import collocations, kwic
from quotelens.keywords.tokens import iter_terms
from quotelens.load import profile
from quotelens.load.corpus import load_corpus
from quotelens.report import table_labels as tl
from quotelens.sentiment import plots as splots
from quotelens.sentiment.estimates import actor_estimates
from quotelens.sentiment.evaluation import headline_table
from quotelens.sentiment.scoring import score_table

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("0*.ipynb"))
#: What a notebook may display besides shown_table(...): figures, images, text as HTML, widgets.
OTHER_DISPLAYS = {"HTML", "Image"}
DISPLAYED_NAMES = {"fig"}
DISPLAYED_ATTRIBUTES = {"widget"}


def _code(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            yield i, "".join(cell["source"])


def _called(node: ast.AST) -> str:
    func = node.func if isinstance(node, ast.Call) else None
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_display_tables_only_through_shown_table(path):
    n_tables = 0
    for i, code in _code(path):
        tree = ast.parse(code)
        assert ".to_html(" not in code and "set_option(\"display" not in code, (path.name, i)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called(node) == "display":
                arg = node.args[0]
                if isinstance(arg, ast.Call) and _called(arg) == "shown_table":
                    n_tables += 1
                    continue
                ok = (isinstance(arg, ast.Call) and _called(arg) in OTHER_DISPLAYS
                      or isinstance(arg, ast.Name) and arg.id in DISPLAYED_NAMES
                      or isinstance(arg, ast.Attribute) and arg.attr in DISPLAYED_ATTRIBUTES)
                assert ok, f"{path.name} cell {i}: display({ast.unparse(arg)[:80]}) is not a readable table"
        # Jupyter shows the value of a bare expression ending a cell as it is (a raw table, a path)
        last = tree.body[-1] if tree.body else None
        if isinstance(last, ast.Expr):
            assert _called(last.value) in ("print", "display"), f"{path.name} cell {i}: {ast.unparse(last)[:80]}"
    if path.stem not in ("00_report",):
        assert n_tables >= 1, path.name  # every analysis notebook shows its tables this way


@pytest.fixture(scope="module")
def seed():
    """The seed article loaded as the report loads it, its statements extracted with the
    project's registry and scored."""
    articles = load_corpus(["seeds"]).articles
    statements = extract_statements(articles, registry="data/actors/syria.yaml")
    return articles, score_table(statements)


@pytest.fixture(scope="module")
def context():
    """FA-KES articles from four outlet groups and the seed, hand-annotated statements, scored,
    in context (outlet, outlet group, month)."""
    articles, statements = fx.corpus()
    groups = cmp.load_outlet_groups(config.resolve("data/outlets.yaml"))
    articles = articles.assign(duplicate_of=None, labels=[i % 2 for i in range(len(articles))])
    return articles, groups, cmp.statements_in_context(score_table(statements), articles, groups)


def _shown_tables(seed, context):
    """(name, table, the labels the notebook gives it) for every table the notebooks display,
    as the notebooks build them."""
    articles, scored = seed
    fakes, groups, ctx = context
    evaluation = json.loads((config.PROJ_ROOT / "docs/evaluation/sentiment.json").read_text(encoding="utf-8"))
    methods = ["vader", "afinn", "ngram", "ensemble"]
    estimates = actor_estimates(scored, by=["speaker"], method_columns=methods, min_statements=1, n_boot=20)
    keywords = keyword_table(with_month(scored), "speaker", n_boot=5, min_count=1, top_k=5)
    top = keywords.table[keywords.table["rank"] <= 5]
    stab = (top.groupby("speaker").agg(statements=("statements_group", "first"), mean_stability=("stability", "mean"),
                                       share_at_least_0_8=("stability", lambda s: float((s >= 0.8).mean()))).reset_index())
    term = keywords.table["term"].iloc[0]
    lines = kwic(scored, term, by="speaker", article_text=dict(zip(articles["article_id"], articles["text"])))
    side = pd.DataFrame({m: keywords.table["term"].head(3).to_list() for m in ["z", "g2", "chi2", "tfidf"]})
    side.insert(0, "rank", range(1, 4))
    targets, affiliations, _ = statement_targets.targets_from_options(ctx, "data/actors/syria.yaml")
    signed = signed_network.speaks_about_sentiment(targets, affiliations, min_articles=1, n_boot=20)
    mentions = networks.mentions_in_statements(ctx, fx.ALIASES)
    return [
        # 01_articles
        ("rejected reasons", pd.DataFrame({"reason": ["x"], "n": [1]}), {"n": "Inputs"}),
        ("rejected", pd.DataFrame(columns=REJECTED_COLUMNS), {"file": "File"}),
        ("duplicate counts", profile.duplicate_counts(articles), {}),
        ("duplicate pairs", profile.duplicate_pairs(articles), {}),
        ("articles", articles[["article_id", "title", "source", "date", "origin", "duplicate_of"]], {}),
        ("per source", profile.articles_per_source(fakes), {}),
        ("per month", profile.articles_per_month(fakes), {}),
        # 02_statements
        ("statements", scored[["article_id", "speaker", "type", "cue", "quote", "rule", "confidence"]], {}),
        ("by actor", by_actor(scored), {}),
        ("by type", by_type(scored), {}),
        ("unknown speakers", unknown_speakers(scored), {}),
        ("lowest confidence", lowest_confidence(scored, 5), {}),
        # 03_sentiment
        ("headline", headline_table(pd.DataFrame(evaluation["results"])).rename_axis(columns=None).reset_index(), {}),
        ("summary", pd.DataFrame(evaluation["table"]), {}),
        ("masking", scored[[c for c in ["speaker", "quote", "masked_terms", "vader_unmasked", "vader", "sentiment_unmasked",
                                         "sentiment", "evidence"] if c in scored.columns]], {}),
        ("estimates", estimates[["speaker", "n_statements", "n_articles", "mean", "ci_low", "ci_high", "share_negative",
                                 "share_neutral", "share_positive", "flags"]], {}),
        ("correlations", scored[methods].corr().rename_axis("method").reset_index(), {}),
        ("extremes", splots.extremes_table(scored, 2), {"end": "End of the scale"}),
        # 04_keywords
        ("terms", pd.DataFrame(list(iter_terms(scored["quote"].iloc[0]))), {"start": "label 1", "end": "label 2"}),
        ("groups", keywords.groups, {}),
        ("keywords", top[["speaker", "rank", "term", "n_group", "n_rest", "z", "stability", "chi2", "g2", "tfidf"]], {}),
        ("stability", stab, {}),
        ("measures", side, {"z": "label 3", "g2": "label 4", "chi2": "label 5", "tfidf": "label 6"}),
        ("collocations", collocations(scored["quote"], n=2, min_freq=1, top=5), {"n": "Occurrences"}),
        ("kwic", lines.drop(columns=["statement_id", "quote_start", "quote_end"], errors="ignore"), {}),
        # 05_comparisons and 06_explore
        ("groups", groups.groups[["group", "group_label", "n_outlets", "rationale"]], {"group": "label 7"}),
        ("outlets", groups.outlets[["source", "name", "group", "rationale"]], {}),
        ("outlet summary", cmp.outlet_summary(ctx, fakes, by="source", groups=groups), {}),
        ("group summary", cmp.outlet_summary(ctx, fakes, by="outlet_group", groups=groups), {}),
        ("behind", cmp.statements_behind(ctx), {}),
        ("quoting", cmp.quoting_by(ctx, "outlet_group"), {"share_of_by": "label 8"}),
        ("unnamed", unnamed_share(ctx, "outlet_group", n_boot=20), {"share": "label 9"}),
        ("cells", cells.cell_estimates(ctx, "outlet_group", n_boot=20), {}),
        ("monthly", cmp.monthly_actor(ctx), {}),
        ("cooccurrence", networks.cooccurrence_edges(ctx).drop(columns=["article_ids"]),
         {"source": "label 10", "target": "label 11", "weight": "label 12"}),
        ("speaks about", networks.speaks_about_edges(mentions).drop(columns=["statement_ids"]),
         {"source": "label 13", "target": "label 14", "weight": "label 15"}),
        ("by column", cells.compare_by_column(ctx, fakes, "labels", n_boot=20), {"labels": "label 16"}),
        ("signed", signed.drop(columns=["statement_ids"]), {"source": "label 17", "target": "label 18", "mean": "label 19"}),
    ]


def test_every_column_a_notebook_shows_has_a_label(seed, context):
    tables = _shown_tables(seed, context)
    assert len(tables) >= 35
    for name, table, labels in tables:
        assert len(table.columns), name
        assert not tl.unlabelled_columns(table, labels), (name, tl.unlabelled_columns(table, labels))
        html = tl.shown_table(table, labels=labels)._repr_html_()
        assert '<table class="readable">' in html and "<th></th>" not in html, name  # no index
        shown = tl.readable(table, labels=labels).columns
        assert not any("_" in c for c in shown) and len(set(shown)) == len(shown), (name, list(shown))
    assert sum(len(t) for _, t, _ in tables) > 100  # real rows, not only empty frames


def test_long_tables_are_shortened_by_the_stated_rule(context):
    _, _, ctx = context
    behind = cmp.statements_behind(ctx)
    assert len(behind) > 5
    shown = tl.shown_table(behind, max_rows=5, rows_in="data/processed/x/statements_in_context.parquet")
    html = shown._repr_html_()
    assert html.count("<tr>") == 6  # the header and five rows
    assert f"First 5 of {len(behind)} rows; all of them in data/processed/x/statements_in_context.parquet." in html
    assert f"{len(behind) - 5} more not shown" in tl.shown_table(behind, max_rows=5)._repr_html_()
    full = tl.shown_table(behind, max_rows=0)._repr_html_()
    assert full.count("<tr>") == len(behind) + 1 and "First" not in full
    assert repr(shown).startswith("table of 5 rows (Article id; Outlet; Date;")  # the plain text: labels, no rows


def test_tables_name_outlets_as_the_grouping_writes_them(context):
    fakes, groups, ctx = context
    assert groups.outlet_name("ahram") == groups.outlet_name(" AHRAM ") == "Ahram Online (Al-Ahram)"
    assert groups.outlet_name("an outlet not in the grouping") == "an outlet not in the grouping"
    html = tl.shown_table(cmp.statements_behind(ctx), label_of={"source": groups.outlet_name}, max_rows=0)._repr_html_()
    names = {groups.outlet_name(s) for s in fakes["source"].dropna()}
    assert len(names) >= 3 and all(f">{tl.html.escape(n)}<" in html for n in names)
