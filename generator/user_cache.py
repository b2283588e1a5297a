"""Where the tool keeps what it can rebuild: compiled draft-checker rules, compiled templates.

Everything here is a cache keyed by the exact inputs, so deleting the folder only costs
speed, and a folder that cannot be written is ignored.

Where: $PLAYBOOK_CACHE_DIR, else the user's cache folder as platformdirs finds it
($XDG_CACHE_HOME/social-playbook, else ~/.cache/social-playbook on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_path


def cache_dir() -> Path:
    if os.environ.get("PLAYBOOK_CACHE_DIR"):
        return Path(os.environ["PLAYBOOK_CACHE_DIR"])
    return user_cache_path("social-playbook", appauthor=False)
