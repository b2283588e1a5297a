"""The table of invalid inputs: each case adds or replaces files in a copy of the minimal
playbook, and pins the exact diagnostics the policy editor sees (the message is the product).
"""

ROLE = """\
  - id: {id}
    name: {name}
    purpose: A role.
    why: Needed.
    responsibilities: [Things]
    reports_to: lead
    backups: [lead]
"""

WATCH = """\
watchlist:
  - id: w
    name: W
    severity: high
    added_by: lead
    since: {since}
    expires: {expires}
{extra}"""

CASES = {
    "unconnected-role": (
        {"extra.yaml": "roles:\n" + ROLE.format(id="ghost", name="Ghost").replace("    reports_to: lead\n", "")},
        [("playbook/extra.yaml:2:9: error: role 'ghost' is not connected to the team: it has no 'reports_to:' or "
          "'escalates_to:', and no other role, ladder step, approval, account or the policy owner names it"),
         ("    hint: set 'reports_to:' or put the role on a ladder; a role outside the team (legal, executives) "
          "takes 'external: true'")],
    ),
    "unknown-key": (
        {"extra.yaml": "roles:\n" + ROLE.format(id="editor", name="Editor") + "    permisions: [draft]\n"},
        ["playbook/extra.yaml:9:5: error: unknown key 'permisions' in role 'editor'",
         "    hint: did you mean 'permissions'?"],
    ),
    "number-for-text": (
        {"extra.yaml": "roles:\n" + ROLE.format(id="editor", name="3")},
        ["playbook/extra.yaml:3:11: error: role 'editor', name: expected text, found a number '3'",
         '    hint: put quotes around it: "3"'],
    ),
    "missing-key": (
        {"extra.yaml": "roles:\n" + ROLE.format(id="editor", name="Editor").replace("    purpose: A role.\n", "")},
        ["playbook/extra.yaml:2:5: error: missing required key 'purpose' in role 'editor'",
         "    hint: add 'purpose:' (what the role is, in a sentence)"],
    ),
    "bad-enum": (
        {"extra.yaml": "roles:\n" + ROLE.format(id="editor", name="Editor") + "    permissions: [publsh]\n"},
        [("playbook/extra.yaml:9:19: error: role 'editor', permissions: 'publsh' is not one of: draft, publish, "
         "reply, approve, hide, delete, block, pause_schedule, sign_off"),
         "    hint: did you mean 'publish'?"],
    ),
    "bad-date": (
        {"extra.yaml": "holding_statements:\n  - id: h\n    name: H\n    text: We are looking into it.\n"
                       "    owner: lead\n    expires: 2027-13-01\n"},
        ["playbook/extra.yaml:6:14: error: holding statement 'h', expires: '2027-13-01' is not a date",
         "    hint: write dates as YYYY-MM-DD, for example 2026-03-01"],
    ),
    "bad-id": (
        {"extra.yaml": "roles:\n" + ROLE.format(id="Chief_Editor", name="Editor")},
        ["playbook/extra.yaml:2:9: error: role id: 'Chief_Editor' is not a valid id",
         "    hint: ids use lower-case letters, digits and dashes, for example 'community-manager'"],
    ),
    "bad-timezone": (
        {"extra.yaml": "roster:\n  - id: ann\n    name: Ann\n    roles: [lead]\n    timezone: Europe/Londn\n"
                       "    shifts: [{days: [mon], start: '09:00', end: '17:00'}]\n"},
        ["playbook/extra.yaml:5:15: error: person 'ann', timezone: 'Europe/Londn' is not a known time zone",
         "    hint: use an IANA name such as Europe/London"],
    ),
    "bad-clock": (
        {"extra.yaml": "roster:\n  - id: ann\n    name: Ann\n    roles: [lead]\n    timezone: Europe/London\n"
                       "    shifts: [{days: [mon], start: '9am', end: '17:00'}]\n"},
        ["playbook/extra.yaml:6:35: error: person 'ann', shift 1, start: '9am' is not a time of day",
         "    hint: write it as HH:MM, for example 09:30"],
    ),
    "unknown-reference": (
        {"extra.yaml": "roles:\n" + ROLE.format(id="editor", name="Editor").replace("[lead]", "[wrtier]")},
        ["playbook/extra.yaml:8:15: error: role 'editor', backups: unknown role 'wrtier'",
         "    hint: did you mean 'writer'?"],
    ),
    "duplicate-id": (
        {"extra.yaml": "roles:\n" + ROLE.format(id="writer", name="Second writer")},
        ["playbook/playbook.yaml:25:9: error: duplicate role id 'writer'",
         "    hint: 'writer' is already used at playbook/extra.yaml:2; ids must be unique"],
    ),
    "escalation-cycle": (
        {"extra.yaml": "roles:\n" + ROLE.format(id="a", name="A") + "    escalates_to: b\n"
                       + ROLE.format(id="b", name="B") + "    escalates_to: a\n"},
        ["playbook/extra.yaml:9:19: error: escalation goes round in a circle: a -> b -> a",
         "    hint: someone must be at the top: remove 'escalates_to' from one of these roles"],
    ),
    "deadline-grows": (
        {"playbook.yaml": ("respond_within_minutes: 15", "respond_within_minutes: 500")},
        [("playbook/playbook.yaml:37:86: error: severity 'high' (level 2) allows 500 minutes to respond, "
         "longer than 'low' (level 1) with 240"),
         "    hint: a worse situation needs a faster answer: deadlines must not grow with severity"],
    ),
    "preferred-and-banned": (
        {"extra.yaml": "vocabulary:\n  - {term: guys, kind: preferred, reason: Friendly}\n"
                       "  - {term: Guys, kind: banned, reason: Not inclusive, use_instead: everyone}\n"},
        ["playbook/extra.yaml:3:12: error: term 'Guys' is both preferred and banned",
         "    hint: keep one entry: a word cannot be required and forbidden"],
    ),
    "unclosed-bracket": (
        {"extra.yaml": "roles:\n  - id: editor\n    responsibilities: [Draft posts, Reply\n    why: x\n"},
        [("playbook/extra.yaml:3:23: error: flow sequence starting here is never closed: "
         "did not find expected ',' or ']'"),
         "    hint: the parser gave up at line 4, column 8; close the bracket or quote opened here"],
    ),
    "unclosed-quote": (
        {"extra.yaml": 'handbook:\n  title: "Our handbook\n  version: 2\n'},
        [("playbook/extra.yaml:2:10: error: quoted scalar starting here is never closed: "
         "found unexpected end of stream"),
         "    hint: the parser gave up at line 4, column 1; close the bracket or quote opened here"],
    ),
    "key-with-no-name": (  # found by the mutation test: `? ` alone is a mapping with a null key
        {"extra.yaml": "? \n"},
        ["playbook/extra.yaml:1:1: error: a key with no name",
         "    hint: write a name before the colon, e.g. 'accounts:'"],
    ),
    "tab-indent": (
        {"extra.yaml": "roles:\n\t- id: editor\n"},
        ["playbook/extra.yaml:2:1: error: YAML syntax error: found character that cannot start any token",
         "    hint: YAML does not allow tabs for indentation: use spaces"],
    ),
    "tab-inside-a-block-scalar": (
        {"extra.yaml": "handbook:\n  welcome: |\n    First line\n    Second line\n\tTabbed line\n"},
        [("playbook/extra.yaml:5:1: error: YAML syntax error: found a tab character where an indentation space "
         "is expected"),
         ("    hint: YAML does not allow tabs for indentation: use spaces (in the block scalar that starts at "
         "line 2, column 12)")],
    ),
    "duplicate-key": (
        {"extra.yaml": "roles:\n" + ROLE.format(id="editor", name="Editor") + "    name: Again\n"},
        ["playbook/extra.yaml:9:5: error: duplicate key 'name'",
         "    hint: 'name' is already set in the same mapping (which starts at line 2); remove one of them"],
    ),
    "top-level-list": (
        {"extra.yaml": "- roles\n- accounts\n"},
        ["playbook/extra.yaml:1:1: error: expected a mapping of sections at the top of the file, found a list",
         "    hint: start the file with a section name, such as 'roles:'"],
    ),
    "unknown-section": (
        {"extra.yaml": "rolls:\n  - id: x\n"},
        ["playbook/extra.yaml:1:1: error: unknown key 'rolls'", "    hint: did you mean 'roles'?"],
    ),
    "section-twice": (
        {"extra.yaml": "handbook:\n  organisation: X\n  title: X\n  version: '2'\n  effective_date: 2026-01-01\n"
                       "  policy_owner: lead\n  review_cycle_months: 6\n"},
        ["playbook/playbook.yaml:1:1: error: section 'handbook' is already defined in playbook/extra.yaml",
         "    hint: keep one of them: only list sections may be split across files"],
    ),
    "empty-file": (
        {"extra.yaml": "# nothing yet\n"},
        ["playbook/extra.yaml:1:1: error: file is empty",
         "    hint: a playbook file holds one or more sections, such as 'roles:'"],
    ),
    "invalid-utf8": (
        {"extra.yaml": b"roles:\n  - id: caf\xe9\n"},
        ["playbook/extra.yaml:2:12: error: invalid UTF-8 byte 0xe9", "    hint: save the file with UTF-8 encoding"],
    ),
    "binary": (
        {"extra.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
        ["playbook/extra.yaml:3:1: error: file is binary, not YAML text",
         "    hint: playbook files are plain text saved as UTF-8"],
    ),
    "huge-file": (
        {"extra.yaml": b"# " + b"x" * (10 * 1024 * 1024) + b"\n"},
        ["playbook/extra.yaml:1:1: error: file is 10.0 MB, more than the 4 MB a playbook file may hold",
         "    hint: split it: a list section such as roles: may continue in another file"],
    ),
    "deep-nesting": (
        {"extra.yaml": "roles: " + "[" * 5000 + "]" * 5000 + "\n"},
        ["playbook/extra.yaml:1:56: error: nested more than 48 levels deep",
         "    hint: a playbook never needs this much nesting; check for stray brackets"],
    ),
    "billion-laughs": (
        {"extra.yaml": "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                       + "".join(f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n"
                                 for p, n in zip("abcdefgh", "bcdefghi", strict=False))},
        ["playbook/extra.yaml:2:8: error: anchors and aliases expand to more than 1,000,000 values",
         ("    hint: anchors (&) and aliases (*) may repeat a block, but not expand to more than 1,000,000 "
         "values or refer to themselves")],
    ),
    "recursive-alias": (
        {"extra.yaml": "roles: &r [*r]\n"},
        ["playbook/extra.yaml:1:12: error: an alias refers to the block that contains it",
         ("    hint: anchors (&) and aliases (*) may repeat a block, but not expand to more than 1,000,000 "
         "values or refer to themselves")],
    ),
    "unsafe-markdown-link": (
        {"extra.yaml": "modules:\n  - id: m\n    title: M\n    summary: S\n    minutes: 5\n    objectives: [O]\n"
                       "    content: 'See [this](javascript:alert(1))'\n"},
        ["playbook/extra.yaml:7:14: error: link to 'javascript:alert(1' is not allowed in Markdown",
         "    hint: links may use http:, https: or mailto:, or point to a page of the handbook"],
    ),
    "quiz-unknown-answer": (
        {"extra.yaml": "modules:\n  - id: m\n    title: M\n    summary: S\n    minutes: 5\n    objectives: [O]\n"
                       "    content: Text\n    quiz:\n      - id: q\n        question: Q?\n"
                       "        choices: [{id: a, text: A, explanation: E}, {id: b, text: B, explanation: E}]\n"
                       "        correct: [c]\n"},
        [("playbook/extra.yaml:12:19: error: training module 'm', question 'q': answer 'c' is not one of the "
         "question's choices"),
         "    hint: its choices: a, b"],
    ),
    "approval-rule-without-name": (
        {"extra.yaml": "approvals:\n  rules:\n    - {id: legal, description: Legal posts., approvers: [lead]}\n"},
        ["playbook/extra.yaml:3:7: error: missing required key 'name' in approval rule 'legal'",
         "    hint: add 'name:' (the rule's name, unique: every page cites the rule by it (e.g. Legal needs legal))"],
    ),
    "approval-rule-names-clash": (
        {"extra.yaml": ("approvals:\n  rules:\n"
                        "    - {id: legal, name: Legal needs the lead, description: Legal posts., approvers: [lead]}\n"
                        "    - {id: law, name: legal  needs the LEAD, description: Law posts., approvers: [lead]}\n")},
        ["playbook/extra.yaml:4:23: error: duplicate approval rule name 'legal  needs the LEAD'",
         "    hint: item 1 of the same list is already called that; pages cite it by name, so give each its own"],
    ),
    "approval-rule-ids-clash": (
        {"extra.yaml": ("approvals:\n  rules:\n"
                        "    - {id: legal, name: Legal one, description: Legal posts., approvers: [lead]}\n"
                        "    - {id: legal, name: Legal two, description: Law posts., approvers: [lead]}\n")},
        ["playbook/extra.yaml:4:12: error: duplicate approval rule id 'legal'",
         "    hint: 'legal' is already used at line 3; ids must be unique"],
    ),
    "ladder-without-after-last-step": (
        {"playbook.yaml": ("      after_last_step: Call the lead's phone; if unreachable, pause all posting.\n", "")},
        ["playbook/playbook.yaml:39:7: error: ladder 'basic' does not say what happens after its last step",
         ("    hint: it serves High, Low: add 'after_last_step:' with what to do when nobody acknowledges the last "
          "step (for example: call the comms lead's phone; if unreachable, pause all posting)")],
    ),
    "sign-off-without-permission": (
        {"playbook.yaml": ("signed_off_by: lead}", "signed_off_by: writer}")},
        ["playbook/playbook.yaml:52:87: error: role 'writer' signs off 'day-1' but cannot sign off training",
         "    hint: give 'writer' the 'sign_off' permission or choose another role"],
    ),
    "role-id-equals-team-id": (
        {"extra.yaml": "teams:\n  - {id: editor, name: Editors}\nroles:\n" + ROLE.format(id="editor", name="Editor")},
        [("playbook/extra.yaml:4:9: error: role 'editor' has no team and the same id as team 'editor': "
         "their pages would have the same address"),
         "    hint: give the role a 'team:' or rename one of them"],
    ),
    "undeclared-stage": (
        {"extra.yaml": "roles:\n" + ROLE.format(id="editor", name="Editor")
                       + "    progression:\n      - {stage: reverse-shadow, description: Leads while watched.}\n"},
        [("playbook/extra.yaml:10:17: error: role 'editor', stage 'reverse-shadow', stage: unknown progression "
          "stage 'reverse-shadow'"),
         "    hint: did you mean 'shadow'? (or declare 'reverse-shadow' under 'process.stages')"],
    ),
    "stage-out-of-order": (
        {"extra.yaml": "roles:\n" + ROLE.format(id="editor", name="Editor")
                       + "    progression:\n      - {stage: solo, description: Alone.}\n"
                       + "      - {stage: shadow, description: Watches.}\n"},
        ["playbook/extra.yaml:11:17: error: role 'editor' lists the 'shadow' stage out of order",
         "    hint: list its stages in the declared order: shadow, supervised, solo"],
    ),
    "undeclared-category": (
        {"playbook.yaml": ("category: community,", "category: rumours,")},
        ["playbook/playbook.yaml:46:48: error: trigger 'complaint', category: unknown trigger category 'rumours'",
         ("    hint: known trigger category ids: commercial, community, executive, legal, media, news, politics, "
          "privacy, safety, security (or declare 'rumours' under 'process.categories')")],
    ),
    "keyword-option-names-no-keyword": (
        {"playbook.yaml": ("keywords: [lawsuit, sue], severity: high}",
                           ("keywords: [lawsuit, sue], endings: [lawsuits], context: [{keyword: suee, with: [court]}], "
                            "severity: high}"))},
        ["playbook/playbook.yaml:47:114: error: 'lawsuits' is not a keyword of trigger 'lawsuit'",
         "    hint: did you mean 'lawsuit'?",
         "playbook/playbook.yaml:47:145: error: 'suee' is not a keyword of trigger 'lawsuit'",
         "    hint: did you mean 'sue'?"],
    ),
    "duplicate-declared-stage": (
        {"process.yaml": "process:\n  stages:\n    - {id: shadow, name: Shadow}\n    - {id: shadow, name: Again}\n"},
        ["playbook/process.yaml:4:12: error: duplicate progression stage id 'shadow'",
         "    hint: 'shadow' is already used at line 3; ids must be unique"],
    ),
    "calendar-date-that-does-not-exist": (
        {"extra.yaml": 'calendar:\n  - id: d\n    name: D\n    date: "02-30"\n    severity: high\n'},
        ["playbook/extra.yaml:4:11: error: sensitive date 'd', date: '02-30' is not a date",
         "    hint: write MM-DD for every year (09-11) or YYYY-MM-DD once"],
    ),
    "calendar-scope-unknown-account-and-tier": (
        {"extra.yaml": 'calendar:\n  - id: d\n    name: D\n    date: "09-11"\n    severity: high\n'
                       "    accounts: [mian]\n    tiers: [huge]\n"},
        ["playbook/extra.yaml:6:16: error: sensitive date 'd', accounts: unknown account 'mian'",
         "    hint: did you mean 'main'?",
         "playbook/extra.yaml:7:13: error: sensitive date 'd', tiers: unknown reach tier 'huge'",
         "    hint: known reach tier ids: large, small"],
    ),
    "watchlist-expires-before-it-starts": (
        {"extra.yaml": WATCH.format(since="2026-11-28 18:00", expires="2026-11-20 18:00", extra="")},
        ["playbook/extra.yaml:7:14: error: watchlist event 'w' expires before it starts",
         "    hint: 'expires:' must be later than 'since:'"],
    ),
    "watchlist-unknown-time-zone": (
        {"extra.yaml": WATCH.format(since="2026-11-28 18:00", expires="2026-12-20 18:00",
                                    extra="    timezone: Europe/Londn\n")},
        ["playbook/extra.yaml:8:15: error: watchlist event 'w', timezone: 'Europe/Londn' is not a known time zone",
         "    hint: use an IANA name such as Europe/London"],
    ),
    "watchlist-unknown-role-adding-it": (
        {"extra.yaml": WATCH.format(since="2026-11-28 18:00", expires="2026-12-20 18:00", extra="")
         .replace("added_by: lead", "added_by: leed")},
        ["playbook/extra.yaml:5:15: error: watchlist event 'w', added_by: unknown role 'leed'",
         "    hint: did you mean 'lead'?"],
    ),
}

WARNING_CASES = {
    "no-backup": (
        {"playbook.yaml": ("    backups: [writer]\n", "")},
        ["playbook/playbook.yaml:18:9: warning: role 'lead' has no backup",
         "    hint: add 'backups:' with a role that can step in when nobody in this role is on shift"],
    ),
    "expired-holding-statement": (
        {"extra.yaml": "holding_statements:\n  - id: h\n    name: H\n    text: We are looking into it.\n"
                       "    owner: lead\n    expires: 2020-01-01\n"},
        ["playbook/extra.yaml:6:14: warning: holding statement 'h' expired on 2020-01-01",
         "    hint: review the wording and set a new 'expires:' date, or remove it"],
    ),
    "expired-watchlist-event": (
        {"extra.yaml": WATCH.format(since="2020-01-01 18:00", expires="2020-01-05 18:00", extra="")},
        ["playbook/extra.yaml:7:14: warning: watchlist event 'w' expired on 2020-01-05 18:00",
         "    hint: renew 'expires:' if the story is still running, or remove the entry"],
    ),
    "hashtag-read-as-comment": (
        {"playbook.yaml": ("    purpose: Writes posts.\n", "    purpose: Writes posts. Ask in #legal first.\n")},
        [("playbook/playbook.yaml:27:35: warning: '#legal first.' is read as a YAML comment and dropped: "
          "the value ends at 'Writes posts. Ask in'"),
         ("    hint: put the whole value in quotes (\"Writes posts. Ask in #legal first.\") so that "
          "#legal is kept; a comment is written '# like this', with a space after '#'")],
    ),
    "hashtag-in-list-read-as-comment": (
        {"playbook.yaml": ("[Draft posts]", "\n      - Draft posts #StormBram")},
        [("playbook/playbook.yaml:30:21: warning: '#StormBram' is read as a YAML comment and dropped: "
         "the value ends at 'Draft posts'")],
    ),
}
