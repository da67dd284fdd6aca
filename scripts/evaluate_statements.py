"""Evaluate statement extraction on the hand-annotated gold.

    python scripts/evaluate_statements.py

1. runs `quotelens extract data/gold/articles.jsonl -o data/processed/evaluation/gold_predictions.jsonl`
   (the extractor exactly as a user runs it, default actor registry);
2. scores the predictions against data/gold/statements.jsonl on every gold article, and against
   the same gold restricted to the seed article (quotelens.extract.evaluate: GenderGapTracker convention,
   coverage >= 0.3 and >= 0.8, one-to-one);
3. scores each twice: speakers compared as written (plain string rule; keys "full" and "seed")
   and speakers compared as registry actors, both names mapped through the actor registry's
   aliases to canonical names first (`--actors`, default data/actors/syria.yaml; keys
   "full_registry" and "seed_registry");
4. prints the reports and writes exactly that text to docs/evaluation/statements.txt and the
   metrics to docs/evaluation/statements.json.

Outputs are deterministic: the same extractor and gold give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from quotelens.extract.registry import default_registry_path, load_registry
from quotelens.config import GOLD_DIR, PROCESSED_DIR, PROJ_ROOT, relative
from quotelens.extract.evaluate import (evaluate_statements, format_report, load_articles, load_gold, metrics_json,
                                registry_canonical)
from quotelens.tables import read_table, write_text

SEED_ID = "000_aff2fd669e79066c"
GOLD_PATH = GOLD_DIR / "statements.jsonl"
ARTICLES_PATH = GOLD_DIR / "articles.jsonl"
PREDICTIONS_PATH = PROCESSED_DIR / "evaluation" / "gold_predictions.jsonl"
OUT_DIR = PROJ_ROOT / "docs" / "evaluation"


def run_extractor(articles_path, predictions_path) -> None:
    """Run `quotelens extract` in a child process, as a user would; raise if it fails."""
    predictions_path.parent.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "quotelens.cli", "extract", str(articles_path), "-o", str(predictions_path)]
    done = subprocess.run(cmd, cwd=PROJ_ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"quotelens extract failed ({done.returncode}):\n{done.stderr}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--predictions", default=None,
                        help="score this statements table instead of running the extractor")
    parser.add_argument("--out-dir", default=str(OUT_DIR), help="where statements.txt/.json go")
    parser.add_argument("--actors", default=str(default_registry_path()),
                        help="actor registry for the registry-canonical speaker comparison")
    args = parser.parse_args(argv)

    if args.predictions:
        predictions_path = args.predictions
    else:
        run_extractor(ARTICLES_PATH, PREDICTIONS_PATH)
        predictions_path = PREDICTIONS_PATH
    predicted = read_table(predictions_path)
    gold = load_gold(GOLD_PATH)
    articles = load_articles(ARTICLES_PATH)

    seed_articles = articles[articles["article_id"] == SEED_ID]
    seed_gold = gold[gold["article_id"] == SEED_ID]
    seed_gold.attrs["path"] = str(GOLD_PATH)
    actors_path = PROJ_ROOT / args.actors if not str(args.actors).startswith("/") else args.actors
    canonical = registry_canonical(load_registry(actors_path))
    full = evaluate_statements(predicted, gold, articles)
    seed = evaluate_statements(predicted, seed_gold, seed_articles)
    full_reg = evaluate_statements(predicted, gold, articles, canonical=canonical)
    seed_reg = evaluate_statements(predicted, seed_gold, seed_articles, canonical=canonical)

    text = (format_report(full, title=f"Full gold ({relative(GOLD_PATH)})") + "\n"
            + format_report(seed, title=f"Seed article only ({SEED_ID})") + "\n"
            + format_report(full_reg, title=f"Full gold, registry actors ({relative(actors_path)})") + "\n"
            + format_report(seed_reg, title=f"Seed article only, registry actors ({SEED_ID})"))
    sys.stdout.write(text)
    out_dir = PROJ_ROOT / args.out_dir if not str(args.out_dir).startswith("/") else args.out_dir
    write_text(f"{out_dir}/statements.txt", text)
    payload = {"gold": relative(GOLD_PATH), "articles": relative(ARTICLES_PATH),
               "actors": relative(actors_path),
               "full": metrics_json(full), "seed": metrics_json(seed),
               "full_registry": metrics_json(full_reg), "seed_registry": metrics_json(seed_reg)}
    write_text(f"{out_dir}/statements.json", json.dumps(payload, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
