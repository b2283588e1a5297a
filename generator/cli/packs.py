"""`playbook packs`: the knowledge packs shipped with the tool, which of them the project's
policy turns on, and (`playbook packs show ID`) every entry of one, with its source."""

from __future__ import annotations

from pathlib import Path

import click

from .. import clock
from ..lint.loader import load_or_raise
from ..mkdocs.project import find_project, find_root
from ..model import Playbook
from ..model.movable import movable_text, occurrences
from ..packs.model import Lexicon, PackDay, Tragedy
from ..packs.names import listed_words, shipped_kinds
from ..packs.reader import Pack, shipped
from ..packs.select import Active, activate, severity_map
from .shared import DIRECTORY, DIRECTORY_OPTION, echo


@click.command(short_help="List the knowledge packs and which are on.")
@click.argument("action", required=False, type=click.Choice(["show"]))
@click.argument("pack_id", required=False, metavar="[ID]")
@DIRECTORY_OPTION
@click.option("--playbook", "playbook_dir", type=click.Path(path_type=Path), default=None,
              help="The policy folder (default: the project's, when there is one).")
def packs(action: str | None, pack_id: str | None, directory: Path | None, playbook_dir: Path | None) -> None:
    """List the shipped packs (id, name, version, when reviewed, entries) and, inside a project,
    which its policy turns on and the entries it switches off or overrides. `playbook packs show
    ID` lists a pack's entries with their sources."""
    playbook = _policy(directory, playbook_dir)
    active = activate(playbook, clock.today()) if playbook is not None else None
    known = shipped()
    if action is None:
        echo(packs_text(known, playbook, active))
        return
    if pack_id is None or pack_id not in known:
        raise click.BadParameter(f"'{pack_id or ''}' is not a pack; known: {', '.join(known)}", param_hint="ID")
    echo(pack_text(known[pack_id], playbook, active))


def _policy(directory: Path | None, playbook_dir: Path | None) -> Playbook | None:
    """The project's policy when there is a project (or --playbook), else None: the shipped
    packs are listed anywhere."""
    start = directory or click.get_current_context().meta.get(DIRECTORY) or Path(".")
    if playbook_dir is None and find_root(Path(start).resolve()) is None:
        return None
    folder = playbook_dir or find_project(Path(start)).playbook_dir
    return load_or_raise(folder).playbook


def packs_text(known: dict[str, Pack], playbook: Playbook | None, active: Active | None) -> str:
    on = {p.id for p in active.packs} if active else set()
    rows = [("pack", "name", "version", "reviewed", "days", "tragedies", "lexicons", "in use" if active else "")]
    for pack in known.values():
        info = pack.data.pack
        rows.append((pack.id, info.name, info.version, info.reviewed.isoformat(), str(len(pack.data.days)),
                     str(len(pack.data.tragedies)), str(len(pack.data.lexicons)),
                     ("yes" if pack.id in on else "no") if active else ""))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    if playbook is None or active is None:
        lines.append("(no project here: `playbook packs` inside one also says which packs its policy turns on)")
        return "\n".join(lines)
    overridden = sorted(e.data.id for e in active.entries if e.overridden)
    mapping = ", ".join(f"{k} -> {v}" for k, v in severity_map(playbook).items())
    lines += ["", f"on: {', '.join(sorted(on)) or 'none'} ({len(active.entries)} entries)",
              f"switched off: {', '.join(active.off) or 'none'}", f"overridden: {', '.join(overridden) or 'none'}",
              f"replaced by the policy's own entry: {', '.join(active.shadowed) or 'none'}",
              f"severities: {mapping}"]
    return "\n".join(lines)


def pack_text(pack: Pack, playbook: Playbook | None, active: Active | None) -> str:
    info = pack.data.pack
    lines = [f"{pack.id}: {info.name}, version {info.version}, reviewed {info.reviewed.isoformat()}",
             f"countries: {', '.join(info.countries) or 'all'}; languages: {', '.join(info.languages) or '-'}",
             f"licence: {info.licence}"]
    states, kinds = _states(playbook, active), shipped_kinds()
    for title, entries in (("days", pack.data.days), ("tragedies", pack.data.tragedies),
                           ("lexicons", pack.data.lexicons)):
        if not entries:
            continue
        lines += ["", title]
        for entry in entries:
            state = f" [{states[entry.id]}]" if entry.id in states else ""
            lines.append(f"  {entry.id}{state}: {_summary(entry, kinds)}")
            lines.append(f"    source: {entry.source}; review by {entry.review.isoformat()}")
    return "\n".join(lines)


def _states(playbook: Playbook | None, active: Active | None) -> dict[str, str]:
    if playbook is None or active is None:
        return {}
    states = dict.fromkeys(active.off, "off")
    states.update(dict.fromkeys(active.shadowed, "replaced by the policy's own"))
    states.update({e.data.id: "overridden" for e in active.entries if e.overridden})
    return states


def _summary(entry: PackDay | Tragedy | Lexicon, kinds: set[str]) -> str:
    if isinstance(entry, PackDay):
        when = entry.date or movable_text(entry)
        year = clock.today().year
        dates = ", ".join(d.isoformat() for d in occurrences(entry, [year, year + 1]))
        when = f"{when}; {dates}" if dates else when
        return f"{entry.name} ({when}), {entry.kind.value}, severity {entry.severity.value}"
    if isinstance(entry, Tragedy):
        words = listed_words(entry, kinds)
        return f"{entry.name} ({entry.kind.value}, {entry.date.isoformat()}): {', '.join(words)}"
    counts = [f"{len(entry.phrases)} phrases", f"{len(entry.patterns)} patterns", f"{len(entry.emoji)} emoji"]
    return f"{entry.category.value} ({entry.language}), severity {entry.severity.value}: {', '.join(counts)}"
