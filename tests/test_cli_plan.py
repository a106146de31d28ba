"""The family's plan through the command line: `plan` in Danish markdown and html, with its errors."""

from __future__ import annotations

import pytest

from support import DOMAIN_ERROR, REF, USAGE_ERROR, assert_ok, assert_refused, audit_actions

# =====================================================================================================
# The family's plan
# =====================================================================================================


def test_plan_markdown_in_danish(plan_world):
    result = plan_world("plan", REF)
    assert_ok(result)
    text = result.stdout
    lines = text.splitlines()
    assert lines[0] == "# Vores fælles plan for Alma Holm"
    for line in (
        "Alma Holm er 11 år.",
        "Næste opfølgningsmøde holdes senest 1. januar 2027.",
        "## Det vil vi nå på kort sigt",
        "### Mål 1: Alma sover i egen seng",
        "- Hvem har ansvaret: Familien",
        "- Status: åbent",
        "- Hvornår: Senest 1. februar 2027",
        "| Lave billedskema til aftenen | Familien | Senest 15. december 2026 | Ikke endnu |",
        "## Det vil vi nå på lang sigt",
        "### Mål 2: Alma går i almindelig skole",
        "- Hvem har ansvaret: Kildeskolen",
        "| Holde møde om skemaet | Rådgiveren (Mette Kjær Jensen) | Ingen dato aftalt | Ikke endnu |",
        "| Kildeskolen | Skole | Lærer Ane Berg | Familien |",
        "| PPR Nord | PPR (Pædagogisk Psykologisk Rådgivning) | – | Ikke aftalt endnu |",
        "Jeres rådgiver er Mette Kjær Jensen.",
        "*Udarbejdet 22. november 2026 af Mette Kjær Jensen · Sagsnummer 2026-0101*",
    ):
        assert line in lines, f"{line!r} not in the plan"
    assert lines.index("## Det vil vi nå på kort sigt") < lines.index("## Det vil vi nå på lang sigt")
    assert "Lars Bøgh Hansen kender også jeres sag" in text
    # no internal codes, initials or ids
    for jargon in ("BL 86", "MKJ", "LBH", "actor:", "in-progress", "short", "long"):
        assert jargon not in text
    assert "plan" in [e["action"] for e in audit_actions(plan_world)]


def test_plan_html_and_output_file(plan_world, tmp_path):
    shown = plan_world("plan", REF, "--format", "html")
    assert_ok(shown)
    assert shown.stdout.startswith("<!doctype html>")
    assert '<html lang="da">' in shown.stdout
    assert "<h1>Vores fælles plan for Alma Holm</h1>" in shown.stdout
    assert "Alma sover i egen seng" in shown.stdout

    target = tmp_path / "handleplan.html"
    result = plan_world("plan", REF, "-f", "html", "--output", str(target))
    assert_ok(result)
    assert result.stdout == ""
    assert result.stderr == ""  # "Wrote FILE." on a terminal only (output.streams.wrote)
    assert target.read_text(encoding="utf-8") == shown.stdout

    md = tmp_path / "plan.md"
    assert_ok(plan_world("plan", REF, "-o", str(md)))
    assert md.read_text(encoding="utf-8").startswith("# Vores fælles plan for Alma Holm\n")


def test_plan_of_a_case_without_goals(case1):
    result = case1("plan", REF)
    assert_ok(result)
    assert "Der er ikke aftalt mål på kort sigt endnu." in result.stdout
    assert "Der er ikke aftalt mål på lang sigt endnu." in result.stdout
    # BL 86 since 2026-06-01, no follow-up: was due 2026-09-01
    assert "Næste opfølgningsmøde skulle have været holdt senest 1. september 2026." in result.stdout


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(["plan", "2026-9999"], DOMAIN_ERROR, ("2026-9999",), id="unknown-case"),
        pytest.param(["plan", REF, "--format", "pdf"], USAGE_ERROR, ("pdf",), id="bad-format"),
        pytest.param(["plan", REF, "--output", "/nonexistent-dir/plan.md"], DOMAIN_ERROR, ("/nonexistent-dir/plan.md",),
                     id="output-directory-missing"),
    ],
)  # fmt: skip
def test_plan_errors(plan_world, argv, exit_code, names):
    assert_refused(plan_world, argv, exit_code, *names)
