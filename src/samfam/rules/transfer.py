"""What an import file holds: the kinds of row, their columns (English or Danish headers), each kind's
natural key, the order a whole department's data is imported in, and one example row per kind.

Each kind, its natural key (a second import of the same row changes nothing), its columns (optional
ones in brackets):

- advisors: initials. initials, name, [team, role, caseload_target, left]
- cases: case. case, child, advisor, [born, cpr, buddy, opened, complex, paragraphs, closed,
  close_reason, reopened]
- applications: case + paragraph + received. case, paragraph, received, [letter, decided, outcome, grant_from,
  grant_to]
- grants: case + paragraph + from. case, paragraph, [from, to, void_reason]
- actors: case + name. case, kind, name, [contact, coordinator, since, until]
- goals: case + text. case, text, horizon, owner, [target, status]
- events: case + kind + on + note. case, kind, [on, note, scale, with, void_reason]

Events name the actors who took part (`with`) and goals their owner (`actor:NAME`) by the actor's name
on the case, so actors come before goals and events. An application decided with a grant adds the grant (as
`application decide --grant-from` does), so applications come before grants: the grants file's row for it
is then unchanged. Pure standard library.
"""

from __future__ import annotations

from typing import NamedTuple

from samfam.rules.vocabulary import fold


class Field(NamedTuple):
    name: str
    #: Other headers accepted: the first is the Danish one `import template KIND --lang da` writes, the rest
    #: common variants; all compared as `plain` compares them (case, punctuation and spaces ignored, æøå
    #: also as ae/oe/aa).
    aliases: tuple[str, ...] = ()
    required: bool = False
    example: str = ""
    example_da: str | None = None  # the Danish template's example where it differs (a word in Danish)


CASE = Field("case", ("Sagsnr.", "sag", "sagsnummer", "reference", "ref"), True, "2026-0142")

KINDS: dict[str, tuple[Field, ...]] = {
    "advisors": (
        Field("initials", ("Initialer",), True, "MKJ"),
        Field("name", ("Navn", "rådgivers navn"), True, "Mette Kjær Jensen"),
        Field("team", ("Team",), False, "Nord"),
        Field("role", ("Rolle", "stilling"), False, "rådgiver"),
        Field("caseload_target", ("Sagsmål", "antal sager", "caseload target"), False, "24"),
        Field("left", ("Fratrådt", "sidste dag"), False, ""),
    ),
    "cases": (
        CASE,
        Field("child", ("Barn", "navn", "barnets navn"), True, "Alma Holm"),
        Field("born", ("Født", "fødselsdato", "fødselsdag"), False, "2019-04-02"),
        Field("cpr", ("CPR-nr.", "cpr-nummer", "personnummer"), False, ""),
        Field("advisor", ("Rådgiver", "sagsbehandler", "rådgivers initialer"), True, "MKJ"),
        Field("buddy", ("Makker", "buddy", "makkerrådgiver"), False, ""),
        Field("opened", ("Oprettet", "åbnet", "startdato", "oprettelsesdato"), False, "2026-05-04"),
        Field("complex", ("Kompleks", "kompleks sag"), False, "nej"),
        Field("paragraphs", ("Paragraffer", "bevillinger", "paragraf"), False, "BL 86; BL 30"),
        Field("closed", ("Lukket", "afsluttet", "lukkedato"), False, ""),
        Field("close_reason", ("Lukkeårsag", "årsag til lukning"), False, ""),
        Field("reopened", ("Genåbnet",), False, ""),
    ),
    "applications": (
        CASE,
        Field("paragraph", ("Paragraf",), True, "BL 20"),
        Field("received", ("Modtaget", "modtagelsesdato"), True, "2026-09-01"),
        Field("letter", ("Brev", "orienteringsbrev"), False, ""),
        Field("decided", ("Afgjort", "afgørelsesdato"), False, "2026-09-10"),
        Field("outcome", ("Udfald", "afgørelse"), False, "granted", "bevilget"),
        Field("grant_from", ("Bevilget fra",), False, "2026-09-14"),
        Field("grant_to", ("Bevilget til",), False, ""),
    ),
    "grants": (
        CASE,
        Field("paragraph", ("Paragraf", "bevilling"), True, "BL 20"),
        Field("from", ("Fra", "startdato"), False, "2026-09-14"),
        Field("to", ("Til", "slutdato"), False, ""),
        Field("void_reason", ("Annulleringsårsag", "annulleret"), False, ""),
    ),
    "actors": (
        CASE,
        Field("kind", ("Type", "art", "aktørtype"), True, "school", "skole"),
        Field("name", ("Navn",), True, "Kildeskolen"),
        Field("contact", ("Kontakt",), False, "Lærer Ane, 12 34 56 78"),
        Field("coordinator", ("Koordinator", "kontakten holdes af"), False, "family", "familien"),
        Field("since", ("Fra", "siden"), False, "2026-05-04"),
        Field("until", ("Til", "ophørt"), False, ""),
    ),
    "goals": (
        CASE,
        Field("text", ("Mål", "tekst"), True, "Alma sover i egen seng fire nætter om ugen"),
        Field("horizon", ("Sigt", "horisont"), True, "short", "kort"),
        Field("owner", ("Ejer", "ansvarlig"), True, "family", "familien"),
        Field("target", ("Måldato", "frist"), False, "2027-02-01"),
        Field("status", ("Status",), False, "open", "åben"),
    ),
    "events": (
        CASE,
        Field("kind", ("Type", "art", "hændelse"), True, "followup", "opfølgning"),
        Field("on", ("Dato", "den"), False, "2026-11-18"),
        Field("note", ("Notat", "note", "bemærkning"), False, "Ny skole"),
        Field("scale", ("Skala", "signs of safety"), False, "6"),
        Field("with", ("Med", "deltagere"), False, "Kildeskolen"),
        Field("void_reason", ("Annulleringsårsag", "annulleret"), False, ""),
    ),
}

#: A workbook's sheet for each kind, when `--sheet` does not name one: the sheet named after the kind in
#: English or in Danish (compared as headers are), else the first sheet.
SHEETS = {
    "advisors": "Rådgivere",
    "cases": "Sager",
    "applications": "Ansøgninger",
    "grants": "Bevillinger",
    "actors": "Aktører",
    "goals": "Mål",
    "events": "Hændelser",
}

#: The languages of a template's header: the field names, or the Danish headers.
LANGUAGES = ("en", "da")

#: The order a department's data goes in: each kind names what the ones before it created.
ORDER = ("advisors", "cases", "applications", "grants", "actors", "goals", "events")

#: Values that say yes or no in a cell (`complex`).
YES = frozenset({"yes", "ja", "true", "1", "x", "y", "j"})
NO = frozenset({"no", "nej", "false", "0", "", "n"})

#: Several values in one cell (paragraphs, the actors an event was with): never a comma, which a paragraph
#: holds as the law writes it (`BL § 32, stk. 1, nr. 7`) and a name may hold.
LIST_SEPARATORS = (";", "\n")


def plain(header: str) -> str:
    """A header or a sheet's name as compared: case, spaces and punctuation ignored, æ ø å also as ae oe aa
    (`Sagsnr.`, `sags-nr` and `SAGSNR` are one header)."""
    return "".join(c for c in fold(header) if c.isalnum())


def _names(kind: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for f in KINDS[kind]:
        for alias in (f.name, *f.aliases):
            names.setdefault(plain(alias), f.name)
    return names


def template(kind: str, lang: str = "en") -> tuple[list[str], list[str]]:
    """The header and one example row of an import file, in English (the field names) or Danish."""
    fields = KINDS[kind]
    if lang == "da":
        return [f.aliases[0] for f in fields], [f.example if f.example_da is None else f.example_da for f in fields]
    return [f.name for f in fields], [f.example for f in fields]


def columns(kind: str) -> str:
    """The columns of a kind in both languages, as a refusal names them: `case (Sagsnr.), child (Barn), …`."""
    return ", ".join(f"{f.name} ({f.aliases[0]})" if f.aliases else f.name for f in KINDS[kind])


def sheet_for(kind: str, sheets: list[str]) -> str | None:
    """The sheet of a workbook a kind is read from when none is named: the one named after the kind in English
    or Danish (`cases`, `Sager`), else None (the first sheet)."""
    wanted = {plain(kind), plain(SHEETS[kind])}
    return next((name for name in sheets if plain(name) in wanted), None)


def named_sheet(asked: str, sheets: list[str]) -> str | None:
    """The sheet `--sheet NAME` names: exactly, else as headers are compared."""
    if asked in sheets:
        return asked
    return next((name for name in sheets if plain(name) == plain(asked)), None)


def header_map(kind: str, headers: list[str]) -> tuple[dict[int, str], list[str], list[str]]:
    """Which column of the file holds which field: ({column index: field}, unknown headers, missing
    required fields)."""
    fields = KINDS[kind]
    names = _names(kind)
    found: dict[int, str] = {}
    unknown = []
    for i, header in enumerate(headers):
        name = names.get(plain(header or ""))
        if name is None:
            if (header or "").strip():
                unknown.append(header)
        elif name not in found.values():
            found[i] = name
    missing = [f.name for f in fields if f.required and f.name not in found.values()]
    return found, unknown, missing


def same_field(kind: str, headers: list[str]) -> list[str]:
    """Headers that name a field another column names already ('child' and 'barn'; 'note' twice), as
    "'barn' (child, as 'child')": which of the two holds the field would be a guess."""
    names = _names(kind)
    first: dict[str, str] = {}
    twice = []
    for header in headers:
        name = names.get(plain(header or ""))
        if name is None:
            continue
        if name in first:
            twice.append(f"'{header}' ({name}, as '{first[name]}')")
        else:
            first[name] = header
    return twice


def split_list(text: str) -> list[str]:
    """`BL 86; BL 30`, or one a line → the items. A comma separates nothing: `BL § 32, stk. 1, nr. 7` is one."""
    items = text.replace("\r\n", "\n").replace("\r", "\n").replace(";", "\n").split("\n")
    return [item.strip() for item in items if item.strip()]


def yes_no(text: str) -> bool | None:
    value = text.strip().casefold()
    if value in YES:
        return True
    if value in NO:
        return False
    return None
