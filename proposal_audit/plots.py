"""Charts of an audit: the data behind each chart is a table (tested), the picture a PNG (looked at).

A `Chart` displays as an embedded PNG in notebooks and HTML, and as its data in plain text, so a
notebook regression test compares what the chart shows rather than its pixels.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction

import matplotlib

matplotlib.use("Agg")  # charts are rendered to PNG bytes; no GUI or inline backend is needed

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from .audit import AuditResult  # noqa: E402
from .figures import LEVEL_LABELS_EN, LEVEL_LABELS_ZH, PARTITION_LEVELS, Level  # noqa: E402
from .fonts import chart_rc  # noqa: E402
from .formatting import fmt_fraction  # noqa: E402
from .results import Text  # noqa: E402

__all__ = ["Chart", "composition_data", "rates_data", "composition_chart", "rates_chart"]

_DPI = 110


@dataclass(frozen=True)
class Chart:
    """A chart: its data (what a test compares) and its PNG. An empty chart draws nothing at all."""

    title: str
    data: pd.DataFrame
    png: bytes

    @property
    def empty(self) -> bool:
        return not self.png

    def _repr_png_(self) -> bytes | None:
        return self.png or None

    def _repr_html_(self) -> str | None:
        return "" if self.empty else None  # nothing to show: an empty output, not a blank 0–1 chart

    def __repr__(self) -> str:
        rows = "\n".join(" | ".join(str(v) for v in row) for row in self.data.itertuples(index=False))
        return f"[chart] {self.title}\n{rows}" if not self.empty else f"[no chart] {self.title}: nothing to show"


def _label(words: str, language: str) -> str:
    """A label from the report: quoted in an English chart, so it reads as the report's own word."""
    if language == "en" and re.search(r"[\u3400-\u9fff]", words):
        return f"“{words}”"
    return words


_CLOSING = set(")]}）】」』”’、,。.:;:;!?!?%")  # never at the start of a line


def wrap_label(words: str, width: int = 18) -> str:
    """Break a label into lines of at most `width` columns (a Chinese character counts two).

    Latin words stay whole (broken only when longer than a line); Chinese breaks between characters.
    """

    def cols(token: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in token)

    lines, line = [], ""
    for token in re.findall(r"[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+|.", words):
        while cols(token.rstrip()) > width:  # a word longer than a line: cut it
            room = max(1, width - cols(line))
            head = token[:room]
            lines.append((line + head).rstrip())
            line, token = "", token[room:]
        if line and cols(line + token.rstrip()) > width and token not in _CLOSING:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


def composition_data(result: AuditResult, language: str = "zh") -> pd.DataFrame:
    """Shares (percent) of the outcome classes and of the satisfaction levels, one row per bar."""
    zh = language != "en"
    rows: list[dict[str, object]] = []
    figs = result.figures
    total = figs.total
    n = total.count if total else None
    group_cls = "办理结果" if zh else "outcome"
    for c in figs.classes():
        if (c.base or "total") != "total":
            continue
        share = _share(c.count, n, c.pct.value if c.pct else None)
        if share is not None:
            rows.append({"group": group_cls, "part": _label(c.display_label, language), "percent": share})
    sat = [f for f in figs.satisfaction("") if f.level in PARTITION_LEVELS]
    group_sat = "满意度" if zh else "satisfaction"
    if sat:
        base = figs.base_of(sat[0])
        m = base.count if base else None
        for f in sat:
            share = _share(f.count, m, f.pct.value if f.pct else None)
            if share is not None:
                label = (LEVEL_LABELS_ZH if zh else LEVEL_LABELS_EN)[f.level or Level.SATISFIED]
                rows.append({"group": group_sat, "part": label, "percent": share})
        known = sum(float(r["percent"]) for r in rows if r["group"] == group_sat)
        if not any(f.level is Level.DISSATISFIED for f in sat) and known < 99.995:
            rest = Text("不满意或未说明", "dissatisfied or not stated")(language)
            rows.append({"group": group_sat, "part": rest, "percent": round(100 - known, 2)})
    return pd.DataFrame(rows, columns=["group", "part", "percent"])


def _share(count: int | None, n: int | None, printed: Fraction | None) -> float | None:
    """A bar height: the exact share when the count is known, else the printed percentage."""
    if count is not None and n:
        return float(fmt_fraction(Fraction(100 * count, n), 2))
    return None if printed is None else float(printed)


def rates_data(result: AuditResult, language: str = "zh") -> pd.DataFrame:
    """Resolution, commitment and satisfaction rates (percent), in that order."""
    rows = [{"rate": r.title(language), "percent": float(r.text(2))} for r in result.gaps.rates]
    return pd.DataFrame(rows, columns=["rate", "percent"])


def _render(fig: plt.Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=_DPI)  # laid out by tight_layout already
    plt.close(fig)
    return buf.getvalue()


def _bars(ax: plt.Axes, labels: list[str], values: list[float], colours: list) -> None:  # noqa: ANN001
    """Horizontal bars with wrapped labels and the value at the end of each bar."""
    ys = list(range(len(labels)))
    ax.barh(ys, values, color=colours, height=0.62)
    ax.set_yticks(ys, [wrap_label(x) for x in labels])
    ax.invert_yaxis()
    ax.set_xlim(0, 112)
    ax.set_xlabel("%")
    ax.spines[["top", "right"]].set_visible(False)
    for y, value in zip(ys, values, strict=True):
        ax.annotate(f"{value:g}%", (value, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=9)


def _height(labels: list[str]) -> float:
    """Inches for a set of bars: enough for every wrapped label's lines."""
    lines = sum(wrap_label(x).count("\n") + 1 for x in labels)
    return 0.32 * max(lines, len(labels)) + 0.25 * len(labels) + 0.5


def composition_chart(result: AuditResult, language: str = "zh") -> Chart:
    """Class composition and satisfaction composition, as horizontal bars (long labels wrap)."""
    data = composition_data(result, language)
    title = Text("办理结果构成与满意度构成(%)", "Outcome classes and satisfaction (%)")(language)
    if data.empty:
        return Chart(title, data, b"")
    groups = list(dict.fromkeys(data["group"]))
    parts = [data[data["group"] == g] for g in groups]
    heights = [_height(list(p["part"])) for p in parts]
    with plt.rc_context(chart_rc()):
        fig, axes = plt.subplots(
            len(groups), 1, figsize=(8, sum(heights) + 0.9), squeeze=False, gridspec_kw={"height_ratios": heights}
        )
        palette = sns.color_palette("Set2", 8)
        for ax, group, part in zip(axes[:, 0], groups, parts, strict=True):
            _bars(ax, list(part["part"]), list(part["percent"]), palette[: len(part)])
            ax.set_title(group, loc="left", fontsize=11)
        fig.suptitle(title)
        fig.tight_layout()
        png = _render(fig)
    return Chart(title, data, png)


def rates_chart(result: AuditResult, language: str = "zh") -> Chart:
    """Resolution and commitment against satisfaction, with the gap marked."""
    data = rates_data(result, language)
    title = Text("解决率与满意率(%)", "Resolution against satisfaction (%)")(language)
    if data.empty:
        return Chart(title, data, b"")
    with plt.rc_context(chart_rc()):
        fig, ax = plt.subplots(figsize=(8, _height(list(data["rate"])) + 0.7))
        _bars(ax, list(data["rate"]), list(data["percent"]), sns.color_palette("muted", len(data)))
        gap = result.gaps.finding
        if gap is not None and gap.observed:
            ax.set_title(Text(f"差距 {gap.observed} 个百分点", f"gap {gap.observed} points")(language), loc="left")
        fig.suptitle(title)
        fig.tight_layout()
        png = _render(fig)
    return Chart(title, data, png)


def trend_data(results: list, language: str = "zh") -> pd.DataFrame:
    """Per year: resolution (as printed when printed) and combined satisfaction, in percent."""
    from .trends import trend_frame

    frame = trend_frame(results, language)
    cols = frame.columns
    long = []
    for _, row in frame.iterrows():
        res = row[cols[2]] or row[cols[3]]
        for name, value in ((cols[2].split("(")[0], res), (cols[4].split("(")[0], row[cols[4]])):
            if value != "":
                long.append({"year": str(row[cols[0]]), "rate": name, "percent": float(value)})
    return pd.DataFrame(long, columns=["year", "rate", "percent"])


def trend_chart(results: list, language: str = "zh") -> Chart:
    """Resolution against satisfaction, year by year."""
    data = trend_data(results, language)
    title = Text("历年解决率与满意率(%)", "Resolution and satisfaction by year (%)")(language)
    if data.empty:
        return Chart(title, data, b"")
    with plt.rc_context(chart_rc()):
        fig, ax = plt.subplots(figsize=(8, 3.6))
        sns.pointplot(data=data, x="year", y="percent", hue="rate", ax=ax, markers="o")
        ax.set_ylim(0, 105)
        ax.set_xlabel("")
        ax.set_ylabel("%")
        for _, row in data.iterrows():
            ax.annotate(
                f"{row['percent']:g}%",
                (list(dict.fromkeys(data["year"])).index(row["year"]), row["percent"]),
                xytext=(6, 4),
                textcoords="offset points",
                fontsize=9,
            )
        ax.legend(title="")
        fig.suptitle(title)
        fig.tight_layout()
        png = _render(fig)
    return Chart(title, data, png)
