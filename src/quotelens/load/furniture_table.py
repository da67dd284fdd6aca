"""Page furniture in the Articles table: the three columns the loader adds (``body_start``,
``body_end``, ``furniture``; docs/contracts.md) and the spans of one article read back from them.

Reads: the Articles table. Writes nothing.
"""

from __future__ import annotations

import pandas as pd

from quotelens.load.boilerplate import Span, body_bounds, format_furniture, furniture_spans, parse_furniture

#: The columns `add_furniture_columns` inserts after ``original_id``, in this order.
FURNITURE_COLUMNS = ["body_start", "body_end", "furniture"]


def add_furniture_columns(articles: pd.DataFrame) -> pd.DataFrame:
    """`articles` with ``body_start`` and ``body_end`` (int64 character offsets of the body
    once the furniture at its top and end is left out) and ``furniture`` (str, every span as
    "start-end kind; ...", "" for none) computed from ``text``, ``title`` and ``source``; they
    are inserted after ``original_id`` (at the end when it is missing), replacing any earlier
    copies. The text is not changed."""
    out = articles.drop(columns=[c for c in FURNITURE_COLUMNS if c in articles.columns])
    starts, ends, cells = [], [], []
    titles = out["title"] if "title" in out.columns else pd.Series([None] * len(out), index=out.index)
    sources = out["source"] if "source" in out.columns else pd.Series([None] * len(out), index=out.index)
    for text, title, source in zip(out["text"], titles, sources):
        text = text if isinstance(text, str) else ""
        spans = furniture_spans(text, title, source)
        start, end = body_bounds(text, spans)
        starts.append(start)
        ends.append(end)
        cells.append(format_furniture(spans))
    at = out.columns.get_loc("original_id") + 1 if "original_id" in out.columns else len(out.columns)
    for k, (name, values, dtype) in enumerate([("body_start", starts, "int64"), ("body_end", ends, "int64"),
                                               ("furniture", cells, object)]):
        out.insert(at + k, name, pd.Series(values, index=out.index, dtype=dtype))
    return out


def article_spans(article) -> list[Span]:
    """The furniture of one article (a row of the Articles table, or a dict with ``text`` and
    optionally ``title``, ``source``, ``furniture``): parsed from ``furniture`` when the row has
    it, else computed from the text, so tables written before the column existed work too."""
    get = article.get
    value = get("furniture")
    if isinstance(value, str):
        return parse_furniture(value)
    return furniture_spans(get("text") or "", get("title"), get("source"))
