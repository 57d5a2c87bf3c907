"""The ledger's columns and cells as a schema: headers (with synonyms), values, and why a cell is bad.

Column headers are the office's Chinese ones (建议编号, 答复日期, …), their common synonyms (案号,
答复时间, 会办单位, …) and the English keys (number, replied, co_units, …). Every cell is checked by a
pandera schema in one lazy pass, so every bad cell is reported at once with its row, its column and
the reason in Chinese then English. A blank cell is always valid: it means "unknown".

Dates are parsed from their digits and never rolled over: 2008-09-31 is an error (September has 30
days), not 2008-10-01.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from .ledger import Period, Rating, RowStatus
from .results import Text

__all__ = [
    "Column",
    "COLUMNS",
    "BY_KEY",
    "PERSONAL_HEADERS",
    "IGNORED_HEADERS",
    "header_key",
    "normalize_header",
    "parse_date",
    "parse_class",
    "parse_rating",
    "parse_yesno",
    "parse_period",
    "parse_status",
    "parse_year",
    "Parsed",
    "PARSERS",
    "CellProblem",
    "validate_cells",
]


@dataclass(frozen=True)
class Column:
    key: str  # the English key, also accepted as a header
    header: str  # the header the office's export has
    synonyms: tuple[str, ...]
    kind: str  # text, number, date, class, rating, yesno, period, status, year, units
    en: str  # what it is, in English
    required: bool = False  # the file must have this column


COLUMNS: tuple[Column, ...] = (
    Column("year", "年度", ("年份",), "year", "year"),
    Column("session", "届次会次", ("届次", "会次", "会议届次"), "text", "session"),
    Column("number", "建议编号", ("案号", "编号", "建议号", "建议案号"), "number", "suggestion number", True),
    Column("period", "提出时段", ("提出时间段", "时段", "提出时期"), "period", "filed at the session or in recess"),
    Column("title", "标题", ("建议标题", "案由", "题目", "建议名称"), "text", "title"),
    Column("deputy", "领衔代表", ("提出人", "代表姓名", "领衔人", "代表"), "text", "lead deputy"),
    Column("lead_unit", "主办单位", ("承办单位", "主办"), "text", "lead handling unit", True),
    Column("co_units", "协办单位", ("会办单位", "协办", "会办"), "units", "co-handling units"),
    Column("assigned", "交办日期", ("交办时间", "交办"), "date", "date assigned"),
    Column("received", "签收日期", ("收到日期", "接收日期", "签收时间"), "date", "date received"),
    Column(
        "co_reply",
        "协办意见日期",
        ("会办意见日期", "协办答复日期", "协办函复日期"),
        "date",
        "co-handlers' opinion date",
    ),
    Column("replied", "答复日期", ("答复时间", "办复日期", "回复日期", "答复"), "date", "reply date"),
    Column("class", "类别", ("办理类别", "答复类别", "分类", "办理结果类别"), "class", "outcome class", True),
    Column(
        "work_rating",
        "办理工作满意度",
        ("对办理工作的评价", "工作满意度", "办理工作评价"),
        "rating",
        "rating of the handling",
    ),
    Column(
        "result_rating",
        "办理结果满意度",
        ("对办理结果的评价", "结果满意度", "办理结果评价"),
        "rating",
        "rating of the result",
    ),
    Column("extended", "是否延期", ("延期",), "yesno", "extended"),
    Column("extension_approved", "延期批准日期", ("延期批准时间", "批准延期日期"), "date", "extension approved on"),
    Column("rehandled", "二次办理", ("是否二次办理",), "yesno", "handled a second time"),
    Column("second_reply", "二次答复日期", ("二次答复时间", "二次办理答复日期"), "date", "second reply date"),
    Column("follow_deadline", "落实时限", ("承诺时限", "落实期限", "承诺落实时限"), "date", "commitment deadline"),
    Column("follow_status", "落实情况", ("落实结果", "落实进展"), "text", "what became of the commitment"),
    Column("supervised", "重点督办", ("是否重点督办",), "yesno", "under priority supervision"),
    Column("status", "状态", ("办理状态", "立案状态"), "status", "withdrawn / merged / not filed"),
)
BY_KEY = {c.key: c for c in COLUMNS}

# Columns an export may have that are never read: personal data (dropped, and never shown) and
# columns of no use to the audit.
PERSONAL_HEADERS = frozenset(
    {
        "联系电话",
        "电话",
        "手机",
        "手机号",
        "手机号码",
        "联系方式",
        "身份证",
        "身份证号",
        "身份证号码",
        "证件号码",
        "代表证号",
    }
)
IGNORED_HEADERS = frozenset({"序号", "备注", "附件", "说明", "no", "#", "remarks", "notes"})

_FULLWIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _t2s(text: str) -> str:
    from .normalize import _converter  # OpenCC, loaded once

    return _converter().convert(text)


def normalize_header(text: str) -> str:
    """A header as compared: simplified script, half-width, no spaces, markers or trailing notes."""
    h = _t2s(str(text)).translate(_FULLWIDTH)
    h = re.sub(r"\s+|[*:]", "", h)
    h = re.sub(r"\((?:年月日|yyyy-mm-dd|必填|选填)\)$", "", h, flags=re.I)
    return h.lower() if h.isascii() else h


_HEADER_INDEX: dict[str, str] = {}
for _c in COLUMNS:
    for _h in (_c.header, *_c.synonyms, _c.key):
        _HEADER_INDEX[normalize_header(_h)] = _c.key


def header_key(text: str) -> str | None:
    """The column key a header names, or None."""
    return _HEADER_INDEX.get(normalize_header(text))


def known_headers() -> list[str]:
    return [h for c in COLUMNS for h in (c.header, *c.synonyms)]


# --------------------------------------------------------------------------- cell values


class Parsed(NamedTuple):
    """A cell's value, or why it has none (reason is None for a valid cell; value None = blank)."""

    value: object
    reason: Text | None = None


BLANK = Parsed(None)
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+00:00(?::00)?)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(text: str) -> Parsed:
    """2019-05-23, 2019/5/23, 2019.5.23, 2019年5月23日 or 20190523; an impossible date is an error."""
    t = text.strip()
    if not t:
        return BLANK
    m = _DATE.match(t) or _COMPACT_DATE.match(t)
    if not m:
        if re.fullmatch(r"\d{5}(\.0+)?", t):
            return Parsed(
                None,
                Text(
                    f"“{t}”像是 Excel 的日期序号,请把该列设为日期格式或写成 2019-05-23",
                    f"'{t}' looks like an Excel serial number: format the column as dates or write 2019-05-23",
                ),
            )
        return Parsed(None, Text(f"“{t}”不是日期,应写成 2019-05-23", f"'{t}' is not a date; write it as 2019-05-23"))
    y, mo, d = (int(g) for g in m.groups())
    if not 1949 <= y <= 2100:
        return Parsed(None, Text(f"“{t}”的年份{y}不合理", f"'{t}': the year {y} is implausible"))
    if not 1 <= mo <= 12:
        return Parsed(None, Text(f"“{t}”中没有{mo}月", f"'{t}': there is no month {mo}"))
    last = calendar.monthrange(y, mo)[1]
    if not 1 <= d <= last:
        return Parsed(
            None,
            Text(
                f"日期不存在:{y}年{mo}月只有{last}天,没有{d}日(不会顺延为下月)",
                f"no such date: {calendar.month_name[mo]} {y} has {last} days, not {d} (never rolled over)",
            ),
        )
    return Parsed(date(y, mo, d))


def date_from_cell(value: object) -> str:
    """An .xlsx cell as text: a real date cell becomes 2019-05-23; anything else its text."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return cell_text(value)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return date_from_cell(value)
    return str(value).strip()


_CLASS_WORDS = {
    1: ("已解决或基本解决", "已经解决或基本解决", "已解决", "基本解决", "解决或基本解决", "已落实"),
    2: ("正在解决或已列入计划逐步解决", "正在解决", "列入计划逐步解决", "已列入计划", "列入计划解决", "正在落实"),
    3: ("因条件限制暂时无法解决", "暂时无法解决", "因客观条件限制暂时无法解决", "暂不能解决", "解释说明"),
    4: ("留作参考", "作为参考", "参考"),
}
_CLASS_INDEX: dict[str, int] = {}
for _rank, (_letter, _cn) in enumerate(zip("ABCD", "甲乙丙丁", strict=True), start=1):
    for _form in (_letter, f"{_letter}类", f"{_letter}类件", _cn, f"{_cn}类", f"{_cn}类件", _letter.lower()):
        _CLASS_INDEX[_form] = _rank
    for _w in _CLASS_WORDS[_rank]:
        _CLASS_INDEX[_w] = _rank


def parse_class(text: str) -> Parsed:
    """(rank, label as written): A–D, 甲乙丙丁, A类, or the class's words (已解决或基本解决, …)."""
    t = text.strip()
    if not t:
        return BLANK
    rank = _CLASS_INDEX.get(_t2s(t).translate(_FULLWIDTH).replace(" ", ""))
    if rank is None:
        return Parsed(
            None,
            Text(
                f"“{t}”不是已知的类别,应为 A、B、C、D(或甲乙丙丁、“已解决或基本解决”等)",
                f"'{t}' is not a known class; write A, B, C or D (or 甲乙丙丁, or the class's words)",
            ),
        )
    return Parsed((rank, t))


_RATINGS = {
    "非常满意": Rating.VERY_SATISFIED,
    "很满意": Rating.VERY_SATISFIED,
    "满意": Rating.SATISFIED,
    "基本满意": Rating.BASIC,
    "不满意": Rating.DISSATISFIED,
    "未表态": Rating.NO_OPINION,
    "未评价": Rating.NO_OPINION,
    "未反馈": Rating.NO_OPINION,
    "未测评": Rating.NO_OPINION,
}


def parse_rating(text: str) -> Parsed:
    t = text.strip()
    if not t:
        return BLANK
    rating = _RATINGS.get(re.sub(r"\s+", "", _t2s(t)))
    if rating is None:
        return Parsed(
            None,
            Text(
                f"“{t}”不是满意度,应为 满意、基本满意、不满意 或 未表态",
                f"'{t}' is not a rating; write 满意, 基本满意, 不满意 or 未表态",
            ),
        )
    return Parsed(rating)


_YES = {"是", "有", "y", "yes", "true", "1", "√", "✓"}
_NO = {"否", "无", "n", "no", "false", "0", "×"}


def parse_yesno(text: str) -> Parsed:
    t = re.sub(r"\s+", "", _t2s(text)).lower()
    if not t:
        return BLANK
    if t in _YES:
        return Parsed(True)
    if t in _NO:
        return Parsed(False)
    return Parsed(None, Text(f"“{text.strip()}”应为“是”或“否”", f"'{text.strip()}' must be 是 (yes) or 否 (no)"))


def parse_period(text: str) -> Parsed:
    t = re.sub(r"\s+", "", _t2s(text))
    if not t:
        return BLANK
    if t in ("大会期间", "会议期间", "大会", "会期"):
        return Parsed(Period.SESSION)
    if t in ("闭会期间", "闭会"):
        return Parsed(Period.RECESS)
    return Parsed(
        None, Text(f"“{text.strip()}”应为“大会期间”或“闭会期间”", f"'{text.strip()}': write 大会期间 or 闭会期间")
    )


_STATUSES = {
    "撤回": RowStatus.WITHDRAWN,
    "已撤回": RowStatus.WITHDRAWN,
    "并案": RowStatus.MERGED,
    "已并案": RowStatus.MERGED,
    "并案处理": RowStatus.MERGED,
    "不予立案": RowStatus.REJECTED,
    "不立案": RowStatus.REJECTED,
    "正常": RowStatus.ACTIVE,
    "立案": RowStatus.ACTIVE,
    "已立案": RowStatus.ACTIVE,
    "已办结": RowStatus.ACTIVE,
    "办结": RowStatus.ACTIVE,
}


def parse_status(text: str) -> Parsed:
    """撤回 / 并案 / 不予立案 take a row out of the count; blank or 正常/已办结 is an ordinary row."""
    t = re.sub(r"\s+", "", _t2s(text))
    if not t:
        return Parsed(RowStatus.ACTIVE)
    status = _STATUSES.get(t)
    if status is None:
        return Parsed(
            None,
            Text(
                f"“{text.strip()}”不是已知的状态,应为 撤回、并案、不予立案,或留空",
                f"'{text.strip()}' is not a known status: write 撤回, 并案 or 不予立案, or leave it blank",
            ),
        )
    return Parsed(status)


def parse_year(text: str) -> Parsed:
    t = text.strip().removesuffix("年")
    if not t:
        return BLANK
    if re.fullmatch(r"(19|20)\d\d", t):
        return Parsed(int(t))
    return Parsed(None, Text(f"“{text.strip()}”应为四位年份", f"'{text.strip()}' must be a four-digit year"))


def parse_number(text: str) -> Parsed:
    t = text.strip()
    if not t:
        return Parsed(
            None, Text("建议编号为空:每一行都须有编号", "the suggestion number is blank: every row needs one")
        )
    return Parsed(t)


def parse_text(text: str) -> Parsed:
    return Parsed(text.strip() or None)


def parse_units(text: str) -> Parsed:
    units = tuple(u.strip() for u in re.split(r"[、,,;;/\n]+", text) if u.strip())
    return Parsed(units or None)


PARSERS: dict[str, Callable[[str], Parsed]] = {
    "text": parse_text,
    "number": parse_number,
    "date": parse_date,
    "class": parse_class,
    "rating": parse_rating,
    "yesno": parse_yesno,
    "period": parse_period,
    "status": parse_status,
    "year": parse_year,
    "units": parse_units,
}


# --------------------------------------------------------------------------- the schema (pandera)


@dataclass(frozen=True)
class CellProblem:
    row: int  # as the spreadsheet shows it
    column: str  # the header as written in the file
    value: str
    reason: Text


def validate_cells(
    columns: dict[str, list[str]], headers: dict[str, str], row_numbers: list[int]
) -> tuple[dict[str, list[Parsed]], list[CellProblem]]:
    """Check every cell (text, one list per column key) in one lazy pandera pass.

    Returns the parsed values per column and every bad cell. Each distinct text is parsed once, so a
    20,000-row ledger with a few hundred distinct dates is quick. The cells are all text already, so
    the schema checks values, not dtypes (pandera's per-element type check would double the time).
    """
    import pandas as pd
    import pandera.pandas as pa

    frame = pd.DataFrame(columns, dtype=object)
    parsed: dict[str, dict[str, Parsed]] = {}
    checks = {}
    for key, cells in columns.items():
        kind = BY_KEY[key].kind
        parse = PARSERS[kind]
        cache = {v: parse(v) for v in set(cells)}
        parsed[key] = cache
        valid = {v: p.reason is None for v, p in cache.items()}
        checks[key] = pa.Column(None, pa.Check(lambda s, valid=valid: s.map(valid), name=kind), nullable=False)
    schema = pa.DataFrameSchema(checks, strict=False, coerce=False)
    problems: list[CellProblem] = []
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        for index, key, value in zip(cases["index"], cases["column"], cases["failure_case"], strict=True):
            if index is None or key not in parsed:  # a schema-level failure: cannot happen on text cells
                continue
            reason = parsed[key][value].reason
            assert reason is not None
            problems.append(CellProblem(row_numbers[int(index)], headers[key], str(value), reason))
    problems.sort(key=lambda p: (p.row, list(headers.values()).index(p.column)))
    values = {key: [parsed[key][v] for v in cells] for key, cells in columns.items()}
    return values, problems
