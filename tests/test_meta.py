"""A report's region, body, year and title: read from the text with their evidence, never guessed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from proposal_audit.audit import audit_document, audit_params
from proposal_audit.meta import read_body, read_title, read_year, resolve_meta
from proposal_audit.params import load_params
from proposal_audit.results import Cause, Status

ROOT = Path(__file__).resolve().parents[1]
HENGNAN = (ROOT / "data/raw/hengnan_2019.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text, year",
    [
        (HENGNAN, 2019),  # 已經2020年5月18日…審議 is the review; 2019年縣政府係統共接辦代表建議149件 the year handled
        ("2020年度人大建议办理总体情况\n市政府共收到代表建议128件", 2020),
        ("在2019年1月召开的县十七届人大四次会议上,代表提出建议149件", 2019),  # the session's year
        ("截止到2016年11月22日,代表共对755件建议进行了反馈", None),  # a cut-off date only
        ("据了解,2025年大兴镇人大深入践行全过程人民民主。2026年镇人大将继续办理代表建议", None),  # a plan
        ("(2021年3月1日审议)\n2020年,市政府共办理代表建议88件", 2020),
        ("市政协十三届四次会议以来,审查立案的470件提案已全部办结", None),  # no year printed at all
    ],
)
def test_year_is_the_year_the_suggestions_were_handled(text, year):
    assert read_year(text).value == year


@pytest.mark.parametrize(
    "text, title",
    [
        (HENGNAN, "衡南縣第十七屆人民代表大會第四次會議代表建議、批評和意見辦理情況報告"),  # two lines
        (
            "索引号: 002943395/2021-83466 组配分类: 建议提案办理情况\n发布机构: 区政府办公室 发文日期: 2021-12-01\n"
            "关于区十一届人大五次会议代表议案和建议办理情况的报告\n各位代表:",
            "关于区十一届人大五次会议代表议案和建议办理情况的报告",  # not the page's metadata lines
        ),
        (
            "图为政协第十三届委员会第三次会议开幕现场\n市政协提案办理工作情况的通报\n正文……",
            "市政协提案办理工作情况的通报",  # not the photo caption
        ),
        (
            "中新社北京一月二十九日电 全国人大常委会办公厅披露,代表们提出的建议已经办理完毕。\n此外……",
            "",  # a news lead is no title: unknown
        ),
        (
            "source: http://example.org/a\n---\n福州提高人大代表建议解决率\n福州新闻网讯 1日,记者从……",
            "福州提高人大代表建议解决率",
        ),
    ],
)
def test_title_is_the_reports_title(text, title):
    assert (read_title(text).value or "") == title


@pytest.mark.parametrize(
    "text, title, body",
    [
        ("人大代表建议…人大…代表建议", "", "人大"),
        ("政协委员提案…提案…委员", "", "政协"),
        ("提案…提案…提案…人大", "芦阳镇认真做好镇第十六届人民代表大会代表提案答复工作", "人大"),  # the title names it
        ("人大…政协…", "", ""),  # neither dominates: unknown
    ],
)
def test_body(text, title, body):
    assert read_body(text, title).value == body


def test_the_parameter_file_decides_then_the_figures_file_then_the_text():
    meta, found = resolve_meta({"year": "2018"}, None, HENGNAN)
    assert meta.year == 2018 and found["year"].source == "parameters"
    assert found["title"].source == "document" and found["region"].source == ""
    assert meta.region == ""  # not found, not guessed


def test_unknown_details_are_said_and_say_how_to_give_them(tmp_path):
    doc = tmp_path / "report.txt"
    doc.write_text("今年共收到代表建议100件,均已办结。A类40件,占40%;B类60件,占60%。", encoding="utf-8")
    r = next(r for r in audit_document(doc).results if r.check_id == "source.meta")
    assert (r.status, r.cause) == (Status.UNDECIDABLE, Cause.UNKNOWN_METADATA)
    assert "region" in r.message.zh and "year" in r.message.zh and "title" in r.message.zh
    assert "参数文件" in r.message.zh and "parameter file" in r.message.en


def test_hengnan_details_come_from_its_figures_file():
    res = audit_params(load_params(ROOT / "params/hengnan_2019.yaml"))
    r = next(r for r in res.results if r.check_id == "source.meta")
    assert r.status is Status.PASS and "2019" in r.message.zh
    assert dict(res.meta_found)["year"].source == "figures"


def test_trends_order_by_the_year_handled(tmp_path):
    """Two reports reviewed in the same later year: trends sort them by the year their suggestions were
    handled (2016 before 2017), whatever order they are given in."""
    from proposal_audit.trends import load_results

    files = []
    for year, n in ((2017, 60), (2016, 50)):
        doc = tmp_path / f"r{year}.txt"
        doc.write_text(
            f"关于代表建议办理情况的报告\n(已经2018年3月1日审议)\n{year}年,县政府共接办代表建议{n}件,均已办结。",
            encoding="utf-8",
        )
        params = tmp_path / f"r{year}.yaml"
        params.write_text(f"report_id: r{year}\nsource: {doc}\nregion: 某县\n", encoding="utf-8")
        files.append(str(params))
    results = load_results(files, reports_dir=tmp_path / "reports")
    assert [(r.year, r.report_id) for r in results] == [(2016, "r2016"), (2017, "r2017")]
    assert json.dumps(results[0].data["report_sources"]) == json.dumps(
        {"region": "parameters", "body": "document", "year": "document", "title": "document"}
    )
