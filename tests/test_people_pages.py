"""Every person on the roster is reachable on the site: the People page, role pages, calendars."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.lint.loader import load_playbook
from generator.queries import paths
from generator.render.site import render_site

ROOT = Path(__file__).resolve().parent.parent


def test_every_person_has_an_entry_a_calendar_and_is_named_on_their_role_pages():
    loaded = load_playbook(ROOT / "playbook")
    playbook = loaded.playbook
    site = render_site(playbook, loaded.origins, ROOT)
    people = site.pages[paths.PEOPLE].markdown
    for person in playbook.roster:
        assert f'<a id="{person.id}"></a>\n## {person.name}' in people
        assert paths.person_calendar(person.id) in site.assets
        assert f"(calendars/person-{person.id}.ics)" in people
        for role_id in person.roles:
            role_page = site.pages[ctx_role_path(playbook, role_id)].markdown
            assert f"#{person.id})" in role_page.split("## Backups")[1].split("## Reports to")[0], (person.id, role_id)
    sofia = "[Sofia Alvarez](../../people/index.md#sofia-a)"  # the Customer Care Liaison the issue found nowhere
    assert sofia in site.pages[ctx_role_path(playbook, "care-liaison")].markdown


def ctx_role_path(playbook, role_id: str) -> str:
    return paths.role(role_id, playbook.role(role_id).team)


def test_backup_roles_name_their_people_on_the_role_page():
    loaded = load_playbook(ROOT / "playbook")
    site = render_site(loaded.playbook, loaded.origins, ROOT)
    page = site.pages[paths.role("legal-liaison", "comms-legal")].markdown
    assert "- **People in this role:** [Marta Kowalski](../../people/index.md#marta-k)" in page
    assert "    - [Head of Communications](comms-lead.md): [Hannah Price](../../people/index.md#hannah-p)" in page


def test_a_role_nobody_holds_says_so_on_its_page(tmp_path):
    """The example staffs every role; without its legal liaison the page says nobody holds it."""
    folder = tmp_path / "playbook"
    shutil.copytree(ROOT / "playbook", folder)
    roster = folder / "roster.yaml"
    text = roster.read_text(encoding="utf-8")
    roster.write_text(text[:text.index("\n  - id: marta-k\n")] + "\n", encoding="utf-8")
    loaded = load_playbook(folder)
    assert loaded.playbook is not None, loaded.report
    page = render_site(loaded.playbook, loaded.origins, tmp_path).pages[paths.role("legal-liaison", "comms-legal")]
    assert "- **People in this role:** nobody on the roster" in page.markdown


def test_the_on_shift_page_links_every_role_and_person_for_the_script():
    loaded = load_playbook(ROOT / "playbook")
    site = render_site(loaded.playbook, loaded.origins, ROOT)
    page = site.pages[paths.ONCALL].markdown
    for role in loaded.playbook.roles:
        assert f'<span class="pb-ref" data-pb-role="{role.id}"></span>[' in page
    for person in loaded.playbook.roster:
        assert f'<span class="pb-ref" data-pb-person="{person.id}"></span>[' in page
