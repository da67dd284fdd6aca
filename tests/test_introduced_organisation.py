"""An indefinite description of an organisation ("a human rights group said") introduces a new
organisation, named soon after; it is not the organisation of the same kind that spoke before
(quotelens.extract.naming.name_introduced_organisations). Readthrough seed 17 #13. Real FA-KES
articles, default registry."""

from __future__ import annotations

import pytest

from quotelens import config
from quotelens.extract.registry import build_registry, default_registry_path, load_registry
from quotelens.extract.statements import extract_statements
from quotelens.load.corpus import load_corpus

ARTICLES = ("1924058178", "1918398778")


@pytest.fixture(scope="module")
def articles():
    table = load_corpus(config.FAKES_CSV).articles
    table = table[table["article_id"].isin(ARTICLES)]
    assert len(table) == len(ARTICLES)
    return table


@pytest.fixture(scope="module")
def statements(articles):
    return extract_statements(articles, registry=load_registry(default_registry_path()))


def _row(table, article_id: str, quote_start: str):
    rows = table[(table["article_id"] == article_id) & table["quote"].str.startswith(quote_start)]
    assert len(rows) == 1, list(table[table["article_id"] == article_id]["quote"])
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("article_id", "quote_start", "mention", "speaker"),
    [
        # "Meanwhile a human rights group said more than 12000 people have been tortured ... In a
        # Sunday statement the Syrian Network for Human Rights (SNHR) said ..." (the Observatory
        # spoke earlier in the article)
        ("1924058178", "more than 12000 people have been tortured", "a human rights group",
         "Syrian Network for Human Rights"),
        # "A report released by a group of U.N. experts investigating war crimes on Friday said
        # ... The U.N. commission of inquiry on Syria called for ..."
        ("1918398778", '"unthinkable" crimes continue', "A report released by a group of U.N. experts",
         "United Nations"),
        # "... The report said that Syrian President Bashar al-Assads regimes ...": the same report
        ("1918398778", "Syrian President Bashar al-Assads regimes", "The report", "United Nations"),
    ],
)
def test_an_indefinite_organisation_is_the_one_named_next(statements, article_id, quote_start, mention, speaker):
    row = _row(statements, article_id, quote_start)
    assert row["speaker_mention"].startswith(mention)
    assert row["speaker"] == speaker


def test_a_monitor_named_next_as_the_observatory_stays(statements):
    # "On Sunday a monitor said at least 82 people ... were killed ... the Syrian Observatory
    # ... said": the organisation named next is the one that spoke before; nothing changes.
    row = _row(statements, "1924058178", "at least 82 people including 58 civilians")
    assert row["speaker_mention"] == "a monitor"
    assert row["speaker"] == "Syrian Observatory for Human Rights"


def test_without_registry_the_report_is_the_commission_named_next(articles):
    # No registry: the report was left unnamed ("report released by a group of U.N. experts ...");
    # the organisation named next is the U.N. commission, which speaks in the next sentence.
    table = extract_statements(articles[articles["article_id"] == "1918398778"], registry=build_registry([]))
    assert _row(table, "1918398778", '"unthinkable" crimes continue')["speaker"] == "U.N. commission"
