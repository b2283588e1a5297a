"""Reading one playbook file: bytes to Python data, with every way it can go wrong located.

Loading uses ruamel.yaml's C-backed safe loader, about ten times faster than the
round-trip loader. Positions are only needed when there is something to report, so the
slower round-trip composer runs lazily, per file, the first time a message needs one.

Untrusted input is bounded before it reaches the model: file size, binary content,
invalid UTF-8, nesting depth and alias expansion ("billion laughs") are all checked
here and turned into located diagnostics.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode
from ruamel.yaml.resolver import Resolver

from ..diagnostics import Diagnostic

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 48
MAX_NODES = 1_000_000

# Where the parser's "context" is an opening bracket or quote, that is where the
# editor has to look; the place the parser gave up is usually lines later.
_OPENERS = ("flow sequence", "flow mapping", "quoted scalar", "block scalar")


def discover(directory: Path) -> list[Path]:
    """Every YAML file under the folder, in a stable order (sorted by relative path).

    Here, beside the reading, and not in loader.py: the rules cache keys on these files
    without importing the validation models."""
    found = [p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
    return sorted(found, key=lambda p: p.relative_to(directory).as_posix())


class _TextDatesConstructor(SafeConstructor):
    """Leaves dates as text so that pydantic judges them: a bad date becomes a located
    field error ("'2027-13-01' is not a date") instead of a loader crash."""


_TextDatesConstructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)


class _Yaml12Resolver(Resolver):
    """YAML 1.2 tag rules, fixed. The default (versioned) resolver asks which YAML version
    the document declares for every scalar, which was about a third of the loading time;
    a playbook is YAML 1.2 (the round-trip composer that locates messages agrees)."""

    def __init__(self, version: Any = None, loader: Any = None, loadumper: Any = None) -> None:
        super().__init__(loader if loader is not None else loadumper)


def _fast_loader() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _TextDatesConstructor
    yaml.Resolver = _Yaml12Resolver
    return yaml


@dataclass
class SourceFile:
    """One YAML file: its display path, its text and the plain data it holds."""

    path: str
    text: str
    data: Any
    _tree: Node | None = field(default=None, repr=False)

    def tree(self) -> Node | None:
        """The round-trip node tree, composed on first use (only when reporting)."""
        if self._tree is None:
            try:
                self._tree = YAML().compose(self.text)
            except (YAMLError, RecursionError):
                return None
        return self._tree

    def locate(self, loc: tuple[Any, ...], key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value at `loc`, or of its key if `key`."""
        node = self.tree()
        found = (1, 1)
        if node is None:
            return found
        found = _mark(node)
        for step in loc:
            child, key_node = _child(node, step)
            if child is None:
                break
            found = _mark(key_node if key and key_node is not None and step == loc[-1] else child)
            node = child
        return found

    def diagnostic(self, loc: tuple[Any, ...], message: str, hint: str | None = None,
                   level: str = "error", key: bool = False) -> Diagnostic:
        line, column = self.locate(loc, key=key)
        return Diagnostic(self.path, line, column, level, message, hint)  # type: ignore[arg-type]


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _child(node: Node, step: Any) -> tuple[Node | None, Node | None]:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if str(key_node.value) == str(step):
                return value_node, key_node
    elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step], None
    return None, None


def display_path(path: Path) -> str:
    """Paths in messages are relative to where the command runs, as compilers print them."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def position_of(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def read_source(path: Path) -> tuple[SourceFile | None, list[Diagnostic]]:
    """Read and parse one file; on failure return None and the located reasons."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # judged before reading, so a huge file is never loaded
            return None, [_too_big(shown, size)]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Diagnostic(shown, 1, 1, "error", f"cannot read file: {exc.strerror or exc}")]
    return decode_source(shown, raw)


def _too_big(shown: str, size: int) -> Diagnostic:
    return Diagnostic(shown, 1, 1, "error", f"file is {size / 1_048_576:.1f} MB, more than the "
                      f"{MAX_FILE_BYTES // 1_048_576} MB a playbook file may hold",
                      "split it: a list section such as roles: may continue in another file")


def decode_source(shown: str, raw: bytes) -> tuple[SourceFile | None, list[Diagnostic]]:
    """Bytes from anywhere (a file, a git revision) to a parsed file, bounded the same way."""

    def fail(line: int, column: int, message: str,
             hint: str | None = None) -> tuple[SourceFile | None, list[Diagnostic]]:
        return None, [Diagnostic(shown, line, column, "error", message, hint)]

    if len(raw) > MAX_FILE_BYTES:
        return None, [_too_big(shown, len(raw))]
    if b"\x00" in raw:
        return fail(*position_of(raw.decode("latin-1"), raw.index(b"\x00")),
                    "file is binary, not YAML text", "playbook files are plain text saved as UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = position_of(raw[: exc.start].decode("utf-8", "replace"), exc.start)
        return fail(line, column, f"invalid UTF-8 byte 0x{raw[exc.start]:02x}",
                    "save the file with UTF-8 encoding")
    # Editors count a lone CR as a line break, as YAML does: one convention for positions.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return parse_text(shown, text)


def parse_text(shown: str, text: str) -> tuple[SourceFile | None, list[Diagnostic]]:
    """Parse YAML text with the fast safe loader and bound what it produced."""
    try:
        data = _fast_loader().load(text)
    except DuplicateKeyError as exc:
        return None, [_duplicate_key(shown, exc)]
    except MarkedYAMLError as exc:
        return None, [_syntax_error(shown, text, exc)]
    except YAMLError as exc:
        return None, [Diagnostic(shown, 1, 1, "error", f"YAML error: {exc}")]
    except RecursionError:
        return None, [_too_deep(shown, text)]
    except (ValueError, TypeError, OverflowError) as exc:  # a scalar the constructor cannot build
        return None, [Diagnostic(shown, 1, 1, "error", f"unreadable value: {exc}")]
    if data is None:
        return None, [Diagnostic(shown, 1, 1, "error", "file is empty",
                                 "a playbook file holds one or more sections, such as 'roles:'")]
    problem = _check_bounds(data) if "&" in text else _check_depth(data)
    if problem == "depth":
        return None, [_too_deep(shown, text)]
    if problem:
        line, column = _first_alias(text)
        return None, [Diagnostic(shown, line, column, "error", problem,
                                 "anchors (&) and aliases (*) may repeat a block, but not expand "
                                 f"to more than {MAX_NODES:,} values or refer to themselves")]
    source = SourceFile(shown, text, data)
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"'{data}'"
        return None, [source.diagnostic((), f"expected a mapping of sections at the top of the file, found {found}",
                                        "start the file with a section name, such as 'roles:'")]
    return source, []


def _clamp(text: str, line: int, column: int) -> tuple[int, int]:
    """Keep a parser mark inside the file: at end of input it can point one line past it."""
    lines = text.split("\n")
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, column


def _syntax_error(shown: str, text: str, exc: MarkedYAMLError) -> Diagnostic:
    problem = (exc.problem or "syntax error").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    hint = None
    if "tab" in problem and exc.problem_mark is not None:
        return _tab_error(shown, text, exc, context)
    if exc.context_mark is not None and any(o in context for o in _OPENERS):
        opener = exc.context_mark
        message = (f"{context.replace('while scanning a ', '').replace('while parsing a ', '')} "
                   f"starting here is never closed: {problem}")
        if exc.problem_mark is not None:
            gave_up = _clamp(text, exc.problem_mark.line + 1, exc.problem_mark.column + 1)
            hint = (f"the parser gave up at line {gave_up[0]}, column {gave_up[1]}; "
                    "close the bracket or quote opened here")
        return Diagnostic(shown, opener.line + 1, opener.column + 1, "error", message, hint)
    line = text.splitlines()[mark.line] if mark is not None and mark.line < len(text.splitlines()) else ""
    if "\t" in line or "tab" in problem:
        hint = "YAML does not allow tabs for indentation: use spaces"
    elif "mapping values are not allowed" in problem:
        hint = "put quotes around a text that contains ': '"
    elif "did not find expected key" in problem or "expected <block end>" in problem:
        hint = "check the indentation: keys of one mapping must line up"
    line_no, column = _clamp(text, mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return Diagnostic(shown, line_no, column, "error", f"YAML syntax error: {problem}", hint)


def _tab_error(shown: str, text: str, exc: MarkedYAMLError, context: str) -> Diagnostic:
    """A tab is reported where it is, not where the block around it starts (lines earlier);
    that block is named in the hint as the second place to look."""
    mark = exc.problem_mark
    line, column = _clamp(text, mark.line + 1, mark.column + 1)
    hint = "YAML does not allow tabs for indentation: use spaces"
    if exc.context_mark is not None and any(o in context for o in _OPENERS):
        what = context.replace("while scanning a ", "").replace("while parsing a ", "")
        hint += (f" (in the {what} that starts at line {exc.context_mark.line + 1}, "
                 f"column {exc.context_mark.column + 1})")
    return Diagnostic(shown, line, column, "error", f"YAML syntax error: {(exc.problem or '').strip()}", hint)


def _duplicate_key(shown: str, exc: DuplicateKeyError) -> Diagnostic:
    match = re.search(r'duplicate key "(.*?)"', exc.problem or "")
    name = match.group(1) if match else "?"
    mark = exc.problem_mark
    first = None
    if exc.context_mark is not None:
        first = (f"'{name}' is already set in the same mapping (which starts at line {exc.context_mark.line + 1}); "
                 "remove one of them")
    return Diagnostic(shown, mark.line + 1, mark.column + 1, "error", f"duplicate key '{name}'", first)


def _too_deep(shown: str, text: str) -> Diagnostic:
    depth, line, column = 0, 1, 1
    for offset, char in enumerate(text):
        depth += char in "[{"
        depth -= char in "]}"
        if depth > MAX_DEPTH:
            line, column = position_of(text, offset)
            break
    return Diagnostic(shown, line, column, "error", f"nested more than {MAX_DEPTH} levels deep",
                      "a playbook never needs this much nesting; check for stray brackets")


def _first_alias(text: str) -> tuple[int, int]:
    match = re.search(r"(?<![\w*])\*[^\s,\]}]+", text)
    return position_of(text, match.start()) if match else (1, 1)


def _check_depth(data: Any) -> str | None:
    """Nesting depth only: without an anchor ('&') a file has no alias to expand or loop."""
    stack: list[tuple[Any, int]] = [(data, 0)] if isinstance(data, (dict, list)) else []
    while stack:
        obj, depth = stack.pop()
        if depth > MAX_DEPTH:
            return "depth"
        children = obj.values() if isinstance(obj, dict) else obj
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return None


def _check_bounds(data: Any) -> str | None:
    """Measure the expanded size without expanding: shared (aliased) nodes are counted once per use."""
    sizes: dict[int, int] = {}
    # Iterative post-order walk: (object, depth, children_done)
    stack: list[tuple[Any, int, bool]] = [(data, 0, False)]
    in_progress: set[int] = set()
    while stack:
        obj, depth, done = stack.pop()
        if not isinstance(obj, (dict, list)):
            continue
        ident = id(obj)
        children = list(obj.keys()) + list(obj.values()) if isinstance(obj, dict) else obj
        if done:
            in_progress.discard(ident)
            total = 1 + sum(sizes.get(id(c), 1) for c in children)
            if total > MAX_NODES:
                return f"anchors and aliases expand to more than {MAX_NODES:,} values"
            sizes[ident] = total
            continue
        if ident in sizes:
            continue
        if ident in in_progress:
            return "an alias refers to the block that contains it"
        if depth > MAX_DEPTH:
            return "depth"
        in_progress.add(ident)
        stack.append((obj, depth, True))
        stack.extend((c, depth + 1, False) for c in children if isinstance(c, (dict, list)))
    return None
