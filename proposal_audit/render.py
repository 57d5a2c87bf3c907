"""The audit report as a committee member reads it: notebook displays, escaped HTML with a plain-text form.

Every string from a report (labels, sentences, titles) is escaped here, so text read from a document
can never become markup or script. Words quoted from the report are tagged `lang="zh-CN"`; the
body shows no check ids, keys, kinds or offsets, which go to the technical appendix at the end.
Order and headline sentences come from the result (`worst_first()`, the gap analysis' headlines).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

from . import wording as w
from .audit import AuditResult
from .figures import Certainty, Figure, Kind
from .formatting import fmt_fraction
from .results import SEVERITY_LABELS, STATUS_LABELS, Category, CheckResult, Severity, Status

__all__ = [
    "Html",
    "escape",
    "style",
    "summary",
    "findings",
    "gaps",
    "figures",
    "unplaced",
    "method",
    "appendix",
    "trends",
    "highlight",
]

CSS_FILE = Path(__file__).parent / "templates" / "report.css"
HEADLINE_LIMIT = 5  # findings named in the headline box; the rest follow in the findings section


@dataclass(frozen=True)
class Html:
    """Rich output for notebooks (text/html) with a stable plain-text form (text/plain)."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


@cache
def style() -> str:
    """The report's stylesheet (screen and A4 print), as one <style> element."""
    return f"<style>{CSS_FILE.read_text(encoding='utf-8')}</style>"


def _lang(language: str) -> str:
    return "en" if language == "en" else "zh"


def _zh(words: str) -> str:
    """Words from the report, escaped and marked as Chinese."""
    return f'<span lang="zh-CN">{escape(words)}</span>' if words else ""


def _cjk_aware(words: str, language: str) -> str:
    """Report words inside other text: plain in Chinese, a marked quotation in English."""
    return w.quote(words) if language == "en" and w.is_quotable(words) else words


# --------------------------------------------------------------------------- quotations


def _numbers_in(fig: Figure) -> list[str]:
    out = []
    if fig.pct is not None:
        out.append(fig.pct.text)
    if fig.count is not None:
        out.append(str(fig.count))
    return out


def highlight(sentence: str, phrase: str, numbers: list[str]) -> str:
    """`sentence` as escaped HTML, the printed numbers of `phrase` (or the phrase itself) in <mark>."""
    if not sentence:
        return ""
    start = sentence.find(phrase) if phrase else -1
    lo, hi = (start, start + len(phrase)) if start >= 0 else (0, len(sentence))
    spans: list[tuple[int, int]] = []
    for number in numbers:
        pattern = rf"(?<![\d.]){re.escape(number)}(?![\d])%?"
        for m in re.finditer(pattern, sentence[lo:hi]):
            spans.append((lo + m.start(), lo + m.end()))
    if not spans and start >= 0:
        spans = [(lo, hi)]
    spans = sorted(set(spans))
    out, at = [], 0
    for a, b in spans:
        if a < at:
            continue
        out.append(escape(sentence[at:a]) + f"<mark>{escape(sentence[a:b])}</mark>")
        at = b
    out.append(escape(sentence[at:]))
    return "".join(out)


def _figure_quote(fig: Figure) -> str:
    sentence = fig.provenance.sentence or fig.provenance.text
    if not sentence:
        return ""
    body = highlight(sentence, fig.provenance.text, _numbers_in(fig))
    return f'<span class="pa-quote" lang="zh-CN">{body}</span>'


def _context_quote(text: str, a: int, b: int, width: int = 30) -> str:
    lo, hi = max(0, a - width), min(len(text), b + width)
    before, hit, after = text[lo:a], text[a:b], text[b:hi]
    body = (
        ("…" if lo else "")
        + escape(before)
        + f"<mark>{escape(hit)}</mark>"
        + escape(after)
        + ("…" if hi < len(text) else "")
    )
    return f'<span class="pa-quote" lang="zh-CN">{body}</span>'


# --------------------------------------------------------------------------- the first screen


def _is_gap(r: CheckResult) -> bool:
    return r.category is Category.GAP


def _sentence(result: AuditResult, r: CheckResult, language: str) -> str:
    """One plain sentence (HTML) for a finding."""
    return w.to_html(w.headline(result, r, language))


def _capital(words: str, language: str) -> str:
    return words[:1].upper() + words[1:] if language == "en" else words


def _mark_labels(words: str, result: AuditResult, language: str) -> str:
    return w._quote_labels(words, result) if language == "en" else words


def _tag(r: CheckResult, language: str) -> str:
    if r.status is Status.PASS:
        return f'<span class="pa-tag pa-tag-pass">{escape(STATUS_LABELS[r.status](language))}</span>'
    if r.status in (Status.UNDECIDABLE, Status.SKIPPED):
        return f'<span class="pa-tag">{escape(STATUS_LABELS[r.status](language))}</span>'
    sev = r.severity.value
    return f'<span class="pa-tag pa-tag-{sev}">{escape(SEVERITY_LABELS[r.severity](language))}</span>'


def _meta_line(result: AuditResult, language: str) -> str:
    meta = result.figures.meta
    body = {"人大": "People's Congress", "政协": "CPPCC"}.get(meta.body, meta.body) if language == "en" else meta.body
    year = "" if not meta.year else (f"{meta.year}年" if language != "en" else str(meta.year))
    parts = [_zh(meta.region) if language == "en" else escape(meta.region), escape(body), escape(year)]
    return " · ".join(p for p in parts if p)


def summary(result: AuditResult, language: str = "zh") -> Html:
    """The first screen: who reported what, the most severe findings in one sentence each, the counts,
    and what was checked and found consistent (said so that it cannot read as a clean bill)."""
    lang = _lang(language)
    meta = result.figures.meta
    title = meta.title or result.report_id
    ordered = result.worst_first()
    found = [r for r in ordered if r.is_finding]
    undecided = [r for r in ordered if r.status is Status.UNDECIDABLE]
    passed = [r for r in ordered if r.status is Status.PASS]
    items = [f"<li>{_tag(r, lang)}{_sentence(result, r, lang)}</li>" for r in found[:HEADLINE_LIMIT]]
    text_items = [w.to_plain(re.sub(r"<[^>]+>", "", _sentence(result, r, lang))) for r in found[:HEADLINE_LIMIT]]
    more = ""
    if len(found) > HEADLINE_LIMIT:
        more = f'<p class="pa-note">{escape(w.text("more_findings", lang, n=len(found) - HEADLINE_LIMIT))}</p>'
    families = w.passed_families(result, lang)
    if found:
        body = f"<ol>{''.join(items)}</ol>{more}"
        consistent = w.text("consistent_after", lang, n=len(passed), families=families) if passed else ""
    else:
        body = f"<p>{escape(w.text('no_findings', lang))}</p>"
        consistent = w.text("consistent_only", lang, n=len(passed), families=families) if passed else ""
    if undecided:
        consistent += (" " if lang == "en" else "") + w.text("undecided", lang, n=len(undecided))
    by_severity = Counter(r.severity for r in found)
    counts = [(f"pa-tag-{s.value}", SEVERITY_LABELS[s](lang), by_severity[s]) for s in Severity if by_severity[s]] + [
        ("", STATUS_LABELS[Status.UNDECIDABLE](lang), len(undecided)),
        ("pa-tag-pass", STATUS_LABELS[Status.PASS](lang), len(passed)),
    ]
    count_html = "".join(
        f'<span class="pa-count"><span class="pa-tag {cls}">{escape(label)}</span>{n}</span>'
        for cls, label, n in counts
        if n
    )
    downloads = (
        f'<p class="pa-downloads">{escape(w.text("downloads", lang))} '
        f'<a href="{escape(result.report_id, quote=True)}.docx">{escape(result.report_id)}.docx</a> · '
        f'<a href="{escape(result.report_id, quote=True)}.xlsx">{escape(result.report_id)}.xlsx</a></p>'
    )
    html = (
        style()
        + '<div class="pa"><header class="pa-head">'
        + f'<p class="pa-kicker">{escape(w.text("kicker", lang))}</p>'
        + f"<h1>{_zh(title) if lang == 'en' else escape(title)}</h1>"
        + f'<p class="pa-meta">{_meta_line(result, lang)}</p></header>'
        + f'<section class="pa-headline" aria-label="{escape(w.text("headline", lang), quote=True)}">'
        + f"<h2>{escape(w.text('headline', lang))}</h2>{body}"
        + f'<p class="pa-counts">{count_html}</p>'
        + (f'<p class="pa-consistent">{escape(consistent)}</p>' if consistent else "")
        + f"</section>{downloads}</div>"
    )
    who = " · ".join(str(x) for x in (meta.region, meta.body, meta.year) if x)
    lines = [title, who, *(f"{i}. {t}" for i, t in enumerate(text_items, 1)), consistent]
    return Html(html, "\n".join(x for x in lines if x))


# --------------------------------------------------------------------------- findings


def _used_figures(result: AuditResult, r: CheckResult) -> list[Figure]:
    if _is_gap(r):  # the rates the gap compares: the solved class and the satisfaction levels
        figs = result.figures
        solved = [c for c in figs.classes() if c.rank == 1 and (c.base or "total") == "total" and not c.dimension]
        return [*solved, *figs.satisfaction("")]
    return [f for f in (result.figures.get(k) for k in r.figures) if f is not None]


def _figure_line(fig: Figure, language: str) -> str:
    name = w.figure_name(fig, language)
    nums = w.numbers(fig, language)
    return f"{name} {nums}".strip()


def _finding_card(result: AuditResult, r: CheckResult, language: str) -> tuple[str, str]:
    lang = _lang(language)
    plain = w.finding(result, r, lang)
    parts = [f"<p>{w.to_html(plain.sentence)}</p>"]
    text_parts = [w.to_plain(plain.sentence)]
    if _is_gap(r) and result.gaps.headlines:
        heads = [w.to_html(_mark_labels(h(lang), result, lang)) for h in result.gaps.headlines]
        parts.append(f"<p>{escape(w.text('bounds_lead', lang))}:</p><ul>{''.join(f'<li>{h}</li>' for h in heads)}</ul>")
        text_parts += [h(lang) for h in result.gaps.headlines]
    rows = []
    used = _used_figures(result, r)
    if used:
        sep = ";" if lang != "en" else "; "
        line = sep.join(_figure_line(f, lang) for f in used)
        rows.append((w.text("figures_used", lang), w.to_html(line)))
    quotes = list(dict.fromkeys(q for q in (_figure_quote(f) for f in used) if q))
    doc = w.document_text(result)
    if doc and r.positions and r.category is Category.TEXT:
        quotes += [_context_quote(doc, a, b) for a, b in r.positions[:3] if 0 <= a < b <= len(doc)]
    if quotes:
        rows.append((w.text("quoted", lang), "".join(quotes[:4])))
    if plain.ask:
        rows.append((w.text("ask", lang), escape(plain.ask)))
        text_parts.append(f"? {plain.ask}")
    if plain.todo:
        rows.append((w.text("todo", lang), escape(plain.todo)))
    dl = "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in rows)
    title = w.to_html(_mark_labels(_capital(r.title(lang), lang), result, lang))
    sev = r.severity.value if r.is_finding else "info"
    html = (
        f'<article class="pa-finding pa-{sev}"><h3>{_tag(r, lang)}{title}</h3>'
        + "".join(parts)
        + (f"<dl>{dl}</dl>" if dl else "")
        + "</article>"
    )
    return html, "\n  ".join(text_parts)


def findings(result: AuditResult, language: str = "zh") -> Html:
    """Each finding, most severe first: a plain sentence, the figures and words behind it, what to ask."""
    lang = _lang(language)
    ordered = result.worst_first()
    found = [r for r in ordered if r.is_finding]
    undecided = [r for r in ordered if r.status is Status.UNDECIDABLE]
    if not found and not undecided:
        return Html("", "(no findings)")
    html = ['<section class="pa pa-section">']
    text = []
    if found:
        html.append(f"<h2>{escape(w.text('findings', lang))}</h2>")
        html.append(f'<p class="pa-intro">{escape(w.text("findings_intro", lang))}</p>')
        for i, r in enumerate(found, 1):
            card, plain = _finding_card(result, r, lang)
            html.append(card)
            text.append(f"{i}. {plain}")
    if undecided:
        html.append(f"<h3>{escape(w.text('to_confirm', lang))}</h3>")
        for r in undecided:
            card, plain = _finding_card(result, r, lang)
            html.append(card)
            text.append(f"? {plain}")
    html.append("</section>")
    return Html("".join(html), "\n".join(text))


# --------------------------------------------------------------------------- satisfaction and resolution


def _table(
    head: list[str], rows: list[list[str]], classes: list[str] | None = None, fixed: bool = False, wide: bool = False
) -> str:
    """A table of cells that are HTML already; `classes` gives each column's td class."""
    classes = classes or [""] * len(head)
    th = "".join(f"<th>{escape(h)}</th>" for h in head)

    def cell(value: str, cls: str) -> str:
        return f'<td class="{cls}">{value}</td>' if cls else f"<td>{value}</td>"

    body = "".join("<tr>" + "".join(cell(v, c) for v, c in zip(row, classes, strict=True)) + "</tr>" for row in rows)
    cls = "pa-table pa-fixed" if fixed else ("pa-table pa-wide" if wide else "pa-table")
    return f'<table class="{cls}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def gaps(result: AuditResult, language: str = "zh") -> Html:
    """Resolution against satisfaction: the rates, their gaps, and the bounds the published figures imply."""
    lang = _lang(language)
    g = result.gaps
    if not g.rates:
        return Html("", "(no rates)")
    en = lang == "en"
    rate_rows = []
    for r in g.rates:
        how = (
            (f"{r.count} / {r.base}" if r.count is not None and r.base else "")
            if r.from_counts
            else ("printed percentages" if en else "按印出的百分比")
        )
        rate_rows.append([escape(r.title(lang)), f"{escape(r.text())}%", escape(how)])
    head = ["rate", "value", "from"] if en else ["比率", "数值", "计算"]
    html = [
        '<section class="pa pa-section">',
        f"<h2>{escape(w.text('gaps', lang))}</h2>",
        f'<p class="pa-intro">{escape(w.text("gaps_intro", lang))}</p>',
        _table(head, rate_rows, ["", "pa-n", "pa-short"]),
    ]
    text = [f"{r.title(lang)}: {r.text()}%" for r in g.rates]
    if g.gaps:
        unit = " points" if en else "个百分点"
        items = [f"<li>{escape(name(lang))}:{escape(fmt_fraction(p, 2))}{unit}</li>" for name, p in g.gaps]
        html.append(f'<ul class="pa-list">{"".join(items)}</ul>')
        text += [f"{name(lang)}: {fmt_fraction(p, 2)}" for name, p in g.gaps]
    if g.headlines:
        heads = "".join(f"<li>{w.to_html(_mark_labels(h(lang), result, lang))}</li>" for h in g.headlines)
        html.append(f"<p>{escape(w.text('bounds_lead', lang))}:</p><ul class='pa-list'>{heads}</ul>")
        text += [h(lang) for h in g.headlines]
    if g.cells:
        html.append(f'<p class="pa-note">{escape(w.text("bounds_intro", lang))}</p>')
        head = ["outcome", "satisfaction", "at least", "at most"]
        head = head if en else ["办理结果", "满意度", "至少(件)", "至多(件)"]
        rows = [
            [w.to_html(_cjk_aware(c.row(lang), lang)), escape(c.col(lang)), str(c.lower), str(c.upper)] for c in g.cells
        ]
        html.append(_table(head, rows, ["", "", "pa-n", "pa-n"]))
        text += [f"{c.row(lang)} × {c.col(lang)}: {c.lower}–{c.upper}" for c in g.cells]
    html.append("</section>")
    return Html("".join(html), "\n".join(text))


# --------------------------------------------------------------------------- figures as read


def _certainty(fig: Figure, language: str) -> str:
    origin = w.text("hand" if fig.provenance.origin == "hand" else "extracted", language)
    if fig.certainty is Certainty.AMBIGUOUS:
        alts = "".join(f"<li>{w.to_html(_cjk_aware(a, language))}</li>" for a in fig.alternatives)
        return f'<span class="pa-tag pa-tag-minor">{escape(w.text("ambiguous", language))}</span>{escape(origin)}' + (
            f"<ul>{alts}</ul>" if alts else ""
        )
    return f'<span class="pa-tag pa-tag-pass">{escape(w.text("sure", language))}</span>{escape(origin)}'


def figures(result: AuditResult, language: str = "zh") -> Html:
    """Every figure as read: its name, numbers, base in words, its sentence with the number marked."""
    lang = _lang(language)
    figs = list(result.figures)
    if not figs:
        return Html("", "(no figures)")
    en = lang == "en"
    head = ["figure", "count", "%", "share of", "the report says", "reading"] if en else [
        "名称", "件数", "百分比", "基数", "原文(数字已标出)", "读数"]  # fmt: skip
    rows, text = [], []
    for f in figs:
        base = result.figures.base_of(f)
        shows_base = f.pct is not None or f.kind in (Kind.CLASS, Kind.SATISFACTION, Kind.TOPIC, Kind.STATED_SUM)
        base_words = w.base_phrase(base, lang) if shows_base and base is not None and base is not f else ""
        rows.append(
            [
                w.to_html(w.figure_name(f, lang)),
                "" if f.count is None else str(f.count),
                escape(w.printed_pct(f, lang)),
                w.to_html(base_words),
                _figure_quote(f),
                _certainty(f, lang),
            ]
        )
        text.append(
            " | ".join(
                [
                    w.to_plain(w.figure_name(f, lang)),
                    "" if f.count is None else str(f.count),
                    "" if f.pct is None else f.pct.text,
                    w.to_plain(base_words),
                    f.provenance.text,
                ]
            )
        )
    html = (
        '<section class="pa pa-section">'
        f"<h2>{escape(w.text('figures', lang))}</h2>"
        f'<p class="pa-intro">{escape(w.text("figures_intro", lang))}</p>'
        + _table(head, rows, ["", "pa-n", "pa-n", "pa-short", "", ""], wide=True)
        + "</section>"
    )
    return Html(html, "\n".join(text))


def unplaced(result: AuditResult, language: str = "zh") -> Html:
    """Numbers the reader saw but could not place, each in its sentence (wrapped to the page)."""
    lang = _lang(language)
    if not result.unparsed:
        return Html("", "(every number with a unit was placed)")
    head = ["number", "sentence", "why"] if lang == "en" else ["数字", "所在句子", "原因"]
    rows = [
        [
            _zh(u.text),
            f'<span class="pa-quote" lang="zh-CN">{highlight(u.sentence, u.text, [])}</span>',
            escape(w.unplaced_reason(u.reason, lang)),
        ]
        for u in result.unparsed
    ]
    widths = '<colgroup><col style="width:12%"><col style="width:63%"><col style="width:25%"></colgroup>'
    table = _table(head, rows, ["pa-short", "", ""], fixed=True).replace("<thead>", widths + "<thead>", 1)
    html = (
        '<section class="pa pa-section">'
        f"<h3>{escape(w.text('unplaced', lang))}</h3>"
        f'<p class="pa-intro">{escape(w.text("unplaced_intro", lang))}</p>{table}</section>'
    )
    text = "\n".join(f"{u.text} | {u.sentence} | {w.unplaced_reason(u.reason, lang)}" for u in result.unparsed)
    return Html(html, text)


def method(language: str = "zh") -> Html:
    lang = _lang(language)
    words = w.text("method_text", lang)
    html = f'<section class="pa pa-section"><h2>{escape(w.text("method", lang))}</h2><p>{escape(words)}</p></section>'
    return Html(html, words)


# --------------------------------------------------------------------------- technical appendix


def _record(words: str, result: AuditResult, language: str, about_text: bool = False) -> str:
    """A raw record value, escaped. In English, Chinese quoted from the report is marked as such: the
    report's labels and words, anything in quotation marks, and (`about_text`) the characters a
    text-integrity check discusses, which are the report's own characters or their repaired form."""
    if language != "en" or not w.is_quotable(words):
        return escape(words)
    for u in result.unparsed:  # the reader's reasons, in plain English
        words = words.replace(u.reason, w.unplaced_reason(u.reason, language))
    marked = w._quote_labels(words, result)
    marked = re.sub(r"[“'‘]([^”'’]*[\u3400-\u9fff][^”'’]*)[”'’]", lambda m: w.quote(m.group(1)), marked)
    doc = w.document_text(result)

    def from_report(m: re.Match) -> str:
        run = m.group(0)
        return w.quote(run) if about_text or (doc and run in doc) else run

    pieces = re.split(f"({w.Q_OPEN}.*?{w.Q_CLOSE})", marked)
    marked = "".join(p if p.startswith(w.Q_OPEN) else re.sub(r"[\u3400-\u9fff]+", from_report, p) for p in pieces)
    return w.to_html(marked)


def _scroll(table: str) -> str:
    """A wide record table scrolls inside the appendix; the page itself never gets wider."""
    return f'<div class="pa-scroll">{table}</div>'


def _code(words: str) -> str:
    lang = ' lang="zh-CN"' if w.is_quotable(words) else ""
    return f"<code{lang}>{escape(words)}</code>" if words else ""


def appendix(result: AuditResult, language: str = "zh") -> Html:
    """Everything for the record, closed by default: check ids, keys, kinds, causes, modes, positions."""
    lang = _lang(language)
    en = lang == "en"
    check_head = (
        ["check id", "status", "severity", "category", "cause", "arithmetic", "modes", "counts", "bases", "figures",
         "positions"]
        if en else
        ["编号", "结果", "程度", "类别", "原因", "算式与说明", "取舍方式", "件数范围", "候选基数", "所用数字", "位置"]
    )  # fmt: skip
    check_rows = [
        [
            _code(r.check_id),
            escape(r.status.value),
            escape(r.severity.value),
            escape(r.category.value),
            escape(r.cause.value) if r.cause else "",
            _record(r.message(lang), result, lang, about_text=r.category is Category.TEXT),
            escape(", ".join(m.value for m in r.modes)),
            escape("–".join(map(str, r.count_range)) if r.count_range else ""),
            escape(", ".join(map(str, r.candidates))),
            " ".join(_code(k) for k in r.figures),
            escape(", ".join(f"{a}–{b}" for a, b in r.positions[:12]) + (" …" if len(r.positions) > 12 else "")),
        ]
        for r in result.worst_first()
    ]
    fig_head = (
        ["key", "kind", "label", "count", "pct", "base", "rank", "level", "dimension", "parts", "origin", "span",
         "certainty"]
        if en else
        ["键", "类别", "名称", "件数", "百分比", "基数", "等级", "满意度", "维度", "组成", "来源", "位置", "确定程度"]
    )  # fmt: skip
    fig_rows = [
        [
            _code(f.key),
            escape(f.kind.value),
            _record(f.label, result, lang) if not en else (w.to_html(w.quote(f.label)) if f.label else ""),
            "" if f.count is None else str(f.count),
            "" if f.pct is None else escape(f.pct.text),
            _code(f.base or ""),
            "" if f.rank is None else str(f.rank),
            escape(f.level.value if f.level else ""),
            _record(f.dimension, result, lang) if not en else (w.to_html(w.quote(f.dimension)) if f.dimension else ""),
            " ".join(_code(p) for p in f.parts),
            escape(f.provenance.origin),
            escape(f"{f.provenance.span[0]}–{f.provenance.span[1]}" if f.provenance.span else ""),
            escape(f.certainty.value),
        ]
        for f in result.figures
    ]
    parts = [
        f'<details class="pa pa-appendix"><summary>{escape(w.text("appendix", lang))}</summary>',
        _scroll(_table(check_head, check_rows, ["pa-short"] * 5 + ["pa-text", "pa-short", "pa-short", "", "", ""])),
        _scroll(_table(fig_head, fig_rows, ["pa-short", "pa-short"] + [""] * 11)),
    ]
    if result.unparsed:
        un_head = ["text", "span", "reason"] if en else ["文字", "位置", "原因"]
        un_rows = [
            [_zh(u.text), f"{u.span[0]}–{u.span[1]}", escape(w.unplaced_reason(u.reason, lang) if en else u.reason)]
            for u in result.unparsed
        ]
        parts.append(_scroll(_table(un_head, un_rows)))
    policy = result.policy
    record = [
        ("report id" if en else "报告编号", _code(result.report_id)),
        ("document" if en else "原文", _code(result.document or result.figures.meta.source)),
        ("figures file" if en else "录入文件", _code(result.figures.path)),
        ("rounding policy" if en else "取舍规则", escape(f"{policy.name}: {', '.join(policy.accepted)}")),
        ("gap threshold" if en else "差距阈值", escape(fmt_fraction(policy.gap_threshold, 2))),
    ]
    parts.append("<p>" + "<br>".join(f"{escape(k)}: {v}" for k, v in record if v) + "</p></details>")
    text = "\n".join(f"{r.check_id} {r.status.value} {r.severity.value}" for r in result.worst_first())
    return Html("".join(parts), text)


# --------------------------------------------------------------------------- across years


def trends(results: list, language: str = "zh") -> Html:
    """The year-by-year table, the class composition and the findings of each year."""
    from . import trends as t

    lang = _lang(language)
    headline = t.headline(results, lang)
    frames = [
        t.trend_frame(results, lang),
        t.composition_frame(results, lang),
        t.checks_frame(results, lang),
    ]
    titles = ["Year by year", "Outcome classes", "Findings of each year"]
    titles = titles if lang == "en" else ["逐年对比", "办理结果构成", "各年度发现的问题"]
    html = [style(), f'<div class="pa"><section class="pa-headline"><p>{escape(str(headline))}</p></section>']
    text = [str(headline)]
    for title, frame in zip(titles, frames, strict=True):
        if frame.empty:
            continue
        rows = [[w.to_html(_cjk_aware(str(v), lang)) for v in row] for row in frame.itertuples(index=False)]
        html.append(f'<section class="pa-section"><h2>{escape(title)}</h2>')
        html.append(_table([str(c) for c in frame.columns], rows) + "</section>")
        text.append("\n".join(" | ".join(str(v) for v in row) for row in frame.itertuples(index=False)))
    html.append("</div>")
    return Html("".join(html), "\n\n".join(text))


def page_title(result: AuditResult, language: str = "zh") -> str:
    """The HTML page's <title>: region, year and what the page is, in the report's language."""
    meta = result.figures.meta
    if language == "en":
        what = f"audit of the {meta.year} report" if meta.year else "audit of the report"
        return f"{result.report_id}: {what} on deputies' suggestions"
    return " ".join(str(x) for x in (meta.region, meta.year, "建议办理情况审查") if x)


def title_block(title: str, language: str = "zh") -> Html:
    """A page heading (the trends notebook's title)."""
    inner = _zh(title) if language == "en" and w.is_quotable(title) else escape(title)
    return Html(f'<div class="pa"><header class="pa-head"><h1>{inner}</h1></header></div>', title)
