"""Speech carried by a noun (quotelens.extract.noun_cues): "a World Health Organisation
recommendation that all salt be iodised", "despite repeated requests from the UN ... for
consistent access", "Obama's calls for more gun legislation". Real text: a GUM Wikinews article
of the news gold's dev split, a FA-KES article and NewsMTSC sentences (no registry)."""

from __future__ import annotations

import json

import pytest

from quotelens import config
from quotelens.extract.statements import extract_article_statements, extract_statements
from quotelens.load.corpus import load_corpus

GUM = config.resolve("data/gold/news/articles.jsonl")  # the news gold holds the GUM articles whole
NEWSMTSC = config.resolve("data/raw/newsmtsc/train.jsonl")


def _gum_text(doc_id: str) -> str:
    with open(GUM, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] == doc_id:
                return rec["text"]
    raise AssertionError(f"{doc_id} not in {GUM}")


def _newsmtsc_sentence(start: str) -> str:
    with open(NEWSMTSC, encoding="utf-8") as fh:
        for line in fh:
            sent = json.loads(line)["sentence_normalized"]
            if sent.startswith(start):
                return sent
    raise AssertionError(f"no NewsMTSC sentence starts with {start!r}")


def _by_quote(statements, quote):
    return [s for s in statements if s["quote"] == quote]


def test_name_modifying_the_noun_is_the_source():
    text = _gum_text("GUM_news_iodine")
    found = _by_quote(extract_article_statements(text), "all salt be iodised")
    assert [(s["speaker"], s["cue"]) for s in found] == [("World Health Organisation", "recommendation")]


def test_source_after_from_and_content_after_for():
    articles = load_corpus(config.FAKES_CSV).articles
    articles = articles[articles["article_id"] == "1924058066"]
    assert len(articles) == 1
    table = extract_statements(articles, registry=None)
    row = table[table["quote"] == "consistent access to besieged areas like Eastern Ghouta"]
    assert len(row) == 1
    assert row["cue"].iat[0] == "requests"
    assert "UN" in row["speaker"].iat[0]


@pytest.mark.parametrize(
    ("start", "speaker", "cue", "quote"),
    [
        ("LaPierre dismissed Obama", "Obama", "calls", "more gun legislation"),
        ("Reid said he and Paul did not discuss", "Paul", "demands", "they be considered on a 51-vote threshold"),
        ("WASHINGTON — Anyone who has tried to pry information", "Hillary Rodham Clinton", "assertion",
         "in all her emails in four years as secretary of state, she never strayed into the classified realm"),
    ],
)
def test_possessive_is_the_source(start, speaker, cue, quote):
    found = [s for s in extract_article_statements(_newsmtsc_sentence(start)) if s["cue"] == cue]
    assert len(found) == 1
    assert found[0]["speaker"] == speaker
    if quote is not None:
        assert found[0]["quote"] == quote


def test_no_source_in_a_coordinated_phrase():
    # "... chief justice of the Alabama Supreme Court and accusations that Moore ...": the court
    # made no accusation; "and" is no premodifier of the noun
    sent = _newsmtsc_sentence("But Kratzer said that was more about Moore")
    assert not [s for s in extract_article_statements(sent) if s["cue"] == "accusations"]


def test_relative_that_and_subject_nouns_are_no_cues():
    text = ("The claims that were made by the rebels are false. "
            "The Prime Minister's promise to hold a referendum was broken.")
    assert not [s for s in extract_article_statements(text) if s["cue"] in ("claims", "promise")]
