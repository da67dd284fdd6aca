"""Throughput and memory of the chunked pipeline (quotelens.scale.pipeline) on 1x, 10x and 100x the
default corpus, against the cost of merely reading and sentence-splitting the same text,
measured in the same run.

    .venv/bin/python scripts/benchmark_scale.py [--scales 1 10 100] [--runs pandas:1 pandas:2 dask:1 dask:2]
        [--big-runs pandas:2] [--repeat 1] [--chunk-size 200] [--workdir /tmp/qlscale] [--one-file] [--profile] [--before-after]

Corpora: the default corpus (seeds/ + FA-KES, 805 articles) replicated k times, each copy with
distinct ids ("<id>~c<k>"), written as a folder of Parquet files of 1,000 articles. Every
configuration runs on a fresh output folder. Columns:

- articles/s: articles over the wall time of load + statements + sentiment (the stages the
  target is about); total s adds the corpus-wide steps and the aggregates.
- x baseline: pipeline wall time / the time one process takes to read the same Parquet
  files and split every text into sentences (quotelens.text.sentence_spans), i.e. how many
  times the bare reading cost the whole per-article path costs.
- peak RSS: the largest resident set of the main process, and of each worker process
  (psutil, sampled every 0.1 s over the main process and all its descendants), in MB.
- CPU s: user + system CPU seconds of the main process and all its descendants (including
  interpreter start and imports); articles/CPU s is steadier than articles/s on a busy machine.

Runs at scale >= 100 use --big-runs only (100x takes minutes per configuration on 2 cores).
--one-file: write each corpus as ONE Parquet file with row groups of 1,000 articles instead (peak
memory when a single large file is the input).
--profile: instead, profile one pipeline chunk in this process with pyinstrument and print it.
The machine is shared: run when `uptime` shows low load and quote medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import psutil
import pyarrow as pa
import pyarrow.parquet as pq

from quotelens import config
from quotelens.load.corpus import load_corpus
from quotelens.scale.pipeline import run_pipeline
from quotelens.text import sentence_spans

DEFAULT_CORPUS = [config.SEEDS_DIR, config.FAKES_CSV]
FILE_ROWS = 1000
# The default corpus's registry and topic words, named (the pipeline's defaults are neutral):
# the measurements stay comparable with those taken before neutral defaults (docs/scale.md).
SYRIA_OPTIONS = {"actors": "data/actors/syria.yaml", "topic_words": "data/sentiment/topic_words_conflict.yaml"}
TABLE_COLUMNS = ["id", "title", "headlines", "text", "source", "date", "url"]


def build_corpus(folder: Path, copies: int, one_file: bool = False) -> int:
    """Write `copies` copies of the default corpus, with distinct ids, as Parquet files of
    FILE_ROWS articles, or with `one_file` as a single Parquet file with row groups of
    FILE_ROWS articles (written incrementally); returns the number of articles."""
    if folder.exists() and (folder / "_complete").exists():
        return int((folder / "_complete").read_text())
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    base = load_corpus(DEFAULT_CORPUS, duplicates=False).articles
    table = pd.DataFrame({
        "id": base["article_id"], "title": base["title"], "headlines": base["headlines"], "text": base["text"],
        "source": base["source"], "date": base["date"].dt.strftime("%Y-%m-%d"), "url": base["url"],
    })
    buffer: list[pd.DataFrame] = []
    rows = 0
    n_files = 0
    writer = None
    schema = pa.Table.from_pandas(table, preserve_index=False).schema

    def flush(final: bool = False) -> None:
        nonlocal buffer, n_files, writer
        data = pd.concat(buffer, ignore_index=True) if buffer else table.iloc[:0]
        while len(data) >= FILE_ROWS or (final and len(data)):
            if one_file:
                # One schema for every row group: the whole copy's (a piece may lack the seed
                # and so type its empty headlines lists as list<null>).
                piece = pa.Table.from_pandas(data.iloc[:FILE_ROWS], schema=schema, preserve_index=False)
                writer = writer or pq.ParquetWriter(folder / "corpus.parquet", schema)
                writer.write_table(piece, row_group_size=FILE_ROWS)
            else:
                data.iloc[:FILE_ROWS].to_parquet(folder / f"corpus-{n_files:05d}.parquet", index=False)
            n_files += 1
            data = data.iloc[FILE_ROWS:]
        buffer = [data]

    for k in range(copies):
        copy = table.copy()
        copy["id"] = copy["id"] + f"~c{k}"
        buffer.append(copy)
        rows += len(copy)
        flush()
    flush(final=True)
    if writer is not None:
        writer.close()
    (folder / "_complete").write_text(str(rows))
    return rows


def read_and_split(folder: Path) -> tuple[float, int]:
    """Seconds to read every text of the Parquet corpus and split it into sentences (one
    process), and the number of sentences."""
    start = time.perf_counter()
    n = 0
    for path in sorted(folder.glob("*.parquet")):
        for text in pd.read_parquet(path, columns=["text"])["text"]:
            n += len(sentence_spans(text))
    return time.perf_counter() - start, n


class PeakRSS:
    """Samples the resident set size (bytes) of process `pid` and all its descendants every
    `interval` seconds in a thread; keeps the peak per process id."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.interval = interval
        self.peaks: dict[int, int] = {}
        self.cpu: dict[int, float] = {}  # last seen user + system CPU seconds per process
        self.me = psutil.Process(pid)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        procs = [self.me]
        try:
            procs += self.me.children(recursive=True)
        except psutil.Error:
            pass
        for p in procs:
            try:
                rss = p.memory_info().rss
                times = p.cpu_times()
            except psutil.Error:
                continue
            self.cpu[p.pid] = times.user + times.system
            if rss > self.peaks.get(p.pid, 0):
                self.peaks[p.pid] = rss

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self):
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._sample()

    def main_mb(self) -> float:
        return self.peaks.get(self.me.pid, 0) / 2**20

    def others_mb(self) -> list[float]:
        return sorted((v / 2**20 for k, v in self.peaks.items() if k != self.me.pid), reverse=True)


def run_once(corpus: Path, outdir: Path, engine: str, workers: int, chunk_size: int) -> dict:
    """One pipeline run in a fresh interpreter (so memory is not carried over from other runs),
    watched by PeakRSS from here; timings are measured inside the run (imports excluded)."""
    import json
    import subprocess

    shutil.rmtree(outdir, ignore_errors=True)
    cmd = [sys.executable, __file__, "--single", str(corpus), str(outdir), engine, str(workers), str(chunk_size)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    with PeakRSS(proc.pid) as mem:
        out, _ = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"run failed ({proc.returncode}): {' '.join(cmd)}")
    shutil.rmtree(outdir, ignore_errors=True)
    result = json.loads(out.strip().splitlines()[-1])
    return dict(result, main_mb=mem.main_mb(), others_mb=mem.others_mb(), cpu_s=sum(mem.cpu.values()))


def single(corpus: str, outdir: str, engine: str, workers: str, chunk_size: str) -> None:
    import json

    start = time.perf_counter()
    result = run_pipeline(Path(corpus), Path(outdir), workers=int(workers), chunk_size=int(chunk_size),
                          engine=engine, progress=False, **SYRIA_OPTIONS)
    total = time.perf_counter() - start
    print(json.dumps({"articles": result.articles, "statements": result.statements,
                      "stage_s": result.seconds["load"] + result.seconds["statements"], "total_s": total}))


def profile_chunk(chunk_size: int) -> None:
    from pyinstrument import Profiler

    from quotelens.scale.parts import StageOptions, process_articles, worker_state

    articles = load_corpus(DEFAULT_CORPUS, duplicates=False).articles.iloc[:chunk_size]
    registry, scorer = worker_state(StageOptions(**SYRIA_OPTIONS))
    process_articles(articles.iloc[:5], registry, scorer)  # warm caches
    profiler = Profiler(interval=0.001)
    profiler.start()
    loaded = load_corpus(DEFAULT_CORPUS, duplicates=False)  # the load stage too, on the whole default corpus
    process_articles(articles, registry, scorer)
    profiler.stop()
    del loaded
    print(profiler.output_text(unicode=False, color=False))


def before_after(chunk: int, repeat: int) -> None:
    """CPU seconds per article of load + statements + sentiment in one process, with the hot-path
    fixes undone ("before": NLTK's SentiText tokenisation, load_corpus's all-pairs duplicate
    search) and as they are now ("after"), alternated `repeat` times on the same articles.
    CPU time (time.process_time) is less disturbed than wall time by other jobs on the machine."""
    from quotelens.scale.parts import StageOptions, process_articles, worker_state
    from quotelens.sentiment import vader_pass

    articles = load_corpus(DEFAULT_CORPUS, duplicates=False).articles.iloc[:chunk]
    registry, scorer = worker_state(StageOptions(**SYRIA_OPTIONS))
    process_articles(articles.iloc[:5], registry, scorer)  # warm caches
    fast = vader_pass.words_and_emoticons
    results: dict[str, list[float]] = {"before": [], "after": []}
    for _ in range(repeat):
        for label in ("before", "after"):
            vader_pass.words_and_emoticons = vader_pass.nltk_tokens if label == "before" else fast
            start = time.process_time()
            load_corpus(DEFAULT_CORPUS, duplicates=(label == "before"))
            process_articles(articles, registry, scorer)
            results[label].append((time.process_time() - start) / len(articles))
    vader_pass.words_and_emoticons = fast
    import subprocess

    code = ("import time; t = time.process_time(); from quotelens.scale.parts import StageOptions, worker_state; "
            "worker_state(StageOptions()); print(time.process_time() - t)")
    init = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    for label, values in results.items():
        ms = statistics.median(values) * 1000
        print(f"{label}: {ms:.2f} ms CPU per article ({1000 / ms:.0f} articles/s per core), runs: "
              + ", ".join(f"{v * 1000:.2f}" for v in values))
    print(f"per-process start (imports, registry, fitted models): {init:.2f} s CPU; "
          "before: paid by every worker, after: once, before the workers fork")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100], help="copies of the default corpus")
    parser.add_argument("--runs", nargs="+", default=["pandas:1", "pandas:2", "dask:1", "dask:2"],
                        help="engine:workers configurations for scales below 100")
    parser.add_argument("--big-runs", nargs="+", default=["pandas:2"], help="configurations for scales >= 100")
    parser.add_argument("--repeat", type=int, default=1, help="runs per configuration (the median is shown)")
    parser.add_argument("--chunk-size", type=int, default=200, help="articles per chunk")
    parser.add_argument("--workdir", default="/tmp/quotelens_scale", help="where corpora and outputs go")
    parser.add_argument("--profile", action="store_true", help="profile one chunk with pyinstrument instead")
    parser.add_argument("--before-after", action="store_true",
                        help="CPU per article with the hot-path fixes undone and as now (--chunk-size articles)")
    parser.add_argument("--one-file", action="store_true",
                        help="write each corpus as ONE Parquet file (row groups of 1,000 articles) instead")
    parser.add_argument("--single", nargs=5, help=argparse.SUPPRESS)  # internal: one run, JSON on stdout
    args = parser.parse_args(argv)
    if args.before_after:
        before_after(args.chunk_size, max(args.repeat, 3))
        return 0
    if args.single:
        single(*args.single)
        return 0
    if args.profile:
        profile_chunk(args.chunk_size)
        return 0

    work = Path(args.workdir)
    print(f"# load average at start: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores", flush=True)
    header = ("scale", "articles", "engine", "workers", "articles/s", "stage s", "total s", "x baseline",
              "CPU s", "articles/CPU s", "main MB", "worker MB (each)", "load avg")
    rows = []
    for scale in args.scales:
        corpus = work / (f"corpus_{scale}x_onefile" if args.one_file else f"corpus_{scale}x")
        n = build_corpus(corpus, scale, one_file=args.one_file)
        base_s, n_sent = read_and_split(corpus)
        print(f"# {scale}x: {n} articles; read + sentence split (1 process): {base_s:.2f} s, "
              f"{n / base_s:.0f} articles/s, {n_sent} sentences", flush=True)
        for spec in (args.big_runs if scale >= 100 else args.runs):
            engine, workers = spec.split(":")
            runs = [run_once(corpus, work / "out", engine, int(workers), args.chunk_size) for _ in range(args.repeat)]
            stage = statistics.median(r["stage_s"] for r in runs)
            total = statistics.median(r["total_s"] for r in runs)
            main_mb = statistics.median(r["main_mb"] for r in runs)
            cpu = statistics.median(r["cpu_s"] for r in runs)
            others = runs[len(runs) // 2]["others_mb"]
            row = (f"{scale}x", str(n), engine, workers, f"{n / stage:.0f}", f"{stage:.1f}", f"{total:.1f}",
                   f"{total / base_s:.1f}", f"{cpu:.0f}", f"{n / cpu:.0f}", f"{main_mb:.0f}",
                   " ".join(f"{m:.0f}" for m in others) or "-", f"{os.getloadavg()[0]:.1f}")
            rows.append(row)
            print("  " + " | ".join(row), flush=True)
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
