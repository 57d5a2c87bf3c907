"""Consistency checks of one report's printed figures, as named objects whose verdicts are data.

Each `Check` has a stable id, a Chinese and English title, the policy settings it honours and a pure
function (no I/O, no printing, no exception for a bad figure); arithmetic is exact (rounding.py).
The families, one module each: parts, sums, percentages, rates, text. `run_checks` runs every check
on the figures, in the stable order of `CHECKS`.
"""

from __future__ import annotations

from ..figures import Figures
from ..formatting import fmt_fraction  # noqa: F401 - kept importable here for older renderers
from ..results import CheckResult, Policy
from .base import Check, Family
from .model import PercentSet, percent_sets, subject
from .parts import PARTS_CHECKS
from .percentages import PERCENTAGE_CHECKS, PRECISION_CHECKS
from .rates import RATE_CHECKS
from .sums import SUM_CHECKS
from .text import TEXT_CHECKS, run_text_checks

__all__ = [
    "Check",
    "Family",
    "CHECKS",
    "TEXT_CHECKS",
    "check_named",
    "run_checks",
    "run_text_checks",
    "PercentSet",
    "percent_sets",
    "subject",
]

_PCTSUMS = tuple(c for c in SUM_CHECKS if c.id.startswith("pctsum."))
_STATED = tuple(c for c in SUM_CHECKS if not c.id.startswith("pctsum."))

CHECKS: tuple[Check, ...] = (
    *PARTS_CHECKS,
    *_STATED,
    *PERCENTAGE_CHECKS,
    *RATE_CHECKS,
    *_PCTSUMS,
    *PRECISION_CHECKS,
)


def check_named(check_id: str) -> Check:
    """The check with this id (figures or text); KeyError names the known ids."""
    for c in (*CHECKS, *TEXT_CHECKS):
        if c.id == check_id:
            return c
    raise KeyError(f"no check {check_id!r}; known: {[c.id for c in (*CHECKS, *TEXT_CHECKS)]}")


def run_checks(figs: Figures, policy: Policy | None = None) -> list[CheckResult]:
    """Every consistency check, in the stable order of CHECKS."""
    policy = policy or Policy()
    return [r for check in CHECKS for r in check(figs, policy)]
