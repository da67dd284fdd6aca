"""Photo captions inside an interview are no answers (quotelens.extract.interview._caption):
one verbless sentence ending in a full stop. Dev articles of the news gold (GUM Wikinews
interviews; never its test split) and NewsMTSC sentences; no registry."""

from __future__ import annotations

import json

import pytest

from quotelens.config import GOLD_DIR
from quotelens.extract.registry import Registry
from quotelens.extract.statements import extract_article_statements

NEWS_ARTICLES = GOLD_DIR / "news" / "articles.jsonl"


@pytest.fixture(scope="module")
def dev_articles():
    arts = {}
    for line in NEWS_ARTICLES.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["split"] == "dev":
            arts[rec["id"]] = rec
    return arts


def _answers(rec):
    sts = extract_article_statements(rec["text"], "t", Registry(), title=rec["title"], source=rec["source"])
    return [st["quote"] for st in sts if st["rule"].startswith("interview_answer")]


@pytest.mark.parametrize(
    ("article_id", "caption"),
    [
        ("GUM_interview_mcguire", "Hugh McGuire with some books that have not yet been acoustically liberated"),
        ("GUM_interview_dungeon", "Personality test questions given to prospective mistresses"),
    ],
)
def test_a_caption_is_no_answer(dev_articles, article_id, caption):
    answers = _answers(dev_articles[article_id])
    assert answers, article_id  # still read as an interview
    assert caption not in answers


@pytest.mark.parametrize(
    ("article_id", "answer"),
    [
        # an opening adjunct with a relative clause, then the main verb after the comma
        ("GUM_interview_cyclone", "From all reports that I have seen, the government was well prepared for this cyclone"),
        # short spoken fragments without a verb
        ("GUM_interview_dungeon", "Depending on the election year"),
    ],
)
def test_a_spoken_line_without_a_main_verb_stays_an_answer(dev_articles, article_id, answer):
    assert answer in _answers(dev_articles[article_id])
