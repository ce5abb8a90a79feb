"""The shape of the product code (issue #13): small modules, small functions, no import cycles.

Limits: a module of bot/ or actions/ has at most 400 lines; a function at most 60 lines and
8 parameters, unless a comment `# shape: <reason>` on its `def` line (or the line above) says why.
Imports inside functions count for cycles too: hiding an import in a method does not break a loop.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "actions")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
MAX_PARAMETERS = 8

pytestmark = pytest.mark.unit


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _has_reason(lines: list[str], node: ast.AST) -> bool:
    line = node.lineno - 1  # type: ignore[attr-defined]
    nearby = lines[max(0, line - 1) : line + 1]
    return any("# shape:" in text for text in nearby)


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def test_modules_are_at_most_400_lines() -> None:
    too_long = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()}
    assert {n: c for n, c in too_long.items() if c > MAX_MODULE_LINES} == {}


def test_functions_are_short_with_few_parameters_or_say_why() -> None:
    offenders = []
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for fn in _functions(ast.parse(text)):
            args = fn.args
            count = len(args.posonlyargs) + len(args.args) + len(args.kwonlyargs)
            count -= 1 if args.args and args.args[0].arg in ("self", "cls") else 0
            length = (fn.end_lineno or fn.lineno) - fn.lineno + 1
            if (length > MAX_FUNCTION_LINES or count > MAX_PARAMETERS) and not _has_reason(lines, fn):
                offenders.append(f"{name}.{fn.name}: {length} lines, {count} parameters")
    assert offenders == []


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(module: str, path: Path) -> set[str]:
    """Project modules `module` imports anywhere (module level or inside functions), except under
    `if TYPE_CHECKING:` (never executed)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    targets: set[str] = set()
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".") if is_package else module.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            targets.add(base)
            targets.update(f"{base}.{alias.name}" for alias in node.names)
    return {t for t in targets if t in MODULES and t != module}


def _cycles() -> list[list[str]]:
    graph = {name: _imports(name, path) for name, path in MODULES.items()}
    # A package's __init__ runs when any of its modules is imported: a module importing its own
    # package is not a cycle of ours, so drop parent-package edges.
    for name, targets in graph.items():
        graph[name] = {t for t in targets if not name.startswith(t + ".")}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return found


def test_no_import_cycles_in_bot_or_actions() -> None:
    assert _cycles() == []


def test_the_checks_see_the_code() -> None:
    """Guard against a check that cannot fail: it finds the modules and their imports."""
    assert "bot.settings" in MODULES and "actions.core" in MODULES
    assert any(_imports(name, path) for name, path in MODULES.items())
