"""Percentages against counts (the GRIM idea): is each printed share what its count and base give under
an accepted rounding mode — and if not, the most likely cause: forced to 100, another base that fits
the whole set, truncation or ceiling, a misprint. Also the precision of a share within its set, and
which rounding mode explains the whole report."""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

from ..figures import Figure, Figures, Kind
from ..formatting import fmt_count_range, fmt_fraction
from ..results import Cause, CheckResult, Policy, Severity, Status, Text
from ..rounding import MODE_NAMES_ZH, Mode, Percent, count_range, modes_consistent, printed, reachable, round_div
from .base import Check, Family, verdict
from .model import candidate_bases, implied_count, name, percent_sets, related_shares, share_base, subject

__all__ = ["PERCENTAGE_CHECKS", "Share", "analyse", "allowed_counts", "shares_with_counts"]


@dataclass(frozen=True)
class Share:
    """One printed percentage with a known count k of base n, analysed exactly."""

    fig: Figure
    base: Figure
    k: int
    n: int
    modes: tuple[Mode, ...]  # every mode under which k/n prints as the figure's percentage
    accepted: bool  # some accepted mode prints it, and it claims neither all nor none falsely
    expected: str  # what k/n prints as under half-up
    distance: int  # printed minus expected (half-up), in units of the last place
    overclaim: bool  # prints 100% (or 0%) while the count is not all (or none) of the base
    sources: tuple[str, ...] = ()  # figures the count was implied from
    via: Text = Text("", "")  # how it was implied

    @property
    def pct(self) -> Percent:
        assert self.fig.pct is not None
        return self.fig.pct


def analyse(fig: Figure, base: Figure, k: int, n: int, policy: Policy) -> Share:
    pct = fig.pct
    assert pct is not None
    modes = modes_consistent(k, n, pct)
    distance = pct.scaled - round_div(100 * k * 10**pct.decimals, n, Mode.HALF_UP)
    # "100%" and "0%" are claims of all and none: 148 of 149 is not "all" whatever rounds to what.
    overclaim = (pct.value == 100 and k != n) or (pct.value == 0 and k != 0)
    accepted = bool(set(modes) & set(policy.accepted)) and not overclaim
    return Share(fig, base, k, n, modes, accepted, printed(k, n, pct.decimals), distance, overclaim)


def allowed_counts(pct: Percent, n: int, modes: tuple[Mode, ...]) -> tuple[int, int] | None:
    """Counts the printed share allows; "100%" and "0%" are claims of all and none."""
    if pct.value == 100:
        return (n, n)
    if pct.value == 0:
        return (0, 0)
    return count_range(pct, n, modes)


def shares_with_counts(figs: Figures, policy: Policy) -> tuple[dict[str, Share], list[CheckResult]]:
    """Every printed percentage whose count is known, analysed; and a result for each one that cannot
    be checked at all (no base, or a base without a count). Shares with a base but no count are for
    the reachability check (rates.py)."""
    shares: dict[str, Share] = {}
    unchecked: list[CheckResult] = []
    for fig in figs:
        if fig.pct is None:
            continue
        base = share_base(fig, figs)
        title = Text(f"百分比“{name(fig)}”", f"percentage '{name(fig)}'")
        if base is None or base is fig:
            why = (
                Text(
                    "立案率须有收到的提案数(submitted)作基数,文中未给出,未检查",
                    "a filing rate needs the number submitted: not checked",
                )
                if fig.kind is Kind.FILING_RATE
                else Text("未说明此百分比以哪个数为基数,未检查", "no base is given for this share: not checked")
            )
            unchecked.append(
                verdict(
                    subject(fig, figs), title, Status.SKIPPED, Severity.INFO, why, (fig.key,), observed=fig.pct.text
                )
            )
            continue
        if not base.count:
            unchecked.append(
                verdict(
                    subject(fig, figs),
                    title,
                    Status.UNDECIDABLE,
                    Severity.INFO,
                    Text(f"基数“{name(base)}”没有件数,无法核对", f"its base '{name(base)}' has no count"),
                    (fig.key, base.key),
                    observed=fig.pct.text,
                )
            )
            continue
        k, sources, via = implied_count(fig, figs)
        if k is not None and fig.bound:
            unchecked.append(bound_result(fig, base, k, base.count, figs, policy, sources))
        elif k is not None:
            shares[fig.key] = replace(analyse(fig, base, k, base.count, policy), sources=sources, via=via)
    return shares, unchecked


BOUND_WORDS = {"at_least": Text("以上", "or more"), "at_most": Text("以下", "or less")}


def bounded(fig: Figure) -> Text:
    """A bound as printed: "95%以上" / "95% or more"."""
    assert fig.pct is not None
    w = BOUND_WORDS[fig.bound]
    return Text(f"{fig.pct.text}%{w.zh}", f"{fig.pct.text}% {w.en}")


def bound_result(
    fig: Figure, base: Figure, k: int, n: int, figs: Figures, policy: Policy, sources: tuple[str, ...]
) -> CheckResult:
    """A share printed as a bound ("办结率达95%以上") against its count: the rate, rounded to the printed
    precision under an accepted mode, must reach the bound (at most: not exceed it)."""
    pct = fig.pct
    assert pct is not None
    scaled = [round_div(100 * k * 10**pct.decimals, n, m) for m in policy.accepted]
    holds = any(s >= pct.scaled for s in scaled) if fig.bound == "at_least" else any(s <= pct.scaled for s in scaled)
    exact = fmt_fraction(Fraction(100 * k, n), pct.decimals + 2)
    shown = bounded(fig)
    sign = "≥" if fig.bound == "at_least" else "≤"
    return verdict(
        subject(fig, figs),
        Text(f"“{name(fig)}”所称的{shown.zh}", f"'{name(fig)}': {shown.en}"),
        Status.PASS if holds else Status.FAIL,
        Severity.INFO if holds else Severity.MAJOR,
        Text(
            f"{k}/{n} = {exact}%,文中称{shown.zh}:" + ("相符" if holds else "达不到" if sign == "≥" else "超出了"),
            f"{k}/{n} = {exact}%; the text says {shown.en}: " + ("consistent" if holds else "not so"),
        ),
        (fig.key, base.key, *sources),
        expected=exact,
        observed=f"{sign}{pct.text}%",
        cause=None if holds else Cause.BOUND_NOT_MET,
    )


def _forced_members(figs: Figures, shares: dict[str, Share]) -> set[str]:
    """Keys of figures nudged by one unit so that their set's printed shares sum to exactly 100.

    Honest shares that already sum to 100 needed no nudge: two errors that cancel are two errors.
    """
    forced: set[str] = set()
    for s in percent_sets(figs):
        pcts = [m.pct for m in s.members]
        if any(p is None for p in pcts) or sum((p.value for p in pcts if p), Fraction(0)) != 100:
            continue
        bad = [shares[m.key] for m in s.members if m.key in shares and not shares[m.key].accepted]
        if not bad or any(abs(b.distance) != 1 for b in bad):
            continue
        net = sum(Fraction(b.distance, 10**b.pct.decimals) for b in bad)
        if net:  # nudges that cancel (+1 and −1) were not made to reach 100
            forced.update(b.fig.key for b in bad)
    return forced


def modes_explaining_all(shares: list[Share]) -> tuple[Mode, ...]:
    """Modes consistent with every share (none when there are no shares)."""
    if not shares:
        return ()
    common = set(Mode)
    for sh in shares:
        common &= set(sh.modes)
    return tuple(m for m in Mode if m in common)


def _fits_whole_set(fig: Figure, m: int, figs: Figures, policy: Policy) -> bool:
    """Does base m explain every share of the figure's set, not just this one (a lone fit is chance)?"""
    for g in related_shares(fig, figs):
        if g.pct is None:
            continue
        k, _, _ = implied_count(g, figs)
        if k is None:
            if not reachable(g.pct, m, policy.accepted):
                return False
        elif k > m or not set(modes_consistent(k, m, g.pct)) & set(policy.accepted):
            return False
    return True


def share_results(figs: Figures, policy: Policy) -> list[CheckResult]:
    """Each printed percentage against its count and base, exactly, under every rounding mode."""
    shares, unchecked = shares_with_counts(figs, policy)
    forced = _forced_members(figs, shares)
    report_modes = modes_explaining_all(list(shares.values()))
    out = [_share_result(sh, figs, policy, forced, report_modes, len(shares)) for sh in shares.values()]
    order = {f.key: i for i, f in enumerate(figs)}
    return sorted(out + unchecked, key=lambda r: order[r.figures[0]])


def _share_result(
    sh: Share, figs: Figures, policy: Policy, forced: set[str], report_modes: tuple[Mode, ...], n_shares: int
) -> CheckResult:
    fig, pct = sh.fig, sh.pct
    title = Text(f"百分比“{name(fig)}”与件数", f"percentage '{name(fig)}' vs its count")
    rng = allowed_counts(pct, sh.n, policy.accepted)
    rng_txt = fmt_count_range(rng)
    exact = fmt_fraction(Fraction(100 * sh.k, sh.n), pct.decimals + 2)
    via = f"(由{sh.via.zh}推得)" if sh.via.zh else ""
    via_en = f" (count implied: {sh.via.en})" if sh.via.en else ""
    arithmetic = Text(
        f"{sh.k}{via}/{sh.n} = {exact}%,按四舍五入保留{pct.decimals}位为{sh.expected}%;文中为{pct.text}%",
        f"{sh.k}{via_en}/{sh.n} = {exact}%, half-up to {pct.decimals} places {sh.expected}%; printed {pct.text}%",
    )
    modes_zh = "、".join(MODE_NAMES_ZH[m] for m in sh.modes)  # a pass has at least one
    common = dict(expected=sh.expected, observed=pct.text, modes=sh.modes, count_range=rng)
    keys = (fig.key, sh.base.key, *sh.sources)
    subj = subject(fig, figs)

    def result(status: Status, severity: Severity, zh: str, en: str, **kw: object) -> CheckResult:
        return verdict(subj, title, status, severity, Text(f"{arithmetic.zh}。{zh}", f"{arithmetic.en}. {en}"), keys,
                       **common, **kw)  # fmt: skip

    if sh.accepted:
        return result(
            Status.PASS,
            Severity.INFO,
            f"符合:{modes_zh};{pct.text}%对应件数{rng_txt}",
            f"Consistent with: {', '.join(sh.modes)}; counts allowed {rng_txt}",
        )
    all_or_none = "全部" if pct.value else "没有"
    if sh.overclaim and set(sh.modes) & set(policy.accepted):
        rest = sh.n - sh.k if pct.value else sh.k
        return result(
            Status.WARN,
            Severity.MINOR,
            f"舍入无误,但印为{pct.text}%读来是“{all_or_none}”,实际{sh.k}/{sh.n},差{rest}件",
            f"Rounded correctly, but {pct.text}% reads as {'all' if pct.value else 'none'}: it is {sh.k} of {sh.n}",
            cause=Cause.ROUNDED_TO_ALL,
        )
    if sh.overclaim:
        odd = [m for m in sh.modes if m in (Mode.TRUNCATE, Mode.CEILING)]
        only = f",只有{MODE_NAMES_ZH[odd[0]]}才得出{pct.text}%" if odd else ""
        only_en = f"; only {odd[0]} gives {pct.text}%" if odd else ""
        return result(
            Status.FAIL,
            Severity.MAJOR,
            f"印为{pct.text}%即声称{all_or_none},但实际为{sh.k}/{sh.n}{only}",
            f"{pct.text}% claims {'all' if pct.value else 'none'}, but it is {sh.k} of {sh.n}{only_en}",
            cause=(Cause.TRUNCATION if odd[0] is Mode.TRUNCATE else Cause.CEILING) if odd else Cause.MISROUNDED,
        )
    if fig.key in forced:
        return result(
            Status.WARN,
            Severity.MINOR,
            "差末位1个单位,而同组百分比合计恰为100%:为凑足100%而调整,并非件数错误",
            "Off by one unit while its set sums to exactly 100: forced to 100, not a wrong count",
            cause=Cause.FORCED_TO_100,
        )
    for m, why in candidate_bases(fig, figs, sh.n):
        if _fits_whole_set(fig, m, figs, policy):  # the set includes the share itself
            return result(
                Status.FAIL,
                Severity.MINOR,
                f"但{sh.k}/{m} = {fmt_fraction(Fraction(100 * sh.k, m), pct.decimals + 2)}%→{pct.text}%,"
                f"同组其他百分比也都符合:百分比是按{why.zh}{m}计算的",
                f"But {sh.k}/{m} gives {pct.text}%, and {m} fits the rest of its set too: computed on {m} ({why.en})",
                cause=Cause.OTHER_BASE,
                candidates=(m,),
            )
    odd = [m for m in sh.modes if m in (Mode.TRUNCATE, Mode.CEILING)]
    if odd:
        cause = Cause.TRUNCATION if odd[0] is Mode.TRUNCATE else Cause.CEILING
        zh_mode = MODE_NAMES_ZH[odd[0]]
        if odd[0] in report_modes and n_shares >= 3:
            return result(
                Status.WARN,
                Severity.MINOR,
                f"符合{zh_mode};全文{n_shares}个百分比都可用{zh_mode}解释",
                f"Consistent with {odd[0]}, which explains all {n_shares} percentages",
                cause=cause,
            )
        unlike = odd[0] not in report_modes  # the report's modes include this share's: alone, it is alike
        return result(
            Status.FAIL,
            Severity.MINOR,
            f"只符合{zh_mode}" + (",与全文其他百分比的取舍方式不同" if unlike else ""),
            f"Only consistent with {odd[0]}" + (", unlike the rest of the report" if unlike else ""),
            cause=cause,
        )
    units = abs(sh.distance)
    return result(
        Status.FAIL,
        Severity.MAJOR if units > 1 else Severity.MINOR,
        f"相差末位{units}个单位;{pct.text}%对应件数{rng_txt}",
        f"Off by {units} unit(s) in the last place; counts allowed {rng_txt}",
        cause=Cause.MISROUNDED,
    )


def precision(figs: Figures, policy: Policy) -> list[CheckResult]:
    """A share printed with fewer decimals than its set: a dropped trailing zero, or a nudge?"""
    out: list[CheckResult] = []
    for s in percent_sets(figs):
        members = [m for m in s.members if m.pct is not None]
        if not members or s.base is None or not s.base.count:
            continue
        n = s.base.count
        d = max(m.pct.decimals for m in members if m.pct)
        for m in members:
            assert m.pct is not None
            if m.pct.decimals >= d or m.count is None or m.bound:
                continue
            at_set = [printed(m.count, n, d, mode) for mode in policy.accepted]
            dropped_zero = any(Fraction(t) == m.pct.value for t in at_set)
            shown = next((t for t in at_set if Fraction(t) == m.pct.value), at_set[0])
            out.append(
                verdict(
                    subject(m, figs),
                    Text(f"“{name(m)}”的小数位数", f"precision of '{name(m)}'"),
                    Status.PASS if dropped_zero else Status.WARN,
                    Severity.INFO if dropped_zero else Severity.MINOR,
                    Text(
                        f"同组保留{d}位小数,此项印为{m.pct.text}%;{m.count}/{n}保留{d}位为{shown}%"
                        + (",只是省略了末尾的0" if dropped_zero else ",与印出的数不同"),
                        f"its set has {d} decimals, this one prints {m.pct.text}%; {m.count}/{n} to {d} places is "
                        f"{shown}%" + (" (a trailing zero dropped)" if dropped_zero else " (not what is printed)"),
                    ),
                    (m.key, s.base.key),
                    expected=shown,
                    observed=m.pct.text,
                    cause=None if dropped_zero else Cause.PRECISION,
                )
            )
    return out


def rounding_report(figs: Figures, policy: Policy) -> list[CheckResult]:
    """Which single rounding mode, if any, explains every percentage that has a count."""
    shares = list(shares_with_counts(figs, policy)[0].values())
    if not shares:
        return []
    modes = modes_explaining_all(shares)
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
        verdict(
            "",
            Text("全文的取舍方式", "rounding mode of the whole report"),
            status,
            sev,
            msg,
            tuple(sh.fig.key for sh in shares),
            modes=modes,
        )
    ]


_ROUNDING = ("accepted",)
PERCENTAGE_CHECKS = (
    Check(
        "pct.share", Text("百分比与件数", "percentage against its count"), Family.PERCENTAGES, share_results, _ROUNDING
    ),
)
PRECISION_CHECKS = (
    Check(
        "pct.precision",
        Text("同组百分比的小数位数", "precision within a set"),
        Family.PERCENTAGES,
        precision,
        _ROUNDING,
    ),
    Check(
        "rounding.report",
        Text("全文的取舍方式", "rounding mode of the whole report"),
        Family.PERCENTAGES,
        rounding_report,
        _ROUNDING,
    ),  # fmt: skip
)
