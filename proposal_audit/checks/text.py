"""The published text itself: template tokens, mojibake, script-conversion slips, mirror sites' pinyin,
the other body's words beside the figures. The finders are in integrity.py; these are the named checks.

None of these is a `fail`: a fail says the arithmetic contradicts the text, and a defect of the text
changes no figure. Each is a minor warning, with the line, column and offset of every hit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..integrity import (
    Hit,
    find_mojibake,
    find_other_body_words,
    find_overconversion,
    find_pinyin_residue,
    find_template_tokens,
    infer_body,
)
from ..results import Category, Cause, CheckResult, Severity, Status, Text
from .base import Check, Family, verdict

__all__ = ["TEXT_CHECKS", "TextInput", "run_text_checks"]


@dataclass(frozen=True)
class TextInput:
    text: str
    body: str  # 人大 or 政协
    sentences: tuple[tuple[int, int], ...]  # spans of the sentences the figures stand in


def _listing(hits: list[Hit], limit: int = 8) -> str:
    shown = ", ".join(f"“{h.text}” 第{h.line}行第{h.column}字 (offset {h.start})" for h in hits[:limit])
    return shown + (f" … 共{len(hits)}处" if len(hits) > limit else "")


def _listing_en(hits: list[Hit], limit: int = 8) -> str:
    shown = ", ".join(f"'{h.text}' line {h.line} col {h.column} (offset {h.start})" for h in hits[:limit])
    return shown + (f" … {len(hits)} in all" if len(hits) > limit else "")


def _result(title: Text, hits: list[Hit], msg: Text) -> CheckResult:
    if not hits:
        return verdict("", title, Status.PASS, Severity.INFO, Text("未发现", "none found"))
    return verdict(
        "",
        title,
        Status.WARN,
        Severity.MINOR,
        Text(f"{msg.zh}:{_listing(hits)}", f"{msg.en}: {_listing_en(hits)}"),
        observed=str(len(hits)),
        cause=Cause.TEXT_DEFECT,
        positions=tuple((h.start, h.end) for h in hits),
    )


def _template_tokens(t: TextInput) -> list[CheckResult]:
    return [
        _result(
            Text("未替换的模板占位符", "unreplaced template tokens"),
            find_template_tokens(t.text),
            Text("文中留有模板占位符", "template tokens left in the text"),
        )
    ]


def _mojibake(t: TextInput) -> list[CheckResult]:
    hits = find_mojibake(t.text)
    repaired = [h.hint for h in hits[:3]]
    return [
        _result(
            Text("乱码", "mojibake"),
            hits,
            Text(
                "文中有编码错误造成的乱码(原文应为:" + ";".join(repaired) + ")",
                "text decoded with the wrong encoding (it should read: " + "; ".join(repaired) + ")",
            ),
        )
    ]


def _overconversion(t: TextInput) -> list[CheckResult]:
    return [
        _result(
            Text("繁简转换错误", "script conversion errors"),
            find_overconversion(t.text),
            Text(
                "简繁机器转换用错了字(如“係統”应为“系統”)",
                "machine script conversion chose wrong characters (係統 for 系統)",
            ),
        )
    ]


def _pinyin(t: TextInput) -> list[CheckResult]:
    return [
        _result(
            Text("拼音残留(转载网站所加)", "pinyin residue from a mirror site"),
            find_pinyin_residue(t.text),
            Text(
                "文中夹有转载网站加注的拼音,说明文本并非取自原始发布处",
                "pinyin added by a mirror site: the text was not taken from the original publication",
            ),
        )
    ]


def _body_labels(t: TextInput) -> list[CheckResult]:
    body = t.body or infer_body(t.text)
    return [
        _result(
            Text("数字所在句子使用了另一机构的称谓", "the other body's words beside the figures"),
            find_other_body_words(t.text, body, t.sentences),
            Text(
                f"这是{body}的报告,但数字所在句子用了另一机构的称谓",
                f"a {body} report using the other body's words beside its figures",
            ),
        )
    ]


_TEXT = (
    ("text.template_tokens", Text("未替换的模板占位符", "unreplaced template tokens"), _template_tokens),
    ("text.mojibake", Text("乱码", "mojibake"), _mojibake),
    ("text.overconversion", Text("繁简转换错误", "script conversion errors"), _overconversion),
    ("text.pinyin_residue", Text("拼音残留", "pinyin residue"), _pinyin),
    ("text.body_labels", Text("另一机构的称谓", "the other body's words"), _body_labels),
)
TEXT_CHECKS = tuple(Check(cid, title, Family.TEXT, run, category=Category.TEXT) for cid, title, run in _TEXT)


def run_text_checks(text: str, body: str = "", figure_sentences: Iterable[tuple[int, int]] = ()) -> list[CheckResult]:
    """Every text check of a report's original text (positions are offsets into it)."""
    given = TextInput(text, body, tuple(figure_sentences))
    return [c.named(r) for c in TEXT_CHECKS for r in c.run(given)]
