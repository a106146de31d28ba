"""Where output goes: confirmations on stdout, notes and errors on stderr, documents to a file."""

from __future__ import annotations

import re
import sys
from typing import Any

from samfam.output.cells import clean
from samfam.words import mark, said
from samfam.words import text as in_words


class PipeGuard:
    """stdout that goes quiet when its reader has gone (`samfam case list | head`): the command runs to its
    end, so a look-up that reached the reader is still logged; what no one reads is dropped."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.closed_by_reader = False

    def write(self, text: str) -> int:
        if not self.closed_by_reader:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._gone()
        return len(text)

    def flush(self) -> None:
        if not self.closed_by_reader:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._gone()

    def _gone(self) -> None:
        self.closed_by_reader = True
        try:  # keep the interpreter's own flush at exit from failing on the closed pipe
            import os

            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def message(template: str, **fields: object) -> None:
    """A confirmation for people, on stdout, in the reader's language: `template` is the English with named
    fields (`message("Added advisor {initials}.", initials=a.initials)`), looked up in the catalogue and then
    formatted (samfam.words.said), as an error's is; what it echoes of stored or typed text is cleaned
    (samfam.output.cells.clean). A template without fields is looked up as it is."""
    sys.stdout.write(clean(said(template, fields)) + "\n")


def note(template: str, **fields: object) -> None:
    """A remark that is not the command's output (hints, warnings), on stderr, said and cleaned as a
    message is."""
    sys.stderr.write(clean(said(template, fields)) + "\n")


def wrote(what: str, folder: str | None = None) -> None:
    """Says "Wrote FILE." (or "Wrote FILES in FOLDER.") to someone at a terminal, in the reader's language. A
    script or cron reads the exit status, and cron mails whatever a job prints, so off a terminal a file
    written says nothing (an error still does)."""
    isatty = getattr(sys.stderr, "isatty", None)
    if isatty is not None and isatty():
        if folder is None:
            note(mark("Wrote {what}."), what=what)
        else:
            note(mark("Wrote {what} in {folder}."), what=what, folder=folder)


#: Anything shaped like a CPR number (DDMMYY-SSSS, with or without the hyphen) in a message.
_CPR_SHAPED = re.compile(r"(?<![0-9])([0-9]{6})-?[0-9]{4}(?![0-9])")


def error(text: str) -> None:
    """One line, always: a driver's message over several lines (PostgreSQL's) is joined. A CPR number
    typed where something else belongs is masked (DDMMYY-XXXX); the text is cleaned as a message is."""
    line = _CPR_SHAPED.sub(r"\1-XXXX", " ".join(text.split()))
    sys.stderr.write(in_words("Error:") + " " + clean(line) + "\n")  # "Fejl:" in Danish


def check_writable(path: str | None, force: bool = False) -> None:
    """Refuse an --output path that samfam may not write (samfam.files.check_target: the database, a link, a
    folder, a missing folder, an existing file without --force), before anything is read or logged."""
    if path is None:
        return
    from samfam.files import check_target

    check_target(path, force=force)


def write_private(path: str, text: str, force: bool = False) -> None:
    """A text file (UTF-8) only its owner may read (samfam.files)."""
    from samfam.files import write_private

    write_private(path, text, force=force)


def output(text: str, path: str | None, force: bool = False) -> None:
    """A document to stdout, or to a file (UTF-8). The file holds personal data: only its owner may read
    it (mode 0600), written whole under a temporary name; an existing file is replaced only with `force`."""
    if path is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    write_private(path, text, force)
    wrote(path)


#: --wide (SAMFAM_WIDE): tables for people show every column however narrow the terminal. The command line
#: sets it for the command it runs (`show_wide`, every command passes the root) and clears it after; the
#: terminal reads it where a table is drawn (samfam.output.terminal).
_WIDE = [False]


def show_wide(on: bool) -> None:
    _WIDE[0] = on


def wide() -> bool:
    return _WIDE[0]
