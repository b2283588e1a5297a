"""Stage 8, publish (an edge): the only place that touches MkDocs or writes output folders.

project.py finds the project (mkdocs.yml, the policy folder) the one way every command
does, reading mkdocs.yml with ruamel.yaml so that commands which only read the policy never
import MkDocs; plugin.py serves the rendered pages to MkDocs from memory; build.py runs
MkDocs for `playbook build` and `serve`; standalone.py writes plain files plus a
plugin-free mkdocs.yml for other engines; config.py decides what the handbook asks of the
config; writer.py stages output and swaps it in whole.
"""
