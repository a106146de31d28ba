"""samfam.actions.privacy, called directly: retention applied (archive, then anonymise) and the backup."""

from __future__ import annotations

import json
import os

import pytest

from arrange import do, logged, opened
from samfam.actions import cases, privacy, staff
from samfam.errors import Conflict, InvalidValue, NotFound, SamfamError
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


def test_apply_retention_archives_then_anonymises(case1, app, tmp_path):
    archive = tmp_path / "archive"
    [due] = plan(app)["cases"]
    assert (due["case"], due["closed"]) == (OLD, d("2020-03-01"))

    done = privacy.apply_retention(app, plan(app), archive, "SFN")

    assert done == {"cases": 1, "audit_rows": 0, "archive": str(archive)}
    file = archive / due["archive"]
    assert os.stat(file).st_mode & 0o777 == 0o600
    kept = json.loads(file.read_text(encoding="utf-8"))
    assert (kept["case"], kept["approved_by"], kept["record"]["cases"][0]["child_name"]) == (OLD, "SFN", "Alma Holm")
    stored = {r[0]: r[1:5] for r in case1.rows("cases")}
    assert stored[due["id"]] == (f"slettet-{due['id']}", privacy.ANONYMISED, None, "2012-05-01")
    assert plan(app)["cases"] == []
    assert ("retention.apply", f"closed 2020-03-01, kept 5 years: archived to {due['archive']}, personal data "
            "removed; approved by SFN") in logged(app)  # fmt: skip


@pytest.mark.parametrize(
    ("approver", "error", "says"),
    [("MKJ", InvalidValue, "approved by a team leader"), ("XYZ", NotFound, "no advisor 'XYZ'")],
)
def test_apply_retention_needs_a_team_leader(case1, app, tmp_path, approver, error, says):
    before = case1.snapshot()
    with pytest.raises(SamfamError, match=says) as caught:
        privacy.apply_retention(app, plan(app), tmp_path / "archive", approver)
    assert type(caught.value) is error
    assert case1.snapshot() == before
    assert not (tmp_path / "archive").exists()


def test_apply_retention_never_overwrites_an_archive(case1, app, tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / plan(app)["cases"][0]["archive"]).write_text("{}")
    before = case1.snapshot()
    with pytest.raises(Conflict, match="archive files exist already"):
        privacy.apply_retention(app, plan(app), archive, "SFN")
    assert case1.snapshot() == before


def test_apply_retention_refuses_a_plan_made_before_the_case_changed(case1, app, tmp_path):
    stale = plan(app)
    do(app, cases.reopen_case, OLD, "Genåbnet", d("2020-03-01"))
    do(app, cases.close_case, OLD, "Flyttet igen", d("2020-04-01"), force="Flyttet")
    before = case1.snapshot()
    with pytest.raises(Conflict, match="changed since the plan was made"):
        privacy.apply_retention(app, stale, tmp_path / "archive", "SFN")
    assert case1.snapshot() == before


def test_backup_copies_checks_and_logs_the_use(case1, app, tmp_path):
    target = tmp_path / "copy.db"
    done = privacy.backup(app, str(target))
    assert (done["file"], done["cases"]) == (str(target), 2)
    assert os.stat(target).st_mode & 0o777 == 0o600
    assert done["bytes"] == target.stat().st_size
    action, detail = logged(app)[0]
    assert (action, detail) == ("backup", f"to copy.db: 2 cases, {done['audit_rows']} audit rows")


@pytest.mark.parametrize("where", ["exists.db", "missing/copy.db"])
def test_backup_refusals(case1, app, tmp_path, where):
    (tmp_path / "exists.db").write_text("")
    before = case1.snapshot()
    with pytest.raises(InvalidValue):
        privacy.backup(app, str(tmp_path / where))
    assert case1.snapshot() == before


def test_cli_retention_plan_after_arranging_through_the_actions(case1, app):
    do(app, cases.open_case, OTHER, "Alma Holm", "LBH", opened=d("2026-06-01"))
    result = case1("retention", "-f", "json", "--audit-months", str(KEEP_AUDIT))
    assert result.exit_code == 0, result.stderr
    assert [c["case"] for c in result.json()["cases"]] == [OLD]
    assert REF not in result.stdout
