"""Who reported what, and when: a report's region, body, year and title, each with where it came from.

The parameter file decides first, then the figures file, then the document itself. From a document:
- the year is the year the suggestions were handled (2019年…共接办代表建议149件, 2020年度…, the
  session's year), never a review or publication date (已经2020年5月18日…审议);
- the title is the report's own title line (关于…办理情况的报告, or a headline two lines make up),
  never a photo caption (图为…), a page's metadata (索引号, 来源:) or a news item's lead (…讯 记者…);
- the body (人大/政协) is the one whose words clearly dominate.
What cannot be found is said to be unknown, with the key that gives it — never a guess shown as fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .figures import ReportMeta
from .results import Category, Cause, CheckResult, Severity, Status, Text

__all__ = ["Found", "read_title", "read_year", "read_body", "resolve_meta", "meta_result", "FIELDS"]

FIELDS = ("region", "body", "year", "title")
_FIELD_NAMES = {"region": "地区", "body": "机构", "year": "年度", "title": "标题"}
_SOURCE_NAMES = {
    "parameters": Text("参数文件", "the parameter file"),
    "figures": Text("figures 文件", "the figures file"),
    "document": Text("原文", "the document"),
}


@dataclass(frozen=True)
class Found:
    """One detail of a report: its value ("" or None when unknown), where it came from, and the words."""

    value: str | int | None
    source: str = ""  # "parameters", "figures", "document", or "" when unknown
    evidence: str = ""

    @property
    def known(self) -> bool:
        return self.value not in (None, "")


def _lines(text: str, limit: int = 15) -> list[str]:
    lines = [ln.strip() for ln in text.splitlines()]
    if lines and lines[0].startswith("source:"):
        lines = lines[2:] if len(lines) > 1 and lines[1].startswith("---") else lines[1:]
    return [ln for ln in lines if ln][:limit]


_CAPTION = re.compile(r"^(?:图为|圖為|图片|圖片|图:|圖:|摄影|攝影|图/|圖/)")
_PAGE = re.compile(
    r"索引号|索引號|发布机构|發布機構|发文日期|公开方式|来源[::]|來源[::]|时间[::]|時間[::]|首页|首頁|当前位置|當前位置|"
    r"责任编辑|責任編輯|字号|扫一扫|掃一掃|浏览次数|新闻热线|^\d{4}[-./]\d{1,2}[-./]\d{1,2}|^\d{1,2}\.\d{1,2}\.\d{4}"
)
_LEAD = re.compile(r"讯|訊|记者|記者|电\s*[((]|電\s*[((]|据悉|據悉|获悉|獲悉|昨日|昨天|近日|日前|^本报|^本報")
_TOPIC = re.compile(r"建议|建議|提案|议案|議案|意见|意見")
_STRONG = re.compile(r"(?:办理|辦理).{0,12}(?:情况|情況)|(?:报告|報告|通报|通報)$|^(?:关于|關於)")
_SENTENCE_END = re.compile(r"[。;;!!??::]")


def _title_line(line: str) -> bool:
    return (
        len(line) <= 60
        and not _CAPTION.search(line)
        and not _PAGE.search(line)
        and not _LEAD.search(line)
        and not _SENTENCE_END.search(line)
        and not line.startswith(("各位", "【"))
    )


def read_title(text: str) -> Found:
    """The report's title: a 关于…情况/报告 line (or two short lines that make one up), else the first
    headline about suggestions or proposals; unknown when there is none."""
    lines = _lines(text)
    strong, headline = None, None
    for i, line in enumerate(lines):
        if not _title_line(line):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        joined = line + nxt
        if (
            not _TOPIC.search(line)
            and nxt
            and _title_line(nxt)
            and _TOPIC.search(nxt)
            and _STRONG.search(nxt)
            and len(joined) <= 60
        ):
            strong = strong or joined  # 衡南縣第十七屆人民代表大會 / 第四次會議代表建議…辦理情況報告
        elif _TOPIC.search(line) and _STRONG.search(line):
            strong = strong or line
        elif _TOPIC.search(line):
            headline = headline or line
    title = strong or headline
    return Found(title, "document", title) if title else Found("")


_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)\s*年")
_HANDLING = re.compile(
    r"共(?:接|收|提|办|辦|承|交|受|立|有|计|計)|接办|接辦|办理|辦理|承办|承辦|交办|交辦|收到|提出|受理|立案|办复|辦復"
)
_FUTURE = re.compile(r"将|將|要|计划|計劃|力争|力爭")
_SESSION = re.compile(r"会议|會議|人代会|人代會")


def _year_score(text: str, m: re.Match[str]) -> int:
    after = re.split(r"[。;;!!??\n]", text[m.end() : m.end() + 30], maxsplit=1)[0]  # this sentence only
    if re.match(r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日", after):
        return 0  # a date: when it was reviewed, published or counted, not the year of handling
    if after.startswith("度"):
        return 3  # 2020年度
    if re.match(r"\s*\d{1,2}\s*月", after):
        return 2 if _SESSION.search(after[:20]) else 1  # 2019年1月召开的…会议
    if _FUTURE.search(after[:8]):
        return 1  # 2026年镇人大将继续…: a plan, not the year of handling
    return 3 if _HANDLING.search(after) else 1


def read_year(text: str) -> Found:
    """The year the suggestions were handled, from the words after each year the text prints."""
    best: tuple[int, int, re.Match[str]] | None = None
    for m in _YEAR.finditer(text[:4000]):
        score = _year_score(text, m)
        if score >= 2 and (best is None or score > best[0]):
            best = (score, m.start(), m)
    if best is None:
        return Found(None)
    m = best[2]
    return Found(int(m.group(1)), "document", text[m.start() : m.end() + 20].split("\n")[0])


def read_body(text: str, title: str = "") -> Found:
    """人大 or 政协: the body the title names, else the one whose words clearly dominate the text
    (twice as many, and at least two) — a 人大 report may slip into 提案 (the other body's word)."""
    if re.search(r"人大|人民代表大会|人民代表大會", title) and not re.search(r"政协|政協|政治协商|政治協商", title):
        return Found("人大", "document", title)
    if re.search(r"政协|政協|政治协商|政治協商", title) and not re.search(r"人大|人民代表大会|人民代表大會", title):
        return Found("政协", "document", title)
    renda = len(re.findall(r"人大代表|代表建议|代表建議|人民代表大会|人民代表大會|人大", text))
    zhengxie = len(re.findall(r"政协|政協|提案|委员|委員", text))
    evidence = f"人大 {renda}, 政协 {zhengxie}"
    if renda >= 2 and renda >= 2 * zhengxie:
        return Found("人大", "document", evidence)
    if zhengxie >= 2 and zhengxie >= 2 * renda:
        return Found("政协", "document", evidence)
    return Found("", "", evidence)


def resolve_meta(
    given: dict[str, str], figures: ReportMeta | None, text: str | None, source: str = ""
) -> tuple[ReportMeta, dict[str, Found]]:
    """The report's details, each from the first of: the parameter file, the figures file, the text."""
    from_text: dict[str, Found] = {}
    if text:
        title = read_title(text)
        from_text = {"title": title, "year": read_year(text), "body": read_body(text, str(title.value or ""))}
    found: dict[str, Found] = {}
    for key in FIELDS:
        if given.get(key):
            found[key] = Found(int(given[key]) if key == "year" else given[key], "parameters")
        elif figures is not None and getattr(figures, key):
            found[key] = Found(getattr(figures, key), "figures")
        else:
            found[key] = from_text.get(key, Found(""))
    value = {k: f.value if f.known else None for k, f in found.items()}
    meta = ReportMeta(
        region=str(value["region"] or ""),
        body=str(value["body"] or ""),
        year=int(value["year"]) if value["year"] else None,
        title=str(value["title"] or ""),
        source=source or (figures.source if figures is not None else ""),
    )
    return meta, found


def meta_result(found: dict[str, Found]) -> CheckResult:
    """Says where each detail came from, and which could not be found and how to give them."""
    title = Text("报告的地区、机构、年度与标题", "region, body, year and title of the report")
    said = [f"{_FIELD_NAMES[k]}“{f.value}”(来自{_SOURCE_NAMES[f.source].zh})" for k, f in found.items() if f.known]
    said_en = [f"{k} '{f.value}' (from {_SOURCE_NAMES[f.source].en})" for k, f in found.items() if f.known]
    unknown = [k for k, f in found.items() if not f.known]
    if not unknown:
        return CheckResult(
            "source.meta", title, Status.PASS, Severity.INFO, Text(";".join(said), "; ".join(said_en)),
            category=Category.SOURCE, check="source.meta",
        )  # fmt: skip
    names = "、".join(_FIELD_NAMES[k] for k in unknown)
    keys = ", ".join(unknown)
    return CheckResult(
        "source.meta",
        title,
        Status.UNDECIDABLE,
        Severity.INFO,
        Text(
            f"未能确定{names}(不作推测);请在参数文件中填写 {keys}" + (f"。已知:{';'.join(said)}" if said else ""),
            f"{', '.join(unknown)} not found (not guessed): give {keys} in the parameter file"
            + (f". Known: {'; '.join(said_en)}" if said_en else ""),
        ),
        observed=keys,
        cause=Cause.UNKNOWN_METADATA,
        category=Category.SOURCE,
        check="source.meta",
    )
