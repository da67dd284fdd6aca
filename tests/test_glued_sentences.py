"""Statements on FA-KES articles whose sentence ends are printed with no space after them
("... under siege.This outrageous escalation ..."): each statement stops at its sentence end
instead of running on through the sentences glued to it (quotelens.text splits there)."""

from __future__ import annotations

import pytest

from quotelens import config
from quotelens.extract.registry import default_registry_path, load_registry
from quotelens.extract.statements import extract_statements
from quotelens.load.corpus import load_corpus

ARTICLES = ("1926479261", "1918150026", "1962495652")


@pytest.fixture(scope="module")
def statements():
    articles = load_corpus(config.FAKES_CSV).articles
    articles = articles[articles["article_id"].isin(ARTICLES)]
    assert len(articles) == len(ARTICLES)
    table = extract_statements(articles, registry=load_registry(default_registry_path()))
    return articles.set_index("article_id")["text"].to_dict(), table


@pytest.mark.parametrize(
    ("article_id", "speaker", "quote"),
    [
        ("1926479261", "Abdah", "the Assad regime and his allies are turning the liberated areas of the city of "
         "Aleppo into a real coffin given that official food stocks run out and civilians are under siege"),
        ("1926479261", "National Coalition", "the desperate humanitarian situation in Aleppo as the regime and its "
         "allies continue their relentless indiscriminate bombardment of Aleppo and its countryside"),
        ("1918150026", "Donald Trump", "These heinous actions by the Bashar Assad regime are a consequence of the "
         "past administrations weakness and irresolution"),
        ("1918150026", "Federica Mogherini", "the regime of Assad bears primary responsibility"),
        ("1962495652", "Islamic State", "a caliphate in June last year with the city of Raqqa as its de facto capital"),
    ],
)
def test_statement_stops_at_glued_sentence_end(statements, article_id, speaker, quote):
    texts, table = statements
    rows = table[(table["article_id"] == article_id) & (table["speaker"] == speaker)]
    assert quote in list(rows["quote"]), list(rows["quote"])
    row = rows[rows["quote"] == quote].iloc[0]
    assert texts[article_id][row["start"]:row["end"]] == quote


def test_no_statement_runs_over_a_glued_sentence_end(statements):
    texts, table = statements
    assert len(table) >= 5
    for row in table.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.quote
        assert ".This " not in row.quote and ".Abdah " not in row.quote and ".The " not in row.quote, row.quote
