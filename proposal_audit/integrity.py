"""Text integrity of a published report: template tokens, mojibake, mixed script, the other body's words.

The finders here read the original text (positions are offsets into it, with line and column); the
named checks that turn their hits into verdicts are in checks/text.py. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .patterns import PINYIN_RESIDUE
from .results import CheckResult

__all__ = [
    "Hit",
    "check_text",
    "find_template_tokens",
    "find_mojibake",
    "find_overconversion",
    "find_pinyin_residue",
    "find_other_body_words",
    "infer_body",
]

_TEMPLATE = re.compile(
    r"(?:关键词|關鍵詞)\d+|(?<![A-Za-z])(?:XX|xx|ХХ)+(?![A-Za-z])|某某(?:某)?|\{\{[^}]{0,40}\}\}"
    # "由××局牵头": two × where a unit's name belongs (three, "×××代表", hide a person's name: no slip)
    r"|(?<!×)××(?!×)(?=[局委办厅处科县市区镇乡部单])"
)
_URL = re.compile(r"(?:https?://|www\.)[^\s\u4e00-\u9fff]+")
# Simplified → traditional machine conversion picks the wrong character for these words.
_OVERCONVERSION = {
    "係統": "系統",
    "聯係": "聯繫",
    "全麵": "全面",
    "方麵": "方面",
    "麵商": "面商",
    "麵對": "面對",
    "各方麵": "各方面",
    "回複": "回覆",
    "答複": "答覆",
    "函複": "函覆",
    "反複": "反覆",
    "曆年": "歷年",
    "曆史": "歷史",
    "限製": "限制",
    "機製": "機制",
    "體製": "體制",
    "製度": "制度",
    "製定": "制定",
    "責任製": "責任制",
    "建製": "建制",
}
_OVERCONVERSION_RE = re.compile("|".join(sorted(map(re.escape, _OVERCONVERSION), key=len, reverse=True)))


@dataclass(frozen=True)
class Hit:
    text: str
    start: int
    end: int
    line: int
    column: int
    hint: str = ""


def _position(text: str, start: int) -> tuple[int, int]:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column


def _outside_urls(text: str, hits: Iterable[re.Match[str]]) -> list[re.Match[str]]:
    urls = [(m.start(), m.end()) for m in _URL.finditer(text)]
    return [m for m in hits if not any(a <= m.start() < b for a, b in urls)]


def find_template_tokens(text: str) -> list[Hit]:
    """Unreplaced template tokens: 关键词2, XX, 某某, {{name}}."""
    return [
        Hit(m.group(0), m.start(), m.end(), *_position(text, m.start()))
        for m in _outside_urls(text, _TEMPLATE.finditer(text))
    ]


def find_mojibake(text: str) -> list[Hit]:
    """Runs of UTF-8 text that was decoded as GBK ("瀵逛笉璧" is "对不起"), with the repaired text."""
    hits = []
    for m in re.finditer(r"[\u3000-\u9fff\uff00-\uffef!,.?]{6,}", text):
        run = m.group(0)
        try:
            raw = run.encode("gb18030")
        except UnicodeEncodeError:
            continue
        repaired = raw.decode("utf-8", errors="replace")
        cjk = sum("\u4e00" <= c <= "\u9fff" for c in repaired)
        bad = repaired.count("\ufffd")
        # genuine GBK-encodable Chinese almost never forms valid UTF-8 over a long run
        if cjk >= 3 and bad * 3 <= len(repaired) and len(repaired) < len(run):
            hits.append(Hit(run, m.start(), m.end(), *_position(text, m.start()), hint=repaired.replace("\ufffd", "")))
    return hits


def find_overconversion(text: str) -> list[Hit]:
    """Words that simplified → traditional conversion got wrong (係統 for 系統, 全麵 for 全面)."""
    return [
        Hit(m.group(0), m.start(), m.end(), *_position(text, m.start()), hint=_OVERCONVERSION[m.group(0)])
        for m in _OVERCONVERSION_RE.finditer(text)
    ]


def find_pinyin_residue(text: str) -> list[Hit]:
    """Pinyin left in brackets by mirror sites (會(huì)議): the text was copied from a copy."""
    return [Hit(m.group(0), m.start(), m.end(), *_position(text, m.start())) for m in PINYIN_RESIDUE.finditer(text)]


def infer_body(text: str) -> str:
    """人大 or 政协, by the weight of each body's own words: 人民代表大会, 人大 and 政协 count more than 代表
    or 委员, and 提案 counts little — it is the very word a 人大 report may use by slip."""
    renda = 3 * len(re.findall(r"人民代表大会|人民代表大會", text)) + 2 * len(re.findall(r"人大", text))
    renda += len(re.findall(r"代表建议|代表建議|议案|議案", text))
    zhengxie = 3 * len(re.findall(r"政治协商|政治協商", text)) + 2 * len(re.findall(r"政协|政協", text))
    zhengxie += len(re.findall(r"委员|委員", text)) + len(re.findall(r"提案", text)) // 4
    return "政协" if zhengxie > renda else "人大"


def find_other_body_words(text: str, body: str, sentences: Iterable[tuple[int, int]]) -> list[Hit]:
    """The other body's words inside the given sentences: 委员/提案 in a 人大 report, 代表建议 in a 政协 one.

    "政协提案" names the other body on purpose (a joint hand-over); a bare 提案 or 委员 is the slip.
    """
    wrong = (
        r"(?<!政协)(?<!政協)(?:委员(?!会)|委員(?!會)|提案(?!者))" if body == "人大" else r"(?<!人大)代表(?:建议|建議)"
    )
    hits: list[Hit] = []
    seen: set[int] = set()
    for a, b in sentences:
        for m in re.finditer(wrong, text[a:b]):
            if a + m.start() not in seen:
                seen.add(a + m.start())
                hits.append(Hit(m.group(0), a + m.start(), a + m.end(), *_position(text, a + m.start())))
    return hits


def check_text(text: str, body: str = "", figure_sentences: Iterable[tuple[int, int]] = ()) -> list[CheckResult]:
    """Every text-integrity check of a report's original text (the named checks are checks/text.py)."""
    from .checks.text import run_text_checks

    return run_text_checks(text, body, figure_sentences)
