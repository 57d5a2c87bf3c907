"""Figures typed by hand against the figures read from the document: every disagreement is a finding."""

from __future__ import annotations

from .checks.model import subject
from .figures import Figure, Figures, Kind
from .results import Category, Cause, CheckResult, Severity, Status, Text

__all__ = ["compare_figures"]

_COMPARED = (Kind.TOTAL, Kind.HANDLED, Kind.REPLY_RATE, Kind.CLASS, Kind.SATISFACTION, Kind.UNITS, Kind.CONTACTS)


def _slot(f: Figure) -> tuple:
    """What makes two figures the same figure: kind, rank or level, and which breakdown."""
    return (f.kind, f.rank, f.level, f.dimension if f.kind is not Kind.CLASS else "")


def _show(f: Figure) -> str:
    parts = [str(f.count) if f.count is not None else "", f"{f.pct.text}%" if f.pct else ""]
    return " / ".join(p for p in parts if p) or "—"


def compare_figures(hand: Figures, extracted: Figures) -> list[CheckResult]:
    """One result per hand-entered figure that the document prints differently; one summary otherwise."""
    out: list[CheckResult] = []
    agreed = 0
    unseen: list[str] = []
    for f in hand:
        if f.kind not in _COMPARED:
            continue
        same_slot = [e for e in extracted if _slot(e) == _slot(f)]
        if not same_slot:
            unseen.append(f.display_label)
            continue
        exact = [
            e
            for e in same_slot
            if e.count == f.count and (e.pct.text if e.pct else None) == (f.pct.text if f.pct else None)
        ]
        if exact:
            agreed += 1
            continue
        if all(e.is_ambiguous for e in same_slot):
            agreed += 1  # the reader asked, and the typed figure is the user's answer: no disagreement
            continue
        e = same_slot[0]
        out.append(
            CheckResult(
                f"source.typed:{subject(f, hand)}",  # structural, like every check id
                Text(
                    f"“{f.display_label}”手工录入与原文不符", f"'{f.display_label}' typed differently from the document"
                ),
                Status.FAIL,
                Severity.MAJOR,
                Text(
                    f"手工录入 {_show(f)},原文为 {_show(e)}(“{e.provenance.text}”)",
                    f"typed {_show(f)}, the document prints {_show(e)} ('{e.provenance.text}')",
                ),
                (f.key,),
                expected=_show(e),
                observed=_show(f),
                cause=Cause.DISAGREES_WITH_SOURCE,
                category=Category.SOURCE,
                check="source.typed",
                subject=subject(f, hand),
                positions=(e.provenance.span,) if e.provenance.span else (),
            )
        )
    if unseen:
        out.append(
            CheckResult(
                "source.unseen",
                Text("原文中未读到的手工录入数字", "typed figures not read from the document"),
                Status.UNDECIDABLE,
                Severity.INFO,
                Text(f"原文中未读到:{'、'.join(unseen)}", f"not read from the document: {', '.join(unseen)}"),
                category=Category.SOURCE,
            )
        )
    if not any(r.status is Status.FAIL for r in out):
        out.append(
            CheckResult(
                "source.agreement",
                Text("手工录入与原文一致", "typed figures agree with the document"),
                Status.PASS,
                Severity.INFO,
                Text(f"{agreed}个数字与原文一致", f"{agreed} figures agree with the document"),
                category=Category.SOURCE,
            )
        )
    return out
