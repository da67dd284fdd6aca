"""CSV text to records, one physical line range per record, with quotes that never close (or
close too late) recovered per record and always accounted for.

A quoted field may hold line breaks (a body of several paragraphs), so a record can run over
several physical lines. A quote that a broken exporter left open does the same by mistake: it
swallows the lines after it until some later quote happens to close it, or to the end of the
file. Which of the two happened cannot be read from the quoting alone, so each multi-line
record is checked against the rows of its own file (`RowProfile`): lines that read as rows of
this file are split back into records; lines that do not are the record's continuation, and
a rejected record names every line it covered. A record kept whole although some of its lines
read alone as rows comes with a warning naming its line range.

Reads: decoded physical lines (quotelens.load.decoding.decode_physical_lines). Writes: the
header, (first line, last line, {column: cell} or RejectedInput) per record, and warnings.
Cells stay strings (quotelens.load.records types them).
"""

from __future__ import annotations

import csv
import re
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from quotelens.load.errors import RejectedInput

#: Lines a row starting on a given line may run over when deciding whether that line starts a
#: row (a body of many paragraphs fits; a quote that never closes costs at most this many).
ROW_LOOKAHEAD_LINES = 200
#: Values a column needs among the well-formed rows before its shape is used to tell rows from
#: prose (fewer say too little about what the column holds).
MIN_PROFILE_VALUES = 2

#: Well-formed rows (the first ones of the file) the profile is learnt from: enough to see what
#: each column holds, few enough that a large file is not parsed twice.
PROFILE_ROWS = 2000

_SPACE = re.compile(r"\s")
_THOUSANDS = re.compile(r"\d{3}(?!\d)")


def _reader(lines: list[str], first: int, stop: int | None = None):
    """A strict csv reader over lines[first:stop] (0-based; the list is not copied when it is
    read to its end). Strict: a stray quote inside a quoted field, or a quote that never closes,
    is an error instead of silently merging what follows into the field."""
    if stop is not None:
        return csv.reader(lines[first:stop], strict=True)
    if first == 0:
        return csv.reader(lines, strict=True)
    return csv.reader((lines[i] for i in range(first, len(lines))), strict=True)


def _fields_of_line(line: str) -> list[str] | None:
    """The fields of one physical line read alone as a CSV row; None when it does not read."""
    if '"' not in line:  # no quoting: the csv module would cut it at every comma too
        return line.rstrip("\r\n").split(",")
    try:
        return next(csv.reader([line], strict=True))
    except (csv.Error, StopIteration):
        return None


def _blank(fields: list[str]) -> bool:
    return not fields or (len(fields) == 1 and not fields[0].strip())


@dataclass
class RowProfile:
    """The shape of a file's well-formed rows, column by column: whether any value starts with
    white space, holds white space (a line break is white space), or is empty. A line
    of prose cut at its commas makes fields that start with a space (", however,") or run over
    several words where this file's rows never do."""

    width: int
    leading_space: list[bool] = field(default_factory=list)
    inner_space: list[bool] = field(default_factory=list)
    empty: list[bool] = field(default_factory=list)
    seen: list[int] = field(default_factory=list)
    #: Whether any row's field i ends in a digit and field i + 1 starts with three digits: what a
    #: number with a thousands separator ("10,000") cut at its comma looks like.
    number_cut: list[bool] = field(default_factory=list)

    @classmethod
    def of(cls, rows: list[list[str]], width: int) -> "RowProfile":
        """The profile of `rows` (records of the header's width). Rows with a field that starts
        with white space are left out unless most rows have one (a file written with ", "): a
        line of prose that a broken quote left behind reads as such a row, and would teach the
        profile that every column may look like prose."""
        profile = cls(width, [False] * width, [False] * width, [False] * width, [0] * width, [False] * width)
        spaced = [any(value[:1].isspace() for value in fields) for fields in rows]
        if 2 * sum(spaced) < len(rows):
            rows = [fields for fields, odd in zip(rows, spaced) if not odd]
        for fields in rows:
            for i, value in enumerate(fields):
                profile.seen[i] += 1
                profile.leading_space[i] |= value[:1].isspace()
                profile.inner_space[i] = profile.inner_space[i] or bool(_SPACE.search(value))
                profile.empty[i] |= not value
            for i, cut in enumerate(_number_cuts(fields)):
                profile.number_cut[i] |= cut
        return profile

    def constrains(self) -> bool:
        """True when some column's shape tells rows from prose."""
        return any(n >= MIN_PROFILE_VALUES and not (lead and inner and empty) for n, lead, inner, empty
                   in zip(self.seen, self.leading_space, self.inner_space, self.empty))

    def fits(self, fields: list[str]) -> bool:
        """True when `fields` reads as one of this file's rows: the header's width and, in every
        column with enough values, no shape its rows never have. Without such columns (a tiny
        or hand-written file), a row must start with a key-like field (non-empty, no white
        space or quote) and no field may start with white space."""
        if len(fields) != self.width:
            return False
        if not self.constrains():
            first = fields[0] if fields else ""
            return bool(first) and not any(c.isspace() or c == '"' for c in first) \
                and not any(value[:1].isspace() for value in fields)
        for i, value in enumerate(fields):
            if self.seen[i] < MIN_PROFILE_VALUES:
                continue
            if (value[:1].isspace() and not self.leading_space[i]) or (not value and not self.empty[i]):
                return False
            if not self.inner_space[i] and _SPACE.search(value):
                return False
        return not any(cut and not seen for cut, seen in zip(_number_cuts(fields), self.number_cut))


def _number_cuts(fields: list[str]) -> list[bool]:
    """Per field, whether it and the next read as one number cut at its thousands separator
    (it ends in a digit, the next starts with exactly three)."""
    return [bool(value[-1:].isdigit() and _THOUSANDS.match(after)) for value, after in zip(fields, fields[1:])] + [False]


def _well_formed_rows(lines: list[str]) -> tuple[list[str] | None, list[list[str]]]:
    """The header and the records of the header's width, read as the csv module reads them
    (after a malformed record, on from the line after its first): what `RowProfile` learns from."""
    header: list[str] | None = None
    rows: list[list[str]] = []
    first = 0
    while first < len(lines) and len(rows) < PROFILE_ROWS:
        reader = _reader(lines, first)
        last = first
        try:
            for fields in reader:
                last = first + reader.line_num
                if _blank(fields):
                    continue
                if header is None:
                    header = fields
                elif len(fields) == len(header):
                    rows.append(fields)
                    if len(rows) == PROFILE_ROWS:
                        break
            break
        except csv.Error:
            first = last + 1  # the line after the one the failing record started on
    return header, rows


class CsvRecords:
    """The records of one CSV text, given as physical lines (ends kept). `header` and `records`
    ((first line, last line, {column: cell} or RejectedInput), 1-based, blank lines not
    records) are filled on construction; `merged` lists (first line, last line, lines that
    read alone as rows) for each record kept whole over lines that look like rows."""

    def __init__(self, lines: list[str]):
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        self.lines = lines
        header, rows = _well_formed_rows(lines)
        self.profile = RowProfile.of(rows, len(header or []))
        # Rows whose first field never holds white space or is empty start with such a field:
        # a quick test of which lines could start a row.
        profile = self.profile
        keyed = profile.constrains() and profile.seen[0] >= MIN_PROFILE_VALUES \
            and not (profile.inner_space[0] or profile.empty[0])
        self._row_start = re.compile(r'^[^\s,"]+,', re.M) if keyed and profile.width > 1 else None
        self.header: list[str] = []
        self.records: list[tuple[int, int, dict | RejectedInput]] = []
        self.merged: list[tuple[int, int, list[int]]] = []
        self._read()

    # -- deciding what a line is ------------------------------------------------------------

    def _row_at(self, line: int, last: int | None = None) -> list[str] | None:
        """The fields of the record that starts on `line` (1-based), read within the next
        ROW_LOOKAHEAD_LINES lines (and not past `last`); None when it does not read."""
        stop = line - 1 + ROW_LOOKAHEAD_LINES
        if last is not None:
            stop = min(stop, last)
        try:
            return next(_reader(self.lines, line - 1, stop))
        except (csv.Error, StopIteration):
            return None

    def _starts_row(self, line: int, last: int | None = None) -> bool:
        """True when a row of this file (`RowProfile.fits`) starts on `line` (1-based)."""
        if line > len(self.lines) or self._row_start is not None and not self._row_start.match(self.lines[line - 1]):
            return False
        fields = self._row_at(line, last)
        return fields is not None and not _blank(fields) and self.profile.fits(fields)

    def _rows_in(self, first: int, last: int) -> int:
        """How many records lines first..last hold when read on their own, if they all fit this
        file's rows and end exactly on line `last`; else 0."""
        if last < first or self.profile.width < 2:
            return 0  # in a file of one column every line reads as a row: no line can be told apart
        opening = next((n for n in range(first, last + 1) if self.lines[n - 1].strip()), None)
        if opening is None or self._row_start is not None and not self._row_start.match(self.lines[opening - 1]):
            return 0  # its first line cannot start a row
        reader = _reader(self.lines, first - 1, last)
        found = 0
        try:
            for fields in reader:
                if _blank(fields):
                    continue
                if not self.profile.fits(fields):
                    return 0
                found += 1
        except csv.Error:
            return 0
        return found

    def _candidate_lines(self, first: int, last: int) -> list[int]:
        """Lines first..last that could start a row: all of them, or, when every row of this
        file starts with a field without white space, those that do (one search over the
        lines, so a long body of prose costs one regular-expression pass)."""
        if self._row_start is None:
            return list(range(first, last + 1))
        block = self.lines[first - 1:last]
        text = "".join(block)
        found = []
        ends = None
        for match in self._row_start.finditer(text):
            if ends is None:
                ends = list(accumulate(len(line) for line in block))
            found.append(first + bisect_right(ends, match.start()))
        return found

    def _lines_alone_as_rows(self, first: int, last: int) -> list[int]:
        """Lines first..last that each read alone as a row of this file (none in a file of one
        column, where every line would)."""
        if self.profile.width < 2:
            return []
        found = []
        for number in self._candidate_lines(first, last):
            line = self.lines[number - 1]
            if line.count(",") + 1 < self.profile.width:
                continue  # too few commas for the header's width, quoted or not
            fields = _fields_of_line(line)
            if fields is not None and not _blank(fields) and self.profile.fits(fields):
                found.append(number)
        return found

    def _continuation(self, start: int, last: int) -> int:
        """The last line of the broken record that starts on line `start` and that the csv
        module read on to line `last`: the lines after its first that do not start a row of this
        file are its continuation (prose of the field its quote opened); the first line that
        does start one ends it."""
        line = start
        while line < last and not self._starts_row(line + 1):
            line += 1
        return line

    # -- reading ----------------------------------------------------------------------------

    def _reject(self, start: int, end: int, reason: str) -> None:
        """Reject the record on lines start..end (1-based) as one unit."""
        covered = (f"; lines {start}-{end} ({end - start + 1} physical lines) rejected as this one record"
                   if end > start else "; this line skipped")
        self.records.append((start, end, RejectedInput(f"{reason}{covered}", start)))

    def _read(self) -> None:
        lines = self.lines
        width = self.profile.width
        first = 0  # 0-based line the current reader starts on
        while first < len(lines):
            reader = _reader(lines, first)
            last = first  # lines (1-based) consumed so far
            restart = None
            while True:
                start = last + 1
                try:
                    fields = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    # Reject the record and read on from the next line that starts a row, so
                    # one bad quote costs its record, not the rest of the file.
                    failed_at = first + reader.line_num
                    end = self._continuation(start, len(lines)) if failed_at > start else start
                    runs_on = f"; the quote opened on line {start} runs on to line {failed_at}" if failed_at > start else ""
                    self._reject(start, end, f"malformed CSV record ({exc}){runs_on}")
                    restart = end
                    break
                last = first + reader.line_num
                if _blank(fields):
                    continue
                if not self.header:
                    self.header = [h.strip() for h in fields]
                    continue
                if last > start and len(fields) != width:
                    # A quoted field ran over several lines into a record of the wrong width: the
                    # record is lost; the lines after it that start rows are read again.
                    end = self._continuation(start, last)
                    self._reject(start, end, f"expected {width} fields, found {len(fields)}; the quote opened on "
                                             f"line {start} runs on to line {last}")
                    restart = end
                    break
                # The lines a multi-line record covers after its first, as candidates for rows
                # of their own. When its first field is the one that runs on, its last line
                # always reads as a whole row (the field's tail, then the other fields), so it
                # tells nothing: only the lines before it count.
                inner_last = last - 1 if fields and ("\n" in fields[0] or "\r" in fields[0]) else last
                rows = self._rows_in(start + 1, inner_last) if last > start else 0
                if rows:
                    self._reject(start, start, f"quote opened on this line closes only on line {last}, which would "
                                               f"swallow the next {'row' if rows == 1 else f'{rows} rows'} "
                                               f"(lines {start + 1}-{last}) into this record; those rows are read on "
                                               "their own")
                    restart = start
                    break
                if last > start:
                    alone = self._lines_alone_as_rows(start + 1, inner_last)
                    if alone:
                        self.merged.append((start, last, alone))
                if len(fields) != width:
                    self.records.append((start, last, RejectedInput(f"expected {width} fields, found {len(fields)}", start)))
                else:
                    self.records.append((start, last, dict(zip(self.header, fields))))
            if restart is None:
                break
            first = restart
