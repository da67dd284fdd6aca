"""A reported clause ends before ", but/while/whereas" and a second speech act with a short
subject of its own ("..., but a McConnell spokesman said ...", "..., but critics charge ..."),
as the gold guideline ends it before a coordinated speech act (quotelens.extract.cues).
NewsMTSC train sentences and a GUM dev article; no registry."""

from __future__ import annotations

import json

from quotelens import config
from quotelens.config import GOLD_DIR
from quotelens.extract.registry import Registry
from quotelens.extract.statements import extract_article_statements

NEWSMTSC = config.resolve("data/raw/newsmtsc/train.jsonl")


def _sentence(start: str) -> str:
    """The NewsMTSC sentence holding `start`."""
    with open(NEWSMTSC, encoding="utf-8") as fh:
        for line in fh:
            sent = json.loads(line)["sentence_normalized"]
            if start in sent:
                return sent
    raise AssertionError(start)


def test_clause_ends_before_a_second_speaker():
    sts = extract_article_statements(_sentence("Some senators have called for an end to their five-week recess"),
                                     "t", Registry())
    quotes = {st["quote"]: st["speaker"] for st in sts}
    assert quotes.get('he would "continue to work from home"') == "McConnell spokesman"
    assert not any(q.endswith('"continue to work from home"') and q.startswith("Some senators") for q in quotes)


def test_clause_ends_before_a_negated_second_act():
    sts = extract_article_statements(_sentence("Thae said he believes Jo was to be replaced"), "t", Registry())
    said = [st for st in sts if st["cue"] == "said"]
    assert said and said[0]["quote"].endswith("in late November")


def test_relative_clause_description_ends_before_critics_charge():
    for line in (GOLD_DIR / "news" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["id"] == "GUM_news_imprisoned":
            assert rec["split"] == "dev"
            break
    # the article's sentence alone (in the whole article the resolver does not take "the
    # Church" as a speaker, a separate matter)
    a = rec["text"].index("She was eventually sent to Rehabilitation Project Force")
    sentence = rec["text"][a:rec["text"].index("work camp.", a) + len("work camp.")]
    sts = extract_article_statements(sentence, "t", Registry())
    assert "as a religious retreat" in [st["quote"] for st in sts if st["cue"] == "describes"]
