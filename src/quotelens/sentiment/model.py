"""Sentence-sentiment classifiers trained offline on NewsMTSC train.jsonl.

Two logistic regressions (scikit-learn, multinomial, balanced class weights, deterministic
newton-cg solver) over TF-IDF word uni- and bigrams:
- `ngram`: the n-grams alone;
- `ensemble`: the n-grams plus four lexicon features (positive and negative valence sums of the
  VADER word list, negation-aware, and of AFINN-165, each mapped to [-1, 1]), so it combines
  three kinds of evidence: what NewsMTSC annotators taught, and two hand-built lexicons.
A model's score is P(positive) - P(negative), on [-1, 1]; its label is the most probable class.

Training takes a few seconds; the fitted models are cached (pickled) in the git-ignored
build/sentiment folder under a key hashing the training file, this module's MODEL_VERSION, the
lexicons and the scikit-learn version, so a change to any of them retrains.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from threadpoolctl import threadpool_limits

from quotelens import config
from quotelens.sentiment import lexicons
from quotelens.sentiment.newsmtsc import load_newsmtsc
from quotelens.tables import atomic_path

MODEL_VERSION = "3"  # bump when features, hyper-parameters or the fitting set-up change (3: one BLAS thread)
MODEL_NAMES = ("ngram", "ensemble")
REGULARISATION_C = 1.0  # inverse L2 strength, chosen by scripts/tune_sentiment.py (CV on train only)
CACHE_DIR = config.BUILD_DIR / "sentiment"
LEXICON_FEATURES = ("vader_pos", "vader_neg", "afinn_pos", "afinn_neg")


def lexicon_features(vader_matches, afinn_matches) -> np.ndarray:
    """The four lexicon features of one text from its VADER-word and AFINN matches: positive
    and negative valence sums, each mapped to [-1, 1] by `lexicons.normalise`."""
    vp = sum(m.valence for m in vader_matches if m.valence > 0)
    vn = sum(m.valence for m in vader_matches if m.valence < 0)
    ap = sum(m.valence for m in afinn_matches if m.valence > 0)
    an = sum(m.valence for m in afinn_matches if m.valence < 0)
    return np.array([lexicons.normalise(v) for v in (vp, vn, ap, an)])


def text_lexicon_features(texts) -> np.ndarray:
    """`lexicon_features` for many texts, shape (n, 4)."""
    vader, afinn = lexicons.vader_words(), lexicons.afinn()
    rows = []
    for text in texts:
        tokens = lexicons.word_tokens(text)
        rows.append(lexicon_features(vader.matches(tokens), afinn.matches(tokens)))
    return np.vstack(rows) if rows else np.zeros((0, len(LEXICON_FEATURES)))


@dataclass
class SentenceModel:
    """A fitted vectoriser and classifier. `use_lexicons` adds the LEXICON_FEATURES columns."""

    name: str
    vectorizer: object
    classifier: object
    use_lexicons: bool

    def design(self, texts, lexicon_rows: np.ndarray | None = None, ngrams=None):
        """The feature matrix of `texts` (lexicon_rows: precomputed `text_lexicon_features`;
        ngrams: a precomputed `vectorizer.transform(texts)`)."""
        x = ngrams if ngrams is not None else self.vectorizer.transform(texts)
        if self.use_lexicons:
            if lexicon_rows is None:
                lexicon_rows = text_lexicon_features(texts)
            x = sp.hstack([x, sp.csr_matrix(lexicon_rows)], format="csr")
        return x

    def probabilities(self, texts, lexicon_rows: np.ndarray | None = None) -> np.ndarray:
        """Class probabilities (0-1), shape (n, 3), columns in `classifier.classes_` order
        (-1 negative, 0 neutral, 1 positive)."""
        return self.classifier.predict_proba(self.design(texts, lexicon_rows))

    def direction(self) -> np.ndarray:
        """Per-feature weight towards positive and away from negative (coef_pos - coef_neg):
        the contribution of a feature to the score's log-odds direction, per unit of feature."""
        classes = list(self.classifier.classes_)
        coef = self.classifier.coef_
        return coef[classes.index(1)] - coef[classes.index(-1)]

    def feature_names(self) -> np.ndarray:
        """Names of the design matrix's columns (n-grams, then "[vader_pos]" etc.)."""
        cached = getattr(self, "_feature_names", None)
        if cached is not None:
            return cached
        names = np.asarray(self.vectorizer.get_feature_names_out(), dtype=object)
        if self.use_lexicons:
            names = np.concatenate([names, np.asarray([f"[{n}]" for n in LEXICON_FEATURES], dtype=object)])
        self._feature_names = names
        return names


def _vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    # Our own tokens (lexicons.word_tokens), so the lexicons and the n-grams see the same words
    # and scoring can reuse one tokenisation (`ngram_matrix`).
    return TfidfVectorizer(
        tokenizer=lexicons.word_tokens, lowercase=False, token_pattern=None,
        ngram_range=(1, 2), min_df=2, sublinear_tf=True, dtype=np.float64,
    )


def ngram_matrix(vectorizer, token_lists) -> sp.csr_matrix:
    """The fitted TF-IDF `vectorizer`'s matrix for texts already split by
    `lexicons.word_tokens` (equal to `vectorizer.transform(texts)`, tested; about three times
    faster because the texts are tokenised once for every method)."""
    vocabulary = vectorizer.vocabulary_
    indices: list[int] = []
    counts: list[int] = []
    indptr = [0]
    for tokens in token_lists:
        row: dict[int, int] = {}
        get = vocabulary.get
        for token in tokens:
            j = get(token)
            if j is not None:
                row[j] = row.get(j, 0) + 1
        for a, b in zip(tokens, tokens[1:]):
            j = get(a + " " + b)
            if j is not None:
                row[j] = row.get(j, 0) + 1
        indices.extend(row.keys())
        counts.extend(row.values())
        indptr.append(len(indices))
    data = (1.0 + np.log(np.asarray(counts, dtype=np.float64))) * vectorizer.idf_[np.asarray(indices, dtype=np.int64)]
    matrix = sp.csr_matrix((data, np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
                           shape=(len(indptr) - 1, len(vocabulary)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix.data /= np.repeat(norms, np.diff(matrix.indptr))
    matrix.sort_indices()
    return matrix


def fit(name: str, texts, labels, C: float = REGULARISATION_C, vectorizer=None) -> SentenceModel:
    """Fit model `name` ("ngram" or "ensemble") on texts and labels (-1/0/1). A vectoriser
    already fitted on the same texts may be passed in (both models share one)."""
    from sklearn.linear_model import LogisticRegression

    if name not in MODEL_NAMES:
        raise ValueError(f"unknown model {name!r}; use one of {MODEL_NAMES}")
    vectorizer = vectorizer if vectorizer is not None else _vectorizer().fit(texts)
    model = SentenceModel(name, vectorizer, None, use_lexicons=(name == "ensemble"))
    x = model.design(texts)
    # One BLAS thread: a multi-threaded reduction sums in another order, and the fitted
    # coefficients then differ in their last bits between machines and between a notebook
    # kernel and a test process (seen as figures that changed on a fresh clone).
    with threadpool_limits(limits=1):
        model.classifier = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, solver="newton-cg").fit(
            x, np.asarray(labels))
    return model


def cache_key(train_path: Path) -> str:
    """Hash of everything a fitted model depends on (16 hex digits)."""
    import sklearn

    h = hashlib.sha256()
    h.update(Path(train_path).read_bytes())
    h.update(f"model {MODEL_VERSION} sklearn {sklearn.__version__} C {REGULARISATION_C}".encode())
    h.update(Path(__file__).read_bytes())
    h.update(Path(lexicons.__file__).read_bytes())
    return h.hexdigest()[:16]


def train_path_default() -> Path:
    return config.NEWSMTSC_DIR / "train.jsonl"


@lru_cache(maxsize=4)
def load_models(train_path: str | None = None, cache_dir: str | None = None) -> dict[str, SentenceModel]:
    """Both fitted models, from the cache when its key matches, else trained now (a few
    seconds) and cached. Same training data -> identical coefficients."""
    train = Path(train_path) if train_path else train_path_default()
    folder = Path(cache_dir) if cache_dir else CACHE_DIR
    target = folder / f"models-{cache_key(train)}.pkl"
    if target.exists():
        with open(target, "rb") as fh:
            return pickle.load(fh)
    rows = load_newsmtsc(train)
    texts, labels = rows["sentence"].tolist(), rows["label"].to_numpy()
    vectorizer = _vectorizer().fit(texts)  # one vocabulary, so scoring transforms each text once
    models = {name: fit(name, texts, labels, vectorizer=vectorizer) for name in MODEL_NAMES}
    folder.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as tmp:
        with open(tmp, "wb") as fh:
            pickle.dump(models, fh, protocol=pickle.HIGHEST_PROTOCOL)
    for stale in folder.glob("models-*.pkl"):  # models of older code or data are never read again
        if stale != target:
            stale.unlink(missing_ok=True)
    return models
