"""The site commands `playbook build`, `bundle`, `serve` and `generate`: thin wrappers over generator/mkdocs/."""

from __future__ import annotations

from pathlib import Path

import click

from ..mkdocs.build import build_site, bundle_site, mkdocs_logging, serve_site
from ..mkdocs.project import Project
from ..mkdocs.standalone import generate_project
from .shared import echo, project_options

PUBLIC_HELP = ("For readers outside the team: no internal channels; people anonymous "
               "(no names, ids, contact details or forge handles).")


@click.command(short_help="Validate the playbook, then build the site.")
@project_options(policy=False)
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to put the site (default: site_dir from the config).")
@click.option("--strict", is_flag=True, help="Fail on playbook warnings and on MkDocs warnings.")
@click.option("--offline", is_flag=True,
              help="A site that works opened from disk (file://).")
@click.option("--public", is_flag=True, help=PUBLIC_HELP)
def build(project: Project, site_dir: Path | None, strict: bool, offline: bool, public: bool) -> None:
    """Validate the playbook, then build the site; a failed build leaves the old site untouched.

    With --offline the links end in .html and search, the checker and the triage wizard
    need no server, so the site opens from disk (see also `playbook bundle`). With --public
    every channel marked internal is left out and people are anonymous (no name, id, contact
    or forge handle), as `public: true` in the plugin's options does.
    """
    with mkdocs_logging():
        target = build_site(project.required_config(), site_dir, strict, offline=offline, public=public)
    if offline:
        echo(f"site built in {target}; open {target / 'index.html'} in a browser", err=True)
    else:
        echo(f"site built in {target}; publish it, or preview it with 'playbook serve' "
                   "('playbook build --offline' makes a site that opens from disk)", err=True)


@click.command(short_help="Zip the offline handbook.")
@project_options(policy=False)
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("handbook.zip"),
              show_default=True, help="The zip file to write.")
@click.option("--strict", is_flag=True, help="Fail on playbook warnings and on MkDocs warnings.")
@click.option("--public", is_flag=True, help=PUBLIC_HELP)
def bundle(project: Project, out: Path, strict: bool, public: bool) -> None:
    """Build the offline handbook and zip it: unzip anywhere, open handbook/index.html, no network needed.

    With --public the bundle is the public handbook, as `playbook build --public` makes it.
    """
    with mkdocs_logging():
        count = bundle_site(project.required_config(), out, strict, public=public)
    echo(f"wrote {out} ({count} files); unzip it and open {out.stem}/index.html", err=True)


def _announce(address: str) -> None:
    echo(f"preview ready: {address} (rebuilds on every save; Ctrl+C stops it)")


@click.command(short_help="Live preview that rebuilds on every save.")
@project_options(policy=False)
@click.option("-a", "--dev-addr", metavar="HOST:PORT", default=None,
              help="Where to serve the preview (default: 127.0.0.1:8000).")
def serve(project: Project, dev_addr: str | None) -> None:
    """Live preview: rebuilds and reloads the browser when a YAML file or template changes.

    When the server is ready it prints the preview's full address, including the path of
    site_url in mkdocs.yml (e.g. http://127.0.0.1:8000/handbook/).
    """
    with mkdocs_logging(on_ready=_announce):
        serve_site(project.required_config(), dev_addr)


@click.command(short_help="Markdown files and mkdocs.yml for other engines.")
@project_options(policy=False)
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder to write: OUT/mkdocs.yml and OUT/docs/.")
@click.option("--public", is_flag=True, help=PUBLIC_HELP)
def generate(project: Project, out: Path, public: bool) -> None:
    """Write the handbook as Markdown files and a plugin-free mkdocs.yml, for other engines.

    With --public (or `public: true` in the plugin's options) the files are the public
    handbook, already redacted, so any engine that builds them publishes nothing internal.
    """
    generate_project(project.required_config(), out, public=public)
    echo(f"wrote {out}/mkdocs.yml and {out}/docs/; build it with 'mkdocs build -f {out}/mkdocs.yml'",
               err=True)
