"""One report's audit: figures + policy → every check result and the gap analysis."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .checks import run_checks
from .figures import Figures, load_figures
from .gaps import GapAnalysis, analyse_gaps
from .params import Params
from .paths import resolve
from .results import CheckResult, Policy, Status, sort_worst_first, worst_status

__all__ = ["AuditResult", "audit", "audit_params"]


@dataclass(frozen=True)
class AuditResult:
    report_id: str
    figures: Figures
    policy: Policy
    checks: tuple[CheckResult, ...]
    gaps: GapAnalysis

    @property
    def results(self) -> list[CheckResult]:
        """Every verdict: the consistency checks, then the gap finding."""
        return [*self.checks, *([self.gaps.finding] if self.gaps.finding else [])]

    def worst_first(self) -> list[CheckResult]:
        return sort_worst_first(self.results)

    def findings(self) -> list[CheckResult]:
        return [r for r in self.results if r.is_finding]

    @property
    def worst(self) -> Status:
        return worst_status(self.results)

    def counts(self) -> dict[str, int]:
        c = Counter(r.status.value for r in self.results)
        return {s.value: c.get(s.value, 0) for s in Status}

    @property
    def exit_code(self) -> int:
        """0 when nothing was found, 1 when the audit found problems (fail or warn)."""
        return 1 if self.findings() else 0


def audit(figures: Figures, policy: Policy | None = None, report_id: str = "") -> AuditResult:
    policy = policy or Policy()
    return AuditResult(
        report_id=report_id or figures.path,
        figures=figures,
        policy=policy,
        checks=tuple(run_checks(figures, policy)),
        gaps=analyse_gaps(figures, policy),
    )


def audit_params(params: Params) -> AuditResult:
    """The audit a parameter set describes: what the notebook shows and the JSON records."""
    return audit(load_figures(resolve(params.figures)), params.policy, params.report_id)
