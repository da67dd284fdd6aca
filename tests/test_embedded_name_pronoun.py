""""He"/"she" and a name inside a modifier of another noun ("rebels opposed to President Bashar
al-Assad", "the government of Bashar al-Assad"): the name is not the sentence's subject and is
no antecedent (quotelens.extract.coreference). Real FA-KES sentences, loaded with the project's
loader from data/raw/fa-kes (quotelens.config.FAKES_CSV); neither article is in the news gold.
"""

from __future__ import annotations

import pytest

from quotelens import config
from quotelens.extract.registry import default_registry_path, load_registry
from quotelens.extract.statements import extract_article_statements
from quotelens.load.corpus import load_corpus


@pytest.fixture(scope="module")
def fakes():
    arts = load_corpus(config.resolve(config.FAKES_CSV)).articles
    return arts.set_index(arts["article_id"].astype(str))["text"], load_registry(default_registry_path())


def _with_quote(statements, words):
    return next(st for st in statements if words in st["quote"])


def test_he_after_a_name_inside_opposed_to_is_not_that_name(fakes):
    # readthrough seed 17 #18: an unnamed activist from Deir al-Zor "said rebels opposed to
    # President Bashar al-Assad had retreated ..."; his next three statements ("He said ...")
    # went to Assad. The activist is unnamed, so the pronoun stays an unidentified person.
    texts, reg = fakes
    text = texts["1926479354"]
    assert "activist from Deir al-Zor who fled for Turkey last year said rebels opposed to President Bashar al-Assad" in text
    sts = extract_article_statements(text, "1926479354", reg)
    for quote in ("the resistance had been crushed in the last few days",
                  "The situation is very bad but the people cant repel them",
                  "Islamic State was distributing gas electricity fuel and food"):
        st = _with_quote(sts, quote)
        assert st["speaker_mention"].lower() == "he", st
        assert st["speaker"] == "unidentified person", (quote, st["speaker"])


def test_he_after_the_government_of_a_name_is_the_subject(fakes):
    # "World powers have pointed the finger at the government of Bashar al-Assad but Foreign
    # Minister Walid Muallem repeated the governments denial on Thursday. The Syrian army has
    # not ... he said": the minister, not Assad.
    texts, reg = fakes
    text = texts["1926479033"]
    assert "the government of Bashar al-Assad but Foreign Minister Walid Muallem repeated" in text
    st = _with_quote(extract_article_statements(text, "1926479033", reg), "The Syrian army has not did not and will not")
    assert st["speaker"] == "Walid al-Muallem", st["speaker"]


def test_a_member_of_a_group_still_names_the_group(fakes):
    # "a senior member of Ahrar al-Sham published an op-ed ... in which he denied ...": the role
    # noun before "of" makes the name the subject's description; it keeps the group.
    texts, reg = fakes
    text = texts["1915433685"]
    assert "a senior member of Ahrar al-Sham published an op-ed piece" in text
    st = _with_quote(extract_article_statements(text, "1915433685", reg), "espousing al-Qaedas ideology")
    assert st["speaker"] == "Ahrar al-Sham", st["speaker"]
