"""The pipeline on a dask.distributed cluster: the same per-article functions, the same planning
and the same output folder as the pandas engine (quotelens.scale.pipeline, which chooses the
engine), so both give identical files.

- Loading: one task per input unit (`parts.load_unit`), submitted with `Client.map`.
- Statements and sentiment: the articles parts become a dask.dataframe (`from_map`, one
  partition per part) and `map_partitions` runs `parts.process_articles` on each; every
  partition writes its own statements part and marker on the worker, as the pandas engine's
  workers do, and returns one small status row. The workers must see OUTDIR at the same path
  (a local cluster, or a shared file system on a real cluster).
- Aggregates (`aggregate_dask`): per-actor sums and term counts are computed inside the
  partitions and reduced with a Dask groupby-sum; only those small tables reach the client.

`client_for(scheduler, workers)` gives a LocalCluster of `workers` single-threaded processes
when `scheduler` is None, else a client of the scheduler at that address.
"""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path

import pandas as pd

from quotelens.compare import aggregates as agg
from quotelens.scale import layout, parts
from quotelens.scale.finish import PipelineResult, finish
from quotelens.scale.fingerprints import StageOptions
from quotelens.scale.resume import plan_load, plan_statements
from quotelens.scale.schema import unified_schema
from quotelens.scale.units import InputUnit
from quotelens.scale.workers import ignore_sigint, progress_bar

PART_COLUMN = "_part"  # the articles part a row came from (dropped before extraction)


@contextlib.contextmanager
def client_for(scheduler: str | None = None, workers: int = 2):
    """A dask.distributed Client: of the scheduler at `scheduler` ("tcp://host:8786"), or of a
    new LocalCluster with `workers` worker processes of one thread each (the extraction code
    is pure Python, so threads would share one interpreter lock). Closed on exit."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=40)
    client = Client(cluster)
    # Ctrl-C reaches the whole process group; the main process answers it (one line, status
    # 130), so the local workers ignore it instead of each printing a KeyboardInterrupt traceback.
    client.run(ignore_sigint)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _read_articles_part(path: str) -> pd.DataFrame:
    df = pd.read_parquet(path)
    df[PART_COLUMN] = Path(path).name
    return df


def _process_partition(articles: pd.DataFrame, outdir: str, options: StageOptions, identities: dict) -> pd.DataFrame:
    """map_partitions body: statements and sentiment of one articles part, written to the
    statements part of the same name (then its marker, recording the part's identity from
    `identities`); returns one status row."""
    if articles.empty:
        return pd.DataFrame({"part": pd.Series(dtype=object), "marker": pd.Series(dtype=object)})
    outdir_p = Path(outdir)
    part = str(articles[PART_COLUMN].iat[0])
    registry, scorer = parts.worker_state(options)
    scored = parts.process_articles(articles.drop(columns=[PART_COLUMN]), registry, scorer, canonicalise=False)
    marker = parts.write_statements(outdir_p, part, scored, identities[part], len(articles))
    return pd.DataFrame({"part": [part], "marker": [json.dumps(marker)]})


def run_dask(units: list[InputUnit], outdir: Path, workers: int, chunk_size: int, columns: dict | None,
             options: StageOptions, scheduler: str | None, progress: bool | None,
             aggregates: bool = True) -> PipelineResult:
    """`pipeline.run_pipeline` with engine="dask", on the checked input `units` (see there for
    the parameters)."""
    import dask
    import dask.dataframe as dd
    from dask.distributed import as_completed

    seconds: dict[str, float] = {}
    # Dask would turn object columns into pyarrow strings; keep pandas' types so the files
    # equal the pandas engine's.
    with client_for(scheduler, workers) as client, dask.config.set({"dataframe.convert-string": False}):
        t0 = time.perf_counter()
        plan = plan_load(units, outdir, chunk_size, columns)
        todo = plan.todo
        n = len(todo)
        futures = client.map(parts.load_unit, [u for u, _ in todo], [outdir] * n, [chunk_size] * n, [columns] * n,
                             [i for _, i in todo], pure=False) if todo else []
        markers = plan.complete(client.gather(futures) if todo else [])
        seconds["load"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        part_plan = plan_statements(outdir, units, markers, options)
        done = dict(part_plan.done)
        todo_parts = part_plan.todo
        if todo_parts:
            schema = unified_schema([outdir / layout.ARTICLES_DIR / p for p in todo_parts])
            meta = schema.empty_table().to_pandas()
            meta[PART_COLUMN] = pd.Series(dtype=object)
            articles = dd.from_map(_read_articles_part, [str(outdir / layout.ARTICLES_DIR / p) for p in todo_parts],
                                   meta=meta, enforce_metadata=False)
            status_meta = pd.DataFrame({"part": pd.Series(dtype=object), "marker": pd.Series(dtype=object)})
            identities = {p: part_plan.identities[p] for p in todo_parts}
            status = articles.map_partitions(_process_partition, str(outdir), options, identities, meta=status_meta,
                                             enforce_metadata=False)
            # One future per partition, so the bar advances as partitions finish; only the
            # one-row status frames come back.
            futures = client.compute(status.to_delayed())
            with progress_bar(sum(part_plan.rows[p] for p in todo_parts), "statements (dask)", progress) as bar:
                for future in as_completed(futures):
                    frame = future.result()
                    for part, marker in zip(frame["part"], frame["marker"]):
                        done[part] = json.loads(marker)
                        bar.update(part_plan.rows[part])
        seconds["statements"] = time.perf_counter() - t0
        result = finish(outdir, markers, part_plan.parts, done, len(units) - len(todo),
                        len(part_plan.parts) - len(todo_parts), part_plan.ids_renamed, options, chunk_size, seconds,
                        (lambda ps: aggregate_dask(outdir, ps, client)) if aggregates else None)
    return result


def _statement_frame(path: str, columns: list[str]) -> pd.DataFrame:
    return pd.read_parquet(path, columns=columns)


def aggregate_dask(outdir: str | Path, parts: list[str], client=None, by: str = "speaker") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-actor sums and term counts of statements `parts`, computed on the cluster of `client`
    (the current default client when None): each partition reduces its statements to small
    tables, a Dask groupby-sum adds them up, and only those tables come back. Returns
    (actor_article_sums, term_counts), sorted as `aggregates.reduce_sums` / `reduce_term_counts`."""
    import dask

    outdir = Path(outdir)
    paths = [str(outdir / layout.STATEMENTS_DIR / p) for p in parts]
    if not paths:
        return agg.empty_sums(), agg.reduce_term_counts([], by)
    cols = sorted(set(agg.SUM_INPUT) | {by, "quote"})
    with dask.config.set({"dataframe.convert-string": False}):
        return _aggregate_graph(paths, cols, client, by)


def _aggregate_graph(paths: list[str], cols: list[str], client, by: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    import dask.dataframe as dd

    meta_in = pd.read_parquet(paths[0], columns=cols).iloc[:0]
    frame = dd.from_map(_statement_frame, paths, columns=cols, meta=meta_in, enforce_metadata=False)
    sums_meta = agg.empty_sums()
    sums = (frame.map_partitions(agg.actor_article_sums, meta=sums_meta)
            .groupby(agg.SUM_KEYS).sum(split_out=1))
    terms_meta = agg.reduce_term_counts([], by)
    terms = (frame.map_partitions(agg.term_counts, by, meta=terms_meta)
             .groupby([by, "term"])["n"].sum(split_out=1))
    compute = client.compute if client is not None else None
    if compute is not None:
        sums_df, terms_s = client.gather(compute([sums, terms]))
    else:
        import dask

        sums_df, terms_s = dask.compute(sums, terms)
    sums_df = agg.reduce_sums([sums_df.reset_index()])
    terms_df = agg.reduce_term_counts([terms_s.reset_index()], by)
    return sums_df, terms_df
