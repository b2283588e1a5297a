"""Checks across the whole policy, after every file has the right shape.

Shape validation sees one file at a time; these checks see the merged policy: duplicate
and unknown ids, escalation cycles, deadlines that contradict severity, orphaned roles,
contradictory vocabulary and stale holding statements. Each problem points at the item
in the file it came from.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic, suggest
from ..model import KINDS, NO_MAJOR, OWNER_TEXT, Permission, Playbook
from ..queries.references import Reference, walk_references
from ..read.nouns import noun
from ..read.origins import Origins
from .checks import Check, Context

# The list sections whose items have ids that must be unique (a message names one by nouns.py).
ID_SECTIONS = ("reach_tiers", "teams", "platforms", "accounts", "roles", "roster", "triggers", "holding_statements",
               "modules", "calendar", "watchlist", "rotations", "pillars", "venues")


# --------------------------------------------------------------------------- ids


def _id_groups(playbook: Playbook) -> Iterator[tuple[str, str, int | None, tuple[Any, ...], list[str]]]:
    """(what, section, index, path to the list, ids) for every list whose ids must be unique.

    A top-level list section has index None and an empty path; a nested list names the
    item (index) of its section and the path from that item, or the path in a single section.
    """
    for section in ID_SECTIONS:
        yield noun(section), section, None, (), [item.id for item in getattr(playbook, section)]
    esc = playbook.escalation
    for name in ("severities", "ladders", "actions", "spread"):
        yield noun("escalation", name), "escalation", None, (name,), [x.id for x in getattr(esc, name)]
    for name in ("categories", "stages", "milestones"):
        yield noun("process", name), "process", None, (name,), [x.id for x in getattr(playbook.process, name)]
    yield noun("approvals", "rules"), "approvals", None, ("rules",), [r.id for r in playbook.approvals.rules]
    voice = playbook.voice
    for name in ("traits", "tones", "examples", "disclosures"):
        yield noun("voice", name), "voice", None, (name,), [x.id for x in getattr(voice, name)]
    yield noun("onboarding"), "onboarding", None, (), [p.role for p in playbook.onboarding]
    for m, module in enumerate(playbook.modules):
        yield noun("modules", "quiz"), "modules", m, ("quiz",), [q.id for q in module.quiz]
        yield noun("modules", "exercises"), "modules", m, ("exercises",), \
            [e.id for e in module.exercises]
        for q, question in enumerate(module.quiz):
            yield noun("modules", "quiz", "choices"), "modules", m, ("quiz", q, "choices"), \
                [c.id for c in question.choices]
    for p, path in enumerate(playbook.onboarding):
        yield noun("onboarding", "milestones"), "onboarding", p, ("milestones",), \
            [x.id for x in path.milestones]


def _duplicates(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    for what, section, index, path, ids in _id_groups(playbook):
        first: dict[str, int] = {}
        for i, value in enumerate(ids):
            if value not in first:
                first[value] = i
                continue
            if index is not None or path:
                earlier = origins.at(section, index, *path, first[value], "id", message="")
                diag = origins.at(section, index, *path, i, "id",
                                  message=f"duplicate {what} id '{value}'", hint="")
                place = f"line {earlier.line}" if earlier.file == diag.file else f"{earlier.file}:{earlier.line}"
                diag = dataclasses.replace(diag, hint=f"'{value}' is already used at {place}; ids must be unique")
            elif section == "onboarding":
                diag = origins.at(section, i, "role", message=f"role '{value}' has two onboarding paths",
                                  hint="merge their milestones into one path")
            else:
                where = origins.file_of(section, first[value])
                line = origins.line_of(section, first[value], "id")
                diag = origins.at(section, i, "id", message=f"duplicate {what} id '{value}'",
                                  hint=f"'{value}' is already used at {where}:{line}; ids must be unique")
            yield diag


def _named_groups(playbook: Playbook) -> Iterator[tuple[str, str, tuple[Any, ...], list[str]]]:
    """(what, section, path to the list, names) for every list whose items pages cite by name:
    two approval rules (or ladders, triggers, severities) with one name would make a page's
    "see the rule Legal needs legal" point at two different things."""
    yield "approval rule", "approvals", ("rules",), [r.name for r in playbook.approvals.rules]
    for name, what in (("severities", "severity"), ("ladders", "ladder")):
        yield what, "escalation", (name,), [x.name for x in getattr(playbook.escalation, name)]


def _names(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    for what, section, path, names in _named_groups(playbook):
        first: dict[str, int] = {}
        for i, name in enumerate(names):
            key = " ".join(name.casefold().split())
            if key in first:
                yield origins.at(section, None, *path, i, "name", message=f"duplicate {what} name '{name}'",
                                 hint=f"item {first[key] + 1} of the same list is already called that; "
                                      "pages cite it by name, so give each its own")
            first.setdefault(key, i)
    first_trigger: dict[str, int] = {}
    for i, trigger in enumerate(playbook.triggers):
        key = " ".join(trigger.name.casefold().split())
        if key in first_trigger:
            yield origins.at("triggers", i, "name", message=f"duplicate trigger name '{trigger.name}'",
                             hint=f"trigger '{playbook.triggers[first_trigger[key]].id}' is already called "
                                  "that; pages cite it by name, so give each its own")
        first_trigger.setdefault(key, i)


# --------------------------------------------------------------------------- references


def _references(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    """Every reference field is found by its type (model.Ref), so none can be left unchecked.
    An id that a broken (left out) part would define is not reported: fixing that part fixes it."""
    for ref in walk_references(playbook):
        known = playbook.id_maps[ref.kind]
        if ref.value in known or ctx.broken.hides(ref.kind, ref.value):
            continue
        name = KINDS[ref.kind].name
        where = origins.name(ref.section, ref.item, *ref.path)
        hint = unknown_hint(playbook, ref, known)
        if KINDS[ref.kind].vocabulary:
            hint += f" (or declare '{ref.value}' under '{'.'.join(KINDS[ref.kind].where)}')"
        yield origins.at(ref.section, ref.item, *ref.path, message=f"{where}: unknown {name} '{ref.value}'",
                         hint=hint)


def _reserved_ids(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    """An id that a reference field keeps as a word of its own (a trigger owner's `receiver`,
    `major_from: none`) would always be read as the word, never as the entity."""
    for i, role in enumerate(playbook.roles):
        if role.id in OWNER_TEXT:
            yield origins.at("roles", i, "id", message=f"role id '{role.id}' is a word of a trigger's 'owner:' "
                             f"({OWNER_TEXT[role.id]}), so no trigger could name this role",
                             hint="give the role another id")
    for i, severity in enumerate(playbook.escalation.severities):
        if severity.id == NO_MAJOR:
            yield origins.at("escalation", None, "severities", i, "id",
                             message=f"severity id '{NO_MAJOR}' is the word 'major_from: {NO_MAJOR}' keeps for "
                                     "'no level is a major incident'", hint="give the severity another id")


def unknown_hint(playbook: Playbook, ref: Reference, known: dict[str, Any]) -> str:
    """A 'did you mean' among the candidates that fit where the reference is (the accounts of
    the same region or team as the other accounts listed beside it, the roles of the same
    team as the role it is written in), then among all; or the known ids when none is close."""
    name = KINDS[ref.kind].name
    fitting = _fitting(playbook, ref, known)
    if fitting:
        close = suggest(ref.value, fitting)
        if close:
            return close
    close = suggest(ref.value, known)
    if close and not fitting:
        return close
    if fitting:
        shown = ", ".join(sorted(fitting)[:12])
        return f"{name}s that fit here: {shown}" + (f"; or {close[:-1]} from elsewhere?" if close else "")
    if known:
        more = f" (and {len(known) - 12} more)" if len(known) > 12 else ""
        return f"known {name} ids: {', '.join(sorted(known)[:12])}{more}"
    return f"define the {name} first"


def _fitting(playbook: Playbook, ref: Reference, known: dict[str, Any]) -> set[str]:
    if ref.kind == "account":
        siblings = [v for v in _siblings(playbook, ref) if v in known]
        for attribute in ("region", "team"):
            values = {getattr(known[s], attribute) for s in siblings} - {None}
            if values:
                return {k for k, a in known.items() if getattr(a, attribute) in values}
    if ref.kind == "role" and ref.section == "roles" and ref.item is not None:
        team = playbook.roles[ref.item].team
        if team is not None:
            return {k for k, r in known.items() if r.team == team and k != playbook.roles[ref.item].id}
    return set()


def _siblings(playbook: Playbook, ref: Reference) -> list[str]:
    """The other ids in the same list as this reference (a crisis scope's other accounts)."""
    if not ref.path or not isinstance(ref.path[-1], int):
        return []
    node: Any = getattr(playbook, ref.section) if ref.item is None else getattr(playbook, ref.section)[ref.item]
    for step in ref.path[:-1]:
        node = node[step] if isinstance(step, int) or isinstance(node, dict) else getattr(node, _attribute(node, step))
    return [v for i, v in enumerate(node) if i != ref.path[-1] and isinstance(v, str)]


def _attribute(model: Any, key: str) -> str:
    """The attribute of a YAML key (its alias, such as 'is' for is_)."""
    return next((n for n, f in type(model).model_fields.items() if (f.alias or n) == key), key)


# --------------------------------------------------------------------------- escalation


def _cycles(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    index = {r.id: i for i, r in enumerate(playbook.roles)}
    for field_name in ("escalates_to", "reports_to"):
        edges = {r.id: getattr(r, field_name) for r in playbook.roles}
        reported: set[str] = set()
        for start in sorted(edges):
            chain, node = [], start
            while node in edges and node not in chain:
                chain.append(node)
                node = edges[node]
            if node in chain:
                loop = chain[chain.index(node):]
                if reported.isdisjoint(loop):
                    reported.update(loop)
                    first = min(loop, key=lambda rid: index[rid])
                    route = " -> ".join(loop[loop.index(first):] + loop[:loop.index(first)] + [first])
                    verb = "escalation" if field_name == "escalates_to" else "reporting line"
                    yield origins.at("roles", index[first], field_name,
                                     message=f"{verb} goes round in a circle: {route}",
                                     hint=f"someone must be at the top: remove '{field_name}' from one of these roles")


def _severity_order(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    severities = playbook.escalation.severities
    by_level: dict[int, int] = {}
    for s, severity in enumerate(severities):
        if severity.level in by_level:
            yield origins.at("escalation", None, "severities", s, "level",
                             message=f"severity '{severity.id}' has the same level ({severity.level}) as "
                                     f"'{severities[by_level[severity.level]].id}'",
                             hint="give each severity its own level; " + (
                                 "higher is worse" if playbook.escalation.worst == "highest" else "lower is worse"))
        by_level.setdefault(severity.level, s)
    esc = playbook.escalation
    ordered = sorted(range(len(severities)), key=lambda s: esc.rank(severities[s]))
    timed = [s for s in ordered if severities[s].respond_within_minutes is not None]
    for lower, higher in itertools.pairwise(timed):
        low, high = severities[lower], severities[higher]
        assert low.respond_within_minutes is not None and high.respond_within_minutes is not None
        if high.level == low.level:
            continue
        if high.respond_within_minutes > low.respond_within_minutes:
            yield origins.at("escalation", None, "severities", higher, "respond_within_minutes",
                             message=f"severity '{high.id}' (level {high.level}) allows {high.respond_within_minutes} "
                                     f"minutes to respond, longer than '{low.id}' (level {low.level}) with "
                                     f"{low.respond_within_minutes}",
                             hint="a worse situation needs a faster answer: deadlines must not grow with severity")
        elif high.respond_within_minutes == low.respond_within_minutes:
            # Levels that differ in who is told or paged may share a deadline (every major incident
            # answered within 5 minutes); levels that differ in nothing else are one level twice.
            alike = high.ladder == low.ladder and set(high.notify) == set(low.notify)
            yield origins.at("escalation", None, "severities", higher, "respond_within_minutes",
                             level="error" if alike else "info",
                             message=f"severity '{high.id}' (level {high.level}) allows {high.respond_within_minutes} "
                                     f"minutes to respond, the same as '{low.id}' (level {low.level})"
                                     + (", with the same ladder and the same people told" if alike else ""),
                             hint=f"a worse situation usually needs a faster answer: make it less than "
                                  f"{low.respond_within_minutes}" + (", or merge the two severities" if alike else
                                                                     " if it should be answered faster"))
    yield from _major_needs(playbook, origins)


def _major_needs(playbook: Playbook, origins: Origins) -> Iterator[Diagnostic]:
    """A major incident (every level, without a threshold) must have a deadline and tell someone;
    below `major_from` a level may be just a ticket."""
    esc = playbook.escalation
    below = (f"only a level below the major incident threshold '{esc.major_from}' may leave it out"
             if esc.major_from else "or set 'major_from:' in escalation to let less severe levels leave it out")
    for s, severity in enumerate(esc.severities):
        if not esc.is_major(severity):
            continue
        if not severity.notify:
            yield origins.at("escalation", None, "severities", s,
                             message=f"severity '{severity.id}' routes nowhere: nobody is notified",
                             hint="add 'notify:' with the roles that must hear about it")
        if severity.respond_within_minutes is None:
            yield origins.at("escalation", None, "severities", s,
                             message=f"severity '{severity.id}' has no response deadline",
                             hint=f"add 'respond_within_minutes:'; {below}")
        if severity.ladder is None and not severity.timeline:  # a timeline is the plan: it pages nobody
            yield origins.at("escalation", None, "severities", s,
                             message=f"severity '{severity.id}' has no ladder and no timeline: nobody is paged and "
                                     "no plan is written",
                             hint=f"add 'ladder:' with the ladder that takes over, or 'timeline:' with the plan; "
                                  f"{below}")


def _unused_severities(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    used = {t.severity for t in playbook.triggers}
    for s, severity in enumerate(playbook.escalation.severities):
        if severity.id not in used:
            yield origins.at("escalation", None, "severities", s, "id", level="warning",
                             message=f"no trigger leads to severity '{severity.id}'",
                             hint="the triage wizard and the checker can never reach it; map a trigger to it")


def ladders_needing_after_last_step(playbook: Playbook) -> set[str]:
    """The ladders of the upper half of the severities (by level; the middle one included):
    when nobody answers there, "what now?" must already be written down. Only ladders page,
    so only they need it: a timeline ends in its own last step (often a decision)."""
    ordered = sorted(playbook.escalation.severities, key=playbook.escalation.rank)
    return {s.ladder for s in ordered[len(ordered) // 2:] if s.ladder}


def _after_last_step(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    needed = ladders_needing_after_last_step(playbook)
    for i, ladder in enumerate(playbook.escalation.ladders):
        if ladder.id in needed and ladder.after_last_step is None:
            users = sorted(s.name for s in playbook.escalation.severities if s.ladder == ladder.id)
            yield origins.at("escalation", None, "ladders", i,
                             message=f"ladder '{ladder.id}' does not say what happens after its last step",
                             hint=f"it serves {', '.join(users)}: add 'after_last_step:' with what to do when "
                                  "nobody acknowledges the last step (for example: call the comms lead's phone; "
                                  "if unreachable, pause all posting)")


# --------------------------------------------------------------------------- roles


def _role_actions(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    """An action a role lists must be one its permissions let it take."""
    actions = playbook.id_maps["action"]
    for i, role in enumerate(playbook.roles):
        for j, action_id in enumerate(role.actions or []):
            action = actions.get(action_id)
            if action is not None and action.requires is not None and action.requires not in role.permissions:
                yield origins.at("roles", i, "actions", j,
                                 message=f"role '{role.id}' lists action '{action_id}' but lacks the "
                                         f"'{action.requires.value}' permission it needs",
                                 hint=f"add '{action.requires.value}' to its permissions or remove the action")


def _roles(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    yield from _role_actions(playbook, origins, ctx)
    reached = _connected_roles(playbook)
    covered = _escalated_past(playbook)
    teams = {t.id for t in playbook.teams}
    # A missing backup is a gap only in a policy that names backups: one that names none (a
    # policy that governs who may post, not a rota) has no cover plan to leave a role out of.
    names_backups = any(role.backups for role in playbook.roles)
    for i, role in enumerate(playbook.roles):
        if role.team is None and role.id in teams:
            yield origins.at("roles", i, "id", message=f"role '{role.id}' has no team and the same id as team "
                             f"'{role.id}': their pages would have the same address",
                             hint="give the role a 'team:' or rename one of them")
        if role.id not in reached and not role.external:
            yield origins.at("roles", i, "id", message=f"role '{role.id}' is not connected to the team: it has no "
                             "'reports_to:' or 'escalates_to:', and no other role, ladder step, approval, account "
                             "or the policy owner names it",
                             hint="set 'reports_to:' or put the role on a ladder; a role outside the team "
                                  "(legal, executives) takes 'external: true'")
        if names_backups and not role.backups and role.id not in covered and not role.external:
            yield origins.at("roles", i, "id", level="warning", message=f"role '{role.id}' has no backup",
                             hint="add 'backups:' with a role that can step in when nobody in this role is on shift")


def _escalated_past(playbook: Playbook) -> set[str]:
    """Roles a ladder pages before another step: when nobody in them answers, the ladder itself
    pages someone else (primary, then backup on-call, then the whole team), so the role needs
    no `backups:` of its own to be covered."""
    return {role for ladder in playbook.escalation.ladders for step in ladder.steps[:-1]
            for role in playbook.step_roles(step)}


def _connected_roles(playbook: Playbook) -> set[str]:
    """Roles placed in the team's structure: named by a connecting reference (the model marks
    reporting lines, escalation, ladders, approvers, account owners and the policy owner as
    such), or with a reporting line or escalation of their own."""
    reached = {ref.value for ref in walk_references(playbook, connecting=True)}
    reached.update(role.id for role in playbook.roles if role.reports_to or role.escalates_to)
    return reached


def _vocabulary(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    kinds: dict[str, dict[str, int]] = defaultdict(dict)
    for i, term in enumerate(playbook.vocabulary):
        key = term.term.casefold()
        if term.kind.value in kinds[key]:
            first = kinds[key][term.kind.value]
            line = origins.line_of("vocabulary", first, "term")
            yield origins.at("vocabulary", i, "term", message=f"term '{term.term}' is listed twice",
                             hint=f"the first is at {origins.file_of('vocabulary', first)}:{line}")
        kinds[key].setdefault(term.kind.value, i)
    for _key, by_kind in sorted(kinds.items()):
        if "preferred" in by_kind and ({"banned", "profanity"} & by_kind.keys()):
            banned = by_kind["banned"] if "banned" in by_kind else by_kind["profanity"]
            yield origins.at("vocabulary", banned, "term",
                             message=f"term '{playbook.vocabulary[banned].term}' is both preferred and banned",
                             hint="keep one entry: a word cannot be required and forbidden")
    for i, term in enumerate(playbook.vocabulary):
        if term.kind.value in ("banned", "profanity") and term.use_instead:
            alt = term.use_instead.casefold()
            if {"banned", "profanity"} & kinds.get(alt, {}).keys():
                yield origins.at("vocabulary", i, "use_instead",
                                 message=f"'{term.use_instead}' is offered instead of '{term.term}' but is banned too",
                                 hint=f"offer a word that is not banned, or remove 'use_instead' from '{term.term}'")


def _keyword_options(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    """`endings`, `case_sensitive` and `context` name keywords of their own trigger (crisis,
    date or event): a keyword misspelt there would silently keep its old matching."""
    holders: list[tuple[str, int | None, Any, str]] = [
        ("triggers", i, t, f"trigger '{t.id}'") for i, t in enumerate(playbook.triggers)]
    holders += [("calendar", i, d, f"date '{d.id}'") for i, d in enumerate(playbook.calendar)]
    holders += [("watchlist", i, e, f"event '{e.id}'") for i, e in enumerate(playbook.watchlist)]
    holders.append(("crisis", None, playbook.crisis, "crisis mode"))
    for section, i, holder, name in holders:
        known = {k.casefold(): k for k in holder.keywords}
        named: list[tuple[tuple[Any, ...], str]] = [(("endings", n), k) for n, k in enumerate(holder.endings)]
        named += [(("case_sensitive", n), k) for n, k in enumerate(getattr(holder, "case_sensitive", []))]
        named += [(("context", n, "keyword"), c.keyword) for n, c in enumerate(getattr(holder, "context", []))]
        for path, keyword in named:
            if keyword.casefold() not in known:
                hint = suggest(keyword, known.values()) or f"its keywords: {', '.join(holder.keywords) or 'none'}"
                yield origins.at(section, i, *path, message=f"'{keyword}' is not a keyword of {name}", hint=hint)


def _holding_statements(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    for i, statement in enumerate(playbook.holding_statements):
        if statement.expires is not None and statement.expires < ctx.today:
            yield origins.at("holding_statements", i, "expires", level="warning",
                             message=f"holding statement '{statement.id}' expired on {statement.expires.isoformat()}",
                             hint="review the wording and set a new 'expires:' date, or remove it")


def _campaign_hashtags(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    """An approved hashtag whose campaign is over: the checker now asks to revise every post
    that uses it, so someone who forgot to extend it hears it here first. A note, not a
    warning: an ended campaign left on the list is how the checker can say "it ended on ..."
    instead of "not approved", so keeping it is right and must not fail a --strict build."""
    for i, tag in enumerate(playbook.voice.hashtags):
        if tag.until is not None and tag.until < ctx.today:
            yield origins.at("voice", None, "hashtags", i, "until", level="info",
                             message=f"the campaign of {tag.tag} ('{tag.campaign}') ended on "
                                     f"{tag.until.isoformat()}: the checker asks to revise posts that use it",
                             hint="set a later 'until:' if the campaign runs on")


def _training(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    can_sign = {r.id for r in playbook.roles if Permission.sign_off in r.permissions}
    roles = {r.id for r in playbook.roles}
    for p, path in enumerate(playbook.onboarding):
        for m, milestone in enumerate(path.milestones):
            who = milestone.signed_off_by
            if who and who in roles and who not in can_sign:
                yield origins.at("onboarding", p, "milestones", m, "signed_off_by",
                                 message=f"role '{who}' signs off '{milestone.id}' but cannot sign off training",
                                 hint=f"give '{who}' the 'sign_off' permission or choose another role")
    for i, role in enumerate(playbook.roles):
        for j, stage in enumerate(role.progression):
            who = stage.signed_off_by
            if who and who in roles and who not in can_sign:
                yield origins.at("roles", i, "progression", j, "signed_off_by",
                                 message=f"role '{who}' signs off the {stage.stage} stage "
                                         "but cannot sign off training",
                                 hint=f"give '{who}' the 'sign_off' permission or choose another role")
    yield from _stage_order(playbook, origins)
    with_path = {p.role for p in playbook.onboarding}
    # A missing path is a gap only in a policy that onboards someone: one with no path and no
    # stages at all (a policy that only governs who may post) states no onboarding to complete.
    onboards = bool(with_path) or any(role.progression for role in playbook.roles)
    for i, role in enumerate(playbook.roles):
        if onboards and role.id not in with_path and not role.progression and not role.external:
            yield origins.at("roles", i, "id", level="warning", message=f"role '{role.id}' has no onboarding path",
                             hint="add a path for it to the 'onboarding:' section, or give it 'progression:' stages; "
                                  "a role outside the team (legal, executives) takes 'external: true'")


def _stage_order(playbook: Playbook, origins: Origins) -> Iterator[Diagnostic]:
    """A role's progression follows the declared order of stages, each stage once."""
    order = {stage.id: n for n, stage in enumerate(playbook.process.stages)}
    declared = ", ".join(order)
    for i, role in enumerate(playbook.roles):
        last = -1
        for j, stage in enumerate(role.progression):
            place = order.get(stage.stage)
            if place is None:
                continue  # an unknown stage id is reported by the reference check
            if place <= last:
                yield origins.at("roles", i, "progression", j, "stage",
                                 message=f"role '{role.id}' lists the '{stage.stage}' stage out of order",
                                 hint=f"list its stages in the declared order: {declared}")
            last = max(last, place)


def _crisis(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    crisis = playbook.crisis
    if not crisis.active:
        return
    for name in ("incident", "since", "until", "message"):
        if getattr(crisis, name) is None:
            yield origins.at("crisis", None, "active", message=f"crisis mode is on but '{name}' is not set",
                             hint=f"add '{name}:' so the banner can say what is happening")
    if crisis.since and crisis.until and crisis.until <= crisis.since:
        yield origins.at("crisis", None, "until", message="crisis mode ends before it starts",
                         hint="'until:' must be later than 'since:'")


def _watchlist(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    """A live event must end after it starts; one already over is a warning (someone forgot it)."""
    for i, event in enumerate(playbook.watchlist):
        if event.expires <= event.since:
            yield origins.at("watchlist", i, "expires",
                             message=f"watchlist event '{event.id}' expires before it starts",
                             hint="'expires:' must be later than 'since:'")
        elif event.expires.date() < ctx.today:
            yield origins.at("watchlist", i, "expires", level="warning",
                             message=f"watchlist event '{event.id}' expired on {event.expires:%Y-%m-%d %H:%M}",
                             hint="renew 'expires:' if the story is still running, or remove the entry")


_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$|<([a-z][a-z0-9+.-]*:[^>\s]*)>",
                   re.IGNORECASE | re.MULTILINE)
_SAFE_SCHEMES = ("http:", "https:", "mailto:")


def unsafe_links(text: str) -> list[str]:
    """Link targets in Markdown whose scheme could run script (javascript:, data:, ...)."""
    bad = []
    for match in _LINK.finditer(text):
        target = next(g for g in match.groups() if g)
        compact = re.sub(r"[\s\x00-\x1f]", "", target).lower()
        if re.match(r"^[a-z][a-z0-9+.-]*:", compact) and not compact.startswith(_SAFE_SCHEMES):
            bad.append(target)
    return bad


def markdown_fields(playbook: Playbook) -> Iterator[tuple[str, int | None, tuple[Any, ...], str]]:
    """(section, index, path, text) of every field that accepts Markdown."""
    if playbook.handbook.welcome:
        yield "handbook", None, ("welcome",), playbook.handbook.welcome
    if playbook.voice.summary:
        yield "voice", None, ("summary",), playbook.voice.summary
    for m, module in enumerate(playbook.modules):
        yield "modules", m, ("content",), module.content


def _markdown_links(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    for section, index, path, text in markdown_fields(playbook):
        for target in unsafe_links(text):
            yield origins.at(section, index, *path, message=f"link to '{target}' is not allowed in Markdown",
                             hint="links may use http:, https: or mailto:, or point to a page of the handbook")


def _rotations(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    """A rotation pages its members, or everyone holding its role: with neither it pages nobody."""
    for r, rotation in enumerate(playbook.rotations):
        if not rotation.members and not rotation.role:
            yield origins.at("rotations", r, message=f"rotation '{rotation.id}' names no members and no role: "
                             "a step that pages it reaches nobody",
                             hint="add 'members:' (person ids from the roster) or 'role:' (whoever holds it)")


# Every check of this module, with the sections it reads (checks.py skips one whose
# sections have a broken part; "*" reads them all).
CHECKS = (
    Check("duplicate ids", (), _duplicates),
    Check("unique names", ("approvals", "escalation", "triggers"), _names),
    Check("references", (), _references),
    Check("ids that are reserved words", ("roles", "escalation"), _reserved_ids),
    Check("escalation and reporting circles", (), _cycles),
    Check("severity order", ("escalation",), _severity_order),
    Check("severities no trigger reaches", ("escalation", "triggers"), _unused_severities),
    Check("what follows the last ladder step", ("escalation",), _after_last_step),
    Check("roles connected to the team", ("handbook", "accounts", "roles", "escalation", "approvals"), _roles),
    Check("vocabulary", (), _vocabulary),
    Check("keyword options", ("triggers", "calendar", "watchlist", "crisis"), _keyword_options),
    Check("holding statement expiry", (), _holding_statements),
    Check("campaign hashtags that have ended", ("voice",), _campaign_hashtags),
    Check("training sign-offs and paths", ("roles", "onboarding"), _training),
    Check("crisis mode", (), _crisis),
    Check("watchlist dates", ("watchlist",), _watchlist),
    Check("Markdown links", (), _markdown_links),
    Check("rotations reach someone", ("rotations",), _rotations),
)
