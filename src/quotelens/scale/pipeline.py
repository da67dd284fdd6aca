"""Streaming load -> statements -> sentiment over corpora of any size, in chunks, resumably.

The per-article stages (quotelens.stages.PIPELINE_STAGES) are independent per article, so a
corpus is cut into input units and chunks of at most `chunk_size` articles (scale.units), and
every chunk goes through the same functions the notebooks use (`load_corpus`,
`extract_statements`, `score_table`; scale.parts) in a pool of worker processes or on a Dask
cluster (scale.dask_engine). Only one chunk per worker is ever in memory, so peak memory stays
flat as the corpus grows (bounded by `chunk_size`); a .csv or .jsonl file is still loaded whole
by one worker, so its size bounds peak memory.

The output folder (scale.layout) holds OUTDIR/articles and OUTDIR/statements as Parquet datasets
of parts named by input position, markers under their _done/ folders, rejected.parquet,
aggregates/ and manifest.json, written last. Every file is written atomically (a temporary
".quotelens-PID-NAME.XXXXXXXX.tmp", then a rename); a rerun removes only such temporaries.

Resuming: a rerun reuses a loaded unit or a statements part only when everything it depends on
is unchanged (scale.fingerprints: content hashes of the inputs, the registry, the topic words,
the word lists and code, the package version); anything else is recomputed. Parts an earlier
run over a larger corpus left are removed, so reading OUTDIR/statements with pandas or dask
gives exactly the manifest's rows. The corpus-wide steps (unique ids, one name per unknown
speaker, one schema; scale.corpus_wide) start from what the chunks wrote, so a resumed run
writes the same files as a fresh one, and the output is the same whatever the number of workers.
Near-duplicate flags are a corpus-wide comparison that 01_articles makes; they are left out.

Arguments are all checked before the output folder is touched (`check_arguments`).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pandas as pd

from quotelens import config
from quotelens.load.corpus import no_articles_error
from quotelens.scale import dask_engine, layout
from quotelens.scale.aggregate import aggregate_pandas
from quotelens.scale.finish import PipelineResult, finish
from quotelens.scale.fingerprints import StageOptions, registry_path, topic_words_path
from quotelens.scale.parts import CORPUS_WIDE_COLUMNS, PipelineError, load_unit, process_articles, process_part, worker_state
from quotelens.scale.resume import plan_load, plan_statements
from quotelens.scale.units import DEFAULT_CHUNK_SIZE, InputUnit, check_chunk_size, check_mapped_columns, plan_units
from quotelens.scale.workers import progress_bar, run_tasks

ENGINES = ("pandas", "dask")

__all__ = ["CORPUS_WIDE_COLUMNS", "DEFAULT_CHUNK_SIZE", "ENGINES", "PipelineError", "PipelineResult", "StageOptions",
           "check_arguments", "load_unit", "plan_units", "process_articles", "read_articles", "read_manifest",
           "read_statements", "run_pipeline"]


def check_arguments(corpus, outdir: str | os.PathLike, workers: int | None, chunk_size: int, columns: dict | None,
                    options: StageOptions, engine: str) -> list[InputUnit]:
    """Check every argument of `run_pipeline` without writing anything: the engine, the worker
    count, `chunk_size` (articles), the column mapping, the corpus (its files exist and have a
    supported type; it holds at least one input, else NoArticlesError, a ValueError naming every
    entry skipped, as `load_corpus` raises it; mapped columns present in Parquet and CSV
    headers), the actor registry and topic-word files (they load) and the output folder (not an
    existing file, not inside a corpus folder). Raises ValueError or FileNotFoundError naming the
    problem; returns the corpus's input units. A mapped column missing from a .jsonl file, or a
    table without a text column, is only found when that file is loaded."""
    from quotelens.extract.registry import registry_from_option
    from quotelens.load.records import check_mapping
    from quotelens.sentiment.masking import load_topic_words

    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 0):
        raise ValueError(f"workers must be a whole number of processes (0 for all cores), got {workers!r}")
    check_chunk_size(chunk_size)
    check_mapping(columns)  # names we can map, before any file is looked at
    target = config.resolve(outdir)
    if target.exists() and not target.is_dir():
        raise ValueError(f"{target}: the output must be a folder, and this is a file")
    sources = [corpus] if isinstance(corpus, (str, os.PathLike)) else list(corpus)
    for source in sources:
        folder = config.resolve(source)
        if folder.is_dir() and (target == folder or folder in target.parents):
            raise ValueError(f"{target}: the output folder is inside the corpus folder {folder}; "
                             "its Parquet parts would be read as input next time")
    units = plan_units(sources, chunk_size)
    check_mapped_columns(units, check_mapping(columns))
    registry_from_option(registry_path(options))
    topic = topic_words_path(options)
    if topic is not None:
        load_topic_words(topic)
    return units


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
    for the layout), reusing what a previous run finished with the same inputs.

    workers: processes (default os.cpu_count()). chunk_size: articles per chunk. columns:
    column mapping as for `load_corpus`. actors: registry YAML (default none: speakers are named
    as the articles write them). topic_words: topic-word list masked before scoring (default
    none: no masking). engine: "pandas" (a process pool) or "dask" (a
    dask.distributed cluster: a LocalCluster of `workers` processes, or the scheduler at
    `scheduler`). progress: force the progress bar on or off (default: on for a terminal).
    aggregates: also write per-actor sums and term counts per speaker (quotelens.compare.aggregates).
    Bad arguments raise ValueError or FileNotFoundError before `outdir` is touched."""
    # neutral defaults: no registry, no masking ("" is recorded; None meant the conflict list)
    options = StageOptions(actors=str(actors or ""), topic_words=str(topic_words or ""))
    units = check_arguments(corpus, outdir, workers, chunk_size, columns, options, engine)
    workers = max(1, int(workers or os.cpu_count() or 1))
    outdir = config.resolve(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    layout.remove_own_temporaries(outdir)
    (outdir / layout.MANIFEST_FILE).unlink(missing_ok=True)  # a run in progress has no manifest
    if engine == "dask":
        return dask_engine.run_dask(units, outdir, workers, chunk_size, columns, options, scheduler, progress,
                                    aggregates)
    return _run_pandas(units, outdir, workers, chunk_size, columns, options, progress, aggregates)


def _run_pandas(units: list[InputUnit], outdir: Path, workers: int, chunk_size: int, columns: dict | None,
                options: StageOptions, progress: bool | None, aggregates: bool) -> PipelineResult:
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    plan = plan_load(units, outdir, chunk_size, columns)
    todo = plan.todo
    with progress_bar(len(todo), "load", progress, unit="file batch") as bar:
        fresh = run_tasks(load_unit, [(u, outdir, chunk_size, columns, ident) for u, ident in todo], workers,
                          [1] * len(todo), bar)
    markers = plan.complete(fresh)
    seconds["load"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    parts = plan_statements(outdir, units, markers, options)
    todo_parts = parts.todo
    if todo_parts:
        # Load the registry and the fitted models once, here: forked workers inherit them.
        worker_state(options)
    with progress_bar(sum(parts.rows[p] for p in todo_parts), "statements", progress) as bar:
        fresh = run_tasks(process_part, [(outdir, p, options, parts.identities[p]) for p in todo_parts], workers,
                          [parts.rows[p] for p in todo_parts], bar)
    done = dict(parts.done)
    done.update(zip(todo_parts, fresh))
    seconds["statements"] = time.perf_counter() - t0
    aggregator = (lambda ps: aggregate_pandas(outdir, ps, workers)) if aggregates else None
    return finish(outdir, markers, parts.parts, done, len(units) - len(todo), len(parts.parts) - len(todo_parts),
                  parts.ids_renamed, options, chunk_size, seconds, aggregator)


# ---------------------------------------------------------------------------------------------
# Reading the dataset


def read_manifest(outdir: str | os.PathLike) -> dict:
    """The manifest of a finished run; raises FileNotFoundError naming the folder when the run
    did not finish."""
    path = config.resolve(outdir) / layout.MANIFEST_FILE
    data = layout.read_json(path)
    if data is None:
        raise FileNotFoundError(f"{path}: no manifest; the pipeline has not finished in this folder")
    return data


def _read_parts(outdir: str | os.PathLike, folder: str, columns: list[str] | None) -> pd.DataFrame:
    outdir = config.resolve(outdir)
    parts = read_manifest(outdir)["parts"]
    frames = [pd.read_parquet(outdir / folder / p, columns=columns) for p in parts]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)


def read_statements(outdir: str | os.PathLike, columns: list[str] | None = None) -> pd.DataFrame:
    """All statements of a finished run, parts in load order (one DataFrame; for data larger
    than memory read the parts one by one, or with dask.dataframe.read_parquet)."""
    return _read_parts(outdir, layout.STATEMENTS_DIR, columns)


def read_articles(outdir: str | os.PathLike, columns: list[str] | None = None) -> pd.DataFrame:
    """All articles of a finished run, in load order."""
    return _read_parts(outdir, layout.ARTICLES_DIR, columns)


def no_articles_message(corpus, outdir: str | os.PathLike) -> str:
    """For a finished run that loaded no article: the one line `quotelens extract` gives on the
    same corpus (`load.corpus.no_articles_error`: every rejected record by file, line and
    reason, and the entries skipped), read from the run's rejected table and manifest, and
    where that table is."""
    outdir = config.resolve(outdir)
    rejected = pd.read_parquet(outdir / layout.REJECTED_FILE)
    skipped = [(entry, reason) for entry, reason in read_manifest(outdir).get("skipped", [])]
    return f"{no_articles_error(corpus, rejected, skipped)} (listed in {outdir / layout.REJECTED_FILE})"
