"""The JSON Schema of a playbook file, exported from the same models that validate it.

Editors (VS Code with the YAML language server) read it to complete and check fields as
the policy owner types. It is kept draft-07 compatible because that is what the YAML
language server understands best.
"""

from __future__ import annotations

import json
from typing import Any

from .model import PlaybookFile

SCHEMA_ID = "https://social-playbook.invalid/playbook.schema.json"


def playbook_schema() -> dict[str, Any]:
    schema = PlaybookFile.model_json_schema(by_alias=True, ref_template="#/definitions/{model}")
    schema["definitions"] = schema.pop("$defs", {})
    schema = {"$schema": "http://json-schema.org/draft-07/schema#", "$id": SCHEMA_ID, **schema}
    schema["title"] = "Social team playbook file"
    return schema


def schema_text() -> str:
    """The schema as committed in schema/playbook.schema.json (stable key order)."""
    return json.dumps(playbook_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
