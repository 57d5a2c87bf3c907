"""Scopes: which part of a report each sentence is about, decided before any figure is read.

One text often reports on several things: this year and last year (上年…), a five-year summary, several
years in a row (2001年… 2002年…), the session and the recess, a subset handled by one body (由…承办的),
a separate batch (此外…), another body or level of government (州人大 beside 县人大), per-item ballots.
The total of one scope is not the base of another's shares, so every sentence gets a scope here, and
the joint choice (choose.py) reads each scope's figures apart.

A scope is named by what sets it apart: `ScopeKey(period, session, batch)`. The main scope of a report
is chosen later, from the figures each scope holds (see choose.py): the one with the outcome classes
and satisfaction, not last year's follow-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .lexicon import Lexicon, lexicon

__all__ = ["Sentence", "ScopeKey", "Segmented", "SCOPE_RULES", "segment", "session_of", "sentence_spans_of"]

_CN = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _cn_int(text: str) -> int | None:
    """A small Chinese or Arabic numeral (届, 次) as an int: 十三 → 13, 二十四 → 24."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CN.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    t = _CN.get(tens, 1) if tens else 1
    o = _CN.get(ones, 0) if ones else 0
    return t * 10 + o


_SESSION = re.compile(
    r"(?:(?P<level>全国|自治区|省|州|市|区|县|旗|镇|乡))?(?:第)?(?P<term>[一二三四五六七八九十\d]{1,3})届"
    r"(?:[\u4e00-\u9fff]{0,6}?(?:人大|人民代表大会|政协|委员会|全国人大))?(?:第)?"
    r"(?P<session>[一二三四五六七八九十\d]{1,3})次(?:会议|大会|全体会议|会)(?!.{0,2}常委)"
)


def session_of(text: str) -> tuple[str, int, int] | None:
    """The session a clause names ("县十八届人大三次会议" → ("县", 18, 3)); 常委会 sittings are not sessions."""
    for m in _SESSION.finditer(text):
        if re.search(r"常委|常务委员会|主任会议|主席会议", text[max(0, m.start() - 2) : m.end() + 3]):
            continue
        term, session = _cn_int(m.group("term")), _cn_int(m.group("session"))
        if term is None or session is None:
            continue
        return (m.group("level") or "", term, session)
    return None


@dataclass(frozen=True)
class ScopeKey:
    """What a scope is about. ("", "", "") is the default scope of the text."""

    period: str = ""  # "" (the report's own), "previous_year", "multi_year", or a year "2003"
    session: str = ""  # a session other than the report's ("十二届三次")
    batch: str = ""  # a subset or a separate batch: the words that set it apart
    body: str = ""  # the other body (政协 in a 人大 report), when a sentence counts its items alone

    @property
    def label(self) -> str:
        names = {"previous_year": "上年", "multi_year": "多年合计", "recess": "闭会期间"}
        parts = [names.get(p, p) for p in (self.period, self.session, self.batch, self.body) if p]
        return " · ".join(parts)


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    scope: ScopeKey
    markers: tuple[str, ...] = ()  # the words that set the scope, for the record


@dataclass(frozen=True)
class Segmented:
    text: str
    sentences: tuple[Sentence, ...]

    def sentence_at(self, pos: int) -> Sentence:
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return self.sentences[-1]


# A full stop, or an ASCII "." that ends a sentence ("占29.5%.对立案的", "100%.2004年") — never a decimal point.
_SENTENCE_END = re.compile(
    r"[。!?!?\n]+|(?<=[%\u4e00-\u9fff])\.(?!\d\b)|(?<=%)\."
    # "…C类7件;在32件政协提案中,已解决14件…": a clause that names a new set of items opens a sentence
    r"|;(?=\s*(?:在|对)[^,;。]{0,12}?\d+\s*(?:件|条|项)[^,;。]{0,16}?中)"
)
_YEAR_HEAD = re.compile(r"^(?:[\s\-—,、]*)((?:19|20)\d{2})\s*年(?:度)?(?![0-9])[,,]?")
_YEAR_ANY = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?(?![0-9月])")
_SUBSET = re.compile(r"由(?!于)[\u4e00-\u9fff()、]{1,16}?(?:承办|办理|负责)的")


def sentence_spans_of(text: str) -> list[tuple[int, int]]:
    """Sentences of the normalized text: up to 。!? or a line break."""
    out = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > pos:
            out.append((pos, m.end()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out or [(0, len(text))]


@dataclass
class _Context:
    """What one sentence is, and what the sentences before it established (scope rules read it)."""

    text: str  # the sentence
    index: int
    volume: bool  # it states a count of suggestions
    volumes_before: bool  # an earlier sentence did
    words: dict[str, str]  # scope words of the lexicon found in it: kind → first word
    session: tuple[str, int, int] | None
    main_session: tuple[str, int, int] | None
    main_body: str
    lex: Lexicon
    main_year: str | None = None
    period: str = ""  # the period in force (a year sequence or a multi-year summary goes on)
    under_heading: bool = False  # the period in force was set by a heading (一、上年办理情况回顾)


# A scope rule reads one sentence and says which part of the report it is about: (field, value, marker)
# or None. Rules run in order; each sets one field of the sentence's ScopeKey. To teach the reader a new
# kind of scope, add its words to lexicon.yaml (`scopes:`) and, if a word alone is not enough, a rule here.
ScopeRule = Callable[[_Context], "tuple[str, str, str] | None"]


def _year_sequence(ctx: _Context) -> tuple[str, str, str] | None:
    """ "2001年,共收到提案66件…2002年,共征集到提案48件": each year after the first is a scope of its own."""
    if not ctx.volume:
        return None
    head = _YEAR_HEAD.match(ctx.text)
    year = head.group(1) if head else None
    if year is None:
        m = _YEAR_ANY.search(ctx.text[:40])
        year = m.group(1) if m and not _is_date(ctx.text, m.end()) else None
    if year is None:
        return None
    if ctx.under_heading:  # "一、上年办理情况回顾 … 2022年,县政府共承办…": the heading said whose year it is
        return None
    if ctx.main_year is None:
        ctx.main_year = year
    ctx.period = "" if year == ctx.main_year else year
    return ("period", ctx.period, f"{year}年") if ctx.period else None


def _current(ctx: _Context) -> tuple[str, str, str] | None:
    """ "五年来…1106件…。今年,县政府共办理代表建议229件": the year itself again, after a multi-year summary."""
    word = ctx.words.get("current")
    if word is None or not ctx.volume or not _opens(ctx.text, word, 6) or ctx.period != "multi_year":
        return None
    ctx.period = ""
    return ("period", "", word)


def _multi_year(ctx: _Context) -> tuple[str, str, str] | None:
    """ "五年来,共收到提案4348件": a multi-year summary, when the text opens with it or names a year apart."""
    word = ctx.words.get("multi_year")
    if word is None or not ctx.volume or not _opens(ctx.text, word, 24) or _YEAR_HEAD.match(ctx.text):
        return None
    if not ctx.volumes_before or ctx.main_year:
        ctx.period = ctx.period or "multi_year"  # it goes on until a year or period is named
        return ("period", ctx.period, word)
    return None


def _previous_year(ctx: _Context) -> tuple[str, str, str] | None:
    """ "上年共收到建议120件": last year's figures, for this sentence only; "去年三月举行的会议" is a date."""
    word = ctx.words.get("previous_year")
    at = ctx.text.find(word) if word else -1
    if at > 0 and ctx.text[at - 1] in "与比较同":
        return None  # "与去年相比,今年…": a comparison; the figures are this year's
    if word and _opens(ctx.text, word) and not _is_date_word(ctx.text, word):
        return ("period", "previous_year", word)
    return None


def _other_session(ctx: _Context) -> tuple[str, str, str] | None:
    """ "区政协三届三次会议政协提案23件B类件…": a session other than the report's own."""
    ses = ctx.session
    if ses and ctx.main_session and ses != ctx.main_session and ctx.volume:
        label = f"{ses[0]}{ses[1]}届{ses[2]}次"
        return ("session", label, label)
    return None


def _subset(ctx: _Context) -> tuple[str, str, str] | None:
    """ "由市级党群政法系统承办的有57件", "代表行动中…提出的建议14件": a subset or a separate batch."""
    if not ctx.volume:
        return None
    sub = _SUBSET.search(ctx.text)
    if sub and ctx.volumes_before and ctx.text[max(0, sub.start() - 1) : sub.start()] != "交":
        return ("batch", sub.group(0), sub.group(0))
    word = ctx.words.get("subset")
    if word and _opens(ctx.text, word, 30):
        # "其中市本级…" and "市本级建议中…" name one subset: the scope is the subset, not the phrase
        return ("batch", ctx.lex.relations["subset"].strip_prefix(word), word)
    return None


def _other_body(ctx: _Context) -> tuple[str, str, str] | None:
    """ "市政协共收到委员提案80件" in a 人大 report: the other body's figures are a scope of their own.

    A sentence that names both bodies ("人大代表建议、政协提案交办会") is not set apart."""
    if not ctx.volume or not ctx.main_body:
        return None
    bodies = {m.value for m in ctx.lex.strong_bodies.find(ctx.text)}
    if len(bodies) == 1 and ctx.main_body not in bodies:
        body = bodies.pop()
        return ("body", body, body)
    return None


_ANOTHER_BATCH = re.compile(
    r"^\s*(?:另|另外|此外)[,]*[^,;。\d]{0,16}?(?:还)?(?:共)?(?:收到|交办|提出|承办|办理|接办|受理)(?:了)?[^,;。\d]{0,30}\d"
)


def _another_batch(ctx: _Context) -> tuple[str, str, str] | None:
    """ "此外,有关单位还办理了…代表在闭会期间提出的建议116件": a batch beside the report's own figures.

    "此外,另有207件提案已被列入解决计划中" names no new batch: it goes on with the classes."""
    if ctx.volume and ctx.volumes_before and _ANOTHER_BATCH.match(ctx.text):
        word = re.match(r"\s*(另外|此外|另)", ctx.text).group(1)
        return ("batch", word, word)
    return None


SCOPE_RULES: tuple[ScopeRule, ...] = (
    _year_sequence,
    _current,
    _multi_year,
    _previous_year,
    _other_session,
    _subset,
    _another_batch,
    _other_body,
)


def segment(
    text: str, has_volume: list[bool] | None = None, lex: Lexicon | None = None, main_body: str = ""
) -> Segmented:
    """Split the normalized text into sentences and give each its scope, by the rules in SCOPE_RULES.

    `has_volume[i]` says whether sentence i states a count of suggestions (the reader knows it from the
    mentions); a year, session or body switches the scope only where such a count is stated.
    """
    lex = lex or lexicon()
    spans = sentence_spans_of(text)
    sessions = [session_of(text[a:b]) for a, b in spans]
    volume = has_volume or [True] * len(spans)
    headed = _heading_periods(text, spans, volume, lex)
    voting = [v and headed[i] is None for i, v in enumerate(volume)]  # last year's sessions do not vote
    main_session = _main_session(text, spans, sessions, voting, lex)
    ctx = _Context("", 0, False, False, {}, None, main_session, main_body, lex, main_year=_title_year(text, spans))
    out: list[Sentence] = []
    for i, (a, b) in enumerate(spans):
        if _is_heading(text[a:b]) and not volume[i]:
            ctx.period, ctx.under_heading = (headed[i] or "", headed[i] is not None)
        elif ctx.under_heading and headed[i] is None:
            ctx.period, ctx.under_heading = "", False
        words: dict[str, str] = {}
        for m in lex.scopes.find(text[a:b]):
            words.setdefault(m.value, m.word)
        ctx.text, ctx.index, ctx.volume, ctx.words, ctx.session = text[a:b], i, volume[i], words, sessions[i]
        ctx.volumes_before = any(volume[:i])
        fields: dict[str, str | None] = {"period": None, "session": "", "batch": "", "body": ""}
        markers: list[str] = []
        for rule in SCOPE_RULES:
            found = rule(ctx)
            if found is not None:
                field, value, marker = found
                fields[field] = value
                markers.append(marker)
        if fields["period"] is None:
            fields["period"] = ctx.period  # the period in force: a year sequence or a multi-year summary goes on
        out.append(Sentence(i, a, b, ScopeKey(**fields), tuple(markers)))  # type: ignore[arg-type]
    return Segmented(text, tuple(out))


# A numbered heading: "一、上年办理情况回顾", "(二)今年办理情况", "第三部分"
_NUMERAL = "[一二三四五六七八九十]{1,3}"
_HEADING = re.compile(rf"^\s*(?:{_NUMERAL}\s*[、.]|[(（]\s*{_NUMERAL}\s*[)）]|第{_NUMERAL}部分)")
_TITLE = re.compile(r"关于|报告|通报|情况")


def _is_heading(sentence: str) -> bool:
    return bool(_HEADING.match(sentence)) and len(sentence.strip()) <= 40


def _heading_periods(text: str, spans: list[tuple[int, int]], volume: list[bool], lex: Lexicon) -> list[str | None]:
    """For each sentence, the period a numbered heading above it sets (None: no heading said one).

    "一、上年办理情况回顾" makes what follows last year's, until the next numbered heading; a heading
    with no period words ("二、今年办理情况") ends it."""
    out: list[str | None] = []
    current: str | None = None
    for i, (a, b) in enumerate(spans):
        sentence = text[a:b]
        if _is_heading(sentence) and not volume[i]:
            words = {m.value for m in lex.scopes.find(sentence)}
            current = next((p for p in ("previous_year", "multi_year") if p in words), None)
        out.append(current)
    return out


def _title_year(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The year a report's title names ("县人民政府关于2023年度县人大代表建议办理工作情况的报告"): the
    report's own year, whatever year its first figures are of."""
    for a, b in spans[:2]:
        line = text[a:b]
        m = _YEAR_ANY.search(line)
        if m and _TITLE.search(line) and len(line) <= 80 and not re.search(r"\d+\s*件", line):
            return m.group(1)
    return None


def _opens(sentence: str, word: str, within: int = 12) -> bool:
    """The scope word stands near the start of the sentence (it qualifies what the sentence counts)."""
    pos = sentence.find(word)
    return 0 <= pos <= within


def _is_date_word(sentence: str, word: str) -> bool:
    """ "去年三月举行的…会议": 去年 dates the session; it does not make the figures last year's."""
    pos = sentence.find(word) + len(word)
    return bool(re.match(r"\s*(?:[一二三四五六七八九十]{1,2}|\d{1,2})\s*月|底|初|年底|年初", sentence[pos : pos + 4]))


def _main_session(
    text: str, spans: list[tuple[int, int]], sessions: list, volume: list[bool], lex: Lexicon
) -> tuple[str, int, int] | None:
    """The session the report is about: the one named most often beside counts of suggestions; on a
    tie, the one named where the text states a whole (共…N件). A headline's slip does not decide it."""
    named = [(ses, i) for i, (ses, v) in enumerate(zip(sessions, volume, strict=False)) if ses and v]
    if not named:
        return None
    counts: dict[tuple, int] = {}
    for ses, i in named:
        a, b = spans[i]
        counts[ses] = counts.get(ses, 0) + 2 + (1 if lex.relations["total"].first(text[a:b]) else 0)
    return max(counts, key=lambda k: (counts[k], -next(i for s, i in named if s == k)))


def _is_date(text: str, end: int) -> bool:
    return bool(re.match(r"\s*\d{1,2}\s*月", text[end : end + 4]))
