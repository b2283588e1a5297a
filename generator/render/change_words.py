"""A policy diff as people read it: plain text for a terminal, Markdown for a pull request
comment or a CI job summary, JSON for other tools. Each change is one line, grouped by
area, ending with the roles it affects."""

from __future__ import annotations

import json
from itertools import groupby

from ..diff.changes import Change, PolicyDiff
from .escape import escape_plain

EVERYONE = "everyone"


def affected_names(change: Change, diff: PolicyDiff) -> str:
    return ", ".join(diff.role_names.get(r, r) for r in change.roles) or EVERYONE


def headline(diff: PolicyDiff, old_label: str, new_label: str) -> str:
    old, new = diff.old_version or "not set", diff.new_version or "not set"
    versions = f"version {old} -> {new}" if old != new else f"version {new}"
    count = len(diff.changes)
    if not count:
        return f"No policy changes from {old_label} to {new_label} ({versions})."
    return f"Policy changes from {old_label} to {new_label} ({versions}): {count} change{'' if count == 1 else 's'}"


def format_text(diff: PolicyDiff, old_label: str, new_label: str) -> str:
    lines = [headline(diff, old_label, new_label)]
    for area, changes in groupby(diff.changes, key=lambda c: c.area):
        lines += ["", area]
        lines += [f"  - {c.text} (affects: {affected_names(c, diff)})" for c in changes]
    return "\n".join(lines)


def format_markdown(diff: PolicyDiff, old_label: str, new_label: str) -> str:
    """Every text from the policy is escaped: a comment on a pull request must not run what it quotes."""
    lines = [f"### {escape_plain(headline(diff, old_label, new_label))}"]
    for area, changes in groupby(diff.changes, key=lambda c: c.area):
        lines += ["", f"**{area}**", ""]
        lines += [f"- {escape_plain(c.text)} *(affects: {escape_plain(affected_names(c, diff))})*" for c in changes]
    return "\n".join(lines) + "\n"


def format_json(diff: PolicyDiff, old_label: str, new_label: str) -> str:
    payload = {
        "old": {"revision": old_label, "version": diff.old_version},
        "new": {"revision": new_label, "version": diff.new_version},
        "changed": bool(diff.changes),
        "changes": [{"area": c.area, "kind": c.kind, "entity": c.entity, "subject": c.subject, "text": c.text,
                     "field": c.field, "old": c.old, "new": c.new,
                     "roles": [{"id": r, "name": diff.role_names.get(r, r)} for r in c.roles]}
                    for c in diff.changes],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


FORMATS = {"text": format_text, "markdown": format_markdown, "json": format_json}
