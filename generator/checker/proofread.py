"""The policy's own ready-made words, judged by its draft checker: a holding statement or a
voice example that the checker would send back for revision contradicts the rules around it.

Holding statements are posted as they are, in a hurry, so a banned word or a broken style
rule in one is an error. A "do" example teaches the team what good looks like, so the same
holds for it. Approvals and escalations are not findings here: they depend on the account
and the moment, not on the words.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..load.model import Playbook
from ..load.origins import Origins
from .engine import check
from .rules import compile_rules

SENT_BACK = "revise"


def proofread(playbook: Playbook, origins: Origins) -> list[Diagnostic]:
    """A located error for every finding that would send a ready-made text back for revision."""
    rules = compile_rules(playbook)
    found: list[Diagnostic] = []
    for what, section, index, path, text in _texts(playbook):
        for finding in check(rules, text)["findings"]:
            if finding["level"] == SENT_BACK:
                found.append(origins.at(section, index, *path, message=f"{what} would be sent back by the draft "
                                        f"checker: {finding['message']} [{finding['rule']}]",
                                        hint="reword it, or change the rule if the rule is what is wrong"))
    return found


def _texts(playbook: Playbook) -> Iterator[tuple[str, str, int | None, tuple[str | int, ...], str]]:
    """(what, section, index, path, text) for every text the team posts as written."""
    for n, statement in enumerate(playbook.holding_statements):
        yield f"holding statement '{statement.id}'", "holding_statements", n, ("text",), statement.text
    for n, example in enumerate(playbook.voice.examples):
        yield f"voice example '{example.id}' (do)", "voice", None, ("examples", n, "do"), example.do
