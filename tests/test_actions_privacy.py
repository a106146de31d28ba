"""samfam.actions.privacy, called directly: retention applied (archive, then anonymise) and the backup."""

from __future__ import annotations

import json
import os

import pytest

from arrange import USER, do, logged, opened, refused
from samfam.actions import cases, privacy, staff
from samfam.errors import Conflict, InvalidValue, NotPermitted
from samfam.views import privacy as privacy_views
from support import OTHER, REF, d

OLD = "2019-0007"
KEEP_AUDIT = 1200  # months: no audit row is old enough to prune, whatever the clock says


@pytest.fixture
def app(case1):
    """Case 2026-0101 open; case 2019-0007 (Alma Holm, born 2012-05-17) closed 2020-03-01, past its five
    years; SFN a team leader. Today 2026-11-22."""
    with opened(case1.db) as app:
        do(app, cases.open_case, OLD, "Alma Holm", "MKJ", born=d("2012-05-17"), opened=d("2019-01-07"))
        do(app, cases.close_case, OLD, "Flyttet", d("2020-03-01"), force="Flyttet")
        do(app, staff.add_advisor, "SFN", "Sofie Falk Nielsen", "Nord", "teamleder")
        yield app


def plan(app) -> dict:
    return privacy_views.retention_plan(app, audit_months=KEEP_AUDIT)


def approved(app) -> int:
    """A proposal (TST, the file's owner, proposes) approved by SFN, Nord's team leader: its id."""
    proposal = do(app, privacy.propose_retention, audit_months=KEEP_AUDIT)
    with opened(app.settings.db, user="SFN") as leader:
        do(leader, privacy.approve_retention, proposal.id)
    return proposal.id


def test_apply_retention_archives_then_anonymises(case1, app, tmp_path):
    """By the real clock: 2019-0007 closed in 2020 is past its five years whenever the test runs."""
    archive = tmp_path / "archive"
    [due] = plan(app)["cases"]
    assert (due["case"], due["closed"]) == (OLD, d("2020-03-01"))

    done = privacy.apply_retention(app, approved(app), archive)

    assert done == {"cases": 1, "audit_rows": 0, "archive": str(archive)}
    file = archive / due["archive"]
    assert os.stat(file).st_mode & 0o777 == 0o600
    kept = json.loads(file.read_text(encoding="utf-8"))
    assert (kept["case"], kept["approved_by"], kept["record"]["cases"][0]["child_name"]) == (OLD, "SFN", "Alma Holm")
    assert (kept["proposal"], kept["proposed_by"]) == (1, USER)
    stored = {r[0]: r[1:5] for r in case1.rows("cases")}
    assert stored[due["id"]] == (f"slettet-{due['id']}", privacy.ANONYMISED, None, "2012-05-01")
    assert plan(app)["cases"] == []
    assert ("retention.apply", f"closed 2020-03-01, kept 5 years: archived to {due['archive']}, personal data "
            f"removed; proposal 1, proposed by {USER}, approved by SFN") in logged(app)  # fmt: skip
    [(_, by, _, years, months, approver, _, applied)] = case1.rows("retention_proposal")
    assert (by, years, months, approver) == (USER, 5, KEEP_AUDIT, "SFN") and applied is not None


@pytest.mark.parametrize(
    ("approver", "says"),
    [("MKJ", "retention.approve: only a team leader or the administrator may"), ("SFN", "two people")],
)
def test_a_proposal_is_approved_by_a_second_team_leader(case1, app, approver, says):
    with opened(case1.db, user="SFN") as leader:
        proposal = do(leader, privacy.propose_retention, audit_months=KEEP_AUDIT)
    with opened(case1.db, user=approver) as other:
        assert says in refused(case1, NotPermitted, other, privacy.approve_retention, proposal.id)


def test_apply_retention_needs_an_approval_and_applies_once(case1, app, tmp_path):
    proposal = do(app, privacy.propose_retention, audit_months=KEEP_AUDIT)
    before = case1.snapshot()
    with pytest.raises(Conflict, match="not approved yet"):
        privacy.apply_retention(app, proposal.id, tmp_path / "archive")
    assert case1.snapshot() == before and not (tmp_path / "archive").exists()
    with opened(case1.db, user="SFN") as leader:
        do(leader, privacy.approve_retention, proposal.id)
        with pytest.raises(NotPermitted, match="only the administrator"):
            privacy.apply_retention(leader, proposal.id, tmp_path / "archive")
    privacy.apply_retention(app, proposal.id, tmp_path / "archive")
    before = case1.snapshot()
    with pytest.raises(Conflict, match="applied already"):
        privacy.apply_retention(app, proposal.id, tmp_path / "again")
    assert case1.snapshot() == before


def test_apply_retention_never_overwrites_an_archive(case1, app, tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / plan(app)["cases"][0]["archive"]).write_text("{}")
    proposal = approved(app)
    before = case1.snapshot()
    with pytest.raises(Conflict, match="archive files exist already"):
        privacy.apply_retention(app, proposal, archive)
    assert case1.snapshot() == before


def test_retention_is_applied_on_the_real_day_whatever_today_the_app_was_given(case1, tmp_path):
    """An app fixed on a day long after the retention ran out changes nothing: the real clock decides."""
    with opened(case1.db, today=d("2099-01-01")) as later:
        do(later, cases.open_case, "2026-0900", "Ida Holm", "MKJ", opened=d("2026-06-01"))
        do(later, cases.close_case, "2026-0900", "Flyttet", d("2026-11-01"), force="Flyttet")
        assert [c["case"] for c in plan(later)["cases"]] == ["2026-0900"]  # a dry run may preview 2099
        done = privacy.apply_retention(later, approved(later), tmp_path / "archive")
    assert done["cases"] == 0 and not (tmp_path / "archive").exists()


def test_backup_copies_checks_and_logs_the_use(case1, app, tmp_path):
    target = tmp_path / "copy.db"
    done = privacy.backup(app, str(target))
    assert (done["file"], done["cases"]) == (str(target), 2)
    assert os.stat(target).st_mode & 0o777 == 0o600
    assert done["bytes"] == target.stat().st_size
    action, detail = logged(app)[0]
    assert (action, detail) == ("backup", f"to copy.db: 2 cases, {done['audit_rows']} audit rows")


@pytest.mark.parametrize(("where", "error"), [("exists.db", Conflict), ("missing/copy.db", InvalidValue)])
def test_backup_refusals(case1, app, tmp_path, where, error):
    (tmp_path / "exists.db").write_text("")
    before = case1.snapshot()
    with pytest.raises(error):
        privacy.backup(app, str(tmp_path / where))
    assert case1.snapshot() == before


def test_cli_retention_plan_after_arranging_through_the_actions(case1, app):
    do(app, cases.open_case, OTHER, "Alma Holm", "LBH", opened=d("2026-06-01"))
    result = case1("retention", "-f", "json", "--audit-months", str(KEEP_AUDIT))
    assert result.exit_code == 0, result.stderr
    assert [c["case"] for c in result.json()["cases"]] == [OLD]
    assert REF not in result.stdout
