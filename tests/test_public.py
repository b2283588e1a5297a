"""Contact channels and the public handbook (issue 13, part 3).

The team's handbook shows every channel (marked internal where it is); `playbook build
--public` builds a site with no internal channel and no person's name on any page, in the
checker's rules or in the search index, checked on the built HTML itself.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import example_playbook, make_project, mkdocs_env
from generator.diff.changes import compare
from generator.diff.history import History, Release
from generator.lint.loader import load_playbook
from generator.model import Channel, Playbook
from generator.queries.references import walk_references
from generator.render.project import render_project
from generator.render.public import public_history, public_playbook
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
    assert "Press office (email): [press@northwindroasters\\.com](mailto:press@northwindroasters.com)" in role
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
    assert "press@northwindroasters.com" in comms and "Crisis room" not in comms


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
    assert "BEN\\-PAGER\\-7" not in public and "@ben" not in public and "ext 4411" not in public


def test_a_persons_channel_is_public_only_by_their_explicit_choice(tmp_path: Path) -> None:
    folder = tmp_path / "playbook"
    shutil.copytree(example_playbook(), folder)
    roster = folder / "roster.yaml"
    contact = '    contact:\n      - channel: Slack\n        address: "@ben"\n'
    roster.write_text(roster.read_text().replace(contact, contact + (
        "    channels:\n      - {label: Desk line, value: ext 4411, kind: phone}\n"
        "      - {label: Press line, value: ext 5522, kind: phone, public: true}\n")))
    project = make_project(tmp_path / "project", folder)
    public = render_project(project, public=True).site.pages["people/index.md"].markdown
    assert "ext 4411" not in public and "Press line (phone): ext 5522" in public
    both = roster.read_text().replace("ext 5522, kind: phone, public: true", "ext 5522, kind: phone, public: true, "
                                      "internal: true")
    roster.write_text(both)
    loaded = load_playbook(folder)
    assert [d.message for d in loaded.report.errors] == [
        "person 'ben-k', channel 2: a channel is either internal or public, not both"]


# --------------------------------------------------------------------------- people anonymous everywhere

# Distinctive values planted in a copy of the example: none may reach a public build's files.
OLD_NAME = "Ottoline Vexford"  # the person's name in release v3.0: only the change history still shows it
# Secrets in every field that holds one: a role's and a rotation's internal channel (label and
# value) and the person's own channel without `public: true`, each changed between v3.0 and v3.1,
# so the team's change history words the old and the new value; none may reach a public output.
RELEASED = {"SECRET-ROLE-OLD-7731": "SECRET-ROLE-NEW-7732", "SECRET-ROT-OLD-8841": "SECRET-ROT-NEW-8842",
            "SECRET-HOME-OLD-9951": "SECRET-HOME-NEW-9952", "Qx war room": "Qx war room B"}
PLANTED = {"id": "zebedee-qx", "name": "Zebedee Quarrington", "phone": "+44 20 7946 9753",
           "email": "zebedee.q@private.example", "slack": "@zebedee", "forge": "zeb-quarrington",
           "old name": OLD_NAME, **{f"old {n}": old for n, old in enumerate(RELEASED)},
           **{f"new {n}": new for n, new in enumerate(RELEASED.values())}}
OPTED_IN = "PUBLIC-DESK-5550"  # the person's channel marked `public: true`: the only one a public handbook shows
AUTHOR = {"GIT_AUTHOR_NAME": "Gertrude Blickensderfer", "GIT_AUTHOR_EMAIL": "gertrude.b@secret.example",
          "GIT_COMMITTER_NAME": "Gertrude Blickensderfer", "GIT_COMMITTER_EMAIL": "gertrude.b@secret.example",
          "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
# Role channels of every kind, to see which become links (social-media-manager's page).
LINKED_CHANNELS = (
    "      - {label: Status page, value: \"javascript:alert(1)\", kind: url}\n"
    "      - {label: Desk line, value: \"+44 (0)20 7946 0000\", kind: phone}\n"
    "      - {label: Wiki, value: \"https://wiki.example/a_(b)?x=1&y=2\", kind: url}\n"
    "      - {label: Old room, value: \"http://chat.example/room\", kind: chat}\n"
    "      - {label: Room, value: \"https://chat.example/room\", kind: chat}\n"
    "      - {label: Pager, value: NW-DESK-2, kind: pager}\n")


def plant(folder: Path, name: str) -> None:
    """Priya becomes the planted person (id, name, phone, email, chat handle, forge handle), everywhere."""
    for path in folder.glob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("priya-s", PLANTED["id"]).replace("Priya Shah", name)
        text = text.replace('address: "+44 20 7946 0101"', f'address: "{PLANTED["phone"]}"')
        text = text.replace('address: "@priya"', f'address: "{PLANTED["slack"]}"\n'
                            f'      - channel: Email\n        address: {PLANTED["email"]}\n'
                            "    channels:\n      - {label: Home line, value: SECRET-HOME-OLD-9951, kind: phone}\n"
                            f"      - {{label: Desk, value: {OPTED_IN}, kind: phone, public: true}}")
        text = text.replace("{label: Night pager, value: NW-NIGHT-1, kind: pager, internal: true}",
                            "{label: Night pager, value: SECRET-ROT-OLD-8841, kind: pager, internal: true}")
        path.write_text(text.replace("@priya-shah", "@" + PLANTED["forge"]), encoding="utf-8")
    roles = folder / "roles.yaml"
    anchor = '      - {label: On-call phone, value: "+44 20 7946 0120", kind: phone, internal: true}\n'
    secret = "      - {label: Qx war room, value: SECRET-ROLE-OLD-7731, kind: other, internal: true}\n"
    roles.write_text(roles.read_text(encoding="utf-8").replace(anchor, anchor + secret + LINKED_CHANNELS, 1),
                     encoding="utf-8")


def in_git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, env={**os.environ, **AUTHOR})


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with a planted person, in git: v3.0 names them Ottoline Vexford, v3.1 renames
    them, so the non-public change history shows the old name (and the commits have an author)."""
    root = tmp_path_factory.mktemp("planted")
    folder = root / "playbook"
    shutil.copytree(example_playbook(), folder)
    plant(folder, OLD_NAME)
    project = make_project(root / "project", folder)
    in_git(project, "init", "-q", "-b", "main")
    in_git(project, "add", "-A")
    in_git(project, "commit", "-q", "-m", "Version 3.0")
    in_git(project, "tag", "v3.0")
    book = project / "playbook"
    for path in book.glob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace(OLD_NAME, PLANTED["name"])
        for old, new in RELEASED.items():
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    handbook = book / "handbook.yaml"
    handbook.write_text(handbook.read_text(encoding="utf-8").replace('version: "3.0"', 'version: "3.1"'))
    in_git(project, "commit", "-q", "-am", "Version 3.1")
    in_git(project, "tag", "v3.1")
    return project


def run(project: Path, cache: Path, *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True,
                          env={**mkdocs_env(), "PLAYBOOK_CACHE_DIR": str(cache)}, timeout=600)
    assert done.returncode == 0, done.stderr


def site_texts(folder: Path) -> dict[str, str]:
    """Every file of a built site or generated project as text (a sitemap.xml.gz unpacked)."""
    texts = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        texts[path.relative_to(folder).as_posix()] = data.decode("utf-8", errors="replace")
    return texts


def planted_in(texts: dict[str, str]) -> list[tuple[str, str]]:
    """(planted value, file) for every planted value or commit author found, in any spelling a page uses."""
    values = [*PLANTED.values(), AUTHOR["GIT_AUTHOR_NAME"], AUTHOR["GIT_AUTHOR_EMAIL"], "79469753"]
    spellings = {v: (v, v.replace("-", "\\-").replace(".", "\\."), v.replace("+", "\\+")) for v in values}
    return [(value, path) for path, text in texts.items() for value in values
            if any(s in text for s in spellings[value])]


@pytest.fixture(scope="module")
def outputs(planted: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """The team's site, and the public handbook as each command makes it."""
    out = tmp_path_factory.mktemp("outputs")
    cache = out / "cache"
    run(planted, cache, "build", "-d", str(out / "team"))
    run(planted, cache, "build", "--public", "-d", str(out / "public"))
    run(planted, cache, "bundle", "--public", "-o", str(out / "bundle.zip"))
    with zipfile.ZipFile(out / "bundle.zip") as bundle:
        bundle.extractall(out / "bundle")
    run(planted, cache, "generate", "--public", "-o", str(out / "generated"))
    # The plugin's own option does the same for `generate` without the flag.
    config = planted / "mkdocs.yml"
    team_config = config.read_text(encoding="utf-8")
    assert "\n  - playbook:\n" in team_config
    config.write_text(team_config.replace("\n  - playbook:\n", "\n  - playbook:\n      public: true\n"))
    try:
        run(planted, cache, "generate", "-o", str(out / "by-option"))
    finally:
        config.write_text(team_config)
    built = {}
    for name in ("generated", "by-option"):
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(out / name / "mkdocs.yml"),
                               "-d", str(out / f"{name}-site")], capture_output=True, text=True, env=mkdocs_env())
        assert done.returncode == 0, done.stderr
        built[f"{name} + mkdocs build"] = site_texts(out / f"{name}-site")
    return {"team": site_texts(out / "team"), "build --public": site_texts(out / "public"),
            "bundle --public": site_texts(out / "bundle"), "generate --public": site_texts(out / "generated"),
            "generate (plugin public: true)": site_texts(out / "by-option"), **built}


def test_the_team_site_shows_the_planted_person_so_the_scan_can_fail(outputs: dict[str, dict[str, str]]) -> None:
    found = {value for value, _ in planted_in(outputs["team"])}
    assert found >= set(PLANTED.values()) - {PLANTED["forge"]}, set(PLANTED.values()) - found
    assert "people/calendars/person-zebedee-qx.ics" in outputs["team"]
    assert OLD_NAME in outputs["team"]["changes/index.html"]


@pytest.mark.parametrize("kind", ["build --public", "bundle --public", "generate --public",
                                  "generate (plugin public: true)", "generated + mkdocs build",
                                  "by-option + mkdocs build"])
def test_no_public_output_names_anyone(outputs: dict[str, dict[str, str]], kind: str) -> None:
    texts = outputs[kind]
    assert planted_in(texts) == []
    assert any("Team member 1" in text for text in texts.values())
    assert any(OPTED_IN.replace("-", "\\-") in text or OPTED_IN in text for text in texts.values())
    kinds = {path.rsplit(".", 1)[-1] for path in texts}  # every kind of file a public output has was read
    generated = {"md", "js", "json", "ics", "yml"}
    built = {"html", "js", "json", "ics", "gz", "xml"}
    assert kinds >= (generated if kind.startswith("generate ") else built)
    assert any(path.endswith("people/calendars/person-member-1.ics") for path in texts)


def test_public_ids_follow_the_roster_and_references_follow_them(project: Path) -> None:
    loaded = load_playbook(project / "playbook")
    assert loaded.playbook is not None
    public = public_playbook(loaded.playbook)
    assert [p.id for p in public.roster] == [f"member-{n}" for n in range(1, len(public.roster) + 1)]
    ids = {p.id for p in public.roster}
    people = [r for r in walk_references(public) if r.kind == "person"]
    assert people and all(r.value in ids for r in people)
    assert all(not p.contact and p.forge_handle is None for p in public.roster)
    first = loaded.playbook.roster[0].id
    signed = [t.signed_off_by for p in loaded.playbook.roster for t in p.training]
    assert first in signed and "member-1" in [t.signed_off_by for p in public.roster for t in p.training]


def test_the_public_history_drops_changes_that_name_people(project: Path) -> None:
    loaded = load_playbook(project / "playbook")
    assert loaded.playbook is not None
    old = loaded.playbook
    data = old.model_dump(mode="json", by_alias=True, exclude_unset=True)
    data["rotations"][0]["members"] = data["rotations"][0]["members"][:1]
    data["roster"][1]["name"] = "Renamed Person"
    data["escalation"]["severities"][0]["respond_within_minutes"] = 7
    new = Playbook.model_validate(data)
    diff = compare(old, new)
    assert {c.entity.split(":")[0] for c in diff.changes} == {"roster", "rotations", "escalation.severities"}
    history = public_history(History((Release("3.1", "3.0", "v3.1", new.handbook.effective_date, diff),)))
    kept = history.releases[0].diff.changes
    assert [c.entity.split(":")[0] for c in kept] == ["escalation.severities"]


@pytest.mark.parametrize(("kind", "value", "href"), [
    ("phone", "+44 (0)20 7946-0101", "tel:+442079460101"),
    ("phone", "(020) 7946 0101", "tel:02079460101"),
    ("phone", "ext 4411", None),
    ("pager", "NW-NIGHT-1", None),
    ("pager", "555 0199", "tel:5550199"),
    ("email", "press@northwind.example", "mailto:press@northwind.example"),
    ("email", "a@b.example?bcc=c@d.example", None),
    ("url", "https://wiki.example/a_(b)", "https://wiki.example/a_%28b%29"),
    ("url", "HTTP://intranet.example", "HTTP://intranet.example"),
    ("url", "javascript:alert(1)", None),
    ("url", "data:text/html,<script>", None),
    ("url", 'https://x.example/"onmouseover=alert(1)', None),
    ("url", "https://x.example/<script>", None),
    ("chat", "#crisis-room", None),
    ("chat", "http://chat.example/room", None),
    ("chat", "https://chat.example/room", "https://chat.example/room"),
    ("other", "https://x.example", None),
])
def test_a_channel_links_only_what_opens_safely(kind: str, value: str, href: str | None) -> None:
    assert Channel(label="x", value=value, kind=kind).href == href


def test_channel_values_are_links_on_the_built_pages(outputs: dict[str, dict[str, str]]) -> None:
    page = outputs["team"]["roles/social/social-media-manager/index.html"]
    assert '<a href="tel:+442079460000">+44 (0)20 7946 0000</a>' in page
    assert '<a href="https://wiki.example/a_%28b%29?x=1&amp;y=2">https://wiki.example/a_(b)?x=1&amp;y=2</a>' in page
    assert '<a href="https://chat.example/room">https://chat.example/room</a>' in page
    assert "Status page (url): javascript:alert(1)" in page and 'href="javascript' not in page
    assert "Old room (chat): http://chat.example/room" in page
    assert "Pager (pager): NW-DESK-2" in page
    card = outputs["team"]["cards/social-media-manager/index.html"]
    assert '<a href="tel:+442079460000">' in card
    rules = json.loads(outputs["team"]["assets/playbook/rules.json"])
    channels = {c["label"]: c["href"] for c in rules["roles"]["social-media-manager"]["channels"]}
    assert channels["Status page"] is None and channels["Desk line"] == "tel:+442079460000"
