"""Exact values as text, for messages and displays only (never for a verdict: see rounding.py)."""

from __future__ import annotations

from fractions import Fraction

from .rounding import Interval, Mode, round_scaled

__all__ = ["fmt_fraction", "fmt_count_range", "fmt_interval"]


def fmt_fraction(x: Fraction, decimals: int) -> str:
    """Exact value to `decimals` places, rounded half away from zero, for display only."""
    scaled = round_scaled(abs(x) * 10**decimals, Mode.HALF_UP)
    sign = "-" if x < 0 and scaled else ""
    whole, frac = divmod(scaled, 10**decimals)
    return f"{sign}{whole}" + (f".{frac:0{decimals}d}" if decimals else "")


def fmt_count_range(rng: tuple[int, int] | None) -> str:
    """(40, 40) → "40", (230, 237) → "230–237", None → "无 none"."""
    if rng is None:
        return "无 none"
    return f"{rng[0]}" if rng[0] == rng[1] else f"{rng[0]}–{rng[1]}"


def fmt_interval(iv: Interval, decimals: int) -> str:
    """An interval for a reader: "100 ± 0.15" when it is symmetric about 100 (whether its ends are in it
    is for the verdict, not the display), else "[99.7, 100]" with brackets that say whether ends count."""
    if iv.lo + iv.hi == 200 and iv.lo < 100:
        return f"100 ± {fmt_fraction(100 - iv.lo, decimals)}"
    lo, hi = fmt_fraction(iv.lo, decimals), fmt_fraction(iv.hi, decimals)
    return f"{'(' if iv.lo_open else '['}{lo}, {hi}{')' if iv.hi_open else ']'}"
