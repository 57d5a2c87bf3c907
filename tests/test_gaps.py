"""Satisfaction against resolution: rates, gaps and Fréchet bounds, worked out by hand."""

from fractions import Fraction

import pytest

from proposal_audit.gaps import frechet
from proposal_audit.results import Cause, Policy, Status
from tests.conftest import cls, run, sat, total
from tests.test_checks import HENGNAN


@pytest.mark.parametrize(
    "r, c, n, bounds",
    [
        (109, 117, 149, (77, 109)),  # not solved × fully satisfied, Hengnan 2019
        (20, 149, 149, (20, 20)),  # class C × satisfied-or-basic: all of them
        (40, 117, 149, (8, 40)),  # class A × fully satisfied
        (10, 10, 100, (0, 10)),
        (0, 50, 50, (0, 0)),
        (20, 150, 149, (20, 20)),  # inconsistent margins (150 > 149) still cannot exceed min(r, c)
    ],
)
def test_frechet(r, c, n, bounds):
    assert frechet(r, c, n) == bounds


def test_hengnan_rates_and_gap():
    g = run(*HENGNAN).gaps
    assert g.rate("resolution").value == Fraction(4000, 149)  # 40/149 = 26.85%
    assert g.rate("commitment").value == Fraction(12900, 149)  # 129/149 = 86.58%
    assert g.rate("satisfied").value == Fraction(11700, 149)  # 117/149
    assert g.rate("combined").value == 100  # (117 + 32)/149
    gaps = {t.en: p for t, p in g.gaps}
    assert gaps["satisfied or basically satisfied − resolution rate (class A)"] == 100 - Fraction(4000, 149)


def test_hengnan_headlines():
    text = "\n".join(h.zh for h in run(*HENGNAN).gaps.headlines)
    assert "相差73.15个百分点" in text
    assert "至少77件" in text
    assert "全部20件" in text


def test_threshold_decides_the_finding():
    res = run(*HENGNAN)
    assert (res.gaps.finding.status, res.gaps.finding.cause) == (Status.WARN, Cause.GAP)
    high = run(*HENGNAN, policy=Policy(gap_threshold=Fraction(80)))
    assert high.gaps.finding.status is Status.PASS  # 73.15 points is within 80


def test_small_gap_is_no_finding():
    # 120 of 149 solved (80.54%), 130 satisfied + 19 basic: gap 19.46 points < 20
    res = run(total(149), cls("A", 1, 120), cls("B", 2, 29), sat("satisfied", 130), sat("basically_satisfied", 19))
    assert res.gaps.finding.status is Status.PASS


def test_no_satisfaction_figures_is_not_decidable():
    res = run(total(57), cls("A", 1, 43), cls("B", 2, 13), cls("C", 3, 1))
    assert res.gaps.finding.status is Status.UNDECIDABLE
    assert res.gaps.cells == ()


def _sichuan_2016(feedback: dict) -> list[dict]:
    return [
        total(1034),
        {"kind": "base", "key": "feedback", "count": 755, **feedback},
        cls("A", 1, 363),
        cls("B", 2, 403),
        cls("C", 3, 268),
        sat("satisfied", 690, base="feedback"),
        sat("basically_satisfied", 65, base="feedback"),
    ]


@pytest.mark.parametrize(
    "feedback",
    [
        {"quote": "代表共对755件建议的办理工作进行了满意度反馈"},  # the text counts 755 proposals (件建议)
        {"base": "total"},  # the figures file declares the 755 a part of the proposals
    ],
)
def test_satisfaction_on_a_part_of_the_proposals_bounds_the_cells(feedback):
    # 690 satisfied of the 755 proposals with feedback, 363 of 1034 solved: both margins count proposals,
    # so at least 690 + (1034 − 363) − 1034 = 327 were rated satisfied and not solved.
    text = "\n".join(h.zh for h in run(*_sichuan_2016(feedback)).gaps.headlines)
    assert "至少327件" in text and "755件反馈" in text


def test_satisfaction_on_an_unknown_population_gives_no_bound_and_says_how_to_give_one():
    # Nothing says whether the 755 are proposals or forms (one per deputy): no bound, and the reason.
    g = run(*_sichuan_2016({})).gaps
    text = "\n".join(h.zh for h in g.headlines)
    assert "至少" not in text and g.cells == ()
    assert "不是同一总体" in text and "base: total" in text
    assert g.finding.observed == "64.89"  # the rates are still compared: 100 − 363/1034 = 100 − 35.11


def test_a_combined_figure_is_never_taken_for_fully_satisfied():
    # Hengnan plus the line reports often print: 满意率(含基本满意)100%
    res = run(*HENGNAN, sat("satisfied_or_basic", pct="100"))
    assert res.gaps.rate("satisfied").value == Fraction(11700, 149)  # still 117/149
    assert "至少77件" in "\n".join(h.zh for h in res.gaps.headlines)


def test_only_a_combined_count_gives_no_strict_rate():
    # corpus 08's shape without the levels: 满意或基本满意 146 of 146
    res = run(total(146), cls("A", 1, 122), cls("B", 2, 24), sat("satisfied_or_basic", 146))
    assert res.gaps.rate("satisfied") is None
    assert res.gaps.rate("combined").value == 100
    assert not any("满意但问题尚未解决" in h.zh for h in res.gaps.headlines)


def test_levels_beat_the_combined_figure_for_the_combined_rate():
    # 144 + 2 of 146, while a combined share of 99% is also printed: the counts decide (100%)
    res = run(total(146), sat("satisfied", 144), sat("basically_satisfied", 2), sat("satisfied_or_basic", pct="99"))
    assert res.gaps.rate("combined").value == 100 and res.gaps.rate("combined").count == 146


def test_a_zero_bound_is_no_headline():
    # 80 solved, 50 satisfied of 100: 50 + 20 − 100 < 0, so nothing is implied
    res = run(total(100), cls("A", 1, 80), cls("B", 2, 20), sat("satisfied", 50), sat("basically_satisfied", 50))
    assert not any("至少0件" in h.zh or "满意但问题尚未解决" in h.zh for h in res.gaps.headlines)
