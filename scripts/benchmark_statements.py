"""Benchmark statement extraction against sentence splitting of the same text, in one run.

    python scripts/benchmark_statements.py [--repeats 3]

Loads the default corpus (seeds/ + FA-KES), then times, best of `--repeats` runs each:
1. the baseline: quotelens.text.sentence_spans over every article text;
2. quotelens.extract.statements.extract_statements over the same articles (registry loaded once,
   outside the timing, as the notebook does).
Peak Python memory of each is measured in a separate pass under tracemalloc (which slows code
down, so it is not timed). Prints articles per second, peak memory in MiB and the ratio
extraction time / splitting time (target: <= 5).
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc

from quotelens import config
from quotelens.extract.registry import default_registry_path, load_registry
from quotelens.load.corpus import load_corpus
from quotelens.extract.statements import extract_statements
from quotelens.text import sentence_spans


def split_all(texts: list[str]) -> int:
    """Sentence-split every text; return the number of sentences."""
    return sum(len(sentence_spans(t)) for t in texts)


def best_time(fn, repeats: int) -> tuple[float, object]:
    """Best wall-clock time in seconds over `repeats` calls, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each step (best is kept)")
    args = parser.parse_args(argv)

    result = load_corpus([config.SEEDS_DIR, config.FAKES_CSV])
    articles = result.articles
    texts = articles["text"].tolist()
    registry = load_registry(default_registry_path())
    n = len(texts)
    n_chars = sum(len(t) for t in texts)
    # warm-up: Punkt parameters, compiled patterns, the registry's word index
    split_all(texts[:5])
    extract_statements(articles.head(5), registry)

    t_split, n_sentences = best_time(lambda: split_all(texts), args.repeats)
    t_extract, statements = best_time(lambda: extract_statements(articles, registry), args.repeats)
    m_split = peak_mib(lambda: split_all(texts))
    m_extract = peak_mib(lambda: extract_statements(articles, registry))

    print(f"default corpus: {n} articles, {n_chars:,} characters, {n_sentences:,} sentences; "
          f"best of {args.repeats} runs")
    print(f"{'step':<28}{'seconds':>9}{'articles/s':>12}{'peak MiB':>10}")
    print(f"{'sentence splitting (baseline)':<28}{t_split:>9.2f}{n / t_split:>12.0f}{m_split:>10.2f}")
    print(f"{'statement extraction':<28}{t_extract:>9.2f}{n / t_extract:>12.0f}{m_extract:>10.2f}")
    print(f"extraction / splitting time: {t_extract / t_split:.2f}x (target <= 5x); "
          f"{len(statements):,} statements")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
