"""How well the example policy's filter does on the labelled corpus, and how fast.

    python benchmarks/filter_eval.py                # both splits: accuracy, precision/recall, misses, speed
    python benchmarks/filter_eval.py --split test   # only the held-out test split
    python benchmarks/filter_eval.py --json         # the same numbers as one JSON document

Two splits, reported separately. `dev` (tests/data/corpus/) is what the engine was developed
against; `test` (tests/data/corpus-test/) was written blind to the engine, from the policy
and the issue's classes only, and is never tuned on: its numbers are the honest ones. The
test split is judged against the example playbook alone (its author never saw the dev
split's news of the day), every draft at its own `at`; `reply: true` drafts as replies where
the engine takes that flag.

Every draft of tests/data/corpus/drafts.yaml is judged on the largest account and on a small
one (the corpus file says which), as the labelled author and at the labelled time, against the
example playbook plus tests/data/corpus/news.yaml (the watchlist of the day); `crisis: true`
drafts with the example's crisis mode switched on. A draft without a time is judged at
REFERENCE, a day on which no sensitive date or listed event is active; a crisis draft at
CRISIS_REFERENCE, such a day inside the example's crisis window (crisis mode covers only
posts from its `since` until its `until`).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ruamel.yaml import YAML  # noqa: E402

from generator.checker.engine import check  # noqa: E402
from generator.checker.rules import compile_rules  # noqa: E402
from generator.checker.schedule import parse_scheduled, posting_at  # noqa: E402
from generator.lint.loader import load_playbook  # noqa: E402

CORPUS = REPO / "tests" / "data" / "corpus"
TEST_SPLIT = REPO / "tests" / "data" / "corpus-test"
LARGE, SMALL = "nw-x-global", "nw-instagram-de"
REFERENCE = "2026-10-15 10:00"
CRISIS_REFERENCE = "2026-12-10 10:00"
VERDICTS = ("publish", "approval", "revise", "escalate")
TARGET_ACCURACY = 0.95


def corpus_rules(crisis: bool, news: bool = True) -> dict[str, Any]:
    """The example playbook with the corpus's news added (and crisis mode on, if asked)."""
    with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
        folder = Path(tmp) / "playbook"
        shutil.copytree(REPO / "playbook", folder)
        if news:
            shutil.copy(CORPUS / "news.yaml", folder / "zz-corpus-news.yaml")
        if crisis:
            path = folder / "crisis.yaml"
            path.write_text(path.read_text(encoding="utf-8").replace("  active: false", "  active: true", 1),
                            encoding="utf-8")
        loaded = load_playbook(folder)
        if loaded.playbook is None:
            raise SystemExit(loaded.report.format_text())
        return compile_rules(loaded.playbook)


def load_corpus(folder: Path = CORPUS) -> list[dict[str, Any]]:
    """A split's drafts: a plain list (dev) or a list under `drafts:` (test)."""
    data = YAML(typ="safe").load((folder / "drafts.yaml").read_text(encoding="utf-8"))
    cases: list[dict[str, Any]] = data["drafts"] if isinstance(data, dict) else data
    return cases


def judgements(cases: list[dict[str, Any]], news: bool = True) -> list[dict[str, Any]]:
    """One row per (draft, account): expected and actual verdict, the deciding finding, the time taken."""
    rules = {False: corpus_rules(False, news), True: corpus_rules(True, news)}
    rows = []
    for case in cases:
        r = rules[bool(case.get("crisis"))]
        for size, account in (("large", LARGE), ("small", case.get("small_account", SMALL))):
            written = case.get("at", CRISIS_REFERENCE if case.get("crisis") else REFERENCE)
            at = posting_at(r, account, parse_scheduled(written, r["accounts"][account]["timezone"]))
            started = time.perf_counter()
            result = check(r, case["text"], account, [], case.get("role"), at=at, reply=bool(case.get("reply")))
            elapsed = time.perf_counter() - started
            first = result["findings"][0] if result["findings"] else None
            rows.append({"id": case["id"], "category": case["category"], "size": size, "account": account,
                         "expected": case[size], "actual": result["verdict"], "seconds": elapsed,
                         "deciding": f"{first['rule']}: {first['message']}" if first else "no finding"})
    return rows


def report(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Accuracy overall and by category, precision and recall by verdict, the issue's targets."""
    by_category: dict[str, list[bool]] = {}
    for row in rows:
        by_category.setdefault(row["category"], []).append(row["expected"] == row["actual"])
    classes = {}
    for verdict in VERDICTS:
        tp = sum(1 for r in rows if r["actual"] == verdict == r["expected"])
        predicted = sum(1 for r in rows if r["actual"] == verdict)
        labelled = sum(1 for r in rows if r["expected"] == verdict)
        classes[verdict] = {"precision": tp / predicted if predicted else None,
                            "recall": tp / labelled if labelled else None, "labelled": labelled, "predicted": predicted}
    failures = [r for r in rows if r["category"] == "failure"]
    calm = [r for r in rows if r["category"] == "calm"]
    times = sorted(r["seconds"] for r in rows)
    correct = sum(1 for r in rows if r["expected"] == r["actual"])
    return {
        "drafts": len({r["id"] for r in rows}), "verdicts": len(rows), "correct": correct,
        "accuracy": correct / len(rows),
        "by_category": {c: {"verdicts": len(v), "accuracy": sum(v) / len(v)} for c, v in sorted(by_category.items())},
        "classes": classes,
        "failures_stopped": sum(1 for r in failures if r["actual"] != "publish"), "failures": len(failures),
        "calm_escalated": sum(1 for r in calm if r["actual"] == "escalate"), "calm": len(calm),
        "confusion": {f"{e} -> {a}": n for (e, a), n in sorted(Counter((r["expected"], r["actual"]) for r in rows
                                                                        if r["expected"] != r["actual"]).items())},
        "ms_per_draft": {"median": statistics.median(times) * 1000, "p95": times[int(len(times) * 0.95)] * 1000,
                         "max": times[-1] * 1000},
        "misses": [{k: r[k] for k in ("id", "size", "account", "expected", "actual", "deciding")}
                   for r in rows if r["expected"] != r["actual"]],
    }


def as_text(numbers: dict[str, Any]) -> str:
    def pct(x: float | None) -> str:
        return "n/a" if x is None else f"{x * 100:.1f}%"

    lines = [(f"{numbers['drafts']} drafts, {numbers['verdicts']} verdicts (large and small account): "
              f"{numbers['correct']} as labelled = {pct(numbers['accuracy'])} (target >= {pct(TARGET_ACCURACY)})"),
             f"public failures stopped: {numbers['failures_stopped']} of {numbers['failures']} (target: all)",
             f"calm posts escalated: {numbers['calm_escalated']} of {numbers['calm']} (target: 0)",
             "", "accuracy by category:"]
    lines += [f"  {c:<11} {v['verdicts']:>4} verdicts  {pct(v['accuracy'])}" for c, v in numbers["by_category"].items()]
    lines += ["", "by verdict:     precision  recall  (labelled, predicted)"]
    lines += [f"  {v:<12} {pct(c['precision']):>9}  {pct(c['recall']):>6}  ({c['labelled']}, {c['predicted']})"
              for v, c in numbers["classes"].items()]
    t = numbers["ms_per_draft"]
    lines += ["", (f"time per draft in process: median {t['median']:.2f} ms, p95 {t['p95']:.2f} ms, "
                   f"max {t['max']:.2f} ms")]
    lines += ["", f"misses ({len(numbers['misses'])}):"]
    lines += [f"  {m['id']} on {m['account']} ({m['size']}): labelled {m['expected']}, got {m['actual']} "
              f"[{m['deciding'][:110]}]" for m in numbers["misses"]] or ["  none"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both",
                        help="dev: the corpus developed against; test: the held-out split written blind")
    args = parser.parse_args()
    splits = {"dev": (CORPUS, True), "test": (TEST_SPLIT, False)}
    chosen = list(splits) if args.split == "both" else [args.split]
    numbers = {name: report(judgements(load_corpus(splits[name][0]), news=splits[name][1])) for name in chosen}
    if args.json:
        print(json.dumps(numbers if args.split == "both" else numbers[args.split], indent=2))
    else:
        print("\n\n".join(f"== {name} split ==\n{as_text(n)}" for name, n in numbers.items()))


if __name__ == "__main__":
    main()
