"""Notebook displays of an audit: escaped HTML for people, plain text for diffs (nbval) and terminals.

Every string from a report (labels, quotes) is escaped here, so text read from a document can never
become markup or script in the HTML report.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pandas as pd

from . import tables
from .audit import AuditResult
from .results import STATUS_LABELS, Category, Status, Text

__all__ = ["Html", "escape", "summary", "figures", "checks", "gaps", "unplaced", "trends"]

_CSS = """<style>
.pa-table{border-collapse:collapse;font-size:13px;margin:0.5em 0 1em 0}
.pa-table th,.pa-table td{border:1px solid #ccd;padding:3px 6px;text-align:left !important;vertical-align:top}
.pa-table td:nth-child(-n+2){white-space:nowrap}
.pa-table th{background:#eef}
.pa-fail td:first-child{background:#f8d0d0;font-weight:bold}
.pa-warn td:first-child{background:#fbe7b5;font-weight:bold}
.pa-not_decidable td:first-child,.pa-skipped td:first-child{background:#e6e6e6}
.pa-pass td:first-child{background:#d6efd6}
.pa-headline{font-size:15px;margin:0.3em 0}
.pa-badge{display:inline-block;padding:1px 8px;border-radius:8px;margin-right:6px;background:#e6e6e6}
.pa-badge-fail{background:#f8d0d0}.pa-badge-warn{background:#fbe7b5}.pa-badge-pass{background:#d6efd6}
</style>"""


@dataclass(frozen=True)
class Html:
    """Rich output for notebooks (text/html) with a stable plain-text form (text/plain)."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def _table(frame: pd.DataFrame, row_classes: list[str] | None = None) -> str:
    if frame.empty:
        return "<p>(无 none)</p>"
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    body = []
    for i, row in enumerate(frame.itertuples(index=False)):
        cls = f' class="pa-{row_classes[i]}"' if row_classes else ""
        cells = "".join(f"<td>{escape(str(v))}</td>" for v in row)
        body.append(f"<tr{cls}>{cells}</tr>")
    return f'<table class="pa-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _plain(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "(empty)"
    return "\n".join(" | ".join(str(v) for v in row) for row in frame.itertuples(index=False))


def summary(result: AuditResult, language: str = "zh") -> Html:
    """Who reported what, the verdict counts and the headline sentences a committee member reads."""
    meta = result.figures.meta
    counts = result.counts()
    arithmetic = [r for r in result.results if r.category is Category.ARITHMETIC]
    bad = [r for r in arithmetic if r.is_finding]
    if bad:
        verdict = Text(
            f"发现{len(bad)}处数字问题(共检查{len(arithmetic)}项)",
            f"{len(bad)} problems in the figures ({len(arithmetic)} checks)",
        )
    else:
        verdict = Text(
            f"全部{len(arithmetic)}项数字检查一致",
            f"all {len(arithmetic)} checks of the figures are consistent",
        )
    lines = [verdict(language)] + [h(language) for h in result.gaps.headlines]
    badges = " ".join(
        f'<span class="pa-badge pa-badge-{s.value}">{escape(STATUS_LABELS[s](language))} {counts[s.value]}</span>'
        for s in Status
        if counts[s.value]
    )
    who = " · ".join(str(x) for x in (meta.region, meta.body, meta.year) if x)
    title = meta.title or result.report_id
    html = (
        _CSS
        + f"<h3>{escape(title)}</h3><p>{escape(who)}</p><p>{badges}</p>"
        + "".join(f'<p class="pa-headline">{escape(line)}</p>' for line in lines)
    )
    status_text = ", ".join(f"{s.value} {counts[s.value]}" for s in Status if counts[s.value])
    return Html(html, "\n".join([title, who, status_text, *lines]))


def figures(result: AuditResult, language: str = "zh") -> Html:
    frame = tables.figures_frame(result, language)
    return Html(_table(frame), _plain(frame))


def checks(result: AuditResult, language: str = "zh") -> Html:
    frame = tables.checks_frame(result, language)
    classes = [r.status.value for r in result.worst_first()]
    return Html(_table(frame, classes), _plain(frame))


def gaps(result: AuditResult, language: str = "zh") -> Html:
    rates = tables.rates_frame(result, language)
    gap = tables.gaps_frame(result, language)
    bounds = tables.bounds_frame(result, language)
    note = Text(
        "下表为由公布数字推出的界限(Fréchet 界):只是公布数字必然蕴含的下限,不是指控。",
        "Bounds implied by the published margins (Fréchet): lower bounds, not accusations.",
    )(language)
    html = _table(rates) + _table(gap) + f"<p>{escape(note)}</p>" + _table(bounds)
    text = "\n\n".join([_plain(rates), _plain(gap), note, _plain(bounds)])
    return Html(html, text)


def unplaced(result: AuditResult, language: str = "zh") -> Html:
    """Numbers the extractor saw in the document but could not place: for a person to look at."""
    frame = tables.unplaced_frame(result, language)
    if frame.empty:
        note = Text("原文中带单位的数字都已归类。", "Every number with a unit in the document was placed.")(language)
        return Html(f"<p>{escape(note)}</p>", note)
    return Html(_table(frame), _plain(frame))


def trends(results: list, language: str = "zh") -> Html:
    """The year-by-year table, the class composition and the findings of each year."""
    from . import trends as t

    headline = t.headline(results, language)
    parts = [
        t.trend_frame(results, language),
        t.composition_frame(results, language),
        t.checks_frame(results, language),
    ]
    html = _CSS + f'<p class="pa-headline">{escape(str(headline))}</p>' + "".join(_table(f) for f in parts)
    text = "\n\n".join([str(headline), *(_plain(f) for f in parts)])
    return Html(html, text)
