"""How the policy changes: the "Changing this handbook" page and `playbook codeowners`."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.render.project import render_project
from policy_repo import edit


def test_the_page_says_who_owns_each_file_and_who_approves_a_change(repo: Path) -> None:
    page = render_project(repo).site.pages["changing.md"].markdown
    assert ("| playbook/vocabulary\\.yaml | vocabulary | [Social Media Manager](roles/social/social-media-manager.md) "
            "| [Head of Social](roles/social/head-of-social.md), [Head of Communications](roles/comms-legal/"
            "comms-lead.md) |") in page
    assert ("| playbook/roles\\.yaml | roles | [Head of Social](roles/social/head-of-social.md) | [Social Media "
            "Manager](roles/social/social-media-manager.md), [Head of Communications](roles/comms-legal/"
            "comms-lead.md) |") in page
    assert "2. **Check** it: `playbook validate` names the file" in page


def test_codeowners_names_the_people_holding_each_files_owner_role(repo: Path) -> None:
    result = CliRunner().invoke(main, ["codeowners"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("# Generated")]
    assert "/playbook/roles.yaml @priya-shah" in lines
    assert "# /playbook/vocabulary.yaml: nobody in the roster who holds Social Media Manager has a forge_handle" \
        in lines
    edit(repo / "playbook" / "roster.yaml", "    name: Tom Okafor\n",
         '    name: Tom Okafor\n    forge_handle: "@tom-o"\n')
    result = CliRunner().invoke(main, ["codeowners"])
    assert "/playbook/vocabulary.yaml @tom-o" in result.stdout.splitlines()


def test_codeowners_check_fails_when_the_file_is_stale(repo: Path) -> None:
    target = repo / ".github" / "CODEOWNERS"
    assert CliRunner().invoke(main, ["codeowners", "--out", str(target)]).exit_code == 0
    assert CliRunner().invoke(main, ["codeowners", "--out", str(target), "--check"]).exit_code == 0
    edit(repo / "playbook" / "vocabulary.yaml", "owner: social-media-manager", "owner: head-of-social")
    result = CliRunner().invoke(main, ["codeowners", "--out", str(target), "--check"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        f"{target}:1:1: error: CODEOWNERS is out of date with the policy's owners",
        f"    hint: run 'playbook codeowners --out {target}' and commit the result"]


def test_a_forge_handle_is_checked(repo: Path) -> None:
    edit(repo / "playbook" / "roster.yaml", '"@priya-shah"', '"priya shah"')
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    assert "forge_handle" in result.stderr
