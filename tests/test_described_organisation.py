"""An organisation introduced by an apposition as the subject of a speech verb is the speaker
(quotelens.extract.described_person): FA-KES prints its articles without commas, so "The Local
Coordination Committees (LCC) a network of activists reported" went to "network of activists",
"The Islamic State (IS) militant group said" to "militant group" and "The Civil Defense another
activist group said" to "another activist group". Real FA-KES articles, default registry."""

from __future__ import annotations

import pytest

from quotelens import config
from quotelens.extract.registry import build_registry, default_registry_path, load_registry
from quotelens.extract.statements import extract_statements
from quotelens.load.corpus import load_corpus

ARTICLES = ("1926479310", "1923848289", "1923102956", "1924058146", "1914947530")


@pytest.fixture(scope="module")
def articles():
    table = load_corpus(config.FAKES_CSV).articles
    table = table[table["article_id"].isin(ARTICLES)]
    assert len(table) == len(ARTICLES)
    return table


@pytest.fixture(scope="module")
def statements(articles):
    return extract_statements(articles, registry=load_registry(default_registry_path()))


def _speaker_of(table, article_id: str, quote_start: str) -> str:
    rows = table[(table["article_id"] == article_id) & table["quote"].str.startswith(quote_start)]
    assert len(rows) == 1, list(table[table["article_id"] == article_id]["quote"])
    return rows.iloc[0]["speaker"]


@pytest.mark.parametrize(
    ("article_id", "quote_start", "speaker"),
    [
        # "The Local Coordination Committees (LCC) a network of activists reported ..."
        ("1926479310", "hundreds of casualties in the brutal use of toxic gas", "Local Coordination Committees"),
        # "The Islamic State (IS) militant group said in a statement that ..."; "The claim ... said"
        ("1923848289", "one of its fighters had fired", "Islamic State"),
        ("1923848289", "40 people had been killed", "Islamic State"),
        # "The Local Coordination Committees another anti-government monitoring group says ..."
        ("1923102956", "the airstrikes killed 13 and wounded 29", "Local Coordination Committees"),
        # "The Civil Defense another activist group said ..." (the registry's White Helmets)
        ("1924058146", "10 people were also wounded in that attack", "White Helmets"),
    ],
)
def test_organisation_with_apposition_speaks(statements, article_id, quote_start, speaker):
    assert _speaker_of(statements, article_id, quote_start) == speaker


def test_apposition_without_registry(articles):
    table = extract_statements(articles[articles["article_id"] == "1926479310"], registry=build_registry([]))
    assert _speaker_of(table, "1926479310", "hundreds of casualties in the brutal use") == \
        "Local Coordination Committees"


def test_organisation_after_preposition_is_no_subject(statements):
    # "... Peter Salama Executive Director of the WHO Health Emergencies Programme said": the
    # programme ends the description, it does not speak
    assert _speaker_of(statements, "1914947530", "These types of weapons are banned") != "Health Emergencies Programme"


def test_acronym_without_parentheses_is_not_part_of_the_name():
    # FA-KES 1924058161: "Syrian Revolution General Commission SRGC say Syrian fighter jets
    # dropped bombs in the town of al-Hara ..." (the source dropped the parentheses)
    table = load_corpus(config.FAKES_CSV).articles
    table = extract_statements(table[table["article_id"] == "1924058161"], registry=build_registry([]))
    assert _speaker_of(table, "1924058161", "Syrian fighter jets dropped bombs") == "Syrian Revolution General Commission"


@pytest.mark.parametrize(
    ("words", "acronym", "expected"),
    [
        ("Syrian Revolution General Commission", "SRGC", True),
        ("Syrian Observatory for Human Rights", "SOHR", True),
        ("Islamic State in Iraq and the Levant", "ISIL", True),
        ("Free Syrian Army", "FSA", True),
        ("Local Coordination Committees", "UN", False),
        ("Jabhat Fateh", "AL", False),
    ],
)
def test_own_acronym(words, acronym, expected):
    from quotelens.extract.mentions import own_acronym
    assert own_acronym(words.split(), acronym) is expected


@pytest.mark.parametrize(
    ("article_id", "quote_start", "speaker"),
    [
        # "The ISIS run Amaq news agency said that ...": the owner only modifies the agency's name
        ("1918150036", "160 civilians were killed in raids on the Manbij countryside", "Amaq"),
        # "... near the border with Turkey Firat news agency said Thursday."
        ("1965495369", "The YPG members also have destroyed", "Firat"),
    ],
)
def test_the_name_next_to_an_organisation_noun_is_the_organisation(article_id, quote_start, speaker):
    table = load_corpus(config.FAKES_CSV).articles
    table = extract_statements(table[table["article_id"] == article_id], registry=load_registry(default_registry_path()))
    assert _speaker_of(table, article_id, quote_start) == speaker
