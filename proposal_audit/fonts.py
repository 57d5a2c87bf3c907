"""A CJK font for charts: Noto Sans SC (SIL OFL), shipped by the pip package pylopdf-fonts-zh-cn.

matplotlib's default DejaVu Sans has no Chinese glyphs; registering this font with the font manager
and listing it first makes every chart label render, with DejaVu Sans as the fallback.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from matplotlib import font_manager

__all__ = ["cjk_font_name", "chart_rc"]


@cache
def cjk_font_name() -> str:
    """Register Noto Sans SC with matplotlib (once) and return its family name."""
    from pylopdf_fonts_zh_cn import sans_path

    path = str(sans_path())
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def chart_rc() -> dict[str, Any]:
    """rcParams for a chart with Chinese labels (use with matplotlib.rc_context)."""
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [cjk_font_name(), "DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.fonttype": "none",
    }
