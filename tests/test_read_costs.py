"""What a daily read (`dag`, `case show`) does not pay for: the shapes that keep it near the floor of a Typer +
SQLAlchemy Core command (benchmarks/commands.py measures the speed itself; nothing here is timed)."""

from __future__ import annotations

import subprocess
import sys

GC_AT_TYPER = """
import gc, sys
from importlib.abc import MetaPathFinder

seen = []


class Watch(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            seen.append(gc.isenabled())
        return None


sys.meta_path.insert(0, Watch())
sys.argv = ["samfam", "--version"]
from samfam.cli import main

try:
    main()
except SystemExit:
    pass
print(seen, file=sys.stderr)
"""


def test_the_command_line_is_imported_with_the_garbage_collector_off():
    """`samfam` turns the cyclic garbage collector off (samfam.cli.app.main) before typer and the command line are
    imported, not after: their imports make the tens of thousands of objects it would otherwise rescan."""
    result = subprocess.run([sys.executable, "-c", GC_AT_TYPER], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "[False]"
