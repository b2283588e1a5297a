"""Stage 1, read: YAML files in, text and YAML trees with their positions out.

source.py reads a file safely and keeps positions; comments.py finds text a ' #word'
comment would drop; origins.py and naming.py say where an entity came from and what it
is called in messages; redate.py rewrites the example's dates. Nothing here knows the
model."""
