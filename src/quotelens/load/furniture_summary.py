"""Page furniture per outlet, for notebook 01_articles and scripts/measure_boilerplate.py: how
many articles, spans and characters each outlet has marked, by kind, with examples.

Reads: the Articles table (its ``furniture`` column, or the text when the column is missing).
Writes nothing.
"""

from __future__ import annotations

import pandas as pd

from quotelens.load.furniture_table import article_spans
from quotelens.load.profile import UNKNOWN_SOURCE

#: Examples kept per outlet and kind by `furniture_examples`, and their length in characters.
EXAMPLES_PER_KIND = 2
EXAMPLE_CHARS = 120


def _rows(articles: pd.DataFrame):
    """(outlet, text, spans) per article."""
    sources = articles["source"] if "source" in articles.columns else pd.Series([None] * len(articles))
    for (_, row), source in zip(articles.iterrows(), sources):
        outlet = source if isinstance(source, str) and source else UNKNOWN_SOURCE
        yield outlet, row["text"] if isinstance(row["text"], str) else "", article_spans(row)


def furniture_by_outlet(articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet (``source``; articles without one under UNKNOWN_SOURCE) and kind: n_articles
    (articles of the outlet), n_with (articles with at least one span of the kind), n_spans,
    chars (characters marked) and share_chars (chars over all characters of the outlet's texts,
    on [0, 1]); one row per outlet with kind "all" first. Sorted by outlet, then kind."""
    totals: dict[str, list[int]] = {}
    counts: dict[tuple[str, str], list] = {}
    for outlet, text, spans in _rows(articles):
        tot = totals.setdefault(outlet, [0, 0])
        tot[0] += 1
        tot[1] += len(text)
        for kind in {"all", *(s.kind for s in spans)}:
            mine = spans if kind == "all" else [s for s in spans if s.kind == kind]
            row = counts.setdefault((outlet, kind), [0, 0, 0])
            row[0] += 1 if mine else 0
            row[1] += len(mine)
            row[2] += sum(s.end - s.start for s in mine)
    records = []
    for (outlet, kind), (n_with, n_spans, chars) in counts.items():
        n_articles, all_chars = totals[outlet]
        records.append({"source": outlet, "kind": kind, "n_articles": n_articles, "n_with": n_with,
                        "n_spans": n_spans, "chars": chars, "share_chars": chars / all_chars if all_chars else 0.0})
    frame = pd.DataFrame(records, columns=["source", "kind", "n_articles", "n_with", "n_spans", "chars", "share_chars"])
    frame["order"] = (frame["kind"] != "all").astype(int)
    return frame.sort_values(["source", "order", "kind"]).drop(columns="order").reset_index(drop=True)


def furniture_examples(articles: pd.DataFrame, per_kind: int = EXAMPLES_PER_KIND) -> pd.DataFrame:
    """Up to `per_kind` examples per outlet and kind, the first in load order: source, kind,
    article_id, start, end (character offsets) and example (the marked text, cut to
    EXAMPLE_CHARS characters, line breaks shown as spaces)."""
    ids = articles["article_id"] if "article_id" in articles.columns else pd.Series(range(len(articles)))
    seen: dict[tuple[str, str], int] = {}
    records = []
    for (outlet, text, spans), article_id in zip(_rows(articles), ids):
        for s in spans:
            key = (outlet, s.kind)
            if seen.get(key, 0) >= per_kind:
                continue
            seen[key] = seen.get(key, 0) + 1
            piece = " ".join(text[s.start:s.end].split())
            records.append({"source": outlet, "kind": s.kind, "article_id": article_id, "start": s.start,
                            "end": s.end, "example": piece[:EXAMPLE_CHARS]})
    frame = pd.DataFrame(records, columns=["source", "kind", "article_id", "start", "end", "example"])
    return frame.sort_values(["source", "kind"], kind="stable").reset_index(drop=True)
