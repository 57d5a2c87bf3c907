"""Ledger checks as tables of small ledgers: each defect with a clean look-alike that passes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from conftest import cls, make, sat, total

from proposal_audit.ledger import Ledger, LedgerRow, Rating, RowStatus
from proposal_audit.ledger_checks import Timeliness, check_ledger, row_deadline
from proposal_audit.ledger_schema import BY_KEY
from proposal_audit.profiles import Duration, calendar_years, load_profile
from proposal_audit.results import Status

HENGNAN = load_profile("data/profiles/hengnan.yaml")
D = date.fromisoformat
S, B_, X = Rating.SATISFIED, Rating.BASIC, Rating.DISSATISFIED


def row(i: int, **kw) -> LedgerRow:
    base = dict(
        row=i + 2, number=f"N-{i:03d}", seq=i, prefix="N-#", lead_unit="县教育局", class_rank=1, class_label="A",
        assigned=D("2019-05-23"), replied=D("2019-07-01"), result_rating=S, work_rating=S,
    )  # fmt: skip
    base.update(kw)
    return LedgerRow(**base)


def ledger(*rows: LedgerRow, drop: tuple[str, ...] = ()) -> Ledger:
    return Ledger("t.csv", tuple(rows), frozenset(BY_KEY) - set(drop))


def run(led: Ledger, figs=None, profile=HENGNAN, **kw) -> dict:
    figs = figs or make(total(len(led.active)))
    parts = check_ledger(led, figs, profile, **kw)
    return {c.result.check_id: c for c in parts["checks"]} | {"_parts": parts}


@pytest.mark.parametrize(
    ("replied", "extended", "approved", "status", "late"),
    [
        ("2019-08-23", None, None, Timeliness.ON_TIME, None),  # 5-23 + 3 months = 8-23, the last day
        ("2019-08-24", None, None, Timeliness.LATE, 1),
        ("2019-09-05", True, "2019-08-15", Timeliness.EXTENDED, 13),  # approved before the deadline
        ("2019-09-05", True, None, Timeliness.EXTENDED_UNAPPROVED, 13),
        ("2019-09-05", True, "2019-08-30", Timeliness.EXTENDED_UNAPPROVED, 13),  # approved after it
        ("2019-11-25", True, "2019-08-15", Timeliness.LATE, 2),  # past 5-23 + 6 months = 11-23
        ("2019-05-20", None, None, Timeliness.INCONSISTENT, None),
        (None, None, None, Timeliness.UNKNOWN, None),
    ],
)
def test_row_deadlines(replied, extended, approved, status, late):
    r = row(
        1,
        replied=D(replied) if replied else None,
        extended=extended,
        extension_approved=D(approved) if approved else None,
    )
    d = row_deadline(r, HENGNAN)
    assert d.status is status and d.late_days == late


def test_an_extension_needs_no_approval_where_the_profile_says_so():
    r = row(1, replied=D("2019-09-05"), extended=True)
    assert row_deadline(r, replace(HENGNAN, extension_needs_approval=False)).status is Timeliness.EXTENDED


def test_working_days_outside_the_calendar_are_not_decidable():
    year = calendar_years()[1] + 1
    profile = replace(HENGNAN, reply_deadline=Duration(60, "working_day"))
    r = row(1, assigned=date(year, 1, 10), replied=date(year, 2, 1))
    assert row_deadline(r, profile).status is Timeliness.NOT_DECIDABLE
    checks = run(ledger(r), profile=profile)
    assert checks["ledger.deadlines"].result.status is Status.UNDECIDABLE


def test_a_late_reply_is_set_against_the_reports_claim():
    late = run(ledger(row(1), row(2, replied=D("2019-09-05"))), claim="其他的承办单位均在规定时间内完成")
    c = late["ledger.deadlines"]
    assert c.result.status is Status.FAIL and c.rows == (4,)
    assert "报告称“其他的承办单位均在规定时间内完成”" in c.result.message.zh and "逾期13天" in c.result.message.zh
    ok = run(ledger(row(1), row(2, replied=D("2019-08-23"))), claim="x")
    assert ok["ledger.deadlines"].result.status is Status.PASS


@pytest.mark.parametrize(
    ("opinion", "status"), [("2019-06-23", Status.PASS), ("2019-06-24", Status.FAIL), (None, Status.UNDECIDABLE)]
)
def test_co_handlers_opinions(opinion, status):
    r = row(1, co_units=("县财政局",), co_reply=D(opinion) if opinion else None)
    assert run(ledger(r))["ledger.deadlines.co_handlers"].result.status is status


@pytest.mark.parametrize(
    ("rehandled", "second", "status"),
    [
        (False, None, Status.FAIL),  # 不满意 and never handled again
        (True, "2019-07-31", Status.PASS),  # within 1 month of the first reply (2019-07-01 → 2019-08-01)
        (True, "2019-08-01", Status.PASS),
        (True, "2019-08-02", Status.WARN),
        (True, None, Status.UNDECIDABLE),
    ],
)
def test_second_handling(rehandled, second, status):
    r = row(1, result_rating=X, rehandled=rehandled, second_reply=D(second) if second else None)
    c = run(ledger(r, row(2)))["ledger.second_handling"]
    assert c.result.status is status and (c.rows == (3,) if status is not Status.PASS else True)


@pytest.mark.parametrize(
    ("deadline", "outcome", "status"),
    [
        ("2019-12-31", "", Status.FAIL),  # due before 2020-05-18, nothing recorded
        ("2019-12-31", "已落实", Status.PASS),
        ("2019-12-31", "部分落实,续办中", Status.PASS),  # recorded (what it says is for the committee)
        ("2020-06-30", "", Status.PASS),  # not yet due
        (None, "", Status.UNDECIDABLE),  # a B item without a deadline
    ],
)
def test_follow_up_of_commitments(deadline, outcome, status):
    r = row(1, class_rank=2, class_label="B", follow_deadline=D(deadline) if deadline else None, follow_status=outcome)
    assert run(ledger(r), as_of=D("2020-05-18"))["ledger.follow_up"].result.status is status


def test_repeated_numbers():
    c = run(ledger(row(1), row(2, number="N-001"), row(3)))["ledger.register.unique"]
    assert c.result.status is Status.FAIL and c.rows == (3, 4)
    assert run(ledger(row(1), row(2), row(3)))["ledger.register.unique"].result.status is Status.PASS


def test_gaps_in_the_numbering_need_a_record():
    gap = run(ledger(row(1), row(2), row(4)))
    assert (
        gap["ledger.register.gaps"].result.status is Status.FAIL
        and "N-003" in gap["ledger.register.gaps"].result.message.zh
    )
    merged = run(ledger(row(1), row(2), row(3, status=RowStatus.MERGED), row(4)))
    assert merged["ledger.register.gaps"].result.status is Status.PASS
    assert merged["ledger.reconcile.rows"].result.status is Status.PASS  # 3 counted, 3 expected


def test_a_missing_row_is_one_finding_with_its_number():
    checks = run(ledger(row(1), row(2), row(4)), make(total(4), cls("A类", 1, 4)))
    rows = checks["ledger.reconcile.rows"].result
    assert rows.status is Status.FAIL and "缺号:N-003" in rows.message.zh
    assert checks["ledger.register.gaps"].result.status is Status.SKIPPED  # reported with the rows, once
    assert checks["ledger.reconcile.classes"].result.status is Status.SKIPPED  # A 3 vs 4 is that row


def test_blank_classes_are_unknown_not_counted():
    figs = make(total(3), cls("A类", 1, 1), cls("B类", 2, 2))
    led = ledger(row(1), row(2, class_rank=2, class_label="B"), row(3, class_rank=None, class_label=""))
    checks = run(led, figs)
    assert checks["ledger.reconcile.classes"].result.status is Status.UNDECIDABLE
    assert checks["ledger.reconcile.classes"].rows == (5,)
    assert checks["ledger.blanks"].result.status is Status.UNDECIDABLE


@pytest.mark.parametrize(
    ("result", "work", "matches"),
    [
        ((S, S, B_), (S, S, S), "办理结果"),  # printed 2/1 is the result; the handling is 3/0
        ((S, B_, B_), (S, S, B_), "办理工作"),
    ],
)
def test_which_rating_the_report_counts(result, work, matches):
    figs = make(total(3), sat("satisfied", 2), sat("basically_satisfied", 1))
    led = ledger(
        *(row(i + 1, result_rating=r, work_rating=w) for i, (r, w) in enumerate(zip(result, work, strict=True)))
    )
    c = run(led, figs)["ledger.reconcile.satisfaction"].result
    assert c.status is Status.PASS and f"“{matches}" in c.message.zh


def test_a_share_printed_without_its_count_is_recomputed_from_the_ledger():
    figs = make(total(149), cls("A类", 1, pct="26.85"))
    rows = [row(i + 1, class_rank=1 if i < 40 else 2, class_label="A" if i < 40 else "B") for i in range(149)]
    assert run(ledger(*rows), figs)["ledger.pct.class.A类"].result.status is Status.PASS  # 40/149 = 26.846…
    rows[40] = replace(rows[40], class_rank=1, class_label="A")  # 41/149 = 27.517…
    assert run(ledger(*rows), figs)["ledger.pct.class.A类"].result.status is Status.FAIL


def test_exact_cross_table_within_the_bounds():
    figs = make(
        total(4),
        cls("A类", 1, 1),
        cls("B类", 2, 2),
        cls("C类", 3, 1),
        sat("satisfied", 3),
        sat("basically_satisfied", 1),
    )
    led = ledger(
        row(1), row(2, class_rank=2, class_label="B"),
        row(3, class_rank=2, class_label="B", result_rating=B_, work_rating=B_),
        row(4, class_rank=3, class_label="C"),
    )  # fmt: skip
    parts = run(led, figs)["_parts"]
    # not in A: 3, rated 满意: 3, total 4 → at least 3 + 3 − 4 = 2, at most min(3, 3) = 3; the ledger has 2
    assert parts["satisfied_not_solved"] == 2 and parts["bound"] == (2, 3)
    assert run(led, figs)["ledger.crosstab"].result.status is Status.PASS


def test_units_need_enough_items_to_be_a_finding():
    few = [row(i, lead_unit="少", class_rank=3, class_label="C") for i in range(1, 4)]  # 3 items, 0% A, 100% 满意
    gap = [row(i, lead_unit="多", class_rank=2, class_label="B") for i in range(4, 9)]  # 5 items, 0% A, 100% 满意
    c = run(ledger(*few, *gap))["ledger.units.gap"].result
    assert c.status is Status.WARN and "多 5件" in c.message.zh and "少 3件" not in c.message.zh
    # look-alike: 4 of 5 solved → 100 − 80 = 20 points, not above the threshold of 20
    fine = [row(i, lead_unit="多", class_rank=1 if i < 8 else 2) for i in range(4, 9)]
    assert run(ledger(*few, *fine))["ledger.units.gap"].result.status is Status.PASS
