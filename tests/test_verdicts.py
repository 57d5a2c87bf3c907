"""The wrong verdicts of issue 8, each reproduced, each beside a clean look-alike that must pass.

Every expected value is worked out by hand in the comment beside it, never copied from the code's
output. Results are found by the family of their check and the figure they are about, so these
tests read the same before and after the checks were renamed.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from proposal_audit.audit import audit, audit_document, audit_params
from proposal_audit.figures import figures_from_data
from proposal_audit.params import load_params
from proposal_audit.results import Cause, CheckResult, Policy, Severity, Status
from tests.conftest import cls, run, sat, total

ROOT = Path(__file__).resolve().parents[1]
F, W, P, U = Status.FAIL, Status.WARN, Status.PASS, Status.UNDECIDABLE


def about(res, prefix: str, key: str) -> CheckResult:
    """The one result of a check family (id prefix) that used the figure `key` first."""
    found = [r for r in res.results if r.check_id.startswith(prefix) and r.figures and r.figures[0] == key]
    assert len(found) == 1, [(r.check_id, r.figures) for r in res.results]
    return found[0]


def family(res, prefix: str) -> list[CheckResult]:
    return [r for r in res.results if r.check_id.startswith(prefix)]


def headlines(res) -> str:
    return "\n".join(h.zh for h in res.gaps.headlines) + "\n" + "\n".join(h.en for h in res.gaps.headlines)


# --------------------------------------------------------------------------- 1. Fréchet across populations

CLASSES_149 = [total(149), cls("A", 1, 40), cls("B", 2, 89), cls("C", 3, 20)]
FORMS_527 = {"kind": "base", "key": "forms", "label": "反馈意见表", "count": 527, "quote": "共收回反馈意见表527份"}


def test_frechet_is_not_computed_across_populations():
    # Satisfaction counted on 527 returned forms (400 satisfied + 127 basically = 527), classes on
    # 149 proposals. The old sentences: 400 + 109 − 149 = 360 → "at least 109", and 20 + 527 − 149 > 20
    # → "all 20 of class C". A form is not a proposal (527 > 149 cannot even be a subset), so no bound.
    res = run(
        *CLASSES_149,
        FORMS_527,
        sat("satisfied", 400, base="forms"),
        sat("basically_satisfied", 127, base="forms"),
    )
    text = headlines(res)
    assert "至少" not in text and "全部20件" not in text and "at least" not in text
    assert res.gaps.cells == ()
    assert "527" in text and "149" in text and "不是同一总体" in text  # says plainly why
    # the rates are still compared: 527/527 = 100% against 40/149 = 26.85%: 73.15 points > 20
    assert res.gaps.rate("combined").value == 100
    assert res.gaps.finding.status is W and res.gaps.finding.observed == "73.15"


def test_frechet_on_the_same_population_look_alike():
    # The same classes, satisfaction on the 149 proposals themselves (Hengnan): 117 + 109 − 149 = 77,
    # and class C: 20 + 149 − 149 = 20 = all of it.
    res = run(*CLASSES_149, sat("satisfied", 117), sat("basically_satisfied", 32))
    text = headlines(res)
    assert "至少77件" in text and "全部20件" in text


def test_frechet_on_a_subset_of_the_proposals_look_alike():
    # Sichuan 2016 (corpus 22): 代表共对755件建议…进行了满意度反馈: 755 of the 1034 proposals
    # themselves, so both margins count proposals: 690 satisfied + (1034 − 363) unsolved − 1034 = 327.
    res = run(
        total(1034),
        {"kind": "base", "key": "feedback", "count": 755, "quote": "代表共对755件建议的办理工作进行了满意度反馈"},
        cls("A", 1, 363),
        cls("B", 2, 403),
        cls("C", 3, 268),
        sat("satisfied", 690, base="feedback"),
        sat("basically_satisfied", 65, base="feedback"),
    )
    assert "至少327件" in headlines(res)


# --------------------------------------------------------------------------- 2. impossible margins

IMPOSSIBLE = [
    total(200),
    cls("A", 1, 100),
    cls("B", 2, 100),
    sat("very_satisfied", 120),
    sat("satisfied", 190),
]


def test_impossible_satisfaction_is_a_major_finding_and_no_headline():
    # 120 + 190 = 310 satisfied of 200: 155%. The old headlines: "155.00%" and, from 310 + 100 − 200,
    # "at least 100 … 310 satisfied". Both rest on a margin larger than its base.
    res = run(*IMPOSSIBLE)
    built = "\n".join(h.zh + h.en for h in res.gaps.headlines if h not in res.gaps.withheld)
    assert "155" not in built and "310" not in built and "至少" not in built and "at least" not in built
    assert any("超过100%" in w.zh for w in res.gaps.withheld)  # and it says why
    assert res.gaps.rate("satisfied") is None  # 155% is not a rate
    parts = [r for r in family(res, "parts.satisfaction") if r.status is F]
    assert parts and all(r.severity is Severity.MAJOR for r in parts)
    assert res.gaps.finding.status is U  # the gap cannot be measured on an impossible margin


def test_possible_satisfaction_look_alike():
    # 120 + 80 = 200 of 200: satisfied 100%, resolution 50%: 100 unsolved + 200 − 200 = 100 → "至少100件"
    res = run(total(200), cls("A", 1, 100), cls("B", 2, 100), sat("very_satisfied", 120), sat("satisfied", 80))
    assert "至少100件" in headlines(res)
    assert res.gaps.finding.status is W


@pytest.mark.parametrize(
    "entry, key",
    [
        (sat("satisfied", 210), "sat.satisfied"),  # 210 of 200
        (sat("satisfied", pct="105"), "sat.satisfied"),  # 105% of anything
        ({"kind": "handled", "count": 201}, "handled"),  # 201 handled of 200
    ],
)
def test_a_figure_above_its_base_is_a_major_finding_of_its_own(entry, key):
    res = run(total(200), entry)
    found = [r for r in res.results if key in r.figures and r.cause is Cause.EXCEEDS_BASE]
    assert found and all((r.status, r.severity) == (F, Severity.MAJOR) for r in found)


def test_a_figure_within_its_base_look_alike():
    res = run(total(200), sat("satisfied", 200, "100"), {"kind": "handled", "count": 200})
    assert not [r for r in res.results if r.cause is Cause.EXCEEDS_BASE]


# --------------------------------------------------------------------------- 3. sums under the policy

TRUNCATED_SEVENTHS = [total(7), cls("A", 1, 1, "14.2"), cls("B", 2, 2, "28.5"), cls("C", 3, 4, "57.1")]


def test_sum_to_100_honours_the_rounding_policy():
    # 1/7 = 14.2857…, 2/7 = 28.5714…, 4/7 = 57.1428…: truncated to 14.2, 28.5, 57.1 (sum 99.8).
    # Truncation keeps each share within one unit below its value: the sum lies in (100 − 3·0.1, 100]
    # = (99.7, 100], and 99.8 is inside. Under policy `any` every share passes, so must the sum.
    res = run(*TRUNCATED_SEVENTHS, policy=Policy.named("any"))
    assert all(r.status is P for r in family(res, "pct."))
    assert [r.status for r in family(res, "pctsum.")] == [P]


def test_sum_to_100_under_nearest_rounding_look_alike():
    # Under half-up/half-even each share is within half a unit: 100 ± 3·0.05 = [99.85, 100.15]; 99.8 is
    # outside, and A (14.2857 → 14.3) fails too.
    res = run(*TRUNCATED_SEVENTHS)
    assert [r.status for r in family(res, "pctsum.")] == [F]
    # the honest half-up shares 14.3 + 28.6 + 57.1 = 100.0 pass either way
    honest = [total(7), cls("A", 1, 1, "14.3"), cls("B", 2, 2, "28.6"), cls("C", 3, 4, "57.1")]
    for policy in ("permissive", "any"):
        assert [r.status for r in family(run(*honest, policy=Policy.named(policy)), "pctsum.")] == [P]


# --------------------------------------------------------------------------- 4. other base by coincidence


def test_another_base_must_explain_the_whole_set():
    # Total 100: A 10 printed 13%, B 90 printed 87%, and a topic row of 77 proposals.
    # 10/77 = 12.987 → 13 alone would "explain" A, but 90/77 = 116.9% cannot be B's 87%:
    # 77 is no base of the set. Both are off by 3 units (13 − 10, 87 − 90): major misprints alike.
    res = run(total(100), cls("A", 1, 10, "13"), cls("B", 2, 90, "87"), {"kind": "topic", "label": "城建", "count": 77})
    a, b = about(res, "pct.", "class.A"), about(res, "pct.", "class.B")
    assert (a.status, a.severity, a.cause) == (F, Severity.MAJOR, Cause.MISROUNDED)
    assert (b.status, b.severity, b.cause) == (F, Severity.MAJOR, Cause.MISROUNDED)


def test_another_base_that_explains_the_whole_set_look_alike():
    # Corpus 12: 148+364+66+10 = 588 of a stated 591. On 588: 25.17 → 25.2, 61.90 → 61.9,
    # 11.22 → 11.2, 1.70 → 1.7 — every share fits; A and B do not fit 591 (25.04, 61.59).
    res = run(
        total(591), cls("A", 1, 148, "25.2"), cls("B", 2, 364, "61.9"), cls("C", 3, 66, "11.2"), cls("D", 4, 10, "1.7")
    )
    a = about(res, "pct.", "class.A")
    assert (a.status, a.severity, a.cause, a.candidates) == (F, Severity.MINOR, Cause.OTHER_BASE, (588,))


# --------------------------------------------------------------------------- 5. cause agrees with modes


def test_a_rounded_100_is_not_called_misrounded():
    # 1999/2000 = 99.95% → one decimal: half-up 100.0, half-even 999.5 → 1000 (even) = 100.0, ceiling
    # 100.0, truncation 99.9. Honest rounding gives "100.0", so "misrounded" would contradict the modes;
    # it is still worth a word: one proposal was not answered.
    res = run(total(2000), {"kind": "handled", "count": 1999}, {"kind": "reply_rate", "pct": "100.0"})
    r = about(res, "pct.", "reply_rate")
    assert set(r.modes) >= {"half_up", "half_even"}
    assert r.cause is not Cause.MISROUNDED and r.status is W


@pytest.mark.parametrize(
    "handled, status, cause",
    [
        (2000, P, None),  # 2000/2000 = 100.0 exactly
        (1998, F, Cause.MISROUNDED),  # 99.9 exactly under every mode: "100.0" fits none
    ],
)
def test_a_rounded_100_look_alikes(handled, status, cause):
    res = run(total(2000), {"kind": "handled", "count": handled}, {"kind": "reply_rate", "pct": "100.0"})
    r = about(res, "pct.", "reply_rate")
    assert (r.status, r.cause) == (status, cause)


# --------------------------------------------------------------------------- 6. the most severe first


@pytest.fixture
def hengnan():
    return audit_params(load_params(ROOT / "params" / "hengnan_2019.yaml"))


def test_worst_first_puts_the_major_gap_above_a_minor_text_slip(hengnan):
    # Hengnan: the 73.15-point gap (major) and 关键词2 three times (a minor slip in the text).
    first = hengnan.worst_first()[0]
    assert first.check_id == "gap.satisfaction_vs_resolution"


def test_index_gives_the_real_worst_severity(hengnan):
    from proposal_audit.export import result_to_json
    from proposal_audit.index import _row

    assert _row(result_to_json(hengnan), "hengnan_2019.html").worst_severity == "major"


def test_cli_names_the_most_severe_finding(hengnan):
    from proposal_audit.runner import _worst_title

    assert _worst_title(hengnan) == "满意率与解决率的差距"


# --------------------------------------------------------------------------- 7. metadata


def test_year_is_the_year_handled_not_the_review_date():
    # 衡南縣第十七屆人民代表大會 / 第四次會議…辦理情況報告 / (已經2020年5月18日…審議) /
    # … 2019年縣政府係統共接辦代表建議149件: reviewed in 2020, handled in 2019.
    meta = audit_document(ROOT / "data" / "raw" / "hengnan_2019.txt").figures.meta
    assert meta.year == 2019
    assert meta.title == "衡南縣第十七屆人民代表大會第四次會議代表建議、批評和意見辦理情況報告"


# --------------------------------------------------------------------------- 8. the README example


def _readme_figures() -> dict:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Figures typed by hand") :]
    start = section.index("```yaml") + 7
    return yaml.load(section[start : section.index("```", start)], Loader=yaml.BaseLoader)


def test_readme_example_is_hengnans_own_figures():
    # Every figure of the example must be one of data/figures/hengnan_2019.yaml's (kind, count, pct).
    example = figures_from_data(_readme_figures())
    typed = figures_from_data(yaml.load((ROOT / "data/figures/hengnan_2019.yaml").read_text(), yaml.BaseLoader))
    real = {(f.kind, f.count, f.pct.text if f.pct else None) for f in typed}
    assert {(f.kind, f.count, f.pct.text if f.pct else None) for f in example} <= real
    res = audit(example)
    assert not [r for r in res.results if r.category.value == "arithmetic" and r.is_finding]
    assert res.gaps.finding.observed == "73.15"  # 100 − 26.85


# --------------------------------------------------------------------------- 9. exit status


def test_summary_line_counts_what_could_not_be_decided():
    from proposal_audit.cli import _outcome_line
    from proposal_audit.runner import RunOutcome

    line = _outcome_line(RunOutcome("p.yaml", "r", 0, 1.0, counts={"pass": 3, "not_decidable": 2}))
    assert "2" in line and "无法判定" in line


def test_readme_exit_table_says_what_0_means():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| 0 |"))
    assert "every check passed" not in row and "not_decidable" in row


# --------------------------------------------------------------------------- 10. one result per audit


def test_the_notebook_renders_the_result_the_runner_computed(tmp_path, monkeypatch):
    """A result stored for these inputs is what the notebook shows, not a second audit."""
    from proposal_audit import cache

    monkeypatch.setenv("PROPOSAL_AUDIT_CACHE_DIR", str(tmp_path))
    from proposal_audit.results import Text

    params = load_params(ROOT / "params" / "hengnan_2019.yaml")
    res = audit_params(params)
    marked = replace(res, gaps=replace(res.gaps, headlines=(Text("标记-MARK-4711", "MARK-4711"),)))
    cache.store(params, marked)
    assert cache.audit_once(params).gaps.headlines == marked.gaps.headlines
    cache.forget(params)
    assert cache.audit_once(params).gaps.headlines == res.gaps.headlines


# --------------------------------------------------------------------------- 11. rules the tests must pin


def test_shares_above_100_fail():
    # 60.0 + 30.0 + 12.0 = 102.0 > 100 + 3·0.05 = 100.15
    res = run(total(100), cls("A", 1, pct="60.0"), cls("B", 2, pct="30.0"), cls("C", 3, pct="12.0"))
    assert [(r.status, r.cause) for r in family(res, "pctsum.")] == [(F, Cause.SUM_NOT_100)]


def test_two_errors_that_cancel_are_not_forced_to_100():
    # 1/3 = 33.333… → 33.33, 2/3 = 66.666… → 66.67; printed 33.34 (+1 unit) and 66.66 (−1 unit).
    # They sum to 100.00, but so do the honest shares (33.33 + 66.67): nothing needed forcing.
    # 33.34 is what ceiling gives, 66.66 what truncation gives — two different modes, one each.
    res = run(total(3), cls("A", 1, 1, "33.34"), cls("B", 2, 2, "66.66"))
    a, b = about(res, "pct.", "class.A"), about(res, "pct.", "class.B")
    assert (a.status, a.cause) == (F, Cause.CEILING)
    assert (b.status, b.cause) == (F, Cause.TRUNCATION)


def test_half_even_excludes_the_tie_below_an_odd_print():
    from proposal_audit.rounding import Mode, count_range, parse_percent

    # 1/8 = 12.5%: half-even rounds the tie to 12 (even), never to 13; half-up gives 13.
    assert count_range(parse_percent("13"), 8, (Mode.HALF_EVEN,)) is None
    assert count_range(parse_percent("12"), 8, (Mode.HALF_EVEN,)) == (1, 1)
    assert count_range(parse_percent("13"), 8, (Mode.HALF_UP,)) == (1, 1)


def test_exact_fractions_behind_the_rows():
    """The arithmetic the comments above rely on, in plain fractions."""
    assert Fraction(100 * 1999, 2000) == Fraction(19990, 200) == Fraction(9995, 100)
    assert Fraction(100 * 10, 77) > Fraction(1295, 100) and Fraction(100 * 10, 77) < Fraction(1300, 100)
    assert Fraction(100 * 90, 77) > 100
    assert Fraction(1420 + 2850 + 5710, 100) == Fraction(998, 10)


# --------------------------------------------------------------------------- causes never contradict modes

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def near_miss(draw):
    """A class share printed at, or a few units from, what its count gives (bases rich in ties)."""
    n = draw(st.one_of(st.integers(min_value=1, max_value=3000), st.sampled_from([8, 16, 40, 200, 400, 2000])))
    k = draw(st.integers(min_value=0, max_value=n))
    d = draw(st.integers(min_value=0, max_value=2))
    shift = draw(st.integers(min_value=-2, max_value=2))
    scaled = max(0, round(Fraction(100 * k * 10**d, n)) + shift)
    whole, frac = divmod(scaled, 10**d)
    text = f"{whole}" + (f".{frac:0{d}d}" if d else "")
    return n, k, text, draw(st.sampled_from(["permissive", "strict", "any"]))


@settings(max_examples=150)
@given(near_miss())
def test_a_cause_never_contradicts_the_modes(case):
    from proposal_audit.rounding import Mode, printed

    n, k, text, policy_name = case
    policy = Policy.named(policy_name)
    rest = printed(n - k, n, 1)
    res = run(total(n), cls("A", 1, k, text), cls("B", 2, n - k, rest), policy=policy)
    r = next(r for r in res.results if r.check_id == "pct.share:class.r1")
    accepted = set(r.modes) & set(policy.accepted)
    if r.status is P or r.cause is Cause.ROUNDED_TO_ALL:
        assert accepted
    if r.cause is Cause.MISROUNDED:
        assert r.modes == ()
    if r.cause is Cause.TRUNCATION:
        assert Mode.TRUNCATE in r.modes
    if r.cause is Cause.CEILING:
        assert Mode.CEILING in r.modes
    if r.status is F:
        assert not accepted or r.cause is Cause.OTHER_BASE


# --------------------------------------------------------------------------- small ones


def test_pinyin_residue_is_one_pattern_the_reader_and_the_integrity_check_share():
    from proposal_audit import integrity, normalize, patterns

    # 會(hui\u0300)議: the tone written as a combining grave accent after a plain "i"
    text = "十八屆人大四次會(hui\u0300)議議案2件"
    assert [h.text for h in integrity.find_pinyin_residue(text)] == ["(hui\u0300)"]
    assert normalize.normalize(text).text == "十八届人大四次会议议案2件"
    assert normalize.PINYIN_RESIDUE is integrity.PINYIN_RESIDUE is patterns.PINYIN_RESIDUE
    # clean look-alikes: brackets of Chinese or capitals, and pinyin not after a character
    assert integrity.find_pinyin_residue("建议(草案)分类(A)见附件 (hui)") == []


def test_every_error_is_in_the_tree_and_exported():
    import proposal_audit
    from proposal_audit import errors

    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.ProposalAuditError)]
    assert {c.__name__ for c in classes} == {"ProposalAuditError", "InputError", "ParamsError", "FiguresError",
                                             "DocumentError", "LedgerError", "ProfileError", "RunError"}  # fmt: skip
    for c in classes:
        assert c.__name__ in errors.__doc__ and c.__name__ in errors.__all__ and c.__name__ in proposal_audit.__all__
        assert getattr(proposal_audit, c.__name__) is c


def test_runner_and_trends_share_one_fingerprint_and_no_import_cycle():
    import ast

    def imports(module: str) -> set[str]:
        tree = ast.parse((ROOT / "proposal_audit" / f"{module}.py").read_text(encoding="utf-8"))
        return {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}

    assert "runner" not in imports("trends")  # the runner runs the trends notebook; trends never needs it
    assert "cache" in imports("trends") and "cache" in imports("runner")


# --------------------------------------------------------------------------- from the adversarial trial

SHARES_170 = [total(170), cls("A", 1, pct="41.2"), cls("B", 2, pct="47.1"), cls("C", 3, pct="11.8")]


def _ab(pct: str) -> dict:
    return {"kind": "sum", "key": "ab", "label": "两项合计", "pct": pct, "parts": ["class.A", "class.B"]}


def test_a_stated_sum_of_printed_shares_need_not_be_a_whole_counts_share():
    # 41.2 + 47.1 = 88.3 exactly: the sum of the printed terms. No count of 170 gives 88.3
    # (150/170 = 88.235 -> 88.2, 151/170 = 88.824 -> 88.8), but the sum was taken of the shares,
    # so the stated sum is decided against its terms only, and nothing fails.
    res = run(*SHARES_170, _ab("88.3"))
    assert about(res, "sum.pct", "ab").status is P
    assert not [r for r in family(res, "pct.reachable") if "ab" in r.figures]
    assert not [r for r in res.results if r.status is F]


def test_a_stated_sum_of_the_unrounded_counts_passes_too():
    # 41.2% of 170 allows only 70 (41.15·1.7 = 69.955, 41.25·1.7 = 70.125); 47.1% only 80
    # (47.05·1.7 = 79.985, 47.15·1.7 = 80.155). 70 + 80 = 150, 150/170 = 88.235 -> 88.2: the lump
    # taken before rounding, though the printed terms sum to 88.3.
    assert about(run(*SHARES_170, _ab("88.2")), "sum.pct", "ab").status is P


def test_a_stated_sum_neither_convention_gives_look_alike():
    # 89.3 is not 88.3 (the printed terms) and 150/170 = 88.2 (the counts), and no term at the edge of
    # its interval reaches it (41.25 + 47.15 = 88.4 < 89.25): a wrong stated sum.
    r = about(run(*SHARES_170, _ab("89.3")), "sum.pct", "ab")
    assert (r.status, r.cause) == (F, Cause.WRONG_STATED_SUM)


FILED_365 = [
    {"kind": "submitted", "count": 412, "label": "收到提案"},
    {"kind": "base", "key": "filed", "label": "立案总数", "count": 365},
    total(341),
]


def test_classes_counted_on_the_merged_total_with_shares_on_the_filed_count():
    # 152 + 143 + 46 = 341, the total after merging; the shares say 占立案总数的: 152/365 = 41.6438
    # -> 41.64, 143/365 = 39.1781 -> 39.18, 46/365 = 12.6027 -> 12.60. Their sum 93.42 is what
    # 341/365 = 93.4247 allows (each share ± 0.005: 93.4097 to 93.4397), not 100: nothing is wrong.
    res = run(
        *FILED_365,
        cls("A", 1, 152, "41.64", base="filed"),
        cls("B", 2, 143, "39.18", base="filed"),
        cls("C", 3, 46, "12.60", base="filed"),
    )
    assert about(res, "parts.classes", "filed").status is P
    assert about(res, "pctsum.classes", "class.A").status is P
    assert not [r for r in res.results if r.status is F]


def test_classes_that_add_up_to_neither_base_look_alike():
    # 152 + 143 + 40 = 335: neither the 365 filed nor the 341 merged. 40/365 = 10.9589 -> 10.96.
    res = run(
        *FILED_365,
        cls("A", 1, 152, "41.64", base="filed"),
        cls("B", 2, 143, "39.18", base="filed"),
        cls("C", 3, 40, "10.96", base="filed"),
    )
    r = about(res, "parts.classes", "filed")
    assert (r.status, r.cause) == (F, Cause.PARTS_DO_NOT_ADD_UP)


def _lump(count: int) -> dict:
    return {"kind": "class_combined", "ranks": [1, 2], "count": count, "pct": "75", "label": "已解决和正在解决"}


def test_a_lump_stands_in_for_the_classes_it_sums_when_they_are_not_printed():
    # 已解决和正在解决的150件 (classes 1 and 2, not printed apart) and 暂时无法解决的50件:
    # 150 + 50 = 200 = the total; 150/200 = 75%, 50/200 = 25%, 75 + 25 = 100.
    res = run(total(200), _lump(150), cls("C", 3, 50, "25"))
    assert about(res, "parts.classes", "total").status is P
    assert not [r for r in res.results if r.status is F]


def test_a_lump_and_a_class_that_miss_the_total_look_alike():
    # 150 + 60 = 210 ≠ 200: the parts do not add up (and 60/200 = 30% is not the printed 25%).
    r = about(run(total(200), _lump(150), cls("C", 3, 60, "25")), "parts.classes", "total")
    assert (r.status, r.cause) == (F, Cause.PARTS_DO_NOT_ADD_UP)


def test_a_lump_whose_classes_are_printed_is_their_stated_sum_not_a_part():
    # A 90 + B 60 + C 50 = 200: the partition is the three classes; the lump 150 = 90 + 60 is checked
    # as a stated sum (sum.count), and not counted a second time in the partition (150 + 200 ≠ 200).
    res = run(total(200), cls("A", 1, 90), cls("B", 2, 60), _lump(150), cls("C", 3, 50, "25"))
    assert about(res, "parts.classes", "total").status is P
    assert not [r for r in res.results if r.status is F]


CHAIN_318 = [
    {"kind": "submitted", "count": 318, "label": "共收到委员提案"},
    {"kind": "base", "key": "filed", "count": 276, "label": "经审查立案"},
    {"kind": "total", "count": 259, "label": "并案后交办"},
]


def _filing(pct: str) -> dict:
    return {"kind": "filing_rate", "pct": pct, "label": "立案率"}


def test_a_filing_rate_is_of_the_count_filed_not_the_merged_total():
    # 立案276件, 立案率86.79%: 276/318 = 86.7925 -> 86.79. On the merged 259 it would be
    # 259/318 = 81.4465 -> 81.45, a false "off by 534 units".
    res = run(*CHAIN_318, _filing("86.79"))
    assert not [r for r in res.results if r.status is F]
    assert [r for r in res.results if "filed" in r.figures and r.status is P]


def test_a_filing_rate_that_the_filed_count_does_not_give_look_alike():
    # 276/318 = 86.79, not 80.00: off by 679 units in the last place.
    res = run(*CHAIN_318, _filing("80.00"))
    assert [r.cause for r in res.results if r.status is F] == [Cause.MISROUNDED]


def test_a_filing_rate_beside_a_merged_total_and_no_filed_count_is_only_checked_for_reach():
    # No 立案 count printed, the total is worded as merged: the filed count is unknown. 86.79% of 318
    # is reachable (276/318 = 86.7925), so it passes as reachable, not as a share of 259.
    res = run(CHAIN_318[0], CHAIN_318[2], _filing("86.79"))
    assert not [r for r in res.results if r.status is F]


# --------------------------------------------------------------------------- bounds (95%以上, 不足5%)

BOUNDS = [
    # (count, base, printed, bound, status): the rate rounded to the printed precision must reach it
    (207, 215, "95", "at_least", P),  # 207/215 = 96.28% ≥ 95%
    (170, 186, "95", "at_least", F),  # 170/186 = 91.40% < 95%: the claim is wrong
    (189, 199, "95", "at_least", P),  # 189/199 = 94.97% -> 95 when rounded: reaches the bound
    (9, 200, "5", "at_most", P),  # 9/200 = 4.5% ≤ 5% (half-up 5, half-even 4)
    (12, 200, "5", "at_most", F),  # 12/200 = 6% > 5%
]


@pytest.mark.parametrize("k, n, printed, bound, status", BOUNDS)
def test_a_bound_is_checked_as_a_bound(k, n, printed, bound, status):
    res = run(total(n), {"kind": "handled", "count": k, "pct": printed, "bound": bound})
    r = about(res, "pct.share", "handled")
    assert r.status is status, r.message.en
    assert r.cause is (None if status is P else Cause.BOUND_NOT_MET)


def test_a_bound_with_no_count_is_no_rounded_value():
    # 95%以上 of 13: no whole count gives 95% exactly (12/13 = 92.3, 13/13 = 100), but 13/13 reaches it:
    # a bound is not checked for reach, and never fails for it.
    res = run(total(13), {"kind": "reply_rate", "pct": "95", "bound": "at_least"})
    assert not [r for r in res.results if r.status is F]


def test_an_exact_share_of_13_look_alike():
    # The same 95% printed as an exact rate: no count of 13 gives it (12/13 = 92.31, 13/13 = 100).
    res = run(total(13), {"kind": "reply_rate", "pct": "95"})
    assert [r.cause for r in res.results if r.status is F] == [Cause.UNREACHABLE]


def test_the_reader_keeps_the_bound_the_text_states():
    from proposal_audit.reading import read_text

    figs = read_text("县政府承办的215件代表建议中已办结207件,办结率达95%以上;代表满意率不低于90%。").figures
    assert {f.kind.value: f.bound for f in figs if f.pct is not None} == {
        "handled": "at_least",
        "satisfaction": "at_least",
    }
