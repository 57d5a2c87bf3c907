"""One report's audit: figures + policy → every check result and the gap analysis."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import run_checks
from .compare import compare_figures
from .documents import Document, read_document
from .figures import Figures, ReportMeta, load_figures
from .gaps import GapAnalysis, analyse_gaps
from .integrity import check_text, infer_body
from .ledger_audit import with_ledger
from .params import Params
from .paths import relative, resolve
from .reading import Unparsed
from .reading import read as extract
from .results import Category, Cause, CheckResult, Policy, Severity, Status, Text, sort_worst_first, worst_status

if TYPE_CHECKING:
    from .ledger_checks import LedgerAudit

__all__ = ["AuditResult", "audit", "audit_document", "audit_params"]


@dataclass(frozen=True)
class AuditResult:
    report_id: str
    figures: Figures
    policy: Policy
    checks: tuple[CheckResult, ...]
    gaps: GapAnalysis
    text_checks: tuple[CheckResult, ...] = ()  # the document: integrity, typed vs printed, unplaced numbers
    unparsed: tuple[Unparsed, ...] = ()
    document: str = ""  # the source document, when the audit read one
    ledger: LedgerAudit | None = None  # the register behind the report, when the parameters name one

    @property
    def results(self) -> list[CheckResult]:
        """Every verdict: the consistency checks, the document's checks, then the gap finding."""
        return [*self.checks, *self.text_checks, *([self.gaps.finding] if self.gaps.finding else [])]

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


def _document_meta(doc: Document, figures: Figures | None, params: Params | None) -> ReportMeta:
    """Who reported what: the parameter file's words first, then the figures file's, then the text's."""
    base = figures.meta if figures is not None else ReportMeta()
    lines = [ln.strip() for ln in doc.text.splitlines() if ln.strip() and not ln.startswith(("source:", "---"))]
    year = re.search(r"(19[5-9]\d|20\d\d)年", doc.text[:600])
    given = params.meta_overrides() if params else {}
    return ReportMeta(
        region=given.get("region") or base.region,
        body=given.get("body") or base.body or infer_body(doc.text),
        year=int(given["year"]) if given.get("year") else base.year or (int(year.group(1)) if year else None),
        title=given.get("title") or base.title or (lines[0][:60] if lines else ""),
        source=relative(doc.path),
    )


def _unparsed_result(unparsed: tuple[Unparsed, ...]) -> CheckResult:
    title = Text("原文中未能归类的数字", "numbers in the document the extractor could not place")
    if not unparsed:
        return CheckResult(
            "source.unplaced", title, Status.PASS, Severity.INFO, Text("无", "none"), category=Category.SOURCE
        )
    shown_zh = ";".join(f"“{u.text}”({u.sentence[:40]})" for u in unparsed[:6])
    shown_en = "; ".join(f"'{u.text}' ({u.reason})" for u in unparsed[:6])
    more = f" … 共{len(unparsed)}个" if len(unparsed) > 6 else ""
    return CheckResult(
        "source.unplaced",
        title,
        Status.UNDECIDABLE,
        Severity.INFO,
        Text(
            f"{len(unparsed)}个带单位的数字未归入任何类别,请人工核对:{shown_zh}{more}",
            f"{len(unparsed)} not placed: {shown_en}",
        ),
        observed=str(len(unparsed)),
        cause=Cause.NOT_PLACED,
        category=Category.SOURCE,
        positions=tuple(u.span for u in unparsed),
    )


def audit_document(
    path: str | Path,
    policy: Policy | None = None,
    report_id: str = "",
    figures: Figures | None = None,
    params: Params | None = None,
) -> AuditResult:
    """Audit a published report from the document itself.

    With hand-entered `figures` too, those are audited and every figure the document prints
    differently is a finding of its own.
    """
    policy = policy or Policy()
    doc = read_document(path)
    extraction = extract(doc)
    meta = _document_meta(doc, figures, params)
    audited = replace(figures if figures is not None else extraction.figures, meta=meta)
    sentences = [f.provenance.span for f in extraction.figures if f.provenance.span]
    extra = check_text(doc.text, meta.body, _sentence_spans(doc.text, sentences))
    extra.append(_unparsed_result(extraction.unparsed))
    if figures is None and extraction.figures.total is None:
        extra.append(
            CheckResult(
                "source.total",
                Text("原文中读不到建议总数", "no total number of proposals read from the document"),
                Status.UNDECIDABLE,  # the reading could not find it: ask, do not accuse the report
                Severity.MAJOR,
                Text(
                    "未能读出总件数,几乎所有检查都无从进行:请核对原文,或手工录入数字(figures 文件)",
                    "without a total almost no check can run: look at the document, or type its figures in",
                ),
                cause=Cause.NOT_PLACED,
                category=Category.SOURCE,
            )
        )
    if figures is not None:
        extra += compare_figures(figures, extraction.figures)
    result = audit(audited, policy, report_id or Path(path).stem)
    return replace(result, text_checks=tuple(extra), unparsed=extraction.unparsed, document=relative(doc.path))


def _sentence_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for a, b in spans:
        start = max(text.rfind(c, 0, a) for c in "。;!?\n") + 1
        ends = [i for i in (text.find(c, b) for c in "。;!?\n") if i != -1]
        out.append((start, min(ends) + 1 if ends else len(text)))
    return out


def audit_params(params: Params) -> AuditResult:
    """The audit a parameter set describes: what the notebook shows and the JSON records."""
    figures = load_figures(resolve(params.figures)) if params.figures else None
    if params.source:
        return with_ledger(
            audit_document(resolve(params.source), params.policy, params.report_id, figures, params), params
        )
    assert figures is not None  # the schema requires a figures file or a source document
    given = params.meta_overrides()
    if given:
        meta = figures.meta
        figures = replace(
            figures,
            meta=ReportMeta(
                given.get("region") or meta.region,
                given.get("body") or meta.body,
                int(given["year"]) if given.get("year") else meta.year,
                given.get("title") or meta.title,
                meta.source,
            ),
        )
    return with_ledger(audit(figures, params.policy, params.report_id), params)
