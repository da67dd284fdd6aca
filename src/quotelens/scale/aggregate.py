"""Per-actor sums and term counts of a statements dataset, reduced part by part in a process
pool (the Dask engine reduces them on its cluster: quotelens.scale.dask_engine)."""

from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, wait
from pathlib import Path

import pandas as pd

from quotelens.compare import aggregates as agg
from quotelens.scale import layout
from quotelens.scale.workers import worker_pool


def _aggregate_part(path: Path, by: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = pd.read_parquet(path, columns=sorted(set(agg.SUM_INPUT) | {by, "quote"}))
    return agg.actor_article_sums(frame), agg.term_counts(frame, by)


def aggregate_pandas(outdir: Path, parts: list[str], workers: int = 1, by: str = "speaker",
                     fold_every: int = 2) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(actor_article_sums, term_counts) of the statements parts: each part reduced in the
    pool to small tables; term counts folded into a running total every `fold_every` parts so
    memory does not grow with the number of parts (see quotelens.compare.aggregates). Exact whatever
    the order: a (speaker, article) key lives in one part only, and term counts are integers."""
    sums, terms = [agg.empty_sums()], [agg.reduce_term_counts([], by)]

    def add(partial: tuple[pd.DataFrame, pd.DataFrame]) -> None:
        # Sums are only collected: an article's rows live in one part, so no two partials
        # share a key and folding them early would re-sort a growing table for nothing.
        sums.append(partial[0])
        terms.append(partial[1])
        if len(terms) > fold_every:
            terms[:] = [agg.reduce_term_counts(terms, by)]

    tasks = [(Path(outdir) / layout.STATEMENTS_DIR / p, by) for p in parts]
    if workers <= 1 or len(tasks) <= 1:
        for task in tasks:
            add(_aggregate_part(*task))
    else:
        with worker_pool(workers) as pool:
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
    """Write the aggregate tables under OUTDIR/aggregates/; returns their paths relative to OUTDIR."""
    names = [f"{layout.AGGREGATES_DIR}/{name}" for name in layout.AGGREGATE_FILES]
    layout.write_parquet(sums, outdir / names[0])
    layout.write_parquet(terms, outdir / names[1])
    return names
