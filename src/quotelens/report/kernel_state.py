"""Runs inside the report's kernel: puts it back in the state of a fresh kernel between notebooks.

The report runner (quotelens.report.shared_kernel) runs the notebooks of one report in one
kernel: starting a kernel and importing pandas, matplotlib, nltk and the package costs about
3 CPU seconds, once per notebook before. Each notebook must still see what a fresh kernel
shows it, so that its outputs are byte-identical to those of a kernel of its own. `snapshot`
runs, right after the kernel has started, the import statements of the run's notebooks (so
that what modules do when imported, such as adding warning filters or environment variables,
is part of the state kept) and records the state; `restore` brings it back before every
later notebook:

- the user namespace, the input and output history and the execution counter (In [1] again),
  by IPython's own `reset(new_session=True)`;
- the working directory, sys.path and the environment variables;
- the warning filters, and which warnings were already shown ("default" and "once" show a
  warning once per place; a fresh kernel has shown none);
- matplotlib: every figure closed and rcParams as they were.

What stays is what a module keeps once imported (its code, and caches such as the sentiment
models that functools.lru_cache keeps): the same files give the same values, which is what
the caches already assume within one notebook. What a module prints or warns while it is
imported is not shown in any notebook (the import ran silently, before the first one); no
module the notebooks import does so today. Nothing here prints, and it runs as a silent
execution, which IPython does not count and whose events (matplotlib's figure flushing) it
does not fire.
"""

from __future__ import annotations

import os
import sys
import warnings
from typing import Any

import matplotlib

#: What `snapshot` recorded, restored by `restore` (empty until `snapshot` ran).
_FRESH: dict[str, Any] = {}


def snapshot(imports: list[str] = ()) -> None:
    """Run the import statements `imports` (source lines such as "from quotelens import
    config"; one that fails is left for its notebook to report) in a namespace of their own,
    then record the kernel's state for `restore`."""
    for statement in imports:
        try:
            exec(statement, {})  # noqa: S102 - import statements taken from the run's notebooks
        except Exception:  # noqa: BLE001 - the notebook itself shows the error where it happens
            continue
    _FRESH.update(
        cwd=os.getcwd(),
        path=list(sys.path),
        environ=dict(os.environ),
        filters=list(warnings.filters),
        rc={k: v for k, v in matplotlib.rcParams.items() if k != "backend"},
    )


def restore() -> None:
    """Bring back the state `snapshot` recorded, and a fresh IPython session."""
    if not _FRESH:
        raise RuntimeError("kernel_state.restore() before snapshot()")
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rcParams deprecated in this matplotlib warn when set
        matplotlib.rcParams.update(_FRESH["rc"])
    # resetwarnings() tells the warnings module its filters changed, which makes every module's
    # record of the warnings it already showed be forgotten at the next warning.
    warnings.resetwarnings()
    warnings.filters[:] = _FRESH["filters"]
    warnings.onceregistry.clear()
    os.chdir(_FRESH["cwd"])
    sys.path[:] = _FRESH["path"]
    for name in set(os.environ) - set(_FRESH["environ"]):
        del os.environ[name]
    os.environ.update(_FRESH["environ"])
    shell = _ipython()
    if shell is not None:
        shell.reset(new_session=True)  # namespace, In/Out history, execution count back to 1


def _ipython():
    """The running IPython shell, or None outside one (as in the module's tests)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - the report's kernels are IPython kernels
        return None
    return get_ipython()
