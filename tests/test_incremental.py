"""The preview redoes only what an edit touched, and never serves a stale page.

For several kinds of edit (a role's purpose, a role's name, a trigger's keyword, a severity's
deadline, an account's handle), on the example and on a synthetic playbook, the incremental
render (render/incremental.py) is compared with a whole render of the same files: every page
whose bytes differ from the last render must have been re-rendered, and every page, redone
or kept, must equal the whole render byte for byte (so the files written are exactly the
pages that changed). Only the edited file is parsed again.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import mkdocs_env
from generator.mkdocs import live
from generator.mkdocs.standalone import standalone_files
from generator.render.incremental import IncrementalRender
from generator.render.project import render_project
from generator.render.site import Site
from policy_edits import EDITS
from test_plugin import fetch, free_port, wait_for

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import synthesize  # noqa: E402


def contents(site: Site) -> dict[str, str | bytes]:
    return {**{path: page.markdown for path, page in site.pages.items()}, **site.assets}


def example_project(tmp_path: Path) -> Path:
    project = tmp_path / "example"
    shutil.copytree(ROOT / "playbook", project / "playbook")
    return project


def synthetic_project(tmp_path: Path) -> Path:
    project = tmp_path / "synthetic"
    synthesize(project, 30)
    return project


@pytest.mark.parametrize("make", [example_project, synthetic_project], ids=["example", "synthetic"])
def test_an_edit_re_renders_every_page_it_changes_and_the_result_is_a_whole_render(
        tmp_path: Path, make: Callable[[Path], Path]) -> None:
    project = make(tmp_path)
    incremental = IncrementalRender(project)
    incremental.render()
    before = contents(render_project(project).site)
    for kind, edit in EDITS.items():
        edited = edit(project / "playbook")
        kept = contents(incremental.render().site)
        assert incremental.parsed.parsed == [edited], kind
        whole = render_project(project)
        after = contents(whole.site)
        differ = {path for path in after if after[path] != before.get(path)}
        assert differ, f"{kind}: the edit changed no page"
        assert differ <= set(incremental.redone), f"{kind}: pages changed but not re-rendered"
        assert kept == after, f"{kind}: a kept page is stale"
        assert incremental.state is not None and incremental.state.site.nav == whole.site.nav, kind
        before = after


@pytest.mark.parametrize("make", [example_project, synthetic_project], ids=["example", "synthetic"])
def test_pages_left_pending_are_rendered_later_and_the_end_is_a_whole_render(
        tmp_path: Path, make: Callable[[Path], Path]) -> None:
    """`render(first=N)` renders the pages about the changed item and leaves the rest pending;
    after the pending pages are rendered in batches (a save may come in between), every page
    equals a whole render of the last save."""
    project = make(tmp_path)
    incremental = IncrementalRender(project)
    incremental.render()
    EDITS["role name"](project / "playbook", "Renamed")
    incremental.render(first=1)
    whole = contents(render_project(project).site)
    about = set(incremental.redone)
    assert incremental.pending() > 0 and about, "a role's name is on more pages than its own"
    assert {p for p in about if p.endswith(".md")} <= {p for p, page in whole.items()
                                                        if isinstance(page, str) and "Renamed" in page}
    assert any(p.startswith("roles/") for p in about), "the role's own page comes first"
    assert incremental.state is not None
    stale = {p for p, page in contents(incremental.state.site).items() if page != whole[p]}
    assert stale and stale <= set(incremental.state.pending), "a page neither right nor pending"
    incremental.render_pending(3)
    for edit in EDITS.values():  # later saves, each one with part of the last still pending
        edit(project / "playbook")
        incremental.render(first=2)
        incremental.render_pending(5)
    while incremental.render_pending(7) is not None:
        pass
    assert incremental.pending() == 0
    final = render_project(project)
    assert contents(incremental.state.site) == contents(final.site)
    assert incremental.state.site.nav == final.site.nav


def test_a_role_s_purpose_re_renders_only_the_pages_that_show_it(tmp_path: Path) -> None:
    """The precision that makes the preview fast: on the example, not one page more than those
    whose bytes change (the checker's pages and rules included: the policy with the packs added
    is made field by field, checker/packrules.py); on the synthetic playbook a few more, under a
    tenth of the handbook (a page rendered while a producer prepares another is counted as
    reading what that one read)."""
    for make in (example_project, synthetic_project):
        project = make(tmp_path)
        incremental = IncrementalRender(project)
        before = contents(incremental.render().site)
        EDITS["role purpose"](project / "playbook")
        after = contents(incremental.render().site)
        differ = {path for path in after if after[path] != before.get(path)}
        if make is example_project:
            assert set(incremental.redone) == differ
        assert differ <= set(incremental.redone) and len(incremental.redone) < len(after) / 10


def test_a_save_of_the_same_bytes_parses_nothing_and_re_renders_nothing(tmp_path: Path) -> None:
    project = example_project(tmp_path)
    incremental = IncrementalRender(project)
    first = contents(incremental.render().site)
    roles = project / "playbook" / "roles.yaml"
    roles.write_bytes(roles.read_bytes())
    assert contents(incremental.render().site) == first
    assert incremental.parsed.parsed == [] and incremental.redone == []


@pytest.mark.live_reload
def test_serve_dirty_shows_an_edit_and_the_new_navigation_reaches_the_other_pages(tmp_path: Path) -> None:
    project = tmp_path / "served"
    project.mkdir()
    for name in ("mkdocs.yml", "playbook", "docs"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, project / name)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--dirty", "--dev-addr",
                               f"127.0.0.1:{port}"], cwd=project, env=mkdocs_env(), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(iter(server.stdout.readline, "")), daemon=True).start()
    try:
        wait_for(lambda: any("preview ready:" in line for line in log), "the preview", log, seconds=300)
        base = next(line for line in log if "preview ready:" in line).split()[2]
        role_page, home = base + "roles/social/head-of-social/", base
        assert "Head of Social" in (fetch(role_page) or "")
        EDITS["role purpose"](project / "playbook", "Purposefully edited")
        wait_for(lambda: "Purposefully edited" in (fetch(role_page) or ""), "the new purpose", log, seconds=300)
        EDITS["role name"](project / "playbook", "Renamed")
        wait_for(lambda: "Head of Social Renamed" in (fetch(role_page) or ""), "the new name", log, seconds=300)
        # The home page does not show the role, but its navigation does: rewritten in the background.
        wait_for(lambda: "Head of Social Renamed" in (fetch(home) or ""), "the other pages' navigation", log,
                 seconds=600)
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=60)


def scratch_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("engine", [live.mkdocs_engine(), live.Engine("Zensical", lambda _c, _a: [])],
                         ids=["mkdocs", "zensical"])
def test_the_preview_serves_the_edited_pages_first_and_flags_every_page_still_due(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: live.Engine) -> None:
    """The preview's files (no engine runs: what it would be handed) after a name edit that
    touches most pages: at every step of the background, each page whose file differs from a
    whole render of the save is listed as due in status.json (with the navigation flagged
    while mkdocs.yml is held back), and at the end the scratch project is that whole render."""
    monkeypatch.setattr(live, "FIRST_PAGES", 5)
    monkeypatch.setattr(live, "PENDING_BATCH", 7)
    monkeypatch.setattr(live, "REST_BATCH", 30)
    monkeypatch.setattr(live, "SAVE_PAUSE", 0.0)
    monkeypatch.setattr(live, "REST_PAUSE", 0.0)
    project = synthetic_project(tmp_path)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    preview = live.Preview(project / "mkdocs.yml", scratch, engine, lambda _line: None)
    preview.refresh()
    EDITS["role name"](project / "playbook", "Renamed")
    preview.refresh()
    whole, _, _ = standalone_files(project / "mkdocs.yml", config_edits=preview.config_edits)
    steps = 0
    while True:
        status = json.loads((scratch / "docs" / live.STATUS).read_text(encoding="utf-8"))
        shown = scratch_files(scratch)
        wrong = {path for path, content in whole.items() if path.startswith("docs/") and path.endswith(".md")
                 and shown.get(path) != (content.encode() if isinstance(content, str) else content)}
        addresses = {live._address(path, True) for path in wrong}
        assert addresses <= set(status["stale"]), f"step {steps}: a stale page not flagged"
        assert (shown["mkdocs.yml"] != str(whole["mkdocs.yml"]).encode()) == status["navigation"], steps
        if not status["count"] and not status["navigation"]:
            break
        preview.catch_up()
        steps += 1
        assert steps < 200, "the background never ends"
    assert steps > 2, "the edit was not spread over the background"
    assert not wrong and shown["mkdocs.yml"] == str(whole["mkdocs.yml"]).encode()
