"""Exact rounding arithmetic for printed percentages (the GRIM idea, in integers and fractions).

Every function here works from the printed text of a percentage ("25.90" keeps its two decimals)
and from whole counts; nothing passes through a float, so verdicts at the rounding bounds are exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from math import ceil, floor

__all__ = [
    "Mode",
    "Percent",
    "parse_percent",
    "round_scaled",
    "modes_consistent",
    "count_range",
    "reachable",
    "fitting_bases",
    "sum_tolerance",
]

_PCT = re.compile(r"^\s*(\d{1,12})(?:\.(\d{1,12}))?\s*%?\s*$")
_FULLWIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}


class Mode(StrEnum):
    """A named rounding policy for one figure (scrutiny calls these rounding methods)."""

    HALF_UP = "half_up"  # Excel/WPS 四舍五入
    HALF_EVEN = "half_even"  # banker's rounding
    TRUNCATE = "truncate"  # 截尾
    CEILING = "ceiling"  # 进一


ALL_MODES: tuple[Mode, ...] = (Mode.HALF_UP, Mode.HALF_EVEN, Mode.TRUNCATE, Mode.CEILING)

MODE_NAMES_ZH = {
    Mode.HALF_UP: "四舍五入",
    Mode.HALF_EVEN: "四舍六入五成双",
    Mode.TRUNCATE: "截尾",
    Mode.CEILING: "进一",
}


@dataclass(frozen=True)
class Percent:
    """A percentage as printed: its text, its exact value and its number of decimals."""

    text: str
    value: Fraction
    decimals: int

    @property
    def scaled(self) -> int:
        """The printed value in units of its last place (26.85 -> 2685)."""
        return int(self.value * 10**self.decimals)

    @property
    def unit(self) -> Fraction:
        """One unit in the last printed place, in percentage points."""
        return Fraction(1, 10**self.decimals)

    def __str__(self) -> str:
        return self.text


def parse_percent(text: str | int) -> Percent:
    """Parse a printed percentage such as "26.85", "25 %" or "100"; the text keeps its precision.

    Raises ValueError for anything that is not a plain non-negative decimal number.
    """
    raw = str(text).translate(_FULLWIDTH)  # "２６．８５％" is 26.85 too
    m = _PCT.match(raw)
    if not m:
        raise ValueError(f"not a printed percentage: {raw!r}")
    whole, frac = m.group(1), m.group(2) or ""
    clean = whole + ("." + frac if frac else "")
    return Percent(text=clean, value=Fraction(clean), decimals=len(frac))


def round_scaled(x: Fraction, mode: Mode) -> int:
    """Round an exact value to an integer under the given mode."""
    if mode is Mode.TRUNCATE:
        return floor(x)
    if mode is Mode.CEILING:
        return ceil(x)
    lower = floor(x)
    rest = x - lower
    if rest > Fraction(1, 2):
        return lower + 1
    if rest < Fraction(1, 2):
        return lower
    if mode is Mode.HALF_UP:
        return lower + 1
    return lower if lower % 2 == 0 else lower + 1


def _scaled_share(k: int, n: int, decimals: int) -> Fraction:
    return Fraction(100 * k * 10**decimals, n)


def modes_consistent(k: int, n: int, pct: Percent) -> tuple[Mode, ...]:
    """The rounding modes under which k/n, as a percentage to pct.decimals places, prints as pct."""
    if n <= 0:
        return ()
    exact = _scaled_share(k, n, pct.decimals)
    return tuple(m for m in ALL_MODES if round_scaled(exact, m) == pct.scaled)


def count_range(pct: Percent, n: int, modes: tuple[Mode, ...]) -> tuple[int, int] | None:
    """The whole counts k (0..n) that some mode in `modes` prints as pct; None if there is none.

    Those counts always form one contiguous run, since rounding is monotone in k.
    """
    if n <= 0:
        return None
    scale = 100 * 10**pct.decimals
    lo = max(0, (pct.scaled - 1) * n // scale)  # integer floor and ceiling: no float anywhere
    hi = min(n, -(-(pct.scaled + 1) * n // scale))
    hits = [k for k in range(lo, hi + 1) if set(modes_consistent(k, n, pct)) & set(modes)]
    return (hits[0], hits[-1]) if hits else None


def reachable(pct: Percent, n: int, modes: tuple[Mode, ...]) -> bool:
    """True when some whole count out of n prints as pct under one of the modes."""
    return count_range(pct, n, modes) is not None


def fitting_bases(pct: Percent, lo: int, hi: int, modes: tuple[Mode, ...]) -> list[int]:
    """Every base n in [lo, hi] on which pct is reachable (Stata's find_denom, exactly)."""
    return [n for n in range(max(1, lo), hi + 1) if reachable(pct, n, modes)]


def sum_tolerance(pcts: list[Percent]) -> Fraction:
    """How far honestly rounded shares of one whole may sum from 100: half a unit per figure."""
    return sum((p.unit / 2 for p in pcts), Fraction(0))
