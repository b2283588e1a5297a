"""Stage 9, the `playbook` command line (an edge): one group, one error handler, one module per command family.

- policy.py: `validate`, `schema`, `init` (the YAML policy itself);
- site.py: `build`, `bundle`, `serve`, `generate` (the handbook, through MkDocs or as plain files);
- check.py: `check`, `list` (the draft checker and the ids it takes);
- export.py: `export` (the voice rules for other tools);
- people.py, records.py: `oncall`, `calendar`, `records` (who is on shift, calendars, training records);
- diff.py: `diff` (what a policy change means, and whom it affects);
- codeowners.py: `codeowners` (who must review a change to each policy file);
- proofread.py: `proofread` (the policy's ready-made texts, through the draft checker).
- sweep.py: `sweep` (every queued post of a scheduler's export, judged at its own time).
- triage.py: `triage` (the triage wizard's questions and result, in the terminal).

Every command finds its project the same way (generator/mkdocs/project.py): from the
current folder upward, or from `-C DIR`, given here (`playbook -C DIR build`, as git
takes it) or after the command's name.

A user's mistake anywhere below arrives here as a `UserError` and becomes its located
messages and exit 1; a usage error is Click's exit 2; anything else is our bug and keeps
its traceback.
"""

from __future__ import annotations

import importlib
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import click

from .. import __version__
from ..diagnostics import UserError
from ..inert import escape_controls
from .shared import DIRECTORY, DIRECTORY_OPTION, REPORT_FORMAT, emit_report

# Command name -> the module of this package that defines it (as a function of that name).
# Only the module of the command being run is imported (Click's lazy-loading pattern):
# `playbook check` needs neither MkDocs nor the site builder, and with a warm rules cache
# not even the validation models (see compiled.py).
COMMANDS = {"validate": "policy", "schema": "policy", "init": "policy",
            "build": "site", "bundle": "site", "serve": "site", "generate": "site",
            "check": "check", "list": "check", "export": "export", "sweep": "sweep", "diff": "diff",
            "codeowners": "codeowners", "proofread": "proofread", "triage": "triage",
            "oncall": "people", "calendar": "people", "records": "records", "packs": "packs"}
# A command whose Python name differs from its command name (`list` is a builtin).
FUNCTIONS = {"list": "list_ids", "triage": "triage_command"}


class PlaybookCommands(click.Group):
    """The group whose `invoke` is the one place a user error turns into output and an exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(f"{__name__}.{COMMANDS[cmd_name]}")
        command: click.Command = getattr(module, FUNCTIONS.get(cmd_name, cmd_name))
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with sigterm_as_exit():
                return super().invoke(ctx)
        except UserError as error:
            emit_report(error.report, ctx.meta.get(REPORT_FORMAT, "text"))
            ctx.exit(1)
        except click.ClickException as error:
            # A usage error quotes what was typed: make it inert too. (Click declares `message`
            # final, but it is the text `show()` prints, and Click offers no other way in.)
            setattr(error, "message", escape_controls(error.message, keep="\n"))  # noqa: B010
            raise


@contextmanager
def sigterm_as_exit() -> Iterator[None]:
    """SIGTERM (a CI job cancelled, `kill`, a container stopped) ends the command the way Ctrl+C
    does: as an exception, so every clean-up on the way out runs (a build's staging folder, a
    partial zip). Left to its default, the signal kills the process where it stands. The exit
    status is the shell's for a signal: 128 + 15."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


T = TypeVar("T")


def completing(produce: Callable[[], list[T]]) -> list[T]:
    """Shell completion's answer, or nothing: a traceback must never land in the user's prompt.

    A missing or broken playbook completes nothing; running the command says why.
    """
    try:
        return produce()
    except UserError:
        return []


@click.group(cls=PlaybookCommands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playbook")
@DIRECTORY_OPTION
@click.pass_context
def main(ctx: click.Context, directory: Path | None) -> None:
    """Turn a social team's YAML playbook into a training-and-operations handbook.

    Every command works on the project found from the current folder upward (the nearest
    folder holding mkdocs.yml or playbook/), or from -C DIR. Shell completion for bash:
    eval "$(_PLAYBOOK_COMPLETE=bash_source playbook)" (zsh_source, fish_source likewise).
    """
    ctx.meta[DIRECTORY] = directory
