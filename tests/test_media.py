"""Media specs and disclosures (issue 25, deliverable 4): what a platform takes in images and
video, checked by `playbook check --media` and by engine.js alike; disclosures set by words or
linked domains, required in their place."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from PIL import Image
from pydantic import ValidationError

from conftest import ROOT
from generator.checker.engine import check, javascript
from generator.checker.media import parse_info, read_file
from generator.checker.rules import compile_rules
from generator.cli import main
from generator.lint.loader import load_playbook
from generator.model import Disclosure, MediaSpec, VideoSpec
from generator.queries.media import merge_specs, spec_lines

EXAMPLE = ROOT / "playbook"
INSTAGRAM = "nw-instagram-global"



@pytest.fixture(scope="module")
def rules() -> dict[str, Any]:
    loaded = load_playbook(EXAMPLE)
    assert loaded.playbook is not None
    return json.loads(json.dumps(compile_rules(loaded.playbook)))


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _full(kind: bytes, flags: int, payload: bytes) -> bytes:
    return _box(kind, bytes([0]) + flags.to_bytes(3, "big") + payload)


def write_mp4(path: Path, width: int, height: int, seconds: float) -> Path:
    """The smallest MP4 a reader takes: ftyp, and a moov with the movie header (length) and one
    video track (tkhd: width and height; hdlr: vide). No frames: only the headers are read."""
    matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    ticks = int(seconds * 1000)
    mvhd = _full(b"mvhd", 0, struct.pack(">IIII", 0, 0, 1000, ticks) + struct.pack(">IH", 0x10000, 0x100)
                 + bytes(10) + matrix + bytes(24) + struct.pack(">I", 2))
    tkhd = _full(b"tkhd", 3, struct.pack(">IIIII", 0, 0, 1, 0, ticks) + bytes(8) + struct.pack(">hhhH", 0, 0, 0, 0)
                 + matrix + struct.pack(">II", width << 16, height << 16))
    mdhd = _full(b"mdhd", 0, struct.pack(">IIII", 0, 0, 1000, ticks) + struct.pack(">HH", 0x55C4, 0))
    hdlr = _full(b"hdlr", 0, bytes(4) + b"vide" + bytes(12) + b"video\0")
    trak = _box(b"trak", tkhd + _box(b"mdia", mdhd + hdlr))
    path.write_bytes(_box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2mp41") + _box(b"moov", mvhd + trak))
    return path


# ---------------------------------------------------------------- the model


def test_an_accounts_specs_override_its_platforms_field_by_field() -> None:
    platform = MediaSpec(video=VideoSpec(ratios=["9:16"], max_seconds=90, captions_required=True), notes=["a"])
    account = MediaSpec(video=VideoSpec(max_seconds=60), notes=["b"])
    merged = merge_specs(platform, account)
    assert merged is not None and merged.video is not None
    assert (merged.video.ratios, merged.video.max_seconds, merged.video.captions_required) == (["9:16"], 60, True)
    assert merged.notes == ["a", "b"]
    assert merge_specs(None, account) == account and merge_specs(platform, None) == platform


def test_specs_are_said_as_the_policy_gives_them_and_nothing_more() -> None:
    spec = MediaSpec(video=VideoSpec(ratios=["9:16"], max_seconds=90, hook_seconds=3))
    assert spec_lines(spec) == ["Video: aspect ratio 9:16; up to 90 seconds.",
                                "Say what the video is about in the first 3 seconds."]
    assert spec_lines(MediaSpec()) == []


@pytest.mark.parametrize("fields, problem", [
    ({"video": {"min_seconds": 90, "max_seconds": 3}}, "min_seconds (90) is longer than max_seconds (3)"),
    ({"image": {"ratios": ["4x5"]}}, "should match pattern"),
    ({"image": {"min_resolution": "1080"}}, "should match pattern"),
])
def test_a_spec_that_cannot_be_checked_is_refused(fields: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValidationError) as raised:
        MediaSpec(**fields)
    assert problem in str(raised.value)


def test_a_disclosure_needs_words_or_domains() -> None:
    with pytest.raises(ValidationError, match="a disclosure needs 'when:'"):
        Disclosure(id="ad", tag="#ad")
    assert Disclosure(id="ad", tag="#ad", domains=["amzn.to"]).position == "anywhere"


# ---------------------------------------------------------------- reading files and declarations


def test_image_and_video_facts_are_read_from_the_file(tmp_path: Path) -> None:
    Image.new("RGB", (1080, 1350)).save(tmp_path / "a.png")
    assert read_file(tmp_path / "a.png") | {"bytes": 0} == {
        "kind": "image", "width": 1080, "height": 1350, "seconds": None, "bytes": 0, "captions": None}
    clip = write_mp4(tmp_path / "clip.mp4", 1080, 1920, 45.5)
    assert {k: v for k, v in read_file(clip).items() if k != "bytes"} == {
        "kind": "video", "width": 1080, "height": 1920, "seconds": 45.5, "captions": None}
    (tmp_path / "clip.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nHi\n", encoding="utf-8")
    assert read_file(clip)["captions"] is True
    (tmp_path / "notes.txt").write_text("not media", encoding="utf-8")
    with pytest.raises(ValueError) as raised:
        read_file(tmp_path / "notes.txt")
    assert str(raised.value).startswith("notes.txt: not an image or a video this tool can read; declare it with "
                                        "--media-info")


def test_a_declaration_says_the_same_facts() -> None:
    assert parse_info("video 1080x1920 1m30s captions 20MB") == {
        "kind": "video", "width": 1080, "height": 1920, "seconds": 90.0, "bytes": 20_000_000, "captions": True}
    assert parse_info("800x600")["kind"] == "image"
    with pytest.raises(ValueError, match="'wide' in --media-info"):
        parse_info("video wide")


# ---------------------------------------------------------------- the engines


def _media(rule_prefix: str, result: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(f["rule"], f["level"], f["message"]) for f in result["findings"] if f["rule"].startswith(rule_prefix)]


def test_a_video_outside_the_specs_gets_one_finding_per_broken_spec(rules: dict[str, Any]) -> None:
    video = {"file": "a.mp4", "alt": "x", "kind": "video", "width": 1080, "height": 1080, "seconds": 95.55,
             "bytes": 1000, "captions": None}
    found = _media("media.", check(rules, "Our new roast", INSTAGRAM, [video]))
    assert found == [
        ("media.long", "revise", "a.mp4 runs 95.5 s: videos on Instagram run at most 90 s"),
        ("media.ratio", "revise", "a.mp4 is 1080x1080: videos on Instagram have an aspect ratio of 9:16 or 4:5"),
        ("media.resolution", "revise", "a.mp4 is 1080x1080: videos on Instagram are at least 720x1280"),
        ("media.captions-unknown", "info", ("a.mp4: captions could not be read; videos on Instagram need captions "
                                           "or subtitles (say captions=yes if they are burnt in)")),
        ("media.hook", "info", ("a.mp4: Hook in the first 3 seconds: Show the coffee, not the logo: most people "
                               "scroll on by then."))]
    fine = video | {"width": 1080, "height": 1920, "seconds": 30, "captions": True}
    assert [f[0] for f in _media("media.", check(rules, "Our new roast", INSTAGRAM, [fine]))] == ["media.hook"]


def test_a_ratio_is_matched_within_one_percent_and_a_size_off_the_list_is_a_hint(rules: dict[str, Any]) -> None:
    image = {"file": "a.jpg", "alt": "x", "kind": "image", "width": 1200, "height": 628, "bytes": 1000}
    assert _media("media.", check(rules, "Our new roast", INSTAGRAM, [image])) == [
        ("media.size", "info", "a.jpg is 1200x628: the recommended sizes on Instagram are 1080x1350 or 1080x1080")]


def test_an_account_without_specs_checks_nothing_of_the_file(rules: dict[str, Any]) -> None:
    assert rules["accounts"]["nw-x-global"]["media"] is None
    image = {"file": "a.jpg", "alt": "x", "kind": "image", "width": 10, "height": 1000}
    assert _media("media.", check(rules, "Our new roast", "nw-x-global", [image])) == []


LINK = "https://shop.kettleandgrind.example/beans"


@pytest.mark.parametrize("text, found", [
    (f"Great beans at {LINK} today", [("voice.disclosure", f"a link to {LINK} needs the disclosure #affiliate")]),
    (f"Great beans at {LINK} today #affiliate", []),
    (f"Great beans today #affiliate {LINK} #coffee @kettle", []),
    (f"#affiliate Great beans at {LINK} today",
     [("voice.disclosure-place", "#affiliate goes at the end of the post, as the disclosure rule says")]),
    ("Our affiliate link is in the bio", [("voice.disclosure", ("'affiliate link' makes this a sponsored post: "
                                                               "add #affiliate"))]),
])
def test_a_disclosure_is_required_by_a_linked_domain_and_placed(rules: dict[str, Any], text: str,
                                                               found: list[tuple[str, str]]) -> None:
    assert [(r, m) for r, _, m in _media("voice.disclosure", check(rules, text, "nw-x-global"))] == found


def test_a_text_disclosure_is_found_in_any_case_and_its_position_checked() -> None:
    loaded = load_playbook(EXAMPLE)
    assert loaded.playbook is not None
    voice = loaded.playbook.voice
    extra = Disclosure(id="partner", tag="Partner post", domains=["partner.example"], position="start")
    playbook = loaded.playbook.model_copy(update={"voice": voice.model_copy(
        update={"disclosures": [*voice.disclosures, extra]})})
    rules = compile_rules(playbook)
    assert _media("voice.disclosure", check(rules, "PARTNER POST: beans https://partner.example/x",
                                            "nw-x-global")) == []
    assert [f[0] for f in _media("voice.disclosure", check(rules, "Beans! partner post https://partner.example",
                                                            "nw-x-global"))] == ["voice.disclosure-place"]


CASES: list[tuple[str, str, list[dict[str, Any]]]] = [
    (INSTAGRAM, "Our new roast", [{"file": "a.mp4", "alt": "x", "kind": "video", "width": 1080, "height": 1080,
                                   "seconds": 95.55, "bytes": 300_000_000, "captions": None}]),
    (INSTAGRAM, "Our new roast", [{"file": "b.jpg", "alt": "x", "kind": "image", "width": 500, "height": 1000,
                                   "seconds": None, "bytes": 9_550_000, "captions": None}]),
    ("nw-tiktok-global", "Pour", [{"file": "c.mp4", "alt": "x", "kind": "video", "width": 720, "height": 1280,
                                   "seconds": 4.25, "bytes": 300_000_001, "captions": False}]),
    ("nw-x-global", f"Great beans at {LINK} today", []),
    ("nw-x-global", f"#affiliate Great beans at {LINK}", []),
    ("nw-x-global", f"Great beans 😀 #affiliate {LINK} #coffee", []),
    ("nw-x-global", "Sponsored: our new roast", []),
    ("nw-x-global", "Sponsored 𝒜 roast #ad", []),
]


def test_both_engines_give_the_same_media_and_disclosure_findings(rules: dict[str, Any], tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed to run engine.js: apt-get install nodejs"
    (tmp_path / "engine.js").write_text(javascript(), encoding="utf-8")
    (tmp_path / "input.json").write_text(json.dumps({"rules": rules, "cases": CASES}), encoding="utf-8")
    script = ("const e = require('./engine.js'); const i = require('./input.json');"
              "console.log(JSON.stringify(i.cases.map(c => e.check(i.rules, c[1], c[0], c[2], null, null))));")
    out = subprocess.run([node, "-e", script], cwd=tmp_path, capture_output=True, text=True, check=True, timeout=120)
    in_browser = json.loads(out.stdout)
    for (account, text, media), js in zip(CASES, in_browser, strict=True):
        assert js == check(rules, text, account, media), (account, text)
    rules_found = {f["rule"] for result in in_browser for f in result["findings"]}
    assert {"media.long", "media.short", "media.bytes", "media.captions", "media.ratio", "media.resolution",
            "media.size", "voice.disclosure", "voice.disclosure-place"} <= rules_found


# ---------------------------------------------------------------- the command


def test_check_reads_the_files_and_locates_each_finding_at_its_file(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_mp4(tmp_path / "clip.mp4", 1080, 1080, 120)
    Image.new("RGB", (1080, 1350)).save(tmp_path / "still.png")
    result = CliRunner().invoke(main, ["check", "--playbook", str(EXAMPLE), "--account", INSTAGRAM,
                                       "--media", "clip.mp4;alt=A pour;captions=yes",
                                       "--media", "still.png;alt=A cup", "-"], input="Our new roast\n")
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.startswith(("clip.mp4:", "still.png:"))]
    assert lines == ["clip.mp4: revise: clip.mp4 runs 120 s: videos on Instagram run at most 90 s [media.long]",
                     ("clip.mp4: revise: clip.mp4 is 1080x1080: videos on Instagram have an aspect ratio of 9:16 or "
                     "4:5 [media.ratio]"),
                     ("clip.mp4: revise: clip.mp4 is 1080x1080: videos on Instagram are at least 720x1280 "
                     "[media.resolution]"),
                     ("clip.mp4: info: clip.mp4: Hook in the first 3 seconds: Show the coffee, not the logo: most "
                     "people scroll on by then. [media.hook]")]


def test_check_takes_a_declared_attachment_and_refuses_one_it_cannot_read(tmp_path: Path) -> None:
    args = ["check", "--playbook", str(EXAMPLE), "--account", INSTAGRAM, "--format", "json"]
    result = CliRunner().invoke(main, [*args, "--media-info", "video 1080x1920 2s no-captions", "-"],
                                input="Our new roast\n")
    rules_found = sorted(f["rule"] for f in json.loads(result.stdout)["findings"] if f["rule"].startswith("media."))
    assert rules_found == ["media.alt-text", "media.captions", "media.hook", "media.short"]
    bad = CliRunner().invoke(main, [*args, "--media-info", "video sideways", "-"], input="Our new roast\n")
    assert bad.exit_code == 2 and "'sideways' in --media-info" in bad.output


def test_an_image_too_large_for_pillows_guard_is_still_measured_from_its_header(tmp_path: Path) -> None:
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)  # 900 million pixels, never decoded
    (tmp_path / "huge.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b""))
    facts = read_file(tmp_path / "huge.png")
    assert (facts["kind"], facts["width"], facts["height"]) == ("image", 30000, 30000)


def test_a_check_without_media_imports_neither_reader() -> None:
    code = ("import sys, generator.cli; from generator.cli import check;"
            "print(sorted(m for m in ('PIL', 'hachoir') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"


def test_front_matter_attachments_are_read_beside_the_draft_or_declared(tmp_path: Path) -> None:
    write_mp4(tmp_path / "pour.mp4", 720, 1280, 200)
    draft = tmp_path / "draft.md"
    draft.write_text("---\nmedia:\n  - file: pour.mp4\n    alt: A pour\n    captions: yes\n"
                     "  - file: elsewhere.mp4\n    alt: A cup\n    info: video 1080x1920 3s no-captions\n"
                     "---\nNew roast\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--playbook", str(EXAMPLE), "--account", "nw-tiktok-global",
                                       "--format", "json", str(draft)])
    found = sorted((f["ref"], f["rule"]) for f in json.loads(result.stdout)["findings"]
                   if f["rule"].startswith("media.") and f["rule"] != "media.hook")
    assert found == [("elsewhere.mp4", "media.captions"), ("elsewhere.mp4", "media.short"),
                     ("pour.mp4", "media.long")]
