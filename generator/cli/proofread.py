"""`playbook proofread`: the holding statements and voice examples, run through the draft checker.

One proofreader: the very checks `validate` runs (lint/policy/text.py), which judge each text
on every account it is for (a LinkedIn-only statement on LinkedIn), shown on their own."""

from __future__ import annotations

import click

from .. import clock
from ..diagnostics import Report, UserError
from ..lint.checks import Context, run_checks
from ..lint.loader import load_or_raise
from ..lint.policy.text import CHECKS as PROOFREADING
from ..mkdocs.project import Project
from .shared import echo, project_options


@click.command(short_help="Run the ready-made texts through the draft checker.")
@project_options(policy=True)
def proofread(project: Project) -> None:
    """Run every holding statement and every voice 'do' example through the draft checker, on
    every account each is for; each one it would send back for revision is an error, located
    in its YAML file (exit 1). A "don't" example the checker lets through is a warning."""
    loaded = load_or_raise(project.playbook_dir)
    assert loaded.playbook is not None  # load_or_raise returns only valid playbooks
    report = Report(run_checks(PROOFREADING, loaded.playbook, loaded.origins, Context(clock.today())))
    if report.errors:
        raise UserError(report)
    for warning in report.sorted():
        echo(warning.format(), err=True)
    echo(f"{len(loaded.playbook.holding_statements)} holding statements and "
         f"{len(loaded.playbook.voice.examples)} voice examples pass the draft checker", err=True)
