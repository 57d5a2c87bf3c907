"""Extraction: a report's text → its printed figures, each with the words and span it came from.

The extractor reads the normalized text (normalize.py) sentence by sentence. In each sentence it
finds the numbers that carry a unit (N件, N份, N个…单位, N人次, N%), pairs a count with the share
that follows it ("40件,占总数的26.85%"), and decides what the pair is from the words around it:
total, handled, reply rate, outcome class (lettered or described), satisfaction level, topic, units,
contacts, another rate, another base, a stated sum. Flattened tables (one cell per line, or cells
joined by tabs) are read as rows. A number with a unit that no rule places is kept as `unparsed`,
with its sentence: nothing is silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from .documents import Document
from .errors import DocumentError
from .figures import TOTAL, Figure, Figures, Kind, Level, Provenance, ReportMeta
from .normalize import Normalized, normalize
from .rounding import modes_consistent, parse_percent

__all__ = ["Extraction", "Unparsed", "extract", "extract_text"]


@dataclass(frozen=True)
class Unparsed:
    """A number next to a figure word that the extractor could not place."""

    text: str
    span: tuple[int, int]
    sentence: str
    reason: str


@dataclass(frozen=True)
class Extraction:
    figures: Figures
    unparsed: tuple[Unparsed, ...]
    normalized: Normalized


# --------------------------------------------------------------------------- vocabulary

_NUM = r"\d+(?:\.\d+)?"
_MENTION = re.compile(
    rf"(?P<num>{_NUM})\s*(?:(?P<pct>%)|(?P<approx>万件|余件|多件)|(?P<unit>件|份|人次|家(?=[^,。;]{{0,6}}单位)|个(?!月|次|年|工作日|小时)(?=[^,。;]{{0,12}}?(?:单位|部门|政府))))"
)
_LETTER = re.compile(r"(?<![A-Za-z])([A-Da-d甲乙丙丁])\s*类")
_LETTER_RANK = {"A": 1, "B": 2, "C": 3, "D": 4, "甲": 1, "乙": 2, "丙": 3, "丁": 4}
# Words that place a described class on the solved (1) → for reference (4) scale. Checked in the
# order 3, 4, 2, 1: "需待以后解决以及留作参考" is 3, "予以采纳并计划逐步解决" is 2.
_RANK_WORDS = {
    3: "|".join(
        (
            r"暂时(?:无法|不能|难以)",
            r"尚(?:不能|无法)",
            r"无法解决|不能解决|不能办理|难以解决|暂缓",
            r"条件限制|客观条件|需待以后|以后解决|今后选择|适当时机",
            r"暂不具备|不具备[^,]{0,6}条件|解释说明|说明解释",
        )
    ),
    4: r"留作(?:有关部门)?(?:研究)?(?:工作)?参考|作为参考|不予采纳|未被?采纳",
    2: "|".join(
        (
            r"正在(?:着手)?解决|正在落实|正在办理",
            r"列入(?:工作)?(?:计划|规划)|列入解决计划|逐步解决",
            r"部分解决|部分采纳|部分落实|基本落实|计划落实",
        )
    ),
    1: "|".join(
        (
            r"已经?(?:得到)?解决|得到(?:了)?解决|基本解决|并解决",
            r"(?<!部分)采纳|(?<!基本)(?<!计划)(?<!正在)(?<!未)(?<!部分)落实",
        )
    ),
}
# What may stand between a count and its share: "件,占总数的", "件(甲类),占", "件、占", "件,约占"
_SHARE_LINK = re.compile(r"[\s,、]*(?:\([^()\d]{0,8}\))?[\s,、]*(?:(?:约|分别)?占[^,;。\d]{0,20})?")
_COMBINED_CLASS = re.compile(r"(?:解决和正在解决|采纳和部分采纳|解决和部分解决)")
_VOLUME = re.compile(r"建议|提案|意见|议案|立案")
_TOTAL_VERB = re.compile(r"共|接办|收到|提出|提交|办理|交办|承办|立案|受理|归属|交由")
_SUBSET_VERB = re.compile(r"办理|立案|交由|交区|交市|交县|承办|归属")
_HANDLED = re.compile(
    r"(?:均|全部|已全部|都)(?:已|按期|按时|按规定期限|在法定期限内)*(?:办结|办理完毕|办复(?!率))|办复(?=[^率]{0,6}\d)"
)
_HANDLED_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}(?:" + _HANDLED.pattern + ")")
_REPLY = re.compile(r"办复率|答复率|回复率")
_UNIT_OK = re.compile(r"交由|落实到|分解|承办|具体|办理|涉及|组织")
_UNIT_BAD = re.compile(r"扣分|失误|缓慢|督办|调度|通报|受到批评|约谈|表彰|先进")
_BASE_WORDS = (
    (re.compile(r"反馈|收回|回收"), "feedback", "反馈"),
    (re.compile(r"(?:会议|大会)期间[^,]{0,6}(?:收到|提出|提交)"), "at_session", "会议期间"),
)
_RATE = re.compile(r"([\u4e00-\u9fff]{1,6}?率)")
_SUM_WORDS = re.compile(r"([两二三四])项合计|合计")
_TABLE_TOTAL = re.compile(r"^(?:合\s*计|总\s*计|小\s*计|合计)$")


@dataclass
class _Item:
    """A figure being assembled (mutable while the sentence is read)."""

    kind: Kind
    label: str
    start: int  # normalized offsets of the whole phrase, for provenance
    end: int
    sentence: tuple[int, int]
    count: int | None = None
    count_span: tuple[int, int] | None = None
    pct: str | None = None
    pct_span: tuple[int, int] | None = None
    rank: int | None = None
    level: Level | None = None
    dimension: str = ""
    base: str | None = None
    parts: tuple[str, ...] = ()
    combined: bool = False  # "解决和正在解决": a sum of ranks 1 and 2, or one class if alone
    key: str = ""
    extra: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- sentences


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in re.finditer(r"[。!?;\n]", text):
        if m.end() - start > 1:
            yield start, m.end()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def _classify_rank(label: str) -> int | None:
    m = _LETTER.search(label)
    if m:
        return _LETTER_RANK[m.group(1).upper()]
    for rank in (3, 4, 2, 1):
        if re.search(_RANK_WORDS[rank], label):
            return rank
    return None


def _level(label: str, sentence: str) -> Level | None:
    if "不满意" in label:
        return Level.DISSATISFIED
    if "非常满意" in label:
        return Level.VERY_SATISFIED
    if re.search(r"满意(?:或|和|及|与)基本满意|含基本满意|满意度?\s*\(含", label):
        return Level.SATISFIED_OR_BASIC
    if "基本满意" in label:
        return Level.BASIC
    if "满意率" in label or "满意度" in label:
        # "满意率90%,基本满意率10%" splits the two; a bare 满意率 elsewhere counts both
        # "满意率90%,基本满意率10%" and "满意的288件,满意率92.3%" name the strict rate; a bare 满意率
        # elsewhere ("满意率达100%(满意144件,基本满意2件)") counts both levels
        strict_count = re.search(r"(?<!不)(?<!基本)满意的?\d+件", sentence.split(label)[0]) if label else None
        return Level.SATISFIED if "基本满意率" in sentence or strict_count else Level.SATISFIED_OR_BASIC
    if "满意" in label:
        return Level.SATISFIED
    return None


def _dimension(text: str) -> str | None:
    m = re.search(r"(办理工作|办理结果|答复|办理质量|办理态度)(?:的)?满意|对(?:建议|提案)?(办理工作|办理结果)", text)
    if not m:
        return None
    return m.group(1) or m.group(2)


_RANKED = re.compile(r"[A-Da-d甲乙丙丁]类|解决|采纳|落实|参考|列入")
_TOPIC = re.compile(r"(?:方面|领域|类|工作)$")
# "其中,党派团体提案25件,界别提案2件": a breakdown by kind of proposal, no verb in the clause
_NOUN_LIST = re.compile(
    r"^[、,]?(?:其中[,:]?)?(?![^,]*(?:确定|评选|表扬|审议|立案|办理|收到|提出|提交|转为|增加|减少))[\u4e00-\u9fff]{2,12}(?:提案|建议)$"
)


def _last_clause(text: str) -> str:
    """The words since the last comma, semicolon or colon: what labels the number that follows."""
    return re.split(r"[,;:]", text)[-1]


def _topic_label(clause: str, before: str) -> str:
    label = _clean_label(re.split(r"是", clause)[-1])
    if not label:  # "…综合经济类,有317件": the label is the clause before
        label = _clean_label(re.split(r"是", _last_clause(before[: len(before) - len(clause) - 1]))[-1])
    return label or "其他"


def _clean_label(text: str) -> str:
    text = re.sub(r"^[\s,、;:()\"'“”‘’]+|[\s,、;:\"'“”‘’]+$", "", text)
    text = re.sub(r"^(?:其中|另有|此外|从[^,]{0,12}看|据统计|具体来看|据悉)[,:]?", "", text)
    text = re.sub(r"(?:的|有|为|共|达|占)+$", "", text)
    return text.strip(" ,、()")[:24]


# --------------------------------------------------------------------------- the extractor


def extract(doc: Document, meta: ReportMeta | None = None) -> Extraction:
    """Every figure of a document, with provenance in the document's own text."""
    return extract_text(doc.text, doc.format, meta or ReportMeta(source=doc.path), doc.path)


MAX_NUMBERS = 1000  # a report prints a few dozen figures; thousands means a table dump or a hostile file


def extract_text(text: str, fmt: str = "txt", meta: ReportMeta | None = None, path: str = "") -> Extraction:
    norm = normalize(text, fmt)
    numbers = sum(1 for _ in _MENTION.finditer(norm.text))
    if numbers > MAX_NUMBERS:
        raise DocumentError(
            path or "<text>",
            f"数字过多({numbers}个,上限{MAX_NUMBERS}),不像一份办理情况报告 "
            f"too many numbers with units ({numbers} > {MAX_NUMBERS}) for a report on suggestions",
        )
    reader = _Reader(norm, text)
    reader.read()
    return Extraction(reader.figures(meta or ReportMeta(), path), tuple(reader.unparsed), norm)


class _Reader:
    def __init__(self, norm: Normalized, original: str):
        self.norm = norm
        self.t = norm.text
        self.original = original
        self.items: list[_Item] = []
        self.unparsed: list[Unparsed] = []
        self.used: set[tuple[int, int]] = set()  # normalized spans of numbers placed in a figure
        self.urls = [(m.start(), m.end()) for m in re.finditer(r"(?:https?://|www\.)[^\s\u4e00-\u9fff]+", self.t)]

    # ---- provenance helpers
    def _orig(self, span: tuple[int, int]) -> tuple[int, int]:
        return self.norm.original_span(*span)

    def _sentence_text(self, span: tuple[int, int]) -> str:
        a, b = self._orig(span)
        return self.original[a:b].strip()

    # ---- reading
    def read(self) -> None:
        self._tables()
        for s in _sentences(self.t):
            self._sentence(s)
        self._finish()

    def _mentions(self, a: int, b: int) -> list[re.Match[str]]:
        found = []
        for m in _MENTION.finditer(self.t, a, b):
            if (m.start(), m.end()) in self.used or any(u0 <= m.start() < u1 for u0, u1 in self.urls):
                continue
            if len(m.group("num")) > 15:  # no report counts past a billion: a broken or hostile text
                self.used.add((m.start(), m.end()))
                self._unparsed((m.start(), m.end()), (a, b), f"number too long ({len(m.group('num'))} digits)")
                continue
            if m.group("approx"):  # "1.2万件", "三百余件": a rounded figure no check can use
                self.used.add((m.start(), m.end()))
                self._unparsed((m.start(), m.end()), (a, b), "an approximate number (万/余/多)")
                continue
            found.append(m)
        return found

    def _sentence(self, span: tuple[int, int]) -> None:
        a, b = span
        s = self.t[a:b]
        mentions = self._mentions(a, b)
        if not mentions:
            self._handled_phrase(span, None)
            return
        self._distributed_rates(span)  # "A和B分别达到X%和Y%", "A、B均为X%"
        mentions = self._mentions(a, b)
        groups: list[tuple[re.Match[str] | None, re.Match[str] | None]] = []
        i = 0
        while i < len(mentions):
            m = mentions[i]
            if m.group("unit") and i + 1 < len(mentions) and mentions[i + 1].group("pct"):
                between = self.t[m.end() : mentions[i + 1].start()]
                if _SHARE_LINK.fullmatch(between):
                    groups.append((m, mentions[i + 1]))
                    i += 2
                    continue
            groups.append((m, None) if m.group("unit") else (None, m))
            i += 1
        prev_end = a
        dimension = None
        for k, (cm, pm) in enumerate(groups):
            first = cm or pm
            last = pm or cm
            assert first is not None and last is not None
            before = self.t[prev_end : first.start()]
            nxt = groups[k + 1][0] or groups[k + 1][1] if k + 1 < len(groups) else None
            after_end = nxt.start() if nxt is not None else b
            after = self.t[last.end() : after_end]
            after_clause = re.split(r"[,;。]", after, maxsplit=1)[0]
            dim = _dimension(before)
            if dim:
                dimension = dim
            prev_was_count = k > 0 and groups[k - 1][0] is not None and groups[k - 1][1] is None
            self._place(span, s, cm, pm, before, after_clause, dimension, prev_was_count)
            prev_end = last.end()
        self._handled_phrase(span, None)

    def _distributed_rates(self, span: tuple[int, int]) -> None:
        a, b = span
        pattern = re.compile(
            rf"((?:[\u4e00-\u9fff]{{1,12}}率(?:\([^)]{{0,8}}\))?[、和及与]?)+)(?:分别|均)(?:为|达|达到|是)?((?:{_NUM}%[、和及与]?)+)"
        )
        for m in pattern.finditer(self.t, a, b):
            labels = [x for x in re.split(r"(?<=率)[、和及与]|(?<=\))[、和及与]", m.group(1)) if x]
            pcts = list(re.finditer(rf"{_NUM}%", self.t[m.start(2) : m.end(2)]))
            if len(pcts) == 1:
                pcts = pcts * len(labels)
            if len(pcts) != len(labels):
                continue
            for label, pm in zip(labels, pcts, strict=True):
                p_span = (m.start(2) + pm.start(), m.start(2) + pm.end())
                self._rate(span, self.t[span[0] : span[1]], label, pm.group(0)[:-1], p_span, m.start(), m.end())
                self.used.add(p_span)

    def _rate(self, span, s, label, pct, p_span, start, end) -> None:  # noqa: ANN001
        label = label[-10:]  # "2020年区政府承办政协提案办理满意率" → "政协提案办理满意率"
        if _COMBINED_CLASS.search(label):  # "采纳和部分采纳率达88.9%": classes 1 and 2 together
            item = _Item(
                Kind.STATED_SUM, _clean_label(label), start, end, span, pct=pct, pct_span=p_span, combined=True
            )
            item.extra["ranks"] = (1, 2)
            self.items.append(item)
            return
        level = _level(label, s) if "满意" in label else None
        if level is not None:
            dim = _dimension(label) or _dimension(s[: p_span[0] - span[0]]) or ""
            self.items.append(
                _Item(Kind.SATISFACTION, label, start, end, span, pct=pct, pct_span=p_span, level=level, dimension=dim)
            )
        elif _REPLY.search(label):
            self.items.append(_Item(Kind.REPLY_RATE, label, start, end, span, pct=pct, pct_span=p_span))
        else:
            self.items.append(_Item(Kind.RATE, label, start, end, span, pct=pct, pct_span=p_span))

    def _place(self, span, s, cm, pm, before, after, dimension, prev_was_count) -> None:  # noqa: ANN001, C901
        """Decide what one count (with its share) or one share is, from the words around it."""
        count = int(cm.group("num")) if cm is not None and "." not in cm.group("num") else None
        c_span = (cm.start(), cm.end()) if cm is not None else None
        pct = pm.group("num") if pm is not None else None
        p_span = (pm.start(), pm.end()) if pm is not None else None
        unit = cm.group("unit") if cm is not None else None
        if prev_was_count:  # "23件B类件已经解决16件": the letter belongs to the count before
            before = re.sub(r"^\s*\(?[A-Da-d甲乙丙丁]类件?\)?", "", before)
        clause = _last_clause(before)
        first = cm or pm
        start = first.start() - len(clause)
        end = (pm or cm).end()
        sentence_before = self.t[span[0] : first.start()]
        full_clause = _last_clause(sentence_before)  # may reach back past an earlier number

        def add(item: _Item) -> None:
            self.items.append(item)
            for sp in (c_span, p_span):
                if sp:
                    self.used.add(sp)

        def common(kind: Kind, label: str, **kw) -> _Item:  # noqa: ANN003
            return _Item(kind, label, start, end, span, count=count, count_span=c_span, pct=pct, pct_span=p_span, **kw)

        # a share alone, labelled as a rate: 回复率达100%, 满意率达99.12%, 立案率为81.31%
        if cm is None:
            rate = re.search(
                r"([\u4e00-\u9fff()]{0,14}率)(?:\([^)]{0,8}\))?\s*(?:均|分别)?(?:达到|达|为|是)?\s*$", clause
            )
            if rate:
                self._rate(span, s, rate.group(1), pct, p_span, start, end)
                self.used.add(p_span)
                return
            m = re.search(r"([两二三四])项合计|合计", clause)
            if m:
                n = {"两": 2, "二": 2, "三": 3, "四": 4}.get(m.group(1) or "", 2)
                add(common(Kind.STATED_SUM, _clean_label(clause) or "合计", extra={"n_parts": n}))
                return
        if unit == "人次":
            if re.search(r"沟通|联系|走访|见面|座谈|面商|电话|联络", clause):
                add(common(Kind.CONTACTS, "沟通联系"))
            else:
                self._unparsed(c_span, span, "人次 not recognised as contacts with deputies")
            return
        if unit in ("个", "家"):
            tail = self.t[cm.end() : cm.end() + 14]
            if _UNIT_OK.search(clause[-14:] + tail) and not _UNIT_BAD.search(clause + tail):
                add(common(Kind.UNITS, "承办单位"))
            else:
                self._unparsed(c_span, span, "单位 count not recognised as handling units")
            return
        # another base the text states: feedback forms returned, proposals received at the session
        if count is not None:
            for rx, key, label in _BASE_WORDS:
                if rx.search(clause) or (rx.search(after) and "满意的" not in clause):
                    add(common(Kind.BASE, _clean_label(clause) or label, key=key))
                    return
        if unit == "份":
            self._unparsed(c_span, span, "份 count with no known base")
            return
        # satisfaction levels
        sat_text = clause if "满意" in clause else (after if count is not None and "满意" in after[:8] else "")
        if sat_text:
            level = _level(sat_text, s)
            if level is not None:
                dim = _dimension(sat_text) or dimension or ""
                add(common(Kind.SATISFACTION, _clean_label(sat_text), level=level, dimension=dim))
                return
        # "801件提案中,…": a reference to a set, not a figure of its own
        among = count is not None and re.match(r"[\u4e00-\u9fff]{0,4}中", after)
        # outcome classes, lettered or described, with the label before the count or right after it
        if not among:
            letter = _LETTER.match(after.lstrip("(")) if count is not None else None
            candidates = [clause]
            if count is not None and re.match(r"[\u4e00-\u9fff]{0,10}?(?:已|被|得到|正在|列入)", after):
                # "207件提案已被列入解决计划中": the label follows the count (and wins over leftovers)
                candidates.insert(0 if prev_was_count or not _classify_rank(clause) else 1, after[:30])
            if before.strip() != clause.strip():
                candidates.append(before[-60:])
            for text in candidates:
                rank = _LETTER_RANK[letter.group(1).upper()] if letter else _classify_rank(text)
                if rank is None:
                    continue
                if text is clause and not letter and _VOLUME.search(text[-6:]) and _TOTAL_VERB.search(text):
                    if not _RANKED.search(text):
                        break  # "共收到建议128件": a volume, not a class
                lt = letter or _LETTER.search(text)
                label = f"{lt.group(1).upper()}类" if lt else _clean_label(text)
                combined = bool(_COMBINED_CLASS.search(text)) and lt is None
                add(common(Kind.CLASS, label, rank=rank, combined=combined))
                return
        # volume counts: the total, handled, other volumes
        if count is not None and unit == "件":
            if re.search(r"议案$", clause) or ("议案" in clause[-6:] and "建议" not in clause[-6:]):
                self._unparsed(c_span, span, "议案 (motions) are not the suggestions audited")
                return
            if among:
                item = common(Kind.TOTAL, _clean_label(clause) or "总数", extra={"reference": True})
                add(item)
                return
            if _HANDLED_AFTER.match(after) or re.search(r"(?:办复|办结)[^,]{0,12}$", full_clause):
                add(common(Kind.HANDLED, "办结", extra={"volume": True}))
                return
            refused = re.search(r"(?:没有|未|不予|未予)(?:立案|受理|采纳)", full_clause)  # 没有立案的27件
            if (
                not refused
                and _VOLUME.search(sentence_before + after[:4])
                and _TOTAL_VERB.search(full_clause + after[:8])
            ):
                add(common(Kind.TOTAL, _clean_label(clause) or "总数", extra={"verb": clause}))
                return
            if _TOPIC.search(clause.strip(" ,、有")) or pct is not None or _NOUN_LIST.search(clause):
                add(common(Kind.TOPIC, _topic_label(clause, before)))
                return
            # a volume no rule places: kept aside, as a possible base for a share beside it
            self.items.append(
                common(Kind.BASE, _clean_label(clause) or str(count), key=f"base_{count}", extra={"loose": True})
            )
            self.used.add(c_span)
            return
        if cm is None and "占" in clause[-8:]:
            add(common(Kind.TOPIC, _topic_label(clause, before)))
            return
        for sp in (c_span, p_span):
            if sp:
                self._unparsed(sp, span, "a number with a unit that no rule places")

    def _unparsed(self, sp: tuple[int, int] | None, span: tuple[int, int], reason: str) -> None:
        if sp is None:
            return
        a, b = self._orig(sp)
        text = self.original[a:b]
        shown = text if len(text) <= 40 else f"{text[:12]}…({len(text)} chars)…{text[-8:]}"
        sentence = self._sentence_text(span)
        sentence = sentence if len(sentence) <= 300 else sentence[:150] + "…" + sentence[-100:]
        self.unparsed.append(Unparsed(shown, (a, b), sentence, reason))

    def _handled_phrase(self, span: tuple[int, int], _: object) -> None:
        """ "均已办结" with no count of its own: handled = the total, stated in words."""
        a, b = span
        m = _HANDLED.search(self.t, a, b)
        if m and not any(it.kind is Kind.HANDLED for it in self.items):
            self.items.append(_Item(Kind.HANDLED, "办结", m.start(), m.end(), span, extra={"words": True}))

    # ---- tables: one cell per line (flattened HTML) or cells joined by tabs
    def _tables(self) -> None:
        """Rows of (label…, count, share) under a header naming 件数 or 百分比.

        A row is either tab-separated cells on one line (.docx and .html tables; a leading 序号 is
        dropped and the other label cells joined), or three lines in a row (a flattened web table).
        """
        header = re.compile(r"件数|数量|百分比|比例|占比")
        share = re.compile(rf"{_NUM}%?")
        header_seen = False
        loose: list[tuple[int, int, str]] = []  # one cell per line
        for m in re.finditer(r"[^\n]+", self.t):
            line = m.group(0)
            cells = [
                (c.start() + m.start(), c.end() + m.start(), c.group(0).strip()) for c in re.finditer(r"[^\t]+", line)
            ]
            cells = [c for c in cells if c[2]]
            if "\t" in line and len(cells) >= 2:
                if any(header.search(c[2]) for c in cells):
                    header_seen = True
                elif (
                    header_seen
                    and len(cells) >= 3
                    and re.fullmatch(r"\d+", cells[-2][2])
                    and share.fullmatch(cells[-1][2])
                ):
                    labels = cells[:-2]
                    if len(labels) > 1 and re.fullmatch(r"\d{1,3}", labels[0][2]):
                        labels = labels[1:]  # 序号
                    first, last = labels[0], labels[-1]
                    label = (first[0], last[1], " ".join(dict.fromkeys(c[2] for c in labels)))  # merged cells repeat
                    self._table_row(label, cells[-2], cells[-1])
                continue
            if line.strip():
                loose.append((m.start(), m.end(), line.strip()))
        i = 0
        header_seen = False
        while i < len(loose):
            c0 = loose[i][2]
            if header.search(c0):
                header_seen = True
                i += 1
                continue
            if header_seen and i + 2 < len(loose):
                label, n, p = loose[i][2], loose[i + 1][2], loose[i + 2][2]
                if re.fullmatch(r"\d+", n) and share.fullmatch(p) and not re.fullmatch(_NUM, label):
                    self._table_row(loose[i], loose[i + 1], loose[i + 2])
                    i += 3
                    continue
                if len(c0) > 12:
                    header_seen = False
            i += 1

    def _table_row(self, lab, n, p) -> None:  # noqa: ANN001
        label = re.sub(r"\s+", "", lab[2])
        count = int(n[2])
        pct = p[2].rstrip("%")
        span = (lab[0], p[1])
        c_span, p_span = (n[0], n[1]), (p[0], p[1])
        self.used.update({c_span, p_span})
        if _TABLE_TOTAL.match(label):
            self.items.append(
                _Item(Kind.BASE, label, lab[0], p[1], span, count=count, count_span=c_span, extra={"table_total": True})
            )
            return
        # a lettered row, or one worded like an outcome class, is a class; any other row is a topic
        letter = re.match(r"([A-Da-d甲乙丙丁])(?:类件?)?(?:\s|$)", label)
        rank = _LETTER_RANK[letter.group(1).upper()] if letter else _classify_rank(label)
        self.items.append(
            _Item(
                Kind.CLASS if rank else Kind.TOPIC,
                f"{letter.group(1).upper()}类" if letter else label,
                lab[0],
                p[1],
                span,
                count=count,
                count_span=c_span,
                pct=pct,
                pct_span=p_span,
                rank=rank,
                extra={"table": True},
            )
        )

    # ---- assembling the report
    def _finish(self) -> None:
        items = self.items
        self._choose_total(items)
        self._merge_satisfaction(items)
        self._combined_classes(items)
        self._table_bases(items)
        self._infer_bases(items)
        self._class_schemes(items)
        self._merge_units(items)
        self._drop_loose(items)
        self._sums(items)

    def _merge_units(self, items: list[_Item]) -> None:
        """ "组织6个市(州)政府及46个省直部门办理": the handling units are 6 + 46 = 52."""
        units = [it for it in items if it.kind is Kind.UNITS]
        for a, b in zip(units, units[1:], strict=False):
            if not (a.count_span and b.count_span and a.sentence == b.sentence):
                continue
            between = self.t[a.count_span[1] : b.count_span[0]]
            if re.fullmatch(r"[^,;。]{0,16}(?:及|和|与|、)[^,;。]{0,4}", between):
                b.count = (a.count or 0) + (b.count or 0)
                b.label = f"承办单位({a.count}+{b.count - (a.count or 0)})"
                b.start = a.start
                b.count_span = (a.count_span[0], b.count_span[1])
                items.remove(a)

    def _drop_loose(self, items: list[_Item]) -> None:
        used = {it.base for it in items if it.base}
        for it in list(items):
            if it.extra.get("loose") and it.key not in used:
                items.remove(it)
                self._unparsed(it.count_span, it.sentence, "a count of proposals that no rule places")

    def _class_schemes(self, items: list[_Item]) -> None:
        """A second run of classes on the same base (ranks start again) is another breakdown."""
        seen: dict[tuple[str | None, str], set[int]] = {}
        group = 1
        for it in items:
            if it.kind is not Kind.CLASS or it.rank is None:
                continue
            key = (it.base, it.dimension)
            ranks = seen.setdefault(key, set())
            if it.rank in ranks:
                group += 1
                it.dimension = f"第{group}组"
                seen[(it.base, it.dimension)] = {it.rank}
                for later in items[items.index(it) + 1 :]:
                    if later.kind is Kind.CLASS and later.base == it.base and later.sentence == it.sentence:
                        later.dimension = it.dimension
                continue
            ranks.add(it.rank)

    def _choose_total(self, items: list[_Item]) -> None:
        """The total is the first volume that is not narrowed down in its own sentence.

        "共收到提案835件,其中交由…办理的801件": 835 is what was submitted (a base), 801 the total.
        """
        volumes = [it for it in items if it.kind is Kind.TOTAL]
        for it in [i for i in items if i.kind is Kind.HANDLED and i.count is None and not volumes]:
            items.remove(it)  # "全部办结" with no total stated anywhere: no figure to show
        if not volumes:
            handled = [it for it in items if it.kind is Kind.HANDLED and it.count is not None]
            if handled:
                items.append(replace(handled[0], kind=Kind.TOTAL, label="总数", key=TOTAL, extra={}))
            return
        submitted: set[int] = set()
        for i, x in enumerate(volumes):
            for y in volumes[i + 1 :]:
                if (
                    y.sentence == x.sentence
                    and x.count is not None
                    and y.count is not None
                    and y.count < x.count
                    and _SUBSET_VERB.search(self.t[x.end : y.end] + re.split(r"[,;。(]", self.t[y.end : y.end + 16])[0])
                ):
                    submitted.add(id(x))
        chosen = next((v for v in volumes if id(v) not in submitted and not v.extra.get("reference")), volumes[0])
        for v in volumes:
            if id(v) in submitted and not any(it.key == "submitted" for it in items):
                v.kind, v.key = Kind.BASE, "submitted"
            elif v is not chosen:
                items.remove(v)
                if v.count != chosen.count and v.count_span and id(v) not in submitted:
                    self._unparsed(v.count_span, v.sentence, "a second volume of proposals (not the total)")
        chosen.key = TOTAL
        chosen.kind = Kind.TOTAL
        for it in items:  # "均已办结": handled, stated in words, is the whole total
            if it.kind is Kind.HANDLED and it.count is None:
                it.count = chosen.count
        if chosen.pct is not None:  # "交由…办理的801件,约占95.9%": the total's share of what was submitted
            sub = next((it for it in items if it.key == "submitted"), None)
            items.append(
                _Item(
                    Kind.RATE,
                    "占提出总数",
                    chosen.start,
                    chosen.end,
                    chosen.sentence,
                    count=chosen.count,
                    count_span=chosen.count_span,
                    pct=chosen.pct,
                    pct_span=chosen.pct_span,
                    base=sub.key if sub else None,
                )
            )
            chosen.pct = None
        for it in items:  # a filing rate is the total's share of what was submitted
            if it.kind is Kind.RATE and "立案率" in it.label and any(o.key == "submitted" for o in items):
                it.base = "submitted"

    def _merge_satisfaction(self, items: list[_Item]) -> None:
        """A combined rate and a count of the same level and dimension are one figure."""
        sats = [it for it in items if it.kind is Kind.SATISFACTION]
        for it in sats:
            if it.pct is None or it.count is not None:
                continue
            twin = next(
                (
                    o
                    for o in sats
                    if o is not it
                    and o.count is not None
                    and o.pct is None
                    and o.level == it.level
                    and o.dimension == it.dimension
                    and o in items
                ),
                None,
            )
            if twin is not None:
                twin.pct, twin.pct_span = it.pct, it.pct_span
                items.remove(it)
        dims = [it.dimension for it in items if it.kind is Kind.SATISFACTION]
        main = dims[0] if dims else ""
        for it in items:
            if it.kind is Kind.SATISFACTION and it.dimension == main:
                it.dimension = ""

    def _combined_classes(self, items: list[_Item]) -> None:
        """'解决和正在解决的3096件' is a sum when ranks 1 and 2 are also given apart; else class 1."""
        for it in items:
            if it.kind is Kind.CLASS and it.combined:
                separate = {o.rank for o in items if o.kind is Kind.CLASS and not o.combined}
                if {1, 2} <= separate:
                    it.kind = Kind.STATED_SUM
                    it.extra["ranks"] = (1, 2)
                else:
                    it.rank = 1

    def _table_bases(self, items: list[_Item]) -> None:
        """A table's 合计 row is its base; it becomes a figure only when it differs from the total."""
        total = next((it for it in items if it.key == TOTAL), None)
        for tt in [it for it in items if it.extra.get("table_total")]:
            rows = [it for it in items if it.extra.get("table") and it.start < tt.start and it.base is None]
            if total is not None and tt.count == total.count:
                items.remove(tt)
                continue
            tt.key = f"table_total_{tt.count}"
            for r in rows:
                r.base = tt.key

    def _infer_bases(self, items: list[_Item]) -> None:
        """A share that does not fit the total but fits a count stated beside it takes that count as base."""
        total = next((it for it in items if it.key == TOTAL), None)
        if total is None or total.count is None:
            return
        bases = [it for it in items if it.kind is Kind.BASE and it.count]
        for it in list(items):
            if it.kind in (Kind.TOTAL, Kind.BASE) or it.base is not None or it.pct is None:
                continue
            pct = parse_percent(it.pct)
            if it.count is None:
                # a share with no count: a feedback base stated in the same sentence is its base
                fb = next((b for b in bases if b.sentence == it.sentence and b.key == "feedback"), None)
                if fb is not None:
                    it.base = fb.key
                continue
            if modes_consistent(it.count, total.count, pct):
                continue
            near = [b for b in bases if not b.extra.get("loose") or b.sentence == it.sentence] + [
                o
                for o in items
                if o.sentence == it.sentence
                and o is not it
                and o.count
                and o.kind is not Kind.TOTAL
                and o.start < it.start
                and o.kind in (Kind.CLASS, Kind.HANDLED, Kind.TOPIC, Kind.SATISFACTION)
            ]
            for cand in near:
                if cand.kind is not Kind.BASE and cand.pct is not None:
                    continue  # "A类60件占60%" is a class with its own share, never another's base
                if cand.count and cand.count >= it.count and modes_consistent(it.count, cand.count, pct):
                    if cand.kind is not Kind.BASE:
                        cand.kind, cand.rank, cand.level = Kind.BASE, None, None
                        cand.pct = None
                    if not cand.key or cand.key == TOTAL:
                        cand.key = f"base_{cand.count}"
                    it.base = cand.key
                    break
        # satisfaction shares on a feedback base: the levels without a base of their own follow it
        fb = next((b for b in bases if b.key == "feedback"), None)
        if fb is not None:
            for it in items:
                if it.kind is Kind.SATISFACTION and it.base is None and it.count is not None and it.pct is None:
                    it.base = fb.key
        # a class or satisfaction set shares one base: a member that does not fit the total takes the
        # base of the nearest member before it that has one, if its share fits that base
        by_key = {it.key: it for it in items if it.key}
        for kind in (Kind.CLASS, Kind.SATISFACTION):
            members = [it for it in items if it.kind is kind]
            for i, it in enumerate(members):
                if it.base is not None or it.pct is None:
                    continue
                pct = parse_percent(it.pct)
                if it.count is not None and modes_consistent(it.count, total.count, pct):
                    continue
                prev = next((m for m in reversed(members[:i]) if m.base), None)
                base = by_key.get(prev.base) if prev is not None and prev.base else None
                fits = (
                    base is not None
                    and base.count
                    and (it.count is None or modes_consistent(it.count, base.count, pct))
                )
                if fits and prev is not None:
                    it.base = prev.base

    def _sums(self, items: list[_Item]) -> None:
        """Resolve the parts of stated sums once every figure has its key."""
        self._assign_keys(items)
        for it in [i for i in items if i.kind is Kind.STATED_SUM]:  # a copy: unresolved sums leave `items`
            if "ranks" in it.extra:
                classes = [
                    o for o in items if o.kind is Kind.CLASS and o.rank in it.extra["ranks"] and o.base == it.base
                ]
                before = [o for o in classes if o.start < it.start] or classes
                group = before[-1].dimension if before else ""
                parts = [o for o in classes if o.dimension == group]
            else:
                before = [
                    o
                    for o in items
                    if o.end <= it.start and o.sentence == it.sentence and o.kind is not Kind.STATED_SUM
                ]
                parts = before[-it.extra.get("n_parts", 2) :]
            it.parts = tuple(o.key for o in parts)
            if len(it.parts) < 2:
                items.remove(it)
                if it.pct_span:
                    self._unparsed(it.pct_span, it.sentence, "a stated sum whose terms were not found")

    def _assign_keys(self, items: list[_Item]) -> None:
        seen: dict[str, int] = {}
        for it in items:
            if it.key and it.kind in (Kind.TOTAL, Kind.BASE):
                key = it.key
            elif it.kind in (Kind.HANDLED, Kind.REPLY_RATE, Kind.UNITS, Kind.CONTACTS):
                key = it.kind.value
            elif it.kind is Kind.SATISFACTION:
                key = ".".join(p for p in ("sat", it.dimension, it.base or "", it.level.value if it.level else "") if p)
            else:
                prefix = {
                    Kind.CLASS: "class",
                    Kind.STATED_SUM: "sum",
                    Kind.TOPIC: "topic",
                    Kind.RATE: "rate",
                    Kind.BASE: "base",
                }
                scope = f"{it.base}." if it.base and it.kind is Kind.CLASS else ""
                key = f"{prefix[it.kind]}.{scope}{it.label or it.count}"
            n = seen.get(key, 0)
            seen[key] = n + 1
            it.key = key if n == 0 else f"{key}#{n + 1}"

    def figures(self, meta: ReportMeta, path: str) -> Figures:
        items = sorted(self.items, key=lambda it: it.start)
        # figures kept once: the same kind and numbers stated twice (units 20 and 20) are one figure
        unique: list[_Item] = []
        for it in items:
            dup = next(
                (
                    u
                    for u in unique
                    if u.kind is it.kind
                    and u.count == it.count
                    and u.pct == it.pct
                    and u.base == it.base
                    and (
                        u.kind in (Kind.UNITS, Kind.HANDLED, Kind.CONTACTS, Kind.REPLY_RATE, Kind.BASE)
                        or (u.kind is Kind.SATISFACTION and u.level == it.level and u.dimension == it.dimension)
                        or (u.kind is Kind.RATE and u.label == it.label)
                    )
                ),
                None,
            )
            if dup is None:
                unique.append(it)
        keys = {u.key for u in unique}
        out = []
        for it in unique:
            prov_span = it.count_span or it.pct_span or (it.start, it.end)
            phrase = (min(it.start, prov_span[0]), max(it.end, prov_span[1]))
            a, b = self._orig(phrase)
            out.append(
                Figure(
                    kind=it.kind,
                    key=it.key,
                    label=it.label,
                    count=it.count,
                    pct=parse_percent(it.pct) if it.pct else None,
                    base=it.base if it.base in keys else None,
                    rank=it.rank if it.kind is Kind.CLASS else None,
                    level=it.level if it.kind is Kind.SATISFACTION else None,
                    dimension=it.dimension,
                    parts=tuple(p for p in it.parts if p in keys),
                    provenance=Provenance(
                        origin="extracted",
                        text=self.original[a:b].strip(),
                        sentence=self._sentence_text(it.sentence),
                        span=(a, b),
                    ),
                )
            )
        return Figures(meta=meta, figures=tuple(out), path=path)
