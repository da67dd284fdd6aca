"""A report config to start from, written from the notebooks themselves (`quotelens init`, and
the config `quotelens report --corpus` runs with).

Every parameter of every notebook is listed with its meaning and its default, read from the
notebooks' parameters cells in the order of the stage declaration (quotelens.stages), so the
file cannot drift from what the notebooks declare. The defaults are the notebooks' own, which are
neutral: no actor registry, no topic-word masking, no outlet grouping, the two most-quoted named
actors compared. Only the corpus, the registry (when given) and the output folders are filled in.
"""

from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path
from typing import Any, Iterable

from quotelens import config as qconfig
from quotelens.arguments import UsageError, existing_file, existing_input, output_file, output_folder
from quotelens.stages import COMMON_PARAMETERS, FROM_PIPELINE_PARAMETER, NOTEBOOK_ORDER, stage

# The corpus check (pandas), the notebooks' parameters (nbformat, jsonschema) and the table
# writer are imported where they are used, so a mistake in the arguments of `quotelens init` or
# `quotelens report --corpus` is answered before those imports (about 1.5 CPU-s).

#: Values the report needs that differ from a notebook's interactive default, with the reason.
REPORT_VALUES = {"interactive": (False, "the report runner needs false: widgets need a live kernel")}
#: A config name: letters, digits, dot, dash and underscore (it names the output folder too).
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def valid_name(name: str) -> bool:
    """Whether `name` can name a config and its output folder."""
    return bool(NAME_PATTERN.fullmatch(name or ""))


def _value(text: Any) -> str:
    """A value as YAML (JSON is valid YAML for these plain values)."""
    return json.dumps(text, ensure_ascii=False)


def _literal(source: str) -> Any:
    try:
        return ast.literal_eval(source) if source else None
    except (ValueError, SyntaxError):
        return None


def config_text(name: str, corpus_paths: Iterable[str | os.PathLike], output_root: str | os.PathLike,
                actors_path: str | os.PathLike | None = None, notebooks_dir: str | os.PathLike | None = None) -> str:
    """The text of a commented report config named `name`: the corpus (absolute paths), the
    three output folders under `output_root` (processed/, figures/, reports/), then one block per
    notebook listing every parameter with its meaning (a comment) and its default, except the
    corpus and the registry (`actors_path`, "" for none), which are set from the arguments."""
    from quotelens.report import parameters

    root = Path(output_root).expanduser().absolute()
    nb_dir = Path(notebooks_dir) if notebooks_dir is not None else qconfig.NOTEBOOKS_DIR
    given = {
        "corpus_paths": [str(Path(p).expanduser().absolute()) for p in corpus_paths],
        "actors_path": str(Path(actors_path).expanduser().absolute()) if actors_path else "",
    }
    lines = [
        f"# quotelens report config for {name}, written by `quotelens init` from the notebooks' parameters cells.",
        "# Run it with: quotelens report --config THIS_FILE   (every value is checked before anything runs).",
        "# Paths are absolute or relative to the project root. Each notebook's block lists every parameter",
        "# it takes, with its meaning and its neutral default: no actor registry (speakers named as the",
        "# articles write them), no topic-word masking, each outlet compared on its own, the two most-quoted",
        "# named actors compared. Write a registry with `quotelens registry-draft` (docs/registry.md).",
        f"name: {_value(name)}",
        f"processed_dir: {_value(str(root / 'processed'))}  # tables of every stage",
        f"figures_dir: {_value(str(root / 'figures'))}  # PNG figures with the CSV of their numbers",
        f"reports_dir: {_value(str(root / 'reports'))}  # executed notebooks and HTML pages; open index.html",
        "notebooks:",
    ]
    for notebook in NOTEBOOK_ORDER:
        declared = parameters.declared_parameters(nb_dir / f"{notebook}.ipynb")
        lines.append(f"  # {notebook}: {stage(notebook).description}")
        lines.append(f"  {notebook}:")
        for param in declared.values():
            if param.name in COMMON_PARAMETERS or param.name == FROM_PIPELINE_PARAMETER:
                continue  # set by the runner (and --from-pipeline), not by a config
            note = param.help
            if param.name in given:
                value = given[param.name]
            elif param.name in REPORT_VALUES:
                value, why = REPORT_VALUES[param.name]
                note = f"{note} ({why})"
            else:
                value = _literal(param.default)
            kind = f" [{param.annotation}]" if param.annotation else ""
            lines.append(f"    # {note}{kind}")
            lines.append(f"    {param.name}: {_value(value)}")
    return "\n".join(lines) + "\n"


def corpus_name(corpus: str | os.PathLike) -> str:
    """A config name for a corpus path: its file or folder name without suffixes, reduced to
    the characters `valid_name` allows ("corpus" when nothing is left)."""
    stem = Path(corpus).name.split(".")[0]
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._-")[:64]
    return cleaned if valid_name(cleaned) else "corpus"


#: The config `quotelens report --corpus` writes into its output folder (and reruns from).
RUN_CONFIG_NAME = "config.yaml"
#: How every config written here starts: a file starting otherwise was not written by us.
HEADER = "# quotelens report config for "


def written_here(path: str | os.PathLike) -> bool:
    """Whether the file at `path` is a config this module wrote (it may then be replaced)."""
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.readline().startswith(HEADER)
    except (OSError, UnicodeDecodeError):
        return False


def cache_folder(output: str | os.PathLike) -> Path:
    """Where a report on a user's corpus keeps trained models: the user cache folder
    (quotelens.config.user_cache_dir) when it, or the nearest folder above it that exists, can
    be written (the kernels create it when they first need it), else `output`/cache."""
    folder = qconfig.user_cache_dir()
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.is_dir() and os.access(existing, os.W_OK | os.X_OK):
        return folder
    return Path(output).absolute() / "cache"


# --------------------------------------------------------------------------------------------
# The commands (`quotelens report --corpus`, `quotelens init`): every check before any work


def check_corpus_and_registry(corpus: Path, actors: Path | None, what: str) -> None:
    """A corpus with at least one input file and a registry that reads, checked before any
    work: UsageError (one line, exit 2) naming the problem otherwise (".json is not a supported
    suffix", a registry key that is wrong, ...)."""
    from quotelens.extract.registry import RegistryError, load_registry
    from quotelens.load.errors import NoArticlesError
    from quotelens.report.input_checks import check_corpus

    try:
        check_corpus([str(corpus)])
        if actors is not None:
            load_registry(actors)
    except (NoArticlesError, RegistryError, ValueError) as exc:
        raise UsageError(f"{what}: {' '.join(str(exc).split())}") from None


def corpus_run_config(corpus: str | os.PathLike, actors: str | os.PathLike | None, output: str | os.PathLike) -> Path:
    """`quotelens report --corpus PATH [--actors FILE] --output DIR`: check the corpus, the
    registry and the output folder, then write the neutral config of the run into DIR
    (RUN_CONFIG_NAME; replaced on a rerun, but never a config quotelens did not write).
    Returns the config's path. UsageError for every user mistake, before any file is written."""
    corpus = existing_input(corpus, "report: --corpus")
    actors = existing_file(actors, "report: --actors") if actors else None
    output = output_folder(output, inputs=[corpus], what="report: --output")
    config_path = output / RUN_CONFIG_NAME
    if actors is not None and actors == config_path:
        raise UsageError(f"report: --actors {actors}: is the config this run writes; keep the registry elsewhere")
    if config_path.exists() and not written_here(config_path):
        raise UsageError(f"report: --output {output}: holds a {RUN_CONFIG_NAME} that quotelens did not write; "
                         "choose another folder")
    check_corpus_and_registry(corpus, actors, "report: --corpus")
    from quotelens.tables import write_text

    write_text(config_path, config_text(corpus_name(corpus), [corpus], output, actors_path=actors))
    return config_path


def init_config_file(corpus: str | os.PathLike, name: str, output: str | os.PathLike | None,
                     actors: str | os.PathLike | None = None, force: bool = False) -> tuple[Path, Path, int]:
    """`quotelens init`: write the commented config for `corpus` to `output` (default NAME.yaml
    in the working folder), its outputs under NAME_report/ beside it. Returns (config file,
    output folder, number of parameters listed). UsageError for every user mistake, before
    anything is written; an existing file is replaced only with `force`."""
    if not valid_name(name):
        raise UsageError(f"init: --name {name!r}: use letters, digits, '.', '-' and '_' (it names the output folder)")
    corpus = existing_input(corpus, "init: --corpus")
    actors = existing_file(actors, "init: --actors") if actors else None
    target = output or Path.cwd() / f"{name}.yaml"
    path = output_file(target, (".yaml", ".yml"), inputs=[corpus] + ([actors] if actors else []), what="init: -o")
    if path.exists() and not force:
        raise UsageError(f"init: -o {path}: exists; choose another file or add --force to replace it")
    check_corpus_and_registry(corpus, actors, "init: --corpus")
    root = path.parent / f"{name}_report"
    text = config_text(name, [corpus], root, actors_path=actors)
    from quotelens.tables import write_text

    write_text(path, text)
    return path, root, sum(1 for line in text.splitlines() if line.startswith("    ") and not line.lstrip().startswith("#"))
