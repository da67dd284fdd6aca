"""Role nouns and names within an article, on real text (issue 12 item 3): a role named later
in the article, spelling variants of one person's name. Texts from the news gold's dev
articles (tune on dev only)."""

from __future__ import annotations

import json

import pytest

from quotelens import config
from quotelens.extract.registry import build_registry, default_registry_path, load_registry
from quotelens.extract.statements import extract_article_statements

NEWS_ARTICLES = config.GOLD_DIR / "news" / "articles.jsonl"
EMPTY = build_registry([])


@pytest.fixture(scope="module")
def dev_texts():
    out = {}
    for line in NEWS_ARTICLES.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["split"] == "dev":
            out[rec["id"]] = rec["text"]
    return out


def _with_quote(statements, words):
    return next(st for st in statements if words in st["quote"])


@pytest.mark.parametrize("registry", [EMPTY, None], ids=["empty", "default"])
def test_a_possessive_role_is_the_person_named_with_that_role_next(dev_texts, registry):
    # fakes_1924058201: "Ban Ki-moon is "appalled ..." his spokesman said on Saturday. "Since
    # ..." U.N. spokesman Stephane Dujarric said": "his spokesman" is one known person, the
    # spokesman the next sentence names
    reg = registry or load_registry(default_registry_path())
    sts = extract_article_statements(dev_texts["fakes_1924058201"], "fakes_1924058201", reg)
    st = _with_quote(sts, "appalled by the chilling military escalation")
    assert st["speaker_mention"] == "his spokesman"
    assert st["speaker"] == "Stephane Dujarric"
