"""The words people read, looked up in one catalogue: GNU gettext's, domain "samfam", with the English text
as the key (the msgid). A table's headers go through `text` where they are drawn, so a second language
is one new catalogue (`src/samfam/locale/<lang>/LC_MESSAGES/samfam.mo`), not an edit in every command.

The language is gettext's: LANGUAGE, LC_ALL, LC_MESSAGES or LANG. With no catalogue for it, the English
text is shown as it is. What scripts read (JSON keys, CSV headers, `--fields` names) never comes here.
"""

from __future__ import annotations

import functools
import gettext
from pathlib import Path

DOMAIN = "samfam"
LOCALE = Path(__file__).parent / "locale"


@functools.cache
def catalogue(localedir: str = str(LOCALE)) -> gettext.NullTranslations:
    """The catalogue for the user's language (found once a command); English when there is none."""
    return gettext.translation(DOMAIN, localedir, fallback=True)


def text(msgid: str) -> str:
    """The words for people of `msgid` (English) in the user's language."""
    return catalogue().gettext(msgid)


def plural(n: int, singular: str, plural: str, *, stored: bool = False) -> str:
    """A count with its noun, in gettext's ngettext style: the message in the form `n` takes (a language
    has its own rule) with `{n}` filled in, e.g. plural(1, "{n} case", "{n} cases") is "1 case". Both forms
    are the catalogue's key, so a catalogue gives "{n} sag" / "{n} sager". `stored`: English whatever the
    reader's language, for text the database keeps (an audit row's detail)."""
    words = gettext.NullTranslations() if stored else catalogue()
    return words.ngettext(singular, plural, n).format(n=n)
