"""The columns of the tables several commands show: a case's events, goals, actors and legal deadlines
appear in their own listings and on the case card. Kept apart from the command modules so that the
card does not load four of them."""

from samfam.output.cells import Column

ACTOR_COLUMNS = [
    Column("id", "Id", "right"),
    Column("kind", "Kind"),
    Column("name", "Name"),
    Column("contact", "Contact"),
    Column("coordinator", "Coordinator"),
    Column("since", "Since"),
    Column("until", "Until"),
    Column("attention", "Attention"),
]

DEADLINE_COLUMNS = [
    Column("case", "Case"),
    Column("advisor", "Advisor"),
    Column("kind", "Kind"),
    Column("deadline", "Deadline"),
    Column("days_left", "Days left", "right"),
    Column("what", "What"),
    Column("law", "Law"),
]

EVENT_COLUMNS = [
    Column("id", "Id", "right"),
    Column("day", "Date"),
    Column("kind", "Kind"),
    Column("counts", "Counts"),
    Column("scale", "Scale", "right"),
    Column("note", "Note"),
    Column("with", "With actors"),
    Column("recorded_by", "By"),
]

GOAL_COLUMNS = [
    Column("case", "Case"),
    Column("id", "Id", "right"),
    Column("horizon", "Horizon"),
    Column("text", "Goal"),
    Column("owner", "Owner"),
    Column("status", "Status"),
    Column("target", "Target"),
    Column("attention", "Attention"),
]
