"""The package's shape, checked from its source: stages in one order (no module imports from a
later stage) and without import cycles, a core that does not know MkDocs, and one way from a
user's mistake to an exit code.

Imports are read with `ast` from every statement, including those inside functions, so
a cycle cannot hide behind a late import.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
# The stages, each a folder of generator/, in the order data flows and imports may go: a module
# imports from its own stage or an earlier one, never a later one. "shared" is the small
# top-level modules (diagnostics.py, clock.py, dates.py, inert.py, jsondoc.py, resources.py,
# user_cache.py and the package's __init__), which every stage may use. The draft checker
# (rules compiled from the queries, and the matching engine) sits before lint because the
# policy's own texts are proofread through it; diff/ before render/ because "What changed" is
# a page. packs/ (the knowledge packs shipped with the tool: read, validated and turned on for
# a policy) comes after the queries and before the checker that compiles them into its rules.
STAGES = ("shared", "read", "model", "queries", "packs", "checker", "lint", "diff", "render", "mkdocs", "cli")
CORE = ("generator.read", "generator.model", "generator.queries", "generator.packs", "generator.checker",
        "generator.lint", "generator.diff", "generator.render", "generator.diagnostics", "generator.clock",
        "generator.inert", "generator.dates", "generator.jsondoc", "generator.resources", "generator.user_cache")
EDGES = ("generator.cli", "generator.mkdocs", "generator.__main__")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def is_package(name: str, known: dict[str, Path]) -> bool:
    return known[name].name == "__init__.py"


def imported(name: str, path: Path, known: dict[str, Path]) -> tuple[set[str], set[str]]:
    """(modules of this package, top-level external packages) that `path` imports anywhere."""
    inside: set[str] = set()
    outside: set[str] = set()
    package = name if is_package(name, known) else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                (inside if alias.name.split(".")[0] == "generator" else outside).add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "generator":
                outside.add(target)
                continue
            inside.add(target)
            inside.update(f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in known)
    inside = {m for m in inside if m in known and m != name}
    return inside, {m.split(".")[0] for m in outside if m}


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imported(name, path, known)[0] for name, path in known.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path that starts and ends at the same module, or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def stage_of(module: str) -> str:
    """The stage a module belongs to: its folder under generator/, "shared" for a top-level
    module, "cli" for `python -m generator`. A folder that is not a stage raises KeyError."""
    parts = module.split(".")
    if module == "generator.__main__":
        return "cli"
    if len(parts) == 1 or (len(parts) == 2 and not (PACKAGE / parts[1]).is_dir()):
        return "shared"
    if parts[1] not in STAGES:
        raise KeyError(f"{module}: generator/{parts[1]}/ is not a stage; add it to STAGES in its place")
    return parts[1]


def later_imports(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Every (module, imported module) pair where the import comes from a later stage."""
    rank = {stage: i for i, stage in enumerate(STAGES)}
    return sorted((module, other) for module, imports in graph.items() for other in imports
                  if rank[stage_of(other)] > rank[stage_of(module)])


def test_the_order_checker_refuses_an_import_from_a_later_stage():
    """Fed a module graph with one import going back up the pipeline, it names that import, and
    only that one: the same stage, an earlier stage and the shared modules are allowed."""
    graph = {"generator.model.roles": {"generator.model.common", "generator.read.source", "generator.clock"},
             "generator.queries.answers": {"generator.model", "generator.render.context"},
             "generator.render.context": {"generator.queries.answers", "generator.diagnostics"},
             "generator.clock": {"generator.diagnostics"},
             "generator.__main__": {"generator.cli"}}
    assert later_imports(graph) == [("generator.queries.answers", "generator.render.context")]
    shared_reaching_up = {"generator.clock": {"generator.read.source"}}
    assert later_imports(shared_reaching_up) == [("generator.clock", "generator.read.source")]
    with pytest.raises(KeyError):
        stage_of("generator.nowhere.module")


def test_every_import_comes_from_the_same_or_an_earlier_stage():
    assert later_imports(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle_and_accepts_a_tree():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_import_reader_sees_imports_inside_functions(tmp_path):
    known = {"generator.x": tmp_path / "x.py", "generator.y": tmp_path / "y.py"}
    known["generator.x"].write_text("def f():\n    from .y import thing\n    return thing\n")
    assert imported("generator.x", known["generator.x"], known) == ({"generator.y"}, set())


def test_the_package_has_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_stages_are_folders():
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    assert folders == sorted(STAGES[1:])


@pytest.mark.parametrize("core", CORE)
def test_the_core_does_not_reach_mkdocs_click_or_the_edges(core):
    """Every stage before the edges (read/ to render/) runs under any engine (ProperDocs, Zensical, a script):
    nothing they import, directly or through each other, is MkDocs, Click or an edge module."""
    known = modules()
    graph = import_graph()
    start = [m for m in known if m == core or m.startswith(core + ".")]
    seen, todo = set(start), list(start)
    while todo:
        for nxt in graph[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert not [m for m in seen if m.startswith(EDGES)]
    external = set().union(*(imported(m, known[m], known)[1] for m in seen))
    assert not external & {"mkdocs", "material", "click"}


def test_importing_the_whole_core_loads_no_mkdocs_module():
    code = ("import sys, generator.render.project, generator.checker.rules, generator.checker.engine, "
            "generator.checker.vale; print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('mkdocs', 'material', 'click')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def calls_and_handlers() -> list[tuple[str, ast.AST]]:
    found = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            found.append((name, node))
    return found


def test_no_sys_exit_anywhere_in_the_package():
    """Exit codes come from the CLI's one handler (or Click's ctx.exit), never from deep inside."""
    offenders = [name for name, node in calls_and_handlers()
                 if isinstance(node, ast.Attribute) and node.attr == "exit"
                 and isinstance(node.value, ast.Name) and node.value.id == "sys"]
    assert offenders == []


def test_user_errors_are_caught_only_at_the_edges():
    """The CLI turns them into output; the MkDocs plugin and the preview of generated files
    (live.py, for `serve --dirty` and Zensical; zensical.py reads mkdocs.yml while it is being
    edited) into a preview page listing the problems, so `serve` survives a bad save on either engine."""
    catchers = set()
    for name, node in calls_and_handlers():
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            names = {n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)}
            if "UserError" in names:
                catchers.add(name)
    assert catchers == {"generator.cli", "generator.mkdocs.plugin", "generator.mkdocs.zensical",
                        "generator.mkdocs.live"}


def test_locations_are_formatted_only_by_diagnostic():
    """`FILE:LINE:COL: error:` is written in one place; everything else builds a Diagnostic."""
    offenders = []
    for name, node in calls_and_handlers():
        if name == "generator.diagnostics":
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if any(f": {level}:" in text or text.startswith(f"{level}:") for level in ("error", "warning")) \
                    or ":1:1:" in text:
                offenders.append((name, text))
    assert offenders == []


def test_every_command_loads_by_name_and_check_needs_no_mkdocs():
    """The CLI imports a command's module only when it runs; each listed name must resolve."""
    from generator.cli import COMMANDS, main

    for name in COMMANDS:
        command = main.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None and command.name == name
    code = ("import sys, generator.cli as c; c.main.get_command(None, 'check'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_check_with_a_warm_rules_cache_imports_no_model_loader_or_mkdocs(tmp_path):
    """`playbook check` on cached rules reads a JSON document: the validation models (pydantic),
    the loader and MkDocs are most of its start-up, and none of them is needed. The first run
    fills the cache (and must load the policy); the second must not. Neither reads wordfreq's
    word list nor runs the false-alarm estimate: those are `validate`'s alone."""
    draft = tmp_path / "draft.txt"
    draft.write_text("Thanks for following us\n", encoding="utf-8")
    code = ("import sys; from generator.cli import main; "
            "code = main(['-C', sys.argv[1], 'check', sys.argv[2]], standalone_mode=False); "
            "print(code, sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('pydantic', 'mkdocs', 'jinja2', 'wordfreq') "
            "or m in ('generator.model', 'generator.lint.loader', 'generator.checker.rules', "
            "'generator.lint.policy.alarms')))")
    env = {**os.environ, "PLAYBOOK_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code, str(PACKAGE.parent), str(draft)], capture_output=True,
                           text=True, check=True, env=env).stdout.strip().splitlines()[-1] for _ in range(2)]
    assert "generator.model" in runs[0] and "pydantic" in runs[0]  # the cold run does load the policy
    assert "wordfreq" not in runs[0] and "alarms" not in runs[0]
    assert runs[1] == f"{runs[0].split()[0]} []"  # the same verdict, from the cache alone
