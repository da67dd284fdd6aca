"""A count before an inverted tag is no speaker: "... also wounded more than 60 people said the
Observatory a British-based war monitoring group" (FA-KES 1923848146, outside the news gold,
text without commas) is the Observatory's clause; "than 60 people" was read as the subject of
"said" and the Observatory as its content."""

from __future__ import annotations

from quotelens import config
from quotelens.extract.statements import extract_statements
from quotelens.load.corpus import load_corpus


def test_count_object_before_inverted_tag():
    articles = load_corpus(config.FAKES_CSV).articles
    articles = articles[articles["article_id"] == "1923848146"]
    table = extract_statements(articles, registry=None)
    assert not table["speaker"].str.startswith("than ").any()
    rows = table[table["quote"].str.endswith("also wounded more than 60 people")]
    assert len(rows) == 1
    assert rows["rule"].iat[0].startswith("reported_inverted")
    assert "Observatory" in rows["speaker"].iat[0]
