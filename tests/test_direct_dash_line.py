"""A quote that ends its sentence, followed in its paragraph by a dash and a name, is that
person's ('"So far, it's the Internet: 1, Scientology: 0. But it's a long game." - Matthew
Ingram'): the sentence splitter makes the dash line a sentence of its own. GUM_news_hackers,
a dev article of the news gold; no registry."""

from __future__ import annotations

import json

from quotelens.config import GOLD_DIR
from quotelens.extract.registry import Registry
from quotelens.extract.statements import extract_article_statements


def test_dash_line_after_a_closed_quote_names_its_speaker():
    for line in (GOLD_DIR / "news" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["id"] == "GUM_news_hackers":
            assert rec["split"] == "dev"
            break
    sts = extract_article_statements(rec["text"], "t", Registry(), title=rec["title"], source=rec["source"])
    found = [st for st in sts if st["quote"].startswith("So far, it's the Internet")]
    assert len(found) == 1
    assert found[0]["speaker"] == "Matthew Ingram"
    assert found[0]["rule"].startswith("direct_dash")
