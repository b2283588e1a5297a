"""The preview's renderer: after a save, redo only what the save touched.

`playbook serve --dirty` (and `--engine zensical`) keep one `IncrementalRender` for the whole
session. Each `render()`:

1. reads the policy again, but parses only the files whose bytes changed (ParsedFiles, keyed
   by path, mtime, size and a hash of the bytes); the merged policy is validated and
   cross-checked whole every time, so a save can never skip a check;
2. compares the new policy with the last one field by field (tracking.changed_keys);
3. re-renders only the pages whose recorded reads meet a changed field, and keeps the others'
   Markdown as it was.

What a page read is recorded while it renders (tracking.py), in three parts that together
cover everything its bytes can depend on:
- the reads made inside `ctx.render(template, page_path)` for that page (its templates);
- every read its producer (a module under pages/) makes outside of templates, over the whole
  run, because a producer is a generator that may carry values from one page to the next;
- the reads behind every shared value it used (the index, the RACI letters...: Context.remember).
A template render for a page that is not to be redone is skipped (the producer still runs,
but its templates, the bulk of the time, do not; a producer may also skip its own work for
such a page: Context.kept, and what it read last time still counts), except a fragment: a template a producer
renders for one page while preparing another (the same lines on every pocket card, made once).
Fragments always run, and what they read counts as read by every page of their producer.
Anything the policy does not hold is compared whole, and a difference means a full render:
the templates, the day, the release history, and which file each item came from. The search
words of each page are recomputed and compared. The test suite checks, for several kinds of
edit on the example and on a synthetic policy, that the pages redone are exactly those whose
bytes differ in a full render.

A save can touch thousands of pages (a role named on every page). `render(first=N)` then
renders at once only the pages the edit is about, those whose own item (the one
`ctx.source_of` names: what "edit this page" opens) changed (or, when no page is about a
changed item, the first N in the handbook's order), and leaves the others pending:
they keep their last Markdown, and `render_pending(n)` renders the next n of them from the
same loaded policy, so a preview can publish the edited page first and the rest in batches.
A pending page stays due whatever the next save changes (it is in every later to-do list)
until it is rendered, so the newest save always wins and no page is left behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..clock import build_today
from ..diagnostics import Diagnostic
from ..diff.history import History, release_history
from ..lint.loader import Loaded, load_or_raise
from ..model import Playbook
from ..model.salvage import Broken, validate_file
from ..read.source import SourceFile, read_source
from .blocks import tidy
from .context import Context, Page, Site
from .environment import make_environment
from .escape import forget_escaped
from .nav import build_nav
from .project import DEFAULT_PLAYBOOK_DIR, DEFAULT_TEMPLATES_DIR, Rendered
from .public import PUBLIC_VIEW, public_history, public_playbook
from .search import search_words, with_search_words
from .site import readers
from .tracking import ROOT, Key, Owners, Recorder, changed_keys, item_ident, recording, tracking

Stamp = tuple[int, int]
Validated = tuple[dict[str, Any], dict[str, list[int]], list[Diagnostic]]  # as model.salvage.validate_file


class ParsedFiles:
    """Each policy file parsed once: read again only when its mtime or size changed, parsed
    again only when its bytes did (a save of the same bytes, or a `touch`, costs a hash); and
    its shape validated once while it parses to the same object (at 1,000 roles validating
    every file again was a fifth of a re-render). Only a file that validated without a problem
    is kept validated: a file with shape errors is salvaged again each time, as it reports
    into the run's list of broken parts."""

    def __init__(self) -> None:
        self.files: dict[Path, tuple[Stamp, str, tuple[SourceFile | None, list[Diagnostic]]]] = {}
        self.parsed: list[Path] = []  # the files the last load parsed
        self.valid: dict[str, tuple[SourceFile, Validated]] = {}  # file -> (its parsed source, its models)

    def validate(self, source: SourceFile, broken: Broken) -> Validated:
        kept = self.valid.get(source.path)
        if kept is not None and kept[0] is source:
            return kept[1]
        result = validate_file(source, broken)
        if not result[1] and not result[2]:
            self.valid[source.path] = (source, result)
        else:
            self.valid.pop(source.path, None)
        return result

    def read(self, path: Path) -> tuple[SourceFile | None, list[Diagnostic]]:
        try:
            found = path.stat()
        except OSError:
            return read_source(path)
        stamp = (found.st_mtime_ns, found.st_size)
        kept = self.files.get(path)
        if kept is not None and kept[0] == stamp:
            return kept[2]
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return read_source(path)
        if kept is not None and kept[1] == digest:
            self.files[path] = (stamp, digest, kept[2])
            return kept[2]
        result = read_source(path)
        self.parsed.append(path)
        self.files[path] = (stamp, digest, result)
        return result


def folder_stamps(folders: list[Path]) -> dict[str, Stamp]:
    """(mtime, size) of every file under the folders: the user's templates, which any page may use."""
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size)
            for folder in folders if folder.is_dir() for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass
class Inputs:
    """What a render read besides the policy's fields; any difference means a full render."""

    today: dt.date
    history: History
    templates: dict[str, Stamp]
    places: dict[str, list[tuple[str, int]]]  # section -> (file, index in it) of every item


@dataclass
class State:
    """The last good render: its policy, pages and what each page read."""

    playbook: Playbook
    inputs: Inputs
    env: Any
    site: Site
    words: dict[str, list[str]]
    reads: dict[str, set[Key]]  # page path -> keys its templates read
    glue: dict[str, set[Key]]  # producer -> keys it read outside templates
    producer_of: dict[str, str]  # page path -> producer
    embedded: set[str] = field(default_factory=set)  # page paths rendered while preparing another page
    subject: dict[str, tuple[str, Any]] = field(default_factory=dict)  # page path -> (section, ident) it is about
    pending: list[str] = field(default_factory=list)  # pages due but not rendered yet (their last Markdown kept)
    loaded: Loaded | None = None  # the policy as read (its origins: the pending pages render from it)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class TrackedContext(Context):
    """The render context that records each page's template reads and skips the ones not needed."""

    skip: frozenset[str] = frozenset()
    page_reads: dict[str, Recorder]  # page path -> the reads of its own templates
    segment: list[tuple[str, Recorder | None]]  # the template renders since the producer's last page
    items: list[tuple[str, int | None]]  # the items source_of named since the producer's last page

    def kept(self, page_path: str) -> bool:
        return page_path in self.skip

    def source_of(self, section: str, index: int | None = None) -> str | None:
        self.items.append((section, index))
        return super().source_of(section, index)

    def render(self, template: str, page_path: str, **values: Any) -> str:
        if page_path in self.skip:
            self.segment.append((page_path, None))
            return ""
        recorder = Recorder()
        self.segment.append((page_path, recorder))
        with recording(recorder):
            return super().render(template, page_path, **values)


class IncrementalRender:
    """One preview session's renderer (see the module docstring)."""

    def __init__(self, project_root: Path, playbook_dir: str = DEFAULT_PLAYBOOK_DIR,
                 templates_dir: str = DEFAULT_TEMPLATES_DIR, public: bool = False) -> None:
        self.root = project_root
        self.playbook_dir = playbook_dir
        self.templates = [project_root / templates_dir]
        self.public = public
        self.parsed = ParsedFiles()
        self.state: State | None = None
        self.redone: list[str] = []  # the pages the last render() rendered
        self.words: tuple[Playbook, dict[str, list[str]]] | None = None  # (policy, its pages' search words)

    def render(self, strict: bool = False, first: int | None = None) -> Rendered:
        """The whole handbook, with only the pages a change touched rendered again; UserError as
        render_project raises it (the last good state is kept for the next save).

        With `first`, when more than `first` pages are due, only the pages about a changed item
        are rendered now and the others are left pending (module docstring)."""
        self.parsed.parsed = []
        day = build_today()
        loaded = load_or_raise(self.root / self.playbook_dir, strict=strict, today=day, read=self.parsed.read,
                               validate=self.parsed.validate)
        assert loaded.playbook is not None
        playbook = public_playbook(loaded.playbook) if self.public else loaded.playbook
        history = release_history(self.root / self.playbook_dir, loaded.playbook,
                                  handbook_file=Path(loaded.origins.file_of("handbook")),
                                  view=PUBLIC_VIEW if self.public else None)
        if self.public:
            history = public_history(history)
        inputs = Inputs(day, history, folder_stamps(self.templates), _places(loaded))
        state = self.state
        if state is None or state.inputs != inputs:
            env = make_environment(self.templates)
            todo: set[str] | None = None
        else:
            env, todo = state.env, self._todo(state, playbook)
        warnings = [d.format() for d in loaded.report.sorted() if d.level == "warning"]
        notes = list(history.notes)
        if state is not None and todo is not None and not todo:  # nothing any page read has changed
            self.redone, state.playbook, state.loaded = [], playbook, loaded
            state.warnings, state.notes = warnings, notes
            return Rendered(state.site, loaded.playbook.handbook.title, warnings, notes)
        later: list[str] = []
        if state is not None and todo is not None and first is not None and len(todo) > first:
            order = {path: number for number, path in enumerate(state.producer_of)}  # a producer's pages together
            due = sorted(todo, key=lambda path: order.get(path, len(order)))
            now = _about(state, todo, changed_keys(state.playbook, playbook)) or set(due[:first])
            later, todo = [path for path in due if path not in now], now
        self.state = self._rendered(playbook, loaded, inputs, env, todo)
        self.state.pending, self.state.warnings, self.state.notes = later, warnings, notes
        return Rendered(self.state.site, loaded.playbook.handbook.title, warnings, notes)

    def render_pending(self, count: int) -> Rendered | None:
        """Render the next `count` pending pages from the policy the last render read (None when
        nothing is pending)."""
        state = self.state
        if state is None or not state.pending or state.loaded is None:
            return None
        batch, rest = set(state.pending[:count]), state.pending[count:]
        self.state = self._rendered(state.playbook, state.loaded, state.inputs, state.env, batch)
        self.state.pending, self.state.warnings, self.state.notes = rest, state.warnings, state.notes
        assert state.loaded.playbook is not None
        return Rendered(self.state.site, state.loaded.playbook.handbook.title, state.warnings, state.notes)

    def pending(self) -> int:
        """How many pages are due but not rendered yet."""
        return len(self.state.pending) if self.state is not None else 0

    def _rendered(self, playbook: Playbook, loaded: Loaded, inputs: Inputs, env: Any, todo: set[str] | None) -> State:
        try:
            return self._render(playbook, loaded, inputs, env, todo)
        except _Unforeseen:
            return self._render(playbook, loaded, inputs, env, None)

    def _search_words(self, playbook: Playbook) -> dict[str, list[str]]:
        """Every page's search words for this policy, made once (the to-do list, the render and
        each batch of pending pages all need them)."""
        if self.words is None or self.words[0] is not playbook:
            self.words = (playbook, search_words(playbook))
        return self.words[1]

    def _todo(self, state: State, playbook: Playbook) -> set[str]:
        """The pages whose recorded reads meet what changed, or whose search words changed, and
        the pages still pending from an earlier save."""
        changed = changed_keys(state.playbook, playbook)
        dirty_producers = {name for name, keys in state.glue.items() if keys & changed}
        todo = {path for path, producer in state.producer_of.items()
                if producer in dirty_producers or state.reads.get(path, set()) & changed}
        words = self._search_words(playbook)
        todo |= {path for path in state.site.pages if words.get(path) != state.words.get(path)}
        return todo | set(state.pending)

    def _render(self, playbook: Playbook, loaded: Loaded, inputs: Inputs, env: Any,
                todo: set[str] | None) -> State:
        previous = self.state if todo is not None else None
        ctx = TrackedContext(playbook, loaded.origins, env, self.root, today=inputs.today, history=inputs.history)
        if previous is not None and todo is not None:
            ctx.skip = frozenset(set(previous.producer_of) - todo - previous.embedded)
        ctx.page_reads, ctx.segment, ctx.items = {}, [], []
        subject: dict[str, tuple[str, Any]] = {}
        owners = Owners(playbook)
        words = self._search_words(playbook)
        site = Site()
        groups: list[tuple[str | None, list[Page]]] = []
        glue: dict[str, set[Key]] = {}
        producer_of: dict[str, str] = {}
        embedded: dict[str, set[str]] = {}  # producer -> paths it rendered while preparing another page
        self.redone = []
        try:
            with tracking():
                for title, group in readers():
                    groups.append((title, []))
                    for produce in group:
                        name = f"{produce.__module__}.{produce.__qualname__}"
                        if previous is not None and _untouched(previous, name, ctx.skip):
                            for path in [p for p, n in previous.producer_of.items() if n == name]:
                                producer_of[path] = name
                                if path in previous.subject:
                                    subject[path] = previous.subject[path]
                                _add(site, _kept(previous.site, Page(path, "", "")), groups[-1][1], None)
                            embedded[name] = {p for p in previous.embedded if previous.producer_of.get(p) == name}
                            glue[name] = previous.glue[name]
                            continue
                        recorder = Recorder()
                        for page in _recorded(produce(ctx), recorder):
                            producer_of[page.path] = name
                            about = _subject(playbook, ctx.items) or (previous.subject.get(page.path)
                                                                      if previous is not None else None)
                            if about is not None:
                                subject[page.path] = about
                            ctx.items.clear()
                            for path, reads in ctx.segment:
                                if path != page.path:  # a fragment the producer may put in any later page
                                    embedded.setdefault(name, set()).add(path)
                                    if reads is None:  # skipped: a fragment the last render did not make
                                        raise _Unforeseen
                                    recorder.extra |= owners.keys(reads, ctx.made_by)
                                elif reads is not None:
                                    own = ctx.page_reads.setdefault(path, Recorder())
                                    own.reads |= reads.reads
                                    own.extra |= reads.extra
                                    own.shared |= reads.shared
                            ctx.segment.clear()
                            if previous is not None and page.path in ctx.skip:
                                # (a pending page: its last Markdown, under its new title in the nav)
                                last = _kept(previous.site, page)
                                _add(site, replace(last, title=page.title, group=page.group or last.group),
                                     groups[-1][1], None)
                            else:
                                self.redone.append(page.path)
                                _add(site, page, groups[-1][1], words)
                        glue[name] = owners.keys(recorder, ctx.made_by)
                        if previous is not None:  # a kept page's own preparation may have been skipped (kept())
                            glue[name] |= previous.glue.get(name, set())
        finally:
            forget_escaped()
        kept = dict(previous.reads) if previous is not None else {}
        for path in self.redone:
            kept[path] = owners.keys(ctx.page_reads.get(path, Recorder()), ctx.made_by)
        site.extra_css = sorted(p for p in site.assets if p.endswith(".css"))
        site.extra_javascript = sorted(p for p in site.assets if p.endswith(".js"))
        site.nav = [item for title, pages in groups
                    for item in (build_nav(pages) if title is None else [{title: build_nav(pages)}])]
        return State(playbook, inputs, env, site, words, {p: kept[p] for p in producer_of if p in kept},
                     glue, producer_of, {path for paths in embedded.values() for path in paths}, subject,
                     loaded=loaded)


def _about(state: State, todo: set[str], changed: set[Key]) -> set[str]:
    """The pages of `todo` whose own item changed: the pages the edit is about."""
    items = {key[:2] for key in changed if key[0] != ROOT}
    return {path for path in todo if state.subject.get(path) in items}


def _subject(playbook: Playbook, items: list[tuple[str, int | None]]) -> tuple[str, Any] | None:
    """The item a page is about: the last one its producer named as the page's source, as
    (section, ident) (None for a whole section: a page about a section is not about one item)."""
    for section, index in reversed(items):
        value = playbook.__dict__.get(section)  # not getattr: a look-up, not a read of the page
        if index is not None and isinstance(value, list) and 0 <= index < len(value):
            return section, item_ident(value[index], index)
    return None


def _untouched(previous: State, name: str, skip: frozenset[str]) -> bool:
    """Whether none of a producer's pages is to be redone and none is a fragment: its pages are
    the last render's, and it need not run at all."""
    made = [path for path, producer in previous.producer_of.items() if producer == name]
    return bool(made) and all(path in skip for path in made)


class _Unforeseen(Exception):
    """A template skipped as a page's own turned out to be a fragment of another page this time."""


def _recorded(pages: Iterator[Page] | Any, recorder: Recorder) -> Iterator[Page]:
    """The producer's pages, with every read it makes between them (outside templates) recorded."""
    iterator = iter(pages)
    while True:
        with recording(recorder):
            page = next(iterator, None)
        if page is None:
            return
        yield page


def _add(site: Site, page: Page, group: list[Page], words: dict[str, list[str]] | None) -> None:
    """As site._add: a page (search words added when `words` is given: a kept page has them) or an asset."""
    if page.path in site.pages or page.path in site.assets:
        raise ValueError(f"two pages at {page.path}")  # our bug, not the user's
    if page.path.endswith(".md"):
        if words is not None:
            page = replace(page, markdown=with_search_words(page.path, tidy(page.markdown), words))
        site.pages[page.path] = page
        group.append(page)
    else:
        site.assets[page.path] = page.markdown.encode("utf-8")


def _kept(site: Site, page: Page) -> Page:
    """The last render's page (or asset) at the same path: its templates were skipped this time."""
    kept = site.pages.get(page.path)
    return kept or Page(page.path, page.title, site.assets[page.path].decode("utf-8"))


def _places(loaded: Loaded) -> dict[str, list[tuple[str, int]]]:
    """Which file (and where in it) each item and single section came from: pages link to it."""
    found = {section: [(source.path, index) for source, index in items]
             for section, items in sorted(loaded.origins.lists.items())}
    found |= {section: [(source.path, -1)] for section, source in sorted(loaded.origins.singles.items())}
    return found
