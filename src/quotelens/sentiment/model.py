"""Sentence-sentiment models trained offline on NewsMTSC train.jsonl.

- `ensemble` (the headline `sentiment`, quotelens.sentiment.constrained): lexicon scores with
  learned weights plus at most a few hundred content-word n-grams, one direction of tone.
- `ngram`: a logistic regression (scikit-learn, multinomial, balanced class weights, newton-cg)
  over TF-IDF word uni- and bigrams, kept for comparison.
- `ensemble_old`: the headline up to model version 3 (the n-grams of `ngram` plus four lexicon
  features), kept for comparison: it won on NewsMTSC's test splits but learned corpus accidents
  ("and" +3.22) that did not transfer to other text (issue 15).
A model's score is P(positive) - P(negative), on [-1, 1]; its label is the most probable class.

Training takes a few seconds; the fitted models are cached (pickled) in the git-ignored
build/sentiment folder under a key hashing the training file, MODEL_VERSION, the code of every
module the features come from, the lexicons and the library versions, so a change to any of them
retrains and a changed model is never silently reused.
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
from quotelens.sentiment import constrained, function_words, lexicons, vader_pass
from quotelens.sentiment.newsmtsc import load_newsmtsc
from quotelens.tables import atomic_path

MODEL_VERSION = "4"  # bump when features, hyper-parameters or the fitting set-up change (3: one BLAS thread; 4: constrained headline)
MODEL_NAMES = ("ngram", "ensemble_old")  # the SentenceModel designs; the headline is `constrained`
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
    """Fit model `name` ("ngram" or "ensemble_old") on texts and labels (-1/0/1). A vectoriser
    already fitted on the same texts may be passed in (both models share one)."""
    from sklearn.linear_model import LogisticRegression

    if name not in MODEL_NAMES:
        raise ValueError(f"unknown model {name!r}; use one of {MODEL_NAMES}")
    vectorizer = vectorizer if vectorizer is not None else _vectorizer().fit(texts)
    model = SentenceModel(name, vectorizer, None, use_lexicons=(name == "ensemble_old"))
    x = model.design(texts)
    # One BLAS thread: a multi-threaded reduction sums in another order, and the fitted
    # coefficients then differ in their last bits between machines and between a notebook
    # kernel and a test process (seen as figures that changed on a fresh clone).
    with threadpool_limits(limits=1):
        model.classifier = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, solver="newton-cg").fit(
            x, np.asarray(labels))
    return model


def cache_key(train_path: Path) -> str:
    """Hash of everything a fitted model depends on (16 hex digits): the training file, the
    model version and hyper-parameters, the code of the modules the features come from, the
    VADER and AFINN lexicons, and the versions of scikit-learn, NLTK (VADER's rules) and numpy."""
    import nltk
    import sklearn

    h = hashlib.sha256()
    h.update(Path(train_path).read_bytes())
    h.update(f"model {MODEL_VERSION} sklearn {sklearn.__version__} nltk {nltk.__version__} numpy {np.__version__} "
             f"C {REGULARISATION_C} headline C {constrained.REGULARISATION_C} n-grams {constrained.N_NGRAMS}".encode())
    for module in (constrained, function_words, lexicons, vader_pass):
        h.update(Path(module.__file__).read_bytes())
    h.update(Path(__file__).read_bytes())
    from quotelens.sentiment.resources import vader_lexicon_text

    h.update(vader_lexicon_text())
    h.update(Path(constrained.DEFAULT_TOPIC_WORDS).read_bytes())  # topic words are kept out of the n-grams
    h.update(Path(str(lexicons.afinn_path())).read_bytes())
    return h.hexdigest()[:16]


def dictionaries_key(dictionaries) -> str:
    """Hash of researcher dictionaries' names and entries (16 hex digits), for the cache."""
    h = hashlib.sha256()
    for d in dictionaries:
        h.update(repr((d.name, sorted(d.weights.items()), sorted(d.negated.items()), d.negation_aware)).encode())
    return h.hexdigest()[:16]


def train_path_default() -> Path:
    return config.NEWSMTSC_DIR / "train.jsonl"


def _train_rows(train: Path):
    rows = load_newsmtsc(train)
    return rows["sentence"].tolist(), rows["label"].to_numpy()


def _cached(target: Path, key: str, build):
    """The pickle at `target` if it exists, else build() pickled there; then removes models of
    other code or data (files not starting with models-<key>), which are never read again."""
    if target.exists():
        with open(target, "rb") as fh:
            return pickle.load(fh)
    value = build()
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as tmp:
        with open(tmp, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
    for stale in target.parent.glob("models-*.pkl"):
        if not stale.name.startswith(f"models-{key}"):
            stale.unlink(missing_ok=True)
    return value


@lru_cache(maxsize=4)
def load_models(train_path: str | None = None, cache_dir: str | None = None) -> dict:
    """The fitted models {"ngram", "ensemble_old": SentenceModel, "ensemble":
    constrained.HeadlineModel}, from the cache when its key matches, else trained now (a few
    seconds) and cached. Same training data and code -> identical coefficients."""
    train = Path(train_path) if train_path else train_path_default()
    folder = Path(cache_dir) if cache_dir else CACHE_DIR
    key = cache_key(train)

    def build():
        texts, labels = _train_rows(train)
        vectorizer = _vectorizer().fit(texts)  # one vocabulary, so scoring transforms each text once
        models = {name: fit(name, texts, labels, vectorizer=vectorizer) for name in MODEL_NAMES}
        models["ensemble"] = constrained.fit(constrained.TextParts.of(texts), labels)
        return models

    return _cached(folder / f"models-{key}.pkl", key, build)


def load_headline(dictionaries=(), train_path: str | None = None, cache_dir: str | None = None):
    """The headline model (constrained.HeadlineModel); with researcher dictionaries
    (lexicons.Lexicon), one refitted on NewsMTSC train with each dictionary's positive and
    negative sums as two more lexicon features, cached under the dictionaries' entries too."""
    if not dictionaries:
        return load_models(train_path, cache_dir)["ensemble"]
    dictionaries = tuple(dictionaries)
    train = Path(train_path) if train_path else train_path_default()
    folder = Path(cache_dir) if cache_dir else CACHE_DIR
    key = cache_key(train)

    def build():
        texts, labels = _train_rows(train)
        return constrained.fit(constrained.TextParts.of(texts, dictionaries), labels, dictionaries)

    return _cached(folder / f"models-{key}-dictionaries-{dictionaries_key(dictionaries)}.pkl", key, build)
