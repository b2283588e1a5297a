"""Onboarding paths, training modules and pocket cards as Markdown, and the checks behind them.

The rendered Markdown is what MkDocs turns into the site; these tests pin what a trainee
relies on (stable checklist keys, quiz data, what a card shows) and that text from the
YAML stays inert. The browser behaviour is in test_browser_training.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.lint.loader import load_playbook
from generator.queries import paths
from generator.render.pages import progress
from generator.render.site import render_site

TRAINING = Path(__file__).parent / "data" / "training"


def render(folder: Path = TRAINING):
    loaded = load_playbook(folder)
    assert loaded.playbook is not None, loaded.report.format_text()
    return loaded.playbook, render_site(loaded.playbook, loaded.origins, Path(__file__).parent.parent)


@pytest.fixture(scope="module")
def site():
    return render()[1]


def page(site, path: str) -> str:
    return site.pages[path].markdown


def edited_copy(tmp_path: Path, old: str, new: str) -> Path:
    """The training fixture with one edit, for the validation tests."""
    folder = tmp_path / "playbook"
    folder.mkdir()
    text = (TRAINING / "playbook.yaml").read_text()
    assert old in text, f"fixture edit {old!r} does not apply"
    (folder / "playbook.yaml").write_text(text.replace(old, new, 1))
    return folder


# --------------------------------------------------------------------------- pages and assets


def test_every_page_is_at_its_address(site):
    expected = [paths.ONBOARDING, paths.onboarding("lead"), paths.onboarding("writer"), paths.TRAINING,
                paths.module("voice-basics"), paths.CARDS, paths.card("lead"), paths.card("writer")]
    assert [p for p in expected if p not in site.pages] == []
    assert site.pages[paths.onboarding("writer")].title == "Writer"
    assert site.pages[paths.module("voice-basics")].source == "tests/data/training/playbook.yaml"


def test_script_and_styles_are_added_to_every_page(site):
    for asset in (progress.SCRIPT, progress.STYLE, progress.CARD_STYLE, progress.CARD_SCRIPT):
        assert asset in site.assets
    assert {progress.SCRIPT, progress.CARD_SCRIPT} <= set(site.extra_javascript)
    assert {progress.STYLE, progress.CARD_STYLE} <= set(site.extra_css)
    assert b"document$.subscribe(setup)" in site.assets[progress.SCRIPT]


def test_same_input_gives_the_same_bytes():
    first, second = render()[1], render()[1]
    assert {p: x.markdown for p, x in first.pages.items()} == {p: x.markdown for p, x in second.pages.items()}
    assert first.assets == second.assets


# --------------------------------------------------------------------------- onboarding


def test_start_here_lists_each_role_with_a_progress_bar(site):
    text = page(site, paths.ONBOARDING)
    assert "- **[Writer](writer.md)**: Writes posts\\." in text
    bar = re.search(r'data-pb-tasks="([^"]+)"><progress max="5"', text)
    assert bar and bar.group(1).split()[0].startswith("writer/day-1/0:")
    assert 'data-pb-action="reset"' in text


def test_path_shows_milestones_as_checklists_with_stable_keys(site):
    text = page(site, paths.onboarding("writer"))
    titles = re.findall(r"^### (.+)$", text, re.MULTILINE)
    assert titles == ["Day 1", "Week 1", "Month 1"]
    keys = re.findall(r'data-pb-task="([^"]+)"', text)
    assert keys == ["writer/day-1/0", "writer/day-1/1", "writer/week-1/0", "writer/week-1/1", "writer/month-1/0"]
    assert "Modules to take: [Voice basics](../training/voice-basics.md)." in text
    assert "Signed off by: [Social lead](../roles/lead.md)." in text


def test_path_shows_progression_with_who_signs_off(site):
    text = page(site, paths.onboarding("writer"))
    assert ("1. **Shadow**: Watch the lead write replies\\. At least 5 days. "
            "Signed off by [Social lead](../roles/lead.md).") in text
    assert "3. **Solo**: Reply alone within the rules\\. Signed off by" in text
    assert "[pocket card](../cards/writer.md)" in text


def test_text_from_yaml_cannot_become_html_in_a_checklist(site):
    text = page(site, paths.onboarding("writer"))
    assert "<script>" not in text
    assert "Meet the &lt;script&gt;alert\\(1\\)&lt;/script&gt; team \\*now\\*</label>" in text


def test_a_changed_task_keeps_its_key_but_not_its_fingerprint(tmp_path, site):
    before = re.search(r'data-pb-task="writer/week-1/1" data-pb-fp="(\w+)"', page(site, paths.onboarding("writer")))
    _, changed = render(edited_copy(tmp_path, "Draft five replies", "Draft ten replies"))
    after = re.search(r'data-pb-task="writer/week-1/1" data-pb-fp="(\w+)"', page(changed, paths.onboarding("writer")))
    unchanged = 'data-pb-task="writer/week-1/0" data-pb-fp="49bc2756c258"'
    assert before and after and before.group(1) != after.group(1)
    assert unchanged in page(site, paths.onboarding("writer"))
    assert unchanged in page(changed, paths.onboarding("writer"))


def test_progress_is_keyed_by_policy_version(tmp_path, site):
    version = re.search(r'data-pb-version="(\w+)"', page(site, paths.ONBOARDING)).group(1)
    _, bumped = render(edited_copy(tmp_path, 'version: "2.0"', 'version: "2.1"'))
    assert re.search(r'data-pb-version="(\w+)"', page(bumped, paths.ONBOARDING)).group(1) != version
    assert 'version <span data-pb-version-label>2\\.1</span>' in page(bumped, paths.ONBOARDING)


# --------------------------------------------------------------------------- training modules


def test_module_has_objectives_lesson_and_exercise_with_model_answer(site):
    text = page(site, paths.module("voice-basics"))
    assert "## Objectives\n\n- Describe our voice in three words\n- Rewrite a reply in our voice" in text
    assert "Our voice is **warm** but never *sloppy*." in text  # a Markdown field keeps its formatting
    assert '??? note "Model answer"\n    We are sorry this went wrong; here is how we can put it right\\.' in text
    assert "Part of the onboarding for [Writer](../onboarding/writer.md)." in text


def test_quiz_choices_carry_what_the_browser_needs_to_mark_them(site):
    text = page(site, paths.module("voice-basics"))
    choices = re.findall(r'<input type="(\w+)" name="pb-voice-basics-(\w+)" value="(\w+)" '
                         r'data-pb-question="\2" data-pb-correct="(yes|no)">', text)
    assert choices == [("radio", "tone", "warm", "yes"), ("radio", "tone", "cold", "no"),
                       ("checkbox", "steps", "what", "yes"), ("checkbox", "steps", "next", "yes"),
                       ("checkbox", "steps", "blame", "no")]
    assert '<span class="pb-explanation" data-search-exclude hidden>No: never blame anyone\\.</span>' in text
    assert 'data-pb-action="check-quiz"' in text and "data-pb-score" in text


def test_training_index_lists_modules_with_quiz_status(site):
    text = page(site, paths.TRAINING)
    assert "- **[Voice basics](voice-basics.md)**, about 20 min: How we sound, and why\\." in text
    assert 'data-pb-module="voice-basics"' in text


# --------------------------------------------------------------------------- pocket cards


def test_card_has_duties_ladders_words_approvals_and_contacts(site):
    text = page(site, paths.card("writer"))
    assert '<div class="pb-card" hidden></div>' in text
    assert "- Answer &lt;b&gt;customers&lt;/b&gt; \\*politely\\*" in text
    assert ("- **Basic ladder**, for High (first response within 15 min), Low (first response within 4 h): "
            "you are step 1 of 2; acknowledge within 10 min: Look at it\n") in text
    assert "cheap (say: affordable) · damn" in text
    assert "friends" not in text  # preferred words are not on the never-say list
    assert ("- **[Two\\-person rule](../approvals/index.md#two-person-rule):** Every post on a large account needs "
            "a second person\\.") in text
    assert ("- **Needs approval, [Legal posts need the lead](../approvals/index.md#rule-legal-posts):** Anything "
            "touching a legal matter\\. Topics: legal. 1 of: [Social lead]") in text
    assert "- Reports to: **[Social lead](../roles/lead.md)**: Ana Example (Europe/London)" in text


def test_approver_card_says_what_it_approves(site):
    text = page(site, paths.card("lead"))
    assert ("- **You approve, [Legal posts need the lead](../approvals/index.md#rule-legal-posts):** "
            "Anything touching a legal matter\\. Topics: legal.") in text
    assert "**Needs approval" not in text
    assert "- Backup: **[Writer](../roles/writer.md)**" in text


def test_every_approval_rule_binds_a_role_that_posts(tmp_path):
    """The policy does not say which accounts a role posts to, so no rule may be left off its card
    (unless the card is full: see the next test)."""
    folder = edited_copy(tmp_path, "  rules:\n", "  rules:\n    - {id: small-only, name: Small only, "
                         "description: Small accounts rule., "
                         "tiers: [small], approvers: [lead]}\n")
    _, site = render(folder)
    assert ("- **Needs approval, [Small only](../approvals/index.md#rule-small-only):** Small accounts rule\\. "
            "Reach: Small. 1 of:") in page(site, paths.card("writer"))
    assert ("- **You approve, [Small only](../approvals/index.md#rule-small-only):** Small accounts rule\\. "
            "Reach: Small.") in page(site, paths.card("lead"))


def test_a_card_lists_the_nearest_rules_first_and_links_the_rest(tmp_path):
    """A pocket card prints on one sheet: past RULES_SHOWN rules of a kind it names the rules
    approved by the holder's own manager or team first and links the approvals page for the rest."""
    auditor = ("  - {id: auditor, name: Auditor, purpose: Audits., why: Audit., responsibilities: [Audit], "
               "permissions: [approve], reports_to: lead}\n")
    rules = "".join(f"    - {{id: far-{i}, name: Far {i}, description: Far rule {i}., approvers: [auditor]}}\n"
                    for i in range(10))
    folder = edited_copy(tmp_path, "  rules:\n", "  rules:\n" + rules)
    text = (folder / "playbook.yaml").read_text().replace("roles:\n", "roles:\n" + auditor, 1)
    (folder / "playbook.yaml").write_text(text)
    _, site = render(folder)
    writer = page(site, paths.card("writer"))
    needs = re.findall(r"^- \*\*Needs approval, \[[^]]+\]\([^)]+\):\*\* (.+?)\\.", writer, re.M)
    assert needs == ["Anything touching a legal matter"] + [f"Far rule {i}" for i in range(7)]
    assert "- And 3 more rules: see the [approvals matrix](../approvals/index.md)." in writer
    lead = page(site, paths.card("lead"))
    assert len(re.findall(r"^- \*\*Needs approval, ", lead, re.M)) == 8
    assert "- **You approve, [Legal posts need the lead](../approvals/index.md#rule-legal-posts):** Anything" in lead
    assert "- And 2 more rules: see the [approvals matrix]" in lead
    auditor_card = page(site, paths.card("auditor"))
    assert len(re.findall(r"^- \*\*You approve, ", auditor_card, re.M)) == 8
    assert "- And 2 more rules:" in auditor_card


def test_a_long_never_say_list_is_cut_short_with_a_link_to_the_vocabulary(tmp_path):
    words = "".join(f"  - {{term: bad{i}, kind: banned, reason: No.}}\n" for i in range(100))
    _, site = render(edited_copy(tmp_path, "vocabulary:\n", "vocabulary:\n" + words))
    text = page(site, paths.card("writer"))
    assert "bad0 · bad1 · " in text and "bad60" not in text
    assert "bad59\n\nAnd 42 more: see the [vocabulary](../voice/vocabulary.md)." in text


def test_cards_index_links_every_card(site):
    text = page(site, paths.CARDS)
    assert "- [Social lead](lead.md): Owns the account\\." in text
    assert "- [Writer](writer.md): Writes posts\\." in text


# --------------------------------------------------------------------------- attributes


@pytest.mark.parametrize("value", ['a" onclick="x', "<b>", "A", "x\\y", ""])
def test_attribute_values_outside_the_safe_alphabet_are_refused(value):
    with pytest.raises(ValueError):
        progress.attr(value)


def test_fingerprints_are_stable_and_short():
    assert progress.fingerprint("Read the handbook") == "71fb00cf5a4b"
    assert progress.fingerprint("Read the handbook") != progress.fingerprint("Read the handbook!")


# --------------------------------------------------------------------------- validation (issue 5, item 5)


def diagnostics(folder: Path) -> list[str]:
    return [d.format() for d in load_playbook(folder).report.sorted()]


def at(folder: Path, line_text: str, token: str) -> str:
    """'playbook/playbook.yaml:LINE:COL' of `token` on the (first) line containing `line_text`."""
    for number, line in enumerate((folder / "playbook.yaml").read_text().splitlines(), 1):
        if line_text in line:
            return f"playbook/playbook.yaml:{number}:{line.index(token, line.index(line_text)) + 1}"
    raise AssertionError(f"{line_text!r} not in the fixture")


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run where messages name the playbook as playbook/playbook.yaml, as the CLI prints it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_training_fixture_is_valid_without_warnings():
    assert diagnostics(TRAINING) == []


# name: (old text, new text, (line containing, token) where the message points, message)
INVALID = {
    "quiz answer that is not a choice": (
        "correct: [warm]", "correct: [wram]", ("correct: [wram]", "wram"),
        ("error: training module 'voice-basics', question 'tone': answer 'wram' is not one of the question's "
        "choices\n    hint: did you mean 'warm'?")),
    "quiz question without a correct answer": (
        "correct: [what, next]", "correct: []", ("correct: []", "[]"),
        ("error: training module 'voice-basics', question 'steps', correct: needs at least 1 item\n"
        "    hint: a quiz question needs the id of at least one right choice")),
    "single-choice question with two answers": (
        "correct: [warm]", "correct: [warm, cold]", ("correct: [warm, cold]", "["),
        ("error: training module 'voice-basics', question 'tone': a single-choice question has more than one "
        "correct answer\n    hint: set 'kind: multiple' if several answers are right, or keep one answer")),
    "unknown module in a path": (
        "modules: [voice-basics]", "modules: [voice-basic]", ("modules: [voice-basic]", "voice-basic"),
        ("error: onboarding path for 'writer', milestone 'day-1', modules: unknown training module 'voice-basic'\n"
        "    hint: did you mean 'voice-basics'?")),
    "milestone signed off by a role that cannot sign off": (
        "        signed_off_by: lead\n      - id: week-1", "        signed_off_by: writer\n      - id: week-1",
        ("signed_off_by: writer", "writer"),
        ("error: role 'writer' signs off 'day-1' but cannot sign off training\n"
        "    hint: give 'writer' the 'sign_off' permission or choose another role")),
    "stage signed off by a role that cannot sign off": (
        "min_days: 5, signed_off_by: lead}", "min_days: 5, signed_off_by: writer}",
        ("signed_off_by: writer}", "writer"),
        ("error: role 'writer' signs off the shadow stage but cannot sign off training\n"
        "    hint: give 'writer' the 'sign_off' permission or choose another role")),
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_training_mistake_gives_one_located_message(in_tmp, name):
    """One error or warning; a broken module may add the note of the checks it holds back."""
    old, new, (line_text, token), message = INVALID[name]
    folder = edited_copy(in_tmp, old, new)
    assert [d for d in diagnostics(folder) if ": info: " not in d] == [f"{at(folder, line_text, token)}: {message}"]


def test_role_without_a_path_is_a_located_warning(in_tmp):
    folder = edited_copy(in_tmp,
                         "  - role: lead\n    milestones: [{id: day-1, title: Day 1, tasks: [Read the handbook]}]\n",
                         "")
    loaded = load_playbook(folder)
    assert loaded.playbook is not None  # a warning does not stop the build
    assert [d.format() for d in loaded.report.sorted()] == [
        (f"{at(folder, '- id: lead', 'lead')}: warning: role 'lead' has no onboarding path\n"
        "    hint: add a path for it to the 'onboarding:' section, or give it 'progression:' stages; "
        "a role outside the team (legal, executives) takes 'external: true'")]
    _, site = render(folder)
    assert "## Roles without a path yet" in page(site, paths.ONBOARDING)
    assert paths.onboarding("lead") not in site.pages
    assert "[Onboarding path]" not in page(site, paths.card("lead"))
