"""Stage 5, lint: what is wrong with the policy as a whole, and the loader that runs it.

loader.py reads every file (read/), shapes it (model/), merges it and runs the checks:
crosscheck.py (references across files), reviews.py (reviews that fall due), policy/
(ladders, approvals, roster coverage, training, texts through the draft checker).
checks.py runs them and says once which wait for a broken part."""
