"""The structure of one report's figures that the checks share: which figures partition which base,
what count a share without its own count stands for, and a stable name (subject) for every figure.

Subjects are built from a figure's kind, rank or level, its scope, breakdown and base, and its order
among figures of the same kind, never from its printed label: a traditional-script copy of a report
and its simplified original get the same ids (`class.r1`, `sat.d1.satisfied`, `topic.3`, `sum.1`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..figures import (
    BASE_KINDS,
    PARTITION_LEVELS,
    SUM_KINDS,
    TOTAL,
    Figure,
    Figures,
    Kind,
    Level,
)
from ..lexicon import lexicon
from ..results import Text

__all__ = [
    "PercentSet",
    "percent_sets",
    "subject",
    "qualifiers",
    "set_subject",
    "share_base",
    "implied_count",
    "parts_of",
    "candidate_bases",
    "related_shares",
    "name",
]

# Kinds whose figures are several in a report get a prefix; the others are named by their kind alone.
_PREFIX = {
    Kind.CLASS: "class",
    Kind.SATISFACTION: "sat",
    Kind.TOPIC: "topic",
    Kind.STATED_SUM: "sum",
    Kind.CLASS_COMBINED: "combined",
    Kind.RATE: "rate",
    Kind.BASE: "base",
    Kind.SATISFACTION_BASE: "sat_base",
}
_PREFIX |= {k: "" for k in Kind if k not in _PREFIX}
_OWN_COUNT = Text("", "")  # a share's own printed count needs no explanation
_NO_COUNT: tuple[int | None, tuple[str, ...], Text] = (None, (), _OWN_COUNT)
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def name(f: Figure) -> str:
    """A figure as a reader knows it: its printed label."""
    return f.display_label


def _ordinal(values: list[str], value: str) -> int:
    """1-based position of `value` among the distinct non-empty `values`, in order of appearance."""
    seen = list(dict.fromkeys(v for v in values if v))
    return seen.index(value) + 1


def qualifiers(f: Figure, figs: Figures) -> list[str]:
    """What sets a figure apart from others of its kind: scope, breakdown (dimension) and base."""
    out = []
    if f.scope:
        out.append(f"s{_ordinal([g.scope for g in figs], f.scope)}")
    if f.dimension:
        out.append(f"d{_ordinal([g.dimension for g in figs if g.kind is f.kind], f.dimension)}")
    if f.base and f.base != TOTAL and f.kind not in BASE_KINDS:
        out.append(f.base if _IDENT.fullmatch(f.base) else f"base{_base_number(figs, f.base)}")
    return out


def _base_number(figs: Figures, key: str) -> int:
    """A base whose key is not an identifier is numbered among such bases (0 if it is none of them)."""
    keys = [f.key for f in figs if f.kind in BASE_KINDS and f.kind is not Kind.TOTAL and not _IDENT.fullmatch(f.key)]
    return keys.index(key) + 1 if key in keys else 0


def _core(f: Figure, figs: Figures) -> str:
    if f.kind is Kind.CLASS:
        return f"r{f.rank}"
    if f.kind is Kind.SATISFACTION:
        return str(f.level)  # figures files require a level
    if f.kind is Kind.CLASS_COMBINED and f.ranks:
        return "r" + "+".join(map(str, f.ranks))
    if f.kind in (Kind.BASE, Kind.SATISFACTION_BASE):
        # a base's key is chosen by a person (figures files require one), not printed; else its number
        return f.key if _IDENT.fullmatch(f.key) else str(_base_number(figs, f.key))
    return "" if _PREFIX[f.kind] else f.kind.value  # "": numbered in order of appearance


def _subjects(figs: Figures) -> dict[str, str]:
    out: dict[str, str] = {}
    counters: dict[str, int] = {}
    for f in figs:
        core = _core(f, figs)
        stem = ".".join(p for p in (_PREFIX[f.kind], *qualifiers(f, figs), core) if p)
        n = counters[stem] = counters.get(stem, 0) + 1
        out[f.key] = f"{stem}.{n}" if not core else (stem if n == 1 else f"{stem}.{n}")
    return out


def subject(f: Figure, figs: Figures) -> str:
    """The stable name of a figure within its report (see the module's docstring)."""
    return _subjects(figs)[f.key]


# --------------------------------------------------------------------------- sets that partition a base


@dataclass(frozen=True)
class PercentSet:
    """Figures that share one base and partition it (classes, satisfaction levels, topics)."""

    kind: str  # "classes", "satisfaction" or "topics"
    subject: str  # "" for the main set of its kind, else its scope, breakdown and base ("d1.dangqun")
    title: Text
    members: tuple[Figure, ...]
    base: Figure | None
    complete: bool  # the members are known to cover the whole base
    # The figure the members' counts add up to when their shares are printed on another stated base
    # (classes counted on the 341 handled after merging, shares "占立案总数的" 365): then they partition
    # that figure, and their shares sum to its share of the base, not to 100.
    counted_on: Figure | None = None


def set_subject(figs: Figures, members: list[Figure]) -> str:
    """The subject of a set: what sets its members apart from the main set ("" for the main set)."""
    return ".".join(qualifiers(members[0], figs))


def _groups(figs: Figures, kind: Kind) -> dict[tuple[str, str, str], list[Figure]]:
    groups: dict[tuple[str, str, str], list[Figure]] = {}
    members = figs.classes() if kind is Kind.CLASS else figs.of_kind(kind)
    for f in members:
        if kind is Kind.SATISFACTION and f.level not in PARTITION_LEVELS:
            continue
        groups.setdefault((f.scope, f.dimension, f.base or TOTAL), []).append(f)
    return groups


def _counted_to_base(members: list[Figure], base: Figure | None) -> bool:
    return (
        base is not None
        and base.count is not None
        and all(m.count is not None for m in members)
        and sum(m.count or 0 for m in members) == base.count
    )


def _counted_on(members: list[Figure], base: Figure | None, figs: Figures) -> Figure | None:
    """The total, when members whose shares name another base (占立案总数的…) add up to it exactly."""
    total = figs.total
    if base is None or total is None or base is total or base.count == total.count:
        return None
    return total if _counted_to_base(members, total) else None


def _with_lumps(key: tuple[str, str, str], members: list[Figure], figs: Figures) -> list[Figure]:
    """The classes of one group with the lumps that stand in for classes the text does not print
    ("已解决和正在解决的150件…暂时无法解决的50件": the lump and class 3 partition the total). A lump
    whose ranks are all printed is a stated sum (sum.count checks it); a printed class inside a lump
    that stands in ("其中已解决90件") is its sub-count, not a part of the partition."""
    ranks = {m.rank for m in members}
    lumps = [
        f
        for f in figs.of_kind(Kind.CLASS_COMBINED)
        if f.ranks and (f.scope, f.dimension, f.base or TOTAL) == key and not set(f.ranks) <= ranks
    ]
    covered = [r for f in lumps for r in f.ranks]
    if not lumps or len(covered) != len(set(covered)):  # overlapping lumps: no partition to read
        return members
    kept = [*lumps, *(m for m in members if m.rank not in covered)]
    return sorted(kept, key=lambda f: min(f.ranks) if f.ranks else f.rank or 99)


def _percent_sets(figs: Figures) -> tuple[PercentSet, ...]:
    sets: list[PercentSet] = []
    for key, classes in _groups(figs, Kind.CLASS).items():
        _, dim, base_key = key
        members = _with_lumps(key, classes, figs)
        # A scheme that reaches "cannot be solved now" / "for reference" (rank 3+) claims to cover
        # every proposal; one that lists only adopted / being solved may leave the rest undescribed.
        complete = any((m.rank or 0) >= 3 for m in members)
        title = Text("办理结果分类" + (f"({dim})" if dim else ""), "outcome classes" + (f" ({dim})" if dim else ""))
        base = figs.get(base_key)
        sets.append(
            PercentSet(
                "classes",
                set_subject(figs, members),
                title,
                tuple(members),
                base,
                complete,
                _counted_on(members, base, figs),
            )
        )
    for (_, dim, base_key), members in _groups(figs, Kind.SATISFACTION).items():
        base = figs.get(base_key)
        complete = any(m.level is Level.DISSATISFIED for m in members) or _counted_to_base(members, base)
        title = Text("满意度" + (f"({dim})" if dim else ""), "satisfaction" + (f" ({dim})" if dim else ""))
        sets.append(PercentSet("satisfaction", set_subject(figs, members), title, tuple(members), base, complete))
    for (_, dim, base_key), members in _groups(figs, Kind.TOPIC).items():
        base = figs.get(base_key)
        title = Text("议题分类" + (f"({dim})" if dim else ""), "topics" + (f" ({dim})" if dim else ""))
        sets.append(
            PercentSet(
                "topics", set_subject(figs, members), title, tuple(members), base, _counted_to_base(members, base)
            )
        )
    return tuple(sets)


def percent_sets(figs: Figures) -> list[PercentSet]:
    """The sets whose members should add up to their base (and their shares to 100)."""
    return list(_percent_sets(figs))


def set_of(fig: Figure, figs: Figures) -> PercentSet | None:
    return next((s for s in _percent_sets(figs) if fig in s.members), None)


# --------------------------------------------------------------------------- bases and implied counts


def share_base(fig: Figure, figs: Figures) -> Figure | None:
    """The figure `fig` is a share of: its stated base, else the total — except a filing rate (立案率),
    which is the total's share of the proposals submitted."""
    if fig.kind is Kind.FILING_RATE and not fig.base:
        return next(iter(figs.of_kind(Kind.SUBMITTED)), None)
    return figs.base_of(fig)


def parts_of(fig: Figure, figs: Figures) -> list[Figure]:
    """The figures a stated sum or a lump of classes adds up: its parts, else the classes of its ranks
    (same scope, breakdown and base)."""
    if fig.parts:
        return [p for p in map(figs.get, fig.parts) if p is not None]
    if fig.kind is Kind.CLASS_COMBINED and fig.ranks:
        return [
            c
            for c in figs.classes()
            if c.rank in fig.ranks and c.scope == fig.scope and c.dimension == fig.dimension and c.base == fig.base
        ]
    return []


_FILED_STAGE = 2  # the stage of 立案 among the volume words of the lexicon (收到 1, 立案 2, 并案 3, 交办 4)


def _filed(figs: Figures) -> Figure | None:
    """The count of proposals filed: a count worded as filed, else the total unless it is worded as a
    later stage (then the filed count is not stated and a filing rate has no count)."""
    lex = lexicon()
    total = figs.total

    def stage(f: Figure) -> int:
        m = lex.volume_stage(f.label)
        return m.value if m else 0

    worded = [f for f in figs if f.kind in (Kind.TOTAL, Kind.BASE) and f.count and stage(f) == _FILED_STAGE]
    if worded:
        return next((f for f in worded if f is total), worded[0])
    return total if total is not None and stage(total) <= _FILED_STAGE else None


def implied_count(fig: Figure, figs: Figures) -> tuple[int | None, tuple[str, ...], Text]:
    """The count a share stands for — its own, or one other figures give — with the keys it came from
    and how it was obtained (empty text for its own count).

    Face-to-face and communication rates never get one: the text would have to print it.
    """
    if fig.count is not None:
        return fig.count, (), _OWN_COUNT
    if fig.kind is Kind.REPLY_RATE:
        handled = next(iter(figs.of_kind(Kind.HANDLED)), None)
        if handled is not None and handled.count is not None:
            return handled.count, (handled.key,), Text("办结件数", "handled")
    if fig.kind is Kind.FILING_RATE:
        # the count filed (立案): the total, unless the total is a later stage (并案后, 交办) and the
        # text counts the filed proposals apart ("立案276件…并案后交办259件": 276 of 318)
        filed = _filed(figs)
        if filed is not None and filed.count is not None:
            return filed.count, (filed.key,), Text("立案件数", "the proposals filed")
    if fig.kind is Kind.SATISFACTION and fig.level is Level.SATISFIED_OR_BASIC:
        levels = [
            f
            for f in figs.satisfaction(fig.dimension)
            if f.level in (Level.VERY_SATISFIED, Level.SATISFIED, Level.BASIC)
            and f.base == fig.base
            and f.scope == fig.scope
        ]
        if (
            len(levels) >= 2
            and any(f.level is Level.BASIC for f in levels)
            and all(f.count is not None for f in levels)
        ):
            return (
                sum(f.count or 0 for f in levels),
                tuple(f.key for f in levels),
                Text("满意+基本满意", "satisfied + basic"),
            )
    if fig.kind in SUM_KINDS:
        parts = parts_of(fig, figs)
        if parts and all(p.count is not None for p in parts):
            return sum(p.count or 0 for p in parts), tuple(p.key for p in parts), Text("分项之和", "sum of parts")
    return _NO_COUNT


# Kinds whose counts are populations a share could have been computed on.
_POPULATION_KINDS = (*BASE_KINDS, Kind.HANDLED, Kind.TOPIC, *SUM_KINDS)


def candidate_bases(fig: Figure, figs: Figures, n: int) -> list[tuple[int, Text]]:
    """Counts of proposals the text states that a share might really be computed on.

    Totals, other bases, handled, topic and stated-sum counts, and the sum of the set the figure
    belongs to; never units, contacts or single class counts, which are not populations.
    """
    cands = [
        (f.count, Text(name(f), name(f))) for f in figs if f.kind in _POPULATION_KINDS and f.count and f is not fig
    ]
    s = set_of(fig, figs)
    if s is not None and all(m.count is not None for m in s.members):
        cands.append(
            (sum(m.count or 0 for m in s.members), Text(f"{s.title.zh}件数之和", f"the sum of the {s.title.en}"))
        )
    seen: set[int] = {n}
    out = []
    for m, why in cands:
        if m is not None and m not in seen:
            seen.add(m)
            out.append((m, why))
    return out


def related_shares(fig: Figure, figs: Figures) -> tuple[Figure, ...]:
    """Shares that must come from one base with `fig`: its set, and stated sums over the set."""
    if fig.kind in SUM_KINDS:
        group = [fig, *parts_of(fig, figs)]
    else:
        s = set_of(fig, figs)
        group = list(s.members) if s is not None else [fig]
    keys = {g.key for g in group}
    group += [f for f in figs if f.kind in SUM_KINDS and f not in group and keys & {p.key for p in parts_of(f, figs)}]
    return tuple(group)
