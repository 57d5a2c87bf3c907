"""Distributive lists: "A、B、C类分别为65件、72件、19件,分别占41.7%、46.2%、12.2%" names its labels in one
list and their counts (and shares) in others, matched by position. The reader reads one label beside one
number, so such a list is rewritten as "A类65件,占41.7%;B类72件,占46.2%;C类19件,占12.2%" — like a
flattened table (layout.py), with every label character and digit keeping its place in the original
text (normalize._Mapped.splice). The words that join the lists (分别, 依次, 各) are data in lexicon.yaml
(`distributive`).

A list is rewritten only when its parts line up: as many labels as counts (and no more shares than
labels, the shares going to the first labels); otherwise the text is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .lexicon import lexicon

__all__ = ["Rewrite", "find_distributive"]

Piece = tuple[str, "int | None"]

_SEP = r"(?:、|,|和|及|以及|与)"
_COUNT = r"\d+(?:余|多)?\s*(?:件|条|项|份)"
_SHARE = r"\d+(?:\.\d+)?%"
# the labels: from the clause's start (after , ; : 。 or 其中) up to the word that distributes
_LABELS = r"([^,;:。\d%]{2,80}?)"
_NOUN = r"(?:的?(?:代表建议|建议|提案|议案))?"  # "A类、B类、C类建议所占比例…": the items' noun after the labels


@dataclass(frozen=True)
class Rewrite:
    start: int
    end: int
    pieces: tuple[Piece, ...]


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = lexicon().data["distributive"]
    each = "|".join(map(re.escape, sorted(words["each"], key=len, reverse=True)))
    share_words = "|".join(map(re.escape, sorted(words["share_heads"], key=len, reverse=True)))
    counts = rf"((?:{_COUNT})(?:\s*{_SEP}\s*{_COUNT})+|{_COUNT})"
    shares = rf"((?:{_SHARE})(?:\s*{_SEP}\s*{_SHARE})*)"
    # labels, 分别为 counts [, 分别占 shares]   — or labels, 所占比例依次为 shares, 件数依次为 counts
    by_count = re.compile(
        rf"{_LABELS}{_NOUN}\s*,?\s*(?:件数|数量)?\s*({each})\s*(?:为|是|有|达)?\s*{counts}"
        rf"(?:\s*,\s*(?:{share_words})?\s*(?:{each})?\s*(?:占|为|是|达)?\s*{shares})?"
    )
    by_share = re.compile(
        rf"{_LABELS}{_NOUN}\s*(?:{share_words})\s*({each})\s*(?:为|是|占)?\s*{shares}"
        rf"\s*,\s*(?:件数|数量|分别)?\s*(?:{each})?\s*(?:为|是|有)?\s*{counts}"
    )
    return by_count, by_share


@cache
def _shares_only() -> re.Pattern[str]:
    """ "A、B两类分别占46.7%和40.7%", "满意率、基本满意率分别为85.9%、12.6%": labels and their shares only."""
    words = lexicon().data["distributive"]
    each = "|".join(map(re.escape, sorted(words["each"], key=len, reverse=True)))
    share_words = "|".join(map(re.escape, sorted(words["share_heads"], key=len, reverse=True)))
    return re.compile(
        rf"{_LABELS}{_NOUN}\s*(?:{share_words})?\s*(?:{each})\s*(占|为|是|达)?\s*"
        rf"((?:{_SHARE})(?:\s*{_SEP}\s*{_SHARE})+)"
    )


def _split(text: str, n: int) -> list[tuple[int, int]] | None:
    """Spans of the n labels in `text`: cut at 、 first, and at 和/及/与 too if that makes n."""
    for sep in (r"、|,", r"、|,|以及|和|及|与"):
        spans, pos = [], 0
        for m in re.finditer(sep, text):
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, len(text)))
        spans = [(a, b) for a, b in spans if text[a:b].strip()]
        if len(spans) == n:
            return spans
    return None


def _items(text: str, pattern: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


_LETTER = re.compile(r"([A-Da-d甲乙丙丁])\s*(?:[两二三四]\s*)?(?:类)?")


def _label_pieces(text: str, base: int, span: tuple[int, int], lettered: bool) -> list[Piece]:
    a, b = span
    label = text[a:b].strip()
    lead = a + (len(text[a:b]) - len(text[a:b].lstrip()))
    m = _LETTER.fullmatch(label)
    if lettered and m:  # "A、B、C类", "A、B两类": each letter is a class of the report's own
        return [(m.group(1), base + lead + m.start(1)), ("类", None)]
    return [(label, base + lead)]


def _lettered(label_text: str, spans: list[tuple[int, int]]) -> bool:
    last = label_text[spans[-1][0] : spans[-1][1]].strip()
    return bool(re.fullmatch(r"[A-Da-d甲乙丙丁]\s*(?:[两二三四]\s*)?类", last)) and all(
        _LETTER.fullmatch(label_text[a:b].strip()) for a, b in spans
    )


def _rewrite(
    text: str, offset: int, labels: str, word: str, counts: tuple[int, int] | None, shares: tuple[int, int] | None
) -> list[Piece] | None:
    count_items = _items(text[counts[0] : counts[1]], _COUNT) if counts else []
    share_items = _items(text[shares[0] : shares[1]], _SHARE) if shares else []
    each = len(count_items) == 1 and word == "各"  # "…的和…的各12件,各占15.0%": one number for every label
    if len(count_items) == 1 and not each:
        return None
    n = len(count_items)
    label_text = re.sub(r"^(?:其中|从办理结果看|按办理结果分|经[^,]{0,12}审核)\s*", "", labels)
    cut = len(labels) - len(label_text)
    spans = _split(label_text, n) if not each else _split(label_text, 2) or _split(label_text, 3)
    if spans is None or len(share_items) > len(spans):
        return None
    if each and len(share_items) > 1:
        return None
    lettered = _lettered(label_text, spans)
    out: list[Piece] = []
    for i, span in enumerate(spans):
        out += _label_pieces(label_text, offset + cut, span, lettered)
        c0, c1 = count_items[0 if each else i]
        out.append((text[counts[0] + c0 : counts[0] + c1], offset + counts[0] + c0))  # type: ignore[index]
        k = 0 if each else i
        if k < len(share_items):
            s0, s1 = share_items[k]
            out += [(",占", None), (text[shares[0] + s0 : shares[0] + s1], offset + shares[0] + s0)]  # type: ignore[index]
        out.append((";" if i + 1 < len(spans) else "", None))
    return out


@cache
def _each_word() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, lexicon().data["distributive"]["each"])))


def _candidates(text: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Matches of `pattern` whose labels open a clause before a distributing word (分别, 依次, 各): the
    pattern is tried only there, not at every character of the text (a lazy label would backtrack)."""
    last_end = 0
    for w in _each_word().finditer(text):
        if w.start() < last_end:
            continue
        head = text[max(0, w.start() - 90) : w.start()]
        # "…暂时不能解决的,依次为", "…C类,件数依次是": the labels end before that comma, not after it
        own = re.sub(r",\s*(?:件数|数量|所占比例|所占比重|占比|比例|比重)?\s*$", "", head)
        cut = max((i for i, ch in enumerate(own) if ch in ",;:。%" or ch.isdigit()), default=-1)
        m = pattern.match(text, w.start() - len(head) + cut + 1, min(len(text), w.end() + 200))
        if m is not None:
            last_end = m.end()
            yield m


def find_distributive(text: str) -> list[Rewrite]:
    """The distributive lists of the normalized text, each as the span it replaces and its rewrite."""
    by_count, by_share = _patterns()
    found: list[Rewrite] = []
    for pattern, counts_group, shares_group in ((by_count, 3, 4), (by_share, 4, 3)):
        for m in _candidates(text, pattern):
            labels, word = m.group(1), m.group(2)
            counts = m.span(counts_group) if m.group(counts_group) else None
            shares = m.span(shares_group) if m.group(shares_group) else None
            if counts is None:
                continue
            local = (counts[0] - m.start(), counts[1] - m.start())
            local_s = (shares[0] - m.start(), shares[1] - m.start()) if shares else None
            pieces = _rewrite(m.group(0), m.start(), labels, word, local, local_s)
            if pieces is None:
                continue
            if any(r.start < m.end() and m.start() < r.end for r in found):
                continue
            found.append(Rewrite(m.start(), m.end(), tuple(pieces)))
    for m in _candidates(text, _shares_only()):
        if any(r.start < m.end() and m.start() < r.end for r in found):
            continue
        labels, verb = m.group(1), m.group(2) or "为"
        label_text = re.sub(r"^(?:其中|从办理结果看|按办理结果分)\s*", "", labels)
        cut = len(labels) - len(label_text)
        shares = _items(m.group(3), _SHARE)
        spans = _split(label_text, len(shares))
        if spans is None:
            continue
        lettered = _lettered(label_text, spans)
        pieces: list[Piece] = []
        for i, (span, (s0, s1)) in enumerate(zip(spans, shares, strict=True)):
            pieces += _label_pieces(label_text, m.start() + cut, span, lettered)
            pieces += [(verb, None), (m.group(3)[s0:s1], m.start(3) + s0), (";" if i + 1 < len(spans) else "", None)]
        found.append(Rewrite(m.start(), m.end(), tuple(pieces)))
    return sorted(found, key=lambda r: r.start)
