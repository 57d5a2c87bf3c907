"""What a check is: a named object with a stable id, a title in Chinese and English, the policy settings
it honours, and a pure function whose verdicts are data (in the spirit of pandera's `Check`).

A check function returns `CheckResult` records with an empty `check_id`; the `Check` fills in its id,
the result's subject and category, and turns every verdict that rests on an ambiguous reading into
"not decidable: confirm the reading" — a fail must mean the text says it and the arithmetic says no.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from ..figures import Figures
from ..results import STATUS_LABELS, Category, Cause, CheckResult, Policy, Severity, Status, Text

__all__ = ["Family", "Check", "verdict", "confirm_reading"]


class Family(StrEnum):
    """The families checks are grouped in (one module each)."""

    PARTS = "parts"  # counts against the base they partition
    PERCENTAGES = "percentages"  # printed shares against their counts
    SUMS = "sums"  # stated sums, and shares summing to 100
    RATES = "rates"  # rates with no count: reachable at all?
    TEXT = "text"  # the published text itself


@dataclass(frozen=True)
class Check:
    """One named consistency check.

    `honours` names the `Policy` fields its verdicts depend on ("accepted": the accepted rounding
    modes; "gap_threshold"); a check that honours none gives the same verdict under every policy.
    """

    id: str
    title: Text
    family: Family
    run: Callable[..., list[CheckResult]]
    honours: tuple[str, ...] = ()
    category: Category = Category.ARITHMETIC

    def __call__(self, figs: Figures, policy: Policy) -> list[CheckResult]:
        return [confirm_reading(self.named(r), figs) for r in self.run(figs, policy)]

    def named(self, r: CheckResult) -> CheckResult:
        """The result with this check's id, its subject after a colon, and its category."""
        return replace(r, check_id=self.id + (f":{r.subject}" if r.subject else ""), check=self.id,
                       category=self.category)  # fmt: skip


def verdict(
    subject: str,
    title: Text,
    status: Status,
    severity: Severity,
    message: Text,
    figures: tuple[str, ...] = (),
    **fields: object,
) -> CheckResult:
    """A result before its check has named it (see Check)."""
    return CheckResult("", title, status, severity, message, figures, subject=subject, **fields)  # type: ignore[arg-type]


def confirm_reading(r: CheckResult, figs: Figures) -> CheckResult:
    """A verdict on an ambiguous reading becomes "not decidable: confirm the reading", with the
    other readings the text allows and what the verdict would be on the present one."""
    unsure = [f for f in (figs.get(k) for k in r.figures) if f is not None and f.is_ambiguous]
    if not unsure:
        return r
    names = "、".join(f.display_label for f in unsure)
    alternatives = "; ".join(a for f in unsure for a in f.alternatives) or "—"
    as_read = STATUS_LABELS[r.status]
    return replace(
        r,
        status=Status.UNDECIDABLE,
        severity=Severity.INFO,
        cause=Cause.AMBIGUOUS_READING,
        message=Text(
            f"确认读数:“{names}”的读法不确定,其他读法:{alternatives}。确认后再判定(按现读法为“{as_read.zh}”:{r.message.zh})",
            f"confirm the reading: '{names}' can be read otherwise: {alternatives}. Decided once confirmed "
            f"(as read now: {as_read.en}: {r.message.en})",
        ),
    )
