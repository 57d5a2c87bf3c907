"""Scopes: what part of a report each figure is about, decided before the figures are read.

Each text is written for the test; the expected scopes and figures are read by hand.
"""

from __future__ import annotations

from proposal_audit.evaluate import figure_key
from proposal_audit.reading import read_text
from proposal_audit.scopes import session_of


def scopes(text: str) -> dict[str, list[tuple]]:
    r = read_text(text)
    return {("main" if s.main else s.label): sorted(map(figure_key, s.figures), key=str) for s in r.scopes}


def test_last_years_figures_are_a_scope_of_their_own():
    got = scopes("上年共收到代表建议120件,已解决80件。今年共收到代表建议150件,其中A类60件,占40%;B类90件,占60%。")
    assert got["main"] == [("class", "1", 60, "40"), ("class", "2", 90, "60"), ("total", "", 150, None)]
    assert got["上年"] == [("class", "1", 80, None), ("total", "", 120, None)]


def test_a_five_year_summary_before_the_years_figures():
    text = "五年来,共收到提案1000件,立案900件。2023年,共收到提案220件,立案200件,其中已解决的120件,占60%;正在解决的80件,占40%。"
    got = scopes(text)
    assert got["main"] == [
        ("class", "1", 120, "60"),
        ("class", "2", 80, "40"),
        ("submitted", "", 220, None),
        ("total", "", 200, None),
    ]
    assert got["多年合计"] == [("submitted", "", 1000, None), ("total", "", 900, None)]


def test_a_five_year_report_is_its_own_main_scope():
    got = scopes("五年来,共收到提案1000件,立案900件,其中已解决的600件,列入计划的300件。")
    assert list(got) == ["main"]
    assert ("total", "", 900, None) in got["main"]


def test_a_sequence_of_years():
    got = scopes("2021年,共收到提案60件,立案55件。2022年,共收到提案70件,立案66件。")
    assert got["main"] == [("submitted", "", 60, None), ("total", "", 55, None)]
    assert got["2022"] == [("submitted", "", 70, None), ("total", "", 66, None)]


def test_another_session_is_another_scope():
    text = "县十八届人大三次会议期间,县政府共收到代表建议97件,其中已解决62件。在市七届人大三次会议期间,代表团提出17条建议。"
    got = scopes(text)
    assert ("total", "", 97, None) in got["main"]
    assert got["市7届3次"] == [("total", "", 17, None)]


def test_the_other_bodys_paragraph_is_set_apart():
    text = "县政府共办理人大代表建议120件,已全部办结,满意率100%。县政协共收到委员提案80件,已全部办结,满意率95%。"
    got = scopes(text)
    assert ("total", "", 120, None) in got["main"] and ("satisfaction", "satisfied_or_basic", None, "100") in got[
        "main"
    ]
    assert ("total", "", 80, None) in got["政协"] and ("satisfaction", "satisfied_or_basic", None, "95") in got["政协"]


def test_a_sentence_that_names_both_bodies_is_not_set_apart():
    got = scopes("召开人大代表建议、政协提案交办会,共交办代表建议60件。")
    assert got == {"main": [("total", "", 60, None)]}


def test_per_item_ballots_are_not_report_wide_figures():
    r = read_text("共办理代表建议30件。对重点建议进行测评:满意票20票,满意率80%,基本满意票5票,基本满意率20%。")
    assert [figure_key(f) for f in r.all_figures()] == [("total", "", 30, None)]
    assert sum("ballot" in i.reason for i in r.ignored) == 4


def test_last_year_in_a_date_is_no_scope():
    got = scopes("在去年三月举行的会议期间,代表共提出建议300件,其中已解决的100件。")
    assert list(got) == ["main"]


def test_session_numbers():
    assert session_of("县十八届人大三次会议期间") == ("县", 18, 3)
    assert session_of("区政协三届二十四次常委会上") is None  # a standing-committee sitting is no session
    assert session_of("九届全国人大五次会议期间") == ("", 9, 5)


def test_this_year_closes_a_multi_year_summary():
    # the five-year figures (1000 = 600 + 300 + 100) first, then "今年" with the year's own:
    # 60 + 30 + 10 = 100; 60/100 = 60%, 30/100 = 30%, 10/100 = 10%
    text = (
        "五年来,县政府共办理代表建议1000件,其中已解决的600件,正在解决的300件,暂时无法解决的100件。"
        "今年,县政府共办理代表建议100件,其中已解决的60件,占60%;正在解决的30件,占30%;暂时无法解决的10件,占10%。"
    )
    got = scopes(text)
    assert got["main"] == [
        ("class", "1", 60, "60"),
        ("class", "2", 30, "30"),
        ("class", "3", 10, "10"),
        ("total", "", 100, None),
    ]
    assert ("total", "", 1000, None) in got["多年合计"]


def test_this_year_after_a_multi_year_sentence_without_breakdown():
    # "本届以来…1200件,办结率100%" is the term's; "今年…240件" with its classes (100+110+30 = 240) is the year's
    text = (
        "本届以来,市政府累计办理代表建议1200件,办结率100%。今年,市政府共承办代表建议240件,已全部办结。"
        "其中,已经解决的100件,占41.7%;正在解决的110件,占45.8%;暂时难以解决的30件,占12.5%。"
    )
    got = scopes(text)
    assert ("total", "", 240, None) in got["main"]
    assert ("class", "1", 100, "41.7") in got["main"]
    assert all(f[2] != 1200 for f in got["main"])


def test_two_bodies_in_one_sentence_split_at_the_semicolon():
    # the 人大 suggestions (22 + 27 + 7 = 56) and the 政协 proposals (14 + 15 + 3 = 32) of one bureau,
    # in one sentence: the proposals' classes are not the suggestions' classes
    text = (
        "今年,县住建局共承办县人大代表建议56件、县政协提案32件,均已按时办结。"
        "在56件代表建议中,A类22件,B类27件,C类7件;在32件政协提案中,已解决14件,正在解决15件,暂不能解决3件。"
    )
    got = scopes(text)
    main_classes = [f for f in got["main"] if f[0] == "class"]
    assert main_classes == [("class", "1", 22, None), ("class", "2", 27, None), ("class", "3", 7, None)]


def test_a_heading_says_the_figures_under_it_are_last_years():
    # "一、上年办理情况回顾" sets last year's scope until the next numbered heading, even though the year
    # under it (2022) is the first one named: 40 + 60 = 100 last year; 45 + 75 = 120 this year.
    text = (
        "一、上年办理情况回顾\n2022年,县政府共承办代表建议100件,其中已经解决的40件,占40%;正在解决的60件,占60%。\n"
        "二、今年办理情况\n2023年,县政府共承办代表建议120件,其中已经解决的45件,占37.5%;正在解决的75件,占62.5%。"
    )
    got = scopes(text)
    assert got["main"] == [("class", "1", 45, "37.5"), ("class", "2", 75, "62.5"), ("total", "", 120, None)]
    assert got["上年"] == [("class", "1", 40, "40"), ("class", "2", 60, "60"), ("total", "", 100, None)]


def test_the_title_names_the_reports_year():
    # The title says 2023; the first figures are 2022's (a year set apart), the report's own are 2023's.
    text = (
        "县人民政府关于2023年度代表建议办理情况的报告\n2022年,县政府共承办代表建议100件。"
        "2023年,县政府共承办代表建议120件,其中已经解决的45件,占37.5%;正在解决的75件,占62.5%。"
    )
    got = scopes(text)
    assert ("total", "", 120, None) in got["main"] and "2022" in got


def test_headings_without_period_words_set_no_scope_look_alike():
    # "一、基本情况 / 二、办理结果": numbered headings that name no period change nothing (60 + 40 = 100).
    text = "一、基本情况\n县政府共承办代表建议100件。\n二、办理结果\n已经解决的60件,占60%;正在解决的40件,占40%。"
    assert list(scopes(text)) == ["main"]
