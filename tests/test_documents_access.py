"""The access letter (GDPR art. 15, in Danish): every logged action about a child's case in words a family
understands, saying what happened (a case opened is not "changed"), and counts that agree with their noun."""

from __future__ import annotations

import ast
from pathlib import Path

from samfam.documents.access import ACTIONS, action_words
from support import REF

SRC = Path(__file__).resolve().parents[1] / "src" / "samfam"

#: What samfam logs that never concerns one child's case: staff, the team, the database, the log itself.
NOT_ABOUT_A_CASE = {
    "access.review", "access.signoff", "advisor.absence-remove", "advisor.add", "advisor.away", "advisor.update",
    "audit.prune", "closed-day.add", "closed-day.remove", "db.init", "db.upgrade", "frist.set",
    "learning-goal.add", "learning-goal.review", "programme.add", "retention.approve", "retention.propose",
    "team.meeting", "team.rhythm",
}  # fmt: skip


def logged_actions() -> set[str]:
    """Every action name samfam writes to the audit log: the literal names in the first argument of each
    `….audit(…)` and `log_read(…)` call in the source (both sides of a `"a" if … else "b"`)."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name not in ("audit", "log_read") or not node.args:
                continue
            first = node.args[1] if isinstance(node.args[0], ast.Name) and len(node.args) > 1 else node.args[0]
            found |= {c.value for c in ast.walk(first) if isinstance(c, ast.Constant) and isinstance(c.value, str)}
    return {a for a in found if a and " " not in a}


def _described(action: str) -> bool:
    """In the letter's words: the action itself, or its family (`case` for `case.close.forced`)."""
    parts = action.split(".")
    return any(".".join(parts[:i]) in ACTIONS for i in range(len(parts), 0, -1))


def test_every_action_about_a_case_is_described():
    """An action the letter does not know would show as its code ("import.conflicts")."""
    actions = logged_actions()
    assert {"case.open", "grant.add", "event.correct", "import.conflicts"} <= actions  # the scan finds them
    undescribed = sorted(a for a in actions - NOT_ABOUT_A_CASE if not _described(a))
    assert not undescribed, undescribed


def test_each_action_says_what_happened():
    """Each one in its own words: opened, closed, reopened, assigned, voided, corrected are not all "changed"."""
    said = {
        "case.open": "oprettet",
        "case.close": "afsluttet",
        "case.close.forced": "afsluttet",
        "case.reopen": "genåbnet",
        "case.assign": "rådgiver",
        "case.update": "rettet",
        "grant.add": "registreret",
        "grant.end": "afsluttet",
        "grant.void": "annulleret",
        "event.add": "registreret",
        "event.void": "annulleret",
        "event.correct": "rettet",
        "task.done": "udført",
        "handover.complete": "afsluttet",
        "programme.discharge": "udskrevet",
        "application.decide": "afgørelse",
    }
    wrong = {a: action_words(a) for a, word in said.items() if word not in action_words(a)}
    assert not wrong, wrong
    assert len(set(ACTIONS.values())) == len(ACTIONS), "two actions described alike"


def test_the_letter_counts_one_grant_and_one_handover(case1):
    case1.ok("handover", "start", REF, "closure")
    letter = case1.ok("access", REF, "-f", "markdown").stdout
    assert "1 bevilling (paragraf og periode)" in letter, letter
    assert "1 overdragelse" in letter and "1 overdragelser" not in letter, letter
    assert "0 mål" in letter and "0 opgaver" in letter, letter
    assert "Sagen blev oprettet" in letter, letter
    assert "Sagens oplysninger blev ændret" not in letter, letter
