"""Reported speech nested in a relative clause or an "as" aside, whose speaker is a pronoun:
"the transfer which it said includes 800 armed men", "the helicopter which it said was
carrying three crew", "if as they claimed the Syrian regime has nothing to hide"
(quotelens.extract.article.ArticleState.add). Real FA-KES articles; default registry."""

from __future__ import annotations

import pytest

from quotelens import config
from quotelens.extract.registry import default_registry_path, load_registry
from quotelens.extract.statements import extract_statements
from quotelens.load.corpus import load_corpus

CASES = [
    ("1918150028", "includes 800 armed men from both the rebels and regime", "said", "Syrian Observatory for Human Rights"),
    ("1924058037", "was carrying three crew and two officers", "said", "Russia"),
    ("1926479157", "the Syrian regime has nothing to hide", "claimed", "Syrian government"),
]


@pytest.fixture(scope="module")
def table():
    articles = load_corpus(config.FAKES_CSV).articles
    articles = articles[articles["article_id"].isin([c[0] for c in CASES])]
    assert len(articles) == len(CASES)
    return extract_statements(articles, registry=load_registry(default_registry_path()))


@pytest.mark.parametrize(("article_id", "quote_start", "cue", "speaker"), CASES)
def test_pronoun_after_which_or_as_speaks_in_nested_speech(table, article_id, quote_start, cue, speaker):
    rows = table[(table["article_id"] == article_id) & table["quote"].str.startswith(quote_start)]
    assert len(rows) == 1, rows["quote"].tolist()
    assert rows["cue"].iat[0] == cue
    assert rows["speaker"].iat[0] == speaker


def test_that_before_a_pronoun_is_no_relative():
    # FA-KES 1926479349: "... tells Al-Arabiya that they suggest that it might be chemical ...":
    # "they" (the symptoms) is no source
    articles = load_corpus(config.FAKES_CSV).articles
    articles = articles[articles["article_id"] == "1926479349"]
    table = extract_statements(articles, registry=load_registry(default_registry_path()))
    assert not (table["cue"] == "suggest").any()
