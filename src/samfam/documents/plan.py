"""The family's joint action plan (handleplan / fælles målbillede) as a document for the parents.

`render_plan(data, fmt)` turns one plain dict into Markdown or into one self-contained HTML file,
in Danish and in plain words: no paragraph codes, no internal ids, no CPR number, no initials. The
case reference appears once, in the small print at the end.

Pure standard library: no clock (the document's date is `data["today"]`), no locale (the month
names are written out in `samfam.documents.text`), no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from samfam.documents.text import (
    FORMATS,
    clean,
    danish_date,
    escape_html,
    html_table,
    markdown_table,
    md_text,
    one_line,
)

__all__ = ["FORMATS", "danish_date", "render_plan"]

ACTOR_KINDS = {
    "daycare": "Dagtilbud",
    "school": "Skole",
    "ppr": "PPR (Pædagogisk Psykologisk Rådgivning)",
    "physiotherapy": "Fysioterapi",
    "occupational-therapy": "Ergoterapi",
    "residential-care": "Døgntilbud",
    "respite-care": "Aflastning",
    "hospital": "Hospital / region",
    "adult-services": "Voksenområdet",
    "other": "Andre",
}

STATUSES = {"open": "åbent", "in-progress": "i gang", "achieved": "nået", "dropped": "opgivet"}

HORIZONS = (
    ("short", "Det vil vi nå på kort sigt", "Der er ikke aftalt mål på kort sigt endnu."),
    ("long", "Det vil vi nå på lang sigt", "Der er ikke aftalt mål på lang sigt endnu."),
)

NOT_AGREED = "Ikke aftalt endnu"


# --- the document, format-neutral -----------------------------------------------------------------


@dataclass
class _Goal:
    number: int
    text: str
    facts: list[tuple[str, str]]
    tasks: list[tuple[str, str, str, str]]


@dataclass
class _Section:
    heading: str
    empty: str
    goals: list[_Goal] = field(default_factory=list)


@dataclass
class _Doc:
    title: str
    child: str
    intro: list[str]
    meeting: str
    sections: list[_Section]
    achieved: list[tuple[str, str]]
    actors: list[tuple[str, str, str, str]]
    contacts: list[str]
    footer: str


def _text(value: Any) -> str:
    """A text value on one line, whitespace collapsed."""
    return one_line(value) if value is not None else ""


def _who(person: dict[str, Any] | None, advisor_name: str) -> str:
    """Who owns a goal or does a task, in Danish."""
    kind = (person or {}).get("kind")
    if kind == "family":
        return "Familien"
    if kind == "advisor":
        return f"Rådgiveren ({advisor_name})" if advisor_name else "Rådgiveren"
    if kind == "actor":
        return _text((person or {}).get("name")) or "En samarbejdspartner"
    return NOT_AGREED


def _build(data: dict[str, Any]) -> _Doc:
    child = _text(data.get("child")) or "barnet"
    advisor_name = _text((data.get("advisor") or {}).get("name"))
    buddy_name = _text((data.get("buddy") or {}).get("name"))
    today: date = data["today"]
    next_due: date | None = data.get("next_due")

    age = data.get("age")
    intro = []
    if age is not None:
        intro.append(f"{child} er {'under 1' if age < 1 else age} år.")
    intro.append(
        f"Her er de mål, vi har aftalt sammen for {child}. Planen viser, hvem der gør hvad og hvornår, "
        f"og hvem der holder kontakten til de fagfolk, der er omkring {child}. "
        "Vi ser på planen sammen ved hvert opfølgningsmøde."
    )

    closed: date | None = data.get("closed")
    if closed is not None and closed <= today:
        meeting = f"Sagen blev afsluttet {danish_date(closed)}. Der holdes ikke flere opfølgningsmøder."
    elif next_due is None:
        meeting = "Vi har ikke aftalt en dato for næste opfølgningsmøde endnu. Rådgiveren kontakter jer."
    elif next_due < today:
        meeting = (
            f"Næste opfølgningsmøde skulle have været holdt senest {danish_date(next_due)}. "
            "Rådgiveren aftaler en dato med jer hurtigst muligt."
        )
    else:
        meeting = f"Næste opfølgningsmøde holdes senest {danish_date(next_due)}."

    goals = list(data.get("goals") or [])
    sections = [_Section(heading, empty) for _, heading, empty in HORIZONS]
    achieved: list[tuple[str, str]] = []
    number = 0
    for index, (horizon, _, _) in enumerate(HORIZONS):
        for goal in goals:
            status = goal.get("status")
            if status in ("dropped", "achieved") or (goal.get("horizon") == "long") != (horizon == "long"):
                continue
            number += 1
            target = goal.get("target")
            facts = [
                ("Hvem har ansvaret", _who(goal.get("owner"), advisor_name)),
                ("Status", STATUSES.get(status, _text(status)) or STATUSES["open"]),
                ("Hvornår", f"Senest {danish_date(target)}" if target else "Ingen dato aftalt"),
            ]
            tasks = [
                (
                    _text(task.get("text")),
                    _who(task.get("by"), advisor_name),
                    f"Senest {danish_date(task['due'])}" if task.get("due") else "Ingen dato aftalt",
                    f"Ja, {danish_date(task['done'])}" if task.get("done") else "Ikke endnu",
                )
                for task in goal.get("tasks") or []
            ]
            sections[index].goals.append(_Goal(number, _text(goal.get("text")), facts, tasks))
    for goal in goals:
        if goal.get("status") == "achieved":
            achieved.append((_text(goal.get("text")), _who(goal.get("owner"), advisor_name)))

    actors = []
    for actor in data.get("actors") or []:
        kind = ACTOR_KINDS.get(actor.get("kind"), ACTOR_KINDS["other"])
        coordinator = actor.get("coordinator")
        keeper = _who({"kind": coordinator}, advisor_name) if coordinator in ("family", "advisor") else NOT_AGREED
        actors.append((_text(actor.get("name")) or kind, kind, _text(actor.get("contact")) or "–", keeper))

    if advisor_name:
        contacts = [f"Jeres rådgiver er {advisor_name}."]
        if buddy_name:
            contacts.append(
                f"{buddy_name} kender også jeres sag og kan hjælpe, hvis {advisor_name} ikke er til at få fat på."
            )
    else:
        contacts = ["Kontakt jeres rådgiver i kommunen, hvis I har spørgsmål."]
        if buddy_name:
            contacts.append(f"{buddy_name} kender også jeres sag.")

    made = f"Udarbejdet {danish_date(today)}" + (f" af {advisor_name}" if advisor_name else "")
    case = _text(data.get("case"))
    footer = f"{made} · Sagsnummer {case}" if case else made

    return _Doc(
        title=f"Vores fælles plan for {child}",
        child=child,
        intro=intro,
        meeting=meeting,
        sections=sections,
        achieved=achieved,
        actors=actors,
        contacts=contacts,
        footer=footer,
    )


# --- Markdown ---------------------------------------------------------------------------------------


def _md_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    return markdown_table(header, [[md_text(cell) for cell in row] for row in rows], aligned=False)


def _markdown(doc: _Doc) -> str:
    out = [f"# {md_text(doc.title)}", ""]
    for line in doc.intro:
        out += [md_text(line), ""]
    out += ["## Næste opfølgningsmøde", "", md_text(doc.meeting), ""]
    for section in doc.sections:
        out += [f"## {section.heading}", ""]
        if not section.goals:
            out += [section.empty, ""]
        for goal in section.goals:
            out += [f"### Mål {goal.number}: {md_text(goal.text)}", ""]
            out += [f"- {label}: {md_text(value)}" for label, value in goal.facts]
            out.append("")
            if goal.tasks:
                out += ["Det skal der gøres:", ""]
                out += _md_table(("Opgave", "Hvem gør det", "Hvornår", "Gjort?"), goal.tasks)
            else:
                out.append("Der er ikke aftalt opgaver til dette mål endnu.")
            out.append("")
    if doc.achieved:
        out += ["## Det har vi nået", ""]
        out += [f"- {md_text(text)} – ansvarlig: {md_text(who)}" for text, who in doc.achieved]
        out.append("")
    out += [f"## Fagfolk og steder omkring {md_text(doc.child)}", ""]
    if doc.actors:
        out += _md_table(("Hvem", "Hvad", "Kontakt", "Hvem holder kontakten"), doc.actors)
    else:
        out.append("Der er ikke skrevet andre fagfolk eller steder ind i planen endnu.")
    out += ["", "## Jeres kontaktpersoner", ""]
    for line in doc.contacts:
        out += [md_text(line), ""]
    out += ["---", "", f"*{md_text(doc.footer)}*", ""]
    return "\n".join(out)


# --- HTML -------------------------------------------------------------------------------------------

_STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #111;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 1.05rem; line-height: 1.5; }
main { max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 0.75rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; padding-bottom: 0.2rem; border-bottom: 2px solid #333; }
h3 { font-size: 1.1rem; margin: 0 0 0.5rem; }
p { margin: 0 0 0.75rem; }
.meeting { font-size: 1.15rem; font-weight: 600; padding: 0.6rem 0.9rem; border: 2px solid #333;
  border-radius: 6px; }
.goal { border: 1px solid #999; border-radius: 6px; padding: 0.8rem 1rem; margin: 0 0 1rem;
  break-inside: avoid; page-break-inside: avoid; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0 0 0.75rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: 0.25rem 0 0.5rem; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border: 1px solid #999; }
th { background: #eee; }
tr { break-inside: avoid; page-break-inside: avoid; }
ul { margin: 0 0 0.75rem; padding-left: 1.4rem; }
footer { margin-top: 2.5rem; padding-top: 0.5rem; border-top: 1px solid #999; font-size: 0.8rem; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  html, body { background: #fff !important; color: #000 !important; }
  body { font-size: 11pt; line-height: 1.4; }
  main { max-width: none; margin: 0; padding: 0; }
  h1 { font-size: 18pt; }
  h2 { font-size: 14pt; border-color: #000; break-after: avoid; page-break-after: avoid; }
  h3 { font-size: 12pt; break-after: avoid; page-break-after: avoid; }
  .meeting, .goal, th, td { border-color: #000; }
  th { background: #fff; }
  * { color: #000 !important; box-shadow: none !important; }
  footer { font-size: 8pt; }
}
""".strip()


def _html_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    return html_table(header, [[escape_html(cell) for cell in row] for row in rows], header_on_one_line=True)


def _html(doc: _Doc) -> str:
    out = [
        "<!doctype html>",
        '<html lang="da">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape_html(doc.title)}</title>",
        f"<style>\n{_STYLE}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape_html(doc.title)}</h1>",
    ]
    out += [f"<p>{escape_html(line)}</p>" for line in doc.intro]
    out += [
        "<section>",
        "<h2>Næste opfølgningsmøde</h2>",
        f'<p class="meeting">{escape_html(doc.meeting)}</p>',
        "</section>",
    ]
    for section in doc.sections:
        out += ["<section>", f"<h2>{escape_html(section.heading)}</h2>"]
        if not section.goals:
            out.append(f"<p>{escape_html(section.empty)}</p>")
        for goal in section.goals:
            out += [
                '<article class="goal">',
                f"<h3>Mål {goal.number}: {escape_html(goal.text)}</h3>",
                '<dl class="facts">',
            ]
            out += [f"<dt>{escape_html(label)}</dt><dd>{escape_html(value)}</dd>" for label, value in goal.facts]
            out.append("</dl>")
            if goal.tasks:
                out.append("<p>Det skal der gøres:</p>")
                out += _html_table(("Opgave", "Hvem gør det", "Hvornår", "Gjort?"), goal.tasks)
            else:
                out.append("<p>Der er ikke aftalt opgaver til dette mål endnu.</p>")
            out.append("</article>")
        out.append("</section>")
    if doc.achieved:
        out += ["<section>", "<h2>Det har vi nået</h2>", "<ul>"]
        out += [f"<li>{escape_html(text)} – ansvarlig: {escape_html(who)}</li>" for text, who in doc.achieved]
        out += ["</ul>", "</section>"]
    out += ["<section>", f"<h2>Fagfolk og steder omkring {escape_html(doc.child)}</h2>"]
    if doc.actors:
        out += _html_table(("Hvem", "Hvad", "Kontakt", "Hvem holder kontakten"), doc.actors)
    else:
        out.append("<p>Der er ikke skrevet andre fagfolk eller steder ind i planen endnu.</p>")
    out += ["</section>", "<section>", "<h2>Jeres kontaktpersoner</h2>"]
    out += [f"<p>{escape_html(line)}</p>" for line in doc.contacts]
    out += [
        "</section>",
        f"<footer><small>{escape_html(doc.footer)}</small></footer>",
        "</main>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)


def render_plan(data: dict[str, Any], fmt: str) -> str:
    """The family's joint action plan as a Markdown or a self-contained HTML document, in Danish.

    Dropped goals are left out; achieved goals get their own short section; open and in-progress
    goals are listed under their horizon in the order given. Empty sections say so.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    doc = _build(data)
    return clean(_markdown(doc) if fmt == "markdown" else _html(doc))
