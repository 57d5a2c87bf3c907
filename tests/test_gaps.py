"""Satisfaction against resolution: rates, gaps and Fréchet bounds, worked out by hand."""

from fractions import Fraction

import pytest

from proposal_audit.gaps import frechet
from proposal_audit.results import Cause, Policy, Severity, Status
from tests.conftest import cls, make, run, sat, total
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


# --------------------------------------------------------------------------- the whole analysis, by hand

HENGNAN_LABELLED = [
    total(149),
    cls("A类", 1, 40, "26.85"),
    cls("B类", 2, 89, "59.73"),
    cls("C类", 3, 20, "13.42"),
    sat("satisfied", 117, "78.52"),
    sat("basically_satisfied", 32, "21.48"),
]


def _rates(g):
    return [
        (r.key, r.title.zh, r.title.en, r.value, r.count, r.base, r.from_counts, r.printed_decimals, r.figures)
        for r in g.rates
    ]


def test_hengnan_analysis_in_full():
    g = run(*HENGNAN_LABELLED).gaps
    assert g.population == 149
    assert _rates(g) == [
        ("resolution", "解决率(A类)", "resolution rate (class A)", Fraction(4000, 149), 40, 149, True, 2, ("class.A类", "total")),
        # 40 + 89 = 129
        ("commitment", "解决及正在解决率(A+B类)", "commitment rate (A+B)", Fraction(12900, 149), 129, 149, True, 2,
         ("class.A类", "class.B类", "total")),
        ("satisfied", "满意率(不含基本满意)", "satisfied, not counting basically satisfied", Fraction(11700, 149), 117, 149,
         True, 2, ("sat.satisfied", "total")),
        # 117 + 32 = 149 of 149
        ("combined", "满意率(含基本满意)", "satisfied or basically satisfied", Fraction(100), 149, 149, True, 2,
         ("sat.satisfied", "sat.basically_satisfied", "total")),
    ]  # fmt: skip
    # combined − resolution = 100 − 4000/149 = 10900/149; − commitment = 2000/149;
    # satisfied − resolution = 7700/149; satisfied − commitment = −1200/149
    assert [(t.zh, t.en, p) for t, p in g.gaps] == [
        ("满意率(含基本满意) − 解决率(A类)", "satisfied or basically satisfied − resolution rate (class A)", Fraction(10900, 149)),
        ("满意率(含基本满意) − 解决及正在解决率(A+B类)", "satisfied or basically satisfied − commitment rate (A+B)",
         Fraction(2000, 149)),
        ("满意率(不含基本满意) − 解决率(A类)", "satisfied, not counting basically satisfied − resolution rate (class A)",
         Fraction(7700, 149)),
        ("满意率(不含基本满意) − 解决及正在解决率(A+B类)",
         "satisfied, not counting basically satisfied − commitment rate (A+B)", Fraction(-1200, 149)),
    ]  # fmt: skip
    assert [(c.row.en, c.col.en) for c in g.cells[3:5]] == [
        ("not solved (not class A)", "satisfied"),
        ("A类", "satisfied or basically satisfied"),
    ]
    assert g.withheld == ()
    f = g.finding
    assert (f.check_id, f.check, f.subject, f.category.value, f.title.zh, f.title.en) == (
        "gap.satisfaction_vs_resolution",
        "gap.satisfaction_vs_resolution",
        "",
        "gap",
        "满意率与解决率的差距",
        "satisfaction against resolution",
    )
    assert f.figures == ("class.A类", "total", "sat.satisfied", "sat.basically_satisfied")


def test_rates_from_printed_shares_keep_their_precision():
    # resolution 30/100 = 30%, satisfaction printed 95.5 (one decimal): 65.5 points
    g = run(total(100), cls("A", 1, 30), cls("B", 2, 70), sat("satisfied_or_basic", pct="95.5")).gaps
    assert _rates(g)[-1] == (
        "combined", "满意率(含基本满意)", "satisfied or basically satisfied", Fraction(955, 10), None, 100, False, 1,
        ("sat.satisfied_or_basic", "total"),
    )  # fmt: skip
    assert g.headlines[0].zh == "解决率30.00%,满意率(含基本满意)95.5%,相差65.50个百分点"
    assert g.cells == ()  # a printed share has no count to bound a cell with
    # two printed levels add up: 60.5 + 30.25 = 90.75, shown with the finer precision (two decimals)
    g = run(total(100), cls("A", 1, 30), sat("satisfied", pct="60.5"), sat("basically_satisfied", pct="30.25")).gaps
    assert g.rate("combined").text() == "90.75" and g.rate("satisfied").text() == "60.5"


def test_classes_without_a_solved_class():
    # ranks 2 and 3 only: no resolution rate, no "not solved" row; class C: 4 + 10 − 10 = 4 = all of it
    g = run(total(10), cls("B", 2, 6), cls("C", 3, 4), sat("satisfied", 7), sat("basically_satisfied", 3)).gaps
    assert g.rate("resolution") is None and g.rate("commitment").count == 6
    assert [(c.row.zh, c.col.zh, c.lower, c.upper) for c in g.cells] == [
        ("B", "满意", 3, 6),  # 6 + 7 − 10 = 3
        ("C", "满意", 1, 4),  # 4 + 7 − 10 = 1
        ("B", "满意或基本满意", 6, 6),
        ("C", "满意或基本满意", 4, 4),
    ]
    assert [h.zh for h in g.headlines] == ["C全部4件(暂时无法解决或留作参考)都被评为满意或基本满意"]
    assert (g.finding.status, g.finding.message.en) == (Status.UNDECIDABLE, "the report gives no resolution rate")


def test_bounds_of_zero_say_nothing_and_of_one_are_said():
    # A 30, B 49, C 20 (rank 3), D 1 (rank 4) of 100; satisfied 60 + basically 20 = 80.
    # Unsolved 70: 60 + 70 − 100 = 30. C: 20 + 80 − 100 = 0 and D: 1 + 80 − 100 < 0: nothing to say.
    classes = [total(100), cls("A", 1, 30), cls("B", 2, 49), cls("C", 3, 20), cls("D", 4, 1)]
    g = run(*classes, sat("satisfied", 60), sat("basically_satisfied", 20)).gaps
    assert [h.zh for h in g.headlines][1:] == [
        "至少30件建议代表表示满意但问题尚未解决(不在A类):满意60 + 未解决70 − 总数100 = 30"
    ]
    # satisfied 61 + 20 = 81: 61 + 70 − 100 = 31; C: 20 + 81 − 100 = 1 → at least 1 of the 20; D still 0
    g = run(*classes, sat("satisfied", 61), sat("basically_satisfied", 20)).gaps
    assert [h.zh for h in g.headlines][1:] == [
        "至少31件建议代表表示满意但问题尚未解决(不在A类):满意61 + 未解决70 − 总数100 = 31",
        "C20件中至少1件被评为满意或基本满意",
    ]
    # A 31 of 100 solved, 32 satisfied: 32 + 69 − 100 = 1, a bound of one, said
    g = run(total(100), cls("A", 1, 31), cls("B", 2, 69), sat("satisfied", 32), sat("basically_satisfied", 68)).gaps
    assert g.headlines[1].zh == "至少1件建议代表表示满意但问题尚未解决(不在A类):满意32 + 未解决69 − 总数100 = 1"


def test_the_impossible_finding_in_full():
    # 120 + 190 = 310 very satisfied or satisfied of 200
    g = run(total(200), cls("A", 1, 100), cls("B", 2, 100), sat("very_satisfied", 120), sat("satisfied", 190)).gaps
    f = g.finding
    assert (f.check_id, f.status, f.severity, f.cause, f.category.value, f.title.zh, f.figures) == (
        "gap.satisfaction_vs_resolution",
        Status.UNDECIDABLE,
        Severity.INFO,
        Cause.EXCEEDS_BASE,
        "gap",
        "满意率与解决率的差距",
        (),
    )
    # the resolution rate is still given: 100/200 = 50%
    assert [r.key for r in g.rates] == ["resolution", "commitment"] and g.rate("resolution").value == 50


def test_a_printed_rate_above_100_is_withheld_too():
    g = run(total(100), cls("A", 1, 30), sat("satisfied_or_basic", pct="101.5")).gaps
    assert [w.zh for w in g.withheld] == [
        "满意率(含基本满意)超过100%(101.5%),不是一个比率,不予计算",
        "未给出由公布数字推出的结论:“满意或基本满意”不超过其基数(未通过)",  # the share's own check failed
    ]
    assert g.finding.message.en == "satisfied or basically satisfied is above 100% (101.5%): not a rate"


def test_a_reading_to_confirm_in_the_finding():
    from dataclasses import replace

    from proposal_audit.audit import audit
    from proposal_audit.figures import Certainty, Figures

    figs = make(*HENGNAN_LABELLED)
    unsure = tuple(replace(f, certainty=Certainty.AMBIGUOUS) if f.key == "class.A类" else f for f in figs)
    g = audit(Figures(figs.meta, unsure)).gaps
    assert (g.finding.message.zh, g.finding.message.en) == (
        "确认读数:“A类”的读法不确定,确认后再比较两种比率",
        "confirm the reading: 'A类' can be read otherwise; the rates are compared once it is",
    )
    assert [(w.zh, w.en) for w in g.withheld] == [
        (
            "未给出由公布数字推出的结论:须先确认读数:“A类”",
            "no conclusion drawn from the figures: confirm the reading of 'A类' first",
        )
    ]
    assert g.headlines == g.withheld and g.cells == ()


def test_analyse_gaps_runs_the_checks_itself_when_not_given_them():
    from proposal_audit.gaps import analyse_gaps

    # 40 + 89 + 19 = 148 of 149: with no verdicts given, it finds the failed margin itself
    figs = make(
        total(149),
        cls("A", 1, 40),
        cls("B", 2, 89),
        cls("C", 3, 19),
        sat("satisfied", 117),
        sat("basically_satisfied", 32),
    )
    g = analyse_gaps(figs, Policy())
    assert g.withheld and g.cells == () and g.population == 149
    assert analyse_gaps(figs).withheld == g.withheld  # the default policy
