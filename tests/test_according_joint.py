""""according to A and B" names one joint speaker "A and B" (quotelens.extract.according, the
joint-speaker rule of data/gold/news/README.md section 3), and the "and" inside a name never
splits it. Real text: dev articles of the news gold (FA-KES, GUM Wikinews; never its test
split), no registry."""

from __future__ import annotations

import pytest

from quotelens.extract.registry import Registry
from quotelens.extract.statements import extract_article_statements


def _according(rec):
    sts = extract_article_statements(rec["text"], "t", Registry(), title=rec["title"], source=rec["source"])
    return [st for st in sts if st["rule"].startswith("according_to")]


def test_two_sources_after_according_to_are_one_joint_speaker(dev_articles):
    # "... injured others in Tokhar according to the Syrian National Coalition and the Syrian
    # Observatory for Human Rights."
    sts = [st for st in _according(dev_articles["fakes_1918150036"]) if "injured others in Tokhar" in st["quote"]]
    assert len(sts) == 1
    assert sts[0]["speaker"] == "Syrian National Coalition and Syrian Observatory for Human Rights"


@pytest.mark.parametrize("sentence", [
    "According to the Syrian Observatory for Human Rights and the Civil Defence rescue service, air strikes hit the town.",
    "Air strikes hit the town, according to the Syrian Observatory for Human Rights and the Civil Defence rescue service.",
])
def test_joint_source_before_or_after_the_clause(sentence):
    # FA-KES wording (the Urum al-Joz strike), in both orders of source and clause
    sts = [st for st in extract_article_statements(sentence, "t", Registry(), title="", source="x")
           if st["rule"].startswith("according_to")]
    assert [st["speaker"] for st in sts] == ["Syrian Observatory for Human Rights and Civil Defence"]
    assert sts[0]["quote"].startswith("air strikes hit") or sts[0]["quote"].startswith("Air strikes hit")


def test_and_inside_a_name_is_no_coordination(dev_articles):
    # GUM_interview_chomsky: "According to the Arts and Humanities Citation Index Professor Chomsky is ..."
    sts = [st for st in _according(dev_articles["GUM_interview_chomsky"]) if "eighth most cited" in st["quote"]]
    assert sts
    assert not [st for st in sts if "joint" in st["rule"]]


def test_a_source_name_ends_before_a_title_and_name_that_start_the_clause(dev_articles):
    # GUM_interview_chomsky: no comma after the source; "Professor Chomsky" is the clause's subject
    sts = [st for st in _according(dev_articles["GUM_interview_chomsky"]) if "eighth most cited" in st["quote"]]
    assert len(sts) == 1
    assert sts[0]["speaker"] == "Arts and Humanities Citation Index"
    assert sts[0]["quote"].startswith("Professor Chomsky is the eighth most cited scholar")
