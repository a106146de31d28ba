"""Pure parts of samfam.views.team: enrolment's CSV, its age bands spread into a column each."""

from datetime import date

from samfam.views import team


def row(name, bands):
    return {"programme": name, "enrolled": 3, "discharged": 1, "active": 2, "target": 10, "to_target": 8,
            "ends": date(2027, 12, 31), "age_bands": bands, "bands": "…"}  # fmt: skip


def test_enrolment_csv_every_field_and_each_rows_bands():
    rows, keys = team.enrolment_csv([row("P", {"0-6": 1, "7-12": 1, "13-17": 0})], None)
    assert keys == ["programme", "enrolled", "discharged", "active", "target", "to_target", "ends",
                    "age_0-6", "age_7-12", "age_13-17"]  # fmt: skip
    assert rows[0]["age_7-12"] == 1 and "bands" not in rows[0] and "age_bands" not in rows[0]


def test_enrolment_csv_fields_asked_for_bands_in_their_place():
    rows, keys = team.enrolment_csv([row("P", {"0-6": 2}), row("Q", {"18+": 1})], ["age_bands", "programme"])
    assert keys == ["age_0-6", "age_7-12", "age_13-17", "age_18+", "programme"]
    assert [(r["age_0-6"], r["age_18+"]) for r in rows] == [(2, 0), (0, 1)]


def test_enrolment_csv_without_programmes_has_the_tables_columns():
    assert team.enrolment_csv([], None) == ([], [c.key for c in team.ENROLMENT.columns])
    assert team.ENROLMENT.fields == tuple(k for k in row("P", {}) if k != "bands")
