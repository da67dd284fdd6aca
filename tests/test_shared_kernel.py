"""The report's shared kernel (quotelens.report.shared_kernel): each notebook of a run sees the
state of a fresh kernel, so its outputs are those it gets in a kernel of its own.

Two small notebooks, the first changing every kind of state the reset restores (names, the
execution count, a warning already shown from a module, the warning filters (and one a module
adds when imported, which must stay), matplotlib's
rcParams and an open figure, the working directory, sys.path, an environment variable), the
second printing what it sees, are run both ways: each in a kernel of its own (papermill's
default) and both in one SharedKernel. Their cells' outputs and execution counts must be the
same. (The whole report's byte-identity is checked with configs/smoke.yaml: docs/testing.md.)
"""

from __future__ import annotations

import nbformat
import papermill
import pytest

from quotelens.report.shared_kernel import KERNEL_ARGUMENTS, KERNEL_NAME, SharedKernel

# A module that adds a warning filter when imported (as scikit-learn does for its deprecations).
HELPER = '''import warnings

warnings.filterwarnings("always", category=DeprecationWarning, module="quotelens_test_helper")


def warn():
    warnings.warn("shown once per place and kernel", UserWarning)
    warnings.warn("shown by the filter added at import", DeprecationWarning)
'''

CHANGES = [
    "import os, sys, warnings\nimport matplotlib\nimport matplotlib.pyplot as plt\nimport quotelens_test_helper\n"
    "quotelens_test_helper.warn()\nleft_behind = 1",
    "warnings.simplefilter('error')\nmatplotlib.rcParams['lines.linewidth'] = 7\nfig = plt.figure()\n"
    "os.environ['QUOTELENS_TEST_LEFT'] = 'yes'\nsys.path.append('/nowhere')\nos.chdir('..')",
    "1 + 1",
]
LOOKS = [
    "import os, sys, warnings\nimport matplotlib\nimport matplotlib.pyplot as plt\nimport quotelens_test_helper\n"
    "quotelens_test_helper.warn()",
    "print(sorted(k for k in globals() if not k.startswith('_') and k not in ('In', 'Out', 'exit', 'quit', 'get_ipython', 'open')))\n"
    "print(matplotlib.rcParams['lines.linewidth'], plt.get_fignums(), os.environ.get('QUOTELENS_TEST_LEFT'))\n"
    "print('/nowhere' in sys.path, os.path.basename(os.getcwd()), warnings.filters[0][0])",
    "2 + 2",
]


def _notebook(path, sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))
    return path


def _seen(path):
    """What a reader sees of an executed notebook: each cell's execution count and outputs."""
    nb = nbformat.read(str(path), as_version=4)
    return [(c.get("execution_count"), c.get("outputs")) for c in nb.cells]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    work = tmp_path_factory.mktemp("shared_kernel") / "work"
    work.mkdir()
    (work / "quotelens_test_helper.py").write_text(HELPER, encoding="utf-8")
    _notebook(work / "a.ipynb", CHANGES)
    _notebook(work / "b.ipynb", LOOKS)
    return work


def _execute(source, executed, cwd, **engine_options):
    papermill.execute_notebook(str(source), str(executed), kernel_name=KERNEL_NAME, cwd=str(cwd),
                               progress_bar=False, log_output=False, record_timing=False, **engine_options)


def test_each_notebook_sees_a_fresh_kernel(folder, tmp_path):
    for name in ("a", "b"):  # each in a kernel of its own
        _execute(folder / f"{name}.ipynb", tmp_path / f"own_{name}.ipynb", folder, extra_arguments=KERNEL_ARGUMENTS)
    notebooks = [folder / "a.ipynb", folder / "b.ipynb"]
    with SharedKernel(KERNEL_NAME, KERNEL_ARGUMENTS, cwd=folder) as kernel:
        for name in ("a", "b"):
            _execute(folder / f"{name}.ipynb", tmp_path / f"shared_{name}.ipynb", folder, km=kernel.manager_for_next_notebook(notebooks))
        assert kernel.notebooks_run == 2
    for name in ("a", "b"):
        assert _seen(tmp_path / f"shared_{name}.ipynb") == _seen(tmp_path / f"own_{name}.ipynb"), name
    looks = _seen(tmp_path / "shared_b.ipynb")
    assert [count for count, _ in looks] == [1, 2, 3]
    assert "shown once per place and kernel" in str(looks[0][1])  # the module's warning again
    assert "shown by the filter added at import" in str(looks[0][1])
    printed = "".join(o.get("text", "") for o in looks[1][1])
    assert printed.splitlines() == ["['matplotlib', 'os', 'plt', 'quotelens_test_helper', 'sys', 'warnings']",
                                    "1.5 [] None", f"False {folder.name} always"], printed


def test_a_kernel_that_is_not_started_is_closed_quietly(tmp_path):
    kernel = SharedKernel(KERNEL_NAME, KERNEL_ARGUMENTS, cwd=tmp_path)
    kernel.close()
    assert kernel.km is None and kernel.notebooks_run == 0
