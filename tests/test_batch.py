"""Many reports at once: parallel runs, skipping unchanged inputs, the index page, new audits, trends."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from proposal_audit.index import IndexRow, render_index

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ["params/corpus/12_ningbo_2011_zhengxie_591.yaml", "params/corpus/05_qinyang_2023_renda_jiayibing.yaml"]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "proposal_audit.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Two corpus reports and Hengnan with --jobs 2, beside one broken parameter file."""
    out = tmp_path_factory.mktemp("batch")
    broken = out / "broken.yaml"
    broken.write_text("report_id: broken\nsource: data/raw/nope.txt\n", encoding="utf-8")
    proc = cli("run", *CORPUS, "params/hengnan_2019.yaml", str(broken), "--jobs", "2", "--reports-dir", str(out))
    return proc, out


def test_batch_writes_every_report_and_the_index(batch):
    proc, out = batch
    assert proc.returncode == 2  # the worst outcome: one input failed
    for rid in ("12_ningbo_2011_zhengxie_591", "05_qinyang_2023_renda_jiayibing", "hengnan_2019"):
        assert (out / f"{rid}.html").exists() and (out / f"{rid}.json").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('.html">') == 3 and "hengnan_2019.html" in index  # one report link a row
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", index)  # self-contained


def test_broken_file_gets_a_clear_line_and_nothing_else(batch):
    proc, out = batch
    assert "✗ broken" in proc.stdout and "file not found: data/raw/nope.txt" in proc.stdout
    assert not list(out.glob("broken*.html")) and not list(out.glob("broken*.json"))
    assert re.search(r"broken\s+FAILED", proc.stdout)  # in the summary table too


def test_unchanged_inputs_are_skipped_and_force_reruns(batch):
    _, out = batch
    again = cli("run", *CORPUS, "--reports-dir", str(out))
    assert again.returncode == 1 and again.stdout.count("unchanged, kept") == 2
    forced = cli("run", CORPUS[0], "--force", "--reports-dir", str(out))
    assert "unchanged, kept" not in forced.stdout


def test_a_failed_run_overwrites_nothing(tmp_path, batch):
    _, out = batch
    reports = tmp_path / "reports"
    shutil.copytree(out, reports)
    before = (reports / "hengnan_2019.html").read_bytes()
    scan = tmp_path / "scan.pdf"  # same report id, now with a document that cannot be read
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    params = tmp_path / "hengnan_2019.yaml"
    params.write_text(f"report_id: hengnan_2019\nsource: {scan}\n", encoding="utf-8")
    proc = cli("run", str(params), "--reports-dir", str(reports))
    assert proc.returncode == 2
    assert (reports / "hengnan_2019.html").read_bytes() == before


def test_index_rows_come_from_the_json(batch):
    _, out = batch
    data = json.loads((out / "hengnan_2019.json").read_text(encoding="utf-8"))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert data["gaps"]["headlines"][1]["zh"] in index  # the Fréchet bound, at least 77
    assert ">73.15<" in index and ">26.85<" in index


def test_index_escapes_report_text():
    row = IndexRow("x", "<script>alert(1)</script>", "人大", "2020", "1", "", "", "", "<b>", "<b>", 0, 0, "", "x.html")
    page = render_index([row])
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_new_sets_up_an_audit_from_a_document(tmp_path, monkeypatch):
    doc = tmp_path / "Report 2024.txt"
    doc.write_text("共收到代表建议20件,均已办结。A类10件,占50%;B类10件,占50%。", encoding="utf-8")
    root = tmp_path / "project"
    for rel in ("params", "data/raw", "notebooks"):
        (root / rel).mkdir(parents=True)
    env_root = {"PROPOSAL_AUDIT_ROOT": str(root)}
    proc = subprocess.run(
        [sys.executable, "-m", "proposal_audit.cli", "new", str(doc)],
        capture_output=True, text=True, timeout=120, env={**__import__("os").environ, **env_root},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    params = (root / "params" / "Report_2024.yaml").read_text(encoding="utf-8")
    assert "source: data/raw/Report_2024.txt" in params
    assert (root / "data" / "raw" / "Report_2024.txt").read_text(encoding="utf-8") == doc.read_text(encoding="utf-8")
    assert "class" in proc.stdout and "proposal-audit run params/Report_2024.yaml" in proc.stdout
    again = subprocess.run(
        [sys.executable, "-m", "proposal_audit.cli", "new", str(doc)],
        capture_output=True, text=True, timeout=120, env={**__import__("os").environ, **env_root},
    )  # fmt: skip
    assert again.returncode == 2 and "already exists" in again.stderr


def test_trends_html_for_sichuan(tmp_path):
    proc = cli(
        "trends",
        "params/corpus/22_sichuan_province_2016_renda_1034.yaml",
        "params/corpus/23_sichuan_province_2017_renda_778.yaml",
        "--name", "sichuan", "--reports-dir", str(tmp_path),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = (tmp_path / "trends_sichuan.html").read_text(encoding="utf-8")
    assert "2016 → 2017:解决率 35.1% → 30%,满意率(含基本满意)100% → 100%" in html
    assert "<script" not in html.lower()


def test_a_reset_kernel_keeps_nothing_of_the_previous_notebook():
    from jupyter_core.utils import run_sync

    from proposal_audit.kernels import reset_kernel, start_kernel, stop_kernel

    km = start_kernel()
    try:
        kc = km.client()
        kc.start_channels()
        run_sync(kc.wait_for_ready)(timeout=60)
        assert run_sync(kc.execute_interactive)("leak = 1", timeout=60)["content"]["status"] == "ok"
        kc.stop_channels()
        assert reset_kernel(km)
        kc = km.client()
        kc.start_channels()
        seen = []
        reply = run_sync(kc.execute_interactive)(
            "print('leak' in dir())", timeout=60, output_hook=lambda m: seen.append(m["content"].get("text", ""))
        )
        kc.stop_channels()
        assert reply["content"]["status"] == "ok" and "".join(seen).strip() == "False"
    finally:
        stop_kernel(km)


def test_warm_kernel_runs_give_the_same_notebook_as_a_fresh_kernel(tmp_path):
    import nbformat

    from proposal_audit import runner
    from proposal_audit.kernels import WarmKernel

    def texts(path: Path) -> list:
        nb = nbformat.read(path, as_version=4)
        return [
            [o.get("data", {}).get("text/plain", o.get("text", "")) for o in c.get("outputs", [])]
            for c in nb.cells
            if c.cell_type == "code"
        ]

    cold = runner.run_report(ROOT / "params/hengnan_2019.yaml", tmp_path / "cold", force=True)
    WarmKernel.start()
    try:
        runner.run_report(ROOT / CORPUS[0], tmp_path / "warm", force=True)  # leaves its state behind…
        warm = runner.run_report(ROOT / "params/hengnan_2019.yaml", tmp_path / "warm", force=True)  # …reset first
    finally:
        WarmKernel.stop()
    assert cold.exit_code == warm.exit_code == 1
    assert texts(tmp_path / "cold/hengnan_2019.ipynb") == texts(tmp_path / "warm/hengnan_2019.ipynb")


def test_an_unexpected_error_costs_one_report_not_the_batch(tmp_path, monkeypatch):
    from proposal_audit import runner

    real = runner.audit_params

    def flaky(params):  # noqa: ANN001
        if params.report_id == "05_qinyang_2023_renda_jiayibing":
            raise RuntimeError("a bug in one report")
        return real(params)

    monkeypatch.setattr(runner, "audit_params", flaky)
    outcomes = runner.run_reports([ROOT / CORPUS[1], ROOT / CORPUS[0]], tmp_path, jobs=1, force=True)
    assert outcomes[0].exit_code == 2 and "a bug in one report" in outcomes[0].error
    assert outcomes[1].exit_code == 1 and (tmp_path / "12_ningbo_2011_zhengxie_591.html").exists()


def test_a_failing_notebook_leaves_the_previous_outputs(tmp_path, monkeypatch, batch, failing_notebook):
    from proposal_audit import runner

    _, out = batch
    reports = tmp_path / "reports"
    shutil.copytree(out, reports)
    finals = ("hengnan_2019.html", "hengnan_2019.json", "hengnan_2019.ipynb")
    before = {name: (reports / name).read_bytes() for name in finals}
    monkeypatch.setattr(runner, "AUDIT_NOTEBOOK", failing_notebook("the kernel fell over"))
    outcome = runner.run_report(ROOT / "params/hengnan_2019.yaml", reports, force=True)
    assert outcome.exit_code == 2 and "the kernel fell over" in outcome.error
    assert {name: (reports / name).read_bytes() for name in finals} == before
    assert (reports / "hengnan_2019.partial.ipynb").exists()


def test_files_that_are_not_audit_results_are_named_on_the_index(tmp_path, batch):
    from proposal_audit.index import write_index

    _, out = batch
    reports = tmp_path / "reports"
    shutil.copytree(out, reports)
    (reports / "notes.json").write_text("{not json", encoding="utf-8")
    page = write_index(reports).read_text(encoding="utf-8")
    assert "notes.json" in page and page.count('.html">') == 3
