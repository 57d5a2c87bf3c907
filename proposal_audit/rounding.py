"""Exact rounding arithmetic for printed percentages (the GRIM idea, in integers and fractions).

Every function here works from the printed text of a percentage ("25.90" keeps its two decimals)
and from whole counts; nothing passes through a float, so verdicts at the rounding bounds are exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction
from itertools import islice

__all__ = [
    "Mode",
    "Percent",
    "parse_percent",
    "round_scaled",
    "modes_consistent",
    "count_range",
    "reachable",
    "fitting_bases",
    "nearest_bases",
    "round_div",
    "printed",
    "Interval",
    "value_interval",
    "sum_interval",
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
    scaled: int  # the printed value in units of its last place (26.85 -> 2685)

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
    scaled = int(whole + frac)
    return Percent(text=clean, value=Fraction(scaled, 10 ** len(frac)), decimals=len(frac), scaled=scaled)


def round_div(num: int, den: int, mode: Mode) -> int:
    """num/den (den > 0) rounded to an integer under `mode`, in integer arithmetic only."""
    q, r = divmod(num, den)
    if mode is Mode.TRUNCATE or r == 0:
        return q
    if mode is Mode.CEILING:
        return q + 1
    twice = 2 * r
    if twice > den:
        return q + 1
    if twice < den:
        return q
    if mode is Mode.HALF_UP:
        return q + 1
    return q if q % 2 == 0 else q + 1


def round_scaled(x: Fraction, mode: Mode) -> int:
    """Round an exact value to an integer under the given mode."""
    return round_div(x.numerator, x.denominator, mode)


def printed(k: int, n: int, decimals: int, mode: Mode = Mode.HALF_UP) -> str:
    """What 100·k/n (n > 0) prints as with `decimals` places under `mode`, as a spreadsheet shows it."""
    whole, frac = divmod(round_div(100 * k * 10**decimals, n, mode), 10**decimals)
    return f"{whole}" + (f".{frac:0{decimals}d}" if decimals else "")


def _scale(pct: Percent) -> int:
    return 100 * 10**pct.decimals


def modes_consistent(k: int, n: int, pct: Percent) -> tuple[Mode, ...]:
    """The rounding modes under which k/n, as a percentage to pct.decimals places, prints as pct."""
    if n <= 0:
        return ()
    num, target = _scale(pct) * k, pct.scaled
    return tuple(m for m in ALL_MODES if round_div(num, n, m) == target)


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def _mode_counts(pct: Percent, n: int, mode: Mode) -> tuple[int, int]:
    """The interval [a, b] of counts k with round(100·k/n) == pct under one mode (empty if a > b).

    With S = 100·10^d and P the printed value in units of its last place, k prints as P when
    S·k/n lies in [P, P+1) (truncate), (P−1, P] (ceiling), [P−½, P+½) (half-up), or [P−½, P+½]
    with the ends only for an even P (half-even); each bound is solved for k in integers.
    """
    s, p = _scale(pct), pct.scaled
    if mode is Mode.TRUNCATE:
        a, b = _ceil_div(p * n, s), _ceil_div((p + 1) * n, s) - 1
    elif mode is Mode.CEILING:
        a, b = (p - 1) * n // s + 1, p * n // s
    elif mode is Mode.HALF_UP or p % 2 == 1:  # half-even is half-up's [lo, hi) with open ends when P is odd
        lo, hi = (2 * p - 1) * n, (2 * p + 1) * n
        a = _ceil_div(lo, 2 * s) if mode is Mode.HALF_UP else lo // (2 * s) + 1
        b = _ceil_div(hi, 2 * s) - 1
    else:
        a, b = _ceil_div((2 * p - 1) * n, 2 * s), (2 * p + 1) * n // (2 * s)
    return max(a, 0), min(b, n)


def count_range(pct: Percent, n: int, modes: tuple[Mode, ...]) -> tuple[int, int] | None:
    """The whole counts k (0..n) that some mode in `modes` prints as pct; None if there is none.

    Every mode's interval contains the printed value itself, so their union is one contiguous run.
    """
    if n <= 0:
        return None
    runs = [r for r in (_mode_counts(pct, n, m) for m in modes) if r[0] <= r[1]]
    if not runs:
        return None
    return min(a for a, _ in runs), max(b for _, b in runs)


def reachable(pct: Percent, n: int, modes: tuple[Mode, ...]) -> bool:
    """True when some whole count out of n prints as pct under one of the modes."""
    return count_range(pct, n, modes) is not None


def fitting_bases(pct: Percent, lo: int, hi: int, modes: tuple[Mode, ...]) -> list[int]:
    """Every base n in [lo, hi] on which pct is reachable (Stata's find_denom, exactly)."""
    return [n for n in range(lo, hi + 1) if reachable(pct, n, modes)]  # no count reaches a base n ≤ 0


def nearest_bases(pcts: list[Percent], n: int, modes: tuple[Mode, ...], want: int = 6, limit: int = 0) -> list[int]:
    """The `want` bases in [1, limit] closest to n on which every one of `pcts` is reachable.

    The search goes outward from n (the lower neighbour first), far enough to reach both 1 and `limit`
    even when n lies beyond it; n itself is not a candidate.
    """
    limit = limit or max(2 * n, 200)
    outward = (m for step in range(1, max(n, limit)) for m in (n - step, n + step) if 1 <= m <= limit)
    return list(islice((m for m in outward if all(reachable(p, m, modes) for p in pcts)), want))


@dataclass(frozen=True)
class Interval:
    """An interval of exact values, each end open or closed."""

    lo: Fraction
    hi: Fraction
    lo_open: bool = False
    hi_open: bool = False

    def __contains__(self, x: Fraction) -> bool:
        above = x > self.lo or (x == self.lo and not self.lo_open)
        below = x < self.hi or (x == self.hi and not self.hi_open)
        return above and below

    def intersects(self, other: Interval) -> bool:
        """True when some value lies in both intervals."""
        lo, lo_open = max((self.lo, self.lo_open), (other.lo, other.lo_open))
        hi, hi_closed = min((self.hi, not self.hi_open), (other.hi, not other.hi_open))
        return lo < hi or (lo == hi and not lo_open and hi_closed)

    def reaches_down_to(self, x: Fraction) -> bool:
        """True when some value of the interval is ≤ x."""
        return self.lo < x or (self.lo == x and not self.lo_open)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi, self.lo_open or other.lo_open,
                        self.hi_open or other.hi_open)  # fmt: skip


def value_interval(pct: Percent, mode: Mode) -> Interval:
    """The exact percentages (within 0–100) that print as `pct` under `mode`.

    Truncation prints P for [P, P+u), ceiling for (P−u, P], half-up for [P−u/2, P+u/2), half-even for
    the same interval with both ends closed when P is even in its last place and open when it is odd.
    """
    p, u = pct.value, pct.unit
    if mode is Mode.TRUNCATE:
        iv = Interval(p, p + u, hi_open=True)
    elif mode is Mode.CEILING:
        iv = Interval(p - u, p, lo_open=True)
    elif mode is Mode.HALF_UP:
        iv = Interval(p - u / 2, p + u / 2, hi_open=True)
    else:
        odd = pct.scaled % 2 == 1
        iv = Interval(p - u / 2, p + u / 2, odd, odd)
    if iv.lo < 0:
        iv = replace(iv, lo=Fraction(0), lo_open=False)
    if iv.hi > 100:
        iv = replace(iv, hi=Fraction(100), hi_open=False)
    return iv


def sum_interval(pcts: list[Percent], mode: Mode) -> Interval:
    """The exact sums the unrounded values of `pcts` can have when each printed under `mode`."""
    total = Interval(Fraction(0), Fraction(0))
    for p in pcts:
        total = total + value_interval(p, mode)
    return total
