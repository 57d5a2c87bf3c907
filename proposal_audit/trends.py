"""Across years: one region's audits side by side, built from the audits' JSON results.

A result is read from reports/<id>.json when that file was produced from the same inputs; otherwise
the audit is run in-process (pure, no notebook) and gives the same JSON. No figure is typed twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd

from .audit import audit_params
from .cache import fingerprint
from .export import result_to_json
from .params import load_params
from .paths import REPORTS_DIR, resolve
from .results import Text

__all__ = ["YearResult", "load_results", "trend_frame", "composition_frame", "checks_frame", "headline"]


@dataclass(frozen=True)
class YearResult:
    year: int | None
    report_id: str
    data: dict[str, Any]


def load_results(params_files: list[str] | str, reports_dir: Path = REPORTS_DIR) -> list[YearResult]:
    """The audits named by parameter files, oldest first (by the year their suggestions were handled)."""
    if isinstance(params_files, str):
        params_files = [p.strip() for p in params_files.split(",") if p.strip()]
    out = []
    for name in params_files:
        params = load_params(resolve(name))
        path = reports_dir / f"{params.report_id}.json"
        data = None
        if path.exists():
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored.get("inputs", {}).get("fingerprint") == fingerprint(params, resolve(name)):
                data = stored
        if data is None:
            data = result_to_json(audit_params(params), params)
        year = (data.get("report") or {}).get("year")
        out.append(YearResult(int(year) if year else None, params.report_id, data))
    return sorted(out, key=lambda r: (r.year or 0, r.report_id))


def _num(text: str | None) -> str:
    """A rate for display: trailing zeros dropped (100.00 → 100, 29.80 → 29.8)."""
    if text is None or text == "":
        return ""
    value = Fraction(str(text))
    shown = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return shown


def _rate(data: dict, key: str) -> dict | None:
    return next((r for r in data["gaps"]["rates"] if r["key"] == key), None)


def _printed_resolution(data: dict) -> str:
    """The resolution rate as the report prints it (class A's share), else as computed."""
    printed = [
        f["pct"]
        for f in data["figures"]
        if f["kind"] == "class" and f["rank"] == 1 and f["pct"] and f["base"] == "total" and not f["dimension"]
    ]
    if len(printed) == 1:
        return printed[0]
    rate = _rate(data, "resolution")
    return _num(rate["value"]) if rate else ""


def _followup(data: dict) -> str:
    """What the report says of last year's B-class items (回头看), if anything."""
    figures = {f["key"]: f for f in data["figures"]}
    for f in data["figures"]:
        base = figures.get(f["base"] or "")
        if f["kind"] == "class" and base is not None and base["kind"] == "base" and f["count"] is not None:
            said = f"{base['count']}件中{f['count']}件已解决" + (f"({f['pct']}%)" if f["pct"] else "")
            if "B类" in base["sentence"] or "回头看" in base["sentence"] or "上年" in base["sentence"]:
                return said
    return ""


def trend_frame(results: list[YearResult], language: str = "zh") -> pd.DataFrame:
    """One row per year: totals, rates as printed and as computed, the gap, the checks' outcomes."""
    zh = language != "en"
    rows = []
    for r in results:
        d = r.data
        total = next((f["count"] for f in d["figures"] if f["kind"] == "total"), None)
        res = _rate(d, "resolution")
        comb = _rate(d, "combined")
        gap = next((c for c in d["checks"] if c["check_id"] == "gap.satisfaction_vs_resolution"), {})
        rows.append(
            {
                "年度" if zh else "year": r.year,
                "总件数" if zh else "total": total,
                "解决率(文中,%)" if zh else "resolution printed (%)": _printed_resolution(d),
                "解决率(按件数,%)" if zh else "resolution computed (%)": _num(res["value"]) if res else "",
                "满意率含基本满意(%)" if zh else "satisfied incl. basic (%)": _num(comb["value"]) if comb else "",
                "差距(百分点)" if zh else "gap (points)": gap.get("observed", ""),
                "回头看" if zh else "follow-up": _followup(d) or ("未报告" if zh else "not reported"),
                "不一致" if zh else "failed": sum(c["status"] == "fail" for c in d["checks"]),
                "提示" if zh else "warnings": sum(c["status"] == "warn" for c in d["checks"]),
                "报告" if zh else "report": r.report_id,
            }
        )
    return pd.DataFrame(rows)


def composition_frame(results: list[YearResult], language: str = "zh") -> pd.DataFrame:
    """Outcome classes per year: count and printed share, by rank."""
    zh = language != "en"
    rows = []
    for r in results:
        for f in r.data["figures"]:
            if f["kind"] == "class" and f["base"] == "total" and not f["dimension"]:
                rows.append(
                    {
                        "年度" if zh else "year": r.year,
                        "类别" if zh else "class": f["label"],
                        "等级" if zh else "rank": f["rank"],
                        "件数" if zh else "count": f["count"],
                        "百分比(%)" if zh else "percent": f["pct"] or "",
                    }
                )
    return pd.DataFrame(rows)


def checks_frame(results: list[YearResult], language: str = "zh") -> pd.DataFrame:
    """The findings of each year's audit (fail and warn), by category."""
    zh = language != "en"
    rows = []
    for r in results:
        for c in r.data["checks"]:
            if c["status"] in ("fail", "warn"):
                rows.append(
                    {
                        "年度" if zh else "year": r.year,
                        "结果" if zh else "status": c["status"],
                        "类别" if zh else "category": c["category"],
                        "检查项" if zh else "check": c["title_zh"] if zh else c["title_en"],
                        "说明" if zh else "message": c["message_zh"] if zh else c["message_en"],
                    }
                )
    return pd.DataFrame(rows)


def headline(results: list[YearResult], language: str = "zh") -> Text | str:
    """ "2016 → 2017: resolution 35.1% → 30% against satisfaction 100% → 100%"."""
    years = " → ".join(str(r.year) for r in results)
    res = " → ".join(f"{x}%" if (x := _printed_resolution(r.data)) else "—" for r in results)
    comb = " → ".join(f"{_num(x['value'])}%" if (x := _rate(r.data, "combined")) else "—" for r in results)
    regions = {(r.data.get("report") or {}).get("region") or "" for r in results}
    mixed = len(regions) > 1
    text = Text(
        f"{years}:解决率 {res},满意率(含基本满意){comb}" + ("(注意:这些报告来自不同地区)" if mixed else ""),
        f"{years}: resolution {res} against satisfaction (incl. basic) {comb}"
        + (" (note: these reports come from different regions)" if mixed else ""),
    )
    return text(language)
