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


def embedded_font_css(text: str, family: str = "Noto Sans SC (embedded)") -> str:
    """A <style> with Noto Sans SC cut down to the characters of `text`, as a data: URI.

    The HTML report then renders its Chinese on any machine, with or without CJK fonts installed,
    while staying one self-contained file (a few tens of kB instead of the 8 MB font).
    """
    import base64
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont
    from pylopdf_fonts_zh_cn import sans_path

    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = [1, 2]
    options.flavor = "woff"  # zlib-compressed; no extra dependency
    font = TTFont(str(sans_path()), lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text))))
    subsetter.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff"
    font.save(buf)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    stack = (
        f'"{family}", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", '
        '"WenQuanYi Micro Hei", SimSun, system-ui, sans-serif'
    )
    return (
        f'<style>@font-face{{font-family:"{family}";src:url(data:font/woff;base64,{data}) format("woff");}}'
        f"body,.jp-RenderedHTMLCommon,.jp-RenderedHTMLCommon table{{font-family:{stack};}}</style>"
    )
