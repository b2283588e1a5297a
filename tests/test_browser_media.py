"""The checker page reads a picked file in the browser and says what `playbook check --media
FILE` says about it; it lists the chosen account's media specs (issue 25, deliverable 4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from conftest import ROOT, pin_clock
from generator.cli import main

pytestmark = pytest.mark.browser

FORM = ".pb-checker"
INSTAGRAM = "nw-instagram-global"


def test_a_picked_image_gets_the_findings_the_terminal_gives(page, example_url: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    Image.new("RGB", (500, 1000), "white").save(tmp_path / "tall.png")
    pin_clock(page)
    page.goto(example_url + "checker/")
    page.wait_for_selector(".pb-checker-verdict[data-verdict]:not([data-verdict=''])")
    page.select_option(".pb-checker-account", INSTAGRAM)
    specs = page.eval_on_selector_all(".pb-checker-specs li", "items => items.map(i => i.textContent)")
    assert specs[0].startswith("Images: recommended 1080x1350 or 1080x1080; aspect ratio 4:5 or 1:1 or 1.91:1")
    page.click(".pb-checker-add-media")
    row = page.locator(".pb-checker-media-item").last
    row.locator(".pb-checker-alt").fill("A tall cup")
    row.locator(".pb-checker-file").set_input_files(str(tmp_path / "tall.png"))
    page.wait_for_function("() => (document.querySelector('.pb-checker').dataset.result || '').includes('media.ratio')")
    page.fill(".pb-checker-draft", "Our new roast")
    in_page = json.loads(page.get_attribute(FORM, "data-result"))

    monkeypatch.chdir(tmp_path)
    at = page.input_value(".pb-checker-at").replace("T", " ")
    result = CliRunner().invoke(main, ["check", "--playbook", str(ROOT / "playbook"), "--account", INSTAGRAM,
                                       "--at", at, "--format", "json", "--media", "tall.png;alt=A tall cup", "-"],
                                input="Our new roast")
    in_terminal = json.loads(result.stdout)
    assert in_page == in_terminal
    assert {f["rule"] for f in in_page["findings"]} >= {"media.ratio", "media.resolution", "media.size"}
