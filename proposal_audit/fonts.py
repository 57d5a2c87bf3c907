"""A CJK font for charts: Noto Sans SC (SIL OFL), shipped by the pip package pylopdf-fonts-zh-cn.

matplotlib's default DejaVu Sans has no Chinese glyphs; registering this font with the font manager
and listing it first makes every chart label render, with DejaVu Sans as the fallback.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["cjk_font_name", "chart_rc"]


@cache
def cjk_font_name() -> str:
    """Register Noto Sans SC with matplotlib (once) and return its family name."""
    from matplotlib import font_manager
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


# The characters of each subset made in this process, keyed by its encoded font's ends: telling
# whether a subset covers a page then needs no parsing of the font (half a second per report).
SUBSET_CHARS: dict[str, frozenset[str]] = {}


@cache
def _subset_woff(chars: str) -> bytes:
    """Noto Sans SC cut down to `chars` (sorted, unique), as WOFF bytes; the same set is cut once."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont
    from pylopdf_fonts_zh_cn import sans_path

    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = [1, 2]
    options.flavor = "woff"  # zlib-compressed; no extra dependency
    # The original bounding boxes still enclose every kept glyph: recomputing them only costs time.
    font = TTFont(str(sans_path()), lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff"
    font.save(buf)
    return buf.getvalue()


def _cached_subset(chars: str, cache_dir: Path | None) -> bytes:
    if cache_dir is None:
        return _subset_woff(chars)
    path = cache_dir / f"{hashlib.sha1(chars.encode()).hexdigest()}.woff"
    if path.exists():
        return path.read_bytes()
    data = _subset_woff(chars)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for stale in sorted(cache_dir.glob("*.woff"), key=lambda p: p.stat().st_mtime)[:-50]:
        stale.unlink(missing_ok=True)  # keep the cache small: the newest 50 subsets
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return data


def embedded_font_css(text: str, family: str = "Noto Sans SC (embedded)", cache_dir: Path | None = None) -> str:
    """A <style> with Noto Sans SC cut down to the characters of `text`, as a data: URI.

    The HTML report then renders its Chinese on any machine, with or without CJK fonts installed,
    while staying one self-contained file (a few tens of kB instead of the 8 MB font).
    """
    import base64

    chars = "".join(sorted(set(text)))
    data = base64.b64encode(_cached_subset(chars, cache_dir)).decode("ascii")
    SUBSET_CHARS[data[:64] + data[-64:]] = frozenset(chars)
    stack = (
        f'"{family}", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", '
        '"WenQuanYi Micro Hei", SimSun, system-ui, sans-serif'
    )
    return (
        f'<style>@font-face{{font-family:"{family}";src:url(data:font/woff;base64,{data}) format("woff");}}'
        f"body,.jp-RenderedHTMLCommon,.jp-RenderedHTMLCommon table{{font-family:{stack};}}</style>"
    )
