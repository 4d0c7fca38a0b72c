"""Sub-commands of the ``reader`` command line, one module each.

Each module exposes ``register(subparsers)`` that adds its parser and sets ``func`` to a
callable taking the parsed arguments and returning an exit status.
"""
