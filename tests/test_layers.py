"""The boundaries between layers, and the start-up path, checked on every CI run."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "samfam"
ROOT = SRC.parents[1]
STDLIB = sys.stdlib_module_names


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("module", sorted(p.name for p in (SRC / "rules").glob("*.py")))
def test_rules_are_pure_standard_library_and_dateutil(module):
    imported = _imports(SRC / "rules" / module) - {"samfam", "__future__"}
    assert imported <= (STDLIB | {"dateutil"}), imported


@pytest.mark.parametrize("module", sorted(p.name for p in (SRC / "rules").glob("*.py")))
def test_rules_never_ask_the_clock_for_today(module):
    text = (SRC / "rules" / module).read_text(encoding="utf-8")
    assert "date.today()" not in text and "datetime.now(" not in text


def test_ruff_enforces_the_layer_boundaries_and_style():
    """typer only in cli, rich only in render, SQLAlchemy only in store/models/migrations."""
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


def test_python_dash_m_samfam_works_like_samfam():
    result = subprocess.run([sys.executable, "-m", "samfam", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    from samfam import __version__

    assert result.stdout == f"samfam {__version__}\n"


def test_the_read_paths_light_tables_match_the_models():
    """samfam.readpath names columns without loading the models; each must exist, with its type."""
    from samfam import readpath
    from samfam.models import SQLModel

    for clause in (readpath.cases, readpath.events, readpath.grants, readpath.advisor, readpath.case_track):
        model = SQLModel.metadata.tables[clause.name]
        for col in clause.columns:
            assert col.name in model.columns, f"{clause.name}.{col.name}"
            assert model.columns[col.name].type._type_affinity is col.type._type_affinity, f"{clause.name}.{col.name}"


def test_the_overdue_report_does_not_load_the_orm():
    code = (
        "import sys, samfam.followups; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlmodel' "
        "or m.startswith('sqlalchemy.orm') or m in ('samfam.models', 'samfam.store')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
