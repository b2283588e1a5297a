"""One in-process measurement, run by run.py in a fresh interpreter of its own.

Each probe runs in its own process so that its peak memory is its own (ru_maxrss of a
process is a high-water mark that never goes down) and so that nothing one probe imported
or cached makes the next one look faster. Imports happen before the clock starts: the
probes time the work, not Python's start-up. The result is one JSON line on stdout.

    python benchmarks/probe.py validate /tmp/pb1000
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ruamel.yaml import YAML  # noqa: E402

from generator.lint.loader import discover, load_playbook  # noqa: E402
from generator.render.site import render_site  # noqa: E402

EDITED_MARK = "Edited by the benchmark"


class Clock:
    """Wall time and CPU time since the last lap. CPU time is what the targets compare: on a
    shared machine, other processes stretch wall time but not the CPU time this one used."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> dict[str, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        spent = {"seconds": wall - self.wall, "cpu_seconds": cpu - self.cpu}
        self.wall, self.cpu = wall, cpu
        return spent


def roundtrip(project: Path) -> dict[str, Any]:
    """The baseline of issue 2: ruamel.yaml's default (round-trip) loader over the same files."""
    files = discover(project / "playbook")
    clock = Clock()
    for path in files:
        YAML().load(path.read_text(encoding="utf-8"))
    return {**clock.lap(), "files": len(files), "megabytes": sum(p.stat().st_size for p in files) / 1_048_576}


def validate(project: Path) -> dict[str, Any]:
    clock = Clock()
    loaded = load_playbook(project / "playbook")
    spent = clock.lap()
    _require_valid(loaded)
    return {**spent, "warnings": len(loaded.report.warnings)}


def generate(project: Path) -> dict[str, Any]:
    """Load, validate and Markdown generation, each timed: the part of a build that is ours."""
    clock = Clock()
    loaded = load_playbook(project / "playbook")
    load = clock.lap()
    _require_valid(loaded)
    site = render_site(loaded.playbook, loaded.origins, project, [project / "templates"])
    render = clock.lap()
    markdown = sum(len(p.markdown.encode("utf-8")) for p in site.pages.values())
    return {"seconds": load["seconds"] + render["seconds"], "cpu_seconds": load["cpu_seconds"] + render["cpu_seconds"],
            "load_seconds": load["cpu_seconds"], "render_seconds": render["cpu_seconds"],
            "pages": len(site.pages), "markdown_megabytes": markdown / 1_048_576}


def rebuild(project: Path) -> dict[str, Any]:
    """What `mkdocs serve` does after a save: a fresh config, then a full build, timed the second time.

    It edits a file of the project, so run.py hands it a copy.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = project / "site-serve"
    serve_url = "http://127.0.0.1:8000/"

    def fresh_config():
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir))
        config.site_url = serve_url
        return config

    config = fresh_config()
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        clock = Clock()
        build(config, serve_url=serve_url)
        first = clock.lap()
        edited = _edit_one_file(project / "playbook")
        build(fresh_config(), serve_url=serve_url)
        second = clock.lap()
    finally:
        config.plugins.on_shutdown()
    visible = any(EDITED_MARK in p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html"))
    return {**second, "first_build_seconds": first["seconds"], "edited": edited, "edit_visible": visible}


def _edit_one_file(playbook: Path) -> str:
    """Change one role's purpose, the kind of edit a policy owner saves while previewing."""
    path = sorted((playbook / "roles").glob("*.yaml"))[-1]
    text = path.read_text(encoding="utf-8")
    marker = "  purpose: "
    at = text.index(marker) + len(marker)
    path.write_text(text[:at] + EDITED_MARK + ". " + text[at:], encoding="utf-8")
    return path.relative_to(playbook).as_posix()


def _require_valid(loaded: Any) -> None:
    if loaded.playbook is None:
        raise SystemExit("the synthetic playbook is invalid:\n" + loaded.report.format_text())


PROBES: dict[str, Callable[[Path], dict[str, Any]]] = {
    "roundtrip": roundtrip, "validate": validate, "generate": generate, "rebuild": rebuild,
}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in PROBES:
        print(f"usage: probe.py {{{','.join(PROBES)}}} PROJECT", file=sys.stderr)
        return 2
    result = PROBES[argv[0]](Path(argv[1]))
    result["peak_megabytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
