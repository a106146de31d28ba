"""Shared fixtures. Every test runs with a fixed `--today` and fictional people only."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import pwd
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samfam.cli.app import app
from support import OTHER, REF, add_actor, add_goal, add_task

TODAY = date(2026, 11, 22)

# Denmark's public holidays are cached per year (samfam.views.workdays): tests keep that cache out of home.
os.environ.setdefault("SAMFAM_CACHE_DIR", os.path.join(tempfile.gettempdir(), "samfam-test-cache"))
# What people read is in English in the tests (the golden outputs are English), whatever the developer's own
# SAMFAM_LANG or locale; a test of Danish asks for it (--lang da, SAMFAM_LANG=da, or LANG with SAMFAM_LANG unset).
os.environ["SAMFAM_LANG"] = "en"
# The audit key and the witness files of the tests' databases stay out of the user's config folder.
os.environ.setdefault("SAMFAM_CONFIG_DIR", tempfile.mkdtemp(prefix="samfam-test-config-"))
# Under PYTHONDONTWRITEBYTECODE=1 Python keeps no compiled modules: every xdist worker and every child process
# a test starts (`python -m samfam`, the pseudo-terminal runs) compiled samfam, SQLAlchemy, typer and rich from
# source again (~1 s of CPU each). Unless the environment is compiled already (README: `uv sync
# --compile-bytecode`), the test session keeps compiled modules in a folder of its own outside the tree, for
# itself, the workers and the children, and for later runs (Python checks each against its source's mtime).
if sys.flags.dont_write_bytecode and sys.pycache_prefix is None:
    import importlib.util

    compiled = importlib.util.cache_from_source(importlib.util.find_spec("sqlalchemy").origin)
    if not os.path.exists(compiled):
        sys.pycache_prefix = os.path.join(tempfile.gettempdir(), f"samfam-test-pycache-{os.getuid()}")
        sys.dont_write_bytecode = False
        os.environ["PYTHONPYCACHEPREFIX"] = sys.pycache_prefix
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)


class Samfam:
    """Runs samfam commands through typer's CliRunner on one database, with a fixed today. Without `user` the
    OS login acts (no --user, as someone at their own machine); `user="MKJ"` acts as that advisor."""

    def __init__(self, db: Path, today: date = TODAY, user: str | None = None) -> None:
        self.db = db
        self.today = today
        self.user = user
        self.runner = CliRunner()

    def __call__(
        self, *args: str, today: date | None = None, user: str | None = None, env=None, real_clock: bool = False
    ) -> Result:
        """`real_clock=True` gives no --today: the command reads the clock (retention's steps refuse a fixed
        day; a test fixes the clock itself with the `clock` fixture)."""
        acting = user or self.user
        argv = [
            "--db",
            str(self.db),
            *(["--user", acting] if acting else []),
            *([] if real_clock else ["--today", (today or self.today).isoformat()]),
        ]
        result = self.runner.invoke(app, [*argv, *args], env=env or {}, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    def ok(self, *args: str, **kwargs) -> Result:
        result = self(*args, **kwargs)
        assert result.exit_code == 0, f"exit {result.exit_code}: {result.stderr}{result.stdout}"
        return result

    def rows(self, table: str) -> list[tuple]:
        """Every row of a table, for before/after comparisons."""
        with sqlite3.connect(self.db) as conn:
            return conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()

    def snapshot(self) -> dict[str, list[tuple]]:
        with sqlite3.connect(self.db) as conn:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: self.rows(t) for t in tables}


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """`clock("2031-11-21")`: the store's clock (`UnitOfWork.now`, what retention takes as the real day and
    every audit row's moment) reads noon UTC on that day, for this test."""
    from datetime import UTC, datetime

    from samfam.store.work import UnitOfWork

    def _set(day: str) -> None:
        moment = datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)
        monkeypatch.setattr(UnitOfWork, "now", lambda self: moment)

    return _set


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated to the newest schema by `samfam init`, copied for each test."""
    path = tmp_path_factory.mktemp("template") / "samfam.db"
    Samfam(path).ok("init")
    with sqlite3.connect(path) as conn:  # fold the write-ahead log into the file before copying
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def samfam(tmp_path: Path, migrated_db: Path) -> Samfam:
    """An initialised, empty database (a copy of the session's migrated one, mode 0600 kept)."""
    target = tmp_path / "samfam.db"
    shutil.copy2(migrated_db, target)
    return Samfam(target)


def add_team(s: Samfam) -> Samfam:
    """Two advisors in team Nord, one in Syd."""
    s.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "Nord")
    s.ok("advisor", "add", "LBH", "--name", "Lars Bøgh Hansen", "--team", "Nord")
    s.ok("advisor", "add", "ATP", "--name", "Anders Toft Pedersen", "--team", "Syd")
    return s


def _built(tmp_path_factory: pytest.TempPathFactory, migrated_db: Path, name: str, *builds: Callable) -> Path:
    """A database built once a session (a worker) from the migrated one, for fixtures to copy."""
    path = tmp_path_factory.mktemp(name) / "samfam.db"
    shutil.copy2(migrated_db, path)
    s = Samfam(path)
    for build in builds:
        build(s)
    with sqlite3.connect(path) as conn:  # fold the write-ahead log into the file before copying
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _restore(s: Samfam, built: Path) -> Samfam:
    """Put a built database in place of the test's own (which no command has opened yet)."""
    shutil.copy2(built, s.db)
    return s


@pytest.fixture(scope="session")
def _team_db(tmp_path_factory, migrated_db) -> Path:
    return _built(tmp_path_factory, migrated_db, "team", add_team)


@pytest.fixture
def team(samfam: Samfam, _team_db: Path) -> Samfam:
    """Two advisors in team Nord, one in Syd (built once, copied for each test)."""
    return _restore(samfam, _team_db)


def built_once(tmp_path_factory: pytest.TempPathFactory, migrated_db: Path, build: Callable[[Samfam], object]) -> Path:
    """A database built by `build` from an empty one with the team, for a module to copy per test
    (`copy_of`): tests that only read a world need not build it again each time."""
    path = tmp_path_factory.mktemp("built") / "samfam.db"
    shutil.copy2(migrated_db, path)
    build(add_team(Samfam(path)))
    with sqlite3.connect(path) as conn:  # fold the write-ahead log into the file before copying
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def copy_of(built: Path, tmp_path: Path) -> Samfam:
    target = tmp_path / "samfam.db"
    shutil.copy2(built, target)
    return Samfam(target)


@dataclass
class Demo:
    """The demo database, built once a test session (a worker) by `samfam demo`, and what it printed.
    Tests only read it: a test that writes works on a copy."""

    samfam: Samfam
    output: Result


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    s = Samfam(path)  # --today 2026-11-22
    result = s("demo", "--db", str(path))
    assert result.exit_code == 0, result.stderr
    return Demo(s, result)


OpenCase = Callable[..., Result]


def opener(s: Samfam) -> OpenCase:
    """`open(ref, *paragraphs, advisor=, opened=, **options)`: a case for Alma Holm on `s`."""

    def _open(ref: str, *paras: str, advisor: str = "MKJ", opened: str = "2026-06-01", **options: str) -> Result:
        args = ["case", "open", ref, "--child", "Alma Holm", "--advisor", advisor, "--opened", opened]
        for p in paras:
            args += ["--para", p]
        for key, value in options.items():
            args += [f"--{key.replace('_', '-')}", value]
        return s.ok(*args)

    return _open


@pytest.fixture
def open_case(team: Samfam) -> OpenCase:
    return opener(team)


def _case1(s: Samfam) -> None:
    opener(s)(REF, "BL 86", opened="2026-06-01", born="2015-03-01")


@pytest.fixture(scope="session")
def _case1_db(tmp_path_factory, migrated_db) -> Path:
    return _built(tmp_path_factory, migrated_db, "case1", add_team, _case1)


@pytest.fixture
def case1(team, _case1_db):
    """Case 2026-0101: Alma Holm, born 2015-03-01 (16 on 2031-03-01, 18 on 2033-03-01), advisor MKJ
    (team Nord), BL 86 since 2026-06-01 (3-month track), no events, goals, actors or handovers."""
    return _restore(team, _case1_db)


@pytest.fixture(scope="session")
def _goal_db(tmp_path_factory, migrated_db) -> Path:
    return _built(tmp_path_factory, migrated_db, "goals", add_team, _case1, lambda s: _goal_world(s, opener(s)))


@pytest.fixture
def goal_world(case1, _goal_db):
    """Case 2026-0101 with actor 1 (school, on the case), actor 2 (PPR, left 2026-11-01) and goal 1;
    case 2026-0102 with actor 3 (daycare); case 2026-0103 closed 2026-10-01."""
    return _restore(case1, _goal_db)


def _goal_world(case1: Samfam, open_case: OpenCase) -> Samfam:
    add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "family", "--since", "2026-06-01")
    add_actor(case1, REF, "ppr", "PPR Nord", "--coordinator", "advisor", "--since", "2026-06-01")
    case1.ok("actor", "end", "2", "--on", "2026-11-01")
    add_goal(case1, REF, "Alma sover i egen seng", "short")
    open_case(OTHER, "BL 86", opened="2026-06-01")
    add_actor(case1, OTHER, "daycare", "Børnehuset Solsikken", "--coordinator", "family")
    open_case("2026-0103", "BL 86", opened="2026-06-01")
    case1.ok("case", "close", "2026-0103", "--reason", "Flyttet", "--on", "2026-10-01", "--force", "Flyttet")
    return case1


@pytest.fixture(scope="session")
def _plan_db(tmp_path_factory, migrated_db) -> Path:
    return _built(tmp_path_factory, migrated_db, "plan", add_team, _case1, _plan_world)


@pytest.fixture
def plan_world(case1, _plan_db):
    """Case 2026-0101 (Alma Holm, born 2015-03-01: 11 years old) with buddy LBH, a follow-up on
    2026-10-01 (3-month track -> next due 2027-01-01), one short and one long goal with a task each."""
    return _restore(case1, _plan_db)


def _plan_world(case1: Samfam) -> Samfam:
    case1.ok("case", "buddy", REF, "LBH")
    case1.ok("event", "add", REF, "followup", "--on", "2026-10-01", "--scale", "6")
    school = add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "family", "--contact", "Lærer Ane Berg")
    add_actor(case1, REF, "ppr", "PPR Nord")
    short = add_goal(case1, REF, "Alma sover i egen seng", "short", "family", "2027-02-01")
    long = add_goal(case1, REF, "Alma går i almindelig skole", "long", f"actor:{school}")
    add_task(case1, short, "Lave billedskema til aftenen", "family", "--due", "2026-12-15")
    add_task(case1, long, "Holde møde om skemaet", "advisor")
    return case1


# -- PostgreSQL: one throwaway server a test session (a worker), a new database a test ---------------
#
# A cluster is started with initdb/pg_ctl when the server's programs are on this machine (.ci/run
# installs them); elsewhere the PostgreSQL tests are skipped with the reason, unless
# SAMFAM_REQUIRE_POSTGRES is set (CI), where that is a failure. SAMFAM_TEST_PG_URL points them at a
# running server instead.


def _as_postgres_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("running as root without a 'postgres' user to run the server")
    return ["runuser", "-u", "postgres", "--"]


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    if url := os.environ.get("SAMFAM_TEST_PG_URL"):
        yield url
        return
    if not (shutil.which("initdb") and shutil.which("pg_ctl")):
        missing = "no PostgreSQL server programs (initdb, pg_ctl) on this machine"
        if os.environ.get("SAMFAM_REQUIRE_POSTGRES"):  # CI installs them: there, missing is a failure
            pytest.fail(missing + ", but SAMFAM_REQUIRE_POSTGRES is set")
        pytest.skip(missing)
    pytest.importorskip("psycopg")
    with running_server(f"/tmp/samfam-pg-{os.getpid()}") as socket:
        yield f"postgresql+psycopg://postgres@/{{db}}?host={socket}"


@contextlib.contextmanager
def running_server(where: str, hba: str | None = None) -> Iterator[Path]:
    """A new PostgreSQL cluster in `where`, listening on a socket there only, the superuser `postgres`
    trusted (`hba`: pg_hba.conf's lines instead); yields the socket's folder, then stops and removes it."""
    prefix = _as_postgres_user()
    root = Path(where)
    shutil.rmtree(root, ignore_errors=True)
    data, socket = root / "data", root / "run"
    root.mkdir()
    socket.mkdir()
    if prefix:
        shutil.chown(root, "postgres")
        shutil.chown(socket, "postgres")
    subprocess.run([*prefix, "initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
                   check=True, capture_output=True)  # fmt: skip
    if hba is not None:
        subprocess.run([*prefix, "bash", "-c", f"printf '{hba}' > {data}/pg_hba.conf"], check=True)
    options = f"-k {socket} -c listen_addresses='' -c fsync=off"
    subprocess.run([*prefix, "pg_ctl", "-D", str(data), "-o", options, "-w", "-l", str(root / "log"), "start"],
                   check=True, capture_output=True)  # fmt: skip
    try:
        yield socket
    finally:
        subprocess.run([*prefix, "pg_ctl", "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def fresh_database(pg_server: str, name: str) -> str:
    """The URL of a new, empty database named after `name` on the server: a new one each call, also when a
    worker sets a module's fixture up again (the last one may still have connections open)."""
    import psycopg

    name = f"{name}_{next(_DATABASES)}"
    admin = pg_server.replace("postgresql+psycopg", "postgresql").format(db="postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return pg_server.format(db=name)


_DATABASES = itertools.count()


@pytest.fixture
def pg_url(pg_server, request):
    """A new, empty database on the session's PostgreSQL server, as an SQLAlchemy URL."""
    import psycopg

    digest = hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:16]
    name = f"samfam_{digest}_{os.getpid()}_{next(_DATABASES)}"
    admin = pg_server.replace("postgresql+psycopg", "postgresql").format(db="postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return pg_server.format(db=name)
