"""Small real-text tables for the report/comparison tests: FA-KES articles from four outlet
groups plus the seed, with statements annotated by hand (speaker, type, quote) and located in
the article text, so every offset satisfies text[start:end] == quote."""

from __future__ import annotations

import json

import pandas as pd

from quotelens.config import FAKES_CSV, GOLD_DIR, SEEDS_DIR

SEED_ID = "000_aff2fd669e79066c"

# (unit_id, speaker, type, quote): read off the FA-KES text by hand.
FAKES_STATEMENTS = [
    (1914947530, "World Health Organization", "direct",
     "Some cases appear to show additional signs consistent with exposure to organophosphorus chemicals a category of chemicals that includes nerve agents"),
    (1914947530, "United States", "indirect", "the deaths were caused by sarin nerve gas dropped by Syrian aircraft"),
    (1914947530, "Russia", "indirect", "it believes poison gas had leaked from a rebel chemical weapons depot struck by Syrian bombs"),
    (1926478914, "Anas al-Abdah", "indirect",
     "the international communitys soft stance in dealing with Assad who continues to commit massacres against civilians in Syria is seen by him as a license to carry on with his crimes against the Syrian people"),
    (1926479003, "Anas al-Abdah", "indirect",
     "the United Nations to take urgent action to protect civilians in Deir Ezzor who have been suffering injustices by the Assad regime and ISIS"),
    (1919191766, "Rami Abdel Rahman", "direct",
     "At least five suicide attackers blew themselves up outside and inside a camp for Iraqi refugees and displaced Syrians in Hasakeh province"),
    (1926478910, "Aleppo Police Command", "indirect",
     "terrorist organizations located in the eastern neighborhoods of Aleppo city targeted al-Jamilia neighborhood in Aleppo city with 4 rocket shells"),
]

# A small registry in the shape {canonical: aliases} for the "speaks about" tests.
ALIASES = {
    "Bashar al-Assad": ["Assad", "Bashar Assad"],
    "United Nations": ["UN", "U.N."],
    "ISIS": ["Islamic State", "Daesh"],
    "Russia": ["Moscow"],
    "United States": ["Washington", "US", "U.S."],
    "Staffan de Mistura": ["de Mistura", "De Mistura"],
}


def fakes_articles() -> pd.DataFrame:
    """The FA-KES rows used above as an Articles table (source, date parsed M/D/YYYY)."""
    raw = pd.read_csv(FAKES_CSV, dtype={"unit_id": str})
    ids = sorted({str(u) for u, *_ in FAKES_STATEMENTS})
    rows = raw[raw["unit_id"].isin(ids)]
    return pd.DataFrame(
        {
            "article_id": rows["unit_id"].astype(str),
            "title": rows["article_title"],
            "text": rows["article_content"],
            "source": rows["source"],
            "date": pd.to_datetime(rows["date"], format="%m/%d/%Y"),
        }
    ).reset_index(drop=True)


def seed_article() -> pd.DataFrame:
    """The seed article with its body (after the headline block) and no source or date."""
    raw = (SEEDS_DIR / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    # The seed's headlines are its first three blank-line-separated lines; the body follows.
    parts = raw.split("\n\n", 3)
    return pd.DataFrame(
        {"article_id": [SEED_ID], "title": [parts[0]], "text": [parts[3]], "source": [None], "date": [pd.NaT]}
    )


def _locate(text: str, quote: str) -> int:
    start = text.find(quote)
    if start < 0:
        raise AssertionError(f"quote not in article: {quote[:60]!r}")
    return start


def statements(articles: pd.DataFrame, annotations) -> pd.DataFrame:
    """A Statements table (the contract's columns used here) for (article_id, speaker, type, quote)."""
    texts = dict(zip(articles["article_id"], articles["text"]))
    rows = []
    for i, (aid, speaker, kind, quote) in enumerate(annotations):
        aid = str(aid)
        start = _locate(texts[aid], quote)
        rows.append(
            {
                "statement_id": f"{aid}-{i:03d}",
                "article_id": aid,
                "speaker": speaker,
                "type": kind,
                "quote": quote,
                "start": start,
                "end": start + len(quote),
            }
        )
    return pd.DataFrame(rows)


def seed_annotations() -> list[tuple]:
    """The seed's gold statements (data/gold/seed_statements.jsonl, the project's copy of the
    shared worked example, so a clone needs nothing beside it)."""
    path = GOLD_DIR / "seed_statements.jsonl"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out.append((rec["article_id"], rec["speaker"], rec["type"], rec["quote"]))
    return out


def corpus() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(articles, statements) for the FA-KES excerpts plus the seed."""
    articles = pd.concat([fakes_articles(), seed_article()], ignore_index=True)
    stmts = statements(articles, FAKES_STATEMENTS + seed_annotations())
    return articles, stmts
