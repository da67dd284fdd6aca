"""Streaming load -> statements -> sentiment over corpora of any size, in chunks, resumably.

The per-article stages are independent per article, so a corpus is cut into chunks of at most
`chunk_size` articles and every chunk goes through the same functions the notebooks use
(`corpus.load_corpus`, `statements.extract_statements`, `sentiment.score_table`) in a pool of
worker processes. Only one chunk per worker is ever in memory, so peak memory stays flat as the
corpus grows (bounded by `chunk_size`). A Parquet file is cut into units of row groups that
each worker reads itself (`read_parquet_batches`: only its row groups, `chunk_size` rows at a
time), so one large Parquet file also loads in flat memory; a .csv or .jsonl file is still
loaded whole by one worker, so its size bounds peak memory.

Output folder (every file written atomically: a temporary name, then a rename):

    OUTDIR/articles/part-UUUUU-SSSS.parquet    articles of input unit U (a batch of .txt files,
                                               one table file or row groups of a Parquet file),
                                               sub-chunk S of chunk_size rows
    OUTDIR/articles/_done/UUUUU.json           marker of unit U: its parts, rejected rows, counts
    OUTDIR/statements/part-UUUUU-SSSS.parquet  scored statements of the matching articles part
    OUTDIR/statements/_done/part-UUUUU-SSSS.json  marker, written after its part
    OUTDIR/rejected.parquet                    input units that could not be loaded (corpus rules)
    OUTDIR/manifest.json                       written last: parts, counts, options

Resuming: a rerun skips every unit and part whose marker exists and matches its input (size
and modification time of the input files, options); an interrupted write leaves only a
temporary dot-file, removed on the next run. Markers are written after the data they describe,
so a marker never points at a missing or partial file.

Corpus-wide steps run after the chunks, on small columns only: article ids are made unique
across units with the corpus rule (`_2`, `_3`, ...), unknown speakers are named once over the
whole corpus (`statements.canonicalise_unknown`; chunks keep names as written), and every
part is conformed to one schema (columns missing from a part, e.g. FA-KES `labels` in the seed's
part, are added as nulls). Near-duplicate flags (`duplicate_of`, `duplicate_similarity`) are a
corpus-wide comparison that 01_articles makes; the pipeline leaves them out of its statements.
Output is identical whatever the number of workers: parts are named by their input position
and every step is deterministic.
"""

from __future__ import annotations

import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from quotelens import config
from quotelens.tables import atomic_path, write_text

#: Articles per chunk by default: large enough that per-chunk costs (a Parquet write, a task
#: hand-off) are small against extraction, small enough that a chunk's text is a few MB.
DEFAULT_CHUNK_SIZE = 200
#: Columns computed over the whole corpus by 01_articles, not per chunk (see module docstring).
CORPUS_WIDE_COLUMNS = ("duplicate_of", "duplicate_similarity")
PIPELINE_VERSION = 1
ENGINES = ("pandas", "dask")


class PipelineError(RuntimeError):
    """A chunk failed; the message names the input unit or part."""


# ---------------------------------------------------------------------------------------------
# Planning


@dataclass(frozen=True)
class InputUnit:
    """Files loaded together by one `load_corpus` call: a batch of up to chunk_size .txt files
    (in load order) or a single table file; or some row groups of one Parquet file
    (`row_groups`, consecutive; they hold rows [start, stop) of the file, `rows`, 0-based),
    read by the worker that loads the unit and by no one else. `index` is the unit's position
    in load order."""

    index: int
    files: tuple[str, ...]
    rows: tuple[int, int] | None = None
    row_groups: tuple[int, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.index:05d}"


def _fingerprint(files: Iterable[str]) -> list[list]:
    """(path, size in bytes, modification time in ns) per file: a cheap identity of the input
    that makes a rerun redo a unit whose files changed."""
    out = []
    for f in files:
        st = os.stat(f)
        out.append([f, st.st_size, st.st_mtime_ns])
    return out


def parquet_row_groups(path: str | os.PathLike, chunk_size: int) -> list[tuple[tuple[int, int], tuple[int, ...]]]:
    """Chunks of the Parquet file `path`, from its footer alone (no data read): ((start, stop)
    rows, 0-based; row group indices) per chunk, in file order. Consecutive row groups are
    joined while they total at most `chunk_size` rows; a larger row group is a chunk of its own
    (its worker streams it in batches of `chunk_size` rows). Empty when the file has no rows or
    its footer cannot be read: the file is then loaded whole, and rejected, by `load_corpus`."""
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
    load order: consecutive .txt files batched by `chunk_size`; a Parquet file with rows cut
    into row ranges of `chunk_size` rows (so no worker holds more than its range and the row
    groups that overlap it); every other table file on its own."""
    from quotelens.load.files import TEXT_SUFFIXES, expand_inputs

    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1 article, got {chunk_size}")
    units: list[InputUnit] = []
    batch: list[str] = []

    def flush() -> None:
        if batch:
            units.append(InputUnit(len(units), tuple(batch)))
            batch.clear()

    for path in expand_inputs(corpus):
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
    return units


# ---------------------------------------------------------------------------------------------
# Stage 1: load (one input unit -> articles parts)


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_json(path: Path, data: dict) -> None:
    write_text(path, json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def _write_parquet(df: pd.DataFrame, path: Path) -> None:
    with atomic_path(path) as tmp:
        df.to_parquet(tmp, index=False)


def _unit_marker(outdir: Path, unit: InputUnit) -> Path:
    return outdir / "articles" / "_done" / f"{unit.name}.json"


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


def _row_group_results(unit: InputUnit, columns: dict | None, chunk_size: int):
    """LoadResult per batch of a row-group unit, in row order, each made when it is read: its
    rows normalised as `load_corpus` would (ids left to `unique_article_ids`). When a batch
    cannot be read (a damaged data page) the rest of the unit is rejected as one unit of
    input naming those rows; the other units of the file still load."""
    from quotelens.load import corpus

    path = unit.files[0]
    stop = unit.rows[1]
    row = unit.rows[0]
    batches = read_parquet_batches(path, unit.row_groups, chunk_size)
    while True:
        try:
            batch = next(batches, None)
        except Exception as exc:  # pyarrow raises several types for damaged data
            origin = config.relative(config.resolve(path))
            rejected = pd.DataFrame([{"origin": f"{origin}:{row + 1}", "file": origin, "line": row + 1,
                                      "reason": f"unreadable Parquet rows {row + 1}-{stop} "
                                                f"({type(exc).__name__}: {exc})"}], columns=corpus.REJECTED_COLUMNS)
            rejected["line"] = rejected["line"].astype("Int64")
            yield corpus.LoadResult(articles=corpus.articles_frame([]), rejected=rejected, read=1)
            return
        if batch is None:
            return
        header, records = batch
        yield corpus.normalise_rows(path, header, records, row + 1, columns=columns)
        row += len(records)


def load_unit(unit: InputUnit, outdir: str | os.PathLike, chunk_size: int, columns: dict | None = None) -> dict:
    """Load one input unit and write its articles in parts of at most `chunk_size` rows; then
    write the unit's marker. A row-group unit of a Parquet file is streamed: one batch of
    `chunk_size` rows read, normalised and written at a time, so memory does not grow with
    the file; other units go through `load_corpus`. Returns the marker's content: parts (file
    names), rows per part, rejected rows, read count and the input fingerprint."""
    from quotelens.load.corpus import load_corpus

    outdir = Path(outdir)
    if unit.rows is not None:
        results = _row_group_results(unit, columns, chunk_size)
    else:
        results = iter([load_corpus(list(unit.files), columns=columns, duplicates=False)])
    parts, rows, rejected, read = [], [], [], 0
    for result in results:
        articles = result.articles
        for lo in range(0, len(articles), chunk_size):
            piece = articles.iloc[lo:lo + chunk_size].reset_index(drop=True)
            name = f"part-{unit.name}-{len(parts):04d}.parquet"
            _write_parquet(piece, outdir / "articles" / name)
            parts.append(name)
            rows.append(len(piece))
        rejected += result.rejected.astype(object).where(result.rejected.notna(), None).to_dict("records")
        read += result.read
    marker = {
        "unit": unit.index,
        "input": _fingerprint(unit.files),
        "row_range": list(unit.rows) if unit.rows is not None else None,
        "row_groups": list(unit.row_groups),
        "chunk_size": chunk_size,
        "columns": columns or {},
        "parts": parts,
        "rows": rows,
        "read": read,
        "rejected": rejected,
    }
    _write_json(_unit_marker(outdir, unit), marker)
    return marker


def _unit_done(outdir: Path, unit: InputUnit, chunk_size: int, columns: dict | None) -> dict | None:
    marker = _read_json(_unit_marker(outdir, unit))
    if not marker:
        return None
    row_range = list(unit.rows) if unit.rows is not None else None
    if marker.get("input") != _fingerprint(unit.files) or marker.get("chunk_size") != chunk_size \
            or marker.get("columns") != (columns or {}) or marker.get("row_range") != row_range \
            or marker.get("row_groups", []) != list(unit.row_groups):
        return None
    if not all((outdir / "articles" / p).is_file() for p in marker["parts"]):
        return None
    return marker


# ---------------------------------------------------------------------------------------------
# Stage 2: statements and sentiment (one articles part -> one statements part)

# Per worker process: the actor registry and the sentiment scorer, built once (the scorer loads
# two fitted models) and reused for every chunk the process handles.
_WORKER: dict = {}


@dataclass(frozen=True)
class StageOptions:
    """What the statements stage depends on (recorded in every marker). `actors`: registry
    YAML path or "" for the default; `topic_words`: topic-word file, "" for no masking, None for
    the default list."""

    actors: str = ""
    topic_words: str | None = None


def _worker_state(options: StageOptions):
    key = (options.actors, options.topic_words)
    if _WORKER.get("key") != key:
        from quotelens.extract.registry import default_registry_path, load_registry
        from quotelens.sentiment import scorer_from_options

        registry = load_registry(config.resolve(options.actors) if options.actors else default_registry_path())
        _WORKER.update(key=key, registry=registry, scorer=scorer_from_options(topic_words=options.topic_words))
    return _WORKER["registry"], _WORKER["scorer"]


def process_articles(articles: pd.DataFrame, registry=None, scorer=None, canonicalise: bool = True) -> pd.DataFrame:
    """The per-article path on one chunk: statements of `articles` (Articles contract) with
    their sentiment scores, exactly as `extract_statements` followed by `score_table` gives them
    (article columns passed through, corpus-wide duplicate flags left out). Every offset is in
    characters of the article's text; scores are on [-1, 1]. The pipeline's chunks pass
    canonicalise=False: unknown speakers are named once over the whole corpus
    (`canonical_speakers`), since a chunk alone cannot tell one person from several."""
    from quotelens.sentiment import score_table
    from quotelens.extract.statements import extract_statements

    articles = articles.drop(columns=[c for c in CORPUS_WIDE_COLUMNS if c in articles.columns])
    statements = extract_statements(articles, registry=registry, canonicalise=canonicalise)
    return score_table(statements, scorer=scorer, source="statements")


def _part_marker(outdir: Path, part: str) -> Path:
    return outdir / "statements" / "_done" / (Path(part).stem + ".json")


def _part_identity(outdir: Path, part: str, options: StageOptions) -> dict:
    st = os.stat(outdir / "articles" / part)
    return {"articles_part": part, "articles_size": st.st_size, "articles_mtime_ns": st.st_mtime_ns,
            "options": asdict(options), "version": PIPELINE_VERSION}


def process_part(outdir: str | os.PathLike, part: str, options: StageOptions = StageOptions()) -> dict:
    """Read articles part `part`, extract and score its statements, write the statements part
    (same name) and then its marker. Returns the marker: articles and statements counts."""
    outdir = Path(outdir)
    registry, scorer = _worker_state(options)
    identity = _part_identity(outdir, part, options)
    articles = pd.read_parquet(outdir / "articles" / part)
    try:
        scored = process_articles(articles, registry, scorer, canonicalise=False)
    except Exception as exc:
        raise PipelineError(f"articles/{part}: {type(exc).__name__}: {exc}") from exc
    _write_parquet(scored, outdir / "statements" / part)
    marker = dict(identity, articles=len(articles), statements=len(scored))
    _write_json(_part_marker(outdir, part), marker)
    return marker


def _part_done(outdir: Path, part: str, options: StageOptions) -> dict | None:
    marker = _read_json(_part_marker(outdir, part))
    if not marker or not (outdir / "statements" / part).is_file():
        return None
    identity = _part_identity(outdir, part, options)
    if any(marker.get(k) != v for k, v in identity.items()):
        return None
    return marker


# ---------------------------------------------------------------------------------------------
# Corpus-wide steps on small columns


def unique_article_ids(outdir: Path, parts: list[str]) -> int:
    """Make article ids unique across articles parts in load order with the corpus rule (a
    repeat gets _2, _3, ...; the input id kept in `original_id`). Rewrites only the parts that
    change and returns the number of ids renamed. Reads only the id column of each part."""
    from quotelens.load.corpus import unique_ids

    ids: list[str] = []
    bounds = []
    for p in parts:
        col = pq.read_table(outdir / "articles" / p, columns=["article_id"]).column(0).to_pylist()
        bounds.append((len(ids), len(ids) + len(col)))
        ids.extend(col)
    new_ids, originals = unique_ids(ids)
    renamed = 0
    for p, (lo, hi) in zip(parts, bounds):
        if new_ids[lo:hi] == ids[lo:hi]:
            continue
        df = pd.read_parquet(outdir / "articles" / p)
        df["article_id"] = new_ids[lo:hi]
        was = df["original_id"].tolist() if "original_id" in df.columns else [None] * len(df)
        df["original_id"] = [w if w is not None else o for w, o in zip(was, originals[lo:hi])]
        renamed += sum(1 for a, b in zip(new_ids[lo:hi], ids[lo:hi]) if a != b)
        _write_parquet(df, outdir / "articles" / p)
    return renamed


def prepare_articles(outdir: Path, parts: list[str]) -> int:
    """Corpus-wide steps on the articles parts before extraction: unique ids across units, then
    one schema for every part (so each statements part passes the same article columns
    through). Parts are rewritten only when they change, so on a rerun the statements markers
    still match. Returns the number of ids renamed."""
    renamed = unique_article_ids(outdir, parts)
    paths = [outdir / "articles" / p for p in parts]
    schema = unified_schema(paths)
    for p in paths:
        conform_part(p, schema)
    return renamed


def _speaker_rows(table: pa.Table) -> list[tuple[str, bool, str]]:
    names = table.column("speaker").to_pylist()
    reg = table.column("in_registry").to_pylist()
    kind = table.column("speaker_kind").to_pylist()
    return list(zip(names, reg, kind))


def canonical_speakers(outdir: Path, parts: list[str]) -> dict[tuple, str]:
    """(speaker, in_registry, speaker_kind) -> canonical name for unknown speakers across the
    whole dataset, by `statements.canonicalise_unknown` applied to the distinct values of those
    three small columns of every part (its rule depends only on that set, which the equality
    test on the default corpus checks). Only rows whose name changes are returned."""
    from quotelens.extract.statements import canonicalise_unknown

    seen: dict[tuple, None] = {}
    for p in parts:
        t = pq.read_table(outdir / "statements" / p, columns=["speaker", "in_registry", "speaker_kind"])
        for row in _speaker_rows(t):
            seen.setdefault(row, None)
    if not seen:
        return {}
    frame = pd.DataFrame(list(seen), columns=["speaker", "in_registry", "speaker_kind"])
    canon = canonicalise_unknown(frame)
    return {key: b for key, b in zip(seen, canon["speaker"]) if key[0] != b}


def _vague(t: pa.DataType) -> bool:
    """A type inferred from no values: null, or a list of nulls (all lists empty)."""
    return t == pa.null() or (pa.types.is_list(t) and _vague(t.value_type))


def _unify_type(types: list[pa.DataType]) -> pa.DataType:
    types = [t for t in types if not _vague(t)] or types
    distinct = []
    for t in types:
        if t not in distinct:
            distinct.append(t)
    if len(distinct) == 1:
        return distinct[0]
    if all(pa.types.is_integer(t) or pa.types.is_floating(t) for t in distinct):
        return pa.float64()
    return pa.string()


def unified_schema(paths: list[Path]) -> pa.Schema:
    """One schema for every part: the columns of all parts, in the order of the first part that
    has them all (else first seen), a common type per column. Parts without rows only vote for
    a column's type when no part with rows has it (an empty part types text columns as null or
    float). Pandas metadata comes from the part whose column order is used."""
    schemas = [(pq.read_schema(p), pq.ParquetFile(p).metadata.num_rows) for p in paths]
    if not schemas:
        return pa.schema([])
    names: list[str] = []
    for s, _ in schemas:
        for n in s.names:
            if n not in names:
                names.append(n)
    full = next((s for s, n in schemas if n and set(s.names) == set(names)), None) \
        or next((s for s, _ in schemas if set(s.names) == set(names)), None)
    order = full.names if full is not None else names
    fields = []
    for name in order:
        with_rows = [s.field(name).type for s, n in schemas if n and name in s.names and s.field(name).type != pa.null()]
        any_rows = [s.field(name).type for s, _ in schemas if name in s.names and s.field(name).type != pa.null()]
        types = with_rows or any_rows
        fields.append(pa.field(name, _unify_type(types) if types else pa.null()))
    source = full if full is not None else schemas[0][0]
    return pa.schema(fields, metadata=_pandas_metadata(paths, [s for s, _ in schemas], source.metadata))


def _has_values(path: Path, name: str) -> bool:
    """Whether column `name` of Parquet part `path` holds a non-null value (from the footer's
    statistics; True when they are missing)."""
    meta = pq.ParquetFile(path).metadata
    schema = meta.schema.to_arrow_schema()
    j = schema.get_field_index(name)
    if _vague(schema.field(j).type):  # written from no values (footer has no statistics then)
        return False
    for g in range(meta.num_row_groups):
        column = meta.row_group(g).column(j)
        stats = column.statistics
        if stats is None or not stats.has_null_count or stats.null_count < column.num_values:
            return True
    return False


def _pandas_metadata(paths: list[Path], schemas: list[pa.Schema], metadata: dict | None) -> dict | None:
    """`metadata` with each column's pandas dtype taken from the first part where that column
    holds a value: a passed-through column is typed by the values present in its chunk
    (`quotelens.load.records.infer_extra_dtype`), so a chunk where it is all missing must not decide the pandas
    dtype (e.g. float64 instead of Float64) of a column a one-piece load would type."""
    if not metadata or b"pandas" not in metadata:
        return metadata
    pandas_meta = json.loads(metadata[b"pandas"])
    entries = {}
    for path, schema in zip(paths, schemas):
        raw = (schema.metadata or {}).get(b"pandas")
        if raw:
            entries[path] = {e.get("field_name"): e for e in json.loads(raw).get("columns", [])}
    changed = False
    for i, entry in enumerate(pandas_meta.get("columns", [])):
        name = entry.get("field_name")
        for path, schema in zip(paths, schemas):
            if name in schema.names and name in entries.get(path, {}) and _has_values(path, name):
                if entries[path][name] != entry:
                    pandas_meta["columns"][i] = entries[path][name]
                    changed = True
                break
    if not changed:
        return metadata
    return {**metadata, b"pandas": json.dumps(pandas_meta).encode()}


def conform_part(path: Path, schema: pa.Schema, speaker_map: dict[tuple, str] | None = None) -> bool:
    """Rewrite the Parquet part `path` so it has `schema` (missing columns as nulls, columns
    cast) and its `speaker` column mapped by `speaker_map` (see `canonical_speakers`); leave
    the file untouched when nothing changes. Returns whether it was rewritten. Idempotent."""
    table = pq.read_table(path)
    arrays = []
    for f in schema:
        if f.name in table.column_names:
            col = table.column(f.name)
            if f.name == "speaker" and speaker_map and table.num_rows:
                names = _speaker_rows(table)
                col = pa.chunked_array([pa.array([speaker_map.get(k, k[0]) for k in names], type=col.type)])
            arrays.append(col.cast(f.type) if col.type != f.type else col)
        else:
            arrays.append(pa.nulls(table.num_rows, type=f.type))
    new = pa.Table.from_arrays(arrays, schema=schema)
    if new.schema.equals(table.schema, check_metadata=True) and new.equals(table):
        return False
    with atomic_path(path) as tmp:
        pq.write_table(new, tmp)
    return True


# ---------------------------------------------------------------------------------------------
# Running


@dataclass
class PipelineResult:
    """What a run did. Counts are articles/statements/input units; seconds are wall time."""

    outdir: Path
    parts: list[str]
    read: int
    articles: int
    rejected: int
    statements: int
    units_skipped: int = 0
    parts_skipped: int = 0
    ids_renamed: int = 0
    speakers_canonicalised: int = 0
    seconds: dict = field(default_factory=dict)

    def summary(self) -> str:
        return (f"read {self.read} = loaded {self.articles} + rejected {self.rejected}; "
                f"{self.statements} statements in {len(self.parts)} parts "
                f"({self.parts_skipped} parts already done) -> {self.outdir}")


def _progress(total: int, desc: str, enabled: bool | None, unit: str = "article"):
    """A tqdm bar counting articles (rate in articles/s); off when output is not a terminal or
    when running in CI, unless `enabled` forces it."""
    from tqdm import tqdm

    if enabled is None:
        enabled = sys.stderr.isatty() and not os.environ.get("CI")
    return tqdm(total=total, desc=desc, unit=unit, disable=not enabled, smoothing=0.1)


def _clean_temporaries(outdir: Path) -> None:
    """Remove temporary files an interrupted run left behind (atomic_path's dot-files)."""
    for folder in (outdir, outdir / "articles", outdir / "articles" / "_done", outdir / "statements",
                   outdir / "statements" / "_done"):
        if folder.is_dir():
            for tmp in folder.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)


def _executor(workers: int):
    import multiprocessing as mp

    # fork shares the imported modules with the children (fast start); spawn elsewhere.
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context(method))


def _run_tasks(fn: Callable, tasks: list[tuple], workers: int, weights: list[int], bar) -> list:
    """Run fn(*task) for every task, in a pool when workers > 1; results in task order. The bar
    advances by the task's weight (articles) as each finishes."""
    results: list = [None] * len(tasks)
    if workers <= 1 or len(tasks) <= 1:
        for i, task in enumerate(tasks):
            results[i] = fn(*task)
            bar.update(weights[i])
        return results
    from concurrent.futures import FIRST_COMPLETED, wait

    with _executor(workers) as pool:
        pending = {pool.submit(fn, *task): i for i, task in enumerate(tasks)}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                i = pending.pop(fut)
                results[i] = fut.result()  # re-raises the worker's exception
                bar.update(weights[i])
    return results


def load_stage(corpus, outdir: Path, chunk_size: int, columns: dict | None, workers: int,
               progress: bool | None = None, run_tasks: Callable | None = None) -> tuple[list[dict], int]:
    """Stage 1 over every input unit not yet done. Returns the unit markers in load order and
    the number of units skipped."""
    units = plan_units(corpus, chunk_size)
    markers: list[dict | None] = [_unit_done(outdir, u, chunk_size, columns) for u in units]
    todo = [u for u, m in zip(units, markers) if m is None]
    with _progress(len(todo), "load", progress, unit="file batch") as bar:
        runner = run_tasks or (lambda fn, tasks, weights: _run_tasks(fn, tasks, workers, weights, bar))
        results = runner(load_unit, [(u, outdir, chunk_size, columns) for u in todo], [1] * len(todo))
    fresh = iter(results)
    markers = [m if m is not None else next(fresh) for m in markers]
    return markers, len(units) - len(todo)


def run_pipeline(
    corpus,
    outdir: str | os.PathLike,
    workers: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    columns: dict | None = None,
    actors: str | None = None,
    topic_words: str | None = None,
    engine: str = "pandas",
    scheduler: str | None = None,
    progress: bool | None = None,
    aggregates: bool = True,
) -> PipelineResult:
    """Load, extract and score `corpus` chunk by chunk into `outdir` (see the module docstring
    for the layout), skipping chunks a previous run finished.

    workers: processes (default os.cpu_count()). chunk_size: articles per chunk. columns:
    column mapping as for `load_corpus`. actors: registry YAML (default data/actors/syria.yaml).
    topic_words: as `scorer_from_options`. engine: "pandas" (a process pool) or "dask" (a
    dask.distributed cluster: a LocalCluster of `workers` processes, or the scheduler at
    `scheduler`). progress: force the progress bar on or off (default: on for a terminal).
    aggregates: also write per-actor sums and term counts per speaker (quotelens.compare.aggregates)."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    workers = max(1, int(workers or os.cpu_count() or 1))
    outdir = config.resolve(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    _clean_temporaries(outdir)
    options = StageOptions(actors=str(actors or ""), topic_words=topic_words)
    (outdir / "manifest.json").unlink(missing_ok=True)  # a run in progress has no manifest
    if engine == "dask":
        from quotelens.scale.dask_engine import run_dask

        return run_dask(corpus, outdir, workers, chunk_size, columns, options, scheduler, progress, aggregates)
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    markers, units_skipped = load_stage(corpus, outdir, chunk_size, columns, workers, progress)
    parts = [p for m in markers for p in m["parts"]]
    seconds["load"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    renamed = prepare_articles(outdir, parts)
    rows = {p: r for m in markers for p, r in zip(m["parts"], m["rows"])}
    done = {p: _part_done(outdir, p, options) for p in parts}
    todo = [p for p in parts if done[p] is None]
    if todo:
        # Load the registry and the fitted models once, here: forked workers inherit them.
        _worker_state(options)
    with _progress(sum(rows[p] for p in todo), "statements", progress) as bar:
        fresh = _run_tasks(process_part, [(outdir, p, options) for p in todo], workers, [rows[p] for p in todo], bar)
    done.update(zip(todo, fresh))
    seconds["statements"] = time.perf_counter() - t0
    aggregator = (lambda ps: aggregate_pandas(outdir, ps, workers)) if aggregates else None
    return finish(outdir, corpus, markers, parts, done, units_skipped, len(parts) - len(todo), renamed,
                  options, chunk_size, "pandas", seconds, aggregator)


def _aggregate_part(path: Path, by: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    from quotelens.compare import aggregates as agg

    frame = pd.read_parquet(path, columns=sorted(set(agg.SUM_INPUT) | {by, "quote"}))
    return agg.actor_article_sums(frame), agg.term_counts(frame, by)


def aggregate_pandas(outdir: Path, parts: list[str], workers: int = 1, by: str = "speaker",
                     fold_every: int = 2) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(actor_article_sums, term_counts) of the statements parts: each part reduced in the
    pool to small tables; term counts folded into a running total every `fold_every` parts so
    memory does not grow with the number of parts (see quotelens.compare.aggregates). Exact whatever
    the order: a (speaker, article) key lives in one part only, and term counts are integers."""
    from quotelens.compare import aggregates as agg

    sums, terms = [agg.empty_sums()], [agg.reduce_term_counts([], by)]

    def add(partial: tuple[pd.DataFrame, pd.DataFrame]) -> None:
        # Sums are only collected: an article's rows live in one part, so no two partials
        # share a key and folding them early would re-sort a growing table for nothing.
        sums.append(partial[0])
        terms.append(partial[1])
        if len(terms) > fold_every:
            terms[:] = [agg.reduce_term_counts(terms, by)]

    tasks = [(outdir / "statements" / p, by) for p in parts]
    if workers <= 1 or len(tasks) <= 1:
        for task in tasks:
            add(_aggregate_part(*task))
    else:
        from concurrent.futures import FIRST_COMPLETED, wait

        with _executor(workers) as pool:
            pending = set()
            queue = iter(tasks)
            for task in queue:
                pending.add(pool.submit(_aggregate_part, *task))
                if len(pending) >= 2 * workers:
                    break
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    add(fut.result())
                    nxt = next(queue, None)
                    if nxt is not None:
                        pending.add(pool.submit(_aggregate_part, *nxt))
    return agg.reduce_sums(sums), agg.reduce_term_counts(terms, by)


def write_aggregates(outdir: Path, sums: pd.DataFrame, terms: pd.DataFrame) -> list[str]:
    """Write the aggregate tables under OUTDIR/aggregates/; returns their relative paths."""
    names = ["aggregates/actor_article_sums.parquet", "aggregates/term_counts.parquet"]
    _write_parquet(sums, outdir / names[0])
    _write_parquet(terms, outdir / names[1])
    return names


def finish(outdir: Path, corpus, markers: list[dict], parts: list[str], done: dict, units_skipped: int,
           parts_skipped: int, renamed: int, options: StageOptions, chunk_size: int, engine: str,
           seconds: dict, aggregator: Callable | None = None) -> PipelineResult:
    """Corpus-wide steps after the chunks (canonical speakers, one schema, rejected table,
    aggregates from `aggregator(parts)` when given) and the manifest, written last."""
    t0 = time.perf_counter()
    speaker_map = canonical_speakers(outdir, parts)
    paths = [outdir / "statements" / p for p in parts]
    schema = unified_schema(paths)
    for p in paths:
        conform_part(p, schema, speaker_map)
    from quotelens.load.corpus import REJECTED_COLUMNS

    rejected = pd.DataFrame([r for m in markers for r in m["rejected"]], columns=REJECTED_COLUMNS)
    rejected["line"] = rejected["line"].astype("Int64")
    _write_parquet(rejected, outdir / "rejected.parquet")
    seconds["finish"] = time.perf_counter() - t0
    aggregate_files: list[str] = []
    if aggregator is not None:
        t0 = time.perf_counter()
        aggregate_files = write_aggregates(outdir, *aggregator(parts))
        seconds["aggregates"] = time.perf_counter() - t0
    result = PipelineResult(
        outdir=outdir, parts=parts, read=sum(m["read"] for m in markers),
        articles=sum(sum(m["rows"]) for m in markers), rejected=len(rejected),
        statements=sum(done[p]["statements"] for p in parts), units_skipped=units_skipped,
        parts_skipped=parts_skipped, ids_renamed=renamed, speakers_canonicalised=len(speaker_map), seconds=seconds,
    )
    manifest = {
        "version": PIPELINE_VERSION, "parts": parts, "read": result.read, "articles": result.articles,
        "rejected": result.rejected, "statements": result.statements,
        "chunk_size": chunk_size, "options": asdict(options),
        "statements_per_part": {p: done[p]["statements"] for p in parts},
        "aggregates": aggregate_files,
    }
    _write_json(outdir / "manifest.json", manifest)
    return result


# ---------------------------------------------------------------------------------------------
# Reading the dataset


def read_manifest(outdir: str | os.PathLike) -> dict:
    """The manifest of a finished run; raises FileNotFoundError naming the folder when the run
    did not finish."""
    path = config.resolve(outdir) / "manifest.json"
    data = _read_json(path)
    if data is None:
        raise FileNotFoundError(f"{path}: no manifest; the pipeline has not finished in this folder")
    return data


def read_statements(outdir: str | os.PathLike, columns: list[str] | None = None) -> pd.DataFrame:
    """All statements of a finished run, parts in load order (one DataFrame; for data larger
    than memory read the parts one by one, or with dask.dataframe.read_parquet)."""
    outdir = config.resolve(outdir)
    parts = read_manifest(outdir)["parts"]
    frames = [pd.read_parquet(outdir / "statements" / p, columns=columns) for p in parts]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)


def read_articles(outdir: str | os.PathLike, columns: list[str] | None = None) -> pd.DataFrame:
    """All articles of a finished run, in load order."""
    outdir = config.resolve(outdir)
    parts = read_manifest(outdir)["parts"]
    frames = [pd.read_parquet(outdir / "articles" / p, columns=columns) for p in parts]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)
