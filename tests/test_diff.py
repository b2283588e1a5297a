"""`playbook diff`: a policy change in plain words, read from git revisions or folders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import example_with_news
from generator.cli import main
from generator.diff.changes import compare
from generator.lint.loader import load_playbook
from policy_repo import commit, edit, four_edits, git

WRITERS = ("Community Manager, Content Creator, Customer Care Liaison, Head of Communications, Head of Social, "
           "Night & Weekend Moderator, Regional Editor, Social Media Manager, Weekend Editor")
FOUR_CHANGES = [
    "Policy changes from HEAD~1 to HEAD (version 3.0): 4 changes",
    "",
    "Teams and roles",
    "  - New role: Weekend Editor (team Social & Content) (affects: Social Media Manager, Weekend Editor)",
    "",
    "Escalation",
    ("  - Severity High: first response within 30 -> 20 minutes (affects: Community Manager, Head of Social, "
     "Social Media Manager)"),
    "",
    "Approvals",
    ("  - Approval rule Promotions on big accounts need a manager: no longer covers Northwind Roasters on X (global) "
     f"(affects: {WRITERS})"),
    "",
    "Voice and vocabulary",
    f"  - Banned term added: 'bonkers' (say 'wild' instead) (affects: {WRITERS})",
]



def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["diff", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_four_kinds_of_change_each_appear_once_in_plain_words(repo: Path) -> None:
    four_edits(repo)
    commit(repo, "Tighter deadline, weekend editor, vocabulary")
    code, out, _ = run("HEAD~1", "HEAD")
    assert code == 0
    assert out.splitlines() == FOUR_CHANGES


def test_new_defaults_to_the_working_tree_and_nothing_is_checked_out(repo: Path) -> None:
    four_edits(repo)
    status = git(repo, "status", "--porcelain")
    code, out, _ = run("HEAD")
    assert code == 0
    assert out.splitlines()[0] == "Policy changes from HEAD to the working tree (version 3.0): 4 changes"
    assert out.splitlines()[1:] == FOUR_CHANGES[1:]
    assert git(repo, "status", "--porcelain") == status


def test_moving_roles_and_reordering_files_is_not_a_change(repo: Path) -> None:
    book = repo / "playbook"
    roles = (book / "roles.yaml").read_text(encoding="utf-8")
    at = roles.index("  - id: comms-lead")
    (book / "roles.yaml").write_text(roles[:at], encoding="utf-8")
    (book / "zz-more-roles.yaml").write_text("roles:\n" + roles[at:], encoding="utf-8")
    (book / "triggers.yaml").rename(book / "situations.yaml")
    commit(repo, "Split the roles")
    code, out, _ = run("HEAD~1", "HEAD", "--exit-code")
    assert (code, out) == (0, "No policy changes from HEAD~1 to HEAD (version 3.0).\n")


def test_exit_code_says_whether_the_policy_changed(repo: Path) -> None:
    edit(repo / "playbook" / "crisis.yaml", "active: false", "active: true", after="crisis:\n")
    code, out, _ = run("HEAD", "--exit-code")
    assert code == 1
    assert "  - Crisis mode switched on (affects: " in out
    assert run("HEAD", "HEAD", "--exit-code")[0] == 0


def test_folders_compare_like_revisions(repo: Path, tmp_path: Path) -> None:
    shutil.copytree(repo / "playbook", tmp_path / "before")
    four_edits(repo)
    code, out, _ = run(str(tmp_path / "before"), "playbook")
    assert code == 0
    assert out.splitlines()[1:] == FOUR_CHANGES[1:]


def test_tags_name_versions(repo: Path) -> None:
    git(repo, "tag", "v3.0")
    edit(repo / "playbook" / "handbook.yaml", 'version: "3.0"', 'version: "3.1"')
    commit(repo, "3.1", tag="v3.1")
    _, out, _ = run("v3.0", "v3.1")
    assert out.splitlines() == ["Policy changes from v3.0 to v3.1 (version 3.0 -> 3.1): 1 change", "",
                                "Handbook", "  - Handbook: version '3.0' -> '3.1' (affects: everyone)"]


def test_a_broken_revision_is_located_in_that_revision(repo: Path) -> None:
    (repo / "playbook" / "extra.yaml").write_text("roles: [\n", encoding="utf-8")
    commit(repo, "Broken")
    (repo / "playbook" / "extra.yaml").unlink()
    code, out, err = run("HEAD", "HEAD~1")
    assert code == 1 and out == ""
    assert err.splitlines()[0] == ("HEAD:playbook/extra.yaml:2:1: error: YAML syntax error: did not find "
                                   "expected node content")
    assert err.splitlines()[-1] == "1 error, 0 warnings"


def test_a_broken_working_tree_is_located_as_validate_does(repo: Path) -> None:
    edit(repo / "playbook" / "escalation.yaml", "respond_within_minutes: 30", "respond_within_minutes: soon")
    code, _, err = run("HEAD")
    assert code == 1
    line = next(n for n, text in enumerate((repo / "playbook" / "escalation.yaml").read_text().splitlines(), 1)
                if "respond_within_minutes: soon" in text)
    errors = [text for text in err.splitlines() if ": error: " in text]  # the skip note (info) may come first
    assert errors[0].startswith(f"playbook/escalation.yaml:{line}:31: error:")


def test_an_unknown_revision_says_what_would_do(repo: Path) -> None:
    code, _, err = run("v9")
    assert code == 1
    assert err.splitlines() == [
        "playbook:1:1: error: 'v9' is neither a folder nor a git revision of the repository at .",
        "    hint: use a tag (v2.0), a branch (main), a commit or HEAD~1; 'git tag' lists the tags",
        "1 error, 0 warnings"]
    assert run("--upload-pack=x")[0] == 2  # an option, never a revision


def test_outside_git_a_revision_is_refused_with_a_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(Path(__file__).parent.parent / "playbook", tmp_path / "playbook")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("HEAD~1")
    assert code == 1
    assert err.splitlines()[0] == ("playbook:1:1: error: 'HEAD~1' is not a folder, and the playbook is not in a "
                                   "git repository to read it as a revision from")


def test_json_and_markdown(repo: Path) -> None:
    four_edits(repo)
    _, out, _ = run("HEAD", "--format", "json")
    payload = json.loads(out)
    assert payload["changed"] is True and payload["old"] == {"revision": "HEAD", "version": "3.0"}
    severity = payload["changes"][1]
    assert {k: severity[k] for k in ("area", "kind", "entity", "field", "old", "new")} == {
        "area": "Escalation", "kind": "changed", "entity": "escalation.severities:high",
        "field": "respond_within_minutes", "old": 30, "new": 20}
    assert [r["name"] for r in severity["roles"]] == ["Community Manager", "Head of Social", "Social Media Manager"]
    _, markdown, _ = run("HEAD", "--format", "markdown")
    assert markdown.splitlines()[:5] == [
        r"### Policy changes from HEAD to the working tree \(version 3\.0\): 4 changes", "",
        "**Teams and roles**", "",
        r"- New role: Weekend Editor \(team Social &amp; Content\) *(affects: Social Media Manager, Weekend Editor)*"]


def test_markdown_never_runs_what_the_policy_says(repo: Path) -> None:
    edit(repo / "playbook" / "teams.yaml", "name: Community & Care",
         'name: "<img src=x onerror=alert(1)> [x](javascript:1)"')
    _, markdown, _ = run("HEAD", "--format", "markdown")
    assert "<img" not in markdown and "](" not in markdown
    assert (r"- Team &lt;img src=x onerror=alert\(1\)&gt; \[x\]\(javascript:1\): name &#39;Community &amp; Care&#39; "
            r"\-&gt; &#39;&lt;img src=x onerror=alert\(1\)&gt; \[x\]\(javascript:1\)&#39;") in markdown


# --------------------------------------------------------------------------- the pure comparison


def example() -> object:
    loaded = load_playbook(example_with_news())  # with a watchlist: the example's own is empty
    assert loaded.playbook is not None
    return loaded.playbook


def texts(old: object, new: object) -> list[str]:
    return [c.text for c in compare(old, new).changes]  # type: ignore[arg-type]


def test_nested_lists_fields_and_ids_read_as_names() -> None:
    old = example()
    roles = list(old.roles)  # type: ignore[attr-defined]
    night = next(n for n, r in enumerate(roles) if r.id == "night-moderator")
    role = roles[night]
    roles[night] = role.model_copy(update={
        "escalates_to": "head-of-social", "backups": [*role.backups, "social-media-manager"],
        "permissions": [p for p in role.permissions if p.value != "block"],
        "progression": role.progression[:2]})
    esc = old.escalation  # type: ignore[attr-defined]
    ladder = esc.ladders[0]
    steps = [ladder.steps[0].model_copy(update={"acknowledge_within_minutes": 99}), *ladder.steps[1:]]
    new_esc = esc.model_copy(update={"ladders": [ladder.model_copy(update={"steps": steps}), *esc.ladders[1:]]})
    new = old.model_copy(update={"roles": roles, "escalation": new_esc})  # type: ignore[attr-defined]
    assert texts(old, new) == [
        "Role Night & Weekend Moderator: permissions: removed block",
        "Role Night & Weekend Moderator: escalates to Social Media Manager -> Head of Social",
        "Role Night & Weekend Moderator: backups: added Social Media Manager",
        "Role Night & Weekend Moderator: stage 3 removed",
        (f"Escalation ladder {ladder.name}: step 1, acknowledge within {ladder.steps[0].acknowledge_within_minutes}"
         " -> 99 minutes"),
    ]


def test_removed_entities_and_an_accounts_new_tier() -> None:
    old = example()
    accounts = [a.model_copy(update={"audience": 5}) if a.id == "nw-x-uk" else a for a in old.accounts]  # type: ignore[attr-defined]
    new = old.model_copy(update={"accounts": accounts,  # type: ignore[attr-defined]
                                 "vocabulary": old.vocabulary[1:]})  # type: ignore[attr-defined]
    before = next(a for a in old.accounts if a.id == "nw-x-uk")  # type: ignore[attr-defined]
    lines = texts(old, new)
    assert lines[:2] == [f"Account Northwind UK on X: audience {before.audience} -> 5",
                         f"Account Northwind UK on X: reach tier {old.tier_of(before).name} -> Community"]  # type: ignore[attr-defined]
    assert lines[-1] == "Preferred term removed: 'cafe'"


def test_every_section_of_the_policy_is_compared() -> None:
    """A section added to the model must be added to COLLECTIONS, or its changes would go unseen."""
    from generator.diff.changes import COLLECTIONS
    from generator.model import SECTIONS

    assert {c.path[0] for c in COLLECTIONS} == set(SECTIONS)


def test_a_live_event_added_reaches_every_writer() -> None:
    old = example()
    event = old.watchlist[0]  # type: ignore[attr-defined]
    new = old.model_copy(update={"watchlist": [*old.watchlist, event.model_copy(update={"id": "storm",  # type: ignore[attr-defined]
                                                                                        "name": "The storm"})]})
    change = compare(old, new).changes[-1]  # type: ignore[arg-type]
    assert (change.area, change.text) == ("Sensitive dates and live events", "New live event: The storm")
    writing = {"draft", "publish", "reply"}
    writers = [r for r in old.roles if writing & {p.value for p in r.permissions}]  # type: ignore[attr-defined]
    assert len(change.roles) == len(writers)
