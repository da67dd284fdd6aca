"""Fit the target-sentiment model on NewsMTSC train exactly as `load_target_model` would and
write it, with its cache key, into the package (src/quotelens/sentiment/models/target_model.*).

Run it after any change that changes `quotelens.sentiment.targets.cache_key` (the training file,
targets.py, the feature modules, the tagger or chunker, the sentence models' code or lexicons,
the library versions): tests/test_sentiment_model_cache.py fails until then, and meanwhile
`load_target_model` fits the model itself (about a minute) instead of reading the stale file.

    .venv/bin/python scripts/ship_target_model.py [--out-dir DIR]

The written bytes are the same on every run (checked: run it twice and compare the sha256 it
prints). Before writing it checks that the model read back from the bytes scores NewsMTSC's
devtest targets bit for bit as the model just fitted. Prints the key, size (bytes) and sha256.
"""

from __future__ import annotations

import argparse
import hashlib
import lzma
import pickle
import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np

from quotelens import config
from quotelens.sentiment import model as sentence_models
from quotelens.sentiment import shipped, targets
from quotelens.sentiment.newsmtsc import load_newsmtsc


def details(train: Path) -> dict:
    """What the manifest records besides the key (for people; the key alone decides)."""
    try:
        shown = str(train.resolve().relative_to(config.PROJ_ROOT))
    except ValueError:
        shown = train.name
    return {
        "model": "quotelens.sentiment.targets.TargetModel",
        "model_version": targets.MODEL_VERSION,
        "training_file": shown,
        "training_sha256": hashlib.sha256(train.read_bytes()).hexdigest(),
        "training_licence": "NewsMTSC, MIT (data/raw/newsmtsc/LICENSE)",
        "fitted_with": {"python": ".".join(map(str, sys.version_info[:3])), "numpy": version("numpy"),
                        "scipy": version("scipy"), "scikit-learn": version("scikit-learn"),
                        "nltk": version("nltk")},
        "written_by": "scripts/ship_target_model.py",
    }


def same_scores(a: targets.TargetModel, b: targets.TargetModel) -> bool:
    """Whether two models give bit-identical probabilities on NewsMTSC devtest_rw's targets."""
    rows = load_newsmtsc(config.NEWSMTSC_DIR / "devtest_rw.jsonl")
    first = targets.score_targets(rows["sentence"], rows["start"], rows["end"], model=a)
    second = targets.score_targets(rows["sentence"], rows["start"], rows["end"], model=b)
    return first.to_numpy().tobytes() == second.to_numpy().tobytes() and bool(np.isfinite(first.to_numpy()).all())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=shipped.MODELS_DIR, help="folder to write (default: the package's)")
    args = parser.parse_args(argv)
    train = sentence_models.train_path_default()
    key = targets.cache_key(train)
    fitted = targets.fit_file(train)  # what load_target_model fits on a miss
    again = pickle.loads(lzma.decompress(shipped.encode(fitted)))
    if not same_scores(fitted, again):
        print("error: the model read back from its bytes scores differently; nothing written", file=sys.stderr)
        return 1
    path = shipped.write(targets.SHIPPED_NAME, key, fitted, details(train), args.out_dir)
    data = path.read_bytes()
    print(f"key {key}  {path}  {len(data)} bytes  sha256 {hashlib.sha256(data).hexdigest()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
