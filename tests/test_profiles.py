"""Jurisdiction profiles: every value has a source; periods by the Civil Code; working days from a calendar."""

from __future__ import annotations

from datetime import date

import pytest

from proposal_audit.errors import ProfileError
from proposal_audit.profiles import Duration, NotDecidable, add_duration, calendar_years, load_profile, parse_duration


def test_hengnan_profile_uses_the_reports_own_rule():
    p = load_profile("data/profiles/hengnan.yaml")
    assert p.reply_deadline == Duration(3, "month") and p.co_handler_deadline == Duration(1, "month")
    assert p.clock_start == "assigned" and p.class_scheme == ("A", "B", "C")
    assert "主办件在3个月内答复代表" in p.source("reply_deadline")
    assert "在1个月内将协办件函复主办单位" in p.source("co_handler_deadline")


@pytest.mark.parametrize("name", ["hengnan", "national"])
def test_every_value_says_where_it_comes_from(name):
    p = load_profile(f"data/profiles/{name}.yaml")
    assert len(p.sources) >= 9
    assert all(len(source) > 5 for _, _, source in p.sources)


def test_default_profile_is_the_national_one():
    assert load_profile().name == "national"


@pytest.mark.parametrize(
    ("start", "duration", "end"),
    [
        (date(2019, 5, 23), Duration(3, "month"), date(2019, 8, 23)),  # the corresponding day
        (date(2019, 11, 30), Duration(3, "month"), date(2020, 2, 29)),  # no 30 Feb: the month's last day
        (date(2019, 1, 31), Duration(1, "month"), date(2019, 2, 28)),
        (date(2019, 5, 23), Duration(6, "month"), date(2019, 11, 23)),
        (date(2019, 5, 23), Duration(90, "day"), date(2019, 8, 21)),  # the start day is not counted
        # 2019-09-27 is a Friday; 29 Sep (Sunday) was a working day, 1–7 Oct the National Day holiday
        (date(2019, 9, 27), Duration(3, "working_day"), date(2019, 10, 8)),
    ],
)
def test_periods(start, duration, end):
    assert add_duration(start, duration) == end


def test_a_last_day_on_a_holiday_moves_only_when_the_profile_says_so():
    # 2019-07-01 + 3 months = 2019-10-01, National Day; the next working day is 2019-10-08
    assert add_duration(date(2019, 7, 1), Duration(3, "month")) == date(2019, 10, 1)
    assert add_duration(date(2019, 7, 1), Duration(3, "month"), "next_working_day") == date(2019, 10, 8)


def test_working_days_outside_the_calendar_are_not_decidable():
    lo, hi = calendar_years()
    with pytest.raises(NotDecidable) as err:
        add_duration(date(hi + 1, 3, 1), Duration(5, "working_day"))
    assert f"{lo}–{hi}" in err.value.reason.zh
    assert add_duration(date(hi + 1, 3, 1), Duration(1, "month")) == date(hi + 1, 4, 1)  # months need no calendar


@pytest.mark.parametrize(
    ("text", "days", "expected"),
    [("3 months", "calendar", Duration(3, "month")), ("1个月", "calendar", Duration(1, "month")),
     ("15个工作日", "calendar", Duration(15, "working_day")), ("90天", "calendar", Duration(90, "day")),
     ("90 days", "working", Duration(90, "working_day"))],
)  # fmt: skip
def test_durations(text, days, expected):
    assert parse_duration(text, days) == expected


def test_a_bad_profile_names_the_file_and_every_key(tmp_path):
    text = (load_profile.__globals__["DEFAULT_PROFILE"]).read_text(encoding="utf-8")
    text = text.replace("value: 3 months", "value: soon").replace("value: calendar", "value: lunar")
    text += "deadline: 1\n"
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    keys = {k for k, _ in err.value.problems}
    assert {"days", "deadline"} <= keys
