"""Scoring texts with several sentiment methods, masked and unmasked, with evidence words.

Methods (every score on [-1, 1], negative to positive):
- `vader`: VADER's compound score through NLTK's port (nltk.sentiment.vader), the baseline most
  researchers cite; lexicon from the pinned vaderSentiment package (quotelens.sentiment.resources). NLTK's
  port counts "no" as a negative word even where it only negates ("No breakthrough, no
  breakdown, no one walking out": -0.68), where vaderSentiment 3.3.2 treats it as a negator
  (+0.15). We keep NLTK's as `vader` because it is the version researchers reproduce; the
  package's is available as `vader_package`.
- `afinn`: AFINN-165 valence sum, normalised like VADER (quotelens.sentiment.lexicons).
- `ngram`: logistic regression on word n-grams trained on NewsMTSC (quotelens.sentiment.model).
- `ensemble`: the headline `sentiment` (quotelens.sentiment.constrained): VADER, VADER-word and
  AFINN scores (and researchers' dictionaries, with `join_dictionaries`) with learned weights plus
  a few hundred content-word n-grams, trained on NewsMTSC, one direction of tone.
- `ensemble_old`: the headline before issue 15 (n-grams plus four lexicon features), for comparison.
- `dict_<name>`: a researcher's dictionary (lexicons.load_dictionary), when given.

Labels: `label` is the ensemble's most probable class (-1, 0, 1). For the lexicon methods,
`label_from_score` applies VADER's convention (|score| < 0.05 is neutral).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from quotelens.sentiment import constrained, lexicons
from quotelens.sentiment import model as models_mod
from quotelens.sentiment.masking import TopicMask, load_topic_words
from quotelens.sentiment.vader_pass import package_analyzer, vader_with_evidence

DEFAULT_METHODS = ("vader", "afinn", "ngram", "ensemble")
ALL_METHODS = DEFAULT_METHODS + ("vader_package", "ensemble_old")
HEADLINE = "ensemble"
NEUTRAL_BAND = 0.05  # |score| below this is neutral for lexicon methods (VADER's convention)
EVIDENCE_WORDS = 5  # words shown per statement


def label_from_score(scores, band: float = NEUTRAL_BAND) -> np.ndarray:
    """-1 / 0 / 1 from scores on [-1, 1]: neutral within +-band."""
    s = np.asarray(scores, dtype=float)
    return np.where(s >= band, 1, np.where(s <= -band, -1, 0))


def _format_evidence(pairs: list[tuple[str, float]], k: int = EVIDENCE_WORDS) -> str:
    """'word +0.42; other -1.10', the k largest by absolute value, ties by word."""
    merged: dict[str, float] = {}
    for word, value in pairs:
        key = word.lower()
        merged[key] = merged.get(key, 0.0) + value
    top = heapq.nsmallest(k, ((-abs(v), w, v) for w, v in merged.items() if abs(v) > 1e-9))
    top = [(w, v) for _, w, v in top]
    return "; ".join(f"{w} {v:+.2f}" for w, v in top)


def _format_parts(parts: dict[str, float], k: int = EVIDENCE_WORDS) -> str:
    """`_format_evidence` for a dict whose keys are already lower case and unique (the
    headline's word parts): the same text without the merging pass."""
    top = sorted((-abs(v), w, v) for w, v in parts.items() if abs(v) > 1e-9)[:k]
    return "; ".join(f"{w} {v:+.2f}" for _, w, v in top)


@dataclass
class Scorer:
    """Scores texts with `methods`, after masking `mask`'s topic words, and again unmasked.

    dictionaries: researcher dictionaries (lexicons.Lexicon), each scored as `dict_<name>`;
    join_dictionaries: also use them as features of the headline `ensemble` (refitted on
    NewsMTSC train with them, a few seconds, then cached)."""

    methods: tuple[str, ...] = DEFAULT_METHODS
    mask: TopicMask = field(default_factory=lambda: load_topic_words(""))  # no masking unless a list is passed
    dictionaries: tuple[lexicons.Lexicon, ...] = ()
    join_dictionaries: bool = False

    def __post_init__(self) -> None:
        unknown = [m for m in self.methods if m not in ALL_METHODS]
        if unknown:
            raise ValueError(f"unknown sentiment method(s) {unknown}; use {ALL_METHODS}")
        self._models = models_mod.load_models()
        joined = tuple(self.dictionaries) if self.join_dictionaries else ()
        self._headline = models_mod.load_headline(joined)
        self._joined = joined

    @property
    def method_columns(self) -> list[str]:
        """The score columns, one per method, in output order."""
        return list(self.methods) + [f"dict_{d.name}" for d in self.dictionaries]

    def score_texts(self, texts: list[str]) -> pd.DataFrame:
        """Score already-prepared texts (no masking): one row per text, one column per method,
        `label_<model>` (each trained model's most probable class), `label` (the ensemble's),
        `evidence` (ensemble) and `evidence_vader`."""
        n = len(texts)
        out: dict[str, object] = {}
        tokens = [lexicons.word_tokens(t) for t in texts]
        old = [name for name in ("ngram", "ensemble_old") if name in self.methods]
        afinn = lexicons.afinn()
        afinn_matches = [afinn.matches(tk) for tk in tokens] if ("afinn" in self.methods or old) else []
        pairs = None
        if "vader" in self.methods or HEADLINE in self.methods:
            pairs = [vader_with_evidence(t) for t in texts]  # one VADER pass for both columns
        if "vader" in self.methods:
            out["vader"] = np.array([p[0] for p in pairs], dtype=float)
            out["evidence_vader"] = [_format_evidence(p[1]) for p in pairs]
        if "vader_package" in self.methods:
            analyzer = package_analyzer()
            out["vader_package"] = np.array([analyzer.polarity_scores(t)["compound"] for t in texts], dtype=float)
        if "afinn" in self.methods:
            out["afinn"] = np.array([lexicons.normalise(sum(m.valence for m in ms)) for ms in afinn_matches])
        if HEADLINE in self.methods:
            self._score_headline(out, texts, tokens, pairs)
        if old and n:
            vader_words = lexicons.vader_words()
            vader_matches = [vader_words.matches(tk) for tk in tokens]
            ngrams = models_mod.ngram_matrix(self._models[old[0]].vectorizer, tokens)
            lex_rows = np.vstack([models_mod.lexicon_features(v, a) for v, a in zip(vader_matches, afinn_matches)])
        for name in old:
            model = self._models[name]
            if n == 0:
                out[name] = np.zeros(0)
                continue
            proba = model.classifier.predict_proba(model.design(texts, lex_rows, ngrams=ngrams))
            classes = list(model.classifier.classes_)
            out[name] = proba[:, classes.index(1)] - proba[:, classes.index(-1)]
            out[f"label_{name}"] = np.asarray(model.classifier.classes_)[proba.argmax(axis=1)].astype(int)
        for lexicon in self.dictionaries:
            out[f"dict_{lexicon.name}"] = np.array([lexicons.normalise(lexicon.total(t)) for t in texts])
        frame = pd.DataFrame(out, index=range(n))
        if n == 0:
            frame["label"] = pd.Series(dtype=int)
            frame["evidence"] = pd.Series(dtype=object)
        return frame

    def _score_headline(self, out: dict, texts, tokens, pairs) -> None:
        """The headline's score, label and evidence words (the EVIDENCE_WORDS words or bigrams
        with the largest parts of the tone, `HeadlineModel.word_contributions`) into `out`."""
        if not texts:
            out[HEADLINE] = np.zeros(0)
            return
        model = self._headline
        parts = constrained.TextParts.of(texts, self._joined, tokens=tokens, vader=pairs)
        lexical = parts.lexicon_rows()
        present = [model.present_ngrams(t) for t in tokens]  # once, for the scores and the evidence
        tone = model.tone(lexical, model.ngram_matrix(tokens, present))
        out[HEADLINE] = model.score(tone)
        out[f"label_{HEADLINE}"] = model.labels(tone).astype(int)
        out["label"] = out[f"label_{HEADLINE}"]
        rows = lexical.tolist()  # Python floats: the per-word arithmetic is faster on them
        out["evidence"] = [_format_parts(model.word_contributions(parts, i, rows[i], present[i]))
                           for i in range(len(texts))]

    def score(self, texts) -> pd.DataFrame:
        """Score raw texts: topic words masked (columns named after the methods, `label`,
        `evidence`, `evidence_vader`), the same unmasked (suffix `_unmasked`), `masked_terms`
        ("; "-joined), and `sentiment` / `sentiment_unmasked` (the ensemble's scores).
        Missing or blank texts get NaN scores and empty evidence."""
        if HEADLINE not in self.methods:
            raise ValueError(f"the methods must include {HEADLINE!r}, the headline score")
        texts = list(texts)
        valid = [isinstance(t, str) and bool(t.strip()) for t in texts]
        idx = [i for i, ok in enumerate(valid) if ok]
        raw = [texts[i] for i in idx]
        masked, found = [], []
        for t in raw:
            m, f = self.mask.apply(t)
            masked.append(m)
            found.append(f)
        # Unique texts are scored once (quotes repeat across articles and between the two passes).
        unique = sorted(set(raw) | set(masked))
        position = {t: i for i, t in enumerate(unique)}
        scored = self.score_texts(unique)
        masked_rows = scored.iloc[[position[t] for t in masked]].reset_index(drop=True)
        raw_rows = scored.iloc[[position[t] for t in raw]].reset_index(drop=True)
        columns = self.method_columns
        result = masked_rows.copy()
        for col in columns + ["label", "evidence"] + (["evidence_vader"] if "vader" in self.methods else []):
            result[f"{col}_unmasked"] = raw_rows[col]
        result["masked_terms"] = ["; ".join(f) for f in found]
        result["sentiment"] = result[HEADLINE]
        result["sentiment_unmasked"] = result[f"{HEADLINE}_unmasked"]
        result.index = idx
        full = result.reindex(range(len(texts)))
        for col in full.columns:
            if col.startswith("evidence") or col == "masked_terms":
                full[col] = full[col].fillna("")
        for col in ("label", "label_unmasked"):
            full[col] = full[col].astype("Int64")
        return full[self.output_columns()]

    def output_columns(self) -> list[str]:
        """The columns `score` adds, in order."""
        cols = self.method_columns + ["sentiment", "label"]
        cols += [f"{c}_unmasked" for c in self.method_columns] + ["sentiment_unmasked", "label_unmasked", "masked_terms", "evidence", "evidence_unmasked"]
        if "vader" in self.methods:
            cols += ["evidence_vader", "evidence_vader_unmasked"]
        return cols


def default_text_column(df: pd.DataFrame) -> str:
    """`quote` when the table has it (a statements table), else `text`."""
    for col in ("quote", "text"):
        if col in df.columns:
            return col
    raise ValueError(f"no text column: the table has neither `quote` nor `text` (columns: {list(df.columns)})")


def score_table(
    df: pd.DataFrame,
    text_column: str | None = None,
    scorer: Scorer | None = None,
    source: str = "table",
) -> pd.DataFrame:
    """Every input column plus the scorer's columns (see `Scorer.score`). `source` names the
    input in error messages. The number of rows without text (left unscored, NaN) is stored in
    `result.attrs["sentiment_unscored"]`."""
    text_column = text_column or default_text_column(df)
    if text_column not in df.columns:
        raise ValueError(f"{source}: no column {text_column!r} (columns: {list(df.columns)})")
    scorer = scorer or Scorer()
    clash = [c for c in scorer.output_columns() if c in df.columns]
    if clash:
        raise ValueError(f"{source}: already has sentiment column(s) {clash}; drop them before scoring again")
    scores = scorer.score(df[text_column].tolist())
    scores.index = df.index
    out = pd.concat([df, scores], axis=1)
    out.attrs["sentiment_unscored"] = int(scores["sentiment"].isna().sum())
    return out


def scorer_from_options(methods=None, topic_words: str | Path | None = None, dictionaries=(),
                        join_dictionaries: bool = False) -> Scorer:
    """A Scorer from notebook/CLI options: method names, a topic-word file ("" or None: no
    masking), dictionary paths, and whether the dictionaries also join the headline score
    (`Scorer.join_dictionaries`)."""
    return Scorer(
        methods=tuple(methods) if methods else DEFAULT_METHODS,
        mask=load_topic_words(topic_words or ""),
        dictionaries=tuple(lexicons.load_dictionary(p) for p in dictionaries or ()),
        join_dictionaries=join_dictionaries,
    )
