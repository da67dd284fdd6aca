"""Macro-F1 of the target-sentiment model (quotelens.sentiment.targets) on the NewsMTSC devtest
files, beside the headline's sentence label given to every target of the sentence.

Units (rows of `evaluate_file`):
- `target`: every (sentence, target) pair, as in quotelens.sentiment.evaluation, so the numbers
  compare directly with the sentence-level methods' per-target rows there;
- `target, mixed sentences`: only the targets of sentences whose targets carry different labels,
  where a sentence-level score cannot be right on all of them.
Measures: macro-F1 and accuracy (0-1) of the most probable class, and Pearson r of the score
(-1..1) with the gold label (-1/0/1).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from quotelens import config
from quotelens.sentiment import model as sentence_models
from quotelens.sentiment import targets
from quotelens.sentiment.evaluation import DEVTEST_FILES
from quotelens.sentiment.newsmtsc import load_newsmtsc, macro_f1

TARGET_METHOD = "target"
HEADLINE_METHOD = "ensemble"  # the headline's name in quotelens.sentiment.evaluation


def _row(file: str, unit: str, method: str, truth: np.ndarray, predicted: np.ndarray, score: np.ndarray) -> dict:
    r = float(np.corrcoef(score, truth)[0, 1]) if len(truth) > 1 and np.std(score) > 0 else float("nan")
    return {"file": file, "unit": unit, "masking": "unmasked", "method": method, "n": int(len(truth)),
            "macro_f1": macro_f1(truth, predicted), "accuracy": float(np.mean(truth == predicted)), "pearson_r": r}


def evaluate_file(path: Path, model: targets.TargetModel | None = None, headline=None) -> pd.DataFrame:
    """Rows: file, unit, masking ("unmasked"), method (`target` or the headline `ensemble`), n,
    macro_f1, accuracy, pearson_r; see the module doc."""
    rows = load_newsmtsc(path)
    headline = headline or sentence_models.load_headline()
    scored = targets.score_targets(rows["sentence"], rows["start"], rows["end"], model=model, headline=headline)
    truth = rows["label"].to_numpy()
    mixed = (rows.groupby("line")["label"].transform("nunique") > 1).to_numpy()
    sentence_score = headline.score(scored["tone"].to_numpy())
    sentence_label = headline.labels(scored["tone"].to_numpy())
    out = []
    for unit, keep in (("target", np.ones(len(rows), dtype=bool)), ("target, mixed sentences", mixed)):
        out.append(_row(path.name, unit, TARGET_METHOD, truth[keep], scored["label"].to_numpy()[keep],
                        scored["score"].to_numpy()[keep]))
        if unit != "target":  # the headline's whole-file rows are in quotelens.sentiment.evaluation
            out.append(_row(path.name, unit, HEADLINE_METHOD, truth[keep], sentence_label[keep], sentence_score[keep]))
    return pd.DataFrame(out)


def evaluate(folder: Path | None = None, files=DEVTEST_FILES) -> pd.DataFrame:
    """`evaluate_file` for each devtest file (default: quotelens.config.NEWSMTSC_DIR)."""
    folder = Path(folder or config.NEWSMTSC_DIR)
    return pd.concat([evaluate_file(folder / f) for f in files], ignore_index=True)
