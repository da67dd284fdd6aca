"""Evaluate every sentiment method on the NewsMTSC devtest files and write
docs/evaluation/sentiment.json (read by the report notebook) and sentiment.txt (for humans).

    .venv/bin/python scripts/evaluate_sentiment.py [--out docs/evaluation]

Deterministic: the models are trained on NewsMTSC train.jsonl only (devtest is never seen), so
the same inputs give byte-identical outputs.
"""

from __future__ import annotations

import argparse
import json

from quotelens import config
from quotelens.sentiment import evaluation
from quotelens.sentiment.model import MODEL_VERSION, REGULARISATION_C
from quotelens.tables import write_text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default="docs/evaluation", help="output folder, relative to the project root")
    args = parser.parse_args(argv)
    out = config.resolve(args.out)
    results = evaluation.evaluate()
    results["macro_f1"] = results["macro_f1"].round(4)
    results["accuracy"] = results["accuracy"].round(4)
    payload = {
        "dataset": "NewsMTSC devtest (Hamborg and Donnay, EACL 2021)",
        "training": f"train.jsonl only; logistic regression C {REGULARISATION_C}, model version {MODEL_VERSION}",
        "units": {
            "target": "one row per (sentence, target); gold is the target's polarity, prediction the sentence's label",
            "sentence": "sentences whose targets all share one polarity",
        },
        "label_rule": "lexicon methods: |score| < 0.05 neutral; trained models: most probable class",
        "results": results.to_dict(orient="records"),
    }
    write_text(out / "sentiment.json", json.dumps(payload, indent=1, sort_keys=True) + "\n")
    lines = ["Sentiment methods on NewsMTSC devtest: macro-F1 (0-1)", ""]
    for unit in ("target", "sentence"):
        for masking in ("unmasked", "masked"):
            table = evaluation.headline_table(results, unit, masking)
            n = results[(results["unit"] == unit)].groupby("file")["n"].first()
            lines.append(f"unit: {unit}, topic words {masking}; n per file: " + ", ".join(f"{f} {v}" for f, v in n.items()))
            lines.append(table.to_string(float_format=lambda v: f"{v:.3f}"))
            lines.append("")
    write_text(out / "sentiment.txt", "\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
