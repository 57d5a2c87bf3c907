"""The handling system's register (台账): one row per suggestion, as typed values.

A `Ledger` is what `ledger_read.read_ledger` makes of an .xlsx or .csv export once every cell has
passed the schema (ledger_schema.py). A blank cell is `None`: unknown, reported by the checks and
never counted as a value. Rows are numbered as the spreadsheet shows them (the header is row 1 when
it is the first line), so a person can find them.

Deputies' names are replaced by pseudonyms before an audit sees them (`pseudonymize`), and phone
and ID numbers are never kept: personal columns are dropped when read and free text is scrubbed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import date
from enum import StrEnum
from functools import cached_property

from .results import Text

__all__ = [
    "Rating",
    "Period",
    "RowStatus",
    "LedgerRow",
    "Ledger",
    "RATING_LABELS",
    "pseudonymize",
    "scrub",
    "combined_rating",
    "make_row",
]


class Rating(StrEnum):
    """A deputy's rating of the handling (办理工作) or of the result (办理结果)."""

    VERY_SATISFIED = "very_satisfied"  # 非常满意
    SATISFIED = "satisfied"  # 满意
    BASIC = "basically_satisfied"  # 基本满意
    DISSATISFIED = "dissatisfied"  # 不满意
    NO_OPINION = "no_opinion"  # 未表态: a recorded value, unlike a blank cell


RATING_LABELS = {
    Rating.VERY_SATISFIED: Text("非常满意", "very satisfied"),
    Rating.SATISFIED: Text("满意", "satisfied"),
    Rating.BASIC: Text("基本满意", "basically satisfied"),
    Rating.DISSATISFIED: Text("不满意", "dissatisfied"),
    Rating.NO_OPINION: Text("未表态", "no opinion"),
}

# From best to worst: the combined rating of a row is the worse of its two ratings.
_RATING_ORDER = {
    r: i for i, r in enumerate((Rating.VERY_SATISFIED, Rating.SATISFIED, Rating.BASIC, Rating.DISSATISFIED))
}


def combined_rating(work: Rating | None, result: Rating | None) -> Rating | None:
    """The less favourable of the two ratings; unknown when either is blank, 未表态 when either is."""
    if work is None or result is None:
        return None
    if Rating.NO_OPINION in (work, result):
        return Rating.NO_OPINION
    return work if _RATING_ORDER[work] >= _RATING_ORDER[result] else result


class Period(StrEnum):
    SESSION = "session"  # 大会期间
    RECESS = "recess"  # 闭会期间


class RowStatus(StrEnum):
    """Rows that are in the register but are not suggestions handled this year."""

    ACTIVE = "active"
    WITHDRAWN = "withdrawn"  # 撤回
    MERGED = "merged"  # 并案
    REJECTED = "rejected"  # 不予立案


STATUS_LABELS = {
    RowStatus.ACTIVE: Text("正常", "active"),
    RowStatus.WITHDRAWN: Text("撤回", "withdrawn"),
    RowStatus.MERGED: Text("并案", "merged"),
    RowStatus.REJECTED: Text("不予立案", "not filed"),
}


@dataclass(frozen=True)
class LedgerRow:
    """One suggestion. `None` is a blank cell (unknown); a column the file lacks is also `None`
    (see `Ledger.columns` to tell them apart)."""

    row: int  # the row number the spreadsheet shows
    number: str  # 建议编号 as written
    seq: int | None = None  # the number's last run of digits (for gaps in the numbering)
    prefix: str = ""  # the number without that run
    year: int | None = None
    session: str = ""
    period: Period | None = None
    title: str = ""
    deputy: str = ""  # 领衔代表: a pseudonym once `pseudonymize` ran
    lead_unit: str = ""
    co_units: tuple[str, ...] = ()
    assigned: date | None = None  # 交办日期
    received: date | None = None  # 签收日期
    co_reply: date | None = None  # the co-handlers' opinion to the lead unit (协办意见日期)
    replied: date | None = None  # 答复日期
    class_label: str = ""  # as written (A, 甲类, 已解决或基本解决, …)
    class_rank: int | None = None  # 1 solved … 4 for reference
    work_rating: Rating | None = None  # 办理工作满意度
    result_rating: Rating | None = None  # 办理结果满意度
    extended: bool | None = None  # 是否延期
    extension_approved: date | None = None  # 延期批准日期
    rehandled: bool | None = None  # 二次办理
    second_reply: date | None = None  # 二次答复日期
    follow_deadline: date | None = None  # 落实时限 (B/C items)
    follow_status: str = ""  # 落实情况
    supervised: bool | None = None  # 重点督办
    status: RowStatus = RowStatus.ACTIVE

    @property
    def active(self) -> bool:
        return self.status is RowStatus.ACTIVE

    @property
    def combined(self) -> Rating | None:
        return combined_rating(self.work_rating, self.result_rating)

    def where(self) -> str:
        """How a message names this row: its number and the spreadsheet row."""
        return f"{self.number}(第{self.row}行)"

    def where_en(self) -> str:
        return f"{self.number} (row {self.row})"


@dataclass(frozen=True)
class Ledger:
    path: str
    rows: tuple[LedgerRow, ...]
    columns: frozenset[str]  # the column keys the file has (see ledger_schema.COLUMNS)
    encoding: str = ""  # for .csv: utf-8, gb18030
    sheet: str = ""  # for .xlsx: the worksheet read
    header_row: int = 1
    dropped: tuple[str, ...] = ()  # personal columns (phone, ID number) left unread, by header
    pseudonymized: bool = False
    notes: tuple[Text, ...] = field(default=())  # what reading decided (encoding, header row, …)

    def __iter__(self) -> Iterator[LedgerRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @cached_property
    def active(self) -> list[LedgerRow]:
        """The rows counted: not withdrawn, merged or rejected (computed once)."""
        return [r for r in self.rows if r.status is RowStatus.ACTIVE]

    def has(self, column: str) -> bool:
        return column in self.columns


def pseudonymize(ledgers: Iterable[Ledger]) -> list[Ledger]:
    """Replace every deputy's name by 代表-001, 代表-002, … in order of first appearance.

    One mapping for all the ledgers given (two years of one county), so the same deputy keeps the
    same pseudonym; the mapping itself is not kept anywhere.
    """
    mapping: dict[str, str] = {}
    out = []
    for ledger in ledgers:
        rows = []
        for r in ledger.rows:
            if r.deputy:
                names = [n for n in re.split(r"[、,,;;/\s]+", r.deputy) if n]
                shown = "、".join(mapping.setdefault(n, f"代表-{len(mapping) + 1:03d}") for n in names)
                r = _with_deputy(r, shown)
            rows.append(r)
        out.append(replace(ledger, rows=tuple(rows), pseudonymized=True))
    return out


_ROW_DEFAULTS: dict[str, object] = {}


def make_row(**values: object) -> LedgerRow:
    """A LedgerRow built without the frozen dataclass's per-field __init__ (20,000 rows: 0.6 s → 0.05 s)."""
    if not _ROW_DEFAULTS:
        _ROW_DEFAULTS.update({f.name: f.default for f in fields(LedgerRow)})
    new = object.__new__(LedgerRow)
    new.__dict__.update(_ROW_DEFAULTS)
    new.__dict__.update(values)
    return new


def _with_deputy(row: LedgerRow, deputy: str) -> LedgerRow:
    """dataclasses.replace without its cost (20,000 rows: 0.5 s → 0.02 s); the row stays frozen."""
    new = object.__new__(LedgerRow)
    new.__dict__.update(row.__dict__)
    object.__setattr__(new, "deputy", deputy)
    return new


_PERSONAL = [
    (re.compile(r"(?<![0-9])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[0-9Xx](?![0-9])"), "[身份证号已隐去]"),
    (re.compile(r"(?<![0-9])\d{15}(?![0-9])"), "[证件号已隐去]"),
    (re.compile(r"(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![0-9])"), "[电话已隐去]"),
    (re.compile(r"(?<![0-9])0\d{2,3}[- ]?\d{7,8}(?![0-9])"), "[电话已隐去]"),
]


_LONG_NUMBER = re.compile(r"\d[\d -]{6,}")


def scrub(text: str) -> str:
    """Free text without phone numbers or ID numbers (a title or 落实情况 may quote one)."""
    if not _LONG_NUMBER.search(text):
        return text
    for pattern, repl in _PERSONAL:
        text = pattern.sub(repl, text)
    return text
