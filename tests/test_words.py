"""The words people read come from one catalogue (samfam.words, GNU gettext): a table's headers are
looked up there when drawn, so a catalogue for another language changes them, and nothing scripts read."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest

from samfam import words
from samfam.listing import Column
from samfam.output import formats, terminal


def write_mo(path: Path, messages: dict[str, str]) -> None:
    """A compiled GNU catalogue (the .mo format Python's gettext reads), as msgfmt writes it."""
    messages = {"": "Content-Type: text/plain; charset=UTF-8\n", **messages}
    keys = sorted(messages)
    ids = b"".join(k.encode() + b"\0" for k in keys)
    strs = b"".join(messages[k].encode() + b"\0" for k in keys)
    start = 7 * 4 + 16 * len(keys)
    offsets, id_at, str_at = [], 0, 0
    for k in keys:
        offsets.append((len(k.encode()), start + id_at, len(messages[k].encode()), start + len(ids) + str_at))
        id_at += len(k.encode()) + 1
        str_at += len(messages[k].encode()) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    table = b"".join(struct.pack("ii", n, at) for n, at, _, _ in offsets)
    table += b"".join(struct.pack("ii", n, at) for _, _, n, at in offsets)
    path.parent.mkdir(parents=True)
    path.write_bytes(header + table + ids + strs)


@pytest.fixture
def danish(tmp_path, monkeypatch):
    write_mo(tmp_path / "da" / "LC_MESSAGES" / "samfam.mo", {"Case": "Sag", "Was due": "Skulle være holdt"})
    monkeypatch.setenv("LANGUAGE", "da")
    monkeypatch.setattr(words, "catalogue", lambda lang: words.gettext.translation("samfam", str(tmp_path)))
    return tmp_path


ROWS = [{"case": "2024-0001", "next_due": "2026-11-01"}]
COLUMNS = [Column("case", "Case"), Column("next_due", "Was due")]


def test_without_a_catalogue_the_english_words_are_shown(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "xx")
    words.catalogue.cache_clear()
    assert words.text("Was due") == "Was due"
    words.catalogue.cache_clear()


def test_a_tables_headers_come_from_the_catalogue(danish):
    out = io.StringIO()
    terminal.table(ROWS, COLUMNS, screen=terminal.Screen(file=out))
    assert "┃ Sag       ┃ Skulle være holdt ┃" in out.getvalue()
    assert "Case" not in out.getvalue()


def test_what_scripts_read_stays_english(danish, capsys):
    formats.listing(ROWS, COLUMNS, "csv")
    assert capsys.readouterr().out.splitlines()[0] == "case,next_due"


@pytest.mark.parametrize(("n", "said"), [(0, "0 cases"), (1, "1 case"), (2, "2 cases"), (1234, "1,234 cases")])
def test_a_count_takes_its_nouns_number(n, said):
    """A count and its noun go through one function, gettext's ngettext: 1 case, 2 cases."""
    assert words.plural(n, "{n:,} case", "{n:,} cases") == said


def test_a_count_in_the_catalogue_language(tmp_path, monkeypatch):
    """A catalogue gives the noun in its language with its own plural rule (Danish: 1 sag, 2 sager)."""
    write_mo(tmp_path / "da" / "LC_MESSAGES" / "samfam.mo", {"{n} case\0{n} cases": "{n} sag\0{n} sager"})
    monkeypatch.setattr(words, "catalogue", lambda lang: words.gettext.translation("samfam", str(tmp_path), ["da"]))
    assert [words.plural(n, "{n} case", "{n} cases") for n in (1, 2)] == ["1 sag", "2 sager"]


def test_what_the_database_keeps_stays_english(tmp_path, monkeypatch):
    """Text kept in the database (an audit row's detail) is in English whoever wrote it."""
    write_mo(tmp_path / "da" / "LC_MESSAGES" / "samfam.mo", {"{n} case\0{n} cases": "{n} sag\0{n} sager"})
    monkeypatch.setattr(words, "catalogue", lambda lang: words.gettext.translation("samfam", str(tmp_path), ["da"]))
    assert words.plural(1, "{n} case", "{n} cases", stored=True) == "1 case"


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("en", "case 2026-0142 is closed since 2026-12-07"), ("da", "sag 2026-0142 er lukket siden 7. december 2026")],
)
def test_a_date_in_a_message_is_said_as_the_language_writes_dates(lang, shown, monkeypatch):
    from datetime import date

    from samfam.errors import Conflict

    template = "case {ref} is closed since {day}"
    monkeypatch.setattr(words, "catalogue", _catalogues({template: "sag {ref} er lukket siden {day}"}))
    error = Conflict(template, ref="2026-0142", day=date(2026, 12, 7))
    assert error.message == "case 2026-0142 is closed since 2026-12-07"  # English, as the audit keeps it
    assert words.said(error.template, error.fields, lang=lang) == shown


def test_a_moment_in_a_message_keeps_its_time():
    from datetime import datetime

    assert words.said("at {at}", {"at": datetime(2026, 12, 7, 9, 30)}, lang="da") == "at 2026-12-07 09:30:00"


def _catalogues(danish: dict[str, str]):  # noqa: ANN202 - words.catalogue's stand-in
    import gettext

    return lambda lang: _Danish(danish) if lang == "da" else gettext.NullTranslations()


class _Danish:
    def __init__(self, table: dict[str, str]) -> None:
        self.table = table

    def gettext(self, msgid: str) -> str:
        return self.table.get(msgid, msgid)


def test_only_a_count_written_with_separators_gets_the_languages_separators():
    """An id or a year is a name, not an amount: "{id}" stays 1234 in Danish as in English; "{n:,}" is 1.234."""
    template = "task {id} of {n:,} tasks in {year}"
    assert words.said(template, {"id": 1234, "n": 1234, "year": 2026}, lang="en") == "task 1234 of 1,234 tasks in 2026"
    assert words.said(template, {"id": 1234, "n": 1234, "year": 2026}, lang="da") == "task 1234 of 1.234 tasks in 2026"
