"""engine.js run under Node.js outside any browser (issue 24, deliverable 8): one Node
process judges a whole batch of drafts, so the labelled corpus costs one start-up, not one
per draft. Each job carries the name of its rules document; the documents are written once."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from generator.checker.engine import javascript

RUNNER = """
const engine = require('./engine.js');
const fs = require('fs');
const batch = JSON.parse(fs.readFileSync('batch.json', 'utf8'));
const out = batch.jobs.map(function (job) {
  return engine.check(batch.rules[job.rules], job.text, job.account, job.media || [], job.role,
                      job.at, job.reply);
});
fs.writeFileSync('results.json', JSON.stringify(out));
"""


def judge_in_node(rules: dict[str, dict[str, Any]], jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """engine.js's result for every job ({rules, text, account, role, at, reply}), in order."""
    node = shutil.which("node")
    assert node, "Node.js is needed to run engine.js: apt-get install nodejs"
    with tempfile.TemporaryDirectory(prefix="engine-js-") as tmp:
        folder = Path(tmp)
        (folder / "engine.js").write_text(javascript(), encoding="utf-8")
        (folder / "run.js").write_text(RUNNER, encoding="utf-8")
        (folder / "batch.json").write_text(json.dumps({"rules": rules, "jobs": jobs}), encoding="utf-8")
        done = subprocess.run([node, "run.js"], cwd=folder, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        results: list[dict[str, Any]] = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    return results
