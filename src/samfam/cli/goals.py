"""The shared goal picture and the joint action plan: goal add/update, goals, task add/done."""

from datetime import date
from typing import Annotated

import typer

from samfam.cli.helptext import Help
from samfam.cli.options import (
    AdvisorFilter,
    FieldsOpt,
    Format,
    FormatOpt,
    PrimaryFilter,
    RefArg,
    TeamFilter,
    app_of,
    date_option,
    log_read,
    uow,
    whole,
    word_of,
)
from samfam.output import emit as out
from samfam.output import streams
from samfam.rules import goals as goal_rules
from samfam.rules.privacy import CASEWORK
from samfam.words import Phrase, mark, plural, text

commands = typer.Typer()
goal_app = typer.Typer(
    name="goal", help="The shared goal picture (fælles målbillede): goals with owners.", no_args_is_help=True
)
task_app = typer.Typer(
    name="task", help="Tasks toward goals (the joint action plan): who does what, by when.", no_args_is_help=True
)

#: In English or Danish, any case, æøå also as ae/oe/aa: the English word is stored.
IN_EITHER = Phrase(mark("English or Danish"))
OwnerOpt = typer.Option(
    "--owner",
    "-o",
    metavar="family|advisor|actor:ID",
    help=Help(
        mark("Who owns the goal: {choices} or actor:ID (aktør:ID) ({either})."),
        choices=goal_rules.OWNER_WORDS.choices(),
        either=IN_EITHER,
    ),
)


@goal_app.command(
    "add",
    epilog="Example: samfam goal add 2026-0142 'Alma sover i egen seng' --horizon short --owner family "
    "--target 2027-02-01",
)
def goal_add(
    ctx: typer.Context,
    ref: RefArg,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The goal, in the family's words.")],
    horizon: Annotated[
        str,
        typer.Option(
            "--horizon",
            metavar="HORIZON",
            parser=word_of(goal_rules.HORIZON_WORDS),
            help=Help(mark("{choices} term ({either})."), choices=goal_rules.HORIZON_WORDS.choices(), either=IN_EITHER),
        ),
    ],
    owner: Annotated[str, OwnerOpt],
    target: Annotated[date | None, date_option("--target", help="Target date")] = None,
) -> None:
    """Add a goal to the case's shared goal picture."""
    from samfam.actions import care as care_actions

    goal = care_actions.add_goal(uow(ctx), ref, text, horizon, owner, target)
    stored = goal.owner_kind if goal.owner_actor_id is None else f"actor:{goal.owner_actor_id}"
    streams.message(
        "Case {ref}: goal {id} added ({horizon} term, owner {owner}).",
        ref=ref,
        id=str(goal.id),
        horizon=goal.horizon,
        owner=stored,
    )


@goal_app.command(
    "update", epilog="Example: samfam goal update 7 --status in-progress --note 'Sover i egen seng 3 nætter om ugen'"
)
def goal_update(
    ctx: typer.Context,
    goal_id: Annotated[
        int, typer.Argument(metavar="ID", parser=whole(1), help="The goal's id (see 'samfam goals REF').")
    ],
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            "-s",
            metavar="STATUS",
            parser=word_of(goal_rules.STATUS_WORDS),
            help=Help(
                mark("New status: {choices} ({either})."), choices=goal_rules.STATUS_WORDS.choices(), either=IN_EITHER
            ),
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", metavar="TEXT", help="A dated review note.")] = None,
    target: Annotated[date | None, date_option("--target", help="New target date")] = None,
) -> None:
    """Review a goal: a new status, a dated note, a new target date."""
    from samfam.actions import care as care_actions

    goal = care_actions.update_goal(uow(ctx), goal_id, status, note, target)
    if goal.target:
        streams.message("Goal {id}: {status}, target {day}.", id=str(goal.id), status=goal.status, day=goal.target)
    else:
        streams.message("Goal {id}: {status}.", id=str(goal.id), status=goal.status)


@commands.command(epilog="Example: samfam goals 2026-0142  ·  samfam goals --advisor MKJ -f csv")
def goals(
    ctx: typer.Context,
    ref: Annotated[str | None, typer.Argument(metavar="[REF]", help="One case; default every open case.")] = None,
    advisor: AdvisorFilter = None,
    primary: PrimaryFilter = False,
    team: TeamFilter = None,
    attention: Annotated[bool, typer.Option("--attention", help="Only rows that need attention.")] = False,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """The shared goal picture per case, with what needs attention."""
    from samfam.views import care as care_views

    rows = care_views.goal_list(app_of(ctx), ref, advisor, team, primary)
    if attention:
        rows = [r for r in rows if r["attention"]]
    out.emit(out.Table(rows, care_views.GOALS, title=text("Goals"), empty=text("No goals.")), fmt.value, only=only)
    log_read(ctx, "goals", rows, CASEWORK, plural(len(rows), "{n} goal", "{n} goals", stored=True))


@task_app.command(
    "add", epilog="Example: samfam task add 7 'Lave aftenrutine med billeder' --by family --due 2026-12-15"
)
def task_add(
    ctx: typer.Context,
    goal_id: Annotated[int, typer.Argument(metavar="GOAL_ID", parser=whole(1), help="The goal the task works toward.")],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="What is to be done.")],
    by: Annotated[
        str,
        typer.Option(
            "--by",
            "--owner",
            metavar="family|advisor|actor:ID",
            help=Help(
                mark("Who does it (as --owner on goals: {choices} or actor:ID)."),
                choices=goal_rules.OWNER_WORDS.choices(),
            ),
        ),
    ],
    due: Annotated[date | None, date_option("--due", help="By when")] = None,
) -> None:
    """Add a task toward a goal."""
    from samfam.actions import care as care_actions

    task = care_actions.add_task(uow(ctx), goal_id, text, by, due)
    streams.message("Task {id} added to goal {goal}.", id=str(task.id), goal=str(goal_id))


@task_app.command("done", epilog="Example: samfam task done 12 --on 2026-12-10")
def task_done(
    ctx: typer.Context,
    task_id: Annotated[
        int, typer.Argument(metavar="ID", parser=whole(1), help="The task's id (see 'samfam goals REF').")
    ],
    on: Annotated[date | None, date_option("--on", help="When it was done; default today")] = None,
    undo: Annotated[bool, typer.Option("--undo", help="Mark it as not done after all.")] = False,
) -> None:
    """Mark a task as done (or, with --undo, not done)."""
    from samfam.actions import care as care_actions

    task = care_actions.set_task_done(uow(ctx), task_id, not undo, on)
    if task.done:
        streams.message("Task {id}: done {day}.", id=str(task.id), day=task.done)
    else:
        streams.message("Task {id}: not done.", id=str(task.id))
