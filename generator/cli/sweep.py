"""`playbook sweep`: which queued posts to pull, hold or keep, each judged at its own time.

Exit codes: 0 nothing to pull, 1 a post must be pulled (or, with `--fail-on hold`, held)
or a row could not be read (located errors on stderr, the other rows still judged), 2 a
usage error.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any

import click

from ..checker.schedule import (
    COLUMNS,
    DATE_ORDERS,
    parse_map,
    read_export,
    summary,
    summary_line,
    volume_flags,
)
from ..checker.schedule import sweep as judge
from ..diagnostics import suggest
from ..inert import escape_controls, spreadsheet_cell
from ..mkdocs.project import Project
from .compiled import compiled_rules, complete_ids
from .shared import REPORT_FORMAT, echo, emit_report, project_options, read_input

OFFSET = re.compile(r"([+-]\d\d:\d\d)$")  # "09:00+01:00" reads as "09:00 +01:00" in the table
CSV_FIELDS = ("line", "id", "account", "time", "action", "verdict", "rule", "reason")


def _read(source: str) -> tuple[str, str]:
    return read_input(source, "export", "export it as CSV UTF-8 (Excel: 'CSV UTF-8'; Google Sheets always does)")


CACHE_OPTION = click.option("--cache/--no-cache", default=True, show_default=True,
                            help="Reuse the rules compiled from unchanged playbook files.")


def schedule_options(scope: str = "") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--map, --date-order and --fail-on, declared once for `sweep` and `check --schedule`
    (which are the same run): `scope` prefixes the help, e.g. "With --schedule: "."""
    def say(text: str) -> str:
        return scope + (text[0].lower() + text[1:] if scope else text)

    options = (
        click.option("--map", "--columns", "maps", multiple=True, metavar="COLUMN=HEADER",
                     help=say(f"Read COLUMN ({', '.join(COLUMNS)}) from the export's HEADER; repeat for several.")),
        click.option("--date-order", type=click.Choice(DATE_ORDERS), default=None,
                     help=say("How slashed dates read when both numbers could be the month (03/04/2026).")),
        click.option("--fail-on", type=click.Choice(["pull", "hold"]), default="pull", show_default=True,
                     help=say("Exit 1 when any post must be pulled, or also when any must be held.")),
    )

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            command = option(command)
        return command
    return decorate


@click.command(short_help="Judge a scheduler's queue, each post at its own time.")
@project_options(policy=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="A table, one JSON document, or CSV to open in a spreadsheet.")
@click.option("--account", default=None, metavar="ID", shell_complete=complete_ids("accounts"),
              help="The account of rows that name none (one profile's export).")
@click.option("--tz", "zone", default=None, metavar="ZONE",
              help="Time zone of times written without one (default: each account's posting time zone).")
@schedule_options()
@CACHE_OPTION
@click.argument("export", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.pass_context
def sweep(ctx: click.Context, project: Project, output_format: str, maps: tuple[str, ...], account: str | None,
          zone: str | None, date_order: str | None, fail_on: str, cache: bool, export: str) -> None:
    """Judge every post of EXPORT (a scheduler's CSV or JSON export, or - for standard input)
    as if it went out at its scheduled time: sensitive dates, the news watchlist and crisis
    mode included. Prints which posts to pull, hold or keep, most severe first.

    Columns (any order, names folded): id, account (id, handle or name), time ('YYYY-MM-DD
    HH:MM', with +01:00, Z or a zone name; or separate date and time columns), text, and
    optionally media, alt, author role, timezone. The names used by common scheduling tools
    are accepted (Message, Post, Caption; Profile, Channel; Scheduled at, Publish time...).
    """
    run_sweep(ctx, project, output_format, maps, account, zone, date_order, fail_on, cache, export)


def run_sweep(ctx: click.Context, project: Project, output_format: str, maps: tuple[str, ...], account: str | None,
              zone: str | None, date_order: str | None, fail_on: str, cache: bool, export: str) -> None:
    """The sweep itself, shared by `playbook sweep EXPORT` and `playbook check --schedule EXPORT`
    so that the two spellings cannot drift apart."""
    if output_format == "json":
        ctx.meta[REPORT_FORMAT] = "json"
    try:
        mapping = parse_map(maps)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    rules = compiled_rules(project.playbook_dir, cache)
    if account is not None and account not in rules["accounts"]:
        hint = suggest(account, rules["accounts"]) or f"known: {', '.join(sorted(rules['accounts']))}"
        raise click.UsageError(f"unknown account '{account}' in --account; {hint}")
    text, name = _read(export)
    queue = read_export(rules, text, name, mapping, account, zone, date_order)
    judged = judge(rules, queue.posts)
    volume = volume_flags(rules, queue.posts)
    counts = summary(judged, len(queue.report.errors), len(volume))
    if output_format == "json":
        echo(json.dumps({"summary": counts, "posts": judged, "volume": volume,
                               "errors": [d.as_json() for d in queue.report.sorted()]}, indent=2, ensure_ascii=False))
    elif output_format == "csv":
        echo(as_csv(judged), nl=False)
    else:
        echo(as_table(judged, name))
        for flag in volume:
            echo(f"posting volume: {flag['account']}: {flag['message']}")
        echo(summary_line(counts))
    if queue.report.errors and output_format != "json":
        emit_report(queue.report)
    stopping = {"pull"} if fail_on == "pull" else {"pull", "hold"}
    held = "hold" in stopping and bool(volume)  # a day off the volume needs fixing before it comes, like a hold
    ctx.exit(1 if queue.report.errors or held or any(j["action"] in stopping for j in judged) else 0)


def as_table(judged: list[dict[str, Any]], name: str) -> str:
    """One line a post: where it is in the export, when, which account, what to do and why."""
    rows = [tuple(escape_controls(cell, keep="") for cell in (
        f"{name}:{j['line']}", j["id"], OFFSET.sub(r" \1", j["time"].replace("T", " ")), j["account"],
        j["action"], j["verdict"], j["reason"] + (f" [{j['rule']}]" if j["rule"] else ""))) for j in judged]
    header = ("row", "id", "time", "account", "action", "verdict", "reason")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=False)) + "  " + r[-1]
                     for r in [header, *rows])


def as_csv(judged: list[dict[str, Any]]) -> str:
    """The verdicts for a spreadsheet: every cell inert (no formula, no control character)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for j in judged:
        writer.writerow([spreadsheet_cell(str(j[f])) if j[f] is not None else "" for f in CSV_FIELDS])
    return out.getvalue()
