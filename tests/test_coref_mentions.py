"""The mention-level check against GUM's coreference (quotelens.extract.evaluate_coref.
check_mentions, issue 12 item 3), on a dev article of the news gold and its GUM marks."""

from __future__ import annotations

from quotelens import config
from quotelens.extract.evaluate import load_articles
from quotelens.extract.evaluate_coref import check_mentions, load_coreference, summarise_mentions
from quotelens.extract.registry import build_registry


def test_check_mentions_takes_pronouns_and_definite_roles_outside_quotes():
    articles = load_articles(config.GOLD_DIR / "news" / "articles.jsonl")
    id_col = "article_id" if "article_id" in articles.columns else "id"
    warhol = articles[articles[id_col] == "GUM_news_warhol"]
    coref = load_coreference(config.GOLD_DIR / "gum_coreference.jsonl")
    coref = coref[coref["article_id"] == "GUM_news_warhol"]
    checked = check_mentions(warhol, coref, build_registry([]))
    text = warhol["text"].iloc[0]
    assert set(checked["kind"]) <= {"pronoun", "role_noun"} and len(checked) > 10
    # "She explained how Warhol's adoption ..." (Kristen Wilkins) is checked against GUM's names
    she = checked[checked["start"] == text.index("She explained how")].iloc[0]
    assert she["kind"] == "pronoun" and "Kristen Wilkins" in she["names"]
    assert she["status"] in ("right", "wrong", "unresolved")
    # "an artist" (Warhol "was both an artist and a businessperson") describes, it is not checked;
    # nor is any mention inside quote marks
    assert not checked["mention"].str.startswith(("a ", "an ")).any()
    inside = text.index("he was such a personality")  # in Kathryn Waters' quote
    assert coref["start"].eq(inside).any() and inside not in set(checked["start"])
    summary = summarise_mentions(checked)
    row = summary[(summary["split"] == "dev") & (summary["kind"] == "pronoun")].iloc[0]
    assert row["scored"] == (checked[checked["kind"] == "pronoun"]["status"] != "no_name").sum()
    assert 0 <= row["accuracy"] <= 1
