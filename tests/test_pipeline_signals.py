"""`quotelens pipeline` killed or interrupted (issue 16 item 15), on a real run.

The pipeline runs as a user starts it: the `quotelens` command in a process of its own (its own
session, like a job in a terminal), on 120 FA-KES articles in chunks of 10 with two worker
processes. Each test waits until the workers exist (psutil), then
- kill -9 of the main process: every worker must be gone within WORKERS_GONE_S seconds (before
  the fix they lived on, about 245 MB each, for over a minute);
- Ctrl-C (SIGINT to the whole process group, as a terminal sends it): exit status 130, one line
  on stderr and no traceback from the main process or any worker, no worker left.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

from quotelens.config import FAKES_CSV

#: Seconds the workers get to exit after their parent is gone (the fix makes it immediate).
WORKERS_GONE_S = 10
#: Longest wait for the workers to start (loading and the first chunk), in seconds.
START_S = 180


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("signals") / "fakes_120.csv"
    pd.read_csv(FAKES_CSV, dtype=str).head(120).to_csv(path, index=False)
    return path


def _start(corpus: Path, out: Path) -> subprocess.Popen:
    command = [str(Path(sys.executable).with_name("quotelens")), "pipeline", str(corpus), "-o", str(out),
               "--workers", "2", "--chunk-size", "10"]
    # A job started from a terminal has Ctrl-C at its default action. A process whose parent
    # ignores SIGINT inherits SIG_IGN, and Python then keeps ignoring it (the full suite once
    # ran this test from such a worker: the pipeline finished and exited 0), so the child's
    # disposition is set as a shell would set it for a foreground job.
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _workers(proc: subprocess.Popen) -> list[psutil.Process]:
    """The pipeline's worker processes, once at least two exist (waits up to START_S seconds)."""
    deadline = time.monotonic() + START_S
    main = psutil.Process(proc.pid)
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the pipeline ended before its workers started: {proc.communicate()}"
        children = main.children(recursive=True)
        if len(children) >= 2:
            return children
        time.sleep(0.1)
    pytest.fail(f"no workers after {START_S} s")


def _left_alive(processes: list[psutil.Process], seconds: float) -> list[psutil.Process]:
    _, alive = psutil.wait_procs(processes, timeout=seconds)
    for p in alive:  # do not leave them running after the test, whatever it found
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    return alive


def test_workers_exit_when_the_main_process_is_killed(corpus, tmp_path):
    proc = _start(corpus, tmp_path / "out")
    try:
        workers = _workers(proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        alive = _left_alive(workers, WORKERS_GONE_S)
        assert alive == [], f"{len(alive)} worker(s) still running {WORKERS_GONE_S} s after the main process was killed"
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def test_ctrl_c_is_one_line_and_status_130(corpus, tmp_path):
    proc = _start(corpus, tmp_path / "out")
    try:
        workers = _workers(proc)
        os.killpg(proc.pid, signal.SIGINT)  # what the terminal sends on Ctrl-C: the whole group
        _, stderr = proc.communicate(timeout=120)
        alive = _left_alive(workers, WORKERS_GONE_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130, (proc.returncode, stderr)
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "interrupted" in lines[0], stderr
    assert alive == []
