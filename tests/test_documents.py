"""Reading documents: every format gives the same figures; anything unreadable is a clear error."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from proposal_audit.documents import MAX_BYTES, read_document
from proposal_audit.errors import DocumentError
from proposal_audit.evaluate import figure_key
from proposal_audit.reading import read as extract

ROOT = Path(__file__).resolve().parents[1]
HENGNAN = ROOT / "data" / "raw" / "hengnan_2019.txt"
TEXT = HENGNAN.read_text(encoding="utf-8")


def _docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    document.save(path)
    return path


def _pdf(path: Path, text: str | None, width: int = 48) -> Path:
    """A PDF with a real text layer (Adobe's STSong CID font), wrapped mid-sentence like a page is."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("STSong-Light", 10)
    if text is None:  # a "scanned" page: only a picture-like drawing, no text layer
        c.rect(40, 400, 500, 300, fill=1)
    else:
        y = 800
        for para in text.splitlines():
            for i in range(0, len(para), width):
                c.drawString(40, y, para[i : i + width])
                y -= 14
                if y < 40:
                    c.showPage()
                    c.setFont("STSong-Light", 10)
                    y = 800
    c.save()
    return path


@pytest.fixture(scope="module")
def reference() -> list[tuple]:
    return [figure_key(f) for f in extract(read_document(HENGNAN)).figures]


def test_reference_figures_are_the_hand_read_ones(reference):
    # the figures a person reads in the Hengnan report (data/corpus/00_…yaml), in text order
    assert ("total", "", 149, None) in reference
    assert ("class", "1", 40, "26.85") in reference and ("class", "3", 20, "13.42") in reference
    assert ("satisfaction", "satisfied", 117, "78.52") in reference
    assert ("contacts", "", 268, None) in reference and ("units", "", 32, None) in reference


@pytest.mark.parametrize(
    "name, make",
    [
        ("utf8-bom.txt", lambda p: p.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))),
        ("gbk.txt", lambda p: p.write_bytes(TEXT.encode("gbk"))),
        ("gb18030.txt", lambda p: p.write_bytes(TEXT.encode("gb18030"))),
        ("utf16.txt", lambda p: p.write_bytes(TEXT.encode("utf-16"))),
        ("utf16le-nobom.txt", lambda p: p.write_bytes(TEXT.encode("utf-16-le"))),
        ("named-wrongly.pdf", lambda p: p.write_bytes(TEXT.encode("gbk"))),  # format from bytes, not name
        ("report.docx", lambda p: _docx(p, TEXT.splitlines())),
        ("report.pdf", lambda p: _pdf(p, TEXT)),
        (
            "saved-page.html",
            lambda p: p.write_text(
                "<!DOCTYPE html><html><head><title>衡南</title><script>var x = '共接辦代表建議999件';</script></head>"
                "<body><nav>首页 | 政务公开 | 建议提案 100件</nav><div id='content'>"
                + "".join(f"<p>{line}</p>" for line in TEXT.splitlines())
                + "</div><footer>版权所有 联系我们</footer></body></html>",
                encoding="gbk",
                errors="strict",
            ),
        ),
    ],
)
def test_every_format_gives_the_same_figures(tmp_path, reference, name, make):
    path = tmp_path / name
    make(path)
    doc = read_document(path)
    assert [figure_key(f) for f in extract(doc).figures] == reference


def test_detected_encodings(tmp_path):
    for enc, expected in (("gbk", "gb18030"), ("utf-8", "utf-8"), ("utf-16", "utf-16")):
        p = tmp_path / f"{enc}.txt"
        p.write_bytes(TEXT.encode(enc))
        assert read_document(p).encoding == expected


def test_provenance_points_into_each_documents_own_text(tmp_path):
    for path in (HENGNAN, _docx(tmp_path / "r.docx", TEXT.splitlines()), _pdf(tmp_path / "r.pdf", TEXT)):
        doc = read_document(path)
        fig = extract(doc).figures.get("class.A类")
        a, b = fig.provenance.span
        assert doc.text[a:b] == fig.provenance.text
        assert "40" in fig.provenance.text.replace("\n", "") and "26.85" in fig.provenance.text.replace("\n", "")


def test_docx_tables_are_read_as_rows(tmp_path):
    table = [["类别标记", "件数", "百分比(%)"], ["A", "114", "68.68"], ["B", "43", "25.9"], ["C", "9", "5.42"],
             ["D", "0", "0"], ["合计", "166", "100"]]  # fmt: skip
    path = _docx(tmp_path / "t.docx", ["2021年代表提出的议案建议共166件,均已办结。", "表2:落实情况统计表"], table)
    keys = [figure_key(f) for f in extract(read_document(path)).figures]
    assert ("class", "1", 114, "68.68") in keys and ("class", "4", 0, "0") in keys


def test_html_tables_and_navigation(tmp_path):
    html = (
        "<html><body><nav><a href='/'>首页</a> 建议 12件</nav><p>共收到代表建议128件。</p>"
        "<table><tr><th>类别</th><th>件数</th><th>百分比</th></tr>"
        "<tr><td>A类</td><td>64</td><td>50</td></tr><tr><td>B类</td><td>64</td><td>50</td></tr></table>"
        "</body></html>"
    )
    path = tmp_path / "p.html"
    path.write_text(html, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "html" and "首页" not in doc.text
    keys = [figure_key(f) for f in extract(doc).figures]
    assert ("class", "1", 64, "50") in keys and ("class", "2", 64, "50") in keys


# ---------------------------------------------------------------- unreadable input: clear errors


def _zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\x00" * (30 * 1024 * 1024))
    return path


@pytest.mark.parametrize(
    "name, make, words",
    [
        ("empty.txt", lambda p: p.write_bytes(b""), "empty"),
        ("blank.txt", lambda p: p.write_bytes(b"  \n\n "), "empty"),
        ("binary.txt", lambda p: p.write_bytes(bytes(range(256)) * 40), "binary"),
        ("latin.txt", lambda p: p.write_bytes(b"Annual report on suggestions"), "no Chinese text"),
        ("bad-encoding.txt", lambda p: p.write_bytes(b"\xff\xfa\xfb" * 500), "encoding"),
        ("scan.pdf", lambda p: _pdf(p, None), "no text layer"),
        ("broken.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n%garbage"), "PDF"),
        ("bomb.docx", _zip_bomb, "zip bomb"),
        ("archive.docx", lambda p: zipfile.ZipFile(p, "w").writestr("a.txt", "x"), "not a .docx"),
        ("huge.txt", lambda p: p.write_bytes(b"a" * (MAX_BYTES + 1)), "too large"),
        ("deep.html", lambda p: p.write_text("<html><body>" + "<div>" * 100_000 + "共收到建议1件", encoding="utf-8"),
         "nested too deeply"),
    ],
)  # fmt: skip
def test_unreadable_documents_are_clear_errors(tmp_path, name, make, words):
    path = tmp_path / name
    make(path)
    started = time.perf_counter()
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert time.perf_counter() - started < 10  # bounded, never a hang
    assert words in str(info.value) and name in str(info.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DocumentError, match="not found"):
        read_document(tmp_path / "absent.txt")
    with pytest.raises(DocumentError, match="folder"):
        read_document(tmp_path)


def test_a_million_digit_number_is_handled_in_bounded_time(tmp_path):
    path = tmp_path / "digits.txt"
    path.write_text("2019年共接办代表建议" + "9" * 1_000_000 + "件,均已办结。A类40件。", encoding="utf-8")
    started = time.perf_counter()
    extraction = extract(read_document(path))
    assert time.perf_counter() - started < 10
    assert any("too long" in u.reason for u in extraction.unparsed)


def test_pathological_pdf_bytes_do_not_escape_as_tracebacks(tmp_path):
    path = tmp_path / "odd.pdf"
    path.write_bytes(b"%PDF-1.7\n" + io.BytesIO(b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" * 50).getvalue())
    with pytest.raises(DocumentError):
        read_document(path)


def test_thousands_of_figures_are_refused_in_bounded_time(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_text("共收到代表建议100000件。" + "".join(f"A类{i}件,占{i % 100}%;" for i in range(1, 3000)), "utf-8")
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="too many numbers"):
        extract(read_document(path))
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    "html",
    [
        "<html><body>" + "<p>段落" * 3000 + "共收到代表建议12件。</body></html>",  # <p> needs no end tag
        "<html><body><ul>" + "<li>条目" * 3000 + "</ul>共收到代表建议12件。</body></html>",
        "<html><body>" + "字<wbr>" * 3000 + "共收到代表建议12件。</body></html>",
    ],
)
def test_valid_html_with_many_open_ended_tags_is_read(tmp_path, html):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    assert "共收到代表建议12件" in read_document(path).text
