"""Policy checks: what is wrong with the policy itself once its YAML is well-formed.

One module per area, each a tuple of `Check`s (checks.py) over the validated Playbook:
ladders.py (escalation ladders and severities), timelines.py (crisis plans in time), approvals.py (who signs off what),
roster.py (who is there when the accounts post, backups, shifts), text.py (holding
statements and voice examples run through the draft checker), training.py, channels.py,
deadlines.py and teaching.py (what the policy's own words contradict), packs.py (the
knowledge packs the policy turns on). The loader runs
them after the cross-file checks (crosscheck.py), in this order.
"""

from __future__ import annotations

from ..crosscheck import CHECKS as CROSS_FILE
from . import approvals, channels, deadlines, ladders, packs, roster, teaching, text, timelines, training

CHECKS = (*CROSS_FILE, *ladders.CHECKS, *timelines.CHECKS, *channels.CHECKS, *deadlines.CHECKS, *approvals.CHECKS,
          *roster.CHECKS, *training.CHECKS, *teaching.CHECKS, *text.CHECKS, *packs.CHECKS)
