"""Property tests: however a policy editor mangles the example playbook, validation answers
with located diagnostics and exit 0 or 1 — never a traceback, never a line outside the file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "playbook"
FILES = sorted(p.name for p in EXAMPLE.glob("*.yaml"))

NASTY = st.sampled_from(["\t", "[", "]", "{", "}", '"', "'", ":", ": ", "- ", "&a ", "*a", "!!python/name:os.system",
                         "#", "\x00", "\ufeff", "é", "%YAML 1.1\n", "---\n", "...\n", "? ", "|", ">", "\n  ", "\n"])
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def validate_copy(tmp_path: Path, name: str, content: bytes) -> None:
    """Validate a copy of the example with one file replaced; check the contract of the output."""
    target = tmp_path / "pb"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(EXAMPLE, target)
    (target / name).write_bytes(content)
    result = CliRunner().invoke(main, ["validate", "--playbook", str(target), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1)
    import json

    payload = json.loads(result.stdout)
    for item in payload["diagnostics"]:
        raw = Path(item["file"]).read_bytes() if Path(item["file"]).is_file() else b""
        lines = raw.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n").split("\n")
        assert 1 <= item["line"] <= len(lines), item
        assert item["column"] >= 1, item
        assert item["message"]


@SETTINGS
@given(name=st.sampled_from(FILES), data=st.data())
def test_text_mutations_never_crash(tmp_path, name, data):
    original = (EXAMPLE / name).read_text(encoding="utf-8")
    at = data.draw(st.integers(0, len(original)))
    cut = data.draw(st.integers(0, 40))
    insert = data.draw(st.lists(NASTY | st.text(max_size=5), max_size=4).map("".join))
    mutated = original[:at] + insert + original[at + cut:]
    validate_copy(tmp_path, name, mutated.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(name=st.sampled_from(FILES), data=st.data())
def test_structure_mutations_never_crash(tmp_path, name, data):
    yaml = YAML()
    tree = yaml.load((EXAMPLE / name).read_text(encoding="utf-8"))
    node, path = tree, []
    for _ in range(data.draw(st.integers(1, 6))):
        if isinstance(node, dict) and node:
            key = data.draw(st.sampled_from(sorted(node, key=str)))
        elif isinstance(node, list) and node:
            key = data.draw(st.integers(0, len(node) - 1))
        else:
            break
        path.append((node, key))
        node = node[key]
    if not path:
        return
    parent, key = path[-1]
    replacement = data.draw(st.one_of(
        st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
        st.text(max_size=30), st.lists(st.text(max_size=5), max_size=3),
        st.dictionaries(st.text(min_size=1, max_size=8), st.integers(), max_size=2), st.just("__delete__")))
    if replacement == "__delete__":
        del parent[key]
    else:
        parent[key] = replacement
    from io import StringIO

    out = StringIO()
    yaml.dump(tree, out)
    validate_copy(tmp_path, name, out.getvalue().encode("utf-8", "surrogatepass"))


@SETTINGS
@given(content=st.binary(max_size=300))
def test_random_bytes_never_crash(tmp_path, content):
    validate_copy(tmp_path, "zz-random.yaml", content)
