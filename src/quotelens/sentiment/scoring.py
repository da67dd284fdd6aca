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
- `ensemble`: the same with VADER-word and AFINN lexicon features; the headline `sentiment`.
- `dict_<name>`: a researcher's dictionary (lexicons.load_dictionary), when given.

Labels: `label` is the ensemble's most probable class (-1, 0, 1). For the lexicon methods,
`label_from_score` applies VADER's convention (|score| < 0.05 is neutral).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from quotelens.sentiment import lexicons
from quotelens.sentiment import model as models_mod
from quotelens.sentiment.masking import TopicMask, load_topic_words

DEFAULT_METHODS = ("vader", "afinn", "ngram", "ensemble")
ALL_METHODS = DEFAULT_METHODS + ("vader_package",)
HEADLINE = "ensemble"
NEUTRAL_BAND = 0.05  # |score| below this is neutral for lexicon methods (VADER's convention)
EVIDENCE_WORDS = 5  # words shown per statement


def label_from_score(scores, band: float = NEUTRAL_BAND) -> np.ndarray:
    """-1 / 0 / 1 from scores on [-1, 1]: neutral within +-band."""
    s = np.asarray(scores, dtype=float)
    return np.where(s >= band, 1, np.where(s <= -band, -1, 0))


@lru_cache(maxsize=1)
def _nltk_vader():
    from quotelens.sentiment.resources import nltk_vader

    return nltk_vader()


@lru_cache(maxsize=1)
def _package_vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=4)
def _punctuation_chars(remove_punctuation) -> str:
    """The ASCII characters VADER's punctuation regex removes (string.punctuation in NLTK)."""
    return "".join(c for c in map(chr, range(128)) if remove_punctuation.fullmatch(c))


def words_and_emoticons(text: str, punc_list, remove_punctuation) -> list[str]:
    """The tokens NLTK's `SentiText` gives (`words_and_emoticons`), without the dictionary it
    builds for every text: every word joined to every punctuation string, before and after
    (about 34 strings per distinct word), only to strip one leading or trailing punctuation
    string. Here each token is checked directly; a trailing strip wins over a leading one, as in
    NLTK (its "after" entries overwrite its "before" entries). Equal to NLTK's tokens (tested)."""
    chars = _punctuation_chars(remove_punctuation)
    puncs = frozenset(punc_list)
    words_only = {w for w in remove_punctuation.sub("", text).split() if len(w) > 1}
    out = []
    for token in text.split():
        if len(token) < 2:
            continue
        head = token.rstrip(chars)
        if head != token and token[len(head):] in puncs and head in words_only:
            out.append(head)
            continue
        tail = token.lstrip(chars)
        if tail != token and token[:len(token) - len(tail)] in puncs and tail in words_only:
            out.append(tail)
            continue
        out.append(token)
    return out


@lru_cache(maxsize=1)
def _senti_text_class():
    """NLTK's SentiText with the tokenisation of `words_and_emoticons` (same tokens, no
    per-text dictionary); everything else is NLTK's."""
    from nltk.sentiment.vader import SentiText

    class _SentiText(SentiText):
        def _words_and_emoticons(self):
            return words_and_emoticons(self.text, self.PUNC_LIST, self.REGEX_REMOVE_PUNCTUATION)

    return _SentiText


def vader_with_evidence(text: str) -> tuple[float, list[tuple[str, float]]]:
    """NLTK VADER's compound score of `text` and the words that carried a valence after VADER's
    rules (negation, boosters, capitals, "but"), in VADER's valence units (-4..4 per word).

    Runs the steps of NLTK's `polarity_scores` one by one so the per-word valences are kept;
    the compound score equals `polarity_scores(text)["compound"]` (tested)."""
    analyzer = _nltk_vader()
    constants = analyzer.constants
    sentitext = _senti_text_class()(text, constants.PUNC_LIST, constants.REGEX_REMOVE_PUNCTUATION)
    words = sentitext.words_and_emoticons
    # NLTK looks up each token's first position (its fix for a quadratic list.index); same here.
    first_index: dict[str, int] = {}
    for idx, token in enumerate(words):
        first_index.setdefault(token, idx)
    sentiments: list[float] = []
    for item in words:
        i = first_index[item]
        if (i < len(words) - 1 and item.lower() == "kind" and words[i + 1].lower() == "of") or item.lower() in constants.BOOSTER_DICT:
            sentiments.append(0)
            continue
        sentiments = analyzer.sentiment_valence(0, sentitext, item, i, sentiments)
    sentiments = analyzer._but_check(words, sentiments)
    compound = analyzer.score_valence(sentiments, text)["compound"]
    return float(compound), [(w, float(v)) for w, v in zip(words, sentiments) if v]


def _format_evidence(pairs: list[tuple[str, float]], k: int = EVIDENCE_WORDS) -> str:
    """'word +0.42; other -1.10', the k largest by absolute value, ties by word."""
    merged: dict[str, float] = {}
    for word, value in pairs:
        key = word.lower()
        merged[key] = merged.get(key, 0.0) + value
    top = heapq.nsmallest(k, ((-abs(v), w, v) for w, v in merged.items() if abs(v) > 1e-9))
    top = [(w, v) for _, w, v in top]
    return "; ".join(f"{w} {v:+.2f}" for w, v in top)


@dataclass
class Scorer:
    """Scores texts with `methods`, after masking `mask`'s topic words, and again unmasked.

    dictionaries: researcher dictionaries (lexicons.Lexicon), each scored as `dict_<name>`."""

    methods: tuple[str, ...] = DEFAULT_METHODS
    mask: TopicMask = field(default_factory=load_topic_words)
    dictionaries: tuple[lexicons.Lexicon, ...] = ()

    def __post_init__(self) -> None:
        unknown = [m for m in self.methods if m not in ALL_METHODS]
        if unknown:
            raise ValueError(f"unknown sentiment method(s) {unknown}; use {ALL_METHODS}")
        self._models = models_mod.load_models()

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
        vader_words, afinn = lexicons.vader_words(), lexicons.afinn()
        vader_matches = [vader_words.matches(tk) for tk in tokens]
        afinn_matches = [afinn.matches(tk) for tk in tokens]
        if "vader" in self.methods:
            pairs = [vader_with_evidence(t) for t in texts]
            out["vader"] = np.array([p[0] for p in pairs])
            out["evidence_vader"] = [_format_evidence(p[1]) for p in pairs]
        if "vader_package" in self.methods:
            analyzer = _package_vader()
            out["vader_package"] = np.array([analyzer.polarity_scores(t)["compound"] for t in texts], dtype=float)
        if "afinn" in self.methods:
            out["afinn"] = np.array([lexicons.normalise(sum(m.valence for m in ms)) for ms in afinn_matches])
        ensemble = self._models["ensemble"]
        ngrams = models_mod.ngram_matrix(ensemble.vectorizer, tokens) if n else None
        lex_rows = np.vstack([models_mod.lexicon_features(v, a) for v, a in zip(vader_matches, afinn_matches)]) if n else None
        for name in ("ngram", "ensemble"):
            if name not in self.methods:
                continue
            model = self._models[name]
            if n == 0:
                out[name] = np.zeros(0)
                continue
            x = model.design(texts, lex_rows, ngrams=ngrams)
            proba = model.classifier.predict_proba(x)
            classes = list(model.classifier.classes_)
            out[name] = proba[:, classes.index(1)] - proba[:, classes.index(-1)]
            out[f"label_{name}"] = np.asarray(model.classifier.classes_)[proba.argmax(axis=1)].astype(int)
            if name == HEADLINE:
                out["label"] = out[f"label_{name}"]
                out["evidence"] = self._model_evidence(model, x, vader_matches, afinn_matches, lex_rows)
        for lexicon in self.dictionaries:
            out[f"dict_{lexicon.name}"] = np.array([lexicons.normalise(lexicon.total(t)) for t in texts])
        frame = pd.DataFrame(out, index=range(n))
        if n == 0:
            frame["label"] = pd.Series(dtype=int)
            frame["evidence"] = pd.Series(dtype=object)
        return frame

    def _model_evidence(self, model, x, vader_matches, afinn_matches, lex_rows) -> list[str]:
        """Per text, the EVIDENCE_WORDS words or bigrams with the largest contributions to the
        ensemble's positive-minus-negative log-odds (feature value x weight). A lexicon
        feature's contribution is shared among the words that made it, in proportion to their
        valence, and added to the same word's n-gram contribution."""
        k = EVIDENCE_WORDS
        direction = model.direction()
        names = model.feature_names()
        vocabulary = model.vectorizer.vocabulary_
        n_ngram = len(names) - len(models_mod.LEXICON_FEATURES)
        lex_direction = direction[n_ngram:].tolist()
        lex_values = lex_rows.tolist()
        ngrams = x.tocsr()[:, :n_ngram]
        ngrams.sort_indices()
        contributions = ngrams.data * direction[ngrams.indices]  # all rows in one product
        # Within each row, features by decreasing |contribution| (one sort for all rows), as
        # Python lists so the per-row work below is plain list slicing.
        rows_of = np.repeat(np.arange(ngrams.shape[0]), np.diff(ngrams.indptr))
        order = np.lexsort((-np.abs(contributions), rows_of))
        ranked_names = names[ngrams.indices[order]].tolist()
        ranked_values = contributions[order].tolist()
        indices = ngrams.indices.tolist()
        values = contributions.tolist()
        indptr = ngrams.indptr.tolist()
        out = []
        for row in range(ngrams.shape[0]):
            start, end = indptr[row], indptr[row + 1]
            # Only words outside the lexicons can be ranked on their n-gram weight alone, so
            # the k largest n-grams plus every lexicon word are enough candidates.
            merged = dict(zip(ranked_names[start:min(end, start + k)], ranked_values[start:min(end, start + k)]))
            lexical: dict[str, float] = {}
            features = (vader_matches[row], vader_matches[row], afinn_matches[row], afinn_matches[row])
            for f, matches in enumerate(features):
                if not lex_values[row][f]:
                    continue
                positive = f % 2 == 0
                chosen = [m for m in matches if (m.valence > 0) == positive and m.valence != 0]
                total = sum(abs(m.valence) for m in chosen)
                share = lex_values[row][f] * lex_direction[f] / total
                for m in chosen:
                    lexical[m.words] = lexical.get(m.words, 0.0) + share * abs(m.valence)
            for word, value in lexical.items():
                j = vocabulary.get(word)
                own = 0.0
                if j is not None:
                    pos = bisect_left(indices, j, start, end)
                    if pos < end and indices[pos] == j:
                        own = values[pos]
                merged[word] = own + value
            out.append(_format_evidence(list(merged.items())))
        return out

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


def scorer_from_options(methods=None, topic_words: str | Path | None = None, dictionaries=()) -> Scorer:
    """A Scorer from notebook/CLI options: method names, a topic-word file ("" disables
    masking, None uses the default list) and dictionary paths."""
    return Scorer(
        methods=tuple(methods) if methods else DEFAULT_METHODS,
        mask=load_topic_words(topic_words),
        dictionaries=tuple(lexicons.load_dictionary(p) for p in dictionaries or ()),
    )
