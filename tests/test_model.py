"""Unit tests of the policy model: shape rules and the few derived facts it computes."""

from __future__ import annotations

from pathlib import Path

import pydantic
import pytest

from generator.lint.loader import load_playbook
from generator.model import Account, CrisisMode, Limits, Person, Role, Trait

MINIMAL = Path(__file__).parent / "data" / "minimal"


@pytest.fixture(scope="module")
def playbook():
    loaded = load_playbook(MINIMAL)
    assert loaded.playbook is not None, loaded.report.format_text()
    return loaded.playbook


def test_reach_tier_is_the_highest_threshold_reached(playbook):
    account = playbook.accounts[0]
    assert account.audience == 200000
    assert playbook.tier_of(account).id == "large"
    small = account.model_copy(update={"audience": 99_999})
    assert playbook.tier_of(small).id == "small"


def test_account_limits_override_platform_limits(playbook):
    account = playbook.accounts[0].model_copy(update={"limits": Limits(max_hashtags=1)})
    limits = playbook.effective_limits(account)
    assert (limits.max_chars, limits.link_length, limits.max_hashtags) == (280, 23, 1)


def test_models_are_frozen(playbook):
    with pytest.raises(pydantic.ValidationError):
        playbook.roles[0].name = "Someone else"


def test_unknown_keys_are_rejected():
    with pytest.raises(pydantic.ValidationError) as caught:
        Role.model_validate({"id": "x", "name": "X", "purpose": "p", "why": "w", "responsibilities": ["r"],
                             "colour": "blue"})
    assert caught.value.errors()[0]["type"] == "extra_forbidden"


def test_traits_use_is_and_not_keys():
    trait = Trait.model_validate({"id": "warm", "is": "Warm", "not": "Gushing", "explanation": "e"})
    assert (trait.is_, trait.not_) == ("Warm", "Gushing")


@pytest.mark.parametrize("clock, ok", [("09:30", True), ("24:00", True), ("24:30", False), ("9:30", False),
                                       ("12:60", False), ("noon", False)])
def test_clock_times(clock, ok):
    data = {"id": "p", "name": "P", "roles": ["r"], "timezone": "UTC",
            "shifts": [{"days": ["mon"], "start": clock, "end": "23:00"}]}
    if ok:
        Person.model_validate(data)
    else:
        with pytest.raises(pydantic.ValidationError):
            Person.model_validate(data)


def test_crisis_scope_is_all_or_account_ids():
    assert CrisisMode.model_validate({"scope": "all"}).scope == "all"
    assert CrisisMode.model_validate({"scope": ["uk", "de"]}).scope == ["uk", "de"]
    with pytest.raises(pydantic.ValidationError):
        CrisisMode.model_validate({"scope": "some"})


def test_plain_text_is_stripped_and_never_empty():
    with pytest.raises(pydantic.ValidationError):
        Account.model_validate({"id": "a", "name": "   ", "platform": "x", "handle": "@a", "audience": 1,
                                "owner": "r"})


def test_every_enum_with_labels_has_them_beside_it_for_every_member():
    """Labels people read for a fixed list live next to its enum (issue 24), and cover it."""
    from generator.model.roles import PERMISSION_TITLES, PERMISSION_WORDS, Permission
    from generator.model.triggers import SIGNAL_LABELS, Signal

    for labels, enum in ((PERMISSION_TITLES, Permission), (PERMISSION_WORDS, Permission), (SIGNAL_LABELS, Signal)):
        assert list(labels) == [member.value for member in enum]
