"""The reader: a report's text → its figures, scope by scope, each with the words it came from.

    document → normalize → mentions → scopes → candidate roles → one joint choice per scope → figures

Each layer is a module of its own (normalize, mentions, scopes, roles, choose; the wordings are data
in lexicon.yaml). This module runs them in order and assembles what the joint choice decided into
`Figures`: keys the checks can name, bases, provenance (the words and their span in the original text),
certainty. The audit audits the main scope; the other scopes (last year, another body, a batch, a
multi-year summary) are kept and shown, never mixed into the audited set. Every number with a unit
that became no figure is listed as unplaced, and every number that is no figure of the report (a date,
a session number, an amount) is listed as ignored with the reason: nothing is dropped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .choose import Decision, ScopeChoice, choose, share_fits
from .documents import Document, read_document
from .errors import DocumentError
from .figures import TOTAL, Certainty, Figure, Figures, Kind, Level, Provenance, ReportMeta
from .lexicon import Lexicon, lexicon
from .mentions import Mention, Sort, find_mentions
from .normalize import Normalized, normalize
from .roles import Candidate, Item, Role, build_items
from .rounding import parse_percent
from .scopes import ScopeKey, segment, sentence_spans_of

__all__ = [
    "Unparsed",
    "Ignored",
    "ScopeReading",
    "Reading",
    "Extraction",
    "read",
    "read_text",
    "read_report",
    "extract",
    "extract_text",
    "MAX_NUMBERS",
]

MAX_NUMBERS = 1000  # a report prints a few dozen figures; thousands means a table dump or a hostile file


@dataclass(frozen=True)
class Unparsed:
    """A number with a unit that the reader could not place: for a person to look at."""

    text: str
    span: tuple[int, int]
    sentence: str
    reason: str


@dataclass(frozen=True)
class Ignored:
    """A number that is no figure of the report (a date, a session number, an amount), and why."""

    text: str
    span: tuple[int, int]
    reason: str


@dataclass(frozen=True)
class ScopeReading:
    key: ScopeKey
    label: str  # in words: "" for the main scope, else "上年", "2003", "由…承办的", …
    figures: Figures
    decisions: tuple[Decision, ...]
    main: bool


@dataclass(frozen=True)
class Reading:
    """Everything read from one report."""

    figures: Figures  # the main scope: what the audit audits
    scopes: tuple[ScopeReading, ...]  # every scope with figures, the main one first
    unparsed: tuple[Unparsed, ...]
    ignored: tuple[Ignored, ...]
    normalized: Normalized

    def all_figures(self) -> list[Figure]:
        """The figures of every scope; those of other scopes carry their scope's label."""
        return [f for s in self.scopes for f in s.figures]

    @property
    def decisions(self) -> tuple[Decision, ...]:
        return tuple(d for s in self.scopes for d in s.decisions)


Extraction = Reading  # the name older callers use


# ------------------------------------------------------------------------------------------ entry points
def read_report(path: str | Path) -> Reading:
    return read(read_document(path))


def read(doc: Document, meta: ReportMeta | None = None) -> Reading:
    """Every figure of a document, with provenance in the document's own text."""
    return read_text(doc.text, doc.format, meta or ReportMeta(source=doc.path), doc.path)


extract = read


def read_text(
    text: str, fmt: str = "txt", meta: ReportMeta | None = None, path: str = "", lex: Lexicon | None = None
) -> Reading:
    lex = lex or lexicon()
    norm = normalize(text, fmt)
    mentions = find_mentions(norm.text)
    figures_seen = sum(1 for m in mentions if m.is_figure)
    if figures_seen > MAX_NUMBERS:
        raise DocumentError(
            path or "<text>",
            f"数字过多({figures_seen}个,上限{MAX_NUMBERS}),不像一份办理情况报告 "
            f"too many numbers with units ({figures_seen} > {MAX_NUMBERS}) for a report on suggestions",
        )
    return _Assembler(norm, text, mentions, lex, meta or ReportMeta(), path).run()


extract_text = read_text


# ------------------------------------------------------------------------------------------ assembly
_VOLUME_UNITS = ("件", "条", "项", "件次")


class _Assembler:
    def __init__(
        self, norm: Normalized, original: str, mentions: tuple[Mention, ...], lex: Lexicon, meta: ReportMeta, path: str
    ):
        self.norm, self.original, self.mentions, self.lex, self.meta, self.path = (
            norm,
            original,
            mentions,
            lex,
            meta,
            path,
        )
        self.t = norm.text
        self.unparsed: list[Unparsed] = []
        self.ignored: list[Ignored] = []
        self.placed: set[int] = set()  # mention indexes that became figures (or were explained)

    # ---- provenance
    def _orig(self, span: tuple[int, int]) -> tuple[int, int]:
        return self.norm.original_span(*span)

    def _sentence_of(self, it: Item) -> tuple[int, int]:
        s = self.seg.sentences[it.sentence]
        return s.start, s.end

    def _sentence_text(self, span: tuple[int, int]) -> str:
        a, b = self._orig(span)
        text = self.original[a:b].strip()
        return text if len(text) <= 300 else text[:150] + "…" + text[-100:]

    def run(self) -> Reading:
        volume_units = set(_VOLUME_UNITS)
        sentence_spans = sentence_spans_of(self.t)
        starts = [m.start for m in self.mentions if m.sort is Sort.COUNT and m.unit in volume_units]
        has_volume = [bisect.bisect_left(starts, b) > bisect.bisect_left(starts, a) for a, b in sentence_spans]
        from .integrity import infer_body

        self.seg = segment(self.t, has_volume, self.lex, main_body=self.meta.body or infer_body(self.t))
        items = build_items(self.seg, self.mentions, self.lex)
        by_scope: dict[ScopeKey, list[Item]] = {}
        for it in items:
            by_scope.setdefault(self.seg.sentences[it.sentence].scope, []).append(it)
        readings = []
        for key, scope_items in by_scope.items():
            choice = choose(scope_items)
            readings.append((key, scope_items, choice))
        main_key = self._main_scope(readings)
        scopes: list[ScopeReading] = []
        for key, scope_items, choice in sorted(readings, key=lambda r: r[0] != main_key):
            label = "" if key == main_key else (key.label or "其他")
            figs = self._figures(scope_items, choice, label)
            if not figs:
                continue
            meta = self.meta if key == main_key else ReportMeta(source=self.meta.source)
            scopes.append(
                ScopeReading(
                    key, label, Figures(meta, tuple(figs), self.path), tuple(choice.decisions), key == main_key
                )
            )
        scopes = self._drop_restatements(scopes)
        self._leftovers()
        main = scopes[0].figures if scopes else Figures(self.meta, (), self.path)
        return Reading(main, tuple(scopes), tuple(self.unparsed), tuple(self.ignored), self.norm)

    def _drop_restatements(self, scopes: list[ScopeReading]) -> list[ScopeReading]:
        """A headline that repeats the body's figures ("满意率达97.8%" above the text) is no scope of its own."""
        if not scopes or not scopes[0].main:
            return scopes
        volumes = {Kind.TOTAL, Kind.SUBMITTED, Kind.BASE}
        main_figs = scopes[0].figures

        def restated(f: Figure) -> bool:
            for m in main_figs:
                same_kind = m.kind is f.kind or (m.kind in volumes and f.kind in volumes)
                pct_ok = f.pct is None or (m.pct is not None and m.pct.text == f.pct.text)
                count_ok = f.count is None or m.count == f.count
                if same_kind and pct_ok and count_ok and (f.count is not None or f.pct is not None):
                    return True
            return False

        main_start = min((f.provenance.span[0] for f in main_figs if f.provenance.span), default=0)
        out = [scopes[0]]
        for sc in scopes[1:]:
            spans = [f.provenance.span[0] for f in sc.figures if f.provenance.span]
            headline = bool(spans) and max(spans) < main_start and len(sc.figures.figures) <= 3
            kept = []
            for f in sc.figures:
                if headline and restated(f):
                    a, b = f.provenance.span or (0, 0)
                    self.ignored.append(Ignored(f.provenance.text, (a, b), "the same figure stated again (a headline)"))
                else:
                    kept.append(f)
            if kept:
                out.append(replace(sc, figures=replace(sc.figures, figures=tuple(kept))))
        return out

    # ---- which scope the report is about
    def _main_scope(self, readings: list[tuple[ScopeKey, list[Item], ScopeChoice]]) -> ScopeKey | None:
        if not readings:
            return None

        def substance(choice: ScopeChoice) -> int:
            roles = [c.role for c in choice.roles.values()]
            return (4 if Kind.CLASS.value in roles else 0) + (3 if Kind.SATISFACTION.value in roles else 0)

        def score(r: tuple[ScopeKey, list[Item], ScopeChoice]) -> tuple[int, int]:
            key, items, choice = r
            roles = [c.role for c in choice.roles.values()]
            s = 0
            s += substance(choice)
            s += 2 if choice.total is not None else 0
            s += sum(1 for x in roles if x in (Kind.REPLY_RATE.value, Kind.HANDLED.value, Kind.UNITS.value))
            if key.period == "previous_year":
                s -= 8
            if key.batch or key.body:
                s -= 6  # a subset, a batch or the other body's figures are never the report's own
            if key.session:
                s -= 3
            # a multi-year summary gives way to a single year's figures, if that year has classes of its own
            if key.period == "multi_year" and any(
                k.period not in ("multi_year", "previous_year") and substance(c) >= 3 and c.total is not None
                for k, _, c in readings
            ):
                s -= 4
            if key.period and key.period not in ("multi_year", "previous_year"):
                s -= 1  # a second year of a sequence
            return (s, -min(it.start for it in items))

        return max(readings, key=score)[0]

    # ---- figures of one scope
    def _figures(self, items: list[Item], choice: ScopeChoice, scope_label: str) -> list[Figure]:  # noqa: C901
        by_index = {it.index: it for it in items}
        roles = choice.roles
        out: list[_Fig] = []
        total = choice.total
        volumes = [it for it in items if roles.get(it.index) is not None and roles[it.index].role == Role.VOLUME]
        submitted: Item | None = None
        if total is not None:
            larger = [
                v
                for v in volumes
                if v is not total and (v.number or 0) > (total.number or 0) and v.stage <= total.stage
            ]
            stage1 = [v for v in larger if v.stage == 1]
            submitted = (stage1 or larger or [None])[0]
        for it in items:
            c = roles.get(it.index)
            if c is None:
                continue
            amb = choice.ambiguous.get(it.index, [])
            if c.role == Role.VOLUME:
                if total is not None and it is not total and it.number == total.number:
                    self._place(it)  # the total stated again ("这591件提案均已办结")
                    if it.share is not None and total.share is None and it.pct != "100" and submitted is not None:
                        total.share = it.share  # the share is the total's own ("778件,占建议总数的91%")
                        total.refresh()
                    continue
                if it is total:
                    out.append(self._fig(it, Kind.TOTAL, c, key=TOTAL, label=c.label or "总数", ambiguous=amb))
                    if it.share is not None:
                        out[-1].base = "submitted" if submitted is not None else None
                elif it is submitted:
                    out.append(self._fig(it, Kind.SUBMITTED, c, key="submitted", label=c.label, share=False))
                else:
                    out.append(self._fig(it, Kind.BASE, c, key=f"base_{it.number}", label=c.label, share=False))
                continue
            if c.role == Role.REFERENCE:
                self._place(it)
                continue
            if c.role == Role.NONE:
                if c.score >= 5:
                    for m in (it.count, it.share):
                        if m is not None:
                            self._ignore(m, c.evidence)
                continue
            kind = Kind(c.role)
            out.append(self._fig(it, kind, c, ambiguous=amb))
        for f in out:  # "382件,占市政协立案总数413件的92.5%": the share is on the count named in it
            if f.item is not None and f.item.base_mention is not None and f.pct is not None:
                named = next((g for g in out if g.item is not None and g.item.count is f.item.base_mention), None)
                if named is not None:
                    f.base = named.key_hint()
        total_fig = next((f for f in out if f.kind is Kind.TOTAL), None)
        if total_fig is not None and total_fig.pct is None and total is not None and total.share is not None:
            total_fig.pct = total.share.pct  # the share was stated with the total's other mention
            total_fig.share_item = next((i for i in items if i.share is total.share), None)
            total_fig.base = "submitted" if submitted is not None else None
        self._handled_in_words(items, out, total)
        self._unread_classes(out, items, roles)
        self._class_shares_given_apart(out)
        self._classes(out, choice, by_index)
        self._topics(out, items)
        self._satisfaction(out, items)
        self._sums(out)
        self._units(out)
        self._rates(out, submitted)
        figures = [f.build(self, scope_label) for f in _unique(out)]
        keys = {f.key for f in figures}
        return [
            replace(f, base=f.base if f.base in keys else None, parts=tuple(p for p in f.parts if p in keys))
            for f in figures
        ]

    def _fig(
        self,
        it: Item,
        kind: Kind,
        c: Candidate,
        key: str = "",
        label: str = "",
        ambiguous: list[str] | None = None,
        share: bool = True,
    ) -> _Fig:
        f = _Fig(
            kind=kind,
            item=it,
            cand=c,
            key=key,
            label=label or c.label,
            count=it.number,
            pct=it.pct if share else None,
            rank=c.rank if kind is Kind.CLASS else None,
            level=c.level if kind is Kind.SATISFACTION else None,
            dimension=c.dimension if kind is Kind.SATISFACTION else "",
            ranks=c.ranks,
            alternatives=list(ambiguous or []),
        )
        self._place(it)
        if not share and it.share is not None:
            self.placed.discard(it.share.index)
        return f

    def _place(self, it: Item) -> None:
        for m in (it.count, it.share):
            if m is not None:
                self.placed.add(m.index)

    def _ignore(self, m: Mention, reason: str) -> None:
        self.placed.add(m.index)
        a, b = self._orig(m.span)
        self.ignored.append(Ignored(self.original[a:b], (a, b), reason))

    # ---- handled, stated in words
    def _handled_in_words(self, items: list[Item], out: list[_Fig], total: Item | None) -> None:
        if total is None or any(f.kind is Kind.HANDLED and f.count is not None for f in out):
            return
        sentences = sorted({it.sentence for it in items})
        for si in sentences:
            s = self.seg.sentences[si]
            text = self.t[s.start : s.end]
            for m in re.finditer(
                r"(?:均|全部|都|所有|已全部)[^,;。]{0,12}?(?:办结|办复|办理完毕|答复完毕|办复完毕|办理并答复完毕|办理答复|办理完)",
                text,
            ):
                if "率" in text[m.end() : m.end() + 1]:
                    continue
                # "交办建议均…办结", "立案提案均已办复": only the items of that stage, not the total's
                subject = self.lex.volume_stage(text[max(0, m.start() - 8) : m.start()])
                others = [
                    it
                    for it in items
                    if it is not total and it.number != total.number and it.stage == (subject.value if subject else -1)
                ]
                if subject is not None and subject.value != total.stage and others:
                    continue
                f = _Fig(kind=Kind.HANDLED, item=None, cand=None, key="handled", label="办结", count=total.number)
                f.span = (s.start + m.start(), s.start + m.end())
                f.sentence = (s.start, s.end)
                f.evidence = f"handled = the total, stated in words ({m.group(0)})"
                out.append(f)
                return

    # ---- classes: rank collisions, second breakdowns, lumps
    def _unread_classes(self, out: list[_Fig], items: list[Item], roles: dict[int, Candidate]) -> None:
        """A count inside a list of classes whose words the lexicon does not know ("因客观原因一时难以办理的
        331条" between two classes) is most likely a class too: it is read as the class its place in the
        list gives, marked ambiguous, so that every check on the classes asks instead of accusing."""
        classes = [f for f in out if f.kind is Kind.CLASS and f.item is not None]
        weak_topics = {
            id(f.item): f for f in out if f.kind is Kind.TOPIC and f.item is not None and f.cand and f.cand.score <= 1
        }
        placed = {id(f.item) for f in out if f.item is not None} - set(weak_topics)
        for it in items:
            c = roles.get(it.index)
            if it.count is None or it.count.unit not in ("件", "条", "项") or id(it) in placed:
                continue
            if c is not None and c.role not in (Role.NONE, Kind.TOPIC.value) or (c is not None and c.score > 1):
                continue
            same = [f for f in classes if f.item.sentence == it.sentence]
            before = [f for f in same if f.item.start < it.start]
            after = [f for f in same if f.item.start > it.start]
            if not before or len(same) < 2:
                continue
            taken = {f.rank for f in same}
            low = max(f.rank or 0 for f in before)
            high = min((f.rank or 9 for f in after), default=9)
            free = [r for r in range(low + 1, min(high, 5)) if r not in taken] or [low + 1]
            rank = free[0]
            label = _label_words(it.before).strip(" ,;、") or str(it.count.number)
            if id(it) in weak_topics:
                out.remove(weak_topics[id(it)])  # not a topic row: a class whose words are not known
            fig = self._fig(
                it, Kind.CLASS, Candidate(Kind.CLASS.value, 0, "no class words known", rank=rank), label=label
            )
            fig.rank = rank
            fig.evidence = f"rank {rank} by its place in the list of classes: the words are not in the lexicon"
            fig.alternatives = [
                f"读不出“{label[:20]}”属于哪一类(按在列表中的位置暂作第{rank}类),请确认 / "
                f"its class could not be read (taken as rank {rank} by its place in the list): please confirm"
            ]
            out.append(fig)
            classes.append(fig)

    def _class_shares_given_apart(self, out: list[_Fig]) -> None:
        """ "A类94件、B类91件、C类31件,A类和B类分别占43.5%和42.1%": the share of a lettered class, given
        after its count in the same or the next sentence, is that class's share — one figure, not two."""
        for f in [f for f in out if f.kind is Kind.CLASS and f.count is None and f.pct is not None]:
            letter = f.cand.letter if f.cand else ""
            if not letter or f.item is None:
                continue
            mine = [
                g
                for g in out
                if g.kind is Kind.CLASS
                and g is not f
                and g.pct is None
                and g.count is not None
                and g.cand is not None
                and g.cand.letter == letter
                and g.dimension == f.dimension
                and g.item is not None
                and 0 <= f.item.sentence - g.item.sentence <= 1
                and g.item.start < f.item.start
            ]
            if len(mine) == 1:
                g = mine[0]
                g.pct, g.share_item = f.pct, f.item
                g.evidence = f"the share of {letter}类 is given after its count ({f.pct}%)"
                out.remove(f)

    def _classes(self, out: list[_Fig], choice: ScopeChoice, by_index: dict[int, Item]) -> None:
        classes = [f for f in out if f.kind is Kind.CLASS]
        group = 1
        taken: dict[int, _Fig] = {}
        last: _Fig | None = None
        for f in classes:
            r = f.rank or 0
            prev = taken.get(r)
            if prev is not None:
                if prev.count == f.count and prev.pct == f.pct and prev.label == f.label:
                    f.duplicate_of = prev  # the same clause printed twice
                    continue
                new_sentence = f.item is not None and prev.item is not None and f.item.sentence != prev.item.sentence
                if _part_of(f, prev) and prev is last:
                    # "已解决的80件,其中当年解决的52件;正在解决的96件": a part of the class before it, no class
                    f.duplicate_of = prev
                    f.evidence = "a part of the class before it (其中…)"
                    continue
                if new_sentence and last is not None and r <= (last.rank or 0):
                    group += 1  # the ranks start again in a new sentence: a second breakdown of the items
                    taken = {}
                elif prev is last and all((c.rank or 0) <= r for c in taken.values()):
                    # "正在解决的18件,规划解决的16件": two classes read alike, listed in order: the later is the next
                    free = [x for x in (*(f.cand.also if f.cand else ()), r + 1) if x not in taken and x > r]
                    if free:
                        f.evidence = f"rank {free[0]} by position (two classes in a row read as rank {r})"
                        f.rank = r = free[0]
            if group > 1:
                f.dimension = f"第{group}组"
            taken[r] = f
            last = f
        # "23件B类件已经解决或基本解决16件,占69.6%": the class counted among the items of a class named before
        class_items = [g for g in out if g.kind is Kind.BASE and g.item is not None and "类件" in g.label]
        for f in classes:
            named = [g for g in class_items if f.item is not None and g.item.sentence == f.item.sentence]
            if named and named[-1].item.end <= f.item.start:
                f.base = named[-1].key_hint()
        for f in [f for f in out if f.duplicate_of is not None]:
            out.remove(f)
            why = "a part of the class before it (其中…)" if f.evidence else "the same clause printed twice"
            for m in (f.item.count, f.item.share) if f.item else ():
                if m is not None:
                    self._ignore(m, why)
        self._lumps(out)
        for f in out:
            if f.kind is Kind.CLASS_COMBINED and f.ranks:
                parts = [c for c in out if c.kind is Kind.CLASS and c.rank in f.ranks and not c.dimension]
                f.parts = [p.key_hint() for p in parts]
        base_idx = choice.bases.get("classes")
        base_item = by_index.get(base_idx) if isinstance(base_idx, int) else None
        if base_item is not None and choice.total is not None and base_item is not choice.total:
            key = next((g.key for g in out if g.item is base_item and g.key), None)
            referred = False  # the base is named by reference only: counts of classes are of it too
            if key is None:
                key = f"base_{base_item.number}"
                mine = [g for g in out if g.item is base_item]
                for g in mine:
                    g.key = key
                if not mine and base_item.number is not None:
                    # "五次会议148件建议中,已解决61件…": the count the classes are of, named by reference
                    c = Candidate(Kind.BASE.value, 0, "the count the classes are of (…件中)", label="基数")
                    out.append(self._fig(base_item, Kind.BASE, c, key=key, label=_label_words(base_item.before)))
                    referred = True
            for f in out:
                if f.kind is Kind.CLASS and (f.pct is not None or referred):
                    f.base = key

    def _lumps(self, out: list[_Fig]) -> None:
        """ "已落实或逐步实施的190件", "解决和正在解决的3096件": a class whose words cover the solved and the
        being-solved. Beside a class of its own for the being-solved, it is the solved class (the better
        rank); with every class it lumps given apart, it is their sum; alone, it is a sum of classes
        whose parts the report does not give — never a resolution rate."""
        for f in [f for f in out if f.kind is Kind.CLASS and f.cand is not None]:
            ranks = set(f.cand.lump or ((f.rank or 0, *f.cand.also) if f.cand.also else ()))
            if not {1, 2} <= ranks or f.cand.letter:
                continue
            others = {c.rank for c in out if c.kind is Kind.CLASS and c is not f and c.dimension == f.dimension}
            if (ranks - {min(ranks)}) & others and not ranks <= others:
                continue
            f.kind = Kind.CLASS_COMBINED
            f.ranks = tuple(sorted(ranks))
            f.evidence = (
                "a sum of classes "
                + "+".join(map(str, f.ranks))
                + (" (its classes are given apart)" if ranks <= others else " (its parts are not given apart)")
            )
            f.key = ""

    # ---- topic and proposer breakdowns: one set per sentence, on the count they break down
    def _topics(self, out: list[_Fig], items: list[Item]) -> None:
        topics = [f for f in out if f.kind is Kind.TOPIC and f.item is not None]
        # a headline that names one row of the table below ("城建城管类提案536件,数量位居首位")
        for f in list(topics):
            later = [g for g in topics if g is not f and g.count == f.count and g.item.start > f.item.start]
            twin = next((g for g in later if g.label and g.label in f.label), None)
            if twin is not None and f.pct is None:
                out.remove(f)
                topics.remove(f)
                self._ignore(f.item.count, "a topic row stated again") if f.item.count else None
        groups: dict[tuple[int, bool], list[_Fig]] = {}
        for f in topics:  # proposer rows (委员提案, 集体提案) and subject rows are two breakdowns
            proposer = bool(self.lex.proposers.last(f.label[-10:]))
            groups.setdefault((f.item.sentence, proposer), []).append(f)
        volumes = {
            id(g.item): g for g in out if g.item is not None and g.kind in (Kind.TOTAL, Kind.SUBMITTED, Kind.BASE)
        }
        for k, ((sentence, _), members) in enumerate(
            sorted(groups.items(), key=lambda g: min(f.item.start for f in g[1]))
        ):
            first = min(members, key=lambda f: f.item.start)
            before = [
                it for it in items if it.sentence == sentence and it.start < first.item.start and id(it) in volumes
            ]
            total_rows = sum(f.count or 0 for f in members)
            if before and "其中" in self.t[before[0].end : first.item.start]:
                # "24件…(1件…,23件…),其中:…": the count the rows add up to, else the nearest one
                whole = volumes[id(next((b for b in before if b.number == total_rows), before[-1]))]
                if whole.kind is not Kind.TOTAL:
                    for f in members:
                        f.base = whole.key_hint()
            if len(groups) > 1 and k > 0:
                for f in members:
                    f.dimension = f"第{k + 1}组"

    # ---- satisfaction: bases, bare 满意率, a share and its count as one figure
    def _satisfaction(self, out: list[_Fig], items: list[Item]) -> None:
        # "不满意的3件,占0.79%。对不满意的3件建议,市政府已责成…": a later sentence naming the same count of
        # the same level again restates it; it is no second figure
        for f in [f for f in out if f.kind is Kind.SATISFACTION and f.pct is None and f.item is not None]:
            if any(
                g is not f
                and g.kind is Kind.SATISFACTION
                and g.level is f.level
                and g.count == f.count
                and g.item is not None
                and g.item.sentence < f.item.sentence
                for g in out
            ):
                out.remove(f)
                self._ignore(f.item.count, "the same count of the same level, named again (对不满意的3件…)")
        sats = [f for f in out if f.kind is Kind.SATISFACTION]
        bases = [f for f in out if f.kind is Kind.SATISFACTION_BASE]
        for b in bases:
            b.key = b.key or ("feedback" if not any(x.key == "feedback" for x in out) else f"feedback_{b.count}")
            for f in sats:
                if (
                    f.item is not None
                    and b.item is not None
                    and f.item.start > b.item.start
                    and f.item.sentence - b.item.sentence <= 2  # a table header line may stand between
                ):
                    f.base = b.key
        # "对办理工作满意的160件,…基本满意的6件;对办理结果满意的149件,…基本满意的17件": a dimension
        # named once goes on for the levels after it, until the next one is named
        current, sentence = "", -1
        for f in sorted(
            (f for f in out if f.kind is Kind.SATISFACTION and f.item is not None), key=lambda f: f.item.start
        ):
            if f.dimension:
                current, sentence = f.dimension, f.item.sentence
            elif current and f.item.sentence == sentence:
                f.dimension = current
        # "满意的288件,满意率92.3%": a bare rate right after the 满意 count is that count's share (the strict rate)
        for f in list(sats):
            if f.count is not None or f.pct is None or f.item is None or not _bare_rate(f.label):
                continue
            counts_before = [o for o in sats if o.item is not None and o.count is not None and o.pct is None]
            prev = [
                o
                for o in counts_before
                if o.item.sentence == f.item.sentence and o.item.end <= f.item.start and o.level is Level.SATISFIED
            ]
            if prev and prev[-1].item.index == f.item.index - 1 and prev[-1] in out:
                prev[-1].pct = f.pct
                prev[-1].share_item = f.item
                out.remove(f)
                sats.remove(f)
        # "满意率97.8%,基本满意率2.2%", "满意率96%(144件),基本满意率4%(6件)": beside a 基本满意 share of
        # its own (not one said to be inside it, "其中基本满意率…"), a bare 满意率 is the strict one; so it is
        # beside a combined rate that says so ("满意和基本满意率达100%,其中满意率为91.4%")
        for f in sats:
            if f.level is not Level.SATISFIED_OR_BASIC or f.cand is None or f.pct is None or not _bare_rate(f.label):
                continue
            if any(_strict_beside(f, o) for o in sats):
                f.level = Level.SATISFIED
                f.evidence = "a bare 满意率 beside a 基本满意 or combined rate of its own: the strict rate"
        self._bare_rate_by_arithmetic(out, sats)
        self._rated_by_people(out, sats)
        # a plain 满意 beside no 基本满意 or 不满意 figure counts both, like a bare 满意率 (the corpus convention)
        levels = {f.level for f in sats}
        combined_named = any(f.level is Level.SATISFIED_OR_BASIC and not _bare_rate(f.label) for f in sats)
        if (
            Level.SATISFIED in levels
            and not combined_named
            and not levels & {Level.BASIC, Level.DISSATISFIED, Level.VERY_SATISFIED, Level.UNDERSTOOD}
        ):
            for f in sats:
                if f.level is Level.SATISFIED:
                    f.level = Level.SATISFIED_OR_BASIC
                    f.evidence = "满意 with no 基本满意 figure beside it: read as 满意或基本满意"
        # shares on the part a sentence names first ("会议期间代表提出的501件建议已全部办结,其中:…满意的475件")
        for f in sats:
            if f.base is not None or f.item is None:
                continue
            ahead = [
                g
                for g in out
                if g.item is not None
                and g.item.sentence == f.item.sentence
                and g.item.start < f.item.start
                and g.kind in (Kind.BASE, Kind.HANDLED, Kind.SATISFACTION_BASE)
                and g.count
            ]
            if ahead and ahead[-1].kind is not Kind.HANDLED:
                f.base = ahead[-1].key_hint()
        # two rounds of the same rating ("首次测评…满意215件…再次测评…满意220件"): the earlier is a round of its own
        seen: dict[tuple, int] = {}
        for f in sorted((f for f in sats if f.item is not None), key=lambda f: f.item.start):
            key = (f.level, f.dimension, f.base)
            if key in seen and seen[key] != f.item.sentence:
                for g in sats:
                    if g.item is not None and g.item.sentence == seen[key]:
                        g.dimension = (g.dimension + "·" if g.dimension else "") + "另一次测评"
            seen[key] = f.item.sentence
        # one rating set per base: the same dimension on two bases is two sets
        bases_by_dim: dict[str, list[str | None]] = {}
        for f in sats:
            bases_by_dim.setdefault(f.dimension, [])
            if f.base not in bases_by_dim[f.dimension]:
                bases_by_dim[f.dimension].append(f.base)
        for f in sats:
            if len(bases_by_dim[f.dimension]) > 1 and f.base != bases_by_dim[f.dimension][0]:
                f.dimension = (f.dimension + "·" if f.dimension else "") + (f.base or "总数")
        # a share stated apart from its count ("满意的288件,…满意率92.3%"): one figure
        for f in list(sats):
            if f.count is not None or f.pct is None:
                continue
            counted = [o for o in sats if o is not f and o.count is not None and o.pct is None and o in out]
            twin = next((o for o in counted if o.level == f.level and o.dimension == f.dimension), None)
            if twin is not None:
                twin.pct = f.pct
                twin.share_item = f.item
                out.remove(f)
        # "在已反馈的征询意见表中…满意…的占95.2%": shares on forms whose number is not printed
        for f in sats:
            if (
                f.base is None
                and f.item is not None
                and re.search(r"(?:已反馈|反馈|收回)[^,;。]{0,10}(?:意见表|征询表|表)中", f.item.before)
            ):
                key = "feedback_forms"
                if not any(o.key == key for o in out):
                    form = _Fig(kind=Kind.SATISFACTION_BASE, item=None, cand=None, key=key, label="已反馈的意见表")
                    form.span = (f.item.start - len(f.item.before), f.item.start)
                    form.sentence = self._sentence_of(f.item)
                    form.evidence = "feedback forms whose number is not printed"
                    out.append(form)
                f.base = key
        main_dims = [f.dimension for f in out if f.kind is Kind.SATISFACTION]
        main = main_dims[0] if main_dims else ""
        for f in out:
            if f.kind is Kind.SATISFACTION and f.dimension == main:
                f.dimension = ""

    def _rated_by_people(self, out: list[_Fig], sats: list[_Fig]) -> None:
        """ "126名代表全部参与测评,…满意和基本满意的123名,满意率为97.6%": a rate of the deputies who rated,
        not of the proposals. With no count of its own base, it is asked about, never checked on the total."""
        people = [
            m
            for m in self.mentions
            if m.sort is Sort.NOT_FIGURE
            and m.reason.startswith("a number of people")
            and re.match(r"\s*(?:名|位|人)", self.t[m.end : m.end + 4])
            and re.search(r"代表|委员", self.t[max(0, m.start - 12) : m.end + 10])
        ]
        if not people:
            return
        for f in sats:
            if f.pct is None or f.count is not None or f.base is not None or f.item is None:
                continue
            sentence = self.seg.sentences[f.item.sentence]
            near = [m for m in people if sentence.start - 200 <= m.start < f.item.start]
            if near:
                f.alternatives = [
                    *(f.alternatives or []),
                    f"满意率可能是按代表人数({near[-1].number}人)计算的,而不是按建议件数 / the rate may be of the "
                    f"{near[-1].number} deputies who rated, not of the proposals",
                ]

    def _bare_rate_by_arithmetic(self, out: list[_Fig], sats: list[_Fig]) -> None:
        """ "代表满意112件,基本满意16件,不满意0件,满意率87.5%": a bare 满意率 beside counts of both levels is
        the strict rate or the combined one; the counts say which (112/128 = 87.5%, 128/128 = 100%). When
        both or neither fit, the reader does not know and says so."""
        strict = [o for o in sats if o.level is Level.SATISFIED and o.count is not None and not o.dimension]
        basic = [o for o in sats if o.level is Level.BASIC and o.count is not None and not o.dimension]
        if len(strict) != 1 or len(basic) != 1:
            return
        for f in sats:
            if (
                f.count is not None
                or f.pct is None
                or f.level is not Level.SATISFIED_OR_BASIC
                or f.dimension
                or not _bare_rate(f.label)
            ):
                continue
            base = next((o.count for o in out if o.kind is Kind.SATISFACTION_BASE and o.key == f.base), None)
            if base is None and f.base is None:
                base = next((o.count for o in out if o.kind is Kind.TOTAL and o.count), None)
            s, b = strict[0].count, basic[0].count
            as_strict, as_both = share_fits(s, base, f.pct), share_fits(s + b, base, f.pct)  # type: ignore[operator]
            if as_strict and not as_both:
                f.level = Level.SATISFIED
                f.evidence = f"满意率 {f.pct}% is {s}/{base} (满意 alone), not {s + b}/{base}: the strict rate"
            elif as_strict is not None and as_strict == as_both:
                f.alternatives = [*(f.alternatives or []), "满意率 of 满意 alone (the strict rate)"]
                f.evidence = "a bare 满意率 beside counts of 满意 and 基本满意: which of them it counts is not said"

    # ---- stated sums: "两项合计为82.5%", "合计占提案总数的93%"
    def _sums(self, out: list[_Fig]) -> None:
        for f in [f for f in out if f.kind is Kind.STATED_SUM]:
            n = f.cand.terms if f.cand and f.cand.terms else 2
            before = [
                o
                for o in out
                if o.item is not None
                and f.item is not None
                and o.item.end <= f.item.start
                and o.item.sentence == f.item.sentence
                and o.kind not in (Kind.STATED_SUM, Kind.TOTAL)
            ]
            parts = before[-n:]
            if len(parts) < 2:
                out.remove(f)
                if f.item is not None:
                    for m in (f.item.count, f.item.share):
                        if m is not None:
                            self.placed.discard(m.index)
                continue
            # "合计占提案总数的93%" is the share of the classes' summed count; "两项合计88.3%" beside shares
            # alone may be the sum of the printed shares (41.2 + 47.1): a stated sum, checked as either
            share_of_count = f.count is not None or (f.item is not None and "占" in f.item.before[-12:])
            if all(p.kind is Kind.CLASS for p in parts) and share_of_count:
                f.kind = Kind.CLASS_COMBINED
                f.ranks = tuple(sorted(p.rank or 0 for p in parts))
            levels = {p.level for p in parts if p.kind is Kind.SATISFACTION}
            if len(levels) == len(parts) == 2 and levels == {Level.SATISFIED, Level.BASIC} and f.count is not None:
                # "满意146件;基本满意的31件,两项合计177件,占98.3%": the combined level, stated as a sum
                f.kind, f.level = Kind.SATISFACTION, Level.SATISFIED_OR_BASIC
                f.dimension = parts[0].dimension
                f.base = parts[0].base
                f.evidence = "a stated sum of satisfaction levels: the combined figure"
                continue
            f.parts = [p.key_hint() for p in parts]

    # ---- units: "6个市(州)政府及46个省直部门" are 52 units
    def _units(self, out: list[_Fig]) -> None:
        units = [f for f in out if f.kind is Kind.UNITS]
        for a, b in zip(units, units[1:], strict=False):
            if a.item is None or b.item is None or a.item.sentence != b.item.sentence or a not in out:
                continue
            between = self.t[a.item.end : b.item.start]
            if re.fullmatch(r"[^,;。]{0,16}(?:及|和|与|、)[^,;。]{0,4}", between):
                b.count = (a.count or 0) + (b.count or 0)
                b.label = f"承办单位({a.count}+{b.count - (a.count or 0)})"
                b.merged_from = a
                out.remove(a)
        seen = [f for f in out if f.kind is Kind.UNITS]
        for f in seen[1:]:
            if f.count == seen[0].count and f in out:
                out.remove(f)

    def _rates(self, out: list[_Fig], submitted: Item | None) -> None:
        for f in out:
            if f.kind is Kind.FILING_RATE and submitted is not None:
                f.base = "submitted"

    # ---- numbers left over
    def _leftovers(self) -> None:
        for m in self.mentions:
            if m.index in self.placed:
                continue
            a, b = self._orig(m.span)
            text = self.original[a:b]
            if m.sort in (Sort.COUNT, Sort.PERCENT):
                if (
                    m.sort is Sort.COUNT
                    and m.unit in ("个", "家")
                    and not self.lex.unit_nouns.first(self.t[m.end : m.end + 8])
                ):
                    self.ignored.append(
                        Ignored(text, (a, b), f"{m.unit} counts something other than suggestions or units")
                    )
                    continue
                s = self.seg.sentence_at(m.start)
                self.unparsed.append(
                    Unparsed(
                        _shown(text),
                        (a, b),
                        self._sentence_text((s.start, s.end)),
                        "a number with a unit that no rule places",
                    )
                )
            elif m.sort in (Sort.APPROXIMATE, Sort.TOO_LONG):
                s = self.seg.sentence_at(m.start)
                self.unparsed.append(Unparsed(_shown(text), (a, b), self._sentence_text((s.start, s.end)), m.reason))
            else:
                self.ignored.append(Ignored(_shown(text), (a, b), m.reason))


def _shown(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:12]}…({len(text)} chars)…{text[-8:]}"


def _strict_beside(bare: _Fig, other: _Fig) -> bool:
    """`other` shows that the bare 满意率 `bare` counts 满意 alone: a 基本满意 share of its own, or a
    combined rate that names both levels, with another value, in the same dimension."""
    if other is bare or other.pct is None or other.dimension != bare.dimension or other.item is None:
        return False
    inside = re.search(r"其中[^,;。]{0,6}$", other.item.before[-10:])  # "其中基本满意率9%" is part of it
    if other.level is Level.BASIC:
        return not inside
    return other.level is Level.SATISFIED_OR_BASIC and not _bare_rate(other.label) and other.pct != bare.pct


_BOUNDS = ("at_least", "at_most")  # "95%以上", "不足5%": qualifiers of a share that make it a bound


def _bare_rate(label: str) -> bool:
    """A 满意率 with no level words of its own ("办理满意率", not "满意或基本满意率")."""
    return not re.search(r"基本|或|和|、|含|及", label)


@dataclass
class _Fig:
    """A figure being assembled (mutable until `build`)."""

    kind: Kind
    item: Item | None
    cand: Candidate | None
    key: str = ""
    label: str = ""
    count: int | None = None
    pct: str | None = None
    rank: int | None = None
    level: Level | None = None
    dimension: str = ""
    ranks: tuple[int, ...] = ()
    base: str | None = None
    parts: list[str] | None = None
    alternatives: list[str] | None = None
    evidence: str = ""
    span: tuple[int, int] | None = None
    sentence: tuple[int, int] | None = None
    duplicate_of: _Fig | None = None
    share_item: Item | None = None
    merged_from: _Fig | None = None

    def key_hint(self) -> str:
        if not self.key:
            self.key = _key(self)
        return self.key

    def build(self, asm: _Assembler, scope: str) -> Figure:
        key = self.key_hint()
        if self.item is not None:
            start = self.item.start - len(_label_words(self.item.before))
            end = self.item.end
            if self.share_item is not None:
                end = max(end, self.share_item.end)
            if self.merged_from is not None and self.merged_from.item is not None:
                start = min(start, self.merged_from.item.start)
            sentence = asm._sentence_of(self.item)
        else:
            start, end = self.span or (0, 0)
            sentence = self.sentence or (start, end)
        a, b = asm._orig((start, end))
        evidence = tuple(x for x in (self.cand.evidence if self.cand else "", self.evidence) if x)
        alternatives = tuple(self.alternatives or ())
        share = self.share_item.share if self.share_item is not None else self.item.share if self.item else None
        bound = share.qualifier if self.pct and share is not None and share.qualifier in _BOUNDS else ""
        mine = [m for m in (self.item.count if self.item else None, share) if m is not None]
        if any(m.qualifier == "split" for m in mine):
            alternatives = (
                *alternatives,
                "数字前有被空格隔开的数字,可能是同一个数被断开(如“2 14件”即214件),请核对原文 / "
                "digits stand a space before it: it may be one number split in two (2 14 = 214): check the text",
            )
        return Figure(
            kind=self.kind,
            key=key,
            label=self.label,
            count=self.count,
            pct=parse_percent(self.pct) if self.pct else None,
            base=self.base,
            rank=self.rank if self.kind is Kind.CLASS else None,
            level=self.level if self.kind is Kind.SATISFACTION else None,
            dimension=self.dimension,
            parts=tuple(self.parts or ()),
            provenance=Provenance(
                origin="extracted", text=asm.original[a:b].strip(), sentence=asm._sentence_text(sentence), span=(a, b)
            ),
            ranks=tuple(self.ranks),
            scope=scope,
            certainty=Certainty.AMBIGUOUS if alternatives else Certainty.SURE,
            alternatives=alternatives,
            evidence=evidence,
            bound=bound,
        )


def _part_of(f: _Fig, prev: _Fig) -> bool:
    """ "已解决的80件,其中当年解决的52件": a smaller count of the same class, introduced by 其中."""
    if f.item is None or prev.item is None or f.item.sentence != prev.item.sentence:
        return False
    if f.count is None or prev.count is None or f.count >= prev.count:
        return False
    return "其中" in re.split(r"[;:。]", f.item.before)[-1]


def _label_words(before: str) -> str:
    """The words of `before` that label the number: since the last comma, semicolon or colon (at most 40)."""
    return re.split(r"[,;:。]", before)[-1][-40:]


def _key(f: _Fig) -> str:
    if f.kind in (
        Kind.HANDLED,
        Kind.REPLY_RATE,
        Kind.UNITS,
        Kind.CONTACTS,
        Kind.FILING_RATE,
        Kind.FACE_TO_FACE_RATE,
        Kind.COMMUNICATION_RATE,
    ):
        return f.kind.value
    if f.kind is Kind.SATISFACTION:
        return ".".join(p for p in ("sat", f.dimension, f.base or "", f.level.value if f.level else "") if p)
    if f.kind is Kind.CLASS:
        return ".".join(p for p in ("class", f.dimension, f.label or str(f.rank)) if p)
    if f.kind is Kind.CLASS_COMBINED:
        return f"sum.{'+'.join(map(str, f.ranks))}"
    prefix = {
        Kind.STATED_SUM: "sum",
        Kind.TOPIC: "topic",
        Kind.RATE: "rate",
        Kind.BASE: "base",
        Kind.SATISFACTION_BASE: "feedback",
    }
    return f"{prefix.get(f.kind, f.kind.value)}.{f.label or f.count}"


def _unique(out: list[_Fig]) -> list[_Fig]:
    """Figures kept once: the same kind and numbers stated twice (units 20 and 20) are one figure;
    keys made unique."""
    kept: list[_Fig] = []
    for f in out:
        twin = next(
            (
                k
                for k in kept
                if k.kind is f.kind
                and k.count == f.count
                and k.pct == f.pct
                and k.base == f.base
                and (
                    k.kind
                    in (
                        Kind.UNITS,
                        Kind.HANDLED,
                        Kind.CONTACTS,
                        Kind.REPLY_RATE,
                        Kind.BASE,
                        Kind.FILING_RATE,
                        Kind.FACE_TO_FACE_RATE,
                        Kind.COMMUNICATION_RATE,
                    )
                    or (k.kind is Kind.SATISFACTION and k.level == f.level and k.dimension == f.dimension)
                    or (k.kind is Kind.RATE and k.label == f.label)
                )
            ),
            None,
        )
        if twin is None:
            kept.append(f)
    seen: dict[str, int] = {}
    for f in kept:
        key = f.key_hint()
        n = seen.get(key, 0)
        seen[key] = n + 1
        if n:
            f.key = f"{key}#{n + 1}"
    return kept
