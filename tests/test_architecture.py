"""The shape of the code, read from its imports (nothing imported): what archcheck.py checks.

Every import counts, function-local ones included: a cycle hidden inside a function is still a
cycle a newcomer has to untangle.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("narrator", "workers")
MAX_LINES = 400
# What a worker may use of the product: the contract, the stages, recovery and the settings
# (with the context the stages take and the domain errors the tasks classify).
WORKER_MAY_IMPORT = {
    "narrator",
    "narrator.config",
    "narrator.context",
    "narrator.contract",
    "narrator.errors",
    "narrator.lanes",  # the CPU priority of a task's queue
    "narrator.recovery",
    "narrator.render",
    "narrator.warm",  # the voices started in a pool process before its first task
    "narrator.webhooks",
    "narrator.sources",
    "narrator.sources.poll",  # the stage of a feed poll
    "narrator.sources.schedule",  # which polls are due (the poller thread, narrator.poll_due)
}


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            found[name] = path
    return found


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The project modules `name` imports, anywhere in its body."""
    deps = set()
    for node in ast.walk(ast.parse(path.read_text())):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = name.split(".")
                package = parts if path.name == "__init__.py" else parts[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, base] if base else package)
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                deps.add(target)
    return deps


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
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
    return found


def test_cycle_finder_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_no_module_over_the_limit() -> None:
    big = {
        name: n
        for name, path in modules().items()
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert big == {}


def test_workers_use_only_the_contract_stages_recovery_and_settings() -> None:
    edges = graph()
    used = {
        dep
        for name, deps in edges.items()
        if name.startswith("workers")
        for dep in deps
        if dep.startswith("narrator")
    }
    recovery = {dep for dep in used if dep.startswith(("narrator.recovery.", "narrator.webhooks."))}
    assert used - recovery <= WORKER_MAY_IMPORT, used - recovery - WORKER_MAY_IMPORT
    assert "narrator.contract" in used and "narrator.render" in used


def test_contract_and_layout_stay_light() -> None:
    # Both sides import these: they must not pull in the engines, the pipeline or Celery's worker.
    edges = graph()
    for light in ("narrator.contract", "narrator.store.layout"):
        assert edges[light] <= {
            "narrator",
            "narrator.config",
            "narrator.errors",
            "narrator.text.article",
        }
