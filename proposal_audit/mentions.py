"""Mentions: every number in a report's normalized text, with its unit and position.

This is the first layer of the reader (mentions → scopes → roles → one joint choice). It finds every
run of digits the normalizer left (Arabic, full-width and Chinese numerals are digits by then), reads
the unit that follows it (件, 条, 项, 件次, 个, 家, 人次, 份, 票, 名, %, …) and says what kind of number
it is: a count, a percentage, or something that is not a figure of the report at all (a date, a
session number, a duration, money, a phone or document number). Nothing is dropped: a number that is
not a figure is kept with the reason, so the output can list it.

Mentions never raise on hostile input: a number of thousands of digits is a mention with the reason
"number too long", and it is never converted to an int.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Sort", "Mention", "find_mentions", "MAX_DIGITS", "COUNT_UNITS"]

MAX_DIGITS = 12  # no report counts past a billion, and no percentage has more than a dozen digits
COUNT_UNITS = ("件次", "人次", "件", "条", "项", "个", "家", "份", "票")


class Sort(StrEnum):
    """What a number is, before any reading of what it means."""

    COUNT = "count"  # a whole count with a unit of items: 149件, 42条, 32个(单位), 527份, 268人次
    PERCENT = "percent"  # 26.85%
    APPROXIMATE = "approximate"  # 1.2万件, 三百余件: rounded, no check can use it
    NOT_FIGURE = "not_figure"  # a date, a session number, money, a duration, an identifier
    BARE = "bare"  # a number with no unit at all
    TOO_LONG = "too_long"  # more digits than any figure of a report has


@dataclass(frozen=True)
class Mention:
    """One number of the normalized text. `span` covers the number and its unit."""

    index: int
    number: str  # the digits as printed ("26.85", "149")
    unit: str  # "件", "%", "个", … or "" (see `sort`)
    sort: Sort
    start: int  # the number and its unit are text[start:end]
    end: int
    reason: str = ""  # why a mention is not a figure, for the record
    qualifier: str = ""  # "at_least" (90%以上), "at_most" (不足), "about" (约): not an exact figure;
    #                      "split": digits right before it, a space apart ("2 14件"): maybe one number
    count: int | None = None  # the count, for a COUNT
    is_figure: bool = False  # a COUNT or a PERCENT

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def pct(self) -> str | None:
        return self.number if self.sort is Sort.PERCENT else None


_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d])")
# What follows a number and makes it no figure of the report: dates, ordinals, durations, money, measures.
_NOT_FIGURE_AFTER = re.compile(
    r"\s*(?:年度?|月份?|日|号|時|时|点|分钟|秒|周年|届|次"
    r"|个(?:月|工作日|小时|季度|百分点)|(?:工作)?日内|天|小时|周|期|批|版"
    r"|(?:万|亿|千)?元|万(?![件余])|亿|公里|千米|米|平方|亩|户|吨|辆|座|所|台|套|张|本|篇|册|页|字|岁|倍|:|/)"
)
_NOT_FIGURE_BEFORE = re.compile(r"(?:第|编号|号码|电话|邮编|索引号|文号|ICP备|备案号|标识码|ID|〔|\[|No\.?)\s*$")
_UNIT = re.compile(r"\s*(%|件次|人次|件|条|项|个|家|份|票)")
_PEOPLE = re.compile(r"\s*(?:名|位|人(?!次)|余人|多人)")
_APPROX_AFTER = re.compile(r"\s*(?:万件|万条|万余件|余件|余条|余项|余个|多件|多条|多项|多个)")
_AT_LEAST = re.compile(r"^(?:以上|之上|多)")
_AT_MOST = re.compile(r"^(?:以下|之下)")
_BEFORE_BOUND = re.compile(r"(?:超过|高于|不低于|不少于|至少|逾)\s*$")
_BEFORE_UPPER = re.compile(r"(?:不足|不到|低于|少于|不超过|近)\s*$")
_SPLIT_BEFORE = re.compile(r"(?<![\d.])\d{1,3}\.?[ \t]$")
_BEFORE_ABOUT = re.compile(r"(?:约|大约|约为|约占|近似)\s*$")
_ID_RUN = re.compile(r"[\w\-./:@〔〕\[\]]*")
# Bounded on purpose: a hostile text of a million digits must not make these scan back and forth.
_URL = re.compile(
    r"(?:https?://|www\.)[^\s\u4e00-\u9fff]{1,2000}"
    r"|(?<![\w.\-])[\w.\-]{1,64}@[\w.\-]{1,255}"
    r"|(?<![\w.\-])[A-Za-z][\w\-]{0,62}(?:\.[\w\-]{1,63}){0,6}\.(?:com|cn|net|org|gov)\b"
)
_PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}-\d{7,8}|1[3-9]\d{9})(?!\d)")
# "个" counts units only; "个月", "个工作日" are durations (handled above).


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def find_mentions(text: str) -> tuple[Mention, ...]:
    """Every number of `text`, in order, each with its sort (count, percent, not a figure, …)."""
    masked = _spans(_URL, text) + _spans(_PHONE, text)
    out: list[Mention] = []
    for m in _NUMBER.finditer(text):
        sort, unit, stop, reason, qualifier = _read_number(text, m.group(0), m.start(), m.end(), masked)
        count = int(m.group(0)) if sort is Sort.COUNT else None
        figure = sort is Sort.COUNT or sort is Sort.PERCENT
        if figure and not qualifier and _SPLIT_BEFORE.search(text[max(0, m.start() - 6) : m.start()]):
            qualifier = "split"  # an OCR'd "2 14件" or "41. 59%": ask, do not read 14 or 59 as sure
        out.append(Mention(len(out), m.group(0), unit, sort, m.start(), stop, reason, qualifier, count, figure))
    return tuple(out)


def _read_number(
    text: str, number: str, start: int, end: int, masked: list[tuple[int, int]]
) -> tuple[Sort, str, int, str, str]:
    """(sort, unit, end of the mention, reason, qualifier) for the number text[start:end]."""
    before = text[max(0, start - 8) : start]
    after = text[end : end + 12]
    digits = len(number.replace(".", ""))
    if _inside(start, masked):
        return Sort.NOT_FIGURE, "", end, "address, e-mail or phone number", ""
    if digits > MAX_DIGITS:
        return Sort.TOO_LONG, "", end, f"number too long ({digits} digits)", ""
    if re.match(r"[\-/.:]\d", after) or re.search(r"\d[\-/:]$", before):
        return Sort.NOT_FIGURE, "", end, "part of a date, code or identifier", ""
    if _NOT_FIGURE_BEFORE.search(before):
        return Sort.NOT_FIGURE, "", end, "an ordinal or an identifier (第…, 编号…)", ""
    approx = _APPROX_AFTER.match(after)
    if approx:
        return Sort.APPROXIMATE, approx.group(0).strip(), end + approx.end(), "an approximate number (万/余/多)", ""
    unit = _UNIT.match(after)
    if unit and unit.group(1) == "%":
        stop = end + unit.end()
        rest = text[stop : stop + 4]
        if _AT_LEAST.match(rest) or _BEFORE_BOUND.search(before):
            qualifier = "at_least"
        elif _AT_MOST.match(rest) or _BEFORE_UPPER.search(before):
            qualifier = "at_most"
        else:
            qualifier = "about" if _BEFORE_ABOUT.search(before) else ""
        return Sort.PERCENT, "%", stop, "", qualifier
    if _PEOPLE.match(after):
        return Sort.NOT_FIGURE, "", end, "a number of people, not of suggestions", ""
    if _NOT_FIGURE_AFTER.match(after):
        return Sort.NOT_FIGURE, "", end, "a date, session number, duration, amount or measure", ""
    if unit:
        stop = end + unit.end()
        if "." in number:
            return Sort.NOT_FIGURE, unit.group(1), stop, "a count with decimals", ""
        qualifier = "at_least" if _AT_LEAST.match(text[stop : stop + 3]) or _BEFORE_BOUND.search(before) else ""
        return Sort.COUNT, unit.group(1), stop, "", qualifier
    return Sort.BARE, "", end, "a number with no unit", ""
