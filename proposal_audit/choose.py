"""One joint choice per scope: the reading of all its figures together.

For every scope the open questions are few: which count of suggestions is the total (the base of the
class shares), which base each set of shares is on, and for the items whose words allow two roles
(a lump "解决和正在解决" read as one class or as a sum of two; a count worded like a class and like a
topic), which role. `choose` enumerates the readings the text allows (a small product, searched as a
beam when it grows) and scores each one twice:

- text: the evidence of the words (lexicon.yaml via roles.py) — this decides first;
- arithmetic: classes and satisfaction levels partition their base, shares fit their counts, a lump
  equals its parts — this only breaks ties between readings whose text scores are within `TIE`.

Arithmetic never overrides the text: a printed error stays a finding (the text says 591, the classes
add to 588: 591 is still the total). Where two readings remain tied on both scores and give different
figures, the figures that differ are marked ambiguous with the other reading as their alternative, so
the audit asks the user to confirm instead of accusing the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .figures import Kind, Level
from .lexicon import lexicon
from .roles import Candidate, Item, Role
from .rounding import Mode, count_range, modes_consistent, parse_percent

__all__ = ["TIE", "Option", "Decision", "ScopeChoice", "choose"]

TIE = 1  # text scores this close are a tie the arithmetic may break
WIDE = 4  # text scores this close lose to a reading the arithmetic supports far better …
STRONG = 6  # … by at least this many arithmetic points (several relations true instead of false)
DOUBT = 12  # a reading the words like less, by up to this much, under which the figures add up far better
#             than under the chosen one: it is not chosen, but the figures it reads otherwise are asked about
BEAM = 256  # readings kept while searching a large product
ACCEPTED = (Mode.HALF_UP, Mode.HALF_EVEN)


@dataclass(frozen=True)
class Option:
    """One answer to one open question, with its text score and what it means."""

    value: object
    score: int
    words: str  # the answer in words, for the record ("total = 801 (其中交由…办理的)")
    plain: str = ""  # the answer as the user is asked about it ("总数为801件 / the total is 801")


@dataclass(frozen=True)
class Decision:
    """An open question of a scope, its answer, the runner-up and what decided between them."""

    question: str
    chosen: str
    runner_up: str
    decided_by: str  # "text", "arithmetic", "tie" (ambiguous), or "only reading"


@dataclass
class ScopeChoice:
    """The chosen reading of one scope's items."""

    roles: dict[int, Candidate]  # item index → its role
    total: Item | None
    bases: dict[str, int | None]  # share group → item index of its base (None: the total)
    decisions: list[Decision] = field(default_factory=list)
    ambiguous: dict[int, list[str]] = field(default_factory=dict)  # item index → the other readings
    text_score: int = 0
    arith_score: int = 0


# ------------------------------------------------------------------------------------------ questions
@dataclass
class _Question:
    name: str
    options: list[Option]
    items: tuple[int, ...] = ()  # the items whose figures depend on the answer


def _role_questions(items: list[Item]) -> tuple[dict[int, Candidate], list[_Question]]:
    fixed: dict[int, Candidate] = {}
    questions: list[_Question] = []
    for it in items:
        ranked = sorted(it.candidates, key=lambda c: -c.score)
        top = ranked[0]
        close = [c for c in ranked if top.score - c.score <= TIE and _differs(c, top)]
        options = [top, *close[:2]]
        if top.role == Kind.CLASS.value and top.lump:
            options.append(_as_lump(top))
        if len(options) == 1:
            fixed[it.index] = top
            continue
        questions.append(
            _Question(
                f"item {it.index}",
                [Option(c, c.score, _candidate_words(it, c), _plain_candidate(it, c)) for c in options],
                (it.index,),
            )
        )
    return fixed, questions


def _differs(a: Candidate, b: Candidate) -> bool:
    return (a.role, a.rank, a.level) != (b.role, b.rank, b.level)


def _as_lump(c: Candidate) -> Candidate:
    return Candidate(
        Kind.CLASS_COMBINED.value, c.score, c.evidence + " (a sum of classes)", ranks=c.lump, label=c.label
    )


# What a role means to a reader of the report, for the question "confirm the reading".
_ROLE_WORDS = {
    Role.VOLUME: ("一个件数(总数或某一办理阶段的件数)", "a count of suggestions (the total or one stage)"),
    Role.REFERENCE: ("对前文件数的重复", "a repetition of a count stated before"),
    Role.NONE: ("不是报告的统计数字", "not one of the report's figures"),
    Kind.TOTAL.value: ("总数", "the total"),
    Kind.SUBMITTED.value: ("收到的件数", "the count submitted"),
    Kind.BASE.value: ("另一个基数", "another base"),
    Kind.SATISFACTION_BASE.value: ("满意度的基数(反馈意见数)", "the base of the satisfaction figures"),
    Kind.HANDLED.value: ("办结件数", "the count handled"),
    Kind.REPLY_RATE.value: ("办复率", "the reply rate"),
    Kind.UNITS.value: ("承办单位数", "the number of handling units"),
    Kind.CLASS.value: ("办理结果的一类", "an outcome class"),
    Kind.CLASS_COMBINED.value: ("几类办理结果之和", "a sum of outcome classes"),
    Kind.SATISFACTION.value: ("满意度", "a satisfaction figure"),
    Kind.STATED_SUM.value: ("文中所称合计", "a stated sum"),
    Kind.TOPIC.value: ("议题或提出者分类", "a topic or proposer row"),
}


def _numbers(it: Item, unit: str = "", sep: str = " ") -> str:
    """An item's count and share as printed: "40件、26.85%" (unit 件, sep 、) or "40 26.85%"."""
    count = f"{it.number}{unit}" if it.number is not None else ""
    return sep.join(x for x in (count, f"{it.pct}%" if it.pct else "") if x)


def _plain_candidate(it: Item, c: Candidate) -> str:
    zh, en = _ROLE_WORDS.get(c.role, (c.role, c.role))
    if c.rank:
        zh, en = f"第{c.rank}类办理结果", f"outcome class {c.rank}"
    return f"{_numbers(it, '件', '、')}读作{zh} / {_numbers(it)} read as {en}"


def _plain_count(n: int | None, zh: str, en: str) -> str:
    return f"{zh}为{n}件 / {en} is {n}" if n is not None else f"{zh}未写明 / {en} is not stated"


def _candidate_words(it: Item, c: Candidate) -> str:
    nums = _numbers(it)
    what = c.role
    if c.rank:
        what += f" rank {c.rank}"
    if c.ranks:
        what += f" ranks {'+'.join(map(str, c.ranks))}"
    if c.level:
        what += f" {c.level.value}"
    return f"{nums} as {what}"


# ------------------------------------------------------------------------------------------ totals
def _total_options(items: list[Item], roles: dict[int, Candidate], role_q: list[_Question]) -> list[Option]:
    volumes = [it for it in items if _can_be(it, Role.VOLUME, roles, role_q)]
    if not volumes:
        return [Option(None, 0, "no total stated in this scope", _plain_count(None, "总数", "the total"))]
    options = []
    refs = [it for it in items if roles.get(it.index) is not None and roles[it.index].role == Role.REFERENCE]
    superseded = {v.number for v in volumes if _superseded(v, volumes)}
    parts = {v.number for v in volumes if _in_breakdown(v, volumes)}
    for pos, it in enumerate(volumes):
        cand = next(c for c in it.candidates if c.role == Role.VOLUME)
        score = cand.score + cand.stage
        why = [cand.evidence]
        if pos == 0:
            score += 1
        # a later stage of the same suggestions counted right after this one is the handling base:
        # "共收到提案1876件,经审查立案1710件,并案后为1635件" — the total is 1635 (wherever 1876 is repeated)
        if it.number in superseded:
            score -= 6
            why.append("a later stage is counted right after it")
        if it.number is not None and any(r.number == it.number for r in refs):
            score += 3
            why.append("referred to later (…件中)")
        if _named_later(it, items):
            score += 3
            why.append("referred to later by its words (…承办的建议中)")
        if (
            "其中" in it.before[-16:]
            and not _parallel(it, volumes)
            and any((v.number or 0) > (it.number or 0) and v.stage <= (cand.stage or v.stage) for v in volumes[:pos])
        ):
            score += 2
            why.append("the part handled (其中…)")
        sums = [v for v in volumes[:pos] if v.sentence == it.sentence]
        if any(it.number == sum(v.number or 0 for v in sums[-k:]) for k in range(2, len(sums) + 1)):
            score += 6
            why.append("the whole of the counts before it")
        attached = _attached(it, items, roles, role_q)
        if attached:
            score += min(attached, 3)
            why.append(f"{attached} figure(s) stated with it")
        window = re.sub(r"期间(?:及|和|与|、)闭会(?:期间|后)?", "", it.before[-40:])  # "会议期间及闭会后" is the whole
        extra = [
            w for w in ("此外", "另外", "另有", "还", "闭会期间", "闭会后") if w in window or w in it.sentence_text[:6]
        ]
        if extra:
            score -= 6
            why.append(f"a separate batch ({extra[0]})")
        in_classes = [
            o
            for o in items
            if o.sentence == it.sentence and o.start < it.start and _can_be(o, Kind.CLASS.value, roles, role_q)
        ]
        if in_classes:
            score -= 4
            why.append("inside a list of classes")
        if it.number in parts or (_parallel(it, volumes) and pos > 0 and volumes[0].stage < it.stage):
            score -= 4
            why.append("one of a breakdown")
        options.append(
            Option(
                it.index, score, f"total = {it.number} ({'; '.join(why)})", _plain_count(it.number, "总数", "the total")
            )
        )
    options.append(Option(None, -2, "no total", _plain_count(None, "总数", "the total")))
    return options


_ATTACHED = {
    Kind.CLASS.value,
    Kind.SATISFACTION.value,
    Kind.REPLY_RATE.value,
    Kind.HANDLED.value,
    Kind.CLASS_COMBINED.value,
}


def _attached(total: Item, items: list[Item], roles: dict[int, Candidate], role_q: list[_Question]) -> int:
    """Rates, classes and satisfaction stated in the same sentence as a count, after it."""
    n = 0
    for it in items:
        if it.sentence != total.sentence or it.start <= total.start:
            continue
        role = roles.get(it.index)
        if role is not None and role.role in _ATTACHED:
            n += 1
    return n


_NAMED_SET = re.compile(r"([\u4e00-\u9fff]{2,12}?)的?(?:代表建议|建议|提案|议案|意见建议)中")


def _named_later(it: Item, items: list[Item]) -> bool:
    """ "其中由市政府系统承办的468件。市政府系统承办的建议中,已解决的…": a later sentence names this count's
    items by the words that introduced them, and goes on with their classes."""
    words = re.sub(r"^(?:其中|由|共|有)+", "", _last_clause(it.before)).rstrip("的有共")
    if len(words) < 3:
        return False
    for other in items:
        if other.sentence <= it.sentence:
            continue
        m = _NAMED_SET.search(other.sentence_text)
        if m and len(m.group(1)) >= 3 and (m.group(1) in words or words.endswith(m.group(1))):
            return True
    return False


def _last_clause(text: str) -> str:
    return re.split(r"[,;:]", text)[-1]


def _superseded(it: Item, volumes: list[Item]) -> bool:
    """A count followed, in the same or the next sentence, by a smaller count of a later stage."""
    stage = it.stage
    return any(
        v.start > it.start
        and not _motion(v)
        and v.number is not None
        and it.number is not None
        and v.sentence - it.sentence <= 1
        and not _parallel(v, volumes)
        and v.stage > stage
        and v.number < it.number
        for v in volumes
    )


def _motion(it: Item) -> bool:
    return any(c.role == Role.VOLUME and "motions" in c.evidence for c in it.candidates)


def _parallel(it: Item, volumes: list[Item]) -> bool:
    """One of two or more volumes of one sentence counted at the same stage ("X承办427件,Y承办5件").

    Only the volumes after the whole they break down count: in "共交办532件,其中由市政府系统承办的468件"
    the 468 has no sibling — it is the part handled, not one of a list."""
    if it.stage == 0 or _aside(it):
        return False
    same = [v for v in volumes if v.sentence == it.sentence and v.stage == it.stage and not _aside(v)]
    if "其中" in it.sentence_text:
        cut = it.sentence_text.rfind("其中", 0, max(0, it.start_in_sentence))
        if cut >= 0:
            same = [v for v in same if v.start_in_sentence > cut]
    return sum(1 for v in same if v.number != it.number) >= 1


def _aside(it: Item) -> bool:
    """A count inside brackets ("立案952件(上年立案918件)"): an aside, not one of the sentence's volumes."""
    head = it.sentence_text[: it.start_in_sentence]
    return head.count("(") > head.count(")")


def _in_breakdown(it: Item, volumes: list[Item]) -> bool:
    """One of several volumes that add up to a volume stated just before them
    ("共收到115件,其中:会议期间收到114件,…闭会期间收到1件")."""
    for pos, whole in enumerate(volumes):
        if whole.start >= it.start or whole.number is None:
            continue
        parts = [v for v in volumes[pos + 1 :] if v.sentence - whole.sentence <= 3 and v.number is not None]
        run = 0
        members: list[Item] = []
        for v in parts:
            run += v.number or 0
            members.append(v)
            if run == whole.number and len(members) >= 2:
                return it in members
            if run > whole.number:
                break
    return False


def _can_be(it: Item, role: str, roles: dict[int, Candidate], role_q: list[_Question]) -> bool:
    if it.index in roles:
        return roles[it.index].role == role
    return any(
        isinstance(o.value, Candidate) and o.value.role == role
        for q in role_q
        if it.index in q.items
        for o in q.options
    )


# ------------------------------------------------------------------------------------------ scoring
def _value(pct: str):  # noqa: ANN202 - a Fraction
    return parse_percent(pct).value


@lru_cache(maxsize=4096)
def share_fits(k: int | None, n: int | None, pct: str | None) -> bool | None:
    """Whether k of n prints as `pct` under an accepted rounding; None when one of them is missing."""
    if k is None or not n or pct is None:
        return None
    try:
        p = parse_percent(pct)
    except ValueError:
        return None
    if p.value == 100:
        return k == n
    return bool(set(modes_consistent(k, n, p)) & set(ACCEPTED))


@lru_cache(maxsize=4096)
def _reachable(n: int | None, pct: str | None) -> bool | None:
    if not n or pct is None:
        return None
    try:
        return count_range(parse_percent(pct), n, ACCEPTED) is not None
    except ValueError:
        return None


def _arith(
    assignment: dict[int, Candidate], items: list[Item], total: Item | None, bases: dict[str, int | None]
) -> int:
    """How many arithmetic relations the reading makes true (used only to break ties)."""
    by_index = {it.index: it for it in items}
    n_total = total.number if total is not None else None
    score = 0
    classes = [by_index[i] for i, c in assignment.items() if c.role == Kind.CLASS.value]
    lumps = [by_index[i] for i, c in assignment.items() if c.role == Kind.CLASS_COMBINED.value]
    base_item = by_index.get(bases.get("classes")) if bases.get("classes") is not None else None
    n_class = base_item.number if base_item is not None else n_total
    counts = [it.number for it in classes]
    if classes and n_class and all(c is not None for c in counts):
        score += 3 if sum(counts) == n_class else (-2 if sum(counts) > n_class else 0)  # type: ignore[arg-type]
    pcts = [it.pct for it in classes if it.pct is not None]
    if len(pcts) == len(classes) >= 2:
        total_pct = sum(_value(p) for p in pcts)
        score += 1 if abs(total_pct - 100) <= len(pcts) else (-2 if total_pct > 100 + len(pcts) else 0)
    for it in classes:
        fit = share_fits(it.number, n_class, it.pct) if it.number is not None else _reachable(n_class, it.pct)
        score += 1 if fit else (-1 if fit is False else 0)
    for it in lumps:
        ranks = assignment[it.index].ranks
        parts = [p for p in classes if assignment[p.index].rank in ranks]
        if len(parts) < len(ranks):
            score -= 2
            continue
        if it.number is not None and all(p.number is not None for p in parts):
            score += 2 if sum(p.number or 0 for p in parts) == it.number else -2
        elif it.pct is not None and all(p.pct for p in parts):
            s = sum(_value(p.pct) for p in parts if p.pct)
            score += 2 if abs(s - _value(it.pct)) <= 1 else -2
        else:
            ks = [p.number for p in parts]
            if it.pct and all(k is not None for k in ks):
                score += 2 if share_fits(sum(ks), n_class, it.pct) else -1  # type: ignore[arg-type]
    sats = [by_index[i] for i, c in assignment.items() if c.role == Kind.SATISFACTION.value]
    sat_base = by_index.get(bases.get("satisfaction")) if bases.get("satisfaction") is not None else None
    n_sat = sat_base.number if sat_base is not None else n_total
    for it in sats:
        fit = share_fits(it.number, n_sat, it.pct) if it.number is not None else None
        score += 1 if fit else (-1 if fit is False else 0)
    parts = [it for it in sats if assignment[it.index].level is not Level.SATISFIED_OR_BASIC and it.number is not None]
    if parts and n_sat and sum(it.number or 0 for it in parts) == n_sat:
        score += 2
    return score


# ------------------------------------------------------------------------------------------ bases
def _base_options(items: list[Item], group: str, members: list[Item], lex_refs: list[Item]) -> list[Option]:
    """Which count a set of shares is on. The text decides; the total is the default."""
    if not members:
        return [Option(None, 0, "the total")]
    first = min(members, key=lambda it: it.start)
    options = [Option(None, 1, "the total (default)", "百分比以总数为基数 / the shares are of the total")]
    for ref in lex_refs:
        if ref.start < first.start and first.sentence - ref.sentence <= 1:
            words = f"{ref.number} (referred to: {ref.number}件…中/其中)"
            plain = _plain_count(ref.number, "百分比的基数", "the base of the shares")
            options.append(Option(ref.index, 3, words, plain))
    # "…的152件,占立案总数的41.64%": the shares name the stage of the count they are of
    named = next((m for it in members if it.pct for m in [lexicon().share_bases.first(it.link)] if m), None)
    stage = _SHARE_BASE_STAGE.get(named.value) if named else None
    if stage is not None:
        for it in items:
            if it.start < first.start and it.number is not None and it.stage == stage:
                words = f"{it.number} (the shares are of the {named.word}, {it.number})"
                plain = _plain_count(it.number, "百分比的基数", "the base of the shares")
                options.append(Option(it.index, 4, words, plain))
                break
    return options


_SHARE_BASE_STAGE = {"submitted": 1, "filed": 2}  # share_bases of lexicon.yaml → stages of `volumes`


# ------------------------------------------------------------------------------------------ choose
def choose(items: list[Item], satisfaction_base: Item | None = None) -> ScopeChoice:
    """The best joint reading of one scope's items (see the module docstring)."""
    fixed, role_q = _role_questions(items)
    total_q = _Question("total", _total_options(items, fixed, role_q))
    refs = [it for it in items if fixed.get(it.index) is not None and fixed[it.index].role == Role.REFERENCE]
    handled_refs = [
        it
        for it in items
        if it.number is not None and fixed.get(it.index) is not None and fixed[it.index].role == Kind.HANDLED.value
    ]
    class_members = [it for it in items if any(c.role == Kind.CLASS.value for c in it.candidates)]
    base_q = _Question("base of the class shares", _base_options(items, "classes", class_members, refs + handled_refs))
    questions = [*role_q, total_q, base_q]
    readings = _search(questions, items, fixed)
    best, allowed = readings
    return _finish(best, allowed, questions, items, fixed, satisfaction_base)


def _assignment(
    fixed: dict[int, Candidate], answers: dict[str, Option], questions: list[_Question]
) -> dict[int, Candidate]:
    out = dict(fixed)
    for q in questions:
        if q.items and isinstance(answers[q.name].value, Candidate):
            out[q.items[0]] = answers[q.name].value  # type: ignore[assignment]
    return out


@dataclass
class _Reading:
    answers: dict[str, Option]
    roles: dict[int, Candidate]
    total: Item | None
    bases: dict[str, int | None]
    text: int
    arith: int


def _search(
    questions: list[_Question], items: list[Item], fixed: dict[int, Candidate]
) -> tuple[_Reading, list[_Reading]]:
    by_index = {it.index: it for it in items}
    partial: list[dict[str, Option]] = [{}]
    for q in questions:
        grown = [{**p, q.name: o} for p in partial for o in q.options]
        grown.sort(key=lambda a: -sum(o.score for o in a.values()))
        partial = grown[:BEAM]
    readings: list[_Reading] = []
    for answers in partial:
        roles = _assignment(fixed, answers, questions)
        total_idx = answers["total"].value
        total = by_index.get(total_idx) if isinstance(total_idx, int) else None
        if total is not None and roles.get(total.index) is not None and roles[total.index].role != Role.VOLUME:
            continue  # the total must be read as a volume
        bases = {"classes": answers["base of the class shares"].value}  # type: ignore[dict-item]
        text = sum(o.score for o in answers.values())
        readings.append(_Reading(answers, roles, total, bases, text, _arith(roles, items, total, bases)))  # type: ignore[arg-type]
    if not readings:
        roles = dict(fixed)
        empty = _Reading({}, roles, None, {"classes": None}, 0, 0)
        return empty, [empty]
    top_text = max(r.text for r in readings)
    top_arith = max(r.arith for r in readings if r.text == top_text)
    # a slight preference of the words gives way to a reading under which the figures add up: "共交办532件,
    # 其中由市政府系统承办的468件,已解决的201件…" — the classes sum to 468 and their shares are of 468
    allowed = [
        r for r in readings if r.text >= top_text - TIE or (r.text >= top_text - WIDE and r.arith >= top_arith + STRONG)
    ]
    allowed.sort(key=lambda r: (-r.arith, -r.text))
    best = allowed[0]
    # the words were not clear enough to rule it out, and the arithmetic speaks for it: ask, never accuse
    doubts = [r for r in readings if r.text >= top_text - DOUBT and r.arith >= best.arith + STRONG]
    doubts.sort(key=lambda r: (-r.arith, -r.text))
    return best, allowed + [r for r in doubts if r not in allowed]


def _finish(
    best: _Reading,
    allowed: list[_Reading],
    questions: list[_Question],
    items: list[Item],
    fixed: dict[int, Candidate],
    satisfaction_base: Item | None,
) -> ScopeChoice:
    choice = ScopeChoice(best.roles, best.total, dict(best.bases), text_score=best.text, arith_score=best.arith)
    for q in questions:
        if len(q.options) < 2:
            continue
        chosen = best.answers.get(q.name)
        if chosen is None:
            continue
        others = [r for r in allowed if r.answers.get(q.name) is not None and r.answers[q.name].value != chosen.value]
        if not others:
            runner = max((o for o in q.options if o.value != chosen.value), key=lambda o: o.score, default=None)
            choice.decisions.append(Decision(q.name, chosen.words, runner.words if runner else "", "text"))
            continue
        rival = others[0]  # a reading the text allows as well (its text score is within TIE)
        by = "arithmetic" if rival.arith < best.arith else "tie"
        choice.decisions.append(Decision(q.name, chosen.words, rival.answers[q.name].words, by))
        if by == "tie" and _changes_numbers(q, best, rival, items):
            for i in _affected(q, items, best, rival):
                answer = rival.answers[q.name]
                choice.ambiguous.setdefault(i, []).append(answer.plain or answer.words)
    return choice


def _changes_numbers(q: _Question, a: _Reading, b: _Reading, items: list[Item]) -> bool:
    """Whether two answers to a question read different numbers (two mentions of 146 are one total; the
    total stated again with 全部办结 is the total either way, whether read as a volume or as handled)."""
    by_index = {it.index: it for it in items}
    va, vb = a.answers[q.name].value, b.answers[q.name].value
    if isinstance(va, Candidate) and isinstance(vb, Candidate) and q.items:
        it = by_index[q.items[0]]
        same_total = a.total is not None and b.total is not None and it.number == a.total.number == b.total.number
        if same_total and {va.role, vb.role} <= {Role.VOLUME, Kind.HANDLED.value}:
            return False
    if q.name == "total" or q.name.startswith("base"):
        na = by_index[va].number if isinstance(va, int) and va in by_index else None
        nb = by_index[vb].number if isinstance(vb, int) and vb in by_index else None
        if q.name.startswith("base"):
            na = na if na is not None else (a.total.number if a.total else None)
            nb = nb if nb is not None else (b.total.number if b.total else None)
        return na != nb
    return True


def _affected(q: _Question, items: list[Item], a: _Reading, b: _Reading) -> Iterable[int]:
    """The items whose figures change between two readings of a question."""
    if q.items:
        return q.items
    if q.name == "total":
        return [it.index for it in (a.total, b.total) if it is not None]
    return [
        it.index for it in items if a.roles.get(it.index) is not None and a.roles[it.index].role == Kind.CLASS.value
    ]
