"""Reading a ledger export (.xlsx, .csv in UTF-8 or GBK) into a `Ledger`.

Everything wrong with a file is collected before anything is returned: an encoding that changes
from line to line, unknown or duplicated headers, missing columns and every bad cell. Then one
`LedgerError` lists them all, in Chinese then English, each with its row and column; no partial
ledger is ever returned.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from pathlib import Path

from .errors import LedgerError
from .ledger import Ledger, LedgerRow, RowStatus, make_row, scrub
from .ledger_schema import (
    BY_KEY,
    COLUMNS,
    IGNORED_HEADERS,
    PERSONAL_HEADERS,
    CellProblem,
    date_from_cell,
    header_key,
    known_headers,
    normalize_header,
    validate_cells,
)
from .paths import relative
from .results import Text

__all__ = ["read_ledger", "decode_lines", "MAX_ROWS"]

MAX_ROWS = 200_000
_PERSONAL = {normalize_header(h) for h in PERSONAL_HEADERS}
_IGNORED = {normalize_header(h) for h in IGNORED_HEADERS}


def read_ledger(path: str | Path) -> Ledger:
    """Read and validate a ledger; raise LedgerError with every problem found."""
    path = Path(path)
    shown = relative(path)
    if not path.is_file():
        raise LedgerError(shown, [("", "文件不存在 file not found")])
    suffix = path.suffix.lower()
    problems: list[tuple[str, str]] = []
    notes: list[Text] = []
    encoding = sheet = ""
    if suffix in (".xlsx", ".xlsm"):
        table, sheet = _xlsx_rows(path, shown)
        notes.append(Text(f"读取工作表“{sheet}”", f"read worksheet '{sheet}'"))
    elif suffix in (".csv", ".txt", ".tsv"):
        text_rows, encoding, enc_problems = decode_lines(path.read_bytes())
        problems += enc_problems
        table = _csv_rows(text_rows)
        notes.append(Text(f"编码 {encoding}", f"encoding {encoding}"))
    elif suffix == ".xls":
        raise LedgerError(
            shown,
            [
                (
                    "",
                    "不支持旧版 .xls 格式:请在 Excel/WPS 中另存为 .xlsx 或 .csv"
                    " the old .xls format is not read; save as .xlsx or .csv",
                )
            ],
        )
    else:
        raise LedgerError(
            shown, [("", f"不支持的文件类型 {suffix or '(无扩展名)'}:请用 .xlsx 或 .csv use .xlsx or .csv")]
        )
    return _build(shown, table, problems, notes, encoding, sheet)


# --------------------------------------------------------------------------- files → rows of text


def decode_lines(data: bytes) -> tuple[list[tuple[int, str]], str, list[tuple[str, str]]]:
    """Bytes → (line number, text) pairs, the encoding, and encoding problems.

    A file is read as UTF-8 (with or without BOM), UTF-16 (with BOM), or GBK/GB18030. When some
    lines are UTF-8 and others GBK (a file pasted together from two exports), each line is still
    decoded in its own encoding so that the other problems can be found too, and the mixture is
    itself reported, naming the lines in the less common encoding.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
        return list(enumerate(text.splitlines(), start=1)), "utf-16", []
    if data.startswith(b"\xef\xbb\xbf"):
        data, bom = data[3:], True
    else:
        bom = False
    try:
        text = data.decode("utf-8")
        return list(enumerate(text.splitlines(), start=1)), "utf-8-sig" if bom else "utf-8", []
    except UnicodeDecodeError:
        pass
    lines: list[tuple[int, str]] = []
    utf8_lines: list[int] = []
    gbk_lines: list[int] = []
    bad: list[int] = []
    for i, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.rstrip(b"\r")
        try:
            line = raw.decode("utf-8")
            if not raw.isascii():
                utf8_lines.append(i)
        except UnicodeDecodeError:
            try:
                line = raw.decode("gb18030")
                gbk_lines.append(i)
            except UnicodeDecodeError:
                line = raw.decode("utf-8", errors="replace")
                bad.append(i)
        lines.append((i, line))
    if lines and lines[-1][1] == "":
        lines.pop()
    problems: list[tuple[str, str]] = []
    if bad:
        problems.append(
            (
                "编码 encoding",
                f"第{_ranges(bad)}行既不是 UTF-8 也不是 GBK,无法读取 lines {_ranges(bad)} are neither UTF-8 nor GBK",
            )
        )
    if utf8_lines and gbk_lines:
        fewer, other = (gbk_lines, "GBK") if len(gbk_lines) <= len(utf8_lines) else (utf8_lines, "UTF-8")
        rest = "UTF-8" if other == "GBK" else "GBK"
        problems.append(
            (
                "编码 encoding",
                f"编码混杂:第{_ranges(fewer)}行是 {other},其余是 {rest};请把整个文件另存为同一种编码(UTF-8)"
                f" mixed encodings: line{'s' if len(fewer) > 1 else ''} {_ranges(fewer)}"
                f" {'are' if len(fewer) > 1 else 'is'} {other}, the rest {rest}; save the whole file"
                " in one encoding (UTF-8)",
            )
        )
    return lines, "gb18030" if gbk_lines and not utf8_lines else "mixed", problems


def _ranges(numbers: list[int]) -> str:
    """[3, 4, 5, 9] → '3–5、9' (at most 12 runs shown)."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    shown = "、".join(f"{a}" if a == b else f"{a}–{b}" for a, b in runs[:12])
    return shown + (f" …(共{len(numbers)}行)" if len(runs) > 12 else "")


def _csv_rows(lines: list[tuple[int, str]]) -> list[tuple[int, list[str]]]:
    """CSV records with the line each starts on; the delimiter (comma, tab, semicolon) from the header."""
    if not lines:
        return []
    first = next((t for _, t in lines if t.strip()), "")
    delimiter = max(",\t;", key=first.count)
    numbers = [n for n, _ in lines]
    reader = csv.reader(io.StringIO("\n".join(t for _, t in lines)), delimiter=delimiter)
    out = []
    start = 0
    for record in reader:
        out.append((numbers[start] if start < len(numbers) else start + 1, record))
        start = reader.line_num
    return out


def _xlsx_rows(path: Path, shown: str) -> tuple[list[tuple[int, list[str]]], str]:
    """Every worksheet's cells as text, numbered from A1; the sheet whose header matches best.

    Read with python-calamine (Rust): openpyxl's read-only mode takes about 8 s for a 20,000-row
    register, calamine about 1 s. Date cells come back as dates and are written 2019-05-23.
    """
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        sheets = [(name, wb.get_sheet_by_name(name)) for name in wb.sheet_names]
        best: tuple[int, str, list[tuple[int, list[str]]]] | None = None
        for name, ws in sheets:
            rows = [
                (i, [date_from_cell(v) for v in values])
                for i, values in enumerate(ws.to_python(skip_empty_area=False), start=1)
            ]
            score = max((_header_score(cells) for _, cells in rows[:10]), default=0)
            if best is None or score > best[0]:
                best = (score, name, rows)
            if score >= 3:
                break
    except (CalamineError, OSError, ValueError) as exc:
        raise LedgerError(
            shown, [("", f"不是有效的 .xlsx 文件 not a valid .xlsx file ({type(exc).__name__})")]
        ) from None
    if best is None:
        raise LedgerError(shown, [("", "工作簿中没有工作表 the workbook has no worksheet")])
    return best[2], best[1]


def _header_score(cells: list[str]) -> int:
    return sum(1 for c in cells if c and header_key(c))


# --------------------------------------------------------------------------- rows of text → Ledger


def _build(
    shown: str,
    table: list[tuple[int, list[str]]],
    problems: list[tuple[str, str]],
    notes: list[Text],
    encoding: str,
    sheet: str,
) -> Ledger:
    table = [(n, cells) for n, cells in table if any(c.strip() for c in cells)]
    if not table:
        raise LedgerError(shown, [*problems, ("", "文件中没有数据 the file holds no rows")])
    head_at = next((i for i, (_, cells) in enumerate(table[:10]) if _header_score(cells) >= 2), 0)
    header_line, headers = table[head_at]
    if head_at:
        notes.append(Text(f"表头在第{header_line}行", f"the header is on row {header_line}"))
    keys: dict[int, str] = {}  # column index → key
    dropped: list[str] = []
    for col, raw in enumerate(headers):
        h = normalize_header(raw)
        where = f"表头第{col + 1}列 header column {col + 1}"
        if not h:
            if any(col < len(cells) and cells[col].strip() for _, cells in table[head_at + 1 :]):
                problems.append(
                    (where, "有数据但没有列名:请填写列名或删除该列 data without a header: name or delete it")
                )
            continue
        if h in _PERSONAL:
            dropped.append(raw.strip())
            continue
        if h in _IGNORED:
            continue
        key = header_key(raw)
        if key is None:
            close = difflib.get_close_matches(h, known_headers(), n=1, cutoff=0.5)
            hint = f";是否想写“{close[0]}”? did you mean '{close[0]}'?" if close else ""
            problems.append(
                (
                    where,
                    f"未知的列名“{raw.strip()}”{hint} 请改为已知列名(见 README 台账一节)或删除该列"
                    f" unknown column '{raw.strip()}': rename it to a known header (README, ledger) or delete it",
                )
            )
        elif key in keys.values():
            first = headers[next(c for c, k in keys.items() if k == key)]
            problems.append(
                (
                    where,
                    f"列“{raw.strip()}”与“{first.strip()}”是同一列({BY_KEY[key].header}),请只保留一列"
                    f" '{raw.strip()}' and '{first.strip()}' are the same column: keep one",
                )
            )
        else:
            keys[col] = key
    for c in COLUMNS:
        if c.required and c.key not in keys.values():
            names = "、".join(c.synonyms[:3])
            problems.append(
                ("表头 header", f"缺少必需的列“{c.header}”(也可写作:{names}) the required column '{c.key}' is missing")
            )
    body = table[head_at + 1 :]
    if len(body) > MAX_ROWS:
        raise LedgerError(shown, [*problems, ("", f"超过{MAX_ROWS}行 more than {MAX_ROWS} rows")])
    row_numbers = [n for n, _ in body]
    width = max((len(cells) for _, cells in body), default=0)
    padded = [cells + [""] * (width - len(cells)) for _, cells in body]
    by_column = list(zip(*padded, strict=True)) if padded else []
    columns = {
        key: [c.strip() for c in by_column[col]] if col < width else [""] * len(body) for col, key in keys.items()
    }
    header_of = {key: headers[col].strip() for col, key in keys.items()}
    values, cell_problems = validate_cells(columns, header_of, row_numbers) if body else ({}, [])
    problems += [_cell_problem(p) for p in cell_problems]
    if problems:
        raise LedgerError(shown, problems)
    names = list(values)
    rows = tuple(
        _row(n, dict(zip(names, (p.value for p in cells), strict=True)))
        for n, *cells in zip(row_numbers, *values.values(), strict=True)
    ) if names else tuple(_row(n, {}) for n in row_numbers)  # fmt: skip
    if dropped:
        notes.append(
            Text(
                f"个人信息列未读取:{'、'.join(dropped)}",
                f"personal columns left unread: {', '.join(dropped)}",
            )
        )
    return Ledger(
        path=shown,
        rows=rows,
        columns=frozenset(keys.values()),
        encoding=encoding,
        sheet=sheet,
        header_row=header_line,
        dropped=tuple(dropped),
        notes=tuple(notes),
    )


def _cell_problem(p: CellProblem) -> tuple[str, str]:
    return f"第{p.row}行 row {p.row} · {p.column}", f"{p.reason.zh} {p.reason.en}"


_SEQ = re.compile(r"(\d+)(?!.*\d)")


def _row(row: int, v: dict[str, object]) -> LedgerRow:
    number = str(v.get("number") or "")
    m = _SEQ.search(number)
    klass = v.get("class")
    values = {k: x for k, x in v.items() if x is not None and k in _PLAIN}
    return make_row(
        **values,
        row=row,
        number=number,
        seq=int(m.group(1)) if m else None,
        prefix=(number[: m.start()] + "#" + number[m.end() :]) if m else number,
        session=scrub(str(v.get("session") or "")),
        title=scrub(str(v.get("title") or "")),
        deputy=str(v.get("deputy") or ""),
        lead_unit=str(v.get("lead_unit") or ""),
        co_units=tuple(v.get("co_units") or ()),  # type: ignore[arg-type]
        class_label=klass[1] if klass else "",  # type: ignore[index]
        class_rank=klass[0] if klass else None,  # type: ignore[index]
        follow_status=scrub(str(v.get("follow_status") or "")),
        status=v.get("status") or RowStatus.ACTIVE,
    )


# Columns whose parsed value is the row's field as it is (dates, ratings, yes/no, year, period).
_PLAIN = frozenset(
    {"year", "period", "assigned", "received", "co_reply", "replied", "work_rating", "result_rating", "extended",
     "extension_approved", "rehandled", "second_reply", "follow_deadline", "supervised"}
)  # fmt: skip
