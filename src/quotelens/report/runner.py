"""The report runner: executes the notebooks with papermill and renders the HTML report.

One Python process drives the whole chain through papermill's API (importing papermill and
starting the first kernel are the slow parts; parallel kernels can collide on ports), one
notebook after another in NOTEBOOK_ORDER, each in a fresh `python3` kernel whose working
directory is the project root. Parameters come from a YAML config (configs/default.yaml,
configs/smoke.yaml) and are checked against each notebook's parameters cell before anything
runs: papermill itself only warns about a parameter the notebook does not declare.

Outputs, per notebook NN_name, in the config's reports_dir:
    NN_name.ipynb        the executed notebook (also kept, with the error, when it fails)
    NN_name.html         rendered with code
    NN_name.nocode.html  rendered with code cells hidden, for readers
    index.html           one line per notebook, 00_report first

Reproducibility: the executed notebook is cleaned of everything that changes between runs
(papermill's timing metadata and paths, the random id of the injected-parameters cell, widget
model ids), the HTML title is fixed, and the HTML loads nothing from the network (the stock
template fetches require.js, MathJax and mermaid from a CDN; ours drops those blocks). Every
file is written to a temporary file and renamed into place, so an interrupted run leaves the
previous outputs intact.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import difflib
import html
import io
import logging
import os
import sys
import tempfile
import time
import tokenize
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence, TextIO

import jinja2
import nbformat
import papermill
import yaml
from nbconvert import HTMLExporter
from papermill.exceptions import PapermillExecutionError

from quotelens import config as qconfig
from quotelens.report.html_safety import clean_html
from quotelens.tables import remove_stale_temporaries, write_bytes, write_text

# Execution order. 00_report summarises the other notebooks' outputs, so it runs last, but it is
# the first page of the index.
NOTEBOOK_ORDER = [
    "01_articles",
    "02_statements",
    "03_sentiment",
    "04_keywords",
    "05_comparisons",
    "06_explore",
    "00_report",
]
INDEX_ORDER = sorted(NOTEBOOK_ORDER)

# Passed by the runner to every notebook; every notebook must declare them.
COMMON_PARAMETERS = ("processed_dir", "figures_dir")
CONFIG_KEYS = {"name", "processed_dir", "figures_dir", "reports_dir", "notebooks"}

KERNEL_NAME = "python3"
DEFAULT_CONFIG = qconfig.CONFIGS_DIR / "default.yaml"
# Fixed ids for the cells papermill adds (it gives them random ids).
INJECTED_CELL_ID = "injected-parameters"
ERROR_CELL_IDS = ("papermill-error-cell", "papermill-error-anchor")
# The kernel's own log is noise on a terminal that shows one line per notebook: ipykernel warns
# about unencrypted TCP at start, and logs "KeyboardInterrupt caught" when jupyter_client's
# shutdown interrupts it. Cell outputs, warnings and errors included, still go to the notebook.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
# Kernels inherit this environment: a fixed string-hash seed makes the iteration order of sets
# (and of anything built from them) the same in every run. Code should still sort explicitly;
# this keeps an order that slipped through from changing the report between runs.
KERNEL_ENV = {"PYTHONHASHSEED": "0"}

# Types a parameter annotation may name, and the Python types of YAML values they accept.
_SIMPLE_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "list": (list,),
    "dict": (dict,),
    "None": (type(None),),
}

# nbconvert's lab template without the blocks that load require.js, MathJax, mermaid and the
# widget manager from a CDN: the report must open offline and request nothing. (Markdown maths
# therefore shows as its TeX source.)
_OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""
_OFFLINE_TEMPLATE_NAME = "quotelens_offline.html.j2"


class ReportConfigError(ValueError):
    """The config or a parameter is wrong; raised before any notebook runs."""


class NotebookFailedError(RuntimeError):
    """A notebook raised while running. The executed notebook, with the error, was written to
    `executed_path`."""

    def __init__(self, notebook: str, message: str, executed_path: Path | None):
        super().__init__(message)
        self.notebook = notebook
        self.executed_path = executed_path


@dataclass(frozen=True)
class Parameter:
    """One parameter declared in a notebook's `parameters` cell."""

    name: str
    annotation: str | None  # the type annotation as written, e.g. "str", "list[str]"
    default: str  # the default value's source text
    help: str  # the trailing comment, without '#'
    line: int  # line number inside the parameters cell, from 1


@dataclass
class ReportConfig:
    """A parsed config file. Paths are as written (relative to the project root)."""

    path: Path
    name: str
    processed_dir: str
    figures_dir: str
    reports_dir: str
    notebooks: dict[str, dict[str, Any]]


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
# Config


def load_config(path: str | Path) -> ReportConfig:
    """Read a report config (YAML, safe_load) and check its shape.

    Raises ReportConfigError naming the file for a missing file, bad YAML, an unknown top-level
    key or a notebook name that is not in NOTEBOOK_ORDER. A relative `path` is looked up in
    the current directory first, then in the project root."""
    here = Path(path).expanduser()
    path = here.resolve() if not here.is_absolute() and here.is_file() else qconfig.resolve(path)
    shown = qconfig.relative(path)
    if not path.is_file():
        raise ReportConfigError(f"{shown}: config file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        what = getattr(exc, "problem", None) or str(exc)
        raise ReportConfigError(f"{shown}:{where}: not valid YAML: {what}") from exc
    if not isinstance(data, dict):
        raise ReportConfigError(f"{shown}: expected a mapping at the top level, got {type(data).__name__}")

    errors = []
    for key in sorted(set(data) - CONFIG_KEYS, key=str):
        errors.append(f"unknown key {key!r}{_did_you_mean(str(key), CONFIG_KEYS)}; valid keys: {', '.join(sorted(CONFIG_KEYS))}")
    for key in ("processed_dir", "figures_dir", "reports_dir"):
        if key not in data:
            errors.append(f"missing key {key!r}")
        elif not isinstance(data[key], str) or not data[key]:
            errors.append(f"{key} must be a non-empty string (a folder), got {data[key]!r}")
    notebooks = data.get("notebooks") or {}
    if not isinstance(notebooks, dict):
        errors.append(f"notebooks must be a mapping of notebook name to parameters, got {type(notebooks).__name__}")
        notebooks = {}
    blocks: dict[str, dict[str, Any]] = {}
    for nb_name, params in notebooks.items():
        nb_name = str(nb_name)
        if nb_name not in NOTEBOOK_ORDER:
            errors.append(
                f"notebooks: unknown notebook {nb_name!r}{_did_you_mean(nb_name, NOTEBOOK_ORDER)}; "
                f"known notebooks: {', '.join(NOTEBOOK_ORDER)}"
            )
            continue
        params = params if params is not None else {}
        if not isinstance(params, dict):
            errors.append(f"notebooks.{nb_name}: expected a mapping of parameters, got {params!r}")
            continue
        for common in COMMON_PARAMETERS:
            if common in params:
                errors.append(f"notebooks.{nb_name}.{common}: set {common} once at the top level (it is passed to every notebook)")
        blocks[nb_name] = {str(k): v for k, v in params.items()}
    if errors:
        raise ReportConfigError(f"{shown}:\n  " + "\n  ".join(errors))
    return ReportConfig(
        path=path,
        name=str(data.get("name", path.stem)),
        processed_dir=data["processed_dir"],
        figures_dir=data["figures_dir"],
        reports_dir=data["reports_dir"],
        notebooks=blocks,
    )


# --------------------------------------------------------------------------------------------
# Notebook parameters


def parameters_cell_index(nb) -> int:
    """Index of the single cell tagged `parameters`; ValueError when there is none or several."""
    tagged = [i for i, cell in enumerate(nb.cells) if "parameters" in cell.get("metadata", {}).get("tags", [])]
    if len(tagged) != 1:
        raise ValueError(f"expected exactly one cell tagged 'parameters', found {len(tagged)}")
    return tagged[0]


def parse_parameters(source: str) -> dict[str, Parameter]:
    """Parameters declared in a parameters cell's source: `name: type = default  # help`.

    Parsed with Python's own parser (not papermill's regular expressions), so a comment holding
    an '=' does not hide anything. An assignment without annotation gets the type of its literal
    default when it has one."""
    tree = ast.parse(source)
    comments: dict[int, str] = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            comments[tok.start[0]] = tok.string.lstrip("#").strip()
    params: dict[str, Parameter] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            name, annotation = node.target.id, ast.unparse(node.annotation)
            default = ast.unparse(node.value) if node.value is not None else ""
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name, default = node.targets[0].id, ast.unparse(node.value)
            try:
                annotation = type(ast.literal_eval(node.value)).__name__
            except ValueError:
                annotation = None
            if annotation == "NoneType":
                annotation = None
        else:
            continue
        params[name] = Parameter(name, annotation, default, comments.get(node.end_lineno, ""), node.lineno)
    return params


def declared_parameters(notebook_path: str | Path) -> dict[str, Parameter]:
    """The parameters a notebook file declares (see parse_parameters)."""
    nb = nbformat.read(str(notebook_path), as_version=4)
    return parse_parameters(nb.cells[parameters_cell_index(nb)].source)


def _annotation_accepts(node: ast.AST, value: Any) -> bool:
    """Whether `value` (from YAML) fits the annotation `node`; unknown annotations accept anything."""
    if isinstance(node, ast.Constant) and node.value is None:
        return value is None
    if isinstance(node, ast.Name):
        if node.id not in _SIMPLE_TYPES:
            return True
        if node.id in ("int", "float") and isinstance(value, bool):
            return False  # YAML's true/false are not numbers here
        return isinstance(value, _SIMPLE_TYPES[node.id])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _annotation_accepts(node.left, value) or _annotation_accepts(node.right, value)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        outer, inner = node.value.id, node.slice
        if outer == "Optional":
            return value is None or _annotation_accepts(inner, value)
        if outer in ("list", "List"):
            return isinstance(value, list) and all(_annotation_accepts(inner, v) for v in value)
        if outer in ("dict", "Dict"):
            if not isinstance(value, dict):
                return False
            if isinstance(inner, ast.Tuple) and len(inner.elts) == 2:
                return all(_annotation_accepts(inner.elts[0], k) and _annotation_accepts(inner.elts[1], v) for k, v in value.items())
            return True
    return True


def type_matches(annotation: str | None, value: Any) -> bool:
    """Whether a config value fits a declared annotation such as "int", "list[str]", "str | None"."""
    if annotation is None:
        return True
    try:
        node = ast.parse(annotation, mode="eval").body
    except SyntaxError:
        return True
    return _annotation_accepts(node, value)


def _plain(value: Any) -> bool:
    """Whether papermill can write `value` as a Python literal (YAML dates, sets etc. cannot)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return True
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=2, cutoff=0.6)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


def _describe(params: dict[str, Parameter]) -> str:
    return ", ".join(f"{p.name}: {effective_annotation(p) or 'untyped'}" for p in params.values())


def effective_annotation(param: Parameter) -> str | None:
    """The annotation a value is checked against: as declared, except that a bare `list` or
    `dict` whose default is a non-empty literal of one element type is read as `list[T]` /
    `dict[str, T]` (so `corpus_paths: list = ["seeds"]` rejects `[1]`, not only `"seeds"`)."""
    if param.annotation not in ("list", "dict") or not param.default:
        return param.annotation
    try:
        default = ast.literal_eval(param.default)
    except (ValueError, SyntaxError):
        return param.annotation
    values = default if isinstance(default, list) else list(default.values()) if isinstance(default, dict) else []
    kinds = {type(v).__name__ for v in values}
    if not values or len(kinds) != 1 or next(iter(kinds)) not in ("str", "int", "float", "bool"):
        return param.annotation
    if isinstance(default, dict):
        return f"dict[str, {kinds.pop()}]" if all(isinstance(k, str) for k in default) else param.annotation
    return f"list[{kinds.pop()}]"


def check_parameters(nb_name: str, declared: dict[str, Parameter], given: dict[str, Any]) -> list[str]:
    """Problems with the parameters `given` to notebook `nb_name`: names it does not declare
    (with close matches) and values whose type does not fit the declaration. Empty when fine."""
    problems = []
    for name, value in given.items():
        if name not in declared:
            problems.append(f"{nb_name}: unknown parameter {name!r}{_did_you_mean(name, declared)}")
            continue
        annotation = effective_annotation(declared[name])
        if not _plain(value):
            hint = " (quote dates in YAML)" if hasattr(value, "isoformat") else ""
            problems.append(f"{nb_name}: parameter {name!r} has a value of type {type(value).__name__}{hint}, expected {annotation or 'a plain value'}: {value!r}")
        elif not type_matches(annotation, value):
            problems.append(f"{nb_name}: parameter {name!r} expects {annotation}, got {type(value).__name__} {value!r}")
    if problems:
        problems.append(f"{nb_name} declares: {_describe(declared)}")
    return problems


# --------------------------------------------------------------------------------------------
# Planning


def _portable(path: Path) -> str:
    """A path as the notebooks should see it: relative to the project root when inside it, so
    the executed notebooks do not depend on where the clone lives."""
    return qconfig.relative(path)


def output_dirs(cfg: ReportConfig, output_root: str | Path | None = None) -> dict[str, Path]:
    """Absolute processed, figures and reports folders; with `output_root` all three move
    under it (as processed/, figures/, reports/)."""
    if output_root is not None:
        root = qconfig.resolve(output_root)
        return {"processed_dir": root / "processed", "figures_dir": root / "figures", "reports_dir": root / "reports"}
    return {
        "processed_dir": qconfig.resolve(cfg.processed_dir),
        "figures_dir": qconfig.resolve(cfg.figures_dir),
        "reports_dir": qconfig.resolve(cfg.reports_dir),
    }


def _select(cfg: ReportConfig, only: Sequence[str] | None) -> list[str]:
    configured = [n for n in NOTEBOOK_ORDER if n in cfg.notebooks]
    if not only:
        return configured
    chosen = set()
    for item in only:
        item = str(item).strip()
        matches = [n for n in NOTEBOOK_ORDER if n == item or n.split("_", 1)[0] == item]
        if not matches:
            raise ReportConfigError(f"--only {item}: no such notebook{_did_you_mean(item, NOTEBOOK_ORDER)}; known: {', '.join(NOTEBOOK_ORDER)}")
        if matches[0] not in cfg.notebooks:
            raise ReportConfigError(f"--only {item}: {matches[0]} is not listed in {qconfig.relative(cfg.path)}")
        chosen.add(matches[0])
    return [n for n in NOTEBOOK_ORDER if n in chosen]


def plan(
    cfg: ReportConfig,
    only: Sequence[str] | None = None,
    output_root: str | Path | None = None,
    notebooks_dir: str | Path | None = None,
) -> tuple[list[PlannedRun], list[str]]:
    """Check every selected notebook's parameters and return (runs in order, skipped notes).

    Nothing runs here. All problems are collected and raised together as ReportConfigError,
    each listing the notebook's valid parameters with their types. A configured notebook whose
    .ipynb does not exist is skipped with a note, unless it was asked for with `only`."""
    nb_dir = qconfig.resolve(notebooks_dir) if notebooks_dir is not None else qconfig.NOTEBOOKS_DIR
    dirs = output_dirs(cfg, output_root)
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
            problems.append(f"{name}: the parameters cell must declare {', '.join(missing)} (the runner passes them to every notebook); it declares: {_describe(declared)}")
            continue
        given = dict(cfg.notebooks.get(name) or {})
        problems += check_parameters(name, declared, given)
        runs.append(PlannedRun(name, path, {**common, **given}))
    if problems:
        raise ReportConfigError(f"{qconfig.relative(cfg.path)}: nothing was run:\n  " + "\n  ".join(problems))
    return runs, skipped


# --------------------------------------------------------------------------------------------
# Cleaning and rendering


def clean_executed(nb):
    """Remove what changes from run to run in an executed notebook (in place; returns it).

    Drops papermill's timings and paths (keeping the parameters and whether it failed), per-cell
    timing metadata, widget views and state (their model ids are random; the text fallback
    stays), and gives the cells papermill adds fixed ids."""
    pm_meta = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {
        "exception": bool(pm_meta.get("exception")),
        "parameters": pm_meta.get("parameters", {}),
    }
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = _coalesce_streams(cell.get("outputs", []))
        meta = cell.setdefault("metadata", {})
        meta.pop("papermill", None)
        meta.pop("execution", None)
        tags = meta.get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = INJECTED_CELL_ID
        elif "papermill-error-cell-tag" in tags:
            # Two new markdown cells: a message at the top and an anchor before the failing cell.
            is_anchor = 'id="papermill-error-cell"' in cell.source
            cell["id"] = ERROR_CELL_IDS[1] if is_anchor else ERROR_CELL_IDS[0]
        if cell.get("cell_type") == "code":
            kept = []
            for output in cell.get("outputs", []):
                data = output.get("data")
                if data is not None and WIDGET_VIEW_MIME in data:
                    data.pop(WIDGET_VIEW_MIME)
                    if not data:
                        continue
                kept.append(output)
            cell["outputs"] = kept
    return nb


def _coalesce_streams(outputs: list) -> list:
    """Merge consecutive stdout (or stderr) outputs into one.

    The kernel flushes printed text in chunks whose boundaries depend on timing (`print`
    writes the text and the newline separately), so the same output arrives split differently
    from run to run; merged, it is the same text every time, as a frontend shows it."""
    merged: list = []
    for output in outputs:
        prev = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and prev is not None
            and prev.get("output_type") == "stream"
            and prev.get("name") == output.get("name")
        ):
            prev["text"] = prev["text"] + output["text"]
        else:
            merged.append(output)
    return merged


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


def notebook_heading(nb) -> str | None:
    """The text of the first markdown heading in a notebook, or None."""
    for cell in nb.cells:
        if cell.get("cell_type") != "markdown":
            continue
        for line in cell.source.splitlines():
            stripped = line.strip()
            if stripped.startswith("#"):
                text = stripped.lstrip("#").strip()
                if text:
                    return text
    return None


class HtmlRenderer:
    """Renders executed notebooks to self-contained HTML, with or without code."""

    def __init__(self) -> None:
        quiet = logging.getLogger("quotelens.report.runner.nbconvert")
        quiet.setLevel(logging.ERROR)  # "alternative text missing" warnings are not for the terminal
        loader = jinja2.DictLoader({_OFFLINE_TEMPLATE_NAME: _OFFLINE_TEMPLATE})
        common = dict(
            template_name="lab",
            template_file=_OFFLINE_TEMPLATE_NAME,
            extra_loaders=[loader],
            embed_images=True,  # markdown images become data URIs
            sanitize_html=True,  # article text is untrusted: no script in shared HTML
            filters={"clean_html": clean_html},  # nbconvert's own escapes headings and <th>
            log=quiet,
        )
        self.full = HTMLExporter(**common)
        self.nocode = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True, **common)

    def render(self, nb, title: str, code: bool = True) -> str:
        """The notebook as one HTML page titled `title`."""
        exporter = self.full if code else self.nocode
        resources = {"metadata": {"name": title, "path": str(qconfig.PROJ_ROOT)}}
        body, _ = exporter.from_notebook_node(copy.deepcopy(nb), resources=resources)
        return body


def render_index(entries: list[tuple[str, str, bool]], config_name: str) -> str:
    """reports/index.html: one line per (notebook name, description, failed) entry."""
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>quotelens report ({html.escape(config_name)})</title>",
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}"
        "li{margin:.4em 0}.name{font-family:monospace}.failed{color:#b00020;font-weight:bold}"
        ".alt{font-size:90%;color:#555}</style>",
        "</head>",
        "<body>",
        f"<h1>quotelens report</h1>",
        f"<p>Parameter set: <code>{html.escape(config_name)}</code>. Each notebook is shown without its code; "
        "the version with code and the executed notebook are linked beside it.</p>",
        "<ul>",
    ]
    for name, description, failed in entries:
        esc = html.escape(name)
        flag = ' <span class="failed">(failed)</span>' if failed else ""
        lines.append(
            f'<li><a class="name" href="{esc}.nocode.html">{esc}</a> {html.escape(description)}{flag} '
            f'<span class="alt">[<a href="{esc}.html">with code</a> · <a href="{esc}.ipynb">notebook</a>]</span></li>'
        )
    lines += ["</ul>", "</body>", "</html>", ""]
    return "\n".join(lines)


def write_index(reports_dir: Path, names: Sequence[str], config_name: str) -> Path:
    """Write reports_dir/index.html listing those of `names` that have an executed notebook."""
    entries = []
    for name in sorted(names, key=INDEX_ORDER.index):
        executed = reports_dir / f"{name}.ipynb"
        if not executed.is_file():
            continue
        nb = nbformat.read(str(executed), as_version=4)
        failed = bool(nb.metadata.get("papermill", {}).get("exception"))
        entries.append((name, notebook_heading(nb) or name, failed))
    return write_text(reports_dir / "index.html", render_index(entries, config_name))


def _save_executed(nb, name: str, reports_dir: Path, renderer: HtmlRenderer) -> None:
    clean_executed(nb)
    text = nbformat.writes(nb)
    if not text.endswith("\n"):
        text += "\n"
    title = notebook_heading(nb) or name
    write_text(reports_dir / f"{name}.ipynb", text)
    write_text(reports_dir / f"{name}.html", renderer.render(nb, title, code=True))
    write_text(reports_dir / f"{name}.nocode.html", renderer.render(nb, title, code=False))


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


# --------------------------------------------------------------------------------------------
# Running


def run_report(
    config: str | Path | ReportConfig = DEFAULT_CONFIG,
    only: Sequence[str] | None = None,
    output_root: str | Path | None = None,
    notebooks_dir: str | Path | None = None,
    stream: TextIO | None = None,
) -> ReportResult:
    """Run the configured notebooks in NOTEBOOK_ORDER and render the report.

    `only` holds notebook numbers or names ("03", "03_sentiment"); `output_root` moves the
    processed, figures and reports folders under one folder (tests use a temporary one);
    `notebooks_dir` replaces notebooks/. Progress goes to `stream` (default stdout): one line per
    notebook with its wall time in seconds, then the total.

    Raises ReportConfigError before anything runs when the config or a parameter is wrong, and
    NotebookFailedError when a notebook fails (later notebooks are not run)."""
    stream = stream or sys.stdout
    cfg = config if isinstance(config, ReportConfig) else load_config(config)
    runs, skipped = plan(cfg, only=only, output_root=output_root, notebooks_dir=notebooks_dir)
    dirs = output_dirs(cfg, output_root)
    reports_dir = dirs["reports_dir"]
    for folder in dirs.values():
        folder.mkdir(parents=True, exist_ok=True)
        # A run killed mid-write leaves its temporary file beside the (intact) output.
        remove_stale_temporaries(folder)
    result = ReportResult(reports_dir=reports_dir, skipped=list(skipped))

    print(f"quotelens report: {qconfig.relative(cfg.path)} -> {qconfig.relative(reports_dir)}", file=stream, flush=True)
    for note in skipped:
        print(f"  note: {note}", file=stream, flush=True)
    renderer = HtmlRenderer()
    started = time.perf_counter()
    for i, run in enumerate(runs, 1):
        print(f"  [{i}/{len(runs)}] {run.name:<16}", end="", file=stream, flush=True)
        t0 = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="quotelens-report-") as tmp:
            # papermill saves after every cell; it writes outside reports/ so a run killed
            # part-way leaves the previous report untouched.
            executed = Path(tmp) / f"{run.name}.ipynb"
            error: Exception | None = None
            try:
                with _kernel_environment(KERNEL_ENV):
                    papermill.execute_notebook(
                        str(run.input_path),
                        str(executed),
                        parameters=run.parameters,
                        kernel_name=KERNEL_NAME,
                        cwd=str(qconfig.PROJ_ROOT),
                        progress_bar=False,
                        log_output=False,
                        record_timing=False,
                        extra_arguments=KERNEL_ARGUMENTS,
                    )
            except Exception as exc:  # noqa: BLE001 - reported with the notebook's name below
                error = exc
            if not executed.is_file():
                print(" failed", file=stream, flush=True)
                raise NotebookFailedError(run.name, f"notebook {run.name} failed before papermill wrote it: {type(error).__name__}: {error}", None) from error
            nb = nbformat.read(str(executed), as_version=4)
            _save_executed(nb, run.name, reports_dir, renderer)
        write_index(reports_dir, list(cfg.notebooks), cfg.name)
        seconds = time.perf_counter() - t0
        result.seconds[run.name] = seconds
        if error is not None:
            print(f" FAILED after {seconds:.1f} s", file=stream, flush=True)
            raise NotebookFailedError(run.name, _failure_message(run, error, nb, reports_dir / f"{run.name}.ipynb"), reports_dir / f"{run.name}.ipynb") from error
        result.ran.append(run.name)
        print(f" {seconds:6.1f} s", file=stream, flush=True)
    write_index(reports_dir, list(cfg.notebooks), cfg.name)
    result.total_seconds = time.perf_counter() - started
    print(f"  total: {len(result.ran)} notebook(s) in {result.total_seconds:.1f} s; index: {qconfig.relative(reports_dir / 'index.html')}", file=stream, flush=True)
    return result
