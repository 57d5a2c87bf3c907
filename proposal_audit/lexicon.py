"""The wording lexicon (lexicon.yaml) and the few rules that combine its words.

The reader never names a wording in code: every phrase it knows lives in lexicon.yaml with an example
that is also a test row. This module loads that file once and answers questions about a label — which
outcome class it names (`class_reading`), which satisfaction level (`level`), which rate (`rate`), at
which stage a volume of suggestions was counted (`volume_stage`) — always matching the longest word
first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .figures import Kind, Level

__all__ = ["Lexicon", "ClassReading", "RateReading", "Match", "lexicon", "LEXICON_FILE"]

LEXICON_FILE = Path(__file__).with_name("lexicon.yaml")


@dataclass(frozen=True)
class Match:
    word: str
    start: int
    end: int
    value: Any


def expand(word: str) -> list[str]:
    """Brace alternatives, as in a shell: "{列入,纳入}{,工作}计划" → 列入计划, 列入工作计划, 纳入计划, 纳入工作计划."""
    m = re.search(r"\{([^{}]*)\}", word)
    if not m:
        return [word]
    return [w for alt in m.group(1).split(",") for w in expand(word[: m.start()] + alt + word[m.end() :])]


class _Words:
    """Literal words → values; finds non-overlapping matches, the longest word first at each place.

    A word may give alternatives in braces ("{列入,纳入}{,工作,年度}{计划,规划}"): each is a word."""

    def __init__(self, pairs: list[tuple[str, Any]]):
        self.values: dict[str, Any] = {}
        for word, value in pairs:
            for w in expand(word):
                self.values.setdefault(w, value)
        words = sorted(self.values, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, words))) if words else re.compile(r"(?!)")

    def find(self, text: str) -> list[Match]:
        return [Match(m.group(0), m.start(), m.end(), self.values[m.group(0)]) for m in self.pattern.finditer(text)]

    def first(self, text: str) -> Match | None:
        m = self.pattern.search(text)
        return Match(m.group(0), m.start(), m.end(), self.values[m.group(0)]) if m else None

    def last(self, text: str) -> Match | None:
        found = self.find(text)
        return found[-1] if found else None

    def strip_prefix(self, text: str) -> str:
        """`text` without the longest of these words it starts with ("其中市本级" → "市本级")."""
        m = self.pattern.match(text)
        return text[m.end() :] if m and m.end() < len(text) else text

    def __contains__(self, text: str) -> bool:
        return bool(self.pattern.search(text))

    def __iter__(self):  # noqa: ANN204
        return iter(self.values)


@dataclass(frozen=True)
class ClassReading:
    """What a label says about an outcome class."""

    rank: int  # the rank the words give (by meaning, or the report's letter)
    lump: tuple[int, ...] = ()  # the label sums several classes ("解决和正在解决"): their ranks
    also: tuple[int, ...] = ()  # other ranks the words allow (a merged "cannot now / for reference")
    letter: str = ""  # the report's own letter, when it gives one
    words: tuple[str, ...] = ()  # the words that decided
    generic: bool = False  # only a bare verb (解决, 采纳) matched: weak evidence


@dataclass(frozen=True)
class RateReading:
    kind: Kind
    word: str
    ranks: tuple[int, ...] = ()


class Lexicon:
    """The lexicon file, compiled into matchers."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.classes = _Words([(w, (e["rank"], bool(e.get("generic")))) for e in data["classes"] for w in e["words"]])
        self.letters: dict[str, int] = {str(k): int(v) for k, v in data["class_letters"].items()}
        letters = "".join(self.letters)
        self._letter = re.compile(rf"(?<![A-Za-z])([{letters}])\s*(?:类|级)|^\s*\(?([{letters}])\)?\s*$")
        # letters named together: "A类和B类", "A、B类", "A、B两类" (a lump of the report's own classes)
        self._letters_together = re.compile(
            rf"(?<![A-Za-z])([{letters}])(?=\s*(?:类|级)?\s*(?:[、,，和及与加]|以及)\s*[{letters}]\s*(?:[两二三]?\s*(?:类|级)|[、,，和及与]))"
            rf"|(?<=[、,，和及与加])\s*([{letters}])(?=\s*[两二三]?\s*(?:类|级))"
        )
        self.negations = _Words([(w, True) for w in data["negations"]])
        combine = data["combine"]
        self.connectors = _Words([(w, kind) for kind in ("better", "worse", "lump") for w in combine[kind]])
        self.class_headings = _Words([(w, True) for w in data["class_headings"]])
        self.levels = _Words([(w, Level(e["level"])) for e in data["satisfaction"] for w in e["words"]])
        self.dimensions = _Words([(w, w) for w in data["satisfaction_dimensions"]])
        self.rates = _Words(
            [(w, RateReading(Kind(e["kind"]), w, tuple(e.get("ranks", ())))) for e in data["rates"] for w in e["words"]]
        )
        self.item_nouns = _Words([(w, w) for w in data["item_nouns"]])
        self.motions = _Words([(w, w) for w in data["motion_nouns"]])
        self.volumes = _Words([(w, int(e["stage"])) for e in data["volumes"] for w in e["words"]])
        self.not_volumes = _Words([(w, True) for w in data["not_volumes"]])
        self.volume_verbs_not_before = _Words([(w, True) for w in data["volume_verbs_not_before"]])
        self.handled_words = _Words([(w, True) for w in data["handled"]["words"]])
        self.pending_words = _Words([(w, True) for w in data["handled"]["pending"]])
        units = data["units"]
        self.unit_nouns = _Words([(w, True) for w in units["nouns"]])
        self.unit_verbs = _Words([(w, True) for w in units["verbs"]])
        self.unit_not = _Words([(w, True) for w in units["not"]])
        self.contact_words = _Words([(w, True) for w in data["contacts"]["words"]])
        self.goal_words = _Words([(w, True) for w in data["goals"]["words"]])
        self.satisfaction_bases = _Words([(w, True) for w in data["satisfaction_bases"]["words"]])
        self.forms_sent = _Words([(w, True) for w in data["satisfaction_bases"]["sent"]])
        self.forms_returned = _Words([(w, True) for w in data["satisfaction_bases"]["returned"]])
        topics = data["topics"]
        self.topic_suffixes = _Words([(w, True) for w in topics["suffixes"]])
        self.proposers = _Words([(w, True) for w in topics["proposers"]])
        rel = data["relations"]
        self.relations = {name: _Words([(w, name) for w in rel[name]]) for name in rel if name != "share_bases"}
        self.share_bases = _Words([(w, name) for name, words in rel["share_bases"].items() for w in words])
        self.scopes = _Words([(w, name) for name, words in data["scopes"].items() for w in words])
        bodies = data["bodies"]
        self.bodies = _Words([(w, b) for b, group in bodies.items() for words in group.values() for w in words])
        self.strong_bodies = _Words([(w, b) for b, group in bodies.items() for w in group["strong"]])
        self.levels_of_government = tuple(data["levels"])
        self.ballot_units = tuple(data["ballots"]["units"])

    # ------------------------------------------------------------------ classes
    def letter(self, text: str) -> str:
        """The class letter a label gives itself ("(A类件)", "甲类", a table cell "A"), or ""."""
        m = self._letter.search(text)
        if not m:
            return ""
        return (m.group(1) or m.group(2)).upper()

    def letters_together(self, text: str) -> list[str]:
        """The class letters a label names together ("A类和B类", "A、B两类" → ["A", "B"]), in order."""
        found = [(m.group(1) or m.group(2)).upper() for m in self._letters_together.finditer(text)]
        return list(dict.fromkeys(found))

    def class_reading(self, label: str) -> ClassReading | None:
        """The outcome class a label names, by its letter or by the meaning of its words.

        The label is cut at connector words (或, 且, 和, …). In each part, a negated word is dropped and a
        bare verb (解决, 采纳) counts only when no other class word stands beside it; the parts then
        combine: 或 gives the better rank, 且/并 the later stage, 和/及 a lump of classes.
        """
        together = self.letters_together(label)
        if len(together) > 1:  # "A类和B类合计": the report's letters, lumped
            ranks = tuple(sorted({self.letters[x] for x in together}))
            return ClassReading(ranks[0], lump=ranks, words=tuple(f"{x}类" for x in together))
        letter = self.letter(label)
        parts = self._class_parts(label)
        if not parts and not letter:
            return None
        if letter:
            rank = self.letters[letter]
            words = tuple(w for p in parts for w in p[1])
            return ClassReading(rank, letter=letter, words=words)
        rank = parts[0][0][0]
        also: set[int] = set(parts[0][0][1:])
        lump: list[int] = [rank]
        generic = parts[0][2]
        words = list(parts[0][1])
        for ranks, ws, gen, how in parts[1:]:
            r = ranks[0]
            words += ws
            generic = generic and gen
            if how == "worse":
                rank = max(rank, r)
            elif how == "lump" and r != rank and not gen:
                lump.append(r)
                rank = min(rank, r)
            else:  # better, or a comma between two descriptions of one class
                also |= {max(rank, r)} - {min(rank, r)}
                rank = min(rank, r)
            also |= set(ranks[1:])
        lumped = tuple(sorted(set(lump))) if len(set(lump)) > 1 else ()
        return ClassReading(rank, lump=lumped, also=tuple(sorted(also - {rank})), words=tuple(words), generic=generic)

    def _class_parts(self, label: str) -> list[tuple[tuple[int, ...], tuple[str, ...], bool, str]]:
        """Parts of a label between connectors: (ranks, preferred first; words; generic only; connector)."""
        cuts = [(c.start, c.end, c.value) for c in self.connectors.find(label)]
        cuts += [(m.start(), m.end(), "better") for m in re.finditer(r"[,，]", label)]
        cuts.sort()
        pieces: list[tuple[str, str]] = []
        pos, how = 0, ""
        for a, b, kind in cuts:
            if a < pos:
                continue
            pieces.append((label[pos:a], how))
            pos, how = b, kind
        pieces.append((label[pos:], how))
        out = []
        for text, how in pieces:
            matches = self.classes.find(text)
            negs = self.negations.find(text)
            # a negation counts only on its own, not inside a class word ("条件不成熟"), right before a word
            negs = [n for n in negs if not any(m.start <= n.start < m.end for m in matches)]
            kept = [m for m in matches if not any(n.end <= m.start and m.start - n.end <= 1 for n in negs)]
            specific = [m for m in kept if not m.value[1]]
            use = specific or kept
            if not use:
                continue
            ranks = sorted({m.value[0] for m in use})
            out.append((tuple(ranks), tuple(m.word for m in use), not specific, how))
        return out

    def is_class_heading(self, text: str) -> bool:
        return text in self.class_headings

    # ------------------------------------------------------------- satisfaction
    def level(self, label: str) -> Level | None:
        """The satisfaction level a label names; the combined wordings win over their parts."""
        found = self.levels.find(label)
        if not found:
            return None
        # a bare "满意率" (or 满意度) counts both levels, unless the report gives 基本满意率 apart (choose.py)
        if (
            len(found) == 1
            and found[0].value is Level.SATISFIED
            and label[found[0].end : found[0].end + 1] in ("率", "度")
        ):
            return Level.SATISFIED_OR_BASIC
        combined = [m for m in found if m.value is Level.SATISFIED_OR_BASIC]
        if combined:
            return Level.SATISFIED_OR_BASIC
        levels = {m.value for m in found}
        if Level.DISSATISFIED in levels:
            return Level.DISSATISFIED
        # "满意、基本满意率" and "满意和基本满意的": both levels named together are the combined figure
        if {Level.SATISFIED, Level.BASIC} <= levels:
            between = label[found[0].end : found[-1].start]
            if re.fullmatch(r"[、和及与或\s]*", between):
                return Level.SATISFIED_OR_BASIC
        return found[-1].value

    def dimension(self, text: str) -> str:
        """What a satisfaction figure is about: a dimension word right before 满意 ("对办理结果满意的")."""
        for m in reversed(self.dimensions.find(text)):
            if re.match(r"(?:的)?(?:表示)?(?:非常|基本)?满意|(?:的)?满意", text[m.end : m.end + 5]):
                return m.value
        return ""

    # ---------------------------------------------------------------------- rates
    def rate(self, label: str) -> RateReading | None:
        """The rate a label ends with ("…办复率达" → reply_rate); the last rate word counts."""
        m = self.rates.last(label)
        return m.value if m else None

    def volume_stage(self, text: str) -> Match | None:
        """The latest stage word of a volume clause (收到 1 … 交办 4).

        A stage verb inside another word does not count: 承办 in 承办单位, 办理 in 不能办理 or 办理完毕.
        """
        found = self.volumes.find(text)
        classes = self.classes.find(text)
        negs = self.negations.find(text)
        kept = [
            m
            for m in found
            if not self.unit_nouns.pattern.match(text, m.end)
            and not any(n.end <= m.start and m.start - n.end <= 1 for n in negs)  # "难以办理": not a volume
            and not any(c.start <= m.start < c.end and not c.value[1] for c in classes)
            and not self.volume_verbs_not_before.pattern.match(text, m.end)
        ]
        return max(kept, key=lambda m: (m.value, m.start)) if kept else None


@cache
def lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    """The lexicon, loaded once per process."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader, when PyYAML has it: 10× faster
    return Lexicon(yaml.load(path.read_text(encoding="utf-8"), Loader=loader))  # noqa: S506 - a safe loader
