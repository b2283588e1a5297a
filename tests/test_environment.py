"""Compiled templates are cached between runs (generator/render/environment.py); the cache
must never serve a stale or damaged template, and a cache that cannot be used only costs speed."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.environment import make_environment


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(folder))
    return folder


def render(templates: Path, text: str = "") -> str:
    return make_environment([templates]).get_template("page.md.j2").render(name=text)


def test_edited_template_is_compiled_again(tmp_path, cache):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.md.j2").write_text("first {{ name }}\n")
    assert render(templates, "a*b") == "first a\\*b\n"
    assert list(cache.rglob("*.cache")), "the compiled template was not kept"
    (templates / "page.md.j2").write_text("second {{ name }}\n")
    assert render(templates, "a*b") == "second a\\*b\n"


def test_damaged_cache_entry_is_compiled_again(tmp_path, cache):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.md.j2").write_text("hello {{ name }}\n")
    render(templates, "x")
    entries = list(cache.rglob("*.cache"))
    assert entries
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:40])  # truncated mid-way, as after a crash
    assert render(templates, "<b>") == "hello &lt;b&gt;\n"


def test_unwritable_cache_only_costs_speed(tmp_path, cache):
    cache.write_text("a file where the folder should be")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.md.j2").write_text("hello {{ name }}\n")
    assert render(templates, "x") == "hello x\n"
