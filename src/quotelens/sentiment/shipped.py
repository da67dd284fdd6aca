"""Fitted sentiment models shipped with the package (quotelens/sentiment/models/), so that a
fresh clone and a user's first report do not fit them (the target model takes about a minute).

Each model is two files: NAME.pkl.xz (the fitted object, pickled with protocol
`PICKLE_PROTOCOL` and xz-compressed; the bytes are the same on every run of the script that
writes them) and NAME.json (the manifest: the model's cache key, the sha256 and size of the
.pkl.xz, the training file's sha256, the versions it was fitted with). A shipped model is
read only when its manifest's key equals the key the caller computes now from the training
file, the code and the library versions; otherwise the caller fits as before, so a changed
model is never silently reused. The .pkl.xz is unpickled only after its sha256 matches the
manifest's. Written by scripts/ship_target_model.py; nothing here fits anything.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import pickle
from pathlib import Path

#: The folder of the shipped models (package data).
MODELS_DIR = Path(__file__).resolve().parent / "models"
PICKLE_PROTOCOL = 5  # fixed, not HIGHEST_PROTOCOL, so a newer Python writes the same bytes


def manifest_path(name: str, folder: Path | None = None) -> Path:
    """The manifest (NAME.json) of shipped model `name`."""
    return Path(folder or MODELS_DIR) / f"{name}.json"


def model_path(name: str, folder: Path | None = None) -> Path:
    """The pickled, xz-compressed model (NAME.pkl.xz) of shipped model `name`."""
    return Path(folder or MODELS_DIR) / f"{name}.pkl.xz"


def shipped_key(name: str, folder: Path | None = None) -> str | None:
    """The cache key in shipped model `name`'s manifest, or None when none is shipped."""
    path = manifest_path(name, folder)
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))["cache_key"]


def read(name: str, key: str, folder: Path | None = None):
    """Shipped model `name` if its manifest's key is `key` and its bytes are the ones the
    manifest names (sha256), else None (the caller then fits)."""
    if shipped_key(name, folder) != key:
        return None
    manifest = json.loads(manifest_path(name, folder).read_text(encoding="utf-8"))
    data = model_path(name, folder).read_bytes()
    if hashlib.sha256(data).hexdigest() != manifest["sha256"]:
        return None  # a damaged or half-replaced file: fit instead
    return pickle.loads(lzma.decompress(data))


def encode(model) -> bytes:
    """The bytes of NAME.pkl.xz for `model` (pickle protocol PICKLE_PROTOCOL, xz preset 9)."""
    return lzma.compress(pickle.dumps(model, protocol=PICKLE_PROTOCOL), format=lzma.FORMAT_XZ, preset=9)


def write(name: str, key: str, model, details: dict, folder: Path | None = None) -> Path:
    """Write shipped model `name` (NAME.pkl.xz and NAME.json, keys sorted) under `key`;
    `details` (JSON-able: training file, versions, ...) join the manifest. Returns the .pkl.xz
    path."""
    folder = Path(folder or MODELS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    data = encode(model)
    model_path(name, folder).write_bytes(data)
    manifest = dict(details, cache_key=key, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data),
                    file=model_path(name, folder).name)
    manifest_path(name, folder).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return model_path(name, folder)
