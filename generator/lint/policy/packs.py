"""The `packs:` section against the packs shipped with the tool: every pack and entry it names
exists, what an override names exists, and an active pack's entries are not past review."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, suggest
from ...model import Playbook
from ...packs.reader import shipped
from ...packs.select import ALIASES, pack_ids
from ...read.origins import Origins
from ..checks import Check, Context


def _use(origins: Origins, i: int) -> tuple[object, ...]:
    """Where the i-th pack id is written: under `use:`, or in the short form `packs: [core, gb]`."""
    written = origins.singles["packs"].data.get("packs") if "packs" in origins.singles else None
    return (i,) if isinstance(written, list) else ("use", i)


def _known(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    packs = shipped()
    for i, pack_id in enumerate(playbook.packs.use):
        if ALIASES.get(pack_id, pack_id) not in packs:
            yield origins.at("packs", None, *_use(origins, i), message=f"unknown pack '{pack_id}'",
                             hint=suggest(pack_id, packs) or f"shipped packs: {', '.join(packs)}")
    entries = {e.id: p.id for p in packs.values() for e in p.data.entries()}
    active = set(pack_ids(playbook))
    places: list[tuple[tuple[object, ...], str]] = [(("off", i), e) for i, e in enumerate(playbook.packs.off)]
    places += [(("override", entry_id), entry_id) for entry_id in playbook.packs.override]
    for path, entry_id in places:
        if entry_id not in entries:
            yield origins.at("packs", None, *path, message=f"unknown pack entry '{entry_id}'",
                             hint=suggest(entry_id, entries) or "`playbook packs show ID` lists a pack's entries",
                             key=path[0] == "override")
        elif entries[entry_id] not in active:
            yield origins.at("packs", None, *path, level="warning", key=path[0] == "override",
                             message=f"pack entry '{entry_id}' is in pack '{entries[entry_id]}', which is not in use",
                             hint=f"add {entries[entry_id]} to packs.use, or remove the line")


def _mappings(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    """The policy's severities and categories that `severities` and `categories` name (an
    override's severity, accounts and tiers are references: crosscheck.py checks them)."""
    known = {kind: set(playbook.id_maps[kind]) for kind in ("severity", "category")}
    places: list[tuple[tuple[object, ...], str, str]] = [
        (("severities", name), "severity", v) for name, v in playbook.packs.severities.items()]
    places += [(("categories", name), "category", v) for name, v in playbook.packs.categories.items()]
    for path, kind, value in places:
        if value not in known[kind]:
            noun = "trigger category" if kind == "category" else kind
            yield origins.at("packs", None, *path, message=f"unknown {noun} '{value}'",
                             hint=suggest(value, known[kind]) or f"known: {', '.join(sorted(known[kind]))}")


def _reviews(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    """An active pack with entries past their review date: the data may be stale (one note a
    pack, at the `use` item that turns it on: a language pack at its country's). A note, not a
    warning: the packs are the tool's data, dated by the tool's release, and a team's
    `build --strict` must not start failing on a date it did not write (issue 22)."""
    packs = shipped()
    written = [ALIASES.get(p, p) for p in playbook.packs.use]
    for found in pack_ids(playbook):
        due = [e.id for e in packs[found].data.entries() if e.review < ctx.today]
        if not due:
            continue
        i = written.index(found) if found in written else next(
            (n for n, p in enumerate(written) if p in packs and f"lex-{found[4:]}" == found
             and found[4:] in packs[p].data.pack.languages), 0)
        shown = ", ".join(due[:5]) + (f" and {len(due) - 5} more" if len(due) > 5 else "")
        yield origins.at("packs", None, *_use(origins, i), level="info",
                         message=f"pack '{found}' has {len(due)} entr{'y' if len(due) == 1 else 'ies'} past "
                                 f"their review date: {shown}",
                         hint="update the tool (a newer pack may be out), or switch them off in packs.off")


CHECKS = (
    Check("knowledge packs", ("packs",), _known),
    Check("knowledge pack severities and categories", ("packs", "escalation", "process"), _mappings),
    Check("knowledge pack reviews", ("packs",), _reviews),
)
