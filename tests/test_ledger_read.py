"""Reading ledgers: headers and synonyms, encodings, cell values, and every problem at once."""

from __future__ import annotations

from datetime import date

import pytest

from proposal_audit.errors import LedgerError
from proposal_audit.ledger import Rating, RowStatus
from proposal_audit.ledger_read import read_ledger
from proposal_audit.ledger_schema import header_key, parse_class, parse_date, parse_rating

HEAD = "建议编号,标题,领衔代表,主办单位,协办单位,交办日期,答复日期,类别,办理结果满意度"
ROW = "2019-001,关于修路的建议,张三,县交通运输局,县财政局、县水利局,2019-05-23,2019-07-01,A,满意"


def _write(tmp_path, text: str, encoding: str = "utf-8", name: str = "l.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-05-23", date(2019, 5, 23)),
        ("2019/5/23", date(2019, 5, 23)),
        ("2019.5.23", date(2019, 5, 23)),
        ("2019年5月23日", date(2019, 5, 23)),
        ("20190523", date(2019, 5, 23)),
        ("2020-02-29", date(2020, 2, 29)),  # 2020 is a leap year
        ("", None),  # blank: unknown, valid
    ],
)
def test_dates_read(text, expected):
    parsed = parse_date(text)
    assert parsed.reason is None and parsed.value == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2008-09-31", "2008年9月只有30天,没有31日"),  # never rolled over to 2008-10-01
        ("2019-02-29", "2019年2月只有28天,没有29日"),  # 2019 is not a leap year
        ("2019-06-31", "2019年6月只有30天"),
        ("2019/13/01", "没有13月"),
        ("昨天", "不是日期"),
        ("43608", "Excel 的日期序号"),
        ("1900-01-01", "年份1900不合理"),
    ],
)
def test_impossible_dates_are_errors(text, reason):
    parsed = parse_date(text)
    assert parsed.value is None and parsed.reason is not None
    assert reason in parsed.reason.zh and parsed.reason.en


@pytest.mark.parametrize(
    ("text", "rank"),
    [("A", 1), ("A类", 1), ("甲", 1), ("甲类件", 1), ("已解决或基本解决", 1), ("B", 2), ("乙类", 2), ("正在解决", 2),
     ("C", 3), ("丙", 3), ("暂时无法解决", 3), ("D", 4), ("留作参考", 4), ("Ａ", 1), ("已解決或基本解決", 1)],
)  # fmt: skip
def test_class_values_keep_the_printed_label(text, rank):
    assert parse_class(text).value == (rank, text)


@pytest.mark.parametrize(("text", "bad"), [("E", True), ("好", True), ("", False)])
def test_unknown_classes(text, bad):
    assert (parse_class(text).reason is not None) is bad


@pytest.mark.parametrize(
    ("text", "rating"),
    [("满意", Rating.SATISFIED), ("滿意", Rating.SATISFIED), ("基本满意", Rating.BASIC),
     ("不满意", Rating.DISSATISFIED),
     ("未表态", Rating.NO_OPINION), ("非常满意", Rating.VERY_SATISFIED), ("", None)],
)  # fmt: skip
def test_ratings(text, rating):
    assert parse_rating(text).value == rating


@pytest.mark.parametrize(
    ("header", "key"),
    [("建议编号", "number"), ("案号", "number"), ("会办单位", "co_units"), ("协办单位", "co_units"),
     ("答复时间", "replied"), ("答复日期", "replied"), ("答覆日期", "replied"), ("replied", "replied"),
     ("Number", "number"), ("辦理結果滿意度", "result_rating"), ("交办日期(年月日)", "assigned"), ("满意度", None)],
)  # fmt: skip
def test_headers_synonyms_and_english_keys(header, key):
    assert header_key(header) == key


def test_a_csv_in_utf8_reads(tmp_path):
    ledger = read_ledger(_write(tmp_path, f"{HEAD}\n{ROW}\n"))
    (row,) = ledger.rows
    assert row.row == 2 and row.number == "2019-001" and row.seq == 1
    assert row.co_units == ("县财政局", "县水利局")
    assert (row.class_rank, row.class_label, row.result_rating) == (1, "A", Rating.SATISFIED)
    assert row.assigned == date(2019, 5, 23) and row.replied == date(2019, 7, 1)
    assert ledger.encoding == "utf-8" and "replied" in ledger.columns and "work_rating" not in ledger.columns


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_encodings(tmp_path, encoding):
    ledger = read_ledger(_write(tmp_path, f"{HEAD}\n{ROW}\n", encoding))
    assert ledger.rows[0].lead_unit == "县交通运输局"


def test_english_headers_and_a_title_line(tmp_path):
    text = "某县台账(导出)\nnumber,lead_unit,class,replied\nX-7,县教育局,B,2019-08-01\n"
    ledger = read_ledger(_write(tmp_path, text))
    assert ledger.header_row == 2 and ledger.rows[0].row == 3 and ledger.rows[0].class_rank == 2


def test_xlsx_with_a_title_row_and_date_cells(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["衡南县台账"])
    ws.append(["案号", "主办单位", "类别", "交办日期", "答复时间"])
    ws.append(["001", "县水利局", "甲", date(2019, 5, 23), "2019-06-30"])
    path = tmp_path / "l.xlsx"
    wb.save(path)
    row = read_ledger(path).rows[0]
    assert (row.row, row.number, row.class_rank, row.assigned, row.replied) == (
        3, "001", 1, date(2019, 5, 23), date(2019, 6, 30)
    )  # fmt: skip


def test_blank_cells_are_unknown_not_values(tmp_path):
    row = read_ledger(_write(tmp_path, f"{HEAD}\n2019-001,,,县交通运输局,,,,,\n")).rows[0]
    assert (
        row.class_rank is None and row.result_rating is None and row.replied is None and row.status is RowStatus.ACTIVE
    )


def test_personal_columns_are_dropped_and_free_text_scrubbed(tmp_path):
    text = (
        "建议编号,主办单位,类别,标题,联系电话,身份证号\n"
        "1,县教育局,A,关于修路的建议(联系人电话13912345678;0734-8221234),13800001111,430422197001011234\n"
    )
    ledger = read_ledger(_write(tmp_path, text))
    row = ledger.rows[0]
    assert ledger.dropped == ("联系电话", "身份证号")
    assert "13912345678" not in row.title and "8221234" not in row.title and "电话已隐去" in row.title
    assert "13800001111" not in repr(ledger) and "430422197001011234" not in repr(ledger)


def test_every_problem_at_once(tmp_path):
    """Wrong headers, bad dates and mixed encodings: all of them, with rows and columns, then no ledger."""
    head = "建议编号,主办单位,答覆日期,分类结果,办理结果满意度,结果满意度\n".encode()
    body = [
        "1,县教育局,2008-09-31,A,满意,满意\n".encode(),
        "2,县水利局,2019-06-15,B,很好,满意\n".encode("gbk"),  # line 3 is GBK, the rest UTF-8
        ",县水利局,2019-02-29,C,满意,满意\n".encode(),
    ]
    path = tmp_path / "bad.csv"
    path.write_bytes(head + b"".join(body))
    with pytest.raises(LedgerError) as err:
        read_ledger(path)
    problems = err.value.problems
    text = "\n".join(f"{k} {m}" for k, m in problems)
    assert "编码混杂:第3行是 GBK" in text and "mixed encodings" in text
    assert "未知的列名“分类结果”" in text and "unknown column" in text
    assert "“结果满意度”与“办理结果满意度”是同一列" in text
    assert "缺少必需的列“类别”" in text
    assert ("第2行 row 2 · 答覆日期",) == tuple(k for k, m in problems if "2008年9月只有30天" in m)
    assert any(k == "第3行 row 3 · 办理结果满意度" and "很好" in m for k, m in problems)
    assert any(k == "第4行 row 4 · 建议编号" for k, _ in problems)
    assert any(k == "第4行 row 4 · 答覆日期" and "2019年2月只有28天" in m for k, m in problems)
    assert len(problems) == 8
    for _, message in problems:  # Chinese first, then English
        first_cjk = next(i for i, c in enumerate(message) if "\u4e00" <= c <= "\u9fff")
        first_latin = next(i for i, c in enumerate(message) if c.isascii() and c.isalpha())
        assert first_cjk < first_latin, message


@pytest.mark.parametrize(("name", "data", "says"), [
    ("l.xls", b"\xd0\xcf\x11\xe0", "另存为 .xlsx"),
    ("l.json", b"{}", "不支持的文件类型"),
    ("l.xlsx", b"not a zip", "不是有效的 .xlsx"),
    ("l.csv", b"", "没有数据"),
])  # fmt: skip
def test_unreadable_files(tmp_path, name, data, says):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LedgerError, match=says):
        read_ledger(path)
