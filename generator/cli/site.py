"""The site commands `playbook build`, `bundle`, `serve` and `generate`: thin wrappers over generator/mkdocs/.

`build` and `serve` take `--engine`: MkDocs with the playbook plugin (the default), or
Zensical on the generated files (generator/mkdocs/zensical.py). Each engine's module is
imported only when it runs.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..mkdocs.project import Project
from .shared import echo, project_options

ENGINE_OPTION = click.option(
    "--engine", type=click.Choice(["mkdocs", "zensical"]), default="mkdocs", show_default=True,
    help="The site engine: MkDocs with Material, or Zensical (pip install 'social-playbook[zensical]').")

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
@ENGINE_OPTION
def build(project: Project, site_dir: Path | None, strict: bool, offline: bool, public: bool, engine: str) -> None:
    """Validate the playbook, then build the site; a failed build leaves the old site untouched.

    With --offline the links end in .html and search, the checker and the triage wizard
    need no server, so the site opens from disk (see also `playbook bundle`). With --public
    every channel marked internal is left out and people are anonymous (no name, id, contact
    or forge handle), as `public: true` in the plugin's options does. With --engine zensical
    Zensical builds the same pages (--offline needs MkDocs for now).
    """
    if engine == "zensical":
        if offline:
            raise click.UsageError("--offline needs --engine mkdocs for now: Zensical's offline mode asks "
                                   "unpkg.com for a script (see the README, Zensical)")
        from ..mkdocs.zensical import build_with_zensical

        target = build_with_zensical(project.required_config(), site_dir, strict, public=public,
                                     say=lambda line: click.echo(line, err=True))
        click.echo(f"site built in {target} by Zensical", err=True)
        return
    from ..mkdocs.build import build_site, mkdocs_logging

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
    from ..mkdocs.build import bundle_site, mkdocs_logging

    with mkdocs_logging():
        count = bundle_site(project.required_config(), out, strict, public=public)
    echo(f"wrote {out} ({count} files); unzip it and open {out.stem}/index.html", err=True)


def address_option(text: str | None) -> str | None:
    """--dev-addr as HOST:PORT with a port from 1 to 65535, or a usage error saying so."""
    if text is None:
        return None
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise click.BadParameter(f"'{text}' is not HOST:PORT with a port from 1 to 65535; e.g. 127.0.0.1:8000",
                                 param_hint="--dev-addr")
    return text


def _announce(address: str) -> None:
    echo(f"preview ready: {address} (rebuilds on every save; Ctrl+C stops it)")


@click.command(short_help="Live preview that rebuilds on every save.")
@project_options(policy=False)
@click.option("-a", "--dev-addr", metavar="HOST:PORT", default=None, callback=lambda _c, _p, v: address_option(v),
              help="Where to serve the preview (default: 127.0.0.1:8000).")
@ENGINE_OPTION
@click.option("--dirty", is_flag=True,
              help="Rebuild only the pages a save changed (MkDocs' serve --dirty on the generated pages): "
                   "seconds instead of minutes for a large handbook.")
def serve(project: Project, dev_addr: str | None, engine: str, dirty: bool) -> None:
    """Live preview: rebuilds and reloads the browser when a YAML file or template changes.

    When the server is ready it prints the preview's full address, including the path of
    site_url in mkdocs.yml (e.g. http://127.0.0.1:8000/handbook/). With --dirty, or with
    --engine zensical, the engine serves the generated pages; after a save only the changed
    YAML file is read again, only the pages that read what changed are rendered again, and
    only the files whose bytes changed are rewritten, so the engine rebuilds only those
    (when the navigation changes, the other pages get it in the background).
    """
    if dirty and engine == "mkdocs":
        from ..mkdocs.live import mkdocs_engine
        from ..mkdocs.zensical import serve_generated_files

        serve_generated_files(project.required_config(), dev_addr, mkdocs_engine(), _announce,
                              lambda line: click.echo(line, err=True))
        return
    if engine == "zensical":
        from ..mkdocs.zensical import serve_with_zensical

        serve_with_zensical(project.required_config(), dev_addr, _announce, lambda line: click.echo(line, err=True))
        return
    from ..mkdocs.build import mkdocs_logging, serve_site

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
    from ..mkdocs.standalone import generate_project

    for note in generate_project(project.required_config(), out, public=public):
        echo(f"info: {note}", err=True)
    echo(f"wrote {out}/mkdocs.yml and {out}/docs/; build it with 'mkdocs build -f {out}/mkdocs.yml'",
               err=True)
