"""An import file's columns, sheets and lists in a cell (samfam.rules.transfer), as tables."""

from __future__ import annotations

import pytest

from samfam.rules.transfer import KINDS, ORDER, SHEETS, header_map, plain, sheet_for, split_list, template

SPLIT = [
    # cell                                       items
    ("BL 86",                                    ["BL 86"]),
    ("BL § 32, stk. 1, nr. 7",                   ["BL § 32, stk. 1, nr. 7"]),
    ("BL § 32, stk. 1, nr. 7; BL 86",            ["BL § 32, stk. 1, nr. 7", "BL 86"]),
    ("BL 86\nBL 30",                             ["BL 86", "BL 30"]),
    ("BL 86\r\nBL 30\r\n",                       ["BL 86", "BL 30"]),
    ("Kildeskolen, 3. klasse; PPR Nord",         ["Kildeskolen, 3. klasse", "PPR Nord"]),
    (" ; ",                                      []),
    ("",                                         []),
]  # fmt: skip


@pytest.mark.parametrize(("cell", "items"), SPLIT)
def test_split_list_on_semicolons_and_line_breaks_never_commas(cell, items):
    assert split_list(cell) == items


HEADERS = [
    # kind       header           field
    ("cases",    "Sagsnr.",       "case"),
    ("cases",    "sags-nr",       "case"),
    ("cases",    "SAGSNR",        "case"),
    ("cases",    "CPR-nr.",       "cpr"),
    ("cases",    "cpr nr",        "cpr"),
    ("cases",    "Født",          "born"),
    ("cases",    "Foedt",         "born"),
    ("cases",    "Rådgiver",      "advisor"),
    ("cases",    "raadgiver",     "advisor"),
    ("cases",    "close_reason",  "close_reason"),
    ("cases",    "Lukkeårsag",    "close_reason"),
    ("events",   "Hændelse",      "kind"),
    ("events",   "Bemærkning",    "note"),
    ("goals",    "Måldato",       "target"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "header", "field"), HEADERS)
def test_a_header_is_matched_ignoring_case_punctuation_and_aeoeaa(kind, header, field):
    mapping, unknown, _ = header_map(kind, [header])
    assert (mapping, unknown) == ({0: field}, [])


@pytest.mark.parametrize("kind", ORDER)
def test_no_header_names_two_fields_of_a_kind_and_the_danish_template_is_read_back(kind):
    owners: dict[str, str] = {}
    for f in KINDS[kind]:
        for alias in {plain(a) for a in (f.name, *f.aliases)}:
            assert owners.setdefault(alias, f.name) == f.name, (alias, f.name, owners[alias])
    header, example = template(kind, "da")
    assert len(header) == len(example) == len(KINDS[kind])
    mapping, unknown, missing = header_map(kind, header)
    assert (list(mapping.values()), unknown, missing) == ([f.name for f in KINDS[kind]], [], [])


SHEET_CHOICE = [
    # kind          sheets                              read
    ("cases",       ["Noter", "Rådgivere", "Sager"],    "Sager"),
    ("advisors",    ["Noter", "Rådgivere", "Sager"],    "Rådgivere"),
    ("advisors",    ["raadgivere"],                     "raadgivere"),
    ("cases",       ["notes", "cases"],                 "cases"),
    ("events",      ["Hændelser"],                      "Hændelser"),
    ("actors",      ["AKTØRER"],                        "AKTØRER"),
    ("goals",       ["Mål"],                            "Mål"),
    ("applications", ["Ansøgninger"],                   "Ansøgninger"),
    ("grants",      ["Bevillinger"],                    "Bevillinger"),
    ("grants",      ["Ark1", "Ark2"],                   None),  # the first sheet
]  # fmt: skip


@pytest.mark.parametrize(("kind", "sheets", "read"), SHEET_CHOICE)
def test_the_sheet_of_a_kind(kind, sheets, read):
    assert sheet_for(kind, sheets) == read


def test_every_kind_has_a_danish_sheet():
    assert set(SHEETS) == set(ORDER)
