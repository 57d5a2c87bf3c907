"""The ledger audit of one report: read the ledger (and last year's), check it, and attach it.

params → ledger + profile → checks (ledger_checks.py) → LedgerAudit → AuditResult.ledger. When the
ledger reconciles with the report, its exact count of proposals rated satisfied but not solved
replaces the report's Fréchet bound ("at least 77") in the headlines; it must lie within that bound.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .figures import Figures
from .formatting import fmt_fraction
from .ledger import Ledger, pseudonymize
from .ledger_checks import DIMENSIONS, LedgerAudit, check_ledger
from .paths import relative, resolve
from .profiles import DEFAULT_PROFILE, Profile, load_profile
from .results import Policy, Status, Text

if TYPE_CHECKING:
    from .audit import AuditResult
    from .params import Params

__all__ = ["audit_ledger", "with_ledger", "ledger_inputs", "to_json", "find_claim", "as_of_date"]

_CLAIMS = (
    r"[^,,;;。]*(?:规定时间内完成|按时办结|按期办结|如期办结|全部按时|按规定期限|均在规定)[^,,;;。]*",
    r"[^,,;;。]*(?:法定办理期限|规定期限|办理时限)[^,,;;。]*",
)


def find_claim(text: str) -> str:
    """The report's words claiming every reply was on time (simplified script), or ""."""
    from .normalize import _converter

    simple = _converter().convert(text)
    for pattern in _CLAIMS:
        m = re.search(pattern, simple)
        if m:
            return m.group(0).strip()
    return ""


def as_of_date(ledgers: list[Ledger], given: str = "") -> tuple[date, Text]:
    """The date commitments are judged at: the one given, else the ledger's latest recorded event."""
    if given:
        from .ledger_schema import parse_date

        parsed = parse_date(given)
        assert parsed.value is not None  # the parameter schema validated it
        return parsed.value, Text(f"参数 ledger_as_of 给定的{given}", f"ledger_as_of = {given}")  # type: ignore[return-value]
    events = [
        d
        for ledger in ledgers
        for r in ledger.rows
        for d in (r.replied, r.second_reply, r.extension_approved, r.co_reply, r.assigned)
        if d is not None
    ]
    latest = max(events, default=date.today())
    return latest, Text(
        f"台账中最晚的记录日期{latest}(未给出 ledger_as_of)",
        f"the ledger's latest recorded date, {latest} (no ledger_as_of given)",
    )


def audit_ledger(
    ledger_path: str | Path,
    figures: Figures,
    profile: Profile | str | Path | None = None,
    policy: Policy | None = None,
    as_of: str = "",
    claim: str = "",
    previous: str | Path | None = None,
    show_names: bool = False,
) -> LedgerAudit:
    """Read a ledger (and optionally last year's) and run every ledger check against `figures`."""
    from .ledger_read import read_ledger

    policy = policy or Policy()
    profile = profile if isinstance(profile, Profile) else load_profile(profile)
    ledgers = [read_ledger(resolve(ledger_path))]
    if previous:
        ledgers.append(read_ledger(resolve(previous)))
    if not show_names:
        ledgers = pseudonymize(ledgers)
    current = ledgers[0]
    day, day_source = as_of_date(ledgers[:1], as_of)
    parts = check_ledger(current, figures, profile, policy, day, claim)
    checks = list(parts.pop("checks"))
    cells = parts.pop("cells")
    review = ()
    if previous:
        from .ledger_years import open_promises, repeated_titles

        checks.append(open_promises(ledgers[1], day))
        review = tuple(repeated_titles(ledgers[1], current))
    audit = LedgerAudit(
        path=current.path,
        profile=profile,
        as_of=day,
        as_of_source=day_source,
        checks=tuple(checks),
        headlines=(),
        review=review,
        notes=current.notes,
        rows_total=len(current.rows),
        rows_active=len(current.active),
        previous_path=ledgers[1].path if previous else "",
        show_names=show_names,
        **parts,
    )
    return replace(audit, headlines=tuple(_headlines(audit, figures, cells)))


def _headlines(a: LedgerAudit, figs: Figures, cells: list[Text]) -> list[Text]:
    out: list[Text] = []
    reconcile = [c for c in a.checks if c.result.check_id.startswith("ledger.reconcile.")]
    if a.reconciled:
        classes = "/".join(str(sum(r.counts.values())) for r in a.crosstab if r.rank)
        dim = DIMENSIONS.get(a.dimension, DIMENSIONS["result"])
        out.append(
            Text(
                f"台账{a.rows_active}件与报告逐项相符:类别{classes},满意度与台账的“{dim.zh}”评价一致",
                f"the ledger's {a.rows_active} rows agree with the report: classes {classes}; "
                f"the satisfaction figures are the {dim.en}",
            )
        )
    else:
        bad = [c for c in reconcile if c.result.status is Status.FAIL]
        out.append(
            Text(
                f"台账与报告不符:{len(bad)}项核对不一致(" + ";".join(c.result.title.zh for c in bad) + ")",
                f"the ledger disagrees with the report in {len(bad)} comparisons ("
                + "; ".join(c.result.title.en for c in bad)
                + ")",
            )
            if bad
            else Text("台账与报告的核对有无法判定的项目(见下表)", "some comparisons with the report cannot be decided")
        )
    exact = exact_headline(a)
    if exact is not None:
        out.append(exact)
    out += cells
    deadlines = a.get("ledger.deadlines")
    if deadlines is not None:
        out.append(deadlines.result.message)
    gap = a.get("ledger.units.gap")
    if gap is not None and gap.result.is_finding:
        out.append(Text(gap.result.message.zh.split(":")[0], gap.result.message.en.split(":")[0]))
    for cid in ("ledger.second_handling", "ledger.follow_up", "ledger.years.open_promises"):
        c = a.get(cid)
        if c is not None and c.result.is_finding:
            out.append(c.result.message)
    return out


def exact_headline(a: LedgerAudit) -> Text | None:
    """The exact count of satisfied-but-not-solved, with the bound it lies in (None if not known)."""
    if a.satisfied_not_solved is None or a.bound is None or not a.reconciled:
        return None
    k, (lo, hi) = a.satisfied_not_solved, a.bound
    inside = lo <= k <= hi
    if inside:
        return Text(
            f"台账显示:代表表示满意但问题尚未解决(不在A类)的建议有{k}件;报告公布的数字只能推出至少{lo}件(至多{hi}件)",
            f"the ledger shows exactly {k} proposals rated fully satisfied that were not solved (not in class A); "
            f"the report's figures only imply at least {lo} (at most {hi})",
        )
    return Text(
        f"台账中满意但未解决(不在A类)的{k}件超出报告数字允许的范围[{lo}, {hi}]:台账与报告矛盾",
        f"the ledger's {k} satisfied-but-not-solved lie outside the report's bounds [{lo}, {hi}]: they contradict",
    )


def _bound_headline(h: Text) -> bool:
    return "rated fully satisfied were not solved" in h.en or "满意但问题尚未解决" in h.zh


def with_ledger(result: AuditResult, params: Params) -> AuditResult:
    """The audit result with its ledger audit, when the parameters name a ledger.

    When the ledger reconciles, its exact count replaces the Fréchet bound in the headlines.
    """
    if not params.ledger:
        return result
    claim = ""
    if params.source:
        from .documents import read_document

        claim = find_claim(read_document(resolve(params.source)).text)
    ledger = audit_ledger(
        params.ledger,
        result.figures,
        params.profile or None,
        result.policy,
        params.ledger_as_of,
        claim,
        params.previous_ledger or None,
        params.show_names,
    )
    headlines = list(result.gaps.headlines)
    exact = exact_headline(ledger)
    if exact is not None and ledger.satisfied_not_solved is not None and ledger.bound is not None:
        lo, hi = ledger.bound
        if lo <= ledger.satisfied_not_solved <= hi:
            at = next((i for i, h in enumerate(headlines) if _bound_headline(h)), None)
            if at is None:
                headlines.insert(min(1, len(headlines)), exact)
            else:
                headlines[at] = exact
    return replace(result, gaps=replace(result.gaps, headlines=tuple(headlines)), ledger=ledger)


def ledger_inputs(params: Params) -> list[Path]:
    """The files a ledger audit depends on (for the runner's fingerprint)."""
    if not params.ledger:
        return []
    names = [params.ledger, params.previous_ledger, params.profile]
    return [resolve(n) for n in names if n] + ([] if params.profile else [DEFAULT_PROFILE])


# --------------------------------------------------------------------------- JSON


def _check_json(c: Any) -> dict[str, Any]:
    r = c.result
    return {
        "check_id": r.check_id,
        "category": r.category.value,
        "status": r.status.value,
        "severity": r.severity.value,
        "title_zh": r.title.zh,
        "title_en": r.title.en,
        "message_zh": r.message.zh,
        "message_en": r.message.en,
        "figures": list(r.figures),
        "expected": r.expected,
        "observed": r.observed,
        "cause": r.cause.value if r.cause else None,
        "rows": list(c.rows),
    }


def to_json(a: LedgerAudit | None) -> dict[str, Any] | None:
    """The ledger audit as JSON (README: JSON, key `ledger`). Deputies appear only as pseudonyms
    unless the audit was run with show_names."""
    if a is None:
        return None
    return {
        "ledger": a.path,
        "previous_ledger": a.previous_path or None,
        "rows": a.rows_total,
        "rows_counted": a.rows_active,
        "profile": {
            "name": a.profile.name,
            "file": relative(a.profile.path) if a.profile.path else None,
            "region": a.profile.region,
            "rules": [{"key": k, "value": v, "source": s} for k, v, s in a.profile.sources],
        },
        "as_of": a.as_of.isoformat(),
        "as_of_source": a.as_of_source.zh,
        "rating_matching_report": a.dimension or None,
        "reconciled": a.reconciled,
        "satisfied_not_solved": a.satisfied_not_solved,
        "bound": list(a.bound) if a.bound else None,
        "headlines": [{"zh": h.zh, "en": h.en} for h in a.headlines],
        "summary": {
            "worst": a.worst.value,
            "exit_code": a.exit_code,
            **{s.value: sum(1 for r in a.results if r.status is s) for s in Status},
        },
        "checks": [_check_json(c) for c in a.checks],
        "crosstab": [
            {"class": r.label, "rank": r.rank, **r.counts, "rows_satisfied": list(r.rows_satisfied)} for r in a.crosstab
        ],
        "units": [
            {
                "unit": u.unit,
                "n": u.n,
                "solved": u.solved,
                "committed": u.committed,
                "rated": u.rated,
                "satisfied": u.satisfied,
                "satisfied_or_basic": u.satisfied_or_basic,
                "judged": u.judged,
                "gap_points": None if u.gap is None else fmt_fraction(u.gap, 2),
                "deadlines": dict(u.times),
                "co_handled": u.co_n,
                "co_late": u.co_late,
                "longest_days": u.max_days,
            }
            for u in a.units
        ],
        "late": [
            {
                "row": d.row.row,
                "number": d.row.number,
                "unit": d.row.lead_unit,
                "deputy": d.row.deputy,
                "status": d.status.value,
                "start": d.start.isoformat() if d.start else None,
                "deadline": d.deadline.isoformat() if d.deadline else None,
                "replied": d.row.replied.isoformat() if d.row.replied else None,
            }
            for d in a.deadlines
            if d.status.value not in ("on_time",)
        ],
        "review_repeated": [
            {
                "score": round(p.score, 1),
                "previous": {"row": p.previous.row, "number": p.previous.number, "title": p.previous.title},
                "current": {"row": p.current.row, "number": p.current.number, "title": p.current.title},
                "deputy_previous": p.previous.deputy,
                "deputy_current": p.current.deputy,
            }
            for p in a.review
        ],
        "names_shown": a.show_names,
    }
