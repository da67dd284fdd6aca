"""Handler of `quotelens evaluate` (arguments parsed by quotelens.cli): predicted statements
scored against the excerpt gold (data/gold/) or the news gold (data/gold/news/)."""

from __future__ import annotations

import argparse
import sys

from quotelens.arguments import UsageError, column_mapping, existing_file, existing_input, output_file


def evaluate_command(args: argparse.Namespace) -> int:
    import json

    from quotelens.extract.registry import RegistryError, load_registry
    from quotelens.config import resolve
    from quotelens.extract.evaluate import (GoldFormatError, evaluate_statements, format_report, load_articles, load_gold,
                                    metrics_json, registry_canonical)
    from quotelens.extract.news_gold import looks_like_news_gold
    from quotelens.tables import read_table, write_text

    statements = existing_file(args.statements, "evaluate: statements")
    gold_path = existing_file(args.gold, "evaluate: --gold")
    articles_path = existing_input(args.articles, "evaluate: --articles")
    if args.actors:
        existing_file(args.actors, "evaluate: --actors")
    if args.json:
        output_file(args.json, (".json",), inputs=[statements, gold_path, articles_path], what="evaluate: --json")
    news = args.gold_format == "news" or (args.gold_format == "auto" and looks_like_news_gold(gold_path))
    if args.split and not news:
        raise UsageError("evaluate: --split needs the news gold (data/gold/news/statements.jsonl); "
                         "its articles carry the split")
    if news:
        return _evaluate_news(args, statements, gold_path, articles_path)
    try:
        gold = load_gold(gold_path)
    except GoldFormatError as exc:
        raise UsageError(f"evaluate: {exc}") from None
    try:
        articles = load_articles(articles_path, column_mapping(args.columns) or None)
        predicted = read_table(statements)
    except ValueError as exc:
        raise UsageError(f"evaluate: {exc}") from None
    canonical = None
    if args.actors:
        # compare speakers as registry actors ("Syrian Coalition" = "National Coalition")
        try:
            canonical = registry_canonical(load_registry(resolve(args.actors)))
        except RegistryError as exc:
            raise UsageError(f"evaluate: {exc}") from None
    try:
        result = evaluate_statements(predicted, gold, articles, canonical=canonical)
    except ValueError as exc:
        raise UsageError(f"evaluate: {exc}") from None
    sys.stdout.write(format_report(result))
    if args.json:
        write_text(args.json, json.dumps(metrics_json(result), indent=1, ensure_ascii=False) + "\n")
    return 0


def _evaluate_news(args: argparse.Namespace, statements, gold_path, articles_path) -> int:
    """`quotelens evaluate` on the news gold (data/gold/news/): the scores of one split."""
    import json

    from quotelens.config import resolve
    from quotelens.extract.evaluate import GoldFormatError, load_articles, registry_canonical
    from quotelens.extract.evaluate_news import evaluate_news, format_news_report, news_metrics_json
    from quotelens.extract.news_gold import load_news_gold, scorable_articles
    from quotelens.extract.registry import RegistryError, load_registry
    from quotelens.tables import read_table, write_text

    try:
        gold = load_news_gold(gold_path)
        articles = load_articles(articles_path, column_mapping(args.columns) or None)
        predicted = read_table(statements)
        canonical = registry_canonical(load_registry(resolve(args.actors))) if args.actors else None
        annotated, stale = scorable_articles(gold_path, gold)
        result = evaluate_news(predicted, gold, articles, canonical=canonical, split=args.split or "all",
                               annotated=annotated)
    except (GoldFormatError, RegistryError, ValueError) as exc:
        raise UsageError(f"evaluate: {exc}") from None
    if stale:
        print(f"evaluate: {len(stale)} article(s) left out, their annotations differ from {gold_path.name} "
              f"(rebuild it with scripts/gold_offsets.py build): {', '.join(stale)}", file=sys.stderr)
    sys.stdout.write(format_news_report(result))
    if args.json:
        write_text(args.json, json.dumps(news_metrics_json(result), indent=1, ensure_ascii=False) + "\n")
    return 0
