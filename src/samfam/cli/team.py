"""The team leader's view: caseload, the team's rhythm and meetings, learning goals, programmes and
enrolment, the family's experience of coordination."""

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from samfam.cli.options import (
    AdvisorFilter,
    FieldsOpt,
    Format,
    FormatOpt,
    RefArg,
    TeamFilter,
    app_of,
    date_option,
    team_option,
    uow,
    whole,
)
from samfam.output import emit as out
from samfam.output import streams
from samfam.rules import team as team_rules
from samfam.words import Phrase, mark, said, text
from samfam.words import day as day_text

commands = typer.Typer()
team_app = typer.Typer(
    name="team", help="The team's rhythm: case meetings, half-day meetings, stop-op meetings.", no_args_is_help=True
)
meeting_app = typer.Typer(help="Team meetings.", no_args_is_help=True)
team_app.add_typer(meeting_app, name="meeting")
learning_app = typer.Typer(
    name="learning-goal",
    help="Individual learning goals per advisor, followed up with the team leader.",
    no_args_is_help=True,
)
programme_app = typer.Typer(
    name="programme",
    help="Programmes (Sammen om familien, Én familie – én indgang) and enrolment.",
    no_args_is_help=True,
)
experience_app = typer.Typer(
    name="experience",
    help="The family's experience of coordination (1-5), at dated measurements.",
    no_args_is_help=True,
)


@commands.command(epilog="Example: samfam caseload --team Nord")
def caseload(
    ctx: typer.Context, team: TeamFilter = None, fmt: FormatOpt = Format.table, only: FieldsOpt = None
) -> None:
    """Open cases per advisor, as primary and as buddy, by track, against the caseload target."""
    from samfam.views import team as team_views

    a = app_of(ctx)
    rows = team_views.caseload(a, team)
    out.emit(
        out.Table(
            rows,
            team_views.CASELOAD,
            title=text("Caseload on {day}").format(day=day_text(a.today)),
            empty=text("No advisors."),
        ),
        fmt.value,
        only=only,
    )


# -- the team's rhythm and meetings ------------------------------------------------------------------

MeetingKind = StrEnum("MeetingKind", {k: k for k in team_rules.MEETING_KINDS})  # type: ignore[misc]


@meeting_app.command("add", epilog="Example: samfam team meeting add stop-op --on 2026-11-20 --team Nord")
def team_meeting_add(
    ctx: typer.Context,
    kind: Annotated[MeetingKind, typer.Argument(metavar="KIND", help="case-meeting, half-day or stop-op.")],
    on: Annotated[date | None, date_option("--on", help="When it was held; default today")] = None,
    team: Annotated[
        str | None, typer.Option("--team", "-t", metavar="TEAM", help="The team; default the whole department.")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-n", metavar="TEXT", help="A short note, e.g. what was decided.")
    ] = None,
) -> None:
    """Record a team meeting."""
    from samfam.actions import team as team_actions

    meeting = team_actions.add_team_meeting(uow(ctx), kind.value, on, team, note)
    streams.message("{kind} on {day} recorded.", kind=Phrase(meeting.kind), day=meeting.day)


@meeting_app.command("list", epilog="Example: samfam team meeting list --team Nord")
def team_meeting_list(
    ctx: typer.Context,
    team: Annotated[str | None, team_option(help="Only this team's meetings and the whole department's.")] = None,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """Team meetings, newest first."""
    from samfam.views import team as team_views

    rows = team_views.team_meeting_list(app_of(ctx), team)
    out.emit(
        out.Table(rows, team_views.MEETINGS, title=text("Team meetings"), empty=text("No meetings recorded.")),
        fmt.value,
        only=only,
    )


@team_app.command("rhythm", epilog="Example: samfam team rhythm --team Nord --case-meetings-every 14")
def team_rhythm(
    ctx: typer.Context,
    team: Annotated[str | None, team_option(help="Only this team's rhythm; default every team.")] = None,
    every: Annotated[
        int | None,
        typer.Option(
            "--case-meetings-every",
            parser=whole(1),
            metavar="DAYS",
            help="Set the team's case-meeting rhythm (needs --team).",
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """The team's meeting rhythm: a stop-op meeting every 3 months, case meetings as the team sets."""
    from samfam.views import team as team_views

    out.check(team_views.RHYTHM, only, fmt.value)  # before the rhythm is set
    a = app_of(ctx)
    if every is not None:
        if team is None:
            raise typer.BadParameter(
                said(mark("--case-meetings-every needs --team"), {}), param_hint="--case-meetings-every"
            )
        from samfam.actions import team as team_actions

        team_actions.set_team_rhythm(a.unit_of_work(), team, every)
    rows = team_views.team_rhythm(a, team)
    title = text("Team rhythm ({team})").format(team=team) if team else text("Team rhythm (department)")
    out.emit(out.Table(rows, team_views.RHYTHM, title=title), fmt.value, only=only)


# -- learning goals ------------------------------------------------------------------------------------


@learning_app.command(
    "add", epilog="Example: samfam learning-goal add MKJ 'Bruge Signs of Safety-skalaen i alle opfølgninger'"
)
def learning_goal_add(
    ctx: typer.Context,
    advisor: Annotated[str, typer.Argument(metavar="INITIALS", help="The advisor whose goal it is.")],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="What the advisor wants to learn.")],
) -> None:
    """Set an individual learning goal for an advisor."""
    from samfam.actions import team as team_actions

    goal = team_actions.add_learning_goal(uow(ctx), advisor, text)
    streams.message("Learning goal {id} set.", id=str(goal.id))


@learning_app.command("review", epilog="Example: samfam learning-goal review 3 --note 'God fremgang' --on 2026-11-20")
def learning_goal_review(
    ctx: typer.Context,
    goal_id: Annotated[
        int, typer.Argument(metavar="ID", parser=whole(1), help="The learning goal's id (learning-goal list).")
    ],
    note: Annotated[str | None, typer.Option("--note", "-n", metavar="TEXT", help="What the review found.")] = None,
    status: Annotated[
        str | None, typer.Option("--status", "-s", metavar="STATUS", help="open, achieved or dropped.")
    ] = None,
    on: Annotated[date | None, date_option("--on", help="Review date; default today")] = None,
) -> None:
    """Review a learning goal with the team leader (dated)."""
    from samfam.actions import team as team_actions

    goal = team_actions.review_learning_goal(uow(ctx), goal_id, note, status, on)
    streams.message("Learning goal {id} reviewed.", id=str(goal.id))


@learning_app.command("list", epilog="Example: samfam learning-goal list --team Nord")
def learning_goal_list(
    ctx: typer.Context,
    advisor: AdvisorFilter = None,
    team: Annotated[str | None, team_option(help="Only the learning goals of advisors in this team.")] = None,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """Learning goals with their last review; not reviewed for 3 months needs attention."""
    from samfam.views import team as team_views

    rows = team_views.learning_goal_list(app_of(ctx), advisor, team)
    out.emit(
        out.Table(rows, team_views.LEARNING_GOALS, title=text("Learning goals"), empty=text("No learning goals.")),
        fmt.value,
        only=only,
    )


# -- programmes, enrolment and the family's experience -------------------------------------------------


@programme_app.command(
    "add", epilog="Example: samfam programme add 'Én familie – én indgang' --enrolment-target 30 --ends 2027-12-31"
)
def programme_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The programme's name.")],
    target: Annotated[
        int | None,
        typer.Option(
            "--enrolment-target",
            "--target",
            parser=whole(0, 1_000_000),
            metavar="N",
            help="How many active cases the programme aims for (--target, a date elsewhere, kept for scripts).",
        ),
    ] = None,
    ends: Annotated[date | None, date_option("--ends", help="End date")] = None,
) -> None:
    """Add a programme with an enrolment target and end date."""
    from samfam.actions import team as team_actions

    programme = team_actions.add_programme(uow(ctx), name, target, ends)
    streams.message("Programme '{name}' added.", name=programme.name)


@programme_app.command("enrol", epilog="Example: samfam programme enrol 2026-0142 'Sammen om familien' --on 2026-05-04")
def programme_enrol(
    ctx: typer.Context,
    ref: RefArg,
    programme: Annotated[str, typer.Argument(metavar="PROGRAMME", help="The programme the case joins.")],
    on: Annotated[date | None, date_option("--on", help="Enrolment date; default today")] = None,
) -> None:
    """Enrol a case in a programme."""
    from samfam.actions import team as team_actions

    team_actions.enrol(uow(ctx), ref, programme, on)
    streams.message("Case {ref} enrolled in '{programme}'.", ref=ref, programme=programme)


@programme_app.command("discharge", epilog="Example: samfam programme discharge 2026-0142 --on 2026-12-01")
def programme_discharge(
    ctx: typer.Context,
    ref: RefArg,
    on: Annotated[date | None, date_option("--on", help="Discharge date; default today")] = None,
) -> None:
    """Discharge a case from its programme."""
    from samfam.actions import team as team_actions

    team_actions.discharge(uow(ctx), ref, on)
    streams.message("Case {ref} discharged.", ref=ref)


@commands.command(epilog="Example: samfam --today 2020-07-01 enrolment --programme 'Én familie – én indgang'")
def enrolment(
    ctx: typer.Context,
    programme: Annotated[
        str | None, typer.Option("--programme", "-p", metavar="PROGRAMME", help="One programme; default all.")
    ] = None,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """Enrolled, discharged and active cases against the target, with age bands (0-6, 7-12, 13-17)."""
    from samfam.views import team as team_views

    out.check(team_views.ENROLMENT, only, fmt.value)
    a = app_of(ctx)
    rows = team_views.enrolment(a, programme)
    out.emit(
        out.Table(
            rows,
            team_views.ENROLMENT,
            title=text("Enrolment on {day}").format(day=day_text(a.today)),
            empty=text("No programmes."),
            csv=lambda only: team_views.enrolment_csv(rows, only),
        ),
        fmt.value,
        only=only,
    )


@experience_app.command("add", epilog="Example: samfam experience add 2026-0142 4 --on 2026-11-20")
def experience_add(
    ctx: typer.Context,
    ref: RefArg,
    score: Annotated[int, typer.Argument(metavar="SCORE", parser=whole(1, 5), help="The family's score, 1-5.")],
    on: Annotated[date | None, date_option("--on", help="Measurement date; default today")] = None,
) -> None:
    """Record the family's experience of coordination (1-5) at a dated measurement."""
    from samfam.actions import team as team_actions

    team_actions.add_experience(uow(ctx), ref, score, on)
    streams.message("Case {ref}: experience {score} recorded.", ref=ref, score=score)
