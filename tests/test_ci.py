"""The README's CI workflow for policy repositories, run locally: its shell steps, read from the
README itself, on a temporary git repository with a pull request's branch."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

from policy_repo import GIT_ENV, commit, four_edits, git, new_repo

README = Path(__file__).resolve().parent.parent / "README.md"
BIN = Path(sys.executable).parent


def workflow() -> dict:
    block = re.search(r"```yaml\n(\s*# \.github/workflows/policy\.yml\n.*?)```", README.read_text(encoding="utf-8"),
                      re.S)
    assert block, "the README has no policy.yml block"
    lines = block.group(1).splitlines()
    indent = len(lines[0]) - len(lines[0].lstrip())
    return YAML(typ="safe").load("\n".join(line[indent:] for line in lines))


def local_steps(flow: dict) -> list[tuple[str, str]]:
    """(name, script) of the steps that run here: not the checkout, setup, install or forge comment."""
    steps = flow["jobs"]["policy"]["steps"]
    return [(s["name"], s["run"]) for s in steps
            if "run" in s and not s["run"].startswith(("pip ", "gh "))]


def test_the_workflow_runs_on_pull_requests_and_main() -> None:
    flow = workflow()
    assert set(flow["on"]) == {"pull_request", "push"}
    assert [name for name, _ in local_steps(flow)] == [
        "Validate", "Proofread the holding statements and voice examples", "Build", "What this change means"]


def test_the_steps_pass_on_a_pull_request_and_post_the_diff(tmp_path: Path) -> None:
    origin = new_repo(tmp_path / "origin")
    (origin / "docs").mkdir(exist_ok=True)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    git(clone, "checkout", "-q", "-b", "tighter-deadlines")
    four_edits(clone)
    # The new role needs what --strict asks of every role: a backup and an onboarding path.
    roles = clone / "playbook" / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8") + "    backups: [social-media-manager]\n", encoding="utf-8")
    with (clone / "playbook" / "onboarding.yaml").open("a", encoding="utf-8") as onboarding:
        onboarding.write("\n  - role: weekend-editor\n    milestones:\n      - id: day-1\n        title: Day 1\n"
                         "        tasks: [Read the voice guide]\n")
    commit(clone, "Tighter deadlines, a weekend editor, new vocabulary")
    summary = tmp_path / "summary.md"
    env = {**os.environ, **GIT_ENV, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "GITHUB_BASE_REF": "main",
           "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_EVENT_NAME": "pull_request",
           "PLAYBOOK_CACHE_DIR": str(tmp_path / "cache")}
    for name, script in local_steps(workflow()):
        done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=clone, env=env,
                              capture_output=True, text=True)
        assert done.returncode == 0, f"step '{name}' failed:\n{done.stdout}\n{done.stderr}"
    posted = summary.read_text(encoding="utf-8")
    assert posted.startswith("### Policy changes from origin/main to the working tree \\(version 3\\.0\\): 5 changes")
    assert "- Severity High: first response within 30 \\-&gt; 20 minutes *(affects:" in posted
    assert (clone / "site" / "index.html").is_file()


def test_a_broken_policy_stops_at_the_first_step(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "policy")
    (repo / "playbook" / "roles.yaml").write_text("roles: [\n", encoding="utf-8")
    name, script = local_steps(workflow())[0]
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-c", script], cwd=repo, env=env, capture_output=True, text=True)
    assert (name, done.returncode) == ("Validate", 1)
    assert done.stderr.startswith("playbook/roles.yaml:2:1: error:")
