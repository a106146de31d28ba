"""Every word a person reads is in the catalogue (issue 20): an error's message and a line for people are
written as a literal template with named fields, so the extractor (samfam.words.extract) finds it and the
reader's language is looked up where it is shown. A test per module of src/samfam, failing with file:line on

- a call of one of samfam's errors (samfam.words.ERRORS: samfam.errors' classes, rules' own) whose first
  argument is not a string literal, `mark("…")`, a name bound to `mark("…")`, or another error's `.template`
  (an error passed on, whose template was checked where it was made);
- a `typer.BadParameter` whose first argument is not such a template, or `said(template, fields)` of one;
- a call of samfam.output.streams' `message`, `note` or `error` whose first argument is built in place of a
  template: an f-string, a concatenation (`+`, `%`) or `.format()`."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

from samfam.words import ERRORS

SRC = Path(__file__).parent.parent / "src"
PACKAGE = SRC / "samfam"
MODULES = sorted(PACKAGE.rglob("*.py"))
STREAMS = {"message", "note", "error"}


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")


def is_mark(node: ast.expr) -> bool:
    """`mark("…")` or `words.mark("…")`."""
    return (
        isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == "mark")
            or (isinstance(node.func, ast.Attribute) and node.func.attr == "mark")
        )
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


@cache
def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def assigned_marks(module: ast.Module) -> set[str]:
    """The module-level names bound to `mark("…")`: NO_STAFF = mark("no staff yet: …")."""
    names = set()
    for node in module.body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        if value is not None and is_mark(value):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


@cache
def marked_names(module: str) -> frozenset[str]:
    """`assigned_marks` of the module of samfam called `module` (none if there is no such module)."""
    path = PACKAGE.parent / Path(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    return frozenset(assigned_marks(tree(path))) if path.exists() else frozenset()


def bound_to_mark(module: ast.Module) -> set[str]:
    """The names of a module bound to `mark("…")`, there or in the module of samfam it imports them from."""
    names = assigned_marks(module)
    for node in ast.walk(module):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("samfam"):
            names |= {a.asname or a.name for a in node.names if a.name in marked_names(node.module)}
    return names


def called(func: ast.expr, names: set[str] | frozenset[str], owner: str | None = None) -> str | None:
    """The name of `names` that `func` calls (`Name(…)`, or `x.Name(…)`; only `owner.Name(…)` if given)."""
    if isinstance(func, ast.Name) and func.id in names:
        return func.id
    if isinstance(func, ast.Attribute) and func.attr in names:
        if owner is None or (isinstance(func.value, ast.Name) and func.value.id == owner):
            return func.attr
    return None


def built(node: ast.expr) -> bool:
    """A text made in place: an f-string, a concatenation or `%`, a `.format()`."""
    if isinstance(node, (ast.JoinedStr, ast.BinOp)):
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"


def template(node: ast.expr | None, marked: set[str]) -> bool:
    """A literal template: a string literal, `mark("…")`, a name bound to `mark("…")`, or another error's
    `.template` (passed on: checked where that error was made)."""
    return node is not None and (
        (isinstance(node, ast.Constant) and isinstance(node.value, str))
        or is_mark(node)
        or (isinstance(node, ast.Name) and node.id in marked)
        or (isinstance(node, ast.Attribute) and node.attr == "template")
    )


def is_said(node: ast.expr | None) -> bool:
    """`said(template, fields)` or `words.said(…)`."""
    return isinstance(node, ast.Call) and called(node.func, {"said"}) is not None and bool(node.args)


def unmarked(path: Path, module: ast.Module | None = None) -> list[str]:
    """file:line and what is wrong, for each call of `path` (or `module`, its syntax tree) that keeps English
    words from the catalogue."""
    module = module or tree(path)
    marked = bound_to_mark(module)
    errors = set(ERRORS) | {  # also under another name
        alias.asname or alias.name
        for node in ast.walk(module)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name in ERRORS
    }
    streams = {  # message, note and error of samfam.output.streams, imported by name
        alias.asname or alias.name
        for node in ast.walk(module)
        if isinstance(node, ast.ImportFrom) and node.module == "samfam.output.streams"
        for alias in node.names
        if alias.name in STREAMS
    }
    if module_name(path) == "samfam.output.streams":
        streams |= STREAMS  # its own functions, called by their names
    where = path.relative_to(PACKAGE.parent)
    found = []
    for node in ast.walk(module):
        if not isinstance(node, ast.Call):
            continue
        first = node.args[0] if node.args else None
        if name := called(node.func, errors):
            if not template(first, marked):
                found.append(f"{where}:{node.lineno}: {name}(…) without a literal template")
        elif called(node.func, {"BadParameter"}):  # typer's: said in the reader's language, `said(mark("…"), …)`
            if not (template(first, marked) or (is_said(first) and template(first.args[0], marked))):
                found.append(f"{where}:{node.lineno}: BadParameter(…) without a literal template said")
        elif (name := called(node.func, streams)) or (name := called(node.func, STREAMS, owner="streams")):
            if node.args and built(node.args[0]):
                found.append(f"{where}:{node.lineno}: streams.{name}(…) of a text built in place, not a template")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_message_is_a_literal_template(path):
    found = unmarked(path)
    assert not found, "\n".join(["English the catalogue cannot find (docs/architecture.md 'Words'):", *found])


SAMPLE = """
from samfam import errors
from samfam.errors import Conflict, NotFound as Missing
from samfam.output import streams
from samfam.output.streams import note
from samfam.rules.identity import NO_STAFF
from samfam.words import mark

GONE = mark("gone")
PLAIN = "plain"

raise Conflict("case {ref} is closed", ref=ref)
raise Conflict(GONE)
raise Conflict(NO_STAFF)
raise errors.InvalidValue(mark("late"))
raise Missing(exc.template, **exc.fields)
streams.message("Added {x}.", x=x)
streams.message(line)
raise Conflict(f"case {ref} is closed")
raise Missing("no " + what)
raise errors.UsageError(PLAIN)
raise Conflict("{x}".format(x=1))
streams.message(f"Added {x}.")
note("a" + b)
streams.error("%s" % x)
streams.note(text("{n} left").format(n=3))
raise typer.BadParameter(said(mark("is {n}"), {"n": 1}), param_hint="--x")
raise typer.BadParameter(said(exc.template, exc.fields))
raise typer.BadParameter(f"is {n}")
raise typer.BadParameter(said(f"is {n}", {}))
"""


def test_the_check_names_each_unmarked_call():
    sample = PACKAGE / "cli" / "_sample_for_the_check.py"
    assert unmarked(sample, ast.parse(SAMPLE)) == [
        f"samfam/cli/_sample_for_the_check.py:{line}: {what}"
        for line, what in [
            (19, "Conflict(…) without a literal template"),
            (20, "Missing(…) without a literal template"),
            (21, "UsageError(…) without a literal template"),
            (22, "Conflict(…) without a literal template"),
            (23, "streams.message(…) of a text built in place, not a template"),
            (24, "streams.note(…) of a text built in place, not a template"),
            (25, "streams.error(…) of a text built in place, not a template"),
            (26, "streams.note(…) of a text built in place, not a template"),
            (29, "BadParameter(…) without a literal template said"),
            (30, "BadParameter(…) without a literal template said"),
        ]
    ]
