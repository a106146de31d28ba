"""The words people read, looked up in one catalogue: GNU gettext's, domain "samfam", with the English text
as the key (the msgid). Danish is `locale/da/LC_MESSAGES/samfam.po`, compiled to the `.mo` beside it (both
committed; tests/test_catalogue.py checks they agree and that every marked message has its Danish).

A message is marked where it is written: `text("Overdue follow-ups")`, `plural(n, "{n} case", "{n} cases")`,
or a listing's column header (`Column(key, "Header")`, looked up where the table is drawn); an error's template,
a message or note for people (samfam.output.streams), a command's help and docstring. `pybabel extract` finds
each (babel.cfg, `extract`; docs/architecture.md "Words"). What scripts read (JSON keys, CSV headers of
`--format csv`, `--fields` names, exit codes, command and option names) never comes here.

The language: `--lang da|en` or SAMFAM_LANG (the command line sets it for the command it runs, `use`), else
the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG: `da_DK.UTF-8` is Danish), else English. A language can also
be given to each function (`lang=`), as a document for a family does ("da").
"""

from __future__ import annotations

import contextvars
import functools
import gettext
import importlib.util
import json
import os
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

DOMAIN = "samfam"
LOCALE = Path(__file__).parent / "locale"
#: The languages samfam speaks: English (the msgids themselves) and Danish.
LANGUAGES = ("da", "en")
#: When neither option, SAMFAM_LANG nor the locale names a language samfam speaks: the screen's.
DEFAULT = "en"

_ENGLISH = gettext.NullTranslations()

#: The language of the command running (set by the command line, `use`); None: from the environment.
_CHOSEN: contextvars.ContextVar[str | None] = contextvars.ContextVar("samfam_language", default=None)


def from_locale(environ: Mapping[str, str] = os.environ) -> str:
    """The language the locale asks for, as gettext reads it: the first of LANGUAGE (a list, "da:en"),
    LC_ALL, LC_MESSAGES, LANG that is set; "da_DK.UTF-8" is "da". A language samfam does not speak (or
    "C", "POSIX") gives English."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if not value:
            continue
        for part in value.split(":") if name == "LANGUAGE" else [value]:
            code = part.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
        if name != "LANGUAGE":  # the first locale variable set decides (LANGUAGE only lists preferences)
            return DEFAULT
    return DEFAULT


def choose(given: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """The language of a command: `given` (--lang, or SAMFAM_LANG, which typer reads into it) if any, else
    the locale's. `given` must be one of LANGUAGES (the command line checks it first)."""
    if given:
        return given.strip().lower()
    if chosen := environ.get("SAMFAM_LANG", "").strip().lower():
        return chosen if chosen in LANGUAGES else DEFAULT
    return from_locale(environ)


def use(lang: str | None) -> contextvars.Token[str | None]:
    """Speak `lang` from now on in this context (None: the environment's again); returns the token that
    `done` takes to put the one before back."""
    return _CHOSEN.set(lang)


def done(token: contextvars.Token[str | None]) -> None:
    _CHOSEN.reset(token)


def language() -> str:
    """The language of the command running."""
    return _CHOSEN.get() or choose(None)


@functools.cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The catalogue of `lang`, read once a process: English is the msgids themselves."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, str(LOCALE), languages=[lang], fallback=True)


def text(msgid: str, lang: str | None = None) -> str:
    """The words for people of `msgid` (English) in the command's language, or in `lang`."""
    return catalogue(lang or language()).gettext(msgid)


def text_in(context: str, msgid: str, lang: str | None = None) -> str:
    """`text` of a message whose English is another message's too but whose Danish differs (gettext's
    `pgettext`, msgctxt `context`): `text_in("summary", "overdue")` is "forfaldne" where a follow-up's level
    "overdue" is "forfalden"."""
    return catalogue(lang or language()).pgettext(context, msgid)


def mark(msgid: str) -> str:
    """`msgid` as it is, marked for the catalogue (gettext's `gettext_noop`): English that data keeps (a
    follow-up's level, a track, a card's label, a section's heading), looked up with `text` only where
    people read it (a table's cells of a `Column(..., words=True)`, a card's labels)."""
    return msgid


def plural(n: int, singular: str, plural: str, *, stored: bool = False, lang: str | None = None) -> str:
    """A count with its noun, in gettext's ngettext style: the message in the form `n` takes (a language
    has its own rule) with `{n}` filled in, e.g. plural(1, "{n} case", "{n} cases") is "1 case". Both forms
    are the catalogue's key, so a catalogue gives "{n} sag" / "{n} sager". `stored`: English whatever the
    reader's language, for text the database keeps (an audit row's detail). A `{n:,}` is written with the
    language's thousands separator."""
    if stored:
        return _ENGLISH.ngettext(singular, plural, n).format(n=n)
    lang = lang or language()
    message = catalogue(lang).ngettext(singular, plural, n)
    if lang != "en" and "{n:," in message:
        return message.replace("{n:,}", "{n}").format(n=number(n, lang))
    return message.format(n=n)


class Phrase(str):
    """English words that data keeps and people read, said in the reader's language where they are shown: the
    string itself is the English (what JSON, CSV and the database get), and `phrased` says it to people (a
    table's cell, a card's value, an error's field, `said`).

    `Phrase(mark("event date"))`: words as they are (an error's field, "grant start"). `Phrase(mark("past
    target {day} and not achieved"), day=d)`: a template with named fields (a reason a rule gives), the English
    formatted as the string, the template looked up and formatted in the reader's language where shown (a
    number in its digits, a date as `day` says it, a field that is a Phrase said too). `counted(n, …)`: a
    count with its noun; `joined(parts)`: phrases one after another. Marked for the catalogue where written."""

    template: str
    fields: Mapping[str, object]
    #: `counted`: the plural form and the count; `joined`: the parts and what is between them.
    many: str | None
    n: int
    parts: tuple[str, ...] | None
    sep: str

    def __new__(cls, template: str, /, **fields: object) -> Phrase:
        self = super().__new__(cls, template.format(**fields) if fields else template)
        self.template, self.fields, self.many, self.n, self.parts, self.sep = template, fields, None, 0, None, ""
        return self

    def __reduce__(self) -> tuple[object, ...]:  # a copy (a test world kept between runs) is the same phrase
        return (_phrase_again, (str(self), self.template, dict(self.fields), self.many, self.n, self.parts, self.sep))


def _phrase_again(
    english: str,
    template: str,
    fields: dict[str, object],
    many: str | None,
    n: int,
    parts: tuple[str, ...] | None,
    sep: str,
) -> Phrase:
    self = str.__new__(Phrase, english)
    self.template, self.fields, self.many, self.n, self.parts, self.sep = template, fields, many, n, parts, sep
    return self


def counted(n: int, singular: str, plural: str, /, **fields: object) -> Phrase:
    """A count with its noun as a Phrase (`plural`'s ngettext, `{n}` filled in, other fields too): English as
    the string, said in the reader's language where shown: counted(12, "{n} day overdue", "{n} days overdue")."""
    english = _ENGLISH.ngettext(singular, plural, n).format(n=n, **fields)
    return _phrase_again(english, singular, fields, plural, n, None, "")


def joined(parts: Sequence[str], sep: str = ", ") -> Phrase:
    """Phrases (or plain words, looked up) one after another, `sep` between them: one cell of a table."""
    return _phrase_again(sep.join(parts), "", {}, None, 0, tuple(parts), sep)


def phrased(words: str, lang: str | None = None) -> str:
    """Words for people in the reader's language (or `lang`): a Phrase said (its template looked up, then
    formatted), other words looked up as they are (English when the catalogue has no Danish)."""
    lang = lang or language()
    if not isinstance(words, Phrase):
        return catalogue(lang).gettext(words) if words else words
    if lang == "en":
        return str(words)  # the phrase is its English
    if words.parts is not None:
        return words.sep.join(phrased(part, lang) for part in words.parts)
    if words.many is not None:
        message = catalogue(lang).ngettext(words.template, words.many, words.n)
        return _said(message, {"n": words.n, **words.fields}, lang)
    message = catalogue(lang).gettext(words.template)
    return _said(message, words.fields, lang) if words.fields else message


def _said(message: str, fields: Mapping[str, object], lang: str) -> str:
    """A phrase's message (looked up) formatted in `lang`: a date as `day` says it, besides `said`'s fields."""
    counts = set(_COUNT.findall(message))  # the fields written with separators, `{n:,}`: amounts
    shown = {k: _field(v, lang, k in counts) for k, v in fields.items()}
    return _COUNT.sub(r"{\1}", message).format(**shown)


def said(template: str, fields: Mapping[str, object], lang: str | None = None) -> str:
    """An error's message (samfam.errors: a template with named fields) in the reader's language: the
    template looked up, then formatted; a number written `{n:,}` (an amount) is written with the language's
    thousands separator (an id, `{id}`, never), and a date (a `date` given as the field, not its text) as
    the language writes dates in text ("7. december 2026"; English keeps ISO 8601). A message without fields
    is looked up as it is (English when the catalogue has no Danish)."""
    if not template:  # an empty line: gettext("") is the catalogue's header, not ""
        return template
    lang = lang or language()
    message = catalogue(lang).gettext(template)
    if not fields:
        return message
    return message.format(**fields) if lang == "en" else _said(message, fields, lang)


#: A field written with the thousands separator, `{n:,}`: an amount (an id or a year is written `{id}`).
_COUNT = re.compile(r"\{(\w+):,\}")


def _field(value: object, lang: str, count: bool) -> object:
    if isinstance(value, date) and not isinstance(value, datetime):
        return day(value, lang)  # "7. december 2026"; English formats the date itself, ISO
    if isinstance(value, Phrase):
        return phrased(value, lang)
    if count and isinstance(value, int | float) and not isinstance(value, bool):
        return number(value, lang)
    return value


def day(d: date, lang: str | None = None) -> str:
    """A date in running text: "7. december 2026" in Danish (babel's month names, `d. MMMM y`), ISO 8601 in
    English."""
    lang = lang or language()
    if lang == "en":
        return d.isoformat()
    return f"{d.day}. {_calendar(lang).months[d.month - 1]} {d.year}"


def weekday(d: date, lang: str | None = None) -> str:
    """The day of the week: "Monday" in English, "mandag" in Danish (babel's day names)."""
    lang = lang or language()
    if lang == "en":
        return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[d.weekday()]
    return _calendar(lang).weekdays[d.weekday()]


def number(n: int | float, lang: str | None = None, *, decimals: int | None = None) -> str:
    """A number for people: "1.234,5" in Danish (babel), "1,234.5" in English. Never for JSON or CSV.
    `decimals`: always that many digits after the decimal sign ("12,0"). A whole number is grouped in threes
    with the language's group and minus signs (babel's, as `format_decimal` writes it); any other through
    babel's `format_decimal`."""
    lang = lang or language()
    if lang == "en":
        return f"{n:,}" if decimals is None else f"{n:,.{decimals}f}"
    if decimals is None and isinstance(n, int) and not isinstance(n, bool):
        signs = _calendar(lang)
        digits = f"{abs(n):,}".replace(",", signs.group)
        return signs.minus + digits if n < 0 else digits
    if decimals is None:
        return _decimal(lang)(n)
    return _decimal(lang)(n, format="#,##0." + "0" * decimals if decimals else "#,##0")


def figure(n: int | float, lang: str | None = None) -> str:
    """A number in a table for people: in English as scripts have it ("1234", "94.2"), in Danish with its
    separators and the decimals it has ("1.234", "94,2", "95,0"). Never for JSON or CSV."""
    lang = lang or language()
    if lang == "en":
        return str(n)
    if type(n) is float:
        written = repr(n)
        if "e" in written or "n" in written:  # 1e-05, inf, nan: as Python writes them
            return written
        return number(n, lang, decimals=len(written.partition(".")[2]))
    return number(n, lang)


@functools.cache
def _decimal(lang: str):  # noqa: ANN202 - babel's formatter, bound to the language
    from babel.numbers import format_decimal

    return functools.partial(format_decimal, locale=lang)


class Calendar(NamedTuple):
    """What `day`, `weekday` and `number` take from babel's data (CLDR) for a language: the month names (January
    first) and day names (Monday first) as a date in running text has them, the sign between groups of three
    digits, and the minus sign."""

    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    group: str
    minus: str


@functools.cache
def _calendar(lang: str) -> Calendar:
    """The language's `Calendar`, read once a process. Babel reads all of a language's data to give any of it
    (about a tenth of what a daily read costs, the import of babel.dates and babel.numbers included), so what
    samfam takes from it is kept in the user's cache folder (0600, `samfam.settings.cache_dir`), keyed by the
    installed babel, and babel is imported only when it is not there yet."""
    path = _calendar_file(lang)
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        found = Calendar(tuple(kept["months"]), tuple(kept["weekdays"]), kept["group"], kept["minus"])
        if len(found.months) == 12 and len(found.weekdays) == 7 and all(isinstance(x, str) for x in found[2:]):
            return found
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    found = _from_babel(lang)
    try:
        from samfam.errors import SamfamError
        from samfam.files import write_private

        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_private(path, json.dumps(found._asdict(), ensure_ascii=False), force=True)
    except (OSError, SamfamError):
        pass  # no cache folder: babel answers next time too
    return found


def _from_babel(lang: str) -> Calendar:
    from babel.dates import get_day_names, get_month_names
    from babel.numbers import get_group_symbol, get_minus_sign_symbol

    months = get_month_names("wide", "format", locale=lang)
    days = get_day_names("wide", "format", locale=lang)
    return Calendar(
        tuple(months[m] for m in range(1, 13)),
        tuple(days[d] for d in range(7)),
        get_group_symbol(locale=lang),
        get_minus_sign_symbol(locale=lang),
    )


def _calendar_file(lang: str) -> Path:
    """The cache file of a language's `Calendar`, named by the installed babel (its file's modification time,
    found without importing it): another babel writes another file."""
    from samfam.settings import cache_dir

    spec = importlib.util.find_spec("babel")
    stamp = int(Path(spec.origin).stat().st_mtime) if spec is not None and spec.origin else "none"
    return cache_dir() / f"babel-{lang}-{stamp}.json"


# -- finding the marked messages (pybabel extract, babel.cfg) -----------------------------------------------

#: The errors samfam raises: samfam.errors' classes, the import's RowConflict, and rules' own (rules.dates and
#: rules.paragraphs import only the standard library): the first argument of a call of one is its template.
ERRORS = frozenset(
    {
        "SamfamError",
        "UsageError",
        "NotFound",
        "Conflict",
        "InvalidValue",
        "NotPermitted",
        "DatabaseError",
        "RowConflict",
        "DateSyntaxError",
        "ParagraphError",
    }
)
#: samfam.output.streams' lines for people: the first argument is the template (`message("Added {x}.", x=…)`).
STREAMS = frozenset({"message", "note"})


def extract(fileobj, keywords, comment_tags, options):  # noqa: ANN001, ANN201 - babel's extraction method
    """The messages of one module, for `pybabel extract -F babel.cfg`, each where it is written as a literal:

    - `text("…")`, `text_in("context", "…")`, `mark("…")`, `plural(n, "…", "…")`, `counted(n, "…", "…")`,
      `said("…", fields)` and `Phrase("…")` of samfam.words (imported by name, also under another, or as `words.text`);
    - every error's template, with or without fields (`NotFound("no goal {goal}; …", goal=…)`,
      `Conflict("…")`: a class of ERRORS, samfam.errors' and rules'), also `errors.NotFound(…)`;
    - `streams.message("…")` and `streams.note("…")` (samfam.output.streams, also imported by name);
    - `typer.BadParameter("…")` (typer's usage refusal; the command line says it in the reader's language);
    - every `help="…"` and `epilog="…"` of a call (typer's Option, Argument, Typer and command, and the
      command line's own helpers, `date_option(..., help="…")`), and the docstring of each function decorated with
      `@x.command(...)` or `@x.callback(...)`, as typer shows it (`inspect.cleandoc`);
    - each `Column(key, "Header")`'s header (a `TableColumn`'s too, and one of a name given to either,
      `C = TableColumn`).

    Read from the syntax tree, so neither SQLAlchemy's `text("SELECT …")` nor a variable called `text` is
    taken for a message."""
    import ast
    import inspect

    tree = ast.parse(fileobj.read().decode(options.get("encoding", "utf-8")))

    def imported(module: str, names: frozenset[str] | set[str]) -> dict[str, str]:
        """The name each of `names` imported from `module` is called by -> its own name."""
        return {
            alias.asname or alias.name: alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == module
            for alias in node.names
            if alias.name in names
        }

    ours = imported("samfam.words", {"text", "text_in", "mark", "plural", "counted", "said", "Phrase"})
    errors = ERRORS | {  # also under another name: `from samfam.errors import NotFound as Missing`
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name in ERRORS
    }
    streams = set(imported("samfam.output.streams", STREAMS))
    refusals = set(imported("typer", {"BadParameter"}))
    columns = {"Column", "TableColumn"}
    columns |= {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id in columns
        for target in node.targets
        if isinstance(target, ast.Name)
    }

    def literal(node: ast.expr | None) -> str | None:  # "" is no message: gettext's header has its msgid
        return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value else None

    def kind(func: ast.expr) -> str | None:
        """Which of the message's callers `func` is, if any."""
        if isinstance(func, ast.Name):
            if func.id in columns:
                return "Column"
            if func.id in errors:
                return "error"
            if func.id in streams:
                return "stream"
            if func.id in refusals:
                return "error"
            return ours.get(func.id)
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            owner, attr = func.value.id, func.attr
            if owner == "words" and attr in ("text", "text_in", "plural", "counted", "mark", "said", "Phrase"):
                return attr
            if attr in ERRORS:  # errors.NotFound(…), paragraphs.ParagraphError(…)
                return "error"
            if owner == "streams" and attr in STREAMS:
                return "stream"
            if owner == "typer" and attr == "BadParameter":
                return "error"
        return None

    def command(decorator: ast.expr) -> bool:
        """`@x.command(...)`, `@x.command` or `@x.callback(...)`: typer shows the function's docstring."""
        func = decorator.func if isinstance(decorator, ast.Call) else decorator
        return isinstance(func, ast.Attribute) and func.attr in ("command", "callback")

    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if any(command(d) for d in node.decorator_list) and (doc := ast.get_docstring(node, clean=False)):
                yield node.lineno, "gettext", inspect.cleandoc(doc), []
            continue
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg in ("help", "epilog") and (message := literal(keyword.value)) is not None:
                yield node.lineno, "gettext", message, []
        name = kind(node.func)
        args = node.args
        if name in ("text", "mark", "said", "Phrase", "error", "stream"):
            if args and (message := literal(args[0])) is not None:
                yield node.lineno, "gettext", message, []
        elif name == "text_in" and len(args) >= 2:
            context, message = literal(args[0]), literal(args[1])
            if context is not None and message is not None:
                yield node.lineno, "pgettext", (context, message), []
        elif name in ("plural", "counted") and len(args) >= 3:
            one, many = literal(args[1]), literal(args[2])
            if one is not None and many is not None:
                yield node.lineno, "ngettext", (one, many), []
        elif name == "Column":
            header = args[1] if len(args) >= 2 else next((k.value for k in node.keywords if k.arg == "header"), None)
            if (message := literal(header)) is not None:
                yield node.lineno, "gettext", message, []
