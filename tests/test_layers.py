"""The boundaries between layers, and the start-up path, checked on every CI run."""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "samfam"
ROOT = SRC.parents[1]
STDLIB = sys.stdlib_module_names

#: Which of samfam's own packages each package may import: the direction of the layers.
#: `rules` (pure) at the bottom; `store` the database; `views` read, `actions` write (and may read);
#: `documents` and `output` render plain values (the terminal takes the weekly report's section list
#: from the pure `documents.sections`, so `output` sits above `documents`); `cli` parses, calls one
#: action or view, renders.
ALLOWED = {
    "errors": set(),
    "settings": set(),
    "rules": {"errors"},
    "store": {"errors", "settings", "rules"},
    "context": {"settings", "store"},
    "views": {"errors", "settings", "rules", "store", "context"},
    "actions": {"errors", "settings", "rules", "store", "context", "views"},
    "documents": {"errors", "rules"},
    "output": {"errors", "documents"},
    "inputs": {"errors", "rules"},
    "demo": {"errors", "settings", "rules", "store", "context", "views", "actions"},
    "cli": {
        "errors",
        "settings",
        "rules",
        "context",
        "views",
        "actions",
        "documents",
        "output",
        "inputs",
        "demo",
        "__init__",
    },  # fmt: skip
    "__main__": {"cli"},
    "__init__": set(),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _samfam_modules() -> dict[str, Path]:
    return {_module_name(p): p for p in SRC.rglob("*.py") if "migrations" not in p.parts}


def _runtime_imports(path: Path) -> set[str]:
    """Every module imported anywhere in the file (functions too), except under `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
        for child in node.body
        for n in ast.walk(child)
    }
    names: set[str] = set()
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            names.add(base)
            names |= {f"{base}.{alias.name}" for alias in node.names}
    return names


@functools.cache
def _graph() -> dict[str, frozenset[str]]:
    """Parsed once per session: every parametrized test reads the same graph."""
    modules = _samfam_modules()
    return {
        name: frozenset(m for m in _runtime_imports(path) if m in modules and m != name)
        for name, path in modules.items()
    }


def _internal_graph() -> dict[str, frozenset[str]]:
    return dict(_graph())


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


@pytest.mark.parametrize("module", sorted(_samfam_modules()))
def test_each_package_imports_only_the_layers_below_it(module):
    layer = _layer(module)
    crossing = {_layer(m) for m in _internal_graph()[module]} - {layer}
    assert crossing <= ALLOWED[layer], f"{module} imports {sorted(crossing - ALLOWED[layer])}"


def test_no_read_imports_a_write():
    graph = _internal_graph()
    for module, imported in graph.items():
        if _layer(module) == "views":
            assert not {m for m in imported if _layer(m) == "actions"}, module


def test_there_is_no_import_cycle_anywhere():
    graph = _internal_graph()
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join(path[path.index(nxt) :] + [nxt]))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


@pytest.mark.parametrize("module", sorted(p.name for p in (SRC / "rules").glob("*.py")))
def test_rules_are_pure_standard_library_and_dateutil(module):
    """Pure: the standard library and dateutil; identity.py also python-stdnum's CPR validator."""
    imported = {name.split(".")[0] for name in _runtime_imports(SRC / "rules" / module)} - {"samfam", "__future__"}
    allowed = STDLIB | {"dateutil"} | ({"stdnum"} if module == "identity.py" else set())
    assert imported <= allowed, imported


@pytest.mark.parametrize(
    ("library", "owner"),
    [
        ("typer", "cli"),
        ("rich", "output.terminal"),
        ("sqlalchemy", "store"),
        ("sqlmodel", "store"),
        ("alembic", "store"),
        ("icalendar", "documents.calendar"),
        ("holidays", "views.workdays"),
    ],
)
def test_each_library_has_one_importer(library, owner):
    for module, path in _samfam_modules().items():
        if any(name.split(".")[0] == library for name in _runtime_imports(path)):
            assert module.removeprefix("samfam.").startswith(owner), f"{module} imports {library}"


@pytest.mark.parametrize("module", sorted(p.name for p in (SRC / "rules").glob("*.py")))
def test_rules_never_ask_the_clock_for_today(module):
    text = (SRC / "rules" / module).read_text(encoding="utf-8")
    assert "date.today()" not in text and "datetime.now(" not in text


def test_ruff_enforces_the_layer_boundaries_and_style():
    """typer only in cli, rich only in output.terminal, SQLAlchemy, SQLModel and Alembic only in store."""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks", "examples"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_do_not_import_sqlalchemy(flag):
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "samfam", flag], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    heavy = {name for name in imported if name.split(".")[0] in {"sqlalchemy", "sqlmodel", "alembic", "pydantic"}}
    assert heavy == set()


HELP_CHECK = """
import io, sys, contextlib
import typer, typer.main
from samfam.cli.app import app

root = typer.main.get_command(app)
paths = []

def walk(cmd, path):
    paths.append(path)
    if hasattr(cmd, "list_commands"):
        ctx = typer.Context(cmd, info_name=path[-1] if path else "samfam")
        for name in cmd.list_commands(ctx):
            walk(cmd.get_command(ctx, name), [*path, name])

walk(root, [])
heavy = ("sqlalchemy", "sqlmodel", "alembic", "pydantic")
for path in paths:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        app([*path, "--help"], prog_name="samfam")
    loaded = sorted({m.split(".")[0] for m in sys.modules} & set(heavy))
    if loaded:
        print("samfam", " ".join(path), "--help imports", ", ".join(loaded))
        break
print(len(paths), "helps")
"""


def test_every_command_help_imports_no_database_library():
    """`samfam COMMAND --help` for every command and group: no SQLAlchemy, SQLModel, pydantic or Alembic."""
    result = subprocess.run([sys.executable, "-c", HELP_CHECK], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "imports" not in result.stdout, result.stdout
    assert int(result.stdout.split()[0]) > 60, result.stdout  # every command was walked


def test_python_dash_m_samfam_works_like_samfam():
    result = subprocess.run([sys.executable, "-m", "samfam", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    from samfam import __version__

    assert result.stdout == f"samfam {__version__}\n"


@pytest.mark.parametrize("package", ["samfam.views", "samfam.actions", "samfam.cli"])
def test_commands_never_load_the_orm_or_sqlmodel(package):
    """Reads and writes run on SQLAlchemy Core: the ORM and SQLModel's pydantic models cost more than
    the query. Only migrations, the demo and the benchmark generator load the schema's models."""
    modules = sorted(m for m in _samfam_modules() if m == package or m.startswith(package + "."))
    code = (
        "import importlib, sys; "
        f"[importlib.import_module(m) for m in {modules!r}]; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlmodel', 'pydantic', 'alembic') "
        "or m.startswith('sqlalchemy.orm') or m == 'samfam.store.schema'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
