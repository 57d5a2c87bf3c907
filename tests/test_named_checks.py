"""Checks as named objects: ids, titles, policies, typed results; readings to confirm; every figure kind.

Expected verdicts are worked out by hand in the comments.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from proposal_audit.audit import audit
from proposal_audit.checks import CHECKS, TEXT_CHECKS, Family, check_named, run_checks
from proposal_audit.figures import Certainty, Figure, Figures, Kind, Level, ReportMeta, load_figures
from proposal_audit.results import Cause, Policy, Severity, Status
from proposal_audit.rounding import parse_percent
from tests.conftest import cls, make, result, run, sat, total

ROOT = Path(__file__).resolve().parents[1]
F, W, P, U, S = Status.FAIL, Status.WARN, Status.PASS, Status.UNDECIDABLE, Status.SKIPPED
CORPUS = sorted((ROOT / "data/figures/corpus").glob("*.yaml"))
HENGNAN = [
    total(149),
    cls("A", 1, 40, "26.85"),
    cls("B", 2, 89, "59.73"),
    cls("C", 3, 20, "13.42"),
    sat("satisfied", 117, "78.52"),
    sat("basically_satisfied", 32, "21.48"),
]


# --------------------------------------------------------------------------- the named checks


def test_every_check_is_named_titled_and_says_what_policy_it_honours():
    ids = [c.id for c in (*CHECKS, *TEXT_CHECKS)]
    assert len(ids) == len(set(ids))
    policy_fields = {f.name for f in dataclasses.fields(Policy)}
    for c in (*CHECKS, *TEXT_CHECKS):
        assert c.title.zh and c.title.en and c.title.zh != c.title.en, c.id
        assert isinstance(c.family, Family)
        assert set(c.honours) <= policy_fields, c.id
        assert c.id.split(".")[0] in ("parts", "sum", "pct", "pctsum", "rounding", "text"), c.id
        assert check_named(c.id) is c
    with pytest.raises(KeyError, match="known"):
        check_named("pct.nope")


def test_results_name_their_check_and_subject():
    for r in run(*HENGNAN).checks:
        assert r.check in {c.id for c in CHECKS}
        assert r.check_id == (f"{r.check}:{r.subject}" if r.subject else r.check)


# (printed labels, their traditional-script copy): the ids must not change
TRADITIONAL = {"A": "A類", "B": "B類", "C": "C類", "两项合计": "兩項合計", "城建": "城建環保"}


def _relabel(entries: list[dict]) -> list[dict]:
    return [{**e, "label": TRADITIONAL.get(e.get("label", ""), e.get("label", ""))} for e in entries]


@pytest.mark.parametrize(
    "entries",
    [
        HENGNAN,
        [
            total(276),
            sat("very_satisfied", pct="47.2"),
            sat("satisfied", pct="35.4"),
            {"kind": "sum", "label": "两项合计", "pct": "82.5", "parts": ["sat.very_satisfied", "sat.satisfied"]},
            {"kind": "topic", "label": "城建", "count": 77},
        ],
    ],
)
def test_ids_do_not_depend_on_the_script_of_the_labels(entries):
    trad = _relabel(entries)
    ids = [r.check_id for r in run(*entries).results]
    assert ids == [r.check_id for r in run(*trad).results]
    assert not any(ch in i for i in ids for ch in "类類合计計")


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem[:2] for p in CORPUS])
def test_checks_that_honour_no_policy_give_one_verdict_under_every_policy(path):
    figs = load_figures(path)
    by_policy = {
        name: {r.check_id: (r.status, r.cause) for r in run_checks(figs, Policy.named(name))}
        for name in ("permissive", "strict", "any")
    }
    fixed = {c.id for c in CHECKS if not c.honours}
    for cid in by_policy["permissive"]:
        if cid.split(":")[0] in fixed:
            assert by_policy["permissive"][cid] == by_policy["strict"][cid] == by_policy["any"][cid], cid


def test_a_check_that_honours_the_rounding_modes_changes_with_them():
    # 1/8 = 12.5% exactly: half-even prints 12 (even), half-up 13. Printed "12" passes under permissive
    # (half-even accepted). Under strict (half-up only) it should be 13, and 13 + 88 = 101 while
    # 12 + 88 = 100: one unit off in a set summing to exactly 100, the forced-to-100 pattern.
    entries = [total(8), cls("A", 1, 1, "12"), cls("B", 2, 7, "88")]
    assert "accepted" in check_named("pct.share").honours
    assert result(run(*entries), "pct.share:class.r1").status is P
    r = result(run(*entries, policy=Policy.named("strict")), "pct.share:class.r1")
    assert (r.status, r.cause) == (W, Cause.FORCED_TO_100)


@pytest.mark.parametrize(
    "entries, expected",
    [
        (HENGNAN, ["class.r1", "class.r2", "class.r3", "sat.satisfied", "sat.basically_satisfied"]),
        # two classes of rank 2 are numbered in order; a second breakdown gets d1; a base named by its key
        (
            [
                total(10),
                cls("甲", 1, 4),
                cls("乙", 2, 3),
                cls("乙二", 2, 3),
                sat("satisfied", 5, dimension="办理结果"),
                {"kind": "base", "key": "forms", "count": 8},
                sat("satisfied", 6, base="forms"),
            ],
            ["class.r1", "class.r2", "class.r2.2", "sat.d1.satisfied", "base.forms", "sat.forms.satisfied"],
        ),
        # bases whose keys are not identifiers are numbered among themselves, the same in their shares
        (
            [
                total(10),
                {"kind": "base", "key": "submitted", "count": 20},
                {"kind": "base", "key": "反馈表", "count": 8},
                {"kind": "satisfaction_base", "key": "回收表", "count": 9},
                sat("satisfied", 6, base="反馈表"),
                sat("satisfied", 7, base="回收表", dimension="办理结果"),
                {"kind": "topic", "label": "城建", "count": 3, "scope": "上年"},
                {"kind": "topic", "label": "教育", "count": 4},
                {"kind": "topic", "label": "其他", "count": 3},
            ],
            [
                "base.submitted",
                "base.1",
                "sat_base.2",
                "sat.base1.satisfied",
                "sat.d1.base2.satisfied",
                "topic.s1.1",
                "topic.1",
                "topic.2",
            ],
        ),
    ],
)
def test_subjects_are_built_from_structure(entries, expected):
    from proposal_audit.checks.model import subject

    figs = make(*entries)
    shares = [f for f in figs if f.kind is not Kind.TOTAL]
    assert [subject(f, figs) for f in shares] == expected


# --------------------------------------------------------------------------- ask instead of accusing


def _figs(*figures: Figure) -> Figures:
    return Figures(ReportMeta(), tuple(figures))


def _fig(kind: Kind, key: str, count=None, pct=None, **kw) -> Figure:
    return Figure(kind, key, count=count, pct=parse_percent(pct) if pct is not None else None, **kw)


AMBIGUOUS = dict(certainty=Certainty.AMBIGUOUS, alternatives=("也可读作B类89件 could be class B's 89",))

# (name, figures with the ambiguous reading, the check id, the verdict on the same figures read for sure)
ASK_CASES = [
    (
        # 40/149 = 26.8456 → 26.85, printed 26.95: 10 units off, a major fail — if 26.95 is what was meant
        "a misprinted share",
        lambda amb: (_fig(Kind.TOTAL, "total", 149), _fig(Kind.CLASS, "a", 40, "26.95", rank=1, **amb)),
        "pct.share:class.r1",
        (F, Cause.MISROUNDED),
    ),
    (
        # 40 + 89 + 20 = 149 of 149 adds up — but the total itself is the uncertain reading
        "parts that add up on an uncertain total",
        lambda amb: (
            _fig(Kind.TOTAL, "total", 149, **amb),
            _fig(Kind.CLASS, "a", 40, rank=1),
            _fig(Kind.CLASS, "b", 89, rank=2),
            _fig(Kind.CLASS, "c", 20, rank=3),
        ),
        "parts.classes",
        (P, None),
    ),
    (
        # 40 + 89 + 19 = 148 ≠ 149: a major fail, when the 19 is sure
        "parts that do not add up",
        lambda amb: (
            _fig(Kind.TOTAL, "total", 149),
            _fig(Kind.CLASS, "a", 40, rank=1),
            _fig(Kind.CLASS, "b", 89, rank=2),
            _fig(Kind.CLASS, "c", 19, rank=3, **amb),
        ),
        "parts.classes",
        (F, Cause.PARTS_DO_NOT_ADD_UP),
    ),
    (
        # 99.16% of 801: 794/801 = 99.126, 795/801 = 99.251 — unreachable, when the rate is sure
        "an unreachable rate",
        lambda amb: (
            _fig(Kind.TOTAL, "total", 801),
            _fig(Kind.SATISFACTION, "s", pct="99.16", level=Level.SATISFIED_OR_BASIC, **amb),
        ),
        "pct.reachable:sat.satisfied_or_basic",
        (F, Cause.UNREACHABLE),
    ),
]


@pytest.mark.parametrize("name, build, check_id, sure", ASK_CASES, ids=[c[0] for c in ASK_CASES])
def test_an_ambiguous_reading_is_not_decidable_never_a_fail(name, build, check_id, sure):
    r = result(audit(_figs(*build(AMBIGUOUS))), check_id)
    assert (r.status, r.severity, r.cause) == (U, Severity.INFO, Cause.AMBIGUOUS_READING)
    assert "确认读数" in r.message.zh and "confirm the reading" in r.message.en
    assert "也可读作B类89件" in r.message.zh and "could be class B's 89" in r.message.en
    assert result(audit(_figs(*build({}))), check_id).status is sure[0]
    assert result(audit(_figs(*build({}))), check_id).cause is sure[1]


def test_no_headline_is_built_on_a_reading_to_confirm():
    # Hengnan with its 117 satisfied read ambiguously: the 77 bound and the 73.15 gap wait for it
    figs = list(make(*HENGNAN))
    figs = [dataclasses.replace(f, **AMBIGUOUS) if f.key == "sat.satisfied" else f for f in figs]
    res = audit(_figs(*figs))
    assert not [h for h in res.gaps.headlines if "至少" in h.zh or "相差" in h.zh]
    assert (res.gaps.finding.status, res.gaps.finding.cause) == (U, Cause.AMBIGUOUS_READING)
    assert "确认读数" in res.gaps.finding.message.zh


# --------------------------------------------------------------------------- every kind of figure


@pytest.mark.parametrize(
    "combined, check_id, status",
    [
        # 采纳和部分采纳 as a lump of ranks 1 and 2: 40 + 89 = 129; 129/149 = 86.577 → 86.58
        ({"count": 129, "pct": "86.58"}, "sum.count:combined.r1+2", P),
        ({"count": 129, "pct": "86.58"}, "pct.share:combined.r1+2", P),
        ({"count": 130, "pct": "86.58"}, "sum.count:combined.r1+2", F),  # 40 + 89 = 129, printed 130
        ({"count": 129, "pct": "86.60"}, "pct.share:combined.r1+2", F),  # 86.577… is not 86.60
        ({"pct": "86.58"}, "pct.share:combined.r1+2", P),  # no count: implied by its classes, 129
        ({"pct": "86.60"}, "pct.share:combined.r1+2", F),
    ],
)
def test_class_combined_is_the_sum_of_its_ranks(combined, check_id, status):
    lump = {"kind": "class_combined", "label": "采纳和部分采纳", "ranks": [1, 2], **combined}
    assert result(run(*HENGNAN, lump), check_id).status is status


def test_class_combined_read_with_ranks_only_finds_its_classes():
    # An extracted lump names its ranks but not its parts: the classes of ranks 1 and 2 are its parts.
    figs = _figs(
        _fig(Kind.TOTAL, "total", 244),
        _fig(Kind.CLASS, "a", 173, rank=1),
        _fig(Kind.CLASS, "b", 44, rank=2),
        _fig(Kind.CLASS_COMBINED, "ab", pct="88.9", ranks=(1, 2)),  # (173 + 44)/244 = 88.934 → 88.9
    )
    r = result(audit(figs), "pct.share:combined.r1+2")
    assert (r.status, r.figures) == (P, ("ab", "total", "a", "b"))


@pytest.mark.parametrize(
    "entries, check_id, status, cause",
    [
        # 立案率 = filed (the total) over submitted: 276/305 = 90.492 → 90.5
        (
            [total(276), {"kind": "submitted", "count": 305}, {"kind": "filing_rate", "pct": "90.5"}],
            "pct.share:filing_rate",
            P,
            None,
        ),
        # 90.6 is one unit above 90.5 (no mode gives it: 90.49 is below 90.5)
        (
            [total(276), {"kind": "submitted", "count": 305}, {"kind": "filing_rate", "pct": "90.6"}],
            "pct.share:filing_rate",
            F,
            Cause.MISROUNDED,
        ),
        # no submitted count stated: nothing to divide by, said so
        ([total(276), {"kind": "filing_rate", "pct": "90.5"}], "pct.share:filing_rate", S, None),
        # 见面率 with no count: 100% of 149 means all 149
        ([total(149), {"kind": "face_to_face_rate", "pct": "100"}], "pct.reachable:face_to_face_rate", P, None),
        # 99.5% of 149: 148/149 = 99.33, 149/149 = 100: no whole count gives it
        (
            [total(149), {"kind": "face_to_face_rate", "pct": "99.5"}],
            "pct.reachable:face_to_face_rate",
            F,
            Cause.UNREACHABLE,
        ),
        # a count printed beside it is checked like any share: 147/149 = 98.66 → 98.7
        (
            [total(149), {"kind": "communication_rate", "count": 147, "pct": "98.7"}],
            "pct.share:communication_rate",
            P,
            None,
        ),
        # satisfaction on a satisfaction_base: 526/527 = 99.810 → 99.8
        (
            [
                total(591),
                {"kind": "satisfaction_base", "key": "forms", "count": 527},
                sat("satisfied_or_basic", 526, "99.8", base="forms"),
            ],
            "pct.share:sat.forms.satisfied_or_basic",
            P,
            None,
        ),
    ],
)
def test_every_kind_of_figure(entries, check_id, status, cause):
    r = result(run(*entries), check_id)
    assert (r.status, r.cause) == (status, cause), r.message.en


def test_a_satisfaction_base_of_forms_bounds_nothing():
    # corpus 12's shape: 527 forms (份), 591 proposals: no class × satisfaction bound from 526 on 527
    res = run(
        total(591),
        cls("A", 1, 148),
        cls("B", 2, 364),
        cls("C", 3, 66),
        cls("D", 4, 13),
        {"kind": "satisfaction_base", "key": "forms", "count": 527, "quote": "共收回反馈意见表527份"},
        sat("satisfied_or_basic", 526, base="forms"),
    )
    assert res.gaps.cells == () and not any("至少" in h.zh for h in res.gaps.headlines)
    assert any("不是同一总体" in h.zh for h in res.gaps.headlines)
