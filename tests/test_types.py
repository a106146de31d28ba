"""The packages held to strict typing pass mypy --strict (the list is `files` in pyproject's [tool.mypy])."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Under .pytest_cache, which git ignores: a warm run takes about a second, a cold one about two.
CACHE = ROOT / ".pytest_cache" / "mypy"


def _strict_packages() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["strict"] is True
    return config["files"]


def test_rules_are_held_strictly():
    assert "src/samfam/rules" in _strict_packages()


def test_the_strict_packages_pass_mypy_strict():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(CACHE), *_strict_packages()],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
