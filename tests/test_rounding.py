"""Exact rounding arithmetic: tables of literal cases, then properties over many counts and bases."""

import decimal
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proposal_audit.rounding import (
    ALL_MODES,
    Interval,
    Mode,
    count_range,
    fitting_bases,
    modes_consistent,
    nearest_bases,
    parse_percent,
    printed,
    reachable,
    round_scaled,
    sum_interval,
    value_interval,
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


def test_sum_interval_is_half_a_unit_per_figure_to_nearest():
    # 26.85 + 59.73 + 13.42 = 100.00; each unrounded value within 0.005 of its print: 100 ± 0.015
    pcts = [parse_percent(t) for t in ("26.85", "59.73", "13.42")]
    iv = sum_interval(pcts, H)
    assert (iv.lo, iv.hi, iv.lo_open, iv.hi_open) == (Fraction(99985, 1000), Fraction(100015, 1000), False, True)


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


# ---------------------------------------------------------------- ties on purpose, intervals, edges

# Bases that put many shares exactly on a rounding tie: 1/8 = 12.5%, 1/16 = 6.25%, 1/40 = 2.5%,
# 1/200 = 0.5%, 1/400 = 0.25%, 1/2000 = 0.05% (the tie at one decimal), and their multiples.
_TIE_BASES = st.sampled_from([8, 16, 40, 80, 200, 400, 1000, 2000]).flatmap(
    lambda b: st.integers(min_value=1, max_value=6).map(lambda m: b * m)
)


@st.composite
def tie_share(draw, max_n: int = 12000):
    n = draw(_TIE_BASES.filter(lambda n: n <= max_n))
    k = draw(st.integers(min_value=0, max_value=n))
    d = draw(st.integers(min_value=0, max_value=2))
    return k, n, d, draw(st.sampled_from(ALL_MODES))


@given(tie_share())
def test_ties_print_under_their_mode(case):
    k, n, d, mode = case
    printed = _print(k, n, d, mode)
    assert mode in modes_consistent(k, n, printed)
    assert count_range(printed, n, (mode,))[0] <= k <= count_range(printed, n, (mode,))[1]


@st.composite
def exact_tie(draw, max_n: int = 2400):
    """A count whose share lies exactly halfway between two printable values (k/n = 12.5%, 0.25%, …)."""
    n = draw(_TIE_BASES.filter(lambda n: n <= max_n))
    d = draw(st.integers(min_value=0, max_value=2))
    scale = 2 * 100 * 10**d  # 2·S·k/n odd ⇔ S·k/n is an exact half
    ties = [k for k in range(n + 1) if scale * k % n == 0 and (scale * k // n) % 2 == 1]
    k = draw(st.sampled_from(ties)) if ties else 0
    return k, n, d, draw(st.sampled_from(ALL_MODES))


@given(
    st.one_of(tie_share(max_n=2400), exact_tie()),
    st.lists(st.sampled_from(ALL_MODES), min_size=1, max_size=4, unique=True),
)
def test_count_range_equals_brute_force_on_tie_rich_bases(case, modes):
    """The brute force of every count, on bases where the half-even ends (ties) decide."""
    k, n, d, mode = case
    printed = _print(k, n, d, mode)
    brute = [j for j in range(n + 1) if set(modes_consistent(j, n, printed)) & set(modes)]
    assert count_range(printed, n, tuple(modes)) == ((brute[0], brute[-1]) if brute else None)


@pytest.mark.parametrize(
    "printed, n, mode, expected",
    [
        # half-even at its two ends: P odd excludes both ties, P even includes both
        ("13", 8, E, None),  # 1/8 = 12.5 → 12 (even): 13 is never printed
        ("12", 8, E, (1, 1)),
        ("38", 8, E, (3, 3)),  # 3/8 = 37.5 → 38 (even)
        ("37", 8, E, None),
        ("88", 8, E, (7, 7)),  # 7/8 = 87.5 → 88 (even)
        ("0.2", 400, E, (1, 1)),  # 1/400 = 0.25 → 0.2 (even); 0.3 needs (0.25, 0.35): 2/400 = 0.5 → no
        ("0.3", 400, E, None),
        ("0.3", 400, H, (1, 1)),  # half-up takes the tie up
        ("2", 40, E, (1, 1)),  # 1/40 = 2.5 → 2 (even)
        ("3", 40, E, None),
        ("3", 40, U, (1, 1)),  # ceiling of 2.5 is 3
        ("2", 40, D, (1, 1)),  # truncation of 2.5 is 2
    ],
)
def test_tie_table(printed, n, mode, expected):
    assert count_range(parse_percent(printed), n, (mode,)) == expected


@pytest.mark.parametrize(
    "k, n, d, mode, text",
    [
        (40, 149, 2, H, "26.85"),  # 26.8456…
        (1, 8, 0, H, "13"),  # 12.5 up
        (1, 8, 0, E, "12"),  # 12.5 to even
        (1999, 2000, 1, H, "100.0"),  # 99.95 up
        (1999, 2000, 1, D, "99.9"),
        (1, 3, 3, U, "33.334"),  # 33.3333… up
        (0, 5, 1, H, "0.0"),
    ],
)
def test_printed(k, n, d, mode, text):
    assert printed(k, n, d, mode) == text


@given(share())
def test_printed_is_what_a_spreadsheet_prints(case):
    k, n, d, mode = case
    assert printed(k, n, d, mode) == _print(k, n, d, mode).text


@given(st.one_of(share(), tie_share()), st.sampled_from(ALL_MODES), st.integers(min_value=0, max_value=2))
def test_value_interval_holds_exactly_the_values_that_print_so(case, other, d2):
    """x ∈ value_interval(p, m) ⇔ x prints as p under m, for x = 100·k/n (the oracle: decimal)."""
    k, n, d, mode = case
    p = _print(k, n, d, mode)
    x = Fraction(100 * k, n)
    assert (x in value_interval(p, mode)) is True
    q = _print(k, n, d2, other)
    assert (x in value_interval(q, mode)) == (_print(k, n, q.decimals, mode).text == q.text)


@st.composite
def partition(draw):
    """Counts of one whole (they sum to n) and the mode and decimals their shares are printed with."""
    n = draw(st.one_of(st.integers(min_value=2, max_value=3000), _TIE_BASES))
    cuts = sorted(draw(st.lists(st.integers(min_value=0, max_value=n), min_size=1, max_size=5)))
    counts = [b - a for a, b in zip([0, *cuts], [*cuts, n], strict=True)]
    return counts, n, draw(st.integers(min_value=0, max_value=2)), draw(st.sampled_from(ALL_MODES))


@given(partition())
def test_honest_shares_of_one_whole_can_sum_to_100(case):
    """Shares honestly printed under a mode always leave 100 inside their sum interval under it."""
    counts, n, d, mode = case
    pcts = [_print(k, n, d, mode) for k in counts]
    assert 100 in sum_interval(pcts, mode)


@pytest.mark.parametrize(
    "a, b, meets",
    [
        (Interval(Fraction(0), Fraction(1)), Interval(Fraction(1), Fraction(2)), True),  # touch, both closed
        (Interval(Fraction(0), Fraction(1), hi_open=True), Interval(Fraction(1), Fraction(2)), False),
        (Interval(Fraction(0), Fraction(1)), Interval(Fraction(1), Fraction(2), lo_open=True), False),
        (Interval(Fraction(0), Fraction(2)), Interval(Fraction(1), Fraction(3), True, True), True),
        (Interval(Fraction(0), Fraction(1)), Interval(Fraction(2), Fraction(3)), False),
        (Interval(Fraction(2), Fraction(3)), Interval(Fraction(0), Fraction(1)), False),
    ],
)
def test_interval_intersects(a, b, meets):
    assert a.intersects(b) is meets and b.intersects(a) is meets


def test_interval_ends():
    iv = Interval(Fraction(1), Fraction(2), lo_open=True)
    assert Fraction(1) not in iv and Fraction(2) in iv and Fraction(3, 2) in iv and Fraction(3) not in iv
    assert iv.reaches_down_to(Fraction(2)) and not iv.reaches_down_to(Fraction(1))
    assert Interval(Fraction(1), Fraction(2)).reaches_down_to(Fraction(1))
    assert (iv + Interval(Fraction(1), Fraction(1))) == Interval(Fraction(2), Fraction(3), True, False)


@pytest.mark.parametrize(
    "text, mode, interval",
    [
        ("26.85", H, Interval(Fraction(26845, 1000), Fraction(26855, 1000), False, True)),
        ("26.85", E, Interval(Fraction(26845, 1000), Fraction(26855, 1000), True, True)),  # 2685 is odd
        ("26.84", E, Interval(Fraction(26835, 1000), Fraction(26845, 1000), False, False)),  # 2684 even
        ("14.2", D, Interval(Fraction(142, 10), Fraction(143, 10), False, True)),
        ("14.3", U, Interval(Fraction(142, 10), Fraction(143, 10), True, False)),
        ("0", H, Interval(Fraction(0), Fraction(1, 2), False, True)),  # clipped at 0
        ("100", U, Interval(Fraction(99), Fraction(100), True, False)),
        ("100", H, Interval(Fraction(995, 10), Fraction(100), False, False)),  # clipped at 100
    ],
)
def test_value_interval_table(text, mode, interval):
    assert value_interval(parse_percent(text), mode) == interval


def test_sum_interval_of_truncated_sevenths():
    # 14.2 + 28.5 + 57.1 = 99.8 truncated: each value in [p, p + 0.1): the sum in [99.8, 100.1)
    iv = sum_interval([parse_percent(t) for t in ("14.2", "28.5", "57.1")], D)
    assert iv == Interval(Fraction(998, 10), Fraction(1001, 10), False, True) and 100 in iv


def test_nearest_bases_reach_below_a_limit_under_n():
    # 50% fits every even base (k = n/2) and no odd one up to 9 (3/7 = 42.9, 4/7 = 57.1, 4/9 = 44.4,
    # 5/9 = 55.6): searching from 1000 within [1, 10] must still reach 10 and 8.
    assert nearest_bases([parse_percent("50")], 1000, (H,), want=2, limit=10) == [10, 8]
    assert nearest_bases([parse_percent("50")], 7, (H,), want=2) == [6, 8]


@pytest.mark.parametrize("bad", ["1234567890123", "12.1234567890123"])
def test_parse_percent_refuses_absurd_precision(bad):
    with pytest.raises(ValueError):
        parse_percent(bad)


@given(exact_tie())
def test_count_range_at_exact_ties_under_every_mode(case):
    """At an exact tie every pair (the mode it was printed with, the mode accepted) is tried."""
    k, n, d, _ = case
    for print_mode in ALL_MODES:
        text = _print(k, n, d, print_mode)
        for mode in ALL_MODES:
            brute = [j for j in range(max(0, k - 3), min(n, k + 3) + 1) if mode in modes_consistent(j, n, text)]
            rng = count_range(text, n, (mode,))
            inside = [j for j in range(max(0, k - 3), min(n, k + 3) + 1) if rng and rng[0] <= j <= rng[1]]
            assert inside == brute, (k, n, d, print_mode, mode, text.text)


@pytest.mark.parametrize(
    "printed, lo, hi, expected",
    [
        ("100", 0, 3, [1, 2, 3]),  # 100% is reachable on every base, 1 included (1/1)
        ("99.12", 100, 114, [113, 114]),  # hi is included: 113/114 = 99.1228
        ("99.12", 100, 113, [113]),  # 114 lies above hi
    ],
)
def test_fitting_bases_ends(printed, lo, hi, expected):
    assert fitting_bases(parse_percent(printed), lo, hi, (H,)) == expected


def _fits_50(m: int) -> bool:
    """Oracle: some whole k of m prints as 50 to nearest (half-up), by the decimal module."""
    return any(_print(k, m, 0, H).text == "50" for k in range(m + 1))


def test_nearest_bases_search_order_and_ends():
    # n itself is never a candidate: 8 fits 50% (4/8) but is where the search starts
    assert 8 not in nearest_bases([parse_percent("50")], 8, (H,), want=4)
    # 100% fits every base: outward from 3, the lower neighbour first: 2, 4, then 1, 5
    assert nearest_bases([parse_percent("100")], 3, (H,), want=3) == [2, 4, 1]
    # the default limit is max(2n, 200): from 7, every base up to 200 that fits, and none above
    found = nearest_bases([parse_percent("50")], 7, (H,), want=1000)
    assert sorted(found) == [m for m in range(1, 201) if m != 7 and _fits_50(m)]
    # and from 101 it is 202
    assert max(nearest_bases([parse_percent("50")], 101, (H,), want=1000)) == 202


def test_sum_interval_is_half_a_unit_per_figure_to_nearest_under_half_even():
    # 26.85 (odd), 59.73 (odd), 13.42 (even) to half-even: odd prints exclude both ties, so the sum's ends are open
    pcts = [parse_percent(t) for t in ("26.85", "59.73", "13.42")]
    assert sum_interval(pcts, E) == Interval(Fraction(99985, 1000), Fraction(100015, 1000), True, True)


@pytest.mark.parametrize(
    "text, mode, interval",
    [
        ("0.1", U, Interval(Fraction(0), Fraction(1, 10), lo_open=True)),  # 0 itself rounds up to 0.0, not 0.1
        ("0.5", H, Interval(Fraction(45, 100), Fraction(55, 100), hi_open=True)),  # no clipping above 0
        ("99.9", D, Interval(Fraction(999, 10), Fraction(100), hi_open=True)),  # 100 truncates to 100.0
        ("0", E, Interval(Fraction(0), Fraction(1, 2))),  # 0 is even: the tie 0.5 rounds to 0
    ],
)
def test_value_interval_at_the_ends_of_the_scale(text, mode, interval):
    assert value_interval(parse_percent(text), mode) == interval


def test_no_base_no_count():
    pct = parse_percent("50")
    assert modes_consistent(0, 0, pct) == () and count_range(pct, 0, ALL_MODES) is None and not reachable(pct, 0, (H,))
    assert fitting_bases(pct, 5, 8, (H,)) == [6, 8]  # 2 and 4 fit too, but lie below 5


def test_parse_percent_says_what_it_refused():
    with pytest.raises(ValueError, match=r"^not a printed percentage: 'abc'$"):
        parse_percent("abc")
