"""Normalizing report text for extraction, keeping a map from every character back to the original.

Steps: traditional → simplified script (OpenCC), full-width digits and punctuation → ASCII, pinyin
residue from mirror sites removed (`會(huì)議`), `15.6 %` → `15.6%`, Chinese numerals → digits
(`四千二百八十七件` → `4287件`, `百分之七十二点二` → `72.2%`), and for PDFs the line breaks that
page layout puts inside sentences and numbers. `Normalized.original_span` maps a span back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from .patterns import PINYIN_RESIDUE

__all__ = ["Normalized", "normalize", "chinese_number"]


@dataclass(frozen=True)
class Normalized:
    text: str
    starts: tuple[int, ...]  # normalized character i came from original[starts[i]:ends[i]]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that normalized text[start:end] came from."""
        if end <= start:
            return (self.starts[start], self.starts[start]) if start < len(self.starts) else (0, 0)
        return self.starts[start], self.ends[end - 1]


class _Mapped:
    def __init__(self, text: str):
        self.text = text
        self.starts = list(range(len(text)))
        self.ends = list(range(1, len(text) + 1))

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> None:
        """Replace matches; a replacement of another length maps each new character to the whole match."""
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for m in pattern.finditer(self.text):
            out.append(self.text[pos : m.start()])
            starts.extend(self.starts[pos : m.start()])
            ends.extend(self.ends[pos : m.start()])
            new = repl(m)
            if len(new) == m.end() - m.start():
                starts.extend(self.starts[m.start() : m.end()])
                ends.extend(self.ends[m.start() : m.end()])
            elif new:
                first, last = self.starts[m.start()], self.ends[m.end() - 1]
                starts.extend([first] * len(new))
                ends.extend([last] * len(new))
            out.append(new)
            pos = m.end()
        out.append(self.text[pos:])
        starts.extend(self.starts[pos:])
        ends.extend(self.ends[pos:])
        self.text, self.starts, self.ends = "".join(out), starts, ends

    def convert_script(self) -> None:
        convert = _converter().convert
        whole = convert(self.text)
        if len(whole) == len(self.text):
            self.text = whole
            return
        # Rare: a phrase conversion changed the length. Convert line by line, then per character.
        lines = self.text.split("\n")
        done = []
        for line in lines:
            new = convert(line)
            done.append(
                new if len(new) == len(line) else "".join(convert(c) if len(convert(c)) == 1 else c for c in line)
            )
        self.text = "\n".join(done)


@cache
def _converter():  # noqa: ANN202 - opencc.OpenCC
    import opencc

    return opencc.OpenCC("t2s")


_FULLWIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_SPACE_PCT = re.compile(r"(?<=\d)[ \t]+(?=%)")
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_NUM = f"[{_CN_DIGITS}十百千万亿]+(?:点[{_CN_DIGITS}]+)?"
_CN_PERCENT = re.compile(f"百分之({_CN_NUM}|百)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")  # "1,102件" is 1102
# a count in words needs two characters at least: "一份责任" and "三结合" are not figures
_CN_COUNT = re.compile(
    f"(?<![{_CN_DIGITS}十百千万亿第])([{_CN_DIGITS}十百千万亿]{{2,}}(?:点[{_CN_DIGITS}]+)?)(?=(?:余|多)?(?:件|个|份|人次|家|项|位|名))"
)
_PDF_BREAK = re.compile(r"(?<=[^\n。!?;:])\n(?=[^\n])")
# PDF text layers often put a space between every glyph: "1 4 9 件". Spaces between two characters
# that are not Latin letters carry nothing in Chinese text.
_PDF_SPACE = re.compile(r"(?<=[^\sA-Za-z]) +(?=[^\sA-Za-z])|^ +", re.M)


def chinese_number(text: str) -> str | None:
    """A Chinese numeral as Arabic digits ("四千二百八十七" → "4287", "七十二点二" → "72.2")."""
    import cn2an

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    if isinstance(value, float):
        decimals = len(text.split("点", 1)[1]) if "点" in text else 0
        return f"{value:.{decimals}f}"
    return str(value)


def _numeral(m: re.Match[str], suffix: str = "") -> str:
    value = chinese_number(m.group(1))
    return m.group(0) if value is None else value + suffix


def normalize(text: str, fmt: str = "txt") -> Normalized:
    mapped = _Mapped(text)
    mapped.convert_script()
    mapped.text = mapped.text.translate(_FULLWIDTH)
    mapped.sub(PINYIN_RESIDUE, lambda m: "")
    if fmt == "pdf":
        mapped.sub(_PDF_SPACE, lambda m: "")
        mapped.sub(_PDF_BREAK, lambda m: "")
    mapped.sub(_SPACE_PCT, lambda m: "")
    mapped.sub(_THOUSANDS, lambda m: "")
    mapped.sub(_CN_PERCENT, lambda m: "100%" if m.group(1) == "百" else _numeral(m, "%"))
    mapped.sub(_CN_COUNT, _numeral)
    return Normalized(mapped.text, tuple(mapped.starts), tuple(mapped.ends))
