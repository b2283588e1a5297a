"""The JSON Schema of a playbook file, exported from the same models that validate it.

Editors (VS Code with the YAML language server) read it to complete and check fields as
the policy owner types. It is kept draft-07 compatible because that is what the YAML
language server understands best.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import core_schema

from .playbook import PlaybookFile

SCHEMA_ID = "https://social-playbook.invalid/playbook.schema.json"


class WithFactoryDefaults(GenerateJsonSchema):
    """pydantic's documented hook for it: defaults made by a factory (an empty list, a
    sub-model with its own defaults) are stated too, not only the literal ones."""

    def get_default_value(self, schema: core_schema.WithDefaultSchema) -> Any:
        if "default_factory" in schema and not schema.get("default_factory_takes_data"):
            return schema["default_factory"]()  # type: ignore[call-arg]
        return super().get_default_value(schema)


def playbook_schema(*, factory_defaults: bool = False) -> dict[str, Any]:
    """The schema editors read; `factory_defaults` also states the defaults made by factories
    (the Reference page shows them; the committed schema leaves them out)."""
    schema = PlaybookFile.model_json_schema(by_alias=True, ref_template="#/definitions/{model}",
                                            schema_generator=WithFactoryDefaults if factory_defaults
                                            else GenerateJsonSchema)
    schema["definitions"] = schema.pop("$defs", {})
    schema = {"$schema": "http://json-schema.org/draft-07/schema#", "$id": SCHEMA_ID, **schema}
    schema["title"] = "Social team playbook file"
    return schema


def schema_text() -> str:
    """The schema as committed in schema/playbook.schema.json (stable key order)."""
    return json.dumps(playbook_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
