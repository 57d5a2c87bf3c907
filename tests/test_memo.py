"""The review-opinion draft (.docx) and the workbook (.xlsx): read back and checked for their content."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from openpyxl import load_workbook

from proposal_audit import memo
from proposal_audit.audit import AuditResult, audit_params
from proposal_audit.params import load_params
from tests.conftest import cls, run, total

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def hengnan() -> AuditResult:
    return audit_params(load_params(ROOT / "params" / "hengnan_2019.yaml"))


@pytest.fixture(scope="module")
def word(hengnan, tmp_path_factory) -> docx.document.Document:
    path = memo.write_docx(hengnan, tmp_path_factory.mktemp("memo") / "hengnan_2019.docx")
    return docx.Document(str(path))


@pytest.fixture(scope="module")
def book(hengnan, tmp_path_factory):
    return load_workbook(memo.write_xlsx(hengnan, tmp_path_factory.mktemp("memo") / "hengnan_2019.xlsx"))


def _text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_docx_is_a_review_opinion_with_numbered_findings(word, hengnan):
    paragraphs = [p.text for p in word.paragraphs]
    assert paragraphs[0] == "关于《衡南县第十七届人大四次会议代表建议、批评和意见办理情况报告》的审查意见(草稿)"
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、总体情况", "二、发现的问题", "三、满意率与解决率", "四、报告中的数字", "五、说明"]
    text = _text(word)
    # the gap and its bound: 117 satisfied + 109 not solved − 149 = 77 (worked by hand)
    # with the ledger, the exact count replaces the bound: 79 satisfied but not in class A, within the
    # report's own bounds 117 + 109 − 149 = 77 and min(117, 109) = 109 (worked by hand)
    assert "有79件" in text and "只能推出至少77件(至多109件)" in text and "相差73.15个百分点" in text
    findings = [p.text for p in word.paragraphs if p.style.name == "Heading 2"]
    # 3 findings: the template tokens, the gap and the script conversion; every number is placed or explained
    assert findings[0].startswith("(一)") and len(findings) == 3
    assert "可以询问政府:" in text
    assert "报告原文:“代表表示滿意的117件,占78.52%”" in text  # the report's own (traditional) words


def test_docx_figures_table(word):
    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["名称", "件数", "百分比", "基数", "原文"]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert len(table.rows) == 1 + 11  # the eleven figures of data/figures/hengnan_2019.yaml
    assert rows["A类"][1:4] == ["40", "26.85%", "总数149件"]


def test_docx_names_chinese_fonts_for_word_and_wps(word):
    styles = word.styles
    for name, east_asia in (("Normal", "仿宋"), ("Heading 1", "黑体"), ("Heading 2", "黑体"), ("Title", "黑体")):
        fonts = styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == east_asia, name
        assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None, name
    defaults = styles.element.find(qn("w:docDefaults")).find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋"
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4


def test_xlsx_one_row_per_check_worst_first(book, hengnan):
    sheet = book["检查结果"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "结果", "程度", "检查项") and rows[0][-1] == "检查编号"
    # Hengnan's 23 checks: the gap; 5 text checks (template tokens, overconversion, mojibake, pinyin,
    # body labels); 4 parts (classes, satisfaction, handled, within base); 7 shares (reply rate, A, B,
    # C, 满意, 基本满意, 沟通率 reachable); 2 sums to 100; the rounding mode; 3 source checks (unplaced,
    # meta, typed vs printed): 1 + 5 + 4 + 7 + 2 + 1 + 3 = 23
    assert len(rows) - 1 == len(hengnan.results) == 23
    assert [r[-1] for r in rows[1:]] == [r.check_id for r in hengnan.worst_first()]
    gap = next(r for r in rows[1:] if r[-1] == "gap.satisfaction_vs_resolution")
    assert gap[1] == "提示" and gap[2] == "重要" and "73.15" in gap[4]


def test_xlsx_figures_as_read_keep_printed_text(book):
    sheet = book["读到的数字"]
    rows = list(sheet.iter_rows(values_only=True))
    a = next(r for r in rows if r[0] == "A类")
    assert a[2] == 40 and a[3] == "26.85" and "占總數的26.85%" in a[6]
    assert book["概要"]["B1"].value.startswith("衡南县")
    assert "未归类数字" not in book.sheetnames  # Hengnan: every number with a unit is placed or explained


def test_xlsx_lists_unplaced_numbers(tmp_path):
    doc = tmp_path / "approx.txt"
    doc.write_text(
        "共接办代表建议120件,均已办结。其中A类60件,占50%;B类60件,占50%。全年收到群众来信1.2万件。", encoding="utf-8"
    )
    from proposal_audit.audit import audit_document

    book = load_workbook(memo.write_xlsx(audit_document(doc), tmp_path / "approx.xlsx"))
    assert [r[0] for r in book["未归类数字"].iter_rows(values_only=True)] == ["数字", "1.2万件"]


def test_xlsx_trailing_zero_survives(tmp_path):
    """25.90 is printed with two decimals: the workbook keeps "25.90", never the number 25.9."""
    res = run(total(1000), cls("A", 1, 259, "25.90"), cls("B", 2, 741, "74.10"))  # 259/1000 = 25.90% exactly
    sheet = load_workbook(memo.write_xlsx(res, tmp_path / "x.xlsx"))["读到的数字"]
    cell = next(row[3] for row in sheet.iter_rows(min_row=2) if row[0].value == "A")
    assert cell.value == "25.90" and cell.number_format == "@"


def test_english_memo(hengnan, tmp_path):
    document = docx.Document(str(memo.write_docx(hengnan, tmp_path / "en.docx", "en")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "1. Summary"
    assert "exactly 79 proposals rated fully satisfied that were not solved" in _text(document)
    sheet = load_workbook(memo.write_xlsx(hengnan, tmp_path / "en.xlsx", "en"))["Checks"]
    assert next(sheet.iter_rows(values_only=True))[:2] == ("no.", "status")
