"""Where the tool keeps what it can rebuild: compiled draft-checker rules, compiled templates.

Everything here is a cache keyed by the exact inputs, so deleting the folder only costs
speed, and a folder that cannot be written is ignored.

Where: $PLAYBOOK_CACHE_DIR, else the user's cache folder as platformdirs finds it
($XDG_CACHE_HOME/social-playbook, else ~/.cache/social-playbook on Linux).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from platformdirs import user_cache_path


def cache_dir() -> Path:
    if os.environ.get("PLAYBOOK_CACHE_DIR"):
        return Path(os.environ["PLAYBOOK_CACHE_DIR"])
    return user_cache_path("social-playbook", appauthor=False)


def read_json(name: str) -> Any:
    """A cached JSON document, or None when it is missing or unreadable."""
    try:
        return json.loads((cache_dir() / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_json(name: str, data: Any) -> None:
    """Store a JSON document atomically; a cache that cannot be written only costs speed."""
    folder = cache_dir()
    target = folder / f"{name}.json"
    partial = folder / f".{name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False), encoding="utf-8")
        partial.replace(target)
    except OSError:
        partial.unlink(missing_ok=True)
