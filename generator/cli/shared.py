"""What more than one command shares: the options that find the project, and how reports print."""

from __future__ import annotations

from pathlib import Path

import click

from ..diagnostics import Report

PLAYBOOK_OPTION = click.option(
    "--playbook", "playbook_dir", type=click.Path(path_type=Path), default=Path("playbook"),
    show_default=True, help="The folder of YAML files that holds the policy.")

CONFIG_OPTION = click.option(
    "-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), default=Path("mkdocs.yml"),
    show_default=True, help="The MkDocs config that enables the 'playbook' plugin.")

# A command that prints its report as JSON sets this in `ctx.meta`, so that a failure
# reaching the error handler is printed in the same form as a success would have been.
REPORT_FORMAT = "playbook.report_format"


def emit_report(report: Report, output_format: str = "text") -> None:
    """Diagnostics go to stderr as text (like a compiler) or to stdout as JSON."""
    if output_format == "json":
        click.echo(report.format_json())
    else:
        click.echo(report.format_text(), err=True)
