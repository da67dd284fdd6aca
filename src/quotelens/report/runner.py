"""The report runner: executes the notebooks with papermill and renders the HTML report.

One Python process drives the whole chain through papermill's API (importing papermill and
starting the first kernel are the slow parts; parallel kernels can collide on ports), one
notebook after another in the order of the stage declaration (quotelens.stages), all in one
`python3` kernel whose working directory is the project root, reset between notebooks to the
state it had when it started (quotelens.report.shared_kernel: each notebook's outputs are those
of a kernel of its own, without paying a kernel start and the imports for each). Parameters come from a
YAML config (quotelens.report.config) and are checked against each notebook's parameters cell
(quotelens.report.parameters) before anything runs.

Outputs, per notebook NN_name, in the config's reports_dir (quotelens.report.render):
    NN_name.ipynb        the executed notebook (also kept, with the error, when it fails)
    NN_name.html         rendered with code
    NN_name.nocode.html  rendered with code cells hidden, for readers
    index.html           one line per notebook, 00_report first

With `from_pipeline`, the stages `quotelens pipeline` already ran (articles, statements,
sentiment) read their tables from its output folder instead of computing them
(quotelens.report.pipeline_input); every later notebook runs as usual.

This module is also the import surface for scripts and tests (`from quotelens.report import
runner as report`): the names of the config, parameter and rendering modules they use are
re-exported below.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence, TextIO

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

from quotelens import config as qconfig
from quotelens.arguments import unusable_folders
from quotelens.figures import remove_unwritten_figures, stage_figures
from quotelens.report import input_checks, pipeline_input
from quotelens.report.shared_kernel import KERNEL_ARGUMENTS, KERNEL_ENV, KERNEL_NAME, SharedKernel
from quotelens.report.config import (
    CONFIG_KEYS,
    DEFAULT_CONFIG,
    ReportConfig,
    ReportConfigError,
    did_you_mean,
    load_config,
    output_dirs,
)
from quotelens.report.parameters import (
    Parameter,
    check_parameters,
    declared_parameters,
    describe,
    effective_annotation,
    parameters_cell_index,
    parse_parameters,
    type_matches,
)
from quotelens.report.render import (
    ERROR_CELL_IDS,
    INJECTED_CELL_ID,
    WIDGET_VIEW_MIME,
    HtmlRenderer,
    clean_executed,
    notebook_heading,
    render_index,
    save_executed,
    write_index,
)
from quotelens.stages import COMMON_PARAMETERS, FROM_PIPELINE_PARAMETER, INDEX_ORDER, NOTEBOOK_ORDER, stage
from quotelens.tables import remove_stale_temporaries

__all__ = [
    "COMMON_PARAMETERS", "CONFIG_KEYS", "DEFAULT_CONFIG", "ERROR_CELL_IDS", "INDEX_ORDER", "INJECTED_CELL_ID",
    "KERNEL_ARGUMENTS", "KERNEL_ENV", "KERNEL_NAME", "NOTEBOOK_ORDER", "WIDGET_VIEW_MIME",
    "HtmlRenderer", "NotebookFailedError", "Parameter", "PlannedRun", "ReportConfig", "ReportConfigError",
    "ReportResult", "check_parameters", "clean_executed", "declared_parameters", "effective_annotation",
    "load_config", "notebook_heading", "output_dirs", "parameters_cell_index", "parse_parameters", "plan",
    "render_index", "run_report", "type_matches", "write_index",
]



class NotebookFailedError(RuntimeError):
    """A notebook raised while running. The executed notebook, with the error, was written to
    `executed_path`."""

    def __init__(self, notebook: str, message: str, executed_path: Path | None):
        super().__init__(message)
        self.notebook = notebook
        self.executed_path = executed_path


@dataclass
class PlannedRun:
    """A notebook the runner will execute, with its validated parameters."""

    name: str
    input_path: Path
    parameters: dict[str, Any]


@dataclass
class ReportResult:
    """What a run did. Times are wall-clock seconds."""

    reports_dir: Path
    ran: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    total_seconds: float = 0.0


# --------------------------------------------------------------------------------------------
# Planning


def _portable(path: Path) -> str:
    """A path as the notebooks should see it: relative to the project root when inside it, so
    the executed notebooks do not depend on where the clone lives."""
    return qconfig.relative(path)


def _select(cfg: ReportConfig, only: Sequence[str] | None) -> list[str]:
    configured = [n for n in NOTEBOOK_ORDER if n in cfg.notebooks]
    if not only:
        return configured
    chosen = set()
    for item in only:
        item = str(item).strip()
        matches = [n for n in NOTEBOOK_ORDER if n == item or n.split("_", 1)[0] == item]
        if not matches:
            raise ReportConfigError(f"--only {item}: no such notebook{did_you_mean(item, NOTEBOOK_ORDER)}; known: {', '.join(NOTEBOOK_ORDER)}")
        if matches[0] not in cfg.notebooks:
            raise ReportConfigError(f"--only {item}: {matches[0]} is not listed in {qconfig.relative(cfg.path)}")
        chosen.add(matches[0])
    return [n for n in NOTEBOOK_ORDER if n in chosen]


def plan(
    cfg: ReportConfig,
    only: Sequence[str] | None = None,
    output_root: str | Path | None = None,
    notebooks_dir: str | Path | None = None,
    from_pipeline: str | Path | None = None,
) -> tuple[list[PlannedRun], list[str]]:
    """Check every selected notebook's parameters and return (runs in order, skipped notes).

    Nothing runs here. All problems are collected and raised together as ReportConfigError,
    each listing the notebook's valid parameters with their types. A configured notebook whose
    .ipynb does not exist is skipped with a note, unless it was asked for with `only`.
    `from_pipeline` (a `quotelens pipeline` output folder) is checked first and passed to the
    stages that can take their tables from it."""
    pipeline_dir = None
    if from_pipeline is not None:
        try:
            pipeline_dir, _ = pipeline_input.check_folder(from_pipeline)
        except pipeline_input.PipelineFolderError as exc:
            raise ReportConfigError(f"--from-pipeline: {exc}") from None
    nb_dir = qconfig.resolve(notebooks_dir) if notebooks_dir is not None else qconfig.NOTEBOOKS_DIR
    dirs = output_dirs(cfg, output_root)
    unusable = unusable_folders(dirs)
    if unusable:
        raise ReportConfigError(f"{qconfig.relative(cfg.path)}: nothing was run: {'; '.join(unusable)}")
    common = {k: _portable(dirs[k]) for k in COMMON_PARAMETERS}
    runs: list[PlannedRun] = []
    skipped: list[str] = []
    problems: list[str] = []
    for name in _select(cfg, only):
        path = nb_dir / f"{name}.ipynb"
        if not path.is_file():
            if only:
                problems.append(f"{name}: {qconfig.relative(path)} does not exist")
            else:
                skipped.append(f"{name}: {qconfig.relative(path)} does not exist yet; skipped")
            continue
        try:
            declared = declared_parameters(path)
        except (ValueError, SyntaxError) as exc:
            problems.append(f"{name}: {qconfig.relative(path)}: parameters cell: {exc}")
            continue
        missing = [c for c in COMMON_PARAMETERS if c not in declared]
        if missing:
            problems.append(f"{name}: the parameters cell must declare {', '.join(missing)} (the runner passes them to every notebook); it declares: {describe(declared)}")
            continue
        given = dict(cfg.notebooks.get(name) or {})
        problems += check_parameters(name, declared, given)
        # the corpus, registry, word lists and groupings must exist and read before anything runs
        takes_pipeline = pipeline_dir is not None and stage(name).from_pipeline
        problems += input_checks.input_problems(name, declared, given, skip=("corpus_paths",) if takes_pipeline else ())
        extra: dict[str, Any] = {}
        if pipeline_dir is not None and stage(name).from_pipeline:
            if FROM_PIPELINE_PARAMETER not in declared:
                problems.append(f"{name}: the parameters cell must declare {FROM_PIPELINE_PARAMETER} to start from a pipeline run; it declares: {describe(declared)}")
                continue
            problems += pipeline_input.option_problems(name, pipeline_dir, declared, given)
            extra[FROM_PIPELINE_PARAMETER] = _portable(pipeline_dir)
        runs.append(PlannedRun(name, path, {**common, **given, **extra}))
    if len(problems) == 1:
        raise ReportConfigError(f"{qconfig.relative(cfg.path)}: nothing was run: {problems[0]}")  # one line
    if problems:
        raise ReportConfigError(f"{qconfig.relative(cfg.path)}: nothing was run:\n  " + "\n  ".join(problems))
    return runs, skipped


# --------------------------------------------------------------------------------------------
# Running


@contextlib.contextmanager
def _kernel_environment(env: dict[str, str]) -> Iterator[None]:
    """Set `env` in os.environ (which kernels inherit) for the duration, then restore it."""
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _failure_message(run: PlannedRun, err: Exception, nb, executed: Path) -> str:
    """Name the notebook, the failing cell (in the source notebook) and the error."""
    where = ""
    if isinstance(err, PapermillExecutionError):
        # err.cell_index counts the executed cells before papermill added its error-marker
        # cells; the injected-parameters cell is not in the source notebook.
        index = err.cell_index
        executed_cells = [c for c in nb.cells if "papermill-error-cell-tag" not in c.get("metadata", {}).get("tags", [])]
        injected = [i for i, c in enumerate(executed_cells) if "injected-parameters" in c.get("metadata", {}).get("tags", [])]
        if injected and injected[0] < index:
            index -= 1
        first = next((ln for ln in (err.source or "").splitlines() if ln.strip()), "")
        where = (
            f" in cell {index + 1} (index {index}, In [{err.exec_count}]) of {qconfig.relative(run.input_path)}:\n"
            f"    {first}\n  {err.ename}: {err.evalue}"
        )
    else:
        where = f":\n  {type(err).__name__}: {err}"
    return f"notebook {run.name} failed{where}\n  executed notebook kept at {qconfig.relative(executed)}"


def run_report(
    config: str | Path | ReportConfig = DEFAULT_CONFIG,
    only: Sequence[str] | None = None,
    output_root: str | Path | None = None,
    notebooks_dir: str | Path | None = None,
    stream: TextIO | None = None,
    from_pipeline: str | Path | None = None,
    cache_dir: str | Path | None = None,
) -> ReportResult:
    """Run the configured notebooks in NOTEBOOK_ORDER and render the report.

    `only` holds notebook numbers or names ("03", "03_sentiment"); `output_root` moves the
    processed, figures and reports folders under one folder (tests use a temporary one);
    `notebooks_dir` replaces notebooks/; `from_pipeline` is a `quotelens pipeline` output folder
    whose articles and (scored) statements the first three notebooks take instead of computing
    them. `cache_dir` moves what the kernels build and train (nltk data, sentiment models) out
    of the project's build/ folder (quotelens.config.CACHE_ENV). Progress goes to `stream`
    (default stdout): one line per notebook with its wall time in seconds, then the total.

    Raises ReportConfigError before anything runs when the config, a parameter or the pipeline
    folder is wrong, and NotebookFailedError when a notebook fails (later notebooks are not run)."""
    stream = stream or sys.stdout
    cfg = config if isinstance(config, ReportConfig) else load_config(config)
    runs, skipped = plan(cfg, only=only, output_root=output_root, notebooks_dir=notebooks_dir, from_pipeline=from_pipeline)
    dirs = output_dirs(cfg, output_root)
    reports_dir = dirs["reports_dir"]
    for folder in dirs.values():
        folder.mkdir(parents=True, exist_ok=True)
        # A run killed mid-write leaves its temporary file beside the (intact) output.
        remove_stale_temporaries(folder)
    result = ReportResult(reports_dir=reports_dir, skipped=list(skipped))

    source = f" (tables of {qconfig.relative(from_pipeline)})" if from_pipeline is not None else ""
    print(f"quotelens report: {qconfig.relative(cfg.path)}{source} -> {qconfig.relative(reports_dir)}", file=stream, flush=True)
    for note in skipped:
        print(f"  note: {note}", file=stream, flush=True)
    renderer = HtmlRenderer()
    kernel_env = {**KERNEL_ENV, **({qconfig.CACHE_ENV: str(Path(cache_dir).absolute())} if cache_dir is not None else {})}
    started = time.perf_counter()
    with SharedKernel(KERNEL_NAME, KERNEL_ARGUMENTS, cwd=qconfig.PROJ_ROOT) as kernel, _kernel_environment(kernel_env):
        _run_notebooks(runs, cfg, dirs, kernel, renderer, result, stream)
    write_index(reports_dir, list(cfg.notebooks), cfg.name)
    result.total_seconds = time.perf_counter() - started
    print(f"  total: {len(result.ran)} notebook(s) in {result.total_seconds:.1f} s; index: {qconfig.relative(reports_dir / 'index.html')}", file=stream, flush=True)
    return result


def _run_notebooks(runs: list[PlannedRun], cfg: ReportConfig, dirs: dict[str, Path], kernel: SharedKernel,
                   renderer: HtmlRenderer, result: ReportResult, stream: TextIO) -> None:
    """Execute `runs` in order in `kernel`, saving and rendering each; raise NotebookFailedError
    at the first that fails."""
    reports_dir = dirs["reports_dir"]
    for i, run in enumerate(runs, 1):
        print(f"  [{i}/{len(runs)}] {run.name:<16}", end="", file=stream, flush=True)
        t0 = time.perf_counter()
        # The stage's figures as they are before its notebook runs: afterwards, those it did not
        # write again are removed (a figure skipped this time must not stay from other data, nor
        # be shown by 00_report). Removed after the notebook, not before, so that a run killed
        # part-way leaves the previous report whole.
        figures_before = stage_figures(run.name, dirs["figures_dir"])
        with tempfile.TemporaryDirectory(prefix="quotelens-report-") as tmp:
            # papermill saves after every cell; it writes outside reports/ so a run killed
            # part-way leaves the previous report untouched.
            executed = Path(tmp) / f"{run.name}.ipynb"
            error: Exception | None = None
            try:
                papermill.execute_notebook(
                    str(run.input_path),
                    str(executed),
                    parameters=run.parameters,
                    kernel_name=KERNEL_NAME,
                    km=kernel.manager_for_next_notebook([r.input_path for r in runs]),
                    cwd=str(qconfig.PROJ_ROOT),
                    progress_bar=False,
                    log_output=False,
                    record_timing=False,
                )
            except Exception as exc:  # noqa: BLE001 - reported with the notebook's name below
                error = exc
            if not executed.is_file():
                print(" failed", file=stream, flush=True)
                raise NotebookFailedError(run.name, f"notebook {run.name} failed before papermill wrote it: {type(error).__name__}: {error}", None) from error
            nb = nbformat.read(str(executed), as_version=4)
            save_executed(nb, run.name, reports_dir, renderer)
        remove_unwritten_figures(run.name, dirs["figures_dir"], figures_before)
        write_index(reports_dir, list(cfg.notebooks), cfg.name)
        seconds = time.perf_counter() - t0
        result.seconds[run.name] = seconds
        if error is not None:
            print(f" FAILED after {seconds:.1f} s", file=stream, flush=True)
            raise NotebookFailedError(run.name, _failure_message(run, error, nb, reports_dir / f"{run.name}.ipynb"), reports_dir / f"{run.name}.ipynb") from error
        result.ran.append(run.name)
        print(f" {seconds:6.1f} s", file=stream, flush=True)
