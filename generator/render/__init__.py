"""Stage 7, render: a validated playbook in, {page path: Markdown} plus navigation out.

site.py lists the page producers (one module per page kind under pages/); context.py holds
what they share; nav.py shapes the navigation; project.py is load-then-render in one call.
Nothing here writes files or imports MkDocs.
"""
