"""Seeded defects: realistic mistakes a policy editor makes, each a small edit of the example
playbook, with the exact line `playbook validate` must print for it (file:line:col: level:
message). tests/test_seeded_defects.py plants them one at a time and reports the recall.

An edit is (file in playbook/, old text, new text); the old text occurs exactly once.
"""

from __future__ import annotations

from typing import NamedTuple


class Defect(NamedTuple):
    name: str
    edits: tuple[tuple[str, str, str], ...]
    expected: str


def one(name: str, file: str, old: str, new: str, expected: str) -> Defect:
    return Defect(name, ((file, old, new),), expected)


DEFECTS = [
    # ---------------------------------------------------------------- ladders
    one("ladder names the same role twice in a row", "escalation.yaml",
        "        - role: social-media-manager\n          acknowledge_within_minutes: 15\n",
        "        - role: community-manager\n          acknowledge_within_minutes: 15\n",
        "escalation.yaml:210:17: error: ladder 'management', step 2: role 'community-manager' again, straight "
        "after step 1"),
    one("ladder loops back to an earlier step", "escalation.yaml",
        "        - role: head-of-social\n          acknowledge_within_minutes: 30\n          action: Approve the reply",
        "        - role: community-manager\n          acknowledge_within_minutes: 30\n"
        "          action: Approve the reply",
        "escalation.yaml:213:17: error: ladder 'management', step 3: goes back to role 'community-manager' "
        "(step 1), so the ladder loops"),
    one("ladder step gets less time than the one before", "escalation.yaml",
        "          acknowledge_within_minutes: 15\n          action: Check the approval rules",
        "          acknowledge_within_minutes: 8\n          action: Check the approval rules",
        "escalation.yaml:211:39: warning: ladder 'management', step 2: acknowledge_within_minutes is 8, less "
        "than step 1's 10"),
    one("ladder step whose role nobody on the roster holds", "roster.yaml",
        "    roles:\n      - legal-liaison\n", "    roles:\n      - content-creator\n",
        "escalation.yaml:247:17: warning: ladder 'crisis', step 4: nobody on the roster holds role 'legal-liaison'"),
    one("ladder step names an unknown role", "escalation.yaml",
        "        - role: legal-liaison\n", "        - role: legal-liason\n",
        "escalation.yaml:247:17: error: ladder 'crisis', step 4, role: unknown role 'legal-liason'"),
    one("ladder that no severity uses", "escalation.yaml",
        "      ladder: team-review\n", "      ladder: routine\n",
        "escalation.yaml:193:11: warning: no severity uses ladder 'team-review'"),
    one("ladder step with no time to acknowledge", "escalation.yaml",
        "          acknowledge_within_minutes: 15\n          action: Check the approval rules",
        "          acknowledge_within_minutes: 0\n          action: Check the approval rules",
        "escalation.yaml:211:39: error: ladder 'management', step 2: acknowledge_within_minutes must be at least 1, "
        "found a number '0'"),
    # ---------------------------------------------------------------- severities
    one("two severities with the same deadline", "escalation.yaml",
        "      respond_within_minutes: 15\n", "      respond_within_minutes: 30\n",
        "escalation.yaml:114:31: info: severity 'severe' (level 4) allows 30 minutes to respond, the same as "
        "'high' (level 3)"),
    one("a worse severity allows longer", "escalation.yaml",
        "      respond_within_minutes: 10\n", "      respond_within_minutes: 45\n",
        "escalation.yaml:140:31: error: severity 'critical' (level 5) allows 45 minutes to respond, longer than "
        "'severe' (level 4) with 15"),
    one("severity routed to a misspelt ladder", "escalation.yaml",
        "      ladder: management\n", "      ladder: managment\n",
        "escalation.yaml:98:15: error: severity 'high', ladder: unknown ladder 'managment'"),
    one("two severities with one id", "escalation.yaml",
        "    - id: severe\n", "    - id: high\n",
        "escalation.yaml:106:11: error: duplicate severity id 'high'"),
    # ---------------------------------------------------------------- backups
    one("role is its own backup", "roles.yaml",
        "    escalates_to: comms-lead\n    backups:\n      - social-media-manager\n",
        "    escalates_to: comms-lead\n    backups:\n      - head-of-social\n",
        "roles.yaml:69:9: error: role 'head-of-social' lists itself as its own backup"),
    Defect("two roles back up only each other and are off in the evening", (
        ("roles.yaml", "    escalates_to: comms-lead\n    backups:\n      - social-media-manager\n",
         "    escalates_to: comms-lead\n    backups:\n      - comms-lead\n"),
        ("roles.yaml", "      - head-of-social\n      - social-media-manager         # out of hours",
         "      - head-of-social         # out of hours")),
        "roles.yaml:69:7: warning: roles 'head-of-social', 'comms-lead' back up only each other, and Mon "
        "07:00-08:30, Mon 18:00 to Tue 02:00 and 9 more UTC none of them is on shift while accounts post"),
    one("backup names an unknown role", "roles.yaml",
        "    escalates_to: comms-lead\n    backups:\n      - social-media-manager\n",
        "    escalates_to: comms-lead\n    backups:\n      - social-media-manger\n",
        "roles.yaml:69:9: error: role 'head-of-social', backups: unknown role 'social-media-manger'"),
    # ---------------------------------------------------------------- approvals
    one("approval rule names a role without 'approve'", "approvals.yaml",
        "      approvers:\n        - comms-lead\n\n", "      approvers:\n        - night-moderator\n\n",
        "approvals.yaml:78:11: error: approval rule 'media-and-executive-need-comms', approvers: role "
        "'night-moderator' cannot approve: it does not have the 'approve' permission"),
    one("verification approver without 'approve'", "approvals.yaml",
        "    approver: head-of-social\n", "    approver: content-creator\n",
        "approvals.yaml:45:15: error: verify_before_reacting.approver: role 'content-creator' cannot approve: it "
        "does not have the 'approve' permission"),
    one("two-person rule that one person can satisfy", "approvals.yaml",
        "    approvers:\n      - social-media-manager\n      - head-of-social\n      - comms-lead\n",
        "    approvers:\n      - head-of-social\n",
        "approvals.yaml:29:5: error: the two-person rule needs 2 different people, but only 1 (priya-s) on the "
        "roster holds one of its roles (head-of-social)"),
    one("large accounts left out of a rule for growing ones", "approvals.yaml",
        "      tiers:\n        - growing\n        - large\n", "      tiers:\n        - growing\n",
        "approvals.yaml:123:9: warning: approval rule 'growing-sensitive-needs-manager' asks for sign-off on "
        "growing accounts, but no rule asks the same for the bigger large accounts @northwindroasters "
        "(nw-instagram-global), @northwindroasters (nw-tiktok-global), @NorthwindUS (nw-x-us)"),
    one("approval rule names an unknown tier", "approvals.yaml",
        "      tiers:\n        - growing\n        - large\n", "      tiers:\n        - growing\n        - lage\n",
        "approvals.yaml:124:11: error: approval rule 'growing-sensitive-needs-manager', tiers: unknown reach tier "
        "'lage'"),
    # ---------------------------------------------------------------- roster
    one("person holds a misspelt role", "roster.yaml",
        "    roles:\n      - head-of-social\n", "    roles:\n      - head-of-socal\n",
        "roster.yaml:51:9: error: person 'priya-s', roles: unknown role 'head-of-socal'"),
    one("person's shifts overlap", "roster.yaml",
        "      - days:\n          - sun\n        start: \"10:00\"\n        end: \"14:00\"\n",
        "      - days:\n          - fri\n        start: \"10:00\"\n        end: \"14:00\"\n",
        "roster.yaml:189:9: warning: person 'marcus-b', shift 2 overlaps shift 1 on Fri"),
    one("weekend manager shift dropped: nobody can approve on the flagship", "roster.yaml",
        "      - days:\n          - sat\n          - sun\n        start: \"10:00\"\n        end: \"14:00\"\n"
        "    contact:\n      - channel: Phone\n        address: \"+1 212 555 0103\"",
        "    contact:\n      - channel: Phone\n        address: \"+1 212 555 0103\"",
        "accounts.yaml:258:7: warning: Sat-Sun 15:00-19:00 UTC: nobody who can approve (two-person rule) is on "
        "shift while @NorthwindRoast (nw-x-global) posts"),
    # ---------------------------------------------------------------- crisis
    one("crisis poster role cannot publish", "crisis.yaml",
        "    - social-media-manager\n", "    - content-creator\n",
        "crisis.yaml:51:7: error: crisis.may_post: role 'content-creator' may post in crisis mode but does not "
        "have the 'publish' permission"),
    one("crisis scope names an unknown account", "crisis.yaml",
        "  scope: all ", "  scope: [nw-x-ukk] ",
        "crisis.yaml:37:11: error: crisis.scope: unknown account 'nw-x-ukk'"),
    # ---------------------------------------------------------------- text
    one("holding statement uses a banned term", "holding-statements.yaml",
        "We've paused our planned posts for now.", "We're addicted to getting this right, and we've paused our "
        "planned posts for now.",
        "holding-statements.yaml:19:11: error: holding statement 'hs-tragedy' does not pass the draft checker on "
        "@northwind.de, @northwindroasters, @northwind.us and 7 more: 'addicted' is a banned term: Trivialises "
        "addiction, and caffeine dependence is a real health issue we don't joke about. Use 'love' instead."),
    one("holding statement longer than X allows", "holding-statements.yaml",
        "We're not able to discuss it further here.\"",
        "We're not able to discuss it further here. We understand how frustrating this is, and we are grateful "
        "for your patience while our team looks into every detail of what you have told us.\"",
        "holding-statements.yaml:25:11: error: holding statement 'hs-legal' does not pass the draft checker on "
        "@NorthwindHelp, @NorthwindDE, @NorthwindRoast and 2 more: 293 characters as X (Twitter) counts them; the "
        "limit is 280"),
    one("holding statement expired", "holding-statements.yaml",
        "    expires: 2027-11-30\n", "    expires: 2026-10-31\n",
        "holding-statements.yaml:21:14: warning: holding statement 'hs-tragedy' expired on 2026-10-31"),
    one("\"do\" example uses a banned term", "voice.yaml",
        "Could you DM us which cafe it was?", "We're addicted to good coffee: could you DM us which cafe it was?",
        "voice.yaml:153:11: error: voice example 'complaint-reply': the text to copy does not pass the draft "
        "checker: 'addicted' is a banned term: Trivialises addiction, and caffeine dependence is a real health "
        "issue we don't joke about. Use 'love' instead."),
    one("\"don't\" example the checker lets through", "voice.yaml",
        "dont: \"We apologise for any inconvenience caused. Please contact customer services.\"",
        "dont: \"Please contact customer services.\"",
        "voice.yaml:154:13: warning: voice example 'complaint-reply': the draft checker lets the \"don't\" text "
        "through, so nothing stops anyone posting it"),
    # ---------------------------------------------------------------- training
    one("quiz answer that is not a choice", "modules.yaml",
        "        correct:\n          - a\n      - id: q-style", "        correct:\n          - e\n      - id: q-style",
        "modules.yaml:97:13: error: training module 'voice-basics', question 'q-traits': answer 'e' is not one of "
        "the question's choices"),
    one("single-choice question with two answers", "modules.yaml",
        "        correct:\n          - a\n      - id: q-style",
        "        correct:\n          - a\n          - b\n      - id: q-style",
        "modules.yaml:97:11: error: training module 'voice-basics', question 'q-traits': a single-choice "
        "question has more than one correct answer"),
    one("onboarding names an unknown module", "onboarding.yaml",
        "          - voice-basics\n          - escalation-triage\n        signed_off_by: comms-lead\n",
        "          - voice-basic\n          - escalation-triage\n        signed_off_by: comms-lead\n",
        "onboarding.yaml:28:13: error: onboarding path for 'head-of-social', milestone 'day-1', modules: unknown "
        "training module 'voice-basic'"),
    one("milestone signed off by a role without 'sign_off'", "onboarding.yaml",
        "          - escalation-triage\n        signed_off_by: comms-lead\n",
        "          - escalation-triage\n        signed_off_by: night-moderator\n",
        "onboarding.yaml:30:24: error: role 'night-moderator' signs off 'day-1' but cannot sign off training"),
    # ---------------------------------------------------------------- what the policy's own words contradict
    one("a role's written deadline differs from its ladder's", "roles.yaml",
        "Answer within 20 minutes when paged", "Answer within 15 minutes when paged",
        'roles.yaml:359:9: warning: role \'legal-liaison\' says "Answer within 15 minutes when paged for '
        'a critical situation, day or night", but the ladders that page it give it another time to '
        "acknowledge (ladder 'crisis' step 4: 20 min)"),
    one("a severity's response text gives another deadline", "escalation.yaml",
        'response: "Crisis ladder and crisis mode: one voice,',
        'response: "Respond within 30 minutes. Crisis ladder and crisis mode: one voice,',
        'escalation.yaml:147:17: warning: severity \'critical\' says "Respond within 30 minutes", but its '
        "respond_within_minutes is 10"),
    one("a quiz explanation says anyone may pause the queue", "modules.yaml",
        "Whoever on shift holds the pause permission pauses the queue, but", "Anyone may pause the queue, but",
        "modules.yaml:377:26: warning: training module 'crisis-mode', question 'q-who-switches', the "
        'explanation of choice \'b\' says "Anyone may pause the queue, but crisis mode is switched on by the head '
        'of social or the comms lead", but only 5 of 9 roles hold \'pause_schedule\' (head-of-social, '
        "social-media-manager, community-manager, night-moderator, comms-lead)"),
    one("a quiz explanation gives a role a permission it lacks", "modules.yaml",
        "explanation: Far too slow for anything above low severity.",
        "explanation: Far too slow; the night moderator can publish a holding statement sooner.",
        "modules.yaml:199:26: warning: training module 'escalation-triage', question 'q-deadline', "
        'the explanation of choice \'c\' says "the night moderator can publish a holding statement sooner", '
        "but role 'night-moderator' does not hold 'publish'"),
    one("a model answer names another holding statement than the trigger's", "modules.yaml",
        "posts the product recall holding statement only once",
        "posts the product safety holding statement only once",
        "modules.yaml:185:23: warning: training module 'escalation-triage', exercise "
        "'triage-recall-rumour' names holding statement 'hs-product-safety', but the trigger it is "
        "about is 'product-recall' (holding statement: hs-recall)"),
    one("a model answer quotes a holding statement with other words", "modules.yaml",
        "We're not able to discuss it further here.' Then", "We cannot say more here.' Then",
        "modules.yaml:629:23: warning: training module 'legal-basics', exercise 'legal-reply' quotes "
        'holding statement \'hs-legal\' as "Thank you for raising this with us. We take it seriously '
        'and...", which is not its text'),
]

# The hint printed under each expected line: what a policy editor can do about it.
HINTS = {
    "ladder step with no time to acknowledge":
        "minutes the person in this step has to acknowledge before the next step takes over; at most 43200 "
        "(30 days)",
    "holding statement longer than X allows":
        "shorten it to fit every platform it is for, or list only the platforms it fits in 'platforms:'",
    'ladder names the same role twice in a row':
        'each step hands over to someone new: merge the two steps, or name the role this one should escalate to',
    'ladder loops back to an earlier step':
        'a ladder climbs: name a role not asked before, or remove this step',
    'ladder step gets less time than the one before':
        'someone further up is harder to reach: give each step at least as much time as the one before it '
        '(10 minutes or more)',
    'ladder step whose role nobody on the roster holds':
        "add the role to someone's roles in roster.yaml, or give this step to a role that somebody holds",
    'ladder step names an unknown role':
        "did you mean 'legal-liaison'?",
    'ladder that no severity uses':
        "set 'ladder: team-review' on the severity it is for, or remove the ladder",
    'two severities with the same deadline':
        'a worse situation usually needs a faster answer: make it less than 30 if it should be answered faster',
    'a worse severity allows longer':
        'a worse situation needs a faster answer: deadlines must not grow with severity',
    'severity routed to a misspelt ladder':
        "did you mean 'management'?",
    'two severities with one id':
        "'high' is already used at line 85; ids must be unique",
    'role is its own backup':
        'a backup is another role that steps in when nobody in this one is on shift',
    'two roles back up only each other and are off in the evening':
        'give one of them a backup outside this group, or shifts that cover these hours',
    'backup names an unknown role':
        "did you mean 'social-media-manager'?",
    "approval rule names a role without 'approve'":
        "add 'approve' to the permissions of 'night-moderator' in roles.yaml, or name a role that has it",
    "verification approver without 'approve'":
        "add 'approve' to the permissions of 'content-creator' in roles.yaml, or name a role that has it",
    'two-person rule that one person can satisfy':
        'give one of these roles to more people in roster.yaml, or add an approver role '
        'that others hold: nobody may approve their own post',
    'large accounts left out of a rule for growing ones':
        "add 'large' to this rule's tiers, or add a rule for the large tier: a bigger "
        "account needs at least as many eyes",
    'approval rule names an unknown tier':
        "did you mean 'large'?",
    'person holds a misspelt role':
        "did you mean 'head-of-social'?",
    "person's shifts overlap":
        'merge the two shifts into one, or correct the days or times',
    'weekend manager shift dropped: nobody can approve on the flagship':
        "give someone holding 'social-media-manager', 'head-of-social' or 'comms-lead' a "
        "shift at these hours in roster.yaml, or narrow the account's posting_hours",
    'crisis poster role cannot publish':
        "add 'publish' to the permissions of 'content-creator', or name a role that can publish",
    'crisis scope names an unknown account':
        "did you mean 'nw-x-uk'?",
    'holding statement uses a banned term':
        'reword it: the checker would stop anyone posting it as written',
    'holding statement expired':
        "review the wording and set a new 'expires:' date, or remove it",
    '"do" example uses a banned term':
        'reword it: the checker would stop anyone posting it as written',
    '"don\'t" example the checker lets through':
        'add the words that make it wrong to vocabulary.yaml (banned or caution), or '
        'rewrite the example so it shows a mistake the checker catches',
    'quiz answer that is not a choice':
        'its choices: a, b, c',
    'single-choice question with two answers':
        "set 'kind: multiple' if several answers are right, or keep one answer",
    'onboarding names an unknown module':
        "did you mean 'voice-basics'?",
    "milestone signed off by a role without 'sign_off'":
        "give 'night-moderator' the 'sign_off' permission or choose another role",
    "a role's written deadline differs from its ladder's":
        "one deadline, one place: write the ladder's time here, or change acknowledge_within_minutes in "
        "escalation.yaml",
    "a severity's response text gives another deadline":
        "one deadline, one place: write the field's time here, or change respond_within_minutes",
    "a quiz explanation says anyone may pause the queue":
        "say who holds 'pause_schedule' (roles.yaml), or give it to every role",
    "a quiz explanation gives a role a permission it lacks":
        "correct the answer, or add 'publish' to the permissions of role 'night-moderator' in roles.yaml",
    "a model answer names another holding statement than the trigger's":
        "name the trigger's own holding statement, or change the trigger's holding_statement in "
        "triggers.yaml",
    "a model answer quotes a holding statement with other words":
        "copy the statement's text from holding-statements.yaml, or leave the quote out",
}
