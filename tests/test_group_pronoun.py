""""They" refers to a plural people noun that opens a recent sentence ("The Syrian activists had
no information ... They claimed ...", "Western powers back the opposition ... Yet they have
said ..."), not to the organisation or state named before it (quotelens.extract.coreference).
Real FA-KES articles, default registry."""

from __future__ import annotations

import pytest

from quotelens import config
from quotelens.extract.registry import default_registry_path, load_registry
from quotelens.extract.statements import extract_statements
from quotelens.load.corpus import load_corpus

CASES = [
    # "The Syrian American Medical Society ... said ... The Syrian activists had no information on
    # what agent could have been used in the assault. They claimed ..."
    ("1918150030", "the attack was caused by an airstrike", "Syrian activists"),
    # "Opposition fighters unleashed a barrage of rockets ... as they announced ..."
    ("1923102885", "a major offensive aimed at reopening", "opposition fighters"),
    # "Western powers back the opposition but ... Yet they have said ..."
    ("1926479384", "the large-scale use of widely banned chemical weapons", "western powers"),
    # "The US-backed militants posted pictures ... which they claimed ..."
    ("1962495633", "the Syrian army was responsible for it", "US-backed militants"),
]


@pytest.fixture(scope="module")
def statements():
    articles = load_corpus(config.FAKES_CSV).articles
    articles = articles[articles["article_id"].isin({c[0] for c in CASES})]
    assert len(articles) == len(CASES)
    return extract_statements(articles, registry=load_registry(default_registry_path()))


@pytest.mark.parametrize(("article_id", "quote_start", "speaker"), CASES)
def test_they_is_the_group_subject(statements, article_id, quote_start, speaker):
    rows = statements[(statements["article_id"] == article_id) & statements["quote"].str.startswith(quote_start)]
    assert len(rows) == 1
    assert rows.iloc[0]["speaker_mention"].lower() == "they"
    assert rows.iloc[0]["speaker"].lower() == speaker.lower()
