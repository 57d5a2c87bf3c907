"""Satisfaction against resolution: rates, their gaps in points, and Fréchet bounds.

The report never prints the cross-table of outcome class × satisfaction level, but its margins
bound every cell: for a row of r proposals, a column of c and a population of N, the cell holds
between max(0, r + c − N) and min(r, c). These are lower bounds implied by the published figures,
stated as such, not accusations — and only when both margins count the same population (the
proposals, or a part of them the text names), only on margins that add up, never on a reading that
still has to be confirmed. Otherwise the analysis says why no bound follows, and still compares rates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from .figures import TOTAL, Figure, Figures, Level
from .formatting import fmt_fraction
from .results import Category, Cause, CheckResult, Policy, Severity, Status, Text

__all__ = ["Rate", "Cell", "GapAnalysis", "analyse_gaps", "frechet", "same_population"]


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
    figures: tuple[str, ...] = ()  # the keys of the figures it was computed from (and their base)

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
    headlines: tuple[Text, ...]  # the sentences a committee reads, and why any was withheld
    finding: CheckResult | None
    withheld: tuple[Text, ...] = ()  # why a rate, a bound or a headline was not given

    def rate(self, key: str) -> Rate | None:
        return next((r for r in self.rates if r.key == key), None)


def frechet(r: int, c: int, n: int) -> tuple[int, int]:
    """Fréchet bounds of a 2×2 cell with margins r and c in a population of n.

    Margins that exceed the population (inconsistent counts) cannot push the bound past min(r, c).
    """
    upper = min(r, c)
    return min(max(0, r + c - n), upper), upper


def _rate(key: str, title: Text, members: list[Figure], base: Figure | None) -> Rate | None:
    """A rate from the members' counts when all have one (exact), else from their printed shares."""
    if not members:
        return None
    n = base.count if base is not None else None
    keys = tuple(m.key for m in members) + ((base.key,) if base is not None else ())
    if n and all(m.count is not None for m in members):
        k = sum(m.count or 0 for m in members)
        return Rate(key, title, Fraction(100 * k, n), k, n, True, figures=keys)
    if all(m.pct is not None for m in members):
        value = sum((m.pct.value for m in members if m.pct), Fraction(0))
        decimals = max(m.pct.decimals for m in members if m.pct)
        return Rate(key, title, value, None, n, False, decimals, figures=keys)
    return None


def _main_satisfaction(figs: Figures) -> list[Figure]:
    return [f for f in figs.satisfaction("") if not f.scope]


def _strict_rate(figs: Figures) -> Rate | None:
    """满意 (and 非常满意) only: a combined 满意或基本满意 figure never counts as fully satisfied."""
    members = [f for f in _main_satisfaction(figs) if f.level in (Level.VERY_SATISFIED, Level.SATISFIED)]
    first_base = members[0].base if members else None
    members = [f for f in members if f.base == first_base]
    title = Text("满意率(不含基本满意)", "satisfied, not counting basically satisfied")
    return _rate("satisfied", title, members, figs.base_of(members[0]) if members else None)


def _combined_rate(figs: Figures) -> Rate | None:
    """满意 + 基本满意: from the levels' counts, else the combined figure's count, else printed shares."""
    title = Text("满意率(含基本满意)", "satisfied or basically satisfied")
    sat = _main_satisfaction(figs)
    levels = [f for f in sat if f.level in (Level.VERY_SATISFIED, Level.SATISFIED, Level.BASIC)]
    combined = [f for f in sat if f.level is Level.SATISFIED_OR_BASIC][:1]
    has_both = any(f.level is Level.BASIC for f in levels) and len(levels) >= 2
    candidates = ([levels] if has_both else []) + [combined]
    by_counts = [m for m in candidates if m and all(f.count is not None for f in m)]
    for members in by_counts or [c for c in candidates if c]:
        rate = _rate("combined", title, members, figs.base_of(members[0]))
        if rate is not None:
            return rate
    return None


_PROPOSAL_UNITS = "件条項项"
_OTHER_UNITS = "份张張人名位票"


def same_population(base: Figure, n: int) -> Text | None:
    """Why a satisfaction base does not count the n proposals themselves (all of them, or a part the
    text names); None when it does.

    It does when it is the total; when its figure names the total as its own base (`base: total`); or
    when the text counts it in proposals ("对755件建议…进行了满意度反馈"). Feedback forms (份), people
    or ballots are another population, and so is any count above n. Unknown is "does not".
    """
    if base.key == TOTAL:
        return None
    c = base.count
    shown = f"{base.label}{c}"
    if c is not None and c > n:
        return Text(f"{c}多于{n},不可能是建议中的一部分", f"{c} is more than {n}: not a part of the proposals")
    if base.base == TOTAL:
        return None
    words = f"{base.provenance.text} {base.provenance.sentence}"
    if re.search(rf"(?<!\d){c}\s*(?:余|多)?[{_PROPOSAL_UNITS}]", words):
        return None
    if re.search(rf"(?<!\d){c}\s*(?:余|多)?[{_OTHER_UNITS}]", words):
        return Text(f"“{shown}”数的不是建议", f"'{shown}' does not count proposals")
    return Text(
        f"文中未说明“{shown}”是否就是建议中的一部分;若是,请在 figures 文件中为它写上 base: total",
        f"the text does not say whether '{shown}' counts proposals; if it does, "
        "give it base: total in the figures file",
    )


@dataclass(frozen=True)
class _Trouble:
    """Why a margin carries no headline: a reading to confirm (`unsure` names it) or a failed check."""

    reason: Text
    unsure: str = ""


def _troubled(keys: set[str], verdicts: list[CheckResult], figs: Figures) -> _Trouble | None:
    """Why figures with these keys cannot carry a headline: a reading to confirm, or a failed margin."""
    unsure = [f for f in figs if f.key in keys and f.is_ambiguous]  # in the figures' order: a stable message
    if unsure:
        names = "、".join(f.display_label for f in unsure)
        return _Trouble(Text(f"须先确认读数:“{names}”", f"confirm the reading of '{names}' first"), names)
    for r in verdicts:
        if (
            r.status is Status.FAIL
            and r.cause in (Cause.PARTS_DO_NOT_ADD_UP, Cause.EXCEEDS_BASE)
            and keys & set(r.figures)
        ):
            return _Trouble(Text(f"{r.title.zh}(未通过)", f"{r.title.en} (failed)"))
    return None


def analyse_gaps(figs: Figures, policy: Policy | None = None, verdicts: list[CheckResult] | None = None) -> GapAnalysis:
    """Rates, gaps and bounds of one report. `verdicts` are its checks' results (computed if not given):
    no sentence is built on a margin they found impossible or not adding up."""
    policy = policy or Policy()
    if verdicts is None:
        from .checks import run_checks

        verdicts = run_checks(figs, policy)
    total = figs.total
    n = total.count if total else None
    classes = [c for c in figs.classes() if (c.base or TOTAL) == TOTAL and not c.dimension and not c.scope]
    candidates = [
        _rate("resolution", Text("解决率(A类)", "resolution rate (class A)"), [c for c in classes if c.rank == 1],
              total),
        _rate("commitment", Text("解决及正在解决率(A+B类)", "commitment rate (A+B)"),
              [c for c in classes if c.rank in (1, 2)], total),
        _strict_rate(figs),
        _combined_rate(figs),
    ]  # fmt: skip
    withheld: list[Text] = []
    impossible: dict[str, Text] = {}
    rates: list[Rate] = []
    for r in candidates:
        if r is None:
            continue
        if r.value > 100:
            what = f"{r.count}/{r.base}" if r.from_counts else f"{r.text()}%"
            impossible[r.key] = Text(
                f"{r.title.zh}超过100%({what}),不是一个比率,不予计算",
                f"{r.title.en} is above 100% ({what}): not a rate",
            )
            withheld.append(impossible[r.key])
            continue
        rates.append(r)
    by_key = {r.key: r for r in rates}
    gaps: list[tuple[Text, Fraction]] = []
    for sat_key in ("combined", "satisfied"):
        for res_key in ("resolution", "commitment"):
            if sat_key in by_key and res_key in by_key:
                s, r = by_key[sat_key], by_key[res_key]
                gaps.append((Text(f"{s.title.zh} − {r.title.zh}", f"{s.title.en} − {r.title.en}"), s.value - r.value))
    class_keys = {c.key for c in classes} | ({total.key} if total else set())
    sat_keys = {k for key in ("satisfied", "combined") if key in by_key for k in by_key[key].figures}
    trouble = _troubled(class_keys, verdicts, figs) or _troubled(sat_keys, verdicts, figs)
    headlines: list[Text] = []
    cells: list[Cell] = []
    sat = by_key.get("combined") or by_key.get("satisfied")
    res = by_key.get("resolution")
    if trouble is not None:
        why = trouble.reason
        withheld.append(Text(f"未给出由公布数字推出的结论:{why.zh}", f"no conclusion drawn from the figures: {why.en}"))
    elif sat is not None and res is not None:
        headlines.append(_gap_headline(res, sat))
    if trouble is None:
        cells, bounds, why_not = _bounds(classes, by_key, n, figs)
        headlines += bounds
        withheld += why_not
    finding = _finding(by_key, policy, trouble, impossible)
    return GapAnalysis(
        n, tuple(rates), tuple(gaps), tuple(cells), tuple(headlines + withheld), finding, tuple(withheld)
    )


def _gap_headline(res: Rate, sat: Rate) -> Text:
    note_zh = note_en = ""
    if sat.base is not None and sat.base != res.base:
        note_zh, note_en = f"(满意度基数为{sat.base})", f" (satisfaction on {sat.base})"
    gap = fmt_fraction(sat.value - res.value, 2)
    return Text(
        f"解决率{res.text()}%,{sat.title.zh}{sat.text()}%{note_zh},相差{gap}个百分点",
        f"resolution {res.text()}% against {sat.title.en} {sat.text()}%{note_en}: a gap of {gap} points",
    )


def _bounds(
    classes: list[Figure], rates: dict[str, Rate], n: int | None, figs: Figures
) -> tuple[list[Cell], list[Text], list[Text]]:
    """Fréchet bounds from counts, when both margins count the proposals; else why there are none."""
    if not n or not classes or any(c.count is None for c in classes):
        return [], [], []
    cols = [
        (rates[k], t)
        for k, t in (
            ("satisfied", Text("满意", "satisfied")),
            ("combined", Text("满意或基本满意", "satisfied or basically satisfied")),
        )
        if k in rates and rates[k].count is not None
    ]
    for col_rate, _ in cols:
        base = figs.get(col_rate.figures[-1])  # a rate from counts names its base last
        assert base is not None
        why = same_population(base, n)
        if why is not None:
            what = f"{base.label}{base.count}"
            return (
                [],
                [],
                [
                    Text(
                        f"满意度按“{what}”统计,办理结果按{n}件建议统计,两者不是同一总体({why.zh}):"
                        "无法推出“办理结果×满意度”交叉表的界限,只比较两种比率",
                        f"satisfaction is counted on '{what}', outcomes on {n} proposals: "
                        f"not the same population ({why.en}), so the class × satisfaction table has no bounds; "
                        "only the rates are compared",
                    )
                ],
            )
    solved = sum(c.count or 0 for c in classes if c.rank == 1)
    rows = [(Text(c.display_label, c.display_label), c.count or 0) for c in classes]
    if any(c.rank == 1 for c in classes):
        rows.append((Text("未解决(非A类)", "not solved (not class A)"), n - solved))
    cells = [
        Cell(row, col, *frechet(r, rate.count or 0, n), r, rate.count or 0) for rate, col in cols for row, r in rows
    ]
    headlines: list[Text] = []
    strict = rates.get("satisfied")
    if strict and strict.count is not None and any(c.rank == 1 for c in classes):
        lo, _ = frechet(n - solved, strict.count, n)
        base_note = "" if strict.base == n else f"(满意度基于{strict.base}件反馈)"
        base_note_en = "" if strict.base == n else f" (satisfaction on {strict.base} with feedback)"
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
    if comb and comb.count is not None:
        for c in worst:
            lo, _ = frechet(int(c.count), comb.count, n)
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
    return cells, headlines, []


def _finding(
    rates: dict[str, Rate], policy: Policy, trouble: _Trouble | None, impossible: dict[str, Text]
) -> CheckResult:
    res = rates.get("resolution")
    sat = rates.get("combined") or rates.get("satisfied")
    title = Text("满意率与解决率的差距", "satisfaction against resolution")
    cid = "gap.satisfaction_vs_resolution"
    if res is None or sat is None:
        missing = ["resolution"] if res is None else ["combined", "satisfied"]
        name = Text("解决率", "resolution") if res is None else Text("满意率", "satisfaction")
        why = next(
            (impossible[k] for k in missing if k in impossible),
            Text(f"报告未给出{name.zh}", f"the report gives no {name.en} rate"),
        )
        cause = Cause.EXCEEDS_BASE if any(k in impossible for k in missing) else None
        return CheckResult(
            cid, title, Status.UNDECIDABLE, Severity.INFO, why, cause=cause, category=Category.GAP, check=cid
        )
    keys = (*dict.fromkeys((*res.figures, *sat.figures)),)
    if trouble is not None and trouble.unsure:
        return CheckResult(
            cid,
            title,
            Status.UNDECIDABLE,
            Severity.INFO,
            Text(
                f"确认读数:“{trouble.unsure}”的读法不确定,确认后再比较两种比率",
                f"confirm the reading: '{trouble.unsure}' can be read otherwise; the rates are compared once it is",
            ),
            keys,
            cause=Cause.AMBIGUOUS_READING,
            category=Category.GAP,
            check=cid,
        )
    gap = sat.value - res.value
    over = gap > policy.gap_threshold
    thr = fmt_fraction(policy.gap_threshold, 2)
    note_zh = f";注意:{trouble.reason.zh},比率仅供参考" if trouble is not None else ""
    note_en = f"; note: {trouble.reason.en}, so the rates are indicative only" if trouble is not None else ""
    return CheckResult(
        cid,
        title,
        Status.WARN if over else Status.PASS,
        Severity.MAJOR if over else Severity.INFO,
        Text(
            f"{sat.title.zh}{sat.text()}% − 解决率{res.text()}% = {fmt_fraction(gap, 2)}个百分点"
            f"({'超过' if over else '未超过'}阈值{thr}){note_zh}",
            f"{sat.title.en} {sat.text()}% − resolution {res.text()}% = {fmt_fraction(gap, 2)} points "
            f"({'above' if over else 'within'} the threshold of {thr}){note_en}",
        ),
        keys,
        expected=f"≤ {thr}",
        observed=fmt_fraction(gap, 2),
        cause=Cause.GAP if over else None,
        category=Category.GAP,
        check=cid,
    )
