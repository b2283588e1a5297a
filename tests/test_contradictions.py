"""The handbook never contradicts itself or the checker (issue 24).

For every role x account, the role page's "Before a post of yours goes out", the pocket card's
"Where you post", the approvals page's "Who puts posts out" and `playbook check --author-role`
(the command line, and engine.js under Node as the checker page runs it) agree on whether the
role may post or reply there and on whose sign-off it needs; for every severity, the triage
result's actions and deadline agree with the severity page. Each page is read as a reader
reads it (its table rows), the checker through its real entry points; nothing is compared
with answers.py's own output alone.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import make_project
from generator.checker.engine import javascript
from generator.checker.rules import compile_rules
from generator.cli import main
from generator.lint.loader import load_or_raise
from generator.queries import paths
from generator.render.project import render_project

AT_TEXT = "2026-11-20 10:00"  # a quiet day of the example: no sensitive date, no crisis window
AT = {"date": "2026-11-20", "utc": "2026-11-20T10:00"}
POST = "Morning all, the kettle is on."
REPLY = "@sam Thanks for the kind words. ^AB"  # a reply with the example's sign-off
ROUTING = ("role.publish", "role.reply", "approval.two-person", "approval.rule", "approval.verify", "crisis.active")


def _crisis(yaml: str, may_post: str) -> str:
    """crisis.yaml switched on for all time, with `may_post` replaced."""
    yaml = yaml.replace("  active: false", "  active: true")
    yaml = re.sub(r"  since: .*\n", "  since: 2020-01-01T00:00:00+00:00\n", yaml)
    yaml = re.sub(r"  until: .*\n", "  until: 2099-01-01T00:00:00+00:00\n", yaml)
    return re.sub(r"  may_post:.*?\n(    - .*\n)+", f"  may_post: {may_post}\n", yaml)


VARIANTS = {"calm": None, "crisis": "[comms-lead, head-of-social]", "crisis-nobody": "[]"}


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def example(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    project = make_project(tmp_path_factory.mktemp(f"contradictions-{request.param}") / "project")
    if VARIANTS[request.param] is not None:
        crisis = project / "playbook" / "crisis.yaml"
        crisis.write_text(_crisis(crisis.read_text(encoding="utf-8"), VARIANTS[request.param]), encoding="utf-8")
    rendered = render_project(project)
    playbook = load_or_raise(project / "playbook").playbook
    pages = {p: pg.markdown for p, pg in rendered.site.pages.items()}
    return {"project": project, "playbook": playbook, "pages": pages,
            "rules": compile_rules(playbook), "names": {r.id: r.name for r in playbook.roles}}


def _row(markdown: str, account_id: str, heading: str) -> list[str]:
    """The cells of the table row under `heading` that links the account (by its anchor)."""
    section = markdown[markdown.index(heading):]
    for line in section.splitlines():
        if line.startswith("|") and f"#{account_id})" in line.split(" | ")[0]:
            return [cell.strip() for cell in line.strip("|").split(" | ")]
    raise AssertionError(f"no row for {account_id} under {heading!r}")


def _linked(cell: str) -> list[str]:
    """The names a cell links, in order, unescaped as a reader sees them."""
    return [re.sub(r"\\(.)", r"\1", name).replace("&amp;", "&") for name in re.findall(r"\[([^\]]+)\]\(", cell)]


def _names_in(cell: str) -> set[str]:
    return set(_linked(cell))


def _requirement(line: str) -> tuple[str, tuple[str, ...]]:
    """(rule name, its approvers) from one requirement as a page writes it: the rule linked, then roles."""
    rule, *approvers = _linked(line)
    return rule, tuple(sorted(approvers))


def _cli(project: Path, role: str, account: str, text: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["check", "--playbook", str(project / "playbook"), "--account", account,
                                       "--author-role", role, "--at", AT_TEXT, "--format", "json", "-"],
                                input=text, catch_exceptions=False)
    return json.loads(result.stdout)


def _node(rules: dict[str, Any], cases: list[tuple[str, str, str]], tmp_path: Path) -> list[dict[str, Any]]:
    """engine.js, as the checker page runs it, on every (role, account, text), in one Node process."""
    node = shutil.which("node")
    assert node, "Node.js is needed to run engine.js: apt-get install nodejs"
    (tmp_path / "engine.js").write_text(javascript(), encoding="utf-8")
    (tmp_path / "input.json").write_text(json.dumps({"rules": rules, "cases": cases, "at": AT}), encoding="utf-8")
    script = ("const e = require('./engine.js'); const i = require('./input.json');"
              "console.log(JSON.stringify(i.cases.map(c => e.check(i.rules, c[2], c[1], [], c[0], i.at))));")
    out = subprocess.run([node, "-e", script], cwd=tmp_path, capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout)


def _says(result: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """What the checker says about who puts a draft out and who signs it off."""
    unexpected = [f["rule"] for f in result["findings"] if f["rule"] not in ROUTING]
    assert not unexpected, f"the draft itself drew findings: {unexpected}"
    rules = {f["rule"] for f in result["findings"]}
    return {"verdict": result["verdict"], "hands_over": bool(rules & {"role.publish", "role.reply"}),
            "crisis": "crisis.active" in rules,
            "approvals": sorted((a["name"], tuple(sorted(names[r] for r in a["roles"])))
                                for a in result["route"]["approvals"])}


def test_every_role_and_account_gets_one_answer_everywhere(example: dict[str, Any], tmp_path: Path) -> None:
    playbook, pages, names = example["playbook"], example["pages"], example["names"]
    cases = [(role.id, account.id, text) for role in playbook.roles for account in playbook.own_accounts
             for text in (POST, REPLY)]
    in_browser = _node(example["rules"], cases, tmp_path)
    approvals_page = pages[paths.APPROVALS]
    for (role_id, account_id, text), js in zip(cases, in_browser, strict=True):
        cli = _cli(example["project"], role_id, account_id, text)
        said = _says(cli, names)
        assert _says(js, names) == said, (role_id, account_id, text)
        reply = text == REPLY
        where = (role_id, account_id, "reply" if reply else "post")
        card = [] if playbook.role(role_id).external else [pages[paths.card(role_id)]]  # a partner has none
        for page in (ctx_role_page(playbook, pages, role_id), *card):
            _, post_cell, reply_cell, signoff = _row(page, account_id, "| Accounts | Your post |")
            cell = reply_cell if reply else post_cell
            yourself = cell.startswith("you may put it out yourself")
            assert yourself == (not said["hands_over"] and not said["crisis"]), where
            if "crisis mode" in cell:
                assert said["crisis"], where
            # Who signs off: every rule the checker applies, with the approvers it names, and no other.
            shown = sorted(_requirement(line) for line in signoff.split("<br>") if line.startswith("["))
            assert shown == said["approvals"], where
            # "no sign-off needed" only where the checker lets both a post and a reply through.
            if "no sign-off needed" in signoff:
                assert said["verdict"] == "publish", where
        row = _row(approvals_page, account_id, "| Account | Tier | Publishes posts | Sends replies |")
        cell = row[3] if reply else row[2]
        if said["crisis"] or "crisis mode" in cell:
            assert "crisis mode" in cell and said["crisis"] == (role_id not in playbook.crisis.may_post), where
        else:
            assert (names[role_id] in _names_in(cell)) == (not said["hands_over"]), where


def ctx_role_page(playbook: Any, pages: dict[str, str], role_id: str) -> str:
    role = playbook.role(role_id)
    return pages[paths.role(role_id, role.team)]


def test_a_role_that_may_not_publish_is_never_told_no_sign_off_is_needed(example: dict[str, Any]) -> None:
    playbook, pages = example["playbook"], example["pages"]
    for role in playbook.roles:
        page = ctx_role_page(playbook, pages, role.id)
        for account in playbook.own_accounts:
            _, post, _, signoff = _row(page, account.id, "| Accounts | Your post |")
            if not post.startswith("you may put it out yourself"):
                assert "no sign-off needed" not in signoff, (role.id, account.id)


def test_nobody_may_publish_is_said_as_such(example: dict[str, Any]) -> None:
    """In crisis mode with nobody allowed to post, no page or command says "only nobody"."""
    rules = example["rules"]
    everything = "\n".join(example["pages"].values()) + json.dumps(rules)
    assert "only nobody" not in everything
    if rules["crisis"]["active"] and not rules["crisis"]["may_post"]:
        cli = _cli(example["project"], "content-creator", "nw-x-uk", POST)
        message = next(f["message"] for f in cli["findings"] if f["rule"] == "crisis.active")
        assert message.endswith(": nobody may publish")


def _triage_cli(project: Path, trigger_id: str) -> str:
    result = CliRunner().invoke(main, ["triage", "--playbook", str(project / "playbook"), "--trigger", trigger_id,
                                       "--at", AT_TEXT], catch_exceptions=False)
    return result.stdout


def test_every_severitys_triage_result_agrees_with_its_page(example: dict[str, Any]) -> None:
    playbook, pages = example["playbook"], example["pages"]
    actions = {a.id: a.name for a in playbook.escalation.actions}
    seen = set()
    for trigger in playbook.triggers:
        if trigger.severity in seen:
            continue
        seen.add(trigger.severity)
        severity = playbook.severity(trigger.severity)
        page = pages[paths.severity(severity.id)]
        out = _triage_cli(example["project"], trigger.id)
        allowed = out[out.index("What you may do"):].split("Not at this severity")[0]
        forbidden = out.split("Not at this severity")[1].split("Holding statement")[0] if \
            "Not at this severity" in out else ""
        for action_id, name in actions.items():
            on_page = f"#action-{action_id})" in page.split("## What you may do")[1].split("**Not at this level:**")[0]
            assert on_page == (action_id in severity.actions), (severity.id, action_id)
            assert (name in allowed) == on_page and (name in forbidden) == (not on_page), (severity.id, action_id)
        # One deadline, one wording: the page's and the triage result's.
        minutes = severity.respond_within_minutes
        if minutes:
            phrase = re.search(r"\*\*(first response within [^*]+)\*\*", page)
            assert phrase, severity.id
            assert phrase.group(1)[:1].upper() + phrase.group(1)[1:] + "." in out, severity.id
            # The deadline never reads as the action the severity forbids.
            assert "Respond within" not in out
        else:
            assert "no response deadline" in page and "No response deadline." in out
    assert seen, "the example has triggers"
