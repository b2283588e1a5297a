"""Fuzz tests for the surfaces added since the YAML mutation corpus (issue 27, deliverable 7):
scheduler exports through `sweep`, progress reports through `records import`, `--at`/`--tz`
values through `oncall`, `triage` and `check`, and output paths through the commands that
write. Whatever Hypothesis generates: no traceback, an exit code of 0, 1 or 2, no hang (a
generous deadline per example), output with no control character and no CSV cell that opens
as a formula, and no file written anywhere but the output the command was given.

Few examples each (the suite must stay fast); the generators lean on what broke before:
formula starts, control sequences, deep nesting, huge numbers, far dates, odd zones.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from generator.cli import main
from generator.inert import FORMULA_STARTS
from test_people import REPORT

EXAMPLE = ROOT / "playbook"
SETTINGS = settings(max_examples=15, deadline=dt.timedelta(seconds=30),
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
RAW_CONTROLS = [chr(c) for c in [*range(0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0)]] + ["\u202e", "\u2028"]

HOSTILE = st.sampled_from(["=1+1", "+cmd", "-2", "@SUM(A1)", "\t=x", "\r=x", "\x1b]0;t\x07", "\x1b[2J", "\u202e",
                           "\x9b", '"', ",", ";", "\n", "\r\n", "\ufeff", "cheap", "#WhyIStayed", "https://x.example/",
                           "9" * 200, "[" * 80, "😀", "e\u0301", "\x00"])
TEXT = st.lists(HOSTILE | st.text(max_size=8), max_size=5).map("".join)
ACCOUNTS = st.sampled_from(["nw-x-uk", "nw-x-global", "@NorthwindUK", "Northwind UK on X", "nope", "", "=nw"])
TIMES = st.one_of(
    st.sampled_from(["2026-12-01 09:00", "2026-12-01T09:00+01:00", "2026-12-01 09:00 Europe/London", "13/09/2026 9:00",
                     "03/04/2026 09:00", "9999-12-31 23:59", "0001-01-01 00:00", "2026-02-30 09:00", "",
                     "2026-12-01 09:00 Mars/Base", "2026-12-01 09:00 ../../etc/passwd", "2026-12-01 25:61"]),
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)).map(str),
    TEXT)
HEADERS = ["id", "account", "time", "text", "media", "alt", "author role", "timezone", "=HYPERLINK()", "date"]



def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Sandbox:
    """A copy of the example project and an empty working folder, watched for writes."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="fuzz-"))
        self.project = self.root / "project"
        shutil.copytree(EXAMPLE, self.project / "playbook")
        shutil.copy(ROOT / "mkdocs.yml", self.project / "mkdocs.yml")
        self.work = self.root / "work"
        self.work.mkdir()
        self.before = snapshot(self.root)

    def run(self, *args: str, input: str | bytes | None = None) -> tuple[int, str]:
        old = Path.cwd()
        os.chdir(self.work)
        try:
            result = CliRunner().invoke(main, ["-C", str(self.project), *args], input=input)
        finally:
            os.chdir(old)
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert result.exit_code in (0, 1, 2), result.output
        assert "Traceback" not in result.output
        for char in RAW_CONTROLS:
            assert char not in result.output, (char, result.output)
        return result.exit_code, result.stdout

    def changed(self) -> set[str]:
        after = snapshot(self.root)
        return {p for p in set(after) | set(self.before) if after.get(p) != self.before.get(p)}

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def csv_export(rows: list[list[str]], headers: list[str], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                           max_leaves=8)


@SETTINGS
@given(headers=st.permutations(HEADERS).map(lambda h: h[:6]), delimiter=st.sampled_from([",", ";", "\t"]),
       rows=st.lists(st.tuples(TEXT, ACCOUNTS, TIMES, TEXT, TEXT, TEXT), min_size=1, max_size=4),
       output=st.sampled_from(["text", "json", "csv"]), as_json=st.booleans(), extra=JSON_VALUES)
@example(headers=HEADERS[:6], delimiter=",", rows=[("=1", "nw-x-uk", "9999-12-31 23:59", "\x1b]0;t\x07", "", "")],
         output="text", as_json=False, extra=None)
@example(headers=HEADERS[:6], delimiter=",", rows=[("-1", "nw-x-uk", "2026-12-01 09:00", "", "", "")],
         output="csv", as_json=True, extra=[[[[[[[[1]]]]]]]])
def test_sweep_exports_never_crash_and_print_inert_output(headers, delimiter, rows, output, as_json, extra):
    box = Sandbox()
    try:
        columns = ["id", "account", "time", "text"] + [h for h in headers if h not in ("id", "account", "time", "text")]
        cells = [[*row[:4], row[4], row[5]][:len(columns)] + [""] * max(0, len(columns) - 6) for row in rows]
        if as_json:
            export = json.dumps([{**dict(zip(columns, row, strict=False)), "extra": extra} for row in cells])
        else:
            export = csv_export(cells, columns, delimiter)
        path = box.work / ("queue.json" if as_json else "queue.csv")
        path.write_text(export, encoding="utf-8")
        box.before = snapshot(box.root)
        _, out = box.run("sweep", "--format", output, str(path))
        if output == "csv":
            for row in csv.reader(io.StringIO(out)):
                assert not any(cell.startswith(FORMULA_STARTS) for cell in row), row
        if output == "json":
            json.loads(out)
        assert box.changed() == set()
    finally:
        box.close()


@SETTINGS
@given(report=st.one_of(
    st.fixed_dictionaries({k: st.just(v) for k, v in REPORT.items()}, optional={"extra": JSON_VALUES})
    .flatmap(lambda r: st.sampled_from(sorted(r)).flatmap(lambda key: JSON_VALUES.map(lambda v: {**r, key: v}))),
    JSON_VALUES.map(json.dumps), TEXT, st.just("[" * 3000)))
@example(report={**REPORT, "person": int("9" * 4000)})
@example(report='{"format": "playbook-progress/1", "person": ' + "[" * 3000 + "]" * 3000 + "}")
def test_progress_reports_never_crash_and_write_only_the_roster(report):
    box = Sandbox()
    try:
        path = box.work / "report.json"
        path.write_text(report if isinstance(report, str) else json.dumps(report), encoding="utf-8")
        box.before = snapshot(box.root)
        code, _ = box.run("records", "import", str(path))
        assert box.changed() <= ({"project/playbook/roster.yaml"} if code == 0 else set())
    finally:
        box.close()


AT_VALUES = st.one_of(TIMES, st.dates(min_value=dt.date(1, 1, 1)).map(lambda d: f"{d} 12:00"))
ZONES = st.one_of(st.sampled_from(["Europe/London", "UTC", "Mars/Base", "../../etc/passwd", "", "Europe/London\x00",
                                   "America/New_York", "Etc/GMT+14", "Pacific/Kiritimati", "GMT", "Z", "+01:00"]),
                  TEXT)


@SETTINGS
@given(command=st.sampled_from([("oncall",), ("triage", "--signal", "legal_threat"), ("check", "-")]),
       at=st.none() | AT_VALUES, zone=st.none() | ZONES)
@example(command=("oncall",), at="9999-12-31 23:59", zone="Etc/GMT+12")
@example(command=("check", "-"), at="0001-01-01 00:00", zone="Pacific/Kiritimati")
@example(command=("triage", "--signal", "legal_threat"), at="9999-12-31 23:59", zone=None)
def test_at_and_tz_values_never_crash(command, at, zone):
    box = Sandbox()
    try:
        options = [*(["--at", at] if at is not None else []), *(["--tz", zone] if zone is not None else [])]
        if command[0] != "check" and at is None:
            options += ["--at", "2026-12-01 09:00"]  # the real clock stays out of tests
        box.run(*command, *options, input="Good morning")
        assert box.changed() == set()
    finally:
        box.close()


SEGMENTS = st.sampled_from(["out", "a b", "ü", ".", "x.ics", "-", "--help", "$HOME", "~", "*", "CON", "nul", "🙂",
                            "very-" * 20 + "long", ".hidden", "q\"uote", "new\nline"])
OUT_PATHS = st.lists(SEGMENTS, min_size=1, max_size=3).map(lambda parts: "/".join(parts))


@settings(max_examples=12, deadline=dt.timedelta(seconds=60),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(command=st.sampled_from([("calendar", "--out"), ("export", "vale", "--out"), ("schema", "--out"),
                                ("codeowners", "--out")]), out=OUT_PATHS)
def test_commands_write_only_the_output_they_were_given(command, out):
    box = Sandbox()
    try:
        code, _ = box.run(*command, out)
        target = (box.work / out).resolve()
        for changed in box.changed():
            where = (box.root / changed).resolve()
            assert where == target or target in where.parents, (changed, out)
        if code == 0:
            assert target.exists()
    finally:
        box.close()
