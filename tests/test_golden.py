"""The golden run: every read command on the demo database, in every format it offers, byte for byte as
recorded in tests/golden/. A refactor that changes what a person or a script reads fails here.

A changed output that is meant (a new column, a mended word) is recorded again with
`SAMFAM_GOLDEN_UPDATE=1 uv run pytest tests/test_golden.py -n0`, and the diff read before it is
committed. What depends on the real clock (the audit log's timestamps, its hashes) is left out: the
audit log, the access letter and the health check have their own tests.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest

from conftest import Demo, Samfam

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("SAMFAM_GOLDEN_UPDATE") == "1"

LISTING = ("table", "json", "ndjson", "csv")
CARD = ("table", "json", "csv")

#: name -> (argv, formats). Each runs with `--format FORMAT` (a document's own formats for plan and report);
#: "" is a command with one format (the calendar).
COMMANDS: dict[str, tuple[list[str], tuple[str, ...]]] = {
    "overdue": (["overdue"], LISTING),
    "overdue-advisor": (["overdue", "--advisor", "MKJ"], LISTING),
    "overdue-team-pseudo": (["overdue", "--team", "Syd", "--pseudonymise"], LISTING),
    "due": (["due", "--within", "30"], LISTING),
    "due-advisor": (["due", "--within", "90", "--advisor", "HEM"], LISTING),
    "dag": (["dag"], (*LISTING, "markdown")),
    "explain": (["explain", "2024-0001"], CARD),
    "explain-unclassified": (["explain", "2024-0035"], CARD),
    "deadlines": (["deadlines", "--within", "120"], LISTING),
    "deadlines-pseudo": (["deadlines", "--within", "365", "--pseudonymise"], LISTING),
    "paragraphs": (["paragraphs"], LISTING),
    "paragraphs-bl": (["paragraphs", "--law", "BL"], LISTING),
    "goals": (["goals"], LISTING),
    "goals-attention": (["goals", "--attention"], LISTING),
    "goals-advisor": (["goals", "--advisor", "MKJ"], LISTING),
    "goals-case": (["goals", "2024-0001"], LISTING),
    "case-list": (["case", "list"], LISTING),
    "case-list-all": (["case", "list", "--status", "all"], LISTING),
    "case-list-attention": (["case", "list", "--attention"], LISTING),
    "case-list-6w": (["case", "list", "--track", "6w", "--team", "Nord"], LISTING),
    "case-show": (["case", "show", "2024-0001"], CARD),
    "case-show-2": (["case", "show", "2025-0031"], CARD),
    "case-show-3": (["case", "show", "2024-0035"], CARD),
    "event-list": (["event", "list", "2024-0001"], LISTING),
    "event-kinds": (["event", "kinds"], LISTING),
    "actor-list": (["actor", "list", "2024-0001"], LISTING),
    "handover-show": (["handover", "show", "2024-0001"], LISTING),
    "advisor-list": (["advisor", "list"], LISTING),
    "caseload": (["caseload"], LISTING),
    "caseload-team": (["caseload", "--team", "Nord"], LISTING),
    "enrolment": (["enrolment"], LISTING),
    "barometer": (["barometer", "--from", "2026-01-01", "--to", "2026-10-31"], ("table", "json", "csv")),
    "forecast": (["forecast", "--team", "Nord"], ("table", "json", "csv")),
    "forecast-all": (["forecast"], ("table", "json", "csv")),
    "application-list": (["application", "list"], LISTING),
    "frist-list": (["frist", "list"], LISTING),
    "closed-day-list": (["closed-day", "list"], LISTING),
    "team-rhythm": (["team", "rhythm"], LISTING),
    "team-meeting-list": (["team", "meeting", "list"], LISTING),
    "learning-goal-list": (["learning-goal", "list"], LISTING),
    "report-weekly": (["report", "weekly"], ("markdown", "html", "json")),
    "report-weekly-team": (["report", "weekly", "--team", "Syd"], ("markdown", "html", "json")),
    "plan": (["plan", "2024-0001"], ("markdown", "html")),
    "calendar": (["calendar", "--advisor", "MKJ"], ("",)),
    "calendar-team": (["calendar", "--team", "Syd", "--with-names"], ("",)),
    "retention": (["retention"], ("table", "json", "csv")),
    "export-case": (["export", "--case", "2024-0001"], ("json",)),
}


def _runs() -> list[tuple[str, list[str], str]]:
    return [(name, argv, fmt) for name, (argv, formats) in COMMANDS.items() for fmt in formats]


@pytest.fixture(scope="module")
def golden_db(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Samfam:
    """A copy of the demo database: reads log themselves, and nothing here depends on what others read."""
    path = tmp_path_factory.mktemp("golden") / "demo.db"
    with sqlite3.connect(demo.samfam.db) as source, sqlite3.connect(path) as target:
        source.backup(target)  # the write-ahead log too
    return Samfam(path, user="MKJ")


_CLOCK = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?")


def _stable(text: str) -> str:
    """What depends on the real clock (an export's time of writing, a calendar's DTSTAMP) and the salt of
    pseudonyms, as marks."""
    text = _CLOCK.sub("<clock>", text)
    text = re.sub(r"\bP-[0-9A-F]{8}\b", "P-<pseudonym>", text)  # a fresh salt each run
    text = re.sub(r"SEQUENCE:\d+", "SEQUENCE:<clock>", text)  # minutes since a fixed moment, when written
    return re.sub(r"(DTSTAMP|LAST-MODIFIED):\d{8}T\d{6}Z", r"\1:<clock>", text)


@pytest.mark.parametrize(("name", "argv", "fmt"), _runs(), ids=[f"{n}.{f or 'out'}" for n, _, f in _runs()])
def test_golden_output(golden_db: Samfam, name: str, argv: list[str], fmt: str) -> None:
    result = golden_db(*argv, *(["--format", fmt] if fmt else []))
    assert result.exit_code == 0, result.stderr
    shown = _stable(result.stdout)
    path = GOLDEN / f"{name}.{fmt or 'out'}"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(shown, encoding="utf-8")
    assert path.exists(), f"no golden output {path.name}: record it with SAMFAM_GOLDEN_UPDATE=1"
    assert shown == path.read_text(encoding="utf-8"), f"{' '.join(argv)} -f {fmt} differs from {path.name}"
