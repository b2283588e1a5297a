"""A project's handbook in one call: load and validate its playbook, then render every page.

The MkDocs plugin and `playbook generate` both start here, so they publish the same pages
from the same checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..clock import build_today
from ..diff.history import release_history
from ..lint.loader import Loaded, load_or_raise
from ..resources import PLAYBOOK_DIR as DEFAULT_PLAYBOOK_DIR
from ..resources import TEMPLATES_DIR as DEFAULT_TEMPLATES_DIR
from .public import PUBLIC_VIEW, public_history, public_playbook
from .site import Site, render_site


@dataclass(frozen=True)
class Rendered:
    site: Site
    title: str
    warnings: list[str]
    notes: list[str]  # info lines: what the build left out and why, never a failure


def render_project(project_root: Path, playbook_dir: str = DEFAULT_PLAYBOOK_DIR,
                   templates_dir: str = DEFAULT_TEMPLATES_DIR, strict: bool = False,
                   loaded: Loaded | None = None, public: bool = False) -> Rendered:
    """Load, validate and render a project's playbook; UserError carries every problem.

    `loaded` is a playbook the caller already validated (`playbook build` does so before
    MkDocs starts), so that a build reads and checks the YAML once, not twice. `public`
    renders the copy without internal channels and with people anonymous, and a change
    history that names nobody (see public.py).
    """
    day = build_today()
    loaded = loaded or load_or_raise(project_root / playbook_dir, strict=strict, today=day)
    assert loaded.playbook is not None  # load_or_raise returns only valid playbooks
    playbook = public_playbook(loaded.playbook) if public else loaded.playbook
    history = release_history(project_root / playbook_dir, loaded.playbook,
                              handbook_file=Path(loaded.origins.file_of("handbook")),
                              view=PUBLIC_VIEW if public else None)
    if public:
        history = public_history(history)
    site = render_site(playbook, loaded.origins, project_root, [project_root / templates_dir],
                       today=day, history=history)
    warnings = [d.format() for d in loaded.report.sorted() if d.level == "warning"]
    return Rendered(site, loaded.playbook.handbook.title, warnings, list(history.notes))
