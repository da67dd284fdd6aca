"""The shape of quotelens.load (issue 11): short modules with a docstring, no import circle, no
import hidden inside a function to dodge one, and no module reaching into another's private
names. Read from the source with ast, so nothing is imported to check it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOAD = ROOT / "src" / "quotelens" / "load"
MODULES = sorted(LOAD.glob("*.py"))
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT / "src").with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _quotelens_imports(tree: ast.AST, top_level_only: bool) -> list[ast.ImportFrom | ast.Import]:
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    out = []
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("quotelens"):
            out.append(node)
        elif isinstance(node, ast.Import) and any(a.name.startswith("quotelens") for a in node.names):
            out.append(node)
    return out


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_short_and_documented(path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_LINES
    assert ast.get_docstring(ast.parse(source)), f"{path.name} has no module docstring"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_quotelens_import_inside_a_function(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nested = set(map(id, _quotelens_imports(tree, top_level_only=False))) - set(
        map(id, _quotelens_imports(tree, top_level_only=True)))
    assert not nested, f"{path.name}: import of a quotelens module inside a function"


def test_no_import_circle_in_load():
    graph: dict[str, set[str]] = {}
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[_module_name(path)] = {
            node.module for node in _quotelens_imports(tree, top_level_only=True)
            if isinstance(node, ast.ImportFrom) and node.module.startswith("quotelens.load")
        }
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, "import circle: " + " -> ".join(path + (module,))
        if module in done:
            return
        for target in graph.get(module, ()):
            visit(target, path + (module,))
        done.add(module)

    for module in graph:
        visit(module, ())


def test_no_private_load_names_imported_anywhere():
    offenders = []
    for folder in ("src", "tests", "scripts"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("quotelens.load"):
                    offenders += [f"{path.relative_to(ROOT)}: {a.name}" for a in node.names if a.name.startswith("_")]
    assert offenders == []
