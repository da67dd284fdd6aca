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
    """Nothing in the given paths loads as an article: no input at all (every entry skipped),
    or every record read was rejected. `skipped` holds (entry, reason) for every entry passed
    over; `rejected` (file, line or None, reason) for every record read and rejected, `read`
    their number. The message names them on one line (a ValueError, so the command line
    reports it as a usage error), e.g. "a.jsonl: no articles to load; 3 records read, all
    rejected: 3 in a.jsonl (line 1: missing text; ...)"."""

    #: Entries and rejection reasons named in the message; the rest are counted ("and 12 more").
    SHOWN = 8

    def __init__(self, paths: list[str], skipped: list[tuple[str, str]],
                 rejected: list[tuple[str, int | None, str]] | None = None):
        self.paths = list(paths)
        self.skipped = list(skipped)
        self.rejected = list(rejected or [])
        self.read = len(self.rejected)
        where = ", ".join(self.paths) or "no paths"
        parts = []
        if self.rejected:
            parts.append(self._rejections())
        if self.skipped:
            shown = [f"{self._below(entry)} ({reason})" for entry, reason in self.skipped[: self.SHOWN]]
            more = len(self.skipped) - len(shown)
            parts.append(f"skipped {len(self.skipped)} entr{'y' if len(self.skipped) == 1 else 'ies'}: "
                         + "; ".join(shown) + (f"; and {more} more" if more else ""))
        if not parts:
            message = f"{where}: no articles to load (no files found)"
        else:
            message = f"{where}: no articles to load; " + "; ".join(parts)
        super().__init__(" ".join(message.split()))  # one line, whatever a reason holds

    def _rejections(self) -> str:
        """ "N records read, all rejected: K in FILE (line 1: reason; lines 2, 3: reason), ..."
        with at most SHOWN reasons named (repeated reasons of one file given once, with their
        lines)."""
        by_file: dict[str, dict[str, list[int | None]]] = {}
        for file, line, reason in self.rejected:
            by_file.setdefault(file, {}).setdefault(reason, []).append(line)
        budget = self.SHOWN
        pieces = []
        for file, reasons in by_file.items():
            count = sum(len(lines) for lines in reasons.values())
            shown = []
            for reason, lines in reasons.items():
                if budget == 0:
                    break
                budget -= 1
                numbers = [n for n in lines if n is not None]
                if not numbers:
                    shown.append(reason)
                    continue
                head = ", ".join(map(str, numbers[:5])) + (f" and {len(numbers) - 5} more" if len(numbers) > 5 else "")
                shown.append(f"line{'s' if len(numbers) > 1 else ''} {head}: {reason}")
            left = len(reasons) - len(shown)
            detail = "; ".join(shown) + (f"; {left} other reason{'s' if left > 1 else ''}" if left else "")
            pieces.append(f"{count} in {self._below(file)}" + (f" ({detail})" if detail else ""))
        n = self.read
        return f"{n} record{'s' if n != 1 else ''} read, {'all' if n != 1 else 'it'} rejected: " + ", ".join(pieces)

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
