"""The closed word lists a command or an import cell takes, typed in English or in Danish: each word's
canonical English name (what is stored, what JSON and CSV show) with its Danish names beside it, and the
one function that resolves what was typed to the canonical word.

The tables themselves live beside their rules (`events.EVENT_WORDS`, `goals.HORIZON_WORDS`,
`goals.STATUS_WORDS`, `goals.OWNER_WORDS`, `actors.ACTOR_KIND_WORDS`, `actors.COORDINATOR_WORDS`,
`applications.OUTCOME_WORDS`). A typed word is compared folded (`fold`): case ignored, æ, ø and å also
as ae, oe and aa, and spaces, hyphens and underscores ignored, so `Opfølgning`, `OPFOELGNING` and
`opfølgning` are one word, and `home visit` is `home-visit`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from samfam.errors import UsageError
from samfam.words import Phrase

#: The Danish letters and how they are spelled without a Danish keyboard.
DANISH_LETTERS = {"æ": "ae", "ø": "oe", "å": "aa"}
_FOLD = str.maketrans({**DANISH_LETTERS, " ": None, "-": None, "_": None, "\t": None})


def fold(text: str) -> str:
    """A typed word as compared: case folded, æ ø å as ae oe aa, spaces, hyphens and underscores dropped."""
    return text.casefold().translate(_FOLD)


class Word(NamedTuple):
    """One word of a closed list: the canonical English name and its Danish names (the first is shown)."""

    name: str
    danish: tuple[str, ...]


class Words:
    """A closed word list: `resolve` turns a typed word (English or Danish) into the canonical name."""

    def __init__(self, what: str, words: Iterable[Word]) -> None:
        self.what = what  # "an event kind": the refusal says "'x' is not an event kind"
        self.words: tuple[Word, ...] = tuple(words)
        self.names: tuple[str, ...] = tuple(w.name for w in self.words)
        self._names = frozenset(self.names)
        self._index: dict[str, str] = {}
        for word in self.words:
            for typed in (word.name, *word.danish):
                key = fold(typed)
                if self._index.setdefault(key, word.name) != word.name:
                    raise ValueError(f"'{typed}' names both {self._index[key]} and {word.name}")

    def get(self, typed: str) -> str | None:
        """The canonical name of a typed word, or None."""
        if typed in self._names:  # the canonical name as it is (the import's usual case): no folding
            return typed
        return self._index.get(fold(typed.strip()))

    def resolve(self, typed: str) -> str:
        """The canonical name of a typed word; a usage error naming it and the words in both languages."""
        name = self.get(typed)
        if name is None:
            raise UsageError(
                "'{typed}' is not {what}; use one of: {choices}",
                typed=typed,
                what=Phrase(self.what),
                choices=self.choices(),
            )
        return name

    def choices(self) -> str:
        """The words as lists and refusals show them: `followup (opfølgning), home-visit (hjemmebesøg), …`."""
        return ", ".join(shown(w) for w in self.words)

    def __contains__(self, typed: object) -> bool:
        return isinstance(typed, str) and self.get(typed) is not None


def shown(word: Word) -> str:
    """A word with its first Danish name: `followup (opfølgning)`; the English alone when they are alike."""
    if not word.danish or fold(word.danish[0]) == fold(word.name):
        return word.name
    return f"{word.name} ({word.danish[0].lower()})"
