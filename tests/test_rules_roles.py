"""Who may do what (samfam.rules.roles): the team leader's operations, the administrator's, one's own role."""

from __future__ import annotations

import pytest

from samfam.rules import roles
from samfam.rules.roles import Actor

ADMIN = Actor("tove", admin=True)  # PostgreSQL: an administrator's login; SQLite: the file's owner
OS_LOGIN = Actor("kim")  # SQLite: an OS login that does not own the file
LEADER_NORD = Actor("TL", initials="TL", role="Teamleder", team="Nord")
LEADER_SYD = Actor("SL", initials="SL", role="afdelingschef", team="Syd")
LEADER_NO_TEAM = Actor("NL", initials="NL", role="leder")
ADVISOR_NORD = Actor("MKJ", initials="MKJ", role="rådgiver", team="Nord")
GRANTED = Actor("AB", initials="AB", role="rådgiver", team="Nord", leader_group=True)  # samfam_teamleader
DPO = Actor("dpo")  # PostgreSQL: the data protection officer's login


@pytest.mark.parametrize(
    ("role", "leader"),
    [("teamleder", True), ("Team Leader", True), ("Afdelingschef", True), ("manager", True), ("rådgiver", False),
     ("", False), (None, False)],
)  # fmt: skip
def test_team_leaders_are_known_by_their_role(role, leader):
    assert roles.is_leader(role) is leader


TEAM_OPERATIONS = [op for op, kind in roles.OPERATIONS.items() if kind == roles.TEAM]
ANY_OPERATIONS = [op for op, kind in roles.OPERATIONS.items() if kind == roles.ANY]
ADMIN_OPERATIONS = [op for op, kind in roles.OPERATIONS.items() if kind == roles.ADMIN]


def test_the_operations_are_the_ones_the_issue_names():
    assert set(TEAM_OPERATIONS) == {"advisor.add", "advisor.update", "advisor.leave", "advisor.away",
                                    "advisor.absence-remove", "team.rhythm", "access.signoff",
                                    "dag --advisor", "dag --team"}  # fmt: skip
    assert set(ANY_OPERATIONS) == {"frist.set", "closed-day.add", "closed-day.remove", "retention.propose",
                                   "retention.approve"}  # fmt: skip
    assert set(ADMIN_OPERATIONS) == {"advisor.login", "retention.apply"}


@pytest.mark.parametrize(
    ("actor", "teams", "allowed"),
    [
        (ADMIN, ("Nord",), True),
        (ADMIN, (None,), True),  # an advisor without a team: the administrator
        (LEADER_NORD, ("Nord",), True),
        (LEADER_NORD, ("Nord", "Nord"), True),
        (LEADER_NORD, ("Syd",), False),  # another team's leader
        (LEADER_NORD, ("Nord", "Syd"), False),  # moving an advisor to another team: both teams' leader
        (LEADER_NORD, (None,), False),
        (LEADER_NORD, (), False),
        (LEADER_SYD, ("Syd",), True),
        (LEADER_NO_TEAM, (None,), False),  # leads no team
        (ADVISOR_NORD, ("Nord",), False),  # not a leader
        (GRANTED, ("Nord",), True),  # a member of samfam_teamleader leads their team too
        (GRANTED, ("Syd",), False),
        (OS_LOGIN, ("Nord",), False),
        (DPO, ("Nord",), False),
    ],
)
@pytest.mark.parametrize("operation", TEAM_OPERATIONS)
def test_a_teams_operations_are_its_leaders_and_the_administrators(operation, actor, teams, allowed):
    assert roles.may(actor, operation, teams) is allowed
    why = roles.refusal(actor, operation, teams)
    if not allowed:
        assert why is not None and why.startswith(f"{operation}: only ") and "the administrator" in why


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [(ADMIN, True), (LEADER_NORD, True), (LEADER_SYD, True), (GRANTED, True), (LEADER_NO_TEAM, True),
     (ADVISOR_NORD, False), (OS_LOGIN, False), (DPO, False)],
)  # fmt: skip
@pytest.mark.parametrize("operation", ANY_OPERATIONS)
def test_municipality_wide_settings_are_any_team_leaders(operation, actor, allowed):
    assert roles.may(actor, operation) is allowed


@pytest.mark.parametrize(
    ("actor", "allowed"), [(ADMIN, True), (LEADER_NORD, False), (GRANTED, False), (ADVISOR_NORD, False), (DPO, False)]
)
@pytest.mark.parametrize("operation", ADMIN_OPERATIONS)
def test_logins_and_applying_retention_are_the_administrators(operation, actor, allowed):
    assert roles.may(actor, operation, ("Nord",)) is allowed


@pytest.mark.parametrize(
    ("actor", "teams", "says"),
    [
        (ADVISOR_NORD, ("Nord",), "advisor.add: only a team leader of Nord or the administrator may; "
                                  "MKJ acts (role rådgiver, team Nord)"),
        (LEADER_NORD, ("Nord", "Syd"), "only a team leader of Nord and Syd or the administrator may"),
        (LEADER_NORD, (None,), "only the administrator (an advisor without a team has no team leader) may"),
        (OS_LOGIN, ("Nord",), "kim acts, neither the administrator nor an advisor"),
    ],
)  # fmt: skip
def test_a_refusal_names_who_may_and_who_acts(actor, teams, says):
    assert says in (roles.refusal(actor, "advisor.add", teams) or "")


def test_an_unknown_operation_is_a_programming_error():
    with pytest.raises(KeyError):
        roles.refusal(ADMIN, "case.open")


@pytest.mark.parametrize(
    ("actor", "advisor", "refused"),
    [
        (LEADER_NORD, "TL", True),  # a leader their own
        (ADVISOR_NORD, "MKJ", True),
        (Actor("TL", admin=True, initials="TL", role="leder", team="Nord"), "TL", True),  # an administrator too
        (LEADER_NORD, "MKJ", False),
        (ADMIN, "MKJ", False),  # an administrator's login is no advisor
    ],
)
def test_nobody_changes_their_own_role(actor, advisor, refused):
    why = roles.own_role(actor, advisor)
    assert (why is not None) is refused
    if refused:
        assert "own role" in why.message


@pytest.mark.parametrize(
    ("actor", "proposer", "one_person_file", "refused"),
    [
        (LEADER_SYD, "TL", False, False),  # another team leader
        (ADMIN, "TL", False, False),
        (LEADER_NORD, "TL", False, True),  # the proposer
        (LEADER_NORD, "TL", True, True),  # on SQLite too, acting as an advisor
        (Actor("tove", admin=True), "tove", False, True),  # an administrator on PostgreSQL: two people
        (Actor("tove", admin=True), "tove", True, False),  # the owner of one person's file
    ],
)
def test_retention_is_approved_by_a_second_person(actor, proposer, one_person_file, refused):
    why = roles.may_approve(actor, 7, proposer, one_person_file)
    assert (why is not None) is refused
    if refused:
        assert "two people" in why.message and proposer in why.message and "proposal 7" in why.message
