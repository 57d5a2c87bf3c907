"""Measuring extraction against the hand-read figures of the corpus (`make eval`).

A corpus report `data/corpus/NN_slug.txt` comes with `NN_slug.yaml`, a person's reading of its
figures in an ad-hoc layout (class_a, class_a_pct, satisfied, other_classes, ...). `gold_figures`
turns that reading into comparable tuples; a figure counts as found when its kind, rank or level,
count and printed percentage all match. Fields of the reading that are not figures of the model
(dates, deadlines, sub-bodies' splits) are not scored.

The same run compares the findings: the arithmetic findings of the audit of the extracted figures
against those of the hand-entered figures file (data/figures/corpus/NN_slug.yaml).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .audit import AuditResult, audit
from .documents import read_document
from .extract import extract
from .figures import Figure, Figures, Kind, load_figures
from .paths import ROOT
from .results import Category

__all__ = ["Key", "gold_figures", "figure_key", "ReportScore", "evaluate_corpus", "finding_signatures"]

Key = tuple[str, str, int | None, str | None]  # (kind, rank or level, count, printed pct)

CORPUS = ROOT / "data" / "corpus"
HAND = ROOT / "data" / "figures" / "corpus"

_SCORED = {
    "total",
    "base",
    "handled",
    "reply_rate",
    "class",
    "satisfaction",
    "stated_sum",
    "topic",
    "rate",
    "units",
    "contacts",
}
_LEVEL_KEYS = {
    "satisfied": "satisfied",
    "basically_satisfied": "basically_satisfied",
    "very_satisfied": "very_satisfied",
    "satisfied_or_basic": "satisfied_or_basic",
}


def _pct(value: Any) -> str | None:
    return None if value is None else str(value)


def figure_key(f: Figure) -> Key:
    qual = str(f.rank) if f.kind is Kind.CLASS else (f.level.value if f.level else "")
    return (f.kind.value, qual, f.count, f.pct.text if f.pct else None)


def gold_figures(data: dict[str, Any]) -> Counter[Key]:
    """The hand-read figures of one corpus YAML as comparable keys."""
    g: Counter[Key] = Counter()

    def add(kind: str, qual: str = "", count: int | None = None, pct: Any = None) -> None:
        g[(kind, qual, count, _pct(pct))] += 1

    for k in ("total", "handled", "units", "contacts"):
        if k in data:
            add(k, count=data[k])
    if "reply_rate_pct" in data:
        add("reply_rate", pct=data["reply_rate_pct"])
    for k, label in (
        ("submitted", "base"),
        ("proposed_total", "base"),
        ("feedback_count", "base"),
        ("feedback_forms", "base"),
        ("at_session", "base"),
    ):
        if k in data:
            add(label, count=data[k])
    for i, letter in enumerate("abcd", 1):
        if f"class_{letter}" in data or f"class_{letter}_pct" in data:
            add("class", str(i), data.get(f"class_{letter}"), data.get(f"class_{letter}_pct"))
    if "class_a_plus_b" in data:
        add("stated_sum", "", data["class_a_plus_b"], data.get("class_a_plus_b_pct"))
    if not any(k.startswith("class_") for k in data) and isinstance(data.get("other_classes"), dict):
        rank = 0
        extra_rank = 0
        for name, v in data["other_classes"].items():
            if isinstance(v, dict):
                rank += 1
                add("class", str(rank), v.get("count"), v.get("pct"))
            elif name.endswith("_pct"):
                add("stated_sum", "", None, v)
            elif isinstance(v, int):
                extra_rank += 1
                add("class", str(extra_rank), v, None)
    sat_pairs = (("satisfied", "satisfied"), ("basically_satisfied", "basically_satisfied"))
    for k, level in sat_pairs:
        if k in data or f"{k}_pct" in data:
            add("satisfaction", level, data.get(k), data.get(f"{k}_pct"))
    combined_count = data.get("satisfied_or_basic", data.get("satisfied_or_basic_work"))
    if "combined_satisfaction_pct" in data or combined_count is not None:
        add("satisfaction", "satisfied_or_basic", combined_count, data.get("combined_satisfaction_pct"))
    if "satisfied_or_basic_result" in data:
        other = data.get("other_satisfaction", {})
        add("satisfaction", "satisfied_or_basic", data["satisfied_or_basic_result"], other.get("办理结果满意率_pct"))
    for dim, v in (data.get("other_satisfaction") or {}).items():
        if isinstance(v, dict):
            for k, level in sat_pairs:
                if k in v:
                    add("satisfaction", level, v.get(k), v.get(f"{k}_pct"))
        elif dim.endswith("_pct") and not dim.startswith("办理结果满意率"):
            name = dim[: -len("_pct")]
            level = "very_satisfied" if name.startswith("非常") else "satisfied"
            if "合计" in name or "合計" in name:
                add("stated_sum", "", None, v)
            else:
                add("satisfaction", level, None, v)
    for key in (
        "topic_categories",
        "topic_categories_top3",
        "topic_largest",
        "member_vs_collective",
        "proposer_breakdown",
    ):
        for v in (data.get(key) or {}).values():
            count, pct = (list(v) + [None])[:2] if isinstance(v, list) else (v, None)
            add("topic", "", count, pct)
    for key, kind in (
        ("communication_rate_pct", "rate"),
        ("face_to_face_rate_pct", "rate"),
        ("filing_rate_pct", "rate"),
    ):
        if key in data:
            add(kind, pct=data[key])
    if "total_share_pct" in data:
        add("rate", "", data.get("total"), data["total_share_pct"])
    if isinstance(data.get("subset_党群政法系统"), dict):
        sub = data["subset_党群政法系统"]
        add("base", "", sub.get("total"))
        for i, letter in enumerate("ab", 1):
            if f"class_{letter}" in sub:
                add("class", str(i), sub[f"class_{letter}"], sub.get(f"class_{letter}_pct"))
    follow = data.get("previous_year_followup")
    if isinstance(follow, dict):
        add("base", "", follow.get("B类件"))
        add("class", "1", follow.get("已经解决或基本解决"), follow.get("pct"))
    return g


def finding_signatures(result: AuditResult) -> Counter[tuple[str, str]]:
    """Arithmetic findings as (cause, printed value): comparable across two audits of one report."""
    return Counter(
        (r.cause.value if r.cause else r.status.value, r.observed)
        for r in result.results
        if r.category is Category.ARITHMETIC and r.is_finding
    )


@dataclass(frozen=True)
class ReportScore:
    name: str
    gold: int
    extracted: int
    matched: int
    missed: tuple[Key, ...]
    spurious: tuple[Key, ...]
    findings_expected: tuple[tuple[str, str], ...]
    findings_found: tuple[tuple[str, str], ...]
    findings_missed: tuple[tuple[str, str], ...]
    findings_extra: tuple[tuple[str, str], ...]
    unparsed: int
    seconds: float

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0


def _score(name: str, gold: Counter[Key], figs: Figures) -> tuple[int, int, int, tuple[Key, ...], tuple[Key, ...]]:
    got: Counter[Key] = Counter(figure_key(f) for f in figs if f.kind.value in _SCORED)
    matched = got & gold
    return (
        sum(gold.values()),
        sum(got.values()),
        sum(matched.values()),
        tuple((gold - got).elements()),
        tuple((got - gold).elements()),
    )


def evaluate_corpus(corpus: Path = CORPUS, hand: Path = HAND) -> list[ReportScore]:
    scores = []
    for txt in sorted(corpus.glob("*.txt")):
        reading = txt.with_suffix(".yaml")
        data = yaml.safe_load(reading.read_text(encoding="utf-8")) if reading.exists() else {}
        started = time.perf_counter()
        extraction = extract(read_document(txt))
        result = audit(extraction.figures)
        seconds = time.perf_counter() - started
        gold = gold_figures(data)
        g, e, m, missed, spurious = _score(txt.stem, gold, extraction.figures)
        hand_file = hand / f"{txt.stem}.yaml"
        expected = finding_signatures(audit(load_figures(hand_file))) if hand_file.exists() else Counter()
        found = finding_signatures(result)
        scores.append(
            ReportScore(
                txt.stem,
                g,
                e,
                m,
                missed,
                spurious,
                tuple(sorted(expected.elements())),
                tuple(sorted((found & expected).elements())),
                tuple(sorted((expected - found).elements())),
                tuple(sorted((found - expected).elements())),
                len(extraction.unparsed),
                seconds,
            )
        )
    return scores


def main() -> int:
    scores = evaluate_corpus()
    print(f"{'report':46} {'gold':>4} {'got':>4} {'ok':>4} {'recall':>6} {'prec':>6}  findings(found/expected, extra)")
    for s in scores:
        print(
            f"{s.name[:46]:46} {s.gold:4d} {s.extracted:4d} {s.matched:4d} {s.recall:6.2f} {s.precision:6.2f}"
            f"  {len(s.findings_found)}/{len(s.findings_expected)}, extra {len(s.findings_extra)}"
        )
        for k in s.missed:
            print(f"      missed   {k}")
        for k in s.spurious:
            print(f"      spurious {k}")
        for f in s.findings_missed:
            print(f"      finding missed {f}")
        for f in s.findings_extra:
            print(f"      finding extra  {f}")
    g = sum(s.gold for s in scores)
    e = sum(s.extracted for s in scores)
    m = sum(s.matched for s in scores)
    fe = sum(len(s.findings_expected) for s in scores)
    ff = sum(len(s.findings_found) for s in scores)
    fx = sum(len(s.findings_extra) for s in scores)
    ms = 1000 * sum(s.seconds for s in scores) / len(scores)
    print(
        f"{'TOTAL':46} {g:4d} {e:4d} {m:4d} {m / g:6.3f} {m / e:6.3f}  findings {ff}/{fe} found, {fx} extra;"
        f" {ms:.1f} ms per document (read, extract, checks; start-up included — see make bench)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
