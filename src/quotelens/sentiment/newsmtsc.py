"""NewsMTSC (Hamborg & Donnay, EACL 2021) as tables: one row per (sentence, target).

Polarity codes 2.0 / 4.0 / 6.0 mean negative / neutral / positive sentiment *towards the target
mention*. Our methods score whole sentences, so each target row carries its sentence's text and
we compare the sentence score with the target's label (see README, section Sentiment).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

POLARITY_TO_LABEL = {2.0: -1, 4.0: 0, 6.0: 1}
LABELS = (-1, 0, 1)  # negative, neutral, positive


def load_newsmtsc(path: str | Path) -> pd.DataFrame:
    """Read a NewsMTSC jsonl file into rows: sentence_id (the file's primary_gid), line
    (1-based), sentence, target, start and end (the target's character offsets in the
    sentence, sentence[start:end] == target), polarity (2/4/6), label (-1/0/1). Raises
    ValueError naming the file and line of any malformed record."""
    path = Path(path)
    rows = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                sentence = record["sentence_normalized"]
                targets = record["targets"]
                sentence_id = record.get("primary_gid", f"line{lineno}")
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{lineno}: not a NewsMTSC record ({exc})") from None
            if not isinstance(sentence, str) or not targets:
                raise ValueError(f"{path}:{lineno}: empty sentence or no targets")
            for target in targets:
                polarity = target.get("polarity")
                if polarity not in POLARITY_TO_LABEL:
                    raise ValueError(f"{path}:{lineno}: polarity {polarity!r} is not one of 2, 4, 6")
                start, end = target.get("from"), target.get("to")
                if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(sentence)):
                    raise ValueError(f"{path}:{lineno}: target offsets from={start!r} to={end!r} are not inside the sentence")
                rows.append(
                    {
                        "sentence_id": sentence_id,
                        "line": lineno,
                        "sentence": sentence,
                        "target": target.get("mention", ""),
                        "start": start,
                        "end": end,
                        "polarity": float(polarity),
                        "label": POLARITY_TO_LABEL[polarity],
                    }
                )
    if not rows:
        raise ValueError(f"{path}: no records")
    return pd.DataFrame(rows)


def sentence_labels(targets: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence whose targets all carry the same label (the sentence's label is then
    unambiguous); sentences whose targets disagree are left out. Columns sentence_id, line,
    sentence, label, n_targets."""
    grouped = targets.groupby("line", sort=True)
    agree = grouped["label"].nunique() == 1
    first = grouped.first()[["sentence_id", "sentence", "label"]]
    first["n_targets"] = grouped.size()
    out = first[agree].reset_index()
    return out[["sentence_id", "line", "sentence", "label", "n_targets"]]


def macro_f1(truth, predicted) -> float:
    """Macro-averaged F1 over the three classes -1, 0, 1 (0-1)."""
    from sklearn.metrics import f1_score

    return float(f1_score(np.asarray(truth), np.asarray(predicted), labels=list(LABELS), average="macro", zero_division=0))
