"""What `pybabel extract -F babel.cfg` (samfam.words.extract) takes from a module (issue 20): every error's
template, the command line's messages and notes, a phrase, a usage refusal of typer's, every `help=` and the
docstring of every command; and still no SQL and no variable called `text`."""

from __future__ import annotations

import io
import textwrap

from samfam.words import extract


def found(source: str) -> list[tuple[str, object]]:
    """(gettext function, message) of each message `extract` takes from `source`, in order."""
    module = textwrap.dedent(source).encode("utf-8")
    return [(function, message) for _, function, message, _ in extract(io.BytesIO(module), [], [], {})]


def messages(source: str) -> set[object]:
    return {message for _, message in found(source)}


def test_every_errors_template_with_or_without_fields():
    assert messages(
        """
        from samfam import errors
        from samfam.errors import Conflict, NotFound as Missing, UsageError
        from samfam.rules.dates import DateSyntaxError
        from samfam.rules import paragraphs

        raise Missing("no goal {goal}", goal=7)
        raise errors.InvalidValue("{what} is late", what=x)
        raise Conflict("as it is, a message too")
        raise UsageError("give one of them")
        raise DateSyntaxError("'{text}' is not a date", text=t)
        raise paragraphs.ParagraphError("'{code}' is unknown", ("BL 32",), code=c)
        return errors.unknown("not ours")
        raise ValueError("not ours {x}", x=1)
        raise Conflict(f"not a literal {x}")
        """
    ) == {
        "no goal {goal}",
        "{what} is late",
        "as it is, a message too",
        "give one of them",
        "'{text}' is not a date",
        "'{code}' is unknown",
    }


def test_an_error_defined_in_the_module_itself():
    assert messages(
        """
        from samfam.errors import SamfamError

        class RowConflict(SamfamError):
            pass

        raise RowConflict("row {n} differs", n=3)
        """
    ) == {"row {n} differs"}


def test_messages_and_notes_for_people():
    assert messages(
        """
        from samfam.output import streams
        from samfam.output.streams import message, note as remark

        streams.message("Added advisor {initials} ({name}).", initials=a, name=b)
        streams.note("Closed without: {missing}.", missing=m)
        message("Case {ref} discharged.", ref=r)
        remark("Mind the gap.")
        streams.message(line)
        streams.output("not a message")
        note("a function of another module called note")
        """
    ) == {"Added advisor {initials} ({name}).", "Closed without: {missing}.", "Case {ref} discharged.", "Mind the gap."}


def test_phrases_said_and_typers_usage_refusals():
    assert messages(
        """
        import typer
        from typer import BadParameter
        from samfam import words
        from samfam.words import Phrase, said

        raise Conflict("{what} is after {day}", what=Phrase("grant start"), day=d)
        words.Phrase("primary advisor")
        said("no staff yet", {})
        words.said("{n} left", {"n": 3})
        raise typer.BadParameter("is empty; give a name", param_hint="--name")
        raise BadParameter("give the buddy's INITIALS, or --remove")
        raise typer.BadParameter(said(exc.template, exc.fields))
        """
    ) == {
        "{what} is after {day}",
        "grant start",
        "primary advisor",
        "no staff yet",
        "{n} left",
        "is empty; give a name",
        "give the buddy's INITIALS, or --remove",
    }


def test_every_help_of_the_command_line():
    assert messages(
        """
        import typer
        from samfam.cli.options import date_option, team_option

        app = typer.Typer(help="Cases: open, show, list.")
        Ref = Annotated[str, typer.Argument(metavar="REF", help="Case reference, e.g. 2026-0142.")]
        On = Annotated[str, typer.Option("--on", help="The day " "it happened.")]
        Since = Annotated[date, date_option("--since", help="From this day")]
        Team = Annotated[str, team_option(help="Only this team's meetings.")]
        Other = Annotated[str, typer.Option("--x", help=f"{computed} is no literal")]
        """
    ) == {
        "Cases: open, show, list.",
        "Case reference, e.g. 2026-0142.",
        "The day it happened.",
        "From this day",
        "Only this team's meetings.",
    }


def test_the_docstring_and_the_epilog_of_every_command_as_typer_shows_them():
    assert messages(
        '''
        @case_app.command("show", epilog="Example: samfam case show 2026-0142")
        def case_show(ctx, ref):
            """Show one case.

            Its grants, events and goals,
                indented as written.
            """

        @app.callback()
        def _global(ctx):
            """The root's options."""

        @commands.command
        def overdue():
            """Overdue follow-ups."""

        def helper():
            """Not a command: no message."""

        @functools.cache
        def cached():
            """Not a command either."""
        '''
    ) == {
        "Show one case.\n\nIts grants, events and goals,\n    indented as written.",
        "Example: samfam case show 2026-0142",
        "The root's options.",
        "Overdue follow-ups.",
    }


def test_what_it_took_before_it_still_takes():
    assert found(
        """
        from samfam import words
        from samfam.words import mark, plural, text as in_words, text_in

        in_words("Error:")
        words.text("Overdue follow-ups")
        HEADING = mark("Goals")
        plural(n, "{n} case", "{n} cases")
        text_in("summary", "overdue")
        Column("next_due", "Was due")
        C = TableColumn
        C("case", header="Case")
        """
    ) == [
        ("gettext", "Error:"),
        ("gettext", "Overdue follow-ups"),
        ("gettext", "Goals"),
        ("ngettext", ("{n} case", "{n} cases")),
        ("pgettext", ("summary", "overdue")),
        ("gettext", "Was due"),
        ("gettext", "Case"),
    ]


def test_no_sql_and_no_variable_called_text():
    assert not messages(
        """
        from sqlalchemy import text

        session.execute(text("SELECT 1"))
        text = "a variable"
        text("not ours either")
        words.execute("SELECT 2")
        """
    )
