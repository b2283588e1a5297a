"""The handbook's address scheme, in one place: every page path is made here.

Pages link to each other by relative `.md` paths, which MkDocs (and ProperDocs or Zensical)
turn into URLs; `relative()` computes them so links work from any page depth.
"""

from __future__ import annotations

import posixpath
import re

from markupsafe import Markup

from ..model import ID_PATTERN, TwoPersonRule

HOME = "index.md"
CHANGES = "changes.md"
CHANGING = "changing.md"
TEAM = "team/index.md"
PERMISSIONS = "team/permissions.md"
ROLES = "roles/index.md"
ACCOUNTS = "accounts/index.md"
ESCALATION = "escalation/index.md"
TRIAGE_TREE = "escalation/triage-tree.md"
GOING_DARK = "escalation/going-dark.md"
APPROVALS = "approvals/index.md"
VOICE = "voice/index.md"
VOCABULARY = "voice/vocabulary.md"
PLATFORMS = "platforms/index.md"
COVERAGE = "coverage/index.md"
ONBOARDING = "onboarding/index.md"
TRAINING_RECORDS = "onboarding/team.md"
PEOPLE = "people/index.md"
ONCALL = "people/now.md"
CALENDARS = "people/calendars"
TRAINING = "training/index.md"
CARDS = "cards/index.md"
CHECKER = "checker/index.md"
PACKS = "checker/packs.md"
TRIAGE = "triage/index.md"
GLOSSARY = "glossary.md"
REFERENCE = "reference.md"
ASSETS = "assets/playbook"


def _page(folder: str, item_id: str, taken: tuple[str, ...] = ("index",)) -> str:
    """`folder/<id>.md`, unless the id would land on a fixed page of that folder (an id may be
    "index"): then an underscore, which no id can contain, keeps the two apart."""
    return f"{folder}/{item_id}{'_' if item_id in taken else ''}.md"


def team(team_id: str) -> str:
    return f"roles/{team_id}/index.md"


def role(role_id: str, team_id: str | None) -> str:
    return _page(f"roles/{team_id}" if team_id else "roles", role_id)


def severity(severity_id: str) -> str:
    return _page("escalation", severity_id, ("index", "triage-tree", "going-dark"))


def platform(platform_id: str) -> str:
    return _page("platforms", platform_id)


def module(module_id: str) -> str:
    return _page("training", module_id)


def onboarding(role_id: str) -> str:
    return _page("onboarding", role_id, ("index", "team"))


def person_calendar(person_id: str) -> str:
    """A person's shifts as iCalendar ("person-" and "role-" keep people and roles apart)."""
    return f"{CALENDARS}/person-{person_id}.ics"


def role_calendar(role_id: str) -> str:
    return f"{CALENDARS}/role-{role_id}.ics"


def card(role_id: str) -> str:
    return _page("cards", role_id)


def relative(target: str, source: str) -> str:
    """The link from page `source` to page `target` (both paths from the docs root)."""
    anchor = ""
    if "#" in target:
        target, anchor = target.split("#", 1)
        anchor = "#" + anchor
    if not target:
        return anchor
    return _relpath(target, posixpath.dirname(source)) + anchor


def _relpath(target: str, folder: str) -> str:
    """posixpath.relpath for docs-root paths, without its abspath (and so os.getcwd) per call:
    big handbooks make tens of thousands of links."""
    to, here = target.split("/"), folder.split("/") if folder else []
    common = 0
    while common < min(len(to) - 1, len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:])


def anchor(item_id: str) -> Markup:
    """An HTML anchor so that `paths.X + "#" + id` links land on the item.

    Only validated ids may be anchors (checked again here), so the HTML needs no escaping;
    a heading's own slug would depend on its free text instead.
    """
    if not re.fullmatch(ID_PATTERN, item_id):
        raise ValueError(f"not an id: {item_id!r}")  # our bug: anchors are made from ids only
    return Markup(f'<a id="{item_id}"></a>')


def section(label: str) -> str:
    """The anchor of a section a page names by one of the handbook's own labels, never by YAML
    text ("Two-person rule" -> "two-person-rule")."""
    return "-".join(label.lower().split())


TWO_PERSON_RULE = section(TwoPersonRule.LABEL)  # its section on the approvals page


def coverage_team(team_id: str | None) -> str:
    """A team's heat-maps, when the roster is too big for one page ("team-" keeps clear of index.md)."""
    return f"coverage/team-{team_id}.md" if team_id else "coverage/no-team.md"
