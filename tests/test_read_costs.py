"""What a daily read (`dag`, `case show`) does not pay for: the shapes that keep it near the floor of a Typer +
SQLAlchemy Core command (benchmarks/commands.py measures the speed itself; nothing here is timed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal

from samfam import words

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


# -- babel's data for Danish dates and numbers: read from the cache, not babel's whole locale ---------------------

DANISH_WORDS = """
import sys
from datetime import date
from samfam import words

print(words.day(date(2026, 12, 7), "da"), words.weekday(date(2026, 12, 7), "da"), words.number(-1234567, "da"))
print(sorted({m.split(".")[0] for m in sys.modules} & {"babel"}))
"""


def _danish_words(cache: Path) -> list[str]:
    env = {**os.environ, "SAMFAM_CACHE_DIR": str(cache)}
    result = subprocess.run([sys.executable, "-c", DANISH_WORDS], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_danish_dates_and_numbers_come_from_the_cache_without_loading_babel(tmp_path):
    """Babel reads all of Danish's locale data to give a month's name: the first command fills the cache with what
    samfam takes from it, and the next ones say the same without importing babel."""
    first = _danish_words(tmp_path)
    assert first == ["7. december 2026 mandag -1.234.567", "['babel']"]
    kept = list(tmp_path.glob("babel-da-*.json"))
    assert len(kept) == 1 and kept[0].stat().st_mode & 0o777 == 0o600
    assert _danish_words(tmp_path) == ["7. december 2026 mandag -1.234.567", "[]"]


@pytest.fixture
def fresh_calendar(tmp_path, monkeypatch):
    monkeypatch.setenv("SAMFAM_CACHE_DIR", str(tmp_path))
    words._calendar.cache_clear()
    yield tmp_path
    words._calendar.cache_clear()


def _babels(d: date, n: int) -> tuple[str, str, str]:
    return (
        format_date(d, format="d. MMMM y", locale="da"),
        format_date(d, format="EEEE", locale="da"),
        format_decimal(n, locale="da"),
    )


NUMBERS = [0, 7, -7, 999, 1000, -1000, 1234, 99999, 100000, -647, 1234567, -1234567890, 10**15]


def test_what_the_cache_keeps_is_babels(fresh_calendar):
    """Babel's own words, from babel's data (filled) and from the cache (read): every month, every weekday, whole
    numbers of any size and sign."""
    for source in ("babel", "cache"):
        words._calendar.cache_clear()
        days = [date(2026, month, day) for month in range(1, 13) for day in (1, 15)] + [date(1999, 3, 7)]
        for d, n in zip(days, NUMBERS * 3, strict=False):
            assert (words.day(d, "da"), words.weekday(d, "da"), words.number(n, "da")) == _babels(d, n), source
        assert words.number(12.0, "da", decimals=1) == "12,0"
        assert words.number(1234.5, "da") == format_decimal(1234.5, locale="da")


def test_a_broken_or_unwritable_cache_still_gives_babels_words(fresh_calendar, monkeypatch):
    kept = words._calendar_file("da")
    kept.write_text('{"months": ["x"]}', encoding="utf-8")  # half a file: babel's words, and the cache made again
    assert words.day(date(2026, 12, 7), "da") == "7. december 2026"
    assert json.loads(kept.read_text(encoding="utf-8"))["months"][11] == "december"
    blocked = fresh_calendar / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("SAMFAM_CACHE_DIR", str(blocked / "cache"))  # a folder under a file: nothing can be kept
    words._calendar.cache_clear()
    assert words.day(date(2026, 12, 7), "da") == "7. december 2026"


# -- what importing a daily read's modules costs ------------------------------------------------------------------

#: The modules of `dag` and `case show` that define most of the rows they build (a NamedTuple or TypedDict each).
ROW_MODULES = (
    "samfam.store.records",
    "samfam.store.queries.applications",
    "samfam.store.queries.audit",
    "samfam.store.queries.care",
    "samfam.store.queries.cases",
    "samfam.store.queries.log_control",
    "samfam.store.queries.team",
    "samfam.rules.cadence",
    "samfam.rules.cases",
    "samfam.rules.handovers",
    "samfam.views.applications",
    "samfam.views.calendar",
    "samfam.views.care",
    "samfam.views.cases",
    "samfam.views.checklists",
    "samfam.views.day",
    "samfam.views.deadlines",
    "samfam.views.followups",
    "samfam.views.team",
    "samfam.output.emit",
)


@pytest.mark.parametrize("module", ROW_MODULES)
def test_the_row_types_of_a_daily_read_are_built_from_types_not_text(module):
    """Under `from __future__ import annotations` every field of a NamedTuple or TypedDict is text that typing
    compiles when the class is made (a ForwardRef each: some 600 fields, a few milliseconds of every `dag`): these
    modules leave their annotations as the types themselves."""
    import importlib
    import inspect
    import typing

    loaded = importlib.import_module(module)
    rows = [
        c
        for c in vars(loaded).values()
        if inspect.isclass(c) and c.__module__ == module and (typing.is_typeddict(c) or hasattr(c, "_fields"))
    ]
    assert rows, module
    for row in rows:
        text = [name for name, kind in row.__annotations__.items() if isinstance(kind, str | typing.ForwardRef)]
        assert not text, f"{module}.{row.__name__}: {text}"


DAILY_IMPORTS = """
import sys
import samfam.cli.day, samfam.cli.cases, samfam.views.day, samfam.views.cases, samfam.output.emit
import samfam.output.terminal, samfam.store.engine, samfam.store.work, samfam.store.custody
print(sorted({m.split(".")[0] for m in sys.modules} & {"html", "babel"}))
"""


def test_a_daily_read_imports_neither_html_nor_babel():
    """`html` (the table of every named character, for the HTML documents only) and babel (Danish dates and numbers
    come from the cache) are imported by what needs them, not by the modules of every read."""
    result = subprocess.run([sys.executable, "-c", DAILY_IMPORTS], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


CLICK_PATTERNS = """
import re

seen = []
compile = re.compile
re.compile = lambda pattern, flags=0: seen.append(pattern) or compile(pattern, flags)
import samfam.cli.app as root

print(len({getattr(p, "pattern", p) for p, _ in root._CLICK} & set(seen)))
"""


def test_the_root_compiles_clicks_error_patterns_only_to_say_an_error():
    """The patterns of click's usage errors (said in Danish by the root command) are compiled when an error is
    said, not by every command's import of the root."""
    result = subprocess.run([sys.executable, "-c", CLICK_PATTERNS], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"


def test_the_day_imports_no_calendar():
    """`dag` shows the team meetings due (samfam.views.team.meetings_due, beside the rhythm), not an iCalendar:
    it loads no module of `samfam calendar`."""
    code = "import sys, samfam.views.day; print([m for m in sys.modules if m.startswith('samfam') and 'calendar' in m])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# -- who acts, settled with no query the answer does not need -----------------------------------------------------


def _statements(team, call):
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{team.db}")
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    with engine.connect() as conn:
        return call(conn), seen


def test_the_os_login_acting_is_settled_without_asking_for_an_advisor(team):
    """Without --user the OS login acts (what it may do: whether it owns the file), whatever advisor has its name as
    initials; an advisor acting with --user is read (role and team)."""
    from samfam.store import identity

    today = date(2026, 11, 22)
    actor, seen = _statements(team, lambda conn: identity.actor(conn, "ATP", "ATP", today))
    assert (actor.user, actor.admin, actor.initials, seen) == ("ATP", True, None, [])
    actor, seen = _statements(team, lambda conn: identity.actor(conn, "ATP", "anna", today))
    assert (actor.user, actor.admin, actor.initials, actor.team, len(seen)) == ("ATP", False, "ATP", "Syd", 1)


def test_the_first_events_of_cases_picked_by_reference_need_no_advisor(demo):
    """`dag` picks its cases by reference once the cadence has read them: their first events are read without
    working out each case's primary advisor on the day again, and are the same as through the advisor."""
    from samfam.rules.events import START_KINDS
    from samfam.store.queries import cases as case_queries
    from samfam.store.queries.followups import case_rows
    from samfam.store.queries.scope import CaseFilter

    today = date(2026, 11, 22)
    by_advisor = CaseFilter(as_of=today, advisor="ATP")
    through_advisor, _ = _statements(demo.samfam, lambda conn: case_queries.first_events(conn, by_advisor, START_KINDS))
    refs, _ = _statements(demo.samfam, lambda conn: tuple(r.ref for r in case_rows(conn, by_advisor)))
    picked = CaseFilter(as_of=today, refs=refs)
    found, seen = _statements(demo.samfam, lambda conn: case_queries.first_events(conn, picked, START_KINDS))
    assert found == through_advisor and len(found) > 5
    assert len(seen) == 1 and "case_assignment" not in seen[0]


# -- the end of the process ---------------------------------------------------------------------------------------

AT_THE_END = """
import gc, sys
sys.argv = ["samfam", *sys.argv[1:]]
from samfam.cli import main

try:
    main()
except SystemExit as exc:
    print(exc.code, gc.get_freeze_count() > 0)
"""


def test_a_command_ends_with_its_database_closed_and_nothing_left_for_the_collector(demo, tmp_path):
    """When the command has ended its objects are frozen (Python's shutdown would rescan them all for cycles), and
    nothing needs that rescan: the database was closed when the command ended, so on SQLite the write-ahead log
    is folded into the file and no -wal or -shm file is left beside it."""
    import shutil

    db = tmp_path / "demo.db"
    shutil.copy2(demo.samfam.db, db)
    for argv in (["dag", "--advisor", "ATP"], ["event", "add", "2024-0001", "followup", "--on", "2026-11-22"]):
        args = ["--db", str(db), "--today", "2026-11-22", *argv]
        result = subprocess.run([sys.executable, "-c", AT_THE_END, *args], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[-1] == "0 True", result.stdout + result.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]


def test_the_command_line_closes_the_database_when_a_command_ends(samfam, monkeypatch):
    """Also when the command fails, and in a process that runs several commands (the tests)."""
    from samfam.context import App

    closed = []
    monkeypatch.setattr(App, "close", lambda self: closed.append(self.store.where))
    samfam.ok("case", "list")
    assert samfam("case", "show", "2026-9999").exit_code == 1
    assert closed == [str(samfam.db), str(samfam.db)]
