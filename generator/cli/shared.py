"""What more than one command shares: the options that find the project, and how reports print."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from .. import clock
from ..dates import parse_moment, read_iso, zone_of
from ..diagnostics import Report, UserError
from ..inert import escape_controls
from ..mkdocs.project import find_project

# A command that prints its report as JSON sets this in `ctx.meta`, so that a failure
# reaching the error handler is printed in the same form as a success would have been.
REPORT_FORMAT = "playbook.report_format"
# `playbook -C DIR COMMAND` (git's form) keeps DIR here for the command to start from.
DIRECTORY = "playbook.directory"

DIRECTORY_OPTION = click.option(
    "-C", "--directory", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
    help="Find the project from DIR, not the current folder.")


def project_options(policy: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """-C, -f (and --playbook for commands that read only the policy), resolved to one `project`.

    Every command finds its project by the same rule (generator/mkdocs/project.py).
    """
    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def with_project(*args: Any, directory: Path | None, config_file: Path | None,
                         playbook_dir: Path | None = None, **kwargs: Any) -> Any:
            start = directory or click.get_current_context().meta.get(DIRECTORY)
            return command(*args, project=find_project(start, config_file, playbook_dir), **kwargs)

        if policy:
            with_project = click.option(
                "--playbook", "playbook_dir", type=click.Path(path_type=Path), default=None,
                help="The policy folder (default: playbook_dir in mkdocs.yml).")(with_project)
        with_project = click.option(
            "-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
            help="The project's mkdocs.yml (default: found upward).")(with_project)
        return DIRECTORY_OPTION(with_project)
    return decorate


def echo(text: str, err: bool = False, nl: bool = True) -> None:
    """Every command's output: click.echo with control characters from the input escaped
    (generator/inert.py), so no post, id or name can drive the terminal. Line breaks and
    tabs of the output's own layout are kept; JSON stays valid (`\\uXXXX` is JSON's escape)."""
    click.echo(escape_controls(text, keep="\n\t"), err=err, nl=nl)


def read_input(source: str, what: str, hint: str) -> tuple[str, str]:
    """The text of a FILE argument, or of standard input for `-`, and the name to locate it by.

    Both are read as bytes and decoded the same way (UTF-8, a byte-order mark dropped), so a
    draft or export that is not UTF-8 gets the same located error from a pipe as from a file,
    instead of being judged as whatever the terminal's encoding made of it."""
    name = "<stdin>" if source == "-" else source
    data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    try:
        return data.decode("utf-8-sig"), name
    except UnicodeDecodeError as error:
        before = data[:error.start]
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        raise UserError.at(name, f"the {what} is not UTF-8 text", hint, before.count(b"\n") + 1, column) from None


def emit_report(report: Report, output_format: str = "text") -> None:
    """Diagnostics go to stderr as text (like a compiler) or to stdout as JSON."""
    if output_format == "json":
        echo(report.format_json())
    else:
        echo(report.format_text(), err=True)



def zone_option(name: str) -> ZoneInfo:
    """--tz as a zone (generator/dates.py reads it), or a usage error that says what a zone looks like."""
    try:
        return zone_of(name)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--tz") from None


def moment_option(text: str | None, zone: ZoneInfo) -> dt.datetime:
    """--at as every command reads it (dates.parse_moment: a wall-clock time in the zone, or the
    instant an offset names, shown in the zone), or now; a usage error naming --at otherwise."""
    if text is None:
        return clock.now().astimezone(zone)
    try:
        return parse_moment(text, zone)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--at") from None


def day_option(text: str | None, option: str) -> dt.date | None:
    """A day typed as `option` (--today), read by the same reader as --at: its date as written."""
    try:
        return read_iso(text).date() if text is not None else None
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint=option) from None


AT_OPTION = click.option("--at", "at_text", default=None, metavar='"YYYY-MM-DD HH:MM"',
                         help="The moment to ask about, read in --tz (default: now).")
TZ_OPTION = click.option("--tz", "zone_name", default=None, metavar="ZONE",
                         help="IANA time zone of --at and of the times shown (default: the team's reference zone).")
