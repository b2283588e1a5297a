"""`playbook export vale`: the voice rules as a Vale style for other tools.

Its own module: it reads the whole validated policy, and `playbook check` (which the group
imports without this) must not pay for the models it needs.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..checker.vale import vale_files
from ..mkdocs.project import Project
from ..mkdocs.writer import write_tree
from .compiled import load_policy
from .shared import echo, project_options


@click.group(short_help="Export the playbook's rules for other tools.")
def export() -> None:
    """Export the playbook's rules for other tools."""


@export.command(short_help="A Vale style from the voice rules.")
@project_options(policy=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write the Vale configuration and style into (replaced whole on every run).")
def vale(project: Project, out: Path) -> None:
    """A Vale style from the voice rules, so editors and CI check the same words."""
    files = vale_files(load_policy(project.playbook_dir))
    write_tree(out, files, "export vale", project.inputs())
    echo(f"wrote {len(files)} files to {out}: run 'vale --config {out / '.vale.ini'} FILE'")
