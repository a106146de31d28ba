"""The boundaries between layers, and the start-up path, checked on every CI run."""

from __future__ import annotations

import ast
import functools
import itertools
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

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
    "listing": set(),
    "words": {"errors", "settings", "files"},  # babel's month names kept in the user's cache folder
    "files": {"errors"},
    "rules": {"errors", "words"},
    "store": {"errors", "settings", "rules", "files"},
    "context": {"settings", "store"},
    "views": {"errors", "settings", "listing", "words", "files", "rules", "store", "context"},
    "actions": {"errors", "settings", "listing", "words", "files", "rules", "store", "context", "views"},
    "documents": {"errors", "listing", "words", "rules"},
    "output": {"errors", "listing", "words", "files", "documents"},
    "inputs": {"errors", "rules"},
    "demo": {"errors", "settings", "words", "rules", "store", "context", "views", "actions"},
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
        "listing",
        "words",
        "files",
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


class Imports(NamedTuple):
    """What one module imports, by how: `runtime` (`import` and `from … import`, at module level and in
    functions), `typing` (under `if TYPE_CHECKING:`: never run, but still a dependency on that layer),
    `dynamic` (`importlib.import_module("samfam.x")` or `__import__("samfam.x")` with a literal name) and
    `dynamic_packages` (the package of an f-string name, f"samfam.cli.{name}": some module in it)."""

    runtime: frozenset[str]
    typing: frozenset[str]
    dynamic: frozenset[str]
    dynamic_packages: frozenset[str]

    @property
    def every(self) -> frozenset[str]:
        return self.runtime | self.typing | self.dynamic | self.dynamic_packages

    @property
    def executed(self) -> frozenset[str]:
        """What runs: an import cycle among these is a real one (not one through `if TYPE_CHECKING:`)."""
        return self.runtime | self.dynamic


_DYNAMIC_IMPORTERS = {"import_module", "importlib.import_module", "__import__", "importlib.__import__"}


def _is_type_checking(test: ast.expr) -> bool:
    return ast.unparse(test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")


def _imports_in_source(source: str, module: str, *, is_package: bool = False) -> Imports:
    """Every module that `source`, the text of `module`, imports (see Imports)."""
    tree = ast.parse(source)
    typing_only = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _is_type_checking(node.test)
        for child in node.body
        for n in ast.walk(child)
    }
    package = module if is_package else module.rpartition(".")[0]
    runtime: set[str] = set()
    typing: set[str] = set()
    dynamic: set[str] = set()
    dynamic_packages: set[str] = set()
    for node in ast.walk(tree):
        names: set[str] = set()
        if isinstance(node, ast.Import):
            names = {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            names = {base} | {f"{base}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Call) and ast.unparse(node.func) in _DYNAMIC_IMPORTERS and node.args:
            name = node.args[0]
            if isinstance(name, ast.Constant) and isinstance(name.value, str) and not name.value.startswith("."):
                dynamic.add(name.value)
            elif isinstance(name, ast.JoinedStr):
                prefix = "".join(
                    str(v.value) for v in itertools.takewhile(lambda v: isinstance(v, ast.Constant), name.values)
                )
                if "." in prefix:
                    dynamic_packages.add(prefix.rpartition(".")[0])
            continue
        (typing if id(node) in typing_only else runtime).update(names)
    return Imports(frozenset(runtime), frozenset(typing), frozenset(dynamic), frozenset(dynamic_packages))


@functools.cache
def _imports(path: Path) -> Imports:
    return _imports_in_source(
        path.read_text(encoding="utf-8"), _module_name(path), is_package=path.name == "__init__.py"
    )


def _runtime_imports(path: Path) -> frozenset[str]:
    """Every module the file imports, however: the libraries' and the layers' rules hold for all of them."""
    return _imports(path).every


@functools.cache
def _graph(kind: str = "every") -> dict[str, frozenset[str]]:
    """samfam's modules and which of samfam's modules each imports (`kind`: an Imports property), parsed
    once per session: every parametrized test reads the same graph."""
    modules = _samfam_modules()
    return {
        name: frozenset(m for m in getattr(_imports(path), kind) if m in modules and m != name)
        for name, path in modules.items()
    }


def _internal_graph(kind: str = "every") -> dict[str, frozenset[str]]:
    return dict(_graph(kind))


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _forbidden_layers(module: str, imports: Imports) -> set[str]:
    """The layers `module` imports and may not, by any kind of import (TYPE_CHECKING and dynamic too)."""
    modules = _samfam_modules()
    layer = _layer(module)
    crossing = {_layer(m) for m in imports.every if m in modules and m != module} - {layer}
    return crossing - ALLOWED[layer]


@pytest.mark.parametrize("module", sorted(_samfam_modules()))
def test_each_package_imports_only_the_layers_below_it(module):
    forbidden = _forbidden_layers(module, _imports(_samfam_modules()[module]))
    assert not forbidden, f"{module} imports {sorted(forbidden)}"


#: The checker itself, on synthetic modules: each import that breaks a rule, however it is written, and
#: the allowed ones it must let through.
LAYER_CASES = [
    ("samfam.views.cases", "from samfam.actions import cases\n", {"actions"}),
    (
        "samfam.views.cases",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from samfam.actions.cases import close\n",
        {"actions"},
    ),
    ("samfam.rules.cases", "import typing\nif typing.TYPE_CHECKING:\n    import samfam.store.tables\n", {"store"}),
    (
        "samfam.views.cases",
        "import importlib\ndef f():\n    importlib.import_module('samfam.actions.cases')\n",
        {"actions"},
    ),
    ("samfam.store.work", "from importlib import import_module\nimport_module('samfam.cli.app')\n", {"cli"}),
    ("samfam.output.cells", "def f():\n    return __import__('samfam.views.cases')\n", {"views"}),
    (
        "samfam.views.cases",
        "import importlib\ndef f(m):\n    importlib.import_module(f'samfam.actions.{m}')\n",
        {"actions"},
    ),
    ("samfam.store.tables", "from samfam.store import work\nfrom samfam.rules import dates\n", set()),
    # context may import the store, also for types only (it does, for Connection, Store and UnitOfWork)
    (
        "samfam.context",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from samfam.store.engine import Store\n",
        set(),
    ),
    ("samfam.cli.app", "import importlib\nimportlib.import_module(f'samfam.cli.{name}')\n", set()),
]


@pytest.mark.parametrize(("module", "source", "forbidden"), LAYER_CASES)
def test_the_layer_check_sees_every_kind_of_import(module, source, forbidden):
    assert _forbidden_layers(module, _imports_in_source(source, module)) == forbidden


def test_type_checking_imports_are_kept_apart_from_run_time_ones():
    source = "from typing import TYPE_CHECKING\nimport samfam.errors\nif TYPE_CHECKING:\n    import samfam.store\n"
    imports = _imports_in_source(source, "samfam.context")
    assert "samfam.store" in imports.typing and "samfam.store" not in imports.executed
    assert "samfam.errors" in imports.runtime


def test_no_read_imports_a_write():
    graph = _internal_graph()
    for module, imported in graph.items():
        if _layer(module) == "views":
            assert not {m for m in imported if _layer(m) == "actions" or m == "samfam.store.work"}, module


#: A database write, in words a reviewer can check against `_database_writes`.
_WRITE_NAMES = {"unit_of_work", "UnitOfWork", "uow", "log_read"}  # log_read writes an audit row
_SQL_WRITE = re.compile(r"^\s*(INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|REPLACE\s+INTO|CREATE|DROP|ALTER)\b")


def _database_writes(source: str, module: str) -> list[str]:
    """Each place where `source` writes to the database, as "line: what": a unit of work (`unit_of_work`,
    `UnitOfWork`, a `uow`), an audit row (`log_read`), `commit()`, `.insert(`/`.update(`/`.delete(` on a
    Core table (a name bound to samfam.store.tables or one of its tables), SQL text that writes, or an
    import of the writes (samfam.actions, samfam.store.work). A dict's `.update(` is not a write."""
    tree = ast.parse(source)
    found = [
        f"imports {name}"
        for name in sorted(_imports_in_source(source, module).every)
        if name.split(".")[:2] == ["samfam", "actions"] or name.startswith("samfam.store.work")
    ]
    tables: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "samfam.store":
            tables |= {a.asname or a.name for a in node.names if a.name == "tables"}
        elif isinstance(node, ast.ImportFrom) and node.module == "samfam.store.tables":
            tables |= {a.asname or a.name for a in node.names}
        elif isinstance(node, ast.Import):
            tables |= {a.asname or a.name for a in node.names if a.name == "samfam.store.tables"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name | ast.Attribute):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name in _WRITE_NAMES:
                found.append(f"{node.lineno}: {name}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            receiver = ast.unparse(node.func.value)
            if node.func.attr == "commit":
                found.append(f"{node.lineno}: {ast.unparse(node.func)}()")
            elif node.func.attr in ("insert", "update", "delete") and (
                receiver in tables or receiver.split(".")[0] in tables or receiver.startswith("samfam.store.tables")
            ):
                found.append(f"{node.lineno}: {ast.unparse(node.func)}()")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "commit":
            found.append(f"{node.lineno}: commit()")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL_WRITE.match(node.value):
            found.append(f"{node.lineno}: SQL {node.value.split()[0]}")
    return found


#: A file written: open() for writing, os's file calls, pathlib's writes, samfam.files.write_private (not
#: `.replace(` or `.rename(`, which strings have too: os.replace and os.rename are caught as such).
_FILE_WRITES = {"write_text", "write_bytes", "write_private", "mkdir", "touch", "unlink"}
_OS_WRITES = {"os.open", "os.fdopen", "os.replace", "os.rename", "os.remove", "os.unlink", "os.makedirs"}


def _file_writes(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = ast.unparse(node.func)
        mode = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"), None)
        if func in _OS_WRITES or func.startswith("shutil."):
            found.append(f"{node.lineno}: {func}()")
        elif func == "open" and isinstance(mode, ast.Constant) and set(str(mode.value)) & set("wax+"):
            found.append(f"{node.lineno}: open(…, {mode.value!r})")
        elif isinstance(node.func, ast.Attribute) and node.func.attr in _FILE_WRITES:
            found.append(f"{node.lineno}: {func}()")
    return found


#: The views that write a file, and why that is still a read. No view writes to the database (no exceptions).
VIEWS_WRITING_FILES = {
    "samfam.views.workdays": "the holiday cache: a year's public holidays from the `holidays` package, kept in the "
    "user's cache folder so that a command need not import the package; a memo of a pure computation, no "
    "child's data and not the database, so the read that needs it may fill it",
}


def _views() -> dict[str, Path]:
    return {m: p for m, p in _samfam_modules().items() if _layer(m) == "views"}


@pytest.mark.parametrize("module", sorted(_views()))
def test_no_view_writes_to_the_database(module):
    """Reads never write: no unit of work, no audit row (the command logs the read: cli.options.log_read),
    no commit, no INSERT, UPDATE or DELETE, no import of the writes."""
    assert _database_writes(_views()[module].read_text(encoding="utf-8"), module) == []


@pytest.mark.parametrize("module", sorted(_views()))
def test_no_view_writes_a_file_but_the_listed_caches(module):
    writes = _file_writes(_views()[module].read_text(encoding="utf-8"))
    if module in VIEWS_WRITING_FILES:
        assert writes, f"{module} writes no file any more: take it off VIEWS_WRITING_FILES"
    else:
        assert writes == [], f"{module} writes a file: {writes}"


WRITING_VIEWS = [
    "from samfam.context import App\ndef f(app: App):\n    with app.unit_of_work() as uow:\n        uow.commit()\n",
    "from samfam.store.work import UnitOfWork\n",
    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from samfam.actions import cases\n",
    "import importlib\ndef f():\n    return importlib.import_module('samfam.actions.cases')\n",
    "from samfam.store import tables\ndef f(conn):\n    conn.execute(tables.cases.update().values(closed=None))\n",
    "from samfam.store import tables as t\ndef f(conn):\n    conn.execute(t.events.delete())\n",
    "from samfam.store.tables import cases\ndef f(conn):\n    conn.execute(cases.insert(), {})\n",
    "def f(conn):\n    conn.exec_driver_sql('DELETE FROM cases')\n",
    "def f(conn):\n    conn.commit()\n",
    "def f(app, rows):\n    app.log_read('case.show', rows)\n",
]
READING_VIEWS = [
    "def f(rows):\n    found = {}\n    found.update(rows)\n    s = set()\n    s.update(rows)\n    return found\n",
    "from samfam.store import tables\ndef f(conn):\n    return conn.execute(tables.cases.select()).all()\n",
    "def f(conn):\n    return conn.exec_driver_sql('SELECT 1 FROM cases').all()\n",
    'def f():\n    """Update the rows: nothing is written."""\n',
]


@pytest.mark.parametrize("source", WRITING_VIEWS)
def test_the_write_check_sees_each_kind_of_database_write(source):
    assert _database_writes(source, "samfam.views.cases")


@pytest.mark.parametrize("source", READING_VIEWS)
def test_the_write_check_lets_reads_through(source):
    assert _database_writes(source, "samfam.views.cases") == []


@pytest.mark.parametrize(
    "source",
    [
        "import os\nos.replace('a', 'b')\n",
        "def f(p):\n    p.write_text('x')\n",
        "def f():\n    open('x', 'w').close()\n",
        "from samfam import files\nfiles.write_private('p', 'x')\n",
    ],
)
def test_the_file_check_sees_a_file_written(source):
    assert _file_writes(source)
    assert _file_writes("def f(p):\n    return open(p).read() + p.read_text()\n") == []


def test_there_is_no_import_cycle_anywhere():
    """Among the imports that run: store.engine and store.work name each other's types under
    `if TYPE_CHECKING:`, which is no cycle."""
    graph = _internal_graph("executed")
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
