"""A campaign hashtag after its campaign (issue 23): voice.yaml's `hashtags:` give each approved
tag a campaign and a last day (`until`). A post that goes out after that day, where the account
posts, is told to revise, in both engines, in `check`, in `sweep` (each row at its own time),
and `validate` warns about an entry whose campaign is over.

The example's tags: #WinterRoast until 2027-02-28, #MillionMornings until 2027-01-31,
#NorthwindMornings until 2027-12-31.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from typing import Any

from click.testing import CliRunner

from conftest import ROOT
from generator.checker.schedule import posting_at
from generator.cli import main
from test_check import rules_for
from test_check_classes import LARGE, SMALL, example, judged


def on(day: str, utc: str = "10:00") -> dict[str, str]:
    return {"date": day, "utc": f"{day}T{utc}"}


def ended(result: dict[str, Any]) -> list[str | None]:
    return [f["ref"] for f in result["findings"] if f["rule"] == "hashtag.ended"]


def rules_of(result: dict[str, Any]) -> set[str]:
    return {f["rule"] for f in result["findings"]}


def test_a_campaign_hashtag_after_its_last_day_is_to_revise():
    drafts = ["Cosy up with a #WinterRoast this weekend",
              "Cosy up with a #winterroast this weekend",  # the case a reader types does not matter,
              "Last call for #WINTERROAST",                 # as for the approved list
              "Thank you all! #MillionMornings ☕"]
    results = judged([{"text": t, "account": a, "at": on("2027-03-10")} for t in drafts for a in (SMALL, LARGE)])
    for result in results:
        assert result["findings"][0]["rule"] == "hashtag.ended"
        assert result["findings"][0]["level"] == "revise"
        assert "hashtag.unapproved" not in rules_of(result)  # one finding, the one that says why
    small = results[0]
    assert small["verdict"] == "revise" and ended(small) == ["#winterroast"]
    assert small["findings"][0]["message"] == (
        "#WinterRoast is the hashtag of 'Winter Roast seasonal blend launch', which ended on 2027-02-28: "
        "leave it out, or set a later 'until:' for #WinterRoast in voice.yaml's hashtags if the campaign runs on")
    assert (small["findings"][0]["line"], small["findings"][0]["column"], small["findings"][0]["length"]) == (1, 16, 12)
    assert results[4]["findings"][0]["match"] == "#WINTERROAST"
    assert ended(results[6]) == ["#millionmornings"] and "2027-01-31" in results[6]["findings"][0]["message"]


def test_up_to_and_on_its_last_day_the_hashtag_is_approved():
    drafts = [("Cosy up with a #WinterRoast", on("2027-02-28", "22:59")),
              ("Cosy up with a #WinterRoast", on("2027-01-05")),
              ("Thank you all! #MillionMornings", on("2027-01-31")), ("Morning! #NorthwindMornings", on("2027-03-10")),
              ("Cosy up with a #WinterRoast", None)]  # no time given: no campaign is over, as no date is near
    for result in judged([{"text": t, "at": at} for t, at in drafts]):
        assert result["verdict"] == "publish", result["findings"]


def test_another_hashtag_that_contains_the_campaign_tag_is_not_it():
    """#WinterRoastSale is not #WinterRoast: unapproved (as before), not a campaign that ended."""
    for text in ("Cosy up with a #WinterRoastSale", "Cosy up with a #MyWinterRoast"):
        (result,) = judged([{"text": text, "at": on("2027-03-10")}])
        assert ended(result) == [] and "hashtag.unapproved" in rules_of(result)


def test_the_last_day_ends_where_the_account_posts():
    """2027-02-28 23:30 UTC is already 1 March in Berlin, still 28 February in New York."""
    rules = example()
    moment = dt.datetime(2027, 2, 28, 23, 30, tzinfo=dt.UTC)
    berlin, new_york = posting_at(rules, SMALL, moment), posting_at(rules, "nw-x-us", moment)
    assert (berlin["date"], new_york["date"]) == ("2027-03-01", "2027-02-28")
    here, there = judged([{"text": "Cosy up with a #WinterRoast", "account": SMALL, "at": berlin},
                          {"text": "Cosy up with a #WinterRoast", "account": "nw-x-us", "at": new_york}])
    assert ended(here) == ["#winterroast"] and ended(there) == []


def test_an_ended_hashtag_is_no_longer_approved_so_its_words_are_read():
    """An approved hashtag is not split into words; once its campaign is over it is judged as
    any other hashtag: a banned word inside it is named too."""
    rules = example()
    rules["approved_hashtags"] = sorted([*rules["approved_hashtags"], "#cheapbeans"])
    rules["hashtag_campaigns"]["#cheapbeans"] = {"tag": "#CheapBeans", "campaign": "Old promotion",
                                                 "until": "2027-01-01"}  # approved up to then
    before, after = judged([{"text": "Beans for all #CheapBeans", "at": on("2026-10-15")},
                            {"text": "Beans for all #CheapBeans", "at": on("2027-03-10")}], rules)
    assert before["verdict"] == "publish"
    assert ended(after) == ["#cheapbeans"] and "voice.banned" in rules_of(after)


def test_the_sweep_judges_each_row_at_its_own_time(tmp_path):
    queue = tmp_path / "queue.csv"
    queue.write_text("id,account,scheduled at,text\n"
                     "early,nw-instagram-de,2027-02-20 09:00,Cosy up with a #WinterRoast\n"
                     "late,nw-instagram-de,2027-03-02 09:00,Cosy up with a #WinterRoast\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["sweep", "--playbook", str(ROOT / "playbook"), "--format", "json", str(queue)])
    posts = {p["id"]: p for p in json.loads(result.stdout)["posts"]}
    assert (posts["early"]["verdict"], posts["late"]["verdict"]) == ("publish", "revise")
    assert posts["late"]["rule"] == "hashtag.ended"


def test_check_says_it_at_the_time_given():
    result = CliRunner().invoke(main, ["check", "--playbook", str(ROOT / "playbook"), "--account", SMALL,
                                       "--at", "2027-03-10 10:00", "-"], input="Cosy up with a #WinterRoast")
    assert result.exit_code == 1
    assert ("<stdin>:1:16: revise: #WinterRoast is the hashtag of 'Winter Roast seasonal blend launch', "
            "which ended on 2027-02-28") in result.output


def test_check_without_a_time_judges_the_post_as_going_out_now(monkeypatch):
    def verdict(now: str) -> str:
        monkeypatch.setenv("PLAYBOOK_NOW", now)
        result = CliRunner().invoke(main, ["check", "--playbook", str(ROOT / "playbook"), "--account", SMALL,
                                           "--format", "json", "-"], input="Cosy up with a #WinterRoast")
        return str(json.loads(result.stdout)["verdict"])

    assert (verdict("2027-02-28T12:00"), verdict("2027-03-01T12:00")) == ("publish", "revise")


def test_validate_notes_a_campaign_that_is_over_without_failing_strict(tmp_path, monkeypatch):
    folder = tmp_path / "playbook"
    shutil.copytree(ROOT / "playbook", folder)
    voice = (folder / "voice.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(voice) if "until: 2027-02-28" in text) + 1
    monkeypatch.setenv("PLAYBOOK_NOW", "2027-03-05")
    result = CliRunner().invoke(main, ["validate", "--playbook", str(folder)])
    assert result.exit_code == 0, result.output
    column = voice[line - 1].index("2027-02-28") + 1
    assert (f"voice.yaml:{line}:{column}: info: the campaign of #WinterRoast "
            "('Winter Roast seasonal blend launch') ended on 2027-02-28: the checker asks to revise posts that "
            "use it") in result.output
    assert "hint: set a later 'until:' if the campaign runs on" in result.output
    strict = CliRunner().invoke(main, ["validate", "--strict", "--playbook", str(folder)])
    assert strict.exit_code == 0, strict.output  # an ended campaign kept on the list is not a fault
    assert "#NorthwindMornings" not in result.output  # still running
    monkeypatch.setenv("PLAYBOOK_NOW", "2027-02-28")
    assert "#WinterRoast" not in CliRunner().invoke(main, ["validate", "--playbook", str(folder)]).output


def test_the_rules_document_carries_each_campaigns_last_day():
    campaigns = example()["hashtag_campaigns"]
    assert campaigns["#winterroast"] == {"tag": "#WinterRoast", "campaign": "Winter Roast seasonal blend launch",
                                         "until": "2027-02-28"}
    assert set(campaigns) == {"#northwindmornings", "#millionmornings", "#winterroast", "#brewkindness"}


def test_a_tag_listed_again_without_an_end_or_later_never_ends_sooner(tmp_path):
    """One tag, two entries: the later end wins, and an entry without `until` keeps it approved."""
    folder = tmp_path / "playbook"
    shutil.copytree(ROOT / "playbook", folder)
    voice = folder / "voice.yaml"
    text = voice.read_text(encoding="utf-8")
    anchor = "  hashtags:\n"
    assert anchor in text
    extra = ('    - tag: "#winterroast"\n      campaign: Winter Roast, second run\n      until: 2027-04-30\n'
             '    - tag: "#MillionMornings"\n      campaign: Always on\n')
    voice.write_text(text.replace(anchor, anchor + extra, 1), encoding="utf-8")
    campaigns = rules_for(folder)["hashtag_campaigns"]
    assert campaigns["#winterroast"] == {"tag": "#winterroast", "campaign": "Winter Roast, second run",
                                         "until": "2027-04-30"}
    assert "#millionmornings" not in campaigns
