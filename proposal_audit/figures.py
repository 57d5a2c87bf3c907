"""The printed figures of one report, each with where it came from.

A report's figures are a flat tuple of `Figure` records: one total, other bases the text states
(submitted, filed, feedback forms returned, ...), outcome classes in any scheme ranked from solved
(rank 1) to not solvable, satisfaction levels on their base, stated sums, rates and process counts.
Printed percentages stay `Percent` (text plus exact value) so "25.90" and "25.9" differ.
Figures come from a hand-entered YAML file (`load_figures`) or, later, from the document itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt, field_validator

from .errors import FiguresError
from .rounding import Percent, parse_percent
from .schema import read_yaml, validate

__all__ = [
    "Kind",
    "Certainty",
    "Level",
    "Provenance",
    "Figure",
    "ReportMeta",
    "Figures",
    "load_figures",
    "figures_from_data",
    "figures_yaml",
    "TOTAL",
    "BASE_KINDS",
    "SUM_KINDS",
    "RATE_KINDS",
]

TOTAL = "total"


class Kind(StrEnum):
    """What a figure is. The names are those of the corpus readings (data/corpus/README.md)."""

    TOTAL = "total"  # the proposals the report is about: the base of the class shares (共接办/交办/立案 N件)
    SUBMITTED = "submitted"  # the larger 收到/提交 count when a different total is the base
    BASE = "base"  # another stated base: at session, a sub-batch, a table's 合计 row, ...
    SATISFACTION_BASE = "satisfaction_base"  # feedback forms returned / items rated, when not the total
    HANDLED = "handled"  # 办结/办复 N件; 办结率 is handled with a pct
    REPLY_RATE = "reply_rate"  # 办复率/答复率/回复率 N%
    UNITS = "units"  # handling units (承办单位)
    CLASS = "class"  # an outcome class (A/B/C/D, 甲/乙/丙, 已落实, 采纳, ...), with its rank
    CLASS_COMBINED = "class_combined"  # a lump of classes (采纳率, 已解决和正在解决), with `ranks`
    SATISFACTION = "satisfaction"  # one satisfaction level
    STATED_SUM = "stated_sum"  # a sum the text states outright (两项合计为82.5%), with `parts`
    TOPIC = "topic"  # a topic or proposer breakdown row (城建环保 69件 41.57%)
    FILING_RATE = "filing_rate"  # 立案率
    FACE_TO_FACE_RATE = "face_to_face_rate"  # 见面率 / 面商率 / 面办率
    COMMUNICATION_RATE = "communication_rate"  # 沟通率
    RATE = "rate"  # another rate
    CONTACTS = "contacts"  # contacts with deputies (人次)


# Kinds that state a population other figures can be shares of, and kinds that sum other figures.
BASE_KINDS = (Kind.TOTAL, Kind.SUBMITTED, Kind.BASE, Kind.SATISFACTION_BASE)
SUM_KINDS = (Kind.CLASS_COMBINED, Kind.STATED_SUM)
RATE_KINDS = (Kind.FILING_RATE, Kind.FACE_TO_FACE_RATE, Kind.COMMUNICATION_RATE, Kind.RATE)
# Older figures files wrote `sum` for a stated sum.
KIND_ALIASES = {"sum": Kind.STATED_SUM.value}


class Certainty(StrEnum):
    """How sure the reading of a figure is. A check on an ambiguous figure is not decidable, never a fail."""

    SURE = "sure"  # the text says it unambiguously (or a person typed or confirmed it)
    AMBIGUOUS = "ambiguous"  # another reading is possible: see `alternatives`; ask the user to confirm


class Level(StrEnum):
    VERY_SATISFIED = "very_satisfied"  # 非常满意
    SATISFIED = "satisfied"  # 满意
    BASIC = "basically_satisfied"  # 基本满意
    SATISFIED_OR_BASIC = "satisfied_or_basic"  # 满意或基本满意 / 满意率(含基本满意)
    DISSATISFIED = "dissatisfied"  # 不满意
    UNDERSTOOD = "understood"  # 理解: a rating of its own in some reports, neither satisfied nor not


LEVEL_LABELS_ZH = {
    Level.VERY_SATISFIED: "非常满意",
    Level.SATISFIED: "满意",
    Level.BASIC: "基本满意",
    Level.SATISFIED_OR_BASIC: "满意或基本满意",
    Level.DISSATISFIED: "不满意",
    Level.UNDERSTOOD: "理解",
}
LEVEL_LABELS_EN = {
    Level.VERY_SATISFIED: "very satisfied",
    Level.SATISFIED: "satisfied",
    Level.BASIC: "basically satisfied",
    Level.SATISFIED_OR_BASIC: "satisfied or basically satisfied",
    Level.DISSATISFIED: "dissatisfied",
    Level.UNDERSTOOD: "understood",
}
KIND_LABELS_ZH = {
    Kind.TOTAL: "总数",
    Kind.HANDLED: "办结",
    Kind.REPLY_RATE: "办复率",
    Kind.UNITS: "承办单位",
    Kind.CONTACTS: "沟通联系",
}
# The levels that partition a base (the combined level is a sum of two of them).
PARTITION_LEVELS = (Level.VERY_SATISFIED, Level.SATISFIED, Level.BASIC, Level.DISSATISFIED, Level.UNDERSTOOD)


@dataclass(frozen=True)
class Provenance:
    """Where a figure was read: the printed text, its character span and its sentence."""

    origin: str = "hand"  # "hand" (typed from the text) or "extracted" (read by the extractor)
    text: str = ""
    sentence: str = ""
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Figure:
    """One printed figure. `base` names the figure its percentage (or count) is a share of."""

    kind: Kind
    key: str
    label: str = ""
    count: int | None = None
    pct: Percent | None = None
    base: str | None = None
    rank: int | None = None
    level: Level | None = None
    dimension: str = ""
    parts: tuple[str, ...] = ()
    provenance: Provenance = field(default_factory=Provenance)
    ranks: tuple[int, ...] = ()  # the classes a class_combined figure lumps together
    scope: str = ""  # "" for the report's main scope; else e.g. "上年", "2003", "州人大", "会议期间"
    certainty: Certainty = Certainty.SURE
    alternatives: tuple[str, ...] = ()  # other readings the text allows, in words (Chinese, English)
    evidence: tuple[str, ...] = ()  # what decided the reading
    # "95%以上" / "不足5%": the percentage is a bound the text claims ("at_least", "at_most"), not a
    # rounded value; "" for an exact percentage
    bound: str = ""

    @property
    def is_ambiguous(self) -> bool:
        return self.certainty is Certainty.AMBIGUOUS

    @property
    def display_label(self) -> str:
        if self.label:
            return self.label
        if self.level is not None:
            return LEVEL_LABELS_ZH[self.level]
        return KIND_LABELS_ZH.get(self.kind, self.key)


@dataclass(frozen=True)
class ReportMeta:
    region: str = ""
    body: str = ""  # 人大 or 政协
    year: int | None = None
    title: str = ""
    source: str = ""  # the source document, relative to the project root


@dataclass(frozen=True)
class Figures:
    """All figures of one report, in the order they were given."""

    meta: ReportMeta
    figures: tuple[Figure, ...]
    path: str = ""

    def __iter__(self) -> Iterator[Figure]:
        return iter(self.figures)

    def get(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)

    def of_kind(self, kind: Kind) -> list[Figure]:
        return [f for f in self.figures if f.kind is kind]

    @property
    def total(self) -> Figure | None:
        return self.get(TOTAL)

    def base_of(self, fig: Figure) -> Figure | None:
        """The figure that `fig` is a share of (the total unless it names another base)."""
        return self.get(fig.base or TOTAL)

    def classes(self) -> list[Figure]:
        return sorted(self.of_kind(Kind.CLASS), key=lambda f: f.rank or 99)

    def satisfaction(self, dimension: str = "") -> list[Figure]:
        return [f for f in self.of_kind(Kind.SATISFACTION) if f.dimension == dimension]

    def dimensions(self) -> list[str]:
        """Satisfaction dimensions in order of appearance ("" is the main one)."""
        seen: dict[str, None] = {}
        for f in self.of_kind(Kind.SATISFACTION):
            seen.setdefault(f.dimension, None)
        return list(seen)


# --------------------------------------------------------------------------- file schema


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Kind
    key: str | None = None
    label: str = ""
    count: NonNegativeInt | None = None
    pct: str | None = None
    base: str | None = None
    rank: int | None = Field(default=None, ge=1, le=9)
    level: Level | None = None
    dimension: str = ""
    parts: list[str] = []
    ranks: list[int] = []
    scope: str = ""
    certainty: Certainty = Certainty.SURE
    alternatives: list[str] = []
    bound: Literal["", "at_least", "at_most"] = ""  # "95%以上": a lower bound; "不足5%": an upper one
    quote: str = ""  # the words of the report the figure was read from

    @field_validator("kind", mode="before")
    @classmethod
    def _kind_alias(cls, v: object) -> object:
        return KIND_ALIASES.get(v, v) if isinstance(v, str) else v

    @field_validator("pct")
    @classmethod
    def _printed_percentage(cls, v: str | None) -> str | None:
        if v is not None:
            parse_percent(v)  # raises ValueError with the offending text
        return v


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    region: str = ""
    body: Literal["人大", "政协", ""] = ""
    year: int | None = None
    title: str = ""
    source: str = ""
    figures: list[_Entry]
    notes: list[str] = []


def _default_key(e: _Entry) -> str:
    if e.key:
        return e.key
    if e.kind in (Kind.TOTAL, Kind.SUBMITTED, Kind.HANDLED, Kind.REPLY_RATE, Kind.UNITS, Kind.CONTACTS) or (
        e.kind in RATE_KINDS and e.kind is not Kind.RATE and not e.label
    ):
        return e.kind.value
    if e.kind is Kind.SATISFACTION:
        return ".".join(p for p in ("sat", e.dimension, e.level.value if e.level else e.label) if p)
    prefix = {Kind.CLASS: "class", Kind.STATED_SUM: "sum", Kind.CLASS_COMBINED: "sum", Kind.TOPIC: "topic"}
    return f"{prefix.get(e.kind, e.kind.value)}.{e.label or '+'.join(map(str, e.ranks))}"


def _entry_problems(entries: list[_Entry], keys: list[str]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    known = set(keys)
    for i, (e, key) in enumerate(zip(entries, keys, strict=True)):
        where = f"figures.{i}"
        if key in seen:
            problems.append((where, f"键重复 duplicate key '{key}'; give each figure its own key"))
        seen.add(key)
        if e.kind is Kind.CLASS and e.rank is None:
            problems.append((where, "分类缺少 rank rank is required for a class (1 = solved)"))
        if e.kind is Kind.SATISFACTION and e.level is None:
            problems.append((where, "满意度缺少 level level is required for satisfaction"))
        if e.kind in (Kind.BASE, Kind.SATISFACTION_BASE) and not e.key:
            problems.append((where, "基数须有 key a base needs a key other figures can name"))
        if e.kind is Kind.STATED_SUM and not e.parts:
            problems.append((where, "合计须列出 parts a sum needs the keys of its parts"))
        if e.kind is Kind.CLASS_COMBINED and not (e.parts or e.ranks):
            problems.append((where, "合并分类须列出 ranks a class_combined figure needs the ranks it lumps"))
        if e.count is None and e.pct is None and e.kind not in (Kind.BASE, Kind.SATISFACTION_BASE):
            # a base may be named without its number ("在已反馈的征询意见表中"): the checks say they cannot tell
            problems.append((where, "须有 count 或 pct a figure needs a count or a pct"))
        for ref in [*([e.base] if e.base else []), *e.parts]:
            if ref not in known:
                problems.append((where, f"引用了不存在的键 refers to unknown key '{ref}'"))
    if TOTAL not in known:
        problems.append(("figures", "缺少总数 no figure of kind 'total'"))
    return problems


def _parts_of_ranks(e: _Entry, entries: list[_Entry], keys: list[str]) -> tuple[str, ...]:
    """The keys of the classes a class_combined figure lumps (same base and breakdown)."""
    if e.kind is not Kind.CLASS_COMBINED or not e.ranks:
        return ()
    return tuple(
        k
        for o, k in zip(entries, keys, strict=True)
        if o.kind is Kind.CLASS and o.rank in e.ranks and o.base == e.base and o.dimension == e.dimension
    )


def load_figures(path: str | Path) -> Figures:
    """Load a hand-entered figures file; every problem in it is reported together."""
    path = Path(path)
    return figures_from_data(read_yaml(path, FiguresError), path)


def figures_from_data(raw: object, path: str | Path = "<figures>") -> Figures:
    """Build Figures from parsed YAML (a mapping with `figures:`), validating it as load_figures does."""
    path = Path(path)
    data = validate(_File, raw, path, FiguresError)
    keys = [_default_key(e) for e in data.figures]
    problems = _entry_problems(data.figures, keys)
    if problems:
        raise FiguresError(path, problems)
    figures = tuple(
        Figure(
            kind=e.kind,
            key=key,
            label=e.label,
            count=e.count,
            pct=parse_percent(e.pct) if e.pct is not None else None,
            base=e.base,
            rank=e.rank,
            level=e.level,
            dimension=e.dimension,
            parts=tuple(e.parts) or _parts_of_ranks(e, data.figures, keys),
            provenance=Provenance(origin="hand", text=e.quote, sentence=e.quote),
            ranks=tuple(e.ranks),
            scope=e.scope,
            certainty=e.certainty,
            alternatives=tuple(e.alternatives),
            bound=e.bound,
        )
        for e, key in zip(data.figures, keys, strict=True)
    )
    meta = ReportMeta(data.region, data.body, data.year, data.title, data.source)
    return Figures(meta=meta, figures=figures, path=str(path))


# --------------------------------------------------------------------------- writing a figures file


def _flow(value: object) -> str:
    import yaml

    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000, sort_keys=False).strip()


_CONFIRM = "请确认 confirm: 核对原文后把 ambiguous 改为 sure(需要时改正数字) / check the text, then set sure"


def figures_yaml(figures: Figures, header: str = "") -> str:
    """A figures file (the schema load_figures reads) for these figures, one line per figure.

    A figure the reader was not sure of keeps `certainty: ambiguous` and its alternatives, with a
    comment asking to confirm it: the user edits this one file, and the audit then runs on it.
    """
    meta = figures.meta
    lines = [header.rstrip()] if header else []
    for name, value in (("region", meta.region), ("body", meta.body), ("year", meta.year), ("title", meta.title)):
        if value:
            lines.append(f"{name}: {_flow(value)}")
    lines.append("figures:")
    for f in figures:
        entry: dict[str, object] = {"kind": f.kind.value, "key": f.key}
        if f.label:
            entry["label"] = f.label
        for name in ("count", "rank", "base", "dimension"):
            value = getattr(f, name)
            if value not in (None, ""):
                entry[name] = value
        if f.pct is not None:
            entry["pct"] = f.pct.text
        if f.level is not None:
            entry["level"] = f.level.value
        if f.parts:
            entry["parts"] = list(f.parts)
        if f.ranks:
            entry["ranks"] = list(f.ranks)
        if f.bound:
            entry["bound"] = f.bound
        if f.is_ambiguous:
            entry["certainty"] = f.certainty.value
            entry["alternatives"] = list(f.alternatives)
            lines.append(f"  # {_CONFIRM}")
        entry["quote"] = f.provenance.text
        lines.append(f"  - {_flow(entry)}")
    return "\n".join(lines) + "\n"
