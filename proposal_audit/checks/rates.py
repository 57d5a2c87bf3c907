"""Rates printed with no count (a satisfaction rate, a reply, filing, face-to-face or communication rate,
a class given only as a share): can any whole count of the stated base give it at all? When none can,
which bases would — and does the text state one of them, for the whole set of shares together?"""

from __future__ import annotations

from ..figures import SUM_KINDS, Figure, Figures
from ..formatting import fmt_count_range
from ..results import Cause, CheckResult, Policy, Severity, Status, Text
from ..rounding import count_range, nearest_bases, printed, reachable
from .base import Check, Family, verdict
from .model import candidate_bases, implied_count, name, parts_of, related_shares, share_base, subject
from .percentages import allowed_counts, bounded

__all__ = ["RATE_CHECKS"]


def _decided_by_terms(fig: Figure, figs: Figures) -> bool:
    """A stated sum or lump whose terms all print a share: `sum.pct` decides it against them (a sum of
    rounded shares need not be a whole count's share of the base: 41.2 + 47.1 = 88.3 of 170)."""
    if fig.kind not in SUM_KINDS:
        return False
    terms = parts_of(fig, figs)
    return bool(terms) and all(t.pct is not None for t in terms)


def _without_count(figs: Figures) -> list[tuple[Figure, Figure]]:
    """(share, base) for every printed share whose base has a count but which has none of its own."""
    out = []
    for fig in figs:
        if fig.pct is None or _decided_by_terms(fig, figs):
            continue
        base = share_base(fig, figs)
        if base is None or base is fig or not base.count:
            continue
        if implied_count(fig, figs)[0] is None:
            out.append((fig, base))
    return out


def reachability(figs: Figures, policy: Policy) -> list[CheckResult]:
    return [_reachability(fig, base, figs, policy) for fig, base in _without_count(figs)]


def _reachability(fig: Figure, base: Figure, figs: Figures, policy: Policy) -> CheckResult:
    pct = fig.pct
    assert pct is not None
    n = base.count
    title = Text(f"百分比“{name(fig)}”能否由整数件数得到", f"is '{name(fig)}' reachable")
    keys = (fig.key, base.key)
    if fig.bound:  # "满意率达95%以上": a bound, not a rounded value; every rate beyond it is one
        shown = bounded(fig)
        return verdict(
            subject(fig, figs),
            title,
            Status.PASS,
            Severity.INFO,
            Text(f"未给件数;{shown.zh}是一个界限,不是舍入后的数", f"no count printed; {shown.en} is a bound"),
            keys,
            observed=pct.text,
        )
    rng = allowed_counts(pct, n, policy.accepted)
    if rng is not None:
        rng_txt = fmt_count_range(rng)
        return verdict(
            subject(fig, figs),
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
    tried = ", ".join(f"{k}/{n}→{printed(k, n, pct.decimals)}" for k in (k_lo, k_lo + 1) if k <= n)
    # A base explains a share only if it explains its siblings too (38: 195/305 → 63.9 alone is chance).
    siblings = [g.pct for g in related_shares(fig, figs) if g.pct is not None and g.count is None] or [pct]

    def fits(m: int) -> bool:
        return all(reachable(p, m, policy.accepted) for p in siblings)

    stated_fits = [(m, why) for m, why in candidate_bases(fig, figs, n) if fits(m)]
    nearest = nearest_bases(siblings, n, policy.accepted)
    set_note_zh = f"(须同时满足同组{len(siblings)}个百分比)" if len(siblings) > 1 else ""
    set_note_en = f" (fitting all {len(siblings)} shares of its set)" if len(siblings) > 1 else ""
    if stated_fits:
        m, why = stated_fits[0]
        k0 = count_range(pct, m, policy.accepted)
        assert k0 is not None
        tail_zh = f"但在文中另一数字{why.zh}{m}上可得({k0[0]}/{m})"
        tail_en = f"but it is reachable on {m}, stated in the text as {why.en} ({k0[0]}/{m})"
        cause = Cause.OTHER_BASE
    else:
        tail_zh = "文中其他数字也都不能作为其基数"
        tail_en = "no other figure stated in the text fits as its base"
        cause = Cause.UNREACHABLE
    return verdict(
        subject(fig, figs),
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


RATE_CHECKS = (
    Check(
        "pct.reachable",
        Text("无件数的百分比能否由整数件数得到", "a share with no count is reachable"),
        Family.RATES,
        reachability,
        ("accepted",),
    ),
)
