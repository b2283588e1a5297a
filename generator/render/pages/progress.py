"""What the browser needs to keep a trainee's progress: stable keys, fingerprints, assets.

Progress lives only in the reader's localStorage (progress.js). A tick or a quiz result is
stored under a key made of ids and positions, together with a fingerprint of the text it
confirmed; when the policy changes, whatever changed no longer matches its fingerprint and
must be confirmed again, while the rest carries over. Keys and fingerprints go into HTML
attributes, where Markdown escapes would survive as literal backslashes, so attribute
values are restricted to a safe alphabet instead of being Markdown-escaped.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from ...model import Module, OnboardingPath, Playbook
from ...queries import paths
from ..context import Context, Page

_ATTRIBUTE_SAFE = re.compile(r"[a-z0-9][a-z0-9/:._ -]*")
SCRIPT = f"{paths.ASSETS}/progress.js"
STYLE = f"{paths.ASSETS}/training.css"
CARD_STYLE = f"{paths.ASSETS}/cards.css"
CARD_SCRIPT = f"{paths.ASSETS}/cards.js"


def attr(value: object) -> Markup:
    """An HTML attribute value built from ids, numbers and fingerprints only.

    Text typed by the policy owner never goes into an attribute; if it ever did, this
    raises (our bug) rather than letting it through.
    """
    text = str(value)
    if not _ATTRIBUTE_SAFE.fullmatch(text):
        raise ValueError(f"not an attribute-safe value: {text!r}")
    return Markup(text)


def fingerprint(*parts: Any) -> str:
    """A short, stable digest of what a reader confirmed (same text, same digest)."""
    payload = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


def store_id(playbook: Playbook) -> str:
    """One localStorage entry per handbook, so two handbooks on one host do not mix."""
    return fingerprint(playbook.handbook.organisation, playbook.handbook.title)


def version_id(playbook: Playbook) -> str:
    return fingerprint(playbook.handbook.version)


def task_key(role_id: str, milestone_id: str, index: int) -> str:
    return f"{role_id}/{milestone_id}/{index}"


def path_tasks(path: OnboardingPath) -> list[tuple[str, str]]:
    """(key, fingerprint) of every checklist item on a role's path, in reading order."""
    return [(task_key(path.role, milestone.id, i), fingerprint(task))
            for milestone in path.milestones for i, task in enumerate(milestone.tasks)]


def tasks_attribute(path: OnboardingPath) -> Markup:
    """The path's items as 'key:fingerprint' words, so any page can count its progress."""
    return attr(" ".join(f"{key}:{fp}" for key, fp in path_tasks(path)))


def quiz_fingerprint(module: Module) -> str:
    """Changes when any question, choice, explanation or right answer of the quiz changes."""
    return fingerprint([question.model_dump(mode="json") for question in module.quiz])


def assets(ctx: Context) -> Iterable[Page]:
    """The scripts and styles of the training pages (added to every page; scoped by class)."""
    for path, name, title in ((SCRIPT, "assets/progress.js", "Progress script"),
                              (STYLE, "assets/training.css", "Training styles"),
                              (CARD_STYLE, "assets/cards.css", "Pocket card styles"),
                              (CARD_SCRIPT, "assets/cards.js", "Pocket card fitting")):
        yield Page(path, title, ctx.static(name))


def change_key(role_id: str, version: str, index: int) -> str:
    """A change to acknowledge, keyed by the release it came with: the next release asks again."""
    return f"changes/{fingerprint(version)}/{role_id}/{index}"


def reack_tasks(ctx: Context, role_id: str) -> list[tuple[str, str, str]]:
    """(key, fingerprint, text) of each change in the latest release that names the role."""
    latest = ctx.history.latest()
    if latest is None:
        return []
    return [(change_key(role_id, latest.version, n), fingerprint(c.text), c.text)
            for n, c in enumerate(ctx.changed_for(role_id))]


def template_values(ctx: Context) -> dict[str, Any]:
    """Values every training template needs for its progress controls, computed once per site."""
    playbook = ctx.playbook
    return ctx.remember("progress", lambda: {
        "attr": attr, "fingerprint": fingerprint, "task_key": task_key,
        "reack": {path.role: reack_tasks(ctx, path.role) for path in playbook.onboarding},
        "store_id": store_id(playbook), "version_id": version_id(playbook),
        "path_tasks": {path.role: tasks_attribute(path) for path in playbook.onboarding},
        "quiz_fps": {module.id: quiz_fingerprint(module) for module in playbook.modules},
    })
