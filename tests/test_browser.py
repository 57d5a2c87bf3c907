"""The reports in a real browser: Debian's Chromium driven by Playwright (never its own download).

On the Hengnan report (Chinese and English), a corpus report, a hostile report and the index: the
page renders with no JavaScript error and no network request; Chinese renders with a CJK font; the
headline box is on the first screen at 1280×800; the index's toggle shows the other language and its
sort and filter change the rows; a <script> or onerror in a report's text stays inert.
.ci/run installs chromium and fonts-noto-cjk when missing: these tests must run, never be skipped.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tools.browser import chromium

ROOT = Path(__file__).resolve().parents[1]
CORPUS = "params/corpus/01_ningbo_haishu_2021_renda.yaml"
HOSTILE_TEXT = (
    "<script>window.__pwned='script'</script>关于代表建议办理情况的报告\n"
    "今年共接办代表建议100件,均已办结。其中A类<img src=x onerror=\"window.__pwned='onerror'\">40件,占40%;"
    "B类60件,占60%。代表表示满意的100件,占100%。\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Four audits run as a user runs them, and the index page they share."""
    out = tmp_path_factory.mktemp("site")
    inputs = tmp_path_factory.mktemp("inputs")
    english = inputs / "hengnan_2019_en.yaml"
    english.write_text(
        "report_id: hengnan_2019_en\nfigures: data/figures/hengnan_2019.yaml\nsource: data/raw/hengnan_2019.txt\n"
        "language: en\n",
        encoding="utf-8",
    )
    doc = inputs / "hostile.txt"
    doc.write_text(HOSTILE_TEXT, encoding="utf-8")
    hostile = inputs / "hostile.yaml"
    hostile.write_text(
        f'report_id: hostile\nsource: {doc}\nregion: "<img src=x onerror=\\"window.__pwned=\'region\'\\">"\n',
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "proposal_audit.cli", "run", "params/hengnan_2019.yaml", str(english), CORPUS,
         str(hostile), "--jobs", "2", "--reports-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stdout + proc.stderr  # every one has findings; none failed to run
    return out


@pytest.fixture(scope="module")
def browser():
    with chromium() as context:
        yield context


class Visit:
    """A page opened from disk, with every request, console error and page error it caused."""

    def __init__(self, context, path: Path, width: int = 1280, height: int = 800):  # noqa: ANN001
        self.page = context.new_page()
        self.page.set_viewport_size({"width": width, "height": height})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.as_uri()
        self.page.goto(self.url, wait_until="load")

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def visit(browser):
    opened: list[Visit] = []

    def open_(path: Path, **kw) -> Visit:
        v = Visit(browser, path, **kw)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        v.close()


PAGES = ["hengnan_2019.html", "hengnan_2019_en.html", "01_ningbo_haishu_2021_renda.html", "hostile.html", "index.html"]


@pytest.mark.parametrize("name", PAGES)
def test_renders_without_errors_or_network(site, visit, name):
    v = visit(site / name)
    v.page.wait_for_timeout(200)
    assert v.errors == []
    assert v.requests == [v.url]  # the page itself, nothing else (fonts and charts are embedded)
    assert v.page.locator("body").is_visible()


def _fonts_of(page, selector: str) -> list[dict]:  # noqa: ANN001
    """The fonts Chromium really used to draw an element's text (DevTools: CSS.getPlatformFontsForNode)."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    cdp.send("CSS.enable")
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, selector
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


@pytest.mark.parametrize(
    "name, selector",
    [("hengnan_2019.html", ".pa-head h1"), ("hengnan_2019.html", ".pa-headline h2"), ("index.html", "h2 .zh")],
)
def test_chinese_renders_with_a_cjk_font(site, visit, name, selector):
    v = visit(site / name)
    text = v.page.locator(selector).first.inner_text()
    assert re.search(r"[\u4e00-\u9fff]", text)
    fonts = _fonts_of(v.page, selector)
    # every glyph of the Chinese heading comes from the embedded Noto Sans SC subset: no fallback, no tofu
    assert fonts and all(f["familyName"] == "Noto Sans SC" and f["isCustomFont"] for f in fonts), fonts
    assert sum(f["glyphCount"] for f in fonts) == len(text.strip())


def test_headline_box_is_on_the_first_screen(site, visit):
    v = visit(site / "hengnan_2019.html")
    box = v.page.locator("section.pa-headline")
    bound = box.bounding_box()
    assert bound["y"] >= 0 and bound["y"] + bound["height"] <= 800, bound  # all of it, at 1280×800
    text = box.inner_text()
    assert "至少77件" in text and "73.15个百分点" in text and "关键词2" in text


def test_no_check_id_above_the_appendix(site, visit):
    v = visit(site / "hengnan_2019.html")
    above = v.page.evaluate(
        "() => { const b = document.body.cloneNode(true);"
        " b.querySelectorAll('details, style').forEach(e => e.remove()); return b.innerText; }"
    )
    for check_id in ("text.template_tokens", "gap.satisfaction_vs_resolution", "pct.class.A类", "offset"):
        assert check_id not in above
    details = v.page.locator("details.pa-appendix")
    assert not details.evaluate("d => d.open")
    details.locator("summary").click()
    assert "gap.satisfaction_vs_resolution" in details.inner_text()  # opened without any script


def test_english_report_shows_no_chinese_outside_quotations(site, visit):
    v = visit(site / "hengnan_2019_en.html")
    assert v.page.evaluate("document.documentElement.lang") == "en"
    v.page.locator("details.pa-appendix summary").click()
    rest = v.page.evaluate(
        "() => { const b = document.body.cloneNode(true);"
        " b.querySelectorAll('style, q, [lang^=zh]').forEach(e => e.remove()); return b.innerText; }"
    )
    assert not re.findall(r"[\u3400-\u9fff]+", rest)
    assert "at least 77 proposals rated fully satisfied were not solved" in v.page.locator(".pa-headline").inner_text()


def test_index_toggle_shows_the_other_language(site, visit):
    v = visit(site / "index.html")
    heading_zh = v.page.locator("h2 .zh")
    heading_en = v.page.locator("h2 .en")
    assert heading_zh.is_visible() and not heading_en.is_visible()
    v.page.click("#lang")
    assert heading_en.is_visible() and not heading_zh.is_visible()
    assert v.page.locator("#audits").is_visible() and v.page.locator("body").is_visible()  # the page stays
    assert v.page.locator("#audits tbody tr").first.is_visible()
    v.page.click("#lang")
    assert heading_zh.is_visible() and not heading_en.is_visible()


def _column(page, i: int) -> list[str]:  # noqa: ANN001
    return page.eval_on_selector_all("#audits tbody tr", f"rows => rows.map(r => r.cells[{i}].innerText)")


def _year(y: str) -> int:
    return int(y) if y.strip() else -(10**9)  # the page's sorter puts a missing year first


def test_index_sort_and_filter_change_the_rows(site, visit):
    v = visit(site / "index.html")
    before = _column(v.page, 0)
    assert len(before) == 4
    v.page.locator("#audits thead th").nth(2).click()  # 年度 year, ascending
    years = _column(v.page, 2)
    assert years == sorted(years, key=_year)
    v.page.locator("#audits thead th").nth(2).click()  # descending
    assert _column(v.page, 2) == sorted(years, key=_year, reverse=True)
    v.page.locator("#audits thead th").nth(0).click()  # 地区 region
    assert _column(v.page, 0) != before or before == sorted(before)
    v.page.fill("#filter", "ningbo")
    shown = v.page.eval_on_selector_all("#audits tbody tr", "rows => rows.filter(r => r.offsetParent).length")
    assert shown == 1
    v.page.fill("#filter", "")
    assert v.page.eval_on_selector_all("#audits tbody tr", "rows => rows.filter(r => r.offsetParent).length") == 4


@pytest.mark.parametrize("name, scripts", [("hostile.html", 0), ("index.html", 1)])
def test_script_in_a_reports_text_stays_inert(site, visit, name, scripts):
    v = visit(site / name)
    v.page.wait_for_timeout(300)
    assert v.page.evaluate("typeof window.__pwned") == "undefined"
    assert v.dialogs == [] and v.errors == []
    assert v.page.evaluate("document.scripts.length") == scripts  # the index's own sorter, nothing else
    assert v.page.evaluate("document.querySelectorAll('img[onerror]').length") == 0
    if name == "hostile.html":
        assert "window.__pwned='script'" in v.page.locator("body").inner_text()  # shown as text


def test_prints_on_a4(site, browser):
    page = browser.new_page()
    page.goto((site / "hengnan_2019.html").as_uri())
    pdf = page.pdf(prefer_css_page_size=True)
    page.close()
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points: 210 × 297 mm
    first = reader.pages[0].extract_text()
    assert "主要发现" in first
