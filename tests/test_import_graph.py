"""The import graph, read with ``ast`` (every import statement, function-local ones too): ``burner_env`` never
imports ``agents`` (agents import the library), and no two of our modules import each other, directly or
through others."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("burner_env", "agents")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for package in PACKAGES for path in (ROOT / package).rglob("*.py")}


def imported_modules(name: str, path: Path) -> set[str]:
    """Our modules that ``name`` imports when it runs: ``from package import submodule`` counts as the
    submodule; imports under ``if TYPE_CHECKING:`` (annotations only) do not count."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            node.body = []
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from .x import y
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + [base]).strip(".")
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: imported_modules(name, path) for name, path in MODULES.items()}


def test_the_library_never_imports_the_agents():
    edges = [(name, target) for name, targets in GRAPH.items() if name.split(".")[0] == "burner_env"
             for target in targets if target.split(".")[0] == "agents"]
    assert edges == []


def test_no_import_cycles():
    cycles = []
    state: dict[str, str] = {}  # "open" while on the current path, "done" once explored

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for target in sorted(GRAPH[name]):
            if state.get(target) == "open":
                cycles.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = "done"

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_the_graph_sees_function_local_imports():
    assert "burner_env.sandbox.ray_backend" in GRAPH["burner_env.sandbox.core"]  # imported inside __init__
    assert "burner_env.scoring" in GRAPH["burner_env.env"]
