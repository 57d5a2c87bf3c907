"""Exact rounding arithmetic: tables of literal cases, then properties over many counts and bases."""

import decimal
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proposal_audit.rounding import (
    ALL_MODES,
    Mode,
    count_range,
    fitting_bases,
    modes_consistent,
    parse_percent,
    reachable,
    round_scaled,
    sum_tolerance,
)

H, E, D, U = Mode.HALF_UP, Mode.HALF_EVEN, Mode.TRUNCATE, Mode.CEILING


@pytest.mark.parametrize(
    "text, value, decimals",
    [
        ("26.85", Fraction(2685, 100), 2),
        ("25.90", Fraction(259, 10), 2),  # the trailing zero is precision, kept
        ("25.9", Fraction(259, 10), 1),
        ("100", Fraction(100), 0),
        ("15.6 %", Fraction(156, 10), 1),
        ("0", Fraction(0), 0),
    ],
)
def test_parse_percent_keeps_printed_precision(text, value, decimals):
    p = parse_percent(text)
    assert (p.value, p.decimals) == (value, decimals)


@pytest.mark.parametrize("bad", ["", "abc", "-3", "1,5", "12.5.1", "1e3"])
def test_parse_percent_rejects_non_numbers(bad):
    with pytest.raises(ValueError):
        parse_percent(bad)


@pytest.mark.parametrize(
    "x, mode, expected",
    [
        (Fraction(5, 2), H, 3),
        (Fraction(5, 2), E, 2),
        (Fraction(7, 2), E, 4),
        (Fraction(5, 2), D, 2),
        (Fraction(5, 2), U, 3),
        (Fraction(251, 100), E, 3),
        (Fraction(249, 100), H, 2),
        (Fraction(3), U, 3),
    ],
)
def test_round_scaled(x, mode, expected):
    assert round_scaled(x, mode) == expected


# (count, base, printed, modes it is consistent with) — worked out by hand
MODE_CASES = [
    (40, 149, "26.85", {H, E, U}),  # 26.8456…
    (89, 149, "59.73", {H, E, D}),  # 59.7315…
    (114, 166, "68.68", {U}),  # 68.6747…: corpus 01's forced-to-100 figure; only ceiling gives it
    (114, 166, "68.67", {H, E, D}),
    (33, 52, "63.4", {D}),  # 63.4615…: corpus 14, truncated
    (14, 52, "27", {H, E, U}),  # 26.92…
    (1, 8, "12.5", {H, E, D, U}),  # exactly 12.5
    (1, 8, "13", {H, U}),  # 12.5 → 13 half-up, 12 half-even
    (1, 8, "12", {E, D}),
    (3, 8, "38", {H, E, U}),  # 37.5 → 38 both ways (38 is even)
    (526, 527, "99.8", {H, E, D}),  # 99.81…
    (0, 7, "0", {H, E, D, U}),
    (7, 7, "100", {H, E, D, U}),
]


@pytest.mark.parametrize("k, n, printed, modes", MODE_CASES)
def test_modes_consistent(k, n, printed, modes):
    assert set(modes_consistent(k, n, parse_percent(printed))) == modes


@pytest.mark.parametrize(
    "printed, n, expected",
    [
        ("99.16", 801, None),  # 794/801 → 99.13, 795/801 → 99.25 (DOMAIN.md)
        ("63.9", 276, None),
        ("99.12", 115, None),
        ("99.12", 114, (113, 113)),
        ("26.85", 149, (40, 40)),
        ("50", 7, None),  # 3/7 = 42.9, 4/7 = 57.1
        ("30", 778, (230, 237)),  # 29.5 ≤ 100k/778 < 30.5  ⇔  229.51 ≤ k < 237.29
        ("100", 149, (149, 149)),
    ],
)
def test_count_range_half_up(printed, n, expected):
    assert count_range(parse_percent(printed), n, (H,)) == expected


def test_fitting_bases_small_range():
    # 99.12% needs 100k/n in [99.115, 99.125). With k = n − 1 that is 100/n in (0.875, 0.885],
    # i.e. n = 113 (112/113 = 99.11504…) or n = 114 (113/114 = 99.1228…); k = n − 2 needs n ≥ 226.
    assert fitting_bases(parse_percent("99.12"), 100, 120, (H,)) == [113, 114]


def test_sum_tolerance_is_half_a_unit_per_figure():
    pcts = [parse_percent(t) for t in ("26.85", "59.73", "13.42")]
    assert sum_tolerance(pcts) == Fraction(15, 1000)


# ---------------------------------------------------------------- properties


# Bases of the form 2^a·5^b make exact ties (12.5, 0.125) common, where the modes differ.
_TIE_RICH = sorted({2**a * 5**b for a in range(0, 7) for b in range(0, 5) if 2**a * 5**b <= 5000})


@st.composite
def share(draw):
    n = draw(st.one_of(st.integers(min_value=1, max_value=5000), st.sampled_from(_TIE_RICH)))
    k = draw(st.integers(min_value=0, max_value=n))
    d = draw(st.integers(min_value=0, max_value=3))
    mode = draw(st.sampled_from(ALL_MODES))
    return k, n, d, mode


# The oracle is the standard library's decimal module, not the code under test.
_DECIMAL_MODES = {
    Mode.HALF_UP: decimal.ROUND_HALF_UP,
    Mode.HALF_EVEN: decimal.ROUND_HALF_EVEN,
    Mode.TRUNCATE: decimal.ROUND_FLOOR,
    Mode.CEILING: decimal.ROUND_CEILING,
}


def _print(k, n, d, mode):
    """What a spreadsheet prints for k/n as a percentage with d decimals (decimal module, 60 digits)."""
    with decimal.localcontext() as ctx:
        ctx.prec = 60
        share = Decimal(100 * k) / Decimal(n)
        return parse_percent(str(share.quantize(Decimal(1).scaleb(-d), rounding=_DECIMAL_MODES[mode])))


@given(share())
def test_an_honestly_rounded_percentage_passes_under_its_mode(case):
    k, n, d, mode = case
    printed = _print(k, n, d, mode)
    assert mode in modes_consistent(k, n, printed)
    lo, hi = count_range(printed, n, (mode,))
    assert lo <= k <= hi
    assert reachable(printed, n, (mode,))


@given(share(), st.sampled_from([-1, 1]))
def test_one_unit_off_is_caught_unless_another_mode_explains_it(case, step):
    k, n, d, mode = case
    honest = _print(k, n, d, mode)
    if honest.scaled + step < 0:
        return
    scaled = honest.scaled + step
    whole, frac = divmod(scaled, 10**d)
    nudged = parse_percent(f"{whole}" + (f".{frac:0{d}d}" if d else ""))
    modes = modes_consistent(k, n, nudged)
    assert mode not in modes
    # Whatever mode still accepts it must really produce the nudged text from k/n (by the oracle).
    for m in modes:
        assert _print(k, n, d, m).text == nudged.text


@given(st.integers(min_value=1, max_value=3000), st.integers(min_value=0, max_value=2))
def test_count_range_is_exactly_the_counts_that_print_so(n, d):
    k = n // 3
    printed = _print(k, n, d, H)
    lo, hi = count_range(printed, n, (H,))
    for j in range(max(0, lo - 2), min(n, hi + 2) + 1):
        assert (H in modes_consistent(j, n, printed)) == (lo <= j <= hi)


@given(
    st.integers(min_value=1, max_value=400),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=0, max_value=2),
    st.sampled_from(ALL_MODES),
    st.lists(st.sampled_from(ALL_MODES), min_size=1, max_size=4, unique=True),
)
def test_count_range_equals_brute_force_for_every_mode_set(n, k, d, mode, modes):
    """The closed-form intervals agree with trying every count, for any set of accepted modes."""
    k = min(k, n)
    printed = _print(k, n, d, mode)
    brute = [j for j in range(n + 1) if set(modes_consistent(j, n, printed)) & set(modes)]
    expected = (brute[0], brute[-1]) if brute else None
    assert count_range(printed, n, tuple(modes)) == expected
    if brute:
        assert brute == list(range(brute[0], brute[-1] + 1))  # one contiguous run
