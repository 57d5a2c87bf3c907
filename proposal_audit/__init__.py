"""proposal-audit: check a government's report on deputies' suggestions, figure by figure.

params → figures → checks → audit result → notebook / HTML / JSON.
"""

from .audit import AuditResult, audit, audit_params
from .errors import (
    DocumentError,
    FiguresError,
    InputError,
    LedgerError,
    ParamsError,
    ProfileError,
    ProposalAuditError,
    RunError,
)
from .figures import Figure, Figures, Kind, Level, load_figures
from .params import Params, load_params
from .results import Cause, CheckResult, Policy, Severity, Status

__version__ = "0.1.0"

__all__ = [
    "AuditResult",
    "Cause",
    "CheckResult",
    "DocumentError",
    "Figure",
    "Figures",
    "FiguresError",
    "InputError",
    "Kind",
    "LedgerError",
    "Level",
    "Params",
    "ParamsError",
    "Policy",
    "ProfileError",
    "ProposalAuditError",
    "RunError",
    "Severity",
    "Status",
    "audit",
    "audit_params",
    "load_figures",
    "load_params",
]
