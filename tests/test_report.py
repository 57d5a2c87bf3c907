"""The report a committee member reads: headline box, plain findings, no ids in the body, English
without Chinese outside quotations, readable charts, nothing drawn when there is nothing to show."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from proposal_audit import plots, render
from proposal_audit import wording as w
from proposal_audit.audit import AuditResult, audit_params
from proposal_audit.params import load_params
from proposal_audit.results import Cause, Status
from tests.conftest import cls, run, sat, total

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "params" / "corpus").glob("*.yaml"))
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def hengnan() -> AuditResult:
    return audit_params(load_params(ROOT / "params" / "hengnan_2019.yaml"))


@pytest.fixture(scope="module")
def corpus() -> list[AuditResult]:
    return [audit_params(load_params(p)) for p in CORPUS]


def body(result: AuditResult, language: str) -> str:
    """The report above the technical appendix, as the notebook shows it, cell by cell."""
    parts = (render.summary, render.findings, render.gaps, render.figures, render.unplaced)
    return "".join(f(result, language).html for f in parts) + render.method(language).html


def page(result: AuditResult, language: str) -> str:
    return body(result, language) + render.appendix(result, language).html


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["style", "script"]):
        tag.decompose()
    return soup.get_text(" ")


def outside_quotations(html: str) -> str:
    """The text of a page less every quotation of the report (<q>, and elements marked lang="zh…")."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["style", "script"]):
        tag.decompose()
    for tag in soup.find_all(lambda t: t.name == "q" or (t.get("lang") or "").lower().startswith("zh")):
        tag.decompose()
    return soup.get_text(" ")


# --------------------------------------------------------------------------- the first screen


def test_headline_box_names_the_gap_with_the_bound_and_the_template_tokens(hengnan):
    html = render.summary(hengnan, "zh").html
    box = BeautifulSoup(html, "html.parser").select_one("section.pa-headline")
    items = [li.get_text() for li in box.select("ol > li")]
    gap = next(i for i in items if "73.15" in i)
    # 117 satisfied + (149 − 40 = 109) not solved − 149 = 77 at least (Fréchet lower bound, worked by hand)
    assert "至少77件" in gap and "26.85%" in gap
    raw = (ROOT / "data" / "raw" / "hengnan_2019.txt").read_text(encoding="utf-8")
    tokens = next(i for i in items if "模板占位符" in i)
    assert raw.count("关键词2") == 3  # the seed has 关键词2 three times where 我们 belongs
    assert "3处" in tokens and "关键词2" in tokens
    # the order is the result's own, most severe first as worst_first() gives it
    ordered = [r for r in hengnan.worst_first() if r.is_finding]
    assert len(items) == len(ordered) == 3
    assert ("73.15" in items[0]) == (ordered[0].check_id.startswith("gap"))


def test_consistent_checks_are_said_after_the_findings_not_as_a_clean_bill(hengnan):
    box = BeautifulSoup(render.summary(hengnan, "zh").html, "html.parser").select_one("section.pa-headline")
    text = box.get_text()
    assert "全部" not in text.split("主要发现")[1][:20]  # no "all N checks consistent" lead-in
    consistent = box.select_one(".pa-consistent").get_text()
    passed = sum(r.status is Status.PASS for r in hengnan.results)
    assert consistent.startswith(f"除上述问题外,另有{passed}项检查结果一致")
    assert text.index("至少77件") < text.index("除上述问题外")


def test_a_clean_report_says_so(tmp_path):
    res = run(total(128), cls("A", 1, 64, "50"), cls("B", 2, 64, "50"))  # 64/128 = 50% exactly
    html = render.summary(res, "zh").html
    assert "未发现数字或文本上的问题" in html and "<ol>" not in html


# --------------------------------------------------------------------------- no ids in the body


def _identifiers(result: AuditResult) -> set[str]:
    ids = {r.check_id for r in result.results}
    keys = {f.key for f in result.figures if "." in f.key or "_" in f.key}
    kinds = {f.kind.value for f in result.figures if "_" in f.kind.value}
    return ids | keys | kinds


def test_body_shows_no_check_ids_keys_kinds_or_offsets(hengnan, corpus):
    for result in [hengnan, *corpus]:
        for language in ("zh", "en"):
            text = visible_text(body(result, language))
            leaked = {x for x in _identifiers(result) if x in text}
            assert not leaked, (result.report_id, language, leaked)
            assert "offset" not in text and "Value error" not in text, result.report_id


def test_the_appendix_keeps_them_for_the_record(hengnan):
    appendix = render.appendix(hengnan, "zh").html
    assert appendix.startswith('<details class="pa pa-appendix">') and appendix.endswith("</details>")
    assert "<script" not in appendix
    for check_id in ("text.template_tokens", "gap.satisfaction_vs_resolution", "pct.share:class.r1"):
        assert check_id in appendix
    assert "426–430" in appendix  # the first 关键词2: offset 426, four characters


# --------------------------------------------------------------------------- English


def test_english_report_body_has_no_chinese_outside_quotations(hengnan, corpus):
    for result in [hengnan, *corpus]:
        leaks = CJK.findall(outside_quotations(body(result, "en")))
        assert not leaks, (result.report_id, "".join(leaks)[:80])


@pytest.mark.parametrize("params", [ROOT / "params" / "hengnan_2019.yaml", *CORPUS], ids=lambda p: p.stem)
def test_english_appendix_has_no_chinese_outside_quotations(params):
    result = audit_params(load_params(params))
    leaks = CJK.findall(outside_quotations(render.appendix(result, "en").html))
    assert not leaks, "".join(leaks)[:80]


def test_the_english_check_has_teeth():
    """Control: a Chinese word that is not marked as a quotation is caught."""
    assert CJK.search(outside_quotations("<p>the base is 总数 149</p>"))
    assert not CJK.search(outside_quotations('<p>the base is <q lang="zh-CN">总数</q> 149</p>'))


def test_english_base_is_in_english(hengnan):
    html = render.figures(hengnan, "en").html
    assert "the total of 149" in html and "总数 149" not in html and "总数149" not in html


# --------------------------------------------------------------------------- findings in plain words

PLAIN = [
    # (figures, cause, words the sentence must hold: worked out by hand)
    (  # 40 + 89 + 19 = 148 against a total of 149: one apart
        [total(149), cls("A", 1, 40), cls("B", 2, 89), cls("C", 3, 19)],
        Cause.PARTS_DO_NOT_ADD_UP,
        ["相加为148件", "总数是149件", "相差1件"],
    ),
    (  # 40/149 = 26.845…% prints 26.85, not 26.86; 89/149 = 59.73; 20/149 = 13.42
        [total(149), cls("A", 1, 40, "26.86"), cls("B", 2, 89, "59.73"), cls("C", 3, 20, "13.42")],
        Cause.MISROUNDED,
        ["A印为26.86%", "应为26.85%"],
    ),
    (  # 99.16% of 801: 794/801 = 99.126, 795/801 = 99.251; no whole count gives it
        [total(801), sat("satisfied_or_basic", pct="99.16")],
        Cause.UNREACHABLE,
        ["99.16%", "总数801件", "任何整数件数都得不到"],
    ),
]


@pytest.mark.parametrize("entries,cause,words", PLAIN, ids=[c.value for _, c, _ in PLAIN])
def test_finding_sentences_in_plain_words(entries, cause, words):
    res = run(*entries)
    r = next(r for r in res.results if r.cause is cause)
    plain = w.finding(res, r, "zh")
    for word in words:
        assert word in plain.sentence, plain.sentence
    assert plain.ask  # what the office might ask the government
    assert "cause=" in plain.rule and r.check_id not in plain.sentence


def test_every_finding_of_the_corpus_has_its_own_wording(hengnan, corpus):
    """No finding falls through to the generic rule: each family/cause has words in wording.yaml."""
    for result in [hengnan, *corpus]:
        for r in result.results:
            if r.status is Status.PASS:
                continue
            for language in ("zh", "en"):
                plain = w.finding(result, r, language)
                assert "check=" in plain.rule or "cause=" in plain.rule, (result.report_id, r.check_id, plain.rule)
                assert "{" not in plain.sentence


def test_every_cause_has_a_rule():
    import yaml

    rules = yaml.safe_load(w.WORDING_FILE.read_text(encoding="utf-8"))["findings"]
    named = {(r.get("match") or {}).get("cause") for r in rules}
    families = {(r.get("match") or {}).get("check") for r in rules}
    for cause in Cause:
        if cause in (Cause.GAP, Cause.TEXT_DEFECT, Cause.NOT_PLACED):  # worded by their check family
            continue
        assert cause.value in named, cause
    assert {"gap", "text.template_tokens", "text.mojibake", "source.unplaced"} <= families


# --------------------------------------------------------------------------- escaping and figures as read


def test_report_words_are_escaped_and_the_number_marked():
    sentence = "其中<script>alert(1)</script>A类40件,占26.85%"
    html = render.highlight(sentence, "A类40件,占26.85%", ["26.85", "40"])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>40</mark>" in html and "<mark>26.85%</mark>" in html
    assert "<mark>1</mark>" not in html  # a number outside the figure's own words is not marked


def test_unplaced_numbers_wrap_to_the_page(tmp_path):
    from proposal_audit.audit import audit_document

    doc = tmp_path / "approx.txt"
    doc.write_text(
        "共接办代表建议120件,均已办结。其中A类60件,占50%;B类60件,占50%。全年收到群众来信1.2万件。", encoding="utf-8"
    )
    html = render.unplaced(audit_document(doc), "zh").html
    assert 'class="pa-table pa-fixed"' in html and "<colgroup>" in html
    assert "约数(万、余、多)" in html  # the reader's reason in plain words


def test_nothing_to_show_draws_no_table_or_chart():
    res = run(total(100), {"kind": "units", "count": 12})  # a total and a unit count: no rates, no classes
    assert render.gaps(res, "zh").html == "" and render.unplaced(res, "zh").html == ""
    for draw in (plots.rates_chart, plots.composition_chart):
        chart = draw(res, "zh")
        assert chart.empty and chart._repr_png_() is None and chart._repr_html_() == ""


# --------------------------------------------------------------------------- charts with long labels

LONG = [
    total(149),
    cls("所提问题已经得到解决或者基本得到解决的建议", 1, 40, "26.85"),
    cls("所提问题正在解决或者已经列入计划逐步解决的建议", 2, 89, "59.73"),
    cls("因客观条件限制或者其他原因暂时无法解决的建议", 3, 20, "13.42"),
    sat("satisfied", 117, "78.52"),
    sat("basically_satisfied", 32, "21.48"),
]


def test_long_chinese_labels_wrap_and_do_not_overlap():
    import io

    import matplotlib.pyplot as plt
    from PIL import Image

    res = run(*LONG)
    chart = plots.composition_chart(res, "zh")
    width, height = Image.open(io.BytesIO(chart.png)).size
    assert height > 400  # grows with the wrapped labels instead of squeezing them
    # Re-draw the bars the same way and measure: labels wrapped to ≤ 9 characters a line never overlap
    labels = [plots.wrap_label(f["label"]) for f in LONG[1:4]]
    assert all(max(len(line) for line in x.split("\n")) <= 10 for x in labels)
    from proposal_audit.fonts import chart_rc

    with plt.rc_context(chart_rc()):
        fig, ax = plt.subplots(figsize=(8, plots._height(labels)))
        plots._bars(ax, labels, [26.85, 59.73, 13.42], ["#888"] * 3)
        fig.tight_layout()
        fig.canvas.draw()
        boxes = [t.get_window_extent() for t in ax.get_yticklabels()]
        inside = fig.bbox
        plt.close(fig)
    for a, b in zip(boxes, boxes[1:], strict=False):
        assert a.y0 >= b.y1 or b.y0 >= a.y1, "tick labels overlap"
    assert all(box.x0 >= inside.x0 and box.y0 >= inside.y0 for box in boxes)


def test_wrap_label_keeps_latin_words_whole():
    assert plots.wrap_label("satisfied, not counting basically satisfied") == (
        "satisfied, not\ncounting basically\nsatisfied"
    )
    # 8 wide characters take 16 columns; "(A+B" (4 more) would pass 18, so it starts the next line whole
    assert plots.wrap_label("解决及正在解决率(A+B类)") == "解决及正在解决率\n(A+B类)"
    # 满意率(不含基本满 is 18 columns; 意 starts a new line and the closing bracket stays with it
    assert plots.wrap_label("满意率(不含基本满意)") == "满意率(不含基本满\n意)"


def test_a_bound_is_shown_as_printed():
    # "办结率达95%以上": the figures table and the memo say 95%以上 (95% or more), not a bare 95%
    from proposal_audit import wording as w
    from proposal_audit.figures import figures_from_data

    entries = [{"kind": "total", "count": 215}, {"kind": "handled", "count": 207, "pct": "95", "bound": "at_least"}]
    figs = figures_from_data({"figures": entries})
    handled = figs.get("handled")
    assert (w.printed_pct(handled, "zh"), w.printed_pct(handled, "en")) == ("95%以上", "95% or more")
    assert w.numbers(handled) == "207件(95%以上)"
