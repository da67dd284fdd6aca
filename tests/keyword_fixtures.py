"""Real statement-like rows for the keyword tests.

`fakes_quotes()` reads FA-KES and takes every double-quoted passage as a statement of its
outlet (`speaker` = source), with offsets into the article text, so tests run on real news
language. `seed_statements()` returns the hand-annotated statements of the seed article
(three speakers), with offsets located in the seed text.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

import pandas as pd

from quotelens import config

_QUOTED = re.compile(r'"([^"]{15,600})"')


@lru_cache(maxsize=1)
def fakes_articles() -> pd.DataFrame:
    d = pd.read_csv(config.FAKES_CSV)
    d["article_id"] = d["unit_id"].astype(str)
    return d


def fakes_quotes() -> pd.DataFrame:
    rows = []
    for r in fakes_articles().itertuples():
        for m in _QUOTED.finditer(r.article_content):
            rows.append(
                {
                    "statement_id": f"{r.article_id}:{m.start(1)}",
                    "article_id": r.article_id,
                    "speaker": r.source,
                    "quote": m.group(1),
                    "start": m.start(1),
                    "end": m.end(1),
                }
            )
    return pd.DataFrame(rows)


def seed_text() -> str:
    return (config.SEEDS_DIR / "000_aff2fd669e79066c.txt").read_text(encoding="utf-8")


def seed_statements() -> pd.DataFrame:
    text = seed_text()
    gold = config.GOLD_DIR / "seed_statements.jsonl"
    rows = []
    for i, line in enumerate(gold.read_text(encoding="utf-8").splitlines()):
        rec = json.loads(line)
        start = text.find(rec["quote"])
        assert start >= 0, f"{gold}:{i + 1}: quote not found in the seed"
        rows.append({**rec, "statement_id": f"seed-{i}", "start": start, "end": start + len(rec["quote"])})
    return pd.DataFrame(rows)


@lru_cache(maxsize=1)
def extracted_statements(n_articles: int = 300) -> pd.DataFrame:
    """Statements extracted by quotelens.extract.statements from the first `n_articles` FA-KES
    articles (the Statements contract, with the article's source and date joined)."""
    from quotelens.extract.registry import default_registry_path
    from quotelens.load.corpus import load_corpus
    from quotelens.extract.statements import extract_statements

    articles = load_corpus(config.FAKES_CSV).articles.head(n_articles)
    return extract_statements(articles, registry=default_registry_path())  # FA-KES's registry, named


def plant_evenly(statements: pd.DataFrame, word: str, every: int, by: str = "speaker") -> pd.DataFrame:
    """A copy of `statements` with `word` appended (as its own clause) each time a group's
    running count of terms passes a multiple of `every` (rounded to the nearest): the same rate per term occurrence in
    every group, which is the rate the log-odds compare (a rate per statement is not, since
    statements differ in length)."""
    from quotelens.keywords.tokens import TokenOptions, terms

    out = statements.copy()
    running: dict = {}
    quotes = out["quote"].tolist()
    for i, (group, quote) in enumerate(zip(out[by], quotes)):
        before = running.get(group, 0)
        # Count terms as keyword_table does by default (1-2-grams), so the rate matches.
        after = before + len(terms(quote, TokenOptions()))
        running[group] = after
        # Round (not floor) each group's running count: a floor would give the many groups
        # with fewer than `every` terms no plant at all and lower the rate of "the rest".
        half = every // 2
        k = (after + half) // every - (before + half) // every
        if k:
            quotes[i] = quote + "".join(f". {word}" for _ in range(k))
    out["quote"] = quotes
    return out
