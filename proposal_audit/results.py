"""Typed results: what a check found, as data (status, severity, cause, figures used, arithmetic)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from .rounding import ALL_MODES, Mode

__all__ = [
    "Text",
    "Status",
    "Severity",
    "Cause",
    "Category",
    "CheckResult",
    "Policy",
    "worst_status",
    "sort_worst_first",
    "most_severe",
]


@dataclass(frozen=True)
class Text:
    """A message in Chinese (what the liaison office reads) and English."""

    zh: str
    en: str

    def __call__(self, language: str = "zh") -> str:
        return self.en if language == "en" else self.zh


class Status(StrEnum):
    FAIL = "fail"
    WARN = "warn"
    UNDECIDABLE = "not_decidable"
    SKIPPED = "skipped"
    PASS = "pass"


STATUS_RANK = {s: i for i, s in enumerate(Status)}  # lower is worse
STATUS_LABELS = {
    Status.FAIL: Text("不一致", "fail"),
    Status.WARN: Text("提示", "warn"),
    Status.UNDECIDABLE: Text("无法判定", "not decidable"),
    Status.SKIPPED: Text("未检查", "skipped"),
    Status.PASS: Text("一致", "pass"),
}


class Severity(StrEnum):
    MAJOR = "major"
    MINOR = "minor"
    INFO = "info"


SEVERITY_RANK = {s: i for i, s in enumerate(Severity)}
SEVERITY_LABELS = {
    Severity.MAJOR: Text("重要", "major"),
    Severity.MINOR: Text("次要", "minor"),
    Severity.INFO: Text("信息", "info"),
}


class Cause(StrEnum):
    """Why a figure fails, separate from the free text (pandera's 'reason' enum)."""

    PARTS_DO_NOT_ADD_UP = "parts_do_not_add_up"
    WRONG_STATED_SUM = "wrong_stated_sum"
    FORCED_TO_100 = "forced_to_100"
    OTHER_BASE = "other_base"
    TRUNCATION = "truncation"
    CEILING = "ceiling"
    MISROUNDED = "misrounded"  # off by one or more units in the last place, no better explanation
    UNREACHABLE = "unreachable"
    PRECISION = "precision"
    SUM_NOT_100 = "sum_not_100"
    GAP = "gap"
    TEXT_DEFECT = "text_defect"
    DISAGREES_WITH_SOURCE = "disagrees_with_source"
    NOT_PLACED = "not_placed"
    EXCEEDS_BASE = "exceeds_base"  # a count above its base, a share above 100%
    ROUNDED_TO_ALL = "rounded_to_all"  # honestly rounded to 100% (or 0%), though not all (or some)
    AMBIGUOUS_READING = "ambiguous_reading"  # a figure could be read two ways: confirm it first
    UNKNOWN_METADATA = "unknown_metadata"  # region, body, year or title not found
    BOUND_NOT_MET = "bound_not_met"  # "办结率达95%以上" while the counts give less


CAUSE_LABELS = {
    Cause.PARTS_DO_NOT_ADD_UP: Text("分项之和与总数不符", "parts do not add up to the total"),
    Cause.WRONG_STATED_SUM: Text("文中所称合计有误", "the stated sum is wrong"),
    Cause.FORCED_TO_100: Text("为凑足100%而调整", "adjusted to force the sum to 100"),
    Cause.OTHER_BASE: Text("按另一基数计算", "computed on another base"),
    Cause.TRUNCATION: Text("截尾而非四舍五入", "truncated rather than rounded"),
    Cause.CEILING: Text("进一而非四舍五入", "rounded up rather than to nearest"),
    Cause.MISROUNDED: Text("百分比与件数不符", "percentage does not match the count"),
    Cause.UNREACHABLE: Text("任何整数件数都得不到该百分比", "no whole count gives this percentage"),
    Cause.PRECISION: Text("小数位数与同组不一致", "printed with other precision than its set"),
    Cause.SUM_NOT_100: Text("百分比合计偏离100%", "percentages do not sum to 100"),
    Cause.GAP: Text("满意率远高于解决率", "satisfaction far above resolution"),
    Cause.TEXT_DEFECT: Text("文本缺陷", "defect in the text"),
    Cause.DISAGREES_WITH_SOURCE: Text("手工录入与原文不符", "typed figure differs from the document"),
    Cause.NOT_PLACED: Text("数字未能归类", "numbers the extractor could not place"),
    Cause.EXCEEDS_BASE: Text("超过其基数", "exceeds its base"),
    Cause.ROUNDED_TO_ALL: Text(
        "四舍五入成100%(或0%),实际并非全部(或没有)", "rounded to 100% (or 0%), not all (or none)"
    ),
    Cause.AMBIGUOUS_READING: Text("读数有歧义,须先确认", "the reading is ambiguous: confirm it"),
    Cause.UNKNOWN_METADATA: Text("报告信息不全", "report details not found"),
    Cause.BOUND_NOT_MET: Text("件数达不到文中所称的比例", "the counts do not reach the rate the text claims"),
}


class Category(StrEnum):
    ARITHMETIC = "arithmetic"  # sums, percentages, rates: is the report internally consistent?
    GAP = "gap"  # satisfaction against resolution
    TEXT = "text"  # the published text itself: template tokens, mojibake, script conversion
    SOURCE = "source"  # the figures against the document they were read from


@dataclass(frozen=True)
class CheckResult:
    """One verdict. `figures` are the keys of the printed figures used (see Figures.get).

    `check_id` is unique within an audit and stable across audits: the named check (`check`, e.g.
    `pct.share`) and, after a colon, what it was applied to (`subject`, e.g. `class.r1`), both built
    from the figures' structure (kind, rank, level, order), never from their printed labels.
    """

    check_id: str
    title: Text
    status: Status
    severity: Severity
    message: Text  # the arithmetic in words
    figures: tuple[str, ...] = ()
    expected: str = ""  # expected value or interval, as text
    observed: str = ""  # what the report prints
    cause: Cause | None = None
    modes: tuple[Mode, ...] = ()  # rounding modes the printed figure is consistent with
    count_range: tuple[int, int] | None = None  # counts the printed percentage allows
    candidates: tuple[int, ...] = ()  # bases on which an unreachable percentage is reachable
    category: Category = Category.ARITHMETIC
    positions: tuple[tuple[int, int], ...] = ()  # character spans in the source document
    check: str = ""  # the named check (checks.CHECKS), e.g. "pct.share"; "" for one-off results
    subject: str = ""  # what it was applied to, e.g. "class.r1" or "" for the whole report

    @property
    def is_finding(self) -> bool:
        return self.status in (Status.FAIL, Status.WARN)


@dataclass(frozen=True)
class Policy:
    """How strict the audit is: accepted rounding modes and the gap that counts as a finding."""

    accepted: tuple[Mode, ...] = (Mode.HALF_UP, Mode.HALF_EVEN)
    gap_threshold: Fraction = Fraction(20)
    name: str = "permissive"

    @classmethod
    def named(cls, name: str, gap_threshold: Fraction = Fraction(20)) -> Policy:
        """'permissive' accepts any round-to-nearest (half-up or half-even); 'strict' only half-up."""
        presets = {
            "permissive": (Mode.HALF_UP, Mode.HALF_EVEN),
            "strict": (Mode.HALF_UP,),
            "any": ALL_MODES,
        }
        if name not in presets:
            raise ValueError(f"unknown rounding policy {name!r}; choose one of {sorted(presets)}")
        return cls(accepted=presets[name], gap_threshold=gap_threshold, name=name)


def worst_status(results: list[CheckResult]) -> Status:
    return min((r.status for r in results), key=STATUS_RANK.__getitem__, default=Status.PASS)


def sort_worst_first(results: list[CheckResult]) -> list[CheckResult]:
    """By status (fail, warn, not decidable, skipped, pass), then by severity within a status; the
    original order breaks ties (stable sort)."""
    return sorted(results, key=lambda r: (STATUS_RANK[r.status], SEVERITY_RANK[r.severity]))


def most_severe(results: list[CheckResult]) -> CheckResult | None:
    """The finding (fail or warn) a summary names: the most severe one, a fail before a warn of the
    same severity; None when nothing was found."""
    findings = [r for r in results if r.is_finding]
    return min(findings, key=lambda r: (SEVERITY_RANK[r.severity], STATUS_RANK[r.status]), default=None)
