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
# Generated, git-ignored resources (the project-local nltk_data folder lives here).
BUILD_DIR = PROJ_ROOT / "build"
NLTK_DATA_DIR = BUILD_DIR / "nltk_data"

# The embedded default corpora (copies of ../shared/corpora with provenance in data/raw/README.md).
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
