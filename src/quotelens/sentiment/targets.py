"""Sentiment towards each target: how a sentence speaks of each actor it mentions, apart from
its overall tone (issue 15, item 2).

"Hillary Clinton blamed the DNC and Facebook" is one sentence with one tone but two targets;
NewsMTSC (Hamborg and Donnay 2021) labels each target mention negative, neutral or positive.

Model: a multinomial logistic regression (scikit-learn, lbfgs, balanced class weights, L2) over
the features of `target_features` (lexicon valences by place and distance, the target's role and
form, the sentence's tone from the headline, the word n-gram model and the character n-gram model
of `char_tone`) and at most `N_WORDS` target-specific words (`target_features.window_words`,
each seen with `MIN_DOCUMENTS` training targets or more, chosen by chi-squared association with
the labels). The dense features are multiplied by `DENSE_SCALE`
before fitting, which divides their L2 penalty by its square: they carry prior knowledge (the
lexicons), the words must earn their weight.

Training: NewsMTSC train.jsonl only. The sentence tones a training target sees (the headline's,
the n-gram model's and the character model's, `target_features.SENTENCE_TONES`) are out of fold
(`out_of_fold_tones`: the sentence models refitted without the target's article, grouped
`TONE_FOLDS`-fold), so the regression learns how far to trust them on sentences the sentence
models have not seen, as at scoring time. Hyper-parameters: scripts/tune_target_sentiment.py
(grouped cross-validation on train by article; docs/evaluation/sentiment.md).

Units: `score` = P(positive) - P(negative), on [-1, 1]; `label` the most probable class. The
probabilities are those of a model fitted with balanced class weights, so they assume the three
classes equally likely a priori (NewsMTSC train: 38% negative, 35% neutral, 27% positive); a
score means the same on every corpus because nothing is standardised on the corpus being scored.

Fitting runs on one BLAS thread (threadpoolctl), the fitted model is cached in build/sentiment
under a key of the training file, the code and model files every feature comes from and the
library versions (`cache_key`), so the same inputs give the same bits in every process. The model
fitted on NewsMTSC train ships with the package (sentiment/models/target_model.*, written by
scripts/ship_target_model.py, read by `quotelens.sentiment.shipped`) and is used only while its
key equals `cache_key` now; any change to the data, code or versions fits again as before.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from threadpoolctl import threadpool_limits

from quotelens.extract import chunk, postag
from quotelens.sentiment import char_tone, constrained, shipped, target_features
from quotelens.sentiment import model as sentence_models
from quotelens.sentiment.newsmtsc import load_newsmtsc
from quotelens.tables import atomic_path

MODEL_VERSION = "3"  # bump when the features, hyper-parameters or fitting change (2: the n-gram model's tone; 3: the character model's)
N_WORDS = 300  # target-specific words kept (scripts/tune_target_sentiment.py, one-standard-error rule)
REGULARISATION_C = 0.1  # inverse L2 strength (same script and rule; 0.03 until version 2)
DENSE_SCALE = 4.0  # dense columns are multiplied by this before fitting (penalty / 16)
MIN_DOCUMENTS = 5  # a word seen with fewer training targets is a likely accident
TONE_FOLDS = 5  # folds for the out-of-fold sentence tone of the training targets
CLASSES = (-1, 0, 1)
SHIPPED_NAME = "target_model"  # sentiment/models/target_model.{pkl.xz,json}


def article_key(sentence_id: str) -> str:
    """The group of a NewsMTSC sentence id that must never be split across training and held-out
    folds: the collection and its third field, which is the story in AllSides
    ("allsides_1000_401_25_..." -> "allsides_401": article 1000 of story 401, told by several
    outlets in like words) and the article in POLUSA ("polusa_v1_113704059_-1_35_..." ->
    "polusa_113704059")."""
    parts = str(sentence_id).split("_")
    return f"{parts[0]}_{parts[2]}" if len(parts) > 2 else str(sentence_id)


@dataclass
class TargetModel:
    """A fitted target-sentiment model: coefficients (3 classes x (dense features + words)) and
    intercepts in log-odds units, the dense features being `target_features.DENSE_FEATURES`
    times DENSE_SCALE and the words 0/1; `char_model` the character n-gram sentence model fitted
    on all training sentences (None until `fit` sets it), which gives new text its tone."""

    words: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray
    char_model: char_tone.CharToneModel | None = None

    def __post_init__(self) -> None:
        self._index = {w: j for j, w in enumerate(self.words)}

    def design(self, dense: np.ndarray, word_sets) -> sp.csr_matrix:
        """The design matrix of targets: scaled dense features, then the model's words."""
        return sp.hstack([sp.csr_matrix(np.asarray(dense, dtype=np.float64) * DENSE_SCALE),
                          word_matrix(word_sets, self._index)], format="csr")

    def probabilities(self, dense: np.ndarray, word_sets) -> np.ndarray:
        """P(negative), P(neutral), P(positive) per target (0-1), shape (n, 3)."""
        logits = np.asarray(self.design(dense, word_sets) @ self.coef.T) + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        return e / e.sum(axis=1, keepdims=True)


def word_matrix(word_sets, index: dict[str, int]) -> sp.csr_matrix:
    """0/1 matrix (targets x words of `index`)."""
    indptr, indices = [0], []
    for words in word_sets:
        indices.extend(sorted(index[w] for w in words if w in index))
        indptr.append(len(indices))
    return sp.csr_matrix((np.ones(len(indices)), np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
                         shape=(len(indptr) - 1, len(index)))


def headline_tones(texts, headline: constrained.HeadlineModel) -> np.ndarray:
    """The headline model's tone (log-odds units) of each text, unmasked."""
    texts = list(texts)
    if not texts:
        return np.zeros(0)
    parts = constrained.TextParts.of(texts)
    return headline.tone(parts.lexicon_rows(), headline.ngram_matrix(parts.tokens))


def ngram_tones(texts, ngram_model: sentence_models.SentenceModel) -> np.ndarray:
    """The n-gram sentence model's log-odds of positive over negative and its P(neutral) (0-1)
    for each text, shape (n, 2); probabilities are clipped at 1e-9 before the logarithm."""
    texts = list(texts)
    if not texts:
        return np.zeros((0, 2))
    p = ngram_model.probabilities(texts)
    classes = list(ngram_model.classifier.classes_)
    positive, negative = p[:, classes.index(1)], p[:, classes.index(-1)]
    log_odds = np.log(np.maximum(positive, 1e-9)) - np.log(np.maximum(negative, 1e-9))
    return np.column_stack([log_odds, p[:, classes.index(0)]])


def sentence_tones(texts, headline: constrained.HeadlineModel, ngram_model: sentence_models.SentenceModel,
                   char_model: char_tone.CharToneModel) -> np.ndarray:
    """`target_features.SENTENCE_TONES` of each text, shape (n, 5): the headline's tone, the
    n-gram model's log-odds and P(neutral), the character model's log-odds / 4 and P(neutral)."""
    texts = list(texts)
    width = len(target_features.SENTENCE_TONES)
    return np.column_stack([headline_tones(texts, headline), ngram_tones(texts, ngram_model),
                            char_model.tones(texts)]).reshape(len(texts), width)


def out_of_fold_tones(texts, labels, groups, folds: int = TONE_FOLDS) -> np.ndarray:
    """Each row's `sentence_tones` from sentence models fitted without the row's group
    (article), grouped `folds`-fold; the rows are (sentence, target) pairs, as the sentence
    models are fitted. Shape (n, 5)."""
    from sklearn.model_selection import GroupKFold

    texts, labels = list(texts), np.asarray(labels)
    parts = constrained.TextParts.of(texts)
    tones = np.zeros((len(texts), len(target_features.SENTENCE_TONES)))
    for train, held in GroupKFold(n_splits=folds).split(texts, labels, groups=np.asarray(groups)):
        headline = constrained.fit(parts.subset(train), labels[train])
        held_parts = parts.subset(held)
        tones[held, 0] = headline.tone(held_parts.lexicon_rows(), headline.ngram_matrix(held_parts.tokens))
        ngram_model = sentence_models.fit("ngram", [texts[i] for i in train], labels[train])
        tones[held, 1:3] = ngram_tones([texts[i] for i in held], ngram_model)
        tones[held, 3:] = char_tone.fit([texts[i] for i in train], labels[train]).tones([texts[i] for i in held])
    return tones


def target_features_of(texts, starts, ends, tones) -> tuple[np.ndarray, list[set[str]]]:
    """Dense features (n targets x len(DENSE_FEATURES)) and window words of targets given as
    parallel sequences: the sentence, the target's character offsets in it, the sentence's
    `target_features.SENTENCE_TONES` (rows of `sentence_tones`). Each distinct sentence is
    tagged once."""
    parsed: dict[str, target_features.ParsedSentence] = {}
    dense, words = [], []
    for text, start, end, tone in zip(texts, starts, ends, tones):
        sentence = parsed.get(text)
        if sentence is None:
            sentence = parsed[text] = target_features.parse(text)
        where = target_features.view(sentence, int(start), int(end))
        dense.append(target_features.dense_row(sentence, where, tone))
        words.append(target_features.window_words(sentence, where))
    width = len(target_features.DENSE_FEATURES)
    return np.asarray(dense, dtype=np.float64).reshape(len(dense), width), words


def select_words(word_sets, labels, n_words: int = N_WORDS, min_documents: int = MIN_DOCUMENTS) -> tuple[str, ...]:
    """The `n_words` window words most associated with the labels (chi-squared on presence)
    among those seen with at least `min_documents` targets; ties alphabetical. Sorted."""
    from sklearn.feature_selection import chi2

    counts: dict[str, int] = {}
    for words in word_sets:
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    vocabulary = sorted(w for w, c in counts.items() if c >= min_documents)
    if not vocabulary or n_words <= 0:
        return ()
    statistic, _ = chi2(word_matrix(word_sets, {w: j for j, w in enumerate(vocabulary)}), np.asarray(labels))
    order = np.argsort(-np.nan_to_num(statistic), kind="stable")[:n_words]
    return tuple(sorted(vocabulary[j] for j in order))


def fit_features(dense: np.ndarray, word_sets, labels, n_words: int = N_WORDS, C: float = REGULARISATION_C) -> TargetModel:
    """Fit the regression on computed features (one BLAS thread: the bits do not depend on the
    machine's thread count)."""
    from sklearn.linear_model import LogisticRegression

    labels = np.asarray(labels)
    words = select_words(word_sets, labels, n_words)
    probe = TargetModel(words, np.zeros((3, 0)), np.zeros(3))
    with threadpool_limits(limits=1):
        fitted = LogisticRegression(C=C, class_weight="balanced", solver="lbfgs", max_iter=10000, tol=1e-8).fit(
            probe.design(dense, word_sets), labels)
    order = [list(fitted.classes_).index(c) for c in CLASSES]
    return TargetModel(words, np.asarray(fitted.coef_[order], dtype=np.float64),
                       np.asarray(fitted.intercept_[order], dtype=np.float64))


def fit(rows: pd.DataFrame, n_words: int = N_WORDS, C: float = REGULARISATION_C) -> TargetModel:
    """Fit on NewsMTSC-like rows (columns sentence_id, sentence, start, end, label): out-of-fold
    tones, features, regression, and the character model on all rows."""
    groups = rows["sentence_id"].map(article_key).to_numpy()
    tones = out_of_fold_tones(rows["sentence"], rows["label"], groups)
    dense, words = target_features_of(rows["sentence"], rows["start"], rows["end"], tones)
    fitted = fit_features(dense, words, rows["label"].to_numpy(), n_words, C)
    fitted.char_model = char_tone.fit(rows["sentence"].tolist(), rows["label"].to_numpy())
    return fitted


def _file_bytes(name: str) -> bytes:
    from importlib import resources as importlib_resources

    return importlib_resources.files("quotelens.extract").joinpath("models", name).read_bytes()


def cache_key(train_path: Path) -> str:
    """Hash (16 hex digits) of everything the fitted model depends on: the headline's key
    (training file, lexicons, its code and library versions: `model.cache_key`), this model's
    version and hyper-parameters, scipy's version (its lbfgs fits), the code of the feature
    modules, tagger and chunker, and their model files."""
    h = hashlib.sha256()
    from importlib.metadata import version

    h.update(sentence_models.cache_key(train_path).encode())
    h.update(f"scipy {version('scipy')} ".encode())  # lbfgs, which fits both regressions, is scipy's
    h.update(f"targets {MODEL_VERSION} words {N_WORDS} C {REGULARISATION_C} scale {DENSE_SCALE} "
             f"min {MIN_DOCUMENTS} folds {TONE_FOLDS}".encode())
    for module in (target_features, char_tone, chunk, postag):
        h.update(Path(module.__file__).read_bytes())
    h.update(Path(__file__).read_bytes())
    h.update(_file_bytes(postag.MODEL_FILE))
    h.update(_file_bytes(chunk.MODEL_FILE))
    return h.hexdigest()[:16]


def fit_file(train: Path) -> TargetModel:
    """The model fitted on a NewsMTSC-format file (what `load_target_model` fits when neither
    the shipped model nor the cache has its key; scripts/ship_target_model.py calls this)."""
    return fit(load_newsmtsc(train))


@lru_cache(maxsize=2)
def load_target_model(train_path: str | None = None, cache_dir: str | None = None) -> TargetModel:
    """The fitted model: the shipped one when its key is `cache_key` now, else the cached one of
    that key, else fitted now (about a minute) and cached; cached models of other keys are
    removed."""
    train = Path(train_path) if train_path else sentence_models.train_path_default()
    folder = Path(cache_dir) if cache_dir else sentence_models.CACHE_DIR
    key = cache_key(train)
    ready = shipped.read(SHIPPED_NAME, key)
    if ready is not None:
        return ready
    target = folder / f"targets-{key}.pkl"
    if target.exists():
        with open(target, "rb") as fh:
            return pickle.load(fh)
    fitted = fit_file(train)
    folder.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as tmp:
        with open(tmp, "wb") as fh:
            pickle.dump(fitted, fh, protocol=pickle.HIGHEST_PROTOCOL)
    for stale in folder.glob("targets-*.pkl"):
        if stale.name != target.name:
            stale.unlink(missing_ok=True)
    return fitted


def score_targets(texts, starts, ends, model: TargetModel | None = None,
                  headline: constrained.HeadlineModel | None = None,
                  ngram_model: sentence_models.SentenceModel | None = None) -> pd.DataFrame:
    """Score targets given as parallel sequences (the sentence or short passage holding the
    target, the target's character offsets in it). One row per target: `score` (P(positive) -
    P(negative), -1..1), `label` (-1, 0, 1, the most probable class), `p_negative`,
    `p_neutral`, `p_positive` (0-1), `tone` (the headline's log-odds for the whole text).
    `headline` and `ngram_model` default to the shipped sentence models (fitted on all of
    NewsMTSC train); pass others to score text held out of a model fitted on part of train."""
    texts = [str(t) for t in texts]
    model = model or load_target_model()
    headline = headline or sentence_models.load_headline()
    ngram_model = ngram_model or sentence_models.load_models()["ngram"]
    unique = sorted(set(texts))
    tone_of = dict(zip(unique, sentence_tones(unique, headline, ngram_model, model.char_model)))
    tones = [tone_of[t] for t in texts]
    dense, words = target_features_of(texts, starts, ends, tones)
    p = model.probabilities(dense, words) if len(texts) else np.zeros((0, 3))
    return pd.DataFrame({
        "score": p[:, 2] - p[:, 0],
        "label": np.asarray(CLASSES)[p.argmax(axis=1)] if len(texts) else np.zeros(0, dtype=int),
        "p_negative": p[:, 0], "p_neutral": p[:, 1], "p_positive": p[:, 2],
        "tone": np.asarray([t[0] for t in tones], dtype=np.float64),
    })


def target_sentiment(text: str, target_spans) -> list[float]:
    """The sentiment `text` (one sentence, or a short passage) expresses towards each target
    (character spans (start, end) of `text`): P(positive) - P(negative) per target, on [-1, 1]
    (see the module doc for the model and what the probabilities mean). Example:
    target_sentiment("X accused Y of lying.", [(0, 1), (11, 12)])."""
    spans = [(int(s), int(e)) for s, e in target_spans]
    for start, end in spans:
        if not 0 <= start < end <= len(text):
            raise ValueError(f"target span ({start}, {end}) is not inside the text (length {len(text)})")
    if not spans:
        return []
    scored = score_targets([text] * len(spans), [s for s, _ in spans], [e for _, e in spans])
    return scored["score"].tolist()
