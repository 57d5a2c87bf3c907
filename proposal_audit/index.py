"""reports/index.html: one row per audited report, sortable and filterable, one self-contained file.

Built from the reports' JSON results (never from figures typed again). Every value is escaped; the
small script only sorts and filters the rows already in the page and switches the language.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from html import escape
from pathlib import Path

__all__ = ["IndexRow", "index_rows", "render_index", "write_index"]


@dataclass(frozen=True)
class IndexRow:
    report_id: str
    region: str
    body: str
    year: str
    total: str
    resolution: str
    combined: str
    gap: str
    headline_zh: str
    headline_en: str
    failed: int
    warned: int
    worst_severity: str
    html: str
    worst_zh: str = ""  # the title of the most severe finding
    worst_en: str = ""
    undecided: int = 0


def _rate(data: dict, key: str) -> str:
    rate = next((r for r in data["gaps"]["rates"] if r["key"] == key), None)
    if rate is None:
        return ""
    value = float(rate["value"])
    return f"{value:.2f}" if rate.get("from_counts") else f"{value:g}"


def _row(data: dict, html_name: str) -> IndexRow:
    report = data.get("report") or {}
    total = next((f["count"] for f in data["figures"] if f["kind"] == "total"), None)
    gap = next((c for c in data["checks"] if c["check_id"] == "gap.satisfaction_vs_resolution"), None)
    bound = next((h for h in data["gaps"]["headlines"] if h["zh"].startswith(("至少", "台账显示"))), None)
    worst = _most_severe(data)
    return IndexRow(
        report_id=data["report_id"],
        region=report.get("region") or "",
        body=report.get("body") or "",
        year=str(report.get("year") or ""),
        total="" if total is None else str(total),
        resolution=_rate(data, "resolution"),
        combined=_rate(data, "combined"),
        gap=(gap or {}).get("observed") or "",
        headline_zh=(bound or {}).get("zh", ""),
        headline_en=(bound or {}).get("en", ""),
        failed=sum(c["status"] == "fail" for c in data["checks"]),
        warned=sum(c["status"] == "warn" for c in data["checks"]),
        worst_severity=(worst or {}).get("severity", ""),
        html=html_name,
        worst_zh=(worst or {}).get("title_zh", ""),
        worst_en=(worst or {}).get("title_en", ""),
        undecided=sum(c["status"] == "not_decidable" for c in data["checks"]),
    )


def _most_severe(data: dict) -> dict | None:
    """The most severe finding, as the audit itself named it (every finding counts, the gap too)."""
    summary = data.get("summary") or {}
    if "most_severe" in summary:
        return summary["most_severe"]
    rank = {"major": 0, "minor": 1, "info": 2}
    findings = [c for c in data["checks"] if c["status"] in ("fail", "warn")]  # a result from an older version
    return min(findings, key=lambda c: (rank.get(c["severity"], 3), c["status"] != "fail"), default=None)


def index_rows(reports_dir: Path, unreadable: list[str] | None = None) -> list[IndexRow]:
    """One row per audit result; files that are not audit results go to `unreadable`, by name."""
    rows = []
    for path in sorted(reports_dir.glob("*.json")):
        if path.name.startswith("."):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            rows.append(_row(data, f"{path.stem}.html"))
        except (OSError, ValueError, KeyError, TypeError):
            if unreadable is not None:
                unreadable.append(path.name)
    return sorted(rows, key=lambda r: (r.region, r.year, r.report_id))


_COLUMNS = (
    ("region", "地区", "region"),
    ("body", "机构", "body"),
    ("year", "年度", "year"),
    ("total", "总件数", "total"),
    ("resolution", "解决率(%)", "resolution (%)"),
    ("combined", "满意率含基本满意(%)", "satisfied incl. basic (%)"),
    ("gap", "差距(百分点)", "gap (points)"),
    ("headline", "由公布数字推出的界限", "bound implied by the figures"),
    ("failed", "不一致", "failed"),
    ("warned", "提示", "warnings"),
    ("worst_severity", "最严重程度", "worst severity"),
    ("worst", "最严重的问题", "most severe finding"),
    ("link", "报告", "report"),
)
_NUMERIC = {"year", "total", "resolution", "combined", "gap", "failed", "warned"}

_STYLE = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:1.5em}
table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ccd;padding:4px 6px;vertical-align:top}
th{background:#eef;cursor:pointer;user-select:none}th:after{content:" ⇅";color:#99a}
tr.major td:first-child{border-left:4px solid #d33}tr.minor td:first-child{border-left:4px solid #e90}
span.en{display:none}body.show-en span.en{display:inline}body.show-en span.zh{display:none}
#filter{margin:0 0 1em 0;padding:4px;width:24em}
button,input{font-family:inherit}
"""

_SCRIPT = """
(function(){
  var table=document.getElementById('audits'), body=table.tBodies[0];
  document.getElementById('filter').addEventListener('input',function(e){
    var q=e.target.value.toLowerCase();
    Array.prototype.forEach.call(body.rows,function(r){r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':'';});
  });
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
    var asc=true;
    th.addEventListener('click',function(){
      var rows=Array.prototype.slice.call(body.rows), num=th.getAttribute('data-numeric')==='1';
      rows.sort(function(a,b){
        var x=a.cells[i].getAttribute('data-sort'), y=b.cells[i].getAttribute('data-sort');
        if(num){x=parseFloat(x);y=parseFloat(y);x=isNaN(x)?-1e9:x;y=isNaN(y)?-1e9:y;return asc?x-y:y-x;}
        return asc?x.localeCompare(y,'zh'):y.localeCompare(x,'zh');
      });
      rows.forEach(function(r){body.appendChild(r);}); asc=!asc;
    });
  });
  document.getElementById('lang').addEventListener('click',function(){
    var en=document.body.classList.toggle('show-en');
    document.documentElement.lang=en?'en':'zh-CN'; this.setAttribute('aria-pressed',en?'true':'false');
  });
})();
"""


def _both(zh: str, en: str) -> str:
    return f'<span class="zh">{escape(zh)}</span><span class="en">{escape(en)}</span>'


def _cell(row: IndexRow, name: str) -> tuple[str, str]:
    """(sort key, cell HTML) of one column."""
    if name == "headline":
        return row.headline_zh, _both(row.headline_zh, row.headline_en)
    if name == "worst_severity":  # shown in words; sorted by rank (major first when ascending)
        words = {"major": ("重要", "major"), "minor": ("次要", "minor"), "info": ("信息", "info")}
        zh, en = words.get(row.worst_severity, (row.worst_severity, row.worst_severity))
        rank = {"major": "0", "minor": "1", "info": "2"}.get(row.worst_severity, "3")
        return rank, _both(zh, en)
    if name == "body":
        en = {"人大": "People's Congress", "政协": "CPPCC"}.get(row.body, row.body)
        return row.body, _both(row.body, en)
    if name == "worst":
        return row.worst_zh, _both(row.worst_zh, row.worst_en)
    if name == "link":
        stem = escape(row.html.rsplit(".", 1)[0], quote=True)
        links = f'<a href="{escape(row.html, quote=True)}">{escape(row.report_id)}</a>'
        links += f' · <a href="{stem}.docx">Word</a> · <a href="{stem}.xlsx">Excel</a>'
        return row.report_id, links
    value = str(getattr(row, name))
    return value, escape(value)


def render_index(rows: list[IndexRow], unreadable: list[str] | None = None) -> str:
    head = "".join(f'<th data-numeric="{int(name in _NUMERIC)}">{_both(zh, en)}</th>' for name, zh, en in _COLUMNS)
    body = []
    for row in rows:
        cells = "".join(
            f'<td data-sort="{escape(key, quote=True)}">{html}</td>'
            for key, html in (_cell(row, name) for name, _, _ in _COLUMNS)
        )
        body.append(f'<tr class="{escape(row.worst_severity)}">{cells}</tr>')
    title = _both("代表建议办理情况报告审查一览", "Audits of reports on deputies' suggestions")
    count = _both(f"共{len(rows)}份报告", f"{len(rows)} reports")
    if unreadable:
        names = ", ".join(unreadable)
        count += " · " + _both(f"未能读取:{names}", f"not audit results, left out: {names}")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        "<title>代表建议办理情况报告审查一览 · Audits</title>"
        f"<style>{_STYLE}</style></head><body>"
        f'<h2>{title}</h2><p>{count} · <button id="lang" type="button" aria-pressed="false">中文 / English</button></p>'
        '<input id="filter" type="search" placeholder="筛选 filter: 地区 region, 年度 year, 机构 body…">'
        f'<table id="audits"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


def write_index(reports_dir: Path) -> Path:
    reports_dir.mkdir(parents=True, exist_ok=True)
    path = reports_dir / "index.html"
    tmp = reports_dir / f".index.html.{os.getpid()}.tmp"  # two runs at once never share a file
    from .fonts import embedded_font_css

    unreadable: list[str] = []
    page = render_index(index_rows(reports_dir, unreadable), unreadable)
    font = embedded_font_css(page, cache_dir=reports_dir / ".font-cache")  # Chinese renders anywhere
    page = page.replace("</head>", font + "</head>", 1)
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, path)
    return path
