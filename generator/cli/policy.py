"""The commands about the policy itself: `validate`, `schema` and `init`."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import click

from ..diagnostics import UserError
from ..load.loader import load_playbook
from ..load.schema import schema_text
from ..resources import bundled
from .shared import PLAYBOOK_OPTION, REPORT_FORMAT, emit_report


@click.command()
@PLAYBOOK_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Judge expiry dates as of this day (default: today).")
@click.pass_context
def validate(ctx: click.Context, playbook_dir: Path, output_format: str, strict: bool,
             today: dt.datetime | None) -> None:
    """Check the playbook and report every problem, located as FILE:LINE:COL."""
    ctx.meta[REPORT_FORMAT] = output_format
    loaded = load_playbook(playbook_dir, today.date() if today else None)
    if loaded.report.failed(strict):
        raise UserError(loaded.report)
    emit_report(loaded.report, output_format)


@click.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the schema to this file instead of standard output.")
def schema(out: Path | None) -> None:
    """Print the JSON Schema (draft-07) of a playbook file, for editors."""
    if out is None:
        click.echo(schema_text(), nl=False)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(schema_text(), encoding="utf-8")


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Start a new team's playbook in DIRECTORY from the example."""
    target = directory / "playbook"
    if target.exists() and any(target.iterdir()):
        raise UserError.at(str(target), "a playbook already exists here", "choose an empty folder; nothing was changed")
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copytree(bundled("playbook"), target, dirs_exist_ok=True)
    (directory / "schema").mkdir(exist_ok=True)
    (directory / "schema" / "playbook.schema.json").write_text(schema_text(), encoding="utf-8")
    config = directory / "mkdocs.yml"
    if not config.exists():
        shutil.copyfile(bundled("mkdocs.yml"), config)
    click.echo(f"created {target}/ from the example; edit it, then run 'playbook validate' in {directory}")
