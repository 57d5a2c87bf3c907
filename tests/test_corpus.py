"""What the checks must find in the hand-entered figures of the real corpus reports.

Every expectation below was worked out from the report text (data/corpus/NN_slug.txt) with exact
fractions, independently of the checker; the arithmetic is written next to each row. The first
test re-derives the key arithmetic with a tiny self-contained half-up/half-even rounding so that a
wrong expectation here shows up as a wrong row, not as a checker bug.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from proposal_audit.audit import AuditResult, audit
from proposal_audit.figures import Kind, load_figures
from proposal_audit.results import Category, CheckResult

ROOT = Path(__file__).parent.parent
FIG_DIR = ROOT / "data/figures/corpus"
FIG_FILES = sorted(FIG_DIR.glob("*.yaml"))

EXPECTED_STEMS = [
    "01_ningbo_haishu_2021_renda",
    "03_city_2020_renda_abcd_noaddr",
    "05_qinyang_2023_renda_jiayibing",
    "06_daqing_1991_renda_yearbook",
    "08_city15th_zhengxie_146_trad",
    "10_wuhan_2009_zhengxie",
    "12_ningbo_2011_zhengxie_591",
    "14_gongliu_2024_renda_abc_trad",
    "16_fuzhou_2011_renda_satisfaction_only",
    "19_national_npc_2002_chinese_numerals",
    "22_sichuan_province_2016_renda_1034",
    "23_sichuan_province_2017_renda_778",
    "24_kunming_2020_zhengxie_abc",
    "30_chenggong_2020_zhengxie",
    "37_wucheng_jinhua_2009_zhengxie_caina",
    "38_beijing_dongcheng_2015_zhengxie_pct_trad",
]
BY_NUMBER = {s[:2]: s for s in EXPECTED_STEMS}

FINDING = ("fail", "warn")


def _audit(number: str) -> AuditResult:
    """Audited afresh for every test (no cache: mutation testing must see each test run the checks)."""
    return audit(load_figures(FIG_DIR / f"{BY_NUMBER[number]}.yaml"))


def _results(number: str, check_id: str) -> list[CheckResult]:
    return [r for r in _audit(number).results if r.check_id == check_id]


def _one(number: str, check_id: str) -> CheckResult:
    found = _results(number, check_id)
    ids = sorted({r.check_id for r in _audit(number).results})
    assert len(found) == 1, f"{number}: expected exactly one result {check_id!r}, got {len(found)}; ids: {ids}"
    return found[0]


# --------------------------------------------------------------------------- independent arithmetic


def _prints_as(k: int, n: int, printed: str) -> bool:
    """Does 100·k/n, rounded half-up or half-even to the printed decimals, print as `printed`?"""
    d = len(printed.split(".")[1]) if "." in printed else 0
    x = Fraction(100 * k * 10**d, n)
    lower = x.numerator // x.denominator
    rest = x - lower
    half_up = lower + (1 if rest >= Fraction(1, 2) else 0)
    half_even = lower + (1 if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and lower % 2) else 0)
    return Fraction(printed) * 10**d in (half_up, half_even)


def _reachable(printed: str, n: int) -> bool:
    return any(_prints_as(k, n, printed) for k in range(n + 1))


ARITHMETIC = [
    # (k, n, printed, consistent?)   -- the facts the rows below rest on
    (114, 166, "68.68", False),  # 01 A: 68.6747 -> 68.67
    (19, 166, "11.44", False),  # 01 财政商贸: 11.4458 -> 11.45
    (43, 166, "25.9", True),  # 01 B: 25.904 -> 25.9
    (160, 166, "96.39", True),  # 01 satisfied: 96.3855
    (149, 166, "89.76", True),  # 01 办理结果 satisfied: 89.7590
    (148, 591, "25.2", False),  # 12 A on the total: 25.04 -> 25.0
    (148, 588, "25.2", True),  # 12 A on the class sum: 25.170
    (364, 591, "61.9", False),  # 12 B on the total: 61.59 -> 61.6
    (364, 588, "61.9", True),  # 12 B on the class sum: 61.905
    (66, 591, "11.2", True),  # 12 C is consistent with 591 too: 11.1675 -> 11.2
    (10, 591, "1.7", True),  # 12 D is consistent with 591 too: 1.692 -> 1.7
    (526, 527, "99.8", True),  # 12 办理工作 on the 527 forms: 99.810
    (519, 527, "98.5", True),  # 12 办理结果 on the 527 forms: 98.482
    (33, 52, "63.4", False),  # 14 A: 63.4615 -> 63.5
    (14, 52, "27", True),  # 14 B at 0 decimals: 26.92 -> 27
    (14, 52, "27.0", False),  # 14 B at its set's 1 decimal: 26.9
    (828, 835, "99.16", True),  # 10: 99.1617 on the 835 submitted
    (113, 114, "99.12", True),  # 30: 99.1228 on the 114 at session
    (16, 23, "69.6", True),  # 30 回头看: 69.565
    (217, 244, "88.9", True),  # 37 采纳+部分采纳: 88.934
    (195, 305, "63.9", True),  # 38 A on the 305 submitted: 63.934 (a coincidence, see below)
    (144, 305, "47.2", True),  # 38 非常满意 on 305: 47.213
    (108, 305, "35.4", True),  # 38 满意 on 305: 35.410
    (177, 277, "63.9", True),  # 38 A alone: nearest fitting base 277
    (159, 249, "63.9", True),  # 38: 249 fits all three class shares: 159/249 = 63.855
    (68, 249, "27.3", True),  # 68/249 = 27.309
    (22, 249, "8.8", True),  # 22/249 = 8.835; 159 + 68 + 22 = 249
    (75, 275, "27.3", True),  # 38 列入计划: nearest fitting base 275
    (24, 274, "8.8", True),  # 38 留作参考: a near fitting base 274
    (181, 182, "99.5", True),  # 37: nearest fitting base 182
]

REACHABILITY = [
    # (printed, base, reachable?)
    ("99.16", 801, False),  # 794/801 = 99.126 -> 99.13, 795/801 = 99.251 -> 99.25
    ("99.16", 835, True),
    ("99.12", 115, False),  # 113/115 = 98.26, 114/115 = 99.13
    ("99.12", 114, True),
    ("99.5", 172, False),  # 171/172 = 99.42 -> 99.4, 172/172 = 100
    ("99.5", 244, False),  # 242/244 = 99.18, 243/244 = 99.59 -> 99.6
    ("63.9", 276, False),  # 176/276 = 63.77, 177/276 = 64.13
    ("27.3", 276, False),  # 75/276 = 27.17, 76/276 = 27.54
    ("8.8", 276, False),  # 24/276 = 8.70, 25/276 = 9.06
    ("27.3", 305, False),  # 83/305 = 27.21, 84/305 = 27.54
    ("8.8", 305, False),  # 26/305 = 8.52, 27/305 = 8.85 -> 8.9
    ("47.2", 276, False),  # 130/276 = 47.10, 131/276 = 47.46
    ("35.4", 276, False),  # 97/276 = 35.14, 98/276 = 35.51
    ("82.5", 276, False),  # 227/276 = 82.25, 228/276 = 82.61
    ("82.5", 305, False),  # 251/305 = 82.30, 252/305 = 82.62
]


@pytest.mark.parametrize(("k", "n", "printed", "consistent"), ARITHMETIC)
def test_arithmetic_behind_the_expectations(k: int, n: int, printed: str, consistent: bool) -> None:
    assert _prints_as(k, n, printed) is consistent


@pytest.mark.parametrize(("printed", "n", "reachable"), REACHABILITY)
def test_reachability_behind_the_expectations(printed: str, n: int, reachable: bool) -> None:
    assert _reachable(printed, n) is reachable


# --------------------------------------------------------------------------- every file loads


def test_every_corpus_report_has_a_figures_file() -> None:
    assert sorted(p.stem for p in FIG_FILES) == sorted(EXPECTED_STEMS)


@pytest.mark.parametrize("path", FIG_FILES, ids=[p.stem for p in FIG_FILES])
def test_figures_file_loads(path: Path) -> None:
    figs = load_figures(path)
    assert len(figs.of_kind(Kind.TOTAL)) == 1
    assert figs.meta.body in ("人大", "政协")
    assert (ROOT / figs.meta.source).is_file(), figs.meta.source
    assert Path(figs.meta.source).stem == path.stem
    assert all(f.provenance.text for f in figs), "every figure carries its quote"


# --------------------------------------------------------------------------- findings

# (report, check_id, status, cause, a base that must be among the candidates or None)
FINDINGS = [
    # 12: 148+364+66+10 = 588, the total is 591.
    ("12", "parts.classes", "fail", "parts_do_not_add_up", None),
    # 12: A and B only fit the class sum 588 (see ARITHMETIC); C and D fit 591 as well (clean rows).
    ("12", "pct.share:class.r1", "fail", "other_base", 588),
    ("12", "pct.share:class.r2", "fail", "other_base", 588),
    # 01: 68.68+25.9+5.42+0 = 100.00, honestly 68.67 -> 99.99: A nudged up one unit.
    ("01", "pct.share:class.r1", "warn", "forced_to_100", None),
    # 01 表1: 41.57+27.11+11.44+9.04+9.04+1.2+0.6 = 100.00; honestly 11.45 -> 100.01.
    ("01", "pct.share:topic.3", "warn", "forced_to_100", None),
    # 14: 63.4+27+9.6 = 100.0; A honestly 63.5 (63.5+27+9.6 = 100.1).
    ("14", "pct.share:class.r1", "warn", "forced_to_100", None),
    # 14: B printed 27 in a one-decimal set; at one decimal 14/52 is 26.9, not 27.0.
    ("14", "pct.precision:class.r2", "warn", "precision", None),
    # 10: 99.16% has no count out of 801, but 828/835 = 99.1617 and 835 is stated (共收到提案835件).
    ("10", "pct.reachable:sat.satisfied_or_basic", "fail", "other_base", 835),
    # 30: not reachable on 115, 113/114 = 99.1228 on the 114 received at the session.
    ("30", "pct.reachable:sat.satisfied_or_basic", "fail", "other_base", 114),
    # 37: 99.5% of the 172 feedback returns is unreachable; 244 does not fit either; 182 is nearest.
    ("37", "pct.reachable:sat.feedback.satisfied_or_basic", "fail", "unreachable", 182),
    # 38: 47.2+35.4 = 82.6, printed 兩項合計為82.5%.
    # It is a warning, not a failure: unrounded terms at the bottom of their intervals (47.15 + 35.35)
    # can sum to 82.5, and 246 委員提案 gives exactly that (116/246 + 87/246 = 203/246 = 82.52%).
    ("38", "sum.pct:sum.1", "warn", "wrong_stated_sum", None),
    # 38: the class shares have no count out of 276. 63.9 alone happens to fit the 305 submitted
    # (195/305), but its siblings 27.3 and 8.8 do not fit 305, so 305 is not the base of the set:
    # the honest cause is "unreachable"; 277 fits 63.9 alone but not 27.3 (75/277 = 27.08,
    # 76/277 = 27.44), while 249 fits all three shares of the set (rows above).
    ("38", "pct.reachable:class.r1", "fail", "unreachable", 249),
    ("38", "pct.reachable:class.r2", "fail", "unreachable", 249),
    ("38", "pct.reachable:class.r4", "fail", "unreachable", 249),
    # 38: satisfaction base not stated, entered on the total 276: neither share is reachable on 276.
    # The two terms alone would fit 305 (144/305 = 47.21, 108/305 = 35.41), but their stated sum does
    # not (252/305 = 82.62): one base must explain the terms and the sum together, and 246 does.
    ("38", "pct.reachable:sat.very_satisfied", "fail", "other_base", 246),
    ("38", "pct.reachable:sat.satisfied", "fail", "other_base", 246),
]


def test_a_stated_sum_is_decided_against_its_terms_not_as_a_share_of_its_own():
    # 38: 兩項合計為82.5% sums two printed shares (47.2 + 35.4): the warning of sum.pct above says
    # all there is to say. Its own reachability (82.5 of 276: 227/276 = 82.25, 228/276 = 82.61) is no
    # second finding: the terms' results already name 246 (203/246 = 82.52 -> 82.5).
    assert _results("38", "pct.reachable:sum.1") == []


@pytest.mark.parametrize(
    ("number", "check_id", "status", "cause", "candidate"),
    FINDINGS,
    ids=[f"{r[0]}-{r[1]}" for r in FINDINGS],
)
def test_finding(number: str, check_id: str, status: str, cause: str, candidate: int | None) -> None:
    r = _one(number, check_id)
    assert r.category is Category.ARITHMETIC
    assert (r.status.value, r.cause.value if r.cause else None) == (status, cause), r.message.en
    if candidate is not None:
        assert candidate in r.candidates, f"{candidate} not in {r.candidates}: {r.message.en}"


# --------------------------------------------------------------------------- clean look-alikes

# (report, check_id): correctly printed figures beside the defects; each must pass.
CLEAN = [
    ("01", "pct.share:class.r2"),  # 43/166 = 25.904 -> 25.9 (a dropped trailing zero, not a nudge)
    ("01", "pct.precision:class.r2"),  # 25.90 printed 25.9
    ("01", "pct.share:class.r3"),  # 9/166 = 5.4217 -> 5.42
    ("01", "pct.share:class.r4"),  # 0/166 = 0
    ("01", "pct.share:sat.satisfied"),  # 160/166 = 96.3855 -> 96.39
    ("01", "pct.share:sat.basically_satisfied"),  # 6/166 = 3.6145 -> 3.61
    ("01", "pct.share:sat.d1.satisfied"),  # 149/166 = 89.7590 -> 89.76
    ("01", "pct.share:sat.d1.basically_satisfied"),  # 17/166 = 10.2410 -> 10.24
    ("01", "pct.share:topic.1"),  # 69/166 = 41.5663 -> 41.57
    ("01", "pct.share:topic.6"),  # 2/166 = 1.205 -> 1.2
    ("01", "pctsum.classes"),  # 100.00
    ("01", "sum.count:sum.2"),  # 114+43+9+0 = 166
    ("01", "sum.pct:sum.1"),  # the printed column sums to 100.00
    ("01", "parts.topics"),  # 69+45+19+15+15+2+1 = 166
    ("12", "pct.share:sat.feedback_forms.satisfied_or_basic"),  # 526/527 = 99.810 -> 99.8 (on the feedback forms)
    ("12", "pct.share:sat.d1.feedback_forms.satisfied_or_basic"),  # 519/527 = 98.482 -> 98.5
    ("12", "pct.share:class.r3"),  # 66/591 = 11.1675 -> 11.2
    ("12", "pct.share:class.r4"),  # 10/591 = 1.692 -> 1.7
    ("12", "pctsum.classes"),  # 25.2+61.9+11.2+1.7 = 100.0
    ("14", "pct.share:class.r2"),  # 14/52 = 26.92 -> 27 at its own (0) decimals
    ("14", "pct.share:class.r3"),  # 5/52 = 9.615 -> 9.6
    ("14", "parts.classes"),  # 33+14+5 = 52
    ("10", "pct.share:class.r1"),  # 564/801 = 70.412 -> 70.41
    ("10", "pct.share:rate.submitted.1"),  # 801/835 = 95.928 -> 95.9
    ("10", "parts.classes"),  # 564+207+30 = 801
    ("30", "pct.share:class.d1.followup_b.r1"),  # 16/23 = 69.565 -> 69.6 on its own base
    ("30", "sum.count:sum.1"),  # 112+2 = 114
    ("30", "sum.count:sum.2"),  # 114+1 = 115
    ("37", "pct.share:sum.1"),  # (173+44)/244 = 217/244 = 88.934 -> 88.9
    ("37", "pct.share:reply_rate"),  # 244/244
    ("38", "pct.share:rate.submitted.1"),  # 276/305 = 90.492 -> 90.5
    ("38", "parts.topics:d1"),  # 25+2+3+246 = 276
    ("38", "pctsum.classes"),  # 63.9+27.3+8.8 = 100.0
    ("22", "pct.share:sat.feedback.satisfied"),  # 690/755 = 91.391 -> 91.4 (on the 755 with feedback)
    ("22", "pct.share:sat.feedback.basically_satisfied"),  # 65/755 = 8.609 -> 8.6
    ("22", "parts.satisfaction:feedback"),  # 690+65 = 755
    ("22", "pct.precision:class.r2"),  # 403/1034 = 38.97 -> 39.0, printed 39
    ("22", "sum.count:sum.1"),  # 950+80+4 = 1034
    ("19", "sum.count:sum.1"),  # 536+2560 = 3096
    ("19", "pct.share:sum.1"),  # 3096/4287 = 72.218 -> 72.2
    ("19", "parts.classes"),  # 536+2560+775+416 = 4287
    ("24", "parts.classes:d1.dangqun"),  # 45+12 = 57
    ("24", "pct.share:class.d1.dangqun.r1"),  # 45/57 = 78.95 -> 79
    ("24", "pct.share:class.d1.dangqun.r2"),  # 12/57 = 21.05 -> 21
    ("24", "pct.share:rate.submitted.1"),  # 470/578 = 81.315 -> 81.31
    ("24", "sum.count:sum.1"),  # 470+23+85 = 578
    ("16", "pct.share:sat.satisfied_or_basic"),  # 427/453 = 94.2605 -> 94.26
    ("23", "pct.reachable:sat.satisfied"),  # 90% of 778: 700/778 = 89.97 -> 90
]


@pytest.mark.parametrize(("number", "check_id"), CLEAN, ids=[f"{r[0]}-{r[1]}" for r in CLEAN])
def test_clean_figure_passes(number: str, check_id: str) -> None:
    r = _one(number, check_id)
    assert r.status.value == "pass", r.message.en


# A partial list (the top three topics, one class of a follow-up, only 采纳/部分采纳) states no
# total of its own, so falling short of the base is not an inconsistency: no fail, no warn.
INCOMPLETE_SETS = [
    ("22", "parts.topics"),  # 317+140+139 = 596 of 1034: 占比最高的是…其次…排在第三的是 (top three)
    ("23", "parts.topics"),  # 206 of 778: 占比最大 (the largest topic only)
    ("30", "parts.classes:d1.followup_b"),  # 16 of 23 solved, 其余提案正在抓紧办理中 (no count)
    ("37", "parts.classes"),  # 173+44 = 217 of 244; the other 27 are not described
]


@pytest.mark.parametrize(("number", "check_id"), INCOMPLETE_SETS, ids=[f"{r[0]}-{r[1]}" for r in INCOMPLETE_SETS])
def test_incomplete_set_is_not_a_finding(number: str, check_id: str) -> None:
    for r in _results(number, check_id):
        assert r.status.value not in FINDING, r.message.en


# --------------------------------------------------------------------------- whole reports

# Every arithmetic finding (fail or warn) each report must produce, and nothing else.
ARITHMETIC_FINDINGS = [
    ("01", {"pct.share:class.r1", "pct.share:topic.3"}),
    ("03", set()),
    ("05", set()),
    ("06", set()),
    ("08", set()),
    ("10", {"pct.reachable:sat.satisfied_or_basic"}),
    ("12", {"parts.classes", "pct.share:class.r1", "pct.share:class.r2"}),
    ("14", {"pct.share:class.r1", "pct.precision:class.r2"}),
    ("16", set()),
    ("19", set()),
    ("22", set()),
    ("23", set()),
    ("24", set()),
    ("30", {"pct.reachable:sat.satisfied_or_basic"}),
    ("37", {"pct.reachable:sat.feedback.satisfied_or_basic"}),
    (
        "38",
        {
            "sum.pct:sum.1",  # decides the stated sum; no reachability of its own (test above)
            "pct.reachable:class.r1",
            "pct.reachable:class.r2",
            "pct.reachable:class.r4",
            "pct.reachable:sat.very_satisfied",
            "pct.reachable:sat.satisfied",
        },
    ),
]


@pytest.mark.parametrize(("number", "expected"), ARITHMETIC_FINDINGS, ids=[r[0] for r in ARITHMETIC_FINDINGS])
def test_arithmetic_findings_of_report(number: str, expected: set[str]) -> None:
    found = {
        r.check_id: r.message.en
        for r in _audit(number).results
        if r.category is Category.ARITHMETIC and r.status.value in FINDING
    }
    assert set(found) == expected, found
