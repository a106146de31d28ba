"""The root command: the global options, one `Error:` line for every failure, and the registry
from which each command is loaded only when it is invoked.

`samfam --help` lists every command from the registry's one-line help, without importing any command
module; `samfam case list` imports samfam.cli.cases and builds the `case` group only.
"""

import copy
import functools
import gc
import importlib
import os
import re
import sys
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Annotated, Any

import typer
import typer.main
from typer.core import TyperArgument, TyperCommand, TyperGroup

from samfam import __version__, words
from samfam.cli.helptext import in_words, speaking, write_usage
from samfam.cli.options import parse_day
from samfam.errors import ExitStatus, SamfamError, UsageError
from samfam.output import streams
from samfam.settings import display_db, resolve, supported
from samfam.words import mark

#: Every command of the root, in the order `samfam --help` lists them: name -> (module in samfam.cli,
#: its Typer, one-line help). A Typer with the command's name is the command group itself; otherwise
#: the command is the one of that name in the Typer. The help is the start of the command's own help
#: (tests/test_cli_app.py holds the two together).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": (
        "admin",
        "commands",
        mark("Create the database, or upgrade it to this version's schema (safe to run again)."),
    ),
    "overdue": (
        "due",
        "commands",
        mark(
            "Overdue follow-ups, most days overdue first; then cases whose advisor has left; then open cases that "
            "need classification."
        ),
    ),
    "due": ("due", "commands", mark("Follow-ups coming due from today through the next DAYS days, soonest first.")),
    "explain": (
        "due",
        "commands",
        mark("Why a case is on its track, which date anchors the clock, and when it is due."),
    ),
    "dag": (
        "day",
        "commands",
        mark(
            "The advisor's day on one screen: follow-ups overdue or due within 7 days, tasks due, legal deadlines, "
            "team meetings, what needs attention, emergency access."
        ),
    ),
    "today": ("day", "commands", mark("The same as 'dag': the advisor's day on one screen.")),
    "paragraphs": (
        "admin",
        "commands",
        mark("The paragraph catalogue: code, law, category for the cadence rule, title, SEL <-> BL."),
    ),
    "audit": (
        "privacy",
        "audit_app",
        mark("The audit log: who did what to which case, when (UTC), and why. Newest first."),
    ),
    "access": (
        "privacy",
        "access_app",
        mark(
            "Everything logged about one child (GDPR art. 15); emergency access to a case; who can see a team's cases."
        ),
    ),
    "retention": (
        "privacy",
        "commands",
        mark("Closed cases past their retention, and old audit rows: what would be archived and removed."),
    ),
    "backup": (
        "privacy",
        "commands",
        mark("A consistent copy of the database while others write, checked before it counts (SQLite)."),
    ),
    "check": (
        "privacy",
        "commands",
        mark("Integrity, schema revision, audit chain, file modes: one line each, exit 1 on any failure."),
    ),
    "goals": ("goals", "commands", mark("The shared goal picture per case, with what needs attention.")),
    "deadlines": (
        "due",
        "commands",
        mark("Legal deadlines passed or coming: investigations past 4 months, transition at 16, cases at 18."),
    ),
    "plan": ("reports", "commands", mark("The family's joint action plan, in Danish, to hand over at a meeting.")),
    "barometer": (
        "barometer",
        "commands",
        mark("Were we on time? Follow-ups and investigations that fell due in a period, per advisor and for the team."),
    ),
    "caseload": (
        "team",
        "commands",
        mark("Open cases per advisor, as primary and as buddy, by track, against the caseload target."),
    ),
    "enrolment": (
        "team",
        "commands",
        mark("Enrolled, discharged and active cases against the target, with age bands (0-6, 7-12, 13-17)."),
    ),
    "experience": (
        "team",
        "experience_app",
        mark("The family's experience of coordination (1-5), at dated measurements."),
    ),
    "import": (
        "transfer",
        "import_app",
        mark("Import advisors, cases, applications, grants, actors, goals or events from a CSV or xlsx file."),
    ),
    "export": (
        "transfer",
        "commands",
        mark("Every case's complete record as JSON, CSV files or an xlsx workbook the import reads back."),
    ),
    "calendar": (
        "calendar",
        "commands",
        mark("An iCalendar file of the next follow-ups, legal deadlines and team meetings."),
    ),
    "forecast": (
        "forecast",
        "commands",
        mark("What is coming: follow-ups, deadlines and decisions per advisor and week, against their working days."),
    ),
    "demo": (
        "admin",
        "commands",
        mark("Build a fictional team (10 advisors, 240 cases, a year of history) and show what is overdue."),
    ),
    "advisor": ("advisors", "advisor_app", mark("Advisors (staff).")),
    "case": ("cases", "case_app", mark("Cases: open, show, list, assign, close.")),
    "grant": ("grants", "grant_app", mark("Statutory paragraphs granted on a case, over time.")),
    "event": ("events", "event_app", mark("What happened on a case: meetings, visits, calls.")),
    "goal": ("goals", "goal_app", mark("The shared goal picture (fælles målbillede): goals with owners.")),
    "task": ("goals", "task_app", mark("Tasks toward goals (the joint action plan): who does what, by when.")),
    "actor": ("actors", "actor_app", mark("External actors on a case, and who coordinates with each.")),
    "handover": ("handovers", "handover_app", mark("Systematic handovers and their checklists.")),
    "report": ("reports", "report_app", mark("Reports for the team leader.")),
    "team": ("team", "team_app", mark("The team's rhythm: case meetings, half-day meetings, stop-op meetings.")),
    "learning-goal": (
        "team",
        "learning_app",
        mark("Individual learning goals per advisor, followed up with the team leader."),
    ),
    "programme": (
        "team",
        "programme_app",
        mark("Programmes (Sammen om familien, Én familie – én indgang) and enrolment."),
    ),
    "application": (
        "applications",
        "application_app",
        mark("Applications and their processing deadlines (retssikkerhedsloven § 3 stk. 2)."),
    ),
    "frist": ("applications", "frist_app", mark("The municipality's published processing deadline per paragraph.")),
    "closed-day": (
        "applications",
        "closed_day_app",
        mark("Days the municipality closes (24 and 31 December …): not working days."),
    ),
}


class Registry(Mapping[str, TyperCommand | TyperGroup]):
    """The root's commands by name, as the root group's `commands`. A command's module is imported
    and the command built on first access (`get_command`); the names (`list_commands`, suggestions
    for a mistyped name) come from COMMANDS and import nothing."""

    def __init__(self) -> None:
        self._built: dict[str, TyperCommand | TyperGroup] = {}

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS

    def __getitem__(self, name: str) -> TyperCommand | TyperGroup:
        if name not in self._built:
            module, attribute, _ = COMMANDS[name]
            group = typer.main.get_group(getattr(importlib.import_module(f"samfam.cli.{module}"), attribute))
            command = group if group.name == name else group.commands[name]
            self._built[name] = speaking(_named_by_metavar(command))
        return self._built[name]


def _named_by_metavar(command: TyperCommand | TyperGroup) -> TyperCommand | TyperGroup:
    """In `--help`, an argument is named by its metavar alone (`ID`, `SCORE`, `FILE`): typer would add the
    name of the type or parser that reads it (`ID <parse>`, `REF <str>`). A type that says what it takes
    (the choices of `KIND`) keeps saying it."""
    for param in command.params:
        if isinstance(param, TyperArgument) and param.metavar and param.type.get_metavar(param, None) is None:  # type: ignore[arg-type]
            param.type = copy.copy(param.type)  # the type may be shared (typer's one STRING): only this one changes
            param.type.__class__ = _unnamed(type(param.type))
    for sub in getattr(command, "commands", {}).values():
        _named_by_metavar(sub)
    return command


@functools.cache
def _unnamed(kind: type) -> type:
    """`kind` shown by no metavar of its own: reads values as `kind` does."""
    return type(kind.__name__, (kind,), {"get_metavar": lambda self, param, ctx: ""})


class SamfamGroup(TyperGroup):
    """The root group: commands from the registry; one `Error:` line for every failure, exit codes
    from samfam.errors."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = Registry()

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return list(self.commands)  # the names only: TyperGroup's would build every command

    def format_help(self, ctx: typer.Context, formatter: Any) -> None:
        """The help of a copy whose commands are stand-ins carrying the registry's one-line help, in the
        reader's language (samfam.cli.helptext)."""
        listing = copy.copy(self)
        listing.commands = {name: TyperCommand(name, help=line) for name, (_, _, line) in COMMANDS.items()}
        with in_words(listing, ctx):
            TyperGroup.format_help(listing, ctx, formatter)

    def format_usage(self, ctx: typer.Context, formatter: Any) -> None:
        write_usage(self, ctx, formatter, TyperGroup.format_usage)

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        stdout = sys.stdout
        sys.stdout = streams.PipeGuard(stdout)  # a reader that stops early (`| head`) never skips the access log
        try:
            _valid_text(sys.argv[1:] if args is None else args)
            _speak(_asked_language(sys.argv[1:] if args is None else args))
            rv = super().main(
                args=args, prog_name=prog_name or "samfam", complete_var=complete_var, standalone_mode=False, **extra
            )
            code = rv if isinstance(rv, int) and not isinstance(rv, bool) else ExitStatus.OK
        except typer.TyperException as exc:  # typer's usage errors: bad option or value syntax
            ctx = getattr(exc, "ctx", None)
            if type(exc).__name__ == "NoArgsIsHelpError":  # typer has printed the help already
                code = ExitStatus.OK
            else:
                message = " ".join(exc.format_message().split())  # one line, even for a list of choices
                line = _click_in_words(message.rstrip("."))
                if ctx is not None:  # each piece said in the reader's language
                    line += " (" + words.said(mark("see '{command} --help'"), {"command": ctx.command_path}) + ")"
                streams.error(line)
                code = exc.exit_code
        except SamfamError as exc:
            streams.error(words.said(exc.template, exc.fields))  # in the reader's language; exc.message is English
            code = exc.exit_status
        except typer.Abort:
            streams.error(words.said(mark("aborted"), {}))
            code = ExitStatus.DOMAIN_ERROR
        except Exception as exc:
            if os.environ.get("SAMFAM_DEBUG"):
                raise
            first_line = (str(exc).strip().splitlines() or [""])[0]
            streams.error(
                words.said(
                    mark("unexpected {kind}: {line} (set SAMFAM_DEBUG=1 for details)"),
                    {"kind": type(exc).__name__, "line": first_line},
                )
            )
            code = ExitStatus.DOMAIN_ERROR
        finally:
            sys.stdout = stdout
            streams.show_wide(False)
            words.use(None)
        if standalone_mode:
            sys.exit(int(code))
        return int(code)


#: click's usage errors (English, its own gettext domain), said in the reader's language: the pattern of
#: click's line and our template of it (the same words in English), whose fields are the pattern's groups.
#: Compiled by `re` when a usage error is said in Danish (and kept in its cache), not by every command.
_CLICK = (
    (r"^Invalid value for (?P<param>.+?): (?P<message>.*)$", mark("Invalid value for {param}: {message}")),
    (r"^Invalid value: (?P<message>.*)$", mark("Invalid value: {message}")),
    (
        r"^Missing argument (?P<param>.+?)\. Choose from: (?P<choices>.+)$",
        mark("Missing argument {param}. Choose from: {choices}"),
    ),
    (r"^Missing argument (?P<param>.+)$", mark("Missing argument {param}")),
    (
        r"^Missing option (?P<param>.+?)\. Choose from: (?P<choices>.+)$",
        mark("Missing option {param}. Choose from: {choices}"),
    ),
    (r"^Missing option (?P<param>.+)$", mark("Missing option {param}")),
    (r"^Missing parameter (?P<param>.+)$", mark("Missing parameter {param}")),
    (
        r"^No such option: (?P<name>\S+) Did you mean (?P<maybe>\S+)\?$",
        mark("No such option: {name} Did you mean {maybe}?"),
    ),
    (r"^No such option: (?P<name>\S+)$", mark("No such option: {name}")),
    (r"^No such command (?P<name>.+)$", mark("No such command {name}")),
    (r"^Got unexpected extra argument\S* \((?P<args>.*)\)$", mark("Got unexpected extra argument(s) ({args})")),
    (r"^(?P<value>.+) is not one of (?P<choices>.+)$", mark("{value} is not one of {choices}")),
)


def _click_in_words(message: str) -> str:
    """A usage error of click's in the reader's language (English as click wrote it); what our own parsers
    say inside it (`Invalid value for '--on': …`) is in the reader's language already (words.said), and a
    `typer.BadParameter("…")` of a literal is looked up as it is."""
    if words.language() == "en":
        return message
    for pattern, template in _CLICK:
        if found := re.match(pattern, message):
            fields = found.groupdict()
            if "message" in fields:
                fields["message"] = _click_in_words(fields["message"])
            return words.said(template, fields)
    return words.said(message, {})


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


def _valid_text(args: Any) -> None:
    """Arguments are text: a byte that is not UTF-8 (a surrogate escape from the shell) is refused
    before it can reach the database or the terminal."""
    for position, arg in enumerate(args, start=1):
        try:
            str(arg).encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(
                "argument {position} is not valid UTF-8 text; type it again, or set your terminal to UTF-8",
                position=position,
            ) from None


def _speak(value: str | None) -> str | None:
    """--lang is read before the other options (eager), so that `samfam --lang da --help` is in Danish; a
    language samfam does not speak is refused by the root's callback, after."""
    if value is None or value.strip().lower() in words.LANGUAGES:
        words.use(words.choose(value))
    return value


def _asked_language(args: Any) -> str | None:
    """The --lang among the root's options (before the command's name), read before anything else: click
    reads the eager --help before an eager --lang that comes after it (`samfam --help --lang da`)."""
    args = [str(a) for a in args]
    for i, arg in enumerate(args):
        if arg in COMMANDS or arg == "--":
            return None
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.removeprefix("--lang=")
    return None


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
            help="Who acts, for the audit log: a current staff member's initials (SQLite). "
            "Default: the OS login name; on PostgreSQL the database login decides.",
        ),
    ] = None,
    today: Annotated[
        date | None,
        typer.Option(
            "--today",
            envvar="SAMFAM_TODAY",
            parser=parse_day,
            metavar="DATE",
            help="Fix 'today' for every rule. Default: today in Europe/Copenhagen.",
        ),
    ] = None,
    purpose: Annotated[
        str | None,
        typer.Option(
            "--purpose",
            envvar="SAMFAM_PURPOSE",
            metavar="TEXT",
            help="Why you look at a child's data, for the access log. "
            "Default per command: 'sagsbehandling'; reports 'ledelsesinformation'.",
        ),
    ] = None,
    wide: Annotated[
        bool,
        typer.Option(
            "--wide",
            envvar="SAMFAM_WIDE",
            help="Tables show every column however narrow the terminal (lines may run past its edge). "
            "Default: the columns that fit, the others hidden and counted under the table.",
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            envvar="SAMFAM_LANG",
            metavar="da|en",
            callback=_speak,
            is_eager=True,
            help="The language of what people read (tables, titles, reports): da (Danish) or en (English). "
            "Default: the locale (LANG=da_DK.UTF-8 is Danish), else English.",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    streams.show_wide(wide)
    if lang is not None and lang.strip().lower() not in words.LANGUAGES:
        raise typer.BadParameter(
            words.said(
                mark("'{lang}' is not a language samfam speaks; give da (Danish) or en (English)"), {"lang": lang}
            ),
            param_hint="--lang",
        )
    words.use(words.choose(lang))
    if db is not None and not db.strip():
        raise typer.BadParameter(
            words.said(mark("is empty; give a file path or an SQLAlchemy URL, or leave --db out"), {}),
            param_hint="--db",
        )
    if db is not None and not supported(db):
        raise typer.BadParameter(
            words.said(
                mark(
                    "'{db}' is not a database samfam works with: it works with SQLite and PostgreSQL; give a file "
                    "path or sqlite:///PATH (SQLite), or postgresql+psycopg://USER@HOST/DATABASE (PostgreSQL)"
                ),
                {"db": display_db(db)},
            ),
            param_hint="--db",
        )
    if user is not None and not user.strip():
        raise typer.BadParameter(
            words.said(mark("is empty; give the initials of who acts (they go into the audit log)"), {}),
            param_hint="--user",
        )
    if user is not None:  # control characters and malformed initials: refused here, before anything is opened
        from samfam.rules.identity import initials

        try:
            user = initials(user)
        except UsageError as exc:
            raise typer.BadParameter(words.said(exc.template, exc.fields), param_hint="--user") from None
    if purpose is not None and not purpose.strip():
        raise typer.BadParameter(
            words.said(mark("is empty; say why you look at the data, or leave --purpose out"), {}),
            param_hint="--purpose",
        )
    if purpose is not None and len(purpose) > 200:
        raise typer.BadParameter(
            words.said(mark("is {n:,} characters long; at most {most} fit"), {"n": len(purpose), "most": 200}),
            param_hint="--purpose",
        )
    ctx.obj = resolve(db, user, today, purpose)
    _protect(ctx.obj.db)


def _protect(db: str) -> None:
    """No file a command writes may be the SQLite database in use or its journal (samfam.files.protect): the
    one place every command passes once the database is known, also a command that never opens it."""
    from samfam.files import protect
    from samfam.settings import is_url

    if not is_url(db):
        protect(db)
    elif db.startswith("sqlite:///") and db[len("sqlite:///") :].split("?")[0] not in ("", ":memory:"):
        protect(db[len("sqlite:///") :].split("?")[0])


def main() -> None:
    """The `samfam` command. A command lives well under a second and allocates in a loop over rows:
    reference counting frees what it drops, and the cyclic garbage collector only rescans the tens of
    thousands of objects the imports created (about 30 ms a command here, 0.2 s at national scale,
    with no difference in peak memory measured; see benchmarks/commands.py). So it is off for the
    life of the process."""
    gc.disable()
    app()
