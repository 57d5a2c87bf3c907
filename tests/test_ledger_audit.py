"""The ledger in the whole audit: headlines, JSON, notebook, privacy, and refusing a bad ledger."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import nbformat
import pytest

from proposal_audit import load_params, render_ledger
from proposal_audit.audit import audit_params
from proposal_audit.cli import main
from proposal_audit.errors import ParamsError
from proposal_audit.export import result_to_json
from proposal_audit.params import Params

ROOT = Path(__file__).resolve().parents[1]
CSV = ROOT / "data" / "ledger" / "hengnan_2019_ledger.csv"


@pytest.fixture(scope="module")
def hengnan():
    return audit_params(load_params(ROOT / "params" / "hengnan_2019.yaml"))


def _deputies() -> set[str]:
    rows = list(csv.DictReader(CSV.read_text(encoding="utf-8-sig").splitlines()[1:]))
    return {r["领衔代表"] for r in rows}


def _everything(result, language="zh") -> str:
    shown = [
        f(result, language)
        for f in (render_ledger.summary, render_ledger.crosstab, render_ledger.units, render_ledger.details)
    ]
    return json.dumps(result_to_json(result), ensure_ascii=False) + "".join(h.html + h.text for h in shown)


def test_exact_count_replaces_the_bound_in_the_headlines(hengnan):
    a = hengnan.ledger
    assert a.reconciled and a.dimension == "result"
    # the report's bound: 117 satisfied + 109 not in A − 149 = 77, at most min(109, 117) = 109
    assert a.bound == (77, 109) and a.satisfied_not_solved == 79 and 77 <= 79 <= 109
    zh = [h.zh for h in hengnan.gaps.headlines]
    assert any("代表表示满意但问题尚未解决(不在A类)的建议有79件" in h and "至少77件" in h for h in zh)
    assert not any(h.startswith("至少77件") for h in zh)  # the bound alone is gone
    en = " ".join(h.en for h in hengnan.gaps.headlines)
    assert "exactly 79 proposals rated fully satisfied that were not solved" in en


def test_json_carries_the_ledger(hengnan):
    data = result_to_json(hengnan)["ledger"]
    assert data["reconciled"] and data["satisfied_not_solved"] == 79 and data["bound"] == [77, 109]
    assert data["rows"] == 149 and data["rating_matching_report"] == "result"
    ids = {c["check_id"]: c["status"] for c in data["checks"]}
    assert ids["ledger.reconcile.rows"] == ids["ledger.reconcile.classes"] == ids["ledger.deadlines"] == "pass"
    assert len(data["units"]) == 32
    json.dumps(data, ensure_ascii=False)


def test_deputies_are_pseudonymized_unless_asked(hengnan, tmp_path):
    text = _everything(hengnan)
    assert not any(name in text for name in _deputies())
    params = load_params(ROOT / "params" / "hengnan_2019.yaml").model_copy(
        update={"ledger": "data/ledger/variants/broken_late_reply.csv"}
    )
    hidden = _everything(audit_params(params))
    assert "代表-" in hidden and not any(name in hidden for name in _deputies())
    shown = _everything(audit_params(params.model_copy(update={"show_names": True})))
    row4 = list(csv.DictReader(CSV.read_text(encoding="utf-8-sig").splitlines()[1:]))[1]["领衔代表"]  # 2019-002
    assert row4 in shown


def test_phone_and_id_numbers_never_appear(tmp_path):
    ledger = tmp_path / "l.csv"
    ledger.write_text(
        "建议编号,标题,领衔代表,联系电话,身份证号码,主办单位,交办日期,答复日期,类别,办理结果满意度,落实情况\n"
        "1,关于修路的建议(电话13912345678),王五,13800001111,430422197001011234,县交通运输局,2019-05-23,"
        "2019-07-01,B,满意,已联系13700002222和身份证430422197001015678的当事人\n",
        encoding="utf-8",
    )
    params = Params(report_id="t", figures="data/figures/hengnan_2019.yaml", ledger=str(ledger), show_names=True)
    text = _everything(audit_params(params))
    for secret in ("13912345678", "13800001111", "430422197001011234", "13700002222", "430422197001015678"):
        assert secret not in text


def test_parameters_name_the_key(tmp_path):
    bad = tmp_path / "p.yaml"
    bad.write_text("figures: data/figures/hengnan_2019.yaml\nledger: data/ledger/nope.xlsx\nledger_as_of: 2020-02-30\n")
    with pytest.raises(ParamsError) as err:
        load_params(bad)
    problems = dict(err.value.problems)
    assert set(problems) == {"ledger", "ledger_as_of"}
    assert "文件不存在" in problems["ledger"] and "2020年2月只有29天" in problems["ledger_as_of"]


def test_a_bad_ledger_stops_the_run_with_exit_2_and_writes_nothing(tmp_path):
    from proposal_audit.runner import run_report

    params = tmp_path / "bad_ledger.yaml"
    params.write_text(
        "figures: data/figures/hengnan_2019.yaml\nledger: data/ledger/variants/malformed.csv\n", encoding="utf-8"
    )
    reports = tmp_path / "reports"
    outcome = run_report(params, reports)
    assert outcome.exit_code == 2
    assert (
        "编码混杂" in outcome.error and "缺少必需的列“类别”" in outcome.error and "2008年9月只有30天" in outcome.error
    )
    assert not list(reports.glob("*.html")) and not list(reports.glob("*.json"))


def test_cli_ledger_command(capsys):
    assert main(["ledger", "data/ledger/variants/malformed.csv", "--figures", "data/figures/hengnan_2019.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n  ") >= 8 and "mixed encodings" in err
    code = main(["ledger", "data/ledger/variants/broken_late_reply.csv", "--params", "params/hengnan_2019.yaml"])
    out = capsys.readouterr().out
    assert code == 1 and "ledger.deadlines" in out and "逾期13天" in out


def test_the_notebook_shows_the_ledger_section_before_the_method_note():
    nb = nbformat.read(ROOT / "notebooks" / "audit_report.ipynb", as_version=4)
    sources = [c.source for c in nb.cells]
    at = next(i for i, s in enumerate(sources) if s.startswith("## 四、台账核对"))
    method = next(i for i, s in enumerate(sources) if "render.method" in s)
    assert at < method and all("render_ledger." in s for s in sources[at + 1 : method])
    assert sources[method + 1 :] == ["render.appendix(result, language)"]  # the appendix stays last
    shown = json.dumps([o for c in nb.cells if c.cell_type == "code" for o in c.outputs], ensure_ascii=False)
    assert "台账149件与报告逐项相符" in shown and "建议有79件" in shown and "县交通运输局 | 12" in shown
