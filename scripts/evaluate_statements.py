"""Evaluate statement extraction on the hand-annotated gold sets: the excerpt gold and the news gold.

    python scripts/evaluate_statements.py

Excerpt gold (data/gold/statements.jsonl, issue 3; with `--predictions TABLE` only this part,
scoring TABLE instead of running the extractor):

1. runs `quotelens extract data/gold/articles.jsonl -o data/processed/evaluation/gold_predictions.jsonl
   --actors data/actors/syria.yaml` (the extractor exactly as a user runs it, with the registry
   of `--actors`);
2. scores the predictions against data/gold/statements.jsonl on every gold article, and against
   the same gold restricted to the seed article (quotelens.extract.evaluate: GenderGapTracker
   convention, coverage >= 0.3 and >= 0.8, one-to-one);
3. scores each twice: speakers compared as written (plain string rule; keys "full" and "seed")
   and speakers compared as registry actors, both names mapped through the actor registry's
   aliases to canonical names first (`--actors`, default data/actors/syria.yaml; keys
   "full_registry" and "seed_registry");
4. writes exactly that text to docs/evaluation/statements.txt and the metrics to
   docs/evaluation/statements.json.

News gold (data/gold/news/, issue 12; read when the script runs, whatever state it is in):

5. runs `quotelens extract` on data/gold/news/articles.jsonl twice: with the registry of
   `--actors` (named: the command has none by default) and with an empty one (`actors: []`, written to data/processed/evaluation/);
6. scores both against data/gold/news/statements.jsonl on the dev and the test split
   (quotelens.extract.evaluate_news), speakers as written and as registry actors;
7. checks pronoun and role-noun resolution against GUM's coreference marks
   (data/gold/gum_coreference.jsonl, quotelens.extract.evaluate_coref), for the extractor and,
   as a reference, for the gold's own speakers;
8. prints one summary table (news dev and test by source, default and empty registry; excerpt
   gold; seed), the issue 12 targets on test, the dev gap between the default and the empty
   registry, the speaker_kind agreement with the gold (dev and test, shares only for test), the
   coreference check and the detailed news tables, and writes exactly that text
   to docs/evaluation/statements_news.txt and the numbers to docs/evaluation/statements_news.json.

Outputs are deterministic: the same extractor and gold give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from quotelens.config import GOLD_DIR, PROCESSED_DIR, PROJ_ROOT, relative
from quotelens.extract.evaluate import (evaluate_statements, format_report, load_articles, load_gold, metrics_json,
                                        registry_canonical)
from quotelens.extract.evaluate_coref import check_statements, format_coref_summary, load_coreference, summarise, \
    summary_json
from quotelens.extract.evaluate_news import (evaluate_news, format_news_report, metric, news_metrics_json,
                                             speaker_kind_agreement)
from quotelens.extract.news_gold import SOURCES, load_news_gold, scorable_articles
from quotelens.extract.registry import default_registry_path, load_registry
from quotelens.tables import read_table, write_text

SEED_ID = "000_aff2fd669e79066c"
GOLD_PATH = GOLD_DIR / "statements.jsonl"
ARTICLES_PATH = GOLD_DIR / "articles.jsonl"
PREDICTIONS_PATH = PROCESSED_DIR / "evaluation" / "gold_predictions.jsonl"
NEWS_GOLD_PATH = GOLD_DIR / "news" / "statements.jsonl"
NEWS_ARTICLES_PATH = GOLD_DIR / "news" / "articles.jsonl"
COREF_PATH = GOLD_DIR / "gum_coreference.jsonl"
EMPTY_REGISTRY_PATH = PROCESSED_DIR / "evaluation" / "empty_registry.yaml"
OUT_DIR = PROJ_ROOT / "docs" / "evaluation"
REGISTRIES = ("default", "empty")
# issue 12: (label, metrics column, row, target) read on the test split at coverage >= 0.3
TARGETS = (("quote F1", "quote_f1", ("all", "all"), 0.90),
           ("pair F1", "pair_f1", ("all", "all"), 0.85),
           ("pronoun speakers right", "attribution_accuracy", ("mention", "pronoun"), 0.80),
           ("role-noun speakers right", "attribution_accuracy", ("mention", "role_noun"), 0.75))
MAX_EMPTY_REGISTRY_COST = 0.01  # pair F1 on dev


def run_extractor(articles_path, predictions_path, actors=None) -> None:
    """Run `quotelens extract` in a child process, as a user would; raise if it fails."""
    predictions_path.parent.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "quotelens.cli", "extract", str(articles_path), "-o", str(predictions_path)]
    if actors is not None:
        cmd += ["--actors", str(actors)]
    done = subprocess.run(cmd, cwd=PROJ_ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"quotelens extract failed ({done.returncode}):\n{done.stderr}")


def _project_path(path):
    return PROJ_ROOT / path if not str(path).startswith("/") else path


def excerpt_gold(predictions_path, actors_path, canonical) -> tuple[str, dict, list[dict]]:
    """The excerpt gold's report text and JSON (as before issue 12) and its summary rows."""
    predicted = read_table(predictions_path)
    gold = load_gold(GOLD_PATH)
    articles = load_articles(ARTICLES_PATH)
    seed_articles = articles[articles["article_id"] == SEED_ID]
    seed_gold = gold[gold["article_id"] == SEED_ID]
    seed_gold.attrs["path"] = str(GOLD_PATH)
    full = evaluate_statements(predicted, gold, articles)
    seed = evaluate_statements(predicted, seed_gold, seed_articles)
    full_reg = evaluate_statements(predicted, gold, articles, canonical=canonical)
    seed_reg = evaluate_statements(predicted, seed_gold, seed_articles, canonical=canonical)
    text = (format_report(full, title=f"Full gold ({relative(GOLD_PATH)})") + "\n"
            + format_report(seed, title=f"Seed article only ({SEED_ID})") + "\n"
            + format_report(full_reg, title=f"Full gold, registry actors ({relative(actors_path)})") + "\n"
            + format_report(seed_reg, title=f"Seed article only, registry actors ({SEED_ID})"))
    payload = {"gold": relative(GOLD_PATH), "articles": relative(ARTICLES_PATH), "actors": relative(actors_path),
               "full": metrics_json(full), "seed": metrics_json(seed),
               "full_registry": metrics_json(full_reg), "seed_registry": metrics_json(seed_reg)}

    def row(name, written, registry):
        def get(result, column, t):
            m = result["metrics"]
            return float(m[(m["threshold"] == t) & (m["type"] == "all")][column].iloc[0])
        return {"set": "excerpt", "split": name, "registry": "default", "source": "all" if name == "all" else "seed",
                "n_gold": written["n_gold"], "n_pred": written["n_pred"],
                "quote_f1_03": get(written, "quote_f1", 0.3), "quote_f1_08": get(written, "quote_f1", 0.8),
                "pair_f1_written": get(written, "pair_f1", 0.3), "pair_f1_registry": get(registry, "pair_f1", 0.3),
                "attribution_accuracy": get(registry, "attribution_accuracy", 0.3),
                "pronoun": None, "n_pronoun": None, "role_noun": None, "n_role_noun": None}
    return text, payload, [row("all", full, full_reg), row("seed", seed, seed_reg)]


def news_row(split, registry, source, written, by_registry) -> dict:
    """One summary row: the `source` rows ("all" for every source) of two news results."""
    by, group = ("all", "all") if source == "all" else ("source", source)
    row = {"set": "news", "split": split, "registry": registry, "source": source,
           "n_gold": metric(written, "n_gold", by, group), "n_pred": metric(written, "n_pred", by, group),
           "quote_f1_03": metric(written, "quote_f1", by, group),
           "quote_f1_08": metric(written, "quote_f1", by, group, threshold=0.8),
           "pair_f1_written": metric(written, "pair_f1", by, group),
           "pair_f1_registry": metric(by_registry, "pair_f1", by, group),
           "attribution_accuracy": metric(by_registry, "attribution_accuracy", by, group)}
    for kind in ("pronoun", "role_noun"):
        # mention classes are counted over every source; the per-source rows leave them out
        row[kind] = metric(by_registry, "attribution_accuracy", "mention", kind) if source == "all" else None
        row[f"n_{kind}"] = metric(by_registry, "matched_gold", "mention", kind) if source == "all" else None
    return row


def _pct(x) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def format_summary(rows: list[dict]) -> str:
    """The one table: every summary row, percentages with one decimal."""
    head = (f"{'gold':<8}{'split':<6}{'registry':<9}{'source':<15}{'n gold':>7}{'n pred':>7}  {'quote F1':>8}"
            f"{'@0.8':>6}  {'pair F1':>7}{'actors':>7}  {'attr':>5}  {'pronoun (n)':>12}  {'role noun (n)':>13}")
    lines = [head]
    for r in rows:
        pron = "-" if r["pronoun"] is None else f"{_pct(r['pronoun'])} ({r['n_pronoun']})"
        role = "-" if r["role_noun"] is None else f"{_pct(r['role_noun'])} ({r['n_role_noun']})"
        lines.append(f"{r['set']:<8}{r['split']:<6}{r['registry']:<9}{r['source']:<15}{r['n_gold']:>7}"
                     f"{'-' if r['n_pred'] is None else r['n_pred']:>7}  {_pct(r['quote_f1_03']):>8}"
                     f"{_pct(r['quote_f1_08']):>6}  {_pct(r['pair_f1_written']):>7}{_pct(r['pair_f1_registry']):>7}"
                     f"  {_pct(r['attribution_accuracy']):>5}  {pron:>12}  {role:>13}")
    return "\n".join(lines) + "\n"


def news_gold(predictions: dict, canonical, coref_path) -> tuple[str, dict, list[dict], str]:
    """Score the news predictions of each registry on dev and test; the detailed text, the
    JSON payload and the summary rows."""
    gold = load_news_gold(NEWS_GOLD_PATH)
    articles = load_articles(NEWS_ARTICLES_PATH)
    annotated, stale = scorable_articles(NEWS_GOLD_PATH, gold)
    if stale:
        print(f"{len(stale)} article(s) left out, their annotations differ from {relative(NEWS_GOLD_PATH)} "
              f"(rebuild it with scripts/gold_offsets.py build): {', '.join(stale)}", file=sys.stderr)
    results, rows, payload = {}, [], {"stale_articles": stale}
    for split in ("dev", "test"):
        for registry in REGISTRIES:
            written = evaluate_news(predictions[registry], gold, articles, split=split, annotated=annotated)
            by_registry = evaluate_news(predictions[registry], gold, articles, canonical=canonical, split=split,
                                        annotated=annotated)
            results[split, registry] = (written, by_registry)
            payload.setdefault(split, {})[registry] = {"written": news_metrics_json(written),
                                                       "registry": news_metrics_json(by_registry)}
            present = [s for s in SOURCES if metric(written, "n_gold", "source", s) is not None]
            rows += [news_row(split, registry, source, written, by_registry) for source in ["all", *present]]

    test = results["test", "default"][1]
    dev = results["dev", "default"][1]
    lines = ["Issue 12 targets on the test split (default registry, speakers as registry actors, coverage >= 0.3):"]
    targets = []
    for label, column, (by, group), goal in TARGETS:
        value = metric(test, column, by, group)
        met = value is not None and value >= goal
        targets.append({"target": label, "goal": goal, "value": value, "met": met})
        lines.append(f"  {label:<26} {_pct(value):>6}  (target >= {100 * goal:.0f})  {'met' if met else 'not met'}")
    seed = dev["seed"]
    seed_met = bool(seed) and seed["found"] == seed["attributed"] == seed["n_gold"]
    lines.append(f"  seed (a dev article): {seed.get('found')} of {seed.get('n_gold')} found, {seed.get('attributed')} "
                 f"attributed  {'met' if seed_met else 'not met'}")
    gap = {}
    for compare, k in (("written", 0), ("registry", 1)):
        default_f1 = metric(results["dev", "default"][k], "pair_f1")
        empty_f1 = metric(results["dev", "empty"][k], "pair_f1")
        gap[compare] = {"default": default_f1, "empty": empty_f1, "gap": default_f1 - empty_f1}
    lines.append("")
    lines.append(f"Default vs empty registry, pair F1 on dev at 0.3 (target: the empty registry costs <= "
                 f"{MAX_EMPTY_REGISTRY_COST:.2f}):")
    for compare, g in gap.items():
        label = "speakers as registry actors" if compare == "registry" else "speakers as written"
        verdict = "met" if g["gap"] <= MAX_EMPTY_REGISTRY_COST else "not met"
        lines.append(f"  {label:<28} default {g['default']:.3f}, empty {g['empty']:.3f}, gap {g['gap']:+.3f}  {verdict}")

    kinds = {f"{split}_{registry}": speaker_kind_agreement(results[split, registry][1])
             for split in ("dev", "test") for registry in REGISTRIES}
    for key in [k for k in kinds if k.startswith("test")]:
        kinds[key].pop("confusion")  # test: the share only, never which statements differ
    lines.append("")
    lines.append("speaker_kind agreement with the gold, matched statements at coverage >= 0.3 (gold kinds: person, "
                 "organisation, state, news_agency, unnamed, document):")
    for key, k in kinds.items():
        lines.append(f"  {key.replace('_', ', '):<16} {k['agree']} of {k['n']} ({_pct(k['share'])})")

    coref = load_coreference(coref_path)
    checked = check_statements(predictions["default"], coref, articles)
    reference = check_statements(gold, coref, articles)
    lines += ["", format_coref_summary(summarise(checked), "Pronoun and role-noun speakers checked against GUM "
                                                          "coreference (extractor, default registry):"),
              format_coref_summary(summarise(reference), "The same check on the news gold's own speakers "
                                                         "(annotators vs GUM):")]
    payload.update(targets=targets, seed=seed, empty_registry_gap_dev=gap, speaker_kind_agreement=kinds,
                   coreference={"extractor": summary_json(summarise(checked)),
                                "gold": summary_json(summarise(reference))})
    details = []
    for split in ("dev", "test"):
        for k, how in ((1, "speakers as registry actors"), (0, "speakers as written")):
            details.append(format_news_report(results[split, "default"][k],
                                              title=f"News gold {split}, default registry, {how}"))
    return "\n".join(lines) + "\n", payload, rows, "\n".join(details)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--predictions", default=None,
                        help="score this statements table on the excerpt gold instead of running the extractor "
                             "(only the excerpt gold: statements.txt/.json, and the news gold is not run)")
    parser.add_argument("--out-dir", default=str(OUT_DIR), help="where statements*.txt/.json go")
    parser.add_argument("--actors", default=str(default_registry_path()),
                        help="actor registry for the registry-canonical speaker comparison")
    parser.add_argument("--coreference", default=str(COREF_PATH), help="GUM coreference file")
    args = parser.parse_args(argv)

    actors_path = _project_path(args.actors)
    if args.predictions:
        predictions_path = args.predictions
    else:
        # the registry named: `quotelens extract` has none by default
        run_extractor(ARTICLES_PATH, PREDICTIONS_PATH, actors=actors_path)
        predictions_path = PREDICTIONS_PATH
    canonical = registry_canonical(load_registry(actors_path))
    excerpt_text, excerpt_payload, excerpt_rows = excerpt_gold(predictions_path, actors_path, canonical)
    out_dir = _project_path(args.out_dir)
    write_text(f"{out_dir}/statements.txt", excerpt_text)
    write_text(f"{out_dir}/statements.json", json.dumps(excerpt_payload, indent=1, ensure_ascii=False) + "\n")
    if args.predictions:
        sys.stdout.write(excerpt_text)
        return 0

    news_predictions = {}
    write_text(EMPTY_REGISTRY_PATH, "# no actors: the extractor's behaviour without a registry\nactors: []\n")
    for registry, actors in (("default", actors_path), ("empty", EMPTY_REGISTRY_PATH)):
        path = PROCESSED_DIR / "evaluation" / f"news_predictions_{registry}.jsonl"
        run_extractor(NEWS_ARTICLES_PATH, path, actors=actors)
        news_predictions[registry] = read_table(path)
    checks, news_payload, news_rows, details = news_gold(news_predictions, canonical, _project_path(args.coreference))

    rows = news_rows + excerpt_rows
    stale = news_payload["stale_articles"]
    news_text = (f"Statement extraction on the news gold ({relative(NEWS_GOLD_PATH)}) and the excerpt gold "
                 f"({relative(GOLD_PATH)}).\n"
                 "quote F1 at coverage >= 0.3 and >= 0.8; pair F1 at 0.3, speakers as written and as registry\n"
                 f"actors ({relative(actors_path)}); attr = attribution accuracy, pronoun and role noun = the\n"
                 "same among gold statements with such a mention (n = matched), all at 0.3, as registry actors.\n"
                 "registry: the extractor's registry, default or empty (`actors: []`).\n"
                 + (f"Left out: {len(stale)} annotated article(s) not yet in statements.jsonl.\n" if stale else "")
                 + "\n" + format_summary(rows) + "\n" + checks + "\n" + details)
    sys.stdout.write(news_text + "\n" + excerpt_text)
    write_text(f"{out_dir}/statements_news.txt", news_text)
    news_payload = {"gold": relative(NEWS_GOLD_PATH), "articles": relative(NEWS_ARTICLES_PATH),
                    "coreference_file": relative(_project_path(args.coreference)), "actors": relative(actors_path),
                    "summary": rows, **news_payload}
    write_text(f"{out_dir}/statements_news.json", json.dumps(news_payload, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
