"""The weekly report's sections, defined once: key, anchor, heading, explanation, empty text and table columns.

`WEEKLY_SECTIONS` is the one list every rendering of the weekly report follows, in this order: the
JSON object from `samfam.views.weekly.weekly` has these keys (a test holds the view to it), the
Markdown and HTML documents (`samfam.documents.weekly`) take their headings, HTML ids, explanations
and empty texts from here, and the terminal (`samfam.output.terminal.weekly_table`) its titles, empty
texts and columns. Plain data, no behaviour: a column whose values are words names them (samfam.rules).

Every text here is the English, the catalogue's key (`mark`, samfam.words): it is looked up in the
command's language where it is shown (`words.text(section.heading)`; a column's header by the table).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from samfam.rules import actors as actor_rules
from samfam.rules import applications as application_rules
from samfam.rules import cadence
from samfam.rules import deadlines as deadline_rules
from samfam.rules import goals as goal_rules
from samfam.rules import handovers as handover_rules
from samfam.rules import team as team_rules
from samfam.words import mark

_TRACKS = cadence.TRACK_WORDS


class TableColumn(NamedTuple):
    """A column of the terminal's table: the row key, the header, "left" or "right", and on a narrow terminal
    (as samfam.listing.Column, in its order): `keep` never cut or wrapped (a reference, a date, initials, a
    number), `wrap` free text that may wrap, `drop` hidden first, highest first (0: never), `words` the English
    words its values may be (shown in the reader's language), `ident` its numbers are identifiers."""

    key: str
    header: str
    justify: str = "left"
    keep: bool = False
    wrap: bool = True
    drop: int = 0
    words: bool | tuple[str, ...] = False
    ident: bool = False


@dataclass(frozen=True)
class Table:
    """How the terminal shows a section: its columns, and the title and empty text where they differ
    from the document's (the terminal has no explanation line, so its titles say a little more)."""

    columns: tuple[TableColumn, ...]
    heading: str = ""
    empty: str = ""


@dataclass(frozen=True)
class WeeklySection:
    key: str  # the key in the weekly report's JSON object
    anchor: str  # the HTML id
    heading: str  # the heading in the Markdown and HTML documents
    explain: str  # the documents' line under the heading
    empty: str  # the documents' one line when the section has nothing
    table: Table

    @property
    def table_heading(self) -> str:
        return self.table.heading or self.heading

    @property
    def table_empty(self) -> str:
        return self.table.empty or self.empty


C = TableColumn

#: The line under the week in every rendering: whose cases an advisor's figures are.
COUNTED_BY = mark(
    "Per advisor, the report counts each case under its primary advisor (primary responsibility), not its "
    "buddy, as 'samfam overdue --advisor INITIALS --primary' lists them; the caseload shows the buddy cases apart."
)

WEEKLY_SECTIONS: tuple[WeeklySection, ...] = (
    WeeklySection(
        "overdue_by_advisor",
        "overdue",
        mark("Overdue follow-ups"),
        mark("Cases whose systematic follow-up (3-month or 6-week track) is past its due date; "
               "advisors with most overdue first. Seriously overdue: past twice the interval from the anchor."),
        mark("No follow-up is overdue."),
        Table(
            (C("advisor", "Advisor", keep=True), C("case", "Case", keep=True),
             C("track", "Track", keep=True, drop=1, words=_TRACKS),
             C("next_due", "Was due", keep=True),
             C("days_overdue", "Days overdue", "right", keep=True),
             C("level", "Level", keep=True, drop=2, words=cadence.LEVELS)),
            heading=mark("Overdue follow-ups by advisor"),
        ),
    ),
    WeeklySection(
        "due_next_7_days",
        "due-soon",
        mark("Due in the next 7 days"),
        mark("Follow-ups falling due within the next 7 days, soonest first; one due on a weekend or holiday is "
               "booked on the last working day before it."),
        mark("No follow-up falls due in the next 7 days."),
        Table(
            (C("case", "Case", keep=True), C("advisor", "Advisor", keep=True),
             C("track", "Track", keep=True, words=_TRACKS), C("next_due", "Due", keep=True),
             C("book_on", "Book on", keep=True)),
            empty=mark("Nothing due in the next 7 days."),
        ),
    ),
    WeeklySection(
        "unclassified",
        "unclassified",
        mark("Needs classification"),
        mark("Open cases whose active grants fit neither the 3-month nor the 6-week track; "
               "they get no due date until the grants are corrected."),
        mark("Every open case has a follow-up track."),
        Table(
            (C("case", "Case", keep=True), C("advisor", "Advisor", keep=True), C("paragraphs", "Paragraphs"),
             C("reason", "Why")),
            empty=mark("Every open case is classified."),
        ),
    ),
    WeeklySection(
        "legal_deadlines",
        "legal",
        mark("Legal deadlines"),
        mark("Statutory deadlines passed or due within 30 days (investigation within 4 months, "
               "transition from 16, age 18, an application's processing deadline); negative days = the deadline "
               "has passed."),
        mark("No legal deadline has passed or falls within 30 days."),
        Table(
            (C("case", "Case", keep=True), C("advisor", "Advisor", keep=True),
             C("kind", "Kind", keep=True, words=(*deadline_rules.KINDS, application_rules.KIND)),
             C("deadline", "Deadline", keep=True),
             C("days_left", "Days left", "right", keep=True), C("law", "Law", keep=True, drop=1)),
            heading=mark("Legal deadlines within 30 days"),
            empty=mark("No legal deadline within 30 days."),
        ),
    ),
    WeeklySection(
        "complex_without_buddy",
        "no-buddy",
        mark("Complex cases without a buddy"),
        mark("Cases marked complex that have no buddy advisor (makker) who knows the case."),
        mark("Every complex case has a buddy."),
        Table((C("case", "Case", keep=True), C("advisor", "Advisor", keep=True),
               C("track", "Track", keep=True, words=_TRACKS))),
    ),
    WeeklySection(
        "needs_new_advisor",
        "new-advisor",
        mark("Cases needing a new advisor"),
        mark("Open cases whose primary advisor has left; they need a new advisor until reassigned."),
        mark("No open case is held by an advisor who has left."),
        Table((C("case", "Case", keep=True), C("advisor", "Advisor", keep=True), C("left", "Left on", keep=True),
               C("next_due", "Next due", keep=True))),
    ),
    WeeklySection(
        "start_of_case",
        "start",
        mark("The start of new cases"),
        mark("Open cases without a startup conversation within 30 days of opening, or without a child "
               "conversation or observation within 60 days."),
        mark("Every new case had its startup conversation and saw the child in time."),
        Table((C("case", "Case", keep=True), C("advisor", "Advisor", keep=True), C("opened", "Opened", keep=True),
               C("missing", "Missing"))),
    ),
    WeeklySection(
        "open_handovers",
        "handovers",
        mark("Open handovers"),
        mark("Handovers started but not complete, with the checklist items still missing."),
        mark("No handover is open."),
        Table(
            (C("case", "Case", keep=True), C("advisor", "Advisor", keep=True),
             C("kind", "Kind", keep=True, words=handover_rules.KINDS),
             C("started", "Started", keep=True, drop=1),
             C("missing", "Missing")),
            heading=mark("Open handovers with missing items"),
            empty=mark("No open handover is missing items."),
        ),
    ),
    WeeklySection(
        "goals_past_target",
        "goals",
        mark("Goals past target date"),
        mark("Goals in the families' shared goal picture whose target date has passed and that are "
               "neither achieved nor dropped. The goal wording is left out (it may name the child)."),
        mark("No goal is past its target date."),
        Table(
            (C("case", "Case", keep=True), C("advisor", "Advisor", keep=True),
             C("id", "Goal", "right", keep=True, ident=True),
             C("status", "Status", words=goal_rules.STATUSES),
             C("target", "Target date", keep=True)),
            heading=mark("Goals past target"),
            empty=mark("No goal is past its target."),
        ),
    ),
    WeeklySection(
        "actors_without_coordinator",
        "actors",
        mark("Actors without an agreed coordinator"),
        mark("External actors (school, daycare, PPR …) where it is not agreed whether the family or the "
               "advisor coordinates."),
        mark("Every actor has an agreed coordinator."),
        Table(
            (C("case", "Case", keep=True), C("advisor", "Advisor", keep=True),
             C("id", "Actor", "right", keep=True, ident=True),
             C("kind", "Kind", keep=True, drop=1, words=actor_rules.ACTOR_KINDS), C("name", "Name")),
            empty=mark("Every actor has a coordinator."),
        ),
    ),
    WeeklySection(
        "caseload",
        "caseload",
        mark("Caseload"),
        mark("Open cases per advisor as primary advisor and as buddy, by track, against the caseload target "
               "(positive = above target)."),
        mark("No caseload figures."),
        Table(
            (C("advisor", "Advisor", keep=True), C("primary", "Primary", "right", keep=True),
             C("buddy", "Buddy", "right", keep=True),
             C("3m", "3m", "right", keep=True), C("6w", "6w", "right", keep=True),
             C("unclassified", "Uncl.", "right", keep=True, drop=1),
             C("complex", "Complex", "right", keep=True, drop=2), C("target", "Target", "right", keep=True),
             C("vs_target", "+/-", "right", keep=True)),
            empty=mark("No advisors."),
        ),
    ),
    WeeklySection(
        "team_rhythm",
        "rhythm",
        mark("Team meeting rhythm"),
        mark("The team's own meetings (case meetings, half-days, the 3-monthly stop-op): last held and next due."),
        mark("No team meetings are registered."),
        Table(
            (C("team", "Team"), C("kind", "Meeting", keep=True, words=team_rules.MEETING_KINDS),
             C("last", "Last", keep=True, drop=1), C("next_due", "Next due", keep=True),
             C("status", "Status", words=team_rules.MEETING_STATUSES)),
            heading=mark("Team rhythm"),
            empty=mark("No teams."),
        ),
    ),
    WeeklySection(
        "learning_goals",
        "learning",
        mark("Learning goals not reviewed"),
        mark("Advisors' individual learning goals not followed up with the team leader for 3 months."),
        mark("Every learning goal has been reviewed within 3 months."),
        Table(
            (C("advisor", "Advisor", keep=True), C("text", "Learning goal"),
             C("last_review", "Last review", keep=True)),
            heading=mark("Learning goals not reviewed for 3 months"),
            empty=mark("Every learning goal is reviewed."),
        ),
    ),
    WeeklySection(
        "followups_last_7_days",
        "followups",
        mark("Follow-ups in the last 7 days"),
        mark("Follow-ups that count under the model (startup, follow-up, home visit, network or assessment "
               "meeting) held in the week, credited to the advisor responsible on the day."),
        mark("No follow-ups were held in the last 7 days."),
        Table(
            (C("advisor", "Advisor", keep=True), C("name", "Name"), C("followups", "Follow-ups", "right", keep=True)),
            heading=mark("Follow-ups done in the last 7 days"),
            empty=mark("No advisors."),
        ),
    ),
    WeeklySection(
        "barometer",
        "barometer",
        mark("On time, week by week"),
        mark("The last 12 weeks, the last ending on the report's day: the follow-ups that fell due each week and "
               "the share made on time, and the investigations that ended and the share finished within 4 months; "
               "the last row is the 12 weeks together. A week with nothing due has no rate."),
        mark("No follow-up fell due and no investigation ended in the last 12 weeks."),
        Table(
            (C("week", "Week", keep=True), C("from", "From", keep=True, drop=1), C("to", "To", keep=True),
             C("followups_due", "Due", "right", keep=True),
             C("on_time", "On time", "right", keep=True), C("on_time_pct", "On time %", "right", keep=True),
             C("investigations_finished", "Investigations ended", "right", keep=True, drop=2),
             C("investigations_in_time_pct", "Within 4 months %", "right", keep=True)),
            heading=mark("On time, week by week (the barometer, last 12 weeks)"),
        ),
    ),
    WeeklySection(
        "signs_of_safety",
        "signs-of-safety",
        mark("Signs of Safety over time"),
        mark("Per advisor, the open cases with two or more scored follow-ups: the average scale at the first and "
               "the latest, and the change (0-10, 10 = safe, well enough to close)."),
        mark("No open case has two scored follow-ups yet."),
        Table(
            (C("advisor", "Advisor", keep=True), C("cases", "Cases", "right", keep=True),
             C("first", "First", "right", keep=True),
             C("latest", "Latest", "right", keep=True), C("change", "Change", "right", keep=True)),
        ),
    ),
    WeeklySection(
        "experience",
        "experience",
        mark("Family experience of coordination"),
        mark("How families rate the coordination of their case (1–5): average change between the first and "
               "the latest measurement, for cases measured at least twice."),
        mark("No case has been measured twice yet."),
        Table(
            (C("advisor", "Advisor", keep=True), C("cases", "Cases", "right", keep=True),
             C("change", "Change", "right", keep=True)),
            heading=mark("Families' experience of coordination (change from first to latest, 1-5)"),
            empty=mark("No family has been asked twice yet."),
        ),
    ),
    WeeklySection(
        "emergency_access",
        "emergency-access",
        mark("Emergency access this week"),
        mark("Cases an advisor opened outside their own scope (\"break the glass\", samfam access open) in the week: "
               "who, which case, when (UTC), until when, and why. Each is in the audit log, and in 'audit unusual'."),
        mark("No emergency access was opened this week."),
        Table(
            (C("advisor", "Advisor", keep=True), C("case", "Case", keep=True), C("opened", "Opened (UTC)", keep=True),
             C("expires", "Until (UTC)", keep=True, drop=3), C("closed", "Closed (UTC)", keep=True, drop=2),
             C("note", "Why", drop=1)),
        ),
    ),
)  # fmt: skip

WEEKLY_KEYS = tuple(s.key for s in WEEKLY_SECTIONS)
