"""Install what the tests need and pip cannot: Debian's Chromium and faketime, npm's axe-core and iframe-worker.

faketime moves the system clock for one command: test_clock.py runs the non-browser suite two
years ahead with it, to prove that no test reads the real date.

axe-core checks accessibility in the browser tests; iframe-worker is the upstream of the shim
the offline bundle ships (generator/mkdocs/vendor/), which a test compares with it.

Run by the README's test command (and so by .ci/run) before pytest. Each step is skipped
when its result is already present, so a second run costs nothing. The tests themselves
never skip: if this script could not install something, they fail and say why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
NPM_PREFIX = ROOT / ".cache" / "npm"
NPM_PACKAGES = {"axe-core@4": NPM_PREFIX / "node_modules" / "axe-core" / "axe.min.js",
                "iframe-worker@1.0.4": NPM_PREFIX / "node_modules" / "iframe-worker" / "shim" / "index.js"}
CHROMIUM = Path("/usr/bin/chromium")
FAKETIME = Path("/usr/bin/faketime")


def run(command: list[str]) -> None:
    if os.geteuid() != 0 and command[0] == "apt-get" and shutil.which("sudo"):
        command = ["sudo", *command]
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def apt_install(*packages: str) -> None:
    run(["apt-get", "update", "-qq"])
    run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages])


def main() -> int:
    debian = [package for package, path in (("chromium", CHROMIUM), ("faketime", FAKETIME)) if not path.exists()]
    if debian:
        apt_install(*debian, *(["fonts-liberation"] if "chromium" in debian else []))
    wanted = [package for package, path in NPM_PACKAGES.items() if not path.exists()]
    if wanted:
        if not shutil.which("npm"):
            apt_install("nodejs", "npm")
        NPM_PREFIX.mkdir(parents=True, exist_ok=True)
        run(["npm", "install", "--prefix", str(NPM_PREFIX), "--no-audit", "--no-fund", "--silent", *wanted])
    missing = [str(p) for p in (CHROMIUM, FAKETIME, *NPM_PACKAGES.values()) if not p.exists()]
    if missing:
        print("could not install: " + ", ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
