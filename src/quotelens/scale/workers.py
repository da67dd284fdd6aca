"""Running tasks in a pool of worker processes, with a progress bar counting articles.

The workers never outlive the main process, and only the main process answers Ctrl-C:
- each worker asks the kernel to kill it when its parent dies (Linux: prctl PR_SET_PDEATHSIG),
  or elsewhere watches its parent from a thread, so `kill -9` of the main process does not leave
  workers (about 245 MB each) computing chunks no one will read;
- workers ignore SIGINT, which a terminal sends to the whole process group: the main process
  gets KeyboardInterrupt, cancels what is pending and terminates the workers (`worker_pool`),
  and the command line reports it in one line with exit status 130. The dask engine's local
  workers are told to ignore SIGINT too once they are up (`ignore_sigint`); they end with the
  main process on their own (dask's nanny), within about two seconds of a kill -9.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Callable, Iterator

#: prctl option that sets the signal a process gets when its parent dies (linux/prctl.h).
PR_SET_PDEATHSIG = 1
#: How often a worker without PR_SET_PDEATHSIG checks that its parent is alive, in seconds.
PARENT_POLL_S = 1.0
#: How long terminated workers get to exit before they are killed, in seconds.
TERMINATE_WAIT_S = 5.0


def progress_bar(total: int, desc: str, enabled: bool | None, unit: str = "article"):
    """A tqdm bar counting `unit`s (rate in units/s); off when output is not a terminal or
    when running in CI, unless `enabled` forces it."""
    from tqdm import tqdm

    if enabled is None:
        enabled = sys.stderr.isatty() and not os.environ.get("CI")
    return tqdm(total=total, desc=desc, unit=unit, disable=not enabled, smoothing=0.1)


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(PARENT_POLL_S)
    os._exit(1)


def exit_with_parent(parent_pid: int) -> None:
    """Make this process end as soon as process `parent_pid`, its parent, is gone.

    Linux: prctl(PR_SET_PDEATHSIG, SIGKILL), through ctypes, so the kernel kills this process the
    moment the parent dies, however it died and whatever this process is doing (a worker spends
    its time in C code, where a Python-level watcher would wait its turn); no thread, no polling.
    The signal is tied to the parent *thread* that forked this process; the pool forks its
    workers from the thread that submits the first task, which lives as long as the run.
    Elsewhere (macOS has no PDEATHSIG): a daemon thread polls os.getppid() every PARENT_POLL_S
    seconds and exits when the parent changed. Either way, a parent that died before this call
    is noticed here (os.getppid() no longer `parent_pid`)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent_pid:
                os._exit(1)
            return
    if os.getppid() != parent_pid:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), name="quotelens-watch-parent", daemon=True).start()


def _start_worker(parent_pid: int) -> None:
    """Initializer of every worker: end with the parent, and leave SIGINT to the parent."""
    ignore_sigint()
    exit_with_parent(parent_pid)


def ignore_sigint() -> None:
    """Ignore SIGINT in this process (call it in a worker's main thread): Ctrl-C is the main
    process's to answer. For workers this module does not start (the dask engine's LocalCluster
    runs it on each with Client.run)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def executor(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` processes that end with this process and ignore SIGINT (see the
    module docstring); use it through `worker_pool`, which also stops them on an error."""
    # fork shares the imported modules with the children (fast start); spawn elsewhere.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                               initializer=_start_worker, initargs=(os.getpid(),))


@contextlib.contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """`executor(workers)` as a context: left normally, the pool finishes its tasks and shuts
    down; left by an exception (a task that failed, Ctrl-C), the tasks not started are
    cancelled and the workers terminated at once (SIGTERM, then SIGKILL after
    TERMINATE_WAIT_S seconds) instead of finishing their chunks, and the exception propagates."""
    before = set(multiprocessing.active_children())
    pool = executor(workers)
    try:
        yield pool
    except BaseException:
        started = [p for p in multiprocessing.active_children() if p not in before]
        pool.shutdown(wait=False, cancel_futures=True)
        for process in started:
            process.terminate()
        deadline = time.monotonic() + TERMINATE_WAIT_S
        for process in started:
            process.join(max(deadline - time.monotonic(), 0.0))
            if process.is_alive():
                process.kill()
        raise
    pool.shutdown(wait=True)


def run_tasks(fn: Callable, tasks: list[tuple], workers: int, weights: list[int], bar) -> list:
    """Run fn(*task) for every task, in a pool of `workers` processes when there are more than
    one, else here; results in task order. The bar advances by the task's weight (articles) as
    each finishes; the first task to fail raises its exception here (the others are stopped)."""
    results: list = [None] * len(tasks)
    if workers <= 1 or len(tasks) <= 1:
        for i, task in enumerate(tasks):
            results[i] = fn(*task)
            bar.update(weights[i])
        return results
    with worker_pool(workers) as pool:
        pending = {pool.submit(fn, *task): i for i, task in enumerate(tasks)}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                i = pending.pop(fut)
                results[i] = fut.result()  # re-raises the worker's exception
                bar.update(weights[i])
    return results
