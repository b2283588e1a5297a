"""Contact channels that the policy's own words contradict (issue 24, what a careful reader caught):

- a ladder step or `after_last_step` says to call, phone or page a role whose channels list
  ways to reach it but no phone or pager, so whoever is on shift reads an instruction the
  handbook gives no number for;
- a role's or rotation's channel is named in a text (an action, a holding statement, a ladder)
  beside another address or number: "our press office at press@..." where the Press office
  channel says something else;
- a role's or rotation's phone or pager is a person's own number, and that person does not hold
  the role (is not in the rotation): the on-call phone would ring someone who is not on call;
  one person's own number is another's too.
Warnings: the policy still works, but a reader meets two answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...diagnostics import Diagnostic
from ...model import Channel, ChannelKind, Playbook, Role
from ...read.origins import Origins
from ..checks import Check, Context

CALLS = re.compile(r"\b(?:call|calls|calling|phone|phones|phoning|ring|ringing|page|pages|paging)\b", re.I)
CLAUSE = re.compile(r"(?:[^.;:!?]|[.:](?=\S))+")  # a period inside an address or a time is no end
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d[\d ()-]{6,}\d")
SPAN_END = re.compile(r"\s(?:with|to|until|if|before|about|for|when|while)\s", re.I)  # where whom ends
REACHABLE = (ChannelKind.phone, ChannelKind.pager)


def _mentions(playbook: Playbook, text: str) -> list[Role]:
    """The roles a clause names, by name or by id read as words ("the comms lead")."""
    low = text.casefold()
    found = []
    for role in playbook.roles:
        names = {role.name.casefold(), role.id.replace("-", " ").casefold()}
        if any(re.search(rf"\b{re.escape(n)}\b", low) for n in names):
            found.append(role)
    return found


def _called(playbook: Playbook, clause: str) -> list[Role]:
    """The roles a clause tells someone to call or page: named after the verb ("call the comms
    lead's phone, then the head of social's"), or before "by phone"; not "the incident call"."""
    found: list[Role] = []
    for verb in CALLS.finditer(clause):
        if clause[:verb.start()].rstrip().casefold().endswith("by"):
            span = clause[:verb.start()]
        elif re.search(r"\b(?:the|an?|incident|conference|video)\s*$", clause[:verb.start()], re.I):
            continue  # a noun: "open the incident call"
        else:
            span = SPAN_END.split(clause[verb.end():], maxsplit=1)[0]
        found += [r for r in _mentions(playbook, span) if r not in found]
    return found


PHONE_WORDS = re.compile(r"phone|mobile|cell|sms|text|signal|whatsapp|pager|\btel", re.I)


def _phoned(playbook: Playbook, role: Role) -> bool:
    """Whether the policy gives a number to call or page the role on. A role that lists how
    to reach it, but no phone or pager, contradicts a ladder that says to call it. One that
    lists no channel at all is reached through whoever holds it: a phone among their contact
    details on the roster will do; with no roster the policy cannot tell, and is trusted."""
    if any(c.kind in REACHABLE for c in role.channels):
        return True
    if any(x.role == role.id and any(c.kind in REACHABLE for c in x.channels) for x in playbook.rotations):
        return True
    if role.channels:
        return False
    holders = [p for p in playbook.roster if role.id in p.roles]
    return not playbook.roster or any(
        any(c.kind in REACHABLE for c in p.channels) or any(PHONE_WORDS.search(c.channel) for c in p.contact)
        for p in holders)


def _reachable(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    for n, ladder in enumerate(playbook.escalation.ladders):
        texts: list[tuple[tuple[int | None, str], str, str]] = [
            ((s, "action"), f"step {s + 1}", step.action) for s, step in enumerate(ladder.steps)]
        if ladder.after_last_step:
            texts.append(((None, "after_last_step"), "after_last_step", ladder.after_last_step))
        for (s, key), where, text in texts:
            told: set[str] = set()
            for clause in CLAUSE.findall(text):
                for role in _called(playbook, clause):
                    if role.id in told or _phoned(playbook, role):
                        continue
                    told.add(role.id)
                    path = ("ladders", n, "steps", s, key) if s is not None else ("ladders", n, key)
                    yield origins.at("escalation", None, *path, level="warning",
                                     message=f"ladder '{ladder.id}', {where}: says to call or page "
                                             f"{role.name} ('{role.id}'), whose channels have no phone or pager",
                                     hint=f"add a channel with kind: phone or kind: pager to role '{role.id}' in "
                                          "roles.yaml (or a phone to its holders' contact on the roster), or say "
                                          "how to reach them (a chat room, an email)")


@dataclass(frozen=True)
class _Shared:
    """A channel of a role or rotation, with where it is written."""

    owner: str  # "role 'comms-lead'"
    channel: Channel
    section: str
    index: int
    number: int  # the channel's place in its owner's list


def _shared(playbook: Playbook) -> list[_Shared]:
    found = [_Shared(f"role '{r.id}'", c, "roles", i, j)
             for i, r in enumerate(playbook.roles) for j, c in enumerate(r.channels)]
    found += [_Shared(f"rotation '{x.id}'", c, "rotations", i, j)
              for i, x in enumerate(playbook.rotations) for j, c in enumerate(x.channels)]
    return found


def _texts(playbook: Playbook) -> Iterator[tuple[tuple[object, ...], str, str]]:
    """Every free text that may name a channel: (origins place, what it is, text)."""
    esc = playbook.escalation
    for n, action in enumerate(esc.actions):
        yield ("escalation", None, "actions", n, "description"), f"action '{action.id}'", \
            f"{action.name}, {action.description}"  # one sentence: the name says what the description details
    for n, ladder in enumerate(esc.ladders):
        for s, step in enumerate(ladder.steps):
            yield ("escalation", None, "ladders", n, "steps", s, "action"), f"ladder '{ladder.id}'", step.action
        if ladder.after_last_step:
            yield ("escalation", None, "ladders", n, "after_last_step"), f"ladder '{ladder.id}'", \
                ladder.after_last_step
    for n, holding in enumerate(playbook.holding_statements):
        yield ("holding_statements", n, "text"), f"holding statement '{holding.id}'", holding.text


def _same_label(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    shared = _shared(playbook)
    by_label: dict[str, _Shared] = {}
    for item in shared:  # the same label with two values on two roles or rotations
        first = by_label.setdefault(item.channel.label.casefold(), item)
        if first is not item and first.channel.value != item.channel.value:
            yield origins.at(item.section, item.index, "channels", item.number, "value", level="warning",
                             message=f"{item.owner}: channel '{item.channel.label}' is {item.channel.value}, "
                                     f"but {first.owner}'s '{first.channel.label}' is {first.channel.value}",
                             hint="one label, one address: give both the same value, or name them apart")
    for i, person in enumerate(playbook.roster):  # a person's channel under a shared label, another value
        for j, channel in enumerate(person.channels):
            labelled = by_label.get(channel.label.casefold())
            if labelled is not None and _plain(labelled.channel.value) != _plain(channel.value):
                yield origins.at("roster", i, "channels", j, "value", level="warning",
                                 message=f"person '{person.id}': channel '{channel.label}' is {channel.value}, "
                                         f"but {labelled.owner}'s '{labelled.channel.label}' is "
                                         f"{labelled.channel.value}",
                                 hint="one label, one address: use the shared value, or give the person's own "
                                      "channel a label of its own (e.g. Mobile)")
    for place, what, text in _texts(playbook):  # a text that names a channel beside another address
        for clause in CLAUSE.findall(text):
            low = clause.casefold()
            for item in by_label.values():
                if item.channel.label.casefold() not in low:
                    continue
                for other in ADDRESS.findall(clause):
                    if _plain(other) != _plain(item.channel.value):
                        yield origins.at(*place, level="warning",  # type: ignore[arg-type]
                                         message=f"{what} gives {item.channel.label} as {other.strip()}, but "
                                                 f"the channel '{item.channel.label}' of {item.owner} is "
                                                 f"{item.channel.value}",
                                         hint="write the channel's own value here, or correct the channel")


def _plain(value: str) -> str:
    """An address or number compared as written, spaces and dashes aside."""
    return re.sub(r"[\s()-]", "", value).casefold()


def _own_numbers(playbook: Playbook) -> Iterator[tuple[str, int, tuple[object, ...]]]:
    """Each person's own numbers and addresses: (value, person's index, where it is written)."""
    for i, person in enumerate(playbook.roster):
        for j, contact in enumerate(person.contact):
            yield contact.address, i, ("contact", j, "address")
        for j, channel in enumerate(person.channels):
            yield channel.value, i, ("channels", j, "value")


def _someone_elses(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    """A role's or rotation's phone or pager that is a person's own number, the person not
    holding the role (not in the rotation); one person's own number that is another's too."""
    own: dict[str, int] = {}
    for value, i, path in _own_numbers(playbook):
        first = own.setdefault(_plain(value), i)
        if first != i and ADDRESS.fullmatch(value.strip()):
            person, other = playbook.roster[i], playbook.roster[first]
            yield origins.at("roster", i, *path, level="warning",
                             message=f"person '{person.id}': {value} is also {other.name}'s own",
                             hint="give each person their own number, or list a shared line as a role's or "
                                  "rotation's channel")
    for item in _shared(playbook):
        if item.channel.kind not in REACHABLE or (index := own.get(_plain(item.channel.value))) is None:
            continue
        person = playbook.roster[index]
        if item.section == "roles":
            role_id = playbook.roles[item.index].id
            if role_id in person.roles:
                continue
            what, unheld = f"role '{role_id}'", "does not hold the role"
        else:
            rotation = playbook.rotations[item.index]
            if person.id in rotation.members or (not rotation.members and rotation.role in person.roles):
                continue
            what, unheld = f"rotation '{rotation.id}'", "is not in the rotation"
        yield origins.at(item.section, item.index, "channels", item.number, "value", level="warning",
                         message=f"{what}: channel '{item.channel.label}' is {person.name}'s own "
                                 f"number, and {person.name} {unheld}",
                         hint="give it its own number (an on-call phone that passes between shifts), "
                              "or its holder's")


CHECKS = (
    Check("channels that ladders call", ("escalation", "roles", "rotations", "roster"), _reachable),
    Check("channel labels and the texts that name them", ("escalation", "roles", "rotations", "roster",
                                                           "holding_statements"), _same_label),
    Check("numbers that are someone's own", ("roles", "roster", "rotations"), _someone_elses),
)
