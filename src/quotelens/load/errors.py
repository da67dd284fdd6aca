"""What loading reports: the rejection of one input unit, the warning for a file loaded
uncleanly, the error for a corpus with nothing to load, and the result of a load (articles,
rejected units, count read, entries skipped).

Reads nothing; the other load modules raise and return these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


class CorpusWarning(UserWarning):
    """A file was loaded, but not cleanly (e.g. decoded with a fallback encoding)."""


class RejectedInput(ValueError):
    """One input unit (file, row or line) that cannot be loaded; `reason` says why."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


class NoArticlesError(ValueError):
    """Nothing in the given paths is an input the loader reads: no article and no rejected
    unit. `skipped` holds (entry, reason) for every entry passed over, and the message names
    them on one line (a ValueError, so the command line reports it as a usage error)."""

    #: Entries named in the message; the rest are counted ("and 12 more").
    SHOWN = 8

    def __init__(self, paths: list[str], skipped: list[tuple[str, str]]):
        self.paths = list(paths)
        self.skipped = list(skipped)
        where = ", ".join(self.paths) or "no paths"
        if not self.skipped:
            message = f"{where}: no articles to load (no files found)"
        else:
            shown = [f"{self._below(entry)} ({reason})" for entry, reason in self.skipped[: self.SHOWN]]
            more = len(self.skipped) - len(shown)
            message = (f"{where}: no articles to load; skipped {len(self.skipped)} "
                       f"entr{'y' if len(self.skipped) == 1 else 'ies'}: " + "; ".join(shown)
                       + (f"; and {more} more" if more else ""))
        super().__init__(message)

    def _below(self, entry: str) -> str:
        """`entry` named from the given folder it lies in (the message names that folder once)."""
        for given in self.paths:
            if entry.startswith(given.rstrip("/") + "/"):
                return entry[len(given.rstrip("/")) + 1:]
        return entry


@dataclass
class LoadResult:
    """What `load_corpus` read.

    articles: one row per loaded article (ARTICLE_COLUMNS, then passed-through input columns).
    rejected: one row per input unit not loaded: origin, file, line (line or row number,
        1-based; <NA> for a whole file) and reason.
    read: input units read (.txt files, table rows, JSONL lines, and unreadable/empty table
        files counted once each); always ``len(articles) + len(rejected)``.
    skipped: (entry, reason) for each folder entry that is not an input and so is not a unit:
        another suffix, a hidden name, a symbolic link loop, a file already reached by another
        path. Not counted in `read`.
    """

    articles: pd.DataFrame
    rejected: pd.DataFrame
    read: int
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line reconciling the counts, e.g. ``read 806 = loaded 805 + rejected 1``, then
        ``; skipped 2 (not input files)`` when folder entries were passed over."""
        line = f"read {self.read} = loaded {len(self.articles)} + rejected {len(self.rejected)}"
        if self.skipped:
            line += f"; skipped {len(self.skipped)} (not input files)"
        return line
