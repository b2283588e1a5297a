"""Careless and hostile input gets a located message and exit 1 or 2, never a traceback, and
the same answer on every path (issue 27, deliverable 6: dates, JSON, names, empty drafts,
non-UTF-8 input, rotations in `diff`)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from conftest import ROOT
from generator.cli import main
from generator.diff.changes import compare
from generator.lint.loader import load_playbook
from test_check_properties import ENGINE, NODE, rules_text
from test_people import REPORT, copy_example, import_report

EXAMPLE = ROOT / "playbook"


def run(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args[:1], "--playbook", str(EXAMPLE), *args[1:]], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


# ---------------------------------------------------------------- dates outside 1900-2200

FAR = ["9999-12-31 23:59", "0001-01-01 00:00", "1899-12-31 23:59", "2201-01-01 00:00"]


@pytest.mark.parametrize("moment", FAR)
@pytest.mark.parametrize("command", [("oncall",), ("triage", "--signal", "legal_threat"), ("check", "-")])
def test_at_outside_the_years_read_is_a_usage_error(command, moment):
    code, _, err = run(*command, "--at", moment, input="Morning all")
    assert code == 2
    assert f"'{moment}' is outside the years 1900 to 2200 the playbook reads" in err


@pytest.mark.parametrize("moment", FAR)
def test_a_sweep_time_outside_the_years_read_is_a_located_row_error(tmp_path, moment):
    export = tmp_path / "queue.csv"
    export.write_text(f"id,account,time,text\n1,nw-x-uk,{moment},hi\n2,nw-x-uk,2026-12-01 09:00,hi\n",
                      encoding="utf-8")
    code, out, err = run("sweep", str(export))
    assert code == 1
    assert err.startswith(f"{export}:2:11: error: '{moment}' is outside the years 1900 to 2200 the playbook reads")
    assert out.splitlines()[-1] == "pull 0, hold 0, keep 1 of 1 posts; 1 row not read (see the errors)"


def test_the_edges_of_the_years_read_are_accepted():
    assert run("oncall", "--at", "1900-01-01 00:00")[0] == 0
    assert run("oncall", "--at", "2200-12-31 23:59")[0] == 0
    assert run("validate", "--today", "9999-01-01")[0] == 2


# ---------------------------------------------------------------- JSON shapes

DEEP = "[" * 5000 + "]" * 5000
HUGE = '[{"id": 1, "account": "nw-x-uk", "time": "2026-12-01 09:00", "text": "hi", "n": ' + "9" * 5000 + "}]"


@pytest.mark.parametrize(("text", "message"), [
    (DEEP, "1:65: error: the export is not valid JSON: arrays and objects nest more than 64 deep here"),
    (HUGE, "1:81: error: the export is not valid JSON: a number of 5,000 digits (at most 100)"),
    ('[{"text": "[[[[", "id": "1234567890123456789012"}', "1:50: error: the export is not valid JSON"),
])
def test_json_exports_too_deep_or_with_huge_numbers_are_located(tmp_path, text, message):
    export = tmp_path / "queue.json"
    export.write_text(text, encoding="utf-8")
    code, _, err = run("sweep", str(export))
    assert code == 1
    assert err.startswith(f"{export}:{message}")


@pytest.mark.parametrize(("text", "message"), [
    ('{"format": "playbook-progress/1", "person": ' + "[" * 3000 + "]" * 3000 + "}",
     "report.json:1:108: error: not a progress report (not JSON): arrays and objects nest more than 64 deep here"),
    ('{"format": "playbook-progress/1", "person": ' + "1" * 5000 + "}",
     "report.json:1:45: error: not a progress report (not JSON): a number of 5,000 digits (at most 100)"),
])
def test_a_progress_report_too_deep_or_with_huge_numbers_is_located(tmp_path, text, message):
    folder = copy_example(tmp_path)
    before = (folder / "roster.yaml").read_bytes()
    result = import_report(tmp_path, folder, text)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{tmp_path / message}" in result.output
    assert (folder / "roster.yaml").read_bytes() == before
    good = {**REPORT, "reported": "2026-11-22"}  # before the pinned clock: a report from the future is refused
    assert import_report(tmp_path, folder, good).exit_code == 0  # and a good one still goes in


# ---------------------------------------------------------------- names on one line

@pytest.mark.parametrize(("file", "old", "new", "where"), [
    ("roster.yaml", "    name: Priya", '    name: "Priya\\nSharma" # ', "person 'priya-s', name"),
    ("roles.yaml", "    name: Head of Social", '    name: "Head of\\nSocial" # ', "role 'head-of-social', name"),
    ("handbook.yaml", "  organisation: ", '  organisation: "Northwind\\u2028Evil" # ', "handbook.organisation"),
    ("roles.yaml", "    name: Head of Social", '    name: "Head\\e]0;x\\a" # ', "role 'head-of-social', name"),
])
def test_a_line_break_in_a_name_is_a_located_validation_error(tmp_path, file, old, new, where):
    folder = tmp_path / "playbook"
    shutil.copytree(EXAMPLE, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")  # a project: mkdocs.yml beside playbook/
    for command in (["validate"], ["calendar", "--out", str(tmp_path / "cal")],
                    ["build", "--site-dir", str(tmp_path / "site")]):
        result = CliRunner().invoke(main, ["-C", str(tmp_path), *command])
        assert result.exit_code == 1, (command, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.exception)
        if command[0] != "build":
            lines = (result.stdout + result.stderr).splitlines()
            found = next(line for line in lines if "is not one line" in line)
            assert f"{file}:" in found and f"error: {where}: '" in found
            assert "\n" not in found and "\x1b" not in found
    assert not (tmp_path / "cal").exists() and not (tmp_path / "site").exists()


# ---------------------------------------------------------------- one answer for an empty post

def test_an_empty_draft_gets_the_same_answer_from_check_sweep_and_the_page_engine(tmp_path):
    code, out, _ = run("check", "--format", "json", "-", input=" \n\t")
    result = json.loads(out)
    assert code == 1 and result["verdict"] == "revise"
    assert result["findings"][0]["rule"] == "post.empty"
    message = result["findings"][0]["message"]
    assert message == "the post has no text and no media: write it before it can go out"
    export = tmp_path / "queue.csv"
    export.write_text("id,account,time,text\n1,nw-x-global,2026-12-01 09:00,\" \"\n", encoding="utf-8")
    code, out, _ = run("sweep", "--format", "json", str(export))
    post = json.loads(out)["posts"][0]
    assert (code, post["action"], post["verdict"], post["rule"], post["reason"]) == (0, "hold", "revise",
                                                                                    "post.empty", message)
    script = ("const e = require(process.argv[1]); const r = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(e.check(r, ' \\n', 'flagship')))")
    page = subprocess.run([NODE, "-e", script, str(ENGINE)], input=rules_text(False), capture_output=True,
                          text=True, check=True)
    judged = json.loads(page.stdout)
    assert judged["verdict"] == "revise" and judged["findings"][0]["rule"] == "post.empty"
    # An attachment with no text is a post (an image post), judged as such everywhere.
    code, out, _ = run("check", "--format", "json", "--media", "a.jpg;alt=A cup", "-", input="")
    assert "post.empty" not in {f["rule"] for f in json.loads(out)["findings"]}


# ---------------------------------------------------------------- non-UTF-8 from a pipe

@pytest.mark.parametrize(("command", "data", "where", "message"), [
    ("check", b"caf\xe9 cheap", "1:4", "the draft is not UTF-8 text"),
    ("sweep", b"id,account,time,text\n1,nw-x-uk,2026-12-01 09:00,caf\xe9\n", "2:31", "the export is not UTF-8 text"),
])
def test_non_utf8_on_standard_input_gets_the_files_answer(tmp_path, command, data, where, message):
    code, _, err = run(command, "-", input=data)
    assert code == 1
    assert err.startswith(f"<stdin>:{where}: error: {message}")
    file = tmp_path / "input.txt"
    file.write_bytes(data)
    code, _, err = run(command, str(file))
    assert code == 1
    assert err.startswith(f"{file}:{where}: error: {message}")


def test_a_byte_order_mark_on_standard_input_is_dropped_as_from_a_file():
    _, out, _ = run("check", "--format", "json", "-", input="\ufeffSo cheap".encode())
    banned = next(f for f in json.loads(out)["findings"] if f["rule"] == "voice.banned")
    assert (banned["line"], banned["column"]) == (1, 4)


# ---------------------------------------------------------------- diff names a rotation by its name

def test_diff_names_a_rotation_by_its_own_name_not_its_roles():
    old = load_playbook(EXAMPLE).playbook
    assert old is not None
    rotations = list(old.rotations)
    night = rotations[0]
    assert night.role is not None
    rotations[0] = night.model_copy(update={"page": "everyone"})
    texts = [c.text for c in compare(old, old.model_copy(update={"rotations": rotations})).changes]
    assert texts == [f"Rotation {night.name}: page 'on-shift' -> 'everyone'"]
