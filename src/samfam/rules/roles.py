"""Who may do what (issue 17 item 2, docs/privacy.md "Who may do what"): the team leader's operations, the
administrator's, and the one thing nobody may do, change their own role.

Pure: who acts (an `Actor`, as `samfam.store.identity.actor` settles it) and the operation in, a refusal naming
who may out (standard library only, and samfam.words' marks for the refusals' words).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from samfam.errors import NotPermitted
from samfam.words import Phrase, mark

#: Roles that name a team leader (or someone above), matched case-insensitively: they lead their team.
LEADER_ROLES = ("leder", "leader", "chef", "manager")


def is_leader(role: str | None) -> bool:
    return any(word in (role or "").casefold() for word in LEADER_ROLES)


class Actor(NamedTuple):
    """Who acts, as far as their rights go.

    `user` is who the audit log names (initials, or a login name); `initials`, `role` and `team` the acting
    advisor's (None when no advisor acts: the OS login on SQLite, an administrator's or the DPO's login on
    PostgreSQL); `admin` the database's administrator (PostgreSQL: a superuser, the database's owner or a member
    of samfam_admin; SQLite: the OS login that owns the file, acting without --user); `leader_group` a member of
    PostgreSQL's samfam_teamleader (a team leader by grant, as by a role naming one).
    """

    user: str
    admin: bool = False
    initials: str | None = None
    role: str | None = None
    team: str | None = None
    leader_group: bool = False

    @property
    def leads(self) -> bool:
        """Whether the acting advisor leads a team (their own: `team`)."""
        return self.initials is not None and (is_leader(self.role) or self.leader_group)


#: Who may do each operation besides the administrator, who may do every one of them:
#: TEAM the leader of the team concerned (every team it concerns), ANY a leader of any team (municipality-wide
#: settings), ADMIN nobody else.
TEAM = "team"
ANY = "any"
ADMIN = "admin"

OPERATIONS: dict[str, str] = {
    "advisor.add": TEAM,
    "advisor.update": TEAM,
    "advisor.leave": TEAM,
    "advisor.away": TEAM,
    "advisor.absence-remove": TEAM,
    "advisor.login": ADMIN,  # linking a PostgreSQL login: setting up who acts
    "team.rhythm": TEAM,
    "access.signoff": TEAM,
    "dag --advisor": TEAM,  # another advisor's day (samfam dag): their team's leader
    "dag --team": TEAM,  # a team's day
    "frist.set": ANY,
    "closed-day.add": ANY,
    "closed-day.remove": ANY,
    "retention.propose": ANY,
    "retention.approve": ANY,
    "retention.apply": ADMIN,  # every team's closed cases and the whole log: only an administrator sees them
}

#: How a refusal names who may, when it names no team (marked: said in the reader's language); the leader of a
#: team named is said in the refusal's own words (`refused`).
_WHO = {
    ANY: Phrase(mark("a team leader or the administrator")),
    ADMIN: Phrase(mark("the administrator")),
}
_NO_TEAM = Phrase(mark("the administrator (an advisor without a team has no team leader)"))
_THE_TEAM = Phrase(mark("a team leader of the team or the administrator"))
_NONE = Phrase(mark("none"))


#: What a statement the database refuses to the login would have done, by its first word (samfam.store.refusal
#: says so: "your login 'ab' may not add rows to cases"); any other statement "may not use" the table.
STATEMENT_REFUSED = {
    "INSERT": Phrase(mark("may not add rows to")),
    "UPDATE": Phrase(mark("may not change rows of")),
    "DELETE": Phrase(mark("may not delete rows of")),
    "SELECT": Phrase(mark("may not read")),
}
ANY_STATEMENT_REFUSED = Phrase(mark("may not use"))
#: The table of a refused statement whose message names none.
THAT_TABLE = Phrase(mark("that table"))


def refused(actor: Actor, operation: str, teams: Iterable[str | None] = ()) -> NotPermitted | None:
    """Why `actor` may not do `operation` concerning `teams` (the teams of the advisors it changes, or the
    team itself; None for an advisor without a team, whom only the administrator changes), naming who may:
    the error to raise; None when they may. An unknown operation is a programming error (KeyError)."""
    kind = OPERATIONS[operation]
    if actor.admin:
        return None
    concerned = list(dict.fromkeys(teams))
    if kind == ANY and actor.leads:
        return None
    if kind == TEAM and actor.leads and concerned and all(t is not None and t == actor.team for t in concerned):
        return None
    named = [t for t in concerned if t is not None]
    if kind != TEAM or len(named) < len(concerned) or not named:
        who = _WHO[kind] if kind != TEAM else _NO_TEAM if named != concerned else _THE_TEAM
        if actor.initials is None:
            return NotPermitted(
                "{operation}: only {who} may; {user} acts, neither the administrator nor an advisor",
                operation=operation,
                who=who,
                user=actor.user,
            )
        return NotPermitted(
            "{operation}: only {who} may; {initials} acts (role {role}, team {own_team})",
            operation=operation,
            who=who,
            initials=actor.initials,
            role=actor.role or _NONE,
            own_team=actor.team or _NONE,
        )
    if len(named) == 1 and actor.initials is None:
        return NotPermitted(
            "{operation}: only a team leader of {team} or the administrator may; {user} acts, neither the "
            "administrator nor an advisor",
            operation=operation,
            team=named[0],
            user=actor.user,
        )
    if len(named) == 1:
        return NotPermitted(
            "{operation}: only a team leader of {team} or the administrator may; {initials} acts (role {role}, "
            "team {own_team})",
            operation=operation,
            team=named[0],
            initials=actor.initials,
            role=actor.role or _NONE,
            own_team=actor.team or _NONE,
        )
    if actor.initials is None:
        return NotPermitted(
            "{operation}: only a team leader of {teams} and {last} or the administrator may; {user} acts, neither "
            "the administrator nor an advisor",
            operation=operation,
            teams=" and ".join(named[:-1]),
            last=named[-1],
            user=actor.user,
        )
    return NotPermitted(
        "{operation}: only a team leader of {teams} and {last} or the administrator may; {initials} acts (role "
        "{role}, team {own_team})",
        operation=operation,
        teams=" and ".join(named[:-1]),
        last=named[-1],
        initials=actor.initials,
        role=actor.role or _NONE,
        own_team=actor.team or _NONE,
    )


def refusal(actor: Actor, operation: str, teams: Iterable[str | None] = ()) -> str | None:
    """`refused`'s English, or None when `actor` may."""
    error = refused(actor, operation, teams)
    return error.message if error is not None else None


def may(actor: Actor, operation: str, teams: Iterable[str | None] = ()) -> bool:
    return refusal(actor, operation, teams) is None


def own_role(actor: Actor, advisor: str) -> NotPermitted | None:
    """Why `actor` may not change `advisor`'s role: it is their own (nobody may, the administrator included,
    when linked to that advisor); None otherwise."""
    if actor.initials is not None and actor.initials == advisor:
        return NotPermitted(
            "nobody changes their own role; {advisor}'s role is changed by their team leader or the administrator",
            advisor=advisor,
        )
    return None


def may_approve(actor: Actor, proposal: int, proposer: str, one_person_file: bool) -> NotPermitted | None:
    """Why `actor` may not approve retention proposal `proposal` made by `proposer` (it takes a second person);
    None when they may. On one person's SQLite file the administrator (the file's owner, the one person) may
    approve their own proposal: a second identity there would be the same person under another name
    (docs/privacy.md § 4)."""
    if actor.user != proposer:
        return None
    if one_person_file and actor.admin:
        return None
    return NotPermitted(
        "retention proposal {proposal}: {proposer} proposed it; retention takes two people: another team leader or "
        "the administrator approves",
        proposal=str(proposal),
        proposer=proposer,
    )
