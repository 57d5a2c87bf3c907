"""Measuring the reader against hand readings of real reports (`make eval`).

A corpus folder holds `NN_slug.txt` (the report as published) and `NN_slug.yaml` (a person's reading of
it, in the format of data/corpus/README.md: figures with kind/rank/level/count/pct, findings, clean
relations). For every report this prints:

- figure recall and precision on the core kinds (total, handled, reply_rate, units, class,
  satisfaction). A figure matches when its kind, rank or level, count and printed percentage all agree.
  Recall counts the required figures of the reading; precision counts every core figure read, and one
  that matches an `optional` figure of the reading is correct, not noise;
- the required findings found with the right cause, found with another cause, or missed;
- false fails: `fail` verdicts that no finding of the reading (required or optional) accounts for —
  the verdicts a committee member would be told and that are not true.

`python -m proposal_audit.evaluate [DIR ...]` measures other folders in the same format.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .audit import AuditResult, audit_document
from .figures import Figure
from .paths import ROOT
from .results import CheckResult, Status

__all__ = [
    "CORE_KINDS",
    "Key",
    "gold_key",
    "figure_key",
    "FindingMatch",
    "ReportScore",
    "score_report",
    "evaluate_folder",
    "main",
]

CORPUS = ROOT / "data" / "corpus"
CORE_KINDS = ("total", "handled", "reply_rate", "units", "class", "satisfaction")

Key = tuple[str, str, int | None, str | None]  # (kind, rank or level, count, printed pct)

# A finding type of the readings → the causes of our results that state it.
FINDING_CAUSES: dict[str, tuple[str, ...]] = {
    "pct_inconsistent": ("other_base", "misrounded", "unreachable", "truncation", "ceiling"),
    "unreachable_pct": ("unreachable", "other_base"),
    "truncated_pct": ("truncation",),
    "forced_sum_100": ("forced_to_100",),
    "sum_mismatch": ("parts_do_not_add_up",),
    "stated_sum_wrong": ("wrong_stated_sum",),
    "placeholder": ("text_defect",),
    "label_slip": ("text_defect",),
    "other": (),
}
# Which of our checks can state a text finding of the readings.
TEXT_CHECKS = {"placeholder": ("text.template_tokens",), "label_slip": ("text.body_labels",)}
# The cause a required finding must be found with, to count as "found with its cause".
RIGHT_CAUSE = {
    "pct_inconsistent": ("other_base", "misrounded"),
    "unreachable_pct": ("unreachable", "other_base"),
    "truncated_pct": ("truncation",),
    "forced_sum_100": ("forced_to_100",),
    "sum_mismatch": ("parts_do_not_add_up",),
    "stated_sum_wrong": ("wrong_stated_sum",),
    "placeholder": ("text_defect",),
    "label_slip": ("text_defect",),
}


def _qual(kind: str, rank: Any, level: Any, ranks: Any = None) -> str:
    if kind == "class":
        return str(rank) if rank is not None else ""
    if kind == "class_combined" and ranks:
        return "+".join(map(str, ranks))
    return str(level) if level else ""


def gold_key(entry: dict[str, Any]) -> Key:
    pct = entry.get("pct")
    return (
        str(entry["kind"]),
        _qual(str(entry["kind"]), entry.get("rank"), entry.get("level"), entry.get("ranks")),
        entry.get("count"),
        None if pct is None else str(pct),
    )


def figure_key(f: Figure) -> Key:
    return (
        f.kind.value,
        _qual(f.kind.value, f.rank, f.level.value if f.level else None, f.ranks),
        f.count,
        f.pct.text if f.pct else None,
    )


@dataclass(frozen=True)
class FindingMatch:
    """One finding of the reading and what the audit said about it."""

    type: str
    about: str
    optional: bool
    status: str  # "found" (right cause), "other cause", "missed"
    by: str = ""  # the check that found it


@dataclass(frozen=True)
class ReportScore:
    name: str
    required: int  # required core figures in the reading
    read: int  # core figures read
    matched_required: int
    matched_read: int  # figures read that match a required or optional figure
    missed: tuple[Key, ...]
    spurious: tuple[Key, ...]
    findings: tuple[FindingMatch, ...]
    false_fails: tuple[str, ...]  # check ids and what they said
    ambiguous: int  # figures the reader marked as needing confirmation
    seconds: float
    error: str = ""

    @property
    def recall(self) -> float:
        return self.matched_required / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        return self.matched_read / self.read if self.read else 1.0


def _printed_numbers(text: str) -> set[str]:
    """Every number in a text, as printed (for tying a verdict to a finding's words)."""
    return set(re.findall(r"\d+(?:\.\d+)?", text))


def _result_numbers(r: CheckResult, result: AuditResult) -> set[str]:
    nums = {r.observed} if r.observed else set()
    for key in r.figures:
        f = result.figures.get(key)
        if f is not None:
            if f.count is not None:
                nums.add(str(f.count))
            if f.pct is not None:
                nums.add(f.pct.text)
    return nums - {""}


def _explains(finding: dict[str, Any], r: CheckResult, result: AuditResult) -> bool:
    """Whether a verdict states this finding of the reading (same cause family and the same figure)."""
    ftype = finding.get("type", "other")
    about = str(finding.get("about", ""))
    words = about + " " + str(finding.get("detail", ""))
    if ftype in TEXT_CHECKS:
        return r.check_id in TEXT_CHECKS[ftype]
    causes = FINDING_CAUSES.get(ftype, ())
    cause = r.cause.value if r.cause else ""
    nums = _result_numbers(r, result)
    if ftype == "other":  # a free-text finding: tied to the verdict by the figures it names
        return bool(nums & _printed_numbers(about)) or len(nums & _printed_numbers(words)) >= 2
    if cause not in causes:
        # the same defect seen through another figure ("233 for 223": the share 24.97 fails too)
        return len(nums & _printed_numbers(words)) >= 2
    if ftype in ("sum_mismatch", "stated_sum_wrong"):
        return bool(nums & _printed_numbers(words))
    pcts = re.findall(r"(\d+(?:\.\d+)?)%", about) or re.findall(r"(\d+\.\d+)", about)
    return bool(set(pcts) & nums)


def _match_findings(reading: dict[str, Any], result: AuditResult) -> tuple[tuple[FindingMatch, ...], tuple[str, ...]]:
    findings = reading.get("findings") or []
    verdicts = [r for r in result.results if r.is_finding]
    out: list[FindingMatch] = []
    explained: set[int] = set()
    for fd in findings:
        hits = [r for r in verdicts if _explains(fd, r, result)]
        explained.update(id(r) for r in hits)
        right = [r for r in hits if (r.cause.value if r.cause else "") in RIGHT_CAUSE.get(fd.get("type"), ())]
        status = "found" if right else ("other cause" if hits else "missed")
        by = (right or hits)[0].check_id if hits else ""
        out.append(
            FindingMatch(fd.get("type", "other"), str(fd.get("about", "")), bool(fd.get("optional")), status, by)
        )
    false = tuple(
        f"{r.check_id}: {r.message.en}" for r in result.results if r.status is Status.FAIL and id(r) not in explained
    )
    return tuple(out), false


def score_report(txt: Path, reading: dict[str, Any]) -> ReportScore:
    """Read one report, audit it, and compare both with its hand reading."""
    from .reading import read_report

    started = time.perf_counter()
    try:
        result = audit_document(txt)
        rd = read_report(txt)
    except Exception as exc:  # a crash on one report is a result of the evaluation, not its end
        return ReportScore(txt.stem, 0, 0, 0, 0, (), (), (), (), 0, 0.0, error=f"{type(exc).__name__}: {exc}")
    seconds = time.perf_counter() - started
    figures = [f for f in rd.all_figures() if f.kind.value in CORE_KINDS]
    got = Counter(figure_key(f) for f in figures)
    gold = [g for g in reading.get("figures") or [] if g.get("kind") in CORE_KINDS]
    required = Counter(gold_key(g) for g in gold if not g.get("optional"))
    optional = Counter(gold_key(g) for g in gold if g.get("optional"))
    matched_required = got & required
    rest = got - matched_required
    matched_optional = rest & optional
    findings, false = _match_findings(reading, result)
    return ReportScore(
        name=txt.stem,
        required=sum(required.values()),
        read=sum(got.values()),
        matched_required=sum(matched_required.values()),
        matched_read=sum(matched_required.values()) + sum(matched_optional.values()),
        missed=tuple(sorted((required - got).elements(), key=str)),
        spurious=tuple(sorted((rest - matched_optional).elements(), key=str)),
        findings=findings,
        false_fails=false,
        ambiguous=sum(1 for f in rd.all_figures() if f.is_ambiguous),
        seconds=seconds,
    )


def evaluate_folder(folder: Path = CORPUS) -> list[ReportScore]:
    scores = []
    for txt in sorted(folder.glob("*.txt")):
        reading_file = txt.with_suffix(".yaml")
        if not reading_file.exists():
            continue
        reading = yaml.safe_load(reading_file.read_text(encoding="utf-8")) or {}
        scores.append(score_report(txt, reading))
    return scores


@dataclass(frozen=True)
class Totals:
    reports: int
    recall: float
    precision: float
    required_findings: int
    found_with_cause: int
    found_other_cause: int
    missed_findings: int
    false_fails: int
    reports_with_false_fail: int
    ambiguous: int
    ms_per_report: float
    errors: int


def totals(scores: list[ReportScore]) -> Totals:
    req = sum(s.required for s in scores)
    read = sum(s.read for s in scores)
    required = [f for s in scores for f in s.findings if not f.optional]
    return Totals(
        reports=len(scores),
        recall=sum(s.matched_required for s in scores) / req if req else 1.0,
        precision=sum(s.matched_read for s in scores) / read if read else 1.0,
        required_findings=len(required),
        found_with_cause=sum(f.status == "found" for f in required),
        found_other_cause=sum(f.status == "other cause" for f in required),
        missed_findings=sum(f.status == "missed" for f in required),
        false_fails=sum(len(s.false_fails) for s in scores),
        reports_with_false_fail=sum(1 for s in scores if s.false_fails),
        ambiguous=sum(s.ambiguous for s in scores),
        ms_per_report=1000 * sum(s.seconds for s in scores) / len(scores) if scores else 0.0,
        errors=sum(1 for s in scores if s.error),
    )


def print_table(scores: list[ReportScore], title: str, out=sys.stdout) -> Totals:  # noqa: ANN001
    print(f"== {title}", file=out)
    print(
        f"{'report':44} {'req':>4} {'read':>4} {'recall':>6} {'prec':>6}  {'findings':>8}  {'false fails':>11}  ask",
        file=out,
    )
    for s in scores:
        if s.error:
            print(f"{s.name[:44]:44} ERROR {s.error}", file=out)
            continue
        req = [f for f in s.findings if not f.optional]
        found = sum(f.status == "found" for f in req)
        print(
            f"{s.name[:44]:44} {s.required:4d} {s.read:4d} {s.recall:6.2f} {s.precision:6.2f}"
            f"  {found:>3}/{len(req):<4}  {len(s.false_fails):>11}  {s.ambiguous:>3}",
            file=out,
        )
        for k in s.missed:
            print(f"      missed    {k}", file=out)
        for k in s.spurious:
            print(f"      spurious  {k}", file=out)
        for f in req:
            if f.status != "found":
                print(f"      finding {f.status}: {f.type} — {f.about[:70]}", file=out)
        for ff in s.false_fails:
            print(f"      FALSE FAIL {ff[:110]}", file=out)
    t = totals(scores)
    print(
        f"{'TOTAL':44} {t.reports:>4} rep  recall {t.recall:.3f}  precision {t.precision:.3f}  "
        f"required findings {t.found_with_cause}/{t.required_findings} with their cause"
        f" ({t.found_other_cause} other cause, {t.missed_findings} missed)  "
        f"false fails {t.false_fails} (in {t.reports_with_false_fail} reports)  "
        f"asked to confirm {t.ambiguous}  {t.ms_per_report:.1f} ms per report (start-up included)"
        + (f"  ERRORS {t.errors}" if t.errors else ""),
        file=out,
    )
    return t


def print_metamorphic(folder: Path = CORPUS, out=sys.stdout) -> bool:  # noqa: ANN001
    """The metamorphic relations over a folder's texts: how often each applies and holds."""
    from .metamorphic import RELATIONS, run_relations

    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    outcomes = run_relations(texts)
    print(f"== metamorphic relations over {len(texts)} texts of {folder}", file=out)
    ok_all = True
    for rel in RELATIONS:
        mine = [o for o in outcomes if o.relation == rel.name and o.applies]
        bad = [o for o in mine if not o.ok]
        ok_all &= not bad
        print(f"  {rel.name:36} applies to {len(mine):3}, holds on {len(mine) - len(bad):3}", file=out)
        for o in bad[:3]:
            print(f"      broken on {o.report}: lost {o.lost[:3]}, gained {o.gained[:3]}", file=out)
    return ok_all


def print_synthetic(reports: int = 300, out=sys.stdout) -> bool:  # noqa: ANN001
    """Synthetic reports worded from each half of the wording bank (A: developed on, B: held out)."""
    from .synthetic import halves, load_bank, measure

    a, b = halves(load_bank())
    print(f"== synthetic reports, {reports} per half of the wording bank (every figure consistent)", file=out)
    ok_all = True
    for bank, name in ((a, "A (developed on)"), (b, "B (held out)")):
        s = measure(bank, name, reports)
        ok_all &= s.recall >= 0.98 and s.precision >= 0.99
        print(
            f"  half {name:17} recall {s.recall:.3f}  precision {s.precision:.3f}  "
            f"false fails {s.false_fails} (in {s.reports_with_false_fail} reports)",
            file=out,
        )
        for text, missed, spurious in s.examples[:2]:
            print(f"      e.g. {text[:90]}… missed {missed[:2]} spurious {spurious[:2]}", file=out)
    return ok_all


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folders = [Path(a) for a in args] or [CORPUS]
    for folder in folders:
        print_table(evaluate_folder(folder), str(folder))
        print()
    if not args:
        print_metamorphic()
        print()
        print_synthetic()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
