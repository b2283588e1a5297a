"""Edit-to-reload of `playbook serve`, per engine: from a saved YAML edit until the served page shows it.

It copies a project (the example by default, or a synthetic one: --roles N), starts
`playbook serve --engine ENGINE` on a free port, and then, ROUNDS times, changes the first
role's `purpose` in its YAML file and fetches that role's page until the new words are in
it. The time is wall time from the write to the first answer that holds them: what a policy
owner waits for (a browser's reload adds the page's own load on top). Medians per engine.

    python benchmarks/reload.py                       # the example, both engines
    python benchmarks/reload.py --roles 100 --rounds 5
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
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from generator.load.loader import load_playbook  # noqa: E402
from generator.render import paths  # noqa: E402
from synth import synthesize  # noqa: E402

ENGINES = ("mkdocs", "zensical")


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


def measure(project: Path, engine: str, rounds: int, timeout: float) -> dict[str, Any]:
    playbook = load_playbook(project / "playbook").playbook
    assert playbook is not None, "the project's playbook does not validate"
    role = playbook.roles[0]
    start_of = f"purpose: {' '.join(role.purpose.split()[:4])}"  # a long purpose is folded over lines
    source = next(p for p in sorted((project / "playbook").rglob("*.yaml"))
                  if start_of in p.read_text(encoding="utf-8"))
    original = source.read_text(encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--engine", engine,
                               "-a", f"127.0.0.1:{free_port()}"], cwd=project, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert server.stdout is not None
        ready = next(line for line in server.stdout if line.startswith("preview ready:") or server.poll() is not None)
        base = ready.split()[2]
        page = base + paths.role(role.id, role.team).removesuffix(".md").removesuffix("/index") + "/"
        assert role.purpose.split()[0] in fetch(page), f"{page} is not the role's page"
        seconds = []
        for number in range(1, rounds + 1):
            marker = f"Edited {engine} {number}"
            edited = original.replace(start_of, f"purpose: {marker}. {start_of.removeprefix('purpose: ')}", 1)
            source.write_text(edited, encoding="utf-8")
            start = time.perf_counter()
            while marker not in fetch(page):
                if time.perf_counter() - start > timeout:
                    raise SystemExit(f"{engine}: the edit did not show within {timeout:.0f} s")
                time.sleep(0.05)
            seconds.append(time.perf_counter() - start)
            time.sleep(2)  # let the engine settle (a second rebuild, a livereload) before the next save
    finally:
        source.write_text(original, encoding="utf-8")
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    return {"engine": engine, "page": page, "rounds": seconds, "median_seconds": statistics.median(seconds)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", type=int, default=None,
                        help="a synthetic playbook of N roles (default: the example)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--engine", choices=ENGINES, action="append", help="default: both")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="playbook-reload-") as work:
        project = project_copy(Path(work), args.roles)
        for engine in args.engine or ENGINES:
            result = measure(project, engine, args.rounds, args.timeout)
            results.append(result)
            print(f"{engine}: median {result['median_seconds']:.2f} s from the save to the changed page "
                  f"({', '.join(f'{s:.2f}' for s in result['rounds'])})", flush=True)
    print(json.dumps({"roles": args.roles or "example", "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
