"""Layout: tables in a report's text, rewritten as sentences the reader reads like any other.

A table reaches us flattened: one cell per line (a web page saved as text) or cells joined by tabs
(.docx and .html tables, see documents.py). Under a header naming the count and share columns
(件数 / 百分比), each row `label · count · share` becomes `label:count件,占share%;` (`label:count件;`
under a header with no share column), the table ends with `。`, and the rest of the text is left alone.
Only separators and units are added: every character of the label and the digits keeps its place in
the original text (see normalize._Mapped.splice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Row", "find_table_rows"]

_HEADER = re.compile(r"件数|份数|数量|百分比|比例|占比|比重")
_SHARE_HEADER = re.compile(r"百分比|比例|占比|比重")
_COUNT = re.compile(r"\d+")
_SHARE = re.compile(r"\d+(?:\.\d+)?%?")
_LETTER = re.compile(r"[A-Da-d甲乙丙丁]")
MAX_LABEL = 30


@dataclass(frozen=True)
class Row:
    """One table row: the spans of its label, count and share cells in the text, and its last row flag."""

    label: tuple[int, int]
    count: tuple[int, int]
    share: tuple[int, int] | None  # None in a table with no share column
    last: bool  # the last row of its table (the rewrite closes the sentence there)
    letter: bool  # the label is a bare class letter (A, B, 甲…): it is read as "A类"
    prefix: tuple[int, int] | None = None  # a leading 序号 cell, dropped from the label


def _spaced_row(line: str) -> bool:
    """A short line of cells separated by spaces ("满意 163 86.70%", "评价 份数 比例"): a table row, not
    prose (no sentence punctuation) and not one cell with spaces inside ("合    计")."""
    parts = line.split()
    return (
        len(parts) >= 2
        and len(line) <= 60
        and not re.search(r"[。,;:,;:]", line)
        and (any(_SHARE.fullmatch(p) for p in parts) or bool(_HEADER.search(line)))
    )


def _cells(text: str) -> list[tuple[int, int, str]]:
    """Non-empty lines as (start, end, stripped text) — or the tab- or space-separated cells of a line."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        sep = r"[^\t]+" if "\t" in line else r"\S+" if _spaced_row(line) else None
        if sep is not None:
            for c in re.finditer(sep, line):
                if c.group(0).strip():
                    a = m.start() + c.start() + (len(c.group(0)) - len(c.group(0).lstrip()))
                    out.append((a, a + len(c.group(0).strip()), c.group(0).strip()))
            out.append((m.end(), m.end(), "\n"))  # a row ends with its line
            continue
        if line.strip():
            a = m.start() + (len(line) - len(line.lstrip()))
            out.append((a, a + len(line.strip()), line.strip()))
    return out


def find_table_rows(text: str) -> list[Row]:
    """Rows of (label, count, share) — or (label, count) — under a header that names 件数 or 百分比."""
    cells = [c for c in _cells(text)]
    rows: list[Row] = []
    i = 0
    in_table = False
    shares = False  # the header names a share column
    while i < len(cells):
        a, b, value = cells[i]
        if value != "\n" and _HEADER.search(value) and len(value) <= 12:
            shares = (shares and in_table) or bool(_SHARE_HEADER.search(value))
            in_table = True
            i += 1
            continue
        if value == "\n":
            i += 1
            continue
        if in_table:
            window = [c for c in cells[i : i + 5] if c[2] != "\n"][:4]
            prefix = None
            if len(window) >= 4 and re.fullmatch(r"\d{1,3}", window[0][2]) and not _COUNT.fullmatch(window[1][2]):
                prefix, window = (window[0][0], window[0][1]), window[1:]
            width = 3 if shares else 2
            # "A类 已解决或基本解决 96 41.2%": a letter and a description, two cells of one label
            if (
                len(window) >= width + 1
                and not _COUNT.fullmatch(window[1][2])
                and not _SHARE.fullmatch(window[1][2])
                and _COUNT.fullmatch(window[2][2])
                and not _SHARE.fullmatch(window[0][2])
                and len(window[0][2]) + len(window[1][2]) <= MAX_LABEL
            ):
                window = [(window[0][0], window[1][1], window[0][2] + window[1][2]), *window[2:]]
            if len(window) >= width:
                lab, n = window[:2]
                p = window[2] if shares else None
                if (
                    not _SHARE.fullmatch(lab[2])
                    and len(lab[2]) <= MAX_LABEL
                    and _COUNT.fullmatch(n[2])
                    and (p is None or _SHARE.fullmatch(p[2]))
                ):
                    share = (p[0], p[1]) if p is not None else None
                    rows.append(
                        Row((lab[0], lab[1]), (n[0], n[1]), share, False, bool(_LETTER.fullmatch(lab[2])), prefix)
                    )
                    i = cells.index(p if p is not None else n) + 1
                    continue
            if rows and not rows[-1].last:
                rows[-1] = _closed(rows[-1])
            if len(value) > MAX_LABEL:
                in_table = False
        i += 1
    if rows and not rows[-1].last:
        rows[-1] = _closed(rows[-1])
    return rows


def _closed(row: Row) -> Row:
    return Row(row.label, row.count, row.share, True, row.letter, row.prefix)
