"""The audit as files the liaison office edits: a review-opinion draft (.docx) and a workbook (.xlsx).

Both are rendered from the same AuditResult as the HTML report, in the same words (wording.yaml)
and the same order (`worst_first()`). The Word file names its Chinese fonts through w:eastAsia (and
drops the theme fonts that would override them), so Word and WPS show 仿宋/黑体 rather than a
Latin fallback; the page is A4. Percentages in the workbook stay text exactly as printed.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import wording as w
from .audit import AuditResult
from .figures import Certainty, Figure
from .formatting import fmt_fraction
from .results import CAUSE_LABELS, SEVERITY_LABELS, STATUS_LABELS, Category, Status
from .rounding import MODE_NAMES_ZH

__all__ = ["write_docx", "write_xlsx", "FONTS"]

# East Asian and Latin fonts per style: present in Windows and WPS alike.
FONTS = {
    "body": ("仿宋", "Times New Roman"),
    "heading": ("黑体", "Arial"),
    "table": ("宋体", "Times New Roman"),
}


def _plain(marked: str) -> str:
    return w.to_plain(marked)


def _figure_words(fig: Figure, language: str) -> str:
    return _plain(f"{w.figure_name(fig, language)} {w.numbers(fig, language)}".strip())


def _used(result: AuditResult, r) -> list[Figure]:  # noqa: ANN001 - a CheckResult
    if r.category is Category.GAP:
        figs = result.figures
        solved = [c for c in figs.classes() if c.rank == 1 and (c.base or "total") == "total" and not c.dimension]
        return [*solved, *figs.satisfaction("")]
    return [f for f in (result.figures.get(k) for k in r.figures) if f is not None]


# --------------------------------------------------------------------------- Word


def _set_fonts(rpr, east_asia: str, latin: str) -> None:  # noqa: ANN001 - a w:rPr element
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(theme)) is not None:
            del fonts.attrib[qn(theme)]  # a theme font would win over the names set below
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _style_fonts(doc, name: str, kind: str, size: float, bold: bool = False) -> None:  # noqa: ANN001
    from docx.shared import Pt, RGBColor

    style = doc.styles[name]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(style.element.get_or_add_rPr(), *FONTS[kind])


def _new_document():  # noqa: ANN202 - a python-docx Document
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Mm

    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(25)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _set_fonts(rpr, *FONTS["body"])
    _style_fonts(doc, "Normal", "body", 14)
    _style_fonts(doc, "Title", "heading", 20, bold=True)
    for level, size in ((1, 15), (2, 14), (3, 14)):
        _style_fonts(doc, f"Heading {level}", "heading", size, bold=level > 1)
    _style_fonts(doc, "Table Grid", "table", 10.5)
    return doc


def _para(doc, words: str, style: str | None = None, bold_lead: str = ""):  # noqa: ANN001, ANN202
    p = doc.add_paragraph(style=style)
    if bold_lead:
        p.add_run(bold_lead).bold = True
    p.add_run(_plain(words))
    return p


def write_docx(result: AuditResult, path: Path, language: str = "zh") -> Path:
    """The review-opinion draft: title, summary, numbered findings with the report's words, the
    gap analysis in words, the figures table and a note on the method."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    lang = "en" if language == "en" else "zh"
    en = lang == "en"
    meta = result.figures.meta
    doc = _new_document()
    title = meta.title or result.report_id
    heading = doc.add_paragraph(w.text("memo_title", lang, title=title), style="Title")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    who = " · ".join(str(x) for x in (meta.region, meta.body, meta.year, meta.source or result.document) if x)
    _para(doc, who, bold_lead=f"{w.text('memo_source', lang)}{': ' if en else ':'}")

    ordered = result.worst_first()
    found = [r for r in ordered if r.is_finding]
    undecided = [r for r in ordered if r.status is Status.UNDECIDABLE]
    passed = [r for r in ordered if r.status is Status.PASS]

    doc.add_heading(w.text("memo_summary", lang), level=1)
    if found:
        for i, r in enumerate(found, 1):
            _para(doc, w.headline(result, r, lang), bold_lead=f"{i}. ")
        if passed:
            families = w.passed_families(result, lang)
            _para(doc, w.text("consistent_after", lang, n=len(passed), families=families))
    else:
        _para(doc, w.text("no_findings", lang))
        if passed:
            _para(doc, w.text("consistent_only", lang, n=len(passed), families=w.passed_families(result, lang)))

    doc.add_heading(w.text("memo_findings", lang), level=1)
    for i, r in enumerate([*found, *undecided], 1):
        plain = w.finding(result, r, lang)
        label = STATUS_LABELS[r.status](lang) if not r.is_finding else SEVERITY_LABELS[r.severity](lang)
        words = _plain(w._quote_labels(r.title(lang), result)) if en else r.title(lang)
        doc.add_heading(f"{i}. {words} ({label})" if en else f"{_ordinal(i, lang)}{words}({label})", level=2)
        _para(doc, plain.sentence)
        if r.category is Category.GAP and result.gaps.headlines:
            for h in result.gaps.headlines:
                _para(doc, h(lang), style="List Bullet")
        used = _used(result, r)
        if used:
            sep = "; " if en else ";"
            _para(doc, sep.join(_figure_words(f, lang) for f in used), bold_lead=_lead("figures_used", lang))
        for f in used:
            if f.provenance.text:
                _para(doc, f"“{f.provenance.sentence or f.provenance.text}”", bold_lead=_lead("quoted", lang))
        doc_text = w.document_text(result)
        if r.category is Category.TEXT and doc_text:
            for a, b in r.positions[:3]:
                context = doc_text[max(0, a - 30) : b + 30].replace("\n", " ")
                _para(doc, f"“…{context}…”", bold_lead=_lead("quoted", lang))
        if plain.ask:
            _para(doc, plain.ask, bold_lead=_lead("ask", lang))
        if plain.todo:
            _para(doc, plain.todo, bold_lead=_lead("todo", lang))

    gaps = result.gaps
    if gaps.rates:
        doc.add_heading(w.text("memo_gaps", lang), level=1)
        for rate in gaps.rates:
            how = f"({rate.count}/{rate.base})" if rate.from_counts and rate.count is not None and rate.base else ""
            _para(doc, f"{rate.title(lang)}{': ' if en else ':'}{rate.text()}%{how}")
        unit = " points" if en else "个百分点"
        for name, points in gaps.gaps:
            _para(doc, f"{name(lang)}{': ' if en else ':'}{fmt_fraction(points, 2)}{unit}")
        if gaps.headlines:
            _para(doc, w.text("bounds_lead", lang) + (":" if en else ":"))
            for h in gaps.headlines:
                _para(doc, h(lang), style="List Bullet")
            _para(doc, w.text("bounds_intro", lang))

    doc.add_heading(w.text("memo_figures", lang), level=1)
    head = ["figure", "count", "%", "share of", "the report says"] if en else ["名称", "件数", "百分比", "基数", "原文"]
    table = doc.add_table(rows=1, cols=len(head))
    table.style = doc.styles["Table Grid"]
    for cell, name in zip(table.rows[0].cells, head, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(name).bold = True
    for f in result.figures:
        base = result.figures.base_of(f)
        cells = table.add_row().cells
        values = [
            _plain(w.figure_name(f, lang)),
            "" if f.count is None else str(f.count),
            w.printed_pct(f, lang),
            _plain(w.base_phrase(base, lang)) if f.pct is not None and base is not None and base is not f else "",
            f.provenance.text,
        ]
        for cell, value in zip(cells, values, strict=True):
            cell.text = value

    doc.add_heading(w.text("memo_method", lang), level=1)
    _para(doc, w.text("method_text", lang))
    return _save(doc.save, path)


def _lead(name: str, language: str) -> str:
    return w.text(name, language) + (": " if language == "en" else ":")


def _ordinal(i: int, language: str) -> str:
    numerals = "一二三四五六七八九十"
    return f"({numerals[i - 1]})" if language != "en" and i <= 10 else f"{i}. "


def _save(save, path: Path) -> Path:  # noqa: ANN001 - a document's or workbook's save method
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    save(str(tmp))
    os.replace(tmp, path)
    return path


# --------------------------------------------------------------------------- Excel


def write_xlsx(result: AuditResult, path: Path, language: str = "zh") -> Path:
    """A workbook: a summary sheet, one row per check, and one sheet of the figures as read."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    lang = "en" if language == "en" else "zh"
    en = lang == "en"
    book = Workbook()
    summary = book.active
    summary.title = "Summary" if en else "概要"
    meta = result.figures.meta
    ordered = result.worst_first()
    counts = result.counts()
    rows = [
        ("report" if en else "报告", meta.title or result.report_id),
        ("region" if en else "地区", meta.region),
        ("body" if en else "机构", meta.body),
        ("year" if en else "年度", meta.year or ""),
        ("document" if en else "原文", result.document or meta.source),
        *((STATUS_LABELS[s](lang), counts[s.value]) for s in Status),
        *(
            ((f"finding {i}" if en else f"问题{i}"), _plain(w.headline(result, r, lang)))
            for i, r in enumerate([r for r in ordered if r.is_finding], 1)
        ),
    ]
    for row in rows:
        summary.append(list(row))
    summary.column_dimensions["A"].width = 14
    summary.column_dimensions["B"].width = 100

    checks = book.create_sheet("Checks" if en else "检查结果")
    head = (
        ["no.", "status", "severity", "check", "in plain words", "the office might ask", "arithmetic", "cause",
         "rounding modes", "counts allowed", "bases that fit", "figures used", "check id"]
        if en else
        ["序号", "结果", "程度", "检查项", "说明", "可以询问政府", "算式", "可能原因", "符合的取舍方式", "件数范围",
         "可得的基数", "所用数字", "检查编号"]
    )  # fmt: skip
    checks.append(head)
    for i, r in enumerate(ordered, 1):
        plain = w.finding(result, r, lang)
        used = [f for f in (result.figures.get(k) for k in r.figures) if f is not None]
        checks.append(
            [
                i,
                STATUS_LABELS[r.status](lang),
                SEVERITY_LABELS[r.severity](lang),
                _plain(w._quote_labels(r.title(lang), result) if en else r.title(lang)),
                _plain(w.headline(result, r, lang)) if r.status is not Status.PASS else "",
                plain.ask or plain.todo if r.status is not Status.PASS else "",
                r.message(lang),
                CAUSE_LABELS[r.cause](lang) if r.cause else "",
                ", ".join(MODE_NAMES_ZH[m] if not en else m.value for m in r.modes),
                "–".join(dict.fromkeys(map(str, r.count_range))) if r.count_range else "",
                ", ".join(map(str, r.candidates)),
                "; ".join(_figure_words(f, lang) for f in used),
                r.check_id,
            ]
        )

    figures = book.create_sheet("Figures" if en else "读到的数字")
    head = (
        ["figure", "kind", "count", "percent (as printed)", "share of", "printed words", "sentence", "reading",
         "other readings", "origin", "position", "key"]
        if en else
        ["名称", "类别", "件数", "百分比(按原文)", "基数", "原文", "所在句子", "读数", "其他读法", "来源", "位置", "键"]
    )  # fmt: skip
    figures.append(head)
    for f in result.figures:
        base = result.figures.base_of(f)
        figures.append(
            [
                _plain(w.figure_name(f, lang)),
                w.KIND_NAMES[f.kind](lang) if f.kind in w.KIND_NAMES else f.kind.value,
                f.count,
                f.pct.text if f.pct else None,
                _plain(w.base_phrase(base, lang)) if f.pct is not None and base is not None and base is not f else "",
                f.provenance.text,
                f.provenance.sentence,
                w.text("ambiguous" if f.certainty is Certainty.AMBIGUOUS else "sure", lang),
                "; ".join(f.alternatives),
                w.text("hand" if f.provenance.origin == "hand" else "extracted", lang),
                f"{f.provenance.span[0]}–{f.provenance.span[1]}" if f.provenance.span else "",
                f.key,
            ]
        )
    for cell in figures["D"][1:]:
        cell.number_format = "@"  # "25.90" stays "25.90", never the number 25.9
    if result.unparsed:
        unplaced = book.create_sheet("Unplaced" if en else "未归类数字")
        unplaced.append(["number", "sentence", "why", "position"] if en else ["数字", "所在句子", "原因", "位置"])
        for u in result.unparsed:
            unplaced.append([u.text, u.sentence, w.unplaced_reason(u.reason, lang), f"{u.span[0]}–{u.span[1]}"])
    for sheet in book.worksheets:
        if sheet is not summary:
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
        for column in sheet.columns:
            longest = max((len(str(c.value)) for c in column if c.value is not None), default=4)
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(6, longest * 1.6 + 2))
            for c in column[1:]:
                c.alignment = Alignment(wrap_text=True, vertical="top")
    return _save(book.save, path)
