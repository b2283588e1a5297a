"""The committed JSON Schema matches the models, and every example file points editors at it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.model.schema import schema_text

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "schema" / "playbook.schema.json"


def test_committed_schema_is_in_sync():
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), \
        "schema/playbook.schema.json is stale: run `playbook schema --out schema/playbook.schema.json`"


def test_schema_is_draft07():
    schema = json.loads(schema_text())
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    text = json.dumps(schema)
    assert "$defs" not in text and "prefixItems" not in text
    refs = set(_walk(schema, "$ref"))
    assert refs and all(ref.startswith("#/definitions/") and ref.split("/")[-1] in schema["definitions"]
                        for ref in refs)
    assert schema["additionalProperties"] is False
    assert schema["definitions"]["Role"]["additionalProperties"] is False


def test_schema_command_prints_it():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0 and result.stdout == schema_text()


def test_every_example_file_names_the_schema():
    for path in sorted((ROOT / "playbook").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/playbook.schema.json", path


def _walk(node, key):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                yield v
            else:
                yield from _walk(v, key)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item, key)
