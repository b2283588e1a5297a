"""Judging one draft post against the compiled rules (see rules.py).

engine.js, next to this file, is the same algorithm in JavaScript, step for step and in the
same order, so that the checker page and `playbook check` agree on every draft; the draft
table in tests/data/drafts.yaml runs through both and compares the JSON. engine.js ships
inside the package and the site serves it as assets/playbook/checker-engine.js, never from
a templates folder: a team's copy there would fork the browser from the command line.
Neither engine spells out a pattern or a constant of its own: both come from shared.py,
engine.js's through the rules document.

The result is a stable, documented shape (what `playbook check --format json` prints):

    {
      "verdict": "publish" | "approval" | "revise" | "escalate",
      "account": "<account id>",
      "findings": [
        {"rule": "voice.banned",      # family.kind, see RULES below
         "ref": "cheap" | null,       # the term, trigger id, hashtag or approval rule concerned
         "level": "info" | "approval" | "revise" | "escalate",
         "message": "...",            # one sentence for a person
         "line": 1, "column": 1,      # where in the draft (1-based, columns in characters)
         "length": 5,                 # characters highlighted (0: the whole draft)
         "match": "cheap",            # the draft's own text at that place
         "page": "voice/vocabulary/"} # the handbook page that explains the rule, from the site root
      ],
      "route": {
        "tier": "<reach tier id>",
        "severity": "<severity id>" | null,        # the worst trigger matched
        "respond_within_minutes": 15 | null,
        "ladder": "<ladder id>" | null, "steps": [{"role", "acknowledge_within_minutes", "action"}],
        "after_last_step": "<what happens when nobody acknowledges the last step>" | null,
        "notify": ["<role id>"], "holding_statement": "<id>" | null,
        "approvals": [{"rule", "name", "description", "roles": ["<role id>"], "needed": 1}],
        "verify": {"sources_required", "wait_minutes", "approver", "description"} | null,
        "may_post": ["<role id>"] | null           # set while crisis mode covers the account
      }
    }

The verdict is the most serious level among the findings: escalate > revise > approval >
publish (a finding of level "info" leaves a draft publishable). A trigger escalates when
its severity is above the lowest level; a lowest-level trigger is information and goes
through the approval rules. The author's own role never appears among the approvers;
when it would be the only one, its escalates_to (or reports_to) role approves instead.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any

import regex

from .shared import CAPS_MIN, DISGUISE, EMOJI_RANGES, HOUSE_STYLE, LEET, LEVELS, VERDICTS, compiled
from .text import WORD, fold, strip, word_key

RULES = ("limits.length", "limits.hashtags", "limits.mentions", "limits.links", "limits.media",
         "style.exclamation", "style.emoji", "style.hashtags", "style.caps", "style.sign-off",
         "voice.banned", "voice.caution", "voice.preferred", "voice.profanity", "voice.personal",
         "voice.disclosure", "hashtag.unapproved", "sensitivity.trigger", "crisis.incident",
         "crisis.promotion", "crisis.active", "media.alt-text", "media.from-message", "media.link-domain",
         "approval.two-person", "approval.rule", "approval.verify")

# Declared in shared.py, which also hands them to engine.js through the rules document.
LINK, LINK_TAIL, LINK_SCHEME, HOST_END = (compiled(n) for n in ("link", "link_tail", "link_scheme", "host_end"))
HASHTAG, MENTION, REPLY, PLACEHOLDER = (compiled(n) for n in ("hashtag", "mention", "reply", "placeholder"))
RUN, RUN_TAIL, LETTER = (compiled(n) for n in ("run", "run_tail", "letter"))
SPACED, SPACED_ITEM = compiled("spaced"), compiled("spaced_item")
_DISGUISE = set(DISGUISE)


def javascript() -> str:
    """The text of engine.js, this module in JavaScript, as the package ships it."""
    return resources.files(__package__).joinpath("engine.js").read_text(encoding="utf-8")


def check(rules: dict[str, Any], text: str, account: str | None = None,
          media: Iterable[dict[str, Any]] = (), author_role: str | None = None) -> dict[str, Any]:
    """The verdict, findings and route for `text` on `account` (default: the largest)."""
    return _Check(rules, text, account or rules["default_account"], list(media), author_role).run()


def format_message(template: str, values: dict[str, Any]) -> str:
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)


class _Check:
    """One draft being checked. `Check` in engine.js mirrors it method for method; the
    passes run in the same order, so both engines keep the same first finding at a place."""

    def __init__(self, rules: dict[str, Any], text: str, account: str, media: list[dict[str, Any]],
                 author_role: str | None):
        self.rules, self.text, self.account_id = rules, text, account
        self.account = rules["accounts"][account]
        self.media, self.author = media, author_role
        self.crisis = rules["crisis"] if self.account["crisis"] else None
        self.findings: dict[tuple[Any, ...], dict[str, Any]] = {}
        self.newlines = [i for i, c in enumerate(text) if c == "\n"]
        self.links = self._links()
        self.triggers: list[tuple[str, int]] = []
        self.incident = False
        self.disclosures: dict[str, tuple[int, int]] = {}
        self.hashtags = self._outside_links(HASHTAG)
        self.mentions = self._outside_links(MENTION)
        self.words: list[tuple[int, int, str]] = []  # filled by _terms, read by _style

    # ------------------------------------------------------------------ plumbing

    def run(self) -> dict[str, Any]:
        self._terms()
        self._hashtags()
        self._profanity_runs()
        self._profanity_spaced()
        self._disclosures()
        self._limits()
        self._style()
        self._media()
        route = self._route()
        findings = sorted(self.findings.values(),
                          key=lambda f: (f["line"], f["column"], f["rule"], f["ref"] or ""))
        level = max((LEVELS.index(f["level"]) for f in findings), default=0)
        return {"verdict": VERDICTS[LEVELS[level]], "account": self.account_id, "findings": findings,
                "route": route}

    def add(self, rule: str, ref: str | None, level: str, start: int, end: int, template: str,
            page: str, **values: Any) -> None:
        line, column = self.position(start)
        key = (rule, ref, line, column)
        if key in self.findings:
            return
        match = self.text[start:end]
        message = format_message(self.rules["messages"][template], {"match": match, **values})
        self.findings[key] = {"rule": rule, "ref": ref, "level": level, "message": message, "line": line,
                              "column": column, "length": end - start, "match": match, "page": page}

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_left(self.newlines, offset)
        start = self.newlines[line - 1] + 1 if line else 0
        return line + 1, offset - start + 1

    def page(self, family: str) -> str:
        return self.rules["pages"][family]

    def _links(self) -> list[tuple[int, int]]:
        spans = []
        for m in LINK.finditer(self.text):
            tail = LINK_TAIL.search(m.group(0))
            spans.append((m.start(), m.end() - (len(tail.group(0)) if tail else 0)))
        return spans

    def in_link(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.links)

    def _outside_links(self, pattern: regex.Pattern[str]) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group(1)) for m in pattern.finditer(self.text) if not self.in_link(m.start())]

    def _words(self) -> list[tuple[int, int, str]]:
        """Words outside links and @handles."""
        return [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(self.text)
                if not self.in_link(m.start()) and not (m.start() and self.text[m.start() - 1] == "@")]

    # ------------------------------------------------------------------ words

    def _terms(self) -> None:
        words = self._words()
        keys = [word_key(w) for _, _, w in words]
        terms = self.rules["terms"]
        for i in range(len(words)):
            for n in self.rules["phrase_lengths"]:
                if i + n > len(words):
                    break
                for entry in terms.get(" ".join(keys[i:i + n]), ()):
                    self.on_term(entry, words[i][0], words[i + n - 1][1])
        self.words = words

    def on_term(self, entry: dict[str, Any], start: int, end: int) -> None:
        kind, ref = entry["kind"], entry["ref"]
        if kind == "banned":
            template = "voice.banned" if entry["use_instead"] else "voice.banned-bare"
            self.add("voice.banned", ref, "revise", start, end, template, self.page("vocabulary"),
                     reason=entry["reason"], use_instead=entry["use_instead"] or "")
        elif kind == "caution":
            template = "voice.caution-alt" if entry["use_instead"] else "voice.caution"
            self.add("voice.caution", ref, "info", start, end, template, self.page("vocabulary"),
                     reason=entry["reason"], use_instead=entry["use_instead"] or "")
        elif kind == "profanity":
            self.add("voice.profanity", ref, "revise", start, end, "voice.profanity", self.page("vocabulary"))
        elif kind == "preferred":
            self.add("voice.preferred", ref, "revise", start, end, "voice.preferred", self.page("vocabulary"),
                     reason=entry["reason"], use_instead=entry["use_instead"])
        elif kind == "personal" and not self.account["personal_content_allowed"]:
            self.add("voice.personal", ref, "revise", start, end, "voice.personal", self.page("voice"),
                     account=self.account["name"])
        elif kind == "trigger":
            self._on_trigger(ref, start, end)
        elif kind == "incident" and self.crisis:
            self.incident = True
            self.add("crisis.incident", ref, "escalate", start, end, "crisis.incident", self.page("crisis"),
                     incident=self.crisis["incident"] or "")
        elif kind == "promotion" and self.crisis and self.crisis["block_promotions"]:
            self.add("crisis.promotion", ref, "revise", start, end, "crisis.promotion", self.page("crisis"))
        elif kind == "disclosure" and ref not in self.disclosures:
            self.disclosures[ref] = (start, end)

    def _on_trigger(self, trigger_id: str, start: int, end: int) -> None:
        trigger = self.rules["triggers"][trigger_id]
        severity = self.rules["severities"][trigger["severity"]]
        lowest = self.rules["severities"][self.rules["severity_order"][0]]["level"]
        self.triggers.append((trigger_id, start))
        self.add("sensitivity.trigger", trigger_id, "escalate" if severity["level"] > lowest else "info",
                 start, end, "sensitivity.trigger", self.page("severity_prefix") + trigger["severity"] + "/",
                 trigger=trigger["name"], severity=severity["name"])

    def _hashtags(self) -> None:
        approved = set(self.rules["approved_hashtags"])
        for start, end, body in self.hashtags:
            for entry in self.rules["hashtag_terms"].get(fold(body), ()):
                self.on_term(entry, start, end)
            if "#" + fold(body) not in approved:
                self.add("hashtag.unapproved", "#" + fold(body), "revise", start, end, "hashtag.unapproved",
                         self.page("hashtag"))

    # ------------------------------------------------------------------ disguised profanity

    def _profanity_runs(self) -> None:
        """Words written with digits and symbols: sh1t, $hit, f***, f**king."""
        for m in RUN.finditer(self.text):
            run = RUN_TAIL.sub("", m.group(0))
            if not run or run[0] == "@" or not (_DISGUISE & set(run)) or not LETTER.search(run):
                continue
            if self.in_link(m.start()):
                continue
            plain = "".join(LEET.get(c, c) for c in fold(run))
            base = self._starred(plain) if "*" in plain else self._profane(plain)
            if base is not None:
                self.add("voice.profanity", base, "revise", m.start(), m.start() + len(run), "voice.profanity",
                         self.page("vocabulary"))

    def _profanity_spaced(self) -> None:
        """Letters spaced or dotted apart: s h i t, f.u.c.k."""
        for m in SPACED.finditer(self.text):
            letters = "".join(LEET.get(c, c) for c in fold("".join(SPACED_ITEM.findall(m.group(0)))))
            base = self._profane(letters)
            if base is not None:
                self.add("voice.profanity", base, "revise", m.start(), m.end(), "voice.profanity",
                         self.page("vocabulary"))

    def _profane(self, word: str) -> str | None:
        for entry in self.rules["terms"].get(word_key(word), ()):
            if entry["kind"] == "profanity":
                return entry["ref"]
        return None

    def _starred(self, pattern: str) -> str | None:
        """A word with letters starred out matches a profanity of the same length."""
        for form, base in self.rules["profanity_forms"].items():
            if len(form) == len(pattern) and all(p in ("*", f) for p, f in zip(pattern, form, strict=False)):
                return base
        return None

    def _disclosures(self) -> None:
        tags = {"#" + fold(body) for _, _, body in self.hashtags}
        for disclosure_id, (start, end) in sorted(self.disclosures.items()):
            tag = self.rules["disclosures"][disclosure_id]["tag"]
            if fold(tag) not in tags:
                self.add("voice.disclosure", disclosure_id, "revise", start, end, "voice.disclosure",
                         self.page("voice"), tag=tag)

    # ------------------------------------------------------------------ counts

    def _limits(self) -> None:
        limits, name = self.account["limits"], self.account["platform_name"]
        page = self.page("platform_prefix") + self.account["platform"] + "/"
        length = len(strip(self.text))
        if limits["link_length"]:
            length += sum(limits["link_length"] - (end - start) for start, end in self.links)
        counts = {"length": length, "hashtags": len(self.hashtags), "mentions": len(self.mentions),
                  "links": len(self.links), "media": len(self.media)}
        spans: dict[str, Sequence[tuple[Any, ...]]] = {"hashtags": self.hashtags, "mentions": self.mentions,
                                                    "links": self.links}
        for what, key in (("length", "max_chars"), ("hashtags", "max_hashtags"), ("mentions", "max_mentions"),
                          ("links", "max_links"), ("media", "max_media")):
            limit = limits[key]
            if key == "max_hashtags" and self.account["limit_sources"].get(key) == HOUSE_STYLE:
                continue  # the house style sets it: _style reports it, once
            if limit is not None and counts[what] > limit:
                start, end = spans[what][limit][:2] if what in spans else (0, 0)
                self.add(f"limits.{what}", None, "revise", start, end, f"limits.{what}", page,
                         count=counts[what], limit=limit, platform=name,
                         limits_text=self.account["limit_texts"].get(key, ""))

    def _style(self) -> None:
        style, page = self.rules["style"], self.page("style")
        marks = [(i, i + 1) for i, c in enumerate(self.text) if c == "!"]
        emoji = [(i, i + 1) for i, c in enumerate(self.text) if self._is_emoji(ord(c))]
        caps = [(s, e) for s, e, w in self.words
                if len(w) >= CAPS_MIN and w == w.upper() and w != w.lower()]
        hashtags = [(s, e) for s, e, _ in self.hashtags]
        # The account's effective hashtag limit: reported here only when the house style sets it.
        house_hashtags = (self.account["limits"]["max_hashtags"]
                          if self.account["limit_sources"].get("max_hashtags") == HOUSE_STYLE else None)
        for rule, found, limit in (("style.exclamation", marks, style["max_exclamation_marks"]),
                                   ("style.emoji", emoji, style["max_emoji"]),
                                   ("style.hashtags", hashtags, house_hashtags),
                                   ("style.caps", caps, style["all_caps_words"])):
            if limit is not None and len(found) > limit:
                start, end = found[limit]
                self.add(rule, None, "revise", start, end, rule, page, count=len(found), limit=limit,
                         limits_text=self.account["limit_texts"]["max_hashtags"])
        sign_off = style["sign_off"]
        if sign_off and REPLY.search(self.text) and not regex.search(sign_off["pattern"], self.text):
            self.add("style.sign-off", None, "revise", 0, 0, "style.sign-off", page, sign_off=sign_off["text"],
                     example=sign_off["example"])

    def _is_emoji(self, code: int) -> bool:
        return any(low <= code <= high for low, high in EMOJI_RANGES)

    # ------------------------------------------------------------------ media and links

    def _media(self) -> None:
        rules, page = self.rules["media"], self.page("media")
        for item in self.media:
            name = str(item.get("file") or "(unnamed)")
            if rules["alt_text_required"] and not strip(str(item.get("alt") or "")):
                self.add("media.alt-text", name, "revise", 0, 0, "media.alt-text", page, file=name)
            if rules["no_images_from_messages"] and item.get("source") == "message":
                self.add("media.from-message", name, "revise", 0, 0, "media.from-message", page, file=name)
        domains = rules["approved_link_domains"]
        if not domains:
            return
        for start, end in self.links:
            host = HOST_END.split(LINK_SCHEME.sub("", fold(self.text[start:end]), count=1))[0]
            if not any(host == d or host.endswith("." + d) for d in domains):
                self.add("media.link-domain", host, "revise", start, end, "media.link-domain", page)

    # ------------------------------------------------------------------ route

    def _route(self) -> dict[str, Any]:
        rules = self.rules
        severities = rules["severities"]
        chosen = self._worst_trigger()
        severity_id = rules["triggers"][chosen]["severity"] if chosen else None
        if self.incident:
            severity_id = rules["severity_order"][-1]
        severity = severities[severity_id] if severity_id else None
        ladder = rules["ladders"][severity["ladder"]] if severity else None
        route = {
            "tier": self.account["tier"], "severity": severity_id,
            "respond_within_minutes": severity["respond_within_minutes"] if severity else None,
            "ladder": severity["ladder"] if severity else None, "steps": ladder["steps"] if ladder else [],
            "after_last_step": ladder["after_last_step"] if ladder else None,
            "notify": severity["notify"] if severity else [],
            "holding_statement": rules["triggers"][chosen]["holding_statement"] if chosen else None,
            "approvals": [], "verify": None, "may_post": self.crisis["may_post"] if self.crisis else None,
        }
        self._approvals(route, severity["level"] if severity else 0)
        return route

    def _worst_trigger(self) -> str | None:
        best = None
        for trigger_id, _ in self.triggers:
            level = self.rules["severities"][self.rules["triggers"][trigger_id]["severity"]]["level"]
            if best is None or level > best[1]:
                best = (trigger_id, level)
        return best[0] if best else None

    def _approvals(self, route: dict[str, Any], level: int) -> None:
        approvals, tier = self.rules["approvals"], self.account["tier"]
        matched = [self.rules["triggers"][t] for t, _ in self.triggers]
        categories = {t["category"] for t in matched}
        two = approvals["two_person"]
        if two and tier in two["tiers"]:
            self._need(route, "approval.two-person", "two-person-rule", two["description"], two["approvers"], 1,
                       two["name"])
        for rule in approvals["rules"]:
            if rule["tiers"] and tier not in rule["tiers"]:
                continue
            if rule["categories"] and not categories.intersection(rule["categories"]):
                continue
            if rule["min_severity"] and level < self.rules["severities"][rule["min_severity"]]["level"]:
                continue
            self._need(route, "approval.rule", rule["id"], rule["description"], rule["approvers"], rule["needed"],
                       rule["name"])
        verify = approvals["verify"]
        if verify and any(t["verify_first"] or t["category"] in verify["categories"] for t in matched):
            route["verify"] = {k: verify[k] for k in ("sources_required", "wait_minutes", "approver", "description")}
            self._need(route, "approval.verify", "verify-before-reacting", verify["description"],
                       [verify["approver"]], 1, verify["name"])
        if self.crisis and self.author not in self.crisis["may_post"]:
            roles = self.crisis["may_post"]
            self.add("crisis.active", None, "approval", 0, 0, "crisis.active", self.page("crisis"),
                     incident=self.crisis["incident"] or "", roles=self._names(roles))

    def _need(self, route: dict[str, Any], rule: str, ref: str, description: str, roles: list[str],
              needed: int, name: str) -> None:
        approvers = self._without_author(roles)
        route["approvals"].append({"rule": ref, "name": name, "description": description, "roles": approvers,
                                   "needed": needed})
        self.add(rule, ref, "approval", 0, 0, "approval.needed", self.page("approval"), description=description,
                 needed=needed, roles=self._names(approvers), name=name)

    def _without_author(self, roles: list[str]) -> list[str]:
        """Approvers other than the author's own role; its escalation role if none is left."""
        kept = []
        for role in roles:
            if role != self.author and role not in kept:
                kept.append(role)
        if not kept and self.author in self.rules["roles"]:
            fallback = self.rules["roles"][self.author]["fallback"]
            if fallback and fallback != self.author:
                kept.append(fallback)
        return kept

    def _names(self, roles: list[str]) -> str:
        return ", ".join(self.rules["roles"][r]["name"] if r in self.rules["roles"] else r for r in roles) or "nobody"
