"""The statutory paragraphs samfam knows, as a table a domain expert can read (docs/rules.md §2).

Cases opened before 2024 carry grants under Serviceloven (SEL); new grants use Barnets lov (BL).
Both are accepted and treated alike: every paragraph has a *category*, which is all the cadence
rule (docs/rules.md §3) looks at, and a list of *counterparts* in the other law.

Codes are written ``LAW NUM[.STK[.NR]]``: ``SEL 41``, ``SEL 52.3.5``, ``SEL 52a.1.1``, ``BL 86``,
``BL 35.4.1``. :func:`parse_code` accepts the ways advisors actually type them (``sel41``,
``SEL § 52 a, stk. 1, nr. 1``, ``bl 35 stk 4 nr 1`` …) and refuses, with a readable reason, a bare
number (is ``41`` SEL 41 or BL 41?), a code the catalogue does not know, and anything else.

Pure: standard library only, no I/O.
"""

import difflib
import re
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "BY_CODE",
    "CATALOGUE",
    "LAW_NAMES",
    "Category",
    "Paragraph",
    "ParagraphError",
    "catalogue",
    "FIRST_FOLLOWUP_INVESTIGATIONS",
    "LAW_CHANGE",
    "are_counterparts",
    "brings_first_followup_forward",
    "category_of",
    "lookup",
    "parse_code",
]


class Category(StrEnum):
    """What a paragraph is, as far as the cadence rule is concerned."""

    COMPENSATION = "compensation"
    SUPPORT_ADDON = "support add-on"
    INVESTIGATION = "investigation"
    MEASURE = "measure"
    OTHER = "other"


LAW_NAMES: dict[str, str] = {"SEL": "Serviceloven", "BL": "Barnets lov"}


class Paragraph(NamedTuple):
    """One catalogue entry.

    ``covers_subsections`` means every stk./nr. below this code has the same category, so a grant
    recorded as e.g. ``SEL 11.3`` or ``BL 86.2`` is understood through this entry.
    """

    code: str
    law: str
    category: Category
    title: str
    counterparts: tuple[str, ...] = ()
    confidence: str = "high"
    covers_subsections: bool = False


class ParagraphError(ValueError):
    """A paragraph code that cannot be used; the message is one sentence saying what would do.

    ``suggestions`` holds the valid codes the message proposes, if any.
    """

    def __init__(self, message: str, suggestions: tuple[str, ...] = (), **fields: object) -> None:
        super().__init__(message.format(**fields) if fields else message)
        self.suggestions = suggestions
        self.template = message  # with `fields`: said in the reader's language (samfam.errors, samfam.words)
        self.fields = fields


# Notes used in the table below.
ANY_STK = "any stk."  # every stk./nr. below the code has the same category (covers_subsections)
MEDIUM = "medium"  # the mapping to the other law is medium confidence (docs/rules.md §2)


def _p(code: str, category: str, title: str, counterparts: str = "", *notes: str) -> Paragraph:
    """One row of the table: counterparts are written "BL 30, BL 81"."""
    unknown = set(notes) - {ANY_STK, MEDIUM}
    if unknown:
        raise ValueError(f"unknown note(s) {sorted(unknown)} on catalogue row {code!r}")
    return Paragraph(
        code=code,
        law=code.split(" ", 1)[0],
        category=Category(category),
        title=title,
        counterparts=tuple(c.strip() for c in counterparts.split(",") if c.strip()),
        confidence=MEDIUM if MEDIUM in notes else "high",
        covers_subsections=ANY_STK in notes,
    )


# fmt: off
CATALOGUE: tuple[Paragraph, ...] = (
    # ── Serviceloven (SEL): child grants made until 31 December 2023 ──────────────────────────
    #   code           category          title                             BL counterparts, notes
    _p("SEL 11",      "support add-on", "Forebyggende foranstaltninger og rådgivning",
       "BL 30, BL 81", ANY_STK),
    _p("SEL 19a",     "other",          "Overgang til voksenlivet",
       "BL 122, BL 123", ANY_STK),
    _p("SEL 41",      "compensation",   "Merudgifter",                    "BL 86", ANY_STK),
    _p("SEL 42",      "compensation",   "Tabt arbejdsfortjeneste",        "BL 87", ANY_STK),
    _p("SEL 44",      "compensation",   "Personlig hjælp, aflastning og vedligeholdelsestræning",
       "BL 90", ANY_STK),
    _p("SEL 50",      "investigation",  "Børnefaglig undersøgelse",       "BL 20, BL 19", ANY_STK),
    # § 52 itself: only the numbers of stk. 3 below are measures; no other stk. is implied.
    _p("SEL 52",      "measure",        "Foranstaltninger",               "BL 32"),
    _p("SEL 52.3.1",  "measure",        "Konsulentbistand",               "BL 32.1.1"),
    _p("SEL 52.3.2",  "measure",        "Praktisk, pædagogisk eller anden støtte i hjemmet",
       "BL 32.1.2"),
    _p("SEL 52.3.3",  "measure",        "Familiebehandling",              "BL 32.1.5", MEDIUM),
    _p("SEL 52.3.4",  "measure",        "Døgnophold for hele familien",   "BL 32.1.6"),
    _p("SEL 52.3.5",  "measure",        "Aflastningsordning",             "BL 32.1.7"),
    _p("SEL 52.3.6",  "measure",        "Fast kontaktperson",             "BL 32.1.3"),
    _p("SEL 52.3.7",  "measure",        "Anbringelse uden for hjemmet",   "BL 46, BL 47"),
    _p("SEL 52.3.8",  "measure",        "Formidling af praktiktilbud",    "BL 32.1.4", MEDIUM),
    _p("SEL 52.3.9",  "measure",        "Anden hjælp",                    "BL 32.1.8", MEDIUM),
    # § 52 a stk. 1 nr. 1 was split into BL § 35 stk. 4 nr. 1-3; nr. 2 and 3 became nr. 4 and 5.
    _p("SEL 52a.1.1", "support add-on", "Økonomisk støtte til udgifter ved foranstaltninger",
       "BL 35.4.1, BL 35.4.2, BL 35.4.3", MEDIUM),
    _p("SEL 52a.1.2", "other",          "Økonomisk støtte for at undgå anbringelse",
       "BL 35.4.4", MEDIUM),
    _p("SEL 52a.1.3", "other",          "Økonomisk støtte til kontakt under anbringelse",
       "BL 35.4.5", MEDIUM),
    _p("SEL 54",      "other",          "Støtteperson til forældre til anbragte børn",
       "BL 75", MEDIUM, ANY_STK),
    _p("SEL 70",      "other",          "Opfølgning på foranstaltninger", "BL 95", ANY_STK),
    _p("SEL 76",      "other",          "Efterværn",
       "BL 114, BL 115, BL 116", MEDIUM, ANY_STK),
    _p("SEL 140",     "other",          "Handleplan",                     "BL 91, BL 92", ANY_STK),

    # ── Barnets lov (BL): grants made from 1 January 2024 ─────────────────────────────────────
    #   code           category          title                             SEL counterparts, notes
    _p("BL 18",       "other",          "Screening"),  # new in BL: no SEL counterpart
    # Afdækning as investigation is our interpretation: a § 32 indsats may rest on it (§2).
    _p("BL 19",       "investigation",  "Afdækning",
       "SEL 50", MEDIUM, ANY_STK),
    _p("BL 20",       "investigation",  "Børnefaglig undersøgelse",       "SEL 50", ANY_STK),
    _p("BL 30",       "support add-on", "Tidligt forebyggende indsatser", "SEL 11", ANY_STK),
    # § 32 itself: only the numbers of stk. 1 below are measures; no other stk. is implied.
    _p("BL 32",       "measure",        "Støttende indsatser",            "SEL 52"),
    _p("BL 32.1.1",   "measure",        "Konsulentbistand",               "SEL 52.3.1"),
    _p("BL 32.1.2",   "measure",        "Praktisk, pædagogisk eller anden støtte i hjemmet",
       "SEL 52.3.2"),
    _p("BL 32.1.3",   "measure",        "Fast kontaktperson",             "SEL 52.3.6"),
    _p("BL 32.1.4",   "measure",        "Praktikophold",                  "SEL 52.3.8", MEDIUM),
    _p("BL 32.1.5",   "measure",        "Familiebehandling",              "SEL 52.3.3", MEDIUM),
    _p("BL 32.1.6",   "measure",        "Døgnophold for hele familien",   "SEL 52.3.4"),
    _p("BL 32.1.7",   "measure",        "Støtteophold",                   "SEL 52.3.5"),
    _p("BL 32.1.8",   "measure",        "Anden hjælp",                    "SEL 52.3.9", MEDIUM),
    _p("BL 35.4.1",   "support add-on", "Økonomisk støtte til udgifter ved støttende indsatser",
       "SEL 52a.1.1", MEDIUM),
    _p("BL 35.4.2",   "support add-on", "Økonomisk støtte til udgifter ved anbringelse",
       "SEL 52a.1.1", MEDIUM),
    _p("BL 35.4.3",   "support add-on", "Økonomisk støtte frem for en mere indgribende indsats",
       "SEL 52a.1.1", MEDIUM),
    _p("BL 35.4.4",   "other",          "Økonomisk støtte for at undgå anbringelse",
       "SEL 52a.1.2", MEDIUM),
    _p("BL 35.4.5",   "other",          "Økonomisk støtte til kontakt under anbringelse",
       "SEL 52a.1.3", MEDIUM),
    _p("BL 46",       "measure",        "Anbringelse med samtykke",       "SEL 52.3.7", ANY_STK),
    _p("BL 47",       "measure",        "Anbringelse uden samtykke",      "SEL 52.3.7", ANY_STK),
    _p("BL 75",       "other",          "Støtteperson til forældre til anbragte børn",
       "SEL 54", MEDIUM, ANY_STK),
    _p("BL 81",       "support add-on", "Rådgivning, undersøgelse og behandling",
       "SEL 11", ANY_STK),
    _p("BL 86",       "compensation",   "Merudgifter",                    "SEL 41", ANY_STK),
    _p("BL 87",       "compensation",   "Tabt arbejdsfortjeneste",        "SEL 42", ANY_STK),
    _p("BL 90",       "compensation",   "Personlig hjælp, aflastning og vedligeholdelsestræning",
       "SEL 44", ANY_STK),
    _p("BL 91",       "other",          "Barnets plan",                   "SEL 140", ANY_STK),
    _p("BL 92",       "other",          "Barnets plans indhold",          "SEL 140", ANY_STK),
    _p("BL 95",       "other",          "Opfølgning på indsatser",        "SEL 70", ANY_STK),
    _p("BL 114",      "other",          "Efterværn",
       "SEL 76", MEDIUM, ANY_STK),
    _p("BL 115",      "other",          "Efterværn",
       "SEL 76", MEDIUM, ANY_STK),
    _p("BL 116",      "other",          "Efterværn",
       "SEL 76", MEDIUM, ANY_STK),
    _p("BL 122",      "other",          "Overgang til voksenlivet",       "SEL 19a", ANY_STK),
    _p("BL 123",      "other",          "Overgang til voksenlivet",       "SEL 19a", ANY_STK),
)
# fmt: on

BY_CODE: dict[str, Paragraph] = {entry.code: entry for entry in CATALOGUE}

#: Barnets lov replaced Serviceloven's provisions for children on this day (docs/rules.md § 2).
LAW_CHANGE = date(2024, 1, 1)


def are_counterparts(a: str, b: str) -> bool:
    """Whether two canonical codes, each understood through :func:`lookup`, are counterparts in the other
    law by the catalogue (``SEL 41.2`` and ``BL 86``: yes; ``SEL 41`` and ``BL 87``: no)."""
    first, second = lookup(a), lookup(b)
    if first is None or second is None or first.law == second.law:
        return False
    return second.code in first.counterparts or first.code in second.counterparts


#: BL § 95 stk. 2: the investigations whose end, when it comes before a measure's 3 months, brings the
#: measure's first follow-up forward (docs/rules.md § 11). The law names BL §§ 19 (afdækning), 20
#: (børnefaglig undersøgelse), 25 and 26 (afdækning and undersøgelse of expectant parents, chapter 6).
#: SEL 50 is the Serviceloven counterpart in the catalogue of BL 20 (and, medium confidence, of BL 19),
#: for an investigation begun before 2024 still running beside a measure under Barnets lov. BL 25 and 26,
#: and their Serviceloven forerunners, are not in the catalogue, so no grant carries them yet; they are
#: named here as the law names them. A code counts with every stk. and nr. below it (``BL 20.3``).
FIRST_FOLLOWUP_INVESTIGATIONS: tuple[str, ...] = ("BL 19", "BL 20", "BL 25", "BL 26", "SEL 50")


def brings_first_followup_forward(code: str) -> bool:
    """Whether an investigation granted under `code` (canonical), ending first, makes a measure's first
    follow-up due (BL § 95 stk. 2): its paragraph, without stk. and nr., is in FIRST_FOLLOWUP_INVESTIGATIONS.
    SQL picking the same grants: samfam.store.queries.barometer.investigation_spans."""
    match = _CANONICAL.fullmatch(code) if isinstance(code, str) else None
    return match is not None and f"{match.group(1)} {match.group(2)}" in FIRST_FOLLOWUP_INVESTIGATIONS


# ── Looking codes up ───────────────────────────────────────────────────────────────────────────

_CANONICAL = re.compile(r"(SEL|BL) ([0-9]+[a-z]?)(?:\.([0-9]+)(?:\.([0-9]+))?)?")


def lookup(code: str) -> Paragraph | None:
    """The catalogue entry for a canonical code, or None if the catalogue does not know it.

    A code below a paragraph that covers its subsections is understood through that paragraph:
    ``SEL 11.3`` gives the SEL 11 entry, ``SEL 41.1`` the SEL 41 entry. ``SEL 52.1`` gives None,
    because SEL 52 does not cover its subsections (only SEL 52.3.1 … 52.3.9 are listed).
    Non-canonical text gives None; pass user input through :func:`parse_code` first.
    """
    match = _CANONICAL.fullmatch(code) if isinstance(code, str) else None
    if match is None:
        return None
    if code in BY_CODE:
        return BY_CODE[code]
    law, number, stk, nr = match.groups()
    if int(stk or 0) > MAX_SUBSECTION or int(nr or 0) > MAX_SUBSECTION:
        return None  # 'BL 86.99.99': no such stk. or nr., whatever BL 86 covers
    parents = [f"{law} {number}.{stk}"] if nr is not None else []
    if stk is not None:
        parents.append(f"{law} {number}")
    for parent in parents:  # nearest first
        entry = BY_CODE.get(parent)
        if entry is not None and entry.covers_subsections:
            return entry
    return None


#: The highest stk. or nr. a code below a paragraph that covers its subsections may name: no paragraph of
#: the catalogue's laws has that many, so a higher one is a typing error ('BL 86.99.99'), not a subsection.
MAX_SUBSECTION = 20


@lru_cache(maxsize=1024)
def category_of(code: str) -> Category | None:
    """The category of a canonical code (via :func:`lookup`), or None if unknown."""
    entry = lookup(code)
    return entry.category if entry is not None else None


def catalogue(law: str | None = None) -> list[Paragraph]:
    """Every catalogue entry (SEL first, then BL, in numeric order), or only one law's."""
    if law is None:
        return list(CATALOGUE)
    key = law.strip().upper()
    if key not in LAW_NAMES:
        raise ParagraphError(
            "{law} is not a law the catalogue knows: use 'SEL' (Serviceloven) or 'BL' (Barnets lov).", law=repr(law)
        )
    return [entry for entry in CATALOGUE if entry.law == key]


# ── Parsing what people type ───────────────────────────────────────────────────────────────────

_ALLOWED = re.compile(r"[0-9a-zæøå\s.,§]*")
_TOKEN = re.compile(r"[0-9]+|[a-zæøå]+")
_LAW_WORDS = {
    "sel": "SEL",
    "servicelov": "SEL",
    "serviceloven": "SEL",
    "bl": "BL",
    "barnetslov": "BL",  # "barnets lov" is joined to this before lookup
}
_MAX_SUGGESTIONS = 4
_SIMILAR_ENOUGH = 0.6  # difflib ratio between the number parts, e.g. '52.3.10' ~ '52.3.1'


def _format_error(text: str) -> ParagraphError:
    if not text.strip():
        return ParagraphError(
            "No paragraph code was given: write the law (SEL or BL) and the paragraph, e.g. 'SEL 41', 'SEL 52.3.5', "
            "'SEL 52a stk. 1 nr. 1' or 'BL 86'."
        )
    return ParagraphError(
        "{text} is not a paragraph code: write the law (SEL or BL) and the paragraph, e.g. 'SEL 41', 'SEL 52.3.5', "
        "'SEL 52a stk. 1 nr. 1' or 'BL 86'.",
        text=repr(text.strip()),
    )


def _read(text: str) -> tuple[str | None, str]:
    """Split forgiving input into (law or None, "NUM[.STK[.NR]]"), or raise ParagraphError."""
    lowered = text.strip().lower()
    if not lowered or not _ALLOWED.fullmatch(lowered):
        raise _format_error(text)
    if re.search(r",(?!\s*(stk|nr))(?=\s*\S)", lowered):  # "SEL 41, 42": a list, not one code
        raise ParagraphError(
            "{text} is not one paragraph code: give one code at a time, e.g. 'SEL 41', 'SEL 52.3.5', 'SEL 52a stk. 1 "
            "nr. 1' or 'BL 86'.",
            text=repr(text.strip()),
        )
    tokens = _TOKEN.findall(lowered)
    for i in range(len(tokens) - 1):  # "barnets lov" -> "barnetslov"
        if tokens[i] == "barnets" and tokens[i + 1] == "lov":
            tokens[i : i + 2] = ["barnetslov"]
            break

    law = None
    if tokens and tokens[0] in _LAW_WORDS:
        law = _LAW_WORDS[tokens.pop(0)]
    elif tokens and tokens[-1] in _LAW_WORDS:  # "§ 41 SEL"
        law = _LAW_WORDS[tokens.pop()]
    elif len(tokens) > 1 and tokens[0].isalpha() and tokens[1].isdigit():
        raise ParagraphError(
            "{text} names no law the catalogue knows: start with SEL (Serviceloven) or BL (Barnets lov), e.g. "
            "'SEL 41', 'SEL 52.3.5', 'SEL 52a stk. 1 nr. 1' or 'BL 86'.",
            text=repr(text.strip()),
        )

    if not tokens or not tokens[0].isdigit():
        raise _format_error(text)
    number = str(int(tokens.pop(0)))
    if tokens and len(tokens[0]) == 1 and "a" <= tokens[0] <= "z":  # the letter in "52 a"/"52a"
        number += tokens.pop(0)
    parts = [number]
    for keyword in ("stk", "nr"):
        said = bool(tokens) and tokens[0] == keyword
        if said:
            tokens.pop(0)
        if tokens and tokens[0].isdigit():
            parts.append(str(int(tokens.pop(0))))
        elif said:
            raise _format_error(text)  # "stk." or "nr." with no number after it
        else:
            break
    if tokens:
        raise _format_error(text)
    return law, ".".join(parts)


def _leading_number(tail: str) -> int:
    match = re.match(r"[0-9]+", tail)
    if match is None:
        raise ValueError(f"no number at the start of {tail!r}")
    return int(match.group())


def _suggestions(code: str) -> tuple[str, ...]:
    """Valid codes in the same law that the user may have meant."""
    law, tail = code.split(" ", 1)
    found: list[str] = []
    # A subsection too high below a paragraph that covers its subsections ('BL 86.99.99'): that paragraph.
    parts = tail.split(".")
    for depth in range(len(parts) - 1, 0, -1):
        parent = BY_CODE.get(f"{law} {'.'.join(parts[:depth])}")
        if parent is not None and parent.covers_subsections:
            found.append(parent.code)
    # Typed the right number in the wrong law (SEL 86, BL 41, BL 52)? Offer that one's successor.
    other_law = "BL" if law == "SEL" else "SEL"
    twin = lookup(f"{other_law} {tail}")
    if twin is not None:
        found.extend(twin.counterparts)
    scored = []
    for entry in catalogue(law):
        entry_tail = entry.code.split(" ", 1)[1]
        score = difflib.SequenceMatcher(None, tail, entry_tail).ratio()
        if score >= _SIMILAR_ENOUGH:
            distance = abs(_leading_number(entry_tail) - _leading_number(tail))
            scored.append((-score, distance, entry.code))
    found.extend(c for _, _, c in sorted(scored))
    return tuple(dict.fromkeys(found))[:_MAX_SUGGESTIONS]


def _ambiguous(text: str, tail: str) -> ParagraphError:
    """A bare number (`41`): both readings, each with its title, or saying it is not in the catalogue."""
    typed, sel, bl = repr(text.strip()), f"SEL {tail}", f"BL {tail}"
    sel_entry, bl_entry = lookup(sel), lookup(bl)
    if sel_entry is not None and bl_entry is not None:
        return ParagraphError(
            "{text} is ambiguous: say '{sel}' (Serviceloven: {sel_title}) or '{bl}' (Barnets lov: {bl_title}).",
            text=typed,
            sel=sel,
            sel_title=sel_entry.title,
            bl=bl,
            bl_title=bl_entry.title,
        )
    if sel_entry is not None:
        return ParagraphError(
            "{text} is ambiguous: say '{sel}' (Serviceloven: {sel_title}) or '{bl}' (Barnets lov: not in the "
            "catalogue).",
            text=typed,
            sel=sel,
            sel_title=sel_entry.title,
            bl=bl,
        )
    if bl_entry is not None:
        return ParagraphError(
            "{text} is ambiguous: say '{sel}' (Serviceloven: not in the catalogue) or '{bl}' (Barnets lov: "
            "{bl_title}).",
            text=typed,
            sel=sel,
            bl=bl,
            bl_title=bl_entry.title,
        )
    return ParagraphError(
        "{text} is ambiguous: say '{sel}' (Serviceloven: not in the catalogue) or '{bl}' (Barnets lov: not in the "
        "catalogue).",
        text=typed,
        sel=sel,
        bl=bl,
    )


def _unknown_error(code: str) -> ParagraphError:
    suggestions = _suggestions(code)
    if not suggestions:
        return ParagraphError(
            "'{code}' is not in the paragraph catalogue; `samfam paragraphs` lists every known code.", code=code
        )
    quoted = [f"'{c}'" for c in suggestions]
    if len(quoted) == 1:
        return ParagraphError(
            "'{code}' is not in the paragraph catalogue: did you mean {option} (see `samfam paragraphs` for every "
            "known code)?",
            suggestions,
            code=code,
            option=quoted[0],
        )
    return ParagraphError(
        "'{code}' is not in the paragraph catalogue: did you mean {options} or {last} (see `samfam paragraphs` for "
        "every known code)?",
        suggestions,
        code=code,
        options=", ".join(quoted[:-1]),
        last=quoted[-1],
    )


def parse_code(text: str) -> str:
    """The canonical code for forgiving input, checked against the catalogue.

    ``"sel41"`` -> ``"SEL 41"``; ``"BL § 32, stk. 1, nr. 7"`` -> ``"BL 32.1.7"``;
    ``"SEL 52A stk 1 nr 1"`` -> ``"SEL 52a.1.1"``. The code is returned as typed, not widened:
    ``"SEL 11 stk. 3"`` -> ``"SEL 11.3"`` (valid because SEL 11 covers its subsections).

    Raises ParagraphError for a bare number (``"41"``: SEL or BL?), a code the catalogue does not
    know (``"SEL 999"``, ``"BL 52"``), or text that is not a paragraph code at all.
    """
    if not isinstance(text, str):
        raise ParagraphError(
            "{text} is not a paragraph code: write it as text, e.g. 'SEL 41', 'SEL 52.3.5', 'SEL 52a stk. 1 nr. 1' or "
            "'BL 86'.",
            text=repr(text),
        )
    law, tail = _read(text)
    if law is None:
        raise _ambiguous(text, tail)
    code = f"{law} {tail}"
    if lookup(code) is None:
        raise _unknown_error(code)
    return code
