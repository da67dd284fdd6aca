"""Macro-F1 of every method on the NewsMTSC devtest files, masked and unmasked.

Two units of evaluation, both reported:
- `target`: every (sentence, target) pair of the file, the gold label being the target's
  polarity and the prediction the sentence's label. Comparable in unit with NewsMTSC's own
  per-target F1m, although our methods ignore which target is meant (so on devtest_mt, where
  one sentence holds targets of different polarity, no sentence-level method can be right on all).
- `sentence`: sentences whose targets all share one label (an unambiguous sentence label).

Labels from scores: VADER's convention (|score| < 0.05 neutral) for lexicon methods; the most
probable class for the trained models. `lexicon_mean` (the baseline of issue 15) is the mean of
the standardised lexicon scores (VADER, AFINN, each dictionary; z-scored within the evaluated
rows) for Pearson r, and VADER's convention on the plain mean of those scores for labels (a
z-score has no neutral band).

Besides macro-F1 and accuracy, `pearson_r` is the correlation of each method's score with the gold
label (-1/0/1), a continuous measure comparable with the out-of-domain check (ratings.py).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from quotelens import config
from quotelens.sentiment.masking import DEFAULT_TOPIC_WORDS, load_topic_words
from quotelens.sentiment.newsmtsc import load_newsmtsc, macro_f1, sentence_labels
from quotelens.sentiment.ratings import LEXICON_MEAN, lexicon_columns, standardised_mean
from quotelens.sentiment.scoring import Scorer, label_from_score

DEVTEST_FILES = ("devtest_mt.jsonl", "devtest_rw.jsonl")
MODEL_METHODS = ("ngram", "ensemble", "ensemble_old")


def _labels(scored: pd.DataFrame, method: str) -> np.ndarray:
    if method in MODEL_METHODS or method == LEXICON_MEAN:
        return scored[f"label_{method}"].to_numpy()
    return label_from_score(scored[method].to_numpy())


def evaluate_file(path: Path, scorer: Scorer) -> pd.DataFrame:
    """Rows: file, unit (target/sentence), masking (masked/unmasked), method, n (rows scored),
    macro_f1 (0-1), accuracy (0-1), pearson_r (score with gold label)."""
    targets = load_newsmtsc(path)
    sentences = sentence_labels(targets)
    unique = sorted(set(targets["sentence"]))
    masked = {t: scorer.mask.apply(t)[0] for t in unique}
    texts = sorted(set(unique) | set(masked.values()))
    scored = scorer.score_texts(texts)
    scored.index = texts
    methods = scorer.method_columns
    rows = []
    for masking in ("unmasked", "masked"):
        for unit, table in (("target", targets), ("sentence", sentences)):
            keys = table["sentence"] if masking == "unmasked" else table["sentence"].map(masked)
            part = scored.loc[keys.tolist()].copy()
            truth = table["label"].to_numpy()
            lexical = lexicon_columns(scorer)
            part[LEXICON_MEAN] = standardised_mean(part, lexical)
            part[f"label_{LEXICON_MEAN}"] = label_from_score(part[lexical].mean(axis=1).to_numpy())
            for method in methods + [LEXICON_MEAN]:
                predicted = _labels(part, method)
                rows.append(
                    {
                        "file": path.name,
                        "unit": unit,
                        "masking": masking,
                        "method": method,
                        "n": len(table),
                        "macro_f1": macro_f1(truth, predicted),
                        "accuracy": float(np.mean(truth == predicted)),
                        "pearson_r": float(np.corrcoef(part[method].to_numpy(dtype=float), truth)[0, 1]),
                    }
                )
    return pd.DataFrame(rows)


def evaluate(scorer: Scorer | None = None, folder: Path | None = None, files=DEVTEST_FILES) -> pd.DataFrame:
    """`evaluate_file` for each devtest file (default: quotelens.config.NEWSMTSC_DIR)."""
    # the "masked" rows use the conflict list, named: the Scorer's own default masks nothing
    scorer = scorer or Scorer(methods=("vader", "vader_package", "afinn", "ngram", "ensemble", "ensemble_old"),
                              mask=load_topic_words(DEFAULT_TOPIC_WORDS))
    folder = Path(folder or config.NEWSMTSC_DIR)
    return pd.concat([evaluate_file(folder / f, scorer) for f in files], ignore_index=True)


def headline_table(results: pd.DataFrame, unit: str = "target", masking: str = "unmasked") -> pd.DataFrame:
    """Macro-F1 per method (rows) and file (columns) for one unit and masking."""
    part = results[(results["unit"] == unit) & (results["masking"] == masking)]
    table = part.pivot(index="method", columns="file", values="macro_f1")
    order = [m for m in dict.fromkeys(results["method"]) if m in table.index]
    return table.reindex(order)
