"""Plain-language wording of an audit: one sentence per finding, what to ask, section texts.

The words live in wording.yaml (data, not code); this module only works out the facts a sentence
needs from an AuditResult (names of figures, printed and expected numbers, the gap analysis' rates)
and picks the first rule of the file that fits. Report text is marked as a quotation (`quote`), so
the HTML can tag it `lang="zh"` and an English report shows Chinese only where it quotes the report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

import yaml

from .audit import AuditResult
from .figures import LEVEL_LABELS_EN, LEVEL_LABELS_ZH, Figure, Kind
from .results import CheckResult, Status, Text

__all__ = [
    "Plain",
    "finding",
    "headline",
    "text",
    "family_name",
    "unplaced_reason",
    "figure_name",
    "base_phrase",
    "quote",
    "to_html",
    "to_plain",
    "document_text",
    "WORDING_FILE",
]

WORDING_FILE = Path(__file__).with_name("wording.yaml")
Q_OPEN, Q_CLOSE = "\ue000", "\ue001"  # private-use marks around words quoted from the report

KIND_NAMES = {
    Kind.TOTAL: Text("总数", "the total"),
    Kind.SUBMITTED: Text("收到的建议", "proposals received"),
    Kind.BASE: Text("另一基数", "another base"),
    Kind.SATISFACTION_BASE: Text("反馈的意见表", "feedback forms returned"),
    Kind.HANDLED: Text("办结件数", "number handled"),
    Kind.REPLY_RATE: Text("办复率", "reply rate"),
    Kind.UNITS: Text("承办单位", "handling units"),
    Kind.CLASS: Text("办理结果分类", "outcome class"),
    Kind.CLASS_COMBINED: Text("合并的分类", "combined classes"),
    Kind.SATISFACTION: Text("满意度", "satisfaction"),
    Kind.STATED_SUM: Text("文中所称合计", "stated sum"),
    Kind.TOPIC: Text("议题分类", "topic"),
    Kind.FILING_RATE: Text("立案率", "filing rate"),
    Kind.FACE_TO_FACE_RATE: Text("见面率", "face-to-face rate"),
    Kind.COMMUNICATION_RATE: Text("沟通率", "communication rate"),
    Kind.RATE: Text("比率", "rate"),
    Kind.CONTACTS: Text("沟通联系人次", "contacts with deputies"),
}


@cache
def _data() -> dict[str, Any]:
    return yaml.safe_load(WORDING_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Plain:
    """A finding in plain words: the sentence, what to ask the government, the office's next step."""

    sentence: str
    ask: str = ""
    todo: str = ""
    rule: str = ""  # the rule's match, e.g. "cause=other_base" (which wording was used, for tests)


def quote(words: str) -> str:
    """Mark words taken from the report (labels, sentences) as a quotation."""
    return f"{Q_OPEN}{words}{Q_CLOSE}" if words else ""


def to_html(marked: str) -> str:
    """Escaped HTML; quotations become <q lang="zh-CN">, so their Chinese is marked as the report's."""
    html = escape(marked).replace(Q_OPEN, '<q lang="zh-CN">').replace(Q_CLOSE, "</q>")
    return html


def to_plain(marked: str) -> str:
    """Plain text (Word, Excel, terminals): quotations in quotation marks."""
    return marked.replace(Q_OPEN, "“").replace(Q_CLOSE, "”")


def text(name: str, language: str = "zh", **facts: object) -> str:
    """A heading or short text of the report (wording.yaml, section `text`)."""
    entry = _data()["text"][name]
    words = entry["en" if language == "en" else "zh"]
    return words.format(**facts) if facts else words


def family_name(check_id: str, language: str = "zh") -> str:
    families = _data()["families"]
    family = check_id.split(".", 1)[0]
    entry = families.get(family)
    return entry["en" if language == "en" else "zh"] if entry else family


def passed_families(result: AuditResult, language: str = "zh") -> str:
    """The checks that came out consistent, counted by family: "分项件数之和 3项、百分比与件数 7项"."""
    from collections import Counter

    counts = Counter(r.check_id.split(".", 1)[0] for r in result.results if r.status is Status.PASS)
    unit = "项" if language != "en" else ""
    return _join([f"{family_name(f, language)} {n}{unit}" for f, n in counts.items()], language)


def unplaced_reason(reason: str, language: str = "zh") -> str:
    """The extractor's reason for leaving a number unplaced, in plain words (longest prefix first)."""
    table = _data()["unplaced"]
    for prefix in sorted(table, key=len, reverse=True):
        if reason.startswith(prefix):
            return table[prefix]["en" if language == "en" else "zh"]
    return reason  # unreachable: the empty prefix fits every reason


def figure_name(fig: Figure, language: str = "zh") -> str:
    """What a reader calls a figure: its printed label (quoted), else its level or kind in words."""
    if fig.label:
        return quote(fig.label) if language == "en" else fig.label
    if fig.level is not None:
        return (LEVEL_LABELS_EN if language == "en" else LEVEL_LABELS_ZH)[fig.level]
    return KIND_NAMES.get(fig.kind, Text(fig.kind.value, fig.kind.value))(language)


def base_phrase(fig: Figure | None, language: str = "zh") -> str:
    """A base in words: "总数149件" / "the total of 149"."""
    if fig is None or fig.count is None:
        return ""
    name = figure_name(fig, language)
    if language == "en":
        return f"{name} of {fig.count}" if not fig.label else f"{name} ({fig.count})"
    return f"{name}{fig.count}件"


_BOUND_SHOWN = {"at_least": ("以上", " or more"), "at_most": ("以下", " or less")}


def printed_pct(fig: Figure, language: str = "zh") -> str:
    """A figure's percentage as printed: "26.85%", and a bound as one ("95%以上" / "95% or more")."""
    if fig.pct is None:
        return ""
    zh, en = _BOUND_SHOWN.get(fig.bound, ("", ""))
    return f"{fig.pct.text}%{en if language == 'en' else zh}"


def numbers(fig: Figure, language: str = "zh") -> str:
    """A figure's printed numbers: "40件(26.85%)" / "40 (26.85%)"."""
    count = "" if fig.count is None else (f"{fig.count}件" if language != "en" else str(fig.count))
    pct = printed_pct(fig, language)
    if count and pct:
        return f"{count}({pct})" if language != "en" else f"{count} ({pct})"
    return count or pct


@cache
def _read_text(path: str) -> str:
    from .documents import read_document
    from .errors import ProposalAuditError
    from .paths import resolve

    try:
        return read_document(resolve(path)).text
    except (ProposalAuditError, OSError):
        return ""


def document_text(result: AuditResult) -> str:
    """The text of the audited document ("" when the audit had none), for quoting text findings."""
    return _read_text(result.document) if result.document else ""


class _Facts(Mapping):
    """Facts for str.format_map: an unknown or empty fact raises KeyError, so the rule is passed over."""

    def __init__(self, values: dict[str, object]):
        self._values = values

    def __getitem__(self, key: str) -> object:
        value = self._values.get(key)
        if value is None or value == "":
            raise KeyError(key)
        return value

    def __iter__(self):  # noqa: ANN204
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def _join(items: list[str], language: str) -> str:
    return ("、" if language != "en" else ", ").join(items)


def _facts(result: AuditResult, r: CheckResult, language: str) -> dict[str, object]:
    en = language == "en"
    figs = [f for f in (result.figures.get(k) for k in r.figures) if f is not None]
    subject = figs[0] if figs else None
    facts: dict[str, object] = {
        "title": _quote_labels(r.title(language), result) if en else r.title(language),
        "printed": r.observed,
        "expected": r.expected if not re.search(r"[\u4e00-\u9fff]", r.expected) or not en else "",
        "count_range": "" if r.count_range is None else "–".join(dict.fromkeys(map(str, r.count_range))),
        "candidates": _join([str(c) for c in r.candidates[:4]], language),
        "hits": str(len(r.positions)) if r.positions else "",
        "body": (result.figures.meta.body if not en else {"人大": "People's Congress", "政协": "CPPCC"}.get(
            result.figures.meta.body, "")),
        "total": str(result.figures.total.count) if result.figures.total and result.figures.total.count else "",
        "threshold": str(result.policy.gap_threshold),
    }  # fmt: skip
    if subject is not None:
        facts["subject"] = figure_name(subject, language)
        facts["subject_pct"] = printed_pct(subject, language)
        facts["base"] = base_phrase(result.figures.base_of(subject), language)
        facts["parts"] = _join([f"{figure_name(f, language)}{'' if not en else ' '}{numbers(f, language)}"
                                for f in figs[1:]], language)  # fmt: skip
    if r.observed.lstrip("-").isdigit() and r.expected.lstrip("-").isdigit():
        facts["diff"] = str(abs(int(r.observed) - int(r.expected)))
    doc = document_text(result)
    if doc and r.positions:
        found = list(dict.fromkeys(doc[a:b] for a, b in r.positions if 0 <= a < b <= len(doc)))
        facts["tokens"] = _join([quote(t) for t in found[:3]], language)
    rates = result.gaps
    sat = rates.rate("combined") or rates.rate("satisfied")
    res = rates.rate("resolution")
    if sat is not None and res is not None:
        facts["satisfaction_name"] = sat.title(language)
        facts["satisfaction"] = f"{sat.text()}%"
        facts["resolution"] = f"{res.text()}%"
        facts["gap"] = r.observed if r.check_id.startswith("gap") and r.observed else ""
    return facts


def _quote_labels(words: str, result: AuditResult) -> str:
    """In English words, mark the report's labels (e.g. 'A类' in a check title) as quotations."""
    labels = {f.label for f in result.figures if f.label and re.search(r"[\u4e00-\u9fff]", f.label)}
    if not labels:
        return words
    pattern = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
    marked = re.sub(rf"['‘“]?({pattern})['’”]?", lambda m: quote(m.group(1)), words)
    return marked


def _fits(match: dict[str, Any], r: CheckResult) -> bool:
    check = match.get("check")
    if check and not (r.check_id == check or r.check_id.startswith(f"{check}.")):
        return False
    if "cause" in match and (r.cause is None or r.cause.value != match["cause"]):
        return False
    status = match.get("status")
    if status:
        allowed = status if isinstance(status, list) else [status]
        if r.status.value not in allowed:
            return False
    return True


def finding(result: AuditResult, r: CheckResult, language: str = "zh") -> Plain:
    """The first rule of wording.yaml that fits `r` and whose facts are all known."""
    lang = "en" if language == "en" else "zh"
    facts = _Facts(_facts(result, r, language))
    for rule in _data()["findings"]:
        if not _fits(rule.get("match") or {}, r):
            continue
        try:
            sentence = rule[lang].format_map(facts)
        except KeyError:
            continue
        match = ",".join(f"{k}={v}" for k, v in (rule.get("match") or {}).items())
        return Plain(sentence, rule.get(f"ask_{lang}", ""), rule.get(f"todo_{lang}", ""), match)
    raise AssertionError("wording.yaml ends with a rule that fits every result")  # pragma: no cover


def headline(result: AuditResult, r: CheckResult, language: str = "zh") -> str:
    """A finding in one sentence (marked text). The gap finding speaks with the gap analysis' own
    headlines (the rates and the bounds they imply), so no second wording can disagree with them."""
    from .results import Category

    en = language == "en"
    if r.category is Category.GAP and r.is_finding and result.gaps.headlines:
        joined = ("; " if en else ";").join(h(language).rstrip("。.") for h in result.gaps.headlines)
        joined = joined[:1].upper() + joined[1:] if en else joined
        return (_quote_labels(joined, result) if en else joined) + ("." if en else "。")
    return finding(result, r, language).sentence


def is_quotable(words: str) -> bool:
    """True when words hold Chinese (and so must be shown as a quotation in an English report)."""
    return bool(re.search(r"[\u3400-\u9fff]", words))


def status_word(status: Status, language: str = "zh") -> str:
    from .results import STATUS_LABELS

    return STATUS_LABELS[status](language)
