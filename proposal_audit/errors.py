"""Errors for "the audit cannot run at all"; a failed check is data (see checks.py), never one of these.

ProposalAuditError
 ├── InputError        a user-supplied file is wrong (file, key, message)             exit 2
 │    ├── ParamsError      a parameter file (params/*.yaml)
 │    ├── FiguresError     a hand-entered figures file (data/figures/*.yaml)
 │    ├── LedgerError      a ledger (台账) file: every bad header and cell at once
 │    ├── ProfileError     a jurisdiction profile (data/profiles/*.yaml)
 │    └── DocumentError    a source document that cannot be read as a report (file, reason)
 └── RunError          a notebook failed while executing (report, error, partial notebook)  exit 2
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ProposalAuditError",
    "InputError",
    "ParamsError",
    "FiguresError",
    "DocumentError",
    "LedgerError",
    "ProfileError",
    "RunError",
]


class ProposalAuditError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(ProposalAuditError):
    """A user-supplied file is unusable; names the file and the key, in Chinese and English."""

    def __init__(self, path: str | Path, problems: list[tuple[str, str]]):
        self.path = str(path)
        self.problems = problems  # (key, message) pairs; key "" means the file as a whole
        lines = [f"{self.path}:"]
        lines += [f"  {key or '(文件 file)'}: {msg}" for key, msg in problems]
        super().__init__("\n".join(lines))


class ParamsError(InputError):
    """A parameter file (params/*.yaml) is invalid."""


class FiguresError(InputError):
    """A hand-entered figures file (data/figures/*.yaml) is invalid."""


class LedgerError(InputError):
    """A ledger (.xlsx/.csv) cannot be audited: its problems are (where, message) pairs, all of them."""


class ProfileError(InputError):
    """A jurisdiction profile (deadlines and their sources) is invalid."""


class DocumentError(InputError):
    """A source document cannot be read as a report."""

    def __init__(self, path: str | Path, reason: str):
        self.reason = reason
        super().__init__(path, [("", reason)])


class RunError(ProposalAuditError):
    """Executing a report's notebook failed; the partly executed notebook is kept for inspection."""

    def __init__(self, report_id: str, message: str, partial_notebook: str | None = None):
        self.report_id = report_id
        self.partial_notebook = partial_notebook
        where = f" (partial notebook: {partial_notebook})" if partial_notebook else ""
        super().__init__(f"{report_id}: {message}{where}")
