"""`proposal-audit new DOC`: the figures file prefilled from the reading, the unsure ones marked to confirm.

The user confirms by editing that one file; an audit with it then runs on the confirmed figures.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from proposal_audit.audit import audit_params
from proposal_audit.figures import Certainty, load_figures
from proposal_audit.params import load_params

ROOT = Path(__file__).resolve().parents[1]

# Two totals worded alike and classes that fit neither (60+30+15 = 105): the reader cannot tell the total
UNSURE = "共收到建议120件。共收到建议110件。其中已解决60件,正在解决30件,暂时无法解决15件。"


def _new(root: Path, doc: Path, report_id: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PROPOSAL_AUDIT_ROOT": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "proposal_audit.cli", "new", str(doc), "--id", report_id],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=120,
    )


def test_new_writes_a_figures_file_with_the_unsure_figures_marked(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    doc = tmp_path / "unsure.txt"
    doc.write_text(UNSURE, encoding="utf-8")
    proc = _new(root, doc, "unsure")
    assert proc.returncode == 0, proc.stderr
    figures_file = root / "data" / "figures" / "unsure.yaml"
    text = figures_file.read_text(encoding="utf-8")
    assert "请确认 confirm" in text and "1 marked ambiguous" in text
    figs = load_figures(figures_file)  # the file loads as typed figures
    assert figs.total.certainty is Certainty.AMBIGUOUS and figs.total.alternatives
    params = yaml.safe_load((root / "params" / "unsure.yaml").read_text(encoding="utf-8"))
    assert params["figures"] == "data/figures/unsure.yaml" and params["source"] == "data/raw/unsure.txt"


def test_a_confirmed_figures_file_is_audited_as_typed(tmp_path, monkeypatch):
    root = tmp_path / "project"
    root.mkdir()
    doc = tmp_path / "unsure.txt"
    doc.write_text(UNSURE, encoding="utf-8")
    assert _new(root, doc, "unsure").returncode == 0
    figures_file = root / "data" / "figures" / "unsure.yaml"
    # the user looks at the report and confirms the total is 105 (the classes' sum), not 110 or 120
    data = yaml.safe_load(figures_file.read_text(encoding="utf-8"))
    total = next(f for f in data["figures"] if f["kind"] == "total")
    total.update(count=105, certainty="sure")
    total.pop("alternatives")
    figures_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    from proposal_audit import paths

    monkeypatch.setattr(paths, "ROOT", root)  # the parameter file's paths are relative to that project
    result = audit_params(load_params(root / "params" / "unsure.yaml"))
    assert result.figures.total.count == 105 and result.figures.total.certainty is Certainty.SURE
    parts = next(r for r in result.results if r.check_id.startswith("parts.") and "class" in r.check_id)
    assert parts.status.value == "pass"  # 60+30+15 = 105
    # the typed total differs from what the reader chose, but the reader had asked: no disagreement
    assert not [r for r in result.results if r.category.value == "source" and r.status.value == "fail"]
