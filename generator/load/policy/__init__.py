"""Policy checks: what is wrong with the policy itself once its YAML is well-formed.

One module per area, each a tuple of `Check`s (checks.py) over the validated Playbook:
ladders.py (escalation ladders and severities), approvals.py (who signs off what),
roster.py (who is there when the accounts post, backups, shifts), text.py (holding
statements and voice examples run through the draft checker), training.py, packs.py (the
knowledge packs the policy turns on). The loader runs
them after the cross-file checks (crosscheck.py), in this order.
"""

from __future__ import annotations

from ..crosscheck import CHECKS as CROSS_FILE
from . import approvals, channels, ladders, packs, roster, text, training

CHECKS = (*CROSS_FILE, *ladders.CHECKS, *channels.CHECKS, *approvals.CHECKS, *roster.CHECKS, *training.CHECKS,
          *text.CHECKS, *packs.CHECKS)
