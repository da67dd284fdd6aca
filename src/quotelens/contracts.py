"""The data contracts of quotelens in code: the column lists of the Articles, Rejected and
Statements tables, and the check that a statement obeys its contract.

docs/contracts.md describes the same tables in prose (types, invariants, the command line and
the gold format); every module and test reads column names from here, so they are written once.
"""
from __future__ import annotations

from typing import Iterable

#: Articles: our column names, in output order (docs/contracts.md, "Articles").
ARTICLE_CONTRACT_COLUMNS = ["article_id", "title", "headlines", "text", "source", "date", "url", "origin", "sha256"]
#: Columns the loader derives; every other input column is passed through after these.
ARTICLE_DERIVED_COLUMNS = ["duplicate_of", "duplicate_similarity", "encoding", "original_id",
                           "body_start", "body_end", "furniture"]
ARTICLE_COLUMNS = ARTICLE_CONTRACT_COLUMNS + ARTICLE_DERIVED_COLUMNS
#: One row per input record that could not be loaded (docs/contracts.md, "Rejected").
REJECTED_COLUMNS = ["origin", "file", "line", "reason"]

#: Statements: one row per statement, in output order (docs/contracts.md, "Statements").
STATEMENT_COLUMNS = [
    "statement_id", "article_id", "speaker", "speaker_mention", "speaker_start", "speaker_end", "cue",
    "cue_start", "cue_end", "type", "quote", "start", "end", "quoted_start", "quoted_end", "paragraph", "sentence",
    "rule", "confidence",
    "speaker_kind", "speaker_side", "in_registry", "resolved_from", "in_headline",
]
STATEMENT_TYPES = frozenset({"direct", "indirect", "mixed", "according_to"})


def statement_problems(text: str, statements: Iterable[dict]) -> list[str]:
    """Every contract violation in `statements` (dicts from extract_article_statements, or rows
    of a Statements table for one article) against the article `text`; [] when there is none."""
    problems: list[str] = []
    n = len(text)
    spans = []
    for k, st in enumerate(statements):
        where = f"statement {k} ({st.get('statement_id')!r})"
        start, end = st.get("start"), st.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            problems.append(f"{where}: start/end are not integers: {start!r}, {end!r}")
            continue
        if not 0 <= start < end <= n:
            problems.append(f"{where}: offsets {start}:{end} outside the text (length {n})")
            continue
        if text[start:end] != st.get("quote"):
            problems.append(f"{where}: text[{start}:{end}] != quote ({text[start:end]!r} vs {st.get('quote')!r})")
        s0, s1 = st.get("speaker_start", -1), st.get("speaker_end", -1)
        if s0 != -1 or s1 != -1:
            if not (isinstance(s0, int) and isinstance(s1, int) and 0 <= s0 < s1 <= n):
                problems.append(f"{where}: speaker offsets {s0}:{s1} outside the text (length {n})")
            elif text[s0:s1] != st.get("speaker_mention"):
                problems.append(f"{where}: text[{s0}:{s1}] != speaker_mention ({text[s0:s1]!r} vs {st.get('speaker_mention')!r})")
        elif st.get("speaker_mention", "") != "":
            problems.append(f"{where}: a speaker_mention without offsets: {st.get('speaker_mention')!r}")
        c0, c1 = st.get("cue_start", -1), st.get("cue_end", -1)
        if c0 != -1 or c1 != -1:
            if not (isinstance(c0, int) and isinstance(c1, int) and 0 <= c0 < c1 <= n):
                problems.append(f"{where}: cue offsets {c0}:{c1} outside the text (length {n})")
            elif text[c0:c1].lower() != str(st.get("cue", "")).lower():
                problems.append(f"{where}: text[{c0}:{c1}] is not the cue ({text[c0:c1]!r} vs {st.get('cue')!r})")
            elif start < c1 and c0 < end:
                # issue 14 item 6: the scored span is the content, the cue stays outside it
                problems.append(f"{where}: the cue {c0}:{c1} lies inside the content {start}:{end}")
        q0, q1 = st.get("quoted_start", -1), st.get("quoted_end", -1)
        if (q0 != -1 or q1 != -1) and not (isinstance(q0, int) and isinstance(q1, int) and start <= q0 < q1 <= end):
            problems.append(f"{where}: quoted offsets {q0}:{q1} not inside the statement {start}:{end}")
        rf = st.get("resolved_from", -1)
        if not isinstance(rf, int) or not -1 <= rf < max(n, 1):
            problems.append(f"{where}: resolved_from {rf!r} outside the text")
        conf = st.get("confidence")
        if not isinstance(conf, float) or not 0.0 <= conf <= 1.0:
            problems.append(f"{where}: confidence {conf!r} not on [0, 1]")
        if st.get("type") not in STATEMENT_TYPES:
            problems.append(f"{where}: unknown type {st.get('type')!r}")
        if not isinstance(st.get("speaker"), str) or not st.get("speaker"):
            problems.append(f"{where}: empty speaker")
        spans.append((start, end, k))
    # Reported speech nested in a reported statement lies wholly inside it; any other
    # overlap (two spans that cross) breaks the contract.
    spans.sort(key=lambda s: (s[0], -s[1], s[2]))
    open_spans: list[tuple[int, int, int]] = []  # enclosing spans of the current position
    for a1, b1, k1 in spans:
        while open_spans and open_spans[-1][1] <= a1:
            open_spans.pop()
        if open_spans:
            a0, b0, k0 = open_spans[-1]
            if b1 > b0:
                problems.append(f"statements {k0} and {k1} overlap ({a0}:{b0} and {a1}:{b1})")
                continue
        open_spans.append((a1, b1, k1))
    return problems
