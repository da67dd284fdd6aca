"""Notebook parameters: what a notebook's `parameters` cell declares, and whether the values a
config gives fit those declarations.

papermill itself only warns about a parameter the notebook does not declare and checks no
types, so the runner checks every value here before any kernel starts.
"""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from quotelens.report.config import did_you_mean

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


@dataclass(frozen=True)
class Parameter:
    """One parameter declared in a notebook's `parameters` cell."""

    name: str
    annotation: str | None  # the type annotation as written, e.g. "str", "list[str]"
    default: str  # the default value's source text
    help: str  # the trailing comment, without '#'
    line: int  # line number inside the parameters cell, from 1


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


def _has_non_text_key(value: Any) -> bool:
    """Whether a mapping anywhere inside `value` has a key that is not text (YAML reads `1:` as a number)."""
    if isinstance(value, dict):
        return any(not isinstance(k, str) or _has_non_text_key(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_non_text_key(v) for v in value)
    return False


def describe(params: dict[str, Parameter]) -> str:
    """"name: type, ..." for the declared parameters, as error messages list them."""
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
            problems.append(f"{nb_name}: unknown parameter {name!r}{did_you_mean(name, declared)}")
            continue
        annotation = effective_annotation(declared[name])
        if not _plain(value):
            hint = " (quote dates in YAML)" if hasattr(value, "isoformat") else ""
            if _has_non_text_key(value):
                problems.append(f"{nb_name}: parameter {name!r} has a key that is not text (YAML reads 1: as a number; write \"1\":): {value!r}")
                continue
            problems.append(f"{nb_name}: parameter {name!r} has a value of type {type(value).__name__}{hint}, expected {annotation or 'a plain value'}: {value!r}")
        elif not type_matches(annotation, value):
            problems.append(f"{nb_name}: parameter {name!r} expects {annotation}, got {type(value).__name__} {value!r}")
    if problems:
        problems.append(f"{nb_name} declares: {describe(declared)}")
    return problems
