"""How often the example policy stops an ordinary post, and which of its words do it.

    python benchmarks/ordinary_eval.py

The shipped corpus of ordinary brand posts (generator/corpora/ordinary-posts.yaml) runs
through the draft checker on the largest and on a small account, each post as a reply where
the corpus says so. A post passes when none of the policy's words stops it (a banned or
profane term, a trigger that escalates: what `validate`'s false-alarm estimate counts); a
hashtag to approve, a limit or a sign-off is the house style, not an alarm. The target is
the issue's: ordinary posts pass >= 95%. Then every word that stopped at least one post,
with its count: `validate` warns from max(3, 0.25% of the corpus) (lint/policy/alarms.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.checker.engine import check  # noqa: E402
from generator.checker.rules import compile_rules  # noqa: E402
from generator.lint.loader import load_playbook  # noqa: E402
from generator.lint.policy.alarms import MIN_POSTS, MIN_SHARE, ordinary_posts, tally  # noqa: E402

ACCOUNTS = {"largest": "nw-x-global", "small": "nw-instagram-de"}
WORD_RULES = ("voice.banned", "voice.profanity", "sensitivity.trigger")
TARGET = 0.95


def main() -> None:
    loaded = load_playbook(REPO / "playbook")
    assert loaded.playbook is not None, loaded.report.format_text()
    rules = compile_rules(loaded.playbook)
    posts = ordinary_posts()
    print(f"{len(posts)} ordinary posts (generator/corpora/ordinary-posts.yaml)")
    for name, account in ACCOUNTS.items():
        stopped = [p for p in posts if any(
            f["rule"] in WORD_RULES and f["level"] in ("revise", "escalate")
            for f in check(rules, p.text, account, reply=p.reply)["findings"])]
        share = 1 - len(stopped) / len(posts)
        print(f"  {name} account ({account}): {len(posts) - len(stopped)} of {len(posts)} pass = "
              f"{100 * share:.1f}% (target >= {100 * TARGET:.0f}%)")
    least = max(MIN_POSTS, MIN_SHARE * len(posts))
    print(f"\nwords that stopped a post (largest account; validate warns from {least:g} posts):")
    found = sorted(tally(rules, posts).items(), key=lambda kv: (-len(kv[1].posts), kv[0]))
    for (rule, ref), seen in found:
        mark = "  <- warned" if len(seen.posts) >= least else ""
        print(f"  {len(seen.posts):4}  {rule} {ref.replace(chr(9), ': ')}  e.g. {seen.posts[0].text[:60]!r}{mark}")
    if not found:
        print("  none")


if __name__ == "__main__":
    main()
