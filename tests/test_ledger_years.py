"""Two years of ledgers: last year's open promises (a finding) and repeated titles (for review only)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from proposal_audit.figures import load_figures
from proposal_audit.ledger_audit import audit_ledger
from proposal_audit.ledger_years import is_done
from proposal_audit.results import Status

ROOT = Path(__file__).resolve().parents[1]
HEAD = "建议编号,标题,领衔代表,主办单位,交办日期,答复日期,类别,办理结果满意度,落实时限,落实情况\n"


def _ledgers(tmp_path):
    previous = tmp_path / "2018.csv"
    previous.write_text(
        HEAD
        + "2018-001,关于栗江自来水厂提质改造的建议,王建国,县水利局,2018-05-20,2018-07-01,B,满意,2019-06-30,推进中\n"
        + "2018-002,关于修建花桥敬老院的建议,李红梅,县民政局,2018-05-20,2018-07-01,B,满意,2019-06-30,已落实\n"
        + "2018-003,关于开通茶市客运班线的建议,张志强,县交通运输局,2018-05-20,2018-07-01,C,满意,2021-12-31,\n",
        encoding="utf-8",
    )
    current = tmp_path / "2019.csv"
    current.write_text(
        HEAD
        + "2019-001,关于加快栗江镇自来水厂提质改造的建议,王建国,县水利局,2019-05-23,2019-07-01,B,满意,2020-06-30,\n"
        + "2019-002,关于宝盖镇中心小学扩建的建议,赵德明,县教育局,2019-05-23,2019-07-01,A,满意,,\n",
        encoding="utf-8",
    )
    return previous, current


def test_open_promises_and_repeated_titles(tmp_path):
    previous, current = _ledgers(tmp_path)
    figs = load_figures(ROOT / "data" / "figures" / "hengnan_2019.yaml")
    a = audit_ledger(current, figs, None, as_of="2020-05-18", previous=previous)
    open_ = a.get("ledger.years.open_promises")
    # due by 2020-05-18: 2018-001 (推进中: still open) and 2018-002 (已落实); 2018-003 is due in 2021
    assert open_.result.status is Status.WARN and open_.rows == (2,)
    pairs = [(p.previous.number, p.current.number) for p in a.review]
    assert pairs == [("2018-001", "2019-001")]  # the school and the old people's home match nothing
    assert all(p.current.deputy.startswith("代表-") for p in a.review)
    assert a.review[0].previous.deputy == a.review[0].current.deputy  # one pseudonym across the two years


def test_done_means_done():
    assert is_done("已落实") and is_done("已完成") and not is_done("部分落实") and not is_done("尚未落实")
    assert not is_done("") and not is_done("推进中")


def test_a_normal_audit_never_imports_jieba():
    code = (
        "import sys; from proposal_audit import load_params, audit_params;"
        "r = audit_params(load_params('params/hengnan_2019.yaml')); assert r.ledger is not None;"
        "print('jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
