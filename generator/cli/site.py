"""The site commands `playbook build`, `serve` and `generate`: thin wrappers over generator/mkdocs/."""

from __future__ import annotations

from pathlib import Path

import click

from ..mkdocs.build import build_site, mkdocs_logging, serve_site
from ..mkdocs.standalone import generate_project
from .shared import CONFIG_OPTION


@click.command()
@CONFIG_OPTION
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to put the site (default: site_dir from the config).")
@click.option("--strict", is_flag=True, help="Fail on playbook warnings and on MkDocs warnings.")
def build(config_file: Path, site_dir: Path | None, strict: bool) -> None:
    """Validate the playbook, then build the site; a failed build leaves the old site untouched."""
    with mkdocs_logging():
        target = build_site(config_file, site_dir, strict)
    click.echo(f"site built in {target}", err=True)


@click.command()
@CONFIG_OPTION
@click.option("-a", "--dev-addr", metavar="HOST:PORT", default=None,
              help="Where to serve the preview (default: localhost:8000).")
def serve(config_file: Path, dev_addr: str | None) -> None:
    """Live preview: rebuilds and reloads the browser when a YAML file or template changes."""
    with mkdocs_logging():
        serve_site(config_file, dev_addr)


@click.command()
@CONFIG_OPTION
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder to write: OUT/mkdocs.yml and OUT/docs/.")
def generate(config_file: Path, out: Path) -> None:
    """Write the handbook as Markdown files and a plugin-free mkdocs.yml, for other engines."""
    generate_project(config_file, out)
    click.echo(f"wrote {out}/mkdocs.yml and {out}/docs/; build it with 'mkdocs build -f {out}/mkdocs.yml'",
               err=True)
