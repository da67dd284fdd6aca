"""Print the extractor's errors on the news gold's DEV split, by source: gold statements it
missed, predictions that match no gold statement, and matched pairs with the wrong speaker.

    python scripts/statement_errors.py [--source "GUM news"] [--kind missed,false,speaker] [--empty]

For tuning (issue 12): only dev articles are ever read, extracted or printed; there is no option
for the test split on purpose (tune on dev, report test with scripts/evaluate_statements.py).
Also prints the dev summary (quote and pair P/R/F1 by type and source, coverage >= 0.3).
"""

from __future__ import annotations

import argparse
import json
import sys

from quotelens.config import GOLD_DIR
from quotelens.extract.evaluate import load_articles, registry_canonical
from quotelens.extract.evaluate_news import evaluate_news, format_news_report
from quotelens.extract.news_gold import article_source, load_news_gold
from quotelens.extract.registry import Registry, default_registry_path, load_registry
from quotelens.extract.statements import extract_statements

GOLD = GOLD_DIR / "news" / "statements.jsonl"
ARTICLES = GOLD_DIR / "news" / "articles.jsonl"


def _context(text: str, start: int, end: int, width: int = 70) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    return (text[a:start] + "[[" + text[start:end] + "]]" + text[end:b]).replace("\n", " / ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", default=None, help="only this source (GUM news, GUM interview, FA-KES, seed)")
    parser.add_argument("--kind", default="missed,false,speaker", help="comma list of missed, false, speaker")
    parser.add_argument("--empty", action="store_true", help="extract with an empty registry")
    parser.add_argument("--summary-only", action="store_true")
    args = parser.parse_args(argv)

    articles = load_articles(ARTICLES)
    id_col = "article_id" if "article_id" in articles.columns else "id"
    dev = articles[articles["split"] == "dev"].reset_index(drop=True)
    gold = load_news_gold(GOLD)
    gold = gold[gold["article_id"].isin(set(dev[id_col]))].reset_index(drop=True)
    cues = {}
    with open(GOLD, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["split"] == "dev":
                cues[rec["statement_id"]] = rec["cue"]
    registry = Registry() if args.empty else load_registry(default_registry_path())
    table = dev.rename(columns={id_col: "article_id"}) if id_col != "article_id" else dev
    pred = extract_statements(table[["article_id", "text", "title"]], registry)
    canonical = registry_canonical(load_registry(default_registry_path()))
    result = evaluate_news(pred, gold, dev, canonical=canonical, split="dev")
    report = format_news_report(result, title="News gold dev (registry actors)")
    print(report.split("\ncoverage >= 0.8")[0])
    if args.summary_only:
        return 0
    texts = dict(zip(dev[id_col], dev["text"]))
    sources = {a: article_source(a, s) for a, s in zip(dev[id_col], dev["source"])}
    m = result["matches"]
    m = m[m["threshold"] == 0.3]
    matched_gold = set(m["statement_id"])
    matched_pred = set(m["pred_row"])
    kinds = set(args.kind.split(","))
    pred = pred.reset_index(drop=True)
    pred_by_row = {}
    # evaluate_news re-indexes predictions on the scored articles in order; mirror that
    scored = pred[pred["article_id"].astype(str).isin(set(texts))].reset_index(drop=True)
    for i, row in scored.iterrows():
        pred_by_row[i] = row
    for source in ("GUM news", "GUM interview", "FA-KES", "seed"):
        if args.source and source != args.source:
            continue
        print(f"\n######## {source}")
        if "missed" in kinds:
            print("---- missed")
            for g in gold.itertuples(index=False):
                if sources[g.article_id] == source and g.statement_id not in matched_gold:
                    flag = "C" if g.continuation else ("Q" if g.qa else "")
                    print(f"{g.statement_id} {g.type} {flag} <{g.speaker_mention}|{cues.get(g.statement_id, '')}> {g.speaker}: "
                          f"{_context(texts[g.article_id], g.start, g.end)}")
        if "false" in kinds:
            print("---- false")
            for i, row in pred_by_row.items():
                if sources[row.article_id] == source and i not in matched_pred:
                    print(f"{row.article_id} {row.type} {row.rule} <{row.speaker_mention}|{row.cue}> {row.speaker}: "
                          f"{_context(texts[row.article_id], int(row.start), int(row.end))}")
        if "speaker" in kinds:
            print("---- wrong speaker")
            gold_by_id = gold.set_index("statement_id")
            for r in m.itertuples(index=False):
                if sources[r.article_id] == source and not r.speaker_correct:
                    g = gold_by_id.loc[r.statement_id]
                    p = pred_by_row[r.pred_row]
                    print(f"{r.statement_id} gold {g.speaker!r} <{g.speaker_mention}> pred {p.speaker!r} "
                          f"<{p.speaker_mention}> {p.rule}: {_context(texts[r.article_id], g.start, g.end, 40)[:220]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
