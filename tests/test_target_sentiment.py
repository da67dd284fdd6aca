"""Sentiment towards each target (quotelens.sentiment.targets), the Targets table of statements
(quotelens.compare.statement_targets) and the signed speaks-about network
(quotelens.compare.signed_network, network_plots): issue 15, item 2."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import zlib

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

from quotelens import config
from quotelens.compare import comparisons as cmp
from quotelens.compare import networks
from quotelens.compare import network_plots, signed_network, statement_targets
from quotelens.extract.registry import default_registry_path
from quotelens.figure_labels import overlapping_texts
from quotelens.sentiment import constrained, targets
from quotelens.sentiment import model as sentence_model
from quotelens.sentiment.newsmtsc import load_newsmtsc, macro_f1

# On a fresh clone the models are fitted once per run (tests/conftest.py), not here and in the
# report run's notebook 05 at the same time.
pytestmark = pytest.mark.usefixtures("target_model_fitted")


# --------------------------------------------------------------------------------------------
# The model on NewsMTSC
# --------------------------------------------------------------------------------------------


def test_target_model_beats_the_headline_per_target_on_held_out_train():
    # A fifth of train's stories/articles (by a hash of the group key, not by looking) is held
    # out; the target model and both sentence models whose tones it reads (headline, n-gram)
    # are fitted on the rest only.
    rows = load_newsmtsc(config.NEWSMTSC_DIR / "train.jsonl")
    held = rows["sentence_id"].map(lambda s: zlib.crc32(targets.article_key(s).encode()) % 5 == 0).to_numpy()
    fit_rows, held_rows = rows[~held].reset_index(drop=True), rows[held].reset_index(drop=True)
    assert len(held_rows) > 1000
    headline = constrained.fit(constrained.TextParts.of(fit_rows["sentence"].tolist()), fit_rows["label"].to_numpy())
    ngram = sentence_model.fit("ngram", fit_rows["sentence"].tolist(), fit_rows["label"].to_numpy())
    model = targets.fit(fit_rows)
    scored = targets.score_targets(held_rows["sentence"], held_rows["start"], held_rows["end"], model=model,
                                   headline=headline, ngram_model=ngram)
    truth = held_rows["label"].to_numpy()
    target_f1 = macro_f1(truth, scored["label"])
    headline_f1 = macro_f1(truth, headline.labels(scored["tone"].to_numpy()))
    assert target_f1 > headline_f1 + 0.03, (target_f1, headline_f1)
    assert np.all(np.abs(scored["score"]) <= 1)
    assert np.allclose(scored[["p_negative", "p_neutral", "p_positive"]].sum(axis=1), 1)


@pytest.mark.parametrize("file", ["devtest_mt.jsonl", "devtest_rw.jsonl"])
def test_targets_of_opposite_polarity_in_one_sentence_are_told_apart(file):
    # Rule: every devtest sentence with exactly two targets, one labelled negative and one
    # positive (46 in mt, 5 in rw). A sentence-level score gives both the same value, so it can
    # neither order them nor give them opposite signs.
    rows = load_newsmtsc(config.NEWSMTSC_DIR / file)
    pairs = rows.groupby("line").filter(lambda g: len(g) == 2 and set(g["label"]) == {-1, 1})
    assert pairs["line"].nunique() >= 5
    pairs = pairs.assign(score=targets.score_targets(pairs["sentence"], pairs["start"], pairs["end"])["score"].to_numpy())
    negative = pairs[pairs["label"] == -1].set_index("line")["score"]
    positive = pairs[pairs["label"] == 1].set_index("line")["score"].reindex(negative.index)
    assert (positive > negative).mean() >= 0.7  # measured: version 3 0.83 (mt), 0.80 (rw); version 2 0.76, 0.80
    assert ((positive > 0) & (negative < 0)).mean() >= 0.15  # version 3 0.24 (mt), 0.60 (rw); version 2 0.30, 0.60


def test_target_model_on_devtest_with_the_character_tone():
    # Devtest is read only to check (the design and settings were chosen on train). Measured
    # per-target macro-F1: version 3 (character tone) 0.663 (mt) / 0.685 (rw); version 2 0.663 /
    # 0.671, so the rw floor fails without the character tone. The issue asks for 0.70 on both:
    # not met (docs/sentiment_designs.md).
    floors = {"devtest_mt.jsonl": 0.655, "devtest_rw.jsonl": 0.68}
    for file, floor in floors.items():
        rows = load_newsmtsc(config.NEWSMTSC_DIR / file)
        scored = targets.score_targets(rows["sentence"], rows["start"], rows["end"])
        assert macro_f1(rows["label"].to_numpy(), scored["label"].to_numpy()) >= floor, file


def test_target_sentiment_one_call_per_text():
    text = "Critics accused the minister of lying, while the envoy was praised for his patience."
    minister, envoy = text.index("the minister"), text.index("the envoy")
    scores = targets.target_sentiment(text, [(minister, minister + 12), (envoy, envoy + 9)])
    assert len(scores) == 2 and all(-1 <= s <= 1 for s in scores)
    assert targets.target_sentiment(text, []) == []
    with pytest.raises(ValueError, match="not inside the text"):
        targets.target_sentiment(text, [(5, 500)])


_FIT_IN_A_FRESH_PROCESS = """
import hashlib
from quotelens import config
from quotelens.sentiment import targets
from quotelens.sentiment.newsmtsc import load_newsmtsc
rows = load_newsmtsc(config.NEWSMTSC_DIR / "train.jsonl").iloc[:500]
model = targets.fit(rows)
held = load_newsmtsc(config.NEWSMTSC_DIR / "devtest_rw.jsonl").iloc[:300]
scores = targets.score_targets(held["sentence"], held["start"], held["end"], model=model)
h = hashlib.sha256(model.coef.tobytes() + model.intercept.tobytes() + "|".join(model.words).encode())
h.update(scores.to_numpy().tobytes())
print(h.hexdigest())
"""


def test_target_model_is_the_same_bits_in_every_process():
    # A fresh process fits on one BLAS thread; this process fits the same rows on two. One fresh
    # process, not two: each costs an import and the sentence models' load besides the fit. The
    # question is the fitting code's bits, not the model's quality: 500 real train rows (143
    # articles, every fold and step of `targets.fit`) ask it as 1,500 did, at ~2 CPU-s less a fit.
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", _FIT_IN_A_FRESH_PROCESS], env=env, capture_output=True, text=True,
                         check=True)
    here = {}
    with threadpool_limits(limits=2):
        exec(_FIT_IN_A_FRESH_PROCESS.replace("print(h.hexdigest())", "digest = h.hexdigest()"), here)
    assert re.fullmatch(r"[0-9a-f]{64}", here["digest"])
    assert out.stdout.strip() == here["digest"]


def test_cache_key_follows_data_and_code(tmp_path, monkeypatch):
    train = config.NEWSMTSC_DIR / "train.jsonl"
    first = targets.cache_key(train)
    assert targets.cache_key(train) == first
    shorter = tmp_path / "train.jsonl"
    shorter.write_text("".join(train.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8")
    assert targets.cache_key(shorter) != first
    monkeypatch.setattr(targets, "MODEL_VERSION", targets.MODEL_VERSION + "-changed")
    assert targets.cache_key(train) != first


def test_newsmtsc_rows_carry_the_target_offsets():
    rows = load_newsmtsc(config.NEWSMTSC_DIR / "devtest_mt.jsonl")
    assert all(s[a:b] == t for s, a, b, t in zip(rows["sentence"], rows["start"], rows["end"], rows["target"]))


# --------------------------------------------------------------------------------------------
# Targets of real statements (the default corpus: seed + FA-KES) and the signed network
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(default_load, default_statements_syria_shared):
    """Articles, statements in context and the Targets table of the default corpus, with the
    default registry (as configs/default.yaml runs it); the articles and statements are the
    session's (tests/conftest.py), loaded and extracted once per test run."""
    articles = default_load.articles
    ctx = cmp.statements_in_context(default_statements_syria_shared, articles)
    table = statement_targets.statement_targets(ctx, networks.registry_aliases(default_registry_path()))
    return articles, ctx, table


def test_targets_point_into_the_article_text(corpus):
    articles, ctx, table = corpus
    text = dict(zip(articles["article_id"], articles["text"]))
    assert len(table) > 1000
    assert all(text[a][s:e] == m for a, s, e, m in zip(table["article_id"], table["target_start"], table["target_end"],
                                                       table["mention"]))
    starts = ctx.set_index("statement_id")
    inside = [starts.loc[sid, "start"] <= s and e <= starts.loc[sid, "end"]
              for sid, s, e in zip(table["statement_id"], table["target_start"], table["target_end"])]
    assert all(inside)
    assert list(table.columns) == statement_targets.TARGET_COLUMNS
    assert table["score"].between(-1, 1).all() and set(table["label"]) <= {-1, 0, 1}


def test_the_accused_are_negative(corpus):
    # Rule: every target mention right after "accused"/"accuses"/"accusing" (optionally "the").
    articles, _, table = corpus
    text = dict(zip(articles["article_id"], articles["text"]))
    accused = [bool(re.search(r"\baccus(?:ed|es|ing)\s+(?:the\s+)?$", text[a][max(0, s - 40):s]))
               for a, s in zip(table["article_id"], table["target_start"])]
    chosen = table[accused]
    assert len(chosen) >= 10
    assert chosen["score"].mean() < -0.3
    assert (chosen["label"] == -1).mean() >= 0.8


def test_signed_network_has_n_and_an_interval_on_every_edge(corpus):
    _, _, table = corpus
    affiliations = statement_targets.registry_affiliations(default_registry_path())
    assert "United Nations" in affiliations["Staffan de Mistura"]  # side UN
    assert "Syrian Observatory for Human Rights" in affiliations["Rami Abdel Rahman"]  # speaks_for
    edges = signed_network.speaks_about_sentiment(table, affiliations, seed=0)
    assert len(edges) >= 20
    assert (edges["n_statements"] >= 1).all() and (edges["n_articles"] >= 2).all()
    assert np.isfinite(edges[["mean", "ci_low", "ci_high"]].to_numpy()).all()
    assert ((edges["ci_low"] <= edges["mean"]) & (edges["mean"] <= edges["ci_high"])).all()
    assert not (edges["source"] == edges["target"]).any()
    assert not any(signed_network.is_own(affiliations, s, t) for s, t in zip(edges["source"], edges["target"]))
    unlinked = signed_network.speaks_about_sentiment(table, {}, seed=0)
    assert any(signed_network.is_own(affiliations, s, t) for s, t in zip(unlinked["source"], unlinked["target"]))
    per_statement = signed_network.statement_scores(table, affiliations)
    for edge in edges.head(5).itertuples():
        behind = per_statement[(per_statement["speaker"] == edge.source) & (per_statement["target"] == edge.target)]
        assert len(behind) == edge.n_statements and behind["score"].mean() == pytest.approx(edge.mean)
    again = signed_network.speaks_about_sentiment(table, affiliations, seed=0)
    pd.testing.assert_frame_equal(edges, again)


def test_signed_network_figure_labels_stand_apart(corpus):
    _, _, table = corpus
    edges = signed_network.speaks_about_sentiment(table, seed=0)
    fig, data = network_plots.plot_signed_network(edges, min_statements=5, max_edges=30, title="test")
    assert len(data) == min(30, int((edges["n_statements"] >= 5).sum()))
    assert (data["n_statements"] >= 5).all()
    ax, bar = fig.axes
    assert overlapping_texts(fig, list(ax.texts)) == []
    renderer = fig.canvas.get_renderer()
    assert not [t.get_text() for t in ax.texts if t.get_window_extent(renderer).overlaps(bar.get_tightbbox(renderer))]
    with pytest.raises(ValueError, match="no speaks-about edge"):
        network_plots.plot_signed_network(edges, min_statements=10**6)
    import matplotlib.pyplot as plt

    plt.close(fig)


def test_names_in_text_without_a_registry():
    # No registry: the speakers' names, and proper names the tagger finds in the quote.
    # The third quote is written as FA-KES writes (apostrophes and commas lost).
    ctx = pd.DataFrame({
        "statement_id": ["a:0", "a:100", "b:0", "b:50"], "article_id": ["a", "a", "b", "b"],
        "speaker": ["Sergei Lavrov", "John Kerry", "John Kerry", "John Kerry"],
        "quote": ["Kerry and President Bashar al-Assad met in Geneva on Monday.", "Lavrov is wrong, and Assad must go.",
                  "Activists said Syrias army shelled Homs Wednesday killing 20", "Syria has denied it"],
        "start": [0, 100, 0, 50],
    })
    table = statement_targets.statement_targets(ctx, {"Sergei Lavrov": ["Lavrov"], "John Kerry": ["Kerry"]},
                                                names_in_text=True)
    found = set(zip(table["statement_id"], table["target"], table["found_by"]))
    assert ("a:0", "John Kerry", statement_targets.FOUND_BY_ALIAS) in found
    assert ("a:0", "Bashar al-Assad", statement_targets.FOUND_BY_NAME) in found  # the title is not part of it
    assert ("a:100", "Bashar al-Assad", statement_targets.FOUND_BY_NAME) in found  # "Assad": the one full name
    assert ("a:100", "Sergei Lavrov", statement_targets.FOUND_BY_ALIAS) in found
    assert ("b:0", "Syria", statement_targets.FOUND_BY_NAME) in found  # "Syrias": a lost apostrophe
    assert ("b:0", "Homs", statement_targets.FOUND_BY_NAME) in found  # the day after a name is not part of it
    assert not {"Monday", "Wednesday", "Homs Wednesday"} & set(table["target"])
    assert table.loc[table["mention"] == "Bashar al-Assad", "target_start"].item() == ctx["quote"][0].index("Bashar")


def test_a_statements_targets_do_not_depend_on_the_other_statements(corpus):
    _, ctx, table = corpus
    again = statement_targets.statement_targets(ctx.head(300), networks.registry_aliases(default_registry_path()))
    first = table[table["statement_id"].isin(set(ctx.head(300)["statement_id"]))].reset_index(drop=True)
    digest = lambda t: hashlib.sha256(pd.util.hash_pandas_object(t, index=False).to_numpy().tobytes()).hexdigest()
    assert digest(again) == digest(first)
