"""Who may publish where, as `playbook check` says it: a role that may not publish on an
account never gets `publish`, and without a role the verdict says whom it holds for."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from conftest import ROOT
from generator.cli import main
from test_check import CHECKER

CALM = "Morning all, the kettle is on."


def check(*args: str, playbook: Any = CHECKER) -> Any:
    return CliRunner().invoke(main, ["check", "--playbook", str(playbook), *args, "-"], input=CALM)


def test_a_role_that_may_not_publish_gets_approval_and_the_names_of_who_may():
    result = check("--account", "leeds", "--author-role", "content-writer")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        ("<stdin>: approval: Content writer may not publish on Northwind Leeds: Head of social, Social lead, "
        "Community manager or Communications director must publish it [role.publish]"),
        "    see: accounts/",
        ("verdict: approval: the roles below must sign off before it goes out "
         "(Northwind Leeds, @northwindleeds, tier small)")]


def test_without_a_role_the_verdict_says_whom_it_holds_for():
    result = check("--account", "leeds")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == (
        "  publish: only Head of social, Social lead, Community manager or Communications director may publish "
        "on Northwind Leeds; anyone else needs one of them")


def test_a_role_that_may_publish_there_gets_publish():
    assert check("--account", "leeds", "--author-role", "community-manager").exit_code == 0


def test_the_examples_flagship_names_its_own_publishers_by_id_and_name_in_json():
    result = check("--account", "nw-x-global", "--author-role", "community-manager", "--format", "json",
                   playbook=ROOT / "playbook")
    document = json.loads(result.stdout)
    role = next(f for f in document["findings"] if f["rule"] == "role.publish")
    assert role["message"] == ("Community Manager may not publish on Northwind Roasters on X (global): "
                               "Head of Social or Social Media Manager must publish it")
    assert document["route"]["publishers"] == [{"id": "head-of-social", "name": "Head of Social"},
                                               {"id": "social-media-manager", "name": "Social Media Manager"}]
