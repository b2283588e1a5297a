"""Diagrams drawn at build time as inline SVG: no script, no CDN, legible in print and offline.

A `Chart` (charts.py) becomes one `<figure>`: an org chart or a triage tree as an indented
tree (a node under the node it comes from, one row each, so a wide organisation grows
down the page instead of shrinking its labels), a ladder as a column of steps with the
hand-over deadline beside each arrow. Labels are set at the body text's size (16 px at
1280 px) and wrapped, never scaled down; the figure scrolls inside itself (focusable) on a
screen narrower than the drawing. Colours are `currentColor` and the theme's variables,
so dark mode and print follow the page. Every label is YAML text and is HTML-escaped here;
a screen reader gets the chart's `<title>` and a `<desc>` that spells every arrow out.

Text is measured with a per-character width table (there is no font at build time): it
errs wide, so a label never overflows its box.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from markupsafe import Markup, escape

from .charts import Chart, Node

FONT = 16  # px: Material's body text at 1280 px (0.8rem of a 20 px root)
LINE = 21  # px between lines of one label
PAD_X, PAD_Y = 10, 8  # inside a box
INDENT = 28  # px per tree level
ROW_GAP = 10  # px between tree rows
ARROW = 46  # px between two ladder steps: room for the hand-over label
MAX_TEXT = 300  # px of text per line before a label wraps
MARGIN = 2
_NARROW = frozenset("fijlrtI.,;:'!|()[] ")
_WIDE = frozenset("mwMW@%")


@dataclass(frozen=True)
class Row:
    """One drawn box: its node, its depth in the tree, and the arrow label that leads to it."""

    node: Node
    depth: int
    parent: int | None  # index of the parent row
    via: str | None
    group: str | None
    tail: tuple[Node, str | None] | None = None  # a single outcome (stadium) child, drawn on the same row




def text_width(text: str) -> float:
    """An upper estimate of `text`'s width at FONT px in a sans-serif face."""
    em = 0.0
    for char in text:
        if char in _NARROW:
            em += 0.32
        elif char in _WIDE:
            em += 0.9
        elif char.isupper() or char.isdigit():
            em += 0.66
        else:
            em += 0.56
    return em * FONT


def wrap(text: str, limit: float = MAX_TEXT) -> list[str]:
    """Words filled into lines no wider than `limit`; a single longer word keeps its own line."""
    lines: list[str] = []
    for word in " ".join(text.split()).split(" "):
        if lines and text_width(lines[-1] + " " + word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def tree_rows(chart: Chart) -> list[Row]:
    """The chart unfolded into a tree, depth first in edge order.

    A node reached twice (a severity that several triggers lead to) is drawn again as a
    leaf under each; its own children are drawn once, under its first appearance.
    """
    nodes = {node.id: node for group in chart.groups for node in group.nodes} | {n.id: n for n in chart.nodes}
    group_of = {node.id: group.label for group in chart.groups for node in group.nodes}
    children: dict[str, list[tuple[str, str | None]]] = {}
    targets = set()
    for edge in chart.edges:
        children.setdefault(edge.source, []).append((edge.target, edge.label))
        targets.add(edge.target)
    rows: list[Row] = []
    expanded: set[str] = set()

    def visit(node_id: str, depth: int, parent: int | None, via: str | None) -> None:
        below = children.get(node_id, []) if node_id not in expanded else []
        expanded.add(node_id)
        if len(below) == 1 and not children.get(below[0][0]) and nodes[below[0][0]].shape == "stadium":
            # an outcome (a trigger's severity) sits on its question's row: the tree stays short
            leaf, label = below[0]
            expanded.add(leaf)
            rows.append(Row(nodes[node_id], depth, parent, via, group_of.get(node_id), (nodes[leaf], label)))
            return
        rows.append(Row(nodes[node_id], depth, parent, via, group_of.get(node_id)))
        here = len(rows) - 1
        for target, label in below:
            visit(target, depth + 1, here, label)

    for node_id in nodes:
        if node_id not in targets:
            visit(node_id, 0, None, None)
    for node_id in nodes:  # anything only reachable through a cycle still gets drawn
        if node_id not in expanded and not any(r.node.id == node_id for r in rows):
            visit(node_id, 0, None, None)
    return rows


def _radius(shape: str, height: float) -> float:
    return {"round": 12.0, "stadium": height / 2, "decision": 2.0}.get(shape, 4.0)


def _label(lines: list[str], x: float, y: float, css: str = "pb-d-text") -> str:
    """Lines of text starting at (x, y) as the first baseline, each escaped."""
    spans = "".join(f'<tspan x="{x:g}" y="{y + n * LINE:g}">{escape(line)}</tspan>' for n, line in enumerate(lines))
    return f'<text class="{css}">{spans}</text>'


def _box(node: Node, lines: list[str], x: float, y: float, width: float, height: float) -> str:
    css = "pb-d-box" if node.shape == "box" else f"pb-d-box pb-d-{node.shape}"
    return (f'<rect class="{css}" x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}" '
            f'rx="{_radius(node.shape, height):g}"/>' + _label(lines, x + PAD_X, y + PAD_Y + FONT - 2))


def _lines_of(row: Row) -> list[str]:
    lines = wrap(row.node.label)
    return [*lines, *wrap(f"({row.group})")] if row.group else lines


def draw_tree(chart: Chart, arrow_id: str) -> tuple[list[str], float, float]:
    """An indented tree: each row's box under its parent's, a connector from the parent's left edge."""
    rows = tree_rows(chart)
    parts: list[str] = []
    anchors: list[tuple[float, float, float]] = []  # per row: connector x, box top, box bottom
    y, width = float(MARGIN), 0.0
    for row in rows:
        lines = _lines_of(row)
        x = float(MARGIN + row.depth * INDENT)
        if row.via:
            via = wrap(row.via, MAX_TEXT / 2)
            parts.append(_label(via, x + 4, y + PAD_Y + FONT - 2, "pb-d-via"))
            x += max(text_width(line) for line in via) + 14
        box_w = max(text_width(line) for line in lines) + 2 * PAD_X
        box_h = len(lines) * LINE + 2 * PAD_Y - (LINE - FONT)
        parts.append(_box(row.node, lines, x, y, box_w, box_h))
        if row.tail:
            box_w += _draw_tail(parts, row.tail, x + box_w, y, box_h, arrow_id)
        if row.parent is not None:
            px, _, pbottom = anchors[row.parent]
            mid = y + min(box_h / 2, PAD_Y + FONT / 2)
            parts.append(f'<path class="pb-d-line" d="M{px:g} {pbottom:g}V{mid:g}H{MARGIN + row.depth * INDENT:g}"/>')
        anchors.append((MARGIN + row.depth * INDENT + INDENT / 2, y, y + box_h))
        width = max(width, x + box_w)
        y += box_h + ROW_GAP
    return parts, width + MARGIN, y - ROW_GAP + MARGIN


def _draw_tail(parts: list[str], tail: tuple[Node, str | None], x: float, y: float, height: float,
               arrow_id: str) -> float:
    """A leaf drawn right of its parent: an arrow (with its label above it), then the leaf's box."""
    node, label = tail
    arrow = max(36.0, text_width(label) + 12 if label else 0.0)
    mid = y + height / 2
    parts.append(f'<path class="pb-d-line" d="M{x:g} {mid:g}H{x + arrow - 2:g}" marker-end="url(#{arrow_id})"/>')
    if label:
        parts.append(_label([label], x + 6, mid - 6, "pb-d-via"))
    lines = wrap(node.label, MAX_TEXT / 2)
    leaf_h = len(lines) * LINE + 2 * PAD_Y - (LINE - FONT)
    leaf_w = max(text_width(line) for line in lines) + 2 * PAD_X
    parts.append(_box(node, lines, x + arrow, mid - leaf_h / 2, leaf_w, leaf_h))
    return arrow + leaf_w


def draw_column(chart: Chart, arrow_id: str) -> tuple[list[str], float, float]:
    """A sequence top to bottom: each step a box, each arrow labelled with its hand-over condition."""
    labels = {edge.target: edge.label for edge in chart.edges}
    parts: list[str] = []
    y, width = float(MARGIN), 0.0
    for number, node in enumerate(chart.nodes):
        if number:
            top = y
            via = wrap(str(labels.get(node.id) or ""), MAX_TEXT + 120)
            y += ARROW + (len(via) - 1) * LINE
            parts.append(f'<path class="pb-d-line" d="M{MARGIN + 24:g} {top:g}V{y - 2:g}" '
                         f'marker-end="url(#{arrow_id})"/>')
            parts.append(_label(via, MARGIN + 40, (top + y) / 2 - (len(via) - 1) * LINE / 2 + FONT / 2 - 2, "pb-d-via"))
            width = max(width, MARGIN + 40 + max(text_width(line) for line in via))
        lines = wrap(node.label, MAX_TEXT + 120)
        box_w = max(text_width(line) for line in lines) + 2 * PAD_X
        box_h = len(lines) * LINE + 2 * PAD_Y - (LINE - FONT)
        parts.append(_box(node, lines, MARGIN, y, box_w, box_h))
        width = max(width, MARGIN + box_w)
        y += box_h
    return parts, width + MARGIN, y + MARGIN


def describe(chart: Chart) -> str:
    """Every arrow in words, for readers who cannot see the drawing."""
    names = {node.id: node.label for group in chart.groups for node in group.nodes} | {
        n.id: n.label for n in chart.nodes}
    arrows = [f"{names[e.source]} → {names[e.target]}" + (f" ({e.label})" if e.label else "") for e in chart.edges]
    return "; ".join(arrows) + "." if arrows else ", ".join(names.values()) + "."


def draw(chart: Chart, title: str) -> Markup:
    """The chart as a focusable, scrollable figure holding one accessible inline SVG."""
    key = hashlib.sha256(repr((chart, title)).encode("utf-8")).hexdigest()[:8]
    ident = f"pb-d-{key}"
    if chart.layout == "column":
        parts, width, height = draw_column(chart, f"{ident}-arrow")
    else:
        parts, width, height = draw_tree(chart, f"{ident}-arrow")
    marker = (f'<defs><marker id="{ident}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
              f'markerHeight="8" orient="auto"><path class="pb-d-head" d="M0 0L10 5L0 10z"/></marker></defs>')
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" class="pb-d-svg" width="{width:.0f}" height="{height:.0f}" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-labelledby="{ident}-t {ident}-d">'
           f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(describe(chart))}</desc>'
           f'{marker}{"".join(parts)}</svg>')
    return Markup(f'<figure class="pb-diagram">\n<div class="pb-diagram-scroll" tabindex="0" role="group" '
                  f'aria-label="{escape(title)} (diagram)">{svg}</div>\n</figure>')
