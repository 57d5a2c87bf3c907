"""Sums: a stated sum against its terms (count and share), and the shares of one whole summing to 100
within what the accepted rounding modes allow."""

from __future__ import annotations

from fractions import Fraction
from functools import partial

from ..figures import SUM_KINDS, Figure, Figures
from ..formatting import fmt_fraction, fmt_interval
from ..results import Cause, CheckResult, Policy, Severity, Status, Text
from ..rounding import (
    MODE_NAMES_ZH,
    Interval,
    Mode,
    Percent,
    count_range,
    round_scaled,
    sum_interval,
    value_interval,
)
from .base import Check, Family, verdict
from .model import PercentSet, name, parts_of, percent_sets, share_base, subject

__all__ = ["SUM_CHECKS", "allowed_sum"]


def _pct_sum(pcts: list[Percent]) -> Fraction:
    return sum((p.value for p in pcts), Fraction(0))


def _stated(figs: Figures) -> list[tuple[Figure, list[Figure]]]:
    return [(s, parts_of(s, figs)) for s in figs if s.kind in SUM_KINDS]


def stated_count(figs: Figures, policy: Policy) -> list[CheckResult]:
    """A stated count ("解决和正在解决的3096件") against the sum of its terms' counts."""
    out = []
    for s, terms in _stated(figs):
        if s.count is None or not terms or any(p.count is None for p in terms):
            continue
        total = sum(p.count or 0 for p in terms)
        ok = total == s.count
        expr = "+".join(str(p.count) for p in terms)
        out.append(
            verdict(
                subject(s, figs),
                Text(f"文中合计“{name(s)}”", f"stated sum '{name(s)}'"),
                Status.PASS if ok else Status.FAIL,
                Severity.INFO if ok else Severity.MAJOR,
                Text(f"{expr} = {total},文中为{s.count}", f"{expr} = {total}; printed {s.count}"),
                (s.key, *(p.key for p in terms)),
                expected=str(total),
                observed=str(s.count),
                cause=None if ok else Cause.WRONG_STATED_SUM,
            )
        )
    return out


def stated_share(figs: Figures, policy: Policy) -> list[CheckResult]:
    """A stated share of a sum ("两项合计为82.5%") against its terms' printed shares.

    Right if it is the terms' printed sum at its own precision, or what the terms' counts give;
    explainable (warn) if unrounded terms could sum to it under an accepted mode; otherwise wrong.
    """
    out = []
    for s, terms in _stated(figs):
        pcts = [p.pct for p in terms if p.pct is not None]
        if s.pct is None or not terms or len(pcts) < len(terms) or s.bound or any(p.bound for p in terms):
            continue
        out.append(_stated_share(s, terms, pcts, figs, policy))
    return out


def _stated_share(s: Figure, terms: list[Figure], pcts: list[Percent], figs: Figures, policy: Policy) -> CheckResult:
    assert s.pct is not None
    exact = _pct_sum(pcts)
    expr = "+".join(p.text for p in pcts)
    at_stated = any(round_scaled(exact * 10**s.pct.decimals, m) == s.pct.scaled for m in policy.accepted)
    base = share_base(s, figs)
    counts = [p.count for p in terms]
    n = base.count if base is not None and base.count else 0
    from_counts = _from_counts(s.pct, terms, n, policy)
    possible = any(sum_interval(pcts, m).intersects(value_interval(s.pct, m)) for m in policy.accepted)
    shown = fmt_fraction(exact, max(p.decimals for p in pcts))
    if at_stated or from_counts:
        if at_stated:
            via = via_en = ""
        elif all(c is not None for c in counts):
            via = f";按件数{'+'.join(map(str, counts))}计算为{s.pct.text}%"
            via_en = f"; from the counts it is {s.pct.text}%"
        else:  # the stated sum is the share of the terms' summed (unprinted) counts, not of their shares
            via = f";各项件数之和在基数{n}上可得{s.pct.text}%"
            via_en = f"; the terms' counts, summed, give {s.pct.text}% of {n}"
        status, severity, cause = Status.PASS, Severity.INFO, None
        msg = Text(f"{expr} = {shown}%,文中合计{s.pct.text}%{via}", f"{expr} = {shown}%; printed {s.pct.text}%{via_en}")
    elif possible:
        status, severity, cause = Status.WARN, Severity.MINOR, Cause.WRONG_STATED_SUM
        msg = Text(
            f"{expr} = {shown}%,文中合计却为{s.pct.text}%;只有各项未经舍入的原值都落在舍入区间一端时才可能",
            f"{expr} = {shown}%, but the text says {s.pct.text}%: possible only if every unrounded term "
            "lay at one end of its rounding interval",
        )
    else:
        status, severity, cause = Status.FAIL, Severity.MAJOR, Cause.WRONG_STATED_SUM
        msg = Text(
            f"{expr} = {shown}%,文中合计却为{s.pct.text}%", f"{expr} = {shown}%, but the text says {s.pct.text}%"
        )
    return verdict(
        subject(s, figs),
        Text(f"文中合计“{name(s)}”", f"stated sum '{name(s)}'"),
        status,
        severity,
        msg,
        (s.key, *(p.key for p in terms)),
        expected=shown,
        observed=s.pct.text,
        cause=cause,
    )


def _from_counts(pct: Percent, terms: list[Figure], n: int, policy: Policy) -> bool:
    """Whether some whole counts of the terms (their own, else any their shares allow on the base n)
    add up to a count that prints as the stated share: the sum taken before rounding."""
    if n <= 0:
        return False
    ranges = [
        (p.count, p.count) if p.count is not None else count_range(p.pct, n, policy.accepted) if p.pct else None
        for p in terms
    ]
    if any(r is None for r in ranges):
        return False
    lo, hi = sum(r[0] for r in ranges if r), sum(r[1] for r in ranges if r)
    target = count_range(pct, n, policy.accepted)
    return target is not None and target[0] <= hi and lo <= target[1]


def allowed_sum(pcts: list[Percent], mode: Mode, complete: bool, whole: Fraction = Fraction(100)) -> Interval:
    """The printed sums of `pcts` that honest rounding under `mode` allows for shares of one whole
    (complete: exactly `whole` before rounding — 100, or the share of the base the parts cover; else at
    most `whole`)."""
    printed = _pct_sum(pcts)
    exact = sum_interval(pcts, mode)  # what the unrounded values can sum to, given what is printed
    # W ∈ [P + a, P + b]  ⇔  P ∈ [W − b, W − a], with the ends' openness swapped
    lo = Fraction(0) if not complete else whole - (exact.hi - printed)
    return Interval(lo, whole - (exact.lo - printed), exact.hi_open and complete, exact.lo_open)


def _hull(ivs: list[Interval]) -> Interval:
    """The span of the modes' intervals, for the message (the verdict uses each interval exactly)."""
    return Interval(min(iv.lo for iv in ivs), max(iv.hi for iv in ivs))


def _pctsum(s: PercentSet, policy: Policy) -> CheckResult | None:
    pcts = [m.pct for m in s.members if m.pct is not None]
    if len(pcts) < 2 or len(pcts) < len(s.members) or any(m.bound for m in s.members):
        return None  # a bound ("90%以上") is no term of a sum
    printed = _pct_sum(pcts)
    d = max(p.decimals for p in pcts)
    whole, complete = Fraction(100), s.complete
    covered = s.counted_on is not None and s.base is not None and s.base.count
    if covered:  # parts of the total, shares on another base: they sum to the total's share of it
        assert s.counted_on is not None and s.base is not None and s.counted_on.count is not None
        whole, complete = Fraction(100 * s.counted_on.count, s.base.count), True
    allowed = {m: allowed_sum(pcts, m, complete, whole) for m in policy.accepted}
    fits = [m for m, iv in allowed.items() if printed in iv]
    hull = _hull(list(allowed.values()))
    bound = fmt_interval(hull, d + 1) if complete else f"≤ {fmt_fraction(hull.hi, d + 1)}"
    expr = "+".join(p.text for p in pcts)
    nearest = all(m in (Mode.HALF_UP, Mode.HALF_EVEN) for m in fits)
    how_zh = "每项四舍五入最多差半个单位" if nearest else "按" + "、".join(MODE_NAMES_ZH[m] for m in fits) + "取舍"
    how_en = "half a unit per rounded share" if nearest else "under " + ", ".join(fits)
    if covered:
        assert s.counted_on is not None and s.base is not None
        k, n = s.counted_on.count, s.base.count
        how_zh += f";各项合计为{k}/{n} = {fmt_fraction(whole, d + 2)}%,而非100%"
        how_en += f"; the parts cover {k}/{n} = {fmt_fraction(whole, d + 2)}% of the base, not 100%"
    ok = bool(fits)
    return verdict(
        s.subject,
        Text(f"{s.title.zh}百分比合计", f"{s.title.en}: shares sum to 100"),
        Status.PASS if ok else Status.FAIL,
        Severity.INFO if ok else Severity.MAJOR,
        Text(
            f"{expr} = {fmt_fraction(printed, d)}%,应在{bound}之内({how_zh})",
            f"{expr} = {fmt_fraction(printed, d)}%, allowed {bound} ({how_en})",
        ),
        tuple(m.key for m in s.members),
        expected=bound,
        observed=fmt_fraction(printed, d),
        cause=None if ok else Cause.SUM_NOT_100,
        modes=tuple(fits),
    )


def _pctsums(figs: Figures, policy: Policy, kind: str) -> list[CheckResult]:
    return [r for s in percent_sets(figs) if s.kind == kind and (r := _pctsum(s, policy)) is not None]


_ROUNDING = ("accepted",)
_SUMS = {
    "classes": Text("分类百分比合计", "class shares sum to 100"),
    "satisfaction": Text("满意度百分比合计", "satisfaction shares sum to 100"),
    "topics": Text("议题百分比合计", "topic shares sum to 100"),
}
SUM_CHECKS = (
    Check("sum.count", Text("文中所称合计(件数)", "stated sum (count)"), Family.SUMS, stated_count),
    Check("sum.pct", Text("文中所称合计(百分比)", "stated sum (share)"), Family.SUMS, stated_share, _ROUNDING),
    *(Check(f"pctsum.{k}", t, Family.SUMS, partial(_pctsums, kind=k), _ROUNDING) for k, t in _SUMS.items()),
)
