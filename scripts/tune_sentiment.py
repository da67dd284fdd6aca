"""Choose the regularisation C of the sentiment models by 5-fold cross-validation on NewsMTSC
train.jsonl only (folds grouped by sentence, so one sentence's targets never straddle folds).
Prints mean macro-F1 (0-1) per C for the ensemble; devtest is never read.

    .venv/bin/python scripts/tune_sentiment.py
"""

from __future__ import annotations

import numpy as np
from sklearn.model_selection import GroupKFold

from quotelens.sentiment import model
from quotelens.sentiment.newsmtsc import load_newsmtsc, macro_f1

C_GRID = (0.5, 1.0, 2.0)


def main() -> int:
    rows = load_newsmtsc(model.train_path_default())
    texts = rows["sentence"].tolist()
    labels = rows["label"].to_numpy()
    folds = list(GroupKFold(n_splits=5).split(texts, labels, groups=rows["line"]))
    for C in C_GRID:
        scores = []
        for train_idx, test_idx in folds:
            fitted = model.fit("ensemble", [texts[i] for i in train_idx], labels[train_idx], C=C)
            proba = fitted.probabilities([texts[i] for i in test_idx])
            predicted = fitted.classifier.classes_[proba.argmax(axis=1)]
            scores.append(macro_f1(labels[test_idx], predicted))
        print(f"C {C:<4} macro-F1 per fold {np.round(scores, 3).tolist()} mean {np.mean(scores):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
