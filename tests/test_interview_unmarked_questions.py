"""Interviewer lines that ask without a question mark (quotelens.extract.interview): a direct
question whose "?" was dropped ("How did you come to be involved with this discovery"), an
indirect one ("I just wanted to know if you had any thoughts on ..."), or a line ending in a
request ("... Talk us through the difficulties ..."). The line after it is an answer, and the
request line is none. Dev articles of the news gold (GUM Wikinews interviews; never its test
split); no registry."""

from __future__ import annotations

import pytest

from quotelens.extract.registry import Registry
from quotelens.extract.statements import extract_article_statements


def _answers(rec):
    sts = extract_article_statements(rec["text"], "t", Registry(), title=rec["title"], source=rec["source"])
    return {st["quote"]: st["speaker"] for st in sts if st["rule"].startswith("interview_answer")}


@pytest.mark.parametrize(
    ("article_id", "answer_start", "speaker"),
    [
        # first line "How did you come to be involved with this discovery" (no "?")
        ("GUM_interview_daly", "Frank Rack got in touch after they returned from Antarctica", "Marymegan Daly"),
        # "I just wanted to know if you had any thoughts on recent NATO actions ..."
        ("GUM_interview_chomsky", "Could be I give so many talks I can’t remember.", "Noam Chomsky"),
    ],
)
def test_the_answer_to_an_unmarked_question_is_found(dev_articles, article_id, answer_start, speaker):
    answers = _answers(dev_articles[article_id])
    found = [q for q in answers if q.startswith(answer_start)]
    assert found, article_id
    assert answers[found[0]] == speaker


def test_a_line_ending_in_a_request_is_a_question_not_an_answer(dev_articles):
    answers = _answers(dev_articles["GUM_interview_daly"])
    assert not [q for q in answers if q.startswith("These animals are shrouded in mystery")]
    # and the answer to it is still one
    assert any(q.startswith("The samples we have are small in terms of numbers") for q in answers)


def test_an_answer_printed_before_the_first_question_is_found(dev_articles):
    # GUM_interview_mckenzie: the lead, then an answer whose question was left out
    answers = _answers(dev_articles["GUM_interview_mckenzie"])
    found = [q for q in answers if q.startswith("[The Spitfire Tournament in Canada] was a really good tournament")]
    assert found
    assert answers[found[0]] == "Tina McKenzie"


@pytest.mark.parametrize(
    ("article_id", "lead_start"),
    [
        ("GUM_interview_stardust", "Andrew Westphal is the director of Stardust @ home"),
        ("GUM_interview_licen", "Ličen has recently joined the Sport Management Program"),
        ("GUM_interview_mckenzie", "Preston, Victoria, Australia On Saturday, Wikinews interviewed Tina McKenzie"),
    ],
)
def test_the_lead_before_the_first_question_is_no_answer(dev_articles, article_id, lead_start):
    assert not [q for q in _answers(dev_articles[article_id]) if q.startswith(lead_start)]
