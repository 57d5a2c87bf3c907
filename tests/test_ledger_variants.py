"""Each broken ledger gives exactly the finding it was built for, with its rows; each look-alike gives none.

The expected rows are worked out from the files themselves: the title is row 1, the header row 2,
so suggestion 2019-00k is spreadsheet row k + 2. Each variant is first compared cell by cell with
the consistent ledger, so the test does not trust the generator's description of it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from proposal_audit.errors import LedgerError
from proposal_audit.figures import load_figures
from proposal_audit.ledger_audit import audit_ledger
from proposal_audit.results import Status

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = ROOT / "data" / "ledger" / "variants"
FIGURES = load_figures(ROOT / "data" / "figures" / "hengnan_2019.yaml")
PROFILE = "data/profiles/hengnan.yaml"


def _cells(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))


BASE = _cells(ROOT / "data" / "ledger" / "hengnan_2019_ledger.csv")
HEADER = BASE[1]


def _diff(name: str) -> dict[tuple[int, str], tuple[str, str]]:
    """(spreadsheet row, header) → (consistent, variant) for every cell that differs; added rows too."""
    rows = _cells(VARIANTS / name)
    out = {}
    for i in range(2, max(len(rows), len(BASE))):
        a = BASE[i] if i < len(BASE) else [""] * len(HEADER)
        b = rows[i] if i < len(rows) else [""] * len(HEADER)
        for h, x, y in zip(HEADER, a, b, strict=True):
            if x != y:
                out[(i + 1, h)] = (x, y)
    return out


def _audit(name: str):
    return audit_ledger(VARIANTS / name, FIGURES, PROFILE, as_of="2020-05-18")


@pytest.fixture(scope="module")
def base_findings():
    a = audit_ledger(ROOT / "data" / "ledger" / "hengnan_2019_ledger.xlsx", FIGURES, PROFILE, as_of="2020-05-18")
    return {(c.result.check_id, c.result.status) for c in a.findings()}


def test_the_consistent_ledger_reconciles(base_findings):
    # its one finding is the report's own gap, unit by unit (12 of the 13 units with 5+ items)
    assert base_findings == {("ledger.units.gap", Status.WARN)}


# (file, the cells it changes, the check that must fail, its rows, words of its message)
BROKEN = [
    ("broken_one_row.csv", {"added": 152}, "ledger.reconcile.rows", (90, 152), "台账150件,报告149件"),
    ("broken_one_class.csv", {(9, "类别"): ("A", "D")}, "ledger.reconcile.classes", (9,), "A类台账39件、报告40件"),
    (
        "broken_one_rating.csv",
        {(4, "办理结果满意度"): ("满意", "不满意")},
        "ledger.reconcile.satisfaction",
        (4,),
        "不满意1",
    ),
    ("broken_late_reply.csv", {(4, "答复日期"): ("2019-06-21", "2019-09-05")}, "ledger.deadlines", (4,), "逾期13天"),
]


@pytest.mark.parametrize(("name", "change", "check_id", "rows", "words"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_variant_gives_exactly_its_finding(name, change, check_id, rows, words, base_findings):
    diff = _diff(name)
    if "added" in change:
        assert {r for r, _ in diff} == {change["added"]}  # only a new row 152 …
        assert _cells(VARIANTS / name)[151][2] == "2019-150"  # … numbered 2019-150, a copy of 2019-088 (row 90)
        assert _cells(VARIANTS / name)[151][3:] == BASE[89][3:]
    else:
        for cell, (old, new) in change.items():
            assert diff[cell] == (old, new)
        assert set(diff) - set(change) <= {(4, "二次办理"), (4, "二次答复日期")}  # a 不满意 is handled again
    a = _audit(name)
    found = {(c.result.check_id, c.result.status) for c in a.findings()}
    assert found - base_findings == {(check_id, Status.FAIL)}
    assert not base_findings - found
    c = a.get(check_id)
    assert c.rows == rows and words in c.result.message.zh


def test_impossible_date_is_refused_with_its_row_and_column():
    assert _diff("broken_impossible_date.csv") == {(7, "答复日期"): ("2019-06-28", "2019-06-31")}
    with pytest.raises(LedgerError) as err:
        _audit("broken_impossible_date.csv")
    assert [k for k, _ in err.value.problems] == ["第7行 row 7 · 答复日期"]
    assert "2019年6月只有30天,没有31日" in err.value.problems[0][1]


LOOKALIKES = [
    ("lookalike_one_row.csv", {(152, "状态"): ("", "并案")}),
    ("lookalike_one_class.csv", {(9, "类别"): ("A", "已解决或基本解决")}),
    ("lookalike_one_rating.csv", {(4, "办理工作满意度"): ("满意", "不满意")}),
    ("lookalike_late_reply.csv", {(4, "答复日期"): ("2019-06-21", "2019-08-23")}),
    (
        "lookalike_late_reply_extended.csv",
        {(4, "答复日期"): ("2019-06-21", "2019-09-05"), (4, "是否延期"): ("否", "是")},
    ),
    ("lookalike_impossible_date.csv", {(7, "答复日期"): ("2019-06-28", "2019-06-30")}),
]


@pytest.mark.parametrize(("name", "change"), LOOKALIKES, ids=[x[0] for x in LOOKALIKES])
def test_lookalikes_give_no_finding(name, change, base_findings):
    diff = _diff(name)
    for cell, (old, new) in change.items():
        assert diff[cell][1] == new and (diff[cell][0] == old or cell[0] == 152)
    a = _audit(name)
    assert {(c.result.check_id, c.result.status) for c in a.findings()} == base_findings
    assert a.reconciled


def test_malformed_ledger_lists_every_problem():
    with pytest.raises(LedgerError) as err:
        _audit("malformed.csv")
    where = [k for k, _ in err.value.problems]
    assert where == [
        "编码 encoding",
        "表头第5列 header column 5",
        "表头第6列 header column 6",
        "表头 header",
        "第2行 row 2 · 答覆日期",
        "第4行 row 4 · 答覆日期",
        "第5行 row 5 · 建议编号",
        "第5行 row 5 · 答覆日期",
    ]
