"""The report's findings: computed from real tables, and escaped when rendered."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import report_fixtures as fx
from quotelens.compare import comparisons as cmp
from quotelens.compare import findings as summary
from quotelens.config import PROJ_ROOT


@pytest.fixture(scope="module")
def tables():
    groups = cmp.load_outlet_groups(PROJ_ROOT / "data" / "outlets.yaml")
    articles, statements = fx.corpus()
    return articles, statements, groups


def test_corpus_and_statement_facts_on_real_text(tables):
    articles, statements, groups = tables
    facts = summary.corpus_facts(articles)
    assert facts["n_articles"] == 6 and facts["n_sources"] == 4
    assert facts["top_sources"][0] == ("etilaf", 2)
    assert (facts["first_date"], facts["last_date"], facts["n_undated"]) == ("2016-04-23", "2017-05-02", 1)
    ctx = cmp.statements_in_context(statements, articles, groups)
    sf = summary.statement_facts(ctx, facts["n_articles"])
    assert sf["n_statements"] == 19 and sf["n_articles_quoting"] == 6 and sf["n_speakers"] == 9
    assert sf["forms"] == {"direct": 5, "mixed": 3, "reported": 11}
    assert sf["top_speakers"][:2] == [("Staffan de Mistura", 8), ("Francois Delattre", 3)]


def test_findings_state_numbers_from_the_tables(tables):
    articles, statements, groups = tables
    ctx = cmp.statements_in_context(statements, articles, groups)
    text = " ".join(summary.findings(ctx, articles, groups, min_statements=2))
    assert "The corpus holds 6 articles from 4 outlets, published 2016-04-23 to 2017-05-02 (1 without a date)." in text
    assert "19 statements were extracted from 6 of 6 articles (100%), made by 9 distinct speakers" in text
    assert "26% are direct quotes" in text  # 5 of 19
    assert "Staffan de Mistura (8 statements, 42%)" in text
    assert "In Opposition and Gulf media, the most quoted named speaker is Anas al-Abdah (2 of 2 statements, 100%)." in text
    assert "Sentiment was not scored" in text
    assert "the most quoted named speakers, tied, are Russia, United States and World Health Organization (1 of 3 statements each, 33%)" in text
    # the first of several pairs quoted together in one article each is said to be one of many (issue 14)
    assert "(1 article), tied with 5 other pairs quoted together in 1 article each: no pair stands out." in text


def test_sentiment_finding_needs_two_speakers_with_enough_statements(tables):
    articles, statements, groups = tables
    scored = statements.assign(sentiment=np.where(statements["speaker"] == "Staffan de Mistura", 0.4, -0.2))
    ctx = cmp.statements_in_context(scored, articles, groups)
    text = " ".join(summary.findings(ctx, articles, groups, min_statements=3))
    # issue 14: named actors, each mean with its interval when it has one (here each speaker's
    # statements come from one article, so none, and the sentence says why)
    assert "lowest mean sentiment (on -1 to 1, topic words masked) is Francois Delattre's (-0.20, no interval: 1 article; n=3)" in text
    assert "Among the 10 most quoted named actors (2 with at least 3 scored statements)" in text
    assert "highest Staffan de Mistura's (+0.40, no interval: 1 article; n=8)" in text
    assert summary._possessive("United Nations") == "United Nations'"
    assert summary._who("source") == "unnamed “source”" and summary._who("SANA") == "SANA"
    text = " ".join(summary.findings(ctx, articles, groups, min_statements=9))
    assert "Fewer than two of the 10 most quoted speakers have 9 or more scored statements" in text


def test_findings_escape_hostile_names(tables):
    articles, statements, groups = tables
    hostile = statements.assign(speaker=statements["speaker"].replace("Staffan de Mistura", '<script>alert(1)</script>'))
    ctx = cmp.statements_in_context(hostile, articles, groups)
    rendered = summary.findings_html(summary.findings(ctx, articles, groups))
    assert "<script>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "<script" not in summary.escape_table(cmp.statements_behind(ctx, limit=3).assign(quote="<script>x</script>"))


def test_read_evaluation_missing_or_broken_file(tmp_path):
    doc, note = summary.read_evaluation(tmp_path / "statements.json")
    assert doc is None and "statements.json was not found" in note
    (tmp_path / "bad.json").write_text("{not json")
    doc, note = summary.read_evaluation(tmp_path / "bad.json")
    assert doc is None and "could not be read" in note


def test_evaluation_files_of_the_project_give_tables_and_headlines():
    statements_doc, note = summary.read_evaluation(PROJ_ROOT / "docs" / "evaluation" / "statements.json")
    assert note == "" and statements_doc is not None
    tables, _ = summary.evaluation_tables(statements_doc)
    names = [n for n, _ in tables]
    assert "full.metrics" in names
    full = dict(tables)["full.metrics"]
    overall = full[(full["type"] == "all") & (full["threshold"] == 0.3)].iloc[0]
    lines = summary.statements_headline(statements_doc)
    assert any(f"quote F1 {overall['quote_f1']:.2f}" in line and "coverage >= 0.3" in line for line in lines)
    sentiment_doc, _ = summary.read_evaluation(PROJ_ROOT / "docs" / "evaluation" / "sentiment.json")
    lines = summary.sentiment_headline(sentiment_doc)
    results = pd.DataFrame(sentiment_doc["results"])
    row = results[(results["method"] == "ensemble") & (results["masking"] == "unmasked")].iloc[0]
    assert any(f"macro-F1 {row['macro_f1']:.2f} for the ensemble" in line for line in lines)


def test_evaluation_layouts_are_read_defensively():
    doc = {"dataset": "x", "results": [{"method": "vader", "macro_f1": 0.5, "file": "a"}, {"method": "ensemble", "macro_f1": 0.7, "file": "a"}]}
    tables, notes = summary.evaluation_tables(doc)
    assert [n for n, _ in tables] == ["results"] and notes == ["dataset: x"]
    assert summary.sentiment_headline(doc) == ["NewsMTSC a: macro-F1 0.70 for the ensemble (the headline score) against 0.50 for VADER (NLTK) alone."]
    assert summary.statements_headline({"full": {"metrics": [{"threshold": 0.3}]}}) == []
    assert summary.sentiment_headline({"results": "none"}) == []
