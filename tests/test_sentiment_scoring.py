"""Sentiment scoring: offline load, known answers on real and crafted sentences, the NLTK vs
vaderSentiment negation difference, masking on the seed's Delattre quote, evidence, tables."""

from __future__ import annotations

import json

import nltk
import numpy as np
import pandas as pd
import pytest

from quotelens import config
from quotelens.sentiment import evaluation, lexicons
from quotelens.sentiment import model as model_mod
from quotelens.sentiment.masking import DEFAULT_TOPIC_WORDS, load_topic_words
from quotelens.sentiment.newsmtsc import load_newsmtsc
from quotelens.sentiment.scoring import Scorer, score_table
from quotelens.sentiment.vader_pass import nltk_analyzer, package_analyzer, vader_with_evidence

SEED = config.SEEDS_DIR / "000_aff2fd669e79066c.txt"

# On a fresh clone the sentence models are fitted once per run (tests/conftest.py), not by
# every worker that needs them at the same time.
pytestmark = pytest.mark.usefixtures("sentence_models_fitted")


@pytest.fixture(scope="module")
def scorer():
    return Scorer(mask=load_topic_words(DEFAULT_TOPIC_WORDS))  # the conflict list, named: Scorer() masks nothing


@pytest.fixture(scope="module")
def seed_text():
    return SEED.read_text(encoding="utf-8")


def _quote(text: str, quote: str) -> str:
    start = text.index(quote)
    assert text[start:start + len(quote)] == quote
    return text[start:start + len(quote)]


@pytest.fixture(scope="module")
def rw_sentences():
    return sorted(set(load_newsmtsc(config.NEWSMTSC_DIR / "devtest_rw.jsonl")["sentence"]))


def test_vader_loads_offline_from_the_project_lexicon():
    analyzer = nltk_analyzer()
    assert nltk.data.path[0] == str(config.NLTK_DATA_DIR)
    assert (config.NLTK_DATA_DIR / "sentiment" / "vader_lexicon.zip").exists()
    assert len(analyzer.lexicon) > 7000
    assert analyzer.lexicon["terrorism"] < 0


def test_evidence_pass_gives_nltk_compound_exactly(rw_sentences):
    analyzer = nltk_analyzer()
    for sentence in rw_sentences[:300]:
        compound, evidence = vader_with_evidence(sentence)
        assert compound == analyzer.polarity_scores(sentence)["compound"]
        if compound != 0:
            assert evidence, sentence


def test_nltk_and_package_score_the_seed_headline_negation_differently(seed_text):
    headline = _quote(seed_text, "No breakthrough, no breakdown, no one walking out")
    nltk_score = nltk_analyzer().polarity_scores(headline)["compound"]
    package_score = package_analyzer().polarity_scores(headline)["compound"]
    assert nltk_score < -0.5  # NLTK counts each "no" as a negative word
    assert 0 < package_score < 0.3  # vaderSentiment 3.3.2 reads "no" before a word as negation
    scored = Scorer(methods=("vader", "vader_package", "ensemble")).score([headline]).iloc[0]
    assert scored["vader"] == nltk_score  # `vader` is NLTK's port, as documented
    assert scored["vader_package"] == package_score


def test_masking_turns_the_delattre_quote_from_negative_to_not_negative(scorer, seed_text):
    quote = _quote(seed_text, "the fight against terrorism is our number one priority")
    row = scorer.score([quote]).iloc[0]
    assert row["masked_terms"] == "fight; terrorism"
    assert row["vader_unmasked"] < -0.5
    assert row["vader"] > -0.05
    assert row["label_unmasked"] == -1
    assert row["label"] != -1
    assert row["sentiment"] > row["sentiment_unmasked"] + 0.1
    assert "terrorism" in row["evidence_unmasked"] and "terrorism" not in row["evidence"]
    assert "terrorism" in row["evidence_vader_unmasked"]
    assert seed_text.count(quote) == 1  # the article text itself is untouched


@pytest.mark.parametrize(
    "sentence, sign",
    [
        ("We welcome the constructive talks and the real progress made in Geneva.", 1),
        ("The talks were useful, and I am hopeful about the next round.", 1),
        ("We strongly condemn this horrific and cowardly crime against innocent civilians.", -1),
        ("This is a shameful failure, and they have betrayed the people.", -1),
    ],
)
def test_clear_sentences_get_the_right_sign_from_every_method(scorer, sentence, sign):
    row = scorer.score([sentence]).iloc[0]
    for method in ("vader", "afinn", "ngram", "ensemble"):
        assert np.sign(row[method]) == sign, (method, row[method])
    assert row["label"] == sign
    assert row["evidence"]


def test_scores_are_on_minus_one_to_one(scorer, rw_sentences):
    scored = scorer.score(rw_sentences[:400])
    for col in scorer.method_columns + ["sentiment", "sentiment_unmasked"]:
        assert scored[col].between(-1, 1).all(), col
    assert set(scored["label"].dropna().unique()) <= {-1, 0, 1}


def test_evidence_words_occur_in_the_text(scorer, rw_sentences):
    scored = scorer.score(rw_sentences[:200])
    for text, evidence in zip(rw_sentences[:200], scored["evidence_unmasked"]):
        tokens = set(lexicons.word_tokens(text))
        tokens |= {part for t in tokens for part in t.split("-")}  # lexicons also read hyphen parts
        for item in filter(None, evidence.split("; ")):
            term = item.rsplit(" ", 1)[0]
            assert set(term.split(" ")) <= tokens, (term, text)


def test_ensemble_beats_vader_on_both_devtest_files():
    # Issue 15 traded in-domain margin for a constrained headline: the bar is now to beat VADER
    # and the mean of standardised lexicons on each devtest file (was: VADER + 0.05).
    results = evaluation.evaluate(Scorer(methods=("vader", "afinn", "ensemble")))
    for unit in ("target", "sentence"):
        table = evaluation.headline_table(results, unit, "unmasked")
        for file in evaluation.DEVTEST_FILES:
            assert table.loc["ensemble", file] > table.loc["vader", file]
            assert table.loc["ensemble", file] > table.loc["lexicon_mean", file]
            assert table.loc["vader", file] > 0.4  # VADER itself works (published 0.49-0.55 range)


def test_committed_evaluation_matches_a_fresh_run():
    committed = json.loads((config.PROJ_ROOT / "docs" / "evaluation" / "sentiment.json").read_text())
    fresh = evaluation.evaluate()
    got = {(r["file"], r["unit"], r["masking"], r["method"]): round(r["macro_f1"], 4) for r in fresh.to_dict("records")}
    want = {(r["file"], r["unit"], r["masking"], r["method"]): r["macro_f1"] for r in committed["results"]}
    assert got == want, "rerun scripts/evaluate_sentiment.py and commit docs/evaluation"


def test_afinn_lexicon_agrees_with_the_afinn_package(rw_sentences):
    from afinn import Afinn

    package = Afinn()
    ours = lexicons.afinn()
    agree = sum(package.score(s) == ours.total(s) for s in rw_sentences)
    # The package's regex reads "won't" as the word "won" (+3); we keep contractions whole.
    assert agree / len(rw_sentences) >= 0.99


def test_fast_ngram_rows_equal_sklearn_transform(rw_sentences):
    vectorizer = model_mod.load_models()["ngram"].vectorizer  # shared with ensemble_old
    ours = model_mod.ngram_matrix(vectorizer, [lexicons.word_tokens(s) for s in rw_sentences])
    theirs = vectorizer.transform(rw_sentences)
    assert ours.shape == theirs.shape
    assert abs(ours - theirs).max() < 1e-12


def test_training_is_deterministic():
    rows = load_newsmtsc(config.NEWSMTSC_DIR / "train.jsonl").iloc[:1500]
    a = model_mod.fit("ensemble_old", rows["sentence"].tolist(), rows["label"].to_numpy())
    b = model_mod.fit("ensemble_old", rows["sentence"].tolist(), rows["label"].to_numpy())
    assert np.array_equal(a.classifier.coef_, b.classifier.coef_)


_FIT_IN_A_FRESH_PROCESS = """
import hashlib, sys
from quotelens import config
from quotelens.sentiment import model
from quotelens.sentiment.newsmtsc import load_newsmtsc
rows = load_newsmtsc(config.NEWSMTSC_DIR / "train.jsonl").iloc[:3000]
fitted = model.fit("ensemble_old", rows["sentence"].tolist(), rows["label"].to_numpy())
print(hashlib.sha256(fitted.classifier.coef_.tobytes()).hexdigest())
"""


def test_training_gives_the_same_bits_whatever_the_blas_threads():
    # A notebook kernel, a test process and a Dask worker may each run with another number
    # of BLAS threads; the cached model (and so every figure) must not depend on it. A fresh
    # process fits on one thread, this one on two (one fresh process, not two: the import and
    # the fit cost a few CPU-s each).
    import os
    import re
    import subprocess
    import sys

    from threadpoolctl import threadpool_limits

    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", _FIT_IN_A_FRESH_PROCESS], env=env, capture_output=True,
                         text=True, check=True)
    here = {}
    with threadpool_limits(limits=2):
        exec(_FIT_IN_A_FRESH_PROCESS.replace("print(hashlib", "digest = (hashlib"), here)
    assert re.fullmatch(r"[0-9a-f]{64}", here["digest"])
    assert out.stdout.strip() == here["digest"]


def test_model_cache_key_follows_the_training_data(tmp_path):
    train = tmp_path / "train.jsonl"
    source = (config.NEWSMTSC_DIR / "train.jsonl").read_bytes()
    train.write_bytes(source)
    first = model_mod.cache_key(train)
    train.write_bytes(source[:-200])
    assert model_mod.cache_key(train) != first


def test_score_table_keeps_columns_and_counts_rows_without_text(scorer):
    df = pd.DataFrame({"id": ["a", "b", "c"], "quote": ["We welcome this agreement.", "  ", None], "rating": [1, 2, 3]})
    out = score_table(df, scorer=scorer)
    assert list(out.columns[:3]) == ["id", "quote", "rating"]
    assert out["id"].tolist() == ["a", "b", "c"]
    assert out.attrs["sentiment_unscored"] == 2
    assert out["sentiment"].notna().tolist() == [True, False, False]
    assert out.loc[1, "evidence"] == ""


def test_score_table_errors_name_the_problem(scorer):
    df = pd.DataFrame({"body": ["x"]})
    with pytest.raises(ValueError, match="neither `quote` nor `text`"):
        score_table(df, scorer=scorer)
    with pytest.raises(ValueError, match="my.csv: no column 'text'"):
        score_table(df, text_column="text", scorer=scorer, source="my.csv")
    scored = score_table(pd.DataFrame({"text": ["fine"]}), scorer=scorer)
    with pytest.raises(ValueError, match="already has sentiment column"):
        score_table(scored, scorer=scorer)


def test_unknown_method_is_rejected():
    with pytest.raises(ValueError, match="unknown sentiment method"):
        Scorer(methods=("vader", "bert"))


def test_model_cache_is_reused_and_pruned(tmp_path):
    rows = load_newsmtsc(config.NEWSMTSC_DIR / "train.jsonl").iloc[:800]
    train = tmp_path / "train.jsonl"
    source = (config.NEWSMTSC_DIR / "train.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    train.write_text("".join(source[:600]), encoding="utf-8")
    cache = tmp_path / "cache"
    stale = cache / "models-0000000000000000.pkl"
    cache.mkdir()
    stale.write_bytes(b"old")
    first = model_mod.load_models(str(train), str(cache))
    files = sorted(p.name for p in cache.iterdir())
    assert files == [f"models-{model_mod.cache_key(train)}.pkl"]  # the stale model is gone
    model_mod.load_models.cache_clear()
    again = model_mod.load_models(str(train), str(cache))  # read back from the pickle
    texts = rows["sentence"].tolist()[:50]
    assert np.array_equal(first["ensemble_old"].probabilities(texts), again["ensemble_old"].probabilities(texts))
    assert np.array_equal(first["ensemble"].lexicon_weights, again["ensemble"].lexicon_weights)
    assert np.array_equal(first["ensemble"].ngram_weights, again["ensemble"].ngram_weights)
