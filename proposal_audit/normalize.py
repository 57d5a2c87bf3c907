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

    def splice(self, edits: list[tuple[int, int, list[tuple[str, int | None]]]]) -> None:
        """Replace text[a:b] by pieces, edits sorted and apart. A piece (s, src) with src given keeps the
        mapping of text[src:src + len(s)] (the same characters, moved); with src None its characters map to
        the whole edited span (separators and units the rewrite adds)."""
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for a, b, pieces in edits:
            out.append(self.text[pos:a])
            starts.extend(self.starts[pos:a])
            ends.extend(self.ends[pos:a])
            first, last = self.starts[a], self.ends[b - 1]
            for piece, src in pieces:
                out.append(piece)
                if src is None:
                    starts.extend([first] * len(piece))
                    ends.extend([last] * len(piece))
                else:
                    starts.extend(self.starts[src : src + len(piece)])
                    ends.extend(self.ends[src : src + len(piece)])
            pos = b
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
    f"(?<![{_CN_DIGITS}十百千万亿第])([{_CN_DIGITS}十百千万亿]{{2,}}(?:点[{_CN_DIGITS}]+)?)"
    "(?=(?:余|多)?(?:件|条|个|份|人次|家|项|位|名|票))"
    # a single 十 is a count too ("留作参考的有十件"); a single 一…九 is not ("一份责任", "三结合") unless a
    # count is plainly introduced ("正在解决的九件", "暂不能解决的一件", "其余一件")
    f"|(?<![{_CN_DIGITS}十百千万亿第])(十)(?=(?:余|多)?(?:件|条|项))"
    f"|(?<=的|有|为|余|仅|共|计)([一二两三四五六七八九])(?=(?:件|条|项)(?:[,;。,;、]|$))"
)
_PDF_BREAK = re.compile(r"(?<=[^\n。!?;:])\n(?=[^\n])")
# Text copied from a gazetteer or a PDF is often hard-wrapped: a long line that stops mid-sentence
# ("经提案委审查立案41\n件") goes on in the next one. Headings, table cells and list items are short.
_WRAP = re.compile(
    r"(?<=[^\n。!?;:!?;:”\"])(?<!报告)(?<!通报)\n(?:[ \t]*\n)?"  # a line break not after a full stop or a title
    r"(?!另[,外]|此外|同时[,]|据悉|据了解)"  # a new paragraph opening with these words is not a wrap
    r"(?=[^\n\s一二三四五六七八九十(（【\-—*#])"  # nor is a heading or a list item
)
WRAP_MIN_LINE = 20


def _unwrap(m: re.Match[str]) -> str:
    line_start = m.string.rfind("\n", 0, m.start()) + 1
    return "" if m.start() - line_start >= WRAP_MIN_LINE else m.group(0)


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
    value = chinese_number(next((g for g in m.groups() if g), ""))
    return m.group(0) if value is None else value + suffix


@cache
def _cn_units() -> re.Pattern[str]:
    """A single 一…九 before 个/家 and a noun of handling units ("交由镇政府八个站所办理"): a count of units."""
    from .lexicon import lexicon

    nouns = "|".join(map(re.escape, sorted(lexicon().data["units"]["nouns"], key=len, reverse=True)))
    return re.compile(f"(?<![{_CN_DIGITS}十百千万亿第])([一二两三四五六七八九])(?=[个家](?:{nouns}))")


def _tables_as_sentences(mapped: _Mapped) -> None:
    """Rows of flattened tables (layout.py) → "label:N件,占P%;" — one sentence per table, so the reader
    reads its rows together, like a list in running text."""
    from .layout import find_table_rows

    text = mapped.text
    rows = find_table_rows(text)
    edits = []
    for k, row in enumerate(rows):
        a, b = row.label
        n0, n1 = row.count
        start = row.prefix[0] if row.prefix else a
        # the label's characters, without the spaces a table layout puts inside short labels ("合    计")
        pieces: list[tuple[str, int | None]] = [(text[i], i) for i in range(a, b) if not text[i].isspace()]
        if row.letter:
            pieces.append(("类", None))
        if row.share is not None:
            p0, p1 = row.share
            pieces += [(text[n0:n1], n0), ("件,占", None), (text[p0:p1], p0)]
            if not text[p0:p1].endswith("%"):
                pieces.append(("%", None))
        else:
            p1 = n1
            pieces += [(text[n0:n1], n0), ("件", None)]
        pieces.append(("。" if row.last else ";", None))
        end = p1
        if not row.last and k + 1 < len(rows):
            nxt = rows[k + 1].prefix[0] if rows[k + 1].prefix else rows[k + 1].label[0]
            if not text[p1:nxt].strip():
                end = nxt  # the blank lines between two rows go: the table is one sentence
        edits.append((start, end, pieces))
    if edits:
        mapped.splice(edits)


# What a web page leaves in a copy of its text: entities (&nbsp; and &amp;nbsp;) and tags. A table's
# cells become tab-separated (layout.py reads them), its rows and paragraphs lines.
_ENTITY = re.compile(r"&(?:amp;)*(#\d{1,6}|#x[0-9a-fA-F]{1,5}|[a-zA-Z]{2,8});")
_CELL_TAGS = re.compile(r"</t[dh]>\s*<t[dh]\b[^<>]{0,200}>", re.I)
_LINE_TAGS = re.compile(r"<\s*/?\s*(?:br|p|tr|div|li|table|h[1-6])\b[^<>]{0,200}>", re.I)
_OTHER_TAGS = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*\b[^<>]{0,200}>")
# Page furniture of a PDF or a printed page: "第 2 页 共 4 页", "— 3 —", "- 3 -", "2/4" alone on a line.
_PAGE_LINE = re.compile(
    r"^[ \t]*(?:[-—–]+[ \t]*\d{1,3}[ \t]*[-—–]+|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*[,/]?[ \t]*共[ \t]*\d{1,3}[ \t]*页)?"
    r"|\d{1,3}[ \t]*/[ \t]*\d{1,3})[ \t]*\n",
    re.M,
)


def _entity(m: re.Match[str]) -> str:
    import html

    char = html.unescape(f"&{m.group(1)};")
    if char == f"&{m.group(1)};":
        return m.group(0)  # not an entity html knows: left as printed
    return " " if char.isspace() or char in "\u00a0\u2002\u2003\u2009" else char


def _spaced_lines(text: str) -> list[tuple[int, int]]:
    """Lines of a text layer that puts a space between every character ("已 解 决 的 4 0 件")."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        glyphs = len(re.findall(r"[\u4e00-\u9fff\d]", line))
        gaps = len(re.findall(r"(?<=[^\sA-Za-z]) (?=[^\sA-Za-z])", line))
        if glyphs >= 6 and gaps >= 0.6 * glyphs:
            out.append((m.start(), m.end()))
    return out


def _despace(mapped: _Mapped) -> None:
    spans = _spaced_lines(mapped.text)
    if spans:
        inside = lambda m: any(a <= m.start() < b for a, b in spans)  # noqa: E731
        mapped.sub(_PDF_SPACE, lambda m: "" if inside(m) else m.group(0))


def _distributive_as_sentences(mapped: _Mapped) -> None:
    """ "A、B、C类分别为65件、72件、19件,分别占…" → "A类65件,占…;B类72件,占…" (distributive.py)."""
    from .distributive import find_distributive

    rewrites = find_distributive(mapped.text)
    if rewrites:
        mapped.splice([(r.start, r.end, list(r.pieces)) for r in rewrites])


def normalize(text: str, fmt: str = "txt") -> Normalized:
    mapped = _Mapped(text)
    mapped.convert_script()
    mapped.text = mapped.text.translate(_FULLWIDTH)
    mapped.sub(PINYIN_RESIDUE, lambda m: "")
    mapped.sub(_ENTITY, _entity)
    mapped.sub(_ENTITY, _entity)  # twice: "&amp;nbsp;" was escaped twice over
    mapped.sub(_CELL_TAGS, lambda m: "\t")
    mapped.sub(_LINE_TAGS, lambda m: "\n")
    mapped.sub(_OTHER_TAGS, lambda m: "")
    mapped.sub(_PAGE_LINE, lambda m: "")
    if fmt != "pdf":
        _despace(mapped)  # a PDF's text layer pasted into a .txt
    _tables_as_sentences(mapped)
    if fmt == "pdf":
        mapped.sub(_PDF_SPACE, lambda m: "")
        mapped.sub(_PDF_BREAK, lambda m: "")
    else:
        mapped.sub(_WRAP, _unwrap)
    mapped.sub(_SPACE_PCT, lambda m: "")
    mapped.sub(_THOUSANDS, lambda m: "")
    mapped.sub(_CN_PERCENT, lambda m: "100%" if m.group(1) == "百" else _numeral(m, "%"))
    mapped.sub(_CN_COUNT, _numeral)
    mapped.sub(_cn_units(), _numeral)
    _distributive_as_sentences(mapped)
    return Normalized(mapped.text, tuple(mapped.starts), tuple(mapped.ends))
