"""Choose the target-sentiment model's word budget and regularisation on NewsMTSC train.jsonl only
(quotelens.sentiment.targets). Devtest is never read.

Validation: grouped 5-fold cross-validation by article (`targets.article_key`), nested for the
sentence tone: in each outer fold the training part's tones are out of fold within it and the
held-out part's tones come from sentence models (headline, n-gram) fitted on the whole training part, exactly as
the shipped model is built and then used. Leave one source out (AllSides / POLUSA) is printed for
the chosen setting as a check on news from another collection.

Criterion: held-out macro-F1 per target (the issue's measure); also on targets of sentences with
more than one target, and accuracy. Rule: the simplest setting (fewest words, then smallest C)
whose mean macro-F1 is within one standard error of the best mean (spread over the 5 folds).
Calibration of the chosen setting: for each class, held-out targets binned by predicted
probability (10 bins), the mean |predicted - observed| weighted by bin size (expected
calibration error), and the mean score per gold label.

    .venv/bin/python scripts/tune_target_sentiment.py
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupKFold

from quotelens.sentiment import constrained, model, targets
from quotelens.sentiment.newsmtsc import load_newsmtsc, macro_f1

N_WORDS_GRID = (0, 300, 1000, 2000, 4000)
C_GRID = (0.03, 0.1, 0.3)


def fold_features(rows: pd.DataFrame, train: np.ndarray, held: np.ndarray):
    """Features of one outer fold: training part with out-of-fold tones inside it, held-out
    part with tones from sentence models (headline, n-gram) fitted on the whole training part."""
    part = rows.iloc[train]
    groups = part["sentence_id"].map(targets.article_key).to_numpy()
    train_tones = targets.out_of_fold_tones(part["sentence"], part["label"], groups)
    headline = constrained.fit(constrained.TextParts.of(part["sentence"].tolist()), part["label"].to_numpy())
    ngram_model = model.fit("ngram", part["sentence"].tolist(), part["label"].to_numpy())
    held_rows = rows.iloc[held]
    held_tones = targets.sentence_tones(held_rows["sentence"], headline, ngram_model)
    a = targets.target_features_of(part["sentence"], part["start"], part["end"], train_tones)
    b = targets.target_features_of(held_rows["sentence"], held_rows["start"], held_rows["end"], held_tones)
    return a, b


def expected_calibration_error(p: np.ndarray, hit: np.ndarray, bins: int = 10) -> float:
    """Mean |mean predicted - observed frequency| over probability bins, weighted by bin size."""
    edges = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        inside = edges == b
        if inside.any():
            total += inside.sum() * abs(p[inside].mean() - hit[inside].mean())
    return total / len(p)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.parse_args(argv)
    rows = load_newsmtsc(model.train_path_default()).reset_index(drop=True)
    labels = rows["label"].to_numpy()
    articles = rows["sentence_id"].map(targets.article_key).to_numpy()
    several = rows.groupby("line")["line"].transform("size").to_numpy() > 1
    folds = list(GroupKFold(n_splits=5).split(rows, labels, groups=articles))
    features = [fold_features(rows, tr, te) for tr, te in folds]
    results = []
    for n_words in N_WORDS_GRID:
        for C in C_GRID:
            f1s, predicted = [], np.zeros(len(rows), dtype=int)
            for (tr, te), ((d_tr, w_tr), (d_te, w_te)) in zip(folds, features):
                fitted = targets.fit_features(d_tr, w_tr, labels[tr], n_words, C)
                p = fitted.probabilities(d_te, w_te)
                predicted[te] = np.asarray(targets.CLASSES)[p.argmax(axis=1)]
                f1s.append(macro_f1(labels[te], predicted[te]))
            results.append({"n_words": n_words, "C": C, "f1_mean": float(np.mean(f1s)),
                            "f1_se": float(np.std(f1s, ddof=1) / np.sqrt(len(f1s))),
                            "f1_pooled": macro_f1(labels, predicted),
                            "f1_several_targets": macro_f1(labels[several], predicted[several]),
                            "accuracy": float(np.mean(predicted == labels))})
            print(f"words {n_words:>5} C {C:<5} macro-F1 {results[-1]['f1_mean']:.4f} +- {results[-1]['f1_se']:.4f} "
                  f"(pooled {results[-1]['f1_pooled']:.4f}, several targets {results[-1]['f1_several_targets']:.4f}, "
                  f"accuracy {results[-1]['accuracy']:.4f})")
    table = pd.DataFrame(results)
    best = table.loc[table["f1_mean"].idxmax()]
    eligible = table[table["f1_mean"] >= best["f1_mean"] - best["f1_se"]]
    chosen = eligible.sort_values(["n_words", "C"], kind="mergesort").iloc[0]
    print(f"best: {int(best['n_words'])} words, C {best['C']} ({best['f1_mean']:.4f} +- {best['f1_se']:.4f}); "
          f"chosen by the one-standard-error rule: {int(chosen['n_words'])} words, C {chosen['C']} "
          f"({chosen['f1_mean']:.4f})")
    n_words, C = int(chosen["n_words"]), float(chosen["C"])
    probabilities = np.zeros((len(rows), 3))
    for (tr, te), ((d_tr, w_tr), (d_te, w_te)) in zip(folds, features):
        probabilities[te] = targets.fit_features(d_tr, w_tr, labels[tr], n_words, C).probabilities(d_te, w_te)
    for k, name in enumerate(("negative", "neutral", "positive")):
        ece = expected_calibration_error(probabilities[:, k], labels == targets.CLASSES[k])
        print(f"calibration, P({name}): expected calibration error {ece:.3f}; mean P {probabilities[:, k].mean():.3f}, "
              f"share {np.mean(labels == targets.CLASSES[k]):.3f}")
    score = probabilities[:, 2] - probabilities[:, 0]
    print("mean held-out score by gold label: " + ", ".join(f"{c:+d}: {score[labels == c].mean():+.3f}" for c in targets.CLASSES))
    source = rows["sentence_id"].str.split("_").str[0].to_numpy()
    for name in sorted(set(source)):
        tr, te = np.flatnonzero(source != name), np.flatnonzero(source == name)
        (d_tr, w_tr), (d_te, w_te) = fold_features(rows, tr, te)
        p = targets.fit_features(d_tr, w_tr, labels[tr], n_words, C).probabilities(d_te, w_te)
        predicted = np.asarray(targets.CLASSES)[p.argmax(axis=1)]
        print(f"leave one source out: held out {name} ({len(te)} targets): macro-F1 {macro_f1(labels[te], predicted):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
