"""How long the draft checker takes on a huge or hostile draft, in both engines.

    python benchmarks/checker_speed.py            # the table: each draft kind, Python and JavaScript
    python benchmarks/checker_speed.py --size 200000 --json

Issue 27: a draft of 20,000 links (240 KB) took 31 s of CPU and froze the checker page for
38 s, because every word and hashtag asked every link whether it held it. Every per-draft
pass is now linear in the draft's length; this script is the evidence. Each draft kind is a
short unit repeated to the same length (1 MB by default) and judged once on the example
playbook's largest account, in process (CPU seconds, `time.process_time`) and by
engine.js under node (`process.cpuUsage`, after one warm-up draft so JIT compilation is not
counted). "links" is the issue's case: 20,000 links in 1 MB, target under 1 s in process.
The ratio column compares each kind with the calm draft of the same length: linear passes
keep it small whatever the size (a quadratic pass grows it with the size).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.checker.engine import check  # noqa: E402
from generator.checker.rules import compile_rules  # noqa: E402
from generator.lint.loader import load_playbook  # noqa: E402

NODE = "/usr/bin/node"
TARGET_SECONDS = 1.0  # the 1 MB draft with 20,000 links, in process
CALM = "The team will share more news about our autumn menu soon, so stay tuned. "
# Each kind: a unit repeated to the draft's length. "links" is sized so that 1 MB holds 20,000.
KINDS = {
    "calm": CALM,
    "links": "https://northwind.example/p/1234 with words here. ",  # 50 characters
    "bare links": "https://a.example/x ",
    "banned words": "cheap crazy ",
    "disguised words": "sh1t cr4zy f*** s h i t ",
    "emoji": "😀👍🏽🇬🇧 ",
    "combining marks": "e\u0301\u0301\u0301\u0301 ",
    "repeated letters": "a",
    "hashtags and mentions": "#tag @name ",
    "look-alikes": "lаwsuіt ",  # Cyrillic а and і
    "one space run": " ",
    "one dot run in a link": "https://a" + "." * 1000,
    "exclamation marks": "!",
}
JS_RUNNER = """
const fs = require("fs");
const engine = require(process.argv[1]);
const input = JSON.parse(fs.readFileSync(0, "utf8"));
engine.check(input.rules, input.warmup, input.account);
const out = {};
for (const [name, text] of Object.entries(input.drafts)) {
  const started = process.cpuUsage();
  engine.check(input.rules, text, input.account);
  const spent = process.cpuUsage(started);
  out[name] = (spent.user + spent.system) / 1e6;
}
process.stdout.write(JSON.stringify(out));
"""


def drafts(size: int) -> dict[str, str]:
    """Every kind's unit repeated to `size` characters (a unit that does not divide it is cut)."""
    out = {}
    for name, unit in KINDS.items():
        if name == "one dot run in a link":
            out[name] = ("https://a" + "." * size)[:size - 1] + "a"
        elif name == "one space run":
            out[name] = "a" + " " * (size - 2) + "a"
        else:
            out[name] = (unit * (size // len(unit) + 1))[:size]
    return out


def python_seconds(rules: dict[str, Any], texts: dict[str, str], account: str) -> dict[str, float]:
    check(rules, CALM * 10, account)
    spent = {}
    for name, text in texts.items():
        started = time.process_time()
        check(rules, text, account)
        spent[name] = time.process_time() - started
    return spent


def javascript_seconds(rules: dict[str, Any], texts: dict[str, str], account: str) -> dict[str, float]:
    document = json.dumps({"rules": rules, "drafts": texts, "account": account, "warmup": CALM * 10})
    done = subprocess.run([NODE, "-e", JS_RUNNER, str(REPO / "generator" / "checker" / "engine.js")],
                          input=document, capture_output=True, text=True, timeout=600, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per draft (default 1 MB)")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    loaded = load_playbook(REPO / "playbook")
    if loaded.playbook is None:
        raise SystemExit(loaded.report.format_text())
    rules = compile_rules(loaded.playbook)
    account = rules["default_account"]
    texts = drafts(options.size)
    py, js = python_seconds(rules, texts, account), javascript_seconds(rules, texts, account)
    links = texts["links"].count("https://")
    numbers = {"size": options.size, "links in 'links'": links, "python": py, "javascript": js,
               "target": {"links_python_seconds": TARGET_SECONDS, "pass": py["links"] < TARGET_SECONDS}}
    if options.json:
        print(json.dumps(numbers, indent=2))
        return
    print(f"drafts of {options.size:,} characters on {account}; 'links' holds {links:,} links")
    print(f"{'draft':<24}{'python s':>10}{'x calm':>8}{'node s':>10}{'x calm':>8}")
    for name in texts:
        print(f"{name:<24}{py[name]:>10.3f}{py[name] / py['calm']:>8.1f}{js[name]:>10.3f}{js[name] / js['calm']:>8.1f}")
    verdict = "PASS" if py["links"] < TARGET_SECONDS else "MISS"
    print(f"links in process: {py['links']:.3f} s (target < {TARGET_SECONDS} s): {verdict}")


if __name__ == "__main__":
    main()
