"""What a careful reader caught about contact channels, caught by the validator (issue 24): a
ladder that says to call a role with no phone or pager, a text that gives another address for
a labelled channel, a role's on-call number that is someone else's own phone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import example_playbook
from generator.lint.loader import load_playbook

CHANNELS = ("call or page", "gives Press office", "own number", "'s own", "'Night pager' is")


def _messages(folder: Path) -> list[str]:
    report = load_playbook(folder).report
    return [d.format() for d in report.items if any(word in d.message for word in CHANNELS)]


def _changed(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the example with one edit, as ./playbook (so messages say playbook/...)."""
    folder = Path("playbook")
    assert Path.cwd() == tmp_path
    shutil.copytree(example_playbook(), folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_the_example_gives_none_of_these() -> None:
    assert _messages(example_playbook()) == []


def test_a_ladder_that_calls_a_role_without_a_phone_is_located(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = _changed(tmp_path, "roles.yaml",
                      '      - {label: "Head of Communications\' phone", value: "+44 20 7946 0112", kind: phone, '
                      'internal: true}\n', "")
    found = _messages(folder)
    assert any(m.startswith("playbook/escalation.yaml:216:24: warning: ladder 'management', after_last_step: "
                            "says to call or page Head of Communications ('comms-lead'), whose channels have no "
                            "phone or pager") for m in found), found
    # "Open the incident call ... with the head of social" is a call to join, not a number to ring.
    assert not any("'head-of-social'" in m for m in found)


ONE_EDIT = {  # an edit of the example -> the one message it gives
    "a text that gives another address for a channel": (
        "holding-statements.yaml", "press office at press@northwindroasters.com",
        "press office at press@northwind.example",
        ("playbook/holding-statements.yaml:49:11: warning: holding statement 'hs-media' gives Press office as "
         "press@northwind.example, but the channel 'Press office' of role 'comms-lead' is "
         "press@northwindroasters.com")),
    "an on-call phone that is someone else's own number": (
        "roles.yaml", 'On-call phone, value: "+44 20 7946 0120"', 'On-call phone, value: "+44 20 7946 0101"',
        ("playbook/roles.yaml:97:39: warning: role 'social-media-manager': channel 'On-call phone' is Priya Shah's "
         "own number, and Priya Shah does not hold the role")),
    "a person's channel under a shared label with another value": (
        "roster.yaml", "    name: Noah Williams\n", ("    name: Noah Williams\n    channels:\n"
                                                    "      - {label: Night pager, value: NW-NIGHT-9, kind: pager}\n"),
        ("playbook/roster.yaml:268:37: warning: person 'noah-w': channel 'Night pager' is NW-NIGHT-9, but role "
         "'night-moderator''s 'Night pager' is NW-NIGHT-1")),
    "one person's own number that is another's too": (
        "roster.yaml", 'address: "+44 20 7946 0102"', 'address: "+44 20 7946 0101"',
        "playbook/roster.yaml:90:18: warning: person 'tom-o': +44 20 7946 0101 is also Priya Shah's own"),
}


@pytest.mark.parametrize("case", sorted(ONE_EDIT))
def test_one_contradiction_gives_one_located_warning(case: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    file, old, new, expected = ONE_EDIT[case]
    (message,) = _messages(_changed(tmp_path, file, old, new))
    assert message.startswith(expected)


def test_a_role_with_no_channel_is_called_through_its_holders_phone(tmp_path: Path, monkeypatch) -> None:
    """A role that lists no channel is reached through whoever holds it: the holder's phone on
    the roster answers the ladder's "call"; without it, the ladder calls a number nobody gave."""
    monkeypatch.chdir(tmp_path)
    channels = ('    channels:\n      - {label: Crisis room, value: "#crisis-room", kind: chat, internal: true}\n'
                "      - {label: Press office, value: press@northwindroasters.com, kind: email}\n"
                '      - {label: "Head of Communications\' phone", value: "+44 20 7946 0112", kind: phone, '
                "internal: true}\n    team: comms-legal")
    folder = _changed(tmp_path, "roles.yaml", channels, "    team: comms-legal")
    assert not any("'comms-lead'" in m for m in _messages(folder))
    roster = folder / "roster.yaml"
    text = roster.read_text(encoding="utf-8")
    phone = ('      - channel: Phone\n        address: "+44 20 7946 0112"\n'
             "        when: press enquiries and crises, any hour\n")
    assert phone in text
    roster.write_text(text.replace(phone, ""), encoding="utf-8")
    found = [m for m in _messages(folder) if "'comms-lead'" in m]
    assert found and found[0].startswith("playbook/escalation.yaml:216:24: warning: ladder 'management', "
                                         "after_last_step: says to call or page Head of Communications")
