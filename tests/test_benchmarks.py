"""The scale benchmark, smoke-tested at a small size: it runs, the build succeeds, nothing is timed.

Timing assertions would fail on a busy CI machine for reasons unrelated to the code; what
must never break is that the synthetic playbook is valid (so the benchmark measures the real
path, not the error path) and that every measurement of the benchmark still runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(BENCH))

from report import TARGETS, evaluate, markdown_table  # noqa: E402
from synth import synthesize  # noqa: E402


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=900)


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_synthetic_playbook_validates_strictly_with_no_warnings(tmp_path: Path) -> None:
    synthesize(tmp_path, 40, with_roster=True)
    result = run("-m", "generator", "validate", "--playbook", str(tmp_path / "playbook"), "--strict",
                 "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert (report["errors"], report["warnings"], report["diagnostics"]) == (0, 0, [])


def test_synthetic_playbook_has_the_shape_the_issue_asks_for(tmp_path: Path) -> None:
    from generator.lint.loader import load_playbook

    synthesize(tmp_path, 60)
    playbook = load_playbook(tmp_path / "playbook").playbook
    assert playbook is not None
    assert len(playbook.roles) == 60
    assert len(playbook.teams) == 3
    assert len(playbook.triggers) == 12
    assert len(playbook.vocabulary) == 300
    assert len(playbook.modules) == 20
    assert all(module.quiz for module in playbook.modules)
    assert {p.role for p in playbook.onboarding} == {r.id for r in playbook.roles}
    assert len(list((tmp_path / "playbook" / "roles").glob("*.yaml"))) == 4  # group-wide + one per team
    assert (tmp_path / "mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes()


def test_synth_is_deterministic(tmp_path: Path) -> None:
    synthesize(tmp_path / "a", 40)
    synthesize(tmp_path / "b", 40)
    assert tree_bytes(tmp_path / "a") == tree_bytes(tmp_path / "b")


def test_synth_refuses_a_size_below_one_team(tmp_path: Path) -> None:
    result = run(str(BENCH / "synth.py"), "--roles", "5", str(tmp_path))
    assert result.returncode == 2
    assert "at least 20" in result.stderr


def test_targets_are_judged_on_ratios_and_a_missing_number_is_never_a_pass() -> None:
    run_result = {
        "roles": 1000,
        "roundtrip": {"cpu_seconds": 10.0, "megabytes": 4.0, "peak_megabytes": 50.0},
        "validate": {"cpu_seconds": 4.0, "peak_megabytes": 60.0},
        "generate": {"cpu_seconds": 6.0, "peak_megabytes": 70.0},
        "engine": {"cpu_seconds": 100.0, "peak_megabytes": 100.0},
        "build": {"cpu_seconds": 111.0, "peak_megabytes": 129.0},
    }
    rows = {r["measure"]: r for r in evaluate(run_result)}
    assert rows["validate vs round-trip load"]["ratio"] == pytest.approx(0.4)
    assert rows["validate vs round-trip load"]["status"] == "PASS"
    assert rows["load + validate + Markdown vs engine build"]["status"] == "MISS"  # 6% > 5%
    assert rows["playbook build vs engine build"]["status"] == "MISS"  # 1.11x > 1.10x
    assert rows["peak memory: playbook build vs engine"]["status"] == "PASS"  # 1.29x
    assert rows["median HTML page"]["status"] == "ERROR"  # not measured
    table = markdown_table(list(rows.values()), {"date": "d", "cpus": 2, "python": "3.11", "repeat": 1,
                                                 "command": "python benchmarks/run.py"})
    assert "| 1000 | median HTML page | n/a |  | <= 60 KB | **ERROR** |" in table


def test_time_ratios_are_taken_within_each_round() -> None:
    """The machine's speed drifts between rounds; a ratio of two medians from different rounds
    would mix speeds, so the ratio is the median of the ratios measured side by side."""
    engine, build = [100.0, 50.0, 80.0], [105.0, 55.0, 90.0]  # per round: 1.05x, 1.10x, 1.125x
    run_result = {
        "roles": 1000,
        "engine": {"cpu_seconds": 80.0, "peak_megabytes": 100.0},
        "build": {"cpu_seconds": 90.0, "peak_megabytes": 120.0},  # medians alone: 1.125x, a MISS
        "rounds": [{"engine": {"cpu_seconds": e, "seconds": e}, "build": {"cpu_seconds": b, "seconds": b}}
                   for e, b in zip(engine, build, strict=True)],
    }
    rows = {r["measure"]: r for r in evaluate(run_result)}
    assert rows["playbook build vs engine build"]["ratio"] == pytest.approx(1.10)
    assert rows["playbook build vs engine build"]["status"] == "PASS"
    assert rows["peak memory: playbook build vs engine"]["ratio"] == pytest.approx(1.2)  # memory: not per round


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("bench")
    result = run(str(BENCH / "run.py"), "--quick", "--work", str(out / "work"),
                 "--json", str(out / "results.json"), "--markdown", str(out / "results.md"))
    return result, out


@pytest.mark.zensical  # the quick run builds with Zensical too
def test_quick_benchmark_runs_every_measurement_and_the_build_succeeds(quick_run) -> None:
    result, out = quick_run
    assert result.returncode == 0, result.stdout + result.stderr
    results = json.loads((out / "results.json").read_text())
    (run_40,) = results["runs"]
    assert run_40["errors"] == {}
    assert (out / "work" / "roles-40" / "site-build" / "index.html").is_file()
    assert (out / "work" / "roles-40" / "site-engine" / "index.html").is_file()
    assert run_40["html"]["pages"] == run_40["html_engine"]["pages"] == run_40["html_zensical"]["pages"]
    assert run_40["rebuild"]["edit_visible"] is True
    assert run_40["check"]["cpu_seconds"] > 0  # the warm start-up of `playbook check`, measured
    assert len(run_40["rounds"]) == 1 and set(run_40["rounds"][0]) == {
        "roundtrip", "validate", "validate_cli", "generate", "engine", "build", "build_zensical"}


@pytest.mark.zensical  # the quick run builds with Zensical too
def test_quick_benchmark_reports_every_target_with_a_verdict(quick_run) -> None:
    result, out = quick_run
    rows = json.loads((out / "results.json").read_text())["rows"]
    judged = [r for r in rows if r["target"]]
    assert [r["measure"] for r in judged] == [t[0] for t in TARGETS]
    assert all(r["status"] in ("PASS", "MISS") for r in judged)
    assert all(r["measure"] in result.stdout for r in judged)
    assert (out / "results.md").read_text().count("\n| 40 |") == len(rows)
