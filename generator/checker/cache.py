"""Compiled rules kept between runs of `playbook check`.

An editor hook or a CI loop checks many drafts against the same policy; loading and
validating the YAML each time would cost more than starting the tool. The rules document is
stored under a key made of the tool's version and code, today's date and the exact bytes of
every playbook file, so any edit (a broken one included) misses the cache and goes through
full validation again: a broken policy is never checked against. The code is in the key
because a development install keeps its version number while what the rules hold changes.

Where: see generator/user_cache.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..read.source import discover
from ..user_cache import read_json, write_json
from .document import FORMAT


@cache
def code_digest() -> str:
    """The package's own source and the knowledge packs' data, once per run (about 130 small
    files): a pack updated in place changes what the rules hold."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted([*package.rglob("*.py"), *(package / "packs" / "data").glob("*.yaml")]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(directory: Path, today: dt.date) -> str | None:
    """A digest of everything the rules depend on, or None when the folder cannot be read."""
    # FORMAT and the code too: a document cached by other code lacks (or misreads) newer keys.
    digest = hashlib.sha256(f"{__version__}\0{code_digest()}\0{FORMAT}\0{today.isoformat()}\0".encode())
    try:
        for path in discover(directory):
            digest.update(path.relative_to(directory).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def read_cached(key: str) -> dict[str, Any] | None:
    found = read_json(f"rules-{key}")
    return found if isinstance(found, dict) else None


def write_cached(key: str, rules: dict[str, Any]) -> None:
    """Store the rules; a cache that cannot be written only costs speed."""
    write_json(f"rules-{key}", rules)
