"""Checks of a ledger (台账) against the report's printed figures and the region's handling rules.

Pure functions: a `Ledger`, the report's `Figures`, a `Profile` and the `Policy` in, `LedgerCheck`
records out (a CheckResult plus the spreadsheet rows behind it). Nothing here reads a file or prints.

One cause, one finding: when the ledger has a row too many or too few, the class, satisfaction and
percentage comparisons that differ only by that row are marked `skipped` with a pointer to the row
count's finding instead of repeating it; a gap in the numbering that accounts for a missing row is
reported with the row count, not twice.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from fractions import Fraction

from .figures import TOTAL, Figure, Figures, Kind, Level
from .formatting import fmt_fraction
from .gaps import frechet
from .ledger import RATING_LABELS, Ledger, LedgerRow, Rating
from .profiles import NotDecidable, Profile, add_duration
from .results import Category, Cause, CheckResult, Policy, Severity, Status, Text, worst_status
from .rounding import modes_consistent

__all__ = [
    "LedgerCheck",
    "LedgerAudit",
    "Timeliness",
    "RowDeadline",
    "UnitLine",
    "CrossRow",
    "ReviewPair",
    "MIN_UNIT_ITEMS",
    "check_ledger",
    "row_deadline",
    "DIMENSIONS",
]

MIN_UNIT_ITEMS = 5  # a unit's rates on fewer items than this are shown but never a finding
SHOWN = 10  # rows named in a message; every row is in LedgerCheck.rows

DIMENSIONS = {
    "result": Text("办理结果", "rating of the result"),
    "work": Text("办理工作", "rating of the handling"),
    "combined": Text("综合(两项中较低者)", "combined (the lower of the two)"),
}


@dataclass(frozen=True)
class LedgerCheck:
    """A verdict on the ledger and the spreadsheet rows it rests on."""

    result: CheckResult
    rows: tuple[int, ...] = ()


class Timeliness(StrEnum):
    ON_TIME = "on_time"
    EXTENDED = "extended"  # after the deadline, within the extension limit, approved (or no approval needed)
    EXTENDED_UNAPPROVED = "extended_unapproved"
    LATE = "late"
    INCONSISTENT = "inconsistent"  # replied before the clock started
    UNKNOWN = "unknown"  # a blank date
    NOT_DECIDABLE = "not_decidable"  # outside the holiday calendar's years


TIMELINESS_LABELS = {
    Timeliness.ON_TIME: Text("按期", "on time"),
    Timeliness.EXTENDED: Text("延期(已批准)", "extended, approved"),
    Timeliness.EXTENDED_UNAPPROVED: Text("延期未经批准", "extended without approval"),
    Timeliness.LATE: Text("逾期", "late"),
    Timeliness.INCONSISTENT: Text("日期矛盾", "dates contradict"),
    Timeliness.UNKNOWN: Text("日期空白", "date blank"),
    Timeliness.NOT_DECIDABLE: Text("无法判定", "not decidable"),
}
_BAD_TIMES = (Timeliness.LATE, Timeliness.EXTENDED_UNAPPROVED, Timeliness.INCONSISTENT)


@dataclass(frozen=True)
class RowDeadline:
    row: LedgerRow
    status: Timeliness
    start: date | None = None
    deadline: date | None = None
    days: int | None = None  # from the clock start to the reply
    reason: Text | None = None

    @property
    def late_days(self) -> int | None:
        if self.deadline and self.row.replied and self.row.replied > self.deadline:
            return (self.row.replied - self.deadline).days
        return None


@dataclass(frozen=True)
class UnitLine:
    """One lead unit: its items, their classes and ratings, and how its replies kept the deadline."""

    unit: str
    n: int
    classified: int
    solved: int  # A
    committed: int  # A + B
    rated: int
    satisfied: int  # 满意 (and 非常满意)
    satisfied_or_basic: int
    times: dict[str, int]  # Timeliness value → count
    co_n: int = 0  # items it co-handled
    co_late: int = 0
    co_unknown: int = 0
    max_days: int | None = None

    def rate(self, k: int, n: int) -> Fraction | None:
        return Fraction(100 * k, n) if n else None

    @property
    def resolution(self) -> Fraction | None:
        return self.rate(self.solved, self.classified)

    @property
    def commitment(self) -> Fraction | None:
        return self.rate(self.committed, self.classified)

    @property
    def satisfaction(self) -> Fraction | None:
        return self.rate(self.satisfied, self.rated)

    @property
    def satisfaction_or_basic(self) -> Fraction | None:
        return self.rate(self.satisfied_or_basic, self.rated)

    @property
    def gap(self) -> Fraction | None:
        s, r = self.satisfaction, self.resolution
        return s - r if s is not None and r is not None else None

    @property
    def judged(self) -> bool:
        return min(self.classified, self.rated) >= MIN_UNIT_ITEMS


@dataclass(frozen=True)
class CrossRow:
    """One row of the exact class × rating table (the rating dimension that matches the report)."""

    label: str
    rank: int | None  # None: the blank class; 0: "not solved" (every class but A)
    counts: dict[str, int]  # Rating value or "blank" → count
    rows_satisfied: tuple[int, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class ReviewPair:
    """Two suggestions of different years with similar titles: for a person to look at, not a finding."""

    score: float
    previous: LedgerRow
    current: LedgerRow


@dataclass(frozen=True)
class LedgerAudit:
    path: str
    profile: Profile
    as_of: date
    as_of_source: Text
    dimension: str  # the rating that matches the report: result, work or combined ("" none)
    checks: tuple[LedgerCheck, ...]
    crosstab: tuple[CrossRow, ...]
    units: tuple[UnitLine, ...]
    deadlines: tuple[RowDeadline, ...]
    headlines: tuple[Text, ...]
    satisfied_not_solved: int | None = None  # the exact count; None when the ledger cannot give it
    bound: tuple[int, int] | None = None  # the Fréchet interval the report's figures allow
    reconciled: bool = False
    review: tuple[ReviewPair, ...] = ()
    notes: tuple[Text, ...] = ()
    rows_total: int = 0
    rows_active: int = 0
    previous_path: str = ""
    show_names: bool = False

    @property
    def results(self) -> list[CheckResult]:
        return [c.result for c in self.checks]

    def findings(self) -> list[LedgerCheck]:
        return [c for c in self.checks if c.result.is_finding]

    def get(self, check_id: str) -> LedgerCheck | None:
        return next((c for c in self.checks if c.result.check_id == check_id), None)

    @property
    def worst(self) -> Status:
        return worst_status(self.results)

    @property
    def exit_code(self) -> int:
        return 1 if self.findings() else 0


# --------------------------------------------------------------------------- helpers


def _result(
    check_id: str,
    title: Text,
    status: Status,
    message: Text,
    rows: list[int] | tuple[int, ...] = (),
    *,
    severity: Severity | None = None,
    expected: str = "",
    observed: str = "",
    cause: Cause | None = None,
    figures: tuple[str, ...] = (),
    category: Category = Category.SOURCE,
) -> LedgerCheck:
    if severity is None:
        severity = (
            Severity.MAJOR if status is Status.FAIL else Severity.MINOR if status is Status.WARN else Severity.INFO
        )
    return LedgerCheck(
        CheckResult(
            check_id,
            title,
            status,
            severity,
            message,
            figures=figures,
            expected=expected,
            observed=observed,
            cause=cause,
            category=category,
        ),
        tuple(sorted(set(rows))),
    )


def _where(rows: list[LedgerRow], zh: bool = True) -> str:
    shown = [r.where() if zh else r.where_en() for r in rows[:SHOWN]]
    more = (f" …共{len(rows)}件" if zh else f" … {len(rows)} in all") if len(rows) > SHOWN else ""
    return ("、" if zh else ", ").join(shown) + more


def _pct(x: Fraction | None) -> str:
    return "—" if x is None else fmt_fraction(x, 1)


def _rating(row: LedgerRow, dimension: str) -> Rating | None:
    if dimension == "work":
        return row.work_rating
    if dimension == "combined":
        return row.combined
    return row.result_rating


def _is_satisfied(r: Rating | None) -> bool:
    return r in (Rating.VERY_SATISFIED, Rating.SATISFIED)


def _is_satisfied_or_basic(r: Rating | None) -> bool:
    return r in (Rating.VERY_SATISFIED, Rating.SATISFIED, Rating.BASIC)


def _main_classes(figs: Figures) -> list[Figure]:
    return [c for c in figs.classes() if (c.base or TOTAL) == TOTAL and not c.dimension and not c.scope]


def _main_levels(figs: Figures) -> list[Figure]:
    return [s for s in figs.satisfaction("") if not s.scope]


def _normal_title(title: str) -> str:
    t = re.sub(r"[\s《》“”\"'‘’,,。.、;;::!!??()()\-—]", "", title)
    return re.sub(r"^关于|的?建议$", "", t)


# --------------------------------------------------------------------------- deadlines


def _clock_start(row: LedgerRow, profile: Profile) -> date | None:
    if profile.clock_start == "received":
        return row.received
    if profile.clock_start == "session_close":
        from .ledger import Period

        if row.period is Period.SESSION:
            return profile.session_close
        return row.assigned if row.period is Period.RECESS else None
    return row.assigned


def row_deadline(row: LedgerRow, profile: Profile) -> RowDeadline:
    """Whether one reply kept the profile's deadline (with an extension, approved or not)."""
    start = _clock_start(row, profile)
    if row.replied is None or start is None:
        what = Text("答复日期空白", "reply date blank") if row.replied is None else Text("起算日期空白", "start blank")
        return RowDeadline(row, Timeliness.UNKNOWN, start, reason=what)
    days = (row.replied - start).days
    try:
        deadline = add_duration(start, profile.reply_deadline, profile.deadline_on_holiday)
    except NotDecidable as exc:
        return RowDeadline(row, Timeliness.NOT_DECIDABLE, start, days=days, reason=exc.reason)
    if row.replied < start:
        return RowDeadline(
            row,
            Timeliness.INCONSISTENT,
            start,
            deadline,
            days,
            Text("答复早于起算日", "replied before the clock started"),
        )
    if row.replied <= deadline:
        return RowDeadline(row, Timeliness.ON_TIME, start, deadline, days)
    extended = bool(row.extended) or (row.extended is None and row.extension_approved is not None)
    if not extended:
        return RowDeadline(row, Timeliness.LATE, start, deadline, days)
    try:
        limit = add_duration(start, profile.extension_limit, profile.deadline_on_holiday)
    except NotDecidable as exc:
        return RowDeadline(row, Timeliness.NOT_DECIDABLE, start, deadline, days, exc.reason)
    if row.replied > limit:
        reason = Text(f"超过延期上限{limit.isoformat()}", f"beyond the extension limit {limit.isoformat()}")
        return RowDeadline(row, Timeliness.LATE, start, limit, days, reason)
    approved = row.extension_approved is not None and row.extension_approved <= deadline
    if approved or not profile.extension_needs_approval:
        return RowDeadline(row, Timeliness.EXTENDED, start, deadline, days)
    reason = (
        Text("无延期批准日期", "no approval date")
        if row.extension_approved is None
        else Text(
            f"批准日期{row.extension_approved.isoformat()}晚于原期限",
            f"approved on {row.extension_approved.isoformat()}, after the deadline",
        )
    )
    return RowDeadline(row, Timeliness.EXTENDED_UNAPPROVED, start, deadline, days, reason)


def _co_deadline(row: LedgerRow, profile: Profile) -> tuple[Timeliness, date | None]:
    if row.co_reply is None or row.assigned is None:
        return Timeliness.UNKNOWN, None
    try:
        deadline = add_duration(row.assigned, profile.co_handler_deadline, profile.deadline_on_holiday)
    except NotDecidable:
        return Timeliness.NOT_DECIDABLE, None
    if row.co_reply < row.assigned:
        return Timeliness.INCONSISTENT, deadline
    return (Timeliness.ON_TIME if row.co_reply <= deadline else Timeliness.LATE), deadline


def _late_text(d: RowDeadline) -> tuple[str, str]:
    r = d.row
    base_zh = f"{r.where()}{r.lead_unit}:起算{d.start},期限{d.deadline},答复{r.replied}"
    base_en = f"{r.where_en()} {r.lead_unit}: from {d.start}, due {d.deadline}, replied {r.replied}"
    if d.late_days:
        base_zh += f",逾期{d.late_days}天"
        base_en += f", {d.late_days} days late"
    if d.reason:
        base_zh += f"({d.reason.zh})"
        base_en += f" ({d.reason.en})"
    return base_zh, base_en


def check_deadlines(ledger: Ledger, profile: Profile, claim: str = "") -> tuple[list[LedgerCheck], list[RowDeadline]]:
    title = Text("答复期限(主办件)", "reply deadlines (lead units)")
    rule = Text(
        f"{profile.clock_text().zh}{profile.reply_deadline.text().zh}内答复",
        f"reply within {profile.reply_deadline.text().en} {profile.clock_text().en}",
    )
    start_col = {"assigned": "assigned", "received": "received", "session_close": "period"}[profile.clock_start]
    if not ledger.has("replied") or not ledger.has(start_col):
        missing = (
            "答复日期"
            if not ledger.has("replied")
            else {"assigned": "交办日期", "received": "签收日期"}.get(start_col, "提出时段")
        )
        return [
            _result(
                "ledger.deadlines",
                title,
                Status.SKIPPED,
                Text(f"台账没有“{missing}”列,无法核对期限", f"the ledger has no '{missing}' column"),
            )
        ], []
    deadlines = [row_deadline(r, profile) for r in ledger.active]
    by = defaultdict(list)
    for d in deadlines:
        by[d.status].append(d)
    bad = [d for d in deadlines if d.status in _BAD_TIMES]
    claim_zh = f"报告称“{claim}”,但" if claim else ""
    claim_en = f"The report says '{claim}', but " if claim else ""
    checks: list[LedgerCheck] = []
    if bad:
        texts = [_late_text(d) for d in bad[:SHOWN]]
        more = f" …共{len(bad)}件" if len(bad) > SHOWN else ""
        counts = Counter(d.status for d in bad)
        summary_zh = "、".join(f"{TIMELINESS_LABELS[s].zh}{n}件" for s, n in counts.items())
        summary_en = ", ".join(f"{n} {TIMELINESS_LABELS[s].en}" for s, n in counts.items())
        checks.append(
            _result(
                "ledger.deadlines",
                title,
                Status.FAIL,
                Text(
                    f"{claim_zh}台账中{summary_zh}(规则:{rule.zh}):" + ";".join(t[0] for t in texts) + more,
                    f"{claim_en}the ledger has {summary_en} (rule: {rule.en}): " + "; ".join(t[1] for t in texts),
                ),
                [d.row.row for d in bad],
                expected=rule.zh,
                observed=summary_zh,
                cause=Cause.DISAGREES_WITH_SOURCE if claim else None,
            )
        )
    else:
        unsure = by[Timeliness.UNKNOWN] + by[Timeliness.NOT_DECIDABLE]
        longest = max((d.days for d in deadlines if d.days is not None), default=None)
        ext = len(by[Timeliness.EXTENDED])
        ext_zh = f",其中延期获批{ext}件" if ext else ""
        ext_en = f", {ext} of them with an approved extension" if ext else ""
        ok = len(by[Timeliness.ON_TIME]) + ext
        if unsure:
            reasons = Counter((d.reason.zh, d.reason.en) for d in unsure if d.reason)
            why_zh = ";".join(f"{zh}{n}件" for (zh, _), n in reasons.items())
            why_en = "; ".join(f"{en}: {n}" for (_, en), n in reasons.items())
            checks.append(
                _result(
                    "ledger.deadlines",
                    title,
                    Status.UNDECIDABLE,
                    Text(
                        f"{ok}件按期{ext_zh};{len(unsure)}件无法判定({why_zh}):{_where([d.row for d in unsure])}",
                        f"{ok} on time{ext_en}; {len(unsure)} cannot be judged ({why_en}): "
                        f"{_where([d.row for d in unsure], False)}",
                    ),
                    [d.row.row for d in unsure],
                )
            )
        else:
            agrees_zh = f",与报告“{claim}”相符" if claim else ""
            agrees_en = f", as the report says ('{claim}')" if claim else ""
            checks.append(
                _result(
                    "ledger.deadlines",
                    title,
                    Status.PASS,
                    Text(
                        f"主办件{ok}件全部在期限内答复({rule.zh}){ext_zh};最长用时{longest}天{agrees_zh}",
                        f"all {ok} replies within the deadline ({rule.en}){ext_en}; the longest took {longest} days"
                        f"{agrees_en}",
                    ),
                    expected=rule.zh,
                    observed=f"{ok}/{len(deadlines)}",
                )
            )
    checks.append(_check_co_handlers(ledger, profile))
    return checks, deadlines


def _check_co_handlers(ledger: Ledger, profile: Profile) -> LedgerCheck:
    title = Text("协办意见期限", "co-handlers' opinions on time")
    rule = Text(
        f"协办单位自交办之日起{profile.co_handler_deadline.text().zh}内提出意见",
        f"co-handlers' opinions within {profile.co_handler_deadline.text().en} of assignment",
    )
    rows = [r for r in ledger.active if r.co_units]
    if not rows:
        return _result(
            "ledger.deadlines.co_handlers", title, Status.PASS, Text("台账中没有协办件", "no co-handled items")
        )
    if not ledger.has("co_reply"):
        return _result(
            "ledger.deadlines.co_handlers",
            title,
            Status.SKIPPED,
            Text(
                f"有{len(rows)}件协办件,但台账没有“协办意见日期”列",
                f"{len(rows)} co-handled items, but no co-handlers' opinion date column",
            ),
        )
    results = [(r, *_co_deadline(r, profile)) for r in rows]
    late = [(r, d) for r, s, d in results if s in _BAD_TIMES]
    unknown = [r for r, s, _ in results if s in (Timeliness.UNKNOWN, Timeliness.NOT_DECIDABLE)]
    if late:
        shown_zh = ";".join(f"{r.where()}协办{'、'.join(r.co_units)}:期限{d},意见{r.co_reply}" for r, d in late[:SHOWN])
        shown_en = "; ".join(f"{r.where_en()}: due {d}, opinion {r.co_reply}" for r, d in late[:SHOWN])
        return _result(
            "ledger.deadlines.co_handlers",
            title,
            Status.FAIL,
            Text(f"{len(late)}件协办意见逾期({rule.zh}):{shown_zh}", f"{len(late)} late ({rule.en}): {shown_en}"),
            [r.row for r, _ in late],
            expected=rule.zh,
        )
    if unknown:
        return _result(
            "ledger.deadlines.co_handlers",
            title,
            Status.UNDECIDABLE,
            Text(
                f"{len(rows) - len(unknown)}件按期;{len(unknown)}件无协办意见日期:{_where(unknown)}",
                f"{len(rows) - len(unknown)} on time; {len(unknown)} without a date: {_where(unknown, False)}",
            ),
            [r.row for r in unknown],
        )
    return _result(
        "ledger.deadlines.co_handlers",
        title,
        Status.PASS,
        Text(f"协办件{len(rows)}件的协办意见全部按期({rule.zh})", f"all {len(rows)} on time ({rule.en})"),
    )


# --------------------------------------------------------------------------- register integrity


def _gaps(ledger: Ledger) -> list[tuple[str, int]]:
    """Numbers missing from the register altogether: (prefix, seq) between each prefix's first and last."""
    seqs: dict[str, set[int]] = defaultdict(set)
    for r in ledger.rows:
        if r.seq is not None:
            seqs[r.prefix].add(r.seq)
    missing = []
    for prefix, present in seqs.items():
        if len(present) > 1:
            missing += [(prefix, s) for s in range(min(present), max(present) + 1) if s not in present]
    return missing


def _gap_name(prefix: str, seq: int, like: LedgerRow | None) -> str:
    """The missing number written like its neighbours (2019-073, 第073号)."""
    if like is not None and like.seq is not None:
        digits = re.search(r"(\d+)(?!.*\d)", like.number)
        width = len(digits.group(1)) if digits else 1
        return prefix.replace("#", f"{seq:0{width}d}")
    return prefix.replace("#", str(seq))


def check_register(ledger: Ledger) -> tuple[LedgerCheck, list[str]]:
    """Unique numbers; returns the numbering gaps too (the gap check is made with the row count)."""
    title = Text("建议编号唯一", "suggestion numbers unique")
    by_number: dict[str, list[LedgerRow]] = defaultdict(list)
    for r in ledger.rows:
        by_number[r.number].append(r)
    dups = {n: rs for n, rs in by_number.items() if len(rs) > 1}
    like = {r.prefix: r for r in ledger.rows}
    gaps = [_gap_name(p, s, like.get(p)) for p, s in _gaps(ledger)]
    if dups:
        shown = list(dups.items())[:SHOWN]
        return _result(
            "ledger.register.unique",
            title,
            Status.FAIL,
            Text(
                f"{len(dups)}个编号重复:"
                + ";".join(f"{n}(第{'、'.join(str(r.row) for r in rs)}行)" for n, rs in shown),
                f"{len(dups)} numbers repeated: "
                + "; ".join(f"{n} (rows {', '.join(str(r.row) for r in rs)})" for n, rs in shown),
            ),
            [r.row for rs in dups.values() for r in rs],
        ), gaps
    return _result(
        "ledger.register.unique",
        title,
        Status.PASS,
        Text(f"{len(ledger.rows)}行,编号无重复", f"{len(ledger.rows)} rows, no number repeated"),
    ), gaps


def _check_gaps(ledger: Ledger, gaps: list[str], folded: bool) -> LedgerCheck:
    title = Text("编号连续(缺号须有撤回、并案或不予立案的记录)", "numbering without unexplained gaps")
    inactive = Counter(r.status for r in ledger.rows if not r.active)
    from .ledger import STATUS_LABELS

    kept_zh = "、".join(f"{STATUS_LABELS[s].zh}{n}件" for s, n in inactive.items())
    kept_en = ", ".join(f"{n} {STATUS_LABELS[s].en}" for s, n in inactive.items())
    kept_zh = f";不计入的记录:{kept_zh}" if kept_zh else ""
    kept_en = f"; rows not counted: {kept_en}" if kept_en else ""
    if not gaps:
        return _result(
            "ledger.register.gaps",
            title,
            Status.PASS,
            Text(f"编号无缺号{kept_zh}", f"no gap in the numbering{kept_en}"),
        )
    shown = "、".join(gaps[:SHOWN]) + (f" …共{len(gaps)}个" if len(gaps) > SHOWN else "")
    if folded:
        return _result(
            "ledger.register.gaps",
            title,
            Status.SKIPPED,
            Text(
                f"缺号{shown}即台账少于报告的件数,已在“台账件数”一项中报告",
                f"the missing numbers {shown} are the rows the ledger lacks: reported under ledger.reconcile.rows",
            ),
        )
    return _result(
        "ledger.register.gaps",
        title,
        Status.FAIL,
        Text(
            f"缺号{shown}:台账中没有这些编号,也没有撤回、并案或不予立案的记录{kept_zh}",
            f"numbers {shown} are missing, with no record of withdrawal, merger or rejection{kept_en}",
        ),
    )


# --------------------------------------------------------------------------- reconciliation


@dataclass
class _Recon:
    """What the reconciliation established, for the checks that depend on it."""

    rows_diff: int | None = None  # ledger − report; None when the report gives no total
    failed: set[str] = field(default_factory=set)
    dimension: str = ""


def _check_rows(ledger: Ledger, figs: Figures, gaps: list[str], recon: _Recon) -> LedgerCheck:
    title = Text("台账件数与报告总数", "ledger rows against the report's total")
    total = figs.total
    active = ledger.active
    numbers = {r.number for r in active}
    n = len(numbers)
    inactive = len(ledger.rows) - len(active)
    note_zh = f"(另有{inactive}行为撤回、并案或不予立案,不计入)" if inactive else ""
    note_en = f" ({inactive} withdrawn, merged or not filed rows not counted)" if inactive else ""
    if total is None or total.count is None:
        return _result(
            "ledger.reconcile.rows",
            title,
            Status.UNDECIDABLE,
            Text(f"报告没有总件数;台账{n}件{note_zh}", f"the report gives no total; the ledger has {n}{note_en}"),
        )
    recon.rows_diff = n - total.count
    if recon.rows_diff == 0:
        return _result(
            "ledger.reconcile.rows",
            title,
            Status.PASS,
            Text(f"台账{n}件,报告{total.count}件{note_zh}", f"ledger {n}, report {total.count}{note_en}"),
            figures=(total.key,),
            expected=str(total.count),
            observed=str(n),
        )
    recon.failed.add("rows")
    rows: list[int] = []
    if recon.rows_diff > 0:
        twins: dict[tuple[str, str], list[LedgerRow]] = defaultdict(list)
        for r in active:
            if r.title:
                twins[(_normal_title(r.title), r.deputy)].append(r)
        pairs = [rs for rs in twins.values() if len(rs) > 1]
        rows = [r.row for rs in pairs for r in rs]
        if pairs:
            locate_zh = ";可能重复登记或应并案:" + ";".join(
                "与".join(r.where() for r in rs) + "标题和领衔代表相同" for rs in pairs[:SHOWN]
            )
            locate_en = "; possibly entered twice or to be merged: " + "; ".join(
                " and ".join(r.where_en() for r in rs) + " have the same title and deputy" for rs in pairs[:SHOWN]
            )
        else:
            locate_zh = ";台账中找不到重复的标题,请核对多出的是哪几件"
            locate_en = "; no repeated title found: find the extra rows by hand"
        what_zh, what_en = f"多{recon.rows_diff}件", f"{recon.rows_diff} more"
    else:
        short = -recon.rows_diff
        if gaps:
            locate_zh = f";缺号:{'、'.join(gaps[:SHOWN])}"
            locate_en = f"; missing numbers: {', '.join(gaps[:SHOWN])}"
        else:
            locate_zh = ";编号中没有缺号,请核对是否漏登"
            locate_en = "; no gap in the numbering: look for rows never entered"
        what_zh, what_en = f"少{short}件", f"{short} fewer"
    return _result(
        "ledger.reconcile.rows",
        title,
        Status.FAIL,
        Text(
            f"台账{n}件,报告{total.count}件,台账{what_zh}{note_zh}{locate_zh}",
            f"ledger {n}, report {total.count}: the ledger has {what_en}{note_en}{locate_en}",
        ),
        rows,
        figures=(total.key,),
        expected=str(total.count),
        observed=str(n),
        cause=Cause.PARTS_DO_NOT_ADD_UP,
    )


def _explained_by_rows(diffs: list[int], recon: _Recon) -> bool:
    """The differences are the extra or missing rows: they sum to the row difference, all one way."""
    d = recon.rows_diff
    if not d:
        return False
    return sum(diffs) == d and all(x == 0 or (x > 0) == (d > 0) for x in diffs)


def _folded(check_id: str, title: Text, what: Text) -> LedgerCheck:
    return _result(
        check_id,
        title,
        Status.SKIPPED,
        Text(
            f"{what.zh};差异就是台账多出或缺少的那几件,已在“台账件数”一项中报告",
            f"{what.en}; the difference is the ledger's extra or missing rows, reported under ledger.reconcile.rows",
        ),
    )


def _class_label(rank: int | None, figs_classes: list[Figure], profile: Profile) -> str:
    for c in figs_classes:
        if c.rank == rank:
            return c.display_label
    if rank and rank <= len(profile.class_scheme):
        return f"{profile.class_scheme[rank - 1]}类"
    return f"{'ABCD'[rank - 1]}类" if rank and rank <= 4 else "类别空白"


def _check_classes(ledger: Ledger, figs: Figures, profile: Profile, recon: _Recon) -> LedgerCheck:
    title = Text("台账类别与报告分类", "classes in the ledger against the report")
    printed = [c for c in _main_classes(figs) if c.count is not None]
    if not printed:
        return _result(
            "ledger.reconcile.classes",
            title,
            Status.SKIPPED,
            Text("报告没有印出各类件数", "the report prints no class counts"),
        )
    if not ledger.has("class"):
        return _result("ledger.reconcile.classes", title, Status.SKIPPED, Text("台账没有“类别”列", "no class column"))
    active = ledger.active
    counts = Counter(r.class_rank for r in active)
    blank = [r for r in active if r.class_rank is None]
    ranks = {c.rank for c in printed}
    extra = {k: v for k, v in counts.items() if k is not None and k not in ranks}
    diffs = {c.rank: counts.get(c.rank, 0) - (c.count or 0) for c in printed}
    parts_zh = [f"{c.display_label}{counts.get(c.rank, 0)}件" for c in printed]
    shown_zh = "、".join(parts_zh)
    shown_en = ", ".join(f"{c.display_label} {counts.get(c.rank, 0)}" for c in printed)
    keys = tuple(c.key for c in printed)
    expected = "/".join(str(c.count) for c in printed)
    observed = "/".join(str(counts.get(c.rank, 0)) for c in printed)
    if not any(diffs.values()) and not extra and not blank:
        return _result(
            "ledger.reconcile.classes",
            title,
            Status.PASS,
            Text(f"台账{shown_zh},与报告一致", f"ledger {shown_en}: as printed"),
            figures=keys,
            expected=expected,
            observed=observed,
        )
    all_diffs = [*diffs.values(), *extra.values(), len(blank)]
    if _explained_by_rows(all_diffs, recon):
        return _folded("ledger.reconcile.classes", title, Text(f"台账{shown_zh}", f"ledger {shown_en}"))
    if not extra and blank and all(d <= 0 for d in diffs.values()) and -sum(diffs.values()) == len(blank):
        return _result(
            "ledger.reconcile.classes",
            title,
            Status.UNDECIDABLE,
            Text(
                f"台账{shown_zh},另有{len(blank)}件类别空白(未知),无法判定:{_where(blank)}",
                f"ledger {shown_en}; {len(blank)} blank (unknown), cannot tell: {_where(blank, False)}",
            ),
            [r.row for r in blank],
            figures=keys,
        )
    recon.failed.add("classes")
    bits_zh, bits_en, rows = [], [], []
    for c in printed:
        d = diffs[c.rank]
        if d:
            bits_zh.append(f"{c.display_label}台账{counts.get(c.rank, 0)}件、报告{c.count}件")
            bits_en.append(f"{c.display_label}: ledger {counts.get(c.rank, 0)}, report {c.count}")
    for rank, k in extra.items():
        these = [r for r in active if r.class_rank == rank]
        rows += [r.row for r in these]
        label = _class_label(rank, [], profile)
        bits_zh.append(f"{label}{k}件报告中没有:{_where(these)}")
        bits_en.append(f"{k} in {label}, which the report does not have: {_where(these, False)}")
    if blank:
        rows += [r.row for r in blank]
        bits_zh.append(f"类别空白{len(blank)}件:{_where(blank)}")
        bits_en.append(f"{len(blank)} blank: {_where(blank, False)}")
    return _result(
        "ledger.reconcile.classes",
        title,
        Status.FAIL,
        Text(";".join(bits_zh), "; ".join(bits_en)),
        rows,
        figures=keys,
        expected=expected,
        observed=observed,
        cause=Cause.PARTS_DO_NOT_ADD_UP,
    )


_LEVEL_RATINGS = {
    Level.VERY_SATISFIED: {Rating.VERY_SATISFIED},
    Level.SATISFIED: {Rating.SATISFIED},
    Level.BASIC: {Rating.BASIC},
    Level.DISSATISFIED: {Rating.DISSATISFIED},
    Level.SATISFIED_OR_BASIC: {Rating.VERY_SATISFIED, Rating.SATISFIED, Rating.BASIC},
}


def _level_sets(printed: list[Figure]) -> list[tuple[Figure, set[Rating]]]:
    """Which ratings each printed level counts (非常满意 counts as 满意 when the report has no such level)."""
    levels = {f.level for f in printed}
    out = []
    for f in printed:
        assert f.level is not None
        ratings = set(_LEVEL_RATINGS[f.level])
        if f.level is Level.SATISFIED and Level.VERY_SATISFIED not in levels:
            ratings.add(Rating.VERY_SATISFIED)
        out.append((f, ratings))
    return out


def _dimension_counts(ledger: Ledger, dimension: str) -> tuple[Counter, list[LedgerRow]]:
    ratings = [(r, _rating(r, dimension)) for r in ledger.active]
    return Counter(x for _, x in ratings if x is not None), [r for r, x in ratings if x is None]


def _check_satisfaction(ledger: Ledger, figs: Figures, recon: _Recon) -> LedgerCheck:
    """Which of the ledger's ratings (办理结果, 办理工作, or the lower of the two) the printed counts are."""
    title = Text("台账满意度与报告", "ratings in the ledger against the report")
    printed = [f for f in _main_levels(figs) if f.count is not None and f.level is not None]
    if not printed:
        return _result(
            "ledger.reconcile.satisfaction",
            title,
            Status.SKIPPED,
            Text("报告没有印出满意度件数", "the report prints no satisfaction counts"),
        )
    total = figs.total
    other_base = [f for f in printed if (f.base or TOTAL) != TOTAL]
    if other_base:
        base = figs.base_of(other_base[0])
        return _result(
            "ledger.reconcile.satisfaction",
            title,
            Status.UNDECIDABLE,
            Text(
                f"报告的满意度以{base.display_label if base else '另一基数'}为基数,不是逐件的评价,无法与台账逐件核对",
                "the report's satisfaction is counted on another base than the proposals: no row-by-row comparison",
            ),
        )
    dims = [
        d
        for d in ("result", "work", "combined")
        if d != "combined" or (ledger.has("result_rating") and ledger.has("work_rating"))
    ]
    dims = [d for d in dims if d == "combined" or ledger.has(f"{d}_rating")]
    if not dims:
        return _result(
            "ledger.reconcile.satisfaction", title, Status.SKIPPED, Text("台账没有满意度列", "no rating columns")
        )
    sets = _level_sets(printed)
    covered = set().union(*(s for _, s in sets))
    partition = [f for f, _ in sets if f.level is not Level.SATISFIED_OR_BASIC]
    remainder = (
        total.count - sum(f.count or 0 for f in partition)
        if total and total.count is not None and partition and len(partition) == len(sets)
        else None
    )
    keys = tuple(f.key for f in printed)
    outcomes = []
    for d in dims:
        counts, blank = _dimension_counts(ledger, d)
        got = [sum(counts[x] for x in s) for _, s in sets]
        others = sum(v for k, v in counts.items() if k not in covered)
        diffs = [g - (f.count or 0) for g, (f, _) in zip(got, sets, strict=True)]
        if remainder is not None:
            diffs.append(others - remainder)
        outcomes.append((d, counts, blank, got, others, diffs))

    def describe(o: tuple, zh: bool) -> str:
        d, counts, blank, got, others, _ = o
        parts = [
            f"{f.display_label}{g}" if zh else f"{f.display_label} {g}" for g, (f, _) in zip(got, sets, strict=True)
        ]
        rest = Counter({k: v for k, v in counts.items() if k not in covered})
        parts += [(f"{RATING_LABELS[k].zh}{v}" if zh else f"{RATING_LABELS[k].en} {v}") for k, v in rest.items()]
        if blank:
            parts.append(f"空白{len(blank)}" if zh else f"blank {len(blank)}")
        name = DIMENSIONS[d].zh if zh else DIMENSIONS[d].en
        return f"{name}:" + ("/".join(parts)) if zh else f"{name}: " + "/".join(parts)

    matches = [o for o in outcomes if not any(o[5]) and not o[2]]
    printed_zh = "、".join(f"{f.display_label}{f.count}件" for f in printed)
    printed_en = ", ".join(f"{f.display_label} {f.count}" for f in printed)
    if remainder is not None:
        printed_zh += f"(其余{remainder}件)"
        printed_en += f" (the rest: {remainder})"
    if matches:
        recon.dimension = matches[0][0]
        names_zh = "、".join(DIMENSIONS[o[0]].zh for o in matches)
        names_en = ", ".join(DIMENSIONS[o[0]].en for o in matches)
        others = [o for o in outcomes if o not in matches]
        other_zh = (";不符:" + ";".join(describe(o, True) for o in others)) if others else ""
        other_en = ("; not: " + "; ".join(describe(o, False) for o in others)) if others else ""
        return _result(
            "ledger.reconcile.satisfaction",
            title,
            Status.PASS,
            Text(
                f"报告{printed_zh}与台账的“{names_zh}”评价一致{other_zh}",
                f"the report's {printed_en} are the ledger's {names_en}{other_en}",
            ),
            figures=keys,
            expected="/".join(str(f.count) for f in printed),
            observed="/".join(str(g) for g in matches[0][3]),
        )
    first = outcomes[0]
    recon.dimension = ""
    if _explained_by_rows([*first[5], len(first[2])], recon):
        return _folded("ledger.reconcile.satisfaction", title, Text(describe(first, True), describe(first, False)))
    blank_all = first[2]
    if blank_all and all(x <= 0 for x in first[5]) and -sum(first[5]) == len(blank_all):
        return _result(
            "ledger.reconcile.satisfaction",
            title,
            Status.UNDECIDABLE,
            Text(
                f"{describe(first, True)};空白{len(blank_all)}件未知,无法判定:{_where(blank_all)}",
                f"{describe(first, False)}; {len(blank_all)} blank, cannot tell: {_where(blank_all, False)}",
            ),
            [r.row for r in blank_all],
            figures=keys,
        )
    recon.failed.add("satisfaction")
    uncovered = [r for r in ledger.active if (x := _rating(r, first[0])) is not None and x not in covered]
    rows = [r.row for r in uncovered] + [r.row for r in blank_all]
    named_zh = f";报告未列的评价:{_where(uncovered)}" if uncovered else ""
    named_en = f"; ratings the report does not list: {_where(uncovered, False)}" if uncovered else ""
    return _result(
        "ledger.reconcile.satisfaction",
        title,
        Status.FAIL,
        Text(
            f"报告{printed_zh};台账任何一种评价都对不上:" + ";".join(describe(o, True) for o in outcomes) + named_zh,
            f"the report's {printed_en} match none of the ledger's ratings: "
            + "; ".join(describe(o, False) for o in outcomes)
            + named_en,
        ),
        rows,
        figures=keys,
        expected="/".join(str(f.count) for f in printed),
        observed="/".join(str(g) for g in first[3]),
        cause=Cause.PARTS_DO_NOT_ADD_UP,
    )


def _check_handled(ledger: Ledger, figs: Figures, recon: _Recon) -> LedgerCheck:
    title = Text("已答复件数", "replied, against the report")
    handled = figs.get("handled") or next(iter(figs.of_kind(Kind.HANDLED)), None)
    if handled is None or handled.count is None:
        return _result(
            "ledger.reconcile.handled", title, Status.SKIPPED, Text("报告没有印出办结件数", "no handled count printed")
        )
    if not ledger.has("replied"):
        return _result("ledger.reconcile.handled", title, Status.SKIPPED, Text("台账没有答复日期列", "no reply dates"))
    active = ledger.active
    replied = [r for r in active if r.replied is not None]
    blank = [r for r in active if r.replied is None]
    k = len(replied)
    what = Text(f"台账有答复日期{k}件,报告办结{handled.count}件", f"ledger: {k} replied; report: {handled.count}")
    if k == handled.count and not blank:
        return _result(
            "ledger.reconcile.handled", title, Status.PASS, what, figures=(handled.key,), expected=str(handled.count)
        )
    if _explained_by_rows([k - handled.count, len(blank)], recon):
        return _folded("ledger.reconcile.handled", title, what)
    if blank and k + len(blank) >= handled.count:
        return _result(
            "ledger.reconcile.handled",
            title,
            Status.UNDECIDABLE,
            Text(
                f"{what.zh};{len(blank)}件答复日期空白:{_where(blank)}",
                f"{what.en}; {len(blank)} blank: {_where(blank, False)}",
            ),
            [r.row for r in blank],
        )
    recon.failed.add("handled")
    return _result(
        "ledger.reconcile.handled",
        title,
        Status.FAIL,
        Text(f"{what.zh}:未答复{len(blank)}件 {_where(blank)}", f"{what.en}: {_where(blank, False)}"),
        [r.row for r in blank],
        figures=(handled.key,),
        expected=str(handled.count),
        observed=str(k),
        cause=Cause.PARTS_DO_NOT_ADD_UP,
    )


def _check_units(ledger: Ledger, figs: Figures) -> LedgerCheck:
    title = Text("承办单位数", "number of handling units")
    units = next(iter(figs.of_kind(Kind.UNITS)), None)
    if units is None or units.count is None:
        return _result(
            "ledger.reconcile.units", title, Status.SKIPPED, Text("报告没有印出承办单位数", "no unit count printed")
        )
    active = ledger.active
    lead = {r.lead_unit for r in active if r.lead_unit}
    every = lead | {u for r in active for u in r.co_units}
    what = Text(
        f"报告{units.count}个;台账主办单位{len(lead)}个,含协办单位共{len(every)}个",
        f"report {units.count}; ledger: {len(lead)} lead units, {len(every)} with co-handlers",
    )
    fits = [
        name
        for name, n in ((Text("主办单位", "lead units"), len(lead)), (Text("含协办", "all"), len(every)))
        if n == units.count
    ]
    if fits:
        return _result(
            "ledger.reconcile.units",
            title,
            Status.PASS,
            Text(
                f"{what.zh}(与{'、'.join(f.zh for f in fits)}一致)",
                f"{what.en} ({', '.join(f.en for f in fits)} match)",
            ),
            figures=(units.key,),
            expected=str(units.count),
            observed=str(len(lead)),
        )
    return _result(
        "ledger.reconcile.units",
        title,
        Status.FAIL,
        what,
        figures=(units.key,),
        expected=str(units.count),
        observed=f"{len(lead)}/{len(every)}",
        cause=Cause.PARTS_DO_NOT_ADD_UP,
    )


def _check_percentages(ledger: Ledger, figs: Figures, policy: Policy, recon: _Recon) -> list[LedgerCheck]:
    """Every printed share recomputed from the ledger's count on the ledger's base, exactly."""
    out = []
    active = ledger.active
    n = len({r.number for r in active})
    dim = recon.dimension or "result"
    candidates: list[tuple[Figure, int | None, str]] = []
    for c in _main_classes(figs):
        if c.pct is not None and ledger.has("class"):
            candidates.append((c, sum(1 for r in active if r.class_rank == c.rank), "classes"))
    levels = [f for f in _main_levels(figs) if f.pct is not None and (f.base or TOTAL) == TOTAL]
    if levels and (ledger.has("result_rating") or ledger.has("work_rating")):
        for f, ratings in _level_sets([f for f in _main_levels(figs) if f.level is not None]):
            if f in levels:
                candidates.append((f, sum(1 for r in active if _rating(r, dim) in ratings), "satisfaction"))
    for f in figs.of_kind(Kind.REPLY_RATE):
        if f.pct is not None and ledger.has("replied") and not f.scope:
            candidates.append((f, sum(1 for r in active if r.replied is not None), "handled"))
    for fig, k, group in candidates:
        title = Text(f"{fig.display_label}的百分比(按台账件数)", f"{fig.display_label}: share from the ledger")
        cid = f"ledger.pct.{fig.key}"
        if recon.rows_diff:
            out.append(_folded(cid, title, Text(f"台账基数{n}件", f"ledger base {n}")))
            continue
        if group in recon.failed:
            out.append(
                _result(
                    cid,
                    title,
                    Status.SKIPPED,
                    Text("件数已不一致(见上面的核对),不再重复核对百分比", "the counts already differ: see above"),
                )
            )
            continue
        assert k is not None and fig.pct is not None
        modes = modes_consistent(k, n, fig.pct)
        ok = [m for m in modes if m in policy.accepted]
        share = fmt_fraction(Fraction(100 * k, n), fig.pct.decimals + 2) if n else "—"
        msg = Text(
            f"台账{k}/{n} = {share}%,报告印{fig.pct.text}%",
            f"ledger {k}/{n} = {share}%, printed {fig.pct.text}%",
        )
        out.append(
            _result(
                cid,
                title,
                Status.PASS if ok else Status.FAIL,
                msg,
                figures=(fig.key,),
                expected=fig.pct.text,
                observed=share,
                cause=None if ok else Cause.MISROUNDED,
                category=Category.ARITHMETIC,
            )
        )
    return out


# --------------------------------------------------------------------------- class × rating


_COLS = (Rating.VERY_SATISFIED, Rating.SATISFIED, Rating.BASIC, Rating.DISSATISFIED, Rating.NO_OPINION)


def crosstab(ledger: Ledger, figs: Figures, profile: Profile, dimension: str) -> list[CrossRow]:
    active = ledger.active
    ranks = sorted(
        {r.class_rank for r in active if r.class_rank is not None} | {c.rank for c in _main_classes(figs) if c.rank}
    )
    classes = _main_classes(figs)
    out = []

    def line(label: str, rank: int | None, rows: list[LedgerRow]) -> CrossRow:
        counts = Counter((_rating(r, dimension) or "blank") for r in rows)
        return CrossRow(
            label,
            rank,
            {(c.value if isinstance(c, Rating) else c): counts.get(c, 0) for c in (*_COLS, "blank")},
            tuple(r.row for r in rows if _is_satisfied(_rating(r, dimension))),
        )

    for rank in ranks:
        out.append(line(_class_label(rank, classes, profile), rank, [r for r in active if r.class_rank == rank]))
    blank = [r for r in active if r.class_rank is None]
    if blank:
        out.append(line("类别空白", None, blank))
    out.append(line("未解决(非A类)", 0, [r for r in active if r.class_rank is not None and r.class_rank != 1]))
    return out


def _check_crosstab(
    ledger: Ledger, figs: Figures, profile: Profile, recon: _Recon, table: list[CrossRow]
) -> tuple[LedgerCheck, int | None, tuple[int, int] | None, list[Text]]:
    """The exact cells against the Fréchet bounds of the printed margins; and the headline cells."""
    title = Text(
        "办理结果×满意度:台账的确切件数在报告数字允许的范围内", "exact class × rating cells within the report's bounds"
    )
    headlines: list[Text] = []
    total = figs.total
    classes = [c for c in _main_classes(figs) if c.count is not None]
    printed = [f for f in _main_levels(figs) if f.count is not None and (f.base or TOTAL) == TOTAL]
    strict = sum(f.count or 0 for f in printed if f.level in (Level.VERY_SATISFIED, Level.SATISFIED))
    combined_levels = [f for f in printed if f.level in (Level.VERY_SATISFIED, Level.SATISFIED, Level.BASIC)]
    combined = sum(f.count or 0 for f in combined_levels) if combined_levels else None
    if not combined_levels:
        combined = next((f.count for f in printed if f.level is Level.SATISFIED_OR_BASIC), None)
    if not (ledger.has("class") and (ledger.has("result_rating") or ledger.has("work_rating"))):
        return (
            _result(
                "ledger.crosstab", title, Status.SKIPPED, Text("台账缺类别或满意度列", "no class or rating column")
            ),
            None,
            None,
            headlines,
        )
    dim = recon.dimension or "result"
    by_rank = {row.rank: row for row in table}
    unknown = any(row.rank is None for row in table) or any(row.counts["blank"] for row in table)
    not_solved = by_rank.get(0)
    exact = None
    if not_solved is not None and not unknown:
        exact = not_solved.counts[Rating.VERY_SATISFIED.value] + not_solved.counts[Rating.SATISFIED.value]
    bound = None
    if total and total.count and any(c.rank == 1 for c in classes) and strict:
        solved = sum(c.count or 0 for c in classes if c.rank == 1)
        bound = frechet(total.count - solved, strict, total.count)
    # headline cells
    worst = [row for row in table if row.rank and row.rank >= 3]
    for row in worst:
        k = row.counts[Rating.VERY_SATISFIED.value] + row.counts[Rating.SATISFIED.value]
        what = Text("暂时无法解决", "not solvable now") if row.rank == 3 else Text("留作参考", "for reference")
        if row.total:
            headlines.append(
                Text(
                    f"{row.label}{row.total}件({what.zh})中,{k}件被评为满意",
                    f"{k} of the {row.total} proposals of {row.label} ({what.en}) were rated satisfied",
                )
            )
    solved_row = by_rank.get(1)
    if solved_row is not None:
        k = solved_row.counts[Rating.DISSATISFIED.value]
        headlines.append(
            Text(
                f"{solved_row.label}(已解决)中被评为不满意的{k}件",
                f"{k} solved proposals ({solved_row.label}) rated dissatisfied",
            )
        )
    if ledger.has("work_rating") and ledger.has("result_rating"):
        split = [
            r
            for r in ledger.active
            if _is_satisfied(r.work_rating) and r.result_rating is not None and not _is_satisfied(r.result_rating)
        ]
        headlines.append(
            Text(
                f"办理工作评为满意、办理结果却未评满意的{len(split)}件",
                f"{len(split)} rated satisfied with the handling but not with the result",
            )
        )
    if {"classes", "satisfaction", "rows"} & recon.failed or recon.rows_diff or not recon.dimension:
        return (
            _result(
                "ledger.crosstab",
                title,
                Status.SKIPPED,
                Text(
                    "台账的分类或满意度与报告不一致(见上面的核对),报告数字推出的范围对台账不适用",
                    "the ledger's margins differ from the report's (see above): the report's bounds do not apply",
                ),
            ),
            exact,
            bound,
            headlines,
        )
    cells = []
    n = total.count if total and total.count else 0
    for c in classes:
        row = by_rank.get(c.rank)
        if row is None:
            continue
        k = row.counts[Rating.VERY_SATISFIED.value] + row.counts[Rating.SATISFIED.value]
        cells.append(
            (Text(f"{c.display_label}×满意", f"{c.display_label} × satisfied"), k, frechet(c.count or 0, strict, n))
        )
        if combined is not None:
            k2 = k + row.counts[Rating.BASIC.value]
            cells.append(
                (
                    Text(f"{c.display_label}×满意或基本满意", f"{c.display_label} × satisfied or basic"),
                    k2,
                    frechet(c.count or 0, combined, n),
                )
            )
    if exact is not None and bound is not None:
        cells.append((Text("满意且不在A类", "satisfied, not in class A"), exact, bound))
    outside = [(t, k, b) for t, k, b in cells if not b[0] <= k <= b[1]]
    shown = outside or cells
    msg_zh = ";".join(f"{t.zh}:{k}件,范围[{b[0]}, {b[1]}]" for t, k, b in shown)
    msg_en = "; ".join(f"{t.en}: {k}, bounds [{b[0]}, {b[1]}]" for t, k, b in shown)
    name = DIMENSIONS[dim]
    return (
        _result(
            "ledger.crosstab",
            title,
            Status.FAIL if outside else Status.PASS,
            Text(f"按“{name.zh}”评价:{msg_zh}", f"by the {name.en}: {msg_en}"),
            expected="" if not bound else f"[{bound[0]}, {bound[1]}]",
            observed="" if exact is None else str(exact),
            cause=Cause.DISAGREES_WITH_SOURCE if outside else None,
            category=Category.GAP,
        ),
        exact,
        bound,
        headlines,
    )


# --------------------------------------------------------------------------- units


def unit_lines(ledger: Ledger, dimension: str, deadlines: list[RowDeadline], profile: Profile) -> list[UnitLine]:
    by_row = {d.row.row: d for d in deadlines}
    groups: dict[str, list[LedgerRow]] = defaultdict(list)
    for r in ledger.active:
        groups[r.lead_unit or "(主办单位空白)"].append(r)
    co: dict[str, list[LedgerRow]] = defaultdict(list)
    for r in ledger.active:
        for u in r.co_units:
            co[u].append(r)
    lines = []
    for unit in sorted(set(groups) | set(co), key=lambda u: (-len(groups.get(u, [])), u)):
        rows = groups.get(unit, [])
        classified = [r for r in rows if r.class_rank is not None]
        rated = [r for r in rows if _rating(r, dimension) is not None]
        times = Counter(by_row[r.row].status.value for r in rows if r.row in by_row)
        days = [by_row[r.row].days for r in rows if r.row in by_row and by_row[r.row].days is not None]
        co_rows = co.get(unit, [])
        co_status = [_co_deadline(r, profile)[0] for r in co_rows] if ledger.has("co_reply") else []
        lines.append(
            UnitLine(
                unit=unit,
                n=len(rows),
                classified=len(classified),
                solved=sum(1 for r in classified if r.class_rank == 1),
                committed=sum(1 for r in classified if r.class_rank in (1, 2)),
                rated=len(rated),
                satisfied=sum(1 for r in rated if _is_satisfied(_rating(r, dimension))),
                satisfied_or_basic=sum(1 for r in rated if _is_satisfied_or_basic(_rating(r, dimension))),
                times=dict(times),
                co_n=len(co_rows),
                co_late=sum(1 for s in co_status if s in _BAD_TIMES),
                co_unknown=sum(1 for s in co_status if s in (Timeliness.UNKNOWN, Timeliness.NOT_DECIDABLE)),
                max_days=max(days) if days else None,  # type: ignore[type-var]
            )
        )
    return lines


def _check_units_gap(lines: list[UnitLine], policy: Policy) -> LedgerCheck:
    title = Text("满意率高而解决率低的承办单位", "units with high satisfaction and low resolution")
    thr = fmt_fraction(policy.gap_threshold, 0)
    judged = [u for u in lines if u.n and u.judged]
    over = sorted(
        (u for u in judged if u.gap is not None and u.gap > policy.gap_threshold), key=lambda u: -(u.gap or 0)
    )
    rule = Text(
        f"主办件不少于{MIN_UNIT_ITEMS}件的单位,满意率(不含基本满意)减解决率(A类)超过{thr}个百分点",
        f"units with at least {MIN_UNIT_ITEMS} items whose satisfied rate exceeds the A rate by more than {thr} points",
    )
    few = sum(1 for u in lines if u.n and not u.judged)
    few_zh = f";{few}个单位件数少于{MIN_UNIT_ITEMS}件,只列出不判断" if few else ""
    few_en = f"; {few} units with fewer than {MIN_UNIT_ITEMS} items are shown, not judged" if few else ""
    if not over:
        return _result(
            "ledger.units.gap",
            title,
            Status.PASS,
            Text(f"没有这样的单位({rule.zh}){few_zh}", f"none ({rule.en}){few_en}"),
            category=Category.GAP,
        )
    shown_zh = ";".join(
        f"{u.unit} {u.n}件:解决率{_pct(u.resolution)}%,满意率{_pct(u.satisfaction)}%,差{_pct(u.gap)}个百分点"
        for u in over
    )
    shown_en = "; ".join(
        f"{u.unit} ({u.n}): resolution {_pct(u.resolution)}%, satisfied {_pct(u.satisfaction)}%, gap {_pct(u.gap)}"
        for u in over
    )
    return _result(
        "ledger.units.gap",
        title,
        Status.WARN,
        Text(
            f"主办件不少于{MIN_UNIT_ITEMS}件的{len(judged)}个单位中,有{len(over)}个单位的满意率(不含基本满意)"
            f"比解决率(A类)高出{thr}个百分点以上:{shown_zh}{few_zh}",
            f"Of the {len(judged)} units with at least {MIN_UNIT_ITEMS} items, {len(over)} have a satisfied rate "
            f"more than {thr} points above their rate of solved items (A): {shown_en}{few_en}",
        ),
        severity=Severity.MINOR,
        cause=Cause.GAP,
        category=Category.GAP,
    )


# --------------------------------------------------------------------------- second handling, follow-up


def _check_second_handling(ledger: Ledger, profile: Profile) -> LedgerCheck:
    title = Text("“不满意”的二次办理", "second handling after 不满意")
    rule = Text(
        f"首次答复后{profile.rehandling_window.text().zh}内再次答复",
        f"a second reply within {profile.rehandling_window.text().en} of the first",
    )
    unhappy = [r for r in ledger.active if Rating.DISSATISFIED in (r.result_rating, r.work_rating)]
    if not unhappy:
        return _result(
            "ledger.second_handling", title, Status.PASS, Text("台账中没有评为“不满意”的答复", "no reply rated 不满意")
        )
    if not (ledger.has("rehandled") or ledger.has("second_reply")):
        return _result(
            "ledger.second_handling",
            title,
            Status.UNDECIDABLE,
            Text(
                f"{len(unhappy)}件不满意,但台账没有二次办理列:{_where(unhappy)}",
                f"{len(unhappy)} rated 不满意, but no second-handling column: {_where(unhappy, False)}",
            ),
            [r.row for r in unhappy],
        )
    missing, late, unknown, ok = [], [], [], []
    for r in unhappy:
        if r.second_reply is None:
            (unknown if r.rehandled else missing).append(r)
            continue
        if r.replied is None:
            unknown.append(r)
            continue
        try:
            due = add_duration(r.replied, profile.rehandling_window, profile.deadline_on_holiday)
        except NotDecidable:
            unknown.append(r)
            continue
        (ok if r.second_reply <= due else late).append(r)
    if missing:
        return _result(
            "ledger.second_handling",
            title,
            Status.FAIL,
            Text(
                f"{len(unhappy)}件不满意中{len(missing)}件没有二次办理记录:{_where(missing)}",
                f"{len(missing)} of {len(unhappy)} rated 不满意 were not handled again: {_where(missing, False)}",
            ),
            [r.row for r in missing],
        )
    if late:
        return _result(
            "ledger.second_handling",
            title,
            Status.WARN,
            Text(
                f"{len(late)}件二次答复晚于{rule.zh}(自首次答复起算,台账无重新交办日期):{_where(late)}",
                f"{len(late)} second replies later than {rule.en} (counted from the first reply): "
                f"{_where(late, False)}",
            ),
            [r.row for r in late],
        )
    if unknown:
        return _result(
            "ledger.second_handling",
            title,
            Status.UNDECIDABLE,
            Text(
                f"{len(unknown)}件二次答复日期空白:{_where(unknown)}",
                f"{len(unknown)} without a date: {_where(unknown, False)}",
            ),
            [r.row for r in unknown],
        )
    return _result(
        "ledger.second_handling",
        title,
        Status.PASS,
        Text(f"{len(ok)}件不满意全部二次办理({rule.zh})", f"all {len(ok)} handled again ({rule.en})"),
    )


def _check_follow_up(ledger: Ledger, as_of: date) -> LedgerCheck:
    title = Text("B、C类承诺的落实", "B/C commitments followed up")
    items = [r for r in ledger.active if r.class_rank in (2, 3)]
    if not items:
        return _result("ledger.follow_up", title, Status.PASS, Text("台账中没有B、C类件", "no B/C items"))
    if not ledger.has("follow_deadline"):
        return _result(
            "ledger.follow_up",
            title,
            Status.SKIPPED,
            Text(
                f"B、C类{len(items)}件,但台账没有“落实时限”列", f"{len(items)} B/C items, but no commitment deadlines"
            ),
        )
    no_deadline = [r for r in items if r.follow_deadline is None]
    due = [r for r in items if r.follow_deadline is not None and r.follow_deadline <= as_of]
    open_ = [r for r in due if not r.follow_status]
    if open_:
        return _result(
            "ledger.follow_up",
            title,
            Status.FAIL,
            Text(
                f"截至{as_of}已过落实时限的{len(due)}件中,{len(open_)}件没有落实情况:{_where(open_)}",
                f"as of {as_of}, {len(open_)} of {len(due)} commitments past their deadline have no recorded outcome: "
                f"{_where(open_, False)}",
            ),
            [r.row for r in open_],
        )
    if no_deadline:
        return _result(
            "ledger.follow_up",
            title,
            Status.UNDECIDABLE,
            Text(
                f"{len(no_deadline)}件B、C类没有落实时限(空白):{_where(no_deadline)}",
                f"{len(no_deadline)} B/C items have no commitment deadline (blank): {_where(no_deadline, False)}",
            ),
            [r.row for r in no_deadline],
        )
    return _result(
        "ledger.follow_up",
        title,
        Status.PASS,
        Text(
            f"B、C类{len(items)}件都有落实时限;截至{as_of}到期的{len(due)}件都记有落实情况",
            f"all {len(items)} B/C items have a deadline; the {len(due)} due by {as_of} all have an outcome",
        ),
    )


# --------------------------------------------------------------------------- blanks


_BLANK_COLUMNS = ("class", "result_rating", "work_rating", "replied", "assigned", "lead_unit")


def _check_blanks(ledger: Ledger) -> LedgerCheck:
    """Every blank cell that matters, by column: unknown, reported, never counted."""
    from .ledger_schema import BY_KEY

    title = Text("空白(未知)的单元格", "blank (unknown) cells")
    found: list[tuple[str, list[LedgerRow]]] = []
    active = ledger.active
    attr = {"class": "class_rank"}
    for key in _BLANK_COLUMNS:
        if ledger.has(key):
            blank = [r for r in active if getattr(r, attr.get(key, key)) in (None, "")]
            if blank:
                found.append((key, blank))
    if ledger.has("follow_deadline"):
        blank = [r for r in active if r.class_rank in (2, 3) and r.follow_deadline is None]
        if blank:
            found.append(("follow_deadline", blank))
    if ledger.has("co_reply"):
        blank = [r for r in active if r.co_units and r.co_reply is None]
        if blank:
            found.append(("co_reply", blank))
    if not found:
        return _result("ledger.blanks", title, Status.PASS, Text("需要的单元格都已填写", "no blank cell that matters"))
    return _result(
        "ledger.blanks",
        title,
        Status.UNDECIDABLE,
        Text(
            ";".join(f"{BY_KEY[k].header}空白{len(rs)}件:{_where(rs)}" for k, rs in found)
            + "(空白按未知处理,不计入任何一类)",
            "; ".join(f"{BY_KEY[k].en}: {len(rs)} blank: {_where(rs, False)}" for k, rs in found)
            + " (blank is unknown, never counted)",
        ),
        [r.row for _, rs in found for r in rs],
    )


# --------------------------------------------------------------------------- everything


def check_ledger(
    ledger: Ledger,
    figs: Figures,
    profile: Profile,
    policy: Policy | None = None,
    as_of: date | None = None,
    claim: str = "",
) -> dict:
    """Every check of one ledger; returns the parts of a LedgerAudit (ledger_audit.py assembles it)."""
    policy = policy or Policy()
    as_of = as_of or date.max
    recon = _Recon()
    unique, gaps = check_register(ledger)
    rows_check = _check_rows(ledger, figs, gaps, recon)
    folded_gaps = bool(recon.rows_diff and recon.rows_diff < 0 and len(gaps) == -recon.rows_diff)
    checks = [rows_check, _check_classes(ledger, figs, profile, recon), _check_satisfaction(ledger, figs, recon)]
    checks += [_check_handled(ledger, figs, recon), _check_units(ledger, figs)]
    checks += _check_percentages(ledger, figs, policy, recon)
    dimension = recon.dimension or ("result" if ledger.has("result_rating") else "work")
    table = crosstab(ledger, figs, profile, dimension)
    cross, exact, bound, cells = _check_crosstab(ledger, figs, profile, recon, table)
    checks.append(cross)
    deadline_checks, deadlines = check_deadlines(ledger, profile, claim)
    checks += deadline_checks
    lines = unit_lines(ledger, dimension, deadlines, profile)
    checks.append(_check_units_gap(lines, policy))
    checks.append(_check_second_handling(ledger, profile))
    checks.append(_check_follow_up(ledger, as_of))
    checks += [unique, _check_gaps(ledger, gaps, folded_gaps), _check_blanks(ledger)]
    reconciled = not (recon.failed or recon.rows_diff) and all(
        c.result.status is Status.PASS for c in checks if c.result.check_id.startswith("ledger.reconcile.")
    )
    return {
        "checks": tuple(checks),
        "crosstab": tuple(table),
        "units": tuple(lines),
        "deadlines": tuple(deadlines),
        "dimension": recon.dimension,
        "satisfied_not_solved": exact,
        "bound": bound,
        "reconciled": reconciled,
        "cells": cells,
    }
