"""Stage 3, queries: questions the validated policy answers, asked by every later stage.

answers.py (effective limits, approvals that apply, triage wording, who may post),
limits.py, shifts.py and hours.py (who is on shift, when), training.py, operations.py,
references.py (every reference an entity holds), paths.py (every page's address).
Decided here once; pages, commands and the checker only phrase them."""
