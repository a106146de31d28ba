"""Who acts, on which database, on which day: resolved from options, environment and defaults.

Kept light: importing this module must not import SQLAlchemy (it runs for `--help`).
"""

from __future__ import annotations

import getpass
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
DB_FILENAME = "samfam.db"
DEMO_FILENAME = "samfam-demo.db"


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("samfam", appauthor=False))


def config_dir() -> Path:
    """The user's samfam config folder (the audit key and the witness, docs/privacy.md § 2):
    SAMFAM_CONFIG_DIR, else the platform's (~/.config/samfam on Linux)."""
    import os

    if given := os.environ.get("SAMFAM_CONFIG_DIR"):
        return Path(given)
    import platformdirs

    return Path(platformdirs.user_config_dir("samfam", appauthor=False))


def cache_dir() -> Path:
    """The user's samfam cache folder (a year's public holidays, babel's month names: memos that can be made
    again): SAMFAM_CACHE_DIR, else the platform's (~/.cache/samfam on Linux)."""
    import os

    if given := os.environ.get("SAMFAM_CACHE_DIR"):
        return Path(given)
    import platformdirs

    return Path(platformdirs.user_cache_dir("samfam", appauthor=False))


def default_db() -> str:
    return str(data_dir() / DB_FILENAME)


def default_demo_db() -> str:
    return str(data_dir() / DEMO_FILENAME)


def today_in_copenhagen() -> date:
    return datetime.now(COPENHAGEN).date()


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (e.g. a container without a passwd entry)
        return "unknown"


def is_url(db: str) -> bool:
    return "://" in db


def to_url(db: str) -> str:
    """A file path becomes an SQLite URL; an SQLAlchemy URL is kept as it is."""
    if is_url(db):
        return db
    return "sqlite:///" + str(Path(db).expanduser().resolve())


#: The databases samfam works with (a URL's backend, before any `+driver`): SQLite and PostgreSQL.
BACKENDS = ("sqlite", "postgresql")
#: What --db takes, for an error that names it.
DB_FORMS = "a file path or sqlite:///PATH (SQLite), or postgresql+psycopg://USER@HOST/DATABASE (PostgreSQL)"


def supported(db: str) -> bool:
    """Whether samfam works with the database: a file path, or a URL of SQLite or PostgreSQL."""
    return not is_url(db) or db.partition("://")[0].partition("+")[0].lower() in BACKENDS


def display_db(db: str) -> str:
    """The database for messages: a password there shown as `***` (in the user part or as `password=` in the
    query); a URL without one as it is."""
    if not is_url(db):
        return db
    scheme, _, rest = db.partition("://")
    if "@" in rest:
        creds, _, host = rest.rpartition("@")
        user, _, password = creds.partition(":")
        if password:
            rest = f"{user}:***@{host}"
    rest = re.sub(r"(?i)([?&]password=)[^&]*", r"\1***", rest)
    return f"{scheme}://{rest}"


def without_password(db: str) -> str:
    """A database as it may be printed for someone to copy: a URL without its password, which libpq then
    takes from ~/.pgpass or PGPASSWORD (a masked `***` would be copied as the password and fail)."""
    if not is_url(db):
        return db
    scheme, _, rest = db.partition("://")
    if "@" not in rest:
        return db
    creds, _, host = rest.rpartition("@")
    return f"{scheme}://{creds.split(':', 1)[0]}@{host}"


def has_password(db: str) -> bool:
    return without_password(db) != db


@dataclass(frozen=True)
class Settings:
    """`user` is who acts before the database is asked (the initials given with --user, else the OS login);
    `claimed` the initials given with --user or SAMFAM_USER (validated), None when none were given; `os_login`
    the operating-system login, on every audit row; `fixed_day` whether --today or SAMFAM_TODAY fixed the day.
    Who really acts is settled when the database is first opened (samfam.store.identity): on PostgreSQL the
    login decides, never --user."""

    db: str
    user: str
    today: date
    purpose: str | None = None  # why personal data is looked at (the access log); None: the command's own
    claimed: str | None = None
    os_login: str = field(default_factory=lambda: os_user())
    #: Whether `today` was fixed (--today or SAMFAM_TODAY) rather than read from the clock; what must use the
    #: real clock (retention's proposal, approval and application) refuses a fixed day.
    fixed_day: bool = False

    @property
    def url(self) -> str:
        return to_url(self.db)


def resolve(db: str | None, user: str | None, today: date | None, purpose: str | None = None) -> Settings:
    """Options win over the environment (SAMFAM_DB, SAMFAM_USER, SAMFAM_TODAY), then defaults.

    Typer reads the environment variables into the options, so here only the defaults remain: `user` is the
    initials given with --user or SAMFAM_USER, validated already (samfam.cli.app), or None.
    """
    login = os_user()
    return Settings(
        db=db or default_db(),
        user=user or login,
        today=today or today_in_copenhagen(),
        purpose=" ".join(purpose.split()) if purpose else None,
        claimed=user or None,
        os_login=login,
        fixed_day=today is not None,
    )
