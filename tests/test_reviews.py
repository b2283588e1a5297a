"""Reviews that expire: owners and review dates on files and entities, judged by `validate`,
shown on every page from a reviewed file and listed on the home page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.lint.loader import load_playbook
from generator.lint.reviews import add_months
from generator.render.site import render_site
from test_validate import make_playbook

FILE_REVIEW = "review:\n  owner: lead\n  last_reviewed: 2026-01-15\n"
ROLE_REVIEW = ("    backups: [writer]\n",
               "    backups: [writer]\n    review: {owner: lead, last_reviewed: 2026-05-31, review_every_months: 3}\n")


def validate(folder: Path, *args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["validate", "--playbook", str(folder), *args])
    return result.exit_code, result.stderr.splitlines()


@pytest.fixture
def reviewed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = make_playbook(tmp_path, {"playbook.yaml": ("handbook:\n", FILE_REVIEW + "handbook:\n")})
    (folder / "playbook.yaml").write_text((folder / "playbook.yaml").read_text().replace(*ROLE_REVIEW, 1))
    return folder


def test_nothing_is_overdue_before_the_due_dates(reviewed: Path) -> None:
    assert validate(reviewed, "--strict", "--today", "2026-07-15") == (0, ["playbook is valid"])


def test_overdue_reviews_warn_and_fail_under_strict(reviewed: Path) -> None:
    expected = [
        ("playbook/playbook.yaml:3:18: warning: review overdue since 2026-07-15: playbook/playbook.yaml was last "
         "reviewed 2026-01-15"),
        "    hint: read it through with its owner, then set last_reviewed: 2026-09-01",
        ("playbook/playbook.yaml:28:42: warning: review overdue since 2026-08-31: role 'lead' was last reviewed "
         "2026-05-31"),
        "    hint: read it through with its owner, then set last_reviewed: 2026-09-01",
        "0 errors, 2 warnings",
    ]
    assert validate(reviewed, "--today", "2026-09-01") == (0, expected)
    assert validate(reviewed, "--strict", "--today", "2026-09-01") == (1, expected)


def test_an_unknown_owner_and_a_future_date_are_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = make_playbook(tmp_path, {"playbook.yaml": (
        "handbook:\n", "review:\n  owner: leed\n  last_reviewed: 2027-01-01\nhandbook:\n")})
    code, lines = validate(folder, "--today", "2026-06-01")
    assert code == 1
    assert lines == [
        "playbook/playbook.yaml:2:10: error: unknown role 'leed' as the file's owner",
        "    hint: did you mean 'lead'?",
        "playbook/playbook.yaml:3:18: warning: last_reviewed 2027-01-01 is in the future",
        "    hint: write the day the review took place",
        "1 error, 1 warning",
    ]


def test_an_entity_review_names_a_role_like_any_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = make_playbook(tmp_path, {"playbook.yaml": (
        "    backups: [writer]\n", "    backups: [writer]\n    review: {owner: ghost, last_reviewed: 2026-05-31}\n")})
    code, lines = validate(folder)
    errors = [line for line in lines if ": error: " in line]
    assert code == 1 and len(errors) == 1 and "unknown role 'ghost'" in errors[0]


def test_months_are_calendar_months() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)


def test_pages_and_home_show_the_review_state(reviewed: Path, tmp_path: Path) -> None:
    loaded = load_playbook(reviewed, dt.date(2026, 7, 1))
    assert loaded.playbook is not None
    dated = render_site(loaded.playbook, loaded.origins, tmp_path)
    judged = render_site(loaded.playbook, loaded.origins, tmp_path, today=dt.date(2026, 8, 1))
    footer = ("Source: playbook/playbook\\.yaml. Owned by [Social lead](roles/lead.md); last reviewed "
              "2026-01-15, ")
    home = dated.pages["index.md"].markdown
    assert footer + "next review due by 2026-07-15.</small>" in home
    assert "| playbook/playbook\\.yaml | [Social lead](roles/lead.md) | 2026-01-15 | due by 2026-07-15 |" in home
    assert ("| role Social lead (playbook/playbook\\.yaml) | [Social lead](roles/lead.md) | 2026-05-31 | "
            "due by 2026-08-31 |") in home
    assert footer + "**review overdue since 2026-07-15**.</small>" in judged.pages["index.md"].markdown
    assert "| **overdue since 2026-07-15** |" in judged.pages["index.md"].markdown
