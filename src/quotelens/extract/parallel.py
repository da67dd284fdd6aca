"""Statement extraction on the machine's cores: a process pool over chunks of the Articles
table, with the same result as one process.

Each worker extracts its chunk of articles (`extract_statements(..., canonicalise=False)`,
the registry sent once per worker); the chunks come back in input order and unregistered
speakers are then named once over the whole table (`canonicalise_unknown`), exactly as
`extract_statements` does in one process, so the two tables are equal row for row. At most
`2 * workers` chunks are in flight at a time, so the memory the pool adds is bounded by the
chunk size, not by the corpus.

Reads: an Articles table and an actor registry. Writes: the Statements table
(docs/contracts.md).
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor

import pandas as pd

from quotelens.extract.chunk import default_chunker
from quotelens.extract.naming import canonicalise_unknown
from quotelens.extract.postag import default_tagger
from quotelens.extract.registry import Registry, as_registry
from quotelens.extract.statements import extract_statements

CHUNK_ARTICLES = 100  # articles per task: large enough to amortise the transfer, small enough to balance
CHUNKS_PER_WORKER = 2  # below this many chunks per worker a pool costs more than it saves

_WORKER_REGISTRY: list[Registry] = []


def default_workers() -> int:
    """The number of cores this process may use (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(registry: Registry) -> None:
    _WORKER_REGISTRY[:] = [registry]


def _extract_chunk(chunk: pd.DataFrame) -> pd.DataFrame:
    return extract_statements(chunk, _WORKER_REGISTRY[0], canonicalise=False)


def extract_statements_parallel(articles: pd.DataFrame, registry=None, workers: int | None = None,
                                chunk_size: int = CHUNK_ARTICLES) -> pd.DataFrame:
    """The Statements table of `articles` (an Articles table), computed by `workers` processes
    (default: the machine's cores) over chunks of `chunk_size` articles. Equal to
    `extract_statements(articles, registry)`; with one worker, or too few articles to pay for
    a pool, it is that call. `registry`: a Registry, a registry YAML path, or None for no
    registry."""
    reg = as_registry(registry)
    workers = default_workers() if workers is None else max(1, int(workers))
    chunk_size = max(1, int(chunk_size))
    n = len(articles)
    workers = min(workers, max(1, n // (CHUNKS_PER_WORKER * chunk_size)))
    if workers <= 1:
        return extract_statements(articles, reg)
    articles = articles.reset_index(drop=True)
    # load the tagger and chunker models here, once: the forked workers share them (about 0.5 s
    # of CPU and 30 MB each that every worker would otherwise spend on its own copy)
    default_tagger()
    default_chunker()
    parts: list[pd.DataFrame] = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(reg,)) as pool:
        pending: deque = deque()
        for start in range(0, n, chunk_size):
            pending.append(pool.submit(_extract_chunk, articles.iloc[start:start + chunk_size]))
            if len(pending) >= 2 * workers:
                parts.append(pending.popleft().result())
        while pending:
            parts.append(pending.popleft().result())
    table = pd.concat(parts, ignore_index=True) if parts else extract_statements(articles.iloc[:0], reg)
    return canonicalise_unknown(table)
