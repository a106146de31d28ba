"""The database's text columns as a refusal names them ("the child name is 250 characters long; at most 200
fit", samfam.store.work): the column's name in words, said in the reader's language where people type the text.

Pure: samfam.words' marks only.
"""

from __future__ import annotations

from samfam.words import Phrase, mark

#: The columns people type text into, in words (the column's name with spaces), marked for the catalogue.
TYPED = {
    "child_name": Phrase(mark("child name")),
    "close_reason": Phrase(mark("close reason")),
    "contact": Phrase(mark("contact")),
    "correction_reason": Phrase(mark("correction reason")),
    "detail": Phrase(mark("detail")),
    "forced_reason": Phrase(mark("forced reason")),
    "login": Phrase(mark("login")),
    "name": Phrase(mark("name")),
    "note": Phrase(mark("note")),
    "reason": Phrase(mark("reason")),
    "reopen_reason": Phrase(mark("reopen reason")),
    "role": Phrase(mark("role")),
    "team": Phrase(mark("team")),
    "text": Phrase(mark("text")),
    "void_reason": Phrase(mark("void reason")),
}


def in_words(column: str) -> str:
    """A column's name as a refusal says it: `child_name` is "child name" (in the reader's language where
    people type it; any other column's English as it is)."""
    return TYPED.get(column) or column.replace("_", " ")
