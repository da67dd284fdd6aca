"""One place that resolves every path the project reads or writes.

Paths in configs and notebook parameters are relative to the project root, so a notebook
behaves the same whether JupyterLab, papermill or pytest started it, from any directory.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[2]

DATA_DIR = PROJ_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
ACTORS_DIR = DATA_DIR / "actors"
GOLD_DIR = DATA_DIR / "gold"
PROCESSED_DIR = DATA_DIR / "processed"
FIGURES_DIR = PROJ_ROOT / "figures"
REPORTS_DIR = PROJ_ROOT / "reports"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
CONFIGS_DIR = PROJ_ROOT / "configs"
SEEDS_DIR = PROJ_ROOT / "seeds"
#: Environment variable that moves the generated resources (BUILD_DIR) out of the project:
#: `quotelens report --output DIR` sets it for its kernels to `user_cache_dir()`, so a run on
#: one's own corpus writes nothing into the project tree.
CACHE_ENV = "QUOTELENS_CACHE_DIR"
# Generated, git-ignored resources: the nltk_data folder and the trained sentiment models
# (quotelens.sentiment.model). In the project's build/ unless CACHE_ENV names another folder.
BUILD_DIR = Path(os.environ[CACHE_ENV]).expanduser() if os.environ.get(CACHE_ENV) else PROJ_ROOT / "build"
NLTK_DATA_DIR = BUILD_DIR / "nltk_data"

# The embedded default corpora (copies of the provided source corpora; provenance in data/raw/README.md).
FAKES_CSV = RAW_DIR / "fa-kes" / "FA-KES-Dataset.csv"
NEWSMTSC_DIR = RAW_DIR / "newsmtsc"


def resolve(path: str | os.PathLike, root: Path | None = None) -> Path:
    """Return `path` as an absolute path; relative paths are taken from the project root
    (or from `root` when given)."""
    p = Path(path).expanduser()
    if p.is_absolute():
        return p
    return (root or PROJ_ROOT) / p


def relative(path: str | os.PathLike) -> str:
    """`path` relative to the project root when it lies inside it (for stable, portable
    provenance strings in tables), else the absolute path as a string."""
    p = Path(path).resolve()
    try:
        return p.relative_to(PROJ_ROOT).as_posix()
    except ValueError:
        return p.as_posix()


def user_cache_dir() -> Path:
    """Where a run on a user's corpus keeps trained models and built resources: $QUOTELENS_CACHE_DIR
    when set, else $XDG_CACHE_HOME/quotelens, else ~/.cache/quotelens (never inside the project)."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser().absolute()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser().absolute() / "quotelens"
