"""Tests written to kill the mutants `make mutate` left alive (see MUTATION_SURVIVORS.md).

Every expected value is worked out by hand in the comment beside it; none is copied from the code's
output. Where it helps, a clean look-alike sits next to the case that tells a mutant apart.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from proposal_audit.gaps import analyse_gaps
from proposal_audit.results import Cause, Policy, Severity, Status
from tests.conftest import cls, make, run, sat, total

GAP = "gap.satisfaction_vs_resolution"


def _amb(entry: dict) -> dict:
    return {**entry, "certainty": "ambiguous"}


# --------------------------------------------------------------------------- gaps: the finding


def test_a_gap_exactly_at_the_threshold_passes_in_full():
    # A 30 of 100 solved (30%); 40 satisfied + 10 basically satisfied = 50 of 100 (50%):
    # 50 − 30 = 20.00 points, exactly the default threshold of 20: not above it, so a pass.
    g = run(total(100), cls("A", 1, 30), cls("B", 2, 70), sat("satisfied", 40), sat("basically_satisfied", 10)).gaps
    f = g.finding
    assert (f.status, f.severity, f.cause, f.observed, f.expected) == (
        Status.PASS,
        Severity.INFO,
        None,
        "20.00",
        "≤ 20.00",
    )
    assert f.message.zh == "满意率(含基本满意)50.00% − 解决率30.00% = 20.00个百分点(未超过阈值20.00)"
    assert f.message.en == (
        "satisfied or basically satisfied 50.00% − resolution 30.00% = 20.00 points (within the threshold of 20.00)"
    )
    # the look-alike one proposal further apart: 51 − 30 = 21 points, above 20
    g = run(total(100), cls("A", 1, 30), cls("B", 2, 70), sat("satisfied", 41), sat("basically_satisfied", 10)).gaps
    f = g.finding
    assert (f.status, f.severity, f.cause, f.observed) == (Status.WARN, Severity.MAJOR, Cause.GAP, "21.00")
    assert f.message.zh.endswith("= 21.00个百分点(超过阈值20.00)")
    assert f.message.en.endswith("= 21.00 points (above the threshold of 20.00)")


def test_a_reading_to_confirm_gives_a_finding_in_full():
    # Hengnan with class A read ambiguously: the finding is about the rates' figures, in the order
    # resolution (A, total) then combined satisfaction (satisfied, basically satisfied; total once).
    g = run(
        total(149),
        _amb(cls("A类", 1, 40)),
        cls("B类", 2, 89),
        cls("C类", 3, 20),
        sat("satisfied", 117),
        sat("basically_satisfied", 32),
    ).gaps
    f = g.finding
    assert (f.check_id, f.check, f.title.zh, f.title.en) == (
        GAP,
        GAP,
        "满意率与解决率的差距",
        "satisfaction against resolution",
    )
    assert (f.status, f.severity, f.cause, f.category.value) == (
        Status.UNDECIDABLE,
        Severity.INFO,
        Cause.AMBIGUOUS_READING,
        "gap",
    )
    assert f.figures == ("class.A类", "total", "sat.satisfied", "sat.basically_satisfied")


def test_two_readings_to_confirm_are_both_named():
    g = run(
        total(149),
        _amb(cls("A类", 1, 40)),
        _amb(cls("B类", 2, 89)),
        cls("C类", 3, 20),
        sat("satisfied", 117),
        sat("basically_satisfied", 32),
    ).gaps
    # '须先确认读数:“A类、B类”': the two labels joined by 、, in the order the figures come
    (why,) = g.withheld
    names = why.zh.removeprefix("未给出由公布数字推出的结论:须先确认读数:“").removesuffix("”")
    assert names == "A类、B类"


def test_no_resolution_rate_says_so_in_full():
    # ranks 2 and 3 only: no class A, so no resolution rate; the finding still names its check
    f = run(total(10), cls("B", 2, 6), cls("C", 3, 4), sat("satisfied", 7), sat("basically_satisfied", 3)).gaps.finding
    assert (f.check_id, f.check, f.status, f.cause) == (GAP, GAP, Status.UNDECIDABLE, None)
    assert f.message.zh == "报告未给出解决率"


def test_a_resolution_rate_just_above_100_is_withheld():
    # 101 class A of 100: 101% is above 100 (by one point only); so is A+B (no B: 101/100 again).
    # The satisfaction rates are still computed: 50/100 and (50 + 10)/100.
    g = run(total(100), cls("A", 1, 101), sat("satisfied", 50), sat("basically_satisfied", 10)).gaps
    assert [r.key for r in g.rates] == ["satisfied", "combined"]
    assert [w.zh for w in g.withheld[:2]] == [
        "解决率(A类)超过100%(101/100),不是一个比率,不予计算",
        "解决及正在解决率(A+B类)超过100%(101/100),不是一个比率,不予计算",
    ]
    f = g.finding
    assert (f.status, f.cause, f.message.zh) == (
        Status.UNDECIDABLE,
        Cause.EXCEEDS_BASE,
        "解决率(A类)超过100%(101/100),不是一个比率,不予计算",
    )
    # the look-alike at exactly 100: 100/100 is a rate, and the finding compares it: 60 − 100 = −40
    g = run(total(100), cls("A", 1, 100), sat("satisfied", 50), sat("basically_satisfied", 10)).gaps
    assert g.rate("resolution").value == 100 and g.finding.observed == "-40.00"


def test_an_impossible_satisfaction_rate_on_its_own_base_is_still_said():
    # 95 satisfied of 90 with feedback: 95/90 = 105.56% is no rate. Its failed checks name only the
    # feedback and the satisfied count, not the classes or the total: no trouble, and the impossible
    # rate stays among the reasons given.
    g = run(
        total(100),
        {"kind": "base", "key": "feedback", "count": 90},
        cls("A", 1, 30),
        cls("B", 2, 70),
        sat("satisfied", 95, base="feedback"),
    ).gaps
    assert [w.zh for w in g.withheld] == ["满意率(不含基本满意)超过100%(95/90),不是一个比率,不予计算"]
    assert g.finding.cause is Cause.EXCEEDS_BASE


# --------------------------------------------------------------------------- gaps: rates and bounds


def test_rates_without_a_total_come_from_the_printed_shares():
    # figures read from a text that printed no total (Figures built directly, as the reader does):
    # A 30% is the resolution rate, A + B = 30 + 45 = 75% the commitment rate, as printed, on no base
    from proposal_audit.figures import Figures

    read = make(total(100), cls("A", 1, pct="30"), cls("B", 2, pct="45"), cls("C", 3, pct="25"))
    figs = Figures(read.meta, tuple(f for f in read if f.key != "total"))
    g = analyse_gaps(figs)
    res = g.rate("resolution")
    assert (res.value, res.count, res.base, res.from_counts, res.printed_decimals, res.figures) == (
        30,
        None,
        None,
        False,
        0,
        ("class.A",),
    )
    assert g.rate("commitment").value == 75
    assert g.population is None and g.cells == ()


def test_a_class_of_zero_counts_as_zero():
    # A 0, B 60, C 40 of 100; satisfied 0 + basically satisfied 100 = 100.
    g = run(
        total(100),
        cls("A", 1, 0),
        cls("B", 2, 60),
        cls("C", 3, 40),
        sat("satisfied", 0),
        sat("basically_satisfied", 100),
    ).gaps
    assert g.rate("resolution").value == 0 and g.rate("resolution").count == 0  # 0/100
    assert g.rate("commitment").value == 60  # (0 + 60)/100
    # rows A 0, B 60, C 40, not solved 100 − 0 = 100; columns satisfied 0, combined 100.
    # frechet(r, c, 100): lower max(0, r + c − 100), upper min(r, c)
    assert [(c.row.zh, c.col.zh, c.lower, c.upper, c.row_count, c.col_count) for c in g.cells] == [
        ("A", "满意", 0, 0, 0, 0),
        ("B", "满意", 0, 0, 60, 0),
        ("C", "满意", 0, 0, 40, 0),
        ("未解决(非A类)", "满意", 0, 0, 100, 0),
        ("A", "满意或基本满意", 0, 0, 0, 100),  # 0 + 100 − 100 = 0
        ("B", "满意或基本满意", 60, 60, 60, 100),  # 60 + 100 − 100 = 60
        ("C", "满意或基本满意", 40, 40, 40, 100),
        ("未解决(非A类)", "满意或基本满意", 100, 100, 100, 100),
    ]
    # satisfied 0 + not solved 100 − 100 = 0: no headline; C: 40 + 100 − 100 = 40, all of it
    assert [h.zh for h in g.headlines] == [
        "解决率0.00%,满意率(含基本满意)100.00%,相差100.00个百分点",
        "C全部40件(暂时无法解决或留作参考)都被评为满意或基本满意",
    ]


def test_a_class_without_a_count_gives_no_bounds():
    # B printed as a share only: the rows of the table are not all known, so no cell is bounded;
    # the rates are still compared (80 + 20 = 100% against 30%).
    g = run(
        total(100), cls("A", 1, 30), cls("B", 2, pct="70"), sat("satisfied", 80), sat("basically_satisfied", 20)
    ).gaps
    assert g.cells == ()
    assert [h.zh for h in g.headlines] == ["解决率30.00%,满意率(含基本满意)100.00%,相差70.00个百分点"]
    # the look-alike with B's count: 3 rows (A, B, not solved 70) × 2 columns = 6 cells
    g = run(total(100), cls("A", 1, 30), cls("B", 2, 70), sat("satisfied", 80), sat("basically_satisfied", 20)).gaps
    assert len(g.cells) == 6


def test_only_a_strict_rate_still_gives_the_gap_headline():
    # satisfied 60 of 100 and nothing else: the strict rate is the satisfaction rate compared.
    # 60 − 30 = 30 points; not solved 70: 60 + 70 − 100 = 30 satisfied and not solved.
    g = run(total(100), cls("A", 1, 30), cls("B", 2, 70), sat("satisfied", 60)).gaps
    assert [h.zh for h in g.headlines] == [
        "解决率30.00%,满意率(不含基本满意)60.00%,相差30.00个百分点",
        "至少30件建议代表表示满意但问题尚未解决(不在A类):满意60 + 未解决70 − 总数100 = 30",
    ]


def test_classes_of_a_breakdown_are_not_the_report_s_classes():
    # a class A of the breakdown "市直" (5 of the 100) is not a part of the report's class A (30):
    # the resolution rate stays 30/100.
    g = run(
        total(100),
        cls("A", 1, 30),
        cls("B", 2, 70),
        cls("A", 1, 5, dimension="市直", key="class.市直.A"),
        sat("satisfied", 60),
    ).gaps
    assert g.rate("resolution").value == 30 and g.rate("resolution").count == 30


@pytest.mark.parametrize(
    "entry, troubled",
    [
        (_amb(sat("satisfied", 60, label="满意")), True),  # the strict rate's own figure is unsure
        (sat("satisfied", 60, label="满意"), False),  # the clean look-alike
    ],
)
def test_an_unsure_strict_rate_carries_no_headline(entry, troubled):
    g = run(total(100), cls("A", 1, 30), cls("B", 2, 70), entry).gaps
    assert (g.cells == ()) is troubled
    assert any("须先确认读数:“满意”" in w.zh for w in g.withheld) is troubled


@pytest.mark.parametrize(
    "entry, troubled",
    [
        (_amb(sat("basically_satisfied", 20, label="基本满意")), True),  # only in the combined rate
        (sat("basically_satisfied", 20, label="基本满意"), False),
    ],
)
def test_an_unsure_combined_rate_carries_no_headline(entry, troubled):
    g = run(total(100), cls("A", 1, 30), cls("B", 2, 70), sat("satisfied", 60), entry).gaps
    assert (g.cells == ()) is troubled
    assert any("须先确认读数:“基本满意”" in w.zh for w in g.withheld) is troubled


def test_a_failed_check_elsewhere_does_not_withhold_the_headline():
    # topics on the 50 proposals with a written reply add up to 30 + 30 = 60 > 50: that check fails,
    # but on figures no rate is built on; the gap headline and the bounds are still given.
    g = run(
        total(100),
        {"kind": "base", "key": "written", "count": 50},
        cls("A", 1, 30),
        cls("B", 2, 70),
        sat("satisfied", 60),
        {"kind": "topic", "label": "交通", "count": 30, "base": "written"},
        {"kind": "topic", "label": "教育", "count": 30, "base": "written"},
    )
    assert any(r.status is Status.FAIL and r.cause is Cause.PARTS_DO_NOT_ADD_UP for r in g.results)
    assert g.gaps.withheld == () and g.gaps.headlines[0].zh.startswith("解决率30.00%")


def test_analyse_gaps_with_a_policy_of_its_own():
    # a threshold of 80 points: 100 − 30 = 70 is within it
    figs = make(total(100), cls("A", 1, 30), cls("B", 2, 70), sat("satisfied", 80), sat("basically_satisfied", 20))
    f = analyse_gaps(figs, Policy(gap_threshold=Fraction(80))).finding
    assert (f.status, f.observed, f.expected) == (Status.PASS, "70.00", "≤ 80.00")


# --------------------------------------------------------------------------- sums


def _one(res, check: str):
    (r,) = [r for r in res.results if r.check == check]
    return r


def _ab_sum(pct: str) -> list[dict]:
    # two classes printed at 30% each of 1000, no counts; their stated sum printed at `pct`
    return [
        total(1000),
        cls("A", 1, pct="30"),
        cls("B", 2, pct="30"),
        {"kind": "sum", "label": "两项合计", "pct": pct, "parts": ["class.A", "class.B"]},
    ]


@pytest.mark.parametrize(
    "pct, via",
    [
        # 30% of 1000 is 295..305 proposals (29.5 and 30.5 round to 30 under half-up or half-even):
        # together 590..610. 59.1% of 1000 is 591 exactly (59.05..59.15): inside 590..610.
        ("59.1", ";各项件数之和在基数1000上可得59.1%"),
        # 61% of 1000 is 605..614 (60.5..61.5 less 61.5): it overlaps 590..610 at 605..610.
        ("61", ";各项件数之和在基数1000上可得61%"),
        ("60", ""),  # the clean look-alike: 30 + 30 = 60 as printed, nothing to explain
    ],
)
def test_a_stated_share_the_counts_can_give(pct, via):
    r = _one(run(*_ab_sum(pct)), "sum.pct")
    assert (r.status, r.cause) == (Status.PASS, None)
    assert r.message.zh == f"30+30 = 60%,文中合计{pct}%{via}"
    en_via = f"; the terms' counts, summed, give {pct}% of 1000" if via else ""
    assert r.message.en == f"30+30 = 60%; printed {pct}%{en_via}"


def test_allowed_sum_keeps_the_ends_open_under_half_even():
    from proposal_audit.checks.sums import allowed_sum
    from proposal_audit.rounding import Mode, parse_percent

    # 51 is odd: half-even prints it for (50.5, 51.5), both ends open; 50 is even: [49.5, 50.5].
    # Unrounded sum W in (100, 102); printed 101 allowed for 100 − (102 − 101) < P < 100 − (100 − 101):
    # (99, 101), open at both ends. Under half-up, [50.5, 51.5) + [49.5, 50.5) = [100, 102): (99, 101].
    pcts = [parse_percent("51"), parse_percent("50")]
    even = allowed_sum(pcts, Mode.HALF_EVEN, True)
    assert (even.lo, even.hi, even.lo_open, even.hi_open) == (99, 101, True, True)
    assert Fraction(101) not in even
    up = allowed_sum(pcts, Mode.HALF_UP, True)
    assert (up.lo, up.hi, up.lo_open, up.hi_open) == (99, 101, True, False)
    assert Fraction(101) in up


def _on_filed() -> list[dict]:
    # 341 proposals after merging, shares printed "of the 365 filed": 200/365 = 54.79%, 141/365 = 38.63%
    return [
        {"kind": "total", "label": "建议总数", "count": 341},
        {"kind": "base", "key": "filed", "label": "立案", "count": 365},
        cls("A", 1, 200, "54.79", base="filed"),
        cls("B", 2, 141, "38.63", base="filed"),
    ]


def test_shares_of_another_base_sum_to_the_share_it_covers():
    r = _one(run(*_on_filed()), "pctsum.classes")
    # W = 34100/365 = 93.424657..%; each share is off by less than 0.005: the printed sum is allowed
    # within W ± 0.01 = [93.414657, 93.434657], shown at three decimals; 54.79 + 38.63 = 93.42 is in it.
    assert (r.status, r.expected, r.observed) == (Status.PASS, "[93.415, 93.435]", "93.42")
    assert r.message.zh == (
        "54.79+38.63 = 93.42%,应在[93.415, 93.435]之内"
        "(每项四舍五入最多差半个单位;各项合计为341/365 = 93.4247%,而非100%)"
    )
    assert r.message.en == (
        "54.79+38.63 = 93.42%, allowed [93.415, 93.435] "
        "(half a unit per rounded share; the parts cover 341/365 = 93.4247% of the base, not 100%)"
    )


def test_the_counts_of_shares_on_another_base_partition_the_total():
    r = _one(run(*_on_filed()), "parts.classes")
    # 200 + 141 = 341, the total; the shares are on the 365 filed (the set is named after its base)
    assert (r.check_id, r.subject, r.title.zh, r.status, r.severity) == (
        "parts.classes:filed",
        "filed",
        "办理结果分类件数之和",
        Status.PASS,
        Severity.INFO,
    )
    assert (r.expected, r.observed) == ("341", "341")
    assert r.message.zh == "200+141 = 341,等于建议总数341件(百分比按立案365件计算)"
    assert r.message.en == "200+141 = 341, the total 341 (the shares are on the stated base 365)"


def test_modes_other_than_nearest_are_named_in_the_message():
    # 50 + 50 = 100 fits every mode: half-up [99, 101], truncation [98, 100], ceiling [100, 102]:
    # the span is 100 ± 2.0
    res = run(total(100), cls("A", 1, pct="50"), cls("C", 3, pct="50"), policy=Policy.named("any"))
    r = _one(res, "pctsum.classes")
    assert r.message.zh == "50+50 = 100%,应在100 ± 2.0之内(按四舍五入、四舍六入五成双、截尾、进一取舍)"
    assert r.message.en == "50+50 = 100%, allowed 100 ± 2.0 (under half_up, half_even, truncate, ceiling)"


# --------------------------------------------------------------------------- parts


def test_a_failed_partition_of_a_breakdown_is_named_after_it():
    # the breakdown 市直: 3 + 4 + 4 = 11 of 10 (a class 3 says the scheme is complete)
    res = run(
        total(100),
        cls("A", 1, 30),
        cls("B", 2, 60),
        cls("C", 3, 10),
        cls("A", 1, 3, dimension="市直", key="c.d.A"),
        cls("B", 2, 4, dimension="市直", key="c.d.B"),
        cls("C", 3, 4, dimension="市直", key="c.d.C"),
        {"kind": "base", "key": "city", "count": 10},
    )
    failed = [r for r in res.results if r.check == "parts.classes" and r.status is Status.FAIL]
    assert [r.subject for r in failed] == ["d1"] and failed[0].check_id == "parts.classes:d1"


def test_a_combined_satisfaction_of_a_breakdown_on_its_own_base_is_named_after_both():
    # on the 50 with feedback, in the breakdown 办理态度: 30 + 20 = 50 as printed
    res = run(
        total(100),
        {"kind": "base", "key": "feedback", "count": 50},
        cls("A", 1, 30),
        cls("B", 2, 70),
        sat("satisfied", 30, dimension="办理态度", base="feedback"),
        sat("basically_satisfied", 20, dimension="办理态度", base="feedback"),
        sat("satisfied_or_basic", 50, dimension="办理态度", base="feedback"),
    )
    r = _one(res, "parts.satisfaction_combined")
    assert (r.check_id, r.status) == ("parts.satisfaction_combined:d1.feedback", Status.PASS)


@pytest.mark.parametrize(
    "entries, observed",
    [
        # a base of 120 feedback forms on 100 proposals: forms may outnumber proposals, no finding
        ([{"kind": "base", "key": "forms", "count": 120, "base": "total"}], []),
        # a stated sum of 120 (60% printed) over classes of 100: the count is impossible
        ([{"kind": "sum", "label": "两项合计", "count": 120, "pct": "60", "parts": ["class.A", "class.B"]}], ["120"]),
        # a share of 100.5%: above 100 by half a point
        ([cls("C", 3, pct="100.5")], ["100.5"]),
    ],
)
def test_within_base(entries, observed):
    res = run(total(100), cls("A", 1, 30), cls("B", 2, 70), *entries)
    rs = [r for r in res.results if r.check == "parts.within_base"]
    assert [r.observed for r in rs if r.status is Status.FAIL] == observed
    if not observed:
        (r,) = rs
        assert (r.status, r.subject, r.check_id) == (Status.PASS, "", "parts.within_base")


def test_a_handled_count_does_not_stop_the_look_for_parts_above_their_base():
    # handled 90 listed first, then class A 120 of 100: A is above its base
    res = run(total(100), {"kind": "handled", "count": 90}, cls("A", 1, 120))
    rs = [r for r in res.results if r.check == "parts.within_base" and r.status is Status.FAIL]
    assert [r.observed for r in rs] == ["120"]


def test_the_rounding_report_and_the_clean_within_base_have_no_subject():
    res = run(total(100), cls("A", 1, 30, "30"), cls("B", 2, 70, "70"))
    r = _one(res, "rounding.report")
    assert (r.check_id, r.subject) == ("rounding.report", "")
    r = _one(res, "parts.within_base")
    assert (r.check_id, r.subject, r.status) == ("parts.within_base", "", Status.PASS)


# --------------------------------------------------------------------------- percentages


def _by_check(res, check: str) -> list:
    return [r for r in res.results if r.check == check]


def test_a_share_whose_base_has_no_count_does_not_stop_the_others():
    # the satisfaction share's base (feedback) has no count: not decidable; the classes after it are
    # still checked: 30/100 = 30%, 70/100 = 70%.
    res = run(
        total(100),
        {"kind": "base", "key": "feedback"},
        sat("satisfied", pct="80", base="feedback"),
        cls("A", 1, 30, "30"),
        cls("B", 2, 70, "70"),
    )
    assert [(r.figures[0], r.status) for r in _by_check(res, "pct.share")] == [
        ("sat.satisfied", Status.UNDECIDABLE),
        ("class.A", Status.PASS),
        ("class.B", Status.PASS),
    ]


def test_a_share_without_a_base_does_not_stop_the_others():
    # a filing rate with nothing submitted to be a share of: skipped; the class after it is checked
    res = run(total(100), {"kind": "filing_rate", "pct": "90", "label": "立案率"}, cls("A", 1, 30, "30"))
    assert [(r.figures[0], r.status) for r in _by_check(res, "pct.share")] == [
        ("filing_rate.立案率", Status.SKIPPED),
        ("class.A", Status.PASS),
    ]


def _topics(first: str) -> list[dict]:
    # 1000 proposals in 11 topics: T0 has 100 (10%), T1..T10 have 90 each (9.0%): 100 + 900 = 1000.
    # Printed: T0 at `first`, each of T1..T10 at 8.9 (one unit of 0.1 below 9.0).
    return [
        total(1000),
        {"kind": "topic", "label": "T0", "count": 100, "pct": first},
        *({"kind": "topic", "label": f"T{i}", "count": 90, "pct": "8.9"} for i in range(1, 11)),
    ]


def test_nudges_that_cancel_across_precisions_are_no_forcing():
    # T0 printed 11 (+1 unit of 1) and ten −1 units of 0.1: 11 + 10 × 8.9 = 100 exactly, but the nudges
    # cancel (+1 − 10 × 0.1 = 0): none was made to reach 100, so each is a plain rounding error.
    res = run(*_topics("11"))
    causes = {r.figures[0]: r.cause for r in _by_check(res, "pct.share")}
    assert causes["topic.T0"] is Cause.MISROUNDED and causes["topic.T1"] is Cause.MISROUNDED


def test_nudges_that_reach_100_are_forcing():
    # the look-alike: 1/3 = 33.33..% → 33.3; 33.3 × 3 = 99.9, and one printed 33.4 (+1 unit of 0.1,
    # alone) makes the set sum to exactly 100: forced, not a wrong count.
    res = run(
        total(3),
        {"kind": "topic", "label": "甲", "count": 1, "pct": "33.4"},
        {"kind": "topic", "label": "乙", "count": 1, "pct": "33.3"},
        {"kind": "topic", "label": "丙", "count": 1, "pct": "33.3"},
    )
    causes = {r.figures[0]: r.cause for r in _by_check(res, "pct.share")}
    assert causes == {"topic.甲": Cause.FORCED_TO_100, "topic.乙": None, "topic.丙": None}


def test_another_base_must_fit_every_share_of_the_set():
    # B: 70 of 100 printed 71% (no mode gives 71). Another stated count, 90: 70/90 = 77.78%, not 71
    # either, so 90 is no explanation, though class A before B prints no share at all.
    res = run(total(100), {"kind": "base", "key": "x", "count": 90}, cls("A", 1, 30), cls("B", 2, 70, "71"))
    (r,) = [r for r in _by_check(res, "pct.share") if r.figures[0] == "class.B"]
    assert (r.status, r.cause, r.severity) == (Status.FAIL, Cause.MISROUNDED, Severity.MINOR)


def test_a_stated_sum_of_all_of_another_base_fits_it():
    # 120 proposals; A 60 and B 40 printed 60% and 40%: shares of 100, not of 120 (50% and 33.33%).
    # The text states A + B = 100, printed 100%: 100/100 = 100%, so the base 100 fits the whole set.
    res = run(
        total(120),
        cls("A", 1, 60, "60"),
        cls("B", 2, 40, "40"),
        cls("C", 3, 20),
        {"kind": "sum", "label": "两项合计", "count": 100, "pct": "100", "parts": ["class.A", "class.B"]},
    )
    (r,) = [r for r in _by_check(res, "pct.share") if r.figures[0] == "class.A"]
    assert (r.status, r.cause, r.candidates) == (Status.FAIL, Cause.OTHER_BASE, (100,))


# --------------------------------------------------------------------------- rates and filing counts


def test_a_lump_printed_only_as_an_unreachable_share():
    # 已解决和正在解决 50% of 7: 3/7 = 42.86% → 43, 4/7 = 57.14% → 57: no whole count gives 50.
    # No class of its ranks is printed, so no term decides it: the reachability check does.
    res = run(total(7), {"kind": "class_combined", "label": "已解决和正在解决", "ranks": [1, 2], "pct": "50"})
    (r,) = _by_check(res, "pct.reachable")
    assert (r.status, r.cause) == (Status.FAIL, Cause.UNREACHABLE)
    assert "(3/7→43, 4/7→57)" in r.message.zh


def test_a_share_on_a_base_without_a_count_does_not_stop_the_reachability_check():
    # the first share's base has no count; the class after it, 30% of 100 with no count, is reachable
    res = run(
        total(100),
        {"kind": "base", "key": "feedback"},
        sat("satisfied", pct="80", base="feedback"),
        cls("A", 1, pct="30"),
    )
    assert [(r.figures[0], r.status) for r in _by_check(res, "pct.reachable")] == [("class.A", Status.PASS)]


FILING = "filing_rate.立案率"


def _filing_shares(res) -> list:
    # which check took the filing rate: pct.share (with the count it stands for) or pct.reachable
    return [(r.check, r.figures) for r in res.results if r.check.startswith("pct.") and r.figures[:1] == (FILING,)]


@pytest.mark.parametrize(
    "figures, shares",
    [
        # a total with no stage word is the count filed: 276 of 318 = 86.7925% → 86.79
        (
            [{"kind": "submitted", "count": 318, "label": "共收到委员提案"}, {"kind": "total", "count": 276}],
            [("pct.share", (FILING, "submitted", "total"))],
        ),
        # two counts worded as filed: the total (276) is the one, not the other (270: 84.91%)
        (
            [
                {"kind": "submitted", "count": 318, "label": "共收到委员提案"},
                {"kind": "base", "key": "filed", "count": 270, "label": "经审查立案"},
                {"kind": "total", "count": 276, "label": "立案"},
            ],
            [("pct.share", (FILING, "submitted", "total"))],
        ),
    ],
)
def test_the_count_filed(figures, shares):
    res = run(*figures, {"kind": "filing_rate", "pct": "86.79", "label": "立案率"})
    assert _filing_shares(res) == shares
    assert [r.status for r in res.results if r.check == "pct.share"] == [Status.PASS]


def test_a_total_worded_as_filed_with_no_proposals_is_the_count_filed():
    # 立案0件 of 5 submitted, 立案率0%: 0/5 = 0%, checked as a share of the 0 filed
    res = run(
        {"kind": "submitted", "count": 5, "label": "收到"},
        {"kind": "total", "count": 0, "label": "立案"},
        {"kind": "filing_rate", "pct": "0", "label": "立案率"},
    )
    assert _filing_shares(res) == [("pct.share", (FILING, "submitted", "total"))]


# --------------------------------------------------------------------------- sets and lumps


def _classes_message(res) -> str:
    (r,) = _by_check(res, "parts.classes")
    return r.message.zh


def test_a_lump_of_printed_classes_is_a_stated_sum_not_a_part():
    # A 60 and B 40 printed, and their sum 100 stated: the set is A + B (sum.count checks the 100)
    res = run(
        total(100),
        cls("A", 1, 60),
        cls("B", 2, 40),
        {"kind": "class_combined", "label": "两类", "ranks": [1, 2], "count": 100},
    )
    assert _classes_message(res).startswith("60+40 = 100,")


def test_overlapping_lumps_are_no_partition():
    # A 50 printed; lumps 1+2 (80) and 2+3 (50) overlap in rank 2: the set is A alone (50 of 100)
    res = run(
        total(100),
        cls("A", 1, 50),
        {"kind": "class_combined", "label": "一二类", "ranks": [1, 2], "count": 80},
        {"kind": "class_combined", "label": "二三类", "ranks": [2, 3], "count": 50},
    )
    assert _classes_message(res).startswith("50 = 50,")


@pytest.mark.parametrize(
    "entries, message",
    [
        # lump of ranks 1-2 (150), class 3 (50): the lump comes first, by its lowest rank
        (
            [{"kind": "class_combined", "label": "已解决和正在解决", "ranks": [1, 2], "count": 150}, cls("C", 3, 50)],
            "150+50 = 200,",
        ),
        # class 1 (20), lump of ranks 2-3 (180): the class comes first
        (
            [cls("A", 1, 20), {"kind": "class_combined", "label": "正在解决和留作参考", "ranks": [2, 3], "count": 180}],
            "20+180 = 200,",
        ),
    ],
)
def test_lumps_and_classes_in_rank_order(entries, message):
    assert _classes_message(run(total(200), *entries)).startswith(message)


def test_lumps_of_a_breakdown_stay_in_it():
    # the main set: A 60 + B 40 of 100. A lump of the breakdown 市直 (ranks 1-2, 10) is not a part of it.
    res = run(
        total(100),
        cls("A", 1, 60),
        cls("B", 2, 40),
        {"kind": "class_combined", "label": "市直已解决和正在解决", "ranks": [1, 2], "count": 10, "dimension": "市直"},
    )
    main = [r for r in _by_check(res, "parts.classes") if r.subject == ""]
    assert [r.message.zh.split(",")[0] for r in main] == ["60+40 = 100"]


def test_shares_on_a_base_of_the_total_s_size_are_not_counted_on_the_total():
    # filed 100 = total 100: the shares on it are plain shares of 100 (no "the parts cover" note)
    res = run(
        total(100),
        {"kind": "base", "key": "filed", "count": 100},
        cls("A", 1, 30, "30", base="filed"),
        cls("B", 2, 70, "70", base="filed"),
    )
    r = _one(res, "pctsum.classes")
    assert "各项合计为" not in r.message.zh and r.status is Status.PASS


def test_classes_on_a_stated_base_without_a_total():
    # figures read from a text with no total: the classes on the 50 filed are checked on their base
    from proposal_audit.checks import run_checks
    from proposal_audit.figures import Figures

    read = make(total(1), {"kind": "base", "key": "filed", "count": 50}, cls("A", 1, 20, "40", base="filed"),
                cls("B", 2, 30, "60", base="filed"))  # fmt: skip
    figs = Figures(read.meta, tuple(f for f in read if f.key != "total"))
    rs = [r for r in run_checks(figs) if r.check == "pctsum.classes"]
    assert [r.status for r in rs] == [Status.PASS]  # 40 + 60 = 100


# --------------------------------------------------------------------------- text checks


def test_the_body_is_inferred_when_not_given_and_kept_when_given():
    from proposal_audit.checks.text import run_text_checks

    text = "市人大常委会人大代表提出代表建议100件,其中委员提出的10件。"  # a 人大 text with a 委员 slip
    whole = [(0, len(text))]

    def body_check(*args, **kw):
        (r,) = [r for r in run_text_checks(*args, **kw) if r.check == "text.body_labels"]
        return r

    # no body given: inferred as 人大 (人大 ×2 ×2 + 代表建议 1 = 5 against 委员 1), so 委员 is the slip
    r = body_check(text, "", whole)
    assert r.status is not Status.PASS and r.message.zh.startswith("这是人大的报告")
    r = body_check(text, figure_sentences=whole)  # the default body is none given: inferred too
    assert r.status is not Status.PASS and r.message.zh.startswith("这是人大的报告")
    r = body_check(text)  # with no sentences of figures, nothing to flag
    assert r.status is Status.PASS
    # the body given is kept: as a 政协 report, 代表建议 is the slip
    r = body_check(text, "政协", whole)
    assert r.status is not Status.PASS and r.message.zh.startswith("这是政协的报告")


# --------------------------------------------------------------------------- bounds (95%以上, 不足5%)


def _bound_result(res, prefix: str):
    (r,) = [r for r in res.results if r.check_id.startswith(prefix)]
    return r


def test_a_bound_reached_in_full():
    # 207/215 = 96.2790…% → 96.28 at two more decimals than the printed 95; rounded to whole percent
    # (half-up and half-even) it is 96 ≥ 95: the claim holds.
    res = run(total(215), {"kind": "handled", "count": 207, "pct": "95", "bound": "at_least"})
    r = _bound_result(res, "pct.share:handled")
    assert (r.status, r.severity, r.cause, r.expected, r.observed) == (
        Status.PASS,
        Severity.INFO,
        None,
        "96.28",
        "≥95%",
    )
    assert (r.title.zh, r.title.en) == ("“办结”所称的95%以上", "'办结': 95% or more")
    assert r.message.zh == "207/215 = 96.28%,文中称95%以上:相符"
    assert r.message.en == "207/215 = 96.28%; the text says 95% or more: consistent"
    assert r.figures == ("handled", "total")


def test_a_bound_not_reached_in_full():
    # 170/186 = 91.3978…% → 91.40; rounded to whole percent 91 < 95: a major finding
    res = run(total(186), {"kind": "handled", "count": 170, "pct": "95", "bound": "at_least"})
    r = _bound_result(res, "pct.share:handled")
    assert (r.status, r.severity, r.cause, r.expected, r.observed) == (
        Status.FAIL,
        Severity.MAJOR,
        Cause.BOUND_NOT_MET,
        "91.40",
        "≥95%",
    )
    assert r.message.zh == "170/186 = 91.40%,文中称95%以上:达不到"
    assert r.message.en == "170/186 = 91.40%; the text says 95% or more: not so"


@pytest.mark.parametrize(
    "k, n, status, word",
    [
        (9, 200, Status.PASS, "相符"),  # 9/200 = 4.5% → 5 (half-up) or 4 (half-even); 4 ≤ 5 and 5 ≤ 5
        (11, 200, Status.FAIL, "超出了"),  # 11/200 = 5.5% → 6 under both: above 5
        (10, 200, Status.PASS, "相符"),  # 10/200 = 5% exactly: not above
    ],
)
def test_an_upper_bound(k, n, status, word):
    res = run(total(n), {"kind": "handled", "count": k, "pct": "5", "bound": "at_most"})
    r = _bound_result(res, "pct.share:handled")
    exact = f"{100 * k / n:.2f}"  # 4.50, 5.50, 5.00 (exact in binary too): two more decimals than the 5
    assert (r.status, r.observed, r.expected) == (status, "≤5%", exact)
    assert r.message.zh == f"{k}/{n} = {exact}%,文中称5%以下:{word}"
    assert r.title.en == "'办结': 5% or less"


def test_a_bound_with_no_count_in_full():
    # 95%以上 of 13 with no count printed: a bound is no rounded value, so it passes as a bound
    res = run(total(13), {"kind": "reply_rate", "pct": "95", "bound": "at_least"})
    r = _bound_result(res, "pct.reachable:reply_rate")
    assert (r.status, r.severity, r.cause, r.observed) == (Status.PASS, Severity.INFO, None, "95")
    assert r.message.zh == "未给件数;95%以上是一个界限,不是舍入后的数"
    assert r.message.en == "no count printed; 95% or more is a bound"
    assert r.figures == ("reply_rate", "total")
    assert r.title.en == "is '办复率' reachable"


def test_a_bound_is_no_term_of_a_sum_to_100():
    # A 60%, B 30%, C "5%以上" on 100: the bound makes no sum to 100 to check; with an exact C 5% the
    # classes sum to 95, outside 100 ± 1.5 (three whole-percent shares): the look-alike fails it.
    bound = run(total(100), cls("A", 1, pct="60"), cls("B", 2, pct="30"), cls("C", 3, pct="5", bound="at_least"))
    exact = run(total(100), cls("A", 1, pct="60"), cls("B", 2, pct="30"), cls("C", 3, pct="5"))
    assert [r for r in bound.results if r.check_id.startswith("pctsum")] == []
    assert [r.status for r in exact.results if r.check_id.startswith("pctsum")] == [Status.FAIL]


def test_a_bound_is_no_term_of_a_stated_sum():
    # 非常满意 50.5% + 满意 "40%以上", 两项合计 95.0%: a bound cannot be summed (50.5 + 40 = 90.5 ≠ 95.0);
    # with an exact 40.0% the stated sum is wrong (90.5, printed 95.0) and found.
    def sums(bound: str) -> list:
        entries = [total(1000), sat("very_satisfied", pct="50.5"), sat("satisfied", pct="40.0", bound=bound)]
        entries.append(
            {"kind": "sum", "label": "两项合计", "pct": "95.0", "parts": ["sat.very_satisfied", "sat.satisfied"]}
        )
        return [r for r in run(*entries).results if r.check_id.startswith("sum.pct")]

    assert sums("at_least") == []
    assert [r.status for r in sums("")] == [Status.FAIL]


def test_an_unsure_figure_outside_the_margins_withholds_no_headline():
    # An ambiguous topic row says nothing about the classes or the satisfaction: the gap headline
    # (A 40 of 149 = 26.85%, satisfied + basically 117 + 32 = 149 = 100%) is still built.
    topic = {"kind": "topic", "label": "城建", "count": 30, "certainty": "ambiguous", "alternatives": ["另一读法"]}
    g = run(
        total(149),
        cls("A", 1, 40),
        cls("B", 2, 89),
        cls("C", 3, 20),
        sat("satisfied", 117),
        sat("basically_satisfied", 32),
        topic,
    ).gaps
    assert g.withheld == () and g.headlines


@pytest.mark.parametrize(
    "k, n, printed, bound, status",
    [
        (946, 1000, "95", "at_least", Status.PASS),  # 94.6% → 95 to nearest (truncation would say 94)
        (53, 1000, "5", "at_most", Status.PASS),  # 5.3% → 5 to nearest (rounding up would say 6)
        (191, 200, "95.5", "at_least", Status.PASS),  # 95.5% at one decimal: 955 ≥ 955
        (190, 200, "95.5", "at_least", Status.FAIL),  # 95.0% at one decimal: 950 < 955
        (188, 200, "95", "at_least", Status.FAIL),  # 94% exactly: below 95 under every mode
        (189, 200, "95", "at_least", Status.PASS),  # 94.5%, a tie: half-up 95 reaches it (half-even 94 not)
    ],
)
def test_a_bound_at_the_printed_precision_to_nearest(k, n, printed, bound, status):
    res = run(total(n), {"kind": "handled", "count": k, "pct": printed, "bound": bound})
    assert _bound_result(res, "pct.share:handled").status is status
