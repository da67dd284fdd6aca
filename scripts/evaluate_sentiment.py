"""Evaluate every sentiment method on the NewsMTSC devtest files and, out of domain, on three sets
of sentences rated by 20 people (tweets, movie and product reviews; data/raw/vader-ratings), and
write docs/evaluation/sentiment.json (read by the report notebook), sentiment.txt and sentiment.md.
The sentiment towards each target (quotelens.sentiment.targets, issue 15 item 2) has its own row of
the one table (NewsMTSC per-target columns only: it scores targets, not sentences or ratings) and
its rows in sentiment.json under `target_results` (also on the targets of mixed sentences).

    .venv/bin/python scripts/evaluate_sentiment.py [--out docs/evaluation]

Deterministic: the models are trained on NewsMTSC train.jsonl only (devtest and the rated sets are
never seen, and no setting was chosen on them), so the same inputs give byte-identical outputs.
"""

from __future__ import annotations

import argparse
import json

import pandas as pd

from quotelens import config
from quotelens.sentiment import constrained, evaluation, ratings, target_evaluation, targets
from quotelens.sentiment.model import MODEL_VERSION, REGULARISATION_C

ROWS = {  # method -> row label, in table order
    target_evaluation.TARGET_METHOD: "sentiment towards each target (`target_sentiment`)",
    "ensemble": "headline (`sentiment`, constrained ensemble)",
    "ensemble_old": "ensemble before issue 15 (model v3)",
    "vader": "VADER (NLTK)",
    "vader_package": "VADER (vaderSentiment)",
    "afinn": "AFINN",
    ratings.LEXICON_MEAN: "mean of standardised lexicons (VADER, AFINN)",
    "ngram": "n-gram model alone",
}
BASELINES = ("vader", "vader_package", ratings.LEXICON_MEAN)  # what the headline must beat


def one_table(newsmtsc: pd.DataFrame, rated: pd.DataFrame, target_rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """Methods (rows) by measure (columns): Pearson r on each rated set; NewsMTSC macro-F1 and
    accuracy per target, macro-F1 and Pearson r per sentence, on each devtest file (unmasked).
    `target_rows` (target_evaluation.evaluate) add the target model's per-target row; its other
    cells are empty (NaN)."""
    table = rated.pivot(index="method", columns="set", values="pearson_r")[list(ratings.RATING_FILES)]
    table.columns = [f"{c} r" for c in table.columns]
    news = newsmtsc[newsmtsc["masking"] == "unmasked"]
    if target_rows is not None:
        news = pd.concat([news, target_rows[target_rows["unit"] == "target"]], ignore_index=True)
        table = table.reindex(list(table.index) + [target_evaluation.TARGET_METHOD])
    for unit, measure, label in (("target", "macro_f1", "F1 target"), ("target", "accuracy", "accuracy target"),
                                 ("sentence", "macro_f1", "F1 sentence"), ("sentence", "pearson_r", "r sentence")):
        for file in evaluation.DEVTEST_FILES:
            part = news[(news["unit"] == unit) & (news["file"] == file)].set_index("method")[measure]
            table[f"{file.split('_')[1].split('.')[0]} {label}"] = part
    table = table.reindex([m for m in ROWS if m in table.index])
    table.index = [ROWS[m] for m in table.index]
    return table


def bar_check(newsmtsc: pd.DataFrame, rated: pd.DataFrame) -> dict:
    """For every rated set and devtest measure: does the headline beat each baseline?"""
    checks = {}
    for name, part in rated.groupby("set", sort=False):
        by = part.set_index("method")["pearson_r"]
        checks[name] = {b: bool(by["ensemble"] > by[b]) for b in BASELINES}
    news = newsmtsc[newsmtsc["masking"] == "unmasked"]
    for (file, unit), part in news.groupby(["file", "unit"], sort=True):
        by = part.set_index("method")
        for measure in ("macro_f1", "pearson_r"):
            checks[f"{file} {unit} {measure}"] = {b: bool(by.loc["ensemble", measure] > by.loc[b, measure]) for b in BASELINES}
    return checks


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default="docs/evaluation", help="output folder, relative to the project root")
    args = parser.parse_args(argv)
    out = config.resolve(args.out)
    results = evaluation.evaluate()
    target_results = target_evaluation.evaluate()
    rated = ratings.correlations()
    table = one_table(results, rated, target_results)
    checks = bar_check(results, rated)
    for frame, cols in ((results, ("macro_f1", "accuracy", "pearson_r")), (target_results, ("macro_f1", "accuracy", "pearson_r")),
                        (rated, ("pearson_r",))):
        for col in cols:
            frame[col] = frame[col].round(4)
    payload = {
        "dataset": "NewsMTSC devtest (Hamborg and Donnay, EACL 2021); out of domain: Hutto and Gilbert 2014 rated sets",
        "training": (f"NewsMTSC train.jsonl only; model version {MODEL_VERSION}; headline: {constrained.N_NGRAMS} "
                     f"content n-grams, C {constrained.REGULARISATION_C}; n-gram model C {REGULARISATION_C}; "
                     f"target model version {targets.MODEL_VERSION}: {targets.N_WORDS} window words, C {targets.REGULARISATION_C}"),
        "units": {
            "target": "one row per (sentence, target); gold is the target's polarity, prediction the sentence's label "
                      "(the target model: its label for that target)",
            "target, mixed sentences": "targets of sentences whose targets carry different polarities (target_results)",
            "sentence": "sentences whose targets all share one polarity",
            "ratings": "Pearson r of the score with the mean of 20 human ratings (-4..4), topic words not masked",
        },
        "label_rule": "lexicon methods: |score| < 0.05 neutral; trained models: most probable class",
        # Empty cells (the target model has no rated-set or sentence score) as null, valid JSON.
        "table": [{k: (None if isinstance(v, float) and v != v else v) for k, v in record.items()}
                  for record in table.round(4).rename_axis("method").reset_index().to_dict(orient="records")],
        "results": results.to_dict(orient="records"),
        "target_results": target_results.to_dict(orient="records"),
        "ratings": rated.to_dict(orient="records"),
        "headline_beats": checks,
    }
    config.resolve(out).mkdir(parents=True, exist_ok=True)
    from quotelens.tables import write_text

    write_text(out / "sentiment.json", json.dumps(payload, indent=1, sort_keys=True) + "\n")
    n_rated = rated.groupby("set", sort=False)["n"].first()
    head = ["Sentiment methods: Pearson r with the mean human rating on three rated sets that are not news "
            "(" + ", ".join(f"{s} n={v}" for s, v in n_rated.items()) + "), and on NewsMTSC devtest (mt, rw) macro-F1 "
            "and accuracy per target, macro-F1 per sentence and Pearson r with the sentence label; topic words unmasked. "
            "The target model scores each target, so only its per-target cells are filled.", ""]
    text = table.to_string(float_format=lambda v: f"{v:.3f}", na_rep="")
    failed = [f"{k} vs {b}" for k, v in checks.items() for b, ok in v.items() if not ok]
    verdict = ["", "headline beats VADER (both ports) and the standardised-lexicon mean on every set and measure: "
               + ("yes" if not failed else "no; not on " + "; ".join(failed))]
    lines = head + [text] + verdict + ["", "Masked NewsMTSC results and accuracy: sentiment.json (results); "
                                       "the target model on targets of mixed sentences: sentiment.json (target_results)."]
    write_text(out / "sentiment.txt", "\n".join(lines) + "\n")
    md = ["| method | " + " | ".join(table.columns) + " |", "|---" * (len(table.columns) + 1) + "|"]
    md += [f"| {idx} | " + " | ".join("" if pd.isna(v) else f"{v:.3f}" for v in row) + " |" for idx, row in table.iterrows()]
    write_text(out / "sentiment.md", "\n".join(head + md + verdict) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
