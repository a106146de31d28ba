"""The command line. The only module that imports typer.

Each command parses its options, makes one call to a service or report, and renders the result.
Heavy modules (SQLAlchemy, the store) are imported inside the commands, so `--help` and
`--version` stay fast.
"""

import os
import sys
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from samfam import __version__
from samfam.errors import ExitStatus, SamfamError
from samfam.output import formats as render
from samfam.output import streams
from samfam.output.cells import Column
from samfam.rules import goals as goal_rules
from samfam.rules import handovers as handover_rules
from samfam.rules import team as team_rules
from samfam.rules.actors import ACTOR_KINDS, COORDINATORS
from samfam.rules.cadence import DEFAULT_DUE_SOON_DAYS
from samfam.rules.dates import DATE_FORMS, DateSyntaxError, parse_date
from samfam.rules.events import EVENT_KINDS
from samfam.settings import Settings, resolve

# -- the group: one `Error:` line for every failure, exit codes from samfam.errors ---------------


class SamfamGroup(TyperGroup):
    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            rv = super().main(
                args=args, prog_name=prog_name or "samfam", complete_var=complete_var, standalone_mode=False, **extra
            )
            code = rv if isinstance(rv, int) and not isinstance(rv, bool) else ExitStatus.OK
        except typer.TyperException as exc:  # typer's usage errors: bad option or value syntax
            ctx = getattr(exc, "ctx", None)
            if type(exc).__name__ == "NoArgsIsHelpError":  # typer has printed the help already
                code = ExitStatus.OK
            else:
                hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
                message = " ".join(exc.format_message().split())  # one line, even for a list of choices
                streams.error(message.rstrip(".") + hint)
                code = exc.exit_code
        except SamfamError as exc:
            streams.error(exc.message)
            code = exc.exit_status
        except typer.Abort:
            streams.error("aborted")
            code = ExitStatus.DOMAIN_ERROR
        except Exception as exc:
            if os.environ.get("SAMFAM_DEBUG"):
                raise
            first_line = (str(exc).strip().splitlines() or [""])[0]
            streams.error(f"unexpected {type(exc).__name__}: {first_line} (set SAMFAM_DEBUG=1 for details)")
            code = ExitStatus.DOMAIN_ERROR
        if standalone_mode:
            sys.exit(int(code))
        return int(code)


app = typer.Typer(
    cls=SamfamGroup,
    name="samfam",
    help="Case tracker for child-disability advisors working by the model Sammen om familien: "
    "cases, statutory grants, follow-ups at the model's fixed cadence, and what is due.",
    epilog="Start with: samfam demo   ·   Docs: README.md",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
advisor_app = typer.Typer(help="Advisors (staff).", no_args_is_help=True)
case_app = typer.Typer(help="Cases: open, show, list, assign, close.", no_args_is_help=True)
grant_app = typer.Typer(help="Statutory paragraphs granted on a case, over time.", no_args_is_help=True)
event_app = typer.Typer(help="What happened on a case: meetings, visits, calls.", no_args_is_help=True)
app.add_typer(advisor_app, name="advisor")
app.add_typer(case_app, name="case")
app.add_typer(grant_app, name="grant")
app.add_typer(event_app, name="event")
goal_app = typer.Typer(help="The shared goal picture (fælles målbillede): goals with owners.", no_args_is_help=True)
task_app = typer.Typer(help="Tasks toward goals (the joint action plan): who does what, by when.", no_args_is_help=True)
actor_app = typer.Typer(help="External actors on a case, and who coordinates with each.", no_args_is_help=True)
handover_app = typer.Typer(help="Systematic handovers and their checklists.", no_args_is_help=True)
member_app = typer.Typer(help="The case's core team beyond the primary advisor and buddy.", no_args_is_help=True)
app.add_typer(goal_app, name="goal")
app.add_typer(task_app, name="task")
app.add_typer(actor_app, name="actor")
app.add_typer(handover_app, name="handover")
case_app.add_typer(member_app, name="member")
report_app = typer.Typer(help="Reports for the team leader.", no_args_is_help=True)
team_app = typer.Typer(
    help="The team's rhythm: case meetings, half-day meetings, stop-op meetings.", no_args_is_help=True
)
meeting_app = typer.Typer(help="Team meetings.", no_args_is_help=True)
learning_app = typer.Typer(
    help="Individual learning goals per advisor, followed up with the team leader.", no_args_is_help=True
)
programme_app = typer.Typer(
    help="Programmes (Sammen om familien, Én familie – én indgang) and enrolment.", no_args_is_help=True
)
app.add_typer(report_app, name="report")
app.add_typer(team_app, name="team")
team_app.add_typer(meeting_app, name="meeting")
app.add_typer(learning_app, name="learning-goal")
app.add_typer(programme_app, name="programme")


# -- option types --------------------------------------------------------------------------------


def _date(text: str) -> date:
    try:
        return parse_date(text)
    except DateSyntaxError as exc:
        raise typer.BadParameter(str(exc)) from None


def _whole(low: int, high: int | None = None) -> Any:
    """A parser for a whole number in a range, whose error names the value and the range."""
    span = f"from {low} to {high}" if high is not None else f"of {low} or more"

    def parse(text: str) -> int:
        try:
            value = int(str(text).strip())
        except ValueError:
            raise typer.BadParameter(f"'{text}' is not a whole number; give one {span}") from None
        if value < low or (high is not None and value > high):
            raise typer.BadParameter(f"{value} is out of range; give a whole number {span}")
        return value

    return parse


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class Status(StrEnum):
    open = "open"
    closed = "closed"
    all = "all"


class Track(StrEnum):
    three_months = "3m"
    six_weeks = "6w"
    unclassified = "unclassified"


class Law(StrEnum):
    SEL = "SEL"
    BL = "BL"


EventKind = StrEnum("EventKind", {k.name: k.name for k in EVENT_KINDS})  # type: ignore[misc]

FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="table for people; json or csv for scripts.")]
AdvisorFilter = Annotated[
    str | None,
    typer.Option("--advisor", "-a", metavar="INITIALS", help="Only cases where this advisor is primary or buddy."),
]
TeamFilter = Annotated[str | None, typer.Option("--team", "-t", help="Only cases of advisors in this team.")]
RefArg = Annotated[str, typer.Argument(metavar="REF", help="Case reference, e.g. 2026-0142.")]


def _date_option(*names: str, help: str) -> Any:
    return typer.Option(*names, parser=_date, metavar="DATE", help=f"{help} ({DATE_FORMS}).")


def _app(ctx: typer.Context) -> Any:
    """The application context, built on first use."""
    from samfam.context import App

    root = ctx.find_root()
    if "app" not in root.meta:
        root.meta["app"] = App(root.obj)
    return root.meta["app"]


def _terminal() -> Any:
    from samfam.output import terminal

    return terminal


def render_table(*args: Any, **kwargs: Any) -> None:
    _terminal().table(*args, **kwargs)


def _uow(ctx: typer.Context) -> Any:
    """A unit of work for one write (samfam.store.work)."""
    return _app(ctx).unit_of_work()


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"samfam {__version__}\n")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="SAMFAM_DB",
            metavar="PATH|URL",
            help="SQLite file or SQLAlchemy URL (postgresql+psycopg://…). "
            "Default: samfam.db in the user data directory.",
        ),
    ] = None,
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            envvar="SAMFAM_USER",
            metavar="INITIALS",
            help="Who acts, for the audit log. Default: the OS login name.",
        ),
    ] = None,
    today: Annotated[
        date | None,
        typer.Option(
            "--today",
            envvar="SAMFAM_TODAY",
            parser=_date,
            metavar="DATE",
            help="Fix 'today' for every rule. Default: today in Europe/Copenhagen.",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    ctx.obj = resolve(db, user, today)


def _settings(ctx: typer.Context) -> Settings:
    return ctx.find_root().obj


# -- database ------------------------------------------------------------------------------------


@app.command(epilog="Example: samfam init  ·  samfam --db postgresql+psycopg://samfam@db/samfam init")
def init(ctx: typer.Context) -> None:
    """Create the database, or upgrade it to this version's schema (safe to run again)."""
    from samfam.actions import admin as admin_actions

    a = _app(ctx)
    before, after = admin_actions.init_database(a)
    if before is None:
        streams.message(f"Created samfam database at {a.store.where} (schema {after}).")
    elif before != after:
        streams.message(f"Upgraded {a.store.where} from schema {before} to {after}.")
    else:
        streams.message(f"{a.store.where} is up to date (schema {after}).")


# -- advisors ------------------------------------------------------------------------------------

ADVISOR_COLUMNS = [
    Column("initials", "Initials"),
    Column("name", "Name"),
    Column("team", "Team"),
    Column("role", "Role"),
]


@advisor_app.command("add", epilog="Example: samfam advisor add MKJ --name 'Mette K. Jensen' --team Nord")
def advisor_add(
    ctx: typer.Context,
    initials: Annotated[str, typer.Argument(metavar="INITIALS", help="Unique initials, e.g. MKJ.")],
    name: Annotated[str, typer.Option("--name", "-n", help="Full name.")],
    team: Annotated[str | None, typer.Option("--team", "-t", help="Team name.")] = None,
    role: Annotated[str | None, typer.Option("--role", "-r", help="Role, e.g. rådgiver, teamleder, psykolog.")] = None,
) -> None:
    """Add an advisor."""
    from samfam.actions import staff as staff_actions

    advisor = staff_actions.add_advisor(_uow(ctx), initials, name, team, role)
    streams.message(f"Added advisor {advisor.initials} ({advisor.name}).")


@advisor_app.command("list", epilog="Example: samfam advisor list --team Nord -f csv")
def advisor_list(ctx: typer.Context, team: TeamFilter = None, fmt: FormatOpt = Format.table) -> None:
    """List advisors."""
    from samfam.views import staff as staff_views

    rows = staff_views.advisor_list(_app(ctx), team)
    render.listing(rows, ADVISOR_COLUMNS, fmt.value, title="Advisors", empty="No advisors yet.")


# -- cases ---------------------------------------------------------------------------------------


@case_app.command(
    "open",
    epilog="Example: samfam case open 2026-0142 --child 'Alma Nielsen' --advisor MKJ "
    "--born 2019-04-02 --para 'BL 86' --para 'BL 30'",
)
def case_open(
    ctx: typer.Context,
    ref: RefArg,
    child: Annotated[str, typer.Option("--child", "-c", help="The child's name.")],
    advisor: Annotated[str, typer.Option("--advisor", "-a", metavar="INITIALS", help="Primary advisor.")],
    cpr: Annotated[
        str | None,
        typer.Option("--cpr", metavar="CPR", help="The child's CPR number, DDMMYY-SSSS (gives the birth date)."),
    ] = None,
    born: Annotated[date | None, _date_option("--born", help="Birth date, when no CPR number is given")] = None,
    opened: Annotated[date | None, _date_option("--opened", help="Opening date; default today")] = None,
    para: Annotated[
        list[str] | None,
        typer.Option(
            "--para",
            "-p",
            metavar="CODE",
            help="A granted paragraph, e.g. 'SEL 41' or 'BL 86'; repeat for more. Each starts on the opening date.",
        ),
    ] = None,
    buddy: Annotated[
        str | None, typer.Option("--buddy", "-b", metavar="INITIALS", help="Buddy advisor (makker).")
    ] = None,
    complex_case: Annotated[bool, typer.Option("--complex", help="A complex case (wants a buddy).")] = False,
) -> None:
    """Open a new case."""
    from samfam.actions import cases as cases_actions

    case = cases_actions.open_case(
        _uow(ctx), ref, child, advisor, cpr, born, opened, tuple(para or ()), buddy, complex_case
    )
    streams.message(f"Opened case {case.ref} for {case.child_name} on {case.opened.isoformat()}.")


GRANT_COLUMNS = [
    Column("code", "Paragraph"),
    Column("category", "Category"),
    Column("title", "Title"),
    Column("start", "From"),
    Column("end", "To"),
    Column("active", "Active"),
]
EVENT_COLUMNS = [
    Column("day", "Date"),
    Column("kind", "Kind"),
    Column("counts", "Counts"),
    Column("scale", "Scale", "right"),
    Column("note", "Note"),
    Column("with", "With actors"),
    Column("recorded_by", "By"),
]


@case_app.command("show", epilog="Example: samfam case show 2026-0142 -f json")
def case_show(
    ctx: typer.Context,
    ref: RefArg,
    reveal_cpr: Annotated[bool, typer.Option("--reveal-cpr", help="Show the full CPR number (logged).")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """The whole case card: people, track and due date, grants, events. Logged as a read."""
    from samfam.views import cases as cases_views

    data = cases_views.case_card(_app(ctx), ref, reveal_cpr)
    render.card(
        data,
        fmt.value,
        title=f"Case {data['case']}",
        sections=[
            ("grants", "Grants", GRANT_COLUMNS),
            ("events", "Events", EVENT_COLUMNS),
            ("goals", "Goals", [c for c in GOAL_COLUMNS if c.key != "case"]),
            ("actors", "Actors", ACTOR_COLUMNS),
            (
                "team",
                "Core team",
                [
                    Column("initials", "Initials"),
                    Column("name", "Name"),
                    Column("role", "Role"),
                    Column("since", "Since"),
                    Column("until", "Until"),
                ],
            ),
            (
                "handovers",
                "Handovers",
                [
                    Column("kind", "Kind"),
                    Column("started", "Started"),
                    Column("status", "Status"),
                    Column("missing", "Missing"),
                    Column("completed", "Completed"),
                ],
            ),
            ("deadlines", "Legal deadlines", [c for c in DEADLINE_COLUMNS if c.key not in ("case", "advisor")]),
        ],
    )


CASE_COLUMNS = [
    Column("case", "Case"),
    Column("child", "Child"),
    Column("advisor", "Advisor"),
    Column("buddy", "Buddy"),
    Column("status", "Status"),
    Column("track", "Track"),
    Column("next_due", "Next due"),
]


@case_app.command("list", epilog="Example: samfam case list --advisor MKJ --track 6w")
def case_list(
    ctx: typer.Context,
    advisor: AdvisorFilter = None,
    track: Annotated[Track | None, typer.Option("--track", help="Only cases on this track today.")] = None,
    status: Annotated[
        Status, typer.Option("--status", "-s", help="Open or closed on the as-of date, or all.")
    ] = Status.open,
    team: TeamFilter = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """List cases with their track and next due date."""
    from samfam.views import cases as cases_views

    rows = cases_views.case_list(_app(ctx), advisor, track.value if track else None, status.value, team)
    render.listing(
        rows,
        CASE_COLUMNS,
        fmt.value,
        title=f"Cases ({len(rows)})",
        empty="No cases match.",
        fields=["case", "child", "advisor", "buddy", "status", "track", "next_due", "opened", "closed"],
    )


@case_app.command("assign", epilog="Example: samfam case assign 2026-0142 --advisor LBH")
def case_assign(
    ctx: typer.Context,
    ref: RefArg,
    advisor: Annotated[str, typer.Option("--advisor", "-a", metavar="INITIALS", help="The new primary advisor.")],
    on: Annotated[date | None, _date_option("--on", help="First day with the new advisor; default today")] = None,
) -> None:
    """Give a case a new primary advisor (starts an advisor-change handover)."""
    from samfam.actions import cases as cases_actions

    old, new = cases_actions.assign_case(_uow(ctx), ref, advisor, on)
    streams.message(f"Case {ref}: primary advisor {old} -> {new}.")


@case_app.command("close", epilog="Example: samfam case close 2026-0142 --reason 'Moved to Aarhus' --on 2026-11-30")
def case_close(
    ctx: typer.Context,
    ref: RefArg,
    reason: Annotated[str, typer.Option("--reason", "-r", help="Why the case closes.")],
    on: Annotated[date | None, _date_option("--on", help="Closing date; default today")] = None,
    force: Annotated[
        str | None,
        typer.Option("--force", metavar="REASON", help="Close although the closure checklist is incomplete (logged)."),
    ] = None,
) -> None:
    """Close a case once its closure handover is complete. Closed cases are never overdue."""
    from samfam.actions import cases as cases_actions

    case, missing = cases_actions.close_case(_uow(ctx), ref, reason, on, force)
    streams.message(f"Closed case {case.ref} on {case.closed.isoformat()}.")
    if missing:
        streams.note(f"Closed without: {', '.join(missing)} (the reason is in the audit log).")


# -- grants --------------------------------------------------------------------------------------


@grant_app.command("add", epilog="Example: samfam grant add 2026-0142 'BL 32.1.7' --from 2026-11-01")
def grant_add(
    ctx: typer.Context,
    ref: RefArg,
    code: Annotated[str, typer.Argument(metavar="CODE", help="Paragraph, e.g. 'SEL 41', 'BL 32.1.7', bl86.")],
    start: Annotated[date | None, _date_option("--from", help="First day; default today")] = None,
    end: Annotated[date | None, _date_option("--to", help="Last day, if known")] = None,
) -> None:
    """Grant a statutory paragraph on a case."""
    from samfam.actions import grants as grants_actions

    grant = grants_actions.add_grant(_uow(ctx), ref, code, start, end)
    streams.message(
        f"Case {ref}: {grant.code} from {grant.start.isoformat()}"
        + (f" to {grant.end.isoformat()}." if grant.end else ".")
    )


@grant_app.command("end", epilog="Example: samfam grant end 2026-0142 'SEL 50' --on 2026-10-31")
def grant_end(
    ctx: typer.Context,
    ref: RefArg,
    code: Annotated[str, typer.Argument(metavar="CODE", help="The paragraph to end.")],
    on: Annotated[date | None, _date_option("--on", help="Last active day; default today")] = None,
) -> None:
    """End a grant (it is still active on its end date)."""
    from samfam.actions import grants as grants_actions

    grant = grants_actions.end_grant(_uow(ctx), ref, code, on)
    streams.message(f"Case {ref}: {grant.code} ends on {grant.end.isoformat()}.")


# -- events --------------------------------------------------------------------------------------


@event_app.command(
    "add", epilog="Example: samfam event add 2026-0142 followup --on 2026-11-20 --scale 6 --note 'Ny skole'"
)
def event_add(
    ctx: typer.Context,
    ref: RefArg,
    kind: Annotated[
        EventKind,
        typer.Argument(
            metavar="KIND",
            help="startup, followup, home-visit, network-meeting, assessment-meeting count as follow-up; "
            "analysis-meeting, child-conversation, child-observation, case-meeting, phone, sms, email do not "
            "(see 'samfam event kinds').",
        ),
    ],
    on: Annotated[date | None, _date_option("--on", help="When it happened; default today")] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="A short note.")] = None,
    scale: Annotated[
        int | None,
        typer.Option(
            "--scale", parser=_whole(0, 10), metavar="0-10", help="Signs of Safety scale 0-10 (follow-ups only)."
        ),
    ] = None,
    with_actors: Annotated[
        list[int] | None,
        typer.Option("--with", metavar="ACTOR_ID", parser=_whole(1), help="An actor who took part (repeat for more)."),
    ] = None,
) -> None:
    """Record an event on a case."""
    from samfam.actions import events as events_actions

    event = events_actions.add_event(_uow(ctx), ref, kind.value, on, note, scale, tuple(with_actors or ()))
    streams.message(f"Case {ref}: {event.kind} on {event.day.isoformat()} recorded.")


@event_app.command("list", epilog="Example: samfam event list 2026-0142 -f csv")
def event_list(ctx: typer.Context, ref: RefArg, fmt: FormatOpt = Format.table) -> None:
    """List a case's events, oldest first."""
    from samfam.views import cases as cases_views

    rows = cases_views.event_list(_app(ctx), ref)
    render.listing(
        rows,
        EVENT_COLUMNS,
        fmt.value,
        title=f"Events on case {ref}",
        empty="No events yet.",
        fields=["case", "day", "kind", "counts", "scale", "note", "with", "recorded_by"],
    )


@event_app.command("kinds", epilog="Example: samfam event kinds")
def event_kinds(fmt: FormatOpt = Format.table) -> None:
    """The event kinds, and which count as a follow-up."""
    from samfam.views import catalogue as catalogue_views

    render.listing(
        catalogue_views.event_kind_list(),
        [
            Column("kind", "Kind"),
            Column("counts", "Counts as follow-up"),
            Column("danish", "Dansk"),
            Column("what", "What"),
        ],
        fmt.value,
        title="Event kinds",
    )


# -- what is due ---------------------------------------------------------------------------------

CADENCE_FIELDS = ["case", "advisor", "buddy", "track", "paragraphs", "last_followup", "next_due", "days_overdue"]
OVERDUE_COLUMNS = [
    Column("case", "Case"),
    Column("advisor", "Advisor"),
    Column("buddy", "Buddy"),
    Column("track", "Track"),
    Column("paragraphs", "Paragraphs"),
    Column("last_followup", "Last follow-up"),
    Column("next_due", "Was due"),
    Column("days_overdue", "Days overdue", "right"),
]
UNCLASSIFIED_COLUMNS = [
    Column("case", "Case"),
    Column("advisor", "Advisor"),
    Column("paragraphs", "Paragraphs"),
    Column("reason", "Why unclassified"),
]


@app.command(epilog="Example: samfam overdue --team Nord -f csv > overdue.csv  ·  samfam overdue --check || mail …")
def overdue(
    ctx: typer.Context,
    advisor: AdvisorFilter = None,
    team: TeamFilter = None,
    check: Annotated[bool, typer.Option("--check", help="Exit with status 3 when any follow-up is overdue.")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Overdue follow-ups, most days overdue first; then open cases that need classification."""
    from samfam.views import followups as followup_views

    a = _app(ctx)
    rows = followup_views.overdue(a, advisor, team)
    late = [r for r in rows if r["status"] == "overdue"]
    if fmt is Format.table:
        render_table(
            late,
            OVERDUE_COLUMNS,
            title=f"Overdue follow-ups on {a.today.isoformat()} ({len(late)})",
            empty="No follow-up is overdue.",
        )
        unclassified = [r for r in rows if r["status"] != "overdue"]
        if unclassified:
            streams.message("")
            render_table(
                unclassified,
                UNCLASSIFIED_COLUMNS,
                title=f"Needs classification ({len(unclassified)})",
                caption="No due date until the grants put the case on the 3-month or 6-week track.",
            )
    else:
        render.listing(rows, OVERDUE_COLUMNS, fmt.value, fields=CADENCE_FIELDS + ["status", "reason"])
    if check and late:
        raise typer.Exit(ExitStatus.OVERDUE_FOUND)


DUE_COLUMNS = [
    Column("case", "Case"),
    Column("advisor", "Advisor"),
    Column("buddy", "Buddy"),
    Column("track", "Track"),
    Column("last_followup", "Last follow-up"),
    Column("next_due", "Due"),
    Column("days_left", "Days left", "right"),
]


@app.command(epilog="Example: samfam due --within 7 --advisor MKJ")
def due(
    ctx: typer.Context,
    within: Annotated[
        int, typer.Option("--within", "-w", parser=_whole(0), metavar="DAYS", help="How many days ahead.")
    ] = DEFAULT_DUE_SOON_DAYS,
    advisor: AdvisorFilter = None,
    team: TeamFilter = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Follow-ups coming due from today through the next DAYS days, soonest first."""
    from samfam.views import followups as followup_views

    a = _app(ctx)
    rows, late = followup_views.due(a, within, advisor, team)
    if fmt is Format.table:
        shown = [r | {"days_left": -r["days_overdue"]} for r in rows]
        render_table(
            shown,
            DUE_COLUMNS,
            title=f"Due from {a.today.isoformat()} within {within} days ({len(rows)})",
            empty=f"Nothing due within {within} days.",
            caption=f"{late} more overdue: see 'samfam overdue'." if late else None,
        )
    else:
        render.listing(rows, DUE_COLUMNS, fmt.value, fields=CADENCE_FIELDS)


@app.command(epilog="Example: samfam explain 2026-0142")
def explain(ctx: typer.Context, ref: RefArg, fmt: FormatOpt = Format.table) -> None:
    """Why a case is on its track, which date anchors the clock, and when it is due."""
    from samfam.views import cases as cases_views

    data = cases_views.explain(_app(ctx), ref)
    render.card(
        data,
        fmt.value,
        title=f"Case {data['case']}",
        lines=data["explanation"],
        sections=[
            (
                "history",
                "Track over time",
                [
                    Column("from", "From"),
                    Column("to", "To"),
                    Column("track", "Track"),
                    Column("paragraphs", "Active paragraphs"),
                ],
            )
        ],
    )


# -- reference -----------------------------------------------------------------------------------


@app.command(epilog="Example: samfam paragraphs --law BL")
def paragraphs(
    law: Annotated[
        Law | None, typer.Option("--law", "-l", help="Only this law: SEL (to 2023) or BL (from 2024).")
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """The paragraph catalogue: code, law, category for the cadence rule, title, SEL <-> BL."""
    from samfam.views import catalogue as catalogue_views

    render.listing(
        catalogue_views.paragraph_list(law.value if law else None),
        [
            Column("code", "Code"),
            Column("law", "Law"),
            Column("category", "Category"),
            Column("title", "Title"),
            Column("counterparts", "Other law"),
            Column("confidence", "Mapping"),
        ],
        fmt.value,
        title="Paragraphs",
    )


@app.command(epilog="Example: samfam audit --case 2026-0142  ·  samfam audit --user MKJ -f csv")
def audit(
    ctx: typer.Context,
    case: Annotated[str | None, typer.Option("--case", "-c", metavar="REF", help="Only this case.")] = None,
    user: Annotated[str | None, typer.Option("--user", "-u", metavar="USER", help="Only this user.")] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", parser=_whole(0), metavar="N", help="Newest N entries; 0 for all.")
    ] = 200,
    fmt: FormatOpt = Format.table,
) -> None:
    """The audit log: who did what to which case, and when (UTC). Newest first."""
    from samfam.views import audit as audit_views

    rows = audit_views.audit_log(_app(ctx), case, user, limit or None)
    render.listing(
        rows,
        [
            Column("at", "At (UTC)"),
            Column("user", "User"),
            Column("action", "Action"),
            Column("case", "Case"),
            Column("detail", "Detail"),
        ],
        fmt.value,
        title="Audit log",
        empty="No entries.",
    )


# -- goals and tasks ---------------------------------------------------------------------------


Horizon = StrEnum("Horizon", {h: h for h in goal_rules.HORIZONS})  # type: ignore[misc]
GoalStatus = StrEnum("GoalStatus", {st: st for st in goal_rules.STATUSES})  # type: ignore[misc]


OwnerOpt = typer.Option("--owner", "-o", metavar="family|advisor|actor:ID", help="Who owns the goal.")


@goal_app.command(
    "add",
    epilog="Example: samfam goal add 2026-0142 'Alma sover i egen seng' --horizon short --owner family "
    "--target 2027-02-01",
)
def goal_add(
    ctx: typer.Context,
    ref: RefArg,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The goal, in the family's words.")],
    horizon: Annotated[Horizon, typer.Option("--horizon", help="short or long term.")],
    owner: Annotated[str, OwnerOpt],
    target: Annotated[date | None, _date_option("--target", help="Target date")] = None,
) -> None:
    """Add a goal to the case's shared goal picture."""
    from samfam.actions import care as care_actions

    goal = care_actions.add_goal(_uow(ctx), ref, text, horizon.value, owner, target)
    streams.message(f"Case {ref}: goal {goal.id} added ({goal.horizon} term, owner {owner}).")


@goal_app.command(
    "update", epilog="Example: samfam goal update 7 --status in-progress --note 'Sover i egen seng 3 nætter om ugen'"
)
def goal_update(
    ctx: typer.Context,
    goal_id: Annotated[
        int, typer.Argument(metavar="ID", parser=_whole(1), help="The goal's id (see 'samfam goals REF').")
    ],
    status: Annotated[GoalStatus | None, typer.Option("--status", "-s", help="New status.")] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="A dated review note.")] = None,
    target: Annotated[date | None, _date_option("--target", help="New target date")] = None,
) -> None:
    """Review a goal: a new status, a dated note, a new target date."""
    from samfam.actions import care as care_actions

    goal = care_actions.update_goal(_uow(ctx), goal_id, status.value if status else None, note, target)
    streams.message(
        f"Goal {goal.id}: {goal.status}" + (f", target {goal.target.isoformat()}" if goal.target else "") + "."
    )


GOAL_COLUMNS = [
    Column("case", "Case"),
    Column("id", "Id", "right"),
    Column("horizon", "Horizon"),
    Column("text", "Goal"),
    Column("owner", "Owner"),
    Column("status", "Status"),
    Column("target", "Target"),
    Column("attention", "Attention"),
]


@app.command(epilog="Example: samfam goals 2026-0142  ·  samfam goals --advisor MKJ -f csv")
def goals(
    ctx: typer.Context,
    ref: Annotated[str | None, typer.Argument(metavar="[REF]", help="One case; default every open case.")] = None,
    advisor: AdvisorFilter = None,
    team: TeamFilter = None,
    attention: Annotated[bool, typer.Option("--attention", help="Only rows that need attention.")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """The shared goal picture per case, with what needs attention."""
    from samfam.views import care as care_views

    rows = care_views.goal_list(_app(ctx), ref, advisor, team)
    if attention:
        rows = [r for r in rows if r["attention"]]
    render.listing(
        rows,
        GOAL_COLUMNS,
        fmt.value,
        title="Goals",
        empty="No goals.",
        fields=["case", "id", "text", "horizon", "owner", "status", "target", "attention", "advisor"],
    )


@task_app.command(
    "add", epilog="Example: samfam task add 7 'Lave aftenrutine med billeder' --by family --due 2026-12-15"
)
def task_add(
    ctx: typer.Context,
    goal_id: Annotated[
        int, typer.Argument(metavar="GOAL_ID", parser=_whole(1), help="The goal the task works toward.")
    ],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="What is to be done.")],
    by: Annotated[str, typer.Option("--by", metavar="family|advisor|actor:ID", help="Who does it.")],
    due: Annotated[date | None, _date_option("--due", help="By when")] = None,
) -> None:
    """Add a task toward a goal."""
    from samfam.actions import care as care_actions

    task = care_actions.add_task(_uow(ctx), goal_id, text, by, due)
    streams.message(f"Task {task.id} added to goal {goal_id}.")


@task_app.command("done", epilog="Example: samfam task done 12 --on 2026-12-10")
def task_done(
    ctx: typer.Context,
    task_id: Annotated[int, typer.Argument(metavar="ID", parser=_whole(1))],
    on: Annotated[date | None, _date_option("--on", help="When it was done; default today")] = None,
    undo: Annotated[bool, typer.Option("--undo", help="Mark it as not done after all.")] = False,
) -> None:
    """Mark a task as done (or, with --undo, not done)."""
    from samfam.actions import care as care_actions

    task = care_actions.set_task_done(_uow(ctx), task_id, not undo, on)
    streams.message(f"Task {task.id}: " + (f"done {task.done.isoformat()}." if task.done else "not done."))


# -- actors ----------------------------------------------------------------------------------------

ActorKind = StrEnum("ActorKind", {k: k for k in ACTOR_KINDS})  # type: ignore[misc]


Coordinator = StrEnum("Coordinator", {c: c for c in (*COORDINATORS, "none")})  # type: ignore[misc]


ACTOR_COLUMNS = [
    Column("id", "Id", "right"),
    Column("kind", "Kind"),
    Column("name", "Name"),
    Column("contact", "Contact"),
    Column("coordinator", "Coordinator"),
    Column("since", "Since"),
    Column("until", "Until"),
    Column("attention", "Attention"),
]


@actor_app.command(
    "add",
    epilog="Example: samfam actor add 2026-0142 school --name 'Kildeskolen' --coordinator family "
    "--contact 'Lærer Ane, 12 34 56 78'",
)
def actor_add(
    ctx: typer.Context,
    ref: RefArg,
    kind: Annotated[
        ActorKind,
        typer.Argument(
            metavar="KIND",
            help="daycare, school, ppr, physiotherapy, occupational-therapy, residential-care, respite-care, "
            "hospital, adult-services, other.",
        ),
    ],
    name: Annotated[str, typer.Option("--name", "-n", help="Name of the place or person.")],
    coordinator: Annotated[
        Coordinator, typer.Option("--coordinator", help="Who keeps contact: family, advisor, or none (not agreed yet).")
    ] = Coordinator.none,
    contact: Annotated[str | None, typer.Option("--contact", help="How to reach them.")] = None,
    since: Annotated[date | None, _date_option("--since", help="On the case since; default today")] = None,
) -> None:
    """Add an external actor (school, daycare, PPR, therapist …) to a case."""
    from samfam.actions import care as care_actions

    actor = care_actions.add_actor(_uow(ctx), ref, kind.value, name, coordinator.value, contact, since)
    streams.message(f"Case {ref}: actor {actor.id} {actor.name} added.")


@actor_app.command("list", epilog="Example: samfam actor list 2026-0142 --all")
def actor_list(
    ctx: typer.Context,
    ref: RefArg,
    include_ended: Annotated[bool, typer.Option("--all", help="Include actors who have left the case.")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """The actors on a case and who coordinates with each."""
    from samfam.views import care as care_views

    rows = care_views.actor_list(_app(ctx), ref, include_ended)
    render.listing(
        rows,
        ACTOR_COLUMNS,
        fmt.value,
        title=f"Actors on case {ref}",
        empty="No actors.",
        fields=["case", "id", "kind", "name", "contact", "coordinator", "since", "until", "active", "attention"],
    )


@actor_app.command("update", epilog="Example: samfam actor update 3 --coordinator advisor")
def actor_update(
    ctx: typer.Context,
    actor_id: Annotated[int, typer.Argument(metavar="ID", parser=_whole(1))],
    name: Annotated[str | None, typer.Option("--name", "-n")] = None,
    contact: Annotated[str | None, typer.Option("--contact")] = None,
    coordinator: Annotated[Coordinator | None, typer.Option("--coordinator", help="family, advisor or none.")] = None,
) -> None:
    """Change an actor's name, contact or agreed coordinator."""
    from samfam.actions import care as care_actions

    actor = care_actions.update_actor(_uow(ctx), actor_id, name, contact, coordinator.value if coordinator else None)
    streams.message(f"Actor {actor.id} updated.")


@actor_app.command("end", epilog="Example: samfam actor end 3 --on 2026-12-31")
def actor_end(
    ctx: typer.Context,
    actor_id: Annotated[int, typer.Argument(metavar="ID", parser=_whole(1))],
    on: Annotated[date | None, _date_option("--on", help="Last day; default today")] = None,
) -> None:
    """An actor leaves the case."""
    from samfam.actions import care as care_actions

    actor = care_actions.end_actor(_uow(ctx), actor_id, on)
    streams.message(f"Actor {actor.id} ({actor.name}) left the case on {actor.until.isoformat()}.")


# -- buddies and the core team ---------------------------------------------------------------------


@case_app.command("buddy", epilog="Example: samfam case buddy 2026-0142 LBH  ·  samfam case buddy 2026-0142 --remove")
def case_buddy(
    ctx: typer.Context,
    ref: RefArg,
    advisor: Annotated[str | None, typer.Argument(metavar="[INITIALS]", help="The buddy (makker).")] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Remove the buddy.")] = False,
) -> None:
    """Pair the case with a buddy advisor, or remove the buddy."""
    from samfam.actions import cases as cases_actions

    if (advisor is None) == (not remove):
        raise typer.BadParameter("give the buddy's INITIALS, or --remove")
    old, new = cases_actions.set_buddy(_uow(ctx), ref, None if remove else advisor)
    streams.message(f"Case {ref}: buddy {old or 'none'} -> {new or 'none'}.")


@case_app.command("complex", epilog="Example: samfam case complex 2026-0142  ·  samfam case complex 2026-0142 --no")
def case_complex(
    ctx: typer.Context,
    ref: RefArg,
    no: Annotated[bool, typer.Option("--no", help="The case is not complex (any more).")] = False,
) -> None:
    """Mark a case as complex (it then wants a buddy)."""
    from samfam.actions import cases as cases_actions

    case = cases_actions.set_complex(_uow(ctx), ref, not no)
    streams.message(f"Case {case.ref}: " + ("complex." if case.complex else "not complex."))


@member_app.command("add", epilog="Example: samfam case member add 2026-0142 PSY --role psykolog")
def member_add(
    ctx: typer.Context,
    ref: RefArg,
    advisor: Annotated[str, typer.Argument(metavar="INITIALS")],
    role: Annotated[str, typer.Option("--role", "-r", help="e.g. psykolog, tale-/hørekonsulent.")],
) -> None:
    """Add a colleague to the case's core team with a role."""
    from samfam.actions import cases as cases_actions

    initials = cases_actions.add_member(_uow(ctx), ref, advisor, role)
    streams.message(f"Case {ref}: {initials} joined the core team as {role}.")


@member_app.command("remove", epilog="Example: samfam case member remove 2026-0142 PSY")
def member_remove(ctx: typer.Context, ref: RefArg, advisor: Annotated[str, typer.Argument(metavar="INITIALS")]) -> None:
    """Take a colleague off the case's core team."""
    from samfam.actions import cases as cases_actions

    initials = cases_actions.remove_member(_uow(ctx), ref, advisor)
    streams.message(f"Case {ref}: {initials} left the core team.")


# -- handovers -------------------------------------------------------------------------------------


HandoverKind = StrEnum("HandoverKind", {k: k for k in handover_rules.KINDS})  # type: ignore[misc]


HandoverKindOpt = Annotated[
    HandoverKind | None, typer.Option("--kind", "-k", help="Which open handover, when several.")
]
ITEM_COLUMNS = [
    Column("item", "Item"),
    Column("label", "What"),
    Column("decided_by", "Decided by"),
    Column("done", "Done"),
    Column("by", "By"),
    Column("at", "At (UTC)"),
    Column("note", "Note"),
]


@handover_app.command("start", epilog="Example: samfam handover start 2026-0142 transition")
def handover_start(
    ctx: typer.Context,
    ref: RefArg,
    kind: Annotated[
        HandoverKind, typer.Argument(metavar="KIND", help="advisor-change, new-professional, closure, transition.")
    ],
    note: Annotated[str | None, typer.Option("--note", "-n")] = None,
    on: Annotated[date | None, _date_option("--on", help="When it began; default today")] = None,
) -> None:
    """Start a handover and its checklist."""
    from samfam.actions import handovers as handovers_actions

    handovers_actions.start_handover(_uow(ctx), ref, kind.value, note, on)
    streams.message(f"Case {ref}: {kind.value} handover started; see 'samfam handover show {ref}'.")


@handover_app.command("show", epilog="Example: samfam handover show 2026-0142 --all -f json")
def handover_show(
    ctx: typer.Context,
    ref: RefArg,
    include_completed: Annotated[bool, typer.Option("--all", help="Completed handovers too.")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """The case's open handovers, item by item: done by the data, or ticked by whom and when."""
    from samfam.views import care as care_views

    rows = care_views.handover_show(_app(ctx), ref, include_completed)
    if fmt is Format.json:
        render.write_json(rows)
    elif fmt is Format.csv:
        flat = [
            {"case": ref, "handover": h["id"], "kind": h["kind"], "status": h["status"]} | i
            for h in rows
            for i in h["items"]
        ]
        render.listing(
            flat,
            ITEM_COLUMNS,
            "csv",
            fields=["case", "handover", "kind", "status", "item", "label", "decided_by", "done", "by", "at", "note"],
        )
    elif not rows:
        streams.message(f"Case {ref} has no handovers.")
    for h in rows if fmt is Format.table else []:
        state = f"complete {h['completed'].isoformat()}" if h["completed"] else f"open, missing {len(h['missing'])}"
        render_table(
            h["items"],
            ITEM_COLUMNS,
            title=f"{h['kind']} handover, started {h['started'].isoformat()} by {h['started_by']} ({state})",
        )


@handover_app.command("tick", epilog="Example: samfam handover tick 2026-0142 family-told --note 'Ringet til mor'")
def handover_tick(
    ctx: typer.Context,
    ref: RefArg,
    item: Annotated[
        str, typer.Argument(metavar="ITEM", help="An item a person ticks (see 'samfam handover show REF').")
    ],
    kind: HandoverKindOpt = None,
    note: Annotated[str | None, typer.Option("--note", "-n")] = None,
) -> None:
    """Tick a checklist item; who ticked it and when is kept."""
    from samfam.actions import handovers as handovers_actions

    handover = handovers_actions.tick_handover(_uow(ctx), ref, item, kind.value if kind else None, note)
    streams.message(f"Case {ref}: {handover.kind} item '{item}' ticked.")


@handover_app.command("complete", epilog="Example: samfam handover complete 2026-0142 --kind advisor-change")
def handover_complete(ctx: typer.Context, ref: RefArg, kind: HandoverKindOpt = None) -> None:
    """Complete a handover whose every item is done."""
    from samfam.actions import handovers as handovers_actions

    handover = handovers_actions.complete_handover(_uow(ctx), ref, kind.value if kind else None)
    streams.message(f"Case {ref}: {handover.kind} handover complete.")


# -- legal deadlines and the plan ------------------------------------------------------------------

DEADLINE_COLUMNS = [
    Column("case", "Case"),
    Column("advisor", "Advisor"),
    Column("kind", "Kind"),
    Column("deadline", "Deadline"),
    Column("days_left", "Days left", "right"),
    Column("what", "What"),
    Column("law", "Law"),
]


@app.command(epilog="Example: samfam deadlines --within 90 --advisor MKJ")
def deadlines(
    ctx: typer.Context,
    within: Annotated[
        int, typer.Option("--within", "-w", parser=_whole(0), metavar="DAYS", help="How many days ahead.")
    ] = 30,
    advisor: AdvisorFilter = None,
    team: TeamFilter = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Legal deadlines passed or coming: investigations past 4 months, transition at 16, cases at 18."""
    from samfam.views import deadlines as deadlines_views

    a = _app(ctx)
    rows = deadlines_views.deadlines(a, within, advisor, team)
    render.listing(
        rows,
        DEADLINE_COLUMNS,
        fmt.value,
        title=f"Legal deadlines to {within} days after {a.today.isoformat()}",
        empty="No legal deadline passed or coming.",
        fields=["case", "advisor", "kind", "deadline", "days_left", "what", "law", "age"],
    )


class PlanFormat(StrEnum):
    markdown = "markdown"
    html = "html"


@app.command(epilog="Example: samfam plan 2026-0142 --format html --output handleplan.html")
def plan(
    ctx: typer.Context,
    ref: RefArg,
    fmt: Annotated[PlanFormat, typer.Option("--format", "-f")] = PlanFormat.markdown,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to a file instead of stdout.")
    ] = None,
) -> None:
    """The family's joint action plan, in Danish, to hand over at a meeting."""
    from samfam.documents.plan import render_plan
    from samfam.views import plan as plan_views

    streams.check_writable(output)
    text = render_plan(plan_views.plan_data(_app(ctx), ref), fmt.value)
    streams.output(text, output)


# -- the team leader's view -------------------------------------------------------------------------


@advisor_app.command("update", epilog="Example: samfam advisor update MKJ --caseload-target 24")
def advisor_update(
    ctx: typer.Context,
    initials: Annotated[str, typer.Argument(metavar="INITIALS")],
    name: Annotated[str | None, typer.Option("--name", "-n")] = None,
    team: Annotated[str | None, typer.Option("--team", "-t")] = None,
    role: Annotated[str | None, typer.Option("--role", "-r")] = None,
    caseload_target: Annotated[
        int | None,
        typer.Option(
            "--caseload-target", parser=_whole(0), metavar="N", help="How many open cases this advisor should hold."
        ),
    ] = None,
) -> None:
    """Change an advisor's name, team, role or caseload target."""
    from samfam.actions import staff as staff_actions

    advisor = staff_actions.update_advisor(_uow(ctx), initials, name, team, role, caseload_target)
    streams.message(f"Advisor {advisor.initials} updated.")


CASELOAD_COLUMNS = [
    Column("advisor", "Advisor"),
    Column("name", "Name"),
    Column("team", "Team"),
    Column("primary", "Primary", "right"),
    Column("buddy", "Buddy", "right"),
    Column("3m", "3m", "right"),
    Column("6w", "6w", "right"),
    Column("unclassified", "Unclass.", "right"),
    Column("complex", "Complex", "right"),
    Column("target", "Target", "right"),
    Column("vs_target", "+/- target", "right"),
]


@app.command(epilog="Example: samfam caseload --team Nord")
def caseload(ctx: typer.Context, team: TeamFilter = None, fmt: FormatOpt = Format.table) -> None:
    """Open cases per advisor, as primary and as buddy, by track, against the caseload target."""
    from samfam.views import team as team_views

    a = _app(ctx)
    render.listing(
        team_views.caseload(a, team),
        CASELOAD_COLUMNS,
        fmt.value,
        title=f"Caseload on {a.today.isoformat()}",
        empty="No advisors.",
    )


MeetingKind = StrEnum("MeetingKind", {k: k for k in team_rules.MEETING_KINDS})  # type: ignore[misc]


RHYTHM_COLUMNS = [
    Column("kind", "Meeting"),
    Column("rhythm", "Rhythm"),
    Column("last", "Last"),
    Column("next_due", "Next due"),
    Column("status", "Status"),
]


@meeting_app.command("add", epilog="Example: samfam team meeting add stop-op --on 2026-11-20 --team Nord")
def team_meeting_add(
    ctx: typer.Context,
    kind: Annotated[MeetingKind, typer.Argument(metavar="KIND", help="case-meeting, half-day or stop-op.")],
    on: Annotated[date | None, _date_option("--on", help="When it was held; default today")] = None,
    team: Annotated[str | None, typer.Option("--team", "-t", help="The team; default the whole department.")] = None,
    note: Annotated[str | None, typer.Option("--note", "-n")] = None,
) -> None:
    """Record a team meeting."""
    from samfam.actions import team as team_actions

    meeting = team_actions.add_team_meeting(_uow(ctx), kind.value, on, team, note)
    streams.message(f"{meeting.kind} on {meeting.day.isoformat()} recorded.")


@meeting_app.command("list", epilog="Example: samfam team meeting list --team Nord")
def team_meeting_list(ctx: typer.Context, team: TeamFilter = None, fmt: FormatOpt = Format.table) -> None:
    """Team meetings, newest first."""
    from samfam.views import team as team_views

    render.listing(
        team_views.team_meeting_list(_app(ctx), team),
        [Column("day", "Date"), Column("kind", "Kind"), Column("team", "Team"), Column("note", "Note")],
        fmt.value,
        title="Team meetings",
        empty="No meetings recorded.",
    )


@team_app.command("rhythm", epilog="Example: samfam team rhythm --team Nord --case-meetings-every 14")
def team_rhythm(
    ctx: typer.Context,
    team: TeamFilter = None,
    every: Annotated[
        int | None,
        typer.Option(
            "--case-meetings-every",
            parser=_whole(1),
            metavar="DAYS",
            help="Set the team's case-meeting rhythm (needs --team).",
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """The team's meeting rhythm: a stop-op meeting every 3 months, case meetings as the team sets."""
    from samfam.views import team as team_views

    a = _app(ctx)
    if every is not None:
        if team is None:
            raise typer.BadParameter("--case-meetings-every needs --team", param_hint="--case-meetings-every")
        from samfam.actions import team as team_actions

        team_actions.set_team_rhythm(a.unit_of_work(), team, every)
    render.listing(
        team_views.team_rhythm(a, team),
        RHYTHM_COLUMNS,
        fmt.value,
        title=f"Team rhythm ({team or 'department'})",
        fields=["team", "kind", "rhythm", "last", "next_due", "days_overdue", "status"],
    )


LEARNING_COLUMNS = [
    Column("id", "Id", "right"),
    Column("advisor", "Advisor"),
    Column("text", "Learning goal"),
    Column("status", "Status"),
    Column("last_review", "Last review"),
    Column("review_due", "Review due"),
    Column("attention", "Attention"),
]


@learning_app.command(
    "add", epilog="Example: samfam learning-goal add MKJ 'Bruge Signs of Safety-skalaen i alle opfølgninger'"
)
def learning_goal_add(
    ctx: typer.Context,
    advisor: Annotated[str, typer.Argument(metavar="INITIALS")],
    text: Annotated[str, typer.Argument(metavar="TEXT")],
) -> None:
    """Set an individual learning goal for an advisor."""
    from samfam.actions import team as team_actions

    goal = team_actions.add_learning_goal(_uow(ctx), advisor, text)
    streams.message(f"Learning goal {goal.id} set.")


@learning_app.command("review", epilog="Example: samfam learning-goal review 3 --note 'God fremgang' --on 2026-11-20")
def learning_goal_review(
    ctx: typer.Context,
    goal_id: Annotated[int, typer.Argument(metavar="ID", parser=_whole(1))],
    note: Annotated[str | None, typer.Option("--note", "-n")] = None,
    status: Annotated[str | None, typer.Option("--status", "-s", help="open, achieved or dropped.")] = None,
    on: Annotated[date | None, _date_option("--on", help="Review date; default today")] = None,
) -> None:
    """Review a learning goal with the team leader (dated)."""
    from samfam.actions import team as team_actions

    goal = team_actions.review_learning_goal(_uow(ctx), goal_id, note, status, on)
    streams.message(f"Learning goal {goal.id} reviewed.")


@learning_app.command("list", epilog="Example: samfam learning-goal list --team Nord")
def learning_goal_list(
    ctx: typer.Context, advisor: AdvisorFilter = None, team: TeamFilter = None, fmt: FormatOpt = Format.table
) -> None:
    """Learning goals with their last review; not reviewed for 3 months needs attention."""
    from samfam.views import team as team_views

    render.listing(
        team_views.learning_goal_list(_app(ctx), advisor, team),
        LEARNING_COLUMNS,
        fmt.value,
        title="Learning goals",
        empty="No learning goals.",
        fields=["id", "advisor", "team", "text", "status", "created", "last_review", "review_due", "attention"],
    )


@programme_app.command(
    "add", epilog="Example: samfam programme add 'Én familie – én indgang' --target 30 --ends 2027-12-31"
)
def programme_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME")],
    target: Annotated[
        int | None, typer.Option("--target", parser=_whole(0), metavar="N", help="Enrolment target (active cases).")
    ] = None,
    ends: Annotated[date | None, _date_option("--ends", help="End date")] = None,
) -> None:
    """Add a programme with an enrolment target and end date."""
    from samfam.actions import team as team_actions

    programme = team_actions.add_programme(_uow(ctx), name, target, ends)
    streams.message(f"Programme '{programme.name}' added.")


@programme_app.command("enrol", epilog="Example: samfam programme enrol 2026-0142 'Sammen om familien' --on 2026-05-04")
def programme_enrol(
    ctx: typer.Context,
    ref: RefArg,
    programme: Annotated[str, typer.Argument(metavar="PROGRAMME")],
    on: Annotated[date | None, _date_option("--on", help="Enrolment date; default today")] = None,
) -> None:
    """Enrol a case in a programme."""
    from samfam.actions import team as team_actions

    team_actions.enrol(_uow(ctx), ref, programme, on)
    streams.message(f"Case {ref} enrolled in '{programme}'.")


@programme_app.command("discharge", epilog="Example: samfam programme discharge 2026-0142 --on 2026-12-01")
def programme_discharge(
    ctx: typer.Context,
    ref: RefArg,
    on: Annotated[date | None, _date_option("--on", help="Discharge date; default today")] = None,
) -> None:
    """Discharge a case from its programme."""
    from samfam.actions import team as team_actions

    team_actions.discharge(_uow(ctx), ref, on)
    streams.message(f"Case {ref} discharged.")


ENROLMENT_COLUMNS = [
    Column("programme", "Programme"),
    Column("enrolled", "Enrolled", "right"),
    Column("discharged", "Discharged", "right"),
    Column("active", "Active", "right"),
    Column("target", "Target", "right"),
    Column("ends", "Ends"),
    Column("bands", "Active by age"),
]


@app.command(epilog="Example: samfam --today 2020-07-01 enrolment --programme 'Én familie – én indgang'")
def enrolment(
    ctx: typer.Context,
    programme: Annotated[str | None, typer.Option("--programme", "-p", help="One programme; default all.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Enrolled, discharged and active cases against the target, with age bands (0-6, 7-12, 13-17)."""
    from samfam.views import team as team_views

    a = _app(ctx)
    rows = team_views.enrolment(a, programme)
    if fmt is Format.table:
        shown = [r | {"bands": "  ".join(f"{k}: {v}" for k, v in r["age_bands"].items())} for r in rows]
        render_table(shown, ENROLMENT_COLUMNS, title=f"Enrolment on {a.today.isoformat()}", empty="No programmes.")
    elif fmt is Format.csv:
        flat = [
            {k: v for k, v in r.items() if k != "age_bands"} | {f"age_{k}": v for k, v in r["age_bands"].items()}
            for r in rows
        ]
        render.listing(flat, ENROLMENT_COLUMNS, "csv")
    else:
        render.write_json(rows)


@app.command(epilog="Example: samfam experience add 2026-0142 4 --on 2026-11-20")
def experience(
    ctx: typer.Context,
    action: Annotated[str, typer.Argument(metavar="add", help="add")],
    ref: RefArg,
    score: Annotated[int, typer.Argument(metavar="SCORE", parser=_whole(1, 5), help="The family's score, 1-5.")],
    on: Annotated[date | None, _date_option("--on", help="Measurement date; default today")] = None,
) -> None:
    """Record the family's experience of coordination (1-5) at a dated measurement."""
    from samfam.actions import team as team_actions

    if action != "add":
        raise typer.BadParameter(f"'{action}' is not an action; use: experience add REF SCORE", param_hint="ACTION")
    team_actions.add_experience(_uow(ctx), ref, score, on)
    streams.message(f"Case {ref}: experience {score} recorded.")


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


@report_app.command(
    "weekly", epilog="Example: samfam report weekly --team Nord --format html --output uge.html --check"
)
def report_weekly(
    ctx: typer.Context,
    team: TeamFilter = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.table,
    output: Annotated[str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to a file.")] = None,
    check: Annotated[bool, typer.Option("--check", help="Exit with status 3 when any follow-up is overdue.")] = False,
) -> None:
    """The team leader's weekly report: overdue, due, deadlines, handovers, goals, caseload, rhythm."""
    from samfam.views import weekly as weekly_views

    streams.check_writable(output)
    data = weekly_views.weekly(_app(ctx), team)
    if fmt is ReportFormat.table:
        _terminal().weekly_table(data, output)
    elif fmt is ReportFormat.json:
        streams.output(render.json_text(data), output)
    else:
        from samfam.documents.weekly import render_weekly

        streams.output(render_weekly(data, fmt.value), output)
    if check and data["summary"]["overdue"]:
        raise typer.Exit(ExitStatus.OVERDUE_FOUND)


# -- demo ----------------------------------------------------------------------------------------


@app.command(epilog="Example: samfam demo  ·  samfam demo --db /tmp/try.db")
def demo(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH",
            help="Where to build it. Default: samfam-demo.db in the user data directory (never your real database).",
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", parser=_whole(0), help="Random seed for the fictional data.")] = 2022,
) -> None:
    """Build a fictional team (10 advisors, 240 cases, a year of history) and show what is overdue."""
    from samfam import demo as demo_module
    from samfam.settings import default_demo_db

    settings = _settings(ctx)
    given = ctx.find_root().params.get("db")
    target = db or given or default_demo_db()
    summary = demo_module.build(target, settings.user, settings.today, seed)
    streams.message(summary.headline)
    streams.message("")
    ctx.find_root().obj = Settings(db=target, user=settings.user, today=settings.today)
    ctx.find_root().meta.pop("app", None)
    ctx.invoke(overdue, ctx=ctx, advisor=None, team=None, check=False, fmt=Format.table)
    streams.message("")
    streams.message(summary.next_steps)


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
