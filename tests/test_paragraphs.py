"""The paragraph catalogue and parser, checked against docs/rules.md §2 (and the codes used in §3)."""

import ast
import re
import sys
from pathlib import Path

import pytest

from samfam.rules import paragraphs
from samfam.rules.paragraphs import (
    BY_CODE,
    CATALOGUE,
    Category,
    Paragraph,
    ParagraphError,
    catalogue,
    category_of,
    lookup,
    parse_code,
)

COMPENSATION = Category.COMPENSATION
ADDON = Category.SUPPORT_ADDON
INVESTIGATION = Category.INVESTIGATION
MEASURE = Category.MEASURE
OTHER = Category.OTHER


def cases(table, show=str):
    """Parametrize rows whose id is the first column (what an advisor would type or read)."""
    return [pytest.param(*row, id=show(row[0])) for row in table]


# ── Parsing: forgiving input becomes one canonical code ──────────────────────────────────────

FORGIVING_INPUT = [
    # typed                         canonical
    ("sel41", "SEL 41"),
    ("SEL §41", "SEL 41"),
    ("SEL 41", "SEL 41"),
    ("  sel 41  ", "SEL 41"),
    ("SEL 52a stk. 1 nr. 1", "SEL 52a.1.1"),
    ("sel 52a.1.1", "SEL 52a.1.1"),
    ("SEL 52A.1.1", "SEL 52a.1.1"),
    ("SEL § 52 a, stk. 1, nr. 1", "SEL 52a.1.1"),
    ("BL86", "BL 86"),
    ("bl 35 stk 4 nr 1", "BL 35.4.1"),
    ("BL § 32, stk. 1, nr. 7", "BL 32.1.7"),
    ("BL § 32,stk.1,nr.7", "BL 32.1.7"),
    ("SEL 52.3.5", "SEL 52.3.5"),
    ("sel 52 stk. 3 nr. 5", "SEL 52.3.5"),
    ("SEL 52 3 5", "SEL 52.3.5"),
    ("sel 19a", "SEL 19a"),
    ("Serviceloven § 41", "SEL 41"),
    ("Barnets lov § 86", "BL 86"),
    ("§ 41 SEL", "SEL 41"),
    ("SEL 41,", "SEL 41"),
    # Codes below a paragraph that covers its subsections stay as typed.
    ("SEL 11.3", "SEL 11.3"),
    ("SEL § 11, stk. 3", "SEL 11.3"),
    ("SEL 11 stk 7", "SEL 11.7"),
    ("SEL 41.1", "SEL 41.1"),
    ("BL 86 stk. 2", "BL 86.2"),
]


@pytest.mark.parametrize(("typed", "canonical"), cases(FORGIVING_INPUT))
def test_forgiving_input_gives_the_canonical_code(typed, canonical):
    assert parse_code(typed) == canonical


@pytest.mark.parametrize("code", [p.code for p in CATALOGUE])
def test_every_catalogue_code_parses_to_itself(code):
    assert parse_code(code) == code


# ── Parsing: a bare number is refused, naming both readings ──────────────────────────────────

NOT_KNOWN = "not in the catalogue"
BARE_NUMBERS = [
    # typed               read as     SEL reading                BL reading
    ("41", "41", "Merudgifter", NOT_KNOWN),
    ("§ 41", "41", "Merudgifter", NOT_KNOWN),
    ("86", "86", NOT_KNOWN, "Merudgifter"),
    ("20", "20", NOT_KNOWN, "Børnefaglig undersøgelse"),
    ("52.3.5", "52.3.5", "Aflastningsordning", NOT_KNOWN),
    ("11.3", "11.3", "Forebyggende foranstaltninger og rådgivning", NOT_KNOWN),
    ("52a stk. 1 nr. 1", "52a.1.1", BY_CODE["SEL 52a.1.1"].title, NOT_KNOWN),
    ("999", "999", NOT_KNOWN, NOT_KNOWN),
]


@pytest.mark.parametrize(("typed", "read_as", "sel_title", "bl_title"), cases(BARE_NUMBERS))
def test_bare_number_is_refused_naming_both_readings(typed, read_as, sel_title, bl_title):
    with pytest.raises(ParagraphError) as refused:
        parse_code(typed)
    assert str(refused.value) == (
        f"'{typed}' is ambiguous: say 'SEL {read_as}' (Serviceloven: {sel_title}) "
        f"or 'BL {read_as}' (Barnets lov: {bl_title})."
    )


# ── Parsing: a code the catalogue does not know is refused with a suggestion ─────────────────

UNKNOWN_CODES = [
    # typed          named as         suggested (None: only the pointer to `samfam paragraphs`)
    ("SEL 999", "'SEL 999'", None),
    ("sel999", "'SEL 999'", None),
    ("BL 52", "'BL 52'", "BL 32"),  # SEL 52's successor
    ("SEL 86", "'SEL 86'", "SEL 41"),  # BL 86's predecessor
    ("BL 41", "'BL 41'", "BL 86"),  # SEL 41's successor
    ("SEL 52.3.10", "'SEL 52.3.10'", "SEL 52.3.1"),
    ("SEL 52.1", "'SEL 52.1'", "SEL 52.3.1"),  # § 52 does not cover its subsections
    ("SEL 52.3", "'SEL 52.3'", "SEL 52.3.1"),
    ("BL 32.2", "'BL 32.2'", "BL 32.1.2"),
    ("BL 35.4.6", "'BL 35.4.6'", "BL 35.4.1"),
    ("SEL 41a", "'SEL 41a'", "SEL 41"),
]


@pytest.mark.parametrize(("typed", "named_as", "suggested"), cases(UNKNOWN_CODES))
def test_unknown_code_is_refused_with_a_suggestion(typed, named_as, suggested):
    with pytest.raises(ParagraphError) as refused:
        parse_code(typed)
    message = str(refused.value)
    assert message.startswith(f"{named_as} is not in the paragraph catalogue")
    assert "`samfam paragraphs`" in message
    if suggested is None:
        assert refused.value.suggestions == ()
    else:
        assert f"'{suggested}'" in message
        assert suggested in refused.value.suggestions
        assert all(code in BY_CODE for code in refused.value.suggestions)


# ── Parsing: garbage is refused with the format ──────────────────────────────────────────────

GARBAGE = [
    # typed            the message says
    ("foo", "'foo' is not a paragraph code"),
    ("", "No paragraph code was given"),
    ("   ", "No paragraph code was given"),
    ("SEL", "'SEL' is not a paragraph code"),
    ("SEL 41 stk", "'SEL 41 stk' is not a paragraph code"),
    ("SEL 52 nr 3", "'SEL 52 nr 3' is not a paragraph code"),
    ("SEL 52.3.5.1", "'SEL 52.3.5.1' is not a paragraph code"),
    ("41-42", "'41-42' is not a paragraph code"),
    ("SEL 41, 42", "'SEL 41, 42' is not one paragraph code"),
    ("SL 41", "'SL 41' names no law the catalogue knows"),
    ("LSS 41", "'LSS 41' names no law the catalogue knows"),
]


@pytest.mark.parametrize(("typed", "says"), cases(GARBAGE, show=repr))
def test_garbage_is_refused_saying_what_the_format_is(typed, says):
    with pytest.raises(ParagraphError) as refused:
        parse_code(typed)
    message = str(refused.value)
    assert message.startswith(says)
    assert "'SEL 41'" in message and "'BL 86'" in message  # examples of the format


@pytest.mark.parametrize("typed", ["41", "SEL 999", "BL 52", "foo", "", "SL 41", "SEL 41, 42"], ids=repr)
def test_every_refusal_is_one_readable_line(typed):
    with pytest.raises(ParagraphError) as refused:
        parse_code(typed)
    message = str(refused.value)
    assert "\n" not in message
    assert message[0].isupper() or message[0] == "'"
    assert message.endswith((".", "?"))


def test_paragraph_error_is_a_value_error():
    assert issubclass(ParagraphError, ValueError)


# ── Categories: every code named in docs/rules.md §2's table (and the §3 examples) ────────────────

CATEGORIES = [
    # code            category         (docs/rules.md §2 row)
    ("SEL 41", COMPENSATION),  # extra costs (merudgifter)
    ("SEL 42", COMPENSATION),  # lost earnings
    ("SEL 44", COMPENSATION),  # personal help, respite, maintenance training
    ("BL 86", COMPENSATION),
    ("BL 87", COMPENSATION),
    ("BL 90", COMPENSATION),
    ("SEL 11", ADDON),  # any stk.
    ("SEL 52a.1.1", ADDON),
    ("BL 30", ADDON),
    ("BL 81", ADDON),
    ("BL 35.4.1", ADDON),
    ("BL 35.4.2", ADDON),
    ("BL 35.4.3", ADDON),
    ("SEL 50", INVESTIGATION),
    ("BL 20", INVESTIGATION),  # børnefaglig undersøgelse
    ("BL 19", INVESTIGATION),  # afdækning (our interpretation)
    ("SEL 52", MEASURE),
    *[(f"SEL 52.3.{nr}", MEASURE) for nr in range(1, 10)],
    ("BL 32", MEASURE),
    *[(f"BL 32.1.{nr}", MEASURE) for nr in range(1, 9)],
    ("BL 46", MEASURE),
    ("BL 47", MEASURE),
    ("SEL 52a.1.2", OTHER),
    ("SEL 52a.1.3", OTHER),
    ("SEL 54", OTHER),
    ("SEL 76", OTHER),
    ("BL 35.4.4", OTHER),
    ("BL 35.4.5", OTHER),
    ("BL 75", OTHER),
    ("BL 114", OTHER),
    # the rest of the "other" row ("…")
    ("SEL 70", OTHER),
    ("SEL 140", OTHER),
    ("SEL 19a", OTHER),
    ("BL 18", OTHER),  # screening
    ("BL 91", OTHER),
    ("BL 92", OTHER),
    ("BL 95", OTHER),
    ("BL 115", OTHER),
    ("BL 116", OTHER),
    ("BL 122", OTHER),
    ("BL 123", OTHER),
]


@pytest.mark.parametrize(("code", "category"), cases(CATEGORIES))
def test_category_of_every_code_in_the_domain_table(code, category):
    assert category_of(code) == category
    assert BY_CODE[code].category == category


def test_the_category_table_above_names_every_catalogue_entry():
    assert {code for code, _ in CATEGORIES} == set(BY_CODE)


def test_category_values_are_the_words_the_rules_use():
    assert [c.value for c in Category] == [
        "compensation",
        "support add-on",
        "investigation",
        "measure",
        "other",
    ]


# ── Subsections: understood through a parent that covers them, never guessed otherwise ───────

SUBSECTIONS = [
    # code            category       understood through
    ("SEL 11.3", ADDON, "SEL 11"),  # old § 11 stk. 3 -> BL 30
    ("SEL 11.7", ADDON, "SEL 11"),  # old § 11 stk. 7 -> BL 81
    ("SEL 11.8.2", ADDON, "SEL 11"),
    ("SEL 41.1", COMPENSATION, "SEL 41"),
    ("SEL 42.1", COMPENSATION, "SEL 42"),
    ("BL 86.2", COMPENSATION, "BL 86"),
    ("BL 20.3", INVESTIGATION, "BL 20"),  # the 4-month deadline lives in stk. 3
    ("SEL 50.7", INVESTIGATION, "SEL 50"),
    ("BL 46.1", MEASURE, "BL 46"),
    ("SEL 52a.1.2", OTHER, "SEL 52a.1.2"),  # its own entry, not the add-on nr. 1
    ("SEL 52a.1.1", ADDON, "SEL 52a.1.1"),
    ("SEL 52.1", None, None),  # SEL 52 covers nothing implicitly
    ("SEL 52.3", None, None),
    ("SEL 52.3.10", None, None),
    ("BL 32.2", None, None),  # BL 32 covers nothing implicitly
    ("SEL 52a.1", None, None),
    ("SEL 52a.1.4", None, None),
    ("BL 35.4", None, None),
    ("SEL 999", None, None),
    ("SEL 41a", None, None),  # a letter makes another paragraph
]


@pytest.mark.parametrize(("code", "category", "through"), cases(SUBSECTIONS))
def test_subsections_follow_a_covering_parent(code, category, through):
    assert category_of(code) == category
    entry = lookup(code)
    assert (entry.code if entry is not None else None) == through


@pytest.mark.parametrize("text", ["sel 41", "SEL §41", "41", "SEL 52A.1.1", "", "SEL  41"])
def test_lookup_takes_canonical_codes_only(text):
    assert lookup(text) is None


# ── Counterparts: the SEL -> BL mapping of docs/rules.md §2 ──────────────────────────────────────

MAPPING = [
    # SEL            BL                                         confidence
    ("SEL 41", {"BL 86"}, "high"),
    ("SEL 42", {"BL 87"}, "high"),
    ("SEL 44", {"BL 90"}, "high"),
    ("SEL 11", {"BL 30", "BL 81"}, "high"),
    ("SEL 50", {"BL 20", "BL 19"}, "high"),
    ("SEL 52", {"BL 32"}, "high"),
    ("SEL 52.3.1", {"BL 32.1.1"}, "high"),
    ("SEL 52.3.2", {"BL 32.1.2"}, "high"),
    ("SEL 52.3.3", {"BL 32.1.5"}, "medium"),
    ("SEL 52.3.4", {"BL 32.1.6"}, "high"),
    ("SEL 52.3.5", {"BL 32.1.7"}, "high"),  # -> støtteophold
    ("SEL 52.3.6", {"BL 32.1.3"}, "high"),
    ("SEL 52.3.7", {"BL 46", "BL 47"}, "high"),
    ("SEL 52.3.8", {"BL 32.1.4"}, "medium"),
    ("SEL 52.3.9", {"BL 32.1.8"}, "medium"),
    ("SEL 52a.1.1", {"BL 35.4.1", "BL 35.4.2", "BL 35.4.3"}, "medium"),
    ("SEL 52a.1.2", {"BL 35.4.4"}, "medium"),
    ("SEL 52a.1.3", {"BL 35.4.5"}, "medium"),
    ("SEL 54", {"BL 75"}, "medium"),
    ("SEL 70", {"BL 95"}, "high"),
    ("SEL 140", {"BL 91", "BL 92"}, "high"),
    ("SEL 19a", {"BL 122", "BL 123"}, "high"),
    ("SEL 76", {"BL 114", "BL 115", "BL 116"}, "medium"),
]


@pytest.mark.parametrize(("sel", "bl", "confidence"), cases(MAPPING))
def test_sel_to_bl_mapping(sel, bl, confidence):
    entry = BY_CODE[sel]
    assert set(entry.counterparts) == bl
    assert entry.confidence == confidence


def test_the_mapping_table_above_covers_every_sel_entry():
    assert {sel for sel, _, _ in MAPPING} == {p.code for p in catalogue("SEL")}


@pytest.mark.parametrize(
    ("sel", "bl"),
    [
        pytest.param(sel, next(iter(bl)), id=f"{sel}<->{next(iter(bl))}")
        for sel, bl, _ in MAPPING
        if len(bl) == 1 and len(BY_CODE[next(iter(bl))].counterparts) == 1
    ],
)
def test_one_to_one_mappings_are_symmetric(sel, bl):
    assert BY_CODE[sel].counterparts == (bl,)
    assert BY_CODE[bl].counterparts == (sel,)
    assert BY_CODE[sel].confidence == BY_CODE[bl].confidence
    assert BY_CODE[sel].category == BY_CODE[bl].category


@pytest.mark.parametrize(
    ("code", "counterpart"),
    [pytest.param(p.code, c, id=f"{p.code}->{c}") for p in CATALOGUE for c in p.counterparts],
)
def test_every_counterpart_exists_in_the_other_law_and_points_back(code, counterpart):
    assert counterpart in BY_CODE, f"{code} names {counterpart}, which the catalogue lacks"
    assert BY_CODE[counterpart].law != BY_CODE[code].law
    assert code in BY_CODE[counterpart].counterparts


def test_only_new_bl_paragraphs_lack_a_counterpart():
    assert [p.code for p in CATALOGUE if not p.counterparts] == ["BL 18"]


# ── The catalogue itself ─────────────────────────────────────────────────────────────────────


def _order(code: str) -> tuple:
    law, rest = code.split(" ")
    number, *subs = rest.split(".")
    digits = re.match(r"\d+", number).group()
    return (["SEL", "BL"].index(law), int(digits), number[len(digits) :], *map(int, subs))


def test_catalogue_is_sel_then_bl_in_numeric_order():
    codes = [p.code for p in CATALOGUE]
    assert codes == sorted(codes, key=_order)
    assert codes.index("SEL 19a") < codes.index("SEL 41") < codes.index("SEL 140")
    assert codes.index("SEL 52.3.9") < codes.index("SEL 52a.1.1") < codes.index("SEL 54")


def test_codes_are_unique_and_by_code_indexes_them_all():
    assert len(BY_CODE) == len(CATALOGUE)
    assert all(BY_CODE[p.code] is p for p in CATALOGUE)


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda p: p.code)
def test_every_entry_is_well_formed(entry):
    assert entry.law == entry.code.split(" ")[0]
    assert entry.law in ("SEL", "BL")
    assert isinstance(entry.category, Category)
    assert entry.title and entry.title == entry.title.strip()
    assert entry.title[0].isupper()
    assert entry.confidence in ("high", "medium")
    assert isinstance(entry.counterparts, tuple)


PARENTS_THAT_COVER_NOTHING = ["SEL 52", "BL 32"]


@pytest.mark.parametrize("code", PARENTS_THAT_COVER_NOTHING)
def test_measure_parents_cover_no_subsections(code):
    assert BY_CODE[code].covers_subsections is False


def test_entries_with_listed_subsections_do_not_cover_them():
    """A covering parent would make its listed children redundant or contradictory."""
    for entry in CATALOGUE:
        if entry.covers_subsections:
            children = [c for c in BY_CODE if c.startswith(entry.code + ".")]
            assert children == [], f"{entry.code} covers its subsections but lists {children}"


TITLES = [
    # code         title
    ("SEL 11", "Forebyggende foranstaltninger og rådgivning"),
    ("SEL 41", "Merudgifter"),
    ("SEL 42", "Tabt arbejdsfortjeneste"),
    ("SEL 44", "Personlig hjælp, aflastning og vedligeholdelsestræning"),
    ("SEL 50", "Børnefaglig undersøgelse"),
    ("SEL 52.3.5", "Aflastningsordning"),
    ("SEL 76", "Efterværn"),
    ("BL 19", "Afdækning"),
    ("BL 20", "Børnefaglig undersøgelse"),
    ("BL 32.1.7", "Støtteophold"),
    ("BL 46", "Anbringelse med samtykke"),
    ("BL 47", "Anbringelse uden samtykke"),
    ("BL 86", "Merudgifter"),
    ("BL 114", "Efterværn"),
    ("BL 122", "Overgang til voksenlivet"),
    ("BL 123", "Overgang til voksenlivet"),
]


@pytest.mark.parametrize(("code", "title"), cases(TITLES))
def test_danish_titles(code, title):
    assert BY_CODE[code].title == title


def test_paragraphs_are_immutable():
    with pytest.raises(AttributeError, match="can.t set attribute"):
        BY_CODE["SEL 41"].category = OTHER  # type: ignore[misc]
    assert isinstance(CATALOGUE, tuple)


def test_paragraph_defaults():
    p = Paragraph(code="SEL 1", law="SEL", category=OTHER, title="Formål")
    assert (p.counterparts, p.confidence, p.covers_subsections) == ((), "high", False)


@pytest.mark.parametrize(
    ("law", "first", "last"),
    [
        pytest.param("SEL", "SEL 11", "SEL 140", id="SEL"),
        pytest.param("sel", "SEL 11", "SEL 140", id="sel"),
        pytest.param("BL", "BL 18", "BL 123", id="BL"),
        pytest.param(" bl ", "BL 18", "BL 123", id="bl-with-spaces"),
    ],
)
def test_catalogue_for_one_law(law, first, last):
    entries = catalogue(law)
    assert entries[0].code == first and entries[-1].code == last
    assert {p.law for p in entries} == {law.strip().upper()}


def test_catalogue_without_law_is_everything_in_order():
    assert catalogue() == list(CATALOGUE)
    assert catalogue("SEL") + catalogue("BL") == list(CATALOGUE)


def test_catalogue_refuses_an_unknown_law():
    with pytest.raises(ParagraphError, match="'LSS' is not a law the catalogue knows"):
        catalogue("LSS")


# ── The module stays pure ────────────────────────────────────────────────────────────────────


def test_module_imports_only_the_standard_library():
    tree = ast.parse(Path(paragraphs.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "no relative imports: the module stands alone"
            imported.add(node.module.split(".")[0])
    assert imported, "expected at least one import to check"
    assert imported <= sys.stdlib_module_names, imported - sys.stdlib_module_names


def test_module_does_no_io():
    source = Path(paragraphs.__file__).read_text(encoding="utf-8")
    for call in ("open(", "print(", "input("):
        assert call not in source
