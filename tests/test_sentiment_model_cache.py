"""The target-sentiment model shipped with the package (quotelens.sentiment.shipped,
src/quotelens/sentiment/models/target_model.*): read only while its key is the current
`targets.cache_key`, else fitted into the build cache as before (issue 15, item 4; issue 11:
a fresh clone no longer fits it)."""

from __future__ import annotations

import hashlib
import json

import pytest

from quotelens import config
from quotelens.sentiment import shipped, target_features, targets
from quotelens.sentiment.newsmtsc import load_newsmtsc

TRAIN = config.NEWSMTSC_DIR / "train.jsonl"
SMALL_LINES = 300  # first lines of NewsMTSC train: a fit of a few CPU-seconds


def test_the_shipped_target_model_has_the_current_key():
    # Fails after any change to the training file, targets.py, the feature modules, the tagger,
    # the sentence models' code or the library versions, until the model is shipped again.
    assert shipped.shipped_key(targets.SHIPPED_NAME) == targets.cache_key(TRAIN), \
        "the shipped target model is stale: run .venv/bin/python scripts/ship_target_model.py"


def test_the_shipped_bytes_are_the_manifests():
    manifest = json.loads(shipped.manifest_path(targets.SHIPPED_NAME).read_text(encoding="utf-8"))
    data = shipped.model_path(targets.SHIPPED_NAME).read_bytes()
    assert hashlib.sha256(data).hexdigest() == manifest["sha256"] and len(data) == manifest["bytes"]
    assert manifest["training_sha256"] == hashlib.sha256(TRAIN.read_bytes()).hexdigest()
    assert manifest["model_version"] == targets.MODEL_VERSION


def test_load_target_model_reads_the_shipped_model_without_fitting(tmp_path, monkeypatch):
    monkeypatch.setattr(targets, "fit_file", lambda train: pytest.fail("fitted although the shipped key matches"))
    model = targets.load_target_model.__wrapped__(None, str(tmp_path))
    assert list(tmp_path.iterdir()) == []  # nothing fitted, nothing cached
    assert model.coef.shape == (3, len(target_features.DENSE_FEATURES) + len(model.words)) and len(model.words) == targets.N_WORDS
    assert model.char_model is not None


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A small NewsMTSC-format training file and the model load_target_model fits on it (its
    key is not the shipped one, so it falls back to fitting into the given cache folder)."""
    root = tmp_path_factory.mktemp("small_target_model")
    train = root / "train.jsonl"
    train.write_text("".join(TRAIN.read_text(encoding="utf-8").splitlines(keepends=True)[:SMALL_LINES]), encoding="utf-8")
    cache = root / "cache"
    model = targets.load_target_model.__wrapped__(str(train), str(cache))
    return train, cache, model


def _scores(model):
    rows = load_newsmtsc(config.NEWSMTSC_DIR / "devtest_rw.jsonl").iloc[:200]
    return targets.score_targets(rows["sentence"], rows["start"], rows["end"], model=model).to_numpy()


def test_a_key_not_shipped_is_fitted_and_cached(small):
    train, cache, _ = small
    assert targets.cache_key(train) != shipped.shipped_key(targets.SHIPPED_NAME)
    assert [p.name for p in cache.iterdir()] == [f"targets-{targets.cache_key(train)}.pkl"]


def test_a_shipped_model_scores_as_the_model_fitted_in_process(small, tmp_path, monkeypatch):
    train, _, fitted = small
    folder = tmp_path / "models"
    shipped.write(targets.SHIPPED_NAME, targets.cache_key(train), fitted, {"training_file": train.name}, folder)
    assert shipped.encode(fitted) == shipped.model_path(targets.SHIPPED_NAME, folder).read_bytes()  # same bytes twice
    monkeypatch.setattr(shipped, "MODELS_DIR", folder)
    monkeypatch.setattr(targets, "fit_file", lambda train: pytest.fail("fitted although the shipped key matches"))
    read = targets.load_target_model.__wrapped__(str(train), str(tmp_path / "empty"))
    assert read is not fitted
    assert _scores(read).tobytes() == _scores(fitted).tobytes()
    assert not (tmp_path / "empty").exists()


def test_a_changed_key_fits_instead_of_reading_the_shipped_model(small, tmp_path, monkeypatch):
    # The shipped file holds the small model under its key; then the code "changes" (the key
    # is monkeypatched), and the loader must fit rather than reuse it. The fit is recorded and
    # answered with the small model, so that the test does not fit twice.
    train, _, fitted = small
    folder = tmp_path / "models"
    shipped.write(targets.SHIPPED_NAME, targets.cache_key(train), fitted, {}, folder)
    monkeypatch.setattr(shipped, "MODELS_DIR", folder)
    monkeypatch.setattr(targets, "cache_key", lambda path: "0123456789abcdef")
    calls = []
    monkeypatch.setattr(targets, "fit_file", lambda path: calls.append(path) or fitted)
    targets.load_target_model.__wrapped__(str(train), str(tmp_path / "cache"))
    assert calls == [train]
    assert (tmp_path / "cache" / "targets-0123456789abcdef.pkl").exists()


def test_damaged_shipped_bytes_are_not_read(small, tmp_path, monkeypatch):
    train, _, fitted = small
    folder = tmp_path / "models"
    path = shipped.write(targets.SHIPPED_NAME, targets.cache_key(train), fitted, {}, folder)
    path.write_bytes(path.read_bytes()[:-10])
    assert shipped.read(targets.SHIPPED_NAME, targets.cache_key(train), folder) is None
    assert shipped.read(targets.SHIPPED_NAME, "another key", folder) is None
