"""The source after "according to" ends where the clause starts, in FA-KES text without commas:
"according to the source caused material damage ...", "according to a military source two
hideouts were destroyed ..." (quotelens.extract.according). FA-KES articles outside the news
gold; default registry."""

from __future__ import annotations

import pytest

from quotelens import config
from quotelens.extract.registry import default_registry_path, load_registry
from quotelens.extract.statements import extract_statements
from quotelens.load.corpus import load_corpus

CASES = [
    ("1965511184", "caused material damage to the infrastructure", "source"),
    ("1926479283", "two hideouts were destroyed", "military source"),
    ("1962495667", "eight people were killed", "initial information"),
]


@pytest.fixture(scope="module")
def table():
    articles = load_corpus(config.FAKES_CSV).articles
    articles = articles[articles["article_id"].isin([c[0] for c in CASES] + ["1918398801"])]
    return extract_statements(articles, registry=load_registry(default_registry_path()))


@pytest.mark.parametrize(("article_id", "quote_start", "speaker"), CASES)
def test_source_ends_before_the_clause(table, article_id, quote_start, speaker):
    rows = table[(table["article_id"] == article_id) & (table["cue"] == "according to")
                 & table["quote"].str.startswith(quote_start)]
    assert len(rows) == 1
    assert rows["speaker"].iat[0] == speaker


def test_a_capitalised_modifier_is_no_verb(table):
    # "according to the New York-based Committee to Protect Journalists at least 84 ...":
    # "York-based" (tagged as a participle) does not end the source
    rows = table[(table["article_id"] == "1918398801") & (table["cue"] == "according to")]
    assert rows["speaker"].str.contains("Committee").any()
