"""CSV and terminal output are inert (issue 27, deliverable 4): no cell of a CSV opens as a
formula (OWASP's prefix), and no control character from an export, a draft, an option or
the policy reaches the terminal as itself (generator/inert.py, one function for every command)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from generator.cli import main
from generator.inert import FORMULA_STARTS, escape_controls, spreadsheet_cell
from policy_repo import commit, edit, new_repo

EXAMPLE = ROOT / "playbook"
ESC_TITLE = "\x1b]0;pwned\x07"  # sets the terminal's title
CONTROLS = ["\x1b", "\x07", "\x9b", "\x00", "\x7f", "\u202e", "\u2066", "\r"]


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args[:1], "--playbook", str(EXAMPLE), *args[1:]], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def assert_inert(text: str) -> None:
    for char in CONTROLS:
        assert char not in text, (char, text)


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_cell_starting_like_a_formula_is_prefixed(start):
    assert spreadsheet_cell(start + "1+1").startswith("'")
    assert spreadsheet_cell("plain =1+1") == "plain =1+1"


def test_control_characters_are_written_as_escapes_and_layout_is_kept():
    assert escape_controls(f"a{ESC_TITLE}b\nc") == "a\\u001b]0;pwned\\u0007b\nc"
    assert escape_controls("a\nb\tc", keep="") == "a\\u000ab\\u0009c"
    assert escape_controls("\u202eevil") == "\\u202eevil"
    assert json.loads('"' + escape_controls("x\x9by") + '"') == "x\x9by"  # inside a JSON string: JSON's own escape


HOSTILE_QUEUE = (
    "id,account,time,text\n"
    '"=HYPERLINK(""http://evil.example"",""click"")",nw-x-uk,2026-12-01 09:00,"+cmd|\' /C calc\'!A0"\n'
    f'"@SUM(1+1)",nw-x-uk,2026-12-01 09:00,"-2+3 cheap {ESC_TITLE}"\n'
    f'"\tx{ESC_TITLE}",nw-x-uk,2026-12-01 09:00,"\rhello"\n'
    f'"-1",nw-x-uk,2026-12-01 09:00,"{ESC_TITLE}"\n'
    f'"5",=nw{ESC_TITLE},2026-12-01 09:00,"hello"\n'
)


def test_sweep_csv_opens_as_text_in_a_spreadsheet(tmp_path):
    export = tmp_path / "queue.csv"
    export.write_text(HOSTILE_QUEUE, encoding="utf-8")
    _, out, err = run("sweep", "--format", "csv", str(export))
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) >= 4
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), row
    ids = [r[1] for r in rows[1:]]
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in ids and "'@SUM(1+1)" in ids and "'-1" in ids
    assert_inert(out + err)
    assert "=nw\\u001b]0;pwned\\u0007" in err  # the unreadable row's located error


def test_sweep_table_and_errors_pass_no_control_sequence(tmp_path):
    export = tmp_path / "queue.csv"
    export.write_text(HOSTILE_QUEUE, encoding="utf-8")
    _, out, err = run("sweep", str(export))
    assert_inert(out + err)
    assert "\\u001b]0;pwned\\u0007" in out + err
    assert all(len(line.split("  ")) > 1 for line in out.splitlines()[:-1])  # no row broken by a line break


def test_check_and_its_usage_errors_pass_no_control_sequence():
    code, out, err = run("check", "-", input=f"So cheap{ESC_TITLE}\u202e right now!")
    assert code == 1
    assert_inert(out + err)
    code, out, err = run("check", "--account", f"nw{ESC_TITLE}", "-", input="Morning")
    assert code == 2
    assert_inert(out + err)
    assert "nw\\u001b]0;pwned\\u0007" in err


def test_diff_passes_no_control_sequence_from_the_policy(tmp_path):
    repo = new_repo(tmp_path / "policy")
    edit(repo / "playbook" / "roles.yaml", "purpose: ", 'purpose: "\\e]0;pwned\\a\\u202e" # ')
    commit(repo, "hostile purpose")
    result = CliRunner().invoke(main, ["-C", str(repo), "diff", "HEAD~1", "HEAD"])
    assert result.exit_code == 0, result.output
    assert "purpose" in result.stdout.lower()
    assert_inert(result.stdout + result.stderr)
    assert "\\u001b]0;pwned\\u0007" in result.stdout


def test_validate_messages_quote_hostile_values_inertly(tmp_path):
    book = tmp_path / "playbook"
    book.mkdir()
    for path in EXAMPLE.glob("*.yaml"):
        (book / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    edit(book / "roles.yaml", "reports_to: ", 'reports_to: "boss\\e[2J" # ')
    result = CliRunner().invoke(main, ["validate", "--playbook", str(book)])
    assert result.exit_code == 1
    assert_inert(result.stdout + result.stderr)
    assert "boss\\u001b[2J" in result.stdout + result.stderr


def test_json_output_stays_valid_json_with_escaped_controls(tmp_path):
    export = tmp_path / "queue.json"
    export.write_text(json.dumps([{"id": f"a{ESC_TITLE}\x9b", "account": "nw-x-uk", "time": "2026-12-01 09:00",
                                   "text": "hi"}]), encoding="utf-8")
    _, out, _ = run("sweep", "--format", "json", str(export))
    assert_inert(out)
    assert json.loads(out)["posts"][0]["id"] == "a\x1b]0;pwned\x07\x9b"  # the data itself is kept


def test_no_cell_of_any_csv_output_is_left_unprefixed():
    """sweep is the only CSV writer: a new one must go through spreadsheet_cell too."""
    writers = [p for p in (ROOT / "generator").rglob("*.py") if "csv.writer" in p.read_text(encoding="utf-8")]
    assert [p.relative_to(ROOT).as_posix() for p in writers] == ["generator/cli/sweep.py"]
    assert "spreadsheet_cell" in Path(writers[0]).read_text(encoding="utf-8")
