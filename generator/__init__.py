"""The social-team playbook generator: YAML policy in, training-and-operations handbook out."""

__version__ = "0.1.0"
