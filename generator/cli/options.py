"""Command-line options shared by more than one command, defined once."""

from __future__ import annotations

from pathlib import Path

import click

PLAYBOOK_OPTION = click.option(
    "--playbook", "playbook_dir", type=click.Path(path_type=Path), default=Path("playbook"),
    show_default=True, help="The folder of YAML files that holds the policy.")
