"""Consistency checks of one report's printed figures: pure functions, every verdict is data.

`run_checks(figures, policy)` runs them all. Each check returns CheckResult records; none raises
on a bad figure, prints, or reads a file. Arithmetic is exact (see rounding.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from .figures import BASE_KINDS, PARTITION_LEVELS, SUM_KINDS, TOTAL, Figure, Figures, Kind, Level
from .results import Cause, CheckResult, Policy, Severity, Status, Text
from .rounding import (
    MODE_NAMES_ZH,
    Mode,
    Percent,
    count_range,
    modes_consistent,
    nearest_bases,
    reachable,
    round_scaled,
    sum_tolerance,
)

__all__ = ["run_checks", "percent_sets", "fmt_fraction", "printed_share"]

# --------------------------------------------------------------------------- formatting


def fmt_fraction(x: Fraction, decimals: int) -> str:
    """Exact value to `decimals` places, rounded half-up, for display only."""
    scaled = round_scaled(abs(x) * 10**decimals, Mode.HALF_UP)  # ties away from zero on both sides
    sign = "-" if x < 0 and scaled else ""
    whole, frac = divmod(scaled, 10**decimals)
    return f"{sign}{whole}" + (f".{frac:0{decimals}d}" if decimals else "")


def printed_share(k: int, n: int, decimals: int, mode: Mode = Mode.HALF_UP) -> str:
    """What 100·k/n prints as with `decimals` places under `mode`."""
    scaled = round_scaled(Fraction(100 * k * 10**decimals, n), mode)
    whole, frac = divmod(scaled, 10**decimals)
    return f"{whole}" + (f".{frac:0{decimals}d}" if decimals else "")


def _pct_sum(pcts: list[Percent]) -> Fraction:
    return sum((p.value for p in pcts), Fraction(0))


def _fmt_pct_sum(pcts: list[Percent]) -> str:
    return fmt_fraction(_pct_sum(pcts), max(p.decimals for p in pcts))


def _name(f: Figure) -> str:
    return f.display_label


# --------------------------------------------------------------------------- sets of figures


@dataclass(frozen=True)
class PercentSet:
    """Figures that share one base and partition it (classes, satisfaction levels, topics)."""

    set_id: str
    title: Text
    members: tuple[Figure, ...]
    base: Figure | None
    complete: bool  # the members are known to cover the whole base


def _class_groups(figs: Figures) -> dict[tuple[str, str], list[Figure]]:
    """Classes partition their base; a second breakdown of the same base has its own dimension."""
    groups: dict[tuple[str, str], list[Figure]] = {}
    for f in figs.classes():
        groups.setdefault((f.base or TOTAL, f.dimension), []).append(f)
    return groups


def percent_sets(figs: Figures) -> list[PercentSet]:
    """The sets whose members should add up to their base (and their shares to 100)."""
    sets: list[PercentSet] = []
    for (base_key, dim), members in _class_groups(figs).items():
        suffix = ("" if base_key == TOTAL else f".{base_key}") + (f".{dim}" if dim else "")
        # A scheme that reaches "cannot be solved now" / "for reference" (rank 3+) claims to cover
        # every proposal; one that lists only adopted / being solved may leave the rest undescribed.
        complete = any((m.rank or 0) >= 3 for m in members)
        sets.append(
            PercentSet(
                f"classes{suffix}",
                Text("办理结果分类", "outcome classes"),
                tuple(members),
                figs.get(base_key),
                complete=complete,
            )
        )
    for dim in figs.dimensions():
        members = [f for f in figs.satisfaction(dim) if f.level in PARTITION_LEVELS]
        if not members:
            continue
        base = figs.base_of(members[0])
        counted = all(m.count is not None for m in members)
        complete = any(m.level is Level.DISSATISFIED for m in members) or (
            counted and base is not None and sum(m.count or 0 for m in members) == base.count
        )
        suffix = f".{dim}" if dim else ""
        title = Text(f"满意度{('(' + dim + ')') if dim else ''}", f"satisfaction {dim}".strip())
        sets.append(PercentSet(f"satisfaction{suffix}", title, tuple(members), base, complete))
    topics: dict[str, list[Figure]] = {}
    for f in figs.of_kind(Kind.TOPIC):
        topics.setdefault(f.dimension, []).append(f)
    for dim, members in topics.items():
        base = figs.base_of(members[0])
        counted = all(m.count is not None for m in members)
        complete = counted and base is not None and sum(m.count or 0 for m in members) == base.count
        suffix = f".{dim}" if dim else ""
        title = Text(f"议题分类{dim}", f"topics {dim}".strip())
        sets.append(PercentSet(f"topics{suffix}", title, tuple(members), base, complete))
    return sets


# --------------------------------------------------------------------------- parts and totals


def check_parts(figs: Figures, policy: Policy) -> list[CheckResult]:
    """Counts of classes / satisfaction levels / topics against the base they partition."""
    out: list[CheckResult] = []
    for s in percent_sets(figs):
        if s.base is None or s.base.count is None:
            continue
        cid = f"parts.{s.set_id}"
        title = Text(f"{s.title.zh}件数之和", f"{s.title.en}: parts add up")
        keys = (s.base.key, *(m.key for m in s.members))
        missing = [m for m in s.members if m.count is None]
        if missing:
            if len(missing) == len(s.members):
                continue  # shares only: the percentage checks cover them
            out.append(
                CheckResult(
                    cid,
                    title,
                    Status.UNDECIDABLE,
                    Severity.INFO,
                    Text(
                        f"{'、'.join(map(_name, missing))}没有件数,无法核对合计",
                        f"{', '.join(map(_name, missing))} printed without a count",
                    ),
                    keys,
                )
            )
            continue
        total = sum(m.count or 0 for m in s.members)
        terms = "+".join(str(m.count) for m in s.members)
        n = s.base.count
        base_name = _name(s.base)
        if total == n or (total < n and not s.complete):
            rest = n - total
            note_zh = f",余{rest}件文中未分类说明" if rest else ""
            note_en = f"; the text does not describe the other {rest}" if rest else ""
            out.append(
                CheckResult(
                    cid,
                    title,
                    Status.PASS,
                    Severity.INFO,
                    Text(
                        f"{terms} = {total},{base_name}{n}{note_zh}",
                        f"{terms} = {total}; base {n}{note_en}",
                    ),
                    keys,
                    expected=str(n),
                    observed=str(total),
                )
            )
            continue
        diff = total - n
        out.append(
            CheckResult(
                cid,
                title,
                Status.FAIL,
                Severity.MAJOR,
                Text(
                    f"{terms} = {total},但{base_name}为{n}(相差{diff:+d}件)",
                    f"{terms} = {total}, but the stated base is {n} ({diff:+d})",
                ),
                keys,
                expected=str(n),
                observed=str(total),
                cause=Cause.PARTS_DO_NOT_ADD_UP,
            )
        )
    return out


def check_combined_satisfaction(figs: Figures, policy: Policy) -> list[CheckResult]:
    """A combined 满意或基本满意 count against its levels' counts."""
    out: list[CheckResult] = []
    for dim in figs.dimensions():
        levels = {f.level: f for f in figs.satisfaction(dim)}
        comb = levels.get(Level.SATISFIED_OR_BASIC)
        parts = [levels[lv] for lv in (Level.VERY_SATISFIED, Level.SATISFIED, Level.BASIC) if lv in levels]
        if comb is None or comb.count is None or len(parts) < 2:
            continue
        if any(p.count is None for p in parts):
            continue
        total = sum(p.count or 0 for p in parts)
        ok = total == comb.count
        terms = "+".join(str(p.count) for p in parts)
        out.append(
            CheckResult(
                f"parts.satisfaction_combined{('.' + dim) if dim else ''}",
                Text("满意与基本满意之和", "satisfied + basically satisfied"),
                Status.PASS if ok else Status.FAIL,
                Severity.INFO if ok else Severity.MAJOR,
                Text(
                    f"{terms} = {total},文中合计{comb.count}",
                    f"{terms} = {total}; the text says {comb.count}",
                ),
                (comb.key, *(p.key for p in parts)),
                expected=str(total),
                observed=str(comb.count),
                cause=None if ok else Cause.PARTS_DO_NOT_ADD_UP,
            )
        )
    return out


def check_stated_sums(figs: Figures, policy: Policy) -> list[CheckResult]:
    """A stated sum ("两项合计为82.5%", "解决和正在解决的3096件") against its terms."""
    out: list[CheckResult] = []
    for s in (f for f in figs if f.kind in SUM_KINDS):
        parts = [figs.get(k) for k in s.parts]
        terms = [p for p in parts if p is not None]
        keys = (s.key, *s.parts)
        title = Text(f"文中合计“{_name(s)}”", f"stated sum '{_name(s)}'")
        if s.count is not None and terms and all(p.count is not None for p in terms):
            total = sum(p.count or 0 for p in terms)
            ok = total == s.count
            expr = "+".join(str(p.count) for p in terms)
            out.append(
                CheckResult(
                    f"sum.{s.key}.count",
                    title,
                    Status.PASS if ok else Status.FAIL,
                    Severity.INFO if ok else Severity.MAJOR,
                    Text(f"{expr} = {total},文中为{s.count}", f"{expr} = {total}; printed {s.count}"),
                    keys,
                    expected=str(total),
                    observed=str(s.count),
                    cause=None if ok else Cause.WRONG_STATED_SUM,
                )
            )
        pcts = [p.pct for p in terms if p.pct is not None]
        if s.pct is not None and terms and len(pcts) == len(terms):
            out.append(_stated_sum_pct(s, terms, pcts, figs, policy, title, keys))
    return out


def _stated_sum_pct(
    s: Figure, terms: list[Figure], pcts: list[Percent], figs: Figures, policy: Policy, title: Text, keys: tuple
) -> CheckResult:
    """A stated share of a sum: right if it is the terms' printed sum at its own precision, or what
    the terms' counts give; explainable (warn) if unrounded terms could sum to it; otherwise wrong."""
    assert s.pct is not None
    exact = _pct_sum(pcts)
    d = max(p.decimals for p in pcts)
    expr = "+".join(p.text for p in pcts)
    at_stated = round_scaled(exact * 10**s.pct.decimals, Mode.HALF_UP) == s.pct.scaled
    base = figs.base_of(s)
    counts = [p.count for p in terms]
    from_counts = (
        all(c is not None for c in counts)
        and base is not None
        and bool(base.count)
        and bool(set(modes_consistent(sum(c or 0 for c in counts), base.count or 1, s.pct)) & set(policy.accepted))
    )
    tol = sum_tolerance(pcts)
    half = s.pct.unit / 2
    possible = (s.pct.value - half) < exact + tol and exact - tol < (s.pct.value + half)
    shown = fmt_fraction(exact, d)
    if at_stated or from_counts:
        via = "" if at_stated else f";按件数{'+'.join(map(str, counts))}计算为{s.pct.text}%"
        via_en = "" if at_stated else f"; from the counts it is {s.pct.text}%"
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
    return CheckResult(
        f"sum.{s.key}.pct", title, status, severity, msg, keys, expected=shown, observed=s.pct.text, cause=cause
    )


def check_handled(figs: Figures, policy: Policy) -> list[CheckResult]:
    """Handled (办结) cannot exceed the total."""
    total, handled = figs.total, figs.get("handled")
    if total is None or handled is None or total.count is None or handled.count is None:
        return []
    ok = handled.count <= total.count
    return [
        CheckResult(
            "parts.handled",
            Text("办结件数不超过总数", "handled does not exceed the total"),
            Status.PASS if ok else Status.FAIL,
            Severity.INFO if ok else Severity.MAJOR,
            Text(f"办结{handled.count}件,总数{total.count}件", f"handled {handled.count}, total {total.count}"),
            (handled.key, total.key),
            expected=f"≤ {total.count}",
            observed=str(handled.count),
            cause=None if ok else Cause.PARTS_DO_NOT_ADD_UP,
        )
    ]


# --------------------------------------------------------------------------- percentages


def _implied_count(fig: Figure, figs: Figures) -> tuple[int | None, str]:
    """The count a percentage without its own count stands for, when other figures give it."""
    if fig.count is not None:
        return fig.count, ""
    if fig.kind is Kind.FILING_RATE and fig.base:
        total = figs.total  # 立案率: the filed count (the total) over what was submitted
        if total is not None and total.count is not None and total is not figs.base_of(fig):
            return total.count, "立案件数 filed"
    if fig.kind is Kind.REPLY_RATE:
        handled = figs.get("handled")
        if handled is not None and handled.count is not None:
            return handled.count, "办结件数 handled"
    if fig.kind is Kind.SATISFACTION and fig.level is Level.SATISFIED_OR_BASIC:
        parts = [
            f
            for f in figs.satisfaction(fig.dimension)
            if f.level in (Level.VERY_SATISFIED, Level.SATISFIED, Level.BASIC)
        ]
        if len(parts) >= 2 and all(p.count is not None for p in parts):
            return sum(p.count or 0 for p in parts), "满意+基本满意 satisfied + basic"
    if fig.kind in SUM_KINDS and fig.parts:
        parts = [figs.get(k) for k in fig.parts]
        if all(p is not None and p.count is not None for p in parts):
            return sum(p.count or 0 for p in parts if p), "分项之和 sum of parts"
    return None, ""


_BASE_KINDS = (*BASE_KINDS, Kind.HANDLED, Kind.TOPIC, *SUM_KINDS)


def _candidate_bases(fig: Figure, figs: Figures, n: int) -> list[tuple[int, str]]:
    """Counts of proposals the text states that a share might really be computed on.

    Totals, other bases, handled, topic and stated-sum counts, and the sum of the set the figure
    belongs to; never units, contacts or single class counts, which are not populations.
    """
    cands = [(f.count, _name(f)) for f in figs if f.kind in _BASE_KINDS and f.count]
    for s in percent_sets(figs):
        if fig in s.members and all(m.count is not None for m in s.members):
            cands.append((sum(m.count or 0 for m in s.members), f"{s.title.zh}件数之和"))
    seen: set[int] = {n}
    return [(m, why) for m, why in cands if m and not (m in seen or seen.add(m))]


@dataclass(frozen=True)
class _Share:
    """The raw analysis of one printed percentage with a known count."""

    fig: Figure
    k: int
    n: int
    modes: tuple[Mode, ...]
    accepted: bool
    expected: str  # under half-up
    distance: int  # printed minus expected, in units of the last place
    overclaim: bool  # prints 100% (or 0%) while the count is not all (or none) of the base


def _analyse(fig: Figure, k: int, n: int, policy: Policy) -> _Share:
    pct = fig.pct
    assert pct is not None
    modes = modes_consistent(k, n, pct)
    expected = printed_share(k, n, pct.decimals)
    distance = pct.scaled - round_scaled(Fraction(100 * k * 10**pct.decimals, n), Mode.HALF_UP)
    # "100%" and "0%" are claims of all and none: no rounding makes 148 of 149 "all".
    overclaim = (pct.value == 100 and k != n) or (pct.value == 0 and k != 0)
    accepted = bool(set(modes) & set(policy.accepted)) and not overclaim
    return _Share(fig, k, n, modes, accepted, expected, distance, overclaim)


def _forced_members(figs: Figures, shares: dict[str, _Share]) -> set[str]:
    """Keys of figures nudged by one unit so that their set's printed shares sum to exactly 100."""
    forced: set[str] = set()
    for s in percent_sets(figs):
        pcts = [m.pct for m in s.members]
        if any(p is None for p in pcts) or _pct_sum([p for p in pcts if p]) != 100:
            continue
        bad = [shares[m.key] for m in s.members if m.key in shares and not shares[m.key].accepted]
        if not bad or any(abs(b.distance) != 1 for b in bad):
            continue
        honest = _pct_sum([p for p in pcts if p]) - sum(
            (Fraction(b.distance, 10**b.fig.pct.decimals) for b in bad if b.fig.pct), Fraction(0)
        )
        if honest != 100:
            forced.update(b.fig.key for b in bad)
    return forced


def _collect_shares(
    figs: Figures, policy: Policy
) -> tuple[dict[str, _Share], dict[str, str], list[CheckResult], list[Figure]]:
    """Every printed percentage: analysed (count known), to test for reachability, or why not."""
    shares: dict[str, _Share] = {}
    sources: dict[str, str] = {}
    unchecked: list[CheckResult] = []
    no_count: list[Figure] = []
    for fig in figs:
        if fig.pct is None:
            continue
        base = figs.base_of(fig)
        title = Text(f"百分比“{_name(fig)}”", f"percentage '{_name(fig)}'")
        if base is None or base is fig:
            unchecked.append(
                CheckResult(
                    f"pct.{fig.key}",
                    title,
                    Status.SKIPPED,
                    Severity.INFO,
                    Text("未说明此百分比以哪个数为基数,未检查", "no base is given for this share: not checked"),
                    (fig.key,),
                    observed=fig.pct.text,
                )
            )
            continue
        if not base.count:
            unchecked.append(
                CheckResult(
                    f"pct.{fig.key}",
                    title,
                    Status.UNDECIDABLE,
                    Severity.INFO,
                    Text(f"基数“{_name(base)}”没有件数,无法核对", f"its base '{_name(base)}' has no count"),
                    (fig.key, base.key),
                    observed=fig.pct.text,
                )
            )
            continue
        k, source = _implied_count(fig, figs)
        if k is None:
            no_count.append(fig)
            continue
        shares[fig.key] = _analyse(fig, k, base.count, policy)
        sources[fig.key] = source
    return shares, sources, unchecked, no_count


def check_percentages(figs: Figures, policy: Policy) -> list[CheckResult]:
    """Each printed percentage against its count and base, exactly, under every rounding mode."""
    shares, sources, unchecked, no_count = _collect_shares(figs, policy)
    forced = _forced_members(figs, shares)
    report_modes = _modes_explaining_all(list(shares.values()))
    out = [
        _share_result(sh, figs, policy, forced, report_modes, sources[key], len(shares)) for key, sh in shares.items()
    ]
    out += [_reachability_result(fig, figs, policy) for fig in no_count]
    return out + unchecked


def _modes_explaining_all(shares: list[_Share]) -> tuple[Mode, ...]:
    """Modes consistent with every share."""
    common = set(Mode)
    for sh in shares:
        common &= set(sh.modes)
    return tuple(m for m in Mode if m in common) if shares else ()


def _share_result(
    sh: _Share,
    figs: Figures,
    policy: Policy,
    forced: set[str],
    report_modes: tuple[Mode, ...],
    source: str,
    n_shares: int,
) -> CheckResult:
    fig, pct = sh.fig, sh.fig.pct
    assert pct is not None
    base = figs.base_of(fig)
    assert base is not None
    cid = f"pct.{fig.key}"
    title = Text(f"百分比“{_name(fig)}”与件数", f"percentage '{_name(fig)}' vs its count")
    keys = (fig.key, base.key)
    rng = _allowed_counts(pct, sh.n, policy.accepted)
    rng_txt = "无 none" if rng is None else (f"{rng[0]}" if rng[0] == rng[1] else f"{rng[0]}–{rng[1]}")
    exact = fmt_fraction(Fraction(100 * sh.k, sh.n), pct.decimals + 2)
    via = f"(由{source.split(' ')[0]}推得)" if source else ""
    via_en = f" (count implied: {source.split(' ', 1)[-1]})" if source else ""
    arithmetic = Text(
        f"{sh.k}{via}/{sh.n} = {exact}%,按四舍五入保留{pct.decimals}位为{sh.expected}%;文中为{pct.text}%",
        f"{sh.k}{via_en}/{sh.n} = {exact}%, half-up to {pct.decimals} places {sh.expected}%; printed {pct.text}%",
    )
    modes_zh = "、".join(MODE_NAMES_ZH[m] for m in sh.modes) or "无"
    common = dict(
        figures=keys,
        expected=sh.expected,
        observed=pct.text,
        modes=sh.modes,
        count_range=rng,
    )
    if sh.accepted:
        return CheckResult(
            cid,
            title,
            Status.PASS,
            Severity.INFO,
            Text(
                f"{arithmetic.zh}。符合:{modes_zh};{pct.text}%对应件数{rng_txt}",
                f"{arithmetic.en}. Consistent with: {', '.join(sh.modes)}; counts allowed {rng_txt}",
            ),
            **common,
        )
    if sh.overclaim:
        return CheckResult(
            cid,
            title,
            Status.FAIL,
            Severity.MAJOR,
            Text(
                f"{arithmetic.zh}。印为{pct.text}%即声称{'全部' if pct.value else '没有'},但实际为{sh.k}/{sh.n}",
                f"{arithmetic.en}. {pct.text}% claims {'all' if pct.value else 'none'}, but it is {sh.k} of {sh.n}",
            ),
            cause=Cause.MISROUNDED,
            **common,
        )
    if fig.key in forced:
        return CheckResult(
            cid,
            title,
            Status.WARN,
            Severity.MINOR,
            Text(
                f"{arithmetic.zh}。差末位1个单位,而同组百分比合计恰为100%:为凑足100%而调整,并非件数错误",
                f"{arithmetic.en}. Off by one unit while its set sums to exactly 100: forced to 100, not a wrong count",
            ),
            cause=Cause.FORCED_TO_100,
            **common,
        )
    for m, why in _candidate_bases(fig, figs, sh.n):
        if set(modes_consistent(sh.k, m, pct)) & set(policy.accepted):
            return CheckResult(
                cid,
                title,
                Status.FAIL,
                Severity.MINOR,
                Text(
                    f"{arithmetic.zh}。但{sh.k}/{m} = {fmt_fraction(Fraction(100 * sh.k, m), pct.decimals + 2)}%"
                    f"→{pct.text}%:百分比是按{why}{m}计算的",
                    f"{arithmetic.en}. But {sh.k}/{m} gives {pct.text}%: computed on {m} ({why})",
                ),
                cause=Cause.OTHER_BASE,
                candidates=(m,),
                **common,
            )
    odd = [m for m in sh.modes if m in (Mode.TRUNCATE, Mode.CEILING)]
    if odd:
        cause = Cause.TRUNCATION if odd[0] is Mode.TRUNCATE else Cause.CEILING
        zh_mode = MODE_NAMES_ZH[odd[0]]
        if odd[0] in report_modes and n_shares >= 3:
            return CheckResult(
                cid,
                title,
                Status.WARN,
                Severity.MINOR,
                Text(
                    f"{arithmetic.zh}。符合{zh_mode};全文{n_shares}个百分比都可用{zh_mode}解释",
                    f"{arithmetic.en}. Consistent with {odd[0]}, which explains all {n_shares} percentages",
                ),
                cause=cause,
                **common,
            )
        unlike = n_shares > 1 and odd[0] not in report_modes
        return CheckResult(
            cid,
            title,
            Status.FAIL,
            Severity.MINOR,
            Text(
                f"{arithmetic.zh}。只符合{zh_mode}" + (",与全文其他百分比的取舍方式不同" if unlike else ""),
                f"{arithmetic.en}. Only consistent with {odd[0]}"
                + (", unlike the rest of the report" if unlike else ""),
            ),
            cause=cause,
            **common,
        )
    units = abs(sh.distance)
    return CheckResult(
        cid,
        title,
        Status.FAIL,
        Severity.MAJOR if units > 1 else Severity.MINOR,
        Text(
            f"{arithmetic.zh}。相差末位{units}个单位;{pct.text}%对应件数{rng_txt}",
            f"{arithmetic.en}. Off by {units} unit(s) in the last place; counts allowed {rng_txt}",
        ),
        cause=Cause.MISROUNDED,
        **common,
    )


def _related_shares(fig: Figure, figs: Figures) -> tuple[Figure, ...]:
    """Shares that must come from one base with `fig`: its set, and stated sums over the set."""
    if fig.kind in SUM_KINDS:
        group = [fig, *filter(None, map(figs.get, fig.parts))]
    else:
        group = list(next((s.members for s in percent_sets(figs) if fig in s.members), (fig,)))
    keys = {g.key for g in group}
    group += [f for f in figs if f.kind in SUM_KINDS and f not in group and keys & set(f.parts)]
    return tuple(group)


def _allowed_counts(pct: Percent, n: int, modes: tuple[Mode, ...]) -> tuple[int, int] | None:
    """Counts the printed share allows; "100%" and "0%" are claims of all and none."""
    if pct.value == 100:
        return (n, n)
    if pct.value == 0:
        return (0, 0)
    return count_range(pct, n, modes)


def _reachability_result(fig: Figure, figs: Figures, policy: Policy) -> CheckResult:
    pct, base = fig.pct, figs.base_of(fig)
    assert pct is not None and base is not None and base.count
    n = base.count
    cid = f"pct.{fig.key}"
    title = Text(f"百分比“{_name(fig)}”能否由整数件数得到", f"is '{_name(fig)}' reachable")
    keys = (fig.key, base.key)
    rng = _allowed_counts(pct, n, policy.accepted)
    if rng is not None:
        rng_txt = f"{rng[0]}" if rng[0] == rng[1] else f"{rng[0]}–{rng[1]}"
        return CheckResult(
            cid,
            title,
            Status.PASS,
            Severity.INFO,
            Text(
                f"未给件数;{pct.text}%在基数{n}上对应{rng_txt}件",
                f"no count printed; {pct.text}% of {n} allows {rng_txt}",
            ),
            keys,
            expected=f"{rng_txt}件",
            observed=pct.text,
            count_range=rng,
        )
    k_lo = min(n, n * pct.scaled // 10 ** (pct.decimals + 2))
    near = [k for k in (k_lo, k_lo + 1) if k <= n]
    tried = ", ".join(f"{k}/{n}→{printed_share(k, n, pct.decimals)}" for k in near)
    # A base explains a share only if it explains its siblings too (38: 195/305 → 63.9 alone is chance).
    related = _related_shares(fig, figs)
    siblings = [m.pct for m in related if m.pct is not None and m.count is None] or [pct]

    def fits(m: int) -> bool:
        return all(reachable(p, m, policy.accepted) for p in siblings)

    stated_fits = [(m, why) for m, why in _candidate_bases(fig, figs, n) if fits(m)]
    nearest = nearest_bases(siblings, n, policy.accepted)
    set_note_zh = f"(须同时满足同组{len(siblings)}个百分比)" if len(siblings) > 1 else ""
    set_note_en = f" (fitting all {len(siblings)} shares of its set)" if len(siblings) > 1 else ""
    if stated_fits:
        m, why = stated_fits[0]
        k0 = count_range(pct, m, policy.accepted)
        assert k0 is not None
        tail_zh = f"但在文中另一数字{why}{m}上可得({k0[0]}/{m})"
        tail_en = f"but it is reachable on {m}, stated in the text as {why} ({k0[0]}/{m})"
        cause = Cause.OTHER_BASE
    else:
        tail_zh = "文中其他数字也都不能作为其基数"
        tail_en = "no other figure stated in the text fits as its base"
        cause = Cause.UNREACHABLE
    return CheckResult(
        cid,
        title,
        Status.FAIL,
        Severity.MAJOR if not stated_fits else Severity.MINOR,
        Text(
            f"基数{n}上没有任何整数件数得到{pct.text}%({tried});{tail_zh}。"
            f"{n}附近可得的基数{set_note_zh}:{'、'.join(map(str, nearest)) or '无'}",
            f"no whole count of {n} gives {pct.text}% ({tried}); {tail_en}. "
            f"Nearest bases that fit{set_note_en}: {', '.join(map(str, nearest)) or 'none'}",
        ),
        keys,
        expected=f"基数 base ∈ {{{', '.join(map(str, nearest))}}}",
        observed=pct.text,
        cause=cause,
        candidates=tuple([m for m, _ in stated_fits] + [m for m in nearest if m not in dict(stated_fits)]),
    )


# --------------------------------------------------------------------------- sets of percentages


def check_percent_sums(figs: Figures, policy: Policy) -> list[CheckResult]:
    """Shares of one partition sum to 100 within half a unit per figure (99.99 is not an error)."""
    out: list[CheckResult] = []
    for s in percent_sets(figs):
        pcts = [m.pct for m in s.members if m.pct is not None]
        if len(pcts) < 2:
            continue
        if len(pcts) < len(s.members):
            continue
        total = _pct_sum(pcts)
        tol = sum_tolerance(pcts)
        d = max(p.decimals for p in pcts)
        expr = "+".join(p.text for p in pcts)
        low_ok = total >= 100 - tol or not s.complete
        high_ok = total <= 100 + tol
        ok = low_ok and high_ok
        bound = f"100 ± {fmt_fraction(tol, d + 1)}" if s.complete else f"0–{fmt_fraction(100 + tol, d + 1)}"
        out.append(
            CheckResult(
                f"pctsum.{s.set_id}",
                Text(f"{s.title.zh}百分比合计", f"{s.title.en}: shares sum to 100"),
                Status.PASS if ok else Status.FAIL,
                Severity.INFO if ok else Severity.MAJOR,
                Text(
                    f"{expr} = {fmt_fraction(total, d)}%,应在{bound}之内(每项四舍五入最多差半个单位)",
                    f"{expr} = {fmt_fraction(total, d)}%, allowed {bound} (half a unit per rounded share)",
                ),
                tuple(m.key for m in s.members),
                expected=bound,
                observed=fmt_fraction(total, d),
                cause=None if ok else Cause.SUM_NOT_100,
            )
        )
    return out


def check_precision(figs: Figures, policy: Policy) -> list[CheckResult]:
    """A share printed with fewer decimals than its set: a dropped trailing zero, or a nudge?"""
    out: list[CheckResult] = []
    for s in percent_sets(figs):
        members = [m for m in s.members if m.pct is not None]
        if not members or s.base is None or not s.base.count:
            continue
        d = max(m.pct.decimals for m in members if m.pct)
        for m in members:
            assert m.pct is not None
            if m.pct.decimals >= d or m.count is None:
                continue
            at_set = printed_share(m.count, s.base.count, d)
            dropped_zero = Fraction(at_set) == m.pct.value
            out.append(
                CheckResult(
                    f"precision.{m.key}",
                    Text(f"“{_name(m)}”的小数位数", f"precision of '{_name(m)}'"),
                    Status.PASS if dropped_zero else Status.WARN,
                    Severity.INFO if dropped_zero else Severity.MINOR,
                    Text(
                        f"同组保留{d}位小数,此项印为{m.pct.text}%;{m.count}/{s.base.count}保留{d}位为{at_set}%"
                        + (",只是省略了末尾的0" if dropped_zero else ",与印出的数不同"),
                        f"its set has {d} decimals, this one prints {m.pct.text}%; {m.count}/{s.base.count} "
                        f"to {d} places is {at_set}%"
                        + (" (a trailing zero dropped)" if dropped_zero else " (not what is printed)"),
                    ),
                    (m.key, s.base.key),
                    expected=at_set,
                    observed=m.pct.text,
                    cause=None if dropped_zero else Cause.PRECISION,
                )
            )
    return out


def check_rounding_policy(figs: Figures, policy: Policy) -> list[CheckResult]:
    """Which single rounding mode, if any, explains every percentage that has a count."""
    shares = list(_collect_shares(figs, policy)[0].values())
    if not shares:
        return []
    modes = _modes_explaining_all(shares)
    accepted = [m for m in modes if m in policy.accepted]
    names_zh = "、".join(MODE_NAMES_ZH[m] for m in modes)
    if accepted:
        status, sev = Status.PASS, Severity.INFO
        msg = Text(
            f"全部{len(shares)}个带件数的百分比都符合:{names_zh}",
            f"all {len(shares)} percentages with counts are consistent with: {', '.join(modes)}",
        )
    elif modes:
        status, sev = Status.WARN, Severity.MINOR
        msg = Text(
            f"全部百分比只能用{names_zh}解释,不是四舍五入",
            f"every percentage is explained by {', '.join(modes)} only, not by rounding to nearest",
        )
    else:
        status, sev = Status.PASS, Severity.INFO
        msg = Text(
            "没有一种取舍方式能解释全部百分比(见各项检查)",
            "no single rounding mode explains every percentage (see the checks above)",
        )
    return [
        CheckResult(
            "rounding.report",
            Text("全文的取舍方式", "rounding mode of the whole report"),
            status,
            sev,
            msg,
            tuple(sh.fig.key for sh in shares),
            modes=modes,
        )
    ]


CHECKS: tuple[Callable[[Figures, Policy], list[CheckResult]], ...] = (
    check_parts,
    check_combined_satisfaction,
    check_stated_sums,
    check_handled,
    check_percentages,
    check_percent_sums,
    check_precision,
    check_rounding_policy,
)


def run_checks(figs: Figures, policy: Policy | None = None) -> list[CheckResult]:
    """Every consistency check, in a stable order."""
    policy = policy or Policy()
    return [r for check in CHECKS for r in check(figs, policy)]
