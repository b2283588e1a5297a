"""The scale benchmark of issues 2, 6 and 26: every target with its measured ratio, in one run.

For each size it writes a synthetic project (synth.py), then measures side by side on the
same machine: a plain ruamel.yaml round-trip load of the playbook files, `playbook
validate`'s load and validation, Markdown generation, the full `playbook build`, `playbook
generate --out` followed by `mkdocs build` of the written pages (the engine alone, no
plugin), the same build on Zensical (`playbook build --engine zensical`), a `serve`-style
rebuild after one YAML edit, and the start-up of `playbook check` with a warm rules cache.
Every measurement runs in a fresh process of its own so that its peak memory is its own.
Results are printed as a table, and written as JSON and as a Markdown table for the README.

    python benchmarks/run.py                 # N = 100 and 1000
    python benchmarks/run.py --roles 250     # other sizes
    python benchmarks/run.py --quick         # a small smoke run, for CI
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from report import evaluate, markdown_table, text_table  # noqa: E402
from synth import synthesize  # noqa: E402


class StepFailed(RuntimeError):
    """A measured command failed: the benchmark reports it instead of a number."""


def run_command(command: list[str], cwd: Path, timeout: float | None = None, env: dict[str, str] | None = None,
                allowed: tuple[int, ...] = (0,)) -> dict[str, Any]:
    """Wall time, CPU time and this child's own peak memory.

    wait4 gives the rusage of this one child (and what it waited for), not the maximum over
    every child this process ever had, which is what RUSAGE_CHILDREN would give.
    """
    env = {**os.environ, **(env or {}),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env=env)
        status, usage = _wait(process, start, timeout)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if process.returncode not in allowed:
        tail = "\n".join((stderr or stdout).strip().splitlines()[-15:])
        raise StepFailed(f"{' '.join(command[1:])} exited {process.returncode}:\n{tail}")
    return {"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "peak_megabytes": usage.ru_maxrss / 1024, "stdout": stdout}


def _wait(process: subprocess.Popen, start: float, timeout: float | None) -> tuple[int, Any]:
    """Reap the child with its own rusage; past the timeout, kill it and report instead of hanging."""
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG if timeout else 0)
        if pid:
            return status, usage
        if time.perf_counter() - start > timeout:
            process.kill()
            os.wait4(process.pid, 0)
            raise StepFailed(f"still running after {timeout:.0f} s, stopped")
        time.sleep(0.1)


def run_probe(kind: str, project: Path, timeout: float | None) -> dict[str, Any]:
    result = run_command([sys.executable, str(HERE / "probe.py"), kind, str(project)], project, timeout)
    return json.loads(result["stdout"].strip().splitlines()[-1])


def summarize(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The median times over the runs (peak memory: the largest seen), to damp scheduler noise."""
    result = dict(runs[len(runs) // 2])
    for key in ("seconds", "cpu_seconds"):
        result[key] = statistics.median(r[key] for r in runs)
    result["peak_megabytes"] = max(r["peak_megabytes"] for r in runs)
    result.pop("stdout", None)
    return result


def check_startup(project: Path, work: Path, timeout: float | None) -> dict[str, Any]:
    """`playbook check` as a whole command (Python's start-up included) with a warm rules cache:
    what an editor hook or a pre-commit hook pays on every draft. Medians of CHECK_RUNS runs."""
    draft = project / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    args = [sys.executable, "-m", "generator", "check", "--playbook", "playbook", str(draft)]
    env = {"PLAYBOOK_CACHE_DIR": str(work / f"cache-{project.name}")}
    run_command(args, project, timeout, env=env, allowed=(0, 1))  # fills the cache
    return summarize([run_command(args, project, timeout, env=env, allowed=(0, 1)) for _ in range(CHECK_RUNS)])


def html_sizes(site: Path, index: str = "search/search_index.json") -> dict[str, Any]:
    pages = sorted((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html"))
    if not pages:
        raise StepFailed(f"no HTML pages in {site}")
    largest = pages[-1]
    return {"pages": len(pages), "median_kb": statistics.median(s for s, _ in pages) / 1024,
            "largest_kb": largest[0] / 1024, "largest_page": largest[1],
            "search_index_kb": _size_kb(site / index)}


def _size_kb(path: Path) -> float | None:
    return path.stat().st_size / 1024 if path.exists() else None


# Measured once per round, in this order: the two sides of each compared pair run back to
# back (round-trip then validate; generate, the engine, then our build), and every pair runs
# once in every round. The machine's speed drifts over minutes (it is shared), so ratios are
# taken within a round and the median of those is reported (report.py).
ROUND = ("roundtrip", "validate", "validate_cli", "generate", "engine", "build", "build_zensical")
CHECK_RUNS = 7  # start-ups of `playbook check` timed per size (after one that fills the rules cache)
DRAFT = "Thanks for following us! New beans on Monday.\n"


def measure_size(roles: int, work: Path, repeat: int, timeout: float | None = None) -> dict[str, Any]:
    """Every measurement at one size; a failed step is recorded and the others still run."""
    project = work / f"roles-{roles}"
    if project.exists():
        shutil.rmtree(project)
    synthesize(project, roles)

    def command(*args: str):
        return lambda: run_command([sys.executable, *args], project, timeout)

    def probe(kind: str, folder: Path = project):
        return lambda: run_probe(kind, folder, timeout)

    measures = {
        "roundtrip": probe("roundtrip"),
        "validate": probe("validate"),
        "validate_cli": command("-m", "generator", "validate", "--playbook", "playbook", "--strict"),
        "generate": probe("generate"),
        "engine": command("-m", "mkdocs", "build", "-q", "-f", "generated/mkdocs.yml",
                          "-d", str(project / "site-engine")),
        "build": command("-m", "generator", "build", "--site-dir", "site-build"),
        "build_zensical": command("-m", "generator", "build", "--engine", "zensical", "--site-dir", "site-zensical"),
    }
    results: dict[str, Any] = {"roles": roles, "yaml_megabytes": None, "errors": {}, "rounds": []}
    _step(results, roles, "generate_out", command("-m", "generator", "generate", "--out", "generated"))
    seen: dict[str, list[dict[str, Any]]] = {name: [] for name in ROUND}
    for number in range(1, repeat + 1):
        this_round: dict[str, Any] = {}
        for name in ROUND:
            if name in results["errors"]:
                continue
            measured = _step(results, roles, f"{name} (round {number})", measures[name], key=name)
            if measured is not None:
                seen[name].append(measured)
                this_round[name] = {k: measured[k] for k in ("seconds", "cpu_seconds")}
        results["rounds"].append(this_round)
    for name, runs in seen.items():
        if runs:
            results[name] = summarize(runs)
    _step(results, roles, "html", lambda: html_sizes(project / "site-build"))
    _step(results, roles, "html_engine", lambda: html_sizes(project / "site-engine"))
    _step(results, roles, "html_zensical", lambda: html_sizes(project / "site-zensical", "search.json"))
    _step(results, roles, "rebuild", probe("rebuild", _copy(project, work / f"roles-{roles}-serve")))
    _step(results, roles, "check", lambda: check_startup(project, work, timeout))
    if "roundtrip" in results:
        results["yaml_megabytes"] = results["roundtrip"]["megabytes"]
    return results


def _step(results: dict[str, Any], roles: int, label: str, step, key: str | None = None) -> dict[str, Any] | None:
    """Run one measurement, print it, keep it under `key` (or record why it failed)."""
    key = key or label
    print(f"  N={roles}: {label} ...", end="", flush=True)
    try:
        measured = step()
    except (StepFailed, OSError, json.JSONDecodeError, IndexError) as error:
        results["errors"][key] = str(error)
        print(" FAILED", flush=True)
        return None
    measured.pop("stdout", None)
    if key == label:
        results[key] = measured
    print(f" {measured['seconds']:.2f}s ({measured['cpu_seconds']:.2f}s CPU)" if "seconds" in measured else " done",
          flush=True)
    return measured


def _copy(project: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(project, target, ignore=shutil.ignore_patterns("site-*", "generated"))
    return target


def write_results(runs: list[dict[str, Any]], meta: dict[str, Any], json_path: Path | None,
                  markdown_path: Path | None) -> list[dict[str, Any]]:
    rows = [row for run in runs for row in evaluate(run)]
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps({"meta": meta, "runs": runs, "rows": rows}, indent=2) + "\n",
                             encoding="utf-8")
    if markdown_path:
        markdown_path.write_text(markdown_table(rows, meta), encoding="utf-8")
    return rows


def machine() -> dict[str, Any]:
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", type=int, nargs="+", default=None, help="sizes to measure (default: 100 1000)")
    parser.add_argument("--quick", action="store_true", help="one small size, one run each: a smoke test for CI")
    parser.add_argument("--repeat", type=int, default=None,
                        help="rounds: each measures every compared pair once (default 3, quick 1)")
    parser.add_argument("--timeout", type=float, default=None, help="stop and report any step running longer (s)")
    parser.add_argument("--work", type=Path, default=None, help="where the synthetic projects go (default: a temp dir)")
    parser.add_argument("--json", type=Path, default=None,
                        help="write the results here (default: benchmarks/results.json; --quick: nowhere)")
    parser.add_argument("--markdown", type=Path, default=None,
                        help="write the README table here (default: benchmarks/results.md; --quick: nowhere)")
    args = parser.parse_args(argv)
    if not args.quick:  # a smoke run must not overwrite the committed results
        args.json = args.json or HERE / "results.json"
        args.markdown = args.markdown or HERE / "results.md"
    sizes = args.roles or ([40] if args.quick else [100, 1000])
    repeat = args.repeat or (1 if args.quick else 3)
    work = args.work or Path(tempfile.mkdtemp(prefix="playbook-bench-"))
    command = " ".join(["python benchmarks/run.py", *(sys.argv[1:] if argv is None else argv)])
    meta = {**machine(), "command": command, "repeat": repeat}
    runs: list[dict[str, Any]] = []
    for size in sizes:
        runs.append(measure_size(size, work, repeat, args.timeout))
        rows = write_results(runs, meta, args.json, args.markdown)  # after each size: a long run keeps its part
    print(text_table(rows, meta))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    failed = [f"N={run['roles']} {name}: {error}" for run in runs for name, error in run["errors"].items()]
    for line in failed:
        print(f"error: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
