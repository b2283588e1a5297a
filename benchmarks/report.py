"""Turning raw measurements into rows judged against the targets of issues 2, 6 and 26.

The targets are ratios measured in one run on one machine, so a slow machine neither
passes nor fails them by itself. A measurement that failed shows as "n/a" and its target
as ERROR: a missing number is never counted as a pass.
"""

from __future__ import annotations

import statistics
from typing import Any

# (measure, numerator, its unit, denominator or None, limit, issue): value = numerator,
# ratio = numerator / denominator; with no denominator the value itself is held to the limit.
# Times are CPU seconds: on a shared machine other work stretches wall time, not CPU time.
TARGETS = (
    ("validate vs round-trip load", ("validate", "cpu_seconds"), "s", ("roundtrip", "cpu_seconds"), 0.50, "2, 6"),
    ("load + validate + Markdown vs engine build", ("generate", "cpu_seconds"), "s", ("engine", "cpu_seconds"),
     0.05, "6"),
    ("playbook build vs engine build", ("build", "cpu_seconds"), "s", ("engine", "cpu_seconds"), 1.10, "6"),
    ("median HTML page", ("html", "median_kb"), "KB", None, 60.0, "6"),
    ("peak memory: playbook build vs engine", ("build", "peak_megabytes"), "MB", ("engine", "peak_megabytes"),
     1.30, "6"),
    ("playbook check, whole command, warm rules cache", ("check", "cpu_seconds"), "s", None, 0.20, "26"),
)

# Context for the targets: shown with a ratio where one helps, never judged.
FACTS = (
    ("playbook YAML", ("roundtrip", "megabytes"), "MB", None),
    ("round-trip load (ruamel YAML())", ("roundtrip", "cpu_seconds"), "s", None),
    ("validate, as a command (with start-up)", ("validate_cli", "cpu_seconds"), "s", ("roundtrip", "cpu_seconds")),
    ("  of which loading", ("generate", "load_seconds"), "s", None),
    ("  of which Markdown generation", ("generate", "render_seconds"), "s", None),
    ("generated pages", ("generate", "pages"), "", None),
    ("mkdocs build, engine alone", ("engine", "cpu_seconds"), "s", None),
    ("playbook generate --out", ("generate_out", "cpu_seconds"), "s", ("engine", "cpu_seconds")),
    ("serve: rebuild after one YAML edit", ("rebuild", "cpu_seconds"), "s", ("engine", "cpu_seconds")),
    ("wall time: playbook build", ("build", "seconds"), "s", ("engine", "seconds")),
    ("wall time: engine build", ("engine", "seconds"), "s", None),
    ("wall time: serve rebuild", ("rebuild", "seconds"), "s", None),
    ("HTML pages", ("html", "pages"), "", None),
    ("largest HTML page", ("html", "largest_kb"), "KB", None),
    ("median HTML page, engine alone", ("html_engine", "median_kb"), "KB", None),
    ("search index", ("html", "search_index_kb"), "KB", None),
    ("peak memory: round-trip load", ("roundtrip", "peak_megabytes"), "MB", None),
    ("peak memory: validate", ("validate", "peak_megabytes"), "MB", None),
    ("peak memory: load + Markdown", ("generate", "peak_megabytes"), "MB", None),
    ("peak memory: engine build", ("engine", "peak_megabytes"), "MB", None),
    ("wall time: playbook check, warm rules cache", ("check", "seconds"), "s", None),
    ("playbook build --engine zensical vs playbook build", ("build_zensical", "cpu_seconds"), "s",
     ("build", "cpu_seconds")),
    ("wall time: playbook build --engine zensical", ("build_zensical", "seconds"), "s", ("build", "seconds")),
    ("peak memory: playbook build --engine zensical", ("build_zensical", "peak_megabytes"), "MB",
     ("build", "peak_megabytes")),
    ("HTML pages, Zensical", ("html_zensical", "pages"), "", None),
    ("median HTML page, Zensical", ("html_zensical", "median_kb"), "KB", None),
)


def _get(run: dict[str, Any], where: tuple[str, str]) -> float | None:
    value = run.get(where[0], {}).get(where[1])
    return value if isinstance(value, (int, float)) else None


def _ratio(run: dict[str, Any], numerator: tuple[str, str], denominator: tuple[str, str] | None) -> float | None:
    """numerator / denominator. For two times measured in the same rounds (run.py), the median of
    the ratios within each round: the two sides ran minutes apart at most, at the same machine speed."""
    if denominator is None:
        return None
    paired = [round_[numerator[0]][numerator[1]] / round_[denominator[0]][denominator[1]]
              for round_ in run.get("rounds", [])
              if numerator[1] in round_.get(numerator[0], {}) and round_.get(denominator[0], {}).get(denominator[1])]
    if paired:
        return statistics.median(paired)
    top, bottom = _get(run, numerator), _get(run, denominator)
    return top / bottom if top is not None and bottom else None


def evaluate(run: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per target (judged) and per fact (context) for one size."""
    rows = []
    for measure, numerator, unit, denominator, limit, issue in TARGETS:
        value, ratio = _get(run, numerator), _ratio(run, numerator, denominator)
        judged = ratio if denominator is not None else value
        status = "ERROR" if judged is None else "PASS" if judged <= limit else "MISS"
        rows.append({"roles": run["roles"], "measure": measure, "value": value, "unit": unit, "ratio": ratio,
                     "target": f"<= {limit:g}{'x' if denominator else ' ' + unit}", "status": status,
                     "issue": issue})
    unseen_edit = run.get("rebuild", {}).get("edit_visible") is False
    for measure, numerator, unit, denominator in FACTS:
        note = "edit not on any page" if numerator[0] == "rebuild" and unseen_edit else ""
        rows.append({"roles": run["roles"], "measure": measure, "value": _get(run, numerator), "unit": unit,
                     "ratio": _ratio(run, numerator, denominator), "target": "", "status": note, "issue": ""})
    return rows


def _value(row: dict[str, Any]) -> str:
    value = row["value"]
    if value is None:
        return "n/a"
    if row["unit"] == "":
        return f"{value:.0f}"
    return f"{value:.2f} {row['unit']}" if value < 100 else f"{value:.0f} {row['unit']}"


def _ratio_text(row: dict[str, Any]) -> str:
    return "" if row["ratio"] is None else f"{row['ratio']:.3f}x"


def text_table(rows: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    header = ("N", "measure", "value", "ratio", "target", "status")
    lines = [tuple(str(x) for x in (r["roles"], r["measure"], _value(r), _ratio_text(r), r["target"], r["status"]))
             for r in rows]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    out = [(f"{meta['date']} · Python {meta['python']} · {meta['cpus']} CPUs · {meta['repeat']} rounds (medians; "
           "ratios within a round) · times are CPU seconds unless marked wall")]
    for line in [header, *lines]:
        out.append("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False)).rstrip())
    return "\n".join(out)


def markdown_table(rows: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    out = [(f"Measured {meta['date']} on {meta['cpus']} CPUs, Python {meta['python']}, in {meta['repeat']} "
           f"rounds, with `{meta['command']}`. Each round measures every compared pair back to back; values are "
           "medians over the rounds and each ratio is the median of the ratios within a round. Times are CPU "
           "seconds unless marked wall time (the machine is shared; CPU time is what other work does not "
           "stretch)."), "",
           "| roles | measure | value | ratio | target | result |", "|---:|---|---:|---:|---|---|"]
    for r in rows:
        status = f"**{r['status']}**" if r["status"] in ("MISS", "ERROR") else r["status"]
        out.append(f"| {r['roles']} | {r['measure']} | {_value(r)} | {_ratio_text(r)} | {r['target']} | {status} |")
    return "\n".join(out) + "\n"
