"""Denmark's public holidays at run time: from the `holidays` package once a year, then from the cache."""

from __future__ import annotations

import builtins
import stat
from datetime import date

from samfam.views import workdays


def test_a_years_holidays_are_cached_privately_and_read_back_without_the_package(tmp_path, monkeypatch):
    monkeypatch.setenv("SAMFAM_CACHE_DIR", str(tmp_path / "cache"))
    first = workdays.danish_holidays(2023)
    assert date(2023, 5, 5) in first  # Store bededag, the last year it was a holiday
    [cached] = (tmp_path / "cache").glob("holidays-dk-2023-*.json")
    assert stat.S_IMODE(cached.stat().st_mode) == 0o600
    real_import = builtins.__import__

    def no_holidays(name, *args, **kwargs):
        if name == "holidays" or name.startswith("holidays."):
            raise AssertionError("the package was imported although the year is cached")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_holidays)
    assert workdays.danish_holidays(2023) == first
    assert date(2023, 5, 5) in workdays.DaysOff()  # and a weekday look-up reads the same cache


def test_a_broken_cache_file_is_worked_out_again(tmp_path, monkeypatch):
    monkeypatch.setenv("SAMFAM_CACHE_DIR", str(tmp_path))
    workdays.danish_holidays(2024)
    [cached] = tmp_path.glob("holidays-dk-2024-*.json")
    cached.write_text("{not json")
    found = workdays.danish_holidays(2024)
    assert date(2024, 4, 26) not in found and date(2024, 12, 25) in found  # no Store bededag from 2024
