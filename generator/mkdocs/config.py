"""What a rendered handbook asks of the MkDocs configuration, decided once for every output.

The plugin applies these settings to MkDocs' live config; `playbook generate` writes them
into a stand-alone mkdocs.yml. Keeping the decision here means both outputs agree on the
navigation, the site name and the extra CSS and JavaScript, so they build the same site.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from markupsafe import Markup, escape

from ..diagnostics import UserError
from ..render.escape import escape_plain
from ..render.project import Rendered
from ..render.site import Site

# The site_name the shipped mkdocs.yml carries; a team that keeps it gets the handbook's title.
PLACEHOLDER_SITE_NAMES = frozenset({"", "Social team handbook", "My Docs"})
APPENDED = ("extra_css", "extra_javascript")  # lists the handbook adds to, after the user's entries


def config_updates(rendered: Rendered, current: Mapping[str, Any]) -> dict[str, Any]:
    """The config keys to set: nav unless the user wrote one, title unless named.

    `extra_css` and `extra_javascript` hold the assets to append (the user's own entries,
    with their attributes, stay first and untouched).
    """
    updates: dict[str, Any] = {}
    if not current.get("nav"):
        updates["nav"] = escape_nav(rendered.site.nav)
    if (current.get("site_name") or "") in PLACEHOLDER_SITE_NAMES:
        updates["site_name"] = html_text(rendered.title)
    for key, assets in (("extra_css", rendered.site.extra_css),
                        ("extra_javascript", rendered.site.extra_javascript)):
        present = [str(getattr(item, "path", item)) for item in current.get(key) or []]
        updates[key] = [a for a in assets if a not in present]
    return updates


def html_text(value: str) -> Markup:
    """Text from YAML made safe for themes that print config values unescaped.

    Material prints site_name and nav titles raw into elements and double-quoted attributes,
    and its `| e` filter leaves Markup alone, so this is escaped once and shown right.
    markupsafe escapes; its spelling is then put back to what these titles have always
    carried: '"' as &quot; (markupsafe writes &#34;), and apostrophes as they are (it writes
    &#39;), since they cannot end a double-quoted attribute. Those codes come only from the
    escaped characters: the "&" of a typed "&#39;" has already become "&amp;".
    """
    return Markup(str(escape(value)).replace("&#34;", "&quot;").replace("&#39;", "'"))


def apply_updates(config: MutableMapping[str, Any], updates: Mapping[str, Any]) -> None:
    """Set the decided keys on a config (MkDocs' live one or a round-trip YAML mapping)."""
    for key, value in updates.items():
        if key in APPENDED:
            config.setdefault(key, []).extend(value)
        else:
            config[key] = value


def with_hand_written(nav: list[Any], pages: list[str]) -> list[Any]:
    """The generated nav followed by the team's own docs/ pages, so none is left unlisted."""
    listed = {item for item in nav if isinstance(item, str)}
    return [*nav, *sorted(p for p in pages if p.endswith(".md") and p not in listed)]


def escaped_striptags(value: Any) -> Markup:
    """Jinja's striptags, but the text it returns stays escaped (it unescapes entities)."""
    return escape(Markup(str(value)).striptags())


def escape_nav(nav: list[Any]) -> list[Any]:
    """The nav with every title (they come from YAML names) escaped by html_text."""
    escaped: list[Any] = []
    for item in nav:
        if isinstance(item, dict):
            escaped.append({html_text(str(title)): escape_nav(value) if isinstance(value, list) else value
                            for title, value in item.items()})
        else:
            escaped.append(item)
    return escaped


def generated_files(site: Site) -> list[tuple[str, str | bytes, str | None]]:
    """Every page and asset as (path in docs, content, YAML source), in path order."""
    files: list[tuple[str, str | bytes, str | None]] = [
        (path, page.markdown, page.source) for path, page in site.pages.items()]
    files += [(path, content, None) for path, content in site.assets.items()]
    return sorted(files, key=lambda item: item[0])


def hidden_page_error(docs_prefix: str, path: str) -> UserError:
    return UserError.at(f"{docs_prefix}/{path}", "this file hides the generated page at the same path",
                      "rename or remove the hand-written file")


def problems_markdown(error: UserError) -> str:
    """A preview page listing the playbook's problems, so `serve` can stay up and show them."""
    lines = ["# The playbook has errors", "",
             "Fix these in the YAML files and save: this preview reloads by itself.", ""]
    lines += [f"- {escape_plain(d.format())}" for d in error.report.sorted()]
    return "\n".join(lines) + "\n"
