"""Which lines of an interview are answers (quotelens.extract.interview): photo captions (one
verbless sentence ending in a full stop) are not; a long turn ending in a question is. Dev
articles of the news gold (GUM Wikinews interviews; never its test split); no registry."""

from __future__ import annotations

import pytest

from quotelens.extract.registry import Registry
from quotelens.extract.statements import extract_article_statements


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


def test_a_long_turn_ending_in_a_question_is_an_answer(dev_articles):
    # GUM_interview_peres: a nine-sentence answer ending in a rhetorical question, then a
    # heading and the interviewer's question cut off by the answer ("... can have …")
    answers = _answers(dev_articles["GUM_interview_peres"])
    assert any(a.startswith("But events are totally unimportant for 2 reasons.") for a in answers)
    assert "The waning importance of history" not in answers
    assert not any(a.startswith("Isn’t the answer to that question") for a in answers)
    assert any(a.startswith("No, no. Forget memory.") for a in answers)
    # GUM_interview_stardust: an eleven-sentence answer
    answers = _answers(dev_articles["GUM_interview_stardust"])
    assert any(a.startswith("Great question. The short answer is that we don't know.") for a in answers)


def test_an_answer_cut_off_with_a_dash_after_a_question_stays_an_answer(dev_articles):
    # GUM_interview_dungeon: "Where did I make them? You get a baseline ... profiles --"
    answers = _answers(dev_articles["GUM_interview_dungeon"])
    assert any(a.startswith("Where did I make them? You get a baseline") for a in answers)
