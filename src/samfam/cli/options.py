"""What several commands share: the parsers for dates and whole numbers, the output format and the fields
scripts ask for, the option and argument aliases, and the application context and unit of work of a command."""

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

import typer

from samfam.cli.helptext import Help
from samfam.errors import UsageError
from samfam.output.formats import FORMATS
from samfam.rules.dates import DATE_FORMS, DateSyntaxError, parse_date
from samfam.words import Phrase, mark, said


def parse_day(text: str) -> date:
    """A parser for a date in any of the accepted forms (DATE_FORMS)."""
    try:
        return parse_date(text)
    except DateSyntaxError as exc:
        raise typer.BadParameter(said(exc.template, exc.fields)) from None


#: The largest id or count any database here stores (PostgreSQL's integer).
LARGEST = 2_147_483_647


def whole(low: int, high: int = LARGEST) -> Any:
    """A parser for a whole number in a range, whose error names the value and the range."""
    bounded = high != LARGEST

    def parse(text: str) -> int:
        digits = str(text).strip()
        # ASCII digits only: int() would also read Arabic-Indic or full-width digits as a number.
        if not (digits.isascii() and digits.lstrip("-").isdigit()):
            if bounded:
                raise typer.BadParameter(
                    said(mark("'{text}' is not a whole number; give one from {low} to {high}"), _span(text, low, high))
                )
            raise typer.BadParameter(
                said(
                    mark("'{text}' is not a whole number; give one of {low} or more (up to {high:,})"),
                    _span(text, low, high),
                )  # fmt: skip
            )
        value = int(digits)
        if value < low or value > high:
            if bounded:
                raise typer.BadParameter(
                    said(
                        mark("{value} is out of range; give a whole number from {low} to {high}"),
                        _span(value, low, high),
                    )  # fmt: skip
                )
            raise typer.BadParameter(
                said(
                    mark("{value} is out of range; give a whole number of {low} or more (up to {high:,})"),
                    _span(value, low, high),
                )  # fmt: skip
            )
        return value

    return parse


def _span(typed: object, low: int, high: int) -> dict[str, object]:
    """The fields of a whole number's refusal: what was typed (as typed, not a number said in Danish)."""
    return {"text": str(typed), "value": str(typed), "low": low, "high": high}


def word_of(words: Any) -> Any:
    """A parser for a word of a closed list (samfam.rules.vocabulary.Words): English or Danish, any case, æøå
    also as ae/oe/aa; the canonical English word comes back, and a refusal lists the words in both languages."""

    def word(text: str) -> str:  # its name is the help's type: <word>
        try:
            return str(words.resolve(str(text)))
        except UsageError as exc:
            raise typer.BadParameter(said(exc.template, exc.fields)) from None

    return word


def date_option(*names: str, help: str) -> Any:
    with_forms = Help(mark("{help} ({forms})."), help=Phrase(help), forms=Phrase(DATE_FORMS))
    return typer.Option(*names, parser=parse_day, metavar="DATE", help=with_forms)


#: Every listing's and card's --format: the one list of formats (samfam.output.formats.FORMATS).
Format = StrEnum("Format", {f: f for f in FORMATS})  # type: ignore[misc]


FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="table for people; json, ndjson (one object a line) or csv for scripts; excel: CSV for Danish Excel "
        "(semicolons, a byte-order mark).",
    ),
]


class Fields(list[str]):
    """The field names --fields gives, in the order given (a list; typer would take `list[str]` as an option
    to repeat)."""


def parse_fields(text: str) -> Fields:
    """A parser for `--fields a,b, c`: the names in order, spaces around them and repeats dropped."""
    names = Fields(dict.fromkeys(name.strip() for name in str(text).split(",") if name.strip()))
    if not names:
        raise typer.BadParameter(
            said(mark("is empty; name the fields to show, e.g. --fields case,next_due,advisor"), {})
        )
    return names


FieldsOpt = Annotated[
    Fields | None,
    typer.Option(
        "--fields",
        parser=parse_fields,
        metavar="FIELD,…",
        help="Only these fields, in this order, in json, ndjson, csv or excel (JSON keys, comma-separated, e.g. "
        "case,next_due,advisor; an unknown one is an error listing the valid ones). Not with the table, which "
        "shows its own columns.",
    ),
]
ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace the file if it exists (never the database, never through a link); without it an existing "
        "file is refused.",
    ),
]
AdvisorFilter = Annotated[
    str | None,
    typer.Option("--advisor", "-a", metavar="INITIALS", help="Only cases where this advisor is primary or buddy."),
]
TeamFilter = Annotated[
    str | None, typer.Option("--team", "-t", metavar="TEAM", help="Only cases of advisors in this team.")
]


def team_option(help: str) -> Any:
    """`--team TEAM` where it picks something other than cases (advisors, meetings, learning goals)."""
    return typer.Option("--team", "-t", metavar="TEAM", help=help)


PrimaryFilter = Annotated[
    bool,
    typer.Option(
        "--primary",
        help="With --advisor: only the cases where the advisor is the primary advisor, not buddy (as the weekly "
        "report counts per advisor).",
    ),
]


RefArg = Annotated[str, typer.Argument(metavar="REF", help="Case reference, e.g. 2026-0142.")]
ReasonOpt = Annotated[
    str,
    typer.Option(
        "--reason", "-r", metavar="TEXT", help="Why: kept with the correction in the case's history and the audit log."
    ),
]
#: Needed when a back-dated change replaces a period already recorded (docs/rules.md § 8).
CorrectionOpt = Annotated[
    str | None,
    typer.Option(
        "--reason",
        metavar="TEXT",
        help="Why, when --on is before a period already recorded: that period is kept, marked corrected, and "
        "counts for nothing (audited).",
    ),
]


#: `-n` means `--note` in every command. Before, it also meant `--name` (advisors, actors) and `--limit`
#: (audit): scripts that still say `-n` there keep working through this hidden alias.
OldShortN = Annotated[str | None, typer.Option("-n", hidden=True)]


def one_of(value: Any, old: Any, name: str) -> Any:
    """The value given with the option's name, or with its old short spelling (not both)."""
    if value is not None and old is not None:
        raise typer.BadParameter(
            said(mark("given twice (as {name} and as -n); give it once as {name}"), {"name": name}), param_hint=name
        )
    return value if value is not None else old


def app_of(ctx: typer.Context) -> Any:
    """The application context (samfam.context.App), built on first use."""
    from samfam.context import App

    root = ctx.find_root()
    if "app" not in root.meta:
        root.meta["app"] = App(root.obj)
        root.call_on_close(root.meta["app"].close)  # the database closed when the command ends, also on an error
    return root.meta["app"]


def uow(ctx: typer.Context) -> Any:
    """A unit of work for one write (samfam.store.work)."""
    return app_of(ctx).unit_of_work()


PseudonymiseOpt = Annotated[
    bool,
    typer.Option(
        "--pseudonymise",
        help="Case references and children's names as pseudonyms (new in each report), free text left out: "
        "for sending outside the team.",
    ),
]


def pseudonymised(data: Any, on: bool) -> Any:
    """The report with pseudonyms under a key made for this report only (samfam.rules.privacy)."""
    if not on:
        return data
    import secrets

    from samfam.rules.privacy import pseudonymise

    return pseudonymise(data, secrets.token_bytes(32))


def case_refs(shown: Any) -> list[str]:
    """Every case reference in what a command showed (the `case` of each row, at any depth), in order."""
    found: dict[str, None] = {}

    def walk(item: Any) -> None:
        if isinstance(item, dict):
            ref = item.get("case")
            if isinstance(ref, str):
                found[ref] = None
            for value in item.values():
                if isinstance(value, (dict, list, tuple)):
                    walk(value)
        else:
            for value in item:
                if isinstance(value, (dict, list, tuple)):
                    walk(value)

    if isinstance(shown, (dict, list, tuple)):
        walk(shown)
    return list(found)


def log_read(ctx: typer.Context, action: str, shown: Any, purpose: str, detail: str | None = None) -> None:
    """Log the use of a child's data once the command has shown it: which command, why (--purpose, else
    `purpose`), and every case it showed (samfam.context.App.log_read)."""
    app_of(ctx).log_read(action, case_refs(shown), purpose, detail)
