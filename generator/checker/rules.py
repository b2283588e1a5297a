"""The policy compiled for checking drafts: one JSON document for the terminal and the site.

`playbook check` builds it in process and the checker page fetches the same document
(assets/playbook/rules.json), so both engines read one source of truth. Everything a
matcher needs is precomputed here, once, in Python: word keys of every term (see
text.py), message templates, handbook page addresses, and a term index keyed by word
key so that a draft is checked in time proportional to its length, not to the number of
terms. The engines' own patterns and constants (shared.py) ride along under "patterns"
and "constants", so engine.js needs no copy of them. Keys are sorted and lists ordered,
so the same policy gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Mapping, Set
from typing import Any

from .. import clock
from ..model import OWNER_TEXT, Account, Escalation, Ladder, Playbook, Severity, TwoPersonRule
from ..model.triggers import SIGNAL_LABELS
from ..packs.select import Active, activate
from ..queries import paths
from ..queries.answers import (
    RULE,
    TRIAGE_WORDS,
    TWO_PERSON,
    VERIFY,
    VERIFY_NAME,
    Requirement,
    account_limits,
    acknowledge_phrase,
    after_last_step_text,
    cadence_text,
    crisis_covers,
    crisis_posting_text,
    deadline_text,
    publishers,
    repliers,
    requirement_text,
    tiers_in_order,
    unanswered_text,
    validity_text,
    verify_text,
)
from ..queries.crisis_plan import timelines_text
from ..queries.media import media_spec, spec_document
from ..queries.operations import posting_of, trigger_scope_text, volume_text
from ..queries.paging import step_who
from . import lexicon, packrules, shared
from .document import FORMAT, VERDICT_WORDS, level_name, utc_text
from .inner import inner_terms
from .lookalikes import lookalikes
from .packrules import with_packs
from .shared import SPACE
from .text import WORD, compact_key, fold, phrase_form, phrase_key, phrase_keys, read, squeeze, word_form

# Endings a disguised swear word may carry ("f***ing", "sh1tty").
PROFANITY_ENDINGS = ("", "s", "es", "ed", "ing", "in", "er", "ers", "y", "ty")

MESSAGES = {
    "post.empty": "the post has no text and no media: write it before it can go out",
    "limits.length": "{count} characters as {platform} counts them; the limit is {limit}",
    "limits.hashtags": "{count} hashtags; the limit here is {limits_text}",
    "limits.mentions": "{count} mentions; the limit for {platform} is {limit}",
    "limits.links": "{count} links; the limit for {platform} is {limit}",
    "limits.media": "{count} attachments; the limit for {platform} is {limit}",
    "style.exclamation": "{count} exclamation marks; our style allows {limit}",
    "style.emoji": "{count} emoji; our style allows {limit}",
    "style.hashtags": "{count} hashtags; the limit here is {limits_text}",
    "style.caps": "{count} ALL-CAPS words; our style allows {limit}",
    "style.sign-off": "a reply ends with our sign-off, {sign_off} (for example: {example})",
    "voice.banned": "'{match}' is a banned term: {reason} Use '{use_instead}' instead.",
    "voice.banned-bare": "'{match}' is a banned term: {reason}",
    "voice.caution": "'{match}' needs care: {reason}",
    "voice.caution-alt": "'{match}' needs care: {reason} Consider '{use_instead}'.",
    "voice.preferred": "write '{use_instead}' rather than '{match}': {reason}",
    "voice.profanity": "profanity ('{match}'): never on a brand account, not even disguised",
    "voice.personal": "'{match}' reads as personal content; {account} is a brand account, not your own",
    "voice.disclosure": "'{match}' makes this a sponsored post: add {tag}",
    "voice.disclosure-link": "a link to {match} needs the disclosure {tag}",
    "voice.disclosure-place": "{tag} goes at the {position} of the post, as the disclosure rule says",
    "hashtag.unapproved": "{match} is not on the approved list: find out what this hashtag is about before using it",
    "hashtag.ended": "{match} is the hashtag of '{campaign}', which ended on {until}: leave it out, or set a "
                     "later 'until:' for {tag} in voice.yaml's hashtags if the campaign runs on",
    "sensitivity.trigger": "'{match}' suggests {trigger}: escalate (severity {severity})",
    "sensitivity.trigger-info": "'{match}' suggests {trigger} (severity {severity}): no escalation, "
                                "but the approval rules for it apply",
    "calendar.mention": "'{match}' names {name} ({date}), inside its window: escalate (severity {severity})",
    "calendar.promotion": "'{match}' is promotional and the post goes out around {name} ({date}): "
                          "promotions need approval inside its window",
    "calendar.hashtag": "{match}: hashtags need approval around {name} ({date})",
    "watchlist.mention": "'{match}' touches {name}, on the news watchlist: escalate (severity {severity})",
    "watchlist.promotion": "'{match}' is promotional while {name} is on the news: promotions need approval",
    "watchlist.hashtag": "{match}: hashtags need approval while {name} is on the news",
    "tragedy.promotion": "'{match}' is promotional and the post names {name}: never promote on a tragedy",
    "role.publish": "{author} may not publish on {account}: {publishers} must publish it",
    "role.reply": "{author} may not reply on {account}: {repliers} must send the reply",
    "disguise": " ('{match}' reads as '{reading}': {how})",
    "explain": "'{match}' matched '{what}'. If it means something else here, add \"{phrase}\" to "
               "'unless:' in {where}",
    "crisis.incident": "'{match}' touches the incident ({incident}); crisis mode is on",
    "crisis.promotion": "'{match}' is promotional: promotions are paused while crisis mode is on",
    "crisis.active": "crisis mode is on ({incident}): {who_may_post}",
    "media.alt-text": "attachment {file} has no alt text",
    "media.from-message": "attachment {file} was saved from an incoming message: never post it",
    "media.link-domain": "{match} is not on an approved link domain",
    "media.ratio": "{file} is {width}x{height}: {kind} on {platform} have an aspect ratio of {ratios}",
    "media.resolution": "{file} is {width}x{height}: {kind} on {platform} are at least {least}",
    "media.size": "{file} is {width}x{height}: the recommended sizes on {platform} are {sizes}",
    "media.bytes": "{file} is {megabytes} MB: {kind} on {platform} are at most {limit} MB",
    "media.short": "{file} runs {seconds} s: {kind} on {platform} run at least {limit} s",
    "media.long": "{file} runs {seconds} s: {kind} on {platform} run at most {limit} s",
    "media.captions": "{file} has no captions: {kind} on {platform} need captions or subtitles",
    "media.captions-unknown": "{file}: captions could not be read; {kind} on {platform} need captions or "
                              "subtitles (say captions=yes if they are burnt in)",
    "media.hook": "{file}: {hook}",
    "approval.needed": "{name}: {description} Needs {needed} sign-off from: {roles}",
}


def url_of(page_path: str, directory_urls: bool = True) -> str:
    """The page's address relative to the site root, as MkDocs serves it with directory URLs
    (or, for the offline bundle opened from disk, as the .html file it writes)."""
    stem = page_path[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return (stem[: -len("index")] if stem.endswith("/index") else stem + "/")


def compile_rules(playbook: Playbook, today: dt.date | None = None) -> dict[str, Any]:
    """The rules document for `playbook`: plain JSON data, deterministic. `today` (default: the
    clock's) sets the years whose dates of movable days it carries."""
    today = today or clock.today()
    active = activate(playbook, today)
    own_triggers = [t.id for t in playbook.triggers]
    playbook = with_packs(playbook, active)
    table = lookalikes()
    terms, hashtag_terms, unless = _term_index(playbook, table, active)
    packs = packrules.document(active, table)
    unless.update(k for item in [*packs["patterns"], *packs["emoji"]] for k in item.get("unless", ()))
    masked, profanity = _masked_forms(playbook, terms, table), _profanity_forms(playbook, table)
    esc = playbook.escalation
    severities = sorted(esc.severities, key=lambda s: (esc.rank(s), s.id))
    return {
        "format": FORMAT,
        "handbook": {"title": playbook.handbook.title, "version": playbook.handbook.version,
                     "site_url": playbook.handbook.site_url},
        "default_account": _id_or_none(default_account(playbook)),
        "account_order": [a.id for a in sorted(playbook.own_accounts, key=lambda a: (-(a.audience or 0), a.id))],
        "accounts": {a.id: _account(playbook, a) for a in playbook.own_accounts},
        "run_elsewhere": {a.id: playbook.runner(a) for a in playbook.accounts if a.runs_elsewhere},
        "roles": {r.id: {"name": r.name, "fallback": r.escalates_to or r.reports_to,
                         "channels": [_channel(c) for c in r.channels]} for r in playbook.roles},
        "terms": terms,
        "phrase_lengths": sorted({len(key.split(" ")) for key in terms}),
        "squeezed": _squeezed(terms),
        "unless": dict.fromkeys(sorted(unless), 1),
        "unless_lengths": sorted({len(key.split(" ")) for key in unless}),
        "lookalikes": table,
        "hashtag_terms": hashtag_terms,
        "triggers": {t.id: _trigger(playbook, t) for t in playbook.triggers},
        "trigger_order": own_triggers,  # as the policy lists them, for the wizard (no pack entry)
        "severities": {s.id: _severity(esc, s) for s in severities},
        "severity_order": [s.id for s in severities],
        "timelines": timelines_text(playbook),  # a severity's plan in time, as triage says each step
        "ladders": {x.id: _ladder(playbook, x) for x in playbook.escalation.ladders},
        "holding_statements": {h.id: {"name": h.name, "text": h.text, "owner": h.owner,
                                      "expires": h.expires.isoformat() if h.expires else None,
                                      "validity": validity_text(h),
                                      "platforms": list(h.platforms)}
                               for h in playbook.holding_statements},
        # For the triage wizard's result (templates/assets/triage.js), beside the severities' and
        # triggers' own action lists: every action in the policy's order, the reach tiers from the
        # smallest up, platform names and the policy owner.
        "actions": {a.id: {"name": a.name, "description": a.description} for a in playbook.escalation.actions},
        "action_order": [a.id for a in playbook.escalation.actions],
        "tiers": [{"id": t.id, "name": t.name} for t in tiers_in_order(playbook)],
        "platform_names": {p.id: p.name for p in playbook.platforms},
        "policy_owner": playbook.handbook.policy_owner,
        "people": people_by_role(playbook),
        "spread": [s.model_dump(mode="json") for s in playbook.escalation.spread],
        "signals": SIGNAL_LABELS,
        "owner_text": OWNER_TEXT,
        "triage_words": TRIAGE_WORDS,
        "verdict_words": VERDICT_WORDS,
        "approvals": _approvals(playbook),
        "style": _style(playbook),
        "disclosures": {d.id: _disclosure(d, table) for d in playbook.voice.disclosures},
        "approved_hashtags": sorted({"#" + compact_key(h.tag, table) for h in playbook.voice.hashtags}
                                   | {"#" + compact_key(d.tag, table) for d in playbook.voice.disclosures
                                      if d.tag.startswith("#")}),
        "hashtag_campaigns": _campaigns(playbook, table),
        "media": {"alt_text_required": playbook.voice.media.alt_text_required is True,
                  "no_images_from_messages": playbook.voice.media.no_images_from_messages is True,
                  "approved_link_domains": sorted({fold(d) for d in playbook.voice.media.approved_link_domains})},
        "crisis": _crisis(playbook),
        "calendar": {d.id: _date(d, today) for d in playbook.calendar},
        "packs": packs,
        "watchlist": {e.id: _event(e) for e in playbook.watchlist},
        "profanity_forms": profanity,
        "masked_forms": masked,
        **inner_terms(terms, hashtag_terms, masked, profanity),
        **_everyday(playbook, table),
        "messages": MESSAGES,
        "pages": _pages([s.id for s in severities], [p.id for p in playbook.platforms]),
        **shared.document(),
    }


def _campaigns(playbook: Playbook, table: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """Approved hashtags whose campaign ends, by the key the engines compare hashtags by: the
    campaign, its last day and the tag as written. A post after that day (where the account
    posts) is told the campaign is over. A tag listed twice ends with its latest entry; one
    that is also listed without an end, or is a disclosure tag, never ends."""
    endless = {"#" + compact_key(h.tag, table) for h in playbook.voice.hashtags if h.until is None}
    endless |= {"#" + compact_key(d.tag, table) for d in playbook.voice.disclosures if d.tag.startswith("#")}
    found: dict[str, dict[str, str]] = {}
    for tag in playbook.voice.hashtags:
        key = "#" + compact_key(tag.tag, table)
        if tag.until is None or key in endless:
            continue
        if key not in found or found[key]["until"] < tag.until.isoformat():
            found[key] = {"tag": tag.tag, "campaign": tag.campaign, "until": tag.until.isoformat()}
    return dict(sorted(found.items()))


def people_by_role(playbook: Playbook) -> dict[str, list[str]]:
    """Who holds each role, from the roster, as "Name (time zone)": the triage result names the
    people to tell, not only their roles. Roster order; roles nobody holds are left out."""
    found: dict[str, list[str]] = {}
    for person in playbook.roster:
        for role in person.roles:
            found.setdefault(role, []).append(f"{person.name} ({person.timezone})")
    return dict(sorted(found.items()))


def rules_json(playbook: Playbook, today: dt.date | None = None) -> str:
    """The rules document as the site ships it: sorted keys, compact, UTF-8 (`today`: the
    build's day, so a reproducible build carries the same years of movable days)."""
    return json.dumps(compile_rules(playbook, today), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def default_account(playbook: Playbook) -> Account | None:
    """The strictest case: the account with the largest audience (ties: first id); None for a
    policy that lists no account of its own (one that governs accounts it does not name)."""
    own = playbook.own_accounts
    return min(own, key=lambda a: (-(a.audience or 0), a.id)) if own else None


def _id_or_none(account: Account | None) -> str | None:
    return account.id if account is not None else None


def _account(playbook: Playbook, account: Account) -> dict[str, Any]:
    in_scope = crisis_covers(playbook, account)
    # The effective limits, as every page states them: a hashtag limit is the stricter of the
    # platform's and the house style's, and the engines enforce that one, once.
    found = {limit.key: limit for limit in account_limits(playbook, account)}
    limits = playbook.effective_limits(account).model_dump()
    if "max_hashtags" in found:
        limits["max_hashtags"] = found["max_hashtags"].limit
    return {
        "name": account.name, "handle": account.handle, "platform": account.platform,
        "platform_name": playbook.platform(account.platform).name, "audience": account.audience,
        "tier": playbook.tier_id(account), "personal_content_allowed": account.personal_content_allowed,
        "limits": limits, "limit_sources": {key: found[key].source for key in sorted(found)},
        "limit_texts": {key: found[key].text for key in sorted(found)}, "crisis": in_scope,
        "publishers": publishers(playbook, account), "repliers": repliers(playbook, account),
        "media": spec_document(media_spec(playbook, account)),
        "posting": _posting(playbook, account),
        "timezone": account.posting_hours.timezone if account.posting_hours else "UTC",
        "sign_off": not playbook.voice.style.sign_off_accounts or account.id in playbook.voice.style.sign_off_accounts,
    }


def _posting(playbook: Playbook, account: Account) -> dict[str, Any] | None:
    """The account's posting volume for `sweep`: the numbers, the kinds of post that do not
    count (folded, as an export's type column is compared), and the one sentence pages use."""
    volume = posting_of(playbook, account)
    if volume is None:
        return None
    return {"per": volume.per, "min": volume.min, "max": volume.max,
            "not_counted": sorted({kind.casefold() for kind in volume.not_counted}), "text": volume_text(volume)}


def _date(day: Any, today: dt.date) -> dict[str, Any]:
    """A sensitive date; "month"/"day" for every year, "year" too when it happens once; a day
    that moves (a rule, Easter) carries its dates in the years around `today` ("occurrences")."""
    found = {"name": day.name, "date": day.when, "before": day.days_before, "after": day.days_after,
             "severity": day.severity, "pauses": [p.value for p in day.pauses], "accounts": list(day.accounts),
             "tiers": list(day.tiers)}
    moving = packrules.occurrence_texts(day, today)
    if moving is not None:
        return {**found, "year": None, "month": None, "day": None, "occurrences": moving}
    parts = [int(p) for p in day.date.split("-")]
    year, month, date = parts if len(parts) == 3 else [None, *parts]
    return {**found, "year": year, "month": month, "day": date}


def _event(event: Any) -> dict[str, Any]:
    return {"name": event.name, "severity": event.severity, "pauses": [p.value for p in event.pauses],
            "since": utc_text(event.since, event.timezone), "expires": utc_text(event.expires, event.timezone),
            "accounts": list(event.accounts), "tiers": list(event.tiers), "added_by": event.added_by}


def _trigger(playbook: Playbook, trigger: Any) -> dict[str, Any]:
    """A trigger as the engines and the wizard read it; `only_accounts` is its scope decided
    once (None: every account), `owner` a role id, "receiver", "none" or None."""
    return {"name": trigger.name, "category": trigger.category, "severity": trigger.severity,
            "owner": trigger.owner, "only_accounts": playbook.trigger_accounts(trigger),
            "only_on": trigger_scope_text(playbook, trigger),
            "verify_first": trigger.verify_first, "holding_statement": trigger.holding_statement,
            "actions": list(trigger.actions),
            "question": trigger.question or trigger.name, "description": trigger.description,
            "signals": [s.value for s in trigger.signals], "keywords": list(trigger.keywords)}


def _ladder(playbook: Playbook, ladder: Ladder) -> dict[str, Any]:
    """A ladder with its wording decided here (answers.py), so the triage wizard and the
    checker page say what `playbook triage` and the pages say: `unanswered` ("If nobody has
    acknowledged the last step (1 h 5 min after it started)") and `after`, what happens then
    (the policy's own `after_last_step`, or the handbook's fallback)."""
    owner = playbook.role(playbook.handbook.policy_owner).name
    return {"name": ladder.name, "steps": [_step(playbook, s) for s in ladder.steps],
            "after_last_step": ladder.after_last_step, "unanswered": unanswered_text(ladder),
            "after": after_last_step_text(ladder, step_who(playbook, ladder.steps[-1]).text, owner)}


def _step(playbook: Playbook, step: Any) -> dict[str, Any]:
    """A ladder step as the engines pass it on: its fields, whom it pages in words (`who`), its
    deadline in words (`deadline`), and the channels of a rotation it names (a role's are
    under `roles`)."""
    rotation = playbook.id_maps["rotation"].get(step.rotation) if step.rotation else None
    return {**step.model_dump(mode="json", exclude={"roles"}), "roles": step.role_ids,
            "who": step_who(playbook, step).text, "deadline": acknowledge_phrase(step),
            "channels": [_channel(c) for c in rotation.channels] if rotation else []}


def _channel(channel: Any) -> dict[str, Any]:
    """A channel as the triage wizard shows it; `href` (or null) is the only link it may make of the value."""
    return {"label": channel.label, "value": channel.value, "kind": channel.kind.value, "href": channel.href}


def _severity(esc: Escalation, severity: Severity) -> dict[str, Any]:
    """`rank` is the severity's place in the order (higher is worse, however the policy numbers
    its levels): the engines only compare it; `label` and `number` (the policy's own `level`)
    are how people name the level (see level_name)."""
    return {"name": severity.name, "rank": esc.rank(severity), "label": severity.label, "number": severity.level,
            "level_name": level_name(severity.label, severity.level, len(esc.severities)),
            "response": severity.response, "major": esc.major_from is not None and esc.is_major(severity),
            "cadence": (cadence := esc.cadence_of(severity)) and cadence.model_dump(mode="json"),
            "cadence_text": cadence and cadence_text(cadence),
            "description": severity.description,
            "respond_within_minutes": severity.respond_within_minutes, "deadline": deadline_text(severity),
            "ladder": severity.ladder,
            "notify": list(severity.notify), "pause_scheduled_posts": severity.pause_scheduled_posts,
            "actions": list(severity.actions)}


def _approvals(playbook: Playbook) -> dict[str, Any]:
    """The approval rules, each with `text`, the words the triage result says it in
    (answers.requirement_text), and verify-before-reacting's `instruction`; the two-person
    rule's `name`, `ref` (its section, the checker's finding ref) and `kind` (a requirement's
    kind, answers.py's) are the wizard's and engines' only source for them."""
    approvals = playbook.approvals
    two = approvals.two_person_rule
    verify = approvals.verify_before_reacting
    names = {r.id: r.name for r in playbook.roles}

    def said(kind: str, name: str, approvers: list[str], needed: int = 1) -> str:
        return requirement_text(Requirement(kind, name, "", tuple(approvers), needed, ""), names, verify)

    return {
        "two_person_rule": two and {"name": TwoPersonRule.LABEL, "ref": paths.TWO_PERSON_RULE, "kind": TWO_PERSON,
                                    "tiers": list(two.tiers), "approvers": list(two.approvers),
                                    "description": two.description,
                                    "text": said(TWO_PERSON, TwoPersonRule.LABEL, list(two.approvers))},
        "verify": verify and {"name": VERIFY_NAME, "categories": list(verify.categories),
                              "sources_required": verify.sources_required, "wait_minutes": verify.wait_minutes,
                              "approver": verify.approver, "description": verify.description,
                              "text": said(VERIFY, VERIFY_NAME, [verify.approver]),
                              "instruction": verify_text(verify, names[verify.approver])},
        "rules": [{"id": r.id, "name": r.name, "description": r.description, "tiers": list(r.tiers),
                   "categories": list(r.categories), "min_severity": r.min_severity,
                   "approvers": list(r.approvers), "needed": r.approvals_needed,
                   "text": said(RULE, r.name, list(r.approvers), r.approvals_needed)} for r in approvals.rules],
    }


def _style(playbook: Playbook) -> dict[str, Any]:
    style = playbook.voice.style
    return {"max_exclamation_marks": style.limit("max_exclamation_marks"), "max_emoji": style.limit("max_emoji"),
            "max_hashtags": style.limit("max_hashtags"), "all_caps_words": style.limit("all_caps_words"),
            "sign_off": style.sign_off and {"text": style.sign_off, "pattern": sign_off_pattern(style.sign_off),
                                            "example": style.sign_off.replace("initials", "AB")}}


def sign_off_pattern(sign_off: str) -> str:
    """A regex (valid in Python and JavaScript) for a reply's ending: "^initials" -> ^ and 2-3 capitals."""
    parts = [_regex_literal(p) for p in sign_off.split("initials")]
    return "[A-Z]{2,3}".join(parts) + SPACE + "*$"


def _disclosure(disclosure: Any, table: Mapping[str, str]) -> dict[str, Any]:
    """A disclosure as the engines look for it: a tag that is a hashtag is compared as hashtags
    are (its key); any other text is searched for in any case (`pattern`, valid in both engines)."""
    hashtag = disclosure.tag.startswith("#")
    return {"tag": disclosure.tag, "position": disclosure.position,
            "domains": sorted({fold(d) for d in disclosure.domains}),
            "hashtag": "#" + compact_key(disclosure.tag, table) if hashtag else None,
            "pattern": None if hashtag else "".join("\\" + c if c in "\\^$.|?*+()[]{}/" else c
                                                    for c in disclosure.tag)}


def _regex_literal(text: str) -> str:
    return "".join("\\" + c if c in r"\^$.|?*+()[]{}/-" else c for c in text)


def _crisis(playbook: Playbook) -> dict[str, Any]:
    crisis = playbook.crisis
    return {"active": crisis.active, "incident": crisis.incident,
            "since": crisis.since.isoformat() if crisis.since else None,
            "until": crisis.until.isoformat() if crisis.until else None,
            # The window the engines compare a post's UTC minute with (a time without an offset is UTC).
            "since_utc": utc_text(crisis.since, "UTC") if crisis.since else None,
            "until_utc": utc_text(crisis.until, "UTC") if crisis.until else None,
            "may_post": list(crisis.may_post), "who_may_post": crisis_posting_text(playbook),
            "block_promotions": crisis.block_promotions,
            "scheduled_posts": crisis.scheduled_posts, "message": crisis.message}


Entry = dict[str, Any]


def _case(written: str) -> str:
    """How a case-sensitive term is capitalised: "upper" (ICE), "title" (Sue) or "lower"."""
    letters = [c for c in written if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "upper"
    return "title" if letters and letters[0].isupper() else "lower"


def _with(entry: Entry, written: str, where: str, unless: list[str], case_sensitive: bool,
          table: Mapping[str, str], endings: bool = False, context: Any = None) -> Entry:
    """An entry with what a finding needs to explain itself and the exceptions the policy wrote:
    `exact`, the term's words as written (folded), unless its word endings count; `with` and
    `within`, the context one of which must stand near it (as written, folded: list "cans" and
    "can" is not context)."""
    entry = {**entry, "term": written, "where": where}
    keys = phrase_keys(unless, table)
    if keys:
        entry["unless"] = keys
    if case_sensitive:
        entry["case"] = _case(written)
    if not endings:
        entry["exact"] = phrase_form(written, table)
    if context is not None:
        entry["with"] = sorted({k for k in (phrase_form(w, table) for w in context.with_) if k})
        entry["within"] = context.within
    return entry


def _ends(holder: Any, keyword: str) -> bool:
    """Whether `keyword` is among the `endings` of its trigger, crisis, date or event."""
    return keyword.casefold() in {e.casefold() for e in holder.endings}


def _endings(term: Any) -> bool:
    """Whether a vocabulary term's word endings count: as it says, else only a profanity's."""
    return term.endings if term.endings is not None else term.kind.value == "profanity"


def _where(section: str, what: str, item_id: str, packed: Set[str]) -> str:
    """Where a finding says to write an exception: the policy's own entry, or for a pack's
    entry its override in `packs:` (an override's `unless:`)."""
    if item_id in packed:
        return f"packs (override: {item_id}:)"
    return f"{section} (the {what} '{item_id}')"


def _term_entries(playbook: Playbook, table: Mapping[str, str], packed: Set[str] = frozenset()
                  ) -> list[tuple[str, Entry]]:
    """(term as written, entry) for everything the term index can find in a draft (`packed`:
    the ids of pack entries, whose exceptions are written in `packs: override:`)."""
    found: list[tuple[str, Entry]] = []
    for term in playbook.vocabulary:
        kind, where = term.kind.value, f"vocabulary (the term '{term.term}')"
        if kind == "preferred":
            found.extend((old, _with({"kind": "preferred", "ref": old, "use_instead": term.term,
                                      "reason": term.reason}, old, where, term.unless, term.case_sensitive, table,
                                     _endings(term)))
                         for old in term.replaces)
        else:
            found.append((term.term, _with({"kind": kind, "ref": term.term, "reason": term.reason,
                                            "use_instead": term.use_instead}, term.term, where, term.unless,
                                           term.case_sensitive, table, _endings(term))))
    voice = playbook.voice
    found.extend((w, _with({"kind": "personal", "ref": w}, w, "voice (as personal_content_unless)",
                           voice.personal_content_unless, False, table)) for w in voice.personal_content)
    for trigger in playbook.triggers:
        where = _where("triggers", "trigger", trigger.id, packed)
        contexts = {c.keyword.casefold(): c for c in trigger.context}
        for k in trigger.keywords:
            options = (k in trigger.case_sensitive, table, _ends(trigger, k), contexts.get(k.casefold()))
            found.append((k, _with({"kind": "trigger", "ref": trigger.id}, k, where, trigger.unless, *options)))
            if trigger.promotes():
                found.append((k, _with({"kind": "promotion", "ref": k}, k, where, trigger.unless, *options)))
    for disclosure in voice.disclosures:
        where = f"voice (the disclosure '{disclosure.id}')"
        for w in disclosure.when:
            found.append((w, _with({"kind": "disclosure", "ref": disclosure.id}, w, where, disclosure.unless,
                                   False, table)))
            found.append((w, _with({"kind": "promotion", "ref": w}, w, where, disclosure.unless, False, table)))
    crisis = playbook.crisis
    found.extend((k, _with({"kind": "incident", "ref": k}, k, "crisis", [], False, table, _ends(crisis, k)))
                 for k in crisis.keywords)
    for day in playbook.calendar:
        where = _where("calendar", "date", day.id, packed)
        found.extend((k, _with({"kind": "date", "ref": day.id}, k, where, day.unless, False, table, _ends(day, k)))
                     for k in day.keywords)
    for event in playbook.watchlist:
        found.extend((k, _with({"kind": "event", "ref": event.id}, k, f"watchlist (the event '{event.id}')",
                               event.unless, False, table, _ends(event, k))) for k in event.keywords)
    return found


def _term_index(playbook: Playbook, table: Mapping[str, str], active: Active
                ) -> tuple[dict[str, list[Entry]], dict[str, list[Entry]], set[str]]:
    """Entries by word key, multi-word terms (plus crisis, date, event and tragedy hashtags) by
    their hashtag form, and the keys of every exception phrase."""
    terms: dict[str, list[Entry]] = {}
    hashtags: dict[str, list[Entry]] = {}
    unless: set[str] = set()
    for written, entry in _term_entries(playbook, table, active.ids()):
        key = phrase_key(written, table)
        if not key:
            continue
        _add_unique(terms, key, entry)
        unless.update(entry.get("unless", ()))
        if len(WORD.findall(written)) > 1:
            _add_unique(hashtags, compact_key(written, table), entry)
    tagged = [(t, {"kind": "incident", "ref": t}) for t in playbook.crisis.hashtags]
    tagged += [(t, {"kind": "date", "ref": d.id}) for d in playbook.calendar for t in d.hashtags]
    tagged += [(t, {"kind": "event", "ref": e.id}) for e in playbook.watchlist for t in e.hashtags]
    tagged += [(t, {"kind": "trigger", "ref": ref}) for ref, t in active.tragedy_hashtags()]
    for tag, entry in tagged:
        key = compact_key(tag, table)
        if key:
            _add_unique(hashtags, key, {**entry, "term": tag})
    return ({k: _ordered(v) for k, v in sorted(terms.items())},
            {k: _ordered(v) for k, v in sorted(hashtags.items())}, unless)


def _squeezed(terms: Mapping[str, Any]) -> dict[str, str]:
    """One-word keys with a doubled letter, by their squeezed form: "kil" (kill), "asasin"
    (assassin), so that "kiiiill" is found. Keys without one are found as they are."""
    found: dict[str, str] = {}
    for key in sorted(terms):
        if " " not in key and squeeze(key) != key:
            found.setdefault(squeeze(key), key)
    return found


def _ordered(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Entries in a total order (their JSON text); most keys have one, which needs no sort."""
    return sorted(entries, key=lambda e: json.dumps(e, sort_keys=True)) if len(entries) > 1 else entries


def _add_unique(index: dict[str, list[dict[str, Any]]], key: str, entry: dict[str, Any]) -> None:
    bucket = index.setdefault(key, [])
    if entry not in bucket:
        bucket.append(entry)


def _profanity_forms(playbook: Playbook, table: Mapping[str, str]) -> dict[str, str]:
    """Every single-word profanity with the endings a disguised one may carry (folded) -> the term."""
    forms: dict[str, str] = {}
    for term in sorted(playbook.vocabulary, key=lambda t: t.term):
        if term.kind.value == "profanity" and len(WORD.findall(term.term)) == 1:
            for ending in PROFANITY_ENDINGS:
                forms.setdefault(read(term.term, table).text + ending, term.term)
    return dict(sorted(forms.items()))


def _everyday(playbook: Playbook, table: Mapping[str, str]) -> dict[str, Any]:
    """What the engines need to know of everyday English about the policy's own words (lexicon.py):
    `names`, single-word terms that are also what people are called ("roster": someone on the
    team's roster; "given": a first name), `accent_words`, the accented English words that fold
    into a term (lamé is not lame) unless the policy writes the term with that accent itself
    (Mégantic is the pack's own word), and `common_words`, too frequent to tell two uses apart."""
    entries = _term_entries(playbook, table)
    forms = {f for written, _ in entries if " " not in (f := phrase_form(written, table)) and f}
    roster = {word_form(w) for person in playbook.roster for w in WORD.findall(read(person.name, table).text)}
    names = dict.fromkeys(lexicon.first_names(forms), "given")
    names.update(dict.fromkeys(forms & roster, "roster"))
    own = {w for written, _ in entries for w in WORD.findall(unicodedata.normalize("NFC", written).lower())}
    return {"names": dict(sorted(names.items())),
            "accent_words": [w for w in lexicon.accent_words(forms) if w not in own],
            "common_words": lexicon.common_words()}


def _masked_forms(playbook: Playbook, terms: Mapping[str, Any], table: Mapping[str, str]) -> dict[str, str]:
    """Every single-word term as written (folded), and every profanity with the endings a
    disguised one may carry, -> its key in the term index: what a word with a symbol for a
    letter (f#ck, sh☕t) is compared with, letter by letter."""
    forms: dict[str, str] = {}
    for written, _ in _term_entries(playbook, table):
        form = read(written, table).text
        if WORD.fullmatch(form) and phrase_key(written, table) in terms:
            forms.setdefault(form, phrase_key(written, table))
    for form, base in _profanity_forms(playbook, table).items():
        if phrase_key(base, table) in terms:
            forms.setdefault(form, phrase_key(base, table))
    return dict(sorted(forms.items()))


def _pages(severity_ids: list[str], platform_ids: list[str], directory_urls: bool = True) -> dict[str, Any]:
    """Which handbook page explains each family of findings, and every severity's and platform's
    own page (addresses from the site root). Each address is paths.py's, never glued from an id:
    an id that clashes with a fixed page ("index", "triage-tree") has a page of its own there."""
    def url(page_path: str) -> str:
        return url_of(page_path, directory_urls)

    return {
        "limits": url(paths.PLATFORMS), "style": url(paths.VOICE), "voice": url(paths.VOICE),
        "vocabulary": url(paths.VOCABULARY), "hashtag": url(paths.VOICE), "media": url(paths.VOICE),
        "crisis": url(paths.ESCALATION), "calendar": url(paths.ESCALATION), "roles": url(paths.ACCOUNTS),
        "approval": url(paths.APPROVALS), "escalation": url(paths.ESCALATION),
        "severities": {i: url(paths.severity(i)) for i in sorted(severity_ids)},
        "platforms": {i: url(paths.platform(i)) for i in sorted(platform_ids)},
    }


def offline_rules_script(rules_text: str) -> str:
    """The rules document as a script for the offline bundle, which a browser opens from disk.

    A page opened from file:// may not fetch() rules.json, so the document is set on
    `window.PlaybookRules` by a script tag instead, with page addresses of the .html files
    (no directory URLs on disk). JSON is valid JavaScript; "</" cannot end this file early
    because it is its own file, not inline in a page.
    """
    rules = json.loads(rules_text)
    rules["pages"] = _pages(list(rules["severities"]), list(rules["platform_names"]), directory_urls=False)
    text = json.dumps(rules, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f"window.PlaybookRules = {text};\n"
