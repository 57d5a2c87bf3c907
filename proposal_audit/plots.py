"""Charts of an audit: the data behind each chart is a table (tested), the picture a PNG (looked at).

A `Chart` displays as an embedded PNG in notebooks and HTML, and as its data in plain text, so a
notebook regression test compares what the chart shows rather than its pixels.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from fractions import Fraction

import matplotlib

matplotlib.use("Agg")  # charts are rendered to PNG bytes; no GUI or inline backend is needed

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from .audit import AuditResult  # noqa: E402
from .checks import fmt_fraction  # noqa: E402
from .figures import LEVEL_LABELS_EN, LEVEL_LABELS_ZH, PARTITION_LEVELS, Level  # noqa: E402
from .fonts import chart_rc  # noqa: E402
from .results import Text  # noqa: E402

__all__ = ["Chart", "composition_data", "rates_data", "composition_chart", "rates_chart"]

_DPI = 110


@dataclass(frozen=True)
class Chart:
    title: str
    data: pd.DataFrame
    png: bytes

    def _repr_png_(self) -> bytes:
        return self.png

    def __repr__(self) -> str:
        rows = "\n".join(" | ".join(str(v) for v in row) for row in self.data.itertuples(index=False))
        return f"[chart] {self.title}\n{rows}"


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
            rows.append({"group": group_cls, "part": c.display_label, "percent": share})
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


def composition_chart(result: AuditResult, language: str = "zh") -> Chart:
    """Class composition beside satisfaction composition, as 100% bars."""
    data = composition_data(result, language)
    title = Text("办理结果构成与满意度构成(%)", "Outcome classes and satisfaction (%)")(language)
    with plt.rc_context(chart_rc()):
        groups = list(dict.fromkeys(data["group"]))
        fig, axes = plt.subplots(1, max(1, len(groups)), figsize=(9, 3.6), squeeze=False)
        for ax, group in zip(axes[0], groups, strict=False):
            part = data[data["group"] == group]
            sns.barplot(data=part, x="part", y="percent", hue="part", ax=ax, palette="Set2", legend=False)
            ax.set_title(group)
            ax.set_xlabel("")
            ax.set_ylabel("%")
            ax.set_ylim(0, 105)
            for patch, value in zip(ax.patches, part["percent"], strict=False):
                ax.annotate(
                    f"{value:g}%",
                    (patch.get_x() + patch.get_width() / 2, patch.get_height()),
                    ha="center",
                    va="bottom",
                    fontsize=9,
                )
        fig.suptitle(title)
        fig.tight_layout()
        png = _render(fig)
    return Chart(title, data, png)


def rates_chart(result: AuditResult, language: str = "zh") -> Chart:
    """Resolution and commitment against satisfaction, with the gap marked."""
    data = rates_data(result, language)
    title = Text("解决率与满意率(%)", "Resolution against satisfaction (%)")(language)
    with plt.rc_context(chart_rc()):
        fig, ax = plt.subplots(figsize=(8, 3.4))
        sns.barplot(data=data, y="rate", x="percent", hue="rate", ax=ax, palette="muted", legend=False)
        ax.set_xlim(0, 110)
        ax.set_xlabel("%")
        ax.set_ylabel("")
        for patch, value in zip(ax.patches, data["percent"], strict=False):
            ax.annotate(
                f"{value:g}%",
                (patch.get_width(), patch.get_y() + patch.get_height() / 2),
                ha="left",
                va="center",
                fontsize=9,
                xytext=(3, 0),
                textcoords="offset points",
            )
        gap = result.gaps.finding
        if gap is not None and gap.observed:
            ax.set_title(Text(f"差距 {gap.observed} 个百分点", f"gap {gap.observed} points")(language))
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
