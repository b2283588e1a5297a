"""The voice guide and the vocabulary: how we sound, and which words we use and never use.

The vocabulary has its own page because people look words up on shift; profanity and
banned words come first, so "which words does the brand never use?" has one answer.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...model import TermKind
from ...queries import paths
from ..context import Context, Page
from . import render_page

KIND_ORDER = (TermKind.profanity, TermKind.banned, TermKind.caution, TermKind.preferred)
NEVER_BOX = 100  # words named in the "never uses" box; past that the box counts the rest (the tables list all)


def pages(ctx: Context) -> Iterable[Page]:
    playbook = ctx.playbook
    yield render_page(ctx, "voice.md.j2", paths.VOICE, "Voice guide", ctx.source_of("voice"))
    groups = {kind: sorted((t for t in playbook.vocabulary if t.kind == kind), key=lambda t: t.term.casefold())
              for kind in KIND_ORDER}
    yield render_page(ctx, "vocabulary.md.j2", paths.VOCABULARY, "Vocabulary", ctx.source_of("vocabulary", 0),
                      groups=groups, kinds=TermKind, never_box=NEVER_BOX)
