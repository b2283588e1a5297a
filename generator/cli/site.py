"""The site commands `playbook build`, `serve` and `generate`: thin Click wrappers.

A user's mistake (invalid policy, missing config, MkDocs refusing the build) becomes
located messages and exit 1; anything else is our bug and keeps its traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from mkdocs.exceptions import Abort

from ..diagnostics import PlaybookInvalid

CONFIG_OPTION = click.option(
    "-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), default=Path("mkdocs.yml"),
    show_default=True, help="The MkDocs config that enables the 'playbook' plugin.")


def fail(error: PlaybookInvalid | Abort) -> None:
    message = error.report.format_text() if isinstance(error, PlaybookInvalid) else error.format_message()
    click.echo(message, err=True)
    sys.exit(1)


@click.command()
@CONFIG_OPTION
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to put the site (default: site_dir from the config).")
@click.option("--strict", is_flag=True, help="Fail on playbook warnings and on MkDocs warnings.")
def build(config_file: Path, site_dir: Path | None, strict: bool) -> None:
    """Validate the playbook, then build the site; a failed build leaves the old site untouched."""
    from ..mkdocs.build import build_site, mkdocs_logging

    try:
        with mkdocs_logging():
            target = build_site(config_file, site_dir, strict)
    except (PlaybookInvalid, Abort) as error:
        fail(error)
    click.echo(f"site built in {target}", err=True)


@click.command()
@CONFIG_OPTION
@click.option("-a", "--dev-addr", metavar="HOST:PORT", default=None,
              help="Where to serve the preview (default: localhost:8000).")
def serve(config_file: Path, dev_addr: str | None) -> None:
    """Live preview: rebuilds and reloads the browser when a YAML file or template changes."""
    from ..mkdocs.build import mkdocs_logging, serve_site

    try:
        with mkdocs_logging():
            serve_site(config_file, dev_addr)
    except (PlaybookInvalid, Abort) as error:
        fail(error)


@click.command()
@CONFIG_OPTION
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder to write: OUT/mkdocs.yml and OUT/docs/.")
def generate(config_file: Path, out: Path) -> None:
    """Write the handbook as Markdown files and a plugin-free mkdocs.yml, for other engines."""
    from ..mkdocs.standalone import generate_project

    try:
        generate_project(config_file, out)
    except PlaybookInvalid as error:
        fail(error)
    click.echo(f"wrote {out}/mkdocs.yml and {out}/docs/; build it with 'mkdocs build -f {out}/mkdocs.yml'",
               err=True)
