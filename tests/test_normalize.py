"""Normalization: what extraction reads, and the map back to the original characters."""

import re

import pytest

from proposal_audit.normalize import chinese_number, normalize

CASES = [
    ("回複率達100%", "回复率达100%"),  # traditional → simplified, over-conversion included
    ("縣政府係統共接辦代表建議", "县政府系统共接办代表建议"),
    ("會(huì)議議案2件", "会议议案2件"),  # pinyin residue from mirror sites
    ("占15.6 %", "占15.6%"),
    ("１４９件，占２６．８５％", "149件,占26.85%"),  # full-width digits and punctuation
    ("共四千二百八十七件", "共4287件"),
    ("占总数的百分之七十二点二", "占总数的72.2%"),
    ("一百五十六个承办单位", "156个承办单位"),
    ("三千零九十六件", "3096件"),
    ("一是加强,三结合,一份责任", "一是加强,三结合,一份责任"),  # words, not counts: left alone
    ("十三届五次会议", "十三届五次会议"),
    ("办复率&nbsp;100%,占&amp;nbsp;42.1&#160;%", "办复率 100%,占 42.1%"),  # entities of a web copy
    ("共承办建议183件<br>已全部办复", "共承办建议183件\n已全部办复"),  # tags: a <br> is a line break
    ("已 解 决 的 4 0 件 , 占 2 6 . 8 5 %", "已解决的40件,占26.85%"),  # a PDF text layer, spaced
    ("满意 163 86.70%", "满意 163 86.70%"),  # look-alike: a table row's spaces are cells, not spacing
    (
        "已经解决或采纳的101件,占44.7%;正在解决的92件,占\n第 2 页 共 4 页\n40.7%",
        "已经解决或采纳的101件,占44.7%;正在解决的92件,占40.7%",
    ),  # page furniture between a line and its end
    ("交由镇政府八个站所办理", "交由镇政府8个站所办理"),  # a single numeral before 个 and a units noun
    ("坚持三个代表,一个中心", "坚持三个代表,一个中心"),  # look-alike: 个 with no units noun
]


@pytest.mark.parametrize("raw, expected", CASES)
def test_normalized_text(raw, expected):
    assert normalize(raw).text == expected


@pytest.mark.parametrize("raw, _", CASES)
def test_every_number_maps_back_to_its_original_characters(raw, _):
    n = normalize(raw)
    for m in re.finditer(r"\d+(?:\.\d+)?%?", n.text):
        a, b = n.original_span(m.start(), m.end())
        original = raw[a:b]
        assert original, (raw, m.group(0))
        # the original is the same number, in whatever script it was printed
        assert any(
            ch in original for ch in "0123456789０１２３４５６７８９零一二三四五六七八九十百千"
        ) or original == m.group(0)


def test_spans_of_a_converted_numeral():
    raw = "共四千二百八十七件,占百分之七十二点二。"
    n = normalize(raw)
    i = n.text.index("4287")
    assert raw[slice(*n.original_span(i, i + 4))] == "四千二百八十七"
    j = n.text.index("72.2%")
    assert raw[slice(*n.original_span(j, j + 5))] == "百分之七十二点二"


def test_pdf_line_breaks_inside_numbers_and_words():
    raw = "其中A類件有4\n0件,占總數的26.\n85%。\n下一段"
    n = normalize(raw, "pdf")
    assert "有40件,占总数的26.85%。\n下一段" in n.text
    assert normalize(raw, "txt").text.count("\n") == 3  # plain text keeps its lines


@pytest.mark.parametrize("words, digits", [("四千二百八十七", "4287"), ("七十二点二", "72.2"), ("九百零九", "909")])
def test_chinese_number(words, digits):
    assert chinese_number(words) == digits
