"""Each text counted once: statements from articles flagged as duplicates are set aside.

load.duplicates.mark_duplicates flags an article that copies an earlier one (`duplicate_of`,
the earliest copy's article_id). Statements are never dropped from the statements table; every
aggregate, figure and finding reads the statements of the first copy only, through
`once_per_text` (the aggregate functions' `once_per_text` parameter, default True), and the
report states how many were set aside with `set_aside_sentence`.
"""

from __future__ import annotations

import pandas as pd


def duplicate_articles(statements: pd.DataFrame, articles: pd.DataFrame | None = None) -> set[str]:
    """article_ids flagged as copies of another article: from `articles` when given, else from
    the statements' own `duplicate_of` column (statements_in_context carries it); empty when
    neither has the column."""
    table = articles if articles is not None and "duplicate_of" in articles.columns else statements
    if "duplicate_of" not in table.columns:
        return set()
    flagged = table.loc[table["duplicate_of"].notna(), "article_id"]
    return set(flagged.astype(str))


def once_per_text(statements: pd.DataFrame, articles: pd.DataFrame | None = None) -> tuple[pd.DataFrame, dict]:
    """(kept, set_aside): the statements whose article is not a duplicate (rows and order kept,
    index reset), and counts (integers): `articles` flagged as duplicates, `statements` set
    aside, `statements_kept`, `statements_total` (kept + set aside = total)."""
    flagged = duplicate_articles(statements, articles)
    if not flagged:
        n = int(len(statements))
        return statements, {"articles": 0, "statements": 0, "statements_kept": n, "statements_total": n}
    is_copy = statements["article_id"].astype(str).isin(flagged) if len(statements) else pd.Series(dtype=bool)
    kept = statements[~is_copy].reset_index(drop=True) if len(statements) else statements.copy()
    n_aside = int(is_copy.sum()) if len(statements) else 0
    counts = {
        "articles": len(flagged),
        "statements": n_aside,
        "statements_kept": int(len(statements) - n_aside),
        "statements_total": int(len(statements)),
    }
    return kept, counts


def kept_statements(statements: pd.DataFrame, once: bool = True, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """`statements` with duplicates' statements set aside when `once` (see once_per_text), else
    unchanged: the one switch every aggregate function passes its `once_per_text` flag to."""
    return once_per_text(statements, articles)[0] if once else statements


def set_aside_sentence(counts: dict) -> str:
    """The report's sentence on what `once_per_text` set aside."""
    if not counts["articles"]:
        return "No article is a duplicate of another, so every statement is counted."
    return (f"{counts['articles']} articles are copies of an earlier article; their {counts['statements']} statements "
            f"(of {counts['statements_total']}) are set aside, so every figure and finding counts each text once "
            f"({counts['statements_kept']} statements).")
