"""Notebook displays of the ledger audit (the same escaped `Html` objects as render.py).

Each function takes the AuditResult and a language and shows one part of `result.ledger`; with no
ledger, `summary` says so and the others show nothing. Deputies appear only as pseudonyms unless the
audit was run with show_names; phone and ID numbers were never read.
"""

from __future__ import annotations

from .audit import AuditResult
from .formatting import fmt_fraction
from .ledger import RATING_LABELS, Rating
from .ledger_checks import MIN_UNIT_ITEMS, TIMELINESS_LABELS, Timeliness
from .render import Html, escape
from .render import _table as _html_table
from .results import CAUSE_LABELS, SEVERITY_LABELS, STATUS_LABELS, Text, sort_worst_first

__all__ = ["summary", "crosstab", "units", "details"]

_NONE = Html("", "")


class _Frame:
    """Rows of plain values under a head: shown as an escaped HTML table and as plain text."""

    def __init__(self, rows: list[dict[str, object]], columns: list[str] | None = None):
        self.columns = columns or (list(rows[0]) if rows else [])
        self.rows = [[("" if r.get(c) is None else str(r.get(c))) for c in self.columns] for r in rows]

    @property
    def empty(self) -> bool:
        return not self.rows


def _table(frame: _Frame, row_classes: list[str] | None = None) -> str:
    if frame.empty:
        return ""
    return _html_table(frame.columns, [[escape(v) for v in row] for row in frame.rows])


def _plain(frame: _Frame) -> str:
    return "\n".join(" | ".join(row) for row in frame.rows) if frame.rows else "(empty)"


def _t(zh: str, en: str, language: str) -> str:
    return en if language == "en" else zh


def summary(result: AuditResult, language: str = "zh") -> Html:
    """The ledger's headline sentences and every ledger check, worst first."""
    a = result.ledger
    if a is None:
        note = _t("本次审查未提供台账(参数 ledger)。", "No ledger was given (parameter `ledger`).", language)
        return Html(f"<p>{escape(note)}</p>", note)
    who = _t(
        f"台账 {a.path}:{a.rows_total}行,计入{a.rows_active}件;规则:{a.profile.region}({a.profile.path});"
        f"承诺落实截至{a.as_of}({a.as_of_source.zh});代表姓名{'显示' if a.show_names else '已化名'}",
        f"ledger {a.path}: {a.rows_total} rows, {a.rows_active} counted; rules: {a.profile.region} "
        f"({a.profile.path}); commitments judged at {a.as_of} ({a.as_of_source.en}); deputies "
        f"{'named' if a.show_names else 'pseudonymized'}",
        language,
    )
    notes = [n(language) for n in a.notes]
    lines = [h(language) for h in a.headlines]
    checks = sort_worst_first(a.results)
    rows_of = {c.result.check_id: c.rows for c in a.checks}
    frame = _Frame(
        [
            {
                _t("结果", "status", language): STATUS_LABELS[r.status](language),
                _t("程度", "severity", language): SEVERITY_LABELS[r.severity](language),
                _t("检查项", "check", language): r.title(language),
                _t("说明", "details", language): r.message(language),
                _t("表格行", "rows", language): _rows_text(rows_of[r.check_id]),
                _t("可能原因", "cause", language): CAUSE_LABELS[r.cause](language) if r.cause else "",
            }
            for r in checks
        ]
    )
    title = _t("台账核对", "The ledger behind the report", language)
    html = (
        f'<section class="pa pa-section"><h2>{escape(title)}</h2>'
        f"<p>{escape(who)}</p>"
        + "".join(f'<p class="pa-headline">{escape(line)}</p>' for line in lines)
        + (f"<p><small>{escape(';'.join(notes))}</small></p>" if notes else "")
        + _table(frame, [r.status.value for r in checks])
        + "</section>"
    )
    return Html(html, "\n".join([who, *lines, "", _plain(frame)]))


def _rows_text(rows: tuple[int, ...]) -> str:
    if not rows:
        return ""
    shown = "、".join(str(r) for r in rows[:12])
    return shown + (f" …({len(rows)})" if len(rows) > 12 else "")


_COLS = (Rating.VERY_SATISFIED, Rating.SATISFIED, Rating.BASIC, Rating.DISSATISFIED, Rating.NO_OPINION)


def crosstab(result: AuditResult, language: str = "zh") -> Html:
    """The exact class × rating table, and each cell the report's figures bound."""
    a = result.ledger
    if a is None:
        return _NONE
    used = [c for c in _COLS if any(r.counts[c.value] for r in a.crosstab)]
    blank = any(r.counts["blank"] for r in a.crosstab)
    cols = [RATING_LABELS[c](language) for c in used] + ([_t("空白", "blank", language)] if blank else [])
    data = []
    for r in a.crosstab:
        line = {_t("办理结果", "outcome", language): r.label}
        line |= {RATING_LABELS[c](language): r.counts[c.value] for c in used}
        if blank:
            line[_t("空白", "blank", language)] = r.counts["blank"]
        line[_t("合计", "total", language)] = r.total
        data.append(line)
    frame = _Frame(data, columns=[_t("办理结果", "outcome", language), *cols, _t("合计", "total", language)])
    check = a.get("ledger.crosstab")
    dim = {"result": Text("办理结果", "the result"), "work": Text("办理工作", "the handling")}.get(
        a.dimension, Text("综合", "combined")
    )
    note = _t(
        f"按代表对“{dim.zh}”的评价(与报告印出的满意度件数一致的那一项)。{check.result.message.zh if check else ''}",
        f"By the rating of {dim.en} (the one matching the report's counts). {check.result.message.en if check else ''}",
        language,
    )
    return Html(_table(frame) + f"<p>{escape(note)}</p>", _plain(frame) + "\n" + note)


def _rate(x: object) -> str:
    return "—" if x is None else fmt_fraction(x, 1)  # type: ignore[arg-type]


def units(result: AuditResult, language: str = "zh") -> Html:
    """Per lead unit: items, classes, ratings and the gap, and how its replies kept the deadlines."""
    a = result.ledger
    if a is None:
        return _NONE
    rows = []
    for u in a.units:
        late = u.times.get(Timeliness.LATE.value, 0) + u.times.get(Timeliness.EXTENDED_UNAPPROVED.value, 0)
        late += u.times.get(Timeliness.INCONSISTENT.value, 0)
        unknown = u.times.get(Timeliness.UNKNOWN.value, 0) + u.times.get(Timeliness.NOT_DECIDABLE.value, 0)
        rows.append(
            {
                _t("主办单位", "lead unit", language): u.unit,
                _t("主办件", "items", language): u.n,
                _t("A类", "A", language): u.solved,
                _t("A+B类", "A+B", language): u.committed,
                _t("解决率%", "resolution %", language): _rate(u.resolution),
                _t("满意率%", "satisfied %", language): _rate(u.satisfaction),
                _t("满意或基本满意%", "sat. or basic %", language): _rate(u.satisfaction_or_basic),
                _t("差(百分点)", "gap (points)", language): _rate(u.gap)
                if u.judged
                else _t("件数过少", "too few", language),
                _t("按期", "on time", language): u.times.get(Timeliness.ON_TIME.value, 0),
                _t("延期获批", "extended", language): u.times.get(Timeliness.EXTENDED.value, 0),
                _t("逾期", "late", language): late,
                _t("未知", "unknown", language): unknown,
                _t("最长用时(天)", "longest (days)", language): "" if u.max_days is None else u.max_days,
                _t("协办件", "co-handled", language): u.co_n,
                _t("协办逾期", "co late", language): u.co_late,
            }
        )
    frame = _Frame(rows)
    note = _t(
        f"解决率=A类/主办件;满意率不含基本满意;差=满意率−解决率。主办件少于{MIN_UNIT_ITEMS}件的单位只列出,不作判断。",
        f"resolution = A / items; satisfied excludes basically satisfied; gap = satisfied − resolution. "
        f"Units with fewer than {MIN_UNIT_ITEMS} items are listed, not judged.",
        language,
    )
    return Html(_table(frame) + f"<p>{escape(note)}</p>", _plain(frame) + "\n" + note)


def details(result: AuditResult, language: str = "zh") -> Html:
    """Replies outside the deadline, suggestions repeated from last year (for review), and the rules used."""
    a = result.ledger
    if a is None:
        return _NONE
    parts_html, parts_text = [], []
    odd = [d for d in a.deadlines if d.status is not Timeliness.ON_TIME]
    if odd:
        frame = _Frame(
            [
                {
                    _t("表格行", "row", language): d.row.row,
                    _t("编号", "number", language): d.row.number,
                    _t("主办单位", "lead unit", language): d.row.lead_unit,
                    _t("领衔代表", "deputy", language): d.row.deputy,
                    _t("起算", "from", language): d.start or "",
                    _t("期限", "due", language): d.deadline or "",
                    _t("答复", "replied", language): d.row.replied or "",
                    _t("情况", "status", language): TIMELINESS_LABELS[d.status](language),
                    _t("说明", "note", language): d.reason(language) if d.reason else "",
                }
                for d in odd
            ]
        )
        title = _t("未按期或无法判定的答复", "replies not on time or not decidable", language)
        parts_html.append(f"<h4>{escape(title)}</h4>" + _table(frame))
        parts_text += [title, _plain(frame)]
    if a.previous_path:
        title = _t(
            f"与上年台账({a.previous_path})标题相近的建议(供人工核对,不作为问题)",
            f"suggestions with titles like last year's ({a.previous_path}): for review, not findings",
            language,
        )
        frame = _Frame(
            [
                {
                    _t("相似度", "score", language): f"{p.score:.0f}",
                    _t("上年编号", "last year", language): p.previous.number,
                    _t("上年标题", "last year's title", language): p.previous.title,
                    _t("本年编号", "this year", language): p.current.number,
                    _t("本年标题", "this year's title", language): p.current.title,
                    _t("领衔代表", "deputy", language): f"{p.previous.deputy} / {p.current.deputy}",
                }
                for p in a.review
            ]
        )
        parts_html.append(f"<h4>{escape(title)}</h4>" + _table(frame))
        parts_text += [title, _plain(frame)]
    rules = _Frame(
        [{_t("规则", "rule", language): k, _t("取值", "value", language): v, _t("依据", "source", language): s}
         for k, v, s in a.profile.sources]
    )  # fmt: skip
    title = _t(f"所用规则:{a.profile.path}", f"rules used: {a.profile.path}", language)
    parts_html.append(f"<h4>{escape(title)}</h4>" + _table(rules))
    parts_text += [title, _plain(rules)]
    return Html("".join(parts_html), "\n".join(parts_text))
