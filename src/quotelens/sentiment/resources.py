"""Offline language resources, built from pinned packages (no network, ever).

NLTK's VADER looks for ``sentiment/vader_lexicon.zip`` on ``nltk.data.path``; NLTK cannot
download it here, so we build that zip from the lexicon that the pinned ``vaderSentiment``
package ships, inside a project-local, git-ignored nltk_data folder.
"""

from __future__ import annotations

import hashlib
import zipfile
from importlib import resources as importlib_resources
from pathlib import Path

from quotelens import config
from quotelens.tables import atomic_path

VADER_ZIP = Path("sentiment") / "vader_lexicon.zip"
VADER_MEMBER = "vader_lexicon/vader_lexicon.txt"


def vader_lexicon_text() -> bytes:
    """The VADER lexicon (tab-separated token, mean, sd, ratings) as shipped by vaderSentiment."""
    return importlib_resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_bytes()


def ensure_nltk_data(root: Path | None = None) -> Path:
    """Build (if missing or stale) the project-local nltk_data folder and put it first on
    ``nltk.data.path``. Returns the folder. Safe to call many times."""
    import nltk

    root = Path(root or config.NLTK_DATA_DIR)
    lexicon = vader_lexicon_text()
    target = root / VADER_ZIP
    digest = hashlib.sha256(lexicon).hexdigest()
    stamp = target.with_suffix(".sha256")
    if not (target.exists() and stamp.exists() and stamp.read_text().strip() == digest):
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as tmp:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                # Fixed timestamp so the zip is byte-identical on every build.
                info = zipfile.ZipInfo(VADER_MEMBER, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, lexicon)
        with atomic_path(stamp) as tmp:
            tmp.write_text(digest + "\n")
    root_str = str(root)
    if root_str in nltk.data.path:
        nltk.data.path.remove(root_str)
    nltk.data.path.insert(0, root_str)
    return root


def nltk_vader():
    """NLTK's own ``SentimentIntensityAnalyzer``, loaded from the project-local lexicon."""
    ensure_nltk_data()
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer(lexicon_file=f"sentiment/vader_lexicon.zip/{VADER_MEMBER}")
