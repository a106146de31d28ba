"""docs/deployment.md works as written: its walkthrough blocks run in order on a throwaway server of their own.

The server is started as tests/conftest.py starts its own (initdb, pg_ctl, a socket only), but with passwords
as the page sets them up: the superuser `postgres` by trust (the page's first block is the DBA's), everyone
else by scram-sha-256, their passwords in one PGPASSFILE made of the page's pgpass blocks. Each block marked
`<!-- walkthrough: KIND as LOGIN -->` runs as that login:

- `sql`: each statement through psycopg;
- `pgpass`: its lines go into the password file;
- `sh`: `export NAME=VALUE` sets the environment of the lines after it, `samfam …` runs samfam as a child
  process, `pg_dump …` runs pg_dump; any other line fails the test (the page shows only what runs).

The host `db.kommune.dk` is replaced by the server's socket directory. At the end each advisor's login sees
only its cases.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import running_server

pytestmark = pytest.mark.postgres

psycopg = pytest.importorskip("psycopg")

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
HOST = "db.kommune.dk"
BLOCK = re.compile(r"<!-- walkthrough: (sql|sh|pgpass)(?: as (\w+))? -->\n```(\w+)\n(.*?)\n```", re.S)
SEES = {"ab": {"2026-0001", "2026-0003"}, "cd": {"2026-0002"}, "tl": {"2026-0001", "2026-0003"}}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The socket directory of a new cluster: trust for postgres, scram-sha-256 for every other login."""
    if not (shutil.which("initdb") and shutil.which("pg_ctl")):
        if os.environ.get("SAMFAM_REQUIRE_POSTGRES"):
            pytest.fail("no PostgreSQL server programs (initdb, pg_ctl), but SAMFAM_REQUIRE_POSTGRES is set")
        pytest.skip("no PostgreSQL server programs (initdb, pg_ctl) on this machine")
    with running_server(
        f"/tmp/samfam-deploy-{os.getpid()}", hba="local all postgres trust\nlocal all all scram-sha-256\n"
    ) as socket:
        yield socket


def _local(text: str, socket: Path) -> str:
    """The page's host as the throwaway server's socket."""
    return text.replace(f"@{HOST}/samfam", f"@/samfam?host={socket}").replace(HOST, str(socket))


def _statements(sql: str) -> list[str]:
    return [s.strip() for s in re.split(r";[ \t]*(?:--[^\n]*)?(?:\n|$)", sql) if s.strip()]


def _login_of(env: dict[str, str]) -> str:
    found = re.match(r"postgresql\+psycopg://(\w+)@", env.get("SAMFAM_DB", ""))
    assert found, "an sh block runs samfam only after 'export SAMFAM_DB=…' names the login"
    return found.group(1)


def _walk(socket: Path, work: Path) -> dict[str, dict[str, str]]:
    """Run every walkthrough block; the environment each login's last sh block left (for the checks after)."""
    passfile = work / "pgpass"
    passfile.write_text("")
    passfile.chmod(0o600)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SAMFAM_", "PG"))}
    base |= {"PGPASSFILE": str(passfile), "COLUMNS": "160", "SAMFAM_CACHE_DIR": str(work / "cache")}
    left: dict[str, dict[str, str]] = {}
    blocks = BLOCK.findall(PAGE)
    assert len(blocks) >= 12, "the walkthrough's blocks are marked"
    for kind, login, fence, body in blocks:
        body = _local(body, socket)
        if kind == "pgpass":
            assert fence == "text"
            with passfile.open("a") as out:
                out.write(body + "\n")
        elif kind == "sql":
            assert fence == "sql" and login
            database = "postgres" if login == "postgres" else "samfam"
            with psycopg.connect(host=str(socket), user=login, dbname=database, passfile=str(passfile),
                                 autocommit=True) as conn:  # fmt: skip
                for statement in _statements(body):
                    conn.execute(statement)
        else:
            assert fence == "sh" and login
            env = dict(base)
            for line in body.replace("\\\n", " ").splitlines():
                words = shlex.split(line, comments=True)
                if not words:
                    continue
                if words[0] == "export":
                    name, value = words[1].split("=", 1)
                    env[name] = value
                    continue
                if words[0] == "samfam":
                    assert _login_of(env) == login, line
                    argv = [sys.executable, "-m", "samfam", *words[1:]]
                elif words[0] == "pg_dump":
                    argv = words
                else:
                    raise AssertionError(f"the walkthrough runs samfam and pg_dump only, not: {line}")
                result = subprocess.run(argv, cwd=work, env=env, capture_output=True, text=True)
                assert result.returncode == 0, f"{login}: {line}\n{result.stderr}"
                assert "Error:" not in result.stderr, (line, result.stderr)
            left[login] = env
    return left


def test_the_deployment_page_runs_as_written_and_each_login_sees_only_its_cases(server, tmp_path):
    left = _walk(server, tmp_path)
    assert (tmp_path / "samfam.dump").stat().st_size > 0  # the owner's backup
    for login, cases in SEES.items():
        env = left[login]
        listed = subprocess.run([sys.executable, "-m", "samfam", "case", "list", "--status", "all", "-f", "json"],
                                cwd=tmp_path, env=env, capture_output=True, text=True, check=True)  # fmt: skip
        assert {row["case"] for row in json.loads(listed.stdout)} == cases, login
    # The DPO reads the whole log and no case; the owner administers (sees every case).
    dpo = left["dpo"]
    cases = subprocess.run([sys.executable, "-m", "samfam", "case", "list", "--status", "all", "-f", "json"],
                           cwd=tmp_path, env=dpo, capture_output=True, text=True, check=True)  # fmt: skip
    assert json.loads(cases.stdout) == []
    owner = left["samfam_dba"]
    everything = subprocess.run([sys.executable, "-m", "samfam", "case", "list", "-f", "json"], cwd=tmp_path,
                                env=owner, capture_output=True, text=True, check=True)  # fmt: skip
    assert {row["case"] for row in json.loads(everything.stdout)} == {"2026-0001", "2026-0002", "2026-0003"}
    # Passwords are checked (scram-sha-256): a wrong one is refused.
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(host=str(server), user="ab", dbname="samfam", password="forkert").close()
