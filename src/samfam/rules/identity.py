"""Validating and masking the identifiers people type: case references, initials, PostgreSQL logins, CPR
numbers.

Pure: the standard library, and python-stdnum's CPR validator (no I/O, no clock)."""

from __future__ import annotations

import re
from datetime import date

from samfam.errors import InvalidValue, UsageError
from samfam.words import Phrase, mark

#: The refusal of --user on a database with no staff yet (being set up: init, advisor add, import, demo).
NO_STAFF = mark("no staff yet: leave --user out; the OS login acts")

_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$")
_INITIALS = re.compile(r"[A-ZÆØÅ0-9]{1,16}")
#: A PostgreSQL login as an unquoted identifier: a letter or _ first, then letters, digits or _; at most 63
#: characters (NAMEDATALEN - 1). PostgreSQL folds an unquoted name to lower case, and so does samfam.
_LOGIN = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def case_ref(text: str) -> str:
    ref = text.strip()
    if not _REF.fullmatch(ref):
        raise UsageError(
            "'{text}' is not a case reference; use letters, digits and - . / _ (up to 32 characters), e.g. 2026-0142",
            text=text,
        )
    return ref


def initials(text: str) -> str:
    value = text.strip().upper()
    if not _INITIALS.fullmatch(value):
        raise UsageError("'{text}' are not initials; use 1-16 letters or digits, e.g. MKJ", text=text)
    return value


def login(text: str) -> str:
    """A PostgreSQL login to link to an advisor (`advisor add/update --login`), in lower case as PostgreSQL
    keeps an unquoted name."""
    value = text.strip().lower()
    if not _LOGIN.fullmatch(value):
        raise UsageError(
            "'{text}' is not a PostgreSQL login samfam links; use up to 63 letters (a-z), digits or _, beginning "
            "with a letter or _, e.g. mkj",
            text=text,
        )
    return value


#: python-stdnum's reasons a CPR number is refused (its exceptions' messages, as a refusal gives them).
_STDNUM = (
    mark("the number has an invalid length"),
    mark("the number has an invalid format"),
    mark("one of the parts of the number are invalid or unknown"),
    mark("the number's checksum or check digit is invalid"),
)


def cpr_number(text: str, today: date) -> tuple[str, date]:
    """A valid CPR number as DDMMYY-SSSS, and the birth date it gives.

    Validated by python-stdnum: format and birth date (the 7th digit gives the century). No
    modulus-11 check: valid numbers without it have been issued since 2007. Imported here, not at the
    top: most commands never validate a CPR number, and python-stdnum costs every command otherwise.
    """
    from stdnum.dk import cpr as stdnum_cpr
    from stdnum.exceptions import ValidationError

    try:
        compact = stdnum_cpr.validate(text)
        born = stdnum_cpr.get_birth_date(compact)
    except ValidationError as exc:
        raise InvalidValue(
            "invalid CPR number '{cpr}': {why}; expected DDMMYY-SSSS with a real birth date",
            cpr=mask_cpr(text),
            why=Phrase(str(getattr(exc, "message", exc)).rstrip(".").lower()),  # python-stdnum's, _STDNUM
        ) from None
    if born > today:
        raise InvalidValue(
            "invalid CPR number '{cpr}': birth date {born} is after today", cpr=mask_cpr(text), born=str(born)
        )
    return stdnum_cpr.format(compact), born


def mask_cpr(cpr: str | None) -> str | None:
    """DDMMYY-XXXX: the birth date stays readable, the serial number is hidden."""
    if cpr is None:
        return None
    compact = re.sub(r"[\s-]", "", cpr)
    if len(compact) < 6:
        return "XXXXXX-XXXX"
    return f"{compact[:6]}-XXXX"
