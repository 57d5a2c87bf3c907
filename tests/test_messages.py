"""What a committee member reads: every field of representative verdicts, written out by hand.

A verdict is its status and cause, and also the sentence that gives its arithmetic: a wrong number or
a wrong word in that sentence is as wrong as a wrong status. Each row below was written from the
arithmetic in its comment (exact fractions, rounded by hand), not from the code's output.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from proposal_audit.audit import audit
from proposal_audit.figures import Certainty, Figures
from proposal_audit.results import Cause, Policy, Severity, Status
from proposal_audit.rounding import Mode
from tests.conftest import cls, make, result, run, sat, total

H, E, D, U = Mode.HALF_UP, Mode.HALF_EVEN, Mode.TRUNCATE, Mode.CEILING
HENGNAN = [
    total(149),
    cls("A类", 1, 40, "26.85"),
    cls("B类", 2, 89, "59.73"),
    cls("C类", 3, 20, "13.42"),
    sat("satisfied", 117, "78.52"),
    sat("basically_satisfied", 32, "21.48"),
]
SUM_82 = {"kind": "sum", "label": "两项合计", "parts": ["sat.very_satisfied", "sat.satisfied"]}


def _fields(r) -> dict:
    return {
        "subject": r.subject,
        "status": r.status,
        "severity": r.severity,
        "cause": r.cause,
        "title": (r.title.zh, r.title.en),
        "message": (r.message.zh, r.message.en),
        "expected": r.expected,
        "observed": r.observed,
        "figures": r.figures,
        "modes": set(r.modes),
        "count_range": r.count_range,
        "candidates": r.candidates,
    }


def _expect(**kw) -> dict:
    base = {
        "subject": None,  # not compared unless given
        "cause": None,
        "expected": "",
        "observed": "",
        "figures": (),
        "modes": set(),
        "count_range": None,
        "candidates": (),
    }
    return {**base, **kw}


CASES = [
    (
        "classes add up",  # 40 + 89 + 20 = 149 = the total
        HENGNAN,
        "parts.classes",
        _expect(
            status=Status.PASS,
            severity=Severity.INFO,
            title=("办理结果分类件数之和", "outcome classes: parts add up"),
            message=("40+89+20 = 149,总数149", "40+89+20 = 149; base 149"),
            expected="149",
            observed="149",
            figures=("total", "class.A类", "class.B类", "class.C类"),
        ),
    ),
    (
        "classes one short",  # 40 + 89 + 19 = 148, 1 short of 149
        [total(149), cls("A类", 1, 40), cls("B类", 2, 89), cls("C类", 3, 19)],
        "parts.classes",
        _expect(
            status=Status.FAIL,
            severity=Severity.MAJOR,
            cause=Cause.PARTS_DO_NOT_ADD_UP,
            title=("办理结果分类件数之和", "outcome classes: parts add up"),
            message=("40+89+19 = 148,但总数为149(相差-1件)", "40+89+19 = 148, but the stated base is 149 (-1)"),
            expected="149",
            observed="148",
            figures=("total", "class.A类", "class.B类", "class.C类"),
        ),
    ),
    (
        "classes that leave some undescribed",  # 173 + 44 = 217 of 244: no rank 3 or 4, so 27 are not described
        [total(244), cls("采纳", 1, 173), cls("部分采纳", 2, 44)],
        "parts.classes",
        _expect(
            status=Status.PASS,
            severity=Severity.INFO,
            title=("办理结果分类件数之和", "outcome classes: parts add up"),
            message=(
                "173+44 = 217,总数244,余27件文中未分类说明",
                "173+44 = 217; base 244; the text does not describe the other 27",
            ),
            expected="244",
            observed="217",
            figures=("total", "class.采纳", "class.部分采纳"),
        ),
    ),
    (
        "a class without a count",
        [total(149), cls("A类", 1, 40), cls("B类", 2, 89), cls("C类", 3, pct="13.42")],
        "parts.classes",
        _expect(
            status=Status.UNDECIDABLE,
            severity=Severity.INFO,
            title=("办理结果分类件数之和", "outcome classes: parts add up"),
            message=("C类没有件数,无法核对合计", "C类 printed without a count"),
            figures=("total", "class.A类", "class.B类", "class.C类"),
        ),
    ),
    (
        "combined satisfaction count wrong",  # 144 + 2 = 146, printed 145
        [total(146), sat("satisfied", 144), sat("basically_satisfied", 2), sat("satisfied_or_basic", 145)],
        "parts.satisfaction_combined",
        _expect(
            status=Status.FAIL,
            severity=Severity.MAJOR,
            cause=Cause.PARTS_DO_NOT_ADD_UP,
            title=("满意与基本满意之和", "satisfied + basically satisfied"),
            message=("144+2 = 146,文中合计145", "144+2 = 146; the text says 145"),
            expected="146",
            observed="145",
            figures=("sat.satisfied_or_basic", "sat.satisfied", "sat.basically_satisfied"),
        ),
    ),
    (
        "handled above the total",
        [total(149), {"kind": "handled", "count": 150}],
        "parts.handled",
        _expect(
            status=Status.FAIL,
            severity=Severity.MAJOR,
            cause=Cause.EXCEEDS_BASE,
            title=("办结件数不超过总数", "handled does not exceed the total"),
            message=("办结150件,总数149件", "handled 150, total 149"),
            expected="≤ 149",
            observed="150",
            figures=("handled", "total"),
        ),
    ),
    (
        "a count above its base",  # 210 satisfied of 200
        [total(200), sat("satisfied", 210)],
        "parts.within_base:sat.satisfied",
        _expect(
            status=Status.FAIL,
            severity=Severity.MAJOR,
            cause=Cause.EXCEEDS_BASE,
            title=("“满意”不超过其基数", "'满意' within its base"),
            message=(
                "满意210件,多于其基数总数200件:不可能,须核对原文",
                "210 is more than its base 200: impossible, check the text",
            ),
            expected="≤ 200",
            observed="210",
            figures=("sat.satisfied", "total"),
        ),
    ),
    (
        "a share above 100",
        [total(200), sat("satisfied", pct="105")],
        "parts.within_base:sat.satisfied",
        _expect(
            status=Status.FAIL,
            severity=Severity.MAJOR,
            cause=Cause.EXCEEDS_BASE,
            title=("“满意”不超过其基数", "'满意' within its base"),
            message=("满意印为105%,超过100%:不可能,须核对原文", "105% is more than 100%: impossible, check the text"),
            expected="≤ 100",
            observed="105",
            figures=("sat.satisfied", "total"),
        ),
    ),
    (
        "every figure within its base",
        HENGNAN,
        "parts.within_base",
        _expect(
            status=Status.PASS,
            severity=Severity.INFO,
            title=("每个数字都不超过其基数", "no figure above its base"),
            message=("没有件数多于其基数,也没有百分比超过100%", "no count above its base and no share above 100%"),
        ),
    ),
    (
        "a stated count sum that is wrong",  # 536 + 2560 = 3096, printed 3095
        [
            total(4287),
            cls("A", 1, 536),
            cls("B", 2, 2560),
            {"kind": "sum", "label": "AB", "count": 3095, "parts": ["class.A", "class.B"]},
        ],
        "sum.count:sum.1",
        _expect(
            status=Status.FAIL,
            severity=Severity.MAJOR,
            cause=Cause.WRONG_STATED_SUM,
            title=("文中合计“AB”", "stated sum 'AB'"),
            message=("536+2560 = 3096,文中为3095", "536+2560 = 3096; printed 3095"),
            expected="3096",
            observed="3095",
            figures=("sum.AB", "class.A", "class.B"),
        ),
    ),
    (
        "a stated share that rounding could explain",  # 47.2 + 35.4 = 82.6, printed 82.5
        [total(276), sat("very_satisfied", pct="47.2"), sat("satisfied", pct="35.4"), {**SUM_82, "pct": "82.5"}],
        "sum.pct:sum.1",
        _expect(
            status=Status.WARN,
            severity=Severity.MINOR,
            cause=Cause.WRONG_STATED_SUM,
            title=("文中合计“两项合计”", "stated sum '两项合计'"),
            message=(
                "47.2+35.4 = 82.6%,文中合计却为82.5%;只有各项未经舍入的原值都落在舍入区间一端时才可能",
                "47.2+35.4 = 82.6%, but the text says 82.5%: possible only if every unrounded term lay at one end "
                "of its rounding interval",
            ),
            expected="82.6",
            observed="82.5",
            figures=("sum.两项合计", "sat.very_satisfied", "sat.satisfied"),
        ),
    ),
    (
        "a stated share no rounding explains",  # 82.6 against 85.0
        [total(276), sat("very_satisfied", pct="47.2"), sat("satisfied", pct="35.4"), {**SUM_82, "pct": "85.0"}],
        "sum.pct:sum.1",
        _expect(
            status=Status.FAIL,
            severity=Severity.MAJOR,
            cause=Cause.WRONG_STATED_SUM,
            title=("文中合计“两项合计”", "stated sum '两项合计'"),
            message=("47.2+35.4 = 82.6%,文中合计却为85.0%", "47.2+35.4 = 82.6%, but the text says 85.0%"),
            expected="82.6",
            observed="85.0",
            figures=("sum.两项合计", "sat.very_satisfied", "sat.satisfied"),
        ),
    ),
    (
        "a stated share right by its counts",  # 33.33 + 33.33 = 66.66, but (1 + 1)/3 = 66.666… → 66.67
        [
            total(3),
            cls("A", 1, 1, "33.33"),
            cls("B", 2, 1, "33.33"),
            cls("C", 3, 1, "33.33"),
            {"kind": "sum", "label": "AB", "pct": "66.67", "parts": ["class.A", "class.B"]},
        ],
        "sum.pct:sum.1",
        _expect(
            status=Status.PASS,
            severity=Severity.INFO,
            title=("文中合计“AB”", "stated sum 'AB'"),
            message=(
                "33.33+33.33 = 66.66%,文中合计66.67%;按件数1+1计算为66.67%",
                "33.33+33.33 = 66.66%; printed 66.67%; from the counts it is 66.67%",
            ),
            expected="66.66",
            observed="66.67",
            figures=("sum.AB", "class.A", "class.B"),
        ),
    ),
    (
        "a share that fits",  # 40/149 = 26.845637… → 26.85 half-up, half-even and ceiling; truncation 26.84
        HENGNAN,
        "pct.share:class.r1",
        _expect(
            status=Status.PASS,
            severity=Severity.INFO,
            title=("百分比“A类”与件数", "percentage 'A类' vs its count"),
            message=(
                "40/149 = 26.8456%,按四舍五入保留2位为26.85%;文中为26.85%。符合:四舍五入、四舍六入五成双、进一;26.85%对应件数40",
                "40/149 = 26.8456%, half-up to 2 places 26.85%; printed 26.85%. Consistent with: half_up, half_even, "
                "ceiling; counts allowed 40",
            ),
            expected="26.85",
            observed="26.85",
            figures=("class.A类", "total"),
            modes={H, E, U},
            count_range=(40, 40),
        ),
    ),
    (
        "a share one unit off",  # 26.86 needs 100k/149 in [26.855, 26.865): k in [40.014, 40.029): none
        [total(149), cls("A类", 1, 40, "26.86"), cls("B类", 2, 109, "73.15")],
        "pct.share:class.r1",
        _expect(
            status=Status.FAIL,
            severity=Severity.MINOR,
            cause=Cause.MISROUNDED,
            title=("百分比“A类”与件数", "percentage 'A类' vs its count"),
            message=(
                "40/149 = 26.8456%,按四舍五入保留2位为26.85%;文中为26.86%。相差末位1个单位;26.86%对应件数无 none",
                "40/149 = 26.8456%, half-up to 2 places 26.85%; printed 26.86%. Off by 1 unit(s) in the last place; "
                "counts allowed 无 none",
            ),
            expected="26.85",
            observed="26.86",
            figures=("class.A类", "total"),
        ),
    ),
    (
        "forced to 100",  # 114/166 = 68.674698… → 68.67; 68.68 + 25.9 + 5.42 + 0 = 100.00 exactly (68.67 gives 99.99)
        [
            total(166),
            cls("A类", 1, 114, "68.68"),
            cls("B类", 2, 43, "25.9"),
            cls("C类", 3, 9, "5.42"),
            cls("D类", 4, 0, "0"),
        ],
        "pct.share:class.r1",
        _expect(
            status=Status.WARN,
            severity=Severity.MINOR,
            cause=Cause.FORCED_TO_100,
            title=("百分比“A类”与件数", "percentage 'A类' vs its count"),
            message=(
                "114/166 = 68.6747%,按四舍五入保留2位为68.67%;文中为68.68%。差末位1个单位,而同组百分比合计恰为100%:为凑足100%而调整,并非件数错误",
                "114/166 = 68.6747%, half-up to 2 places 68.67%; printed 68.68%. Off by one unit while its set sums "
                "to exactly 100: forced to 100, not a wrong count",
            ),
            expected="68.67",
            observed="68.68",
            figures=("class.A类", "total"),
            modes={U},
        ),
    ),
    (
        "computed on the sum of the classes",  # 148/591 = 25.0423 → 25.0; 148/588 = 25.1700 → 25.2
        [
            total(591),
            cls("A类", 1, 148, "25.2"),
            cls("B类", 2, 364, "61.9"),
            cls("C类", 3, 66, "11.2"),
            cls("D类", 4, 10, "1.7"),
        ],
        "pct.share:class.r1",
        _expect(
            status=Status.FAIL,
            severity=Severity.MINOR,
            cause=Cause.OTHER_BASE,
            title=("百分比“A类”与件数", "percentage 'A类' vs its count"),
            message=(
                "148/591 = 25.042%,按四舍五入保留1位为25.0%;文中为25.2%。但148/588 = 25.170%→25.2%,同组其他百分比也都符合:"
                "百分比是按办理结果分类件数之和588计算的",
                "148/591 = 25.042%, half-up to 1 places 25.0%; printed 25.2%. But 148/588 gives 25.2%, and 588 fits the "
                "rest of its set too: computed on 588 (the sum of the outcome classes)",
            ),
            expected="25.0",
            observed="25.2",
            figures=("class.A类", "total"),
            candidates=(588,),
        ),
    ),
    (
        "rounded to 100 though one is missing",  # 1999/2000 = 99.950 → 100.0 half-up, half-even (999.5 → 1000), ceiling
        [total(2000), {"kind": "handled", "count": 1999}, {"kind": "reply_rate", "pct": "100.0"}],
        "pct.share:reply_rate",
        _expect(
            status=Status.WARN,
            severity=Severity.MINOR,
            cause=Cause.ROUNDED_TO_ALL,
            title=("百分比“办复率”与件数", "percentage '办复率' vs its count"),
            message=(
                "1999(由办结件数推得)/2000 = 99.950%,按四舍五入保留1位为100.0%;文中为100.0%。舍入无误,但印为100.0%读来是“全部”,实际1999/2000,差1件",
                "1999 (count implied: handled)/2000 = 99.950%, half-up to 1 places 100.0%; printed 100.0%. Rounded "
                "correctly, but 100.0% reads as all: it is 1999 of 2000",
            ),
            expected="100.0",
            observed="100.0",
            figures=("reply_rate", "total", "handled"),
            modes={H, E, U},
            count_range=(2000, 2000),
        ),
    ),
    (
        "100% with one not handled",  # 148/149 = 99.3289 → 99 to nearest; only rounding up (ceiling) gives 100
        [total(149), {"kind": "handled", "count": 148}, {"kind": "reply_rate", "pct": "100"}],
        "pct.share:reply_rate",
        _expect(
            status=Status.FAIL,
            severity=Severity.MAJOR,
            cause=Cause.CEILING,
            title=("百分比“办复率”与件数", "percentage '办复率' vs its count"),
            message=(
                "148(由办结件数推得)/149 = 99.33%,按四舍五入保留0位为99%;文中为100%。印为100%即声称全部,但实际为148/149,只有进一才得出100%",
                "148 (count implied: handled)/149 = 99.33%, half-up to 0 places 99%; printed 100%. 100% claims all, "
                "but it is 148 of 149; only ceiling gives 100%",
            ),
            expected="99",
            observed="100",
            figures=("reply_rate", "total", "handled"),
            modes={U},
            count_range=(149, 149),
        ),
    ),
    (
        "truncation explains the report",  # 33/52 = 63.4615 → 63.4 only by truncation; 14/52 = 26.92, 5/52 = 9.615
        [total(52), cls("A类", 1, 33, "63.4"), cls("B类", 2, 14, "26.9"), cls("C类", 3, 5, "9.6")],
        "pct.share:class.r1",
        _expect(
            status=Status.WARN,
            severity=Severity.MINOR,
            cause=Cause.TRUNCATION,
            title=("百分比“A类”与件数", "percentage 'A类' vs its count"),
            message=(
                "33/52 = 63.462%,按四舍五入保留1位为63.5%;文中为63.4%。符合截尾;全文3个百分比都可用截尾解释",
                "33/52 = 63.462%, half-up to 1 places 63.5%; printed 63.4%. Consistent with truncate, which explains "
                "all 3 percentages",
            ),
            expected="63.5",
            observed="63.4",
            figures=("class.A类", "total"),
            modes={D},
        ),
    ),
    (
        "a share with no base",  # "778件, 占95%": a share printed on the total itself
        [{"kind": "total", "count": 778, "pct": "95"}, cls("A", 1, 232)],
        "pct.share:total",
        _expect(
            status=Status.SKIPPED,
            severity=Severity.INFO,
            title=("百分比“总数”", "percentage '总数'"),
            message=("未说明此百分比以哪个数为基数,未检查", "no base is given for this share: not checked"),
            observed="95",
            figures=("total",),
        ),
    ),
    (
        "an unreachable share",  # 50% of 7: 3/7 = 42.86 → 43, 4/7 = 57.14 → 57; near 7: 6, 8, 4, 10, 2, 12 fit
        [total(7), {"kind": "rate", "label": "见面率", "pct": "50"}],
        "pct.reachable:rate.1",
        _expect(
            status=Status.FAIL,
            severity=Severity.MAJOR,
            cause=Cause.UNREACHABLE,
            title=("百分比“见面率”能否由整数件数得到", "is '见面率' reachable"),
            message=(
                "基数7上没有任何整数件数得到50%(3/7→43, 4/7→57);文中其他数字也都不能作为其基数。7附近可得的基数:6、8、4、10、2、12",
                "no whole count of 7 gives 50% (3/7→43, 4/7→57); no other figure stated in the text fits as its base. "
                "Nearest bases that fit: 6, 8, 4, 10, 2, 12",
            ),
            expected="基数 base ∈ {6, 8, 4, 10, 2, 12}",
            observed="50",
            figures=("rate.见面率", "total"),
            candidates=(6, 8, 4, 10, 2, 12),
        ),
    ),
    (
        "a share reachable on a base the text states",  # 99.16% of 801 has no count; 828/835 = 99.1617 → 99.16
        [
            total(801),
            {"kind": "base", "key": "submitted", "label": "收到", "count": 835},
            sat("satisfied_or_basic", pct="99.16"),
        ],
        "pct.reachable:sat.satisfied_or_basic",
        _expect(
            status=Status.FAIL,
            severity=Severity.MINOR,
            cause=Cause.OTHER_BASE,
            title=("百分比“满意或基本满意”能否由整数件数得到", "is '满意或基本满意' reachable"),
            # 801·9916 // 10000 = 794: 794/801 = 99.1261 → 99.13, 795/801 = 99.2509 → 99.25
            message=None,  # the nearest bases are checked apart, by an oracle (below)
            expected=None,
            observed="99.16",
            figures=("sat.satisfied_or_basic", "total"),
            candidates=None,
        ),
    ),
    (
        "a reachable rate",  # 100% of 276 allows exactly 276
        [total(276), {"kind": "reply_rate", "pct": "100"}],
        "pct.reachable:reply_rate",
        _expect(
            status=Status.PASS,
            severity=Severity.INFO,
            title=("百分比“办复率”能否由整数件数得到", "is '办复率' reachable"),
            message=("未给件数;100%在基数276上对应276件", "no count printed; 100% of 276 allows 276"),
            expected="276件",
            observed="100",
            figures=("reply_rate", "total"),
            count_range=(276, 276),
        ),
    ),
    (
        "shares that cannot sum to 100 by rounding to nearest",  # 14.2 + 28.5 + 57.1 = 99.8; 100 ± 3·0.05
        [total(7), cls("A", 1, 1, "14.2"), cls("B", 2, 2, "28.5"), cls("C", 3, 4, "57.1")],
        "pctsum.classes",
        _expect(
            status=Status.FAIL,
            severity=Severity.MAJOR,
            cause=Cause.SUM_NOT_100,
            title=("办理结果分类百分比合计", "outcome classes: shares sum to 100"),
            message=(
                "14.2+28.5+57.1 = 99.8%,应在100 ± 0.15之内(每项四舍五入最多差半个单位)",
                "14.2+28.5+57.1 = 99.8%, allowed 100 ± 0.15 (half a unit per rounded share)",
            ),
            expected="100 ± 0.15",
            observed="99.8",
            figures=("class.A", "class.B", "class.C"),
        ),
    ),
    (
        "shares of an incomplete set above 100",  # no rank 3 or 4: at most 100 + 2·0.05 = 100.1; 60.0 + 45.0 = 105.0
        [total(100), cls("A", 1, pct="60.0"), cls("B", 2, pct="45.0")],
        "pctsum.classes",
        _expect(
            status=Status.FAIL,
            severity=Severity.MAJOR,
            cause=Cause.SUM_NOT_100,
            title=("办理结果分类百分比合计", "outcome classes: shares sum to 100"),
            message=(
                "60.0+45.0 = 105.0%,应在≤ 100.10之内(每项四舍五入最多差半个单位)",
                "60.0+45.0 = 105.0%, allowed ≤ 100.10 (half a unit per rounded share)",
            ),
            expected="≤ 100.10",
            observed="105.0",
            figures=("class.A", "class.B"),
        ),
    ),
    (
        "a whole number among one-decimal shares",  # 14/52 = 26.923 → 26.9 at one decimal, printed 27
        [total(52), cls("A", 1, 33, "63.5"), cls("B", 2, 14, "27"), cls("C", 3, 5, "9.6")],
        "pct.precision:class.r2",
        _expect(
            status=Status.WARN,
            severity=Severity.MINOR,
            cause=Cause.PRECISION,
            title=("“B”的小数位数", "precision of 'B'"),
            message=(
                "同组保留1位小数,此项印为27%;14/52保留1位为26.9%,与印出的数不同",
                "its set has 1 decimals, this one prints 27%; 14/52 to 1 places is 26.9% (not what is printed)",
            ),
            expected="26.9",
            observed="27",
            figures=("class.B", "total"),
        ),
    ),
    (
        "a dropped trailing zero",  # 403/1034 = 38.975 → 39.0 at one decimal, printed 39
        [total(1034), cls("A", 1, 363, "35.1"), cls("B", 2, 403, "39"), cls("C", 3, 268, "25.9")],
        "pct.precision:class.r2",
        _expect(
            status=Status.PASS,
            severity=Severity.INFO,
            title=("“B”的小数位数", "precision of 'B'"),
            message=(
                "同组保留1位小数,此项印为39%;403/1034保留1位为39.0%,只是省略了末尾的0",
                "its set has 1 decimals, this one prints 39%; 403/1034 to 1 places is 39.0% (a trailing zero dropped)",
            ),
            expected="39.0",
            observed="39",
            figures=("class.B", "total"),
        ),
    ),
    (
        "one rounding mode for the report",  # modes of the five Hengnan shares: {H,E,U}, {H,E,D}, {H,E,D}, {H,E,D}, {H,E,U}
        HENGNAN,
        "rounding.report",
        _expect(
            status=Status.PASS,
            severity=Severity.INFO,
            title=("全文的取舍方式", "rounding mode of the whole report"),
            message=(
                "全部5个带件数的百分比都符合:四舍五入、四舍六入五成双",
                "all 5 percentages with counts are consistent with: half_up, half_even",
            ),
            figures=("class.A类", "class.B类", "class.C类", "sat.satisfied", "sat.basically_satisfied"),
            modes={H, E},
        ),
    ),
    (
        "truncation for the whole report",  # 33/52 → {D}; 14/52 = 26.923 → 26.9 {H,E,D}; 5/52 = 9.615 → 9.6 {H,E,D}
        [total(52), cls("A", 1, 33, "63.4"), cls("B", 2, 14, "26.9"), cls("C", 3, 5, "9.6")],
        "rounding.report",
        _expect(
            status=Status.WARN,
            severity=Severity.MINOR,
            title=("全文的取舍方式", "rounding mode of the whole report"),
            message=(
                "全部百分比只能用截尾解释,不是四舍五入",
                "every percentage is explained by truncate only, not by rounding to nearest",
            ),
            figures=("class.A", "class.B", "class.C"),
            modes={D},
        ),
    ),
    (
        "the gap",  # (117 + 32)/149 = 100%, 40/149 = 26.8456%: 73.1544 points
        HENGNAN,
        "gap.satisfaction_vs_resolution",
        _expect(
            status=Status.WARN,
            severity=Severity.MAJOR,
            cause=Cause.GAP,
            title=("满意率与解决率的差距", "satisfaction against resolution"),
            message=(
                "满意率(含基本满意)100.00% − 解决率26.85% = 73.15个百分点(超过阈值20.00)",
                "satisfied or basically satisfied 100.00% − resolution 26.85% = 73.15 points (above the threshold of 20.00)",
            ),
            expected="≤ 20.00",
            observed="73.15",
            figures=("class.A类", "total", "sat.satisfied", "sat.basically_satisfied"),
        ),
    ),
]


@pytest.mark.parametrize("name, entries, check_id, want", CASES, ids=[c[0] for c in CASES])
def test_verdict_in_full(name, entries, check_id, want):
    got = _fields(result(run(*entries), check_id))
    for key, value in want.items():
        if value is not None:
            assert got[key] == value, key


def test_the_nearest_bases_by_an_oracle():
    """99.16% of 801: the bases the message names are the nearest on which some count gives 99.16."""
    r = result(run(total(801), {"kind": "base", "key": "submitted", "label": "收到", "count": 835},
                   sat("satisfied_or_basic", pct="99.16")), "pct.reachable:sat.satisfied_or_basic")  # fmt: skip

    def fits(n: int) -> bool:
        """Some whole k of n prints as 99.16 to nearest, half-up or half-even (Python's round is half-even)."""
        for k in range(max(0, n * 9916 // 10000 - 1), min(n, n * 9916 // 10000 + 2) + 1):
            x = Fraction(100 * 100 * k, n)
            if x.__floor__() + (1 if x - x.__floor__() >= Fraction(1, 2) else 0) == 9916 or round(x) == 9916:
                return True
        return False

    oracle: list[int] = []
    for step in range(1, 801):  # outward from 801, the lower neighbour first
        oracle += [m for m in (801 - step, 801 + step) if fits(m)]
        if len(oracle) >= 6:
            break
    assert not fits(801) and fits(835)
    assert r.candidates == (835, *[m for m in oracle[:6] if m != 835])  # the base the text states first
    assert r.message.zh.startswith(
        "基数801上没有任何整数件数得到99.16%(794/801→99.13, 795/801→99.25);但在文中另一数字收到835上可得(828/835)"
    )


@pytest.mark.parametrize(
    "entries, policy, message",
    [
        # 14.2 + 28.5 + 57.1 = 99.8 truncated (1/7, 2/7, 4/7): truncation allows (99.7, 100]; the hull of
        # the four modes is (99.7, 100.3), written 100 ± 0.3
        (
            [total(7), cls("A", 1, 1, "14.2"), cls("B", 2, 2, "28.5"), cls("C", 3, 4, "57.1")],
            "any",
            (
                "14.2+28.5+57.1 = 99.8%,应在100 ± 0.30之内(按截尾取舍)",
                "14.2+28.5+57.1 = 99.8%, allowed 100 ± 0.30 (under truncate)",
            ),
        ),
        # Hengnan's shares, 26.85 + 59.73 + 13.42 = 100.00, half a unit each: 100 ± 0.015
        (
            HENGNAN,
            "permissive",
            (
                "26.85+59.73+13.42 = 100.00%,应在100 ± 0.015之内(每项四舍五入最多差半个单位)",
                "26.85+59.73+13.42 = 100.00%, allowed 100 ± 0.015 (half a unit per rounded share)",
            ),
        ),
    ],
)
def test_sum_messages_say_the_policy(entries, policy, message):
    r = result(run(*entries, policy=Policy.named(policy)), "pctsum.classes")
    assert (r.message.zh, r.message.en) == message and r.status is Status.PASS


def test_hengnan_headlines_and_bounds_in_full():
    g = run(*HENGNAN).gaps
    assert [(h.zh, h.en) for h in g.headlines] == [
        # 40/149 = 26.85%, (117 + 32)/149 = 100%: 73.15 points
        (
            "解决率26.85%,满意率(含基本满意)100.00%,相差73.15个百分点",
            "resolution 26.85% against satisfied or basically satisfied 100.00%: a gap of 73.15 points",
        ),
        # unsolved 149 − 40 = 109; 117 + 109 − 149 = 77
        (
            "至少77件建议代表表示满意但问题尚未解决(不在A类):满意117 + 未解决109 − 总数149 = 77",
            "at least 77 proposals rated fully satisfied were not solved (not in class A): 117 satisfied + 109 not solved − 149 total = 77",
        ),
        # class C: 20 + 149 − 149 = 20 = all of it
        (
            "C类全部20件(暂时无法解决或留作参考)都被评为满意或基本满意",
            "all 20 proposals of C类 (not solvable now or for reference) were rated satisfied or basically satisfied",
        ),
    ]
    # each cell: [max(0, r + c − 149), min(r, c)]; satisfied c = 117, satisfied-or-basic c = 149
    assert [(c.row.zh, c.col.zh, c.lower, c.upper, c.row_count, c.col_count) for c in g.cells] == [
        ("A类", "满意", 8, 40, 40, 117),  # 40 + 117 − 149 = 8
        ("B类", "满意", 57, 89, 89, 117),  # 89 + 117 − 149 = 57
        ("C类", "满意", 0, 20, 20, 117),  # 20 + 117 − 149 < 0
        ("未解决(非A类)", "满意", 77, 109, 109, 117),
        ("A类", "满意或基本满意", 40, 40, 40, 149),
        ("B类", "满意或基本满意", 89, 89, 89, 149),
        ("C类", "满意或基本满意", 20, 20, 20, 149),
        ("未解决(非A类)", "满意或基本满意", 109, 109, 109, 149),
    ]
    assert [(r.key, r.text(), r.count, r.base, r.from_counts) for r in g.rates] == [
        ("resolution", "26.85", 40, 149, True),
        ("commitment", "86.58", 129, 149, True),  # 129/149 = 86.577
        ("satisfied", "78.52", 117, 149, True),  # 117/149 = 78.5235
        ("combined", "100.00", 149, 149, True),
    ]


def test_a_partial_bound_and_a_printed_rate():
    # 100 proposals: A 30, B 50, C 20; satisfied 60, basically 30 (90 of 100 satisfied or basic).
    # C: 20 + 90 − 100 = 10 → "at least 10 of the 20"; satisfied 60 + 70 unsolved − 100 = 30.
    g = run(
        total(100),
        cls("A", 1, 30),
        cls("B", 2, 50),
        cls("C", 3, 20),
        sat("satisfied", 60),
        sat("basically_satisfied", 30),
    ).gaps
    assert [h.zh for h in g.headlines][1:] == [
        "至少30件建议代表表示满意但问题尚未解决(不在A类):满意60 + 未解决70 − 总数100 = 30",
        "C20件中至少10件被评为满意或基本满意",
    ]
    assert g.headlines[2].en == "at least 10 of the 20 proposals of C were rated satisfied or basically satisfied"
    # a rate printed without counts keeps its own precision: 95.5 (one decimal), not 95.50
    printed = run(total(100), cls("A", 1, 30), sat("satisfied_or_basic", pct="95.5")).gaps
    assert printed.rate("combined").text() == "95.5" and printed.finding.observed == "65.50"


def test_no_rates_no_finding():
    g = run(total(57), cls("A", 1, 43), cls("B", 2, 13), cls("C", 3, 1)).gaps
    assert (g.finding.status, g.finding.message.zh, g.finding.message.en) == (
        Status.UNDECIDABLE,
        "报告未给出满意率",
        "the report gives no satisfaction rate",
    )
    g = run(total(57), sat("satisfied", 50)).gaps
    assert (g.finding.message.zh, g.finding.message.en) == ("报告未给出解决率", "the report gives no resolution rate")


def test_an_impossible_rate_says_why():
    # 120 + 190 = 310 of 200: 155%
    g = run(total(200), cls("A", 1, 100), cls("B", 2, 100), sat("very_satisfied", 120), sat("satisfied", 190)).gaps
    why = (
        "满意率(不含基本满意)超过100%(310/200),不是一个比率,不予计算",
        "satisfied, not counting basically satisfied is above 100% (310/200): not a rate",
    )
    assert [(w.zh, w.en) for w in g.withheld][0] == why
    assert (g.finding.message.zh, g.finding.message.en, g.finding.cause) == (*why, Cause.EXCEEDS_BASE)


def test_a_failed_margin_is_noted_in_the_finding():
    # classes 40 + 89 + 19 = 148 of 149 do not add up: the gap is still measured, with a note, no headline
    res = run(
        total(149),
        cls("A", 1, 40),
        cls("B", 2, 89),
        cls("C", 3, 19),
        sat("satisfied", 117),
        sat("basically_satisfied", 32),
    )
    assert res.gaps.finding.message.zh.endswith(";注意:办理结果分类件数之和(未通过),比率仅供参考")
    assert res.gaps.finding.message.en.endswith(
        "; note: outcome classes: parts add up (failed), so the rates are indicative only"
    )
    assert [(h.zh, h.en) for h in res.gaps.headlines] == [
        (
            "未给出由公布数字推出的结论:办理结果分类件数之和(未通过)",
            "no conclusion drawn from the figures: outcome classes: parts add up (failed)",
        )
    ]


def test_the_confirm_message_in_full():
    figs = make(total(149), cls("A", 1, 40, "26.95"))
    from dataclasses import replace

    from proposal_audit.figures import Figures

    a = replace(figs.get("class.A"), certainty=Certainty.AMBIGUOUS, alternatives=("26.85%",))
    r = result(audit(Figures(figs.meta, (figs.total, a))), "pct.share:class.r1")
    # 40/149 = 26.8456 → 26.85; printed 26.95 is 10 units off
    assert r.message.zh == (
        "确认读数:“A”的读法不确定,其他读法:26.85%。确认后再判定(按现读法为“不一致”:40/149 = 26.8456%,"
        "按四舍五入保留2位为26.85%;文中为26.95%。相差末位10个单位;26.95%对应件数无 none)"
    )
    assert r.message.en.startswith(
        "confirm the reading: 'A' can be read otherwise: 26.85%. Decided once confirmed (as read now: fail: "
    )


# --------------------------------------------------------------------------- the text checks


def _text(text: str, body: str = "人大", sentences=None) -> dict:
    from proposal_audit.checks.text import run_text_checks

    found = run_text_checks(text, body, sentences if sentences is not None else [(0, len(text))])
    return {r.check_id: r for r in found}


@pytest.mark.parametrize(
    "text, check_id, zh, en, positions",
    [
        # "具体来说," is 5 characters: 关键词2 starts at offset 5, line 1, column 6, and ends at 9
        (
            "具体来说,关键词2主要采取了以下措施",
            "text.template_tokens",
            "文中留有模板占位符:“关键词2” 第1行第6字 (offset 5)",
            "template tokens left in the text: '关键词2' line 1 col 6 (offset 5)",
            ((5, 9),),
        ),
        # "十八屆人大四次會" is 8 characters: "(huì)" at offset 8, column 9, five characters long
        (
            "十八屆人大四次會(huì)議",
            "text.pinyin_residue",
            "文中夹有转载网站加注的拼音,说明文本并非取自原始发布处:“(huì)” 第1行第9字 (offset 8)",
            "pinyin added by a mirror site: the text was not taken from the original publication: '(huì)' line 1 col 9 (offset 8)",
            ((8, 13),),
        ),
        # second line: "縣政府" then 係統 at column 4; the newline makes the offset 3 + 3 = 6
        (
            "報告\n縣政府係統",
            "text.overconversion",
            "简繁机器转换用错了字(如“係統”应为“系統”):“係統” 第2行第4字 (offset 6)",
            "machine script conversion chose wrong characters (係統 for 系統): '係統' line 2 col 4 (offset 6)",
            ((6, 8),),
        ),
        # a 人大 report: "人大报告:" is 5 characters, then 委员 at offset 5
        (
            "人大报告:委员提出建议10件。",
            "text.body_labels",
            "这是人大的报告,但数字所在句子用了另一机构的称谓:“委员” 第1行第6字 (offset 5)",
            "a 人大 report using the other body's words beside its figures: '委员' line 1 col 6 (offset 5)",
            ((5, 7),),
        ),
    ],
)
def test_text_messages(text, check_id, zh, en, positions):
    r = _text(text)[check_id]
    assert (r.status, r.severity, r.cause, r.category.value) == (Status.WARN, Severity.MINOR, Cause.TEXT_DEFECT, "text")
    assert (r.message.zh, r.message.en, r.positions, r.observed) == (zh, en, positions, "1")
    assert r.check == check_id and r.subject == ""


def test_text_checks_that_find_nothing():
    found = _text("共收到代表建议128件,全部按期办结。")
    assert {cid: (r.status, r.message.zh, r.message.en) for cid, r in found.items()} == {
        cid: (Status.PASS, "未发现", "none found")
        for cid in (
            "text.template_tokens",
            "text.mojibake",
            "text.overconversion",
            "text.pinyin_residue",
            "text.body_labels",
        )
    }
    assert [r.title.zh for r in found.values()] == [
        "未替换的模板占位符",
        "乱码",
        "繁简转换错误",
        "拼音残留(转载网站所加)",
        "数字所在句子使用了另一机构的称谓",
    ]


def test_long_listings_are_cut_and_counted():
    # nine tokens "xx" separated by "、": offsets 0, 3, 6, …, 24; the listing shows eight and the count
    text = "、".join(["xx"] * 9)
    r = _text(text)["text.template_tokens"]
    shown = ", ".join(f"“xx” 第1行第{3 * i + 1}字 (offset {3 * i})" for i in range(8))
    assert r.message.zh == f"文中留有模板占位符:{shown} … 共9处"
    assert r.message.en.endswith("'xx' line 1 col 22 (offset 21) … 9 in all")
    assert r.observed == "9" and len(r.positions) == 9


def test_mojibake_message_names_the_repair():
    from proposal_audit.integrity import find_mojibake

    text = "正文。\n瀵逛笉璧凤紝鎮ㄨ璁块棶鐨勯〉闈笉瀛樺湪鎴栧凡琚垹闄!"
    (hit,) = find_mojibake(text)
    r = _text(text)["text.mojibake"]
    assert r.message.zh == f"文中有编码错误造成的乱码(原文应为:{hit.hint}):“{hit.text}” 第2行第1字 (offset 4)"
    assert (
        r.message.en
        == f"text decoded with the wrong encoding (it should read: {hit.hint}): '{hit.text}' line 2 col 1 (offset 4)"
    )
    assert hit.hint.startswith("对不起")


def test_a_political_consultative_report_flags_the_deputies_words():
    r = _text("政协报告:代表建议10件。", body="政协")["text.body_labels"]
    assert r.message.zh == "这是政协的报告,但数字所在句子用了另一机构的称谓:“代表建议” 第1行第6字 (offset 5)"
    # with no body given, it is inferred from the words: here 政协 twice, 人大 never
    assert _text("政协提案…政协委员…", body="")["text.body_labels"].status is Status.PASS


# --------------------------------------------------------------------------- why no bound is given

CLASSES_1034 = [total(1034), cls("A", 1, 363), cls("B", 2, 403), cls("C", 3, 268)]


@pytest.mark.parametrize(
    "base, why_zh, why_en",
    [
        # 1200 forms of 1034 proposals: more than the whole, cannot be a part of it
        (
            {"count": 1200, "label": "反馈表"},
            "1200多于1034,不可能是建议中的一部分",
            "1200 is more than 1034: not a part of the proposals",
        ),
        # 755 forms (份): counted in forms, not proposals
        (
            {"count": 755, "label": "反馈表", "quote": "收回反馈表755份"},
            "“反馈表755”数的不是建议",
            "'反馈表755' does not count proposals",
        ),
        # 755 with no unit at all: unknown, and how to say it
        (
            {"count": 755},
            "文中未说明“755”是否就是建议中的一部分;若是,请在 figures 文件中为它写上 base: total",
            "the text does not say whether '755' counts proposals; if it does, give it base: total in the figures file",
        ),
    ],
)
def test_why_no_bound(base, why_zh, why_en):
    levels = [sat("satisfied", 690, base="fb"), sat("basically_satisfied", base["count"] - 690, base="fb")]
    g = run(*CLASSES_1034, {"kind": "base", "key": "fb", **base}, *levels).gaps
    what = f"{base.get('label', '')}{base['count']}"
    assert (g.withheld[-1].zh, g.withheld[-1].en) == (
        f"满意度按“{what}”统计,办理结果按1034件建议统计,两者不是同一总体({why_zh}):无法推出“办理结果×满意度”交叉表的界限,只比较两种比率",
        f"satisfaction is counted on '{what}', outcomes on 1034 proposals: not the same population ({why_en}), so the class × satisfaction table has no bounds; only the rates are compared",
    )
    assert g.headlines[-1] == g.withheld[-1] and g.cells == ()


def test_a_gap_on_another_base_says_so():
    # corpus 22: 690 + 65 = 755 proposals with feedback (件建议): satisfied-or-basic 755/755 = 100%,
    # resolution 363/1034 = 35.1064%: 64.89 points, satisfaction on 755
    base = {"kind": "base", "key": "fb", "count": 755, "quote": "代表共对755件建议的办理工作进行了满意度反馈"}
    g = run(*CLASSES_1034, base, sat("satisfied", 690, base="fb"), sat("basically_satisfied", 65, base="fb")).gaps
    assert (g.headlines[0].zh, g.headlines[0].en) == (
        "解决率35.11%,满意率(含基本满意)100.00%(满意度基数为755),相差64.89个百分点",
        "resolution 35.11% against satisfied or basically satisfied 100.00% (satisfaction on 755): a gap of 64.89 points",
    )
    # 690 + (1034 − 363) − 1034 = 327
    assert (g.headlines[1].zh, g.headlines[1].en) == (
        "至少327件建议代表表示满意但问题尚未解决(不在A类)(满意度基于755件反馈):满意690 + 未解决671 − 总数1034 = 327",
        "at least 327 proposals rated fully satisfied were not solved (not in class A) (satisfaction on 755 with feedback): 690 satisfied + 671 not solved − 1034 total = 327",
    )
    assert g.rate("resolution").text(4) == "35.1064"  # 36300/1034 = 35.10638…


@pytest.mark.parametrize(
    "entries, check_id, message",
    [
        # 117 + 32 = 149 counts the whole base: a complete set, 100 ± 2·0.005
        (
            HENGNAN,
            "pctsum.satisfaction",
            "78.52+21.48 = 100.00%,应在100 ± 0.010之内(每项四舍五入最多差半个单位)",
        ),
        # topics 69 + 97 = 166 of 166: complete; 41.57 + 58.43 = 100.00
        (
            [
                total(166),
                {"kind": "topic", "label": "城建", "count": 69, "pct": "41.57"},
                {"kind": "topic", "label": "其他", "count": 97, "pct": "58.43"},
            ],
            "pctsum.topics",
            "41.57+58.43 = 100.00%,应在100 ± 0.010之内(每项四舍五入最多差半个单位)",
        ),
        # topics 69 + 45 = 114 of 166: only part of the base, so at most 100 + 0.010
        (
            [
                total(166),
                {"kind": "topic", "label": "城建", "count": 69, "pct": "41.57"},
                {"kind": "topic", "label": "社会", "count": 45, "pct": "27.11"},
            ],
            "pctsum.topics",
            "41.57+27.11 = 68.68%,应在≤ 100.010之内(每项四舍五入最多差半个单位)",
        ),
    ],
)
def test_sum_messages_say_whether_the_set_is_complete(entries, check_id, message):
    r = result(run(*entries), check_id)
    assert (r.status, r.message.zh) == (Status.PASS, message)


# --------------------------------------------------------------------------- edges that decide a verdict

EDGES = [
    (
        "0% of 3000 with one",  # 1/3000 = 0.0333% → 0 to nearest and truncated: honest, but reads as none
        [total(3000), cls("A", 1, 1, "0"), cls("B", 2, 2999, "100")],
        "pct.share:class.r1",
        dict(
            subject="class.r1",
            status=Status.WARN,
            severity=Severity.MINOR,
            cause=Cause.ROUNDED_TO_ALL,
            title=("百分比“A”与件数", "percentage 'A' vs its count"),
            message=(
                "1/3000 = 0.03%,按四舍五入保留0位为0%;文中为0%。舍入无误,但印为0%读来是“没有”,实际1/3000,差1件",
                "1/3000 = 0.03%, half-up to 0 places 0%; printed 0%. Rounded correctly, but 0% reads as none: it is 1 of 3000",
            ),
            expected="0",
            observed="0",
            figures=("class.A", "total"),
            modes={H, E, D},
            count_range=(0, 0),
        ),
    ),
    (
        "0% of 100 with one",  # 1/100 = 1% exactly under every mode: "0" fits none, and claims none
        [total(100), cls("A", 1, 1, "0"), cls("B", 2, 99, "99")],
        "pct.share:class.r1",
        dict(
            status=Status.FAIL,
            severity=Severity.MAJOR,
            cause=Cause.MISROUNDED,
            message=(
                "1/100 = 1.00%,按四舍五入保留0位为1%;文中为0%。印为0%即声称没有,但实际为1/100",
                "1/100 = 1.00%, half-up to 0 places 1%; printed 0%. 0% claims none, but it is 1 of 100",
            ),
        ),
    ),
    (
        "0% of 150 with one, truncated",  # 1/150 = 0.667%: 1 to nearest, 0 only by truncation
        [total(150), cls("A", 1, 1, "0"), cls("B", 2, 149, "99")],
        "pct.share:class.r1",
        dict(
            status=Status.FAIL,
            severity=Severity.MAJOR,
            cause=Cause.TRUNCATION,
            message=(
                "1/150 = 0.67%,按四舍五入保留0位为1%;文中为0%。印为0%即声称没有,但实际为1/150,只有截尾才得出0%",
                "1/150 = 0.67%, half-up to 0 places 1%; printed 0%. 0% claims none, but it is 1 of 150; only truncate gives 0%",
            ),
            modes={D},
        ),
    ),
    (
        "1% of 100 is one",  # 1/100 = 1% exactly: a plain pass (1% is no claim of all or none)
        [total(100), cls("A", 1, 1, "1"), cls("B", 2, 99, "99")],
        "pct.share:class.r1",
        dict(status=Status.PASS, severity=Severity.INFO, modes={H, E, D, U}, count_range=(1, 1)),
    ),
    (
        "two units off is major",  # 40/149 = 26.8456 → 26.85; 26.87 is two units above
        [total(149), cls("A", 1, 40, "26.87"), cls("B", 2, 109, "73.15")],
        "pct.share:class.r1",
        dict(
            status=Status.FAIL,
            severity=Severity.MAJOR,
            cause=Cause.MISROUNDED,
            message=(
                "40/149 = 26.8456%,按四舍五入保留2位为26.85%;文中为26.87%。相差末位2个单位;26.87%对应件数无 none",
                "40/149 = 26.8456%, half-up to 2 places 26.85%; printed 26.87%. Off by 2 unit(s) in the last place; counts allowed 无 none",
            ),
        ),
    ),
    (
        "truncated unlike the other share",  # 1/7 = 14.2857 → 14.28 only by truncation; 6/7 = 85.7143 → 85.72 only by ceiling
        [total(7), cls("A", 1, 1, "14.28"), cls("B", 2, 6, "85.72")],
        "pct.share:class.r1",
        dict(
            status=Status.FAIL,
            severity=Severity.MINOR,
            cause=Cause.TRUNCATION,
            message=(
                "1/7 = 14.2857%,按四舍五入保留2位为14.29%;文中为14.28%。只符合截尾,与全文其他百分比的取舍方式不同",
                "1/7 = 14.2857%, half-up to 2 places 14.29%; printed 14.28%. Only consistent with truncate, unlike the rest of the report",
            ),
            modes={D},
        ),
    ),
    (
        "rounded up unlike the other share",  # the same report, B: only ceiling gives 85.72
        [total(7), cls("A", 1, 1, "14.28"), cls("B", 2, 6, "85.72")],
        "pct.share:class.r2",
        dict(
            status=Status.FAIL,
            severity=Severity.MINOR,
            cause=Cause.CEILING,
            message=(
                "6/7 = 85.7143%,按四舍五入保留2位为85.71%;文中为85.72%。只符合进一,与全文其他百分比的取舍方式不同",
                "6/7 = 85.7143%, half-up to 2 places 85.71%; printed 85.72%. Only consistent with ceiling, unlike the rest of the report",
            ),
            modes={U},
        ),
    ),
    (
        "one truncated share alone",  # 33/52 = 63.4615 → 63.4 only by truncation; no other share to compare
        [total(52), cls("A", 1, 33, "63.4"), cls("B", 2, 19)],
        "pct.share:class.r1",
        dict(
            status=Status.FAIL,
            severity=Severity.MINOR,
            cause=Cause.TRUNCATION,
            message=(
                "33/52 = 63.462%,按四舍五入保留1位为63.5%;文中为63.4%。只符合截尾",
                "33/52 = 63.462%, half-up to 1 places 63.5%; printed 63.4%. Only consistent with truncate",
            ),
        ),
    ),
    (
        "a unit count is no population",  # 10/77 = 12.99 → 13, but 77 is the number of handling units
        [total(100), cls("A", 1, 10, "13"), {"kind": "units", "count": 77}],
        "pct.share:class.r1",
        dict(status=Status.FAIL, severity=Severity.MAJOR, cause=Cause.MISROUNDED, candidates=()),
    ),
    (
        "the sum of a set with an empty class",  # 148 + 364 + 76 + 0 = 588; on 588: 25.17, 61.90, 12.93, 0
        [total(591), cls("A", 1, 148, "25.2"), cls("B", 2, 364, "61.9"), cls("C", 3, 76, "12.9"), cls("D", 4, 0, "0")],
        "pct.share:class.r1",
        dict(status=Status.FAIL, severity=Severity.MINOR, cause=Cause.OTHER_BASE, candidates=(588,)),
    ),
    (
        "two classes without counts",
        [total(149), cls("A", 1, 40), cls("B", 2, pct="59.73"), cls("C", 3, pct="13.42")],
        "parts.classes",
        dict(
            subject="",
            status=Status.UNDECIDABLE,
            message=("B、C没有件数,无法核对合计", "B, C printed without a count"),
        ),
    ),
    (
        "classes with an empty one that add up",  # 114 + 43 + 9 + 0 = 166
        [total(166), cls("A", 1, 114), cls("B", 2, 43), cls("C", 3, 9), cls("D", 4, 0)],
        "parts.classes",
        dict(
            subject="",
            status=Status.PASS,
            message=("114+43+9+0 = 166,总数166", "114+43+9+0 = 166; base 166"),
            observed="166",
        ),
    ),
    (
        # 149 + 0 = 149 of 149: complete. Unrounded, "100" lies in [99.5, 100] and "0" in [0, 0.5): no share
        # exceeds 100 or falls below 0, so the sum lies in [99.5, 100.5): printed 100 ± 0.5
        "an empty level still completes its set",
        [total(149), sat("satisfied", 149, "100"), sat("basically_satisfied", 0, "0")],
        "pctsum.satisfaction",
        dict(
            subject="",
            status=Status.PASS,
            message=(
                "100+0 = 100%,应在100 ± 0.5之内(每项四舍五入最多差半个单位)",
                "100+0 = 100%, allowed 100 ± 0.5 (half a unit per rounded share)",
            ),
            expected="100 ± 0.5",
            observed="100",
            figures=("sat.satisfied", "sat.basically_satisfied"),
            modes={H, E},
        ),
    ),
    (
        "unreachable, and the counts allowed on 172",  # 99.5% of 172: 171/172 = 99.42 → 99.4, 172/172 = 100.0
        [total(244), {"kind": "base", "key": "fb", "count": 172}, sat("satisfied_or_basic", pct="99.5", base="fb")],
        "pct.reachable:sat.fb.satisfied_or_basic",
        dict(subject="sat.fb.satisfied_or_basic", status=Status.FAIL, cause=Cause.UNREACHABLE, message=None),
    ),
    (
        "reachable on a stated base, with the first count that fits",  # 50% of 7: 3/7 = 42.9, 4/7 = 57.1; of 101: 50/101 = 49.50 → 50, 51/101 = 50.50 → 50
        [
            total(7),
            {"kind": "base", "key": "submitted", "label": "收到", "count": 101},
            {"kind": "rate", "label": "见面率", "pct": "50"},
        ],
        "pct.reachable:rate.1",
        dict(status=Status.FAIL, severity=Severity.MINOR, cause=Cause.OTHER_BASE, message=None),
    ),
]


@pytest.mark.parametrize("name, entries, check_id, want", EDGES, ids=[c[0] for c in EDGES])
def test_edges_in_full(name, entries, check_id, want):
    got = _fields(result(run(*entries), check_id))
    for key, value in want.items():  # only the fields each row names
        if value is not None:
            assert got[key] == value, key


def test_the_first_count_on_a_stated_base():
    r = result(
        run(
            total(7),
            {"kind": "base", "key": "submitted", "label": "收到", "count": 101},
            {"kind": "rate", "label": "见面率", "pct": "50"},
        ),
        "pct.reachable:rate.1",
    )
    # 50/101 and 51/101 both print 50: the message names the first, 50
    assert r.message.zh.startswith(
        "基数7上没有任何整数件数得到50%(3/7→43, 4/7→57);但在文中另一数字收到101上可得(50/101)"
    )
    assert "but it is reachable on 101, stated in the text as 收到 (50/101)" in r.message.en
    assert r.candidates[0] == 101 and r.candidates.count(101) == 1


def test_the_counts_tried_include_the_whole_base():
    r = result(
        run(total(244), {"kind": "base", "key": "fb", "count": 172}, sat("satisfied_or_basic", pct="99.5", base="fb")),
        "pct.reachable:sat.fb.satisfied_or_basic",
    )
    assert r.message.zh.startswith("基数172上没有任何整数件数得到99.5%(171/172→99.4, 172/172→100.0)")


def test_a_base_stated_twice_is_a_candidate_once():
    # submitted 835 and, by another name, 835 again: 828/835 = 99.16 is offered once
    r = result(
        run(
            total(801),
            {"kind": "base", "key": "submitted", "count": 835},
            {"kind": "base", "key": "received", "count": 835},
            sat("satisfied_or_basic", pct="99.16"),
        ),
        "pct.reachable:sat.satisfied_or_basic",
    )
    assert r.candidates.count(835) == 1


def _reachable_to_nearest(printed: str, n: int) -> bool:
    """Oracle: some whole k of n prints as `printed` half-up or half-even (exact fractions)."""
    d = len(printed.split(".")[1]) if "." in printed else 0
    target = Fraction(printed) * 10**d
    for k in range(n + 1):
        x = Fraction(100 * k * 10**d, n)
        floor = x.numerator // x.denominator
        up = floor + (1 if x - floor >= Fraction(1, 2) else 0)
        if target in (up, round(x)):
            return True
    return False


def _nearest(pcts: list[str], n: int, want: int = 6) -> list[int]:
    out: list[int] = []
    for step in range(1, max(n, 200)):
        out += [
            m
            for m in (n - step, n + step)
            if 1 <= m <= max(2 * n, 200) and all(_reachable_to_nearest(p, m) for p in pcts)
        ]
        if len(out) >= want:
            return out[:want]
    return out


def test_two_shares_without_counts_are_fitted_together():
    # 63.9% and 36.1% of 276: 176/276 = 63.77, 177/276 = 64.13; 99/276 = 35.87, 100/276 = 36.23: neither is reachable
    r = result(run(total(276), cls("A", 1, pct="63.9"), cls("B", 2, pct="36.1")), "pct.reachable:class.r1")
    near = _nearest(["63.9", "36.1"], 276)
    assert r.candidates == tuple(near)
    assert r.message.zh.endswith(f"276附近可得的基数(须同时满足同组2个百分比):{'、'.join(map(str, near))}")
    assert r.message.en.endswith(
        f"Nearest bases that fit (fitting all 2 shares of its set): {', '.join(map(str, near))}"
    )


def test_a_stated_sum_of_another_set_is_no_sibling():
    # corpus 38's shape: the classes' three shares, and a stated sum over the satisfaction levels only
    entries = [
        total(276),
        cls("A", 1, pct="63.9"),
        cls("B", 2, pct="27.3"),
        cls("D", 4, pct="8.8"),
        sat("very_satisfied", pct="47.2"),
        sat("satisfied", pct="35.4"),
        {"kind": "sum", "label": "两项合计", "pct": "82.5", "parts": ["sat.very_satisfied", "sat.satisfied"]},
    ]
    r = result(run(*entries), "pct.reachable:class.r1")
    assert r.candidates == tuple(_nearest(["63.9", "27.3", "8.8"], 276))
    assert "(须同时满足同组3个百分比)" in r.message.zh


def test_a_lump_takes_the_classes_of_its_own_breakdown_only():
    from proposal_audit.audit import audit
    from proposal_audit.figures import Figure, Figures, Kind, ReportMeta

    figs = Figures(
        ReportMeta(),
        (
            Figure(Kind.TOTAL, "total", count=100),
            Figure(Kind.CLASS, "a", count=30, rank=1),
            Figure(Kind.CLASS, "b", count=50, rank=2),
            Figure(Kind.CLASS, "a2", count=7, rank=1, dimension="另一分类"),
            Figure(Kind.CLASS_COMBINED, "ab", count=80, ranks=(1, 2)),  # 30 + 50; the other breakdown's 7 is not in it
            Figure(Kind.STATED_SUM, "s", count=5, ranks=(1,)),  # a stated sum names parts, never ranks: nothing to add
        ),
    )
    res = audit(figs)
    r = result(res, "sum.count:combined.r1+2")
    assert (r.status, r.figures, r.message.zh) == (Status.PASS, ("ab", "a", "b"), "30+50 = 80,文中为80")
    assert not [x for x in res.results if x.check_id.startswith("sum.count:sum")]


def test_a_set_on_a_base_that_does_not_exist_is_not_checked():
    from proposal_audit.audit import audit
    from proposal_audit.figures import Figure, Figures, Kind, ReportMeta

    figs = Figures(
        ReportMeta(), (Figure(Kind.TOTAL, "total", count=10), Figure(Kind.CLASS, "a", count=3, rank=1, base="nope"))
    )
    assert not [r for r in audit(figs).results if r.check_id.startswith("parts.classes")]


def test_text_titles_in_english_and_subjects():
    found = _text("共收到代表建议128件,全部按期办结。")
    assert [r.title.en for r in found.values()] == [
        "unreplaced template tokens",
        "mojibake",
        "script conversion errors",
        "pinyin residue from a mirror site",
        "the other body's words beside the figures",
    ]
    assert all(r.subject == "" and r.check_id == r.check for r in found.values())


def test_eight_hits_are_all_shown_without_a_count():
    r = _text("、".join(["xx"] * 8))["text.template_tokens"]
    assert r.message.zh.endswith("“xx” 第1行第22字 (offset 21)") and "共" not in r.message.zh
    assert r.message.en.endswith("'xx' line 1 col 22 (offset 21)") and "in all" not in r.message.en
    assert r.message.en.count("', '") == 0 and r.message.en.count(", '") == 7


def test_mojibake_names_three_repairs_at_most():
    from proposal_audit.integrity import find_mojibake

    broken = "瀵逛笉璧凤紝鎮ㄨ璁块棶鐨勯〉闈笉瀛樺湪鎴栧凡琚垹闄!"
    text = "\n".join(["正文。", broken, "正文。", broken, "正文。", broken, "正文。", broken])
    hits = find_mojibake(text)
    assert len(hits) == 4
    r = _text(text)["text.mojibake"]
    hints = ";".join(h.hint for h in hits[:3])
    assert r.message.zh.startswith(f"文中有编码错误造成的乱码(原文应为:{hints}):")
    assert r.message.en.startswith(
        "text decoded with the wrong encoding (it should read: " + "; ".join(h.hint for h in hits[:3]) + "):"
    )


@pytest.mark.parametrize(
    "entries, check_id, status, message",
    [
        # the printed terms' own sum, at two decimals: no "from the counts" clause
        (
            [total(400), sat("very_satisfied", pct="47.25"), sat("satisfied", pct="35.40"), {**SUM_82, "pct": "82.65"}],
            "sum.pct:sum.1",
            Status.PASS,
            ("47.25+35.40 = 82.65%,文中合计82.65%", "47.25+35.40 = 82.65%; printed 82.65%"),
        ),
        # one proposal, printed 99% (a misprint), stated 100%: the counts (1 of 1) give the stated 100
        (
            [
                total(1),
                cls("A", 1, 1, "99"),
                cls("B", 2, 0, "0"),
                {"kind": "sum", "label": "AB", "pct": "100", "parts": ["class.A", "class.B"]},
            ],
            "sum.pct:sum.1",
            Status.PASS,
            ("99+0 = 99%,文中合计100%;按件数1+0计算为100%", "99+0 = 99%; printed 100%; from the counts it is 100%"),
        ),
        # B has no count: the counts cannot decide (1 of 3 would give 33.33); 33.33 + 33.33 is 66.66, not 33.33
        (
            [
                total(3),
                cls("A", 1, 1, "33.33"),
                cls("B", 2, pct="33.33"),
                {"kind": "sum", "label": "AB", "pct": "33.33", "parts": ["class.A", "class.B"]},
            ],
            "sum.pct:sum.1",
            Status.FAIL,
            ("33.33+33.33 = 66.66%,文中合计却为33.33%", "33.33+33.33 = 66.66%, but the text says 33.33%"),
        ),
    ],
)
def test_stated_share_messages(entries, check_id, status, message):
    r = result(run(*entries), check_id)
    assert (r.status, (r.message.zh, r.message.en)) == (status, message)


def test_stated_sums_without_a_share_are_checked_by_count_only():
    # a stated count 129 = 40 + 89 beside shares of its terms: no share to check; the next sum still is
    entries = [
        *HENGNAN,
        {"kind": "sum", "label": "AB件数", "count": 129, "parts": ["class.A类", "class.B类"]},
        {"kind": "sum", "label": "AB", "pct": "86.58", "parts": ["class.A类", "class.B类"]},  # 26.85 + 59.73
    ]
    ids = [r.check_id for r in run(*entries).results if r.check_id.startswith("sum.")]
    assert ids == ["sum.count:sum.1", "sum.pct:sum.2"]


def test_a_stated_share_on_a_total_without_a_count():
    # "共…件" not read, only its share: the counts have no base, the printed terms decide (26.85 + 59.73 = 86.58)
    entries = [
        {"kind": "total", "pct": "100"},
        cls("A类", 1, 40, "26.85"),
        cls("B类", 2, 89, "59.73"),
        {"kind": "sum", "label": "AB", "pct": "86.58", "parts": ["class.A类", "class.B类"]},
    ]
    assert result(run(*entries), "sum.pct:sum.1").status is Status.PASS


def test_forms_as_many_as_the_proposals_are_still_forms():
    # 149 forms (份) for 149 proposals: not more than the whole, but counted in forms
    base = {"kind": "base", "key": "fb", "label": "反馈表", "count": 149, "quote": "收回反馈表149份"}
    g = run(
        total(149),
        cls("A", 1, 40),
        cls("B", 2, 109),
        base,
        sat("satisfied", 117, base="fb"),
        sat("basically_satisfied", 32, base="fb"),
    ).gaps
    assert "(“反馈表149”数的不是建议)" in g.withheld[-1].zh


def test_the_first_combined_figure_and_counts_before_shares():
    # two combined figures in one breakdown: the first is the rate (90 of 100), never their sum
    g = run(
        total(100), cls("A", 1, 30), sat("satisfied_or_basic", 90), {**sat("satisfied_or_basic", 80), "key": "again"}
    ).gaps
    assert (g.rate("combined").value, g.rate("combined").count) == (90, 90)
    # levels printed as shares only, the combined figure with a count: the count decides (95 of 100)
    g = run(
        total(100),
        cls("A", 1, 30),
        sat("satisfied", pct="80"),
        sat("basically_satisfied", pct="14"),
        sat("satisfied_or_basic", 95),
    ).gaps
    assert (g.rate("combined").value, g.rate("combined").from_counts) == (95, True)


def test_the_sets_with_their_titles():
    from proposal_audit.checks.model import percent_sets

    figs = make(
        total(100),
        cls("A", 1, 60),
        cls("B", 2, 40),
        cls("A", 1, 5, dimension="办理结果", key="class.结果.A"),
        sat("satisfied", 70),
        sat("satisfied", 60, dimension="办理工作"),
        {"kind": "topic", "label": "城建", "count": 30},
        {"kind": "topic", "label": "教育", "count": 20, "dimension": "提案者"},
    )
    got = [
        (s.kind, s.subject, s.title.zh, s.title.en, [m.key for m in s.members], s.base.key, s.complete)
        for s in percent_sets(figs)
    ]
    assert got == [
        ("classes", "", "办理结果分类", "outcome classes", ["class.A", "class.B"], "total", False),  # no rank 3 or 4
        ("classes", "d1", "办理结果分类(办理结果)", "outcome classes (办理结果)", ["class.结果.A"], "total", False),
        ("satisfaction", "", "满意度", "satisfaction", ["sat.satisfied"], "total", False),  # 70 of 100, no 不满意
        (
            "satisfaction",
            "d1",
            "满意度(办理工作)",
            "satisfaction (办理工作)",
            ["sat.办理工作.satisfied"],
            "total",
            False,
        ),
        ("topics", "", "议题分类", "topics", ["topic.城建"], "total", False),
        ("topics", "d1", "议题分类(提案者)", "topics (提案者)", ["topic.教育"], "total", False),
    ]
    # a set counted to its base is complete: 60 + 40 = 100 topics, 100 satisfied of 100
    full = make(
        total(100),
        sat("satisfied", 100),
        {"kind": "topic", "label": "甲", "count": 60},
        {"kind": "topic", "label": "乙", "count": 40},
    )
    assert [(s.kind, s.complete) for s in percent_sets(full)] == [("satisfaction", True), ("topics", True)]
    # ranks 3 and up claim to cover every proposal
    assert percent_sets(make(total(10), cls("A", 1, 5), cls("C", 3, 5)))[0].complete


# --------------------------------------------------------------------------- the rest of the rules, one row each

from proposal_audit.figures import Figure, Kind, ReportMeta  # noqa: E402
from proposal_audit.rounding import parse_percent  # noqa: E402


def _figs(*figures: Figure) -> Figures:
    return Figures(ReportMeta(), tuple(figures))


def _f(kind: Kind, key: str, count=None, pct=None, **kw) -> Figure:
    return Figure(kind, key, count=count, pct=parse_percent(pct) if pct is not None else None, **kw)


def test_a_filing_rate_with_nothing_to_divide_by():
    r = result(run(total(276), {"kind": "filing_rate", "pct": "90.5"}), "pct.share:filing_rate")
    assert (r.status, r.severity, r.title.zh, r.title.en, r.message.zh, r.message.en, r.observed, r.figures) == (
        Status.SKIPPED,
        Severity.INFO,
        "百分比“filing_rate”",
        "percentage 'filing_rate'",
        "立案率须有收到的提案数(submitted)作基数,文中未给出,未检查",
        "a filing rate needs the number submitted: not checked",
        "90.5",
        ("filing_rate",),
    )


def test_a_share_of_a_base_without_a_count_in_full():
    # listed first, so that the share after it is still analysed (26.85 = 40/149)
    entries = [
        total(149),
        {"kind": "base", "key": "forms", "label": "反馈表", "pct": "90"},
        sat("satisfied", pct="80", base="forms"),
        cls("A", 1, 40, "26.85"),
    ]
    res = run(*entries)
    r = result(res, "pct.share:sat.forms.satisfied")
    assert (r.status, r.severity, r.title.zh, r.message.zh, r.message.en, r.observed, r.figures) == (
        Status.UNDECIDABLE,
        Severity.INFO,
        "百分比“满意”",
        "基数“反馈表”没有件数,无法核对",
        "its base '反馈表' has no count",
        "80",
        ("sat.satisfied", "forms"),
    )
    assert result(res, "pct.share:class.r1").status is Status.PASS


def test_the_counts_implied_and_said_so():
    # 立案率 = 276 filed of 305 submitted = 90.492 → 90.5
    r = result(
        run(total(276), {"kind": "submitted", "count": 305}, {"kind": "filing_rate", "pct": "90.5"}),
        "pct.share:filing_rate",
    )
    assert r.message.zh.startswith("276(由立案件数推得)/305 = 90.492%") and r.message.en.startswith(
        "276 (count implied: the proposals filed)/305"
    )
    assert r.figures == ("filing_rate", "submitted", "total")
    # satisfied or basic = 144 + 2 = 146 of 146
    r = result(
        run(total(146), sat("satisfied", 144), sat("basically_satisfied", 2), sat("satisfied_or_basic", pct="100")),
        "pct.share:sat.satisfied_or_basic",
    )
    assert r.message.zh.startswith("146(由满意+基本满意推得)/146") and r.message.en.startswith(
        "146 (count implied: satisfied + basic)/146"
    )
    # a lump of ranks 1 and 2 = 0 + 89 = 89 of 149 = 59.73 (a zero class counts as zero)
    r = result(
        run(
            total(149),
            cls("A", 1, 0),
            cls("B", 2, 89),
            cls("C", 3, 60),
            {"kind": "class_combined", "ranks": [1, 2], "pct": "59.73"},
        ),
        "pct.share:combined.r1+2",
    )
    assert (
        r.status is Status.PASS
        and r.message.zh.startswith("89(由分项之和推得)/149")
        and "(count implied: sum of parts)" in r.message.en
    )
    # a handled count under a key of its own still implies the reply rate: 148/149 → 99.33, printed 99.33
    r = result(
        run(total(149), {"kind": "handled", "key": "done", "count": 148}, {"kind": "reply_rate", "pct": "99.33"}),
        "pct.share:reply_rate",
    )
    assert r.status is Status.PASS and r.figures == ("reply_rate", "total", "done")


@pytest.mark.parametrize(
    "levels, check_id",
    [
        # a combined rate is implied only by two or more levels that include 基本满意, all counted
        ([sat("basically_satisfied", 30)], "pct.reachable:sat.satisfied_or_basic"),  # one level only
        ([sat("very_satisfied", 50), sat("satisfied", 40)], "pct.reachable:sat.satisfied_or_basic"),  # no 基本满意
        ([sat("satisfied", 109), sat("basically_satisfied", 30)], "pct.share:sat.satisfied_or_basic"),  # 139 of 149
    ],
)
def test_which_levels_imply_a_combined_count(levels, check_id):
    entries = [total(149), *levels, sat("satisfied_or_basic", pct="93.29")]  # 139/149 = 93.2886 → 93.29
    assert result(run(*entries), check_id).check_id == check_id


def test_a_zero_level_counts_as_zero():
    # 149 + 0 = 149 of 149: the combined 100% is right (a zero counted as one would make it 150/149)
    r = result(
        run(total(149), sat("satisfied", 149), sat("basically_satisfied", 0), sat("satisfied_or_basic", pct="100")),
        "pct.share:sat.satisfied_or_basic",
    )
    assert r.status is Status.PASS


def test_a_dissatisfied_share_is_not_implied_by_the_others():
    # 不满意 printed 0% with no count: no count is implied from 满意 + 基本满意; 0% of 149 means none
    r = result(
        run(total(149), sat("satisfied", 117), sat("basically_satisfied", 32), sat("dissatisfied", pct="0")),
        "pct.reachable:sat.dissatisfied",
    )
    assert (r.status, r.count_range) == (Status.PASS, (0, 0))


def test_a_filing_rate_without_a_total():
    # a figure set with no total at all (a reading that found none): the rate is still tried on 305
    figs = _figs(_f(Kind.SUBMITTED, "submitted", 305), _f(Kind.FILING_RATE, "filing_rate", pct="90.5"))
    res = audit(figs)
    assert result(res, "pct.reachable:filing_rate").status is Status.PASS  # 276/305 = 90.49 → 90.5
    assert res.gaps.finding.status is Status.UNDECIDABLE and res.gaps.population is None


def test_a_first_set_without_shares_does_not_stop_the_next():
    # classes with counts only come first; the satisfaction set after them has a share printed with
    # fewer decimals than its set: 32/149 = 21.48 at two decimals, printed 21.5 → a nudge, not a dropped 0
    entries = [
        total(149),
        cls("A", 1, 40),
        cls("B", 2, 109),
        sat("satisfied", 117, "78.52"),
        sat("basically_satisfied", 32, "21.5"),
    ]
    r = result(run(*entries), "pct.precision:sat.basically_satisfied")
    assert (r.status, r.cause, r.expected) == (Status.WARN, Cause.PRECISION, "21.48")


def test_precision_on_a_base_without_a_count():
    # classes on a base that has only a share: precision cannot be judged, and nothing breaks
    entries = [
        total(100),
        {"kind": "base", "key": "b", "pct": "50"},
        cls("A", 1, 10, "20.0", base="b"),
        cls("B", 2, 40, "80", base="b"),
    ]
    assert not [r for r in run(*entries).results if r.check == "pct.precision"]


@pytest.mark.parametrize(
    "policy, status, shown",
    [
        # 2501/20000 = 12.505% exactly: at two decimals half-up 12.51, half-even 12.50 (even).
        # Printed 12.5 beside 87.50: under permissive that is 12.50 with its 0 dropped.
        ("permissive", Status.PASS, "12.50"),
        # half-up alone gives 12.51: 12.5 is not a dropped zero
        ("strict", Status.WARN, "12.51"),
    ],
)
def test_precision_at_a_tie(policy, status, shown):
    entries = [total(20000), cls("A", 1, 2501, "12.5"), cls("B", 2, 17499, "87.50")]
    r = result(run(*entries, policy=Policy.named(policy)), "pct.precision:class.r1")
    assert (r.status, r.expected) == (status, shown)
    assert f"2501/20000保留2位为{shown}%" in r.message.zh


def test_rounding_modes_of_the_report_in_words():
    # no single mode: 40/149 → 26.85 ({H,E,U}) beside 33/52-style truncation-only shares cannot happen in
    # one set; here A 1/7 = 14.28 ({D}) and B 6/7 = 85.72 ({U}) share no mode
    r = result(run(total(7), cls("A", 1, 1, "14.28"), cls("B", 2, 6, "85.72")), "rounding.report")
    assert (r.status, r.message.zh, r.message.en, r.modes) == (
        Status.PASS,
        "没有一种取舍方式能解释全部百分比(见各项检查)",
        "no single rounding mode explains every percentage (see the checks above)",
        (),
    )
    # one share, 1/8 = 12.5% printed 12: half-even and truncation; under strict neither is accepted
    r = result(run(total(8), cls("A", 1, 1, "12"), policy=Policy.named("strict")), "rounding.report")
    assert (r.status, r.message.en) == (
        Status.WARN,
        "every percentage is explained by half_even, truncate only, not by rounding to nearest",
    )
    assert r.message.zh == "全部百分比只能用四舍六入五成双、截尾解释,不是四舍五入"


def test_forced_to_100_looks_at_every_set():
    # The classes come first and do not sum to 100 (60.24 + 30.12 = 90.36; they need not, having no rank 3
    # or 4). The topics after them do: 68.68 + 25.9 + 5.42 = 100.00, with 甲 honestly 68.67.
    entries = [
        total(166),
        cls("A", 1, 100, "60.24"),  # 100/166 = 60.2410 → 60.24
        cls("B", 2, 50, "30.12"),  # 50/166 = 30.1205 → 30.12
        {"kind": "topic", "label": "甲", "count": 114, "pct": "68.68"},
        {"kind": "topic", "label": "乙", "count": 43, "pct": "25.9"},
        {"kind": "topic", "label": "丙", "count": 9, "pct": "5.42"},
    ]
    r = result(run(*entries), "pct.share:topic.1")
    assert (r.status, r.cause) == (Status.WARN, Cause.FORCED_TO_100)


@pytest.mark.parametrize(
    "pcts, policy, status",
    [
        # four even whole numbers 20 + 20 + 28 + 30 = 98: each unrounded value may be as much as 0.5 above
        # (half-even keeps the tie n.5 on the even n), 98 + 4·0.5 = 100 exactly — possible to half-even only
        (("20", "20", "28", "30"), "permissive", Status.PASS),
        (("20", "20", "28", "30"), "strict", Status.FAIL),  # half-up takes the ties up: below 100
        # 49 + 50 = 99 of a complete set: 49 (odd) cannot be 49.5 under either mode, 50 + 49.4999… < 100
        (("49", "50"), "permissive", Status.FAIL),
    ],
)
def test_sums_at_the_exact_end_of_rounding(pcts, policy, status):
    ranks = [1, 2, 3, 4][: len(pcts)]
    if len(pcts) == 2:
        ranks = [1, 3]
    entries = [total(100), *[cls(chr(65 + i), r, pct=p) for i, (p, r) in enumerate(zip(pcts, ranks, strict=True))]]
    assert result(run(*entries, policy=Policy.named(policy)), "pctsum.classes").status is status


def test_small_and_single_sets_of_shares():
    # an incomplete set of two zero shares sums to 0: fine (0 ≤ 100)
    assert result(run(total(100), cls("A", 1, pct="0"), cls("B", 2, pct="0")), "pctsum.classes").status is Status.PASS
    # an incomplete set summing to less than 1 is fine too: 0.5 + 0.3 = 0.8
    assert (
        result(run(total(1000), cls("A", 1, pct="0.5"), cls("B", 2, pct="0.3")), "pctsum.classes").status is Status.PASS
    )
    # one share alone has nothing to sum with
    assert not [r for r in run(total(100), cls("A", 1, pct="40")).results if r.check.startswith("pctsum")]
    # a passing sum is information, not a finding
    r = result(run(*HENGNAN), "pctsum.classes")
    assert (r.severity, r.cause) == (Severity.INFO, None)


def test_a_share_nobody_could_print_on_any_nearby_base():
    # 0.001% needs a base of 50 000 at least: none of 1…200 fits
    r = result(run(total(100), {"kind": "rate", "label": "某率", "pct": "0.001"}), "pct.reachable:rate.1")
    assert r.message.zh.endswith("100附近可得的基数:无") and r.message.en.endswith("Nearest bases that fit: none")
    assert r.expected == "基数 base ∈ {}" and r.candidates == ()


def test_a_counted_share_is_no_sibling_of_the_uncounted():
    # 38's classes, with B counted (75/276 = 27.17, printed 27.3: its own check): only A and D are fitted
    # together for A's nearest bases
    entries = [total(276), cls("A", 1, pct="63.9"), cls("B", 2, 75, "27.3"), cls("D", 4, pct="8.8")]
    r = result(run(*entries), "pct.reachable:class.r1")
    assert r.candidates == tuple(_nearest(["63.9", "8.8"], 276)) and "(须同时满足同组2个百分比)" in r.message.zh


def test_a_stated_sum_over_the_set_is_a_sibling():
    # AB = A + B printed 91.2 must fit the same base as 63.9, 27.3 and 8.8
    entries = [
        total(276),
        cls("A", 1, pct="63.9"),
        cls("B", 2, pct="27.3"),
        cls("D", 4, pct="8.8"),
        {"kind": "sum", "label": "AB", "pct": "91.2", "parts": ["class.A", "class.B"]},
    ]
    r = result(run(*entries), "pct.reachable:class.r1")
    assert r.candidates == tuple(_nearest(["63.9", "27.3", "8.8", "91.2"], 276))
    assert "(须同时满足同组4个百分比)" in r.message.zh


def test_another_base_tried_on_a_stated_sum_without_a_count():
    # 588 = 148 + 364 + 66 + 10 explains A, B, C, D and also the stated A+B = 87.1 (512/588 = 87.07)
    entries = [
        total(591),
        cls("A", 1, 148, "25.2"),
        cls("B", 2, 364, "61.9"),
        cls("C", 3, 66, "11.2"),
        cls("D", 4, 10, "1.7"),
        {"kind": "sum", "label": "AB", "pct": "87.1", "parts": ["class.A", "class.B"]},
    ]
    assert result(run(*entries), "pct.share:class.r1").cause is Cause.OTHER_BASE


def test_within_base_details():
    # a count above its base and a share above 100 in one figure: both said, in that order
    r = result(run(total(200), sat("satisfied", 210, "105")), "parts.within_base:sat.satisfied")
    assert r.message.zh == "满意210件,多于其基数总数200件;满意印为105%,超过100%:不可能,须核对原文"
    assert r.message.en == "210 is more than its base 200; 105% is more than 100%: impossible, check the text"
    # the total's own share above 100: it is its own base, named once
    r = result(run({"kind": "total", "count": 100, "pct": "105"}), "parts.within_base:total")
    assert (r.figures, r.observed, r.expected) == (("total",), "105", "≤ 100")
    # a share whose base is missing (a hand-built figure set): named alone
    r = result(
        audit(_figs(_f(Kind.TOTAL, "total", 10), _f(Kind.CLASS, "a", pct="105", rank=1, base="nope"))),
        "parts.within_base:class.nope.r1",
    )
    assert r.figures == ("a",)
    # a stated sum with neither a share nor a base of its own is not a part of the total (24: 578 submitted)
    assert (
        result(
            run(total(470), {"kind": "sum", "label": "收到", "count": 578, "parts": ["total"]}), "parts.within_base"
        ).status
        is Status.PASS
    )
    assert (
        result(
            run(total(470), {"kind": "sum", "label": "收到", "count": 578, "pct": "123", "parts": ["total"]}),
            "parts.within_base:sum.1",
        ).cause
        is Cause.EXCEEDS_BASE
    )


def test_handled_in_full():
    r = result(run(total(149), {"kind": "handled", "count": 149}), "parts.handled")
    assert (r.subject, r.status, r.severity, r.cause, r.message.zh, r.expected, r.observed) == (
        "",
        Status.PASS,
        Severity.INFO,
        None,
        "办结149件,总数149件",
        "≤ 149",
        "149",
    )
    # 办结率 printed without a count: nothing to compare
    assert not [x for x in run(total(149), {"kind": "handled", "pct": "100"}).results if x.check == "parts.handled"]


def test_combined_satisfaction_in_full():
    # listed first: a combined share with no count (skipped), then a dimension whose combined count is checked
    entries = [
        total(146),
        sat("satisfied_or_basic", pct="100"),
        sat("satisfied", 144, dimension="办理结果"),
        sat("basically_satisfied", 0, dimension="办理结果"),
        sat("satisfied_or_basic", 144, dimension="办理结果"),
    ]
    r = result(run(*entries), "parts.satisfaction_combined:d1")
    # 144 + 0 = 144
    assert (r.subject, r.status, r.severity, r.message.zh) == (
        "d1",
        Status.PASS,
        Severity.INFO,
        "144+0 = 144,文中合计144",
    )


def test_combined_satisfaction_needs_two_counted_levels():
    # one level and a combined count: nothing to add up; then a breakdown that has two
    entries = [
        total(146),
        sat("satisfied", 144),
        sat("satisfied_or_basic", 146),
        sat("satisfied", 100, dimension="乙"),
        sat("basically_satisfied", 46, dimension="乙"),
        sat("satisfied_or_basic", 146, dimension="乙"),
    ]
    ids = [r.check_id for r in run(*entries).results if r.check == "parts.satisfaction_combined"]
    assert ids == ["parts.satisfaction_combined:d1"]


def test_stated_counts_in_order_and_in_full():
    # a share-only stated sum first, then a count sum that adds up: 40 + 89 = 129
    entries = [
        *HENGNAN,
        {"kind": "sum", "label": "AB", "pct": "86.58", "parts": ["class.A类", "class.B类"]},
        {"kind": "sum", "label": "AB件数", "count": 129, "parts": ["class.A类", "class.B类"]},
    ]
    r = result(run(*entries), "sum.count:sum.2")
    assert (r.status, r.severity, r.cause, r.message.zh) == (Status.PASS, Severity.INFO, None, "40+89 = 129,文中为129")


def test_a_stated_share_on_a_total_without_a_count_by_its_terms():
    # no count of the base: 1 + 0 of "one" is not a base; the printed terms 99 + 0 = 99 against a stated 100
    # can only be rounding (99.5 + 0.4 ≥ 99.5 and < 100): a warning, not a pass
    entries = [
        {"kind": "total", "pct": "100"},
        cls("A", 1, 1, "99"),
        cls("B", 2, 0, "0"),
        {"kind": "sum", "label": "AB", "pct": "100", "parts": ["class.A", "class.B"]},
    ]
    assert result(run(*entries), "sum.pct:sum.1").status is Status.WARN


def test_classes_are_in_rank_order_and_sets_skip_combined_levels():
    # given B before A: the sum reads A first (by rank); a combined level listed first is no part of the set
    entries = [
        total(149),
        cls("B", 2, 89),
        cls("A", 1, 40),
        cls("C", 3, 20),
        sat("satisfied_or_basic", 149),
        sat("satisfied", 117),
        sat("basically_satisfied", 32),
    ]
    res = run(*entries)
    assert result(res, "parts.classes").message.zh == "40+89+20 = 149,总数149"
    assert result(res, "parts.satisfaction").message.zh == "117+32 = 149,总数149"


def test_two_readings_to_confirm_in_one_verdict():
    figs = make(total(149), cls("A", 1, 40), cls("B", 2, 89), cls("C", 3, 19))
    unsure = {"class.B": ("98",), "class.C": ("20", "21")}
    figures = tuple(
        replace(f, certainty=Certainty.AMBIGUOUS, alternatives=unsure[f.key]) if f.key in unsure else f for f in figs
    )
    r = result(audit(Figures(figs.meta, figures)), "parts.classes")
    assert r.message.zh.startswith("确认读数:“B、C”的读法不确定,其他读法:98; 20; 21。")
    # without alternatives in words, a dash
    lone = tuple(replace(f, certainty=Certainty.AMBIGUOUS) if f.key == "class.C" else f for f in figs)
    assert "其他读法:—。" in result(audit(Figures(figs.meta, lone)), "parts.classes").message.zh


def test_a_subject_of_a_share_on_a_class():
    from proposal_audit.checks.model import subject

    # a share whose base is not a base figure (here a class, keyed by its label): numbered 0 among bases
    figs = make(total(10), cls("甲", 1, 6), {"kind": "topic", "label": "城建", "count": 3, "base": "class.甲"})
    assert subject(figs.get("topic.城建"), figs) == "topic.base0.1"
    # a stated sum that names ranks is still numbered like any stated sum
    lump = _figs(_f(Kind.TOTAL, "total", 10), _f(Kind.STATED_SUM, "s", 5, ranks=(1,)))
    assert subject(lump.get("s"), lump) == "sum.1"
