"""The command line: the only package that imports typer.

app.py holds the root command and the registry from which each command module is imported only
when its command runs; options.py the parsers, option types and context helpers the commands
share; helptext.py `--help` in the reader's language; every other module one group of commands.
A command parses its options, makes one call to an action or a view, and renders the result.
Heavy modules (SQLAlchemy, the store, the views and actions, rich) are imported inside the
commands, so `--help` and `--version` stay fast.
"""


def main() -> None:
    """The `samfam` command (samfam.cli.app.main), with the cyclic garbage collector off before typer and the
    command line are imported: their imports make tens of thousands of objects that it would rescan, and a
    command lives well under a second (see samfam.cli.app.main).

    When the command has ended (its database closed, its output written), every object is frozen (`gc.freeze`):
    Python's shutdown would otherwise rescan them all for cycles once more and free the cycles one by one, memory
    the ending process gives back anyway (measured: 6 % of a daily read's instructions, and 0.07–0.1 s of its
    0.3–0.4 s of CPU on a 2-core machine, the rescan missing the processor's caches)."""
    import gc

    gc.disable()
    from samfam.cli.app import main as run

    try:
        run()
    finally:
        gc.freeze()


__all__ = ["main"]
