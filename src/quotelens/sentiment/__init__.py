"""Sentiment of statements: several offline methods, topic-word masking, evidence words, and
per-actor estimates with honest uncertainty.

Modules: `lexicons` (AFINN, VADER words, researchers' dictionaries), `masking` (topic words),
`model` (classifiers trained on NewsMTSC), `scoring` (the Scorer and `score_table`),
`estimates` (cluster bootstrap, Wilson intervals, per-actor tables), `newsmtsc` (evaluation
data), `evaluation` (macro-F1 on NewsMTSC), `plots` (the notebook's figures); `targets`,
`target_features`, `char_tone` and `target_evaluation` (the sentiment towards each actor a
sentence names).
"""

from quotelens.sentiment.scoring import DEFAULT_METHODS, Scorer, score_table, scorer_from_options

__all__ = ["DEFAULT_METHODS", "Scorer", "score_table", "scorer_from_options"]
