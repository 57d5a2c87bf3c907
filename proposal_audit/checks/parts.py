"""Parts and totals: counts of classes, satisfaction levels and topics against the base they partition,
a combined satisfaction count against its levels, and no figure above its base."""

from __future__ import annotations

from functools import partial

from ..figures import SUM_KINDS, Figure, Figures, Kind, Level
from ..results import Cause, CheckResult, Policy, Severity, Status, Text
from .base import Check, Family, verdict
from .model import PercentSet, name, percent_sets, qualifiers, share_base, subject

__all__ = ["PARTS_CHECKS"]


def _parts_of_set(s: PercentSet) -> CheckResult | None:
    if s.base is None or s.base.count is None:
        return None
    title = Text(f"{s.title.zh}件数之和", f"{s.title.en}: parts add up")
    keys = (s.base.key, *(m.key for m in s.members))
    missing = [m for m in s.members if m.count is None]
    if len(missing) == len(s.members):
        return None  # shares only: the percentage checks cover them
    if missing:
        return verdict(
            s.subject,
            title,
            Status.UNDECIDABLE,
            Severity.INFO,
            Text(
                f"{'、'.join(map(name, missing))}没有件数,无法核对合计",
                f"{', '.join(map(name, missing))} printed without a count",
            ),
            keys,
        )
    total = sum(m.count or 0 for m in s.members)
    terms = "+".join(str(m.count) for m in s.members)
    n = s.base.count
    if s.counted_on is not None:  # shares on a stated base, counts on the total: they partition the total
        whole = s.counted_on
        return verdict(
            s.subject,
            title,
            Status.PASS,
            Severity.INFO,
            Text(
                f"{terms} = {total},等于{name(whole)}{whole.count}件(百分比按{name(s.base)}{n}件计算)",
                f"{terms} = {total}, the total {whole.count} (the shares are on the stated base {n})",
            ),
            (*keys, whole.key),
            expected=str(whole.count),
            observed=str(total),
        )
    if total == n or (total < n and not s.complete):
        rest = n - total
        note_zh = f",余{rest}件文中未分类说明" if rest else ""
        note_en = f"; the text does not describe the other {rest}" if rest else ""
        return verdict(
            s.subject,
            title,
            Status.PASS,
            Severity.INFO,
            Text(f"{terms} = {total},{name(s.base)}{n}{note_zh}", f"{terms} = {total}; base {n}{note_en}"),
            keys,
            expected=str(n),
            observed=str(total),
        )
    diff = total - n
    return verdict(
        s.subject,
        title,
        Status.FAIL,
        Severity.MAJOR,
        Text(
            f"{terms} = {total},但{name(s.base)}为{n}(相差{diff:+d}件)",
            f"{terms} = {total}, but the stated base is {n} ({diff:+d})",
        ),
        keys,
        expected=str(n),
        observed=str(total),
        cause=Cause.PARTS_DO_NOT_ADD_UP,
    )


def _partition(figs: Figures, policy: Policy, kind: str) -> list[CheckResult]:
    return [r for s in percent_sets(figs) if s.kind == kind and (r := _parts_of_set(s)) is not None]


def combined_satisfaction(figs: Figures, policy: Policy) -> list[CheckResult]:
    """A combined 满意或基本满意 count against its levels' counts."""
    out: list[CheckResult] = []
    for dim in figs.dimensions():
        sat = figs.satisfaction(dim)
        comb = next((f for f in sat if f.level is Level.SATISFIED_OR_BASIC), None)
        if comb is None or comb.count is None:
            continue
        parts = [
            f for f in sat if f.level in (Level.VERY_SATISFIED, Level.SATISFIED, Level.BASIC) and f.base == comb.base
        ]
        if len(parts) < 2 or any(p.count is None for p in parts):
            continue
        total = sum(p.count or 0 for p in parts)
        ok = total == comb.count
        terms = "+".join(str(p.count) for p in parts)
        out.append(
            verdict(
                ".".join(qualifiers(comb, figs)),
                Text("满意与基本满意之和", "satisfied + basically satisfied"),
                Status.PASS if ok else Status.FAIL,
                Severity.INFO if ok else Severity.MAJOR,
                Text(f"{terms} = {total},文中合计{comb.count}", f"{terms} = {total}; the text says {comb.count}"),
                (comb.key, *(p.key for p in parts)),
                expected=str(total),
                observed=str(comb.count),
                cause=None if ok else Cause.PARTS_DO_NOT_ADD_UP,
            )
        )
    return out


def handled(figs: Figures, policy: Policy) -> list[CheckResult]:
    """Handled (办结) cannot exceed the total."""
    total, done = figs.total, figs.get("handled")
    if total is None or done is None or total.count is None or done.count is None:
        return []
    ok = done.count <= total.count
    return [
        verdict(
            "",
            Text("办结件数不超过总数", "handled does not exceed the total"),
            Status.PASS if ok else Status.FAIL,
            Severity.INFO if ok else Severity.MAJOR,
            Text(f"办结{done.count}件,总数{total.count}件", f"handled {done.count}, total {total.count}"),
            (done.key, total.key),
            expected=f"≤ {total.count}",
            observed=str(done.count),
            cause=None if ok else Cause.EXCEEDS_BASE,
        )
    ]


# Figures whose count is a part of their base: above the base it is impossible.
_PART_KINDS = (Kind.CLASS, Kind.CLASS_COMBINED, Kind.SATISFACTION, Kind.TOPIC)


def _above_base(f: Figure, figs: Figures) -> tuple[Figure | None, bool, bool]:
    base = share_base(f, figs)
    counted = (
        f.count is not None
        and base is not None
        and base is not f
        and base.count is not None
        and (f.kind in _PART_KINDS or (f.kind in SUM_KINDS and (f.pct is not None or f.base is not None)))
        and f.count > base.count
    )
    return base, counted, f.pct is not None and f.pct.value > 100


def within_base(figs: Figures, policy: Policy) -> list[CheckResult]:
    """No share above 100% and no part above its base: each one is a major finding of its own.

    (Handled against the total is `parts.handled`.)
    """
    out: list[CheckResult] = []
    for f in figs:
        if f.kind is Kind.HANDLED:
            continue
        base, counted, over = _above_base(f, figs)
        if not (counted or over):
            continue
        zh, en = [], []
        if counted and base is not None:
            zh.append(f"{name(f)}{f.count}件,多于其基数{name(base)}{base.count}件")
            en.append(f"{f.count} is more than its base {base.count}")
        if over:
            zh.append(f"{name(f)}印为{f.pct}%,超过100%")
            en.append(f"{f.pct}% is more than 100%")
        out.append(
            verdict(
                subject(f, figs),
                Text(f"“{name(f)}”不超过其基数", f"'{name(f)}' within its base"),
                Status.FAIL,
                Severity.MAJOR,
                Text(";".join(zh) + ":不可能,须核对原文", "; ".join(en) + ": impossible, check the text"),
                (f.key, *((base.key,) if base is not None and base is not f else ())),
                expected=f"≤ {base.count}" if counted and base is not None else "≤ 100",
                observed=str(f.count) if counted else str(f.pct),
                cause=Cause.EXCEEDS_BASE,
            )
        )
    if out:
        return out
    return [
        verdict(
            "",
            Text("每个数字都不超过其基数", "no figure above its base"),
            Status.PASS,
            Severity.INFO,
            Text("没有件数多于其基数,也没有百分比超过100%", "no count above its base and no share above 100%"),
        )
    ]


_CLASSES = Text("办理结果分类件数之和", "outcome classes add up")
_LEVELS = Text("满意度件数之和", "satisfaction levels add up")
PARTS_CHECKS = (
    Check("parts.classes", _CLASSES, Family.PARTS, partial(_partition, kind="classes")),
    Check("parts.satisfaction", _LEVELS, Family.PARTS, partial(_partition, kind="satisfaction")),
    Check("parts.topics", Text("议题分类件数之和", "topics add up"), Family.PARTS, partial(_partition, kind="topics")),
    Check(
        "parts.satisfaction_combined",
        Text("满意与基本满意之和", "satisfied + basically satisfied"),
        Family.PARTS,
        combined_satisfaction,
    ),
    Check("parts.handled", Text("办结件数不超过总数", "handled within the total"), Family.PARTS, handled),
    Check("parts.within_base", Text("不超过基数", "within its base"), Family.PARTS, within_base),
)
