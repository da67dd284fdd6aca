"""Out-of-domain check of the sentiment scores: Pearson r with the mean of 20 people's ratings on
three sets that are not news (Hutto and Gilbert 2014: tweets, movie-review and product-review
snippets; data/raw/vader-ratings). Checking only: nothing is ever fitted or tuned on them.

The baseline the headline must beat besides VADER alone is the mean of standardised lexicon
scores (each lexicon's scores z-scored within the set, then averaged), which needs the set's own
mean and spread; the headline uses no statistic of the scored set.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from quotelens import config
from quotelens.sentiment.masking import TopicMask
from quotelens.sentiment.scoring import Scorer

RATINGS_DIR = config.RAW_DIR / "vader-ratings"
RATING_FILES = {
    "tweets": "tweets_GroundTruth.txt",
    "movie": "movieReviewSnippets_GroundTruth.txt",
    "amazon": "amazonReviewSnippets_GroundTruth.txt",
}
LEXICON_MEAN = "lexicon_mean"  # the mean of standardised lexicon scores, a method of its own
CHECK_METHODS = ("ensemble", "ensemble_old", "vader", "vader_package", "afinn", "ngram")


def load_ratings(name: str, folder: Path | None = None) -> pd.DataFrame:
    """One rated set as rows id, rating (mean human rating, -4..4), text."""
    path = Path(folder or RATINGS_DIR) / RATING_FILES[name]
    rows = []
    for lineno, line in enumerate(path.read_bytes().decode("utf-8").splitlines(), start=1):
        parts = line.rstrip("\r").split("\t")
        if not line.strip():
            continue
        if len(parts) < 3:
            raise ValueError(f"{path}:{lineno}: expected id<TAB>rating<TAB>text")
        rows.append((parts[0], float(parts[1]), "\t".join(parts[2:])))
    return pd.DataFrame(rows, columns=["id", "rating", "text"])


def standardised_mean(scores: pd.DataFrame, columns) -> np.ndarray:
    """The mean over `columns` of each column's z-scores within `scores` (unitless)."""
    z = [(scores[c] - scores[c].mean()) / scores[c].std(ddof=0) for c in columns]
    return np.asarray(sum(z) / len(z), dtype=float)


def lexicon_columns(scorer: Scorer) -> list[str]:
    """The lexicon scores the standardised mean averages: VADER (NLTK), AFINN, each dictionary."""
    return ["vader", "afinn"] + [f"dict_{d.name}" for d in scorer.dictionaries]


def correlations(scorer: Scorer | None = None, folder: Path | None = None, sets=tuple(RATING_FILES)) -> pd.DataFrame:
    """Rows: set, method (each of the scorer's columns and LEXICON_MEAN), n (texts), pearson_r
    (with the mean human rating). Topic words are not masked: none of these sets is about war."""
    scorer = scorer or Scorer(methods=CHECK_METHODS, mask=TopicMask("none", ()))
    rows = []
    for name in sets:
        data = load_ratings(name, folder)
        scored = scorer.score_texts(data["text"].tolist())
        scored[LEXICON_MEAN] = standardised_mean(scored, lexicon_columns(scorer))
        for method in scorer.method_columns + [LEXICON_MEAN]:
            r = float(np.corrcoef(scored[method], data["rating"])[0, 1])
            rows.append({"set": name, "method": method, "n": len(data), "pearson_r": r})
    return pd.DataFrame(rows)
