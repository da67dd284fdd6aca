"""'..., with X saying CLAUSE': the participle's subject is the phrase after "with", even when
the tagger's subject runs back over it ("... on the Al-Sabura road west of the capital
Damascus with regime media saying ..."); FA-KES articles outside the news gold, no registry."""

from __future__ import annotations

import pytest

from quotelens import config
from quotelens.extract.statements import extract_statements
from quotelens.load.corpus import load_corpus

CASES = [
    ("1924058093", "one person had been killed and three injured in that bombing", "regime media"),
    # "a monitor", named by the article further on
    ("1923102965", "at least 17 people were killed", "Syrian Observatory for Human Rights"),
]


@pytest.fixture(scope="module")
def table():
    articles = load_corpus(config.FAKES_CSV).articles
    articles = articles[articles["article_id"].isin([c[0] for c in CASES + [("1926479349",)]])]
    return extract_statements(articles, registry=None)


@pytest.mark.parametrize(("article_id", "quote", "speaker"), CASES)
def test_subject_after_with(table, article_id, quote, speaker):
    rows = table[(table["article_id"] == article_id) & (table["quote"] == quote)]
    assert len(rows) == 1
    assert rows["cue"].iat[0] == "saying"
    assert rows["speaker"].iat[0] == speaker


def test_a_tag_after_the_participle_keeps_the_whole_clause(table):
    # "... after the attack with the Assad regime denying the attack altogether ... says Winfield"
    rows = table[(table["article_id"] == "1926479349") & (table["cue"] == "says")]
    assert rows["quote"].str.contains("with the Assad regime denying the attack altogether").any()
