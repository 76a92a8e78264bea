"""The import drawing of gensafe: no circles, and no import running back up a floor.

Every ``import`` of a gensafe module counts, also one inside a function: a
function-local import that dodges a circle at import time is still a
circle in the design.  The floors below are the house plan of
docs/architecture.md; a module may import its own floor (without a circle)
or any floor below it.
"""
from __future__ import annotations

import ast
from pathlib import Path

import gensafe

PACKAGE = Path(gensafe.__file__).parent

#: lowest first; a module belongs to the floor of its longest listed prefix
FLOORS: list[tuple[str, ...]] = [
    # foundation: names and facts every layer may use
    ("gensafe", "gensafe.errors", "gensafe.taxonomy", "gensafe.jsonl", "gensafe.outdir", "gensafe.stages.base",
     "gensafe.stages.columns", "gensafe.plugins",
     "gensafe.storage", "gensafe.subset"),
    # the spine's parts: configuration, policy, stage contract, registry, store, readers, writers
    ("gensafe.stages", "gensafe.policy", "gensafe.config", "gensafe.config_extends", "gensafe.source_registry",
     "gensafe.store", "gensafe.views", "gensafe.chain", "gensafe.readers", "gensafe.writers", "gensafe.runlock",
     "gensafe.config_schema"),
    # the stages' own packages
    ("gensafe.keywords", "gensafe.classifier", "gensafe.pii", "gensafe.provenance", "gensafe.adsignals"),
    # a run: the pipeline, executors, loading a finished run, scoring a file
    ("gensafe.pipeline", "gensafe.executor", "gensafe.ray_executor", "gensafe.run_load", "gensafe.scoring",
     "gensafe.verdicts"),
    # work over runs and sources
    ("gensafe.admission", "gensafe.annotation", "gensafe.audit"),
    # the command line
    ("gensafe.cli", "gensafe.__main__"),
]


def _modules() -> dict[str, Path]:
    mods = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("gensafe",) + path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = path
    return mods


def _resolve(name: str, mods: dict[str, Path]) -> str | None:
    while name and name not in mods:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, set[str]]:
    """Module -> the gensafe modules it imports anywhere in its body."""
    mods = _modules()
    graph: dict[str, set[str]] = {}
    for mod, path in mods.items():
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([base] if base else []))
                # `from pkg import module` imports the module, `from module import name` the module
                names = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names]
            for name in names:
                target = _resolve(name, mods) if name.startswith("gensafe") else None
                if target and target != mod:
                    edges.add(target)
        graph[mod] = edges
    return graph


def floor_of(mod: str) -> int:
    """The floor of a module: that of its longest listed prefix (the root package only by its own name)."""
    best, floor = -1, -1
    for i, prefixes in enumerate(FLOORS):
        for p in prefixes:
            if (mod == p or (p != "gensafe" and mod.startswith(p + "."))) and len(p) > best:
                best, floor = len(p), i
    return floor


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a path ``a -> b -> … -> a``, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph.get(m, ())):
            if state.get(n) == 1:
                return stack[stack.index(n):] + [n]
            if n not in state and (found := visit(n)):
                return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_every_module_has_a_floor() -> None:
    homeless = [m for m in import_graph() if floor_of(m) < 0]
    assert homeless == [], f"add {homeless} to FLOORS in tests/test_import_graph.py (and to docs/architecture.md)"


def test_no_import_runs_back_up_a_floor() -> None:
    up = sorted(f"{m} (floor {floor_of(m)}) imports {t} (floor {floor_of(t)})"
                for m, targets in import_graph().items() for t in targets if floor_of(t) > floor_of(m))
    assert up == []


def test_the_checker_sees_a_circle_and_a_function_local_import() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    graph = import_graph()
    # store.connect is imported inside functions elsewhere; the walk must see those too
    assert "gensafe.store" in graph["gensafe.cli.pipeline"]


def test_the_module_map_lists_every_module_and_package() -> None:
    doc = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    top = sorted(p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
                 if (p.suffix == ".py" and not p.stem.startswith("__")) or (p / "__init__.py").exists())
    assert [m for m in top if f"gensafe/{m}" not in doc] == []
    inner = sorted(str(p.relative_to(PACKAGE.parent)) for p in PACKAGE.glob("*/*.py") if p.name != "__init__.py")
    assert [m for m in inner if f"`{m}`" not in doc] == [], "add these modules to docs/architecture.md"


def test_the_floors_of_the_docs_are_these() -> None:
    doc = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = doc.split("## Floors: who may import whom", 1)[1].split("\n## ", 1)[0]
    listed = [line.split(": ")[-1] for line in section.splitlines() if line[:1].isdigit()]
    assert listed == [", ".join(f"`{m}`" for m in floor) for floor in FLOORS]
