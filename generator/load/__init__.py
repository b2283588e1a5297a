"""Stage 1, load: YAML files in, a validated `Playbook` (or every problem, located) out.

source.py reads text safely and keeps positions; shape.py turns pydantic's errors into
messages; model.py is the policy's shape; loader.py merges files; crosscheck.py checks
the whole policy across files; schema.py exports the JSON Schema for editors.
"""
