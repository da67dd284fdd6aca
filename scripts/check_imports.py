"""Check the package's imports: import circles between modules and private names taken from
another module (issue 11).

    python scripts/check_imports.py [PACKAGE_DIR] [--only PREFIX]

PACKAGE_DIR defaults to src/quotelens. Every `import` and `from ... import` is read with `ast`
(module level and inside functions; imports inside functions are listed apart, since they
cannot fail at import time but still tie modules together). A private name is one starting
with a single underscore, imported from, or read as an attribute of, another module of the
package. With --only, problems are reported only for modules whose dotted name starts with
PREFIX (e.g. quotelens.extract); circles are still searched over the whole package.
Exit status 1 when a problem is found.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def resolve(name: str, modules: set[str]) -> str | None:
    """The package module `name` refers to, or None for an outside module."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def read_imports(path: Path, me: str, modules: set[str]):
    """(target module, imported name or "", top level?, line) for every import of `path`, and
    the module aliases (local name -> module) bound by `import x.y as z` / `from x import y`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(n) for n in tree.body}
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    out, aliases = [], {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                target = resolve(a.name, modules)
                if target:
                    out.append((target, "", id(node) in top, node.lineno))
                    if a.asname:
                        aliases[a.asname] = target
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            for a in node.names:
                sub = f"{base}.{a.name}"
                if sub in modules:
                    out.append((sub, "", id(node) in top, node.lineno))
                    aliases[a.asname or a.name] = sub
                else:
                    target = resolve(base, modules)
                    if target:
                        out.append((target, a.name, id(node) in top, node.lineno))
    attrs = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            attrs.append((aliases[node.value.id], node.attr, node.lineno))
    return out, attrs


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10_000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("package", nargs="?", default="src/quotelens")
    ap.add_argument("--only", default="")
    args = ap.parse_args(argv)
    root = Path(args.package)
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    modules = set(files)
    top_graph: dict[str, set[str]] = {m: set() for m in modules}
    any_graph: dict[str, set[str]] = {m: set() for m in modules}
    problems = 0
    for me, path in sorted(files.items()):
        imports, attrs = read_imports(path, me, modules)
        for target, name, at_top, line in imports:
            if target == me:
                continue
            # a package's __init__ is imported on the way to any of its modules: no edge
            if not me.startswith(target + "."):
                any_graph[me].add(target)
                if at_top:
                    top_graph[me].add(target)
            if name and private(name) and me.startswith(args.only):
                print(f"private import: {me}:{line} takes {name} from {target}")
                problems += 1
        for target, name, line in attrs:
            if target != me and private(name) and me.startswith(args.only):
                print(f"private attribute: {me}:{line} reads {target}.{name}")
                problems += 1
    for label, graph in (("module-level", top_graph), ("any (incl. imports inside functions)", any_graph)):
        found = [c for c in cycles(graph) if any(m.startswith(args.only) for m in c)]
        for comp in found:
            print(f"import circle ({label}): {' <-> '.join(comp)}")
        problems += len(found)
    scope = [m for m in modules if m.startswith(args.only)]
    print(f"{len(scope)} modules checked{' under ' + args.only if args.only else ''}: {problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
