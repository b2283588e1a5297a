"""The commands about the policy itself: `validate`, `schema` and `init`."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq

from .. import clock
from ..diagnostics import UserError
from ..lint.loader import load_playbook
from ..lint.policy.alarms import false_alarms
from ..mkdocs.outputs import Inputs, check_additions
from ..mkdocs.project import CONFIG_NAME, Project, find_project, find_root, read_config
from ..mkdocs.writer import staged_additions, write_errors, write_file
from ..model.schema import schema_text
from ..packs.reader import shipped
from ..packs.select import ALIASES
from ..read.redate import anchor_of, redate_text
from ..resources import PLAYBOOK_DIR, bundled
from .shared import DIRECTORY, REPORT_FORMAT, day_option, echo, emit_report, project_options

# `init --from NAME`: the bundled folder each starting point is copied from.
STARTERS = {"minimal": "starters/minimal", "example": PLAYBOOK_DIR}
SCHEMA_FILE = "schema/playbook.schema.json"
# What `init` adds to its folder; none of it may exist yet (an empty folder may).
NEW_PROJECT = {PLAYBOOK_DIR: "folder", SCHEMA_FILE: "file", CONFIG_NAME: "file"}


@click.command(short_help="Check the playbook; every problem, located.")
@project_options(policy=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Problems as FILE:LINE:COL lines, or one JSON document.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--today", "today_text", default=None, metavar="YYYY-MM-DD",
              help="Judge expiry dates as of this day, YYYY-MM-DD (default: today).")
@click.pass_context
def validate(ctx: click.Context, project: Project, output_format: str, strict: bool,
             today_text: str | None) -> None:
    """Check the playbook and report every problem, located as FILE:LINE:COL."""
    ctx.meta[REPORT_FORMAT] = output_format
    day = day_option(today_text, "--today")
    loaded = load_playbook(project.playbook_dir, day)
    if loaded.playbook is not None:  # how often its words would stop an ordinary post (validate only: slow)
        loaded.report.extend(false_alarms(loaded.playbook, loaded.origins))
    if loaded.report.failed(strict):
        raise UserError(loaded.report)
    emit_report(loaded.report, output_format)


@click.command(short_help="Print the JSON Schema of a playbook file.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the schema to this file instead of standard output.")
def schema(out: Path | None) -> None:
    """Print the JSON Schema (draft-07) of a playbook file, for editors."""
    if out is None:
        echo(schema_text(), nl=False)
    else:
        write_file(out, schema_text(), "schema", _inputs_here())


def _inputs_here() -> Inputs:
    """The inputs of the project around the current folder (or -C DIR), or none outside one."""
    start = click.get_current_context().meta.get(DIRECTORY) or Path(".")
    root = find_root(start.resolve())
    return find_project(root).inputs() if root is not None else Inputs(())


@click.command(short_help="Start a new team's project in DIRECTORY.")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default=None, help="The organisation's name, shown in the title.")
@click.option("--site-url", default=None, metavar="URL",
              help="Where the handbook will be published (asked for when omitted).")
@click.option("--from", "starter", type=click.Choice(sorted(STARTERS)), default="minimal", show_default=True,
              help="minimal: 1 team, 3 roles; example: the full example.")
@click.option("--countries", default=None, metavar="CODES",
              help="The countries the team posts for, e.g. gb,us,de (uk is gb): their knowledge packs, with "
                   "core, are turned on in packs: (asked for when omitted at a terminal; empty: core only; "
                   "omitted elsewhere: the starter's own packs).")
def init(directory: Path, name: str | None, site_url: str | None, starter: str, countries: str | None) -> None:
    """Start a new team's project in DIRECTORY: playbook/, mkdocs.yml and the schema.

    The project builds at once; hand-written pages in docs/ are optional. Without
    --site-url the address is asked for (leave it empty to set site_url in mkdocs.yml later);
    without --countries, the countries whose knowledge packs to turn on.
    """
    if site_url is None or countries is None:
        _refuse_early(directory)  # before asking anything
    if site_url is None:
        site_url = click.prompt("Address the handbook will be published at (empty: decide later)",
                                default="", show_default=False).strip() if _interactive() else ""
    if site_url and not site_url.startswith(("http://", "https://")):
        raise click.BadParameter("give the full address, starting with https://", param_hint="--site-url")
    if countries is None and _interactive():
        countries = click.prompt(f"Countries you post for, as codes ({', '.join(country_packs())}; empty: none)",
                                 default="", show_default=False)
    chosen = chosen_packs(countries) if countries is not None else None  # None: the starter's own
    with staged_additions(directory, NEW_PROJECT, "init", _inputs_around(directory)) as staging, \
            write_errors(directory):
        target = staging / PLAYBOOK_DIR
        shutil.copytree(bundled(STARTERS[starter]), target)
        _date_today(target)
        if name:
            _rewrite_yaml(target / "handbook.yaml", lambda data: _name(data, name))
        if chosen is not None:
            _write_packs(target / "calendar.yaml", chosen)
        (staging / SCHEMA_FILE).parent.mkdir()
        (staging / SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")
        shutil.copyfile(bundled(CONFIG_NAME), staging / CONFIG_NAME)
        _rewrite_yaml(staging / CONFIG_NAME, lambda data: _addresses(data, site_url))
    echo(next_steps(directory, starter, read_config(directory / CONFIG_NAME).get("site_url")))


def _inputs_around(directory: Path) -> Inputs:
    """The inputs of a project that already holds `directory` (init must not write into its
    policy, templates or docs), or none. A project at `directory` itself is judged by what
    init would add (NEW_PROJECT), so an empty playbook/ folder there is no obstacle."""
    above = next((p for p in directory.resolve().parents if p.is_dir()), Path("/"))
    root = find_root(above)
    return find_project(root).inputs() if root is not None else Inputs(())


def _refuse_early(directory: Path) -> None:
    check_additions(directory, NEW_PROJECT, "init", _inputs_around(directory))


def _date_today(playbook: Path) -> None:
    """Move the starter's policy-relative dates (effective date, reviews, expiries, windows) to
    today, so that a project made on any day builds --strict that day (see read/redate.py)."""
    files = sorted(playbook.rglob("*.y*ml"))
    texts = {str(path): path.read_text(encoding="utf-8") for path in files}
    anchor = anchor_of(texts)
    if anchor is None:
        return
    days = (clock.today() - anchor).days
    for path in files:
        moved = redate_text(texts[str(path)], days)
        if moved != texts[str(path)]:
            path.write_text(moved, encoding="utf-8")


def country_packs() -> list[str]:
    """The shipped packs of one country (not core, not a language's)."""
    return [p.id for p in shipped().values() if p.data.pack.countries]


def chosen_packs(countries: str) -> list[str]:
    """core and the country packs named in "gb, us de" (uk is gb), in that order, each once."""
    known = country_packs()
    chosen = ["core"]
    for code in countries.replace(",", " ").split():
        pack_id = ALIASES.get(code.strip().lower(), code.strip().lower())
        if pack_id not in known:
            raise click.BadParameter(f"'{code}' is not a country with a pack; known: {', '.join(known)}",
                                     param_hint="--countries")
        chosen.append(pack_id)
    return list(dict.fromkeys(chosen))


PACKS_HEADER = """\
# yaml-language-server: $schema=../schema/playbook.schema.json
# Somebody else's crisis: knowledge packs shipped with the tool (sensitive days per country,
# names of past tragedies, risk lexicons, each entry sourced; `playbook packs` lists them) and
# the team's own sensitive dates. `packs: {use: [...], off: [entry ids], override: {id: {...}}}`;
# the reference page documents every field. Add your own days under `calendar:`.
"""


def _write_packs(path: Path, chosen: list[str]) -> None:
    """`packs:` as init chose them: in the starter's calendar.yaml (its switches-off and overrides
    of packs not chosen dropped), or in a new one."""
    if not path.exists():
        path.write_text(PACKS_HEADER + f"packs: [{', '.join(chosen)}]\ncalendar: []\n", encoding="utf-8")
        return
    entries = {e.id: p.id for p in shipped().values() for e in p.data.entries()}

    def flow(items: list[str]) -> CommentedSeq:
        seq = CommentedSeq(items)
        seq.fa.set_flow_style()
        return seq

    def change(data: Any) -> None:
        packs = data.get("packs")
        if not isinstance(packs, dict):
            data["packs"] = flow(chosen)
            return
        packs["use"] = flow(chosen)
        kept = [i for i in packs.get("off", []) if entries.get(i) in chosen]
        if "off" in packs and not kept:
            del packs["off"]
        elif "off" in packs:
            packs["off"] = flow(kept)
        for key in [k for k in packs.get("override", {}) if entries.get(k) not in chosen]:
            del packs["override"][key]

    _rewrite_yaml(path, change)


def _interactive() -> bool:
    return sys.stdin.isatty()


def _name(data: Any, name: str) -> None:
    data["handbook"]["organisation"] = name
    data["handbook"]["title"] = f"{name} Social Team Handbook"


def _addresses(config: Any, site_url: str) -> None:
    """The new project's own address, or none yet; never the example's repository."""
    if site_url:
        config["site_url"] = site_url if site_url.endswith("/") else site_url + "/"
    else:
        config.pop("site_url", None)
    for key in ("repo_url", "edit_uri"):  # set them to your repository for "Edit this page"
        config.pop(key, None)


def _rewrite_yaml(path: Path, change: Any) -> None:
    """Edit a YAML file in round-trip mode, so its comments stay."""
    yaml = YAML()
    yaml.width = 4096
    yaml.preserve_quotes = True
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)


def next_steps(directory: Path, starter: str, site_url: str | None) -> str:
    path = urlsplit(site_url).path if site_url else "/"
    return "\n".join([
        f"created {directory}/: {PLAYBOOK_DIR}/ (from the {starter} template), {CONFIG_NAME}, schema/",
        f"next, in {directory}/ (cd {directory}):",
        "  playbook validate   # every problem in the YAML, located",
        f"  playbook serve      # live preview at http://127.0.0.1:8000{path.rstrip('/')}/",
        "  playbook build      # the site in site/, ready to publish",
    ])
