"""The SQL that picks cases by a rule of `samfam.rules` gives the rule's answer: a case open on a day
(`scope.open_on` against `rules.cases.is_open`), an advisor who has left (`staff.departed` against
`rules.cases.has_left`), on every day around the dates that matter."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, select

from samfam.rules.cases import has_left, is_open
from samfam.store import tables as t
from samfam.store.queries import staff as staff_queries
from samfam.store.queries.scope import open_on

OPENED = date(2026, 3, 1)
#: ref -> closing day (None: still open)
CLOSED = {
    "2026-0001": None,
    "2026-0002": date(2026, 3, 1),
    "2026-0003": date(2026, 3, 2),
    "2026-0004": date(2026, 6, 30),
}
LEFT = {"AAA": None, "BBB": date(2026, 3, 1), "CCC": date(2026, 6, 30)}
DAYS = [OPENED + timedelta(days=n) for n in (-1, 0, 1, 2, 30, 120, 121, 200)]


@pytest.fixture(scope="module")
def conn():
    engine = create_engine("sqlite://")
    t.every_table().create_all(engine)
    with engine.begin() as c:
        for i, (initials, left) in enumerate(LEFT.items(), start=1):
            c.execute(t.advisor.insert().values(id=i, initials=initials, name=initials, left=left))
        for i, (ref, closed) in enumerate(CLOSED.items(), start=1):
            c.execute(
                t.cases.insert().values(
                    id=i, ref=ref, child_name="Alma Holm", advisor_id=1, complex=False, opened=OPENED, closed=closed
                )
            )
    with engine.connect() as c:
        yield c


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_open_on_in_sql_is_the_rule(conn, day: date) -> None:
    picked = set(conn.execute(select(t.cases.c.ref).where(open_on(day))).scalars())
    assert picked == {ref for ref, closed in CLOSED.items() if OPENED <= day and is_open(closed, day)}


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_departed_in_sql_is_the_rule(conn, day: date) -> None:
    assert set(staff_queries.departed(conn, day)) == {i for i, left in LEFT.items() if has_left(left, day)}


#: Grant codes around the paragraphs BL § 95 stk. 2 names (stored as canonical codes).
CODES = ["BL 19", "BL 19.2", "BL 20", "BL 20.3.1", "BL 18", "BL 190", "BL 32.1.7", "SEL 50", "SEL 50.1", "SEL 52.3.5"]


def test_the_investigations_that_bring_a_first_follow_up_forward_in_sql_are_the_rule() -> None:
    from samfam.rules.paragraphs import brings_first_followup_forward
    from samfam.store.queries import barometer as barometer_queries

    engine = create_engine("sqlite://")
    t.every_table().create_all(engine)
    with engine.begin() as c:
        c.execute(t.advisor.insert().values(id=1, initials="AAA", name="AAA"))
        c.execute(
            t.cases.insert().values(
                id=1, ref="2026-0001", child_name="Alma Holm", advisor_id=1, complex=False, opened=OPENED
            )
        )
        for i, code in enumerate(CODES, start=1):
            c.execute(t.grants.insert().values(id=i, case_id=1, code=code, start=OPENED, end=OPENED))
    with engine.connect() as c:
        picked = {g.code for g in barometer_queries.investigation_spans(c)}
    assert picked == {code for code in CODES if brings_first_followup_forward(code)}
    assert picked == {"BL 19", "BL 19.2", "BL 20", "BL 20.3.1", "SEL 50", "SEL 50.1"}
