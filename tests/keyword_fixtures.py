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
