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

import json
from typing import Any

from ..load.answers import TWO_PERSON_NAME, VERIFY_NAME, account_limits, tiers_in_order
from ..load.model import Account, Playbook, Signal
from ..render import paths
from . import shared
from .shared import SPACE
from .text import WORD, compact_key, fold, phrase_key

FORMAT = 3  # 2: the engines' patterns and constants moved in; 3: effective limits, rule names, after_last_step

# Endings a disguised swear word may carry ("f***ing", "sh1tty").
PROFANITY_ENDINGS = ("", "s", "es", "ed", "ing", "in", "er", "ers", "y", "ty")

# How the triage wizard asks about each signal (fixed text, not from YAML).
SIGNAL_LABELS = {
    "legal_threat": "Someone threatens legal action", "safety_risk": "Someone's safety is at risk",
    "media_enquiry": "A journalist or the press is asking", "breaking_news": "It is breaking news",
    "high_reach_complaint": "A complaint from an account with a big audience",
    "data_request": "Someone asks for personal data", "security_incident": "An account or data may be compromised",
    "executive_news": "It concerns an executive", "political": "It is political",
    "tragedy": "People have been hurt or killed", "hostile": "Hostile or abusive messages",
    "promotion": "It is a promotion or sale",
}
assert set(SIGNAL_LABELS) == {s.value for s in Signal}

MESSAGES = {
    "limits.length": "{count} characters as {platform} counts them; the limit is {limit}",
    "limits.hashtags": "{count} hashtags; the limit here is {limits_text}",
    "limits.mentions": "{count} mentions; {platform} allows {limit}",
    "limits.links": "{count} links; {platform} allows {limit}",
    "limits.media": "{count} attachments; {platform} allows {limit}",
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
    "hashtag.unapproved": "{match} is not on the approved list: find out what this hashtag is about before using it",
    "sensitivity.trigger": "'{match}' suggests {trigger}: severity {severity}",
    "crisis.incident": "'{match}' touches the incident ({incident}); crisis mode is on",
    "crisis.promotion": "'{match}' is promotional: promotions are paused while crisis mode is on",
    "crisis.active": "crisis mode is on ({incident}): only {roles} may publish",
    "media.alt-text": "attachment {file} has no alt text",
    "media.from-message": "attachment {file} was saved from an incoming message: never post it",
    "media.link-domain": "{match} is not on an approved link domain",
    "approval.needed": "{name}: {description} Needs {needed} sign-off from: {roles}",
}


def url_of(page_path: str) -> str:
    """The page's address relative to the site root, as MkDocs serves it with directory URLs."""
    stem = page_path[: -len(".md")]
    if stem == "index":
        return ""
    return (stem[: -len("index")] if stem.endswith("/index") else stem + "/")


def compile_rules(playbook: Playbook) -> dict[str, Any]:
    """The rules document for `playbook`: plain JSON data, deterministic."""
    terms, hashtag_terms = _term_index(playbook)
    severities = sorted(playbook.escalation.severities, key=lambda s: (s.level, s.id))
    return {
        "format": FORMAT,
        "handbook": {"title": playbook.handbook.title, "version": playbook.handbook.version,
                     "site_url": playbook.handbook.site_url},
        "default_account": default_account(playbook).id,
        "account_order": [a.id for a in sorted(playbook.accounts, key=lambda a: (-a.audience, a.id))],
        "accounts": {a.id: _account(playbook, a) for a in playbook.accounts},
        "roles": {r.id: {"name": r.name, "fallback": r.escalates_to or r.reports_to} for r in playbook.roles},
        "terms": terms,
        "phrase_lengths": sorted({len(key.split(" ")) for key in terms}),
        "hashtag_terms": hashtag_terms,
        "triggers": {t.id: _trigger(t) for t in playbook.triggers},
        "trigger_order": [t.id for t in playbook.triggers],  # as the policy lists them, for the wizard
        "severities": {s.id: _severity(s) for s in severities},
        "severity_order": [s.id for s in severities],
        "ladders": {x.id: {"name": x.name, "steps": [s.model_dump(mode="json") for s in x.steps],
                           "after_last_step": x.after_last_step} for x in playbook.escalation.ladders},
        "holding_statements": {h.id: {"name": h.name, "text": h.text, "owner": h.owner,
                                      "expires": h.expires.isoformat(), "platforms": list(h.platforms)}
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
        "approvals": _approvals(playbook),
        "style": _style(playbook),
        "disclosures": {d.id: {"tag": d.tag} for d in playbook.voice.disclosures},
        "approved_hashtags": sorted({fold(h.tag) for h in playbook.voice.hashtags}
                                   | {fold(d.tag) for d in playbook.voice.disclosures}),
        "media": {"alt_text_required": playbook.voice.media.alt_text_required,
                  "no_images_from_messages": playbook.voice.media.no_images_from_messages,
                  "approved_link_domains": sorted({fold(d) for d in playbook.voice.media.approved_link_domains})},
        "crisis": _crisis(playbook),
        "profanity_forms": _profanity_forms(playbook),
        "messages": MESSAGES,
        "pages": _pages(),
        **shared.document(),
    }


def people_by_role(playbook: Playbook) -> dict[str, list[str]]:
    """Who holds each role, from the roster, as "Name (time zone)": the triage result names the
    people to tell, not only their roles. Roster order; roles nobody holds are left out."""
    found: dict[str, list[str]] = {}
    for person in playbook.roster:
        for role in person.roles:
            found.setdefault(role, []).append(f"{person.name} ({person.timezone})")
    return dict(sorted(found.items()))


def rules_json(playbook: Playbook) -> str:
    """The rules document as the site ships it: sorted keys, compact, UTF-8."""
    return json.dumps(compile_rules(playbook), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def default_account(playbook: Playbook) -> Account:
    """The strictest case: the account with the largest audience (ties: first id)."""
    return min(playbook.accounts, key=lambda a: (-a.audience, a.id))


def _account(playbook: Playbook, account: Account) -> dict[str, Any]:
    crisis = playbook.crisis
    in_scope = crisis.active and (crisis.scope == "all" or account.id in crisis.scope)
    # The effective limits, as every page states them: a hashtag limit is the stricter of the
    # platform's and the house style's, and the engines enforce that one, once.
    found = {limit.key: limit for limit in account_limits(playbook, account)}
    limits = playbook.effective_limits(account).model_dump()
    if "max_hashtags" in found:
        limits["max_hashtags"] = found["max_hashtags"].limit
    return {
        "name": account.name, "handle": account.handle, "platform": account.platform,
        "platform_name": playbook.platform(account.platform).name, "audience": account.audience,
        "tier": playbook.tier_of(account).id, "personal_content_allowed": account.personal_content_allowed,
        "limits": limits, "limit_sources": {key: found[key].source for key in sorted(found)},
        "limit_texts": {key: found[key].text for key in sorted(found)}, "crisis": in_scope,
    }


def _trigger(trigger: Any) -> dict[str, Any]:
    return {"name": trigger.name, "category": trigger.category.value, "severity": trigger.severity,
            "verify_first": trigger.verify_first, "holding_statement": trigger.holding_statement,
            "actions": list(trigger.actions),
            "question": trigger.question or trigger.name, "description": trigger.description,
            "signals": [s.value for s in trigger.signals], "keywords": list(trigger.keywords)}


def _severity(severity: Any) -> dict[str, Any]:
    return {"name": severity.name, "level": severity.level, "description": severity.description,
            "respond_within_minutes": severity.respond_within_minutes, "ladder": severity.ladder,
            "notify": list(severity.notify), "pause_scheduled_posts": severity.pause_scheduled_posts,
            "actions": list(severity.actions)}


def _approvals(playbook: Playbook) -> dict[str, Any]:
    approvals = playbook.approvals
    two = approvals.two_person_rule
    verify = approvals.verify_before_reacting
    return {
        "two_person": two and {"name": TWO_PERSON_NAME, "tiers": list(two.tiers), "approvers": list(two.approvers),
                               "description": two.description},
        "verify": verify and {"name": VERIFY_NAME, "categories": [c.value for c in verify.categories],
                              "sources_required": verify.sources_required, "wait_minutes": verify.wait_minutes,
                              "approver": verify.approver, "description": verify.description},
        "rules": [{"id": r.id, "name": r.name, "description": r.description, "tiers": list(r.tiers),
                   "categories": [c.value for c in r.categories], "min_severity": r.min_severity,
                   "approvers": list(r.approvers), "needed": r.approvals_needed} for r in approvals.rules],
    }


def _style(playbook: Playbook) -> dict[str, Any]:
    style = playbook.voice.style
    return {"max_exclamation_marks": style.max_exclamation_marks, "max_emoji": style.max_emoji,
            "max_hashtags": style.max_hashtags, "all_caps_words": style.all_caps_words,
            "sign_off": style.sign_off and {"text": style.sign_off, "pattern": sign_off_pattern(style.sign_off),
                                            "example": style.sign_off.replace("initials", "AB")}}


def sign_off_pattern(sign_off: str) -> str:
    """A regex (valid in Python and JavaScript) for a reply's ending: "^initials" -> ^ and 2-3 capitals."""
    parts = [_regex_literal(p) for p in sign_off.split("initials")]
    return "[A-Z]{2,3}".join(parts) + SPACE + "*$"


def _regex_literal(text: str) -> str:
    return "".join("\\" + c if c in r"\^$.|?*+()[]{}/-" else c for c in text)


def _crisis(playbook: Playbook) -> dict[str, Any]:
    crisis = playbook.crisis
    return {"active": crisis.active, "incident": crisis.incident,
            "since": crisis.since.isoformat() if crisis.since else None,
            "until": crisis.until.isoformat() if crisis.until else None,
            "may_post": list(crisis.may_post), "block_promotions": crisis.block_promotions,
            "scheduled_posts": crisis.scheduled_posts, "message": crisis.message}


def _term_entries(playbook: Playbook) -> list[tuple[str, dict[str, Any]]]:
    """(term as written, entry) for everything the term index can find in a draft."""
    found: list[tuple[str, dict[str, Any]]] = []
    for term in playbook.vocabulary:
        kind = term.kind.value
        if kind == "preferred":
            found.extend((old, {"kind": "preferred", "ref": old, "use_instead": term.term, "reason": term.reason})
                         for old in term.replaces)
        else:
            found.append((term.term, {"kind": kind, "ref": term.term, "reason": term.reason,
                                      "use_instead": term.use_instead}))
    found.extend((word, {"kind": "personal", "ref": word}) for word in playbook.voice.personal_content)
    for trigger in playbook.triggers:
        found.extend((k, {"kind": "trigger", "ref": trigger.id}) for k in trigger.keywords)
        if Signal.promotion in trigger.signals or trigger.category.value == "commercial":
            found.extend((k, {"kind": "promotion", "ref": k}) for k in trigger.keywords)
    for disclosure in playbook.voice.disclosures:
        found.extend((w, {"kind": "disclosure", "ref": disclosure.id}) for w in disclosure.when)
        found.extend((w, {"kind": "promotion", "ref": w}) for w in disclosure.when)
    found.extend((k, {"kind": "incident", "ref": k}) for k in playbook.crisis.keywords)
    return found


def _term_index(playbook: Playbook) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """Entries by word key, and multi-word terms (plus crisis hashtags) by their hashtag form."""
    terms: dict[str, list[dict[str, Any]]] = {}
    hashtags: dict[str, list[dict[str, Any]]] = {}
    for written, entry in _term_entries(playbook):
        key = phrase_key(written)
        if not key:
            continue
        _add_unique(terms, key, entry)
        if len(WORD.findall(written)) > 1:
            _add_unique(hashtags, compact_key(written), entry)
    for tag in playbook.crisis.hashtags:
        key = compact_key(tag)
        if key:
            _add_unique(hashtags, key, {"kind": "incident", "ref": tag})
    return ({k: _ordered(v) for k, v in sorted(terms.items())},
            {k: _ordered(v) for k, v in sorted(hashtags.items())})


def _ordered(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Entries in a total order (their JSON text); most keys have one, which needs no sort."""
    return sorted(entries, key=lambda e: json.dumps(e, sort_keys=True)) if len(entries) > 1 else entries


def _add_unique(index: dict[str, list[dict[str, Any]]], key: str, entry: dict[str, Any]) -> None:
    bucket = index.setdefault(key, [])
    if entry not in bucket:
        bucket.append(entry)


def _profanity_forms(playbook: Playbook) -> dict[str, str]:
    """Every single-word profanity with the endings a disguised one may carry (folded) -> the term."""
    forms: dict[str, str] = {}
    for term in sorted(playbook.vocabulary, key=lambda t: t.term):
        if term.kind.value == "profanity" and len(WORD.findall(term.term)) == 1:
            for ending in PROFANITY_ENDINGS:
                forms.setdefault(fold(term.term) + ending, term.term)
    return dict(sorted(forms.items()))


def _pages() -> dict[str, str]:
    """Which handbook page explains each family of findings (addresses from the site root)."""
    return {
        "limits": url_of(paths.PLATFORMS), "style": url_of(paths.VOICE), "voice": url_of(paths.VOICE),
        "vocabulary": url_of(paths.VOCABULARY), "hashtag": url_of(paths.VOICE), "media": url_of(paths.VOICE),
        "crisis": url_of(paths.ESCALATION), "approval": url_of(paths.APPROVALS), "escalation": url_of(paths.ESCALATION),
        "severity_prefix": url_of(paths.severity("x"))[: -len("x/")],
        "platform_prefix": url_of(paths.platform("x"))[: -len("x/")],
    }
