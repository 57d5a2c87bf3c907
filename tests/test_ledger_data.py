"""The committed synthetic Hengnan ledger agrees with every figure the report prints.

Read with openpyxl and the csv module only (not the package's reader, not the generator), and the
deadlines recomputed here by hand, so a bug in either cannot hide an inconsistent file.
"""

from __future__ import annotations

import calendar
import csv
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
LEDGER = ROOT / "data" / "ledger"


def _xlsx_rows() -> list[dict[str, object]]:
    ws = load_workbook(LEDGER / "hengnan_2019_ledger.xlsx", read_only=True).worksheets[0]
    values = list(ws.iter_rows(values_only=True))
    header = list(values[1])  # row 1 is the title (the synthetic label), row 2 the header
    return [dict(zip(header, v, strict=True)) for v in values[2:] if any(x is not None for x in v)]


def _csv_rows() -> list[dict[str, str]]:
    lines = (LEDGER / "hengnan_2019_ledger.csv").read_text(encoding="utf-8-sig").splitlines()
    return list(csv.DictReader(lines[1:]))


def _d(v: object) -> date:
    return v.date() if hasattr(v, "date") else date.fromisoformat(str(v))  # type: ignore[union-attr]


def _plus_months(d: date, n: int) -> date:
    """The corresponding day n months later, or the month's last day (民法典第二百零二条)."""
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def test_the_file_says_it_is_synthetic():
    assert "合成数据 SYNTHETIC" in (LEDGER / "hengnan_2019_ledger.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    wb = load_workbook(LEDGER / "hengnan_2019_ledger.xlsx", read_only=True)
    assert "SYNTHETIC" in str(next(wb.worksheets[0].iter_rows(values_only=True))[0])
    assert "SYNTHETIC" in str(next(wb["说明 README"].iter_rows(values_only=True))[0])
    readme = (LEDGER / "README.md").read_text(encoding="utf-8")
    assert "synthetic" in readme.lower() and "合成" in readme


def test_xlsx_and_csv_hold_the_same_ledger():
    xlsx, rows = _xlsx_rows(), _csv_rows()
    assert len(xlsx) == len(rows)
    for a, b in zip(xlsx, rows, strict=True):
        for key, value in b.items():
            got = a[key]
            shown = "" if got is None else (_d(got).isoformat() if hasattr(got, "year") else str(got))
            assert shown == value, (b["建议编号"], key)


def test_counts_are_the_printed_figures():
    rows = _csv_rows()
    # 2019年縣政府係統共接辦代表建議149件
    assert len(rows) == 149 and len({r["建议编号"] for r in rows}) == 149
    assert all(r["状态"] == "" for r in rows)
    # (A類件)有40件 … (B類件)有89件 … (C類件)有20件
    assert Counter(r["类别"] for r in rows) == {"A": 40, "B": 89, "C": 20}
    # 代表表示滿意的117件 … 表示基本滿意的32件 (and no 不满意: 117 + 32 = 149)
    assert Counter(r["办理结果满意度"] for r in rows) == {"满意": 117, "基本满意": 32}
    # 將辦理任務分解落實到32個承辦單位 (co-handlers are among the same 32)
    lead = {r["主办单位"] for r in rows}
    assert len(lead) == 32
    assert {u for r in rows for u in r["协办单位"].split("、") if u} <= lead
    # 均已辦結,回複率達100%
    assert all(r["答复日期"] for r in rows)


def test_every_reply_within_the_reports_deadlines():
    """主辦件在3個月內答複代表; 在1個月內將協辦件函複主辦單位 — counted from the assignment."""
    for r in _csv_rows():
        assigned, replied = date.fromisoformat(r["交办日期"]), date.fromisoformat(r["答复日期"])
        assert assigned <= replied <= _plus_months(assigned, 3), r["建议编号"]
        if r["协办单位"]:
            opinion = date.fromisoformat(r["协办意见日期"])
            assert assigned <= opinion <= _plus_months(assigned, 1), r["建议编号"]
    # the session's items were assigned together on 2019-05-23 (the report: 集中交辦); 3 months → 2019-08-23
    assert _plus_months(date(2019, 5, 23), 3) == date(2019, 8, 23)


def test_class_by_rating_table_lies_within_the_frechet_bounds():
    """Not in A and rated 满意: at least 117 + 109 − 149 = 77, at most min(109, 117) = 109."""
    rows = _csv_rows()
    k = sum(1 for r in rows if r["类别"] != "A" and r["办理结果满意度"] == "满意")
    assert 77 <= k <= 109
    assert k == 79  # the generator's table: B 66 + C 13 rated 满意 (documented in data/ledger/README.md)


def test_generator_rebuilds_the_committed_files():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_ledgers.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
