"""`python -m generator` is the same as the `playbook` command."""

from .cli import main

main(prog_name="playbook")
