"""What a policy change means: two validated playbooks compared entity by entity
(changes.py, pure), described in plain words (words.py), with git read at the edge
(revision.py for one side, history.py for the released versions)."""
