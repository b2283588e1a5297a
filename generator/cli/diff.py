"""`playbook diff OLD [NEW]`: what a policy change means, in plain words, and whom it affects."""

from __future__ import annotations

import datetime as dt

import click

from ..diff.changes import compare
from ..diff.revision import load_side
from ..mkdocs.project import Project
from ..render.change_words import FORMATS
from .shared import echo, project_options


@click.command(short_help="What a policy change means, and whom it affects.")
@project_options(policy=True)
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
              help="text for a terminal, markdown for a pull request comment, json for tools.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when the policy changed (for CI), 0 when it did not.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Judge expiry dates as of this day (default: today).")
@click.argument("old")
@click.argument("new", required=False)
@click.pass_context
def diff(ctx: click.Context, project: Project, output_format: str, exit_code: bool, today: dt.datetime | None,
         old: str, new: str | None) -> None:
    """Print what changed in the policy from OLD to NEW, one line per change, with the roles it affects.

    OLD and NEW are each a playbook folder or a git revision of this repository (v2.0,
    HEAD~1, main), read from git without a checkout; NEW defaults to the working tree.
    Moving YAML between files is not a change.
    """
    day = today.date() if today else None
    playbook_dir = project.playbook_dir
    before, old_label = load_side(old, playbook_dir, day)
    after, new_label = load_side(new, playbook_dir, day)
    assert before.playbook is not None and after.playbook is not None  # load_side raises otherwise
    changes = compare(before.playbook, after.playbook)
    echo(FORMATS[output_format](changes, old_label, new_label), nl=output_format != "markdown")
    if exit_code and changes.changes:
        ctx.exit(1)
