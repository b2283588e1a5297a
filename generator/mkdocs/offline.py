"""The offline bundle: a handbook that works opened from disk (file://), with no network at all.

Material's own `offline` plugin does most of it (search index as a script, no directory
URLs). Three things are ours:
- the plugin asks unpkg.com for `iframe-worker` (search's Web Worker cannot start from
  file://); we ship that shim inside this package (vendor/iframe-worker/, MIT, the npm
  package's shim/index.js byte for byte, checked by a test) and point Material at it, so a
  user's `playbook build --offline` needs neither npm nor network;
- the checker and the triage wizard fetch() rules.json, which file:// refuses: the rules
  are also written as a script (rules.js) that sets them before the tools start, with page
  addresses of .html files;
- `playbook build --offline` turns the plugin on even when mkdocs.yml does not list it.

`mkdocs build` with the plugin enabled in mkdocs.yml (`OFFLINE=true`, as the shipped
mkdocs.yml reads it) gets the same bundle: the playbook plugin reacts to it in on_config.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from ..checker.rules import offline_rules_script
from ..queries import paths
from ..render.pages.checker import RULES
from ..render.site import Site
from .outputs import MARKER

OFFLINE_PLUGIN = "material/offline"
SHIM_SOURCE = Path(__file__).parent / "vendor" / "iframe-worker" / "shim.js"
SHIM = "assets/javascripts/iframe-worker/shim.js"  # "iframe-worker" in the path: Material then adds no CDN copy
RULES_SCRIPT = f"{paths.ASSETS}/rules.js"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same site gives the same zip


def offline_enabled(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get(OFFLINE_PLUGIN)
    return plugin is not None and bool(plugin.config.get("enabled", True))


def enable_offline(config: MkDocsConfig) -> None:
    """Turn Material's offline plugin on, adding it when mkdocs.yml does not list it."""
    plugin = config.plugins.get(OFFLINE_PLUGIN)
    if plugin is None:
        from material.plugins.offline.plugin import OfflinePlugin  # type: ignore[import-untyped]

        plugin = OfflinePlugin()
        plugin.load_config({"enabled": True}, config.config_file_path)
        config.plugins[OFFLINE_PLUGIN] = plugin
    plugin.config["enabled"] = True


def prepare_offline_config(config: MkDocsConfig) -> None:
    """File URLs, the local iframe-worker shim instead of unpkg's, and the rules as a script.

    Instant navigation goes too: it fetch()es each page (and the sitemap), which file://
    refuses, and then never tells the page's scripts that the page is shown.
    """
    config.use_directory_urls = False
    features = config.theme.get("features") or []
    config.theme["features"] = [f for f in features if not str(f).startswith("navigation.instant")]
    polyfills: list[Any] = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    config.extra["polyfills"] = [SHIM, *polyfills]
    if RULES_SCRIPT not in [str(getattr(s, "path", s)) for s in config.extra_javascript]:
        config.extra_javascript.insert(0, RULES_SCRIPT)


def offline_files(site: Site) -> list[tuple[str, str | bytes]]:
    """The extra files of an offline build: the shim, and the rules script if there is a checker."""
    files: list[tuple[str, str | bytes]] = [(SHIM, SHIM_SOURCE.read_bytes())]
    if RULES in site.assets:
        files.append((RULES_SCRIPT, offline_rules_script(site.assets[RULES].decode("utf-8"))))
    return files


def zip_site(site_dir: Path, out: Path, top: str) -> int:
    """Write `site_dir` into the zip `out` under one top folder (`handbook/`); returns the file count.

    Sorted, with fixed dates and modes, so the same site gives byte-identical zips. The
    caller writes `out` as a staged file (writer.py), so a failed run leaves no half-written
    zip behind; the site's output marker stays out of the zip.
    """
    files = sorted(p for p in site_dir.rglob("*") if p.is_file() and p.relative_to(site_dir).as_posix() != MARKER)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            info = zipfile.ZipInfo(f"{top or 'handbook'}/{file.relative_to(site_dir).as_posix()}", ZIP_DATE)
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, file.read_bytes())
    return len(files)
