"""Reading keywords in their statements: keyword-in-context lines and collocations.

KWIC lines are found with the same tokeniser that counted the terms, so a (possibly stemmed)
n-gram is found exactly where it was counted. Each line carries offsets into the statement
(`quote_start`, `quote_end`) and, when the statements table has the article offsets of the
Statements contract (`start`), into the article text (`start`, `end`): text[start:end] is the match.

Collocations use NLTK's collocation finders (likelihood ratio or PMI) over the clauses of the
tokeniser, with a frequency floor, so phrases such as "political transition" surface.
"""

from __future__ import annotations

from typing import Mapping

import pandas as pd
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder, TrigramAssocMeasures, TrigramCollocationFinder

from quotelens.keywords.termcounts import KeywordsError
from quotelens.keywords.tokens import TokenOptions, iter_terms, tokenize

KWIC_COLUMNS = ["statement_id", "article_id", "left", "match", "right", "quote_start", "quote_end", "start", "end"]


def _one_line(s: str) -> str:
    return " ".join(s.split())


def kwic(
    statements: pd.DataFrame,
    term: str,
    *,
    text_col: str = "quote",
    by: str | None = None,
    options: TokenOptions | None = None,
    window: int = 50,
    limit: int | None = None,
    article_text: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Keyword-in-context lines for `term` (as it appears in a keywords table) in `statements`.

    window: characters of context on each side (whitespace folded to single spaces). limit:
    at most this many lines, taken in table order. Columns: statement_id, article_id, the
    `by` column when given, left, match, right, quote_start, quote_end (offsets into the
    statement text) and start, end (offsets into the article text, or -1 when the table has no
    `start` column). With `article_text` (article_id -> text) the context comes from the
    article around the match, so a quote that opens with the term still shows what led to it;
    otherwise it comes from the statement alone."""
    if text_col not in statements.columns:
        raise KeywordsError(f"text column {text_col!r} not in table")
    options = options or TokenOptions()
    options = TokenOptions(
        ngram_max=max(options.ngram_max, len(term.split())),
        stem=options.stem,
        numbers=options.numbers,
        extra_stopwords=options.extra_stopwords,
    )
    has_offsets = "start" in statements.columns
    rows = []
    for pos, row in enumerate(statements.itertuples(index=False)):
        record = row._asdict()
        text = record.get(text_col)
        if not isinstance(text, str):
            continue
        for t in iter_terms(text, options):
            if t.term != term:
                continue
            base = int(record["start"]) if has_offsets and pd.notna(record.get("start")) else None
            article_id = str(record.get("article_id", ""))
            source, s0, s1 = text, t.start, t.end
            if article_text is not None and base is not None and article_id in article_text:
                full = article_text[article_id]
                if full[base + t.start : base + t.end] == text[t.start : t.end]:
                    source, s0, s1 = full, base + t.start, base + t.end
            line = {
                "statement_id": str(record.get("statement_id", pos)),
                "article_id": article_id,
                "left": _one_line(source[max(0, s0 - 3 * window) : s0])[-window:],
                "match": text[t.start : t.end],
                "right": _one_line(source[s1 : s1 + 3 * window])[:window],
                "quote_start": t.start,
                "quote_end": t.end,
                "start": base + t.start if base is not None else -1,
                "end": base + t.end if base is not None else -1,
            }
            if by:
                line[by] = record.get(by)
            rows.append(line)
            if limit is not None and len(rows) >= limit:
                break
        if limit is not None and len(rows) >= limit:
            break
    columns = KWIC_COLUMNS[:2] + ([by] if by else []) + KWIC_COLUMNS[2:]
    return pd.DataFrame(rows, columns=columns)


def _clauses(texts, options: TokenOptions) -> list[list[str | None]]:
    """Clauses as lists of normalised tokens; stop words become None so no collocation spans
    or contains them."""
    out = []
    for text in texts:
        if not isinstance(text, str):
            continue
        for clause in tokenize(text, options):
            out.append([t.norm if t.content else None for t in clause])
    return out


def collocations(
    texts,
    *,
    n: int = 2,
    measure: str = "likelihood_ratio",
    min_freq: int = 3,
    top: int = 20,
    options: TokenOptions | None = None,
) -> pd.DataFrame:
    """The strongest n-word collocations (n = 2 or 3) among `texts`, scored by NLTK.

    measure: "likelihood_ratio" (Dunning's G2) or "pmi" (pointwise mutual information, bits).
    min_freq: the frequency floor (occurrences) below which a phrase is not scored; PMI in
    particular overrates rare pairs. Phrases never cross punctuation or hold stop words.
    Columns: phrase, n (occurrences), score, measure; best first, ties alphabetical."""
    options = options or TokenOptions()
    if n not in (2, 3):
        raise ValueError(f"n must be 2 or 3 (got {n!r})")
    if measure not in ("likelihood_ratio", "pmi"):
        raise ValueError(f"measure must be 'likelihood_ratio' or 'pmi' (got {measure!r})")
    clauses = _clauses(texts, TokenOptions(ngram_max=1, stem=options.stem, numbers=options.numbers,
                                           extra_stopwords=options.extra_stopwords))
    if n == 2:
        finder = BigramCollocationFinder.from_documents(clauses)
        scorer = getattr(BigramAssocMeasures, measure)
    else:
        finder = TrigramCollocationFinder.from_documents(clauses)
        scorer = getattr(TrigramAssocMeasures, measure)
    finder.apply_word_filter(lambda w: w is None)
    finder.apply_freq_filter(min_freq)
    scored = finder.score_ngrams(scorer)
    rows = [(" ".join(g), int(finder.ngram_fd[g]), float(s), measure) for g, s in scored]
    table = pd.DataFrame(rows, columns=["phrase", "n", "score", "measure"])
    table = table.sort_values(["score", "phrase"], ascending=[False, True], kind="mergesort")
    return table.head(top).reset_index(drop=True)
