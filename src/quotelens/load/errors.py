"""What loading reports: the rejection of one input unit, the warning for a file loaded
uncleanly, and the result of a load (articles, rejected units, count read).

Reads nothing; the other load modules raise and return these.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


class CorpusWarning(UserWarning):
    """A file was loaded, but not cleanly (e.g. decoded with a fallback encoding)."""


class RejectedInput(ValueError):
    """One input unit (file, row or line) that cannot be loaded; `reason` says why."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


@dataclass
class LoadResult:
    """What `load_corpus` read.

    articles: one row per loaded article (ARTICLE_COLUMNS, then passed-through input columns).
    rejected: one row per input unit not loaded: origin, file, line (line or row number,
        1-based; <NA> for a whole file) and reason.
    read: input units read (.txt files, table rows, JSONL lines, and unreadable/empty table
        files counted once each); always ``len(articles) + len(rejected)``.
    """

    articles: pd.DataFrame
    rejected: pd.DataFrame
    read: int

    def summary(self) -> str:
        """One line reconciling the counts, e.g. ``read 806 = loaded 805 + rejected 1``."""
        return f"read {self.read} = loaded {len(self.articles)} + rejected {len(self.rejected)}"
