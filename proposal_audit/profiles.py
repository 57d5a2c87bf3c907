"""Jurisdiction profiles: the handling rules a ledger is checked against, each with its source.

A profile (data/profiles/<region>.yaml) states the reply deadline and when its clock starts, the
extension limit and whether it needs approval, the co-handlers' deadline, the window for a second
handling, whether days are calendar or working days, and the class scheme. Every value carries the
text or rule it comes from, so a reader can tell a statutory deadline from an assumption.

Periods follow the Civil Code's rules for periods (民法典第二百零一、二百零二条): the start day is
not counted, and a period in months ends on the corresponding day of the last month, or on that
month's last day when it has none. Working days come from the `chinesecalendar` package (the State
Council's holiday arrangements); a date outside the years it covers is "not decidable", never a guess.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .errors import ProfileError
from .paths import ROOT, relative, resolve
from .results import Text
from .schema import read_yaml, validate

__all__ = [
    "Duration",
    "Profile",
    "NotDecidable",
    "load_profile",
    "DEFAULT_PROFILE",
    "PROFILES_DIR",
    "add_duration",
    "calendar_years",
]

PROFILES_DIR = ROOT / "data" / "profiles"
DEFAULT_PROFILE = PROFILES_DIR / "national.yaml"


class NotDecidable(Exception):
    """A deadline cannot be computed (a date outside the holiday calendar's years)."""

    def __init__(self, reason: Text):
        self.reason = reason
        super().__init__(reason.en)


@dataclass(frozen=True)
class Duration:
    n: int
    unit: Literal["month", "day", "working_day"]

    def text(self) -> Text:
        zh = {"month": f"{self.n}个月", "day": f"{self.n}天", "working_day": f"{self.n}个工作日"}[self.unit]
        en = {"month": "month", "day": "day", "working_day": "working day"}[self.unit]
        return Text(zh, f"{self.n} {en}{'s' if self.n != 1 else ''}")


_DURATION = re.compile(
    r"^\s*(\d+)\s*(months?|个月|月|working\s+days?|个工作日|工作日|days?|天|日)\s*$",
    re.I,
)


def parse_duration(text: str, days: str = "calendar") -> Duration:
    m = _DURATION.match(str(text))
    if not m:
        raise ValueError(f"应为期限,如 3 months、1个月、15个工作日 a period such as '3 months', got {text!r}")
    n, unit = int(m.group(1)), m.group(2).lower()
    if "月" in unit or unit.startswith("month"):
        return Duration(n, "month")
    if "工作" in unit or unit.startswith("working"):
        return Duration(n, "working_day")
    return Duration(n, "working_day" if days == "working" else "day")


# --------------------------------------------------------------------------- the file schema


class _Sourced(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    value: str | list[str]
    source: str = Field(min_length=2)


class _ProfileFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    region: str
    body: Literal["人大", "政协"] = "人大"
    description: str = ""
    reply_deadline: _Sourced
    clock_start: _Sourced
    session_close: _Sourced | None = None
    co_handler_deadline: _Sourced
    extension_limit: _Sourced
    extension_needs_approval: _Sourced
    rehandling_window: _Sourced
    days: _Sourced
    deadline_on_holiday: _Sourced
    class_scheme: _Sourced
    notes: list[str] = []

    @field_validator("clock_start")
    @classmethod
    def _clock(cls, v: _Sourced) -> _Sourced:
        if v.value not in ("assigned", "received", "session_close"):
            raise ValueError(f"应为 assigned、received 或 session_close, got {v.value!r}")
        return v

    @field_validator("days")
    @classmethod
    def _days(cls, v: _Sourced) -> _Sourced:
        if v.value not in ("calendar", "working"):
            raise ValueError(f"应为 calendar(自然日)或 working(工作日), got {v.value!r}")
        return v

    @field_validator("deadline_on_holiday")
    @classmethod
    def _holiday(cls, v: _Sourced) -> _Sourced:
        if v.value not in ("no_shift", "next_working_day"):
            raise ValueError(f"应为 no_shift 或 next_working_day, got {v.value!r}")
        return v

    @field_validator("extension_needs_approval")
    @classmethod
    def _yesno(cls, v: _Sourced) -> _Sourced:
        if str(v.value).lower() not in ("true", "false"):
            raise ValueError(f"应为 true 或 false, got {v.value!r}")
        return v


@dataclass(frozen=True)
class Profile:
    """The rules one region's ledger is checked against; `sources` says where each comes from."""

    name: str
    region: str
    reply_deadline: Duration
    clock_start: str  # assigned (交办), received (签收), session_close (大会闭幕)
    co_handler_deadline: Duration
    extension_limit: Duration  # the longest a reply may take with an extension, from the clock start
    extension_needs_approval: bool
    rehandling_window: Duration  # from the first reply to the second, after a 不满意
    days: str  # calendar or working
    deadline_on_holiday: str  # no_shift, or next_working_day (民法典第二百零三条)
    class_scheme: tuple[str, ...]  # class labels by rank: ("A", "B", "C")
    session_close: date | None = None
    sources: tuple[tuple[str, str, str], ...] = ()  # (key, value as written, source)
    path: str = ""
    description: str = ""

    def source(self, key: str) -> str:
        return next((s for k, _, s in self.sources if k == key), "")

    def clock_text(self) -> Text:
        return {
            "assigned": Text("自交办之日起", "from the date of assignment"),
            "received": Text("自签收之日起", "from the date of receipt"),
            "session_close": Text("自大会闭幕之日起", "from the close of the session"),
        }[self.clock_start]


def load_profile(path: str | Path | None = None) -> Profile:
    """Read a profile (the national one by default); every problem in it is reported together."""
    path = resolve(path) if path else DEFAULT_PROFILE
    shown = Path(relative(path))
    data = validate(_ProfileFile, read_yaml(path, ProfileError), shown, ProfileError)
    problems: list[tuple[str, str]] = []

    def duration(key: str) -> Duration:
        try:
            return parse_duration(str(getattr(data, key).value), str(data.days.value))
        except ValueError as exc:
            problems.append((f"{key}.value", str(exc)))
            return Duration(0, "day")

    close = None
    if data.session_close is not None and data.session_close.value:
        from .ledger_schema import parse_date

        parsed = parse_date(str(data.session_close.value))
        if parsed.reason:
            problems.append(("session_close.value", f"{parsed.reason.zh} {parsed.reason.en}"))
        close = parsed.value
    if data.clock_start.value == "session_close" and close is None:
        problems.append(
            ("session_close", "clock_start 为 session_close 时须给出大会闭幕日期 give the session's closing date")
        )
    scheme = data.class_scheme.value
    profile = Profile(
        name=path.stem,
        region=data.region,
        reply_deadline=duration("reply_deadline"),
        clock_start=str(data.clock_start.value),
        co_handler_deadline=duration("co_handler_deadline"),
        extension_limit=duration("extension_limit"),
        extension_needs_approval=str(data.extension_needs_approval.value).lower() == "true",
        rehandling_window=duration("rehandling_window"),
        days=str(data.days.value),
        deadline_on_holiday=str(data.deadline_on_holiday.value),
        class_scheme=tuple(scheme)
        if isinstance(scheme, list)
        else tuple(s for s in re.split(r"[\s,、]+", scheme) if s),
        session_close=close,  # type: ignore[arg-type]
        sources=tuple(
            (key, _shown(getattr(data, key).value), _unfold(getattr(data, key).source))
            for key in _ProfileFile.model_fields
            if isinstance(getattr(data, key), _Sourced)
        ),
        path=str(shown),
        description=data.description,
    )
    if problems:
        raise ProfileError(shown, problems)
    return profile


def _shown(value: str | list[str]) -> str:
    return "、".join(value) if isinstance(value, list) else str(value)


def _unfold(text: str) -> str:
    """A folded YAML string without the spaces folding puts between Chinese lines."""
    return re.sub(r"(?<=[^\x00-\x7f]|[,;:])\s+(?=[^\x00-\x7f]|\()", "", text).strip()


# --------------------------------------------------------------------------- date arithmetic


@cache
def calendar_years() -> tuple[int, int]:
    """The years the installed holiday calendar covers."""
    import chinese_calendar

    years = {d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays}
    return min(years), max(years)


def _out_of_calendar(d: date) -> NotDecidable:
    lo, hi = calendar_years()
    return NotDecidable(
        Text(
            f"节假日历只覆盖{lo}–{hi}年,无法判断{d.isoformat()}前后是否为工作日",
            f"the holiday calendar covers {lo}–{hi} only: cannot tell working days around {d.isoformat()}",
        )
    )


def is_workday(d: date) -> bool:
    lo, hi = calendar_years()
    if not lo <= d.year <= hi:
        raise _out_of_calendar(d)
    import chinese_calendar

    return chinese_calendar.is_workday(d)


def add_months(start: date, n: int) -> date:
    """The corresponding day n months later, or that month's last day (民法典第二百零二条)."""
    y, m = divmod(start.month - 1 + n, 12)
    year, month = start.year + y, m + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@cache
def add_duration(start: date, d: Duration, holiday_rule: str = "no_shift") -> date:
    """The last day of a period of `d` starting the day after `start` (the start day is not counted).

    Raises NotDecidable when working days (or the holiday shift) reach outside the calendar's years.
    """
    if d.unit == "month":
        end = add_months(start, d.n)
    elif d.unit == "day":
        end = start + timedelta(days=d.n)
    else:
        end, left = start, d.n
        while left:
            end += timedelta(days=1)
            left -= is_workday(end)
    if holiday_rule == "next_working_day":
        while not is_workday(end):  # 民法典第二百零三条: a last day on a holiday moves to the day after it
            end += timedelta(days=1)
    return end
