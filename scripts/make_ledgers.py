#!/usr/bin/env python3
"""Build the SYNTHETIC Hengnan 2019 ledger (台账) and its broken variants and look-alikes.

No real register is public. This script makes one that agrees with every figure the published
report prints (data/raw/hengnan_2019.txt): 149 suggestions, classes A 40 / B 89 / C 20, rated
满意 117 / 基本满意 32 / 不满意 0 (办理结果), 32 handling units, every reply within the report's own
deadlines (主办件 3 months and 协办件 1 month from the assignment on 2019-05-23). Everything else
(titles, deputies, units per item, dates) is invented with a fixed seed, so the files can be rebuilt
byte for byte:

    .venv/bin/python scripts/make_ledgers.py          # rewrite data/ledger/
    .venv/bin/python scripts/make_ledgers.py --check  # exit 1 if the committed files differ

It is also imported by benchmarks/bench_ledger.py to make a 20,000-row ledger.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import sys
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "ledger"
SEED = 2019
SYNTHETIC = "合成数据 SYNTHETIC:虚构的衡南县2019年代表建议办理台账,不是真实记录(scripts/make_ledgers.py 生成)"

HEADERS = [
    "年度", "届次会次", "建议编号", "提出时段", "标题", "领衔代表", "主办单位", "协办单位", "交办日期",
    "协办意见日期", "答复日期", "类别", "办理工作满意度", "办理结果满意度", "是否延期", "延期批准日期",
    "二次办理", "二次答复日期", "落实时限", "落实情况", "重点督办", "状态",
]  # fmt: skip

# 32 units (the report: 将办理任务分解落实到32个承办单位), with how many suggestions each leads.
UNITS = [
    ("县交通运输局", 12), ("县住房和城乡建设局", 11), ("县教育局", 9), ("县水利局", 8), ("县农业农村局", 8),
    ("县自然资源局", 7), ("县文化旅游广电体育局", 6), ("县卫生健康局", 6), ("县商务和粮食局", 6),
    ("县城市管理和综合执法局", 6), ("县政府办", 5), ("县财政局", 5), ("县发展和改革局", 5), ("县公安局", 4),
    ("县人力资源和社会保障局", 4), ("县交警大队", 4), ("县市场监督管理局", 4), ("衡阳市生态环境局衡南分局", 4),
    ("县扶贫开发办公室", 4), ("县公路建设养护中心", 4), ("县民政局", 3), ("县林业局", 3), ("县应急管理局", 3),
    ("县医疗保障局", 3), ("国网衡南县供电公司", 3), ("县科技和工业信息化局", 3), ("县司法局", 2),
    ("县退役军人事务局", 2), ("衡南工业园管委会", 2), ("花桥镇人民政府", 1), ("栗江镇人民政府", 1), ("县统计局", 1),
]  # fmt: skip
EARLY = {"县人力资源和社会保障局", "县交警大队", "县市场监督管理局", "县卫生健康局"}  # the report: 提前完成

PLACES = [
    "云集", "车江", "花桥", "栗江", "茶市", "冠市", "泉溪", "洪山", "谭子山", "鸡笼", "相市", "宝盖", "廖田",
    "近尾洲", "硫市", "三塘", "松江", "江口", "雨母山", "铁丝塘", "咸塘", "柞市", "向阳", "川口",
]  # fmt: skip
TOPICS = {
    "县交通运输局": ["{p}至{q}公路提质改造", "{p}农村公路安防设施建设", "开通{p}至县城客运班线", "{p}危桥改造"],
    "县住房和城乡建设局": ["{p}集镇污水管网建设", "{p}农村危房改造", "{p}老旧小区改造", "{p}供水管网延伸"],
    "县教育局": ["{p}中心小学扩建", "{p}乡村教师周转房建设", "{p}学校食堂提质", "解决{p}学校大班额"],
    "县水利局": ["{p}山塘清淤扩容", "{p}灌区渠道维修", "{p}安全饮水工程", "{p}河堤加固"],
    "县农业农村局": ["{p}高标准农田建设", "{p}农产品冷链设施", "扶持{p}特色种养产业", "{p}农村人居环境整治"],
    "县自然资源局": ["{p}农村宅基地审批", "{p}地质灾害隐患治理", "{p}土地整理项目"],
    "县文化旅游广电体育局": ["{p}农家书屋提质", "{p}文体广场建设", "{p}乡村旅游开发"],
    "县卫生健康局": ["{p}卫生院设备更新", "{p}村卫生室建设", "加强{p}乡村医生队伍"],
    "县商务和粮食局": ["{p}农贸市场改造", "{p}电商服务站建设", "{p}粮食仓储设施"],
    "县城市管理和综合执法局": ["{p}集镇环境卫生整治", "{p}垃圾中转站建设", "{p}占道经营治理"],
    "县政府办": ["{p}重大项目协调", "{p}历史遗留问题化解"],
    "县财政局": ["{p}村级运转经费保障", "{p}项目配套资金落实"],
    "县发展和改革局": ["{p}天然气管网建设", "{p}重点项目立项", "{p}物价监管"],
    "县公安局": ["{p}派出所警力充实", "{p}治安监控全覆盖"],
    "县人力资源和社会保障局": ["{p}就业创业培训", "{p}城乡居民养老保险"],
    "县交警大队": ["{p}路口交通信号灯设置", "{p}学校周边交通安全"],
    "县市场监督管理局": ["{p}食品安全监管", "{p}农资市场监管"],
    "衡阳市生态环境局衡南分局": ["{p}河流水质治理", "{p}养殖污染防治"],
    "县扶贫开发办公室": ["{p}贫困户产业帮扶", "{p}易地扶贫搬迁后续扶持"],
    "县公路建设养护中心": ["{p}县道养护", "{p}公路绿化"],
    "县民政局": ["{p}敬老院改造", "{p}农村低保动态管理"],
    "县林业局": ["{p}森林防火设施", "{p}油茶低改"],
    "县应急管理局": ["{p}防汛物资储备", "{p}安全生产监管"],
    "县医疗保障局": ["{p}医保异地结算", "{p}慢性病门诊待遇"],
    "国网衡南县供电公司": ["{p}农网改造升级", "{p}低电压治理"],
    "县科技和工业信息化局": ["{p}移动通信基站建设", "{p}中小企业扶持"],
    "县司法局": ["{p}公共法律服务站建设"],
    "县退役军人事务局": ["{p}退役军人服务站建设"],
    "衡南工业园管委会": ["{p}园区配套设施", "园区企业用工保障"],
    "花桥镇人民政府": ["{p}集镇规划建设"],
    "栗江镇人民政府": ["{p}集镇道路改造"],
    "县统计局": ["{p}统计基础工作"],
}
# Suggestions the report itself names, with the unit and class its words imply.
NAMED = [
    ("关于解决教师宿舍资金短缺的建议", "县财政局", ["县教育局"], "B",
     "已解决配套资金20万元,剩余资金根据工程量逐步拨付"),
    ("关于夯实乡村振兴基础,增加粮食收储仓库的建议", "县商务和粮食局", [], "B", "项目已立项"),
    ("关于解决花桥镇街道安全饮水的建议", "县水利局", ["花桥镇人民政府"], "B", "拟投入157万元提质改造"),
    ("关于栗江自来水厂有限公司供水设施提质改造的建议", "县水利局", [], "B", "拟投入157万元提质改造"),
    ("关于恢复原市公交6路车(现106路车)至车江的建议", "县交通运输局", [], "C", ""),
    ("关于解决恢复农商银行斗山营业点业务的建议", "县政府办", [], "C", ""),
    ("关于畅通京广铁路涵洞的建议", "县政府办", [], "A", ""),
    ("关于加快推进衡南县职业中专与市五技校合并搬迁项目的建议", "县教育局", [], "B", "搬迁项目推进中"),
    ("关于“洛夫文学艺术馆”全面开馆及举办相关文化活动的建议", "县文化旅游广电体育局", [], "A", ""),
    ("关于在河东片区兴建规范性农贸市场的建议", "县商务和粮食局", [], "B", "已纳入全县农贸市场建设规划"),
    ("关于进一步加大对银杏企业扶持力度的建议", "县商务和粮食局", [], "A", ""),
    ("关于加强污水管网治理的建议", "县住房和城乡建设局", [], "B", "城乡污水收集处理一体化专项规划编制中"),
]  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈"
GIVEN = "建国志强红梅海燕春华国平秋菊新民桂英晓东立军美玲文斌丽娟德明玉兰永红小平金凤卫东俊杰淑芬光辉"

ASSIGNED = date(2019, 5, 23)  # the report: 在2019年5月23日縣政府第一次全體會議上…進行了集中交辦
RECESS_ASSIGNED = [date(2019, 7, 8), date(2019, 7, 22), date(2019, 8, 12), date(2019, 9, 2),
                   date(2019, 9, 16), date(2019, 10, 14), date(2019, 11, 4), date(2019, 11, 18)]  # fmt: skip
# Class × 办理结果 rating (the exact table behind the report's margins): A 38+2, B 66+23, C 13+7.
CROSS = {"A": (38, 2), "B": (66, 23), "C": (13, 7)}
WORK_BETTER = 11  # of the 32 rated 基本满意 on the result, 11 rated 满意 on the handling


def add_months(d: date, n: int) -> date:
    import calendar

    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, min(d.day, calendar.monthrange(d.year + y, m + 1)[1]))


def _workday_on_or_before(d: date, floor: date) -> date:
    import chinese_calendar

    while d > floor and not chinese_calendar.is_workday(d):
        d -= timedelta(days=1)
    return d


def _names(rng: random.Random, n: int) -> list[str]:
    pool = sorted({s + g for s in SURNAMES for g in (GIVEN[i : i + 2] for i in range(0, len(GIVEN), 2))})
    return rng.sample(pool, n)


def build_rows(seed: int = SEED) -> list[dict[str, object]]:
    """The 149 rows of the consistent ledger, as header → value (dates as date objects)."""
    rng = random.Random(seed)
    units = [u for u, k in UNITS for _ in range(k)]
    assert len(units) == 149 and len({u for u, _ in UNITS}) == 32
    deputies = _names(rng, 88)
    # classes: the named suggestions first, the rest shuffled so the totals are 40/89/20
    named_classes = [c for *_, c, _ in NAMED]
    left = {"A": 40, "B": 89, "C": 20}
    for c in named_classes:
        left[c] -= 1
    rest = [c for c, k in left.items() for _ in range(k)]
    rng.shuffle(rest)
    # units for the named ones are fixed; take them out of the pool
    pool = list(units)
    for _, unit, *_ in NAMED:
        pool.remove(unit)
    rng.shuffle(pool)
    rows: list[dict[str, object]] = []
    used_titles: set[str] = set()
    for i in range(149):
        if i < len(NAMED):
            title, unit, co, klass, follow = NAMED[i]
        else:
            unit, klass, co, follow = pool[i - len(NAMED)], rest[i - len(NAMED)], [], ""
            for _ in range(100):
                p, q = rng.sample(PLACES, 2)
                title = f"关于{rng.choice(TOPICS[unit]).format(p=p, q=q)}的建议"
                if title not in used_titles:
                    break
            if rng.random() < 0.25:
                co = rng.sample([u for u, _ in UNITS if u != unit], rng.choice((1, 1, 2)))
        used_titles.add(title)
        recess = i >= 141
        rows.append(
            {
                "年度": 2019,
                "届次会次": "十七届四次",
                "建议编号": f"2019-{i + 1:03d}",
                "提出时段": "闭会期间" if recess else "大会期间",
                "标题": title,
                "领衔代表": deputies[rng.randrange(len(deputies))],
                "主办单位": unit,
                "协办单位": "、".join(co),
                "交办日期": RECESS_ASSIGNED[i - 141] if recess else ASSIGNED,
                "类别": klass,
                "落实情况": follow,
            }
        )
    # ratings: exactly CROSS per class, spread at random over the class's rows
    for klass, (sat, basic) in CROSS.items():
        members = [r for r in rows if r["类别"] == klass]
        assert len(members) == sat + basic
        ratings = ["满意"] * sat + ["基本满意"] * basic
        rng.shuffle(ratings)
        for r, rating in zip(members, ratings, strict=True):
            r["办理结果满意度"] = rating
            r["办理工作满意度"] = rating
    basic_rows = [r for r in rows if r["办理结果满意度"] == "基本满意"]
    for r in rng.sample(basic_rows, WORK_BETTER):
        r["办理工作满意度"] = "满意"
    # dates: every reply within 3 months of assignment, co-handlers within 1 month, on working days
    for r in rows:
        start: date = r["交办日期"]  # type: ignore[assignment]
        due = add_months(start, 3)
        span = (due - start).days
        lo, hi = (12, 40) if r["主办单位"] in EARLY else (25, span)
        r["答复日期"] = _workday_on_or_before(start + timedelta(days=rng.randint(lo, hi)), start)
        if r["协办单位"]:
            co_due = add_months(start, 1)
            r["协办意见日期"] = _workday_on_or_before(
                start + timedelta(days=rng.randint(7, (co_due - start).days)), start
            )
        else:
            r["协办意见日期"] = None
        r["是否延期"] = "否"
        r["延期批准日期"] = None
        r["二次办理"] = "否"
        r["二次答复日期"] = None
        r["重点督办"] = "是" if r["标题"] in {n[0] for n in NAMED[4:9]} else "否"
        r["状态"] = ""
        if r["类别"] == "A":
            r["落实时限"] = None
        elif r["类别"] == "B":
            r["落实时限"] = rng.choice((date(2019, 12, 31), date(2020, 6, 30), date(2020, 12, 31), date(2021, 12, 31)))
            if r["落实时限"] <= date(2020, 5, 18) and not r["落实情况"]:
                r["落实情况"] = rng.choice(("已落实", "已完成", "部分落实,列入下年度计划续办"))
        else:
            r["落实时限"] = rng.choice((date(2021, 12, 31), date(2022, 12, 31)))
    # one reply on the last day (2019-08-23 is a Friday): the boundary is inside the deadline
    last = next(
        r
        for r in rows
        if r["类别"] == "A" and r["交办日期"] == ASSIGNED and r["主办单位"] not in EARLY and not r["协办单位"]
    )
    last["答复日期"] = add_months(ASSIGNED, 3)
    return rows


def _text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


def to_csv(rows: list[dict[str, object]]) -> bytes:
    """UTF-8 with a BOM (Excel and WPS open it as Chinese), the synthetic label on the first line."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([SYNTHETIC])
    w.writerow(HEADERS)
    for r in rows:
        w.writerow([_text(r.get(h)) for h in HEADERS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(rows: list[dict[str, object]]) -> bytes:
    """The office's export: a title row, the header, dates as date cells; a second sheet says it is synthetic."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append([f"衡南县2019年人大代表建议办理台账({SYNTHETIC})"])
    ws["A1"].font = Font(bold=True, color="C00000")
    ws.append(HEADERS)
    for r in rows:
        ws.append([r.get(h) if r.get(h) not in ("", None) else None for h in HEADERS])
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    note = wb.create_sheet("说明 README")
    for line in (
        SYNTHETIC,
        "与报告(data/raw/hengnan_2019.txt)印出的每个数字一致:149件;A 40、B 89、C 20;满意117、基本满意32;32个承办单位。",
        "标题、代表姓名、各件的承办单位和日期均为虚构。Titles, names, units per item and dates are invented.",
        "See data/ledger/README.md.",
    ):
        note.append([line])
    fixed = datetime(2020, 5, 18)
    wb.properties.created = wb.properties.modified = fixed
    wb.properties.creator = "proposal-audit scripts/make_ledgers.py"
    raw = io.BytesIO()
    wb.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps, so a rebuild is byte-identical."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2020, 5, 18, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2020-05-18T00:00:00Z", body)
            dst.writestr(fixed, body)
    return out.getvalue()


# --------------------------------------------------------------------------- variants


def _copy(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    return [dict(r) for r in rows]


def _pick(rows: list[dict[str, object]], **want: object) -> dict[str, object]:
    """The first row whose cells equal `want` (keys are headers with _ for nothing)."""
    for r in rows:
        if all(r.get(k) == v for k, v in want.items()):
            return r
    raise LookupError(want)


def variants(rows: list[dict[str, object]]) -> dict[str, tuple[list[dict[str, object]], str]]:
    """name → (rows, what it changes). Each broken_* has a lookalike_* that must pass."""
    out: dict[str, tuple[list[dict[str, object]], str]] = {}
    plain = dict(协办单位="", 提出时段="大会期间")

    v = _copy(rows)
    twin = dict(v[87])
    twin["建议编号"] = "2019-150"
    out["broken_one_row"] = (
        [*v, twin],
        "2019-088 entered a second time as 2019-150 (row 152): 150 rows counted, the report says 149",
    )
    v = _copy(rows)
    twin = dict(v[87])
    twin["建议编号"], twin["状态"] = "2019-150", "并案"
    out["lookalike_one_row"] = ([*v, twin], "the same extra row, marked 并案 (merged): 149 counted")

    v = _copy(rows)
    r = _pick(v, 类别="A", 办理结果满意度="满意", **plain)
    r["类别"] = "D"
    out["broken_one_class"] = (v, f"{r['建议编号']}: class A written as D (a class the report does not have)")
    v = _copy(rows)
    r = _pick(v, 类别="A", 办理结果满意度="满意", **plain)
    r["类别"] = "已解决或基本解决"
    out["lookalike_one_class"] = (v, f"{r['建议编号']}: class A written in words (已解决或基本解决)")

    v = _copy(rows)
    r = _pick(v, 类别="B", 办理结果满意度="满意", 办理工作满意度="满意", **plain)
    r["办理结果满意度"], r["二次办理"] = "不满意", "是"
    r["二次答复日期"] = r["答复日期"] + timedelta(days=20)  # type: ignore[operator]
    out["broken_one_rating"] = (v, f"{r['建议编号']}: result rated 不满意 (handled again in 20 days)")
    v = _copy(rows)
    r = _pick(v, 类别="B", 办理结果满意度="满意", 办理工作满意度="满意", **plain)
    r["办理工作满意度"], r["二次办理"] = "不满意", "是"
    r["二次答复日期"] = r["答复日期"] + timedelta(days=20)  # type: ignore[operator]
    out["lookalike_one_rating"] = (v, f"{r['建议编号']}: the handling (not the result) rated 不满意, handled again")

    due = add_months(ASSIGNED, 3)
    v = _copy(rows)
    r = _pick(v, 类别="B", **plain)
    r["答复日期"] = due + timedelta(days=13)
    out["broken_late_reply"] = (v, f"{r['建议编号']}: replied {due + timedelta(days=13)}, 13 days after {due}")
    v = _copy(rows)
    r = _pick(v, 类别="B", **plain)
    r["答复日期"] = due
    out["lookalike_late_reply"] = (v, f"{r['建议编号']}: replied on the last day, {due}")
    v = _copy(rows)
    r = _pick(v, 类别="B", **plain)
    r["答复日期"] = due + timedelta(days=13)
    r["是否延期"], r["延期批准日期"] = "是", date(2019, 8, 15)
    out["lookalike_late_reply_extended"] = (
        v,
        f"{r['建议编号']}: replied 13 days late with an extension approved on 2019-08-15",
    )

    v = _copy(rows)
    r = _pick(v, 类别="C", **plain)
    r["答复日期"] = "2019-06-31"
    out["broken_impossible_date"] = (v, f"{r['建议编号']}: reply date 2019-06-31 (June has 30 days)")
    v = _copy(rows)
    r = _pick(v, 类别="C", **plain)
    r["答复日期"] = "2019-06-30"
    out["lookalike_impossible_date"] = (v, f"{r['建议编号']}: reply date 2019-06-30")
    return out


def malformed() -> bytes:
    """Everything wrong at once: a GBK line in a UTF-8 file, unknown and missing headers, bad cells."""
    head = "建议编号,标题,主办单位,答覆日期,分类结果,满意度,联系电话\n"
    lines = [
        "2019-001,关于修路的建议,县交通运输局,2008-09-31,A,满意,13800000000\n".encode(),
        "2019-002,关于修桥的建议,县交通运输局,2019-06-15,E,很好,\n".encode("gbk"),
        "2019-003,关于供水的建议,县水利局,2019/13/01,B,基本满意,\n".encode(),
        ",关于路灯的建议,县住房和城乡建设局,昨天,C,满意,\n".encode(),
    ]
    return head.encode() + b"".join(lines)


def files() -> dict[Path, bytes]:
    rows = build_rows()
    out = {OUT / "hengnan_2019_ledger.xlsx": to_xlsx(rows), OUT / "hengnan_2019_ledger.csv": to_csv(rows)}
    index = ["# Variants of the synthetic Hengnan 2019 ledger (made by scripts/make_ledgers.py)\n"]
    for name, (v, what) in variants(rows).items():
        out[OUT / "variants" / f"{name}.csv"] = to_csv(v)
        index.append(f"{name}.csv: {what}\n")
    out[OUT / "variants" / "malformed.csv"] = malformed()
    index.append(
        "malformed.csv: mixed encodings (line 3 is GBK), unknown headers (分类结果, 满意度), the required 类别"
        " missing, impossible dates, a blank number\n"
    )
    out[OUT / "variants" / "INDEX.txt"] = "".join(index).encode()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    args = parser.parse_args(argv)
    stale = []
    for path, data in files().items():
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)}")
    for path in stale:
        print(f"differs: {path.relative_to(ROOT)}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
