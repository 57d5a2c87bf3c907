"""Every check, as a table: each defect beside a clean look-alike that must pass.

Expected verdicts are worked out by hand from the arithmetic in the comments, not from the code.
"""

from __future__ import annotations

import pytest

from proposal_audit.results import Cause, Policy, Status
from proposal_audit.rounding import Mode
from tests.conftest import cls, result, run, sat, total

F, W, P, U = Status.FAIL, Status.WARN, Status.PASS, Status.UNDECIDABLE


def SUM_8X(pct: str) -> dict:  # noqa: N802 - a row builder, read like a constant in the table
    return {"kind": "sum", "label": "两项合计", "pct": pct, "parts": ["sat.very_satisfied", "sat.satisfied"]}


HENGNAN = [
    total(149),
    cls("A", 1, 40, "26.85"),
    cls("B", 2, 89, "59.73"),
    cls("C", 3, 20, "13.42"),
    sat("satisfied", 117, "78.52"),
    sat("basically_satisfied", 32, "21.48"),
]

# (name, figures, check id, expected status, expected cause)
CASES = [
    # parts against totals
    ("classes add up", HENGNAN, "parts.classes", P, None),
    (
        "classes miss one",  # 40 + 89 + 19 = 148 ≠ 149
        [total(149), cls("A", 1, 40), cls("B", 2, 89), cls("C", 3, 19)],
        "parts.classes",
        F,
        Cause.PARTS_DO_NOT_ADD_UP,
    ),
    ("satisfaction adds up", HENGNAN, "parts.satisfaction", P, None),
    (
        "satisfaction exceeds its base",  # 117 + 40 = 157 > 149
        [total(149), sat("satisfied", 117), sat("basically_satisfied", 40)],
        "parts.satisfaction",
        F,
        Cause.PARTS_DO_NOT_ADD_UP,
    ),
    (
        "satisfaction short of its base with no 不满意 stated is the implied remainder",
        [total(149), sat("satisfied", 117), sat("basically_satisfied", 30)],
        "parts.satisfaction",
        P,
        None,
    ),
    (
        "satisfaction short of its base with 不满意 stated",  # 117 + 30 + 1 = 148
        [total(149), sat("satisfied", 117), sat("basically_satisfied", 30), sat("dissatisfied", 1)],
        "parts.satisfaction",
        F,
        Cause.PARTS_DO_NOT_ADD_UP,
    ),
    (
        "handled exceeds total",
        [total(149), {"kind": "handled", "count": 150}],
        "parts.handled",
        F,
        Cause.EXCEEDS_BASE,  # 150 handled of 149: a count above its base
    ),
    ("handled equals total", [total(149), {"kind": "handled", "count": 149}], "parts.handled", P, None),
    (
        "combined satisfaction count wrong",  # 144 + 2 = 146, printed 145
        [total(146), sat("satisfied", 144), sat("basically_satisfied", 2), sat("satisfied_or_basic", 145)],
        "parts.satisfaction_combined",
        F,
        Cause.PARTS_DO_NOT_ADD_UP,
    ),
    (
        "combined satisfaction count right",
        [total(146), sat("satisfied", 144), sat("basically_satisfied", 2), sat("satisfied_or_basic", 146)],
        "parts.satisfaction_combined",
        P,
        None,
    ),
    # percentages against counts
    ("percentage right", HENGNAN, "pct.share:class.r1", P, None),
    (
        "percentage misprinted by one unit",  # 40/149 = 26.8456 → 26.85, printed 26.86
        [total(149), cls("A", 1, 40, "26.86"), cls("B", 2, 109, "73.15")],
        "pct.share:class.r1",
        F,
        Cause.MISROUNDED,
    ),
    (
        "forced to 100",  # 114/166 = 68.6747 → 68.67; 68.68 + 25.9 + 5.42 + 0 = 100.00 exactly
        [
            total(166),
            cls("A", 1, 114, "68.68"),
            cls("B", 2, 43, "25.9"),
            cls("C", 3, 9, "5.42"),
            cls("D", 4, 0, "0"),
        ],
        "pct.share:class.r1",
        W,
        Cause.FORCED_TO_100,
    ),
    (
        "honest look-alike of forced to 100",  # 68.67 + 25.9 + 5.42 = 99.99, within 100 ± 0.025
        [
            total(166),
            cls("A", 1, 114, "68.67"),
            cls("B", 2, 43, "25.9"),
            cls("C", 3, 9, "5.42"),
            cls("D", 4, 0, "0"),
        ],
        "pct.share:class.r1",
        P,
        None,
    ),
    (
        "one unit off but the set does not sum to 100 is not forced",  # 68.68 + 25.90 + 5.43 = 100.01
        [total(166), cls("A", 1, 114, "68.68"), cls("B", 2, 43, "25.90"), cls("C", 3, 9, "5.43")],
        "pct.share:class.r1",
        F,
        Cause.CEILING,  # 68.6747 rounded up is 68.68: only ceiling prints it, and it explains nothing else
    ),
    (
        "computed on the sum of classes, not the total",  # 148/588 = 25.17 → 25.2; 148/591 = 25.04
        [
            total(591),
            cls("A", 1, 148, "25.2"),
            cls("B", 2, 364, "61.9"),
            cls("C", 3, 66, "11.2"),
            cls("D", 4, 10, "1.7"),
        ],
        "pct.share:class.r1",
        F,
        Cause.OTHER_BASE,
    ),
    (
        "same shares on the right total",
        [
            total(588),
            cls("A", 1, 148, "25.2"),
            cls("B", 2, 364, "61.9"),
            cls("C", 3, 66, "11.2"),
            cls("D", 4, 10, "1.7"),
        ],
        "pct.share:class.r1",
        P,
        None,
    ),
    (
        # 588 stated as a base: A 148/588 = 25.17 → 25.2, B 364/588 = 61.90 → 61.9; C has no count but
        # 11.2% of 588 is reachable (66/588 = 11.22); D has no share to fit: 588 explains the whole set
        "another base that fits the shares without counts too",
        [
            total(591),
            {"kind": "base", "key": "x", "label": "分类合计", "count": 588},
            cls("A", 1, 148, "25.2"),
            cls("B", 2, 364, "61.9"),
            cls("C", 3, pct="11.2"),
            cls("D", 4, 10),
        ],
        "pct.share:class.r1",
        F,
        Cause.OTHER_BASE,
    ),
    (
        # the same with C printed 11.3: no whole count of 588 gives it (66 → 11.22, 67 → 11.39), so 588
        # is no base of the set; 148/591 = 25.04 → 25.0, two units below 25.2: a misprint
        "another base that a share without a count rules out",
        [
            total(591),
            {"kind": "base", "key": "x", "label": "分类合计", "count": 588},
            cls("A", 1, 148, "25.2"),
            cls("B", 2, 364, "61.9"),
            cls("C", 3, pct="11.3"),
            cls("D", 4, 10),
        ],
        "pct.share:class.r1",
        F,
        Cause.MISROUNDED,
    ),
    (
        "truncation explains the whole report",  # 63.46→63.4, 26.92→26.9, 9.62→9.6 all truncated
        [total(52), cls("A", 1, 33, "63.4"), cls("B", 2, 14, "26.9"), cls("C", 3, 5, "9.6")],
        "pct.share:class.r1",
        W,
        Cause.TRUNCATION,
    ),
    (
        "its rounded look-alike",
        [total(52), cls("A", 1, 33, "63.5"), cls("B", 2, 14, "26.9"), cls("C", 3, 5, "9.6")],
        "pct.share:class.r1",
        P,
        None,
    ),
    (
        # 148/149 = 99.33: 99 to nearest; "100" only by rounding up, so the cause names ceiling (its modes)
        "reply rate 100% with one not handled",
        [total(149), {"kind": "handled", "count": 148}, {"kind": "reply_rate", "pct": "100"}],
        "pct.share:reply_rate",
        F,
        Cause.CEILING,
    ),
    (
        "reply rate 100% all handled",
        [total(149), {"kind": "handled", "count": 149}, {"kind": "reply_rate", "pct": "100"}],
        "pct.share:reply_rate",
        P,
        None,
    ),
    (
        "combined rate implied by its levels",  # (144 + 2)/146 = 100%
        [
            total(146),
            sat("satisfied", 144),
            sat("basically_satisfied", 2),
            sat("satisfied_or_basic", pct="100"),
        ],
        "pct.share:sat.satisfied_or_basic",
        P,
        None,
    ),
    # percentages with no count
    (
        "unreachable on its base, nothing else stated",  # 794/801 → 99.13, 795/801 → 99.25
        [total(801), sat("satisfied_or_basic", pct="99.16")],
        "pct.reachable:sat.satisfied_or_basic",
        F,
        Cause.UNREACHABLE,
    ),
    (
        "unreachable on its base, reachable on a base stated in the text",  # 828/835 = 99.1617 → 99.16
        [
            total(801),
            {"kind": "base", "key": "submitted", "count": 835},
            sat("satisfied_or_basic", pct="99.16"),
        ],
        "pct.reachable:sat.satisfied_or_basic",
        F,
        Cause.OTHER_BASE,
    ),
    (
        "reachable look-alike",
        [total(801), sat("satisfied_or_basic", pct="99.13")],
        "pct.reachable:sat.satisfied_or_basic",
        P,
        None,
    ),
    # stated sums
    (
        # 47.2 + 35.4 = 82.6, printed 82.5: unrounded terms in [47.15, 47.25) and [35.35, 35.45) can
        # sum to [82.50, 82.55) only at the bottom of both intervals: a warning, not proof of an error
        "stated sum differs from its printed terms but rounding could explain it",
        [total(276), sat("very_satisfied", pct="47.2"), sat("satisfied", pct="35.4"), SUM_8X("82.5")],
        "sum.pct:sum.1",
        W,
        Cause.WRONG_STATED_SUM,
    ),
    (
        "stated sum that no rounding explains",  # 47.2 + 35.4 = 82.6; 85.0 is 2.4 points away
        [total(276), sat("very_satisfied", pct="47.2"), sat("satisfied", pct="35.4"), SUM_8X("85.0")],
        "sum.pct:sum.1",
        F,
        Cause.WRONG_STATED_SUM,
    ),
    (
        "stated sum of counts' shares: 33.33 + 33.33 = 66.66, but 2/3 is 66.67",
        [
            total(3),
            cls("A", 1, 1, "33.33"),
            cls("B", 2, 1, "33.33"),
            cls("C", 3, 1, "33.33"),
            {"kind": "sum", "label": "AB", "pct": "66.67", "parts": ["class.A", "class.B"]},
        ],
        "sum.pct:sum.1",
        P,
        None,
    ),
    (
        "stated sum with fewer decimals than its terms",  # 33.33 + 33.33 = 66.66 → 66.7
        [total(300), sat("very_satisfied", pct="33.33"), sat("satisfied", pct="33.33"), SUM_8X("66.7")],
        "sum.pct:sum.1",
        P,
        None,
    ),
    (
        "stated sum right",
        [
            total(276),
            sat("very_satisfied", pct="47.2"),
            sat("satisfied", pct="35.4"),
            {
                "kind": "sum",
                "label": "两项合计",
                "pct": "82.6",
                "parts": ["sat.very_satisfied", "sat.satisfied"],
            },
        ],
        "sum.pct:sum.1",
        P,
        None,
    ),
    (
        "stated count sum wrong",  # 536 + 2560 = 3096
        [
            total(4287),
            cls("A", 1, 536),
            cls("B", 2, 2560),
            {"kind": "sum", "label": "AB", "count": 3095, "parts": ["class.A", "class.B"]},
        ],
        "sum.count:sum.1",
        F,
        Cause.WRONG_STATED_SUM,
    ),
    (
        "stated count sum right, and its share",  # 3096/4287 = 72.22 → 72.2
        [
            total(4287),
            cls("A", 1, 536),
            cls("B", 2, 2560),
            {"kind": "sum", "label": "AB", "count": 3096, "pct": "72.2", "parts": ["class.A", "class.B"]},
        ],
        "pct.share:sum.1",
        P,
        None,
    ),
    (
        # 47.25 + 35.40 = 82.65 at two decimals, printed 82.65 (the printed terms' sum, exactly)
        "stated sum at two decimals",
        [total(400), sat("very_satisfied", pct="47.25"), sat("satisfied", pct="35.40"), SUM_8X("82.65")],
        "sum.pct:sum.1",
        P,
        None,
    ),
    (
        # 47.15 + 35.10 = 82.25 exactly: half-up to one decimal 82.3 (half-even would give 82.2)
        "stated sum rounded half-up from a tie",
        [total(400), sat("very_satisfied", pct="47.15"), sat("satisfied", pct="35.10"), SUM_8X("82.3")],
        "sum.pct:sum.1",
        P,
        None,
    ),
    (
        # counts 1 + 1 of 3 give 66.67, the printed terms 66.66: neither gives 70.00, and no rounding
        # of two terms (each within 0.005) moves 66.66 to 70: wrong
        "stated sum that neither the counts nor the terms give",
        [
            total(3),
            cls("A", 1, 1, "33.33"),
            cls("B", 2, 1, "33.33"),
            cls("C", 3, 1, "33.33"),
            {"kind": "sum", "label": "AB", "pct": "70.00", "parts": ["class.A", "class.B"]},
        ],
        "sum.pct:sum.1",
        F,
        Cause.WRONG_STATED_SUM,
    ),
    (
        # a zero count among the terms: 0 + 1 = 1 of 3 = 33.33 — right by the counts, though the printed
        # terms 0.00 + 33.34 make 33.34
        "stated sum right by counts that include a zero",
        [
            total(3),
            cls("A", 1, 0, "0.00"),
            cls("B", 2, 1, "33.34"),
            cls("C", 3, 2, "66.67"),
            {"kind": "sum", "label": "AB", "pct": "33.33", "parts": ["class.A", "class.B"]},
        ],
        "sum.pct:sum.1",
        P,
        None,
    ),
    # sums of shares
    ("shares sum to 100", HENGNAN, "pctsum.classes", P, None),
    (
        "shares far from 100",  # 60 + 30 + 8 = 98
        [total(100), cls("A", 1, pct="60.0"), cls("B", 2, pct="30.0"), cls("C", 3, pct="8.0")],
        "pctsum.classes",
        F,
        Cause.SUM_NOT_100,
    ),
    (
        "99.9 is honest rounding of three one-decimal shares",  # within 100 ± 0.15
        [total(52), cls("A", 1, 33, "63.5"), cls("B", 2, 14, "26.9"), cls("C", 3, 5, "9.6")],
        "pctsum.classes",
        P,
        None,
    ),
    # precision within a set
    (
        "whole number among one-decimal shares that is not a dropped zero",  # 14/52 = 26.92 → 26.9, printed 27
        [total(52), cls("A", 1, 33, "63.5"), cls("B", 2, 14, "27"), cls("C", 3, 5, "9.6")],
        "pct.precision:class.r2",
        W,
        Cause.PRECISION,
    ),
    (
        "whole number that is a dropped trailing zero",  # 403/1034 = 38.97 → 39.0, printed 39
        [total(1034), cls("A", 1, 363, "35.1"), cls("B", 2, 403, "39"), cls("C", 3, 268, "25.9")],
        "pct.precision:class.r2",
        P,
        None,
    ),
]


@pytest.mark.parametrize(
    "terms, stated, status",
    [
        # one term 10.0 (half-up: unrounded in [9.95, 10.05)) and a stated 10.1 ([10.05, 10.15)): they
        # only touch at 10.05, which half-up gives to 10.1, never to 10.0 — no rounding explains it
        ("10.0", "10.1", F),
        # 10.1 ([10.05, 10.15)) stated as 10.0 ([9.95, 10.05)): the same, the other way round
        ("10.1", "10.0", F),
        # 10.0 stated as 10.0: the printed sum itself
        ("10.0", "10.0", P),
    ],
)
def test_stated_sum_at_the_edge_of_half_up(terms, stated, status):
    entries = [total(1000), sat("very_satisfied", pct=terms), {**SUM_8X(stated), "parts": ["sat.very_satisfied"]}]
    assert result(run(*entries, policy=Policy.named("strict")), "sum.pct:sum.1").status is status


@pytest.mark.parametrize("name, entries, check_id, status, cause", CASES, ids=[c[0] for c in CASES])
def test_check_table(name, entries, check_id, status, cause):
    r = result(run(*entries), check_id)
    assert (r.status, r.cause) == (status, cause), r.message.en


def test_unreachable_names_the_stated_base_that_fits():
    res = run(total(801), {"kind": "base", "key": "submitted", "count": 835}, sat("satisfied_or_basic", pct="99.16"))
    r = result(res, "pct.reachable:sat.satisfied_or_basic")
    assert r.candidates[0] == 835


def test_other_base_names_the_sum_of_classes():
    res = run(
        total(591),
        cls("A", 1, 148, "25.2"),
        cls("B", 2, 364, "61.9"),
        cls("C", 3, 66, "11.2"),
        cls("D", 4, 10, "1.7"),
    )
    assert result(res, "pct.share:class.r1").candidates == (588,)
    assert "588" in result(res, "parts.classes").message.zh


def test_count_range_is_reported():
    r = result(run(*HENGNAN), "pct.share:class.r2")
    assert r.count_range == (89, 89)
    assert r.expected == "59.73"


def test_modes_listed_for_each_figure():
    # 40/149 = 26.8456: half-up, half-even and ceiling give 26.85, truncation gives 26.84
    r = result(run(*HENGNAN), "pct.share:class.r1")
    assert {m.value for m in r.modes} == {"half_up", "half_even", "ceiling"}


def test_strict_policy_rejects_half_even_only_figures():
    # 1/8 = 12.5% exactly: half-even prints 12, half-up 13
    entries = [total(8), cls("A", 1, 1, "12"), cls("B", 2, 7, "88")]
    assert result(run(*entries), "pct.share:class.r1").status is P
    strict = run(*entries, policy=Policy.named("strict"))
    assert result(strict, "pct.share:class.r1").status is not P


def test_missing_count_makes_the_sum_undecidable_not_a_pass():
    res = run(total(149), cls("A", 1, 40), cls("B", 2, 89), cls("C", 3, pct="13.42"))
    assert result(res, "parts.classes").status is U


def test_whole_report_rounding_mode():
    res = run(*HENGNAN)
    r = result(res, "rounding.report")
    assert r.status is P and {m.value for m in r.modes} == {"half_up", "half_even"}


def test_percentage_without_a_base_is_reported_not_skipped_silently():
    # "778件, 占95%": a share printed on the total itself, with no base stated for it
    res = run({"kind": "total", "count": 778, "pct": "95"}, cls("A", 1, 232))
    r = result(res, "pct.share:total")
    assert r.status is Status.SKIPPED


def test_share_of_a_base_without_a_count_is_not_decidable():
    res = run(total(100), {"kind": "base", "key": "forms", "pct": "90"}, sat("satisfied", pct="80", base="forms"))
    assert result(res, "pct.share:sat.forms.satisfied").status is U


def test_two_truncated_shares_do_not_claim_the_rest_of_the_report():
    # 2/7 = 28.571 → 28.57 by truncation and half-up alike; 5/7 = 71.428 → 71.42 by truncation only
    res = run(total(7), cls("A", 1, 2, "28.57"), cls("B", 2, 5, "71.42"))
    r = result(res, "pct.share:class.r2")
    assert (r.status, r.cause) == (F, Cause.TRUNCATION)
    assert "unlike the rest" not in r.message.en
    assert set(result(res, "rounding.report").modes) == {Mode.TRUNCATE}


def test_100_percent_reachability_means_all():
    r = result(run(total(276), {"kind": "reply_rate", "pct": "100"}), "pct.reachable:reply_rate")
    assert r.count_range == (276, 276)
