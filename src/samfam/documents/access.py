"""The answer to a family's request for access (GDPR art. 15) to the log of their child's data, in Danish.

A letter the municipality can send: which data are held (the kinds, not their content: that is the
case card, given on request), how long they are kept, and every look-up and change with its date,
kind and purpose. Staff identities appear only when the data carry them (`--with-staff`).
"""

from __future__ import annotations

from typing import Any

from samfam.documents.text import (
    clean,
    danish_date,
    escape_html,
    html_table,
    markdown_table,
    md_cell,
    md_text,
    one_line,
)
from samfam.words import plural

#: What each logged action was, in words a family understands: each action its own (a case opened is not
#: "changed"); an action not named here by its family (`case.close.forced` as `case.close`, then `case`).
ACTIONS = {
    # reads
    "case.show": "Sagen blev læst",
    "case.show.reveal-cpr": "Sagen blev læst med fuldt CPR-nummer",
    "case.list": "Sagen stod på en oversigt over sager",
    "overdue": "Sagen stod på en oversigt over opfølgninger",
    "due": "Sagen stod på en oversigt over kommende opfølgninger",
    "explain": "Sagens opfølgningsfrist blev slået op",
    "deadlines": "Sagen stod på en oversigt over lovbestemte frister",
    "goals": "Målene blev læst",
    "event.list": "Sagens forløb blev læst",
    "actor.list": "Samarbejdspartnerne blev læst",
    "handover.show": "Overdragelsen blev læst",
    "dag": "Sagen stod på rådgiverens oversigt over dagen",
    "application.list": "Sagen stod på en oversigt over ansøgninger",
    "advisor.leave": "Sagen stod på en oversigt over sager, der skal have en ny rådgiver",
    "advisor.leave-correct": "Sagen stod på en oversigt over sager, der skal have en ny rådgiver (ny fratrædelsesdag)",
    "advisor.leave-undo": "Sagen stod på en oversigt over sager, der ikke længere skal have en ny rådgiver",
    "import.conflicts": "Sagen stod på en oversigt over uoverensstemmelser ved en indlæsning af data",
    "report.weekly": "Sagen indgik i teamlederens ugerapport",
    "plan": "Handleplanen blev dannet",
    "audit": "Loggen over sagen blev læst",
    "audit.sample": "Opslag i sagen blev udtaget til stikprøvekontrol af loggen",
    "audit.unusual": "Opslag i sagen blev gennemgået i kontrollen af usædvanlige opslag",
    "audit.review": "Et opslag i sagen blev gennemgået i kontrollen af loggen",
    "access": "Der blev givet indsigt i loggen",
    "access.open": "Sagen blev åbnet med nødadgang (tidsbegrænset)",
    "access.close": "Nødadgangen til sagen blev lukket",
    "backup": "Sagen indgik i en sikkerhedskopi",
    "export": "Sagen blev udtrukket",
    "calendar": "Sagen indgik i en kalenderfil over opfølgninger og frister",
    "retention": "Sagen indgik i en oversigt over sager, hvis opbevaringsperiode er udløbet",
    "retention.apply": "Oplysningerne blev slettet efter udløbet af opbevaringsperioden",
    # changes
    "case": "Sagens oplysninger blev registreret eller ændret",
    "case.open": "Sagen blev oprettet",
    "case.update": "Sagens oplysninger blev rettet",
    "case.assign": "Sagen fik en ny rådgiver",
    "case.buddy": "Sagens makker (den anden rådgiver på sagen) blev ændret",
    "case.complex": "Det blev registreret, om sagen er kompleks",
    "case.member.add": "En fagperson kom med i sagens kerneteam",
    "case.member.remove": "En fagperson gik ud af sagens kerneteam",
    "case.close": "Sagen blev afsluttet",
    "case.reopen": "Sagen blev genåbnet",
    "grant": "En bevilling blev registreret eller ændret",
    "grant.add": "En bevilling blev registreret",
    "grant.end": "En bevilling blev afsluttet",
    "grant.void": "En fejlregistreret bevilling blev annulleret",
    "event": "Et møde eller en kontakt blev registreret eller ændret",
    "event.add": "Et møde eller en kontakt blev registreret",
    "event.void": "En fejlregistreret registrering af et møde eller en kontakt blev annulleret",
    "event.correct": "En registrering af et møde eller en kontakt blev rettet",
    "goal": "Et mål blev registreret eller ændret",
    "goal.add": "Et mål blev registreret",
    "goal.update": "Et mål blev fulgt op eller ændret",
    "task": "En opgave blev registreret eller ændret",
    "task.add": "En opgave blev registreret",
    "task.done": "En opgave blev markeret som udført",
    "task.undone": "En opgave blev markeret som ikke udført",
    "actor": "En samarbejdspartner blev registreret eller ændret",
    "actor.add": "En samarbejdspartner blev registreret",
    "actor.update": "Oplysningerne om en samarbejdspartner blev ændret",
    "actor.end": "Samarbejdet med en samarbejdspartner blev afsluttet",
    "handover": "En overdragelse blev registreret eller ændret",
    "handover.start": "En overdragelse blev påbegyndt",
    "handover.tick": "Et punkt i en overdragelse blev krydset af",
    "handover.complete": "En overdragelse blev afsluttet",
    "programme": "Indskrivning i et forløb blev registreret eller ændret",
    "programme.enrol": "Sagen blev indskrevet i et forløb",
    "programme.discharge": "Sagen blev udskrevet af et forløb",
    "experience": "Jeres oplevelse af samarbejdet blev registreret",
    "application": "En ansøgning blev registreret eller ændret",
    "application.add": "En ansøgning blev registreret",
    "application.decide": "Der blev truffet afgørelse om en ansøgning",
    "application.letter": "Afgørelsesbrevet om en ansøgning blev registreret som sendt",
}

#: What is held beyond the case's own fields: how many of each, in the singular and the plural.
HELD = (
    ("grants", "{n} bevilling (paragraf og periode)", "{n} bevillinger (paragraf og periode)"),
    ("events", "{n} møde eller kontakt (dato, art og noter)", "{n} møder og kontakter (dato, art og noter)"),
    ("goals", "{n} mål", "{n} mål"),
    ("tasks", "{n} opgave", "{n} opgaver"),
    ("actors", "{n} samarbejdspartner omkring barnet", "{n} samarbejdspartnere omkring barnet"),
    ("handovers", "{n} overdragelse", "{n} overdragelser"),
)


def action_words(action: str) -> str:
    found = ACTIONS.get(action)
    while found is None and "." in action:
        action = action.rpartition(".")[0]
        found = ACTIONS.get(action)
    return found or action


def _kind(kind: str) -> str:
    return "Opslag" if kind == "read" else "Ændring"


def _rows(data: dict[str, Any]) -> list[tuple[str, ...]]:
    rows = []
    for e in data["entries"]:
        row = (
            danish_date(e["at"].date()),
            _kind(e["kind"]),
            action_words(e["action"]),
            e["purpose"] or "–",
            e["case"] or "",
        )
        rows.append(row + ((e["user"],) if data["with_staff"] else ()))
    return rows


def _header(data: dict[str, Any]) -> tuple[str, ...]:
    return ("Dato", "Art", "Hvad", "Formål", "Sag") + (("Medarbejder",) if data["with_staff"] else ())


def _paragraphs(data: dict[str, Any]) -> dict[str, list[str]]:
    child = one_line(data["child"])
    cases = ", ".join(data["cases"])
    held = [plural(data["held"][key], one, many) for key, one, many in HELD]
    retention = data["retention"]
    if retention["kept_until"]:
        kept = (
            f"Sagen blev afsluttet {danish_date(retention['closed'])}. Oplysningerne gemmes i "
            f"{plural(retention['years'], '{n} år', '{n} år')} "
            f"efter afslutningen, til og med {danish_date(retention['kept_until'])}, og slettes derefter."
        )
    else:
        kept = (
            f"Sagen er ikke afsluttet. Oplysningerne gemmes, så længe sagen er åben, og derefter i "
            f"{plural(retention['years'], '{n} år', '{n} år')} efter afslutningen."
        )
    logged = (
        f"Loggen over opslag og ændringer gemmes i {plural(retention['audit_months'], '{n} måned', '{n} måneder')}. "
        f"Den viser {plural(data['reads'], '{n} opslag', '{n} opslag')} og "
        f"{plural(data['writes'], '{n} ændring', '{n} ændringer')}."
    )
    staff = (
        "Medarbejdernes initialer er taget med."
        if data["with_staff"]
        else "Medarbejdernes navne er udeladt; de kan oplyses efter en konkret vurdering."
    )
    return {
        "intro": [
            f"I har bedt om indsigt i, hvilke oplysninger vi behandler om {child}, og hvornår og hvorfor de er "
            f"blevet slået op eller ændret (databeskyttelsesforordningens artikel 15).",
            f"Svaret omfatter sag {cases} og er dannet {danish_date(data['made'])}.",
        ],
        "held_intro": [
            "Vi har registreret "
            + ", ".join(data["held"]["fields"])
            + " og desuden: "
            + "; ".join(held)
            + ". Sagens indhold kan I få udleveret på anmodning."
        ],
        "kept": [kept, logged],
        "log_intro": [staff],
    }


def render_access(data: dict[str, Any], fmt: str) -> str:
    """The letter in Markdown or HTML; every value from the database escaped, the whole cleaned
    (samfam.documents.text.clean)."""
    text = _paragraphs(data)
    title = "Indsigt i logningen af oplysninger om " + one_line(data["child"])
    rows = _rows(data)
    if fmt == "markdown":
        out = [f"# {md_text(title)}", ""]
        out += [md_text(p) + "\n" for p in text["intro"]]
        out += ["## Hvilke oplysninger vi har", "", *(md_text(p) + "\n" for p in text["held_intro"])]
        out += ["## Hvor længe vi gemmer dem", "", *(md_text(p) + "\n" for p in text["kept"])]
        out += ["## Opslag og ændringer", "", *(md_text(p) + "\n" for p in text["log_intro"])]
        if rows:
            out += markdown_table(_header(data), [[md_cell(one_line(c)) for c in row] for row in rows], aligned=False)
        else:
            out.append("Der er ikke logget opslag eller ændringer.")
        return clean("\n".join(out) + "\n")
    out = [
        "<!doctype html>",
        '<html lang="da">',
        '<head><meta charset="utf-8">',
        f"<title>{escape_html(title)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;line-height:1.5}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape_html(title)}</h1>",
    ]
    out += [f"<p>{escape_html(p)}</p>" for p in text["intro"]]
    out += ["<h2>Hvilke oplysninger vi har</h2>", *(f"<p>{escape_html(p)}</p>" for p in text["held_intro"])]
    out += ["<h2>Hvor længe vi gemmer dem</h2>", *(f"<p>{escape_html(p)}</p>" for p in text["kept"])]
    out += ["<h2>Opslag og ændringer</h2>", *(f"<p>{escape_html(p)}</p>" for p in text["log_intro"])]
    if rows:
        out += html_table(_header(data), [[escape_html(c) for c in row] for row in rows])
    else:
        out.append("<p>Der er ikke logget opslag eller ændringer.</p>")
    out += ["</body>", "</html>", ""]
    return clean("\n".join(out))
