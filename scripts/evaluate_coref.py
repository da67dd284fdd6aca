"""Pronoun and role-noun resolution checked against GUM's coreference marks (issue 12 item 3).

    python scripts/evaluate_coref.py [--out-dir DIR] [--coreference data/gold/gum_coreference.jsonl]

Two checks on the 43 GUM Wikinews articles of the news gold (quotelens.extract.evaluate_coref),
each for the dev and the test articles:

1. speakers: the extracted statements whose speaker mention is a pronoun or a common-noun phrase
   (also printed by scripts/evaluate_statements.py);
2. mentions: every he/she/it/they and every definite role-noun phrase ("the mayor", "his
   spokesman") that GUM marks for a named person or organisation outside quote marks, resolved
   by the extractor where it stands, with the default and with an empty registry.

Prints the tables; with --out-dir also writes them to DIR/coreference.txt. Tune on dev only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quotelens.config import GOLD_DIR
from quotelens.extract.evaluate import load_articles
from quotelens.extract.evaluate_coref import check_mentions, check_statements, format_coref_summary, \
    format_mentions_summary, load_coreference, summarise, summarise_mentions
from quotelens.extract.registry import build_registry, default_registry_path, load_registry
from quotelens.extract.statements import extract_statements

ARTICLES = GOLD_DIR / "news" / "articles.jsonl"
COREF = GOLD_DIR / "gum_coreference.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out-dir", default=None, help="write coreference.txt here")
    parser.add_argument("--coreference", default=str(COREF), help="GUM coreference file")
    args = parser.parse_args(argv)
    coref_path = Path(args.coreference)
    if not coref_path.is_file():
        print(f"error: no GUM coreference file {coref_path}", file=sys.stderr)
        return 2
    coref = load_coreference(coref_path)
    articles = load_articles(ARTICLES)
    id_col = "article_id" if "article_id" in articles.columns else "id"
    gum = articles[articles[id_col].astype(str).isin(set(coref["article_id"]))].reset_index(drop=True)
    table = gum.rename(columns={id_col: "article_id"})
    default = load_registry(default_registry_path())
    parts = []
    pred = extract_statements(table[["article_id", "text", "title"]], default)
    parts.append(format_coref_summary(summarise(check_statements(pred, coref, table)),
                                      "Speakers: statements whose speaker mention is a pronoun or role noun "
                                      "(extractor, default registry)"))
    for label, registry in (("default", default), ("empty", build_registry([]))):
        checked = check_mentions(table, coref, registry)
        parts.append(format_mentions_summary(summarise_mentions(checked),
                                             f"Mentions: every GUM pronoun and definite role noun of a named person or "
                                             f"organisation outside quotes ({label} registry; unresolved counts as wrong)"))
    text = "\n".join(parts)
    print(text, end="")
    if args.out_dir:
        out = Path(args.out_dir)
        out.mkdir(parents=True, exist_ok=True)
        (out / "coreference.txt").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
