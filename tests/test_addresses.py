"""Page addresses come from queries/paths.py alone (issue 24): an id that clashes with a fixed
page ("index", "triage-tree") gets a page of its own there, and the checker (both engines),
the triage wizard and the offline bundle link to that page, never to prefix + id."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from conftest import MINIMAL, make_project
from generator.checker.engine import check, javascript
from generator.checker.rules import compile_rules, offline_rules_script, rules_json, url_of
from generator.lint.loader import load_or_raise
from generator.queries import paths
from generator.render.project import render_project


def _clashing(tmp_path: Path) -> Path:
    """The minimal playbook with its severities renamed to the ids of fixed escalation pages."""
    project = make_project(tmp_path / "project", MINIMAL)
    policy = project / "playbook" / "playbook.yaml"
    text = policy.read_text(encoding="utf-8")
    text = text.replace("{id: low,", "{id: triage-tree,").replace("{id: high,", "{id: index,")
    text = text.replace("severity: low}", "severity: triage-tree}").replace("severity: high}", "severity: index}")
    policy.write_text(text, encoding="utf-8")
    return project


def test_a_severity_called_index_links_to_its_own_page_everywhere(tmp_path: Path) -> None:
    project = _clashing(tmp_path)
    playbook = load_or_raise(project / "playbook").playbook
    assert playbook is not None and {s.id for s in playbook.escalation.severities} == {"index", "triage-tree"}
    site = render_project(project).site
    rules = compile_rules(playbook)
    for severity_id in ("index", "triage-tree"):
        page = paths.severity(severity_id)
        assert page in site.pages and site.pages[page].title != site.pages[paths.ESCALATION].title
        assert rules["pages"]["severities"][severity_id] == url_of(page)
    assert rules["pages"]["severities"]["index"] == "escalation/index_/"
    # A draft that suggests the lawsuit trigger (severity "index") links to that severity's page.
    found = check(rules, "We will sue.", "main")
    trigger = next(f for f in found["findings"] if f["rule"] == "sensitivity.trigger")
    assert trigger["page"] == "escalation/index_/"
    node = shutil.which("node")
    assert node, "Node.js is needed to run engine.js: apt-get install nodejs"
    (tmp_path / "engine.js").write_text(javascript(), encoding="utf-8")
    (tmp_path / "rules.json").write_text(rules_json(playbook), encoding="utf-8")
    script = ("const e = require('./engine.js'); const r = require('./rules.json');"
              "console.log(JSON.stringify(e.check(r, 'We will sue.', 'main', [], null, null)));")
    in_js = json.loads(subprocess.run([node, "-e", script], cwd=tmp_path, capture_output=True, text=True,
                                      check=True, timeout=60).stdout)
    assert [f["page"] for f in in_js["findings"]] == [f["page"] for f in found["findings"]]
    # The offline bundle links the .html file of that page.
    offline = json.loads(offline_rules_script(rules_json(playbook)).removeprefix("window.PlaybookRules = ")
                         .removesuffix(";\n"))
    assert offline["pages"]["severities"]["index"] == "escalation/index_.html"


def test_no_script_glues_an_address_from_an_id() -> None:
    """The browser's scripts read rules.pages; none keeps the old prefix + id + suffix."""
    root = Path(__file__).resolve().parent.parent
    for script in [root / "generator" / "checker" / "engine.js", *(root / "templates" / "assets").glob("*.js")]:
        text = script.read_text(encoding="utf-8")
        assert "severity_prefix" not in text and "platform_prefix" not in text, script.name
