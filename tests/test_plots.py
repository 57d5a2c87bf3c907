"""Charts: test the data behind them, and that every Chinese glyph renders (no tofu)."""

import warnings

import matplotlib.pyplot as plt
import pytest

from proposal_audit import plots
from proposal_audit.fonts import cjk_font_name
from tests.conftest import run
from tests.test_checks import HENGNAN


def test_composition_data():
    data = plots.composition_data(run(*HENGNAN))
    rows = [tuple(r) for r in data.itertuples(index=False)]
    assert rows == [
        ("办理结果", "A", 26.85),
        ("办理结果", "B", 59.73),
        ("办理结果", "C", 13.42),
        ("满意度", "满意", 78.52),
        ("满意度", "基本满意", 21.48),
    ]


def test_rates_data_in_english():
    data = plots.rates_data(run(*HENGNAN), "en")
    assert list(data["percent"]) == [26.85, 86.58, 78.52, 100.0]
    assert data["rate"].iloc[0] == "resolution rate (class A)"


def _glyph_warnings(record):
    return [str(w.message) for w in record if "missing from font" in str(w.message)]


@pytest.mark.parametrize("draw", [plots.composition_chart, plots.rates_chart])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_charts_render_chinese_without_missing_glyphs(draw, language):
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        chart = draw(run(*HENGNAN), language)
    assert _glyph_warnings(record) == []
    assert chart.png.startswith(b"\x89PNG")
    assert repr(chart).startswith("[chart] ")


def test_the_glyph_check_can_fail_without_the_cjk_font():
    """Control: the same kind of label in DejaVu Sans alone does warn, so the test above has teeth."""
    with warnings.catch_warnings(record=True) as record, plt.rc_context({"font.family": "DejaVu Sans"}):
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.set_title("满意率")
        fig.canvas.draw()
        plt.close(fig)
    assert _glyph_warnings(record)


def test_font_is_noto_sans_sc():
    assert cjk_font_name() == "Noto Sans SC"
