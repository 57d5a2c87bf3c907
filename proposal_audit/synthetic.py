"""Synthetic reports: random consistent figures printed in varied wordings, to measure the reader.

The wording bank (data/synthetic/wordings.yaml) is written apart from the reader's lexicon and split
in two halves by a fixed shuffle: the reader is developed on half A and measured on half B, so half B
says how it does on wordings it was not tuned for. Every figure of a synthetic report is consistent
(each share is its count over the total, rounded half-up), so any `fail` of the audit is a false one.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from .audit import audit
from .evaluate import CORE_KINDS, Key, figure_key
from .paths import ROOT
from .reading import read_text
from .results import Status
from .rounding import Mode, round_scaled

__all__ = ["BANK", "Synthetic", "load_bank", "halves", "generate", "HalfScore", "measure"]

BANK = ROOT / "data" / "synthetic" / "wordings.yaml"
_LETTERS = "ABCD"
_FAMILIES = (
    "total", "handled", "reply_rate", "units", "class_1", "class_2", "class_3", "class_4",
    "satisfied", "basic", "combined",
)  # fmt: skip


def load_bank(path: Path = BANK) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def halves(bank: dict[str, Any], seed: int = 2026) -> tuple[dict[str, Any], dict[str, Any]]:
    """The bank split in two: each family's wordings shuffled with a fixed seed, then cut in half."""
    a, b = dict(bank), dict(bank)
    for family in _FAMILIES:
        words = list(bank[family])
        random.Random(f"{seed}:{family}").shuffle(words)
        cut = (len(words) + 1) // 2
        a[family], b[family] = words[:cut], words[cut:]
    return a, b


def _share(k: int, n: int, decimals: int) -> str:
    scaled = round_scaled(Fraction(100 * k * 10**decimals, n), Mode.HALF_UP)
    whole, frac = divmod(scaled, 10**decimals)
    return f"{whole}" + (f".{frac:0{decimals}d}" if decimals else "")


@dataclass(frozen=True)
class Synthetic:
    text: str
    required: tuple[Key, ...]
    optional: tuple[Key, ...]


def _partition(rng: random.Random, n: int, parts: int) -> list[int]:
    cuts = sorted(rng.sample(range(1, n), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, n], strict=True)]


def _pick(rng: random.Random, bank: dict[str, Any], family: str, lettered: bool | None = None) -> str:
    words = bank[family]
    if lettered is not None:
        words = [w for w in words if ("{L}" in w) is lettered] or words
    return rng.choice(words)


def generate(bank: dict[str, Any], seed: int) -> Synthetic:
    """One report with consistent figures, worded from `bank`."""
    rng = random.Random(seed)
    n = rng.randint(20, 1500)
    noun = rng.choice(bank["noun_renda"] if rng.random() < 0.6 else bank["noun_zhengxie"])
    unit = rng.choice(bank["unit_words"])
    gov = rng.choice(bank["gov"])
    decimals = rng.choice((0, 1, 1, 2, 2))
    required: list[Key] = [("total", "", n, None)]
    optional: list[Key] = []

    def fill(template: str, **values: object) -> str:
        return template.format(gov=gov, noun=noun, n=n, unit=unit, **values)

    opening = [fill(_pick(rng, bank, "total"))]
    if rng.random() < 0.7:
        opening.append(fill(_pick(rng, bank, "handled")))
        optional.append(("handled", "", n, None))
    if rng.random() < 0.7:
        rate = _pick(rng, bank, "reply_rate")
        opening.append(rate)
        required.append(("reply_rate", "", None, "100"))
        if "见面率" in rate:
            optional.append(("face_to_face_rate", "", None, "100"))
    sentences = [",".join(opening) + "。"]
    if rng.random() < 0.7:
        u = rng.randint(8, 90)
        sentences.append(fill(_pick(rng, bank, "units"), u=u) + "。")
        required.append(("units", "", u, None))
    ranks = (1, 2, 3) if rng.random() < 0.6 else (1, 2, 3, 4)
    counts = _partition(rng, n, len(ranks))
    lettered = rng.random() < 0.5
    parts = []
    for rank, k in zip(ranks, counts, strict=True):
        p = _share(k, n, decimals)
        parts.append(fill(_pick(rng, bank, f"class_{rank}", lettered), k=k, p=p, L=_LETTERS[rank - 1]))
        required.append(("class", str(rank), k, p))
    classes = rng.choice(bank["class_openers"]) + rng.choice(bank["class_joiners"]).join(parts) + "。"
    opener = rng.choice(bank["satisfaction_openers"])
    if rng.random() < 0.6:
        k1, k2 = _partition(rng, n, 2)
        p1, p2 = _share(k1, n, decimals), _share(k2, n, decimals)
        sat = fill(_pick(rng, bank, "satisfied"), k=k1, p=p1) + "," + fill(_pick(rng, bank, "basic"), k=k2, p=p2)
        required += [("satisfaction", "satisfied", k1, p1), ("satisfaction", "basically_satisfied", k2, p2)]
    else:
        p = "100" if rng.random() < 0.5 else _share(n - rng.randint(1, max(1, n // 20)), n, max(1, decimals))
        sat = fill(_pick(rng, bank, "combined"), p=p)
        required.append(("satisfaction", "satisfied_or_basic", None, p))
    body = [classes, opener + sat + "。"]
    rng.shuffle(body)
    return Synthetic("".join(sentences + body), tuple(required), tuple(optional))


@dataclass(frozen=True)
class HalfScore:
    name: str
    reports: int
    recall: float
    precision: float
    false_fails: int
    reports_with_false_fail: int
    examples: tuple[tuple[str, tuple[Key, ...], tuple[Key, ...]], ...]  # (text, missed, spurious), a few


def measure(bank: dict[str, Any], name: str, reports: int = 200, seed: int = 7) -> HalfScore:
    req = got_n = matched_req = matched_got = false = with_false = 0
    examples = []
    for i in range(reports):
        s = generate(bank, seed * 100_000 + i)
        r = read_text(s.text)
        got = Counter(figure_key(f) for f in r.all_figures() if f.kind.value in CORE_KINDS)
        required, optional = Counter(s.required), Counter(s.optional)
        m_req = got & required
        m_opt = (got - m_req) & optional
        req += sum(required.values())
        got_n += sum(got.values())
        matched_req += sum(m_req.values())
        matched_got += sum(m_req.values()) + sum(m_opt.values())
        fails = [c for c in audit(r.figures).results if c.status is Status.FAIL]
        false += len(fails)
        with_false += bool(fails)
        missed, spurious = required - got, got - m_req - m_opt
        if (missed or spurious or fails) and len(examples) < 5:
            examples.append((s.text, tuple(missed.elements()), tuple(spurious.elements())))
    return HalfScore(
        name,
        reports,
        matched_req / req if req else 1.0,
        matched_got / got_n if got_n else 1.0,
        false,
        with_false,
        tuple(examples),
    )
