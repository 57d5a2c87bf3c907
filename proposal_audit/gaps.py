"""Satisfaction against resolution: rates, their gaps in points, and Fréchet bounds.

The report never prints the cross-table of outcome class × satisfaction level, but its margins
bound every cell: for a row of r proposals, a column of c and a population of N, the cell holds
between max(0, r + c − N) and min(r, c). These are lower bounds implied by the published figures,
stated as such, not accusations.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .checks import fmt_fraction
from .figures import TOTAL, Figure, Figures, Level
from .results import Category, Cause, CheckResult, Policy, Severity, Status, Text

__all__ = ["Rate", "Cell", "GapAnalysis", "analyse_gaps", "frechet"]


@dataclass(frozen=True)
class Rate:
    """A rate in percent: exact when computed from counts, the printed value otherwise."""

    key: str
    title: Text
    value: Fraction  # percent
    count: int | None
    base: int | None
    from_counts: bool
    printed_decimals: int = 2  # for a rate taken from printed shares: their precision

    def text(self, decimals: int = 2) -> str:
        """Two decimals when computed from counts; a printed rate keeps its own precision (100, not 100.00)."""
        return fmt_fraction(self.value, decimals if self.from_counts else self.printed_decimals)


@dataclass(frozen=True)
class Cell:
    """Bounds on one cell of the hidden class × satisfaction table, in proposals."""

    row: Text
    col: Text
    lower: int
    upper: int
    row_count: int
    col_count: int


@dataclass(frozen=True)
class GapAnalysis:
    population: int | None
    rates: tuple[Rate, ...]
    gaps: tuple[tuple[Text, Fraction], ...]  # (what minus what, points)
    cells: tuple[Cell, ...]
    headlines: tuple[Text, ...]
    finding: CheckResult | None

    def rate(self, key: str) -> Rate | None:
        return next((r for r in self.rates if r.key == key), None)


def frechet(r: int, c: int, n: int) -> tuple[int, int]:
    """Fréchet bounds of a 2×2 cell with margins r and c in a population of n.

    Margins that exceed the population (inconsistent counts) cannot push the bound past min(r, c).
    """
    upper = min(r, c)
    return min(max(0, r + c - n), upper), upper


def _rate(key: str, title: Text, members: list[Figure], n: int | None) -> Rate | None:
    """A rate from the members' counts when all have one (exact), else from their printed shares."""
    if not members:
        return None
    if n and all(m.count is not None for m in members):
        k = sum(m.count or 0 for m in members)
        return Rate(key, title, Fraction(100 * k, n), k, n, True)
    if all(m.pct is not None for m in members):
        value = sum((m.pct.value for m in members if m.pct), Fraction(0))
        return Rate(key, title, value, None, n, False, max(m.pct.decimals for m in members if m.pct))
    return None


def _base_count(figs: Figures, members: list[Figure]) -> int | None:
    base = figs.base_of(members[0]) if members else None
    return base.count if base else None


def _strict_rate(figs: Figures) -> Rate | None:
    """满意 (and 非常满意) only: a combined 满意或基本满意 figure never counts as fully satisfied."""
    members = [f for f in figs.satisfaction("") if f.level in (Level.VERY_SATISFIED, Level.SATISFIED)]
    return _rate(
        "satisfied",
        Text("满意率(不含基本满意)", "satisfied, not counting basically satisfied"),
        members,
        _base_count(figs, members),
    )


def _combined_rate(figs: Figures) -> Rate | None:
    """满意 + 基本满意: from the levels' counts, else the combined figure's count, else printed shares."""
    title = Text("满意率(含基本满意)", "satisfied or basically satisfied")
    sat = figs.satisfaction("")
    levels = [f for f in sat if f.level in (Level.VERY_SATISFIED, Level.SATISFIED, Level.BASIC)]
    combined = [f for f in sat if f.level is Level.SATISFIED_OR_BASIC][:1]
    has_both = any(f.level is Level.BASIC for f in levels) and len(levels) >= 2
    candidates = ([levels] if has_both else []) + [combined] + ([levels] if has_both else [])
    by_counts = [m for m in candidates if m and all(f.count is not None for f in m)]
    for members in by_counts or [c for c in candidates if c]:
        rate = _rate("combined", title, members, _base_count(figs, members))
        if rate is not None:
            return rate
    return None


def analyse_gaps(figs: Figures, policy: Policy | None = None) -> GapAnalysis:
    policy = policy or Policy()
    total = figs.total
    n = total.count if total else None
    classes = [c for c in figs.classes() if (c.base or TOTAL) == TOTAL and not c.dimension]
    main = [c for c in classes if not c.dimension]
    rates = [
        r
        for r in (
            _rate("resolution", Text("解决率(A类)", "resolution rate (class A)"), [c for c in main if c.rank == 1], n),
            _rate(
                "commitment",
                Text("解决及正在解决率(A+B类)", "commitment rate (A+B)"),
                [c for c in main if c.rank in (1, 2)],
                n,
            ),
            _strict_rate(figs),
            _combined_rate(figs),
        )
        if r is not None
    ]
    by_key = {r.key: r for r in rates}
    gaps: list[tuple[Text, Fraction]] = []
    for sat_key in ("combined", "satisfied"):
        for res_key in ("resolution", "commitment"):
            if sat_key in by_key and res_key in by_key:
                s, r = by_key[sat_key], by_key[res_key]
                gaps.append((Text(f"{s.title.zh} − {r.title.zh}", f"{s.title.en} − {r.title.en}"), s.value - r.value))
    cells, headlines = _bounds(classes, by_key, n)
    finding = _finding(by_key, policy)
    sat = by_key.get("combined") or by_key.get("satisfied")
    res = by_key.get("resolution")
    if sat is not None and res is not None:
        headlines.insert(
            0,
            Text(
                f"解决率{res.text()}%,{sat.title.zh}{sat.text()}%,相差{fmt_fraction(sat.value - res.value, 2)}个百分点",
                f"resolution {res.text()}% against {sat.title.en} {sat.text()}%: "
                f"a gap of {fmt_fraction(sat.value - res.value, 2)} points",
            ),
        )
    return GapAnalysis(n, tuple(rates), tuple(gaps), tuple(cells), tuple(headlines), finding)


def _bounds(classes: list[Figure], rates: dict[str, Rate], n: int | None) -> tuple[list[Cell], list[Text]]:
    """Fréchet bounds from counts (rates computed on a subset of the total still bound the cells)."""
    cells: list[Cell] = []
    headlines: list[Text] = []
    if not n or any(c.count is None for c in classes):
        return cells, headlines
    cols = [
        (rates[k], t)
        for k, t in (
            ("satisfied", Text("满意", "satisfied")),
            ("combined", Text("满意或基本满意", "satisfied or basically satisfied")),
        )
        if k in rates and rates[k].count is not None
    ]
    solved = sum(c.count or 0 for c in classes if c.rank == 1)
    rows: list[tuple[Text, int, Figure | None]] = [
        (Text(c.display_label, c.display_label), c.count or 0, c) for c in classes
    ]
    if any(c.rank == 1 for c in classes):
        rows.append((Text("未解决(非A类)", "not solved (not class A)"), n - solved, None))
    for col_rate, col in cols:
        c = col_rate.count or 0
        for row, r, _ in rows:
            lo, hi = frechet(r, c, n)
            cells.append(Cell(row, col, lo, hi, r, c))
    strict = rates.get("satisfied")
    if strict and strict.count is not None and any(c.rank == 1 for c in classes):
        lo, _ = frechet(n - solved, strict.count, n)
        base_note = "" if strict.base == n else f"(满意度基于{strict.base}份反馈)"
        base_note_en = "" if strict.base == n else f" (satisfaction on {strict.base} returns)"
        if lo > 0:  # a bound of 0 says nothing worth a headline
            headlines.append(
                Text(
                    f"至少{lo}件建议代表表示满意但问题尚未解决(不在A类){base_note}:"
                    f"满意{strict.count} + 未解决{n - solved} − 总数{n} = {lo}",
                    f"at least {lo} proposals rated fully satisfied were not solved (not in class A){base_note_en}: "
                    f"{strict.count} satisfied + {n - solved} not solved − {n} total = {lo}",
                )
            )
    comb = rates.get("combined")
    worst = [c for c in classes if c.rank and c.rank >= 3 and c.count]
    if comb and comb.count is not None and worst:
        for c in worst:
            lo, _ = frechet(c.count or 0, comb.count, n)
            if lo == c.count:
                headlines.append(
                    Text(
                        f"{c.display_label}全部{c.count}件(暂时无法解决或留作参考)都被评为满意或基本满意",
                        f"all {c.count} proposals of {c.display_label} (not solvable now or for reference) "
                        "were rated satisfied or basically satisfied",
                    )
                )
            elif lo > 0:
                headlines.append(
                    Text(
                        f"{c.display_label}{c.count}件中至少{lo}件被评为满意或基本满意",
                        f"at least {lo} of the {c.count} proposals of {c.display_label} were rated satisfied "
                        "or basically satisfied",
                    )
                )
    return cells, headlines


def _finding(rates: dict[str, Rate], policy: Policy) -> CheckResult | None:
    res = rates.get("resolution")
    sat = rates.get("combined") or rates.get("satisfied")
    title = Text("满意率与解决率的差距", "satisfaction against resolution")
    if res is None or sat is None:
        missing = "解决率 resolution" if res is None else "满意率 satisfaction"
        return CheckResult(
            "gap.satisfaction_vs_resolution",
            title,
            Status.UNDECIDABLE,
            Severity.INFO,
            Text(f"报告未给出{missing.split(' ')[0]}", f"the report gives no {missing.split(' ')[1]} rate"),
            category=Category.GAP,
        )
    gap = sat.value - res.value
    over = gap > policy.gap_threshold
    thr = fmt_fraction(policy.gap_threshold, 2)
    return CheckResult(
        "gap.satisfaction_vs_resolution",
        title,
        Status.WARN if over else Status.PASS,
        Severity.MAJOR if over else Severity.INFO,
        Text(
            f"{sat.title.zh}{sat.text()}% − 解决率{res.text()}% = {fmt_fraction(gap, 2)}个百分点"
            f"({'超过' if over else '未超过'}阈值{thr})",
            f"{sat.title.en} {sat.text()}% − resolution {res.text()}% = {fmt_fraction(gap, 2)} points "
            f"({'above' if over else 'within'} the threshold of {thr})",
        ),
        expected=f"≤ {thr}",
        observed=fmt_fraction(gap, 2),
        cause=Cause.GAP if over else None,
        category=Category.GAP,
    )
