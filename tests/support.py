"""Assertions shared by the CLI tests."""

from __future__ import annotations


def assert_error(result, exit_code: int, *names: str) -> str:
    """Exit code first; then exactly one `Error: ` line on stderr naming `names`; stdout empty; no traceback."""
    assert result.exit_code == exit_code, (
        f"exit {result.exit_code}, expected {exit_code}\nstderr: {result.stderr!r}\nstdout: {result.stdout!r}"
    )
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {lines!r}"
    line = lines[0]
    assert line.startswith("Error: "), line
    for name in names:
        assert name in line, f"{name!r} not named in {line!r}"
    assert result.stdout == "", result.stdout
    return line
