"""Edit-to-reload of `playbook serve`, per engine: from a saved YAML edit until the served page shows it.

It copies a project (the example by default, or a synthetic one: --roles N), starts
`playbook serve` on a free port with each route (ROUTES: `mkdocs`, the plugin rebuilding
everything; `mkdocs-dirty`, `serve --dirty`; `zensical`), and then, ROUNDS times per edit,
changes the first role's `purpose` (or its `name`, which changes the navigation) in its YAML
file and fetches that role's page until the new words are in it. The time is wall time from
the write to the first answer that holds them: what a policy owner waits for (a browser's
reload adds the page's own load on top). For the incremental routes it also times, from the
same save, the moment the preview says "every page is up to date" (a save that touches many
pages serves the edited page first and the rest in the background, live.py): until then
some page is still due (and says so). Medians per route and edit. The routes run one
after the other on the same copy, so compare them within one run (the machine's load, from
os.getloadavg, is printed with each).

    python benchmarks/reload.py                       # the example, every route, both edits
    python benchmarks/reload.py --roles 1000 --route mkdocs-dirty --edit purpose --edit name
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from generator.lint.loader import load_playbook  # noqa: E402
from generator.queries import paths  # noqa: E402
from synth import synthesize  # noqa: E402

ROUTES = {"mkdocs": ["--engine", "mkdocs"], "mkdocs-dirty": ["--engine", "mkdocs", "--dirty"],
          "zensical": ["--engine", "zensical"]}
EDITS = ("purpose", "name")


def project_copy(work: Path, roles: int | None) -> Path:
    project = work / "project"
    if roles:
        synthesize(project, roles)
    else:
        project.mkdir(parents=True)
        for name in ("mkdocs.yml", "playbook", "docs"):
            source = REPO / name
            (shutil.copytree if source.is_dir() else shutil.copyfile)(source, project / name)
    return project


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return str(answer.read().decode("utf-8"))
    except OSError:
        return ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def edited_text(original: str, role: Any, edit: str, marker: str) -> str:
    """The role's purpose or name with `marker` in it (the first role of the file that holds it)."""
    if edit == "purpose":
        start_of = f"purpose: {' '.join(role.purpose.split()[:4])}"  # a long purpose is folded over lines
        return original.replace(start_of, f"purpose: {marker}. {start_of.removeprefix('purpose: ')}", 1)
    return original.replace(f"name: {role.name}\n", f"name: {role.name} {marker}\n", 1)


def measure(project: Project, route: str, edits: list[str], rounds: int, timeout: float,
            settle: float = 5.0) -> Iterator[dict[str, Any]]:
    """One server for the route, every edit measured on it (a first build at 1,000 roles takes
    minutes); each edit's result as soon as it is measured."""
    playbook = load_playbook(project / "playbook").playbook
    assert playbook is not None, "the project's playbook does not validate"
    role = playbook.roles[0]
    source = next(p for p in sorted((project / "playbook").rglob("*.yaml"))
                  if f"id: {role.id}\n" in p.read_text(encoding="utf-8"))
    original = source.read_text(encoding="utf-8")
    for edit in edits:
        assert edited_text(original, role, edit, "x") != original, f"cannot find the {edit} of {role.id} in {source}"
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", *ROUTES[route],
                               "-a", f"127.0.0.1:{free_port()}"], cwd=project, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    log: list[tuple[float, str]] = []  # (when, line) of everything the preview says

    def read_log() -> None:
        assert server.stdout is not None
        for line in server.stdout:
            log.append((time.perf_counter(), line))

    threading.Thread(target=read_log, daemon=True).start()
    try:
        while not any(line.startswith("preview ready:") for _, line in log):
            if server.poll() is not None:
                raise SystemExit(f"{route}: the preview stopped before it was ready")
            time.sleep(0.2)
        ready = next(line for _, line in log if line.startswith("preview ready:"))
        first = time.perf_counter() - started
        base = ready.split()[2]
        page = base + paths.role(role.id, role.team).removesuffix(".md").removesuffix("/index") + "/"
        assert role.purpose.split()[0] in fetch(page), f"{page} is not the role's page"
        for edit in edits:
            seconds, settled, load = [], [], []
            for number in range(1, rounds + 1):
                marker = f"Edited{route.replace('-', '')}{edit}{number}"
                load.append(os.getloadavg()[0])
                source.write_text(edited_text(original, role, edit, marker), encoding="utf-8")
                start = time.perf_counter()
                while marker not in fetch(page):
                    if time.perf_counter() - start > timeout:
                        raise SystemExit(f"{route}: the edit did not show within {timeout:.0f} s")
                    time.sleep(0.05)
                seconds.append(time.perf_counter() - start)
                if route != "mkdocs":  # the plugin rebuilds everything at once: nothing is left for later
                    while not (done := [when for when, line in log if when > start
                                        and line.startswith("every page is up to date")]):
                        if time.perf_counter() - start > timeout:
                            raise SystemExit(f"{route}: the background did not end within {timeout:.0f} s")
                        time.sleep(0.1)
                    settled.append(done[0] - start)
                time.sleep(settle)  # let the engine finish (a second rebuild, a livereload) before the next save
            yield {"route": route, "edit": edit, "page": page, "first_build_seconds": first,
                   "rounds": seconds, "median_seconds": statistics.median(seconds),
                   "settled_rounds": settled, "settled_seconds": statistics.median(settled) if settled else None,
                   "load": statistics.median(load)}
    finally:
        source.write_text(original, encoding="utf-8")
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


Project = Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", type=int, default=None,
                        help="a synthetic playbook of N roles (default: the example)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--route", choices=list(ROUTES), action="append", help="default: every route")
    parser.add_argument("--edit", choices=EDITS, action="append", help="default: both")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--settle", type=float, default=5.0,
                        help="seconds between the end of one round and the next save (the engine may still be "
                             "rebuilding pages the background handed it)")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="playbook-reload-") as work:
        project = project_copy(Path(work), args.roles)
        for route in args.route or list(ROUTES):
            for result in measure(project, route, args.edit or list(EDITS), args.rounds, args.timeout,
                                  args.settle):
                results.append(result)
                settled = result["settled_seconds"]
                rest = f", {settled:.2f} s until every page is up to date" if settled is not None else ""
                print(f"{route}, {result['edit']}: median {result['median_seconds']:.2f} s from the save to "
                      f"the changed page ({', '.join(f'{s:.2f}' for s in result['rounds'])})"
                      f"{rest}; first build "
                      f"{result['first_build_seconds']:.0f} s; load {result['load']:.1f}", flush=True)
    print(json.dumps({"roles": args.roles or "example", "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
