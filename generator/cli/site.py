"""The site commands `playbook build`, `bundle`, `serve` and `generate`: thin wrappers over generator/mkdocs/."""

from __future__ import annotations

from pathlib import Path

import click

from ..mkdocs.build import build_site, bundle_site, mkdocs_logging, serve_site
from ..mkdocs.standalone import generate_project
from .shared import CONFIG_OPTION


@click.command()
@CONFIG_OPTION
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to put the site (default: site_dir from the config).")
@click.option("--strict", is_flag=True, help="Fail on playbook warnings and on MkDocs warnings.")
@click.option("--offline", is_flag=True,
              help="Build a site that works opened from disk (file://): .html links; search and tools need no server.")
def build(config_file: Path, site_dir: Path | None, strict: bool, offline: bool) -> None:
    """Validate the playbook, then build the site; a failed build leaves the old site untouched."""
    with mkdocs_logging():
        target = build_site(config_file, site_dir, strict, offline=offline)
    opened = f"; open {target / 'index.html'} in a browser" if offline else ""
    click.echo(f"site built in {target}{opened}", err=True)


@click.command()
@CONFIG_OPTION
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("handbook.zip"),
              show_default=True, help="The zip file to write.")
@click.option("--strict", is_flag=True, help="Fail on playbook warnings and on MkDocs warnings.")
def bundle(config_file: Path, out: Path, strict: bool) -> None:
    """Build the offline handbook and zip it: unzip anywhere, open handbook/index.html, no network needed."""
    with mkdocs_logging():
        count = bundle_site(config_file, out, strict)
    click.echo(f"wrote {out} ({count} files); unzip it and open {out.stem}/index.html", err=True)


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
