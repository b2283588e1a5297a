"""Write a large, valid playbook project of realistic shape, scaled by the number of roles.

The benchmark needs a policy the size a group with dozens of brands would write: N roles
across N/20 teams, about N/5 triggers, 5N vocabulary entries, N/3 training modules with
quizzes, an onboarding path for every role and a few accounts per brand, split across
several files per section the way a policy owner would split them. It must validate with
no warnings (every role has a backup and a path, every severity is reached, nothing has
expired), or the benchmark would be timing the error path instead of the real one.

Output is deterministic: the same N and seed give the same bytes.

    python benchmarks/synth.py --roles 1000 /tmp/pb1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parent.parent
SCHEMA_LINE = "# yaml-language-server: $schema=https://example.invalid/playbook.schema.json\n"
EXPIRES = dt.date(2099, 12, 31)  # far enough that "expired holding statement" never fires
PER_FILE = 200  # items per file for sections that are not split by team

WORDS = (
    "account audience brand campaign care channel comment community context customer decision "
    "draft editor escalation evidence feedback follower guidance handle headline incident launch "
    "listening message moderation news notice partner policy post product question reach record "
    "reply report response review risk rota schedule screenshot signal source statement story "
    "support team thread timeline tone topic update verification voice warning workflow"
).split()
VERBS = ("check", "confirm", "draft", "escalate", "flag", "hold", "log", "pause", "publish", "read",
         "record", "reply", "review", "route", "share", "verify", "watch", "write")
ADJECTIVES = ("calm", "clear", "careful", "direct", "friendly", "honest", "local", "public", "quick",
              "regional", "senior", "short", "urgent", "visible", "warm")
FUNCTIONS = ("Community manager", "Content writer", "Social editor", "Moderator", "Customer care agent",
             "Campaign manager", "Social listening analyst", "Designer", "Video producer", "Night editor",
             "Weekend moderator", "Paid social specialist", "Influencer liaison", "Copy editor",
             "Data analyst", "Live coverage producer", "Regional editor", "Partnerships coordinator",
             "Accessibility reviewer")
REGIONS = (("UK", "Europe/London"), ("France", "Europe/Paris"), ("Germany", "Europe/Berlin"),
           ("Spain", "Europe/Madrid"), ("US East", "America/New_York"), ("US West", "America/Los_Angeles"),
           ("Brazil", "America/Sao_Paulo"), ("Japan", "Asia/Tokyo"), ("India", "Asia/Kolkata"),
           ("Australia", "Australia/Sydney"), ("Canada", "America/Toronto"), ("Mexico", "America/Mexico_City"),
           ("Nordics", "Europe/Stockholm"), ("Italy", "Europe/Rome"), ("South Africa", "Africa/Johannesburg"))
BRAND_STEMS = ("North", "Blue", "Oak", "River", "Summit", "Harbour", "Maple", "Copper", "Lumen", "Atlas",
               "Cedar", "Falcon", "Orchid", "Pioneer", "Quartz", "Sable", "Tidal", "Vela", "Willow", "Zephyr")
BRAND_TAILS = ("wind", "field", "stone", "light", "works", "line", "crest", "point", "gate", "brook")
PLATFORMS = (
    ("x", "X", {"max_chars": 280, "link_length": 23, "max_hashtags": 2, "max_media": 4}),
    ("instagram", "Instagram", {"max_chars": 2200, "max_hashtags": 30, "max_media": 10, "max_links": 0}),
    ("facebook", "Facebook", {"max_chars": 63206, "max_media": 10}),
    ("tiktok", "TikTok", {"max_chars": 2200, "max_hashtags": 10, "max_media": 1}),
    ("linkedin", "LinkedIn", {"max_chars": 3000, "max_hashtags": 5, "max_media": 9}),
    ("youtube", "YouTube", {"max_chars": 5000, "max_hashtags": 15}),
    ("threads", "Threads", {"max_chars": 500, "max_links": 5, "max_media": 10}),
)
TIERS = (("community", "Community", 0), ("growing", "Growing", 50_000), ("large", "Large", 500_000),
         ("flagship", "Flagship", 1_000_000))
SEVERITIES = (("info", "Informational", 1, 1440), ("low", "Low", 2, 240), ("moderate", "Moderate", 3, 60),
              ("high", "High", 4, 15), ("critical", "Critical", 5, 5))
CATEGORIES = ("news", "legal", "safety", "security", "politics", "executive", "media", "privacy",
              "commercial", "community")
SIGNALS = {"news": "breaking_news", "legal": "legal_threat", "safety": "safety_risk",
           "security": "security_incident", "politics": "political", "executive": "executive_news",
           "media": "media_enquiry", "privacy": "data_request", "commercial": "promotion",
           "community": "hostile"}
ACTIONS = (("respond", "Respond", "reply"), ("hide", "Hide the reply", "hide"), ("refer", "Refer", None),
           ("delete", "Delete", "delete"), ("ban", "Block the account", "block"),
           ("pause", "Pause scheduled posts", "pause_schedule"))
GLOBAL_ROLES = ("head-of-social", "comms-director", "legal-counsel")
ALL_PERMISSIONS = ["draft", "publish", "reply", "approve", "hide", "delete", "block", "pause_schedule", "sign_off"]
SYLLABLES = ("ba", "ke", "lo", "mi", "nu", "ra", "se", "ti", "vo", "zu", "da", "fe", "go", "hi", "ju", "pa")


@dataclass
class Team:
    id: str
    name: str
    region: str
    timezone: str
    roles: list[str] = field(default_factory=list)

    @property
    def lead(self) -> str:
        return self.roles[0]


class Writer:
    """Plain text of realistic length, from a seeded generator so the output never changes."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def sentence(self, low: int = 6, high: int = 12) -> str:
        words = [self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high))]
        words[0] = self.rng.choice(VERBS).capitalize()
        words.insert(2, self.rng.choice(ADJECTIVES))
        return " ".join(words) + "."

    def paragraph(self, sentences: int = 4) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def words(self, count: int) -> list[str]:
        return self.rng.sample(WORDS, count)


def pseudo_word(index: int) -> str:
    """A distinct made-up word per index, so thousands of vocabulary terms never collide."""
    letters = []
    index += len(SYLLABLES)
    while index:
        index, digit = divmod(index, len(SYLLABLES))
        letters.append(SYLLABLES[digit])
    return "".join(reversed(letters))


def make_teams(count: int, rng: random.Random) -> list[Team]:
    teams = []
    for i in range(count):
        stem, tail = BRAND_STEMS[i % len(BRAND_STEMS)], BRAND_TAILS[(i // len(BRAND_STEMS)) % len(BRAND_TAILS)]
        region, zone = REGIONS[i % len(REGIONS)]
        suffix = "" if i < len(BRAND_STEMS) * len(BRAND_TAILS) else f"-{i}"
        teams.append(Team(f"{stem}{tail}{suffix}".lower(), f"{stem}{tail} {region}", region, zone))
    return teams


def assign_roles(teams: list[Team], total: int) -> None:
    """Spread the team roles evenly; each team's first role is its lead."""
    for i in range(total - len(GLOBAL_ROLES)):
        team = teams[i % len(teams)]
        k = len(team.roles)
        team.roles.append(f"{team.id}-lead" if k == 0 else f"{team.id}-{k:02d}")


def global_roles(w: Writer, module_ids: list[str]) -> list[dict[str, Any]]:
    names = {"head-of-social": "Head of social", "comms-director": "Communications director",
             "legal-counsel": "Legal counsel"}
    roles = []
    for rid in GLOBAL_ROLES:
        role: dict[str, Any] = {
            "id": rid, "name": names[rid], "purpose": w.sentence(), "why": w.sentence(),
            "responsibilities": [w.sentence() for _ in range(4)], "permissions": ALL_PERMISSIONS,
            "backups": ["comms-director" if rid == "head-of-social" else "head-of-social"],
            "training": module_ids[:2],
        }
        if rid != "head-of-social":
            role["reports_to"] = "head-of-social"
            role["escalates_to"] = "head-of-social"
        roles.append(role)
    return roles


def team_roles(w: Writer, team: Team, module_ids: list[str]) -> list[dict[str, Any]]:
    roles = []
    for k, rid in enumerate(team.roles):
        lead = k == 0
        function = "Social lead" if lead else FUNCTIONS[(k - 1) % len(FUNCTIONS)]
        boss = "head-of-social" if lead else team.lead
        backup = (team.roles[1] if len(team.roles) > 1 else "head-of-social") if lead else \
            team.roles[k - 1] if k > 1 else team.lead
        permissions = ALL_PERMISSIONS if lead else sorted(w.rng.sample(["draft", "reply", "hide", "publish"], 3))
        roles.append({
            "id": rid, "name": f"{function} ({team.name})" if lead else f"{function} {k} ({team.name})",
            "team": team.id, "purpose": w.sentence(), "why": w.sentence(),
            "responsibilities": [w.sentence() for _ in range(w.rng.randint(3, 5))],
            "permissions": permissions, "reports_to": boss, "escalates_to": boss, "backups": [backup],
            "training": sorted(w.rng.sample(module_ids, min(3, len(module_ids)))),
            "progression": [
                {"stage": stage, "description": w.sentence(), "min_days": days, "signed_off_by": boss}
                for stage, days in (("shadow", 5), ("supervised", 20), ("solo", 30))
            ],
        })
    return roles


def onboarding(w: Writer, team: Team | None, role_ids: list[str], module_ids: list[str]) -> list[dict[str, Any]]:
    paths = []
    for rid in role_ids:
        signer = "head-of-social" if team is None or rid == team.lead else team.lead
        milestones = []
        for mid, title in (("day-1", "Day 1"), ("week-1", "Week 1"), ("month-1", "Month 1")):
            milestones.append({"id": mid, "title": title, "tasks": [w.sentence(4, 8) for _ in range(2)],
                               "modules": sorted(w.rng.sample(module_ids, min(2, len(module_ids)))),
                               "signed_off_by": signer})
        paths.append({"role": rid, "milestones": milestones})
    return paths


def accounts(w: Writer, team: Team) -> list[dict[str, Any]]:
    found = []
    for platform_id, platform_name, _ in w.rng.sample(PLATFORMS, w.rng.randint(3, 5)):
        audience = int(10 ** w.rng.uniform(3.5, 6.8))
        found.append({
            "id": f"{team.id}-{platform_id}", "name": f"{team.name} on {platform_name}", "platform": platform_id,
            "handle": f"@{team.id}_{team.region.replace(' ', '').lower()}", "audience": audience,
            "region": team.region, "team": team.id, "owner": team.lead,
            "posting_hours": {"timezone": team.timezone, "start": "08:00", "end": "22:00"},
        })
    return found


def escalation(w: Writer) -> dict[str, Any]:
    severities, ladders = [], []
    for sid, name, level, minutes in SEVERITIES:
        severities.append({
            "id": sid, "name": name, "level": level, "description": w.sentence(),
            "examples": [w.sentence() for _ in range(3)], "respond_within_minutes": minutes,
            "notify": list(GLOBAL_ROLES[: 1 + level // 2]), "ladder": f"{sid}-ladder",
            "actions": [a[0] for a in ACTIONS[: 2 + level // 2]], "pause_scheduled_posts": level >= 4,
        })
        ladders.append({"id": f"{sid}-ladder", "name": f"{name} ladder", "steps": [
            {"role": role, "acknowledge_within_minutes": max(1, minutes // 4) * (k + 1), "action": w.sentence()}
            for k, role in enumerate(GLOBAL_ROLES)], "after_last_step": w.sentence()})  # each step has more time
    actions = [{"id": aid, "name": name, "description": w.sentence(), **({"requires": req} if req else {})}
               for aid, name, req in ACTIONS]
    spread = [{"id": sid, "label": label, "raise_by": k}
              for k, (sid, label) in enumerate((("contained", "A few replies"), ("spreading", "Shared widely"),
                                                ("viral", "Trending")))]
    return {"severities": severities, "ladders": ladders, "actions": actions, "spread": spread}


def triggers(w: Writer, count: int, holding_ids: list[str]) -> list[dict[str, Any]]:
    found = []
    for i in range(count):
        category = CATEGORIES[i % len(CATEGORIES)]
        trigger: dict[str, Any] = {
            "id": f"{category}-{i:04d}", "name": f"{category.capitalize()} situation {i}", "category": category,
            "description": w.sentence(), "keywords": [f"{word} {pseudo_word(i)}" for word in w.words(3)],
            "signals": [SIGNALS[category]], "severity": SEVERITIES[i % len(SEVERITIES)][0],
            "actions": [a[0] for a in ACTIONS[: 1 + i % 3]], "verify_first": category in ("news", "politics"),
            "question": f"Is this about {w.rng.choice(WORDS)} {pseudo_word(i)}?",
        }
        if holding_ids and i % 3 == 0:
            trigger["holding_statement"] = holding_ids[i % len(holding_ids)]
        found.append(trigger)
    return found


def holding_statements(w: Writer, count: int) -> list[dict[str, Any]]:
    return [{"id": f"holding-{i:03d}", "name": f"Holding statement {i}", "text": w.paragraph(2),
             "owner": GLOBAL_ROLES[i % 2], "expires": EXPIRES, "platforms": ["x"] if i % 2 else []}
            for i in range(count)]


def approvals(w: Writer, teams: list[Team]) -> dict[str, Any]:
    rules = [{"id": f"{team.id}-sensitive", "name": f"{team.id} sensitive posts", "description": w.sentence(),
              "tiers": ["large", "flagship"],
              "categories": [CATEGORIES[i % len(CATEGORIES)]], "min_severity": "moderate",
              "approvers": [team.lead, "head-of-social"], "approvals_needed": 1}
             for i, team in enumerate(teams)]
    return {
        "two_person_rule": {"tiers": ["flagship"], "approvers": ["head-of-social", "comms-director"],
                            "description": w.sentence()},
        "verify_before_reacting": {"categories": ["news", "politics"], "sources_required": 2, "wait_minutes": 20,
                                   "approver": "comms-director", "description": w.sentence()},
        "rules": rules,
    }


def voice(w: Writer, hashtag_count: int) -> dict[str, Any]:
    return {
        "summary": f"We sound **{w.rng.choice(ADJECTIVES)}** and human.\n\n{w.paragraph(3)}\n",
        "traits": [{"id": f"trait-{i}", "is": w.rng.choice(ADJECTIVES), "not": w.rng.choice(ADJECTIVES),
                    "explanation": w.sentence()} for i in range(6)],
        "tones": [{"id": situation, "situation": situation.capitalize(), "tone": w.sentence(),
                   "example": w.sentence(), "avoid": w.sentence()}
                  for situation in ("celebration", "complaint", "crisis", "condolence", "humour", "launch",
                                    "outage", "apology")],
        "style": {"max_exclamation_marks": 1, "max_emoji": 2, "max_hashtags": 2, "sign_off": "^initials",
                  "notes": [w.sentence() for _ in range(3)]},
        "disclosures": [{"id": "paid", "when": ["sponsored", "paid partnership"], "tag": "#ad"},
                        {"id": "gifted", "when": ["gifted", "free sample"], "tag": "#gifted"}],
        "personal_content": ["my beer", "my weekend", "personally"],
        "examples": [{"id": f"example-{i}", "situation": w.sentence(4, 6), "do": w.sentence(),
                      "dont": w.sentence() + " A sponsored post, but no tag.",  # the checker must catch a don't
                      "why": w.sentence()} for i in range(10)],
        "hashtags": [{"tag": f"#{pseudo_word(i).capitalize()}Campaign", "campaign": w.sentence(3, 5)}
                     for i in range(hashtag_count)],
        "media": {"approved_link_domains": ["example.com", "help.example.com"], "notes": [w.sentence()]},
    }


def vocabulary(w: Writer, count: int) -> list[dict[str, Any]]:
    """Distinct terms; banned ones point at a preferred term, never at another banned one."""
    terms = []
    for i in range(count):
        kind = ("preferred", "banned", "caution", "preferred", "profanity")[i % 5]
        term: dict[str, Any] = {"term": f"{pseudo_word(i)} {w.rng.choice(WORDS)}", "kind": kind,
                                "reason": w.sentence(6, 12)}
        if kind in ("banned", "caution"):
            term["use_instead"] = terms[(i // 5) * 5]["term"]  # the preferred term of its group of five
        elif kind == "preferred" and i % 2:
            term["replaces"] = [f"{pseudo_word(i)} old"]
        terms.append(term)
    return terms


def modules(w: Writer, count: int) -> list[dict[str, Any]]:
    found = []
    for i in range(count):
        content = "\n\n".join([
            f"## Why this matters\n\n{w.paragraph(4)}",
            "## What to do\n\n" + "\n".join(f"1. {w.sentence()}" for _ in range(5)),
            f"## Worked example\n\n{w.paragraph(5)}\n\nRead more in the [help centre](https://help.example.com/{i}).",
        ]) + "\n"
        quiz = []
        for q in range(3):
            choices = [{"id": c, "text": w.sentence(4, 8), "explanation": w.sentence()} for c in ("a", "b", "c")]
            quiz.append({"id": f"q{q + 1}", "question": w.sentence(6, 10).rstrip(".") + "?",
                         "choices": choices, "correct": [choices[q % 3]["id"]]})
        found.append({
            "id": f"module-{i:03d}", "title": f"{w.rng.choice(VERBS).capitalize()} the {w.rng.choice(WORDS)} ({i})",
            "summary": w.sentence(), "minutes": 15 + 5 * (i % 6), "objectives": [w.sentence() for _ in range(3)],
            "content": content,
            "exercises": [{"id": f"ex{e + 1}", "prompt": w.sentence(), "model_answer": w.paragraph(2)}
                          for e in range(2)],
            "quiz": quiz,
        })
    return found


def roster(w: Writer, teams: list[Team]) -> list[dict[str, Any]]:
    """Who is on shift, so that the policy checks find every path staffed: the group-wide
    roles around the clock in UTC (teams post in every time zone), and in each team an early
    and a late shift by turns, so that a role and its backup (the role before it) together
    cover the accounts' 08:00-22:00."""
    people: list[dict[str, Any]] = []
    week = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    def person(rid: str, n: int, zone: str, start: str, end: str) -> None:
        people.append({"id": f"{rid}-p{n}", "name": f"Person {len(people) + 1}", "roles": [rid], "timezone": zone,
                       "shifts": [{"days": week, "start": start, "end": end}]})

    for rid in GLOBAL_ROLES:
        for n, (start, end) in enumerate((("00:00", "08:00"), ("08:00", "16:00"), ("16:00", "00:00")), 1):
            person(rid, n, "UTC", start, end)
    for team in teams:
        for k, rid in enumerate(team.roles):
            person(rid, 1, team.timezone, *(("07:00", "15:00") if k % 2 == 0 else ("14:00", "23:00")))
    return people


def dump(path: Path, comment: str, sections: dict[str, Any]) -> None:
    yaml = YAML(typ="safe", pure=False)
    yaml.default_flow_style = False
    yaml.width = 100
    yaml.representer.sort_base_mapping_type_on_output = False
    buffer = io.StringIO()
    yaml.dump(sections, buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{SCHEMA_LINE}# {comment}\n\n{buffer.getvalue()}", encoding="utf-8")


def chunks(items: list[Any], size: int = PER_FILE) -> list[list[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def synthesize(out: Path, roles: int, seed: int = 6, with_roster: bool = False) -> Path:
    """Write OUT/playbook/ and OUT/mkdocs.yml; return the playbook folder."""
    if roles < 20:
        raise ValueError("--roles must be at least 20 (one team of 20)")
    w = Writer(seed)
    teams = make_teams(max(1, roles // 20), w.rng)
    assign_roles(teams, roles)
    module_ids = [f"module-{i:03d}" for i in range(max(3, roles // 3))]
    playbook = out / "playbook"
    if playbook.exists():
        shutil.rmtree(playbook)
    holding = holding_statements(w, max(2, roles // 10))
    dump(playbook / "handbook.yaml", "Who the handbook belongs to, reach tiers and teams.", {
        "handbook": {"organisation": "Synthetic Group", "title": f"Synthetic Group handbook ({roles} roles)",
                     "version": "1.0", "effective_date": dt.date(2026, 1, 1), "policy_owner": "head-of-social",
                     "review_cycle_months": 6, "welcome": f"Welcome to **Synthetic Group**.\n\n{w.paragraph(2)}\n",
                     "changelog": [{"version": "1.0", "date": dt.date(2026, 1, 1), "changes": [w.sentence()]}]},
        "reach_tiers": [{"id": tid, "name": name, "min_followers": low} for tid, name, low in TIERS],
        "teams": [{"id": t.id, "name": t.name, "description": w.sentence()} for t in teams],
        "platforms": [{"id": pid, "name": name, "limits": limits, "notes": [w.sentence()], "do": [w.sentence()],
                       "dont": [w.sentence()]} for pid, name, limits in PLATFORMS],
    })
    dump(playbook / "roles" / "_group.yaml", "Group-wide roles.", {
        "roles": global_roles(w, module_ids),
        "onboarding": onboarding(w, None, list(GLOBAL_ROLES), module_ids)})
    for team in teams:
        dump(playbook / "roles" / f"{team.id}.yaml", f"Roles of {team.name}.", {
            "roles": team_roles(w, team, module_ids), "onboarding": onboarding(w, team, team.roles, module_ids)})
        dump(playbook / "accounts" / f"{team.id}.yaml", f"Accounts of {team.name}.", {"accounts": accounts(w, team)})
    dump(playbook / "escalation.yaml", "Severities, ladders and actions.", {"escalation": escalation(w)})
    for k, part in enumerate(chunks(triggers(w, max(len(SEVERITIES), roles // 5), [h["id"] for h in holding]))):
        dump(playbook / "triggers" / f"part-{k + 1:02d}.yaml", "Triggers.", {"triggers": part})
    dump(playbook / "holding-statements.yaml", "Holding statements.", {"holding_statements": holding})
    dump(playbook / "approvals.yaml", "The editorial filter.", {"approvals": approvals(w, teams)})
    dump(playbook / "voice.yaml", "How we sound.", {"voice": voice(w, max(3, roles // 10))})
    for k, part in enumerate(chunks(vocabulary(w, 5 * roles), 1000)):
        dump(playbook / "vocabulary" / f"part-{k + 1:02d}.yaml", "Vocabulary.", {"vocabulary": part})
    for k, part in enumerate(chunks(modules(w, len(module_ids)), 50)):
        dump(playbook / "training" / f"modules-{k + 1:02d}.yaml", "Training modules.", {"modules": part})
    dump(playbook / "crisis.yaml", "Crisis mode, switched off.", {"crisis": {
        "active": False, "scope": "all", "keywords": ["incident"], "may_post": ["head-of-social"],
        "scheduled_posts": "pause", "block_promotions": True}})
    if with_roster:
        for k, part in enumerate(chunks(roster(w, teams))):
            dump(playbook / "roster" / f"part-{k + 1:02d}.yaml", "Who is on shift.", {"roster": part})
    shutil.copyfile(REPO / "mkdocs.yml", out / "mkdocs.yml")
    (out / "docs").mkdir(exist_ok=True)
    return playbook


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", type=int, required=True, help="how many roles (at least 20)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--roster", action="store_true",
                        help="also write a roster (one person per team role, three per group-wide role)")
    parser.add_argument("out", type=Path, help="the project folder to write")
    args = parser.parse_args(argv)
    try:
        playbook = synthesize(args.out, args.roles, args.seed, args.roster)
    except ValueError as error:
        parser.error(str(error))
    size = sum(p.stat().st_size for p in playbook.rglob("*.yaml"))
    print(f"wrote {playbook} ({len(list(playbook.rglob('*.yaml')))} files, {size / 1_048_576:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
