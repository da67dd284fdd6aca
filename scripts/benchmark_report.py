"""How much the report runner spends per notebook on papermill itself (not on the notebook's work).

Measures, in this process and the same run:
  - baseline: starting a bare Python interpreter (subprocess `python -c pass`)
  - importing papermill in a fresh interpreter (the one-off cost of the runner)
  - executing a trivial notebook (parameters cell + one line) through papermill's API:
    kernel start, execution, shutdown; repeated, in one process, as the runner does
  - cleaning and rendering that notebook to the two HTML pages
and prints seconds and ratios to the baseline. Usage:

    .venv/bin/python scripts/benchmark_report.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat


def _timed_subprocess(args: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return times


def _trivial_notebook(path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell('processed_dir: str = "p"  # tables\nfigures_dir: str = "f"  # figures')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Trivial"), params, nbformat.v4.new_code_cell("x = 1")]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    nbformat.write(nb, str(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each measurement")
    args = parser.parse_args()

    baseline = statistics.median(_timed_subprocess([sys.executable, "-c", "pass"], args.repeat))
    import_code = "import time; t = time.perf_counter(); import papermill; print(time.perf_counter() - t)"
    imports = []
    for _ in range(args.repeat):
        out = subprocess.run([sys.executable, "-c", import_code], check=True, capture_output=True, text=True)
        imports.append(float(out.stdout.strip()))

    from quotelens.report import runner as report  # imports papermill and nbconvert once, as the runner does

    runs, renders = [], []
    renderer = report.HtmlRenderer()
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "trivial.ipynb", Path(tmp) / "out.ipynb"
        _trivial_notebook(src)
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            report.papermill.execute_notebook(
                str(src), str(out), parameters={"processed_dir": "p", "figures_dir": "f"},
                kernel_name=report.KERNEL_NAME, progress_bar=False, log_output=False,
                record_timing=False, extra_arguments=report.KERNEL_ARGUMENTS,
            )
            runs.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            nb = report.clean_executed(nbformat.read(str(out), as_version=4))
            renderer.render(nb, "Trivial", code=True)
            renderer.render(nb, "Trivial", code=False)
            renders.append(time.perf_counter() - t0)

    def line(label: str, values: list[float]) -> str:
        med = statistics.median(values)
        return f"{label:<46} median {med:6.3f} s  min {min(values):6.3f} s  ({med / baseline:5.1f}x baseline)"

    print(f"repeat {args.repeat}; baseline: bare interpreter start, median {baseline:.3f} s")
    print(line("import papermill (fresh interpreter)", imports))
    print(line("trivial notebook via papermill (per notebook)", runs))
    print(f"{'':<46} first run {runs[0]:.3f} s, later runs mean {statistics.mean(runs[1:] or runs):.3f} s")
    print(line("clean + render two HTML pages", renders))
    return 0


if __name__ == "__main__":
    sys.exit(main())
