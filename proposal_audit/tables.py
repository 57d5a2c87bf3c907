"""An audit result as pandas tables, in Chinese or English (for the notebook, the charts and users)."""

from __future__ import annotations

import pandas as pd

from .audit import AuditResult
from .figures import Figure
from .formatting import fmt_fraction
from .results import CAUSE_LABELS, SEVERITY_LABELS, STATUS_LABELS, Text
from .rounding import MODE_NAMES_ZH

__all__ = [
    "figures_frame",
    "checks_frame",
    "rates_frame",
    "gaps_frame",
    "bounds_frame",
    "unplaced_frame",
    "column",
]

_COLUMNS = {
    "key": Text("键", "key"),
    "kind": Text("类别", "kind"),
    "label": Text("名称", "label"),
    "count": Text("件数", "count"),
    "pct": Text("百分比(%)", "percent"),
    "base": Text("基数", "base"),
    "quote": Text("原文", "quoted text"),
    "status": Text("结果", "status"),
    "severity": Text("程度", "severity"),
    "check": Text("检查项", "check"),
    "message": Text("算式与说明", "arithmetic"),
    "expected": Text("应为", "expected"),
    "observed": Text("文中", "printed"),
    "cause": Text("可能原因", "probable cause"),
    "modes": Text("符合的取舍方式", "rounding modes"),
    "id": Text("编号", "id"),
    "rate": Text("比率", "rate"),
    "value": Text("数值(%)", "value (%)"),
    "gap": Text("差距", "gap"),
    "points": Text("百分点", "points"),
    "row": Text("办理结果", "outcome"),
    "col": Text("满意度", "satisfaction"),
    "lower": Text("至少(件)", "at least"),
    "upper": Text("至多(件)", "at most"),
    "from_counts": Text("来源", "from"),
    "number": Text("数字", "number"),
    "sentence": Text("所在句子", "sentence"),
    "reason": Text("未归类原因", "why it was not placed"),
    "offset": Text("位置", "offset"),
}


def column(name: str, language: str) -> str:
    return _COLUMNS[name](language)


def _frame(rows: list[dict[str, object]], names: list[str], language: str) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=names)
    return frame.rename(columns={n: column(n, language) for n in names})


def _base_text(fig: Figure, result: AuditResult) -> str:
    base = result.figures.base_of(fig)
    if fig.pct is None and fig.kind.value not in ("class", "satisfaction", "topic", "stated_sum", "class_combined"):
        return ""
    return f"{base.display_label} {base.count}" if base is not None and base.count is not None else ""


def figures_frame(result: AuditResult, language: str = "zh") -> pd.DataFrame:
    """Every printed figure with the words it was read from."""
    rows = [
        {
            "key": f.key,
            "kind": f.kind.value,
            "label": f.display_label,
            "count": "" if f.count is None else str(f.count),
            "pct": "" if f.pct is None else f.pct.text,
            "base": _base_text(f, result),
            "quote": f.provenance.text,
        }
        for f in result.figures
    ]
    return _frame(rows, ["key", "kind", "label", "count", "pct", "base", "quote"], language)


def checks_frame(result: AuditResult, language: str = "zh") -> pd.DataFrame:
    """Every check result, worst first."""
    rows = [
        {
            "status": STATUS_LABELS[r.status](language),
            "severity": SEVERITY_LABELS[r.severity](language),
            "check": r.title(language),
            "message": r.message(language),
            "expected": r.expected,
            "observed": r.observed,
            "cause": CAUSE_LABELS[r.cause](language) if r.cause else "",
            "modes": ", ".join(MODE_NAMES_ZH[m] if language == "zh" else m.value for m in r.modes),
            "id": r.check_id,
        }
        for r in result.worst_first()
    ]
    names = ["status", "severity", "check", "message", "expected", "observed", "cause", "modes", "id"]
    return _frame(rows, names, language)


def rates_frame(result: AuditResult, language: str = "zh") -> pd.DataFrame:
    rows = [
        {
            "rate": r.title(language),
            "value": r.text(2),
            "count": "" if r.count is None else str(r.count),
            "base": "" if r.base is None else str(r.base),
            "from_counts": ("件数计算" if language == "zh" else "counts")
            if r.from_counts
            else ("印出的百分比" if language == "zh" else "printed percentage"),
        }
        for r in result.gaps.rates
    ]
    return _frame(rows, ["rate", "value", "count", "base", "from_counts"], language)


def gaps_frame(result: AuditResult, language: str = "zh") -> pd.DataFrame:
    rows = [{"gap": name(language), "points": fmt_fraction(points, 2)} for name, points in result.gaps.gaps]
    return _frame(rows, ["gap", "points"], language)


def bounds_frame(result: AuditResult, language: str = "zh") -> pd.DataFrame:
    """Fréchet bounds of every cell of the hidden class × satisfaction table."""
    rows = [
        {"row": c.row(language), "col": c.col(language), "lower": c.lower, "upper": c.upper} for c in result.gaps.cells
    ]
    return _frame(rows, ["row", "col", "lower", "upper"], language)


def unplaced_frame(result: AuditResult, language: str = "zh") -> pd.DataFrame:
    rows = [
        {"number": u.text, "sentence": u.sentence, "reason": u.reason, "offset": f"{u.span[0]}–{u.span[1]}"}
        for u in result.unparsed
    ]
    return _frame(rows, ["number", "sentence", "reason", "offset"], language)
