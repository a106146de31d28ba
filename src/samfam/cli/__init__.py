"""The command line: the only package that imports typer.

app.py holds the root command and the registry from which each command module is imported only
when its command runs; options.py the parsers, option types and context helpers the commands
share; helptext.py `--help` in the reader's language; every other module one group of commands.
A command parses its options, makes one call to an action or a view, and renders the result.
Heavy modules (SQLAlchemy, the store, the views and actions, rich) are imported inside the
commands, so `--help` and `--version` stay fast.
"""

from samfam.cli.app import main

__all__ = ["main"]
