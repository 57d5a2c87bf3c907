"""Reading a published report: .txt (UTF-8, GBK/GB18030, UTF-16), .docx, .pdf with text, saved .html.

The format and the encoding are detected from the bytes, not guessed from the file name. Anything
that cannot be read (a scanned PDF, a binary, an empty file, an unknown encoding, an oversized or
pathological file) raises DocumentError naming the file and the reason: never an empty text that
would make an audit look clean.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import DocumentError

__all__ = ["Document", "read_document", "decode_text", "MAX_BYTES"]

MAX_BYTES = 20 * 1024 * 1024  # a report is a few hundred kB; 20 MB is far beyond any real one
MAX_UNZIPPED = 100 * 1024 * 1024  # a .docx may not expand past this (zip bombs)
MAX_ZIP_RATIO = 200  # nor compress better than this per entry
MAX_PDF_PAGES = 500
MAX_HTML_DEPTH = 2000
MAX_TEXT_CHARS = 5_000_000


@dataclass(frozen=True)
class Document:
    """The plain text of a report as read; figure spans are offsets into `text`."""

    path: str
    format: str  # txt, docx, pdf, html
    encoding: str  # for txt/html: the detected encoding; otherwise the container's
    text: str


def _unreadable(zh: str, en: str) -> str:
    """Why a document cannot be audited, and what to do instead: Chinese first, then English."""
    return (
        f"{zh};可改用报告的文字版(.txt、.docx、.pdf、.html),或把数字手工录入 figures 文件(见 README“手工录入数字”)"
        f" / {en}; use a text version of the report, or type its figures into a figures file "
        "(README: Figures typed by hand)"
    )


_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)


def _image_kind(data: bytes) -> str:
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    return next((name for magic, name in _IMAGES if data.startswith(magic)), "")


def read_document(path: str | Path) -> Document:
    from .paths import relative

    path = Path(path)
    shown = relative(path)  # the path as the user wrote it in the parameter file, not /home/…/data/raw/…
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DocumentError(shown, "文件不存在 file not found") from None
    if path.is_dir():
        raise DocumentError(shown, "这是一个目录,不是文件 this is a folder, not a file")
    if size > MAX_BYTES:
        raise DocumentError(
            shown, f"文件过大({size / 1e6:.1f} MB > {MAX_BYTES / 1e6:.0f} MB) file too large for a report"
        )
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError(shown, _unreadable("文件为空,没有可审查的文字", "the file is empty"))
    image = _image_kind(data)
    if image:
        zh, en = f"这是一张{image}图片,读不到文字(扫描件或截图?)", f"a {image} image, with no text to read"
        raise DocumentError(shown, _unreadable(zh, en))
    fmt = _sniff(data)
    if fmt == "pdf":
        text, encoding = _read_pdf(data, shown), "pdf"
    elif fmt == "docx":
        text, encoding = _read_docx(data, shown), "docx"
    elif fmt == "zip":
        raise DocumentError(shown, "是压缩包而不是 .docx 文档 a zip archive, not a .docx document")
    else:
        raw, encoding = decode_text(data, shown)
        if fmt == "html" or _looks_like_html(raw):
            fmt, text = "html", _read_html(raw, shown)
        else:
            fmt, text = "txt", raw
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentError(shown, "文本过长 the text is far longer than any report")
    if not re.search(r"[\u4e00-\u9fff]", text):
        raise DocumentError(
            shown,
            _unreadable(
                "读不到中文文字(扫描件、图片或编码错误?)",
                "no Chinese text could be read (a scanned document, an image, or a wrong encoding?)",
            ),
        )
    return Document(str(path), fmt, encoding, text)


def _sniff(data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return "docx" if "word/document.xml" in z.namelist() else "zip"
        except zipfile.BadZipFile:
            return "zip"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "html"
    return "txt"


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<body" in head or head.lstrip().startswith("<!doctype html")


def _cjk_share(text: str) -> float:
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return 0.0
    return sum("\u4e00" <= c <= "\u9fff" for c in letters) / len(letters)


def decode_text(data: bytes, shown: str = "<bytes>") -> tuple[str, str]:
    """Detect UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern) or GB18030/GBK; else fail."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise DocumentError(shown, "UTF-16 文本已损坏 damaged UTF-16 text") from None
    if b"\x00" in data[:4096]:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _cjk_share(text) > 0.2 and "\x00" not in text:
                return text, enc
        reason = _unreadable("是二进制文件,不是报告的文字", "a binary file, not the text of a report")
        raise DocumentError(shown, reason)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise DocumentError(
            shown, "无法识别的编码(不是 UTF-8、GBK/GB18030 或 UTF-16) unknown encoding: not UTF-8, GBK or UTF-16"
        ) from None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t\f")
    if _cjk_share(text) < 0.1 or controls > len(text) / 100:
        raise DocumentError(
            shown, _unreadable("是二进制文件或编码无法识别", "binary, or an encoding that could not be recognised")
        )
    return text, "gb18030"


def _read_pdf(data: bytes, shown: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentError(shown, "PDF 已加密 the PDF is encrypted")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentError(shown, f"PDF 页数过多(>{MAX_PDF_PAGES}) too many pages for a report")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise DocumentError(shown, f"PDF 无法读取 unreadable PDF ({exc})") from None
    # Some text layers map each glyph through a two-byte code that pypdf returns with a NUL byte.
    text = "\n".join(pages).replace("\x00", "")
    if not text.strip():
        raise DocumentError(shown, _unreadable("PDF 没有文字层(可能是扫描件)", "the PDF has no text layer (scanned?)"))
    return text


def _read_docx(data: bytes, shown: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        if len(infos) > 10_000:
            raise DocumentError(shown, ".docx 内含文件过多 too many parts in the .docx")
        total = sum(i.file_size for i in infos)
        worst = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0)
        if total > MAX_UNZIPPED or worst > MAX_ZIP_RATIO:
            raise DocumentError(shown, "压缩比异常,疑似压缩炸弹 the .docx expands abnormally (a zip bomb?)")
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise DocumentError(shown, f".docx 无法读取 unreadable .docx ({type(exc).__name__})") from None
    lines: list[str] = []

    def blocks(parent, container) -> None:  # noqa: ANN001 - lxml element, python-docx parent
        for block in parent.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(Paragraph(block, container).text)
            elif tag == "sdt":  # a content control: its content is ordinary body text
                for content in block.iterchildren():
                    if content.tag.endswith("}sdtContent"):
                        blocks(content, container)
            elif tag == "tbl":
                table_rows(Table(block, container))

    def table_rows(table) -> None:  # noqa: ANN001 - a python-docx Table
        for row in table.rows:
            cells = list(dict.fromkeys(row.cells))  # a merged cell is listed once per grid column: keep it once
            lines.append("\t".join(cell.text.strip() for cell in cells))
            for cell in row.cells:  # tables nested in a cell follow their row
                for inner in cell.tables:
                    table_rows(inner)

    blocks(document.element.body, document)
    return "\n".join(lines)


_DROP = ("script", "style", "nav", "header", "footer", "aside", "noscript", "form", "iframe", "select", "button")
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "tr")


_CONTAINERS = {"div", "span", "table", "tbody", "thead", "ul", "ol", "section", "article", "font", "b", "i",
               "a", "em", "strong", "center", "form", "blockquote", "main", "header", "footer", "nav"}  # fmt: skip


def _html_depth(html: str) -> int:
    """How deep containers nest (tags whose end tag is optional, like <p> and <li>, do not count)."""
    html = re.sub(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", "", html, flags=re.S | re.I)
    depth = worst = 0
    for m in re.finditer(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>", html):
        if m.group(2).lower() not in _CONTAINERS or m.group(3):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            worst = max(worst, depth)
    return worst


def _read_html(html: str, shown: str) -> str:
    """Body text of a saved web page: navigation and scripts dropped, each table row on one line."""
    if _html_depth(html) > MAX_HTML_DEPTH:
        raise DocumentError(shown, f"HTML 嵌套过深(>{MAX_HTML_DEPTH}层) HTML nested too deeply")
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_DROP):
        tag.decompose()
    for row in soup.find_all("tr"):
        cells = [c.get_text(" ", strip=True) for c in row.find_all(["td", "th"])]
        row.replace_with(soup.new_string("\n" + "\t".join(cells) + "\n"))
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before(soup.new_string("\n"))
        tag.insert_after(soup.new_string("\n"))
    root = soup.body or soup
    text = root.get_text()
    return re.sub(r"\n[ \t\u3000]*(?:\n[ \t\u3000]*)+", "\n", text).strip()
