"""Print a seeded random sample of statements, each with its speaker, cue, outlet, date and the
article text around it, to read statements against their articles (issue 14's read-through,
docs/readthrough.md).

    .venv/bin/quotelens extract CORPUS --actors data/actors/syria.yaml -o /tmp/statements.parquet
    .venv/bin/python scripts/sample_statements.py /tmp/statements.parquet [--n 20] [--seed 14]
        [--config configs/default.yaml | --corpus PATH ...] [--context 400] [--with-duplicates]

The articles are loaded again from the corpus (by default the `corpus_paths` of 01_articles in
--config) to show each statement in its text, located by its offsets: the quote between ⟦ ⟧, the
words naming the speaker between ‹ ›, the cue between ⌈ ⌉ (when the table has cue offsets), an
antecedent (for "he", "the minister") marked with ^.
The sample is drawn as the report counts statements: each text once (statements of articles
flagged as copies are left out unless --with-duplicates). Articles of the news gold's test split
(data/gold/news, split "test") are never drawn: their errors must not steer changes to the
extractor (tune on dev, report test). The same table, corpus, seed and n print the same sample;
a table from another version of the extractor gives another sample.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from quotelens import config
from quotelens.load.corpus import load_corpus
from quotelens.tables import read_table
from quotelens.yaml_files import load_yaml

NEWS_GOLD_ARTICLES = config.GOLD_DIR / "news" / "articles.jsonl"
NEEDED = ("statement_id", "article_id", "speaker", "quote", "start", "end")


class InputError(Exception):
    """A user's mistake: printed as one line, exit status 2."""


def corpus_paths_of(config_path: str) -> list[str]:
    """The corpus of a report config: its 01_articles block's corpus_paths."""
    path = config.resolve(config_path)
    if not path.exists():
        raise InputError(f"{config_path}: no such config")
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
        paths = data["notebooks"]["01_articles"]["corpus_paths"]
    except (yaml.YAMLError, KeyError, TypeError) as exc:
        raise InputError(f"{config_path}: no notebooks.01_articles.corpus_paths ({exc.__class__.__name__})") from exc
    return [str(p) for p in paths]


def gold_test_texts() -> set[str]:
    """Texts of the news gold's test-split articles (empty when the gold is absent)."""
    if not NEWS_GOLD_ARTICLES.exists():
        return set()
    gold = pd.read_json(NEWS_GOLD_ARTICLES, lines=True, dtype=False)
    return set(gold.loc[gold["split"] == "test", "text"])


def draw(statements: pd.DataFrame, articles: pd.DataFrame, n: int, seed: int, with_duplicates: bool) -> tuple[pd.DataFrame, dict]:
    """`n` statements drawn without replacement (numpy default_rng(seed), from the pool sorted
    by statement_id so the draw does not depend on the table's row order), and counts of what
    was left out of the pool."""
    text_of = dict(zip(articles["article_id"].astype(str), articles["text"]))
    ids = statements["article_id"].astype(str)
    missing = sorted(set(ids) - set(text_of))
    if missing:
        raise InputError(f"{len(missing)} articles of the statements table are not in the corpus (first: {missing[0]}); "
                         "give the corpus the table was extracted from")
    pool = statements
    left_out = {"duplicates": 0, "gold_test": 0}
    if not with_duplicates and "duplicate_of" in articles.columns:
        copies = set(articles.loc[articles["duplicate_of"].notna(), "article_id"].astype(str))
        is_copy = pool["article_id"].astype(str).isin(copies)
        left_out["duplicates"] = int(is_copy.sum())
        pool = pool[~is_copy]
    test_texts = gold_test_texts()
    test_ids = {a for a, t in text_of.items() if t in test_texts}
    in_test = pool["article_id"].astype(str).isin(test_ids)
    left_out["gold_test"] = int(in_test.sum())
    pool = pool[~in_test].sort_values("statement_id", kind="mergesort").reset_index(drop=True)
    chosen = np.random.default_rng(seed).choice(len(pool), size=min(n, len(pool)), replace=False)
    left_out["pool"] = int(len(pool))
    return pool.iloc[np.sort(chosen)].reset_index(drop=True), left_out


def marked_context(text: str, row, width: int) -> str:
    """The text from `width` characters before the first to `width` after the last of the
    quote and the speaker mention, with the quote in ⟦ ⟧, the mention in ‹ ›, the cue in ⌈ ⌉
    (when the table has its offsets) and the antecedent offset marked ^; cut at word
    boundaries, line breaks shown as " / "."""
    marks = [(int(row.start), "⟦"), (int(row.end), "⟧")]
    lo, hi = int(row.start), int(row.end)
    s_start, s_end = int(getattr(row, "speaker_start", -1)), int(getattr(row, "speaker_end", -1))
    if s_start >= 0:
        marks += [(s_start, "‹"), (s_end, "›")]
        lo, hi = min(lo, s_start), max(hi, s_end)
    c_start, c_end = int(getattr(row, "cue_start", -1)), int(getattr(row, "cue_end", -1))
    if 0 <= c_start < c_end:
        marks += [(c_start, "⌈"), (c_end, "⌉")]
        lo, hi = min(lo, c_start), max(hi, c_end)
    antecedent = int(getattr(row, "resolved_from", -1))
    if antecedent >= 0 and antecedent < len(text):
        marks.append((antecedent, "^"))
        lo, hi = min(lo, antecedent), max(hi, antecedent)
    a, b = max(0, lo - width), min(len(text), hi + width)
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    while b < len(text) and not text[b].isspace():
        b += 1
    out, pos = [], a
    # closing marks before opening ones at one offset, so nested spans read correctly
    for offset, mark in sorted(marks, key=lambda m: (m[0], m[1] not in "⟧›⌉")):
        out.append(text[pos:offset])
        out.append(mark)
        pos = offset
    out.append(text[pos:b])
    body = "".join(out).replace("\r", "").replace("\n", " / ")
    return ("… " if a > 0 else "") + body + (" …" if b < len(text) else "")


def describe(row, text: str, i: int, n: int, width: int) -> str:
    """One statement as a block of text for reading."""
    date = pd.to_datetime(row.date).strftime("%Y-%m-%d") if pd.notna(getattr(row, "date", None)) else "no date"
    outlet = row.source if isinstance(getattr(row, "source", None), str) and row.source else "no outlet"
    mention = getattr(row, "speaker_mention", "") or ""
    where = f' written "{mention}" at {row.speaker_start}-{row.speaker_end}' if mention else " no mention of its own"
    if int(getattr(row, "resolved_from", -1)) >= 0:
        where += f", resolved from offset {row.resolved_from}"
    registry = "registry" if bool(getattr(row, "in_registry", False)) else "not in registry"
    offsets_ok = text[int(row.start):int(row.end)] == row.quote
    lines = [
        f"[{i}/{n}] statement {row.statement_id}   outlet {outlet}   date {date}",
        f"  headline: {getattr(row, 'title', '') or ''}",
        f"  speaker : {row.speaker} ({getattr(row, 'speaker_kind', '?')}, {registry};{where})",
        f"  cue     : \"{getattr(row, 'cue', '')}\"   type {getattr(row, 'type', '?')}   rule {getattr(row, 'rule', '?')}   "
        f"confidence {float(getattr(row, 'confidence', float('nan'))):.2f}",
        f"  quote   : [{row.start}:{row.end}]{'' if offsets_ok else ' (OFFSETS DO NOT MATCH THE TEXT)'} {row.quote}",
        "  context :",
        textwrap.indent(textwrap.fill(marked_context(text, row, width), 100), "    "),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("statements", help="statements table (.parquet, .jsonl, .csv) written by `quotelens extract`")
    parser.add_argument("--n", type=int, default=20, help="statements to draw (default 20)")
    parser.add_argument("--seed", type=int, default=14, help="seed of the draw (default 14)")
    parser.add_argument("--config", default="configs/default.yaml", help="report config whose 01_articles corpus_paths is the corpus")
    parser.add_argument("--corpus", nargs="+", default=None, help="corpus files or folders (instead of the config's)")
    parser.add_argument("--context", type=int, default=400, help="characters of article shown on each side (default 400)")
    parser.add_argument("--with-duplicates", action="store_true", help="also draw statements of articles flagged as copies")
    args = parser.parse_args(argv)
    try:
        if args.n < 1 or args.context < 0:
            raise InputError("--n must be at least 1 and --context at least 0")
        table_path = Path(args.statements)
        if not table_path.exists():
            raise InputError(f"{args.statements}: no such statements table")
        try:
            statements = read_table(table_path)
        except ValueError as exc:
            raise InputError(str(exc)) from exc
        absent = [c for c in NEEDED if c not in statements.columns]
        if absent:
            raise InputError(f"{args.statements}: not a statements table (no column {', '.join(absent)})")
        paths = args.corpus or corpus_paths_of(args.config)
        try:
            articles = load_corpus(paths).articles
        except (ValueError, FileNotFoundError) as exc:
            raise InputError(str(exc).splitlines()[0]) from exc
        sample, left_out = draw(statements, articles, args.n, args.seed, args.with_duplicates)
    except InputError as exc:
        print(f"sample_statements: {exc}", file=sys.stderr)
        return 2
    text_of = dict(zip(articles["article_id"].astype(str), articles["text"]))
    print(f"{len(sample)} of {left_out['pool']} statements (seed {args.seed}) from {args.statements}; left out of the pool: "
          f"{left_out['duplicates']} of articles flagged as copies, {left_out['gold_test']} of news-gold test articles")
    print("marks: ⟦quote⟧  ‹speaker mention›  ⌈cue⌉  ^ antecedent\n")
    for i, row in enumerate(sample.itertuples(index=False), start=1):
        print(describe(row, text_of[str(row.article_id)], i, len(sample), args.context))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
