"""The same commands on PostgreSQL give the same answers as on SQLite.

A throwaway PostgreSQL cluster is started for the session when the server's programs are on this
machine (initdb, pg_ctl); elsewhere these tests are skipped with the reason. SAMFAM_TEST_PG_URL
points them at an existing server instead.
"""

from __future__ import annotations

import pytest

from conftest import Samfam
from support import ME, d

pytestmark = pytest.mark.postgres


def _world(s: Samfam) -> None:
    """A small team whose cases touch every rule: both laws, both tracks, unclassified, closure."""
    s.ok("init")
    s.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "Nord")
    s.ok("advisor", "add", "LBH", "--name", "Lars Bøgh Hansen", "--team", "Nord")
    s.ok("advisor", "update", "MKJ", "--caseload-target", "24")
    s.ok("case", "open", "2026-0001", "--child", "Alma Holm", "--advisor", "MKJ", "--born", "2019-04-02",
         "--opened", "2026-01-31", "--para", "BL 86", "--para", "BL 30", "--buddy", "LBH")  # fmt: skip
    s.ok("event", "add", "2026-0001", "followup", "--on", "2026-05-31", "--scale", "6")
    s.ok("case", "open", "2023-0002", "--child", "Oscar Lund", "--advisor", "LBH", "--born", "2010-11-30",
         "--opened", "2023-03-01", "--para", "SEL 41")  # fmt: skip
    s.ok("grant", "end", "2023-0002", "SEL 41", "--on", "2023-12-31")
    s.ok("grant", "add", "2023-0002", "BL 86", "--from", "2024-01-01")
    s.ok("grant", "add", "2023-0002", "BL 20", "--from", "2026-06-04")
    s.ok("event", "add", "2023-0002", "network-meeting", "--on", "2026-09-01")
    s.ok("case", "open", "2026-0003", "--child", "Ida Dahl", "--advisor", "MKJ", "--opened", "2026-02-01",
         "--para", "BL 30")  # fmt: skip
    s.ok("goal", "add", "2026-0001", "Alma sover i egen seng", "--horizon", "short", "--owner", "family",
         "--target", "2026-10-01")  # fmt: skip
    s.ok("actor", "add", "2026-0001", "school", "--name", "Kildeskolen")
    s.ok("experience", "add", "2026-0001", "2", "--on", "2026-03-01")
    s.ok("experience", "add", "2026-0001", "4", "--on", "2026-09-01")
    s.ok("case", "assign", "2026-0003", "--advisor", "LBH", "--on", "2026-11-18")


READS = [
    ["overdue", "-f", "json"],
    ["due", "--within", "60", "-f", "json"],
    ["case", "list", "--status", "all", "-f", "json"],
    ["explain", "2023-0002", "-f", "json"],
    ["deadlines", "--within", "3650", "-f", "json"],
    ["goals", "-f", "json"],
    ["caseload", "-f", "json"],
    ["report", "weekly", "-f", "json"],
    ["handover", "show", "2026-0003", "-f", "json"],
]


def test_postgresql_gives_the_same_answers_as_sqlite(tmp_path, pg_url):
    lite, pg = Samfam(tmp_path / "samfam.db"), Samfam(pg_url)  # type: ignore[arg-type]
    _world(lite)
    _world(pg)
    for argv in READS:
        expected, got = lite.ok(*argv), pg.ok(*argv)
        # Who acts differs, as it should (docs/privacy.md "Who acts"): on SQLite the OS login, on PostgreSQL
        # the superuser's login; everything else is the same.
        assert got.stdout.replace('"postgres"', '"<acting>"') == expected.stdout.replace(f'"{ME}"', '"<acting>"'), argv


def test_postgresql_refuses_to_change_the_audit_log(pg_url):
    import psycopg

    s = Samfam(pg_url)  # type: ignore[arg-type]
    s.ok("init")
    s.ok("advisor", "add", "MKJ", "--name", "Mette")
    with psycopg.connect(pg_url.replace("postgresql+psycopg", "postgresql")) as conn:
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            conn.execute("DELETE FROM audit_log")


def test_bad_input_on_postgresql_changes_nothing(pg_url):
    s = Samfam(pg_url)  # type: ignore[arg-type]
    _world(s)
    before = s.ok("audit", "--limit", "0", "-f", "json").json()
    result = s("case", "open", "2026-0001", "--child", "X", "--advisor", "MKJ")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: case '2026-0001' exists already")
    after = s.ok("audit", "--limit", "0", "-f", "json").json()
    # One new entry only: the first `audit` logging itself as a read (the refused write left nothing).
    assert after[1:] == before
    assert (after[0]["kind"], after[0]["action"]) == ("read", "audit")


#: Issue 19: LBH from 09-01, corrected to HEM from 08-01 (primary, then the buddy and the core team the same way).
BACKDATED = [
    ["case", "assign", "2026-0003", "--advisor", "LBH", "--on", "2026-09-01"],
    ["case", "assign", "2026-0003", "--advisor", "HEM", "--on", "2026-08-01", "--reason", "Forkert dato"],
    ["case", "buddy", "2026-0003", "LBH", "--on", "2026-09-15"],
    ["case", "buddy", "2026-0003", "MKJ", "--on", "2026-08-15", "--reason", "Forkert dato"],
    ["case", "member", "add", "2026-0003", "LBH", "--role", "psykolog", "--on", "2026-10-01"],
    ["case", "member", "add", "2026-0003", "LBH", "--role", "psykolog", "--on", "2026-09-01", "--reason", "Fejl"],
]


def test_a_back_dated_correction_on_postgresql_as_on_sqlite(tmp_path, pg_url):
    lite, pg = Samfam(tmp_path / "samfam.db"), Samfam(pg_url)  # type: ignore[arg-type]
    for s in (lite, pg):
        s.ok("init")
        for initials, name in [("MKJ", "Mette Kjær Jensen"), ("LBH", "Lars Bøgh Hansen"), ("HEM", "Hanne Madsen")]:
            s.ok("advisor", "add", initials, "--name", name, "--team", "Nord")
        s.ok("case", "open", "2026-0003", "--child", "Ida Dahl", "--advisor", "MKJ", "--opened", "2026-02-01",
             "--para", "BL 30")  # fmt: skip
        s.ok("event", "add", "2026-0003", "network-meeting", "--on", "2026-08-22")
        for argv in BACKDATED:
            s.ok(*argv)
    for argv in (["report", "weekly", "--team", "Nord", "-f", "json"], ["case", "show", "2026-0003", "-f", "json"]):
        expected, got = lite.ok(*argv, today=d("2026-08-25")), pg.ok(*argv, today=d("2026-08-25"))
        # Who acts differs (the OS login on SQLite, the superuser's login on PostgreSQL), nothing else.
        assert got.stdout.replace('"postgres"', '"<acting>"') == expected.stdout.replace(f'"{ME}"', '"<acting>"'), argv
    done = pg.ok("report", "weekly", "--team", "Nord", "-f", "json", today=d("2026-08-25")).json()
    assert {r["advisor"]: r["followups"] for r in done["followups_last_7_days"]} == {"HEM": 1}
