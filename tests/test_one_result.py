"""One result per audit: the JSON, the HTML, the index and the command line all render the one
AuditResult the runner computed, so they cannot disagree."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from proposal_audit import runner
from proposal_audit.results import Text

ROOT = Path(__file__).resolve().parents[1]


def test_the_html_shows_the_result_the_runner_computed(tmp_path, monkeypatch):
    """Give the runner a result no fresh audit could produce: the notebook (another process) shows it."""
    monkeypatch.setenv("PROPOSAL_AUDIT_CACHE_DIR", str(tmp_path / "cache"))  # never the project's own cache
    audit_params = runner.audit_params

    def marked(params):  # noqa: ANN001, ANN202
        res = audit_params(params)
        return replace(res, gaps=replace(res.gaps, headlines=(Text("标记：本次审查的唯一结果-4711", "MARK-4711"),)))

    monkeypatch.setattr(runner, "audit_params", marked)
    outcome = runner.run_report(ROOT / "params" / "hengnan_2019.yaml", tmp_path / "reports")
    assert outcome.exit_code == 1, outcome.error
    html = (tmp_path / "reports" / "hengnan_2019.html").read_text(encoding="utf-8")
    data = json.loads((tmp_path / "reports" / "hengnan_2019.json").read_text(encoding="utf-8"))
    assert "标记：本次审查的唯一结果-4711" in html
    assert data["gaps"]["headlines"] == [{"zh": "标记：本次审查的唯一结果-4711", "en": "MARK-4711"}]
    box = html[html.index('class="pa-headline"') :]  # the headline box (the export may reorder attributes)
    box = box[: box.index("</section>")]
    assert "至少77件" not in box  # the headline of a second, fresh audit would be there (the ledger's own
    # section below quotes the bound too, from the same result)


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """Hengnan with one figure changed: class A printed 26.86 (40/149 = 26.8456 → 26.85)."""
    root = tmp_path_factory.mktemp("changed")
    figures = root / "hengnan_changed.yaml"
    text = (ROOT / "data/figures/hengnan_2019.yaml").read_text(encoding="utf-8")
    assert text.count("pct: 26.85") == 1
    figures.write_text(text.replace("pct: 26.85", "pct: 26.86"), encoding="utf-8")
    shutil.copy(ROOT / "data/raw/hengnan_2019.txt", root / "hengnan_2019.txt")
    params = root / "hengnan_changed_params.yaml"
    params.write_text(f"report_id: hengnan_changed\nfigures: {figures}\nsource: {root / 'hengnan_2019.txt'}\n")
    out = root / "reports"
    proc = subprocess.run(
        [sys.executable, "-m", "proposal_audit.cli", "run", str(params), "--reports-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PROPOSAL_AUDIT_CACHE_DIR": str(root / "cache")},
    )
    return proc, out


def test_a_changed_figure_changes_the_json_html_index_and_summary_alike(changed):
    proc, out = changed
    assert proc.returncode == 1, proc.stdout + proc.stderr
    data = json.loads((out / "hengnan_changed.json").read_text(encoding="utf-8"))
    share = next(c for c in data["checks"] if c["check_id"] == "pct.share:class.r1")
    # 26.86 is one unit above 26.85: a minor fail, misrounded
    got = (share["status"], share["severity"], share["cause"], share["observed"])
    assert got == ("fail", "minor", "misrounded", "26.86")
    # two fails: the share itself, and the typed 26.86 against the document's printed 26.85
    assert data["summary"]["fail"] == 2
    assert [c["cause"] for c in data["checks"] if c["status"] == "fail"] == ["misrounded", "disagrees_with_source"]
    html = (out / "hengnan_changed.html").read_text(encoding="utf-8")
    assert share["message_zh"] in html
    index = (out / "index.html").read_text(encoding="utf-8")
    row = next(r for r in re.findall(r"<tr class=.*?</tr>", index) if "hengnan_changed" in r)
    assert ">2<" in row  # two failed checks
    assert "fail 2" in proc.stdout and "hengnan_changed" in proc.stdout
    # the most severe finding is now the typed figure against the document (a major fail outranks the
    # major warning of the 73.15-point gap), and every output names that one
    worst = data["summary"]["most_severe"]
    assert (worst["check_id"], worst["status"], worst["severity"]) == ("source.typed:class.r1", "fail", "major")
    assert f"最严重 most severe: {worst['title_zh']}" in proc.stdout
    assert worst["title_zh"] == "“A类”手工录入与原文不符" and worst["title_zh"] in row
