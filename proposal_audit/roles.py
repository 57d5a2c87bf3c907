"""Candidate roles: for each number of a report, every role it could play, with the evidence for each.

Numbers are first grouped into items: a count with the share that goes with it, in either order
("40件,占26.85%", "A类占26.85%,计40件", "满意率92.3%(288件)"), or a share alone ("回复率达100%").
Then each item gets its candidate roles — a volume of suggestions (at which stage), handled, an outcome
class (which rank), a satisfaction level, a feedback base, handling units, contacts, a topic row, a
rate, a stated sum, a reference to a count stated before ("801件提案中"), or no figure at all — each
scored by the words around it (lexicon.yaml). No choice is made here: choose.py makes one joint choice
per scope.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .figures import Kind, Level
from .lexicon import Lexicon, lexicon
from .mentions import Mention, Sort
from .scopes import Segmented

__all__ = ["Role", "Candidate", "Item", "build_items"]


class Role:
    """Roles an item can play beyond the figure kinds (they are plain strings, like Kind values)."""

    VOLUME = "volume"  # a count of suggestions at some stage: the total, the submitted count, a batch
    REFERENCE = "reference"  # "801件提案中": names a count stated before; no figure of its own
    NONE = "none"  # not a figure of the report (a year-on-year change, highlighted items, …)


@dataclass(frozen=True)
class Candidate:
    """One role an item could play, with how strongly the words say so."""

    role: str  # a Kind value or a Role
    score: int
    evidence: str
    rank: int | None = None
    lump: tuple[int, ...] = ()
    also: tuple[int, ...] = ()
    level: Level | None = None
    dimension: str = ""
    stage: int = 0  # volumes: 1 received … 4 assigned
    terms: int = 0  # stated sums: how many figures before it they add up ("两项合计" → 2)
    ranks: tuple[int, ...] = ()  # class_combined rates
    label: str = ""
    letter: str = ""
    generic: bool = False


@dataclass
class Item:
    """A count, a share, or both, with the words around them."""

    index: int
    count: Mention | None
    share: Mention | None
    sentence: int
    before: str  # from the previous item (or the sentence start) to this one
    after: str  # from this item to the next one (or the sentence end)
    link: str = ""  # the words between the count and its share ("件,占总数的")
    sentence_text: str = ""
    candidates: list[Candidate] = field(default_factory=list)
    rate_word: str = ""  # for a share read off a list of rates ("见面率、答复率均为100%")
    base_mention: Mention | None = None  # "占立案总数413件的92.5%": the count the share is of
    label_after: str = ""  # the words after the count that label it ("207件提案已被列入解决计划中")
    start_in_sentence: int = 0
    text_has_nouns: bool = False  # the text names suggestions or proposals before this item
    next_in_sentence: bool = False  # another item follows in the same sentence
    list_head: str = ""  # for the 2nd… member of a 、-list: the words before its first member
    units_seen: bool = False  # an earlier item of the text already counted the handling units

    start: int = 0  # set from the mentions (see __post_init__)
    end: int = 0
    number: int | None = None  # the count, when there is one
    pct: str | None = None  # the share as printed, when there is one

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recompute start/end/number/pct after the count or share changed."""
        ms = [m for m in (self.count, self.share) if m is not None]
        self.start = min(m.start for m in ms)
        self.end = max(m.end for m in ms)
        self.number = self.count.count if self.count is not None else None
        self.pct = self.share.number if self.share is not None else None

    @property
    def stage(self) -> int:
        """The stage of the volume this item could be (1 received … 4 assigned), 0 if none."""
        return next((c.stage for c in self.candidates if c.role == Role.VOLUME), 0)

    def best(self) -> Candidate:
        return max(self.candidates, key=lambda c: c.score)


# ------------------------------------------------------------------------------------------ pairing
# Between a count and the share that follows it: "件,占总数的", "件(甲类),占", "件、占", "件,约占", "件,占比"
_COUNT_SHARE = re.compile(
    r"[\s,、]*(?:\([^()\d]{0,12}\))?[\s,、]*(?:(?:约|分别|共)?占(?:比|到)?[^,;。\d%]{0,24}?(?:的)?|(?:比例|比重)(?:为|达到|达|是)?)?\s*"
)
# "4084件代表建议得到解决采纳,占总数的77%": the label after the count, then its share
_LABEL_THEN_SHARE = re.compile(r"[\u4e00-\u9fff“”\"]{2,20}[,、]\s*(?:约)?占(?:比)?[^,;。\d%]{0,16}?(?:的)?\s*")
# "已落实或逐步实施的190件,落实率为78%": the rate of the class just counted
_COUNT_RATE = re.compile(r"[,,]\s*(?:其)?(?:落实率|解决率|采纳率|办实率|办结率)\s*(?:为|达|达到|是)?\s*")
# "(26.85%)" right after the count
_COUNT_BRACKET = re.compile(r"\s*\(\s*$")
# Between a share and the count that follows it: "占26.85%,计40件", "26.85%(40件)", "占P%的N件"
_SHARE_COUNT = re.compile(r"\s*(?:[,、]\s*(?:计|共|合计|为|有|即|达)\s*|\(\s*(?:共|计)?\s*|的\s*)")
# "42.5%的建议(68件)所提问题已经解决": the share, the items' noun, the count in brackets
_SHARE_NOUN_COUNT = re.compile(r"\s*的\s*(?:代表建议|建议|提案|议案|意见)\s*\(\s*(?:共|计)?\s*")


def _rate_of_count(text: str, count: Mention, between: str) -> bool:
    """ "已落实的190件,落实率为78%" is the count's rate; "未被采纳的20件,采纳率为90.2%" is not (the count is
    of the items not adopted, the rate of those adopted)."""
    stem = re.search(r"(落实|解决|采纳|办实|办结)率", between)
    label = _last_clause(text[max(0, count.start - 40) : count.start])
    if stem is None or stem.group(1) not in label:
        return False  # "共承办代表建议203件,办结率100%": the rate of the total, not a share stated with it
    negs = lexicon().negations.find(label)
    at = label.find(stem.group(1))
    return not any(n.end <= at and at - n.end <= 2 for n in negs)


_SHARE_OF_COUNT = re.compile(r"[\s,、]*(?:约|共)?占[^,;。\d%]{0,24}$")


def _pairs(mentions: list[Mention], text: str) -> list[tuple[Mention | None, Mention | None, str, Mention | None]]:
    """Counts paired with their shares, in text order; the last element is a base named in between."""
    out: list[tuple[Mention | None, Mention | None, str, Mention | None]] = []
    i = 0
    while i < len(mentions):
        m = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        nxt2 = mentions[i + 2] if i + 2 < len(mentions) else None
        # "382件,占市政协立案总数413件的92.5%": the share of the first count, on the second
        if (
            nxt is not None
            and nxt2 is not None
            and m.sort is Sort.COUNT
            and nxt.sort is Sort.COUNT
            and nxt2.sort is Sort.PERCENT
            and _SHARE_OF_COUNT.fullmatch(text[m.end : nxt.start])
            and re.fullmatch(r"\s*的?\s*", text[nxt.end : nxt2.start])
        ):
            out.append((m, nxt2, text[m.end : nxt.start], nxt))
            out.append((nxt, None, "", None))
            i += 3
            continue
        if nxt is not None and m.sort is Sort.COUNT and nxt.sort is Sort.PERCENT:
            between = text[m.end : nxt.start]
            if (
                _COUNT_SHARE.fullmatch(between)
                or (_COUNT_BRACKET.fullmatch(between) and text[nxt.end : nxt.end + 1] == ")")
                or _LABEL_THEN_SHARE.fullmatch(between)
                or (_COUNT_RATE.fullmatch(between) and _rate_of_count(text, m, between))
            ):
                out.append((m, nxt, between, None))
                i += 2
                continue
        if nxt is not None and m.sort is Sort.PERCENT and nxt.sort is Sort.COUNT:
            between = text[m.end : nxt.start]
            plain = _SHARE_COUNT.fullmatch(between) and not re.search(r"[\u4e00-\u9fff]{2,}", between.replace("计", ""))
            if plain or _SHARE_NOUN_COUNT.fullmatch(between):
                closes = not between.strip().startswith("(") or text[nxt.end : nxt.end + 1] == ")"
                if closes:
                    out.append((nxt, m, between, None))
                    i += 2
                    continue
        if m.sort is Sort.COUNT:
            out.append((m, None, "", None))
        else:
            out.append((None, m, "", None))
        i += 1
    out.sort(key=lambda g: min(x.start for x in g[:2] if x is not None))
    return out


# ------------------------------------------------------------------------------------------ context
def _last_clause(text: str) -> str:
    """The words since the last comma, semicolon or colon: what labels the number that follows."""
    return re.split(r"[,;:]", text)[-1]


def _clean(text: str) -> str:
    text = re.sub(r"^[\s,、;:()\"'“”‘’。]+|[\s,、;:\"'“”‘’。]+$", "", text)
    text = re.sub(r"^(?:其中|另有|此外|据统计|具体来看|据悉|据了解|从[^,]{0,12}看)[,:]?", "", text)
    text = re.sub(r"(?:的|有|为|共|达|占|是)+$", "", text)
    return text.strip(" ,、()")[:40]


_RATE_LIST = re.compile(
    r"((?:[\u4e00-\u9fff]{1,12}?率(?:\([^)]{0,8}\))?\s*[、和及与]\s*)+[\u4e00-\u9fff]{1,12}?率(?:\([^)]{0,8}\))?)"
    r"\s*(?:均|分别|都|全部)?\s*(?:为|达|达到|是|达到了)?\s*$"
)


def _split_rates(clause: str) -> list[str]:
    """ "见面率、答复率、满意率(含基本满意)" → the three rate labels."""
    m = _RATE_LIST.search(clause)
    if not m:
        return []
    return [p for p in re.split(r"(?<=率)\s*[、和及与]\s*|(?<=\))\s*[、和及与]\s*", m.group(1)) if p]


# ------------------------------------------------------------------------------------------ items
def build_items(seg: Segmented, mentions: tuple[Mention, ...], lex: Lexicon | None = None) -> list[Item]:
    """Items of the whole text, sentence by sentence, each with its candidate roles."""
    lex = lex or lexicon()
    text = seg.text
    items: list[Item] = []
    figures = [m for m in mentions if m.is_figure]
    starts = [m.start for m in figures]
    for s in seg.sentences:
        ms = figures[bisect.bisect_left(starts, s.start) : bisect.bisect_left(starts, s.end)]
        if not ms:
            continue
        groups = _pairs(ms, text)
        sentence_text = text[s.start : s.end]
        prev_end = s.start
        new: list[Item] = []
        for k, (cm, pm, link, base_m) in enumerate(groups):
            first = min((x for x in (cm, pm) if x is not None), key=lambda x: x.start)
            last = max((x for x in (cm, pm) if x is not None), key=lambda x: x.end)
            nxt = groups[k + 1] if k + 1 < len(groups) else None
            nxt_start = min(x.start for x in nxt[:2] if x is not None) if nxt else s.end
            if base_m is not None:
                nxt_start = base_m.start
            before = text[prev_end : first.start]
            after = text[last.end : nxt_start]
            # a list of rates sharing one or more shares: "见面率、答复率、满意率均为100%"
            rates = _split_rates(_last_clause(before)) if cm is None and pm is not None else []
            if len(rates) > 1:
                shares = [pm]
                j = k + 1
                while len(shares) < len(rates) and j < len(groups) and groups[j][0] is None:
                    shares.append(groups[j][1])
                    j += 1
                for r_i, rate in enumerate(rates):
                    sh = shares[r_i] if len(shares) == len(rates) else pm
                    new.append(
                        Item(len(items) + len(new), None, sh, s.index, before, after, "", sentence_text, rate_word=rate)
                    )
                prev_end = last.end
                continue
            new.append(
                Item(len(items) + len(new), cm, pm, s.index, before, after, link, sentence_text, base_mention=base_m)
            )
            prev_end = last.end if base_m is None else cm.end if cm is not None else last.end
        # remove the duplicate share items a rate list produced for shares read as a group
        seen: set[tuple[int, str]] = set()
        for it in new:
            key = (it.share.index if it.share else -1, it.rate_word)
            if it.count is None and it.share is not None and key in seen:
                continue
            seen.add(key)
            items.append(it)
    for i, it in enumerate(items):
        it.index = i
        it.start_in_sentence = it.start - seg.sentences[it.sentence].start
        it.text_has_nouns = bool(lex.item_nouns.first(text[: it.start]))
        it.next_in_sentence = i + 1 < len(items) and items[i + 1].sentence == it.sentence
    prev: Item | None = None
    units_seen = False
    seen: set[int] = set()  # the counts stated so far
    for it in items:
        if prev is not None and prev.sentence == it.sentence and prev.label_after:
            # the words after the previous count were its label ("15件已经解决和基本解决,其余5件正在…")
            it.before = (
                it.before[len(prev.label_after) :]
                if it.before.startswith(prev.label_after)
                else _last_clause(it.before)
            )
        if (
            prev is not None
            and prev.sentence == it.sentence
            and any(c.role == Kind.BASE.value for c in prev.candidates)
        ):
            it.before = re.sub(r"^\s*[A-Da-d甲乙丙丁]\s*类件?", "", it.before)  # the letter named the base before
        if (
            prev is not None
            and prev.sentence == it.sentence
            and re.fullmatch(
                r"(?:[\u4e00-\u9fff]{0,6}(?:、|和|及|与)|(?:、|和|及|与)[\u4e00-\u9fff]{0,8})\s*", it.before
            )
        ):
            it.list_head = prev.list_head or prev.before  # "议案2件、建议52件": the verb before the list governs both
        it.units_seen = units_seen
        it.candidates = _candidates(it, lex)
        if [c.role for c in it.candidates] == [Role.REFERENCE] and it.number not in seen:
            # "截至目前,区十七届人大四次会议交办的125件代表建议中,已办结96件": nothing was counted before;
            # the count names the set the figures after it are of — the volume
            stage = lex.volume_stage(_last_clause(it.before))
            it.candidates = [
                Candidate(
                    Role.VOLUME,
                    6,
                    "volume: the set its figures are of, named first (…件中)",
                    stage=stage.value if stage else 0,
                    label=_clean(_last_clause(it.before)),
                )
            ]
        if it.number is not None:
            seen.add(it.number)
        if any(c.role == Kind.UNITS.value for c in it.candidates):
            # "6个市(州)政府及46个省直部门": the next count adds to this one; any other later count is a subset
            units_seen = not re.match(r"^[^,;。\d]{0,12}(?:及|和|与|、)\s*$", it.after)
        prev = it
    return items


# ------------------------------------------------------------------------------------------ roles
def _candidates(it: Item, lex: Lexicon) -> list[Candidate]:
    if it.count is not None:
        return _count_candidates(it, lex) or [Candidate(Role.NONE, 0, "no word places this count")]
    return _share_candidates(it, lex) or [Candidate(Role.NONE, 0, "no word places this share")]


def _count_candidates(it: Item, lex: Lexicon) -> list[Candidate]:  # noqa: C901 - one table of cases
    assert it.count is not None
    unit = it.count.unit
    before, after = it.before, it.after
    clause = _last_clause(before)
    head = after[:12]
    label = _clean(clause) or _clean(before[-24:])
    out: list[Candidate] = []

    if unit == "人次":
        if lex.contact_words.first(before[-30:]):
            out.append(Candidate(Kind.CONTACTS.value, 6, "人次 of contacts with deputies", label="沟通联系"))
        return out
    if unit in ("个", "家"):
        nouns = lex.unit_nouns.first(head) or lex.unit_nouns.first(clause[-10:])
        # the words after the count up to the clause's end, past any number in it ("4个单位办理的8件…测评")
        rest = it.sentence_text[it.start_in_sentence + (it.end - it.start) :]
        negative = lex.unit_not.first(clause[-8:] + re.split(r"[,;。]", rest)[0][:30])
        if nouns and it.units_seen and not negative:
            return [Candidate(Role.NONE, 5, "a second count of units (a subset of the handling units)")]
        if nouns and negative:
            out.append(
                Candidate(Role.NONE, 5, f"units named for another reason ({negative.word}), not the handling units")
            )
        elif nouns:
            verb = lex.unit_verbs.first(clause[-14:] + head)
            out.append(
                Candidate(Kind.UNITS.value, 6 if verb else 3, f"{it.count.number}{unit}{nouns.word}", label="承办单位")
            )
        return out
    if unit == "票":
        if lex.level(clause):  # per-item ballots: "满意12票"
            out.append(Candidate(Role.NONE, 5, "a ballot count for one item (票), not a report-wide figure"))
        return out

    # a count that only refers to one stated before: "801件提案中", "受理的73件中", "这591件提案"
    if re.match(r"^[\u4e00-\u9fff]{0,6}?中(?![央国华])", after) and not re.match(
        r"^[\u4e00-\u9fff]{0,6}?中(?:有|的)", after
    ):
        out.append(Candidate(Role.REFERENCE, 7, "a reference to a count stated before (…件中)"))
        return out
    if re.search(r"(?:这|该|上述|以上)\s*$", before):
        out.append(Candidate(Role.REFERENCE, 7, "a reference to a count stated before (这…件)"))
    change = lex.relations["change"].last(clause[-8:])
    if change and clause.rstrip().endswith(change.word):
        return [Candidate(Role.NONE, 8, f"a change ({change.word}), not a count of its own")]
    head_clause = re.split(r"[,;。]", after)[0]
    refused = lex.not_volumes.last(clause[-12:] + head_clause[:6]) or lex.not_volumes.last(head_clause[:6])
    if refused is not None:  # "并案后交办" is a stage, not the "并案" of merged items
        window = clause[-12:] + head_clause[:6]
        longer = [
            v for v in lex.volumes.find(window) if v.start <= refused.start < v.end and len(v.word) > len(refused.word)
        ]
        if longer:
            refused = None

    # satisfaction: the level named right before the count ("满意的117件") or right after ("满意144件" is before)
    level = lex.level(clause) if lex.levels.first(clause) else None
    forms = lex.satisfaction_bases.find(clause)
    if level is not None and all(any(f.start <= m.start < f.end for f in forms) for m in lex.levels.find(clause)):
        level = None  # "发放满意度测评表205份": 满意 inside the name of the forms, not a level
    if level is not None:
        dim = lex.dimension(before) or lex.dimension(clause)
        why = f"satisfaction words ({level.value})"
        out.append(Candidate(Kind.SATISFACTION.value, 8, why, level=level, dimension=dim, label=label))
    # the base of the satisfaction figures: feedback forms returned, items rated
    item_unit = unit in ("件", "条", "项", "件次")
    base_word = lex.satisfaction_bases.last(clause) or lex.satisfaction_bases.first(head_clause if item_unit else head)
    sent = lex.forms_sent.last(clause[-16:])
    returned = lex.forms_returned.last(clause[-16:])
    if base_word and level is None and sent and not (returned and returned.start > sent.start):
        return [Candidate(Role.NONE, 7, "forms sent out (发放…份), not the forms returned and rated")]
    if base_word and level is None:
        strong = unit == "份" or bool(lex.satisfaction_bases.first(head_clause))
        why = f"feedback base ({base_word.word})"
        out.append(Candidate(Kind.SATISFACTION_BASE.value, 9 if strong else 5, why, label=label or base_word.word))
    if unit == "份":
        return out

    # "23件B类件已经解决或基本解决16件": the items of class B are the base of the count that follows
    base_of_class = (
        re.match(r"^\s*([A-Da-d甲乙丙丁])\s*类件?(?=[^,;。\d]{2,}$)", after) if it.next_in_sentence else None
    )
    if base_of_class:
        letter = base_of_class.group(1).upper()
        why = f"the {letter}类 items, the base of the count after it"
        out.append(Candidate(Kind.BASE.value, 9, why, label=f"{letter}类件"))
        return out
    # "已办结207件,其余8件正在抓紧办理": the rest of a handled count, still being handled, is no class
    pending = lex.pending_words.first(clause[-10:] + re.split(r"[,;。]", after)[0][:10])
    handled_earlier = lex.handled_words.first(it.sentence_text[: it.start_in_sentence])
    the_rest = re.search(r"(?:其余|其他|剩余|余下|另有)\s*$", clause)
    # with no outcome class named in the sentence, "已办复241件…正在办理49件" is the rest, still being handled
    classes_named = [m for m in lex.classes.find(it.sentence_text) if not lex.pending_words.first(m.word)]
    if pending and handled_earlier and (the_rest or not classes_named):
        return [Candidate(Role.NONE, 8, f"the rest of the handled count, still being handled ({pending.word})")]
    # "…列入计划解决的60件,两项合计150件": a count that sums the terms just before it
    summed = lex.relations["stated_sum"].last(clause[-8:])
    if (
        summed
        and len(lex.letters_together(clause)) < 2  # "A、B两类共150件" names its classes: a lump (below)
        and (summed.word[0] in "两二三四" or re.search(r"(?:以上|上述)$", clause[: clause.rfind(summed.word)]))
        and re.fullmatch(r"(?:为|达|有|是)?\s*", clause[clause.rfind(summed.word) + len(summed.word) :])
    ):
        n = {"两": 2, "二": 2, "三": 3, "四": 4}.get(summed.word[0], 2)
        why = f"a stated sum of the {n} counts before it ({summed.word})"
        return [Candidate(Kind.STATED_SUM.value, 8, why, label=label or summed.word, terms=n)]
    # outcome classes: by the label before the count, a letter right after it, or a label after it
    # "43件(甲类)", "120件为A类": the report's letter right after the count
    after_letter = re.match(r"^\s*(?:为|是|属于|列为)?\s*\(?\s*([A-Da-d甲乙丙丁])\s*类件?\)?", head)
    letter_after = lex.letter(after_letter.group(0)) if after_letter else ""
    # "45%的建议(72件)正在解决": after a share and its count in brackets, the words that follow label both
    share_first = it.share is not None and it.share.start < it.count.start and after.startswith(")")
    # the class words since the last number before the count: "一时难以解决,用作参考的13件" is one label
    # across a comma, but in "落实办理资金3.42亿元,新改建城区道路17条" the 落实 labels the money, not the 17
    own = re.split(r"\d", before)[-1]
    reading = lex.class_reading(own) if not letter_after else lex.class_reading(own + after_letter.group(0))
    if share_first and not lex.class_reading(_last_clause(re.sub(r"[\d.]+%.*$", "", before))):
        reading = None  # the words before belong to the figure before
    if after_letter:
        it.label_after = after_letter.group(0)
    after_reading = None
    if it.share is not None and it.link and re.match(r"^[\u4e00-\u9fff“”\"]{2,}", it.link) and not share_first:
        after = it.link  # "4084件代表建议得到解决采纳,占总数的77%": the label sits between count and share
    if share_first or re.match(r"^[\u4e00-\u9fff]{0,10}?(?:已|被|得到|正在|列入|纳入)", after):
        after = after[1:] if share_first else after
        after_reading = lex.class_reading(re.split(r"[,;。]", after)[0])
        if after_reading is not None and (reading is None or reading.generic):
            it.label_after = re.split(r"[,;。]", after)[0]
    for r, where in ((reading, "before"), (after_reading, "after")):
        if r is None:
            continue
        score = 10 if r.letter else (2 if r.generic else 6)
        if lex.class_headings.first(it.sentence_text[: max(0, it.start - 0)]) and not r.letter:
            score += 1
        out.append(
            Candidate(
                Kind.CLASS.value,
                score if where == "before" else score - 1,
                f"class words {'+'.join(r.words) or r.letter} ({where} the count)",
                rank=r.rank,
                lump=r.lump,
                also=r.also,
                label=(f"{r.letter}类" if r.letter else (label if where == "before" else _clean(after[:30]))),
                letter=r.letter,
                generic=r.generic,
            )
        )

    # handled: "已办结96件", "办复议案2件、建议52件", "N件…均已办结"
    handled_before = lex.handled_words.last(clause[-8:]) or (
        lex.handled_words.last(_last_clause(it.list_head)[-8:]) if it.list_head else None
    )
    if handled_before and not lex.rates.first(clause[-8:]):
        motion = bool(lex.motions.first(clause[-4:])) and not re.search(r"建议|意见|提案", clause[-6:])
        # "已办结并解决的612件": the handling is done and the problem solved — a class, not the handled count
        then_class = lex.classes.first(clause[clause.rfind(handled_before.word) + len(handled_before.word) :])
        score = 1 if then_class else 3 if motion else 6
        out.append(
            Candidate(Kind.HANDLED.value, score, f"handled ({handled_before.word}) before the count", label="办结")
        )

    handled_after = re.match(
        r"^\s*(?:[\u4e00-\u9fff]{0,6}?)(?:均已|已全部|全部|均|已|都已)[^,;。]{0,6}?(?:办结|办复|办理完毕|答复完毕|办复完毕|办理并答复)",
        after,
    )
    if handled_after and not lex.rates.first(handled_after.group(0)):
        out.append(
            Candidate(
                Kind.HANDLED.value, 5, f"handled, said after the count ({handled_after.group(0).strip()})", label="办结"
            )
        )

    # volumes of suggestions
    # the noun right after the count ("245件建议", "245件 建议"); after "、" it is the next one's ("议案3件、建议245件")
    head_noun = lex.item_nouns.pattern.match(head, 0) or (
        lex.item_nouns.pattern.match(head, 1) if head[:1] not in "、,;和及与" else None
    )
    noun_after = lex.item_nouns.first(head[:8]) if head_noun else None
    noun = noun_after or lex.item_nouns.last(clause[-16:]) or lex.item_nouns.first(head[:8])
    sentence_noun = noun or lex.item_nouns.last(it.sentence_text[: max(0, it.start_in_sentence)]) or it.text_has_nouns
    stage = lex.volume_stage(clause)
    if stage is None and re.match(r"^\s*(?:交|由|转|归)", head_clause):  # "其中166件交区政府办理"
        stage = lex.volume_stage(head_clause)
    whole = lex.relations["total"].first(clause[-12:])
    if it.list_head and stage is None:
        stage = lex.volume_stage(_last_clause(it.list_head))
        whole = whole or lex.relations["total"].first(_last_clause(it.list_head)[-12:])
    extra = lex.relations["additional"].first(clause[:4])
    if refused is None and (it.number or 0) == 0:
        pass  # no report counts zero suggestions as a whole; a zero is a class or a level ("D类0件")
    elif refused:
        out.append(Candidate(Role.NONE, 7, f"not a volume of suggestions ({refused.word})"))
    elif (
        whole
        and sentence_noun
        and not noun
        and clause.rstrip().endswith(whole.word)
        and (reading is None or reading.generic)  # "已解决和正在解决的共150件" is a sum of classes
    ):
        # "732件,连同…544件议案,共计1276件": a whole of the volumes before it
        out.append(
            Candidate(
                Role.VOLUME,
                6,
                f"volume: {whole.word} (a whole of the counts before it)",
                stage=0,
                label=label or "总数",
            )
        )
    elif noun or (stage and (sentence_noun or whole or stage.value >= 2)):
        breakdown = _ends_with(
            re.sub(r"(?:的|有|共|为|计|达)+$", "", clause.rstrip()), lex.topic_suffixes
        ) or _ends_with(clause.rstrip(), lex.proposers)
        score = 2 + (2 if noun else 1) + (2 if stage else 0) + (2 if whole else 0) - (3 if extra else 0)
        score -= 2 if breakdown and not stage else 0
        near = head[:14] if noun_after else clause[-6:] + head_clause[:12]
        context = lex.item_nouns.last(it.sentence_text[: it.start_in_sentence]) if not noun else noun
        if noun is not None and not noun_after:  # the noun before says it: "议案3件、建议245件" (议案 → 3)
            motions = bool(lex.motions.first(noun.word)) and not re.search(r"建议|意见|提案", noun.word)
        else:
            motions = (bool(lex.motions.first(near)) and not re.search(r"建议|意见|提案", near)) or (
                not noun and context is not None and context.word in ("议案", "代表议案")
            )
        evidence = "volume: " + "+".join(
            x for x in ((stage.word if stage else ""), (whole.word if whole else ""), (noun.word if noun else "")) if x
        )
        out.append(
            Candidate(
                Role.VOLUME,
                score - (6 if motions else 0),
                evidence + (" (motions, 议案)" if motions else ""),
                stage=stage.value if stage else 0,
                label=label or "总数",
            )
        )

    # topic or proposer breakdown rows: "农林水利方面21件", "涉及经济建设方面的提案23件", "委员提案163件"
    tail = re.sub(r"(?:的|有|共|为|计|达)+$", "", clause.rstrip())
    if _ends_with(tail, lex.topic_suffixes) or _ends_with(tail, lex.proposers):
        word = _ends_with(tail, lex.topic_suffixes) or _ends_with(tail, lex.proposers)
        assert word is not None
        out.append(Candidate(Kind.TOPIC.value, 4, f"a breakdown row ({word.word})", label=_topic_label(clause, before)))
    elif it.share is not None and not out:
        out.append(Candidate(Kind.TOPIC.value, 1, "a count with a share and no class or level words", label=label))
    return out


def _ends_with(text: str, words) -> object:  # noqa: ANN001 - a lexicon word list; returns its match or None
    m = words.last(text[-14:])
    return m if m is not None and len(text[-14:]) - m.end <= 2 else None


def _topic_label(clause: str, before: str) -> str:
    label = _clean(re.split(r"是", clause)[-1])
    return label or _clean(_last_clause(before[: max(0, len(before) - len(clause) - 1)])) or "其他"


def _share_candidates(it: Item, lex: Lexicon) -> list[Candidate]:
    assert it.share is not None
    before = it.before
    clause = it.rate_word or _last_clause(before)
    label = _clean(clause)
    out: list[Candidate] = []
    if re.match(r"^\s*(?:以上|以下)的", it.after):  # "满意率达80%以上的有229件": a band, not a rate
        return [Candidate(Role.NONE, 7, "a threshold that defines a group (…%以上的), not a rate")]
    goal = lex.goal_words.first(clause)
    if goal and not re.match(r"\s*了", clause[goal.end :]):
        return [Candidate(Role.NONE, 8, f"a goal ({goal.word}), not a result")]
    if re.search(r"\d+\s*票", it.sentence_text) and lex.levels.first(clause):
        return [Candidate(Role.NONE, 6, "a per-item ballot share (票), not a report-wide figure")]
    change = lex.relations["change"].last(clause[-10:])
    if change and re.fullmatch(r"(?:了|约|近)?(?:百分点)?\s*", clause[clause.rfind(change.word) + len(change.word) :]):
        # "满意率比上年提高1.2%": the change of a rate, not a rate
        return [Candidate(Role.NONE, 8, f"a change ({change.word}), not a rate of its own")]
    done = lex.handled_words.first(re.split(r"[,;。]", it.after)[0][:8])
    if done and re.match(r"^\s*(?:已经|已|均已|都已|全部)?\s*(?:办复|答复|回复|办结|办理完毕)", it.after):
        kind = Kind.HANDLED if "办结" in done.word or "完毕" in done.word else Kind.REPLY_RATE
        return [Candidate(kind.value, 8, f"the share of items {done.word} (…%{done.word})", label=done.word)]
    rate = lex.rate(clause)
    level = lex.level(clause) if lex.levels.first(clause) else None
    if rate is not None and rate.kind is not Kind.SATISFACTION:
        if rate.kind is Kind.CLASS_COMBINED:
            out.append(
                Candidate(Kind.CLASS_COMBINED.value, 8, f"rate of classes ({rate.word})", ranks=rate.ranks, label=label)
            )
        else:
            out.append(Candidate(rate.kind.value, 8, f"rate word {rate.word}", label=label or rate.word))
        return out
    if level is not None or (rate is not None and rate.kind is Kind.SATISFACTION):
        lv = level or Level.SATISFIED_OR_BASIC
        dim = lex.dimension(clause) or lex.dimension(before)
        why = f"satisfaction share ({lv.value})"
        out.append(Candidate(Kind.SATISFACTION.value, 8, why, level=lv, dimension=dim, label=label or "满意率"))
        return out
    letters = re.findall(r"([A-Da-d甲乙丙丁])\s*类", clause)
    if len(letters) >= 2 and re.search(r"合计|共计|总计|累计|两项|三项", clause):  # "A类和B类两项合计占92.5%"
        ranks = tuple(sorted({lex.letters[x.upper()] for x in letters}))
        return [
            Candidate(Kind.CLASS_COMBINED.value, 9, f"classes {'+'.join(letters)} together", ranks=ranks, label=label)
        ]
    total_word = lex.relations["stated_sum"].last(clause[-8:])
    if total_word and re.search(r"(?:合计|共计|总计)(?:占[^,;。]{0,12})?(?:为|达|是)?$", clause.strip()):
        n = {"两": 2, "二": 2, "三": 3, "四": 4}.get(total_word.word[0], 0)
        why = f"a stated sum ({total_word.word})"
        out.append(Candidate(Kind.STATED_SUM.value, 7, why, label=label or total_word.word, terms=n))
        return out
    reading = lex.class_reading(clause)
    if reading is not None and re.search(r"占|达|为|是", clause[-6:]):
        out.append(
            Candidate(
                Kind.CLASS.value,
                10 if reading.letter else (2 if reading.generic else 6),
                f"class share ({'+'.join(reading.words) or reading.letter})",
                rank=reading.rank,
                lump=reading.lump,
                also=reading.also,
                letter=reading.letter,
                label=f"{reading.letter}类" if reading.letter else label,
                generic=reading.generic,
            )
        )
        return out
    if "占" in clause[-10:] and (lex.topic_suffixes.last(clause) or lex.proposers.last(clause)):
        out.append(Candidate(Kind.TOPIC.value, 3, "a topic share", label=label))
    return out
