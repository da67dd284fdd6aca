"""Cutting a corpus into input units, and reading one unit.

An input unit is what one worker loads with one call: a batch of up to `chunk_size` .txt files
(in load order), one other table file whole, or some consecutive row groups of a Parquet file.
A Parquet file is cut from its footer alone, so a worker reads only its own row groups,
`chunk_size` rows at a time, and one large Parquet file loads in flat memory.

The folders are walked as `load_corpus` walks them (`load.files.survey_inputs`), so the pipeline
and `quotelens extract` read, reject and skip the same entries: the entries that are not read
(unreadable ones, rejected; those that are not inputs, listed) make one last unit of their own,
which opens nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from quotelens import config
from quotelens.load.corpus import LoadResult, articles_frame, load_corpus, normalise_rows, rejected_frame
from quotelens.load.errors import NoArticlesError
from quotelens.load.files import TEXT_SUFFIXES, shown_path, survey_inputs
from quotelens.load.table_files import parquet_duplicate_columns

#: Articles per chunk by default: large enough that per-chunk costs (a Parquet write, a task
#: hand-off) are small against extraction, small enough that a chunk's text is a few MB.
DEFAULT_CHUNK_SIZE = 200


@dataclass(frozen=True)
class InputUnit:
    """Files loaded together by one worker: a batch of up to chunk_size .txt files (in load
    order) or a single table file; or some row groups of one Parquet file (`row_groups`,
    consecutive; they hold rows [start, stop) of the file, `rows`, 0-based), read by the worker
    that loads the unit and by no one else. `index` is the unit's position in load order.

    The unit of entries not read has no files: `unreadable` holds (entry, reason) for folder
    entries with an input's name that cannot be read (broken links, pipes), each one rejected
    unit; `skipped` (entry, reason) for entries that are not inputs (see `survey_inputs`).
    Entries are named as `load_corpus` names them (`shown_path`)."""

    index: int
    files: tuple[str, ...]
    rows: tuple[int, int] | None = None
    row_groups: tuple[int, ...] = ()
    unreadable: tuple[tuple[str, str], ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()

    @property
    def name(self) -> str:
        """The unit's position as five digits ("00003"): the first number in its parts' names."""
        return f"{self.index:05d}"


def check_chunk_size(chunk_size: int) -> None:
    """Raise ValueError unless `chunk_size` (articles per chunk) is a whole number of at least 1."""
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1 article, got {chunk_size!r}")


def parquet_row_groups(path: str | os.PathLike, chunk_size: int) -> list[tuple[tuple[int, int], tuple[int, ...]]]:
    """Chunks of the Parquet file `path`, from its footer alone (no data read): ((start, stop)
    rows, 0-based; row group indices) per chunk, in file order. Consecutive row groups are
    joined while they total at most `chunk_size` rows; a larger row group is a chunk of its own
    (its worker streams it in batches of `chunk_size` rows). Empty when the file has no rows or
    its footer cannot be read, or when it names a column twice: the file is then loaded whole,
    and rejected, by `load_corpus` (so the Rejected row names the file, as `quotelens extract`
    gives it, not its first row)."""
    if parquet_duplicate_columns(Path(path)):
        return []
    try:
        meta = pq.ParquetFile(path).metadata
    except Exception:  # pyarrow raises several types for a damaged or empty file
        return []
    chunks: list[tuple[tuple[int, int], tuple[int, ...]]] = []
    start = offset = 0
    groups: list[int] = []
    for g in range(meta.num_row_groups):
        n = meta.row_group(g).num_rows
        if groups and offset + n - start > chunk_size:
            chunks.append(((start, offset), tuple(groups)))
            start, groups = offset, []
        groups.append(g)
        offset += n
    if groups and offset > start:
        chunks.append(((start, offset), tuple(groups)))
    return chunks


def plan_units(corpus, chunk_size: int = DEFAULT_CHUNK_SIZE) -> list[InputUnit]:
    """Input units of `corpus` (a file, folder or list of them, as `load_corpus` takes), in
    load order: consecutive .txt files batched by `chunk_size` (articles); a Parquet file with
    rows cut into row ranges of `chunk_size` rows (so no worker holds more than its range and
    the row groups that overlap it); every other table file on its own; last, when a folder
    holds entries that are not read, one unit listing them (last, so that such an entry
    appearing or going away does not renumber the files' units, whose work a rerun reuses).
    Raises FileNotFoundError or ValueError for a missing or unsupported input, and
    NoArticlesError (a ValueError naming every entry skipped) when `corpus` holds no input at
    all, before anything is read."""
    check_chunk_size(chunk_size)
    survey = survey_inputs(corpus)
    skipped = tuple((shown_path(path), reason) for path, reason in survey.skipped)
    if not survey.files and not survey.unreadable:
        given = [corpus] if isinstance(corpus, (str, os.PathLike)) else list(corpus)
        raise NoArticlesError([shown_path(config.resolve(p)) for p in given], list(skipped))
    units: list[InputUnit] = []
    batch: list[str] = []

    def flush() -> None:
        if batch:
            units.append(InputUnit(len(units), tuple(batch)))
            batch.clear()

    for path in survey.files:
        if path.suffix.lower() in TEXT_SUFFIXES:
            batch.append(str(path))
            if len(batch) >= chunk_size:
                flush()
        else:
            flush()
            chunks = parquet_row_groups(path, chunk_size) if path.suffix.lower() == ".parquet" else []
            if chunks:
                for rows, groups in chunks:
                    units.append(InputUnit(len(units), (str(path),), rows, groups))
            else:
                units.append(InputUnit(len(units), (str(path),)))
    flush()
    if survey.unreadable or skipped:
        unreadable = tuple((shown_path(path), reason) for path, reason in survey.unreadable)
        units.append(InputUnit(len(units), (), unreadable=unreadable, skipped=skipped))
    return units


def _table_header(path: str) -> list[str] | None:
    """Column names of a .parquet (footer) or .csv (first line) input, None when they cannot be
    read cheaply (then loading the file reports the problem)."""
    suffix = Path(path).name.lower()
    try:
        if suffix.endswith(".parquet"):
            return list(pq.read_schema(path).names)
        if suffix.endswith((".csv", ".csv.gz")):
            import pandas as pd

            return [str(c) for c in pd.read_csv(path, nrows=0).columns]
    except Exception:  # unreadable or oddly encoded: the loader gives the reason
        return None
    return None


def check_mapped_columns(units: list[InputUnit], columns: dict | None) -> None:
    """Raise ValueError naming the file when a column that `columns` maps (ours -> theirs) is
    missing from a Parquet or CSV input of `units`: the loader would stop there, after other
    units were written. Only headers are read (a Parquet footer, a CSV first line)."""
    wanted = {ours: theirs for ours, theirs in (columns or {}).items()}
    if not wanted:
        return
    for path in dict.fromkeys(f for u in units for f in u.files):
        header = _table_header(path)
        if header is None:
            continue
        missing = {ours: theirs for ours, theirs in wanted.items() if theirs not in header}
        if missing:
            named = ", ".join(f"{ours}={theirs!r}" for ours, theirs in sorted(missing.items()))
            raise ValueError(f"{config.relative(config.resolve(path))}: mapped column(s) not found ({named}); "
                             f"available columns: {header}")


def read_parquet_batches(path: str | os.PathLike, row_groups: tuple[int, ...], batch_size: int):
    """Yield (column names, records) for consecutive batches of at most `batch_size` rows of
    the given row groups of Parquet file `path`, streaming (only those row groups are read,
    one batch at a time); values as `pandas.read_parquet` of the whole file gives them (the
    file's pandas metadata restores the same dtypes)."""
    source = pq.ParquetFile(path)
    schema = source.schema_arrow
    for batch in source.iter_batches(batch_size=batch_size, row_groups=list(row_groups), use_pandas_metadata=True):
        frame = pa.Table.from_batches([batch], schema=schema).to_pandas()
        frame.columns = [str(c) for c in frame.columns]
        yield list(frame.columns), frame.to_dict("records")


def row_group_results(unit: InputUnit, columns: dict | None, chunk_size: int) -> Iterator[LoadResult]:
    """LoadResult per batch of `chunk_size` rows of a row-group unit, in row order, each made
    when it is read: its rows normalised as `load_corpus` would (ids made unique later, over the
    whole corpus). When a batch cannot be read (a damaged data page) the rest of the unit is
    rejected as one unit of input naming those rows; the other units of the file still load."""
    path = unit.files[0]
    stop = unit.rows[1]
    row = unit.rows[0]
    batches = read_parquet_batches(path, unit.row_groups, chunk_size)
    while True:
        try:
            batch = next(batches, None)
        except Exception as exc:  # pyarrow raises several types for damaged data
            origin = config.relative(config.resolve(path))
            rejected = rejected_frame([{"origin": f"{origin}:{row + 1}", "file": origin, "line": row + 1,
                                        "reason": f"unreadable Parquet rows {row + 1}-{stop} "
                                                  f"({type(exc).__name__}: {exc})"}])
            yield LoadResult(articles=articles_frame([]), rejected=rejected, read=1)
            return
        if batch is None:
            return
        header, records = batch
        yield normalise_rows(path, header, records, row + 1, columns=columns)
        row += len(records)


def not_read_result(unit: InputUnit) -> LoadResult:
    """The LoadResult of the unit of entries not read (nothing is opened): one Rejected row per
    unreadable entry (counted as read, as `load_corpus` counts it) and the skipped entries."""
    rejected = rejected_frame([{"origin": entry, "file": entry, "line": None, "reason": reason}
                               for entry, reason in unit.unreadable])
    return LoadResult(articles=articles_frame([]), rejected=rejected, read=len(unit.unreadable),
                      skipped=list(unit.skipped))


def unit_results(unit: InputUnit, columns: dict | None, chunk_size: int) -> Iterator[LoadResult]:
    """The articles of `unit` as LoadResults: a row-group unit streamed batch by batch
    (`row_group_results`), the unit of entries not read from its lists (`not_read_result`), any
    other unit in one `load_corpus` call (near-duplicate flags left to 01_articles)."""
    if not unit.files:
        return iter([not_read_result(unit)])
    if unit.rows is not None:
        return row_group_results(unit, columns, chunk_size)
    return iter([load_corpus(list(unit.files), columns=columns, duplicates=False)])
