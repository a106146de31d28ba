"""Import: the rows of one file (advisors, cases, applications, grants, actors, goals or events) written in one
transaction, each by the same action, with the same checks, as the command that creates one.

Each row is matched on its natural key (samfam.rules.transfer):

- absent → created (`new`);
- present with the same fields → left alone (`unchanged`): importing a file twice changes nothing;
- present with other fields → a `conflict`, never overwritten, unless `update` (then `updated`, where
  the command to change that field exists).

A row the command would refuse is `rejected` with the refusal's message. A file with any rejected or
conflicting row imports nothing, unless `skip_bad` (the good rows are imported). A dry run does
everything and rolls it all back. An interrupted import leaves the database as it was: one transaction.
Every audit row an import writes names the file and the line.
"""

from __future__ import annotations

import hashlib
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from samfam.actions import applications, care, cases, events, grants, staff
from samfam.context import App
from samfam.errors import InvalidValue, SamfamError, UsageError
from samfam.rules import goals as goal_rules
from samfam.rules import transfer as rules
from samfam.rules.actors import ACTOR_KIND_WORDS, COORDINATOR_WORDS, NOT_AGREED
from samfam.rules.applications import OUTCOME_WORDS
from samfam.rules.dates import DateSyntaxError, parse_date
from samfam.rules.events import EVENT_WORDS
from samfam.rules.identity import case_ref, cpr_number, initials
from samfam.store import tables as t
from samfam.store.queries import applications as application_queries
from samfam.store.queries import care as care_queries
from samfam.store.queries import cases as case_queries
from samfam.store.queries import staff as staff_queries
from samfam.store.records import Case, Event
from samfam.store.work import UnitOfWork
from samfam.views import lookups
from samfam.words import Phrase, mark, said


class RowConflict(SamfamError):
    """The row's key exists with other values (the message shows stored values: a read of that case). Its
    template is marked where it is raised (`mark`): the extractor knows samfam.errors' classes by name."""

    def __init__(self, message: str, case: str | None = None, **fields: object) -> None:
        super().__init__(message, **fields)
        self.case = case


class Refusal(str):
    """A refused row's reason: the error's `message` (`str`: English, what tests compare), with its template and
    fields, so that the report says it in the reader's language (`said`: on screen and in the .rejected.csv)."""

    template: str
    fields: dict[str, object]

    @classmethod
    def of(cls, error: SamfamError) -> Refusal:
        refusal = cls(error.message)
        refusal.template, refusal.fields = error.template, error.fields
        return refusal

    def said(self) -> str:
        """The reason in the reader's language, the one the import ran in: a reason's pieces (a conflict's
        differences) are said as the row is refused (samfam.words.said)."""
        return said(self.template, self.fields)


@dataclass
class Outcome:
    kind: str
    source: str
    rows: int = 0
    new: int = 0
    unchanged: int = 0
    updated: int = 0
    conflicts: int = 0
    rejected: list[tuple[int, Refusal, list[object]]] = field(default_factory=list)  # (line, reason, cells)
    written: bool = False
    shown: list[str] = field(default_factory=list)  # cases whose stored values a conflict's message shows

    @property
    def bad(self) -> int:
        return len(self.rejected)


# -- cells --------------------------------------------------------------------------------------------

#: One row of a file: its cells by field name (text from CSV; from xlsx also numbers, dates, booleans).
Values = dict[str, object]
#: A row's natural key, counted per file (events: the n-th row of a key is the n-th such event).
Key = tuple[object, ...]


#: Cases whose events an events import holds by natural key at once (`Seen.alike`).
ALIKE_CASES = 8


class Seen(Counter[Key]):
    """What an import has met so far: each natural key's count in the file, and the cases its rows name.

    Rows are written in batches, each under one savepoint; a batch with a bad row is undone and written
    again row by row (`import_rows`). Until a batch is kept, the counts it made are journaled, so that undoing
    it undoes them too. A case is looked up once per import (grants, events, actors and goals never change
    the case's own row)."""

    def __init__(self) -> None:
        super().__init__()
        self._journal: list[tuple[Key, int]] | None = None
        self._cases: dict[str, Case] = {}
        self._had_events: dict[int, bool] = {}
        self._alike: OrderedDict[int, dict[tuple[str, date, str | None], list[Event]]] = OrderedDict()

    def __setitem__(self, key: Key, count: int) -> None:
        if self._journal is not None:
            self._journal.append((key, self[key]))
        super().__setitem__(key, count)

    def begin(self) -> None:
        self._journal = []

    def keep(self) -> None:
        self._journal = None

    def undo(self) -> None:
        journal, self._journal = self._journal or [], None
        for key, count in reversed(journal):
            super().__setitem__(key, count)

    def case(self, uow: UnitOfWork, ref: str) -> Case:
        found = self._cases.get(ref)
        if found is None:
            found = self._cases[ref] = lookups.case(uow.conn, ref)
        return found

    def events_before(self, uow: UnitOfWork, case: Case) -> bool:
        """Whether the case had events before this import (asked once per case). When it had none, every
        event alike on it is one this import wrote for an earlier row of the file, so a row's look-up of its
        alike events can be skipped: they are fewer than the rows of its key met before it."""
        had = self._had_events.get(case.id)
        if had is None:
            had = self._had_events[case.id] = case_queries.has_events(uow.conn, case.id)
        return had

    def alike(self, uow: UnitOfWork, case: Case, kind: str, on: date, note: str | None) -> list[Event]:
        """The case's events (void ones too) of one kind on one day with one note, oldest first: the events a
        row's natural key is matched with. A case with no events before the import has none but those this
        import wrote, which never reach the row's count (none is read). Otherwise the case's events are read
        once and held by key, for the last few cases met (a file's rows come grouped by case): an index look-up
        a row read every event of the case on that day, and a case with thousands of events grew slower with
        each. What is held is the case's events as read; the events this import writes need not be added,
        since they never bring a key's events past the count of its rows met before."""
        if not self.events_before(uow, case):
            return []
        held = self._alike.get(case.id)
        if held is None:
            held = {}
            for event in case_queries.events_of(uow.conn, case.id, include_void=True):
                held.setdefault((event.kind, event.day, event.note), []).append(event)
            self._alike[case.id] = held
            if len(self._alike) > ALIKE_CASES:
                self._alike.popitem(last=False)
        else:
            self._alike.move_to_end(case.id)
        return held.get((kind, on, note), [])


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _date(value: object, what: str) -> date | None:
    if isinstance(value, date):
        return value
    text = _text(value).strip()
    if not text:
        return None
    try:
        return parse_date(text)
    except DateSyntaxError as exc:
        raise InvalidValue(
            "{what} '{text}': {reason}", what=what, text=text, reason=said(exc.template, exc.fields)
        ) from None


def _int(value: object, what: str) -> int | None:
    text = _text(value).strip()
    if not text:
        return None
    if not text.lstrip("-").isdigit() or not text.isascii():
        raise InvalidValue("{what} '{text}' is not a whole number", what=what, text=text)
    return int(text)


def _optional(value: object) -> str | None:
    text = _text(value).strip()
    return text or None


def _differences(pairs: Sequence[tuple[str, object, object]]) -> list[str]:
    """Each field whose value differs, said in the reader's language (`said`)."""
    return [
        said(mark("{name} is {old} here, {new} in the file"), {"name": name, "old": _shown(old), "new": _shown(new)})
        for name, old, new in pairs
        if old != new
    ]


def _shown(value: object) -> str:
    return Phrase(mark("empty")) if value in (None, "") else f"'{_text(value)}'"


def _conflict(what: str, differences: list[str], case: str | None = None) -> RowConflict:
    """`what` and the `differences` are said in the reader's language already (`said`)."""
    return RowConflict(
        mark("conflict: {what} exists already and {differences} (import with --update to change it)"),
        case,
        what=what,
        differences="; ".join(differences),
    )


# -- one row of each kind ------------------------------------------------------------------------------


def _advisor(uow: UnitOfWork, v: Values, update: bool, seen: Seen) -> str:
    code = initials(_text(v["initials"]))
    name = _text(v["name"]).strip()
    team, role = _optional(v.get("team")), _optional(v.get("role"))
    target = _int(v.get("caseload_target"), "caseload_target")
    left = _date(v.get("left"), "left")
    found = staff_queries.advisor_by_initials(uow.conn, code)
    if found is None:
        staff.add_advisor(uow, code, name, team, role)
        if target is not None:
            staff.update_advisor(uow, code, caseload_target=target)
        if left is not None:
            staff.advisor_leave(uow, code, left)
        return "new"
    # A file with a `left` column says the last day, or (an empty cell) that there is none; without the
    # column, the last day is not the file's to say.
    differences = _differences(
        [("name", found.name, name), ("team", found.team, team), ("role", found.role, role)]
        + ([("caseload_target", found.caseload_target, target)] if target is not None else [])
        + ([("left", found.left, left)] if "left" in v else [])
    )
    if not differences:
        return "unchanged"
    if not update:
        raise _conflict(said(mark("advisor {advisor}"), {"advisor": code}), differences)
    target_changed = target is not None and target != found.caseload_target
    if (name, team, role) != (found.name, found.team, found.role) or target_changed:  # not the last day alone
        staff.update_advisor(
            uow,
            code,
            name=name if name != found.name else None,
            team=team if team != found.team else None,
            role=role if role != found.role else None,
            caseload_target=target if target_changed else None,
        )
    if "left" in v and left != found.left:
        # Moved or undone as `advisor leave --on DATE --reason` / `--undo --reason` would (audited, the file
        # and line named).
        reason = "as the import file gives it" if found.left is not None else None
        staff.advisor_leave(uow, code, left, reason, undo=left is None)
    return "updated"


def _case(uow: UnitOfWork, v: Values, update: bool, seen: Seen) -> str:
    ref = case_ref(_text(v["case"]).strip())
    child = _text(v["child"]).strip()
    born = _date(v.get("born"), "born")
    cpr = _optional(v.get("cpr"))
    advisor = initials(_text(v["advisor"]))
    buddy = _optional(v.get("buddy"))
    opened = _date(v.get("opened"), "opened")
    complex_text = _text(v.get("complex"))
    complex_case = rules.yes_no(complex_text)
    if complex_case is None:
        raise InvalidValue("complex '{text}' is neither yes nor no (ja/nej, yes/no, 1/0, x)", text=complex_text)
    paragraphs = rules.split_list(_text(v.get("paragraphs")))
    closed = _date(v.get("closed"), "closed")
    reason = _optional(v.get("close_reason"))
    reopened = _date(v.get("reopened"), "reopened")
    if cpr is not None:
        cpr_text, cpr_born = cpr_number(cpr, uow.today)
        if born is not None and born != cpr_born:
            raise InvalidValue("born {born} is not the birth date the CPR number gives", born=born)
        born = None
    found = case_queries.case_by_ref(uow.conn, ref)
    if found is None:
        buddy_code = initials(buddy) if buddy else None
        case = cases.open_case(uow, ref, child, advisor, cpr, born, opened, tuple(paragraphs), buddy_code, complex_case)
        if reopened is not None:
            if reopened < case.opened or reopened > uow.today:
                raise InvalidValue("reopened {reopened} is not between the opening day and today", reopened=reopened)
            uow.update(t.cases, case.id, reopened=reopened)
        if closed is not None:
            cases.close_case(uow, ref, reason or "Lukket før importen", closed, force="lukket før importen")
        return "new"
    people = staff_queries.initials_by_id(uow.conn, [found.advisor_id, found.buddy_id])
    old_buddy = people.get(found.buddy_id) if found.buddy_id is not None else None
    pairs = [
        ("child", found.child_name, child),
        ("advisor", people.get(found.advisor_id), advisor),
        ("buddy", old_buddy, initials(buddy) if buddy else None),
        ("complex", bool(found.complex), complex_case),
        ("closed", found.closed, closed),
    ]
    if cpr is not None:
        pass  # compared below, never shown
    elif born is not None:
        pairs.append(("born", found.born, born))
    if opened is not None:
        pairs.append(("opened", found.opened, opened))
    differences = _differences(pairs)
    if cpr is not None and cpr_text != found.cpr:
        differences.append(said(mark("the CPR number differs (neither is shown)"), {}))
    if not differences:
        return "unchanged"
    if not update:
        raise _conflict(said(mark("case {ref}"), {"ref": ref}), differences, ref)
    if opened is not None and opened != found.opened:
        raise RowConflict(
            mark("conflict: case {ref} opened on {opened}; an opening day is not changed"),
            ref=ref,
            opened=found.opened,
        )
    if closed != found.closed:
        if found.closed is not None:
            cases.reopen_case(uow, ref, "Genåbnet ved import", closed or uow.today)
        if closed is not None:
            cases.close_case(uow, ref, reason or "Lukket ved import", closed, force="lukket ved import")
    if child != found.child_name or (cpr is not None and cpr_text != found.cpr) or complex_case != bool(found.complex):
        cases.update_case(uow, ref, "Rettet ved import", child=child if child != found.child_name else None,
                          cpr=cpr if cpr is not None and cpr_text != found.cpr else None,
                          complex_case=complex_case if complex_case != bool(found.complex) else None)  # fmt: skip
    if advisor != people.get(found.advisor_id):
        cases.assign_case(uow, ref, advisor)
    if (initials(buddy) if buddy else None) != old_buddy:
        cases.set_buddy(uow, ref, buddy)
    return "updated"


def _application(uow: UnitOfWork, v: Values, update: bool, seen: Seen) -> str:
    ref = case_ref(_text(v["case"]).strip())
    code = lookups.paragraph(_text(v["paragraph"]))
    received = _date(v.get("received"), "received")
    letter = _date(v.get("letter"), "letter")
    decided = _date(v.get("decided"), "decided")
    outcome = _optional(v.get("outcome"))
    outcome = OUTCOME_WORDS.resolve(outcome) if outcome is not None else None  # English or Danish
    grant_from, grant_to = _date(v.get("grant_from"), "grant_from"), _date(v.get("grant_to"), "grant_to")
    if received is None:
        raise InvalidValue("received is empty: give the day the application was received")
    if outcome is not None and decided is None:
        raise InvalidValue("outcome '{outcome}' without a decision date: give decided too", outcome=outcome)
    if decided is not None and outcome is None:
        raise InvalidValue(
            "decided {decided} without an outcome: give one of {choices}",
            decided=decided,
            choices=OUTCOME_WORDS.choices(),
        )
    if grant_from is not None and decided is None:
        raise InvalidValue("grant_from {start} without a decision: a decision adds the grant", start=grant_from)
    case = seen.case(uow, ref)
    same = application_queries.applications_alike(uow.conn, case.id, code, received)
    key = (ref, code, received)  # two alike are two: the n-th such row is the n-th such application
    nth = seen[key]
    seen[key] += 1
    if len(same) <= nth:
        added = applications.add_application(uow, ref, code, received).application
        if letter is not None:
            applications.record_letter(uow, added.id, letter)
        if decided is not None and outcome is not None:
            applications.decide_application(uow, added.id, outcome, decided, grant_from, grant_to)
        return "new"
    found = same[nth]
    grant = next((g for g in case_queries.grants_of(uow.conn, case.id) if g.id == found.grant_id), None)
    pairs = [("letter", found.letter, letter), ("decided", found.decided, decided), ("outcome", found.outcome, outcome)]
    if "grant_from" in v:  # the grant the decision added, unless voided since (the export writes it so)
        stored = (grant.start, grant.end) if grant is not None else (None, None)
        pairs += [("grant_from", stored[0], grant_from), ("grant_to", stored[1], grant_to)]
    differences = _differences(pairs)
    if not differences:
        return "unchanged"
    what = said(
        mark("application {code} received {received} on case {ref}"),
        {"code": code, "received": received.isoformat(), "ref": ref},
    )
    if not update or (found.letter is not None and found.letter != letter) or found.decided is not None:
        raise _conflict(what, differences, ref)  # a letter and a decision are recorded once
    if letter is not None and found.letter is None:
        applications.record_letter(uow, found.id, letter)
    if decided is not None and outcome is not None:
        applications.decide_application(uow, found.id, outcome, decided, grant_from, grant_to)
    return "updated"


def _grant(uow: UnitOfWork, v: Values, update: bool, seen: Seen) -> str:
    ref = case_ref(_text(v["case"]).strip())
    code = lookups.paragraph(_text(v["paragraph"]))
    start = _date(v.get("from"), "from") or uow.today
    end = _date(v.get("to"), "to")
    void = _optional(v.get("void_reason"))
    case = seen.case(uow, ref)
    same = [
        g for g in case_queries.grants_of(uow.conn, case.id, include_void=True) if g.code == code and g.start == start
    ]
    if not same:
        grant = grants.add_grant(uow, case, code, start, end)
        if void is not None:
            grants.void_grant(uow, ref, str(grant.id), void)
        return "new"
    found = same[0]
    differences = _differences([("to", found.end, end), ("void_reason", found.void_reason, void)])
    if not differences:
        return "unchanged"
    if not update or found.end is not None or end is None or void != found.void_reason:
        what = said(
            mark("grant {code} from {start} on case {ref}"), {"code": code, "start": start.isoformat(), "ref": ref}
        )
        raise _conflict(what, differences, ref)
    grants.end_grant(uow, ref, code, end)
    return "updated"


def _actor(uow: UnitOfWork, v: Values, update: bool, seen: Seen) -> str:
    ref = case_ref(_text(v["case"]).strip())
    kind = ACTOR_KIND_WORDS.resolve(_text(v["kind"]).strip())  # English or Danish, compared in English
    name = _text(v["name"]).strip()
    contact = _optional(v.get("contact"))
    coordinator = _optional(v.get("coordinator"))
    coordinator = COORDINATOR_WORDS.resolve(coordinator) if coordinator is not None else None
    coordinator = None if coordinator == NOT_AGREED else coordinator
    since = _date(v.get("since"), "since")
    until = _date(v.get("until"), "until")
    case = seen.case(uow, ref)
    same = [a for a in care_queries.actors_of(uow.conn, case.id) if a.name == name]
    if not same:
        actor = care.add_actor(uow, ref, kind, name, coordinator, contact, since)
        if until is not None:
            care.end_actor(uow, actor.id, until)  # as `actor end` does
        return "new"
    found = same[0]
    differences = _differences(
        [
            ("kind", found.kind, kind),
            ("contact", found.contact, contact),
            ("coordinator", found.coordinator, coordinator),
        ]
        + ([("until", found.until, until)] if until is not None else [])
    )
    if not differences:
        return "unchanged"
    ends = until is not None and until != found.until
    if not update or found.kind != kind or (ends and found.until is not None):  # an end date is recorded once
        raise _conflict(said(mark("actor '{name}' on case {ref}"), {"name": name, "ref": ref}), differences, ref)
    if contact != found.contact or coordinator != found.coordinator:
        care.update_actor(uow, found.id, contact=contact if contact != found.contact else None,
                          coordinator=coordinator if coordinator != found.coordinator else None)  # fmt: skip
    if ends:
        care.end_actor(uow, found.id, until)
    return "updated"


def _actor_id(uow: UnitOfWork, case: Case, name: str) -> int:
    """An actor named in a file: by name on the case (an id also works, as on the command line)."""
    actors = care_queries.actors_of(uow.conn, case.id)
    for actor in actors:
        if actor.name == name:
            return actor.id
    if name.isdigit() and name.isascii():
        return lookups.actor(uow.conn, int(name), case).id
    known = ", ".join(f"'{a.name}'" for a in actors) or Phrase(mark("none yet (import the actors first)"))
    raise InvalidValue("case {ref} has no actor '{name}'; its actors: {known}", ref=case.ref, name=name, known=known)


def _goal(uow: UnitOfWork, v: Values, update: bool, seen: Seen) -> str:
    ref = case_ref(_text(v["case"]).strip())
    text = _text(v["text"]).strip()
    horizon = goal_rules.HORIZON_WORDS.resolve(_text(v["horizon"]).strip())  # English or Danish
    owner = goal_rules.owner_word(_text(v["owner"]), "owner")  # family, advisor or actor:… (aktør:…)
    target = _date(v.get("target"), "target")
    status = _optional(v.get("status"))
    status = goal_rules.STATUS_WORDS.resolve(status) if status is not None else None
    case = seen.case(uow, ref)
    if owner.startswith("actor:") and not owner[6:].isdigit():
        owner = f"actor:{_actor_id(uow, case, owner[6:].strip())}"
    same = [g for g in care_queries.goals_of(uow.conn, case.id) if g.text == text]
    if not same:
        goal = care.add_goal(uow, ref, text, horizon, owner, target)
        if status is not None and status != goal.status:
            care.update_goal(uow, goal.id, status=status)
        return "new"
    found = same[0]
    shown_owner = found.owner_kind if found.owner_actor_id is None else f"actor:{found.owner_actor_id}"
    differences = _differences(
        [("horizon", found.horizon, horizon), ("owner", shown_owner, owner), ("target", found.target, target)]
        + ([("status", found.status, status)] if status is not None else [])
    )
    if not differences:
        return "unchanged"
    if not update or found.horizon != horizon or shown_owner != owner:
        raise _conflict(said(mark("goal '{text}' on case {ref}"), {"text": text, "ref": ref}), differences, ref)
    care.update_goal(uow, found.id, status=status if status != found.status else None,
                     target=target if target != found.target else None)  # fmt: skip
    return "updated"


def _event(uow: UnitOfWork, v: Values, update: bool, seen: Seen) -> str:
    ref = case_ref(_text(v["case"]).strip())
    kind = EVENT_WORDS.resolve(_text(v["kind"]).strip())  # English or Danish: the key holds the English
    on = _date(v.get("on"), "on") or uow.today
    note = _optional(v.get("note"))
    scale = _int(v.get("scale"), "scale")
    void = _optional(v.get("void_reason"))
    case = seen.case(uow, ref)
    with_ids = tuple(_actor_id(uow, case, name) for name in rules.split_list(_text(v.get("with"))))
    # Two phone calls on one day without a note are two events: the n-th such row of a file is the n-th
    # such event, so that an export imported again neither loses nor doubles them.
    # The key as a 16-byte digest (no note and an empty one apart): a million events' keys held as tuples
    # with their dates took some 200 MB.
    text = f"{ref}\x1f{kind}\x1f{on.isoformat()}\x1f{'' if note is None else '=' + note}"
    key = (hashlib.blake2b(text.encode(), digest_size=16).digest(),)
    nth = seen[key]
    seen[key] += 1
    same = seen.alike(uow, case, kind, on, note)
    if len(same) <= nth:
        event = events.add_event(uow, case, kind, on, note, scale, with_ids)
        if void is not None:
            events.void_event(uow, event.id, void)
        return "new"
    found = same[nth]
    differences = _differences([("scale", found.scale, scale), ("void_reason", found.void_reason, void)])
    if not differences:
        return "unchanged"
    if not update or found.scale != scale or found.void_reason is not None:
        what = said(mark("{kind} on {on} on case {ref}"), {"kind": kind, "on": on.isoformat(), "ref": ref})
        raise _conflict(what, differences, ref)
    events.void_event(uow, found.id, void or "")
    return "updated"


IMPORTERS: dict[str, Callable[[UnitOfWork, Values, bool, Seen], str]] = {
    "advisors": _advisor,
    "cases": _case,
    "applications": _application,
    "grants": _grant,
    "actors": _actor,
    "goals": _goal,
    "events": _event,
}


# -- the file ------------------------------------------------------------------------------------------

#: Rows written under one savepoint (a savepoint per row cost a quarter of an import's time).
BATCH = 256


def check_header(kind: str, header: list[str], source: str, strict: bool = False) -> dict[int, str]:
    """Which column holds which field. A column samfam does not know is ignored (the command line warns),
    refused when `strict`."""
    mapping, unknown, missing = rules.header_map(kind, header)
    valid = rules.columns(kind)
    twice = rules.same_field(kind, header)
    if twice:
        raise InvalidValue(
            "'{source}' names a column twice: {twice}; keep one of each", source=source, twice=", ".join(twice)
        )
    if unknown and strict:
        named = ", ".join(f"'{h}'" for h in unknown)
        raise InvalidValue("'{source}' has columns samfam does not know for {kind}: {named}; "
                           "the columns are {valid} (without --strict they are ignored)",
                           source=source, kind=kind, named=named, valid=valid)  # fmt: skip
    if missing:
        raise InvalidValue("'{source}' has no column {missing}; the columns are {valid} "
                           "(see 'samfam import template {kind}')",
                           source=source, missing=", ".join(missing), valid=valid, kind=kind)  # fmt: skip
    return mapping


def _check_unheaded(header: list[str], rows: list[tuple[int, list[object]]], source: str) -> None:
    """A value in a column without a header would be dropped silently: refused, naming the column. An empty
    column without a header (a spreadsheet's stray formatting) is no matter."""
    width = len(header)
    unheaded = [i for i, h in enumerate(header) if not h.strip()]
    for line, cells in rows:
        if len(cells) <= width and not unheaded:
            continue
        for i in [*unheaded, *range(width, len(cells))]:
            if i < len(cells) and _text(cells[i]).strip():
                raise InvalidValue(
                    "'{source}' line {line} column {column} holds a value but the column has "
                    "no header; give it one, or remove the value",
                    source=source,
                    line=line,
                    column=i + 1,
                )


def import_rows(
    app: App,
    kind: str,
    source: str,
    header: list[str],
    rows: list[tuple[int, list[object]]],
    *,
    dry_run: bool = False,
    skip_bad: bool = False,
    update: bool = False,
    progress: Callable[[int], None] | None = None,
    strict: bool = False,
) -> Outcome:
    """Import a file's rows (line number, cells) of one kind; see the module's docstring."""
    if kind not in IMPORTERS:
        raise UsageError(
            "'{kind}' is not a kind of import; use one of: {kinds}", kind=kind, kinds=", ".join(rules.ORDER)
        )
    mapping = check_header(kind, header, source, strict)
    _check_unheaded(header, rows, source)
    outcome = Outcome(kind, source, rows=len(rows))
    importer = IMPORTERS[kind]
    seen = Seen()
    name = source.rsplit("/", 1)[-1]

    def one(line: int, cells: list[object]) -> str:
        uow.source = f"import {name} line {line}"
        return importer(uow, {key: (cells[i] if i < len(cells) else "") for i, key in mapping.items()}, update, seen)

    uow = app.unit_of_work()
    with uow:
        uow.history = True
        uow.deferred_tracks = set()
        uow.audit_batch = []
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            results: list[str] | None = None
            seen.begin()
            try:
                with uow.savepoint():
                    results = [one(line, cells) for line, cells in batch]
            except SamfamError:
                seen.undo()  # a bad row: the batch is undone and written again row by row, each under its own savepoint
            else:
                seen.keep()
                for result in results:
                    setattr(outcome, result, getattr(outcome, result) + 1)
            if results is None:
                for line, cells in batch:
                    _one_alone(uow, outcome, line, cells, one)
            if progress is not None:
                progress(len(batch))
        uow.source = None
        cases.rewrite_deferred_tracks(uow)
        outcome.written = not dry_run and (skip_bad or not outcome.rejected)
        if outcome.written:
            uow.commit()
        else:
            uow.discard()
    return outcome


def _one_alone(
    uow: UnitOfWork, outcome: Outcome, line: int, cells: list[object], one: Callable[[int, list[object]], str]
) -> None:
    """One row under its own savepoint: a refused row is undone alone and counted as rejected."""
    try:
        with uow.savepoint():
            result = one(line, cells)
    except RowConflict as exc:
        outcome.conflicts += 1
        outcome.rejected.append((line, Refusal.of(exc), cells))
        if exc.case is not None:
            outcome.shown.append(exc.case)
    except SamfamError as exc:
        outcome.rejected.append((line, Refusal.of(exc), cells))
    else:
        setattr(outcome, result, getattr(outcome, result) + 1)
