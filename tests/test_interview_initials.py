"""Answers labelled with the interviewee's initials, the transcript convention for several
interviewees ("MJL: ...", "IR: ...", questions "WN: ..."): each labelled answer is that
person's, without its label (quotelens.extract.interview_turns). Real text: the dev article
GUM_interview_gaming of the news gold (never its test split), with the labels a transcript
would print added at the starts of its lines; no registry."""

from __future__ import annotations

import json

import pytest

from quotelens.config import GOLD_DIR
from quotelens.extract.registry import Registry
from quotelens.extract.statements import extract_article_statements

NEWS_ARTICLES = GOLD_DIR / "news" / "articles.jsonl"
# line openings of GUM_interview_gaming and the label put before each
LABELS = {
    "What is Heaven Sent Gaming?": "WN",
    "Yep, we like to just make our own original content": "IR",
    "How did you two meet?": "WN",
    "We met back in high school.": "IR",
    "It's true.": "MJL",
    "And for me, what I want the purpose to be": "I.R.",
}


@pytest.fixture(scope="module")
def labelled():
    for line in NEWS_ARTICLES.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["id"] == "GUM_interview_gaming":
            assert rec["split"] == "dev"
            lines = rec["text"].split("\n")
            for k, ln in enumerate(lines):
                for opening, label in LABELS.items():
                    if ln.startswith(opening):
                        lines[k] = f"{label}: {ln}"
            return rec["title"], "\n".join(lines)
    raise AssertionError("GUM_interview_gaming not in the news gold")


def test_initials_name_the_interviewee_who_answers(labelled):
    title, text = labelled
    sts = extract_article_statements(text, "t", Registry(), title=title, source="wikinews")
    answers = {st["quote"]: st["speaker"] for st in sts if st["rule"].startswith("interview_answer")}
    expected = {
        "Yep, we like to just make our own original content": "Isabel Ruiz",
        "We met back in high school.": "Isabel Ruiz",
        "It's true": "Mario J. Lucero",
        "And for me, what I want the purpose to be": "Isabel Ruiz",
    }
    for opening, speaker in expected.items():
        found = [q for q in answers if q.startswith(opening)]  # the label is not part of the answer
        assert found, opening
        assert answers[found[0]] == speaker, opening
    assert not [q for q in answers if q.startswith(("WN:", "IR:", "MJL:", "I.R.:"))]
