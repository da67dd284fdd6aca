"""Representative statements for the report's first page: for each of the top named actors, a
few of their own words, chosen by a stated rule so a reader can check them against the article.

The rule (`REPRESENTATIVE_RULE`, printed in the report beside the table):
1. Candidates are the actor's statements from articles that are not duplicates, each distinct
   quote once (the first in date order; quotes differing only in punctuation or case are one),
   at least MIN_QUOTE_WORDS words long.
2. Statements whose speaker is named at the statement itself come first (a name as the article
   writes it there, not "he", "it" or "the body" resolved to an earlier sentence: a reader can
   check those at a glance, and resolution is where attribution errs most).
3. Then direct quotes, then reported speech with a quoted fragment, then reported speech.
4. Within a form: highest extraction confidence first, then the quote closest in length to the
   median length of the actor's candidates (neither a fragment nor a whole paragraph), then
   statement_id (so ties break the same way every run).
5. Walking that order, a statement is taken when its article is not yet used and its outlet is
   not yet used; when that leaves fewer than `per_actor`, a second walk takes statements from
   unused articles of a month not yet used, then a third from any unused article.
"""

from __future__ import annotations

import pandas as pd

from quotelens.compare.once import kept_statements
from quotelens.compare.speaker_types import named_actors

MIN_QUOTE_WORDS = 6
FORM_ORDER = {"direct": 0, "mixed": 1, "indirect": 2, "according_to": 2}
REPRESENTATIVE_RULE = (
    "For each actor, statements from non-duplicate articles, each quote once and at least "
    f"{MIN_QUOTE_WORDS} words long; those naming the speaker at the statement itself before those whose "
    "speaker was resolved from a pronoun or role noun; then direct quotes first, then mixed, then reported "
    "speech; within each, highest extraction confidence, then length closest to the actor's median; at most one "
    "per article, preferring outlets and then months not yet shown."
)
QUOTE_COLUMNS = ["speaker", "quote", "outlet", "date", "article_id", "statement_id"]


def _candidates(rows: pd.DataFrame) -> pd.DataFrame:
    rows = rows[rows["quote"].fillna("").str.split().str.len() >= MIN_QUOTE_WORDS]
    # each quote once, also when two outlets print it with other punctuation or case
    words_only = rows["quote"].str.lower().str.replace(r"[\W_]+", " ", regex=True).str.strip()
    rows = rows[~words_only.duplicated()]
    if rows.empty:
        return rows
    length = rows["quote"].str.len()
    return rows.assign(
        _form=rows["type"].map(FORM_ORDER).fillna(2),
        _resolved=(~named_at_statement(rows)).astype(int),
        _conf=-rows["confidence"].astype(float),
        _len_gap=(length - length.median()).abs(),
    ).sort_values(["_resolved", "_form", "_conf", "_len_gap", "statement_id"], kind="mergesort")


def named_at_statement(rows: pd.DataFrame) -> pd.Series:
    """Boolean per statement: the article names the speaker at the statement itself (a mention of
    its own, `speaker_mention`, not resolved from an earlier one: `resolved_from` -1). True for
    every row of a table without these columns."""
    named = pd.Series(True, index=rows.index)
    if "speaker_mention" in rows.columns:
        named &= rows["speaker_mention"].fillna("").astype(str).str.strip() != ""
    if "resolved_from" in rows.columns:
        named &= rows["resolved_from"].fillna(-1).astype(int) < 0
    return named


def _pick(candidates: pd.DataFrame, per_actor: int) -> list[int]:
    chosen: list[int] = []
    articles: set = set()
    outlets: set = set()
    months: set = set()
    tests = (
        lambda r: r.source not in outlets,
        lambda r: r.month not in months,
        lambda r: True,
    )
    for test in tests:
        for i, r in zip(candidates.index, candidates.itertuples(index=False)):
            if len(chosen) >= per_actor:
                return chosen
            if i in chosen or r.article_id in articles or not test(r):
                continue
            chosen.append(i)
            articles.add(r.article_id)
            outlets.add(r.source)
            months.add(r.month)
    return chosen


def representative_statements(ctx: pd.DataFrame, actors: list[str] | None = None, top_n: int = 5,
                              per_actor: int = 4, once_per_text: bool = True) -> pd.DataFrame:
    """`per_actor` (3-5 recommended) statements for each actor by REPRESENTATIVE_RULE: `actors`
    in the order given, default the `top_n` named actors with most statements (ties by name).
    `ctx` is compare.comparisons.statements_in_context (source, month, date). Columns
    QUOTE_COLUMNS plus `type`; one block per actor in actor order, then the rule's order. An
    actor with fewer candidates gets fewer rows."""
    data = kept_statements(ctx, once_per_text)
    named = named_actors(data)
    if actors is None:
        counts = named.groupby("speaker").size().reset_index(name="n")
        counts = counts.sort_values(["n", "speaker"], ascending=[False, True], kind="mergesort")
        actors = counts["speaker"].head(top_n).tolist()
    frames = []
    for actor in actors:
        rows = _candidates(data[data["speaker"] == actor].sort_values(["date", "statement_id"], kind="mergesort"))
        if rows.empty:
            continue
        frames.append(rows.loc[_pick(rows, per_actor)])
    if not frames:
        return pd.DataFrame(columns=QUOTE_COLUMNS + ["type"])
    out = pd.concat(frames).rename(columns={"source": "outlet"})
    out["date"] = pd.to_datetime(out["date"], errors="coerce").dt.strftime("%Y-%m-%d")
    return out[QUOTE_COLUMNS + ["type"]].reset_index(drop=True)


def quotes_for_report(chosen: pd.DataFrame, label_of_outlet=None) -> pd.DataFrame:
    """The table 00_report shows: plain column labels (Speaker, Statement, Outlet, Date,
    Statement id), the quote in quotation marks when it is a direct quote, no missing-value
    markers. Render with `findings.escape_table` (no index, every cell escaped)."""
    quote = [f"“{q}”" if t == "direct" else q for q, t in zip(chosen["quote"], chosen["type"])]
    outlet = chosen["outlet"].map(label_of_outlet) if label_of_outlet else chosen["outlet"]
    return pd.DataFrame({
        "Speaker": chosen["speaker"].tolist(),
        "Statement": quote,
        "Outlet": outlet.fillna("").tolist(),
        "Date": chosen["date"].fillna("").tolist(),
        "Statement id": [f"{s} (article {a})" for s, a in zip(chosen["statement_id"], chosen["article_id"])],
    })
