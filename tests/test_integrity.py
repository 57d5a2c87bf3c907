"""Text integrity: each defect beside a clean look-alike that must pass."""

from pathlib import Path

import pytest

from proposal_audit.integrity import (
    check_text,
    find_mojibake,
    find_overconversion,
    find_pinyin_residue,
    find_template_tokens,
    infer_body,
)
from proposal_audit.results import Status

ROOT = Path(__file__).resolve().parents[1]
HENGNAN = (ROOT / "data" / "raw" / "hengnan_2019.txt").read_text(encoding="utf-8")


def test_hengnan_template_tokens_with_positions():
    hits = find_template_tokens(HENGNAN)
    assert [h.text for h in hits] == ["关键词2"] * 3
    for h in hits:
        assert HENGNAN[h.start : h.end] == "关键词2"
        line = HENGNAN.splitlines()[h.line - 1]
        assert line[h.column - 1 : h.column - 1 + 4] == "关键词2"
    # the first one stands where 我們 belongs: "具體來說,关键词2主要采取了以下有效措施"
    assert HENGNAN[hits[0].start - 5 : hits[0].end + 4] == "具體來說,关键词2主要采取"


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("我县xx乡共收到建议12件", ["xx"]),
        ("由XX局负责办理", ["XX"]),
        ("代表{{name}}提出的建议", ["{{name}}"]),
        ("某某同志提出", ["某某"]),
        # clean look-alikes
        ("關鍵詞:北京市政協 東城區政協 提案", []),  # a page's keyword line, not a template token
        ("详见 http://www.xxgk.gov.cn/xx/2021.html", []),  # xx inside an address
        ("Box XXL size", []),
    ],
)
def test_template_tokens(text, tokens):
    assert [h.text for h in find_template_tokens(text)] == tokens


def test_mojibake_and_its_repair():
    # UTF-8 "对不起，您访问的页面不存在或已被删除!" read as GBK, as a web page ended (corpus 10)
    broken = "瀵逛笉璧凤紝鎮ㄨ璁块棶鐨勯〉闈笉瀛樺湪鎴栧凡琚垹闄!"
    hits = find_mojibake("正文。\n" + broken)
    assert [h.text for h in hits] == [broken]
    assert hits[0].hint.startswith("对不起")


@pytest.mark.parametrize("clean", [HENGNAN[:2000], "共收到代表建议128件,全部按期办结,满意率100%。"])
def test_no_mojibake_in_clean_text(clean):
    assert find_mojibake(clean) == []


def test_overconversion_in_hengnan_and_clean_traditional_text():
    found = {h.text for h in find_overconversion(HENGNAN)}
    assert {"係統", "全麵", "回複", "曆年"} <= found
    assert find_overconversion("縣政府系統全面加強辦理,答覆代表,歷年經驗,限制條件") == []


def test_pinyin_residue():
    assert [h.text for h in find_pinyin_residue("十八屆人大四次會(huì)議")] == ["(huì)"]
    assert find_pinyin_residue("會議(第34次)") == []


@pytest.mark.parametrize(
    "text, body",
    [(HENGNAN, "人大"), ("市政协十三届委员提案470件,委员们积极建言", "政协"), ("人大代表建议128件", "人大")],
)
def test_infer_body(text, body):
    assert infer_body(text) == body


def test_other_bodys_words_beside_figures():
    text = "共收到代表建议30件。其中委员提案20件已办结。另对人大代表建议、政协提案进行了集中交办,共32个承办单位。"
    sentences = [(0, 10), (10, 21), (21, len(text))]
    by_id = {r.check_id: r for r in check_text(text, "人大", sentences)}
    r = by_id["text.body_labels"]
    assert r.status is Status.WARN
    assert "委员" in r.message.zh and "政协提案" not in r.message.zh.split(":", 1)[1]  # named on purpose: fine


def test_clean_report_passes_every_text_check():
    text = "2020年,市政府共收到代表建议128件,全部按规定期限办理完毕,满意率(含基本满意)为100%。"
    assert all(r.status is Status.PASS for r in check_text(text, "人大", [(0, len(text))]))


def test_the_liaison_committees_own_name_is_not_the_other_body():
    text = "经县人大常委会联络工作委员会审查后,交办代表建议30件。"
    r = next(r for r in check_text(text, "人大", [(0, len(text))]) if r.check_id == "text.body_labels")
    assert r.status is Status.PASS


def test_anonymised_names_are_not_template_tokens():
    assert find_template_tokens("×××代表提出的建议已办结") == []


def test_a_units_name_left_as_two_crosses_is_a_template_token():
    assert [h.text for h in find_template_tokens("由××局牵头办理")] == ["××"]
