"""The audit notebook: a tagged parameters cell, thin cells, overrides that take effect, clean outputs."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from proposal_audit.params import Params
from proposal_audit.runner import CurrentEnvKernelManager

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(params=NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def notebook(request) -> nbformat.NotebookNode:
    return nbformat.read(request.param, as_version=4)


def _code(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_exactly_one_tagged_parameters_cell(notebook):
    tagged = [c for c in _code(notebook) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "papermill silently ignores overrides without a cell tagged 'parameters'"


def _parameter_names(path: Path) -> set[str]:
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in _code(nb) if "parameters" in c.metadata.get("tags", []))
    return {t.id for node in ast.parse(cell.source).body for t in node.targets}  # type: ignore[attr-defined]


def test_audit_parameters_match_the_schema():
    """The runner passes Params' fields, and only those, as papermill parameters."""
    assert _parameter_names(ROOT / "notebooks" / "audit_report.ipynb") == set(Params.model_fields)


def test_trends_parameters_match_what_the_runner_passes():
    assert _parameter_names(ROOT / "notebooks" / "trends.ipynb") == {"params_files", "title", "language"}


def test_cells_only_call_the_package(notebook):
    """No def, class, loop or branch in a notebook: logic belongs in proposal_audit."""
    for cell in _code(notebook):
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.For, ast.While, ast.If, ast.Lambda)), (
                cell.source
            )
        if "parameters" not in cell.metadata.get("tags", []):  # that one mirrors the Params schema
            assert len(cell.source.splitlines()) <= 15


def test_stored_outputs_are_clean(notebook):
    """The committed goldens hold no error, no stderr (e.g. a missing-glyph warning) and no volatile repr."""
    for cell in _code(notebook):
        assert cell.outputs or "parameters" in cell.metadata.get("tags", []), cell.source
        for out in cell.outputs:
            assert out.output_type != "error"
            assert not (out.output_type == "stream" and out.name == "stderr"), out.text
            text = json.dumps(out.get("data", {}), ensure_ascii=False)
            assert "missing from font" not in text and "<Figure size" not in text


def test_papermill_overrides_take_effect(tmp_path):
    """An English run shows English: the parameters cell really receives the override."""
    out = tmp_path / "en.ipynb"
    params = Params(report_id="hengnan_2019", figures="data/figures/hengnan_2019.yaml", language="en")
    pm.execute_notebook(
        str(ROOT / "notebooks" / "audit_report.ipynb"),
        str(out),
        parameters=params.notebook_parameters(),
        kernel_name="python3",
        kernel_manager_class=CurrentEnvKernelManager,
        cwd=str(ROOT / "notebooks"),
        progress_bar=False,
    )
    text = out.read_text(encoding="utf-8")
    assert "at least 77 proposals rated fully satisfied were not solved" in text
    assert "injected-parameters" in text


def test_trends_notebook_shows_sichuan_2016_to_2017():
    nb = nbformat.read(ROOT / "notebooks" / "trends.ipynb", as_version=4)
    shown = json.dumps([o for c in _code(nb) for o in c.outputs], ensure_ascii=False)
    assert "2016 → 2017:解决率 35.1% → 30%,满意率(含基本满意)100% → 100%" in shown
