"""One Jupyter kernel for all the notebooks of a report run, reset to a fresh kernel between them.

A kernel per notebook cost about 3 CPU seconds each before any work (starting the kernel,
importing pandas, matplotlib, nltk with scipy, and the package): a third of a smoke run. The
runner (quotelens.report.runner) starts one kernel per run instead, hands its manager to
papermill for every notebook. Once started, the kernel runs the import statements of the run's
notebooks and records its state (quotelens.report.kernel_state.snapshot); before each later
notebook, kernel_state.restore brings back that namespace, execution count, working directory,
environment, warning filters and matplotlib state, so that each notebook's outputs are
byte-identical to those of a kernel of its own (tests/test_shared_kernel.py; for the whole
smoke report, compared file by file when this was introduced).
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any, Sequence

from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

KERNEL_NAME = "python3"
# The kernel's own log is noise on a terminal that shows one line per notebook: ipykernel warns
# about unencrypted TCP at start, and logs "KeyboardInterrupt caught" when jupyter_client's
# shutdown interrupts it. Cell outputs, warnings and errors included, still go to the notebook.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]
# The kernel inherits this environment (the runner sets it while the kernel starts): a fixed
# string-hash seed makes the iteration order of sets (and of anything built from them) the same
# in every run. Code should still sort explicitly; this keeps an order that slipped through
# from changing the report between runs.
KERNEL_ENV = {"PYTHONHASHSEED": "0"}

#: Sent to the kernel as silent executions (no execution count, no output, no IPython events);
#: they bind no name in the notebook's namespace. SNAPSHOT_CODE takes the import statements.
SNAPSHOT_CODE = '__import__("quotelens.report.kernel_state", fromlist=["snapshot"]).snapshot({imports!r})'
RESTORE_CODE = '__import__("quotelens.report.kernel_state", fromlist=["restore"]).restore()'
#: As nbclient starts an IPython kernel: no history file is written.
HISTORY_ARGUMENT = "--HistoryManager.hist_file=:memory:"
#: Seconds to wait for the kernel to answer at start and after a reset request.
START_TIMEOUT = 60


def import_statements(notebooks: Sequence[str | Path]) -> list[str]:
    """The import statements (`import x`, `from x import y`; not relative ones) anywhere in the
    code cells of `notebooks`, as source lines, each once, in order of appearance. A cell that
    is not plain Python (an IPython magic) is skipped."""
    seen: dict[str, None] = {}
    for path in notebooks:
        for cell in json.loads(Path(path).read_text(encoding="utf-8")).get("cells", []):
            if cell.get("cell_type") != "code":
                continue
            source = cell.get("source", "")
            try:
                tree = ast.parse(source if isinstance(source, str) else "".join(source))
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import) or (isinstance(node, ast.ImportFrom) and not node.level):
                    seen.setdefault(ast.unparse(node), None)
    return list(seen)


class KernelResetError(RuntimeError):
    """The kernel could not record or restore its fresh state."""


class _RunKernelManager(AsyncKernelManager):
    """A kernel manager that remembers the clients papermill's notebook clients make of it:
    they do not close their channels when they do not own the manager, so the runner does."""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.clients_made: list = []

    def client(self, **kwargs: Any):
        made = super().client(**kwargs)
        self.clients_made.append(made)
        return made


class SharedKernel:
    """A kernel started on first use, kept for every notebook of one run, shut down by `close`
    (or at the end of a `with` block).

    `kernel_name`, `extra_arguments` and `cwd` are those a kernel of its own would get; the
    kernel inherits os.environ as it is when it starts (the runner sets its KERNEL_ENV)."""

    def __init__(self, kernel_name: str, extra_arguments: Sequence[str], cwd: str | Path):
        self.kernel_name = kernel_name
        self.extra_arguments = list(extra_arguments)
        self.cwd = str(cwd)
        self.km: _RunKernelManager | None = None
        self.notebooks_run = 0

    def __enter__(self) -> SharedKernel:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def manager_for_next_notebook(self, notebooks: Sequence[str | Path] = ()) -> _RunKernelManager:
        """The kernel manager to hand to papermill (`km=`) for the next notebook: the kernel is
        started on the first call, after the import statements of `notebooks` (the run's .ipynb
        files) have run in it, and reset to that state on every later call."""
        if self.km is None:
            km = _RunKernelManager(kernel_name=self.kernel_name)
            run_sync(km.start_kernel)(extra_arguments=[*self.extra_arguments, HISTORY_ARGUMENT], cwd=self.cwd)
            self.km = km
            self._execute_silently(SNAPSHOT_CODE.format(imports=import_statements(notebooks)))
        else:
            self._close_clients_of(self.km)
            self._execute_silently(RESTORE_CODE)
        self.notebooks_run += 1
        return self.km

    def _execute_silently(self, code: str) -> None:
        client = BlockingKernelClient()
        client.load_connection_info(self.km.get_connection_info())
        # No heartbeat channel: a kernel still starting on a loaded machine misses heartbeats,
        # which the client takes for a dead kernel; kernel_info is asked until it answers.
        client.start_channels(hb=False)
        try:
            client.wait_for_ready(timeout=START_TIMEOUT)
            msg_id = client.execute(code, silent=True, store_history=False, allow_stdin=False)
            while True:
                reply = client.get_shell_msg(timeout=START_TIMEOUT)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
        finally:
            client.stop_channels()
        content = reply["content"]
        if content.get("status") != "ok":
            raise KernelResetError(f"{code}: {content.get('ename')}: {content.get('evalue')}")

    def close(self) -> None:
        """Shut the kernel down (gracefully, as papermill does) if it was started."""
        if self.km is None:
            return
        km, self.km = self.km, None
        try:
            self._close_clients_of(km)
            if run_sync(km.is_alive)():
                run_sync(km.shutdown_kernel)(now=False)
        finally:
            run_sync(km.cleanup_resources)()

    @staticmethod
    def _close_clients_of(km: _RunKernelManager) -> None:
        for made in km.clients_made:
            made.stop_channels()
        km.clients_made.clear()
