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


class Field(NamedTuple):
    name: str
    aliases: tuple[str, ...] = ()  # other headers accepted (Danish), compared case- and space-insensitively
    required: bool = False
    example: str = ""


KINDS: dict[str, tuple[Field, ...]] = {
    "advisors": (
        Field("initials", ("initialer",), True, "MKJ"),
        Field("name", ("navn",), True, "Mette Kjær Jensen"),
        Field("team", ("team",), False, "Nord"),
        Field("role", ("rolle", "stilling"), False, "rådgiver"),
        Field("caseload_target", ("sagsmål", "antal sager", "caseload target"), False, "24"),
        Field("left", ("fratrådt", "sidste dag"), False, ""),
    ),
    "cases": (
        Field("case", ("sag", "sagsnummer", "reference", "ref"), True, "2026-0142"),
        Field("child", ("barn", "navn", "barnets navn"), True, "Alma Holm"),
        Field("born", ("født", "fødselsdato"), False, "2019-04-02"),
        Field("cpr", ("cpr-nummer", "cprnr"), False, ""),
        Field("advisor", ("rådgiver", "sagsbehandler"), True, "MKJ"),
        Field("buddy", ("makker", "buddy"), False, ""),
        Field("opened", ("oprettet", "åbnet", "startdato"), False, "2026-05-04"),
        Field("complex", ("kompleks",), False, "nej"),
        Field("paragraphs", ("paragraffer", "bevillinger"), False, "BL 86; BL 30"),
        Field("closed", ("lukket", "afsluttet"), False, ""),
        Field("close_reason", ("lukkeårsag", "årsag til lukning"), False, ""),
        Field("reopened", ("genåbnet",), False, ""),
    ),
    "applications": (
        Field("case", ("sag", "sagsnummer", "reference", "ref"), True, "2026-0142"),
        Field("paragraph", ("paragraf",), True, "BL 20"),
        Field("received", ("modtaget", "modtagelsesdato"), True, "2026-09-01"),
        Field("letter", ("brev", "orienteringsbrev"), False, ""),
        Field("decided", ("afgjort", "afgørelsesdato"), False, "2026-09-10"),
        Field("outcome", ("udfald", "afgørelse"), False, "granted"),
        Field("grant_from", ("bevilget fra",), False, "2026-09-14"),
        Field("grant_to", ("bevilget til",), False, ""),
    ),
    "grants": (
        Field("case", ("sag", "sagsnummer", "reference", "ref"), True, "2026-0142"),
        Field("paragraph", ("paragraf", "bevilling"), True, "BL 20"),
        Field("from", ("fra", "startdato"), False, "2026-09-14"),
        Field("to", ("til", "slutdato"), False, ""),
        Field("void_reason", ("annulleret", "annulleringsårsag"), False, ""),
    ),
    "actors": (
        Field("case", ("sag", "sagsnummer", "reference", "ref"), True, "2026-0142"),
        Field("kind", ("type", "art"), True, "school"),
        Field("name", ("navn",), True, "Kildeskolen"),
        Field("contact", ("kontakt",), False, "Lærer Ane, 12 34 56 78"),
        Field("coordinator", ("koordinator", "kontakten holdes af"), False, "family"),
        Field("since", ("fra", "siden"), False, "2026-05-04"),
        Field("until", ("til", "ophørt"), False, ""),
    ),
    "goals": (
        Field("case", ("sag", "sagsnummer", "reference", "ref"), True, "2026-0142"),
        Field("text", ("mål", "tekst"), True, "Alma sover i egen seng fire nætter om ugen"),
        Field("horizon", ("sigt", "horisont"), True, "short"),
        Field("owner", ("ejer", "ansvarlig"), True, "family"),
        Field("target", ("måldato", "frist"), False, "2027-02-01"),
        Field("status", ("status",), False, "open"),
    ),
    "events": (
        Field("case", ("sag", "sagsnummer", "reference", "ref"), True, "2026-0142"),
        Field("kind", ("type", "art", "hændelse"), True, "followup"),
        Field("on", ("dato", "den"), False, "2026-11-18"),
        Field("note", ("note", "notat", "bemærkning"), False, "Ny skole"),
        Field("scale", ("skala", "signs of safety"), False, "6"),
        Field("with", ("med", "deltagere"), False, "Kildeskolen"),
        Field("void_reason", ("annulleret", "annulleringsårsag"), False, ""),
    ),
}

#: The order a department's data goes in: each kind names what the ones before it created.
ORDER = ("advisors", "cases", "applications", "grants", "actors", "goals", "events")

#: Values that say yes or no in a cell (`complex`).
YES = frozenset({"yes", "ja", "true", "1", "x", "y", "j"})
NO = frozenset({"no", "nej", "false", "0", "", "n"})

#: Several values in one cell (paragraphs, the actors an event was with).
LIST_SEPARATORS = (";", ",")


def _plain(header: str) -> str:
    return " ".join(header.replace("_", " ").replace("-", " ").casefold().split())


def header_map(kind: str, headers: list[str]) -> tuple[dict[int, str], list[str], list[str]]:
    """Which column of the file holds which field: ({column index: field}, unknown headers, missing
    required fields)."""
    fields = KINDS[kind]
    names: dict[str, str] = {}
    for f in fields:
        for alias in (f.name, *f.aliases):
            names.setdefault(_plain(alias), f.name)
    found: dict[int, str] = {}
    unknown = []
    for i, header in enumerate(headers):
        name = names.get(_plain(header or ""))
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
    fields = KINDS[kind]
    names: dict[str, str] = {}
    for f in fields:
        for alias in (f.name, *f.aliases):
            names.setdefault(_plain(alias), f.name)
    first: dict[str, str] = {}
    twice = []
    for header in headers:
        name = names.get(_plain(header or ""))
        if name is None:
            continue
        if name in first:
            twice.append(f"'{header}' ({name}, as '{first[name]}')")
        else:
            first[name] = header
    return twice


def split_list(text: str) -> list[str]:
    """`BL 86; BL 30` or `BL 86, BL 30` → the items (a semicolon wins: a paragraph may hold a comma)."""
    sep = ";" if ";" in text else ","
    return [item.strip() for item in text.split(sep) if item.strip()]


def yes_no(text: str) -> bool | None:
    value = text.strip().casefold()
    if value in YES:
        return True
    if value in NO:
        return False
    return None
