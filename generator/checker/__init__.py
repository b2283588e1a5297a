"""The draft checker: the playbook compiled into rules, matched against a draft in Python
(engine.py) and in the browser (templates/assets/checker.js), plus the Vale export."""
