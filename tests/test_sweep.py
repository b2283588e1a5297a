"""Dates and news: `check --at/--tz`, when a sensitive date or a watchlist event covers a post,
and `playbook sweep` over a scheduler's export (each post judged at its own time)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import example_with_news
from generator.checker.engine import check
from generator.checker.schedule import date_order_of, parse_scheduled, posting_at, read_export, sweep
from generator.cli import main
from generator.cli.check import when
from test_check import example_rules

EXAMPLE = example_with_news()



def rules(crisis: bool = False) -> dict[str, Any]:
    return json.loads(example_rules(crisis))


def at(account: str, text: str, zone: str | None = None) -> dict[str, str]:
    return when(rules(), account, text, zone)


def rule_ids(result: dict[str, Any]) -> set[str]:
    return {f["rule"] for f in result["findings"]}


# ---------------------------------------------------------------- check --at / --tz

def run(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(main, [*args[:1], "--playbook", str(EXAMPLE), *args[1:]], input=input)


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--at", "11/09/2026", "'11/09/2026' is not a date and time; write it as \"YYYY-MM-DD HH:MM\""),
    ("--at", "2026-02-30 09:00", "'2026-02-30 09:00' is not a date and time; write it as \"YYYY-MM-DD HH:MM\""),
    ("--at", "tomorrow", "'tomorrow' is not a date and time"),
    ("--tz", "Europe/Londn", "'Europe/Londn' is not a known time zone; use an IANA name such as Europe/London"),
])
def test_a_bad_at_or_tz_is_a_usage_error(option, value, message):
    extra = ["--at", "2026-09-11 09:00"] if option == "--tz" else []
    result = run("check", option, value, *extra, "-", input="Morning all.")
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_at_accepts_seconds_a_t_and_a_bare_date():
    r = rules()
    assert when(r, "nw-x-uk", "2026-09-11T09:00:30", None)["utc"] == "2026-09-11T08:00"
    assert when(r, "nw-x-uk", "2026-09-11", None) == {"date": "2026-09-11", "utc": "2026-09-10T23:00"}


def test_at_is_read_in_the_accounts_time_zone_unless_tz_says_otherwise():
    assert at("nw-x-us", "2026-09-11 09:00") == {"date": "2026-09-11", "utc": "2026-09-11T13:00"}
    assert at("nw-x-de", "2026-09-11 09:00") == {"date": "2026-09-11", "utc": "2026-09-11T07:00"}
    # 02:00 UTC on the 12th is still the 11th in New York: the calendar date is the audience's.
    assert at("nw-x-us", "2026-09-12 02:00", "UTC") == {"date": "2026-09-11", "utc": "2026-09-12T02:00"}


def test_without_at_the_post_is_judged_now(monkeypatch):
    monkeypatch.setenv("PLAYBOOK_NOW", "2026-09-11T22:30Z")
    assert when(rules(), "nw-x-uk", None, None) == {"date": "2026-09-11", "utc": "2026-09-11T22:30"}


# ---------------------------------------------------------------- is a date or an event active then?

NINE_ELEVEN = "Never forget."


@pytest.mark.parametrize(("account", "moment", "zone", "active"), [
    ("nw-x-us", "2026-09-11 00:00", None, True),
    ("nw-x-us", "2026-09-11 23:59", None, True),
    ("nw-x-us", "2026-09-10 23:59", None, False),
    ("nw-x-us", "2026-09-12 00:00", None, False),
    ("nw-x-us", "2026-09-12 03:00", "UTC", True),     # still the 11th in New York
    ("nw-x-global", "2026-09-12 03:00", "UTC", False),  # the 12th in London
    ("nw-x-global", "2031-09-11 12:00", None, True),  # every year
    ("nw-x-de", "2026-09-11 12:00", None, False),     # not in the date's accounts
])
def test_a_yearly_date_covers_its_day_in_the_accounts_zone(account, moment, zone, active):
    result = check(rules(), NINE_ELEVEN, account, at=at(account, moment, zone))
    assert ("september-11" in result["route"]["dates"]) is active
    assert ("calendar.mention" in rule_ids(result)) is active


@pytest.mark.parametrize(("moment", "active"), [
    ("2026-11-06 23:59", False), ("2026-11-07 00:00", True), ("2026-11-08 23:59", True),
    ("2026-11-09 00:00", False), ("2027-11-08 12:00", False),  # a one-off date: not next year
])
def test_a_one_off_date_has_a_window_before_it(moment, active):
    result = check(rules(), "Poppies on every table today.", "nw-x-uk", at=at("nw-x-uk", moment))
    assert ("remembrance-sunday" in result["route"]["dates"]) is active


def test_a_promotion_inside_a_dates_window_needs_approval_and_a_mention_escalates():
    moment = at("nw-x-uk", "2026-11-08 10:00")
    promotion = check(rules(), "Half price beans all weekend", "nw-x-uk", at=moment)
    assert "calendar.promotion" in rule_ids(promotion)
    assert promotion["verdict"] == "approval"
    assert check(rules(), "Lest we forget.", "nw-x-uk", at=moment)["verdict"] == "escalate"


@pytest.mark.parametrize(("moment", "zone", "active"), [
    ("2026-11-28 17:59", "Europe/London", False), ("2026-11-28 18:00", "Europe/London", True),
    ("2026-12-05 17:59", "Europe/London", True), ("2026-12-05 18:00", "Europe/London", False),
    ("2026-12-05 18:59", "Europe/Berlin", True),  # 17:59 in London
])
def test_a_watchlist_event_lasts_from_since_until_it_expires(moment, zone, active):
    result = check(rules(), "Thinking of everyone hit by the floods.", "nw-x-uk", at=at("nw-x-uk", moment, zone))
    assert ("storm-bram" in result["route"]["events"]) is active
    assert (result["verdict"] == "escalate") is active


def test_an_event_outside_its_accounts_is_not_on_their_watchlist():
    result = check(rules(), "Thinking of everyone hit by the floods.", "nw-x-us",
                   at=at("nw-x-us", "2026-11-30 09:00"))
    assert result["route"]["events"] == []


def test_check_at_judges_the_draft_then():
    text = "Thinking of everyone hit by the floods."
    during = run("check", "--account", "nw-x-uk", "--at", "2026-11-30 09:00", "-", input=text)
    after = run("check", "--account", "nw-x-uk", "--at", "2026-12-24 09:00", "-", input=text)
    assert during.exit_code == 1
    assert "touches Storm Bram flooding, on the news watchlist: escalate (severity High)" in during.output
    assert "Storm Bram" not in after.output


# ---------------------------------------------------------------- reading scheduled times

@pytest.mark.parametrize(("written", "expected"), [
    ("2026-09-11 09:00", "2026-09-11T09:00:00+01:00"),
    ("2026-09-11T09:00:00Z", "2026-09-11T09:00:00+00:00"),
    ("2026-09-11 09:00-04:00", "2026-09-11T09:00:00-04:00"),
    ("2026-09-11 09:00 America/New_York", "2026-09-11T09:00:00-04:00"),
    ("2026-09-11 09:00 UTC", "2026-09-11T09:00:00+00:00"),
    ("2026/09/11 9:00", "2026-09-11T09:00:00+01:00"),
    ("13/09/2026 09:00", "2026-09-13T09:00:00+01:00"),
    ("09/13/2026 9:00 AM", "2026-09-13T09:00:00+01:00"),
    ("09/13/2026 9:00 pm", "2026-09-13T21:00:00+01:00"),
])
def test_scheduled_times_of_common_exports_are_read(written, expected):
    assert parse_scheduled(written, "Europe/London").isoformat() == expected


@pytest.mark.parametrize(("written", "message"), [
    ("03/04/2026 09:00", "'03/04/2026 09:00' could be day/month or month/day; pass --date-order dmy or mdy"),
    ("2026-09-11", "'2026-09-11' is not a date and time"),
    ("11/09/2026", "'11/09/2026' could be day/month or month/day; pass --date-order dmy or mdy"),
    ("13/09/2026", "'13/09/2026' has a date but no time of day"),
    ("2026-09-11 09:00 Mars/Olympus", ("'Mars/Olympus' is not a known time zone; use an IANA name such as "
                                       "Europe/London (in '2026-09-11 09:00 Mars/Olympus')")),
    ("next tuesday", "'next tuesday' is not a date and time"),
])
def test_unreadable_times_say_why(written, message):
    with pytest.raises(ValueError) as error:
        parse_scheduled(written, "Europe/London")
    assert str(error.value) == message


def test_date_order_settles_an_ambiguous_date():
    assert parse_scheduled("03/04/2026 09:00", "UTC", "dmy").date() == dt.date(2026, 4, 3)
    assert parse_scheduled("03/04/2026 09:00", "UTC", "mdy").date() == dt.date(2026, 3, 4)


@pytest.mark.parametrize(("dates", "expected"), [
    (["03/04/2026 09:00", "13/12/2026 09:00", "01/12/2026 10:00"], ("dmy", 3, "13/12/2026")),
    (["03/04/2026 09:00", "12/13/2026 9:00 AM"], ("mdy", 3, "12/13/2026")),
    (["2026-12-01 09:00", "01/12/2026 10:00", "25/12/2026 10:00"], ("dmy", 4, "25/12/2026")),
    (["03/04/2026 09:00", "05/06/2026 09:00"], None),  # no row decides
    (["13/12/2026 09:00", "12/13/2026 09:00"], None),  # rows disagree: each row decides alone
    (["2026-12-01 09:00"], None),  # no slashed date at all
])
def test_the_date_order_is_read_from_the_file_as_a_whole(dates, expected):
    order = date_order_of([(line, text) for line, text in enumerate(dates, start=2)])
    assert (order and (order.order, order.line, order.example)) == expected


def test_a_given_date_order_wins_and_is_said():
    order = date_order_of([(2, "13/12/2026 09:00")], "mdy")
    assert order is not None and order.note() == "dates read as month/day, as --date-order says"


# ---------------------------------------------------------------- playbook sweep

QUEUE = """\
id,account,scheduled at,text,media,author role
p1,nw-x-global,2026-09-11 09:00,"Never forget. Also: 20% off cold brew today!",,
p2,@NorthwindUK,2026-11-30 08:00 Europe/London,Stay dry out there: floods in the north again,,
p3,nw-x-de,2026-12-01T10:00:00+01:00,Guten Morgen! Neue Bohnen sind da.,,
p4,Northwind UK on X,2026-12-24 09:00,"Merry Christmas from all of us,
the Northwind team",,content-creator
"""


def sweep_cli(tmp_path: Path, text: str, *args: str, name: str = "queue.csv") -> Any:
    export = tmp_path / name
    export.write_text(text, encoding="utf-8")
    return run("sweep", *args, str(export)), export


def test_sweep_says_what_to_pull_hold_and_keep_most_severe_first(tmp_path):
    result, export = sweep_cli(tmp_path, QUEUE)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["row", "id", "time", "account", "action", "verdict", "reason"]
    assert [line.split()[:1] + line.split()[6:8] for line in lines[1:5]] == [
        [f"{export}:2", "pull", "escalate"], [f"{export}:3", "pull", "escalate"],
        [f"{export}:5", "hold", "approval"], [f"{export}:4", "keep", "publish"]]
    assert "2026-09-11 09:00 +01:00" in lines[1]
    assert "inside its window: escalate (severity High) [calendar.mention]" in lines[1]
    assert "Storm Bram flooding, on the news watchlist" in lines[2]
    assert "Content Creator may not publish on Northwind UK on X" in lines[3]
    assert lines[-1] == "pull 2, hold 1, keep 1 of 4 posts; 7 posting volume warnings"  # the example plans volumes


def test_sweep_exits_0_when_nothing_must_be_pulled_unless_holds_fail_too(tmp_path):
    queue = "\n".join(QUEUE.splitlines()[:1] + QUEUE.splitlines()[3:]) + "\n"
    assert sweep_cli(tmp_path, queue)[0].exit_code == 0
    assert sweep_cli(tmp_path, queue, "--fail-on", "hold")[0].exit_code == 1


def test_sweep_as_json_and_csv(tmp_path):
    result, _ = sweep_cli(tmp_path, QUEUE, "--format", "json")
    document = json.loads(result.stdout)
    assert document["summary"] == {"pull": 2, "hold": 1, "keep": 1, "posts": 4, "unreadable": 0, "volume": 7}
    first = document["posts"][0]
    assert (first["id"], first["action"], first["verdict"], first["rule"]) == \
        ("p1", "pull", "escalate", "calendar.mention")
    assert first["time"] == "2026-09-11T09:00+01:00" and first["utc"] == "2026-09-11T08:00"
    assert first["dates"] == ["september-11"]
    assert document["errors"] == []
    table = list(csv.DictReader(io.StringIO(sweep_cli(tmp_path, QUEUE, "--format", "csv")[0].stdout)))
    assert [(r["id"], r["action"]) for r in table] == [("p1", "pull"), ("p2", "pull"), ("p4", "hold"), ("p3", "keep")]


def test_sweep_reads_the_column_names_of_scheduling_tools_and_semicolons(tmp_path):
    export = ("Post ID;Profile;Date;Time;Message;Image URL\n"
              "41;@NorthwindRoast;2026-09-11;10:30;Remember the twin towers;https://x.test/a.jpg\n")
    result, _ = sweep_cli(tmp_path, export, "--format", "json")
    post = json.loads(result.stdout)["posts"][0]
    assert (post["id"], post["account"], post["time"], post["verdict"]) == \
        ("41", "nw-x-global", "2026-09-11T10:30+01:00", "escalate")


def test_map_names_other_columns(tmp_path):
    export = "Ref,Where,Go live,Words\nA,nw-x-uk,2026-11-30 08:00,Floods everywhere\n"
    result, _ = sweep_cli(tmp_path, export, "--format", "json", "--map", "time=Go live", "--map", "text=Words",
                          "--map", "account=where", "--map", "id=Ref")
    assert json.loads(result.stdout)["posts"][0]["id"] == "A"
    assert run("sweep", "--map", "txt=Words", "-", input=export).exit_code == 2
    assert "unknown column 'txt'; did you mean 'text'?" in run("sweep", "--map", "txt=Words", "-", input=export).output


def test_one_accounts_export_takes_account(tmp_path):
    export = "Text,Scheduled At\nMorning all.,2026-12-01 09:00\n"
    result, _ = sweep_cli(tmp_path, export, "--format", "json", "--account", "nw-x-de")
    assert json.loads(result.stdout)["posts"][0]["account"] == "nw-x-de"


def test_a_json_export_is_read_and_its_bad_rows_located(tmp_path):
    export = json.dumps({"posts": [
        {"id": "j1", "account": "nw-x-uk", "scheduled_at": "2026-11-30T08:00:00Z", "text": "Floods again"},
        {"id": "j2", "account": "nw-x-zz", "scheduled_at": "2026-11-30T08:00:00Z", "text": "Hello"},
    ]}, indent=2)
    result, path = sweep_cli(tmp_path, export, "--format", "json", name="queue.json")
    document = json.loads(result.stdout)
    assert [p["id"] for p in document["posts"]] == ["j1"]
    assert document["errors"] == [{"file": str(path), "line": 11, "column": 7, "level": "error",
                                   "message": "unknown account 'nw-x-zz'", "hint": "did you mean 'nw-x-us'?"}]
    assert result.exit_code == 1


def test_malformed_rows_are_located_and_the_others_still_judged(tmp_path):
    export = QUEUE + ("p5,nw-x-gloabl,2026-12-24 09:00,hello,,\n"
                      "p6,nw-x-uk,03/04/2026 09:00,hello,,\n"
                      "p7,nw-x-uk,2026-12-24 09:00,,,\n"
                      "p8,nw-x-uk,2026-12-24 09:00,hello,,night moderator\n")
    result, path = sweep_cli(tmp_path, export)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == ("pull 2, hold 2, keep 1 of 5 posts; 7 posting volume warnings; "
                                              "3 rows not read (see the errors)")
    # An empty post is judged like an empty draft in `check` and on the checker page: revise.
    empty = next(line for line in result.stdout.splitlines() if line.startswith(f"{path}:9 "))
    assert empty.split()[6:8] == ["hold", "revise"]
    assert empty.endswith("the post has no text and no media: write it before it can go out [post.empty]")
    assert result.stderr.splitlines() == [
        f"{path}:7:4: error: unknown account 'nw-x-gloabl'",
        "    hint: did you mean 'nw-x-global'?",
        f"{path}:8:12: error: '03/04/2026 09:00' could be day/month or month/day; pass --date-order dmy or mdy",
        ("    hint: no row of the export decides the order (none has a day over 12); pass --date-order dmy or mdy, "
         "or write 'YYYY-MM-DD HH:MM'"),
        f"{path}:10:36: error: unknown role 'night moderator'",
        "    hint: did you mean 'night-moderator'?",
        "3 errors, 0 warnings"]


@pytest.mark.parametrize(("text", "expected"), [
    ('id,account,time,text\n1,nw-x-uk,2026-12-01 09:00,"never closed\n',
     "queue.csv:2:28: error: a quote opened here is never closed"),
    ("id,account,when\n1,nw-x-uk,2026-12-01 09:00\n",
     "queue.csv:1:1: error: the export has no text column (its columns: id, account, when)"),
    ("", "queue.csv:1:1: error: the export is empty: it needs a header row and one row per post"),
    ('[{"text": "hi",}]', "queue.csv:1:16: error: the export is not valid JSON: Expecting property name enclosed"),
    ('{"items": []}', "queue.csv:1:1: error: a JSON export is a list of posts, or an object with a \"posts\" list"),
])
def test_a_broken_export_is_a_located_error_not_a_traceback(tmp_path, monkeypatch, text, expected):
    monkeypatch.chdir(tmp_path)
    Path("queue.csv").write_text(text, encoding="utf-8")
    result = run("sweep", "queue.csv")
    assert result.exit_code == 1
    assert result.stderr.startswith(expected), result.output
    assert "    hint: " in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_export_that_is_not_utf8_is_located(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("queue.csv").write_bytes(b"id,account,time,text\n1,nw-x-uk,2026-12-01 09:00,caf\xe9\n")
    result = run("sweep", "queue.csv")
    assert result.exit_code == 1
    assert result.stderr.startswith("queue.csv:2:31: error: the export is not UTF-8 text")


def test_crisis_mode_pauses_every_scheduled_post_in_its_scope():
    queue = read_export(rules(True), QUEUE, "queue.csv")
    judged = sweep(rules(True), queue.posts)
    assert {j["action"] for j in judged} == {"pull"}
    calm = next(j for j in judged if j["id"] == "p3")
    assert calm["rule"] == "crisis.scheduled"
    assert calm["reason"].startswith("crisis mode (Cold Brew Original can recall (batch CB-2611)): "
                                     "scheduled posts are paused")


def test_posting_at_keeps_the_audiences_date():
    moment = dt.datetime(2026, 9, 12, 2, 0, tzinfo=dt.UTC)
    assert posting_at(rules(), "nw-x-us", moment) == {"date": "2026-09-11", "utc": "2026-09-12T02:00"}


def test_a_500_post_queue_is_swept_in_under_two_seconds():
    r = rules()
    texts = ["Morning all! New beans in the Leeds shop today #NorthwindRoasters",
             "Never forget. 20% off today only", "Thinking of everyone hit by the floods",
             "@sam so sorry about the wait, DM us your order number ^AB"]
    lines = ["id,account,time,text"] + [
        f"{i},{r['account_order'][i % len(r['account_order'])]},2026-{9 + i % 3:02d}-{1 + i % 28:02d} 09:00,"
        f"\"{texts[i % len(texts)]}\"" for i in range(500)]
    started = time.perf_counter()
    queue = read_export(r, "\n".join(lines), "queue.csv")
    judged = sweep(r, queue.posts)
    elapsed = time.perf_counter() - started
    assert len(judged) == 500 and not queue.report.errors
    assert elapsed < 2.0, elapsed


# ---------------------------------------------------------------- crisis mode's window

@pytest.fixture(scope="module")
def crisis_on(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example playbook with crisis mode switched on: 2026-11-25T06:00Z until 2027-01-15T18:00Z."""
    folder = tmp_path_factory.mktemp("crisis-window") / "playbook"
    shutil.copytree(EXAMPLE, folder)
    crisis = folder / "crisis.yaml"
    crisis.write_text(crisis.read_text(encoding="utf-8").replace("  active: false", "  active: true", 1),
                      encoding="utf-8")
    return folder


CALM = "Guten Morgen! Neue Bohnen sind da."
WINDOW_QUEUE = f"""\
id,account,scheduled at,text
before,nw-x-de,2026-11-25T06:59+01:00,{CALM}
first,nw-x-de,2026-11-25T07:00+01:00,{CALM}
last,nw-x-de,2027-01-15T17:59Z,{CALM}
after,nw-x-de,2027-01-15T18:00Z,{CALM}
"""


def test_the_sweep_applies_crisis_mode_only_inside_its_window(tmp_path, crisis_on):
    export = tmp_path / "queue.csv"
    export.write_text(WINDOW_QUEUE, encoding="utf-8")
    result = CliRunner().invoke(main, ["sweep", "--playbook", str(crisis_on), "--format", "json", str(export)])
    assert result.exit_code == 1
    posts = {p["id"]: p for p in json.loads(result.stdout)["posts"]}
    assert {i: (p["action"], p["rule"]) for i, p in posts.items()} == {
        "before": ("keep", None), "first": ("pull", "crisis.scheduled"),
        "last": ("pull", "crisis.scheduled"), "after": ("keep", None)}
    text = CliRunner().invoke(main, ["sweep", "--playbook", str(crisis_on), str(export)])
    lines = text.stdout.splitlines()
    assert [line.split()[1] for line in lines[1:5]] == ["first", "last", "before", "after"]
    assert "scheduled posts are paused [crisis.scheduled]" in lines[1]
    assert lines[3].endswith("keep    publish   nothing in the handbook stops this post")
    assert lines[4].endswith("keep    publish   nothing in the handbook stops this post")
    assert lines[-1] == "pull 2, hold 0, keep 2 of 4 posts; 1 posting volume warning"


@pytest.mark.parametrize(("moment", "zone", "on"), [
    ("2026-11-25 06:59", "Europe/Berlin", False),  # 05:59 UTC: a minute before it starts
    ("2026-11-25 07:00", "Europe/Berlin", True),
    ("2027-01-15 17:59", "UTC", True),
    ("2027-01-15 18:00", "UTC", False),  # `until` is the first minute of calm again
])
def test_check_at_applies_crisis_mode_only_inside_its_window(crisis_on, moment, zone, on):
    args = ["check", "--playbook", str(crisis_on), "--account", "nw-x-de", "--at", moment, "--tz", zone]
    promotion = "Giveaway: a 20% discount on every bag of beans today!"
    as_json = CliRunner().invoke(main, [*args, "--format", "json", "-"], input=promotion)
    rules_found = {f["rule"] for f in json.loads(as_json.stdout)["findings"]}
    assert ("crisis.promotion" in rules_found) is on
    assert ("crisis.active" in rules_found) is on
    as_text = CliRunner().invoke(main, [*args, "-"], input=promotion)
    assert ("promotions are paused while crisis mode is on" in as_text.stdout) is on
    assert ("crisis mode: only" in as_text.stdout) is on


def test_the_engines_ignore_the_window_when_no_time_is_given():
    result = check(rules(True), "Giveaway: a 20% discount on every bag of beans today!", "nw-x-de")
    assert "crisis.promotion" in rule_ids(result)


# ---------------------------------------------------------------- check --schedule is the sweep

@pytest.mark.parametrize("options", [
    [], ["--format", "json"], ["--format", "csv"], ["--fail-on", "hold"], ["--tz", "UTC", "--date-order", "dmy"],
    ["--account", "nw-x-de", "--map", "text=text"],
])
def test_check_schedule_is_the_sweep_output_and_exit_code_alike(tmp_path, options):
    export = tmp_path / "queue.csv"
    export.write_text(QUEUE + "p5,nobody,2026-12-01 10:00,Hello\n", encoding="utf-8")
    swept = run("sweep", *options, str(export))
    checked = run("check", *options, "--schedule", str(export))
    assert (checked.exit_code, checked.stdout, checked.stderr) == (swept.exit_code, swept.stdout, swept.stderr)
    assert swept.exit_code == 1 and "unknown account 'nobody'" in swept.stdout + swept.stderr
    assert "p1" in swept.stdout


def test_check_schedule_reads_standard_input_like_the_sweep():
    swept = run("sweep", "-", input=QUEUE)
    checked = run("check", "--schedule", "-", input=QUEUE)
    assert (checked.exit_code, checked.stdout) == (swept.exit_code, swept.stdout)
    assert checked.stdout.splitlines()[-1] == "pull 2, hold 1, keep 1 of 4 posts; 7 posting volume warnings"


@pytest.mark.parametrize(("args", "message"), [
    (["--schedule", "QUEUE", "--at", "2026-09-11 09:00"], "--at is for one draft: --schedule reads each post's own"),
    (["--schedule", "QUEUE", "--author-role", "content-creator"], "--author-role is for one draft"),
    (["--schedule", "QUEUE", "--media", "a.jpg;alt=A cup"], "--media is for one draft"),
    (["--schedule", "QUEUE", "QUEUE"], "DRAFT is for one draft"),
    (["--map", "text=Body", "-"], "--map is for --schedule EXPORT only"),
    (["--fail-on", "hold", "-"], "--fail-on is for --schedule EXPORT only"),
    (["--date-order", "dmy", "-"], "--date-order is for --schedule EXPORT only"),
    (["--format", "csv", "-"], "--format csv is for --schedule only"),
])
def test_draft_and_schedule_options_do_not_mix(tmp_path, args, message):
    export = tmp_path / "queue.csv"
    export.write_text(QUEUE, encoding="utf-8")
    result = run("check", *[str(export) if a == "QUEUE" else a for a in args], input="Morning all.")
    assert result.exit_code == 2
    assert message in result.stderr


DAY_MONTH_QUEUE = """\
id,account,scheduled at,text
d1,nw-x-uk,01/12/2026 09:00,Guten Morgen! Neue Bohnen sind da.
d2,nw-x-uk,03/12/2026 09:00,Fresh beans are in.
d3,nw-x-uk,13/12/2026 09:00,Fresh beans are in again.
"""


def test_a_day_month_export_is_judged_without_options_and_says_how_it_read(tmp_path):
    result, _ = sweep_cli(tmp_path, DAY_MONTH_QUEUE)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-2] == "dates read as day/month: line 4 has 13/12/2026"
    assert lines[-1] == "pull 0, hold 0, keep 3 of 3 posts; 3 posting volume warnings"  # the example plans 2+ a day
    assert "2026-12-03 09:00" in result.stdout  # 03/12 read as 3 December, not 12 March
    document = json.loads(sweep_cli(tmp_path, DAY_MONTH_QUEUE, "--format", "json")[0].stdout)
    assert document["date_order"] == {"order": "dmy", "line": 4, "example": "13/12/2026",
                                      "note": "dates read as day/month: line 4 has 13/12/2026"}
    as_csv = sweep_cli(tmp_path, DAY_MONTH_QUEUE, "--format", "csv")[0]
    assert as_csv.stdout.startswith("line,id,") and "dates read as day/month" in as_csv.stderr


def test_rows_that_disagree_about_the_date_order_are_named(tmp_path):
    export = DAY_MONTH_QUEUE + "d4,nw-x-uk,12/14/2026 09:00,Beans.\n"
    result, path = sweep_cli(tmp_path, export)
    assert result.exit_code == 1
    assert (f"{path}:2:12: error: '01/12/2026 09:00' could be day/month or month/day; pass --date-order dmy or mdy"
            in result.stderr)
    assert ("hint: rows disagree: line 4 has 13/12/2026 (day/month), line 5 has 12/14/2026 (month/day)"
            in result.stderr)


def test_a_reply_column_judges_replies_as_replies(tmp_path):
    """The care liaison may reply on the care account but not publish there: its replies keep."""
    export = ("id,account,scheduled at,text,author role,in reply to\n"
              "r1,nw-x-care,2026-10-15 09:00,Sorry to hear that! Please DM us and we'll sort it out. ^AB,"
              "care-liaison,@customer\n"
              "r2,nw-x-care,2026-10-15 09:00,Sorry to hear that! Please DM us and we'll sort it out. ^AB,"
              "care-liaison,\n")
    document = json.loads(sweep_cli(tmp_path, export, "--format", "json")[0].stdout)
    by_id = {p["id"]: p for p in document["posts"]}
    assert (by_id["r1"]["reply"], by_id["r1"]["action"]) == (True, "keep")
    assert (by_id["r2"]["reply"], by_id["r2"]["action"], by_id["r2"]["rule"]) == (False, "hold", "role.publish")


def test_check_reply_says_who_may_reply(tmp_path):
    draft = tmp_path / "reply.txt"
    draft.write_text("Sorry to hear that! Please DM us and we'll sort it out. ^AB", encoding="utf-8")
    result = run("check", "--account", "nw-x-care", "--author-role", "care-liaison", "--reply",
                 "--at", "2026-10-15 09:00", str(draft))
    assert result.exit_code == 0, result.output
    assert "  reply: only Head of Social, " in result.stdout and "may reply on Northwind Help" in result.stdout
