"""Training answers that the fields contradict (issue 24, what a careful reader caught): a quiz
answer marked correct, a choice's explanation or an exercise's model answer teaches what the
policy itself does not say.

- who may do what: "anyone may pause the queue" where only some roles hold `pause_schedule`;
  "the content creator can publish" where the role lacks `publish`;
- which holding statement: an answer that names a trigger (by name or id) and a holding
  statement (by name or id, "the legal holding statement") other than the trigger's own;
- what a holding statement says: an answer that quotes the statement it names "word for word"
  with other words.
A wrong choice's own text is meant to be wrong and is not read; its explanation is.
Warnings: a trainee learns one thing and the handbook says another.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...diagnostics import Diagnostic
from ...model import HoldingStatement, Permission, Playbook, Role, Trigger
from ...read.origins import Origins
from ..checks import Check, Context
from .channels import CLAUSE

# How a sentence says that someone does what a permission allows (the reading side of the
# permission; pages name permissions with render/relations.py's labels).
DOING: dict[Permission, str] = {
    Permission.publish: r"publish(?:es|ing)?|post(?:s|ing)?",
    Permission.reply: r"repl(?:y|ies|ying)",
    Permission.approve: r"approv(?:e|es|ing)",
    Permission.hide: r"hid(?:e|es|ing)",
    Permission.delete: r"delet(?:e|es|ing)",
    Permission.block: r"block(?:s|ing)?|ban(?:s|ning)?",
    Permission.pause_schedule: r"paus(?:e|es|ing)",
}
MAY = r"(?:\s+on\s+shift)?\s+(?:may|can|is\s+allowed\s+to|are\s+allowed\s+to|is\s+free\s+to)\s+"
ANYONE = r"\b(?:anyone|anybody|everyone|everybody|any\s+role|any\s+team\s+member|whoever\s+is\s+on\s+shift)"
NOBODYS = re.compile(r"\bneeds?\s+(?:nobody's|no\s+one's|no)\s+permission\b|\bno\s+permission\s+(?:is\s+)?needed\b",
                     re.I)
QUOTE = re.compile(r"(?<!\w)[\"'‘“](?P<q>[^\"“”]{40,}?)[\"'’”](?=\s*(?:[.,;:)]|then\b|$))", re.I)


@dataclass(frozen=True)
class _Text:
    """One text a trainee is taught, with the text that sets its scene (question, prompt)."""

    place: tuple[object, ...]
    what: str
    text: str
    scene: str


def _taught(playbook: Playbook) -> Iterator[_Text]:
    for i, module in enumerate(playbook.modules):
        for e, exercise in enumerate(module.exercises):
            yield _Text(("modules", i, "exercises", e, "model_answer"),
                        f"training module '{module.id}', exercise '{exercise.id}'", exercise.model_answer,
                        exercise.prompt)
        for q, question in enumerate(module.quiz):
            where = f"training module '{module.id}', question '{question.id}'"
            for c, choice in enumerate(question.choices):
                if choice.id in question.correct:
                    yield _Text(("modules", i, "quiz", q, "choices", c, "text"), f"{where}, correct choice "
                                f"'{choice.id}'", choice.text, question.question)
                yield _Text(("modules", i, "quiz", q, "choices", c, "explanation"),
                        f"{where}, the explanation of choice '{choice.id}'", choice.explanation,
                        f"{question.question} {choice.text}")


def _words(name: str) -> str:
    return re.escape(name.casefold()).replace(r"\-", "[- ]").replace(r"\ ", r"\s+")


def _role_pattern(role: Role) -> str:
    return rf"\b(?:{_words(role.name)}|{_words(role.id)})\b"


@dataclass(frozen=True)
class _Named:
    """Each role's, trigger's and holding statement's patterns, compiled once per run: every
    training text is matched against all of them (at 1,000 roles, 4,662 texts; compiled per
    text they were 97 s of validation)."""

    roles: list[Role]
    holders: dict[Permission, list[Role]]  # the roles that hold each permission
    says: dict[tuple[str, str], re.Pattern[str]]  # (role id, verb) -> "<role> may <verb>"
    statements: list[tuple[HoldingStatement, re.Pattern[str]]]
    triggers: list[tuple[Trigger, re.Pattern[str]]]


def _named(playbook: Playbook) -> _Named:
    roles = [r for r in playbook.roles if not r.external]
    prefix = _prefix(playbook)
    statements = []
    for statement in playbook.holding_statements:
        names = {statement.name, statement.id, statement.id.removeprefix(prefix)}
        pattern = "|".join(_words(n) for n in sorted(names, key=len, reverse=True))
        statements.append((statement, re.compile(
            rf"\b(?:{pattern})\s+holding\s+statement\b|\b{_words(statement.id)}\b", re.I)))
    triggers = [(t, re.compile(rf"\b(?:{_words(t.name)}|{_words(t.id)})\b", re.I)) for t in playbook.triggers]
    holders = {permission: [r for r in roles if permission in r.permissions] for permission in DOING}
    return _Named(roles, holders, {}, statements, triggers)


def _says(named: _Named, role: Role, verb: str) -> re.Pattern[str]:
    key = (role.id, verb)
    if key not in named.says:
        named.says[key] = re.compile(rf"{_role_pattern(role)}{MAY}(?:{verb})\b")
    return named.says[key]


def _permissions(named: _Named, origins: Origins, taught: _Text) -> Iterator[Diagnostic]:
    roles = named.roles
    for clause in CLAUSE.findall(taught.text):
        low = clause.casefold()
        for permission, verb in DOING.items():
            holders = named.holders[permission]
            doing = re.search(rf"\b(?:{verb})\b", low)
            anyone = re.search(rf"{ANYONE}{MAY}(?:{verb})\b", low) or (doing and NOBODYS.search(low))
            if anyone and len(holders) < len(roles):
                yield origins.at(*taught.place, level="warning",  # type: ignore[arg-type]
                                 message=f"{taught.what} says \"{clause.strip()}\", but only "
                                         f"{len(holders)} of {len(roles)} roles hold '{permission.value}' "
                                         f"({', '.join(r.id for r in holders) or 'none'})",
                                 hint=f"say who holds '{permission.value}' (roles.yaml), or give it to every role")
                continue
            if not re.search(rf"{MAY}(?:{verb})\b", low):
                continue  # no "... may <verb>" at all: no role is said to (one search instead of one per role)
            for role in roles:
                if permission not in role.permissions and _says(named, role, verb).search(low):
                    yield origins.at(*taught.place, level="warning",  # type: ignore[arg-type]
                                     message=f"{taught.what} says \"{clause.strip()}\", but role "
                                             f"'{role.id}' does not hold '{permission.value}'",
                                     hint=f"correct the answer, or add '{permission.value}' to the permissions "
                                          f"of role '{role.id}' in roles.yaml")


def _prefix(playbook: Playbook) -> str:
    """The prefix every holding statement id shares ("hs-"), which the text leaves out."""
    ids = [h.id for h in playbook.holding_statements]
    if len(ids) < 2:
        return ""
    first = min(ids)
    common = next((first[:n] for n in range(len(first), 0, -1) if all(i.startswith(first[:n]) for i in ids)), "")
    return common[:common.rfind("-") + 1]


def _statements_named(named: _Named, text: str) -> tuple[list[HoldingStatement], str]:
    """The holding statements a text names, and the text with those mentions blanked out (so
    "the product safety holding statement" is not also read as the trigger product-safety)."""
    found = []
    for statement, before in named.statements:
        if before.search(text):
            found.append(statement)
            text = before.sub(" ", text)
    return found, text


def _triggers_named(named: _Named, text: str) -> list[Trigger]:
    return [t for t, pattern in named.triggers if pattern.search(text)]


def _statements(patterns: _Named, origins: Origins, taught: _Text) -> Iterator[Diagnostic]:
    named, rest = _statements_named(patterns, taught.text)
    _, scene = _statements_named(patterns, taught.scene)
    triggers = _triggers_named(patterns, f"{scene} {rest}")
    expected = {t.holding_statement for t in triggers}
    for statement in named:
        if triggers and statement.id not in expected:
            theirs = ", ".join(f"'{t.id}' (holding statement: {t.holding_statement or 'none'})" for t in triggers)
            yield origins.at(*taught.place, level="warning",  # type: ignore[arg-type]
                             message=f"{taught.what} names holding statement '{statement.id}', but the trigger it "
                                     f"is about is {theirs}",
                             hint="name the trigger's own holding statement, or change the trigger's "
                                  "holding_statement in triggers.yaml")
    if len(named) == 1:
        yield from _quotes(origins, taught, named[0])


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[’‘]", "'", text).casefold().split())


def _quotes(origins: Origins, taught: _Text, statement: HoldingStatement) -> Iterator[Diagnostic]:
    """A quotation of the one statement an answer names must be the statement's own words."""
    for match in QUOTE.finditer(taught.text):
        if _plain(match["q"]) not in _plain(statement.text):
            yield origins.at(*taught.place, level="warning",  # type: ignore[arg-type]
                             message=f"{taught.what} quotes holding statement '{statement.id}' as "
                                     f"\"{match['q'][:60]}...\", which is not its text",
                             hint="copy the statement's text from holding-statements.yaml, or leave the quote out")


def _answers(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    named = _named(playbook)
    for taught in _taught(playbook):
        yield from _permissions(named, origins, taught)
        yield from _statements(named, origins, taught)


CHECKS = (
    Check("training answers against the fields", ("modules", "roles", "triggers", "holding_statements"), _answers),
)
