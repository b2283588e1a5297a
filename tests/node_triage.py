"""triage.js run under Node.js outside any browser: one Node process answers a whole batch of
situations with the wizard's own `assess` and `resultLines` (checker-base.js and people.js
loaded beside it, as the page loads them), on a stub page that holds only the roster's JSON
island, at a fixed minute. Each line comes back as (kind, text), links read as their text,
the way tests/test_browser_triage.py reads the page."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from generator.resources import bundled

RUNNER = """
const fs = require('fs');
const vm = require('vm');
const batch = JSON.parse(fs.readFileSync('batch.json', 'utf8'));
const island = { textContent: batch.oncall };
const document = {
  readyState: 'loading', addEventListener: function () {},
  querySelector: function (s) { return s === 'script.pb-oncall-data' && batch.oncall ? island : null; },
  querySelectorAll: function () { return []; }
};
const window = { document: document, setInterval: function () { return 0; }, clearInterval: function () {} };
const context = vm.createContext({ window: window, document: document, console: console });
vm.runInContext('Date.now = function () { return ' + batch.at + '; };', context);
['checker-base.js', 'people.js', 'triage.js'].forEach(function (name) {
  vm.runInContext(fs.readFileSync(name, 'utf8'), context, { filename: name });
});
const triage = window.PlaybookTriage;
const text = function (content) {
  return typeof content === 'string' ? content
    : content.map(function (p) { return typeof p === 'string' ? p : p.text; }).join('');
};
const out = batch.jobs.map(function (answers) {
  return triage.resultLines(batch.rules, triage.assess(batch.rules, answers)).map(function (line) {
    return [line[0], text(line[1])];
  });
});
fs.writeFileSync('results.json', JSON.stringify(out));
"""


def wizard_in_node(rules: dict[str, Any], oncall: str | None, at_ms: int,
                   jobs: list[dict[str, Any]]) -> list[list[list[str]]]:
    """The wizard's lines for every job ({triggers, signals, spread}), in order; `oncall`: the
    text of the page's pb-oncall-data island (None: a roster without it); `at_ms`: the page's clock."""
    node = shutil.which("node")
    assert node, "Node.js is needed to run triage.js: apt-get install nodejs"
    with tempfile.TemporaryDirectory(prefix="triage-js-") as tmp:
        folder = Path(tmp)
        for name in ("checker-base.js", "people.js", "triage.js"):
            shutil.copy(bundled("templates") / "assets" / name, folder / name)
        (folder / "run.js").write_text(RUNNER, encoding="utf-8")
        batch = {"rules": rules, "oncall": oncall, "at": at_ms, "jobs": jobs}
        (folder / "batch.json").write_text(json.dumps(batch), encoding="utf-8")
        done = subprocess.run([node, "run.js"], cwd=folder, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        results: list[list[list[str]]] = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    return results
