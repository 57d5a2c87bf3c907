"""The figures model and its file schema: printed numbers stay text; mistakes name the entry."""

import pytest

from proposal_audit.errors import FiguresError
from proposal_audit.figures import Kind, Level, figures_from_data, load_figures


def test_hengnan_figures_file(root):
    figs = load_figures(root / "data" / "figures" / "hengnan_2019.yaml")
    assert figs.total.count == 149
    assert [(c.label, c.rank, c.count, c.pct.text) for c in figs.classes()] == [
        ("A类", 1, 40, "26.85"),
        ("B类", 2, 89, "59.73"),
        ("C类", 3, 20, "13.42"),
    ]
    assert [(f.level, f.count) for f in figs.satisfaction()] == [(Level.SATISFIED, 117), (Level.BASIC, 32)]
    assert figs.get("class.A类").provenance.text.startswith("所提問題已經得到解決")


def test_trailing_zero_survives_a_yaml_file(tmp_path):
    p = tmp_path / "f.yaml"
    p.write_text(
        "figures:\n  - {kind: total, count: 166}\n  - {kind: class, label: B, rank: 2, count: 43, pct: 25.90}\n"
    )
    fig = load_figures(p).get("class.B")
    assert (fig.pct.text, fig.pct.decimals) == ("25.90", 2)


@pytest.mark.parametrize(
    "entries, words",
    [
        ([{"kind": "class", "label": "A", "rank": 1, "count": 1}], "no figure of kind 'total'"),
        ([{"kind": "total", "count": 5}, {"kind": "class", "label": "A", "count": 1}], "rank is required"),
        ([{"kind": "total", "count": 5}, {"kind": "satisfaction", "count": 1}], "level is required"),
        (
            [{"kind": "total", "count": 5}, {"kind": "class", "label": "A", "rank": 1, "pct": 26.85}],
            "must be text",
        ),
        (
            [{"kind": "total", "count": 5}, {"kind": "class", "label": "A", "rank": 1, "pct": "26,85"}],
            "not a printed percentage",
        ),
        ([{"kind": "total", "count": -5}], "must not be negative"),
        ([{"kind": "total", "count": 5}, {"kind": "totl", "count": 5}], "value not allowed"),
        (
            [
                {"kind": "total", "count": 5},
                {"kind": "class", "label": "A", "rank": 1, "count": 1, "base": "forms"},
            ],
            "unknown key 'forms'",
        ),
        (
            [{"kind": "total", "count": 5}, {"kind": "class", "label": "A", "rank": 1}],
            "needs a count or a pct",
        ),
        (
            [
                {"kind": "total", "count": 5},
                {"kind": "class", "label": "A", "rank": 1, "count": 1},
                {"kind": "class", "label": "A", "rank": 2, "count": 1},
            ],
            "duplicate key 'class.A'",
        ),
        (
            [{"kind": "total", "count": 5}, {"kind": "sum", "label": "S", "count": 1}],
            "needs the keys of its parts",
        ),
    ],
)
def test_schema_errors(entries, words):
    with pytest.raises(FiguresError, match=words):
        figures_from_data({"figures": entries})


def test_default_keys():
    figs = figures_from_data(
        {
            "figures": [
                {"kind": "total", "count": 10},
                {"kind": "satisfaction", "level": "satisfied", "count": 5, "dimension": "办理结果"},
                {"kind": "rate", "label": "沟通率", "pct": "100"},
            ]
        }
    )
    assert [f.key for f in figs] == ["total", "sat.办理结果.satisfied", "rate.沟通率"]
    assert figs.of_kind(Kind.RATE)[0].pct.text == "100"
