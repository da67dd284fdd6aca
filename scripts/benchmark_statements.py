"""Benchmark statement extraction against NLTK Punkt sentence splitting of the same text, in one run.

    python scripts/benchmark_statements.py [--repeats 3] [--workers N]

Loads the default corpus (seeds/ + FA-KES), then measures, best of `--repeats` runs each, in CPU
time of this process (time.process_time) and in wall-clock time:
1. the baselines: NLTK's Punkt sentence splitter (`PunktSentenceTokenizer.span_tokenize` with
   the project's abbreviation list, quotelens.text.sentence_tokenizer) over every article text,
   and the project's sentence splitting built on it (quotelens.text.sentence_spans: Punkt on
   bounded pieces plus the abbreviation re-split), which the extractor itself runs and which
   the issue's "3.0x today" was measured against; the target is read against the latter;
2. quotelens.extract.statements.extract_statements over the same articles in this process
   (registry loaded once, outside the timing, as the notebook does; the tagger, chunker and
   caches warmed on five articles first, as any long run warms them).
Then, once, the same extraction through the process pool `quotelens extract` uses
(quotelens.extract.parallel.extract_statements_parallel, `--workers` processes, default: the
machine's cores), wall-clock time, the CPU seconds each worker process used (sampled with psutil
every 0.1 s, so a pool that leaves a core idle shows), and whether its table equals the
one-process table. The load average (os.getloadavg) is printed before and after: on a shared
machine the ratios move with it.

Peak Python memory of each step is measured in a separate pass under tracemalloc (which slows
code down, so it is not timed). Prints articles per second, peak memory in MiB and the ratio
extraction / splitting in CPU time (issue 12 target: <= 10) and in wall time.
"""

from __future__ import annotations

import argparse
import gc
import os
import threading
import time
import tracemalloc

import pandas as pd
import psutil

from quotelens import config
from quotelens.extract.parallel import default_workers, extract_statements_parallel
from quotelens.extract.registry import default_registry_path, load_registry
from quotelens.extract.statements import extract_statements
from quotelens.load.corpus import load_corpus
from quotelens.text import sentence_spans, sentence_tokenizer

TARGET_RATIO = 10.0  # issue 12: extraction at most 10x Punkt splitting, CPU time


def split_all(texts: list[str]) -> int:
    """Punkt-split every text; return the number of sentences."""
    tok = sentence_tokenizer()
    return sum(sum(1 for _ in tok.span_tokenize(t)) for t in texts)


def split_project(texts: list[str]) -> int:
    """Split every text as the extractor does (quotelens.text.sentence_spans)."""
    return sum(len(sentence_spans(t)) for t in texts)


def best_time(fn, repeats: int) -> tuple[float, float, object]:
    """Best CPU time and best wall-clock time in seconds over `repeats` calls, and the last result."""
    best_cpu = best_wall = float("inf")
    result = None
    for _ in range(repeats):
        gc.collect()
        c0, w0 = time.process_time(), time.perf_counter()
        result = fn()
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    return best_cpu, best_wall, result


def peak_mib(fn) -> float:
    """Peak traced Python memory of one call, in MiB."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def worker_cpu_seconds(fn) -> tuple[object, dict[int, float]]:
    """Call fn() and return its result and the CPU seconds (user + system) of each child
    process seen while it ran (sampled every 0.1 s; a child's last 0.1 s may be missed)."""
    seen: dict[int, float] = {}
    done = threading.Event()
    me = psutil.Process()

    def sample() -> None:
        while not done.is_set():
            for child in me.children(recursive=True):
                try:
                    t = child.cpu_times()
                    seen[child.pid] = t.user + t.system
                except psutil.Error:
                    pass
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        result = fn()
    finally:
        done.set()
        sampler.join()
    return result, seen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each step (best is kept)")
    parser.add_argument("--workers", type=int, default=None, help="processes for the parallel run (default: cores)")
    args = parser.parse_args(argv)

    result = load_corpus([config.SEEDS_DIR, config.FAKES_CSV])
    articles = result.articles
    texts = articles["text"].tolist()
    registry = load_registry(default_registry_path())
    n = len(texts)
    n_chars = sum(len(t) for t in texts)
    load_before = os.getloadavg()
    # warm-up: Punkt parameters, compiled patterns, the registry's word index, tagger caches
    split_all(texts[:5])
    extract_statements(articles.head(5), registry)

    s_cpu, s_wall, n_sentences = best_time(lambda: split_all(texts), args.repeats)
    q_cpu, q_wall, _ = best_time(lambda: split_project(texts), args.repeats)
    e_cpu, e_wall, statements = best_time(lambda: extract_statements(articles, registry), args.repeats)
    m_split = peak_mib(lambda: split_all(texts))
    m_project = peak_mib(lambda: split_project(texts))
    m_extract = peak_mib(lambda: extract_statements(articles, registry))
    workers = args.workers or default_workers()
    w0 = time.perf_counter()
    pooled, per_worker = worker_cpu_seconds(lambda: extract_statements_parallel(articles, registry, workers=workers))
    p_wall = time.perf_counter() - w0
    same = pooled.reset_index(drop=True).equals(statements.reset_index(drop=True))

    print(f"default corpus: {n} articles, {n_chars:,} characters, {n_sentences:,} Punkt sentences; "
          f"best of {args.repeats} runs; {os.cpu_count()} cores")
    print(f"{'step':<36}{'CPU s':>8}{'wall s':>8}{'articles/s':>12}{'peak MiB':>10}")
    print(f"{'NLTK Punkt sentence splitting':<36}{s_cpu:>8.2f}{s_wall:>8.2f}{n / s_wall:>12.0f}{m_split:>10.2f}")
    print(f"{'Punkt as the extractor splits':<36}{q_cpu:>8.2f}{q_wall:>8.2f}{n / q_wall:>12.0f}{m_project:>10.2f}")
    print(f"{'statement extraction, 1 process':<36}{e_cpu:>8.2f}{e_wall:>8.2f}{n / e_wall:>12.0f}{m_extract:>10.2f}")
    print(f"{f'statement extraction, {workers} processes':<36}{'-':>8}{p_wall:>8.2f}{n / p_wall:>12.0f}{'-':>10}")
    ratio = e_cpu / q_cpu
    print(f"extraction / splitting in CPU time: {ratio:.2f}x the extractor's Punkt splitting (target <= "
          f"{TARGET_RATIO:g}x: {'met' if ratio <= TARGET_RATIO else 'not met'}), {e_cpu / s_cpu:.2f}x bare Punkt")
    print(f"wall time: {e_wall / q_wall:.2f}x in one process, {p_wall / q_wall:.2f}x with {workers} processes; "
          f"{len(statements):,} statements; pooled table {'equals' if same else 'DIFFERS FROM'} the one-process table")
    busy = sorted(per_worker.values(), reverse=True)
    print(f"CPU s of each worker process: {' '.join(f'{t:.2f}' for t in busy) or '-'}; load average "
          f"{load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after ({os.cpu_count()} cores)")
    return 0 if same else 1


if __name__ == "__main__":
    pd.set_option("display.width", 200)
    raise SystemExit(main())
