"""`playbook init DIR` starts a new team's playbook from the example, and never overwrites one."""

from __future__ import annotations

from click.testing import CliRunner

from generator.cli import main


def test_init_creates_a_valid_playbook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", "team"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "team" / "mkdocs.yml").is_file()
    assert (tmp_path / "team" / "schema" / "playbook.schema.json").is_file()
    files = sorted(p.name for p in (tmp_path / "team" / "playbook").glob("*.yaml"))
    assert len(files) >= 5
    validated = CliRunner().invoke(main, ["validate", "--playbook", "team/playbook", "--strict"])
    assert validated.exit_code == 0, validated.stderr


def test_init_refuses_an_existing_playbook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "team" / "playbook").mkdir(parents=True)
    (tmp_path / "team" / "playbook" / "mine.yaml").write_text("roles: []\n")
    result = CliRunner().invoke(main, ["init", "team"])
    assert result.exit_code == 1
    assert "team/playbook:1:1: error: 'playbook init' will not write here: it already exists and is not empty" \
           in result.stderr
    assert (tmp_path / "team" / "playbook" / "mine.yaml").read_text() == "roles: []\n"


def test_python_m_generator_is_the_same_command():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("playbook, version ")
