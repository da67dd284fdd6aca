"""Report configs: reading a parameter set (configs/*.yaml) and the folders a run writes to.

A config names the processed, figures and reports folders (relative to the project root) and
holds one block of parameters per notebook. Its shape is checked here; whether each parameter
fits the notebook that receives it is checked in `quotelens.report.parameters`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

from quotelens import config as qconfig
from quotelens.stages import COMMON_PARAMETERS, FROM_PIPELINE_PARAMETER, NOTEBOOK_ORDER
from quotelens.yaml_files import load_yaml

CONFIG_KEYS = {"name", "processed_dir", "figures_dir", "reports_dir", "notebooks"}
DEFAULT_CONFIG = qconfig.CONFIGS_DIR / "default.yaml"
#: Parameters the runner sets itself; a config's notebook block may not set them.
RUNNER_PARAMETERS = (*COMMON_PARAMETERS, FROM_PIPELINE_PARAMETER)


class ReportConfigError(ValueError):
    """The config or a parameter is wrong; raised before any notebook runs."""


@dataclass
class ReportConfig:
    """A parsed config file. Paths are as written (relative to the project root)."""

    path: Path
    name: str
    processed_dir: str
    figures_dir: str
    reports_dir: str
    notebooks: dict[str, dict[str, Any]]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """" (did you mean 'x'?)" naming the closest of `choices` to `word`, or "" when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=2, cutoff=0.6)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


def _runner_parameter_problem(nb_name: str, name: str) -> str:
    if name == FROM_PIPELINE_PARAMETER:
        return f"notebooks.{nb_name}.{name}: give the pipeline folder on the command line (quotelens report --from-pipeline OUTDIR)"
    return f"notebooks.{nb_name}.{name}: set {name} once at the top level (it is passed to every notebook)"


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
        data = load_yaml(path.read_text(encoding="utf-8"))  # safe, and a key given twice is an error
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        what = getattr(exc, "problem", None) or str(exc)
        raise ReportConfigError(f"{shown}:{where}: not valid YAML: {what}") from exc
    if not isinstance(data, dict):
        raise ReportConfigError(f"{shown}: expected a mapping at the top level, got {type(data).__name__}")

    errors = []
    for key in sorted(set(data) - CONFIG_KEYS, key=str):
        errors.append(f"unknown key {key!r}{did_you_mean(str(key), CONFIG_KEYS)}; valid keys: {', '.join(sorted(CONFIG_KEYS))}")
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
                f"notebooks: unknown notebook {nb_name!r}{did_you_mean(nb_name, NOTEBOOK_ORDER)}; "
                f"known notebooks: {', '.join(NOTEBOOK_ORDER)}"
            )
            continue
        params = params if params is not None else {}
        if not isinstance(params, dict):
            errors.append(f"notebooks.{nb_name}: expected a mapping of parameters, got {params!r}")
            continue
        errors += [_runner_parameter_problem(nb_name, name) for name in RUNNER_PARAMETERS if name in params]
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
