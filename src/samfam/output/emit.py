"""One way out: a command hands what a view returned to `emit(result, fmt, only=…, path=…)`, which writes it
in the chosen format to stdout or to a file. The command layer never branches on the format.

What a result can be:

- `Table`: a listing's rows with its definition (`samfam.listing.Listing`): a table for people, JSON,
  NDJSON or CSV for scripts, or CSV for Danish Excel (`formats.DIALECTS`).
- `Card`: one record: key/value lines and tables of its parts for people; one object (or CSV row) for scripts.
- `Parts`: for people, several tables and lines one after another (the overdue follow-ups, then the cases
  that need a new advisor, then those that need classification), or those as a Markdown document (`markdown`,
  samfam.output.markdown); for scripts, one listing of them all.
- `Document`: a document rendered per format (Markdown, HTML, iCalendar …), or its data as JSON.
- `Lines`: lines of text for people, the data as a listing or card for scripts (`check`, `audit verify`).
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from samfam.listing import Column, Listing, Row
from samfam.output import formats, streams


class Table(NamedTuple):
    rows: Sequence[Row]
    listing: Listing
    title: str | None = None
    empty: str = "Nothing to show."
    caption: str | None = None
    #: Lines for people after the table (stdout), and notes (stderr): the table format only.
    after: Sequence[str] = ()
    notes: Sequence[str] = ()
    #: CSV, when it is not the listing's fields (a field holding a mapping spread into a column per key):
    #: given --fields or None, the rows and the columns to write.
    csv: Callable[[Sequence[str] | None], tuple[Sequence[Row], Sequence[str]]] | None = None
    #: What JSON writes instead of the rows when --fields is not given: a report around them (its period, its
    #: total).
    data: Any = None
    #: Formats the table is written in as a document (Markdown): the function that gives its text.
    documents: Mapping[str, Callable[[], str]] = {}
    #: What JSON and NDJSON write instead of the rows when --fields is not given: records of their own (each
    #: with its parts nested, where the rows spread the parts flat, one a row).
    records: Sequence[Row] | None = None


class Card(NamedTuple):
    data: Row
    sections: Sequence[tuple[str, str, Sequence[Column]]] = ()
    lines: Sequence[str] = ()
    title: str | None = None
    #: For people: a key's label (English, marked with samfam.words.mark), and the keys whose values are
    #: words (a track, a status), both shown in the reader's language.
    labels: Mapping[str, str] | None = None
    in_words: Sequence[str] = ()


class Parts(NamedTuple):
    """For people `parts`, in order: a table, or a line (an empty string is an empty line); a table with no
    rows and no `empty` text is left out. For scripts `whole`."""

    parts: Sequence[Table | str]
    whole: Table
    #: An empty line between two tables.
    gap: bool = True
    #: The first line for people; with `-f markdown` the document's heading, each table under its title.
    title: str | None = None


class Document(NamedTuple):
    """`render(fmt)` gives the document's text in a document format; `data` is what JSON writes; `table`, when
    given, draws it for people on the terminal (`path`: the file asked for, or None), or is a table drawn as
    `Table` is.

    `entries` names the list in `data` that NDJSON (one a line) and CSV write, `listing` says which fields
    (CSV's columns: its `fields`; what --fields may choose: its names); with --fields JSON writes `data` with
    its entries cut to those fields. `files`: the formats the document writes as files of its own (a workbook,
    a folder of CSV files), each a function of the path asked for."""

    render: Callable[[str], str] | None = None
    data: Any = None
    table: Callable[[str | None], None] | Table | None = None
    entries: str | None = None
    listing: Listing | None = None
    files: Mapping[str, Callable[[str | None], None]] = {}


class Lines(NamedTuple):
    """For people these lines; for scripts `data` as a listing (`listing` given) or as a card."""

    lines: Sequence[str]
    data: Any
    listing: Listing | None = None


Result = Table | Card | Parts | Document | Lines


def check(listing: Listing, only: Sequence[str] | None, fmt: str) -> None:
    """Refuse --fields that the listing does not have, or a format that has no fields, before anything is
    read or shown."""
    formats.check_fields(only, listing.names, fmt)


def emit(
    result: Result, fmt: str, *, only: Sequence[str] | None = None, path: str | None = None, force: bool = False
) -> None:
    """Write `result` in format `fmt`: to stdout, or (documents) to the file `path` (an existing one replaced
    only with `force`, --force: samfam.files). A document's own files and its table for people take `force`
    from the command that made them."""
    if isinstance(result, Table):
        _table(result, fmt, only)
    elif isinstance(result, Parts):
        if fmt == "markdown":
            formats.check_fields(only, result.whole.listing.names, fmt)
            streams.output(_markdown(result), path, force)
            return
        if fmt != "table":
            _table(result.whole, fmt, only)
            return
        formats.check_fields(only, result.whole.listing.names, fmt)
        from samfam.output import terminal

        if result.title is not None:
            terminal.lines([result.title])
        first = True
        for part in result.parts:
            if isinstance(part, str):
                terminal.lines([part])
                continue
            if not part.rows and not part.empty:
                continue
            if not first and result.gap:
                streams.message("")
            first = False
            _table(part, fmt, None)
    elif isinstance(result, Card):
        formats.card(
            result.data,
            fmt,
            sections=result.sections,
            lines=result.lines,
            title=result.title,
            labels=result.labels,
            in_words=result.in_words,
        )
    elif isinstance(result, Lines):
        if fmt == "table":
            for line in result.lines:
                streams.message(line)
        elif result.listing is not None:
            formats.listing(result.data, result.listing.columns, fmt, only=only, known=result.listing.names)
        else:
            formats.card(result.data, fmt)
    elif fmt in result.files:
        result.files[fmt](path)
    elif result.entries is not None and fmt in formats.SCRIPT_FORMATS:
        _entries(result, fmt, only, path, force)
    elif fmt == "json":
        streams.output(formats.json_text(result.data), path, force)
    elif fmt == "table" and isinstance(result.table, Table):
        _table(result.table, fmt, None)
    elif fmt == "table" and result.table is not None:
        result.table(path)
    else:
        assert result.render is not None, f"the document has no {fmt} form"
        streams.output(result.render(fmt), path, force)


def _markdown(result: Parts) -> str:
    """The parts as a Markdown document: the title its heading, a table with rows (or its `empty` words) under
    its own, a line of text a paragraph."""
    from samfam.output import markdown

    blocks = [
        part
        if isinstance(part, str)
        else markdown.section(part.title, part.rows, part.listing.columns, part.empty, part.caption)
        for part in result.parts
        if isinstance(part, str) or part.rows or part.empty
    ]
    return markdown.document(result.title, blocks)


def _entries(result: Document, fmt: str, only: Sequence[str] | None, path: str | None, force: bool) -> None:
    """A document's entries for scripts: JSON the whole document, NDJSON and CSV its entries."""
    assert result.entries is not None
    rows: Sequence[Row] = result.data[result.entries]
    if result.listing is not None:
        formats.check_fields(only, result.listing.names, fmt)
    shown = formats.limited(rows, only) if only else rows
    if fmt == "json":
        streams.output(formats.json_text(result.data | {result.entries: shown} if only else result.data), path, force)
    elif fmt == "ndjson" and path is None:
        formats.write_ndjson(shown)  # nothing at all for no entries
    elif fmt == "ndjson":
        streams.output(formats.ndjson_text(shown), path, force)
    else:
        import io

        buffer = io.StringIO()
        fields = only or (result.listing.fields if result.listing and result.listing.fields else None)
        keys = list(fields or (rows[0].keys() if rows else ()))
        formats.write_csv(rows, keys, buffer, formats.DIALECTS[fmt])
        streams.output(buffer.getvalue(), path, force)


def _table(result: Table, fmt: str, only: Sequence[str] | None) -> None:
    listing = result.listing
    if fmt in result.documents:
        formats.check_fields(only, listing.names, fmt)
        streams.output(result.documents[fmt](), None)
        return
    if fmt == "json" and result.data is not None and not only:
        formats.write_json(result.data)
        return
    if fmt in ("json", "ndjson") and result.records is not None and not only:
        (formats.write_json if fmt == "json" else formats.write_ndjson)(result.records)
        return
    if fmt in formats.DIALECTS and result.csv is not None:
        formats.check_fields(only, listing.names, fmt)
        rows, keys = result.csv(only)
        formats.write_csv(rows, keys, dialect=formats.DIALECTS[fmt])
        return
    formats.listing(
        result.rows,
        listing.columns,
        fmt,
        fields=listing.fields,
        only=only,
        known=listing.names,
        title=result.title,
        empty=result.empty,
        caption=result.caption,
    )
    if fmt == "table":  # wrapped to a terminal's width, as they are on a pipe (samfam.output.terminal)
        from samfam.output import terminal

        terminal.lines(result.after)
        terminal.notes(result.notes)
