"""`playbook triage`: the triage wizard in the terminal, with the same questions and the same result.

It asks what happened (the triggers' questions), what the signs are and how far it has
spread, or takes the answers as options, and prints what the site's wizard shows: severity
and deadline, who to tell, verify-first, who approves anything public, the actions allowed
and not, the holding statements, the ladder and what happens after its last step. The
answer is computed by generator/queries/answers.py (`triage`); templates/assets/triage.js
words it identically in the browser (tests/test_browser_triage.py compares the two).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from ..checker.document import level_name
from ..checker.rules import people_by_role
from ..diagnostics import suggest
from ..lint.loader import load_or_raise
from ..mkdocs.project import Project
from ..model import OWNER_TEXT, Channel, Playbook, Trigger
from ..model.triggers import SIGNAL_LABELS
from ..queries.answers import (
    TRIAGE_WORDS,
    Triage,
    acknowledge_phrase,
    after_last_step_text,
    cadence_text,
    deadline_text,
    requirement_text,
    unanswered_text,
    validity_text,
    verify_text,
)
from ..queries.answers import triage as assess  # not `triage`: that is this module's own name
from ..queries.crisis_plan import step_text
from ..queries.operations import trigger_scope_text
from ..queries.paging import step_who
from ..queries.shifts import reference_zone, rotations_oncall, say_paged
from .compiled import complete_ids
from .shared import AT_OPTION, TZ_OPTION, echo, moment_option, project_options, zone_option

Line = tuple[str, str]  # (kind, text): kind is h2, h3, p, li, ol or quote, as the wizard's elements


@click.command(name="triage", short_help="What to do now: severity, who to tell, who approves.")
@project_options(policy=True)
@click.option("--trigger", "triggers", multiple=True, shell_complete=complete_ids("triggers"),
              help="A trigger id that applies; repeat for several ('playbook list triggers').")
@click.option("--signal", "signals", multiple=True, type=click.Choice(sorted(SIGNAL_LABELS)),
              help="A sign that applies; repeat for several.")
@click.option("--spread", default=None, help="How far it has spread (a spread id from escalation.yaml).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="The result as text or as JSON lines of [kind, text].")
@click.option("--ask/--no-ask", default=None,
              help="Ask the questions (default: when no answer is given as an option and input is a terminal).")
@AT_OPTION
@TZ_OPTION
def triage_command(project: Project, triggers: tuple[str, ...], signals: tuple[str, ...], spread: str | None,
                   output_format: str, ask: bool | None, at_text: str | None, zone_name: str | None) -> None:
    """Find the severity of what is happening and everything that follows from it.

    Without options (in a terminal) it asks the wizard's three questions; with --trigger,
    --signal and --spread it answers at once, for scripts and runbooks. A ladder step that
    names a rotation says who in it is on shift now (or at --at).
    """
    playbook = _load(project.playbook_dir)
    at = moment_option(at_text, zone_option(zone_name or reference_zone(playbook)))
    _check_ids(playbook, triggers, spread)
    if ask is None:
        ask = not (triggers or signals or spread) and sys.stdin.isatty()
    if ask:
        triggers, signals, spread = _ask(playbook)
    lines = triage_lines(playbook, assess(playbook, triggers, signals, spread), at)
    if output_format == "json":
        echo(json.dumps(lines, indent=1, ensure_ascii=False))
    else:
        echo(format_lines(lines))


def _load(playbook_dir: Path) -> Playbook:
    playbook = load_or_raise(playbook_dir).playbook
    assert playbook is not None  # load_or_raise returns only valid playbooks
    return playbook


def _check_ids(playbook: Playbook, triggers: tuple[str, ...], spread: str | None) -> None:
    known_triggers = [t.id for t in playbook.triggers]
    known_spread = [s.id for s in playbook.escalation.spread]
    for value, known, option in [*((t, known_triggers, "--trigger") for t in triggers),
                                 *(((spread, known_spread, "--spread"),) if spread else ())]:
        if value not in known:
            hint = suggest(value, known) or f"known: {', '.join(sorted(known)) or 'none'}"
            raise click.UsageError(f"unknown id '{value}' in {option}; {hint}")


def _ask(playbook: Playbook) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """The wizard's three steps as numbered lists; the answer is the numbers that apply."""
    triggers = [(t.id, t.question or t.name) for t in playbook.triggers]
    used = sorted({s.value for t in playbook.triggers for s in t.signals})
    signals = [(s, SIGNAL_LABELS[s]) for s in used]
    picked_triggers = _pick("What happened? Tick everything that applies.", triggers, many=True)
    picked_signals = _pick("Who is involved, and what are the signs?", signals, many=True)
    spread = [(s.id, s.label) for s in playbook.escalation.spread]
    picked_spread = _pick("How far has it spread?", spread, many=False) if spread else ()
    return picked_triggers, picked_signals, (picked_spread[0] if picked_spread else None)


def _pick(question: str, choices: list[tuple[str, str]], many: bool) -> tuple[str, ...]:
    echo(question)
    for number, (_, label) in enumerate(choices, 1):
        echo(f"  {number}. {label}")
    prompt = "Numbers, separated by commas (empty: none)" if many else "Number"
    while True:
        answer = click.prompt(prompt, default="" if many else "1", show_default=not many)
        numbers = [part.strip() for part in answer.replace(" ", ",").split(",") if part.strip()]
        if all(n.isdigit() and 1 <= int(n) <= len(choices) for n in numbers) and (many or len(numbers) == 1):
            return tuple(dict.fromkeys(choices[int(n) - 1][0] for n in numbers))
        echo(f"Answer with numbers from 1 to {len(choices)}.")


def format_lines(lines: list[Line]) -> str:
    """The result for a terminal: headings underlined, list items indented, statements quoted."""
    out: list[str] = []
    number = 0
    for kind, text in lines:
        number = number + 1 if kind == "ol" else 0
        if kind == "h2":
            out.extend([text, "=" * len(text)])
        elif kind == "h3":
            out.extend(["", text, "-" * len(text)])
        elif kind == "li":
            out.append(f"  - {text}")
        elif kind == "ol":
            out.append(f"  {number}. {text}")
        elif kind == "quote":
            out.append(f'    "{text}"')
        else:
            out.append(text)
    return "\n".join(out)


def triage_lines(playbook: Playbook, result: Triage, at: dt.datetime) -> list[Line]:
    """The result as the wizard shows it at the instant `at`, element by element (triage.js
    builds the same)."""
    severity = result.severity
    names = {r.id: r.name for r in playbook.roles}
    esc = playbook.escalation
    level = level_name(severity.label, severity.level, len(esc.severities))
    lines: list[Line] = [("h2", f"Severity: {severity.name} ({level})")]
    if esc.major_from is not None and esc.is_major(severity):
        lines.append(("p", TRIAGE_WORDS["major"]))
    lines.append(("p", severity.description))
    if severity.response:
        lines.append(("p", f"What we do: {severity.response}"))
    if result.triggers:
        lines.append(("p", "Matched: " + ", ".join(t.name + _only_on(playbook, t) for t in result.triggers) + "."))
    else:
        lines.append(("p", TRIAGE_WORDS["no_trigger"]))
    if result.spread:
        plural = "level" if result.raised_by == 1 else "levels"
        lines.append(("p", f"Raised {result.raised_by} {plural} because of its spread: {result.spread.label}."))
    pause = f" {TRIAGE_WORDS['pause_now']}" if severity.pause_scheduled_posts else ""
    lines.append(("p", f"{deadline_text(severity)}{pause}"))
    cadence = esc.cadence_of(severity)
    if cadence is not None:
        lines.append(("p", cadence_text(cadence)))
    people = people_by_role(playbook)
    if severity.notify:  # never an empty heading: a level may tell nobody
        lines.append(("h3", "Tell now"))
    for r in severity.notify:
        holders = ": " + ", ".join(people[r]) if r in people else ""
        lines.append(("li", names[r] + reach(playbook.role(r).channels) + holders))
    lines.extend(_owner_lines(playbook, result, names, people))
    lines.extend(_verify_lines(playbook, result, names))
    lines.extend(_approval_lines(playbook, result, names))
    lines.extend(_action_lines(result))
    lines.extend(_holding_lines(playbook, result, names))
    lines.extend(_ladder_lines(playbook, result, names, at))
    lines.extend(_timeline_lines(result, names))
    return lines


def _only_on(playbook: Playbook, trigger: Trigger) -> str:
    scope = trigger_scope_text(playbook, trigger)
    return f" (only on {scope})" if scope else ""


def owner_words(owner: str, names: dict[str, str]) -> str:
    """A trigger's owner in words, as triage, the checker and the pages say it."""
    return OWNER_TEXT.get(owner) or names[owner]


def _owner_lines(playbook: Playbook, result: Triage, names: dict[str, str],
                 people: dict[str, list[str]]) -> list[Line]:
    owned = [t for t in result.triggers if t.owner is not None]
    if not owned:
        return []
    lines: list[Line] = [("h3", "Who owns it")]
    for trigger in owned:
        owner = trigger.owner or ""
        text = f"{trigger.name}: {owner_words(owner, names)}"
        if owner in names:
            text += reach(playbook.role(owner).channels) + (": " + ", ".join(people[owner]) if owner in people else "")
        lines.append(("li", text))
    return lines
def _timeline_lines(result: Triage, names: dict[str, str]) -> list[Line]:
    """A severity's plan in time, after its ladder (or instead of it): triage.js says the same."""
    steps = result.severity.timeline
    if not steps:
        return []
    return [("h3", TRIAGE_WORDS["plan_heading"]),
            *(("ol", step_text(step, names)) for step in steps)]


def _verify_lines(playbook: Playbook, result: Triage, names: dict[str, str]) -> list[Line]:
    verify = playbook.approvals.verify_before_reacting
    if not (result.verify_first and verify):
        return []
    return [("h3", "Verify first"),
            ("p", verify_text(verify, names[verify.approver]))]


def _approval_lines(playbook: Playbook, result: Triage, names: dict[str, str]) -> list[Line]:
    verify = playbook.approvals.verify_before_reacting
    lines: list[Line] = [("h3", "Who must approve anything public")]
    lines.extend(("li", f"Every account: {requirement_text(r, names, verify)}") for r in result.common)
    for tier, extra in result.per_tier:
        lines.extend(("li", f"{tier.name} accounts also: {requirement_text(r, names, verify)}") for r in extra)
    if len(lines) == 1:
        lines.append(("p", TRIAGE_WORDS["no_signoff"]))
    return lines


def _action_lines(result: Triage) -> list[Line]:
    lines: list[Line] = [("h3", "What you may do")]
    for action in result.allowed:
        mark = " (for this situation)" if action.id in result.suggested else ""
        lines.append(("li", f"{action.name}{mark}: {action.description}"))
    if not result.allowed:
        lines.append(("p", TRIAGE_WORDS["no_actions"]))
    if result.forbidden:
        lines.append(("h3", "Not at this severity"))
        lines.extend(("li", action.name) for action in result.forbidden)
    return lines


def _holding_lines(playbook: Playbook, result: Triage, names: dict[str, str]) -> list[Line]:
    if not result.holding:
        return [("h3", "Holding statement"),
                ("p", TRIAGE_WORDS["no_holding"])]
    platforms = {p.id: p.name for p in playbook.platforms}
    lines: list[Line] = [("h3", "Holding statement" if len(result.holding) == 1 else "Holding statements")]
    for h in result.holding:
        where = ", ".join(platforms[p] for p in h.platforms) if h.platforms else "every platform"
        lines.append(("p", f"{h.name} (owner {names[h.owner]}, {validity_text(h)}, on {where}):"))
        lines.append(("quote", h.text))
    return lines


NO_LADDER = TRIAGE_WORDS["no_ladder"]
NO_LADDER_PLAN = TRIAGE_WORDS["no_ladder_plan"]


def _ladder_lines(playbook: Playbook, result: Triage, names: dict[str, str], at: dt.datetime) -> list[Line]:
    ladder = result.ladder
    if ladder is None:  # a level below the major incident threshold may be just a ticket
        return [("h3", "Ladder"), ("p", NO_LADDER_PLAN if result.severity.timeline else NO_LADDER)]
    lines: list[Line] = [("h3", f"Ladder: {ladder.name}")]
    rotations = playbook.id_maps["rotation"]
    named = sorted({s.rotation for s in ladder.steps if s.rotation})
    paged = rotations_oncall(playbook, at, named)
    people = {p.id: p.name for p in playbook.roster}
    for s in ladder.steps:
        reached = "".join(reach(playbook.role(r).channels) for r in s.role_ids)
        if s.rotation:
            reached += f"{reach(rotations[s.rotation].channels)}: {say_paged(paged[s.rotation], people)}"
        together = ", at the same time as the step before" if s.with_previous else ""
        lines.append(("ol", f"{step_who(playbook, s).text}{reached}{together}, {acknowledge_phrase(s)}: {s.action}"))
    last = step_who(playbook, ladder.steps[-1]).text
    after = after_last_step_text(ladder, last, names[playbook.handbook.policy_owner])
    lines.append(("p", f"{unanswered_text(ladder)}: {after}"))
    return lines



def reach(channels: list[Channel]) -> str:
    """How to reach a role or rotation, as " (Crisis room: #crisis; ...)", or nothing (triage.js's reach)."""
    return f" ({'; '.join(f'{c.label}: {c.value}' for c in channels)})" if channels else ""

