"""What need to know costs on PostgreSQL: the same commands as an advisor's login (row-level security on) and as
the administrator, on one generated department (issue 17).

    uv run python benchmarks/postgres.py                          # a throwaway server, 5,000 cases, 5 runs
    uv run python benchmarks/postgres.py --cases 20000 --events 200000 --runs 7
    uv run python benchmarks/postgres.py --url 'postgresql+psycopg://postgres@/{db}?host=/run/pg'  # a server of yours
    uv run python benchmarks/postgres.py --explain                # the policies' plans as each login, too

The server: with --url, a superuser's SQLAlchemy URL with `{db}` where the database goes (a database
`samfam_bench` is created on it, and dropped first if it exists); otherwise a throwaway cluster is started with
initdb/pg_ctl in a temporary directory, as the tests start theirs (tests/conftest.py), and removed afterwards.

The department: `benchmarks/generate.py` (samfam's own schema, then bulk inserted rows), then `samfam init`
again as the superuser, which sets up need to know (samfam.store.security), and ANALYZE. Four logins read it:

- `postgres`, the superuser: PostgreSQL bypasses row-level security for a superuser (even FORCE), so this is
  the same database without need to know: the baseline.
- `bench_admin`, a member of samfam_admin: row-level security on, every case passes (samfam_is_admin()).
- `bench_leader`, a member of samfam_teamleader, linked to a team leader: sees the team's cases.
- `bench_staff`, a member of samfam_staff, linked to an advisor (rådgiver): sees the advisor's own cases.

Each command runs as a whole child process (`samfam --db URL --today … COMMAND`, output to /dev/null), the
logins in turn within each run so that drift on a busy machine hits them alike. Figures per command and login,
the median of the runs: wall time, the client's CPU (user + system of the child, os.wait4) and, when the server
is on this machine, the server's CPU (what the postmaster's reaped backends used in the meantime: cutime +
cstime of the postmaster, read from /proc). The ratio is against the superuser; the target is ≤ 1.5×.

Figures, not tests: nothing fails when a target is missed; the verdict column says it.
"""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
SAMFAM = BIN / "samfam"
TODAY = "2026-11-22"
TARGET = 1.5
DATABASE = "samfam_bench"
LOGINS = {
    "postgres": None,  # the superuser (whoever --url names)
    "bench_admin": "samfam_admin",
    "bench_leader": "samfam_teamleader",
    "bench_staff": "samfam_staff",
}
COMMANDS = {
    "overdue": ["overdue", "-f", "json"],
    "case list": ["case", "list", "-f", "json"],
}
CLK_TCK = os.sysconf("SC_CLK_TCK")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", help="a superuser's SQLAlchemy URL with {db} for the database; default: a throwaway server")
    p.add_argument("--cases", type=int, default=5_000)
    p.add_argument("--events", type=int, default=50_000)
    p.add_argument("--advisors", type=int, default=100)
    p.add_argument("--teams", type=int, default=10)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--explain", action="store_true", help="print the plans of two policy-heavy queries per login")
    return p.parse_args(argv)


# -- the server ------------------------------------------------------------------------------------------------


class Server:
    """A throwaway cluster (initdb, pg_ctl), run as the 'postgres' user when this runs as root."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="samfam-bench-pg-"))
        self.data, self.socket = self.root / "data", self.root / "run"
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            pwd.getpwnam("postgres")  # KeyError: no user to run the server as
            self.prefix = ["runuser", "-u", "postgres", "--"]

    def start(self) -> str:
        if not (shutil.which("initdb") and shutil.which("pg_ctl")):
            sys.exit("postgres.py: no initdb/pg_ctl on this machine; give --url")
        self.socket.mkdir()
        if self.prefix:
            shutil.chown(self.root, "postgres")
            shutil.chown(self.socket, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        options = f"-k {self.socket} -c listen_addresses='' -c fsync=off -c shared_buffers=128MB"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-l", str(self.root / "log"), "start")
        return f"postgresql+psycopg://postgres@/{{db}}?host={self.socket}"

    def stop(self) -> None:
        subprocess.run([*self.prefix, "pg_ctl", "-D", str(self.data), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, *argv: str) -> None:
        subprocess.run([*self.prefix, *argv], check=True, capture_output=True)


def as_login(url: str, login: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(username=login, password=None).render_as_string(hide_password=False)


def raw(url: str) -> str:
    return url.replace("postgresql+psycopg", "postgresql")


def postmaster_pid(conn) -> int | None:
    """The postmaster's pid when its data directory is readable here (the server is on this machine)."""
    try:
        data = conn.execute("SHOW data_directory").fetchone()[0]
        return int(Path(data, "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def server_cpu(pid: int | None) -> float | None:
    """CPU seconds of the postmaster's reaped children (the backends that have ended)."""
    if pid is None:
        return None
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / CLK_TCK  # cutime, cstime (fields 16, 17 of stat)


# -- the department ---------------------------------------------------------------------------------------------


def build(server_url: str, args: argparse.Namespace) -> tuple[str, dict[str, str]]:
    """The database and its logins; its URL (as the superuser) and the advisor each login is linked to."""
    import psycopg

    with psycopg.connect(raw(server_url.format(db="postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    url = server_url.format(db=DATABASE)
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), "--db", url, "--cases", str(args.cases), "--events",
         str(args.events), "--advisors", str(args.advisors), "--teams", str(args.teams), "--quiet"],
        check=True,
    )  # fmt: skip
    samfam(url, "init")  # as the superuser: need to know (the generator's own init did it too; idempotent)
    with psycopg.connect(raw(url), autocommit=True) as conn:
        for login, group in LOGINS.items():
            if group is None:
                continue
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone():
                conn.execute(f"CREATE ROLE {login} LOGIN")
            conn.execute(f"GRANT {group} TO {login}")
        # generate.py: the first `teams` advisors lead a team each; the next one is a rådgiver in the first team.
        leader = conn.execute("SELECT initials FROM advisor WHERE id = 1").fetchone()[0]
        staff = conn.execute("SELECT initials FROM advisor WHERE id = %s", (args.teams + 1,)).fetchone()[0]
    samfam(url, "advisor", "update", leader, "--login", "bench_leader")
    samfam(url, "advisor", "update", staff, "--login", "bench_staff")
    with psycopg.connect(raw(url), autocommit=True) as conn:
        conn.execute("ANALYZE")
    took = time.perf_counter() - t0
    print(f"department built in {took:.1f} s: {args.cases:,} cases, {args.events:,} events, {args.advisors} "
          f"advisors in {args.teams} teams; bench_leader = {leader}, bench_staff = {staff}")  # fmt: skip
    return url, {"bench_leader": leader, "bench_staff": staff}


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMFAM_")}
    env["COLUMNS"] = "160"
    return env


def samfam(url: str, *argv: str) -> str:
    result = subprocess.run(
        [str(SAMFAM), "--db", url, "--today", TODAY, *argv], capture_output=True, text=True, env=child_env()
    )
    if result.returncode not in (0, 3):
        sys.exit(f"samfam {' '.join(argv)}: exit {result.returncode}: {result.stderr.strip()}")
    return result.stdout


def timed(url: str, argv: list[str], pid: int | None) -> tuple[float, float, float | None]:
    """(wall, client CPU, server CPU) of one run of the command as a child process."""
    before = server_cpu(pid)
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen([str(SAMFAM), "--db", url, "--today", TODAY, *argv], stdout=sink,
                                 stderr=subprocess.PIPE, env=child_env())  # fmt: skip
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - t0
    error = child.stderr.read().decode() if child.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 3):
        sys.exit(f"samfam {' '.join(argv)}: {error.strip()}")
    cpu = usage.ru_utime + usage.ru_stime
    if pid is None:
        return wall, cpu, None
    time.sleep(0.15)  # the backend ends once the client has gone; the postmaster reaps it
    after = server_cpu(pid)
    return wall, cpu, (after - before) if before is not None and after is not None else None


def rows_shown(url: str, argv: list[str]) -> int:
    import json

    return len(json.loads(samfam(url, *argv) or "[]"))


# -- the plans ----------------------------------------------------------------------------------------------------

EXPLAINED = {
    "cases": "SELECT count(*) FROM cases",
    "events of open cases": "SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_id WHERE c.closed IS NULL",
}


def explain(url: str, logins: list[str]) -> None:
    import psycopg

    for login in logins:
        with psycopg.connect(raw(as_login(url, login)), autocommit=True) as conn:
            for name, sql in EXPLAINED.items():
                plan = [r[0] for r in conn.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) {sql}")]
                print(f"\n-- {login}: {name}: {sql}")
                for line in plan:
                    print("   " + line)


# -- main ------------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    import psycopg

    args = parse_args(argv)
    server = None if args.url else Server()
    server_url = args.url or server.start()  # type: ignore[union-attr]
    superuser = raw(server_url.format(db="postgres"))
    try:
        url, _linked = build(server_url, args)
        with psycopg.connect(superuser) as conn:
            pid = postmaster_pid(conn)
            version = conn.execute("SHOW server_version").fetchone()[0]
        urls = {login: url if group is None else as_login(url, login) for login, group in LOGINS.items()}
        shown = {(c, login): rows_shown(urls[login], argv) for c, argv in COMMANDS.items() for login in LOGINS}
        for argv in COMMANDS.values():  # warm the server's caches and the bytecode
            for login in LOGINS:
                timed(urls[login], argv, None)
        figures: dict[tuple[str, str], list[tuple[float, float, float | None]]] = {}
        for _ in range(args.runs):
            for command, argv in COMMANDS.items():
                for login in LOGINS:
                    figures.setdefault((command, login), []).append(timed(urls[login], argv, pid))
        print(f"\nPostgreSQL {version}, {os.cpu_count()} cores; median of {args.runs} runs; ratio: against the "
              f"superuser (no row-level security), target ≤ {TARGET}×")  # fmt: skip
        header = f"{'command':<10} {'login':<13} {'rows':>5} {'wall s':>7} {'client CPU':>10} {'server CPU':>10}"
        print(header + f" {'wall ×':>7} {'CPU ×':>6}  verdict")
        for command in COMMANDS:
            base = figures[(command, "postgres")]
            base_wall = statistics.median(w for w, _, _ in base)
            base_cpu = statistics.median(c + (s or 0) for _, c, s in base)
            for login in LOGINS:
                runs = figures[(command, login)]
                wall = statistics.median(w for w, _, _ in runs)
                client = statistics.median(c for _, c, _ in runs)
                server_s = [s for _, _, s in runs if s is not None]
                server_cpu_s = statistics.median(server_s) if server_s else None
                total = statistics.median(c + (s or 0) for _, c, s in runs)
                ratio_wall, ratio_cpu = wall / base_wall, total / base_cpu
                verdict = "" if login == "postgres" else ("ok" if ratio_wall <= TARGET else "OVER")
                served = f"{server_cpu_s:10.3f}" if server_cpu_s is not None else f"{'-':>10}"
                print(f"{command:<10} {login:<13} {shown[(command, login)]:>5} {wall:7.3f} {client:10.3f} {served}"
                      f" {ratio_wall:7.2f} {ratio_cpu:6.2f}  {verdict}")  # fmt: skip
        print("CPU × compares client + server CPU; wall × decides the verdict.")
        if args.explain:
            explain(url, [login for login in LOGINS])
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
