"""Contact channels and the public handbook (issue 13, part 3).

The team's handbook shows every channel (marked internal where it is); `playbook build
--public` builds a site with no internal channel and no person's name on any page, in the
checker's rules or in the search index, checked on the built HTML itself.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import example_playbook, make_project
from generator.load.loader import load_playbook
from generator.render.project import render_project
from test_plugin import playbook_cli


def internal_values_and_names() -> tuple[list[str], list[str], list[str]]:
    loaded = load_playbook(example_playbook())
    assert loaded.playbook is not None
    channels = [c for r in loaded.playbook.roles for c in r.channels]
    channels += [c for p in loaded.playbook.roster for c in p.channels]
    internal = [c.value for c in channels if c.internal]
    public = [c.value for c in channels if not c.internal]
    names = [p.name for p in loaded.playbook.roster]
    assert internal and public and names, "the example must use internal and public channels and a roster"
    return internal, public, names


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("public") / "project")


def test_the_team_handbook_shows_every_channel_where_the_role_is_named(project: Path) -> None:
    pages = {path: page.markdown for path, page in render_project(project).site.pages.items()}
    role = pages["roles/comms-legal/comms-lead.md"]
    assert "## How to reach" in role
    assert "- Crisis room (chat): \\#crisis\\-room *(internal)*" in role
    assert "Press office (email): [press@northwind\\.example](mailto:press@northwind.example)" in role
    assert any("Crisis room (chat)" in text for path, text in pages.items() if path.startswith("escalation/"))
    assert "Reach this role: Crisis room (chat)" in pages["cards/comms-lead.md"]


def test_public_rendering_drops_internal_channels_and_names(project: Path) -> None:
    internal, _, names = internal_values_and_names()
    site = render_project(project, public=True).site
    text = "\n".join(page.markdown for page in site.pages.values())
    for value in internal + names:
        assert value not in text and value.replace("-", "\\-").replace("#", "\\#") not in text, value
    assert "Press office (email)" in text
    assert "Team member 1" in text


def test_playbook_build_public_leaves_them_out_of_every_file(project: Path) -> None:
    internal, _, names = internal_values_and_names()
    result = playbook_cli(project, "build", "--public", "-d", str(project / "public"))
    assert result.returncode == 0, result.stderr
    files = [p for p in (project / "public").rglob("*") if p.suffix in (".html", ".json", ".js", ".xml")]
    found = [(value, p.name) for p in files for value in internal + names
             if value in p.read_text(encoding="utf-8", errors="replace")]
    assert found == []
    comms = (project / "public" / "roles" / "comms-legal" / "comms-lead" / "index.html").read_text()
    assert "press@northwind.example" in comms and "Crisis room" not in comms


def test_the_people_page_shows_a_persons_channels_beside_their_contact(tmp_path: Path) -> None:
    folder = tmp_path / "playbook"
    shutil.copytree(example_playbook(), folder)
    roster = folder / "roster.yaml"
    contact = '    contact:\n      - channel: Slack\n        address: "@ben"\n'
    assert contact in roster.read_text()
    roster.write_text(roster.read_text().replace(contact, contact + (
        "    channels:\n      - {label: Pager, value: BEN-PAGER-7, kind: pager, internal: true}\n"
        "      - {label: Desk line, value: ext 4411, kind: phone}\n")))
    project = make_project(tmp_path / "project", folder)
    people = render_project(project).site.pages["people/index.md"].markdown
    ben = people[people.index("## Ben Kowalski"):]
    ben = ben[:ben.index("- **Training:**")]
    assert "    - Slack: @ben\n" in ben
    assert "    - Pager (pager): BEN\\-PAGER\\-7 *(internal)*\n" in ben
    assert "    - Desk line (phone): ext 4411\n" in ben
    public = render_project(project, public=True).site.pages["people/index.md"].markdown
    assert "BEN\\-PAGER\\-7" not in public and "@ben" not in public and "ext 4411" in public
