"""The Danish catalogue (issue 20 item 1): every message marked in src/samfam has its Danish, the committed .mo
is the .po compiled, and the language is chosen by --lang, SAMFAM_LANG or the locale. What scripts read (JSON
keys, CSV headers) is the same in both languages."""

from __future__ import annotations

import importlib
import io
import pkgutil
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import samfam
from samfam import words
from samfam.listing import Listing
from support import REF, USAGE_ERROR, assert_error, assert_ok

ROOT = Path(__file__).parent.parent
PO = ROOT / "src/samfam/locale/da/LC_MESSAGES/samfam.po"
MO = PO.with_suffix(".mo")


def danish() -> dict:
    with PO.open("rb") as f:
        return {m.id: m.string for m in read_po(f, locale="da") if m.id}


def extracted() -> set:
    """What `pybabel extract -F babel.cfg src/samfam` finds (babel's own API, the same mapping)."""
    method_map = [("**.py", "samfam.words.extract")]
    return {message for _, _, message, _, _ in extract_from_dir(str(ROOT / "src/samfam"), method_map)}


def test_every_marked_message_has_its_danish():
    catalogue = danish()
    missing = sorted(map(str, (m for m in extracted() if m not in catalogue)))
    assert not missing, f"not in the Danish catalogue (pybabel update, then translate): {missing}"
    untranslated = sorted(str(m) for m, s in catalogue.items() if not (all(s) if isinstance(s, tuple) else s))
    assert not untranslated, f"no Danish for: {untranslated}"


def test_the_committed_mo_is_the_po_compiled():
    with PO.open("rb") as f:
        catalogue = read_po(f, locale="da")
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    assert compiled.getvalue() == MO.read_bytes(), "recompile: pybabel compile -d src/samfam/locale -D samfam"


def test_babel_cfg_names_the_extractor():
    assert "[samfam.words.extract: **.py]" in (ROOT / "babel.cfg").read_text(encoding="utf-8")


def test_the_extractor_takes_no_sql_and_no_variable_called_text():
    assert not [m for m in extracted() if isinstance(m, str) and m.lstrip().upper().startswith("SELECT")]
    assert "'" not in extracted() and "\\" not in extracted()


def listings() -> list[Listing]:
    found = []
    for info in pkgutil.walk_packages(samfam.__path__, "samfam."):
        if info.name.startswith(("samfam.cli", "samfam.store", "samfam.__main__")):
            continue
        module = importlib.import_module(info.name)
        found += [v for v in vars(module).values() if isinstance(v, Listing)]
    return found


def test_every_header_of_every_listing_is_in_the_catalogue():
    catalogue = danish()
    headers = {c.header for listing in listings() for c in listing.columns}
    assert len(headers) > 50
    assert not sorted(h for h in headers if h not in catalogue)


# -- choosing the language --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({"LANG": "da_DK.UTF-8"}, "da"),
        ({"LC_ALL": "da_DK.UTF-8", "LANG": "en_GB.UTF-8"}, "da"),
        ({"LC_MESSAGES": "da_DK", "LANG": "C"}, "da"),
        ({"LANGUAGE": "da:en", "LANG": "en_US.UTF-8"}, "da"),
        ({"LANGUAGE": "sv:da", "LANG": "en_US.UTF-8"}, "da"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"SAMFAM_LANG": "da", "LANG": "en_GB.UTF-8"}, "da"),
        ({"SAMFAM_LANG": "en", "LANG": "da_DK.UTF-8"}, "en"),
    ],
)
def test_the_language_from_the_environment(environ, lang):
    assert words.choose(None, environ) == lang


def test_the_option_wins():
    assert words.choose("da", {"SAMFAM_LANG": "en", "LANG": "en_GB.UTF-8"}) == "da"
    assert words.choose("en", {"LANG": "da_DK.UTF-8"}) == "en"


def test_danish_dates_and_numbers():
    from datetime import date

    assert words.day(date(2026, 12, 7), "da") == "7. december 2026"
    assert words.day(date(2026, 12, 7), "en") == "2026-12-07"
    assert words.number(1234567, "da") == "1.234.567"
    assert words.number(12.5, "da") == "12,5"
    assert words.number(1234567, "en") == "1,234,567"
    assert words.plural(1234, "{n:,} row", "{n:,} rows", lang="da") == "1.234 rækker"


def test_a_language_samfam_does_not_speak_is_refused(case1):
    assert_error(case1("--lang", "fr", "overdue"), USAGE_ERROR, "--lang", "'fr'", "da", "en")
    assert_error(case1("overdue", env={"SAMFAM_LANG": "sv"}), USAGE_ERROR, "'sv'", "da", "en")


ENGLISH_HEADERS = ("Case", "Advisor", "Track", "Paragraphs", "Last follow-up", "Was due", "Days overdue")


def overdue_case(s):
    s.ok("case", "open", "2026-0201", "--child", "Bo Dal", "--advisor", "MKJ", "--opened", "2026-06-01",
         "--para", "BL 86")  # fmt: skip
    return s


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--lang", "da"], {}),
        ([], {"SAMFAM_LANG": "da"}),
        ([], {"SAMFAM_LANG": None, "LANG": "da_DK.UTF-8", "LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None}),
    ],
)
def test_overdue_in_danish(case1, args, env):
    result = case1(*args, "overdue", env=env)
    assert result.exit_code == 0, result.stderr
    header = next(line for line in result.stdout.splitlines() if "Sag" in line)
    for word in ("Sag", "Rådgiver", "Spor", "Paragraffer", "Seneste opfølgning", "Forfaldt", "Dage forfalden"):
        assert word in header, header
    for word in ENGLISH_HEADERS:
        assert word not in result.stdout, word


@pytest.mark.parametrize(("args", "env"), [(["--lang", "en"], {"LANG": "da_DK.UTF-8"}), ([], {"SAMFAM_LANG": "en"})])
def test_overdue_in_english(case1, args, env):
    result = case1(*args, "overdue", env=env)
    assert result.exit_code == 0, result.stderr
    for word in ENGLISH_HEADERS:
        assert word in result.stdout, word
    assert "Rådgiver" not in result.stdout


@pytest.mark.parametrize("command", [["overdue"], ["case", "list"], ["report", "weekly"], ["dag", "--advisor", "MKJ"]])
def test_what_scripts_read_is_the_same_in_both_languages(case1, command):
    for fmt in ("json", "csv") if command[0] != "report" else ("json",):
        english = case1("--lang", "en", *command, "-f", fmt)
        danish_ = case1("--lang", "da", *command, "-f", fmt)
        assert english.exit_code == danish_.exit_code, danish_.stderr
        if fmt == "json":
            assert english.json() == danish_.json()
        else:
            assert english.stdout.splitlines()[0] == danish_.stdout.splitlines()[0]


def test_explain_in_danish(case1):
    result = case1("--lang", "da", "explain", REF)
    assert_ok(result)
    assert "dage forfalden" in result.stdout or "dag forfalden" in result.stdout, result.stdout


def test_overdue_titles_in_danish_with_a_danish_date(case1):
    result = case1("--lang", "da", "overdue")
    assert_ok(result)
    assert "Forfaldne opfølgninger den 22. november 2026 (1)" in result.stdout, result.stdout
    assert "Overdue follow-ups" not in result.stdout


def test_dag_in_danish(case1):
    result = case1("--lang", "da", "dag", "--advisor", "MKJ")
    assert_ok(result)
    assert "Dagen for rådgiver MKJ den 22. november 2026" in result.stdout, result.stdout
    assert "Opfølgninger forfaldne eller med frist inden for 7 dage (1)" in result.stdout, result.stdout
    for word in ("The day of", "Follow-ups overdue", "Case", "Advisor"):
        assert word not in result.stdout, word


def test_calendar_titles_in_danish(case1):
    danish_ = case1("--lang", "da", "calendar", "--advisor", "MKJ")
    assert_ok(danish_)
    assert "SUMMARY:Forfalden: opfølgning 2026-0101 (3m)" in danish_.stdout, danish_.stdout
    assert "Overdue" not in "\n".join(line for line in danish_.stdout.splitlines() if line.startswith("SUMMARY"))
    english = case1("--lang", "en", "calendar", "--advisor", "MKJ")
    assert "SUMMARY:Overdue: follow-up 2026-0101 (3m)" in english.stdout, english.stdout
