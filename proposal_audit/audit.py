"""One report's audit: figures + policy → every check result and the gap analysis."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import run_checks, run_text_checks
from .compare import compare_figures
from .documents import read_document
from .figures import Figures, load_figures
from .gaps import GapAnalysis, analyse_gaps
from .ledger_audit import with_ledger
from .meta import Found, meta_result, resolve_meta
from .params import Params
from .paths import relative, resolve
from .reading import Unparsed
from .reading import read as extract
from .results import (
    SEVERITY_LABELS,
    Category,
    Cause,
    CheckResult,
    Policy,
    Severity,
    Status,
    Text,
    most_severe,
    sort_worst_first,
    worst_status,
)

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
    meta_found: tuple[tuple[str, Found], ...] = ()  # where region, body, year and title came from

    @property
    def results(self) -> list[CheckResult]:
        """Every verdict: the consistency checks, the document's checks, then the gap finding."""
        return [*self.checks, *self.text_checks, *([self.gaps.finding] if self.gaps.finding else [])]

    def worst_first(self) -> list[CheckResult]:
        """Every verdict by status (fail, warn, not decidable, skipped, pass), then severity."""
        return sort_worst_first(self.results)

    def most_severe(self) -> CheckResult | None:
        """The finding a summary names: the most severe fail or warn (None when nothing was found)."""
        return most_severe(self.results)

    def summary(self) -> Text:
        """One sentence for the CLI, the index and the report's first lines: what was found, the most
        severe finding, and how many checks could not be decided."""
        findings = self.findings()
        undecided = self.counts()[Status.UNDECIDABLE.value]
        rest_zh = f";另有{undecided}项无法判定" if undecided else ""
        rest_en = f"; {undecided} could not be decided" if undecided else ""
        worst = self.most_severe()
        if worst is None:
            return Text(f"未发现问题{rest_zh}", f"nothing found{rest_en}")
        sev = SEVERITY_LABELS[worst.severity]
        return Text(
            f"发现{len(findings)}处问题,最严重的({sev.zh}):{worst.title.zh}{rest_zh}",
            f"{len(findings)} found; the most severe ({sev.en}): {worst.title.en}{rest_en}",
        )

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
    """The consistency checks of the figures, then the gap analysis, which builds no sentence on a
    margin the checks found impossible or not adding up."""
    policy = policy or Policy()
    checks = run_checks(figures, policy)
    return AuditResult(
        report_id=report_id or figures.path,
        figures=figures,
        policy=policy,
        checks=tuple(checks),
        gaps=analyse_gaps(figures, policy, checks),
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
    given = params.meta_overrides() if params else {}
    meta, found = resolve_meta(given, figures.meta if figures is not None else None, doc.text, relative(doc.path))
    audited = replace(figures if figures is not None else extraction.figures, meta=meta)
    sentences = [f.provenance.span for f in extraction.figures if f.provenance.span]
    extra = run_text_checks(doc.text, meta.body, _sentence_spans(doc.text, sentences))
    extra.append(_unparsed_result(extraction.unparsed))
    extra.append(meta_result(found))
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
    return replace(
        result,
        text_checks=tuple(extra),
        unparsed=extraction.unparsed,
        document=relative(doc.path),
        meta_found=tuple(found.items()),
    )


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
    meta, found = resolve_meta(params.meta_overrides(), figures.meta, None)
    result = audit(replace(figures, meta=meta), params.policy, params.report_id)
    return with_ledger(replace(result, text_checks=(meta_result(found),), meta_found=tuple(found.items())), params)
