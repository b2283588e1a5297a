"""Small edits of a policy's YAML text, one per kind of field, for the incremental-render tests
and benchmarks/reload.py: each finds its field by the YAML key, so it works on the example and
on a synthetic playbook alike, and keeps the policy valid."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path


def _first_file(playbook: Path, pattern: str, section: str) -> tuple[Path, re.Match[str]]:
    for path in sorted(playbook.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        found = re.search(pattern, text, re.MULTILINE)
        if found and re.search(f"^{section}:", text, re.MULTILINE):
            return path, found
    raise AssertionError(f"no file of {playbook} matches {pattern!r}")


def _replace(playbook: Path, section: str, pattern: str, change: Callable[[re.Match[str]], str],
             last: bool = False) -> Path:
    path, found = _first_file(playbook, pattern, section)
    text = path.read_text(encoding="utf-8")
    if last:
        found = list(re.finditer(pattern, text, re.MULTILINE))[-1]
    path.write_text(text[:found.start()] + change(found) + text[found.end():], encoding="utf-8")
    return path


def role_purpose(playbook: Path, marker: str = "Edited") -> Path:
    """The first role's purpose gets `marker` in front."""
    return _replace(playbook, "roles", r"^( +purpose: )(['\"]?)",
                    lambda m: f"{m.group(1)}{m.group(2)}{marker}. ")


def role_name(playbook: Path, marker: str = "Edited") -> Path:
    """The first role's name (the line after its id) gets `marker` at the end: a title in the navigation."""
    return _replace(playbook, "roles", r"^( *- id: [\w-]+\n +name: )([^\n#]*?)(\s*)$",
                    lambda m: f"{m.group(1)}{m.group(2)} {marker}{m.group(3)}")


def trigger_keyword(playbook: Path, marker: str = "edited") -> Path:
    """The first trigger gets one more keyword, `marker` (a new word: other fields may name the old ones)."""
    return _replace(playbook, "triggers", r"^( *keywords:\n)( *- )",
                    lambda m: f"{m.group(1)}{m.group(2)}{marker} words\n{m.group(2)}")


def severity_deadline(playbook: Path, marker: str = "") -> Path:
    """The last (shortest) response deadline of a severity one minute shorter."""
    return _replace(playbook, "escalation", r"^( +respond_within_minutes: )(\d+)",
                    lambda m: f"{m.group(1)}{int(m.group(2)) - 1}", last=True)


def account_handle(playbook: Path, marker: str = "edited") -> Path:
    """The first account's handle gets `marker` appended."""
    return _replace(playbook, "accounts", r"^( +handle: )(['\"]?)(@[\w.]+)",
                    lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}_{marker}")


EDITS: dict[str, Callable[..., Path]] = {
    "role purpose": role_purpose, "role name": role_name, "trigger keyword": trigger_keyword,
    "severity deadline": severity_deadline, "account handle": account_handle}
