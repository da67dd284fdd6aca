"""Running tasks in a pool of worker processes, with a progress bar counting articles."""

from __future__ import annotations

import os
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Callable


def progress_bar(total: int, desc: str, enabled: bool | None, unit: str = "article"):
    """A tqdm bar counting `unit`s (rate in units/s); off when output is not a terminal or
    when running in CI, unless `enabled` forces it."""
    from tqdm import tqdm

    if enabled is None:
        enabled = sys.stderr.isatty() and not os.environ.get("CI")
    return tqdm(total=total, desc=desc, unit=unit, disable=not enabled, smoothing=0.1)


def executor(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` processes."""
    import multiprocessing as mp

    # fork shares the imported modules with the children (fast start); spawn elsewhere.
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context(method))


def run_tasks(fn: Callable, tasks: list[tuple], workers: int, weights: list[int], bar) -> list:
    """Run fn(*task) for every task, in a pool of `workers` processes when there are more than
    one, else here; results in task order. The bar advances by the task's weight (articles) as
    each finishes; the first task to fail raises its exception here."""
    results: list = [None] * len(tasks)
    if workers <= 1 or len(tasks) <= 1:
        for i, task in enumerate(tasks):
            results[i] = fn(*task)
            bar.update(weights[i])
        return results
    with executor(workers) as pool:
        pending = {pool.submit(fn, *task): i for i, task in enumerate(tasks)}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                i = pending.pop(fut)
                results[i] = fut.result()  # re-raises the worker's exception
                bar.update(weights[i])
    return results
