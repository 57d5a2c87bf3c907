"""End to end, as a user runs it: `proposal-audit run` on the Hengnan example → JSON and HTML."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from proposal_audit import runner

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "proposal_audit.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def hengnan(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("reports")
    return cli("run", "params/hengnan_2019.yaml", "--reports-dir", str(out)), out


def test_exit_code_says_problems_were_found(hengnan):
    proc, _ = hengnan
    assert proc.returncode == 1, proc.stdout + proc.stderr  # the 73-point gap is a finding
    assert "hengnan_2019" in proc.stdout and "hengnan_2019.html" in proc.stdout


def test_json_findings(hengnan):
    _, out = hengnan
    data = json.loads((out / "hengnan_2019.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == "2.1"
    assert data["parameters"]["gap_threshold_points"] == "20"
    checks = {c["check_id"]: c for c in data["checks"]}
    arithmetic = [c for c in data["checks"] if c["category"] == "arithmetic"]
    assert arithmetic and all(c["status"] == "pass" for c in arithmetic)
    a = checks["pct.share:class.r1"]  # class A (rank 1): 40/149
    assert (
        a["expected"] == "26.85"
        and a["count_range"] == [40, 40]
        and (a["check"], a["subject"]) == ("pct.share", "class.r1")
    )
    assert "half_up" in a["modes"]
    gap = checks["gap.satisfaction_vs_resolution"]
    assert (gap["status"], gap["observed"]) == ("warn", "73.15")
    headlines = " ".join(h["zh"] for h in data["gaps"]["headlines"])
    assert "至少77件" in headlines and "全部20件" in headlines
    figure = next(f for f in data["figures"] if f["key"] == "class.A类")
    assert (figure["kind"], figure["rank"], figure["count"], figure["pct"]) == ("class", 1, 40, "26.85")
    assert figure["base"] == "total" and figure["base_count"] == 149
    assert data["versions"]["proposal-audit"] != "not installed"


def test_html_is_self_contained_without_code(hengnan):
    _, out = hengnan
    raw = (out / "hengnan_2019.html").read_bytes()
    html = raw.decode("utf-8")  # written as UTF-8
    assert '<meta charset="utf-8"' in html.lower()
    assert "<script" not in html.lower()  # no CDN (or any) scripts
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing fetched from elsewhere
    images = re.findall(r'<img alt="([^"]*)"[^>]*src="data:image/png;base64,', html)
    assert len(images) == 2  # both charts embedded, each described by its data
    assert images[0].startswith("[chart] 解决率与满意率") and "26.85" in images[0]
    assert '<html lang="zh"' in html
    assert "from proposal_audit import" not in html and "render.checks(" not in html  # no code cells
    # with the (synthetic) ledger, the exact count replaces the bound: 79, within the bound of at least 77
    for words in ("建议有79件;报告公布的数字只能推出至少77件", "相差73.15个百分点", "26.85", "全部20件"):
        assert words in html


def test_run_writes_the_memo_from_the_same_result(hengnan):
    """reports/<id>.docx and .xlsx come with the HTML and JSON, and say what the JSON says."""
    import docx
    from openpyxl import load_workbook

    _, out = hengnan
    data = json.loads((out / "hengnan_2019.json").read_text(encoding="utf-8"))
    text = "\n".join(p.text for p in docx.Document(str(out / "hengnan_2019.docx")).paragraphs)
    assert data["gaps"]["headlines"][1]["zh"] in text  # 至少77件…
    sheet = load_workbook(out / "hengnan_2019.xlsx")["检查结果"]
    ids = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(ids) == sorted(c["check_id"] for c in data["checks"])


def test_broken_parameter_file_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("report_id: broken\nfigures: data/figures/nope.yaml\nlanguag: zh\n", encoding="utf-8")
    out = tmp_path / "reports"
    proc = cli("run", str(bad), "params/hengnan_2019.yaml", "--reports-dir", str(out))
    assert proc.returncode == 2
    assert "broken" in proc.stdout and "file not found" in proc.stdout and "languag" in proc.stdout
    assert (out / "hengnan_2019.html").exists() and (out / "hengnan_2019.json").exists()
    assert not list(out.glob("broken*"))


def test_failing_notebook_keeps_the_partial_notebook(tmp_path, monkeypatch, failing_notebook):
    monkeypatch.setattr(runner, "AUDIT_NOTEBOOK", failing_notebook("figures disagree"))
    outcome = runner.run_report(ROOT / "params" / "hengnan_2019.yaml", tmp_path / "reports")
    assert outcome.exit_code == 2
    assert "figures disagree" in outcome.error
    partial = Path(outcome.notebook)
    partial = partial if partial.is_absolute() else ROOT / partial
    assert partial.name == "hengnan_2019.partial.ipynb" and "figures disagree" in partial.read_text()
    assert not (tmp_path / "reports" / "hengnan_2019.html").exists()


def test_check_command_without_a_notebook():
    proc = cli("check", "data/figures/hengnan_2019.yaml", "--json")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["summary"]["fail"] == 0


def test_check_command_bad_file_exit_2(tmp_path):
    bad = tmp_path / "f.yaml"
    bad.write_text("figures: []\n")
    proc = cli("check", str(bad))
    assert proc.returncode == 2 and "no figure of kind 'total'" in proc.stderr


def test_nbval_catches_a_changed_figure(tmp_path):
    """The regression harness has teeth: one changed count in the Hengnan data fails nbval."""
    root = tmp_path / "root"
    for rel in (
        "data/figures/hengnan_2019.yaml",
        "data/raw/hengnan_2019.txt",
        "notebooks/audit_report.ipynb",
        "data/ledger/hengnan_2019_ledger.xlsx",  # the notebook's default ledger and its rules
        "data/profiles/hengnan.yaml",
    ):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, root / rel)
    (root / "pytest.ini").write_text("[pytest]\n")

    def nbval() -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "--nbval",
                "--nbval-current-env",
                "--nbval-sanitize-with",
                str(ROOT / "tests" / "nbval_sanitize.cfg"),
                "notebooks/audit_report.ipynb",
            ],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=300,
            env={**__import__("os").environ, "PROPOSAL_AUDIT_ROOT": str(root)},
        )

    assert nbval().returncode == 0  # control: the copy as committed passes
    figures = root / "data/figures/hengnan_2019.yaml"
    figures.write_text(figures.read_text(encoding="utf-8").replace("count: 117", "count: 118"), encoding="utf-8")
    changed = nbval()
    assert changed.returncode == 1
    assert "118" in changed.stdout


def test_report_text_is_escaped_in_the_html(tmp_path):
    """A document's words are shown as text: a <script> in a report never runs in the HTML report."""
    doc = tmp_path / "hostile.txt"
    doc.write_text(
        "<script>alert('标题')</script>关于代表建议办理情况的报告\n"
        "今年共接办代表建议100件,均已办结。其中<script>alert(1)</script>A类40件,占40%;"
        "B类<img src=x onerror=alert(2)>60件,占60%。代表表示满意的100件,占100%。关键词1\n",
        encoding="utf-8",
    )
    params = tmp_path / "hostile.yaml"
    params.write_text(f"report_id: hostile\nsource: {doc}\n", encoding="utf-8")
    out = tmp_path / "reports"
    proc = cli("run", str(params), "--reports-dir", str(out))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    html = (out / "hostile.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, as text, in the quoted words
    data = json.loads((out / "hostile.json").read_text(encoding="utf-8"))
    # a template token is a defect of the text, not of its arithmetic: a warning, never a fail
    assert any(c["check_id"] == "text.template_tokens" and c["status"] == "warn" for c in data["checks"])


def test_extract_json_schema():
    proc = cli("extract", "data/raw/hengnan_2019.txt", "--json")
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert data["schema_version"] == "2.1"
    fig = next(f for f in data["figures"] if f["kind"] == "class" and f["rank"] == 1)
    for key in ("kind", "label", "rank", "level", "count", "pct", "base", "span", "text", "sentence", "certainty"):
        assert key in fig
    assert (fig["count"], fig["pct"], fig["base"], fig["certainty"]) == (40, "26.85", "total", "sure")
    raw = (ROOT / "data/raw/hengnan_2019.txt").read_text(encoding="utf-8")
    assert raw[fig["span"][0] : fig["span"][1]] == fig["text"]
    assert data["unplaced"] == []  # every number is placed or explained:
    slow = next(i for i in data["ignored"] if i["text"] == "8個")  # the 8 units named for being slow
    assert "缓慢" in slow["reason"]
    assert [s["main"] for s in data["scopes"]] == [True]


def test_check_documents_and_exit_codes(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("共收到代表建议128件,全部按期办结。A类64件,占50%;B类64件,占50%。", encoding="utf-8")
    assert cli("check", str(clean)).returncode == 0
    proc = cli("check", "data/raw/hengnan_2019.txt", str(clean), "--json")
    assert proc.returncode == 1  # the worst of the two: Hengnan's template tokens and gap
    assert len(json.loads(proc.stdout)) == 2
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    proc = cli("check", str(clean), str(empty))
    assert proc.returncode == 2 and "empty" in proc.stderr
