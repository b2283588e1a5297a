"""Stage 6, diff: what a policy change means: two validated playbooks compared entity by entity
(changes.py, pure), described in plain words (render/change_words.py), with git read at the edge
(revision.py for one side, history.py for the released versions)."""
