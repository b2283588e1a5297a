"""`playbook proofread`: the holding statements and voice examples, run through the draft checker."""

from __future__ import annotations

import click

from ..checker.proofread import proofread as proofread_texts
from ..diagnostics import Report, UserError
from ..load.loader import load_or_raise
from ..mkdocs.project import Project
from .shared import echo, project_options


@click.command(short_help="Run the ready-made texts through the draft checker.")
@project_options(policy=True)
def proofread(project: Project) -> None:
    """Run every holding statement and every voice 'do' example through the draft checker;
    each one it would send back for revision is an error, located in its YAML file (exit 1)."""
    loaded = load_or_raise(project.playbook_dir)
    assert loaded.playbook is not None  # load_or_raise returns only valid playbooks
    report = Report(proofread_texts(loaded.playbook, loaded.origins))
    if report.errors:
        raise UserError(report)
    echo(f"{len(loaded.playbook.holding_statements)} holding statements and "
               f"{len(loaded.playbook.voice.examples)} voice examples pass the draft checker", err=True)
