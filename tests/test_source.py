"""The reader types scalars by YAML 1.2 rules, the same rules as the round-trip composer
that locates messages, so what validation sees is what the editor's YAML tools show."""

from __future__ import annotations

from ruamel.yaml import YAML

from generator.read.source import parse_text

TEXT = """\
handbook:
  words: [yes, no, on, off, Yes, NO]
  numbers: [0o17, 017, 1_000, 0x1F, 1.5e3, .inf]
  nothing: [null, ~, ""]
  flags: [true, false, True]
  sexagesimal: 1:30
  date: 2027-13-01
"""


def test_scalars_follow_yaml_1_2():
    source, problems = parse_text("x.yaml", TEXT)
    assert problems == []
    data = source.data["handbook"]
    assert data["words"] == ["yes", "no", "on", "off", "Yes", "NO"]  # 1.1 would make booleans
    assert data["numbers"][:4] == [15, 17, 1000, 31]  # 1.2: 017 is decimal, 0o17 is octal
    assert data["numbers"][4] == 1500.0 and data["numbers"][5] == float("inf")
    assert data["nothing"] == [None, None, ""]
    assert data["flags"] == [True, False, True]
    assert data["sexagesimal"] == "1:30"  # 1.1 would make 90
    assert data["date"] == "2027-13-01"  # left as text: pydantic judges dates with a location


def test_fast_reader_agrees_with_round_trip_loader():
    text = TEXT.replace("  date: 2027-13-01\n", "")  # the round-trip loader crashes on this date
    roundtrip = YAML().load(text)["handbook"]
    fast = parse_text("x.yaml", text)[0].data["handbook"]
    assert list(fast) == list(roundtrip)
    for key, value in fast.items():
        assert value == (list(roundtrip[key]) if isinstance(value, list) else roundtrip[key]), key
