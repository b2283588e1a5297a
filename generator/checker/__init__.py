"""Stage 4, the draft checker: the playbook compiled into rules (from the queries), matched
against a draft in Python (engine.py) and in the browser (engine.js, served as
assets/playbook/checker-engine.js), plus the Vale export."""
