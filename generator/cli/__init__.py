"""The `playbook` command line: thin wrappers that call the pipeline and translate failures.

A user's mistake (an invalid playbook, a missing folder) becomes located messages and
exit 1; a usage error is Click's exit 2; anything else is our bug and keeps its traceback.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import click

from .. import __version__
from ..diagnostics import Report
from ..load.loader import load_playbook
from .options import PLAYBOOK_OPTION
from ..resources import bundled
from ..load.schema import schema_text


def emit_report(report: Report, output_format: str = "text") -> None:
    """Diagnostics go to stderr as text (like a compiler) or to stdout as JSON."""
    if output_format == "json":
        click.echo(report.format_json())
    else:
        click.echo(report.format_text(), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playbook")
def main() -> None:
    """Turn a social team's YAML playbook into a training-and-operations handbook."""


@main.command()
@PLAYBOOK_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Judge expiry dates as of this day (default: today).")
def validate(playbook_dir: Path, output_format: str, strict: bool, today: dt.datetime | None) -> None:
    """Check the playbook and report every problem, located as FILE:LINE:COL."""
    loaded = load_playbook(playbook_dir, today.date() if today else None)
    emit_report(loaded.report, output_format)
    sys.exit(1 if loaded.report.failed(strict) else 0)


@main.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the schema to this file instead of standard output.")
def schema(out: Path | None) -> None:
    """Print the JSON Schema (draft-07) of a playbook file, for editors."""
    if out is None:
        click.echo(schema_text(), nl=False)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(schema_text(), encoding="utf-8")


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Start a new team's playbook in DIRECTORY from the example."""
    target = directory / "playbook"
    if target.exists() and any(target.iterdir()):
        click.echo(f"{target}:1:1: error: a playbook already exists here\n"
                   "    hint: choose an empty folder; nothing was changed", err=True)
        sys.exit(1)
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copytree(bundled("playbook"), target, dirs_exist_ok=True)
    (directory / "schema").mkdir(exist_ok=True)
    (directory / "schema" / "playbook.schema.json").write_text(schema_text(), encoding="utf-8")
    config = directory / "mkdocs.yml"
    if not config.exists():
        shutil.copyfile(bundled("mkdocs.yml"), config)
    click.echo(f"created {target}/ from the example; edit it, then run 'playbook validate' in {directory}")


from .site import build as _build, generate as _generate, serve as _serve  # noqa: E402

main.add_command(_build)
main.add_command(_serve)
main.add_command(_generate)

from .check import check as _check, export as _export  # noqa: E402

main.add_command(_check)
main.add_command(_export)
