"""Text the policy tells people to post, run through the draft checker it also publishes.

A holding statement is posted word for word, and a "do" example is what the team copies:
both must pass the checker on the accounts they are for (length, banned terms, profanity,
hashtags, style). A "don't" example should be caught: when the checker lets one through,
the rule it illustrates is missing from the policy.

This module is the one place where lint uses the checker. The dependency points one way,
lint -> checker (the checker is the earlier stage: it reads only the model and the queries),
and only through the checker's public entry points, `compile_rules` and `check`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ...checker.engine import check
from ...checker.rules import compile_rules
from ...diagnostics import Diagnostic
from ...model import KINDS, Playbook
from ...read.origins import Origins
from ..checks import Check, Context

# Findings that depend on when or by whom a text is posted, not on the text itself.
_CIRCUMSTANTIAL = ("approval.", "crisis.", "sensitivity.", "role.")
# What an account's profile holds that only circumstantial findings read (who may publish,
# the clock the calendar is read on), or that only names it: texts are judged alike without them.
_NOT_JUDGED = ("name", "handle", "audience", "tier", "publishers", "timezone")

_HINTS = {
    "limits": "shorten it to fit every platform it is for, or list only the platforms it fits in 'platforms:'",
    "hashtag": "add the hashtag to the approved hashtags in voice.yaml, or remove it",
    "voice": "reword it: the checker would stop anyone posting it as written",
    "style": "reword it to follow the style rules in voice.yaml",
    "media": "link only to an approved domain (voice.yaml, media)",
}


def _groups(playbook: Playbook, rules: dict[str, Any], accounts: list[str]) -> list[list[str]]:
    """Accounts the checker judges a text alike on (same platform, limits and settings),
    so that each text is checked once per kind of account rather than once per account."""
    groups: dict[str, list[str]] = {}
    for account_id in accounts:
        profile = {k: v for k, v in rules["accounts"][account_id].items()
                   if k not in _NOT_JUDGED}
        groups.setdefault(json.dumps(profile, sort_keys=True), []).append(account_id)
    return [groups[key] for key in sorted(groups)]


def _failures(rules: dict[str, Any], text: str, groups: list[list[str]]) -> dict[tuple[str, str], list[str]]:
    """(rule, message) -> the accounts a text fails on, for the findings that must not happen."""
    found: dict[tuple[str, str], list[str]] = {}
    for group in groups:
        for finding in check(rules, text, group[0])["findings"]:
            if finding["level"] == "revise" and not finding["rule"].startswith(_CIRCUMSTANTIAL):
                found.setdefault((finding["rule"], finding["message"]), []).extend(group)
    return found


def _handles(rules: dict[str, Any], accounts: list[str]) -> str:
    names = [rules["accounts"][a]["handle"] for a in sorted(accounts)]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _holding_statements(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    if not playbook.holding_statements or not playbook.own_accounts:
        return
    rules = ctx.once("rules", lambda: compile_rules(playbook))
    for i, statement in enumerate(playbook.holding_statements):
        accounts = [a.id for a in playbook.own_accounts if not statement.platforms or a.platform in statement.platforms]
        for (rule, message), failing in sorted(_failures(rules, statement.text, _groups(playbook, rules, accounts))
                                               .items()):
            yield origins.at("holding_statements", i, "text",
                             message=f"holding statement '{statement.id}' does not pass the draft checker on "
                                     f"{_handles(rules, failing)}: {message}",
                             hint=_HINTS.get(rule.split(".")[0], "reword it so that the draft checker passes it"))


def _examples(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    if not playbook.own_accounts:
        return
    rules = ctx.once("rules", lambda: compile_rules(playbook))
    groups = _groups(playbook, rules, [a.id for a in playbook.own_accounts])
    everywhere = {a for group in groups for a in group}
    texts = [(("examples", e, "do"), f"voice example '{x.id}'", x.do) for e, x in enumerate(playbook.voice.examples)]
    texts += [(("tones", t, "example"), f"tone '{x.id}'", x.example) for t, x in enumerate(playbook.voice.tones)]
    for path, what, text in texts:
        for (rule, message), failing in sorted(_failures(rules, text, groups).items()):
            if rule.startswith("limits.") and set(failing) != everywhere:
                continue  # long-form: it fits somewhere
            yield origins.at("voice", None, *path,
                             message=f"{what}: the text to copy does not pass the draft checker: {message}",
                             hint=_HINTS.get(rule.split(".")[0], "reword it so that the draft checker passes it"))
    for e, example in enumerate(playbook.voice.examples):
        findings = check(rules, example.dont)["findings"]
        if not [f for f in findings if not f["rule"].startswith(("approval.", "crisis.active"))]:
            yield origins.at("voice", None, "examples", e, "dont", level="warning",
                             message=f"voice example '{example.id}': the draft checker lets the \"don't\" text "
                                     "through, so nothing stops anyone posting it",
                             hint="add the words that make it wrong to vocabulary.yaml (banned or caution), or "
                                  "rewrite the example so it shows a mistake the checker catches")


# The draft checker follows every id but the training modules' (rules.py compiles the policy).
_FOLLOWS = tuple(kind for kind in KINDS if kind != "module")

CHECKS = (
    Check("holding statements through the draft checker", ("*",), _holding_statements, follows=_FOLLOWS),
    Check("voice examples through the draft checker", ("*",), _examples, follows=_FOLLOWS),
)
