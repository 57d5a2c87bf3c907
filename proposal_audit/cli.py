"""The `proposal-audit` command.

Exit codes: 0 nothing found (no check failed or warned; the summary line says how many checks could not
be decided), 1 the audit found problems, 2 an input or the run failed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .errors import ProposalAuditError

__all__ = ["main"]

T = TypeVar("T")


def _outcome_line(o) -> str:  # noqa: ANN001 - a RunOutcome
    if o.exit_code == 2:
        where = f"\n    部分执行的笔记本 partial notebook: {o.notebook}" if o.notebook else ""
        return f"✗ {o.report_id}: 失败 FAILED ({o.seconds:.1f} s)\n    " + o.error.replace("\n", "\n    ") + where
    mark = "!" if o.exit_code == 1 else "✓"
    verdict = "发现问题 problems found" if o.exit_code == 1 else "未发现问题 nothing found"
    worst = f" — 最严重 most severe: {o.worst}" if o.worst else ""
    reused = " (输入未变,沿用上次结果 unchanged, kept)" if o.skipped else ""
    counts = ", ".join(f"{k} {v}" for k, v in o.counts.items() if v and k in ("fail", "warn"))
    undecided = o.counts.get("not_decidable", 0)
    open_ = f"; {undecided} 项无法判定 not decidable" if undecided else ""
    return f"{mark} {o.report_id}: {verdict}{worst} [{counts or 'pass'}{open_}] {o.seconds:.1f} s{reused} → {o.html}"


def _cmd_run(args: argparse.Namespace) -> int:
    from .paths import REPORTS_DIR, default_params_files, relative

    files = [Path(p) for p in args.params] or default_params_files()
    if not files:
        print("params/ 中没有参数文件 no parameter files in params/", file=sys.stderr)
        return 2
    jobs = max(1, args.jobs or os.cpu_count() or 1)
    kernel = None
    if jobs == 1 or len(files) == 1:  # start the kernel first: its imports overlap everything below
        from .kernels import start_kernel

        kernel = start_kernel()
    from tqdm import tqdm

    from .runner import run_reports

    reports_dir = Path(args.reports_dir) if args.reports_dir else REPORTS_DIR
    at_once = min(jobs, len(files))
    n = len(files)
    print(f"审查 {n} 份报告,同时 {at_once} 份 auditing {n} report(s), {at_once} at a time…", flush=True)
    with tqdm(total=len(files), unit="份", dynamic_ncols=True, disable=None, file=sys.stderr) as bar:

        def done(i: int, n: int, outcome) -> None:  # noqa: ANN001
            bar.write(_outcome_line(outcome))
            bar.update(1)

        outcomes = run_reports(files, reports_dir, on_done=done, jobs=jobs, force=args.force, kernel=kernel)
    failed = [o for o in outcomes if o.exit_code == 2]
    found = [o for o in outcomes if o.exit_code == 1]
    print(
        f"\n完成 done: {len(outcomes)} 份 reports — {len(outcomes) - len(failed)} 份已生成 written"
        f" ({sum(o.skipped for o in outcomes)} 份输入未变 unchanged), {len(found)} 份发现问题 with findings,"
        f" {len(failed)} 份失败 failed"
    )
    print(f"{'report':<44} {'result':<10} {'fail':>4} {'warn':>4} {'n/d':>4} {'s':>6}  HTML")
    for o in outcomes:
        result = {0: "ok", 1: "findings", 2: "FAILED"}[o.exit_code]
        print(
            f"{o.report_id[:44]:<44} {result:<10} {o.counts.get('fail', 0):>4} {o.counts.get('warn', 0):>4}"
            f" {o.counts.get('not_decidable', 0):>4} {o.seconds:>6.1f}  {o.html or o.notebook}"
        )
    print("n/d = 无法判定 not decidable (exit 0 still: nothing was found, but look at them)")
    print(f"一览 index: {relative(reports_dir / 'index.html')}")
    return max((o.exit_code for o in outcomes), default=0)


def _cmd_new(args: argparse.Namespace) -> int:
    """Set up the audit of a new document: copy it into data/raw/, write its parameter file, show
    what was read from it for review."""
    import hashlib
    import re
    import shutil

    from .documents import read_document
    from .extract import extract
    from .paths import PARAMS_DIR, ROOT, relative

    source = Path(args.document)
    doc = read_document(source)  # refuses unreadable documents before anything is written
    extraction = extract(doc)
    ascii_part = re.sub(r"[^A-Za-z0-9_-]+", "_", source.stem).strip("_-")
    if not args.id and (not ascii_part or not source.stem.isascii()):
        # "某县2024年建议办理情况.docx": its digits alone would clash with the next county's file
        digest = hashlib.sha1(source.stem.encode("utf-8")).hexdigest()[:6]
        ascii_part = f"{ascii_part or 'report'}_{digest}"
    report_id = args.id or ascii_part
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_\-]*", report_id):
        report_id = f"report_{report_id}".strip("_")
    params_path = PARAMS_DIR / f"{report_id}.yaml"
    if params_path.exists() and not args.force:
        print(f"{relative(params_path)} 已存在 already exists (use --force, or --id NAME)", file=sys.stderr)
        return 2
    raw = ROOT / "data" / "raw"
    target = source.resolve()
    if raw.resolve() not in target.parents:
        target = raw / f"{report_id}{source.suffix.lower()}"
        if target.exists() and target.read_bytes() != source.read_bytes() and not args.force:
            print(f"{relative(target)} 已存在且内容不同 exists with other content (use --id NAME)", file=sys.stderr)
            return 2
        raw.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    PARAMS_DIR.mkdir(parents=True, exist_ok=True)
    params_path.write_text(
        f"# Audit of {source.name}: review the figures `proposal-audit extract` reads, then run:\n"
        f"#   proposal-audit run {relative(params_path)}\n"
        f"report_id: {report_id}\n"
        f"source: {relative(target)}\n"
        "language: zh\n"
        "rounding_policy: permissive\n"
        "gap_threshold_points: 20\n",
        encoding="utf-8",
    )
    print(f"已写入 wrote {relative(params_path)} (source: {relative(target)})")
    print(f"读到 {len(extraction.figures.figures)} 个数字, {len(extraction.unparsed)} 个未归类 — 请核对 please review:")
    for f in extraction.figures:
        nums = " ".join(
            x for x in (str(f.count) if f.count is not None else "", f"{f.pct.text}%" if f.pct else "") if x
        )
        print(f"  {f.kind.value:<12} {f.display_label[:18]:<18} {nums:<14} “{f.provenance.text[:40]}”")
    for u in extraction.unparsed:
        print(f"  ?? {u.text:<10} {u.reason}: “{u.sentence[:40]}”")
    print(f"下一步 next: proposal-audit run {relative(params_path)}")
    print("读错的数字可在 figures 文件中手工录入 to correct a misread figure, type the figures in")
    print("  (README: Figures typed by hand)")
    return 0


def _cmd_trends(args: argparse.Namespace) -> int:
    from .paths import REPORTS_DIR, relative
    from .runner import run_trends

    reports_dir = Path(args.reports_dir) if args.reports_dir else REPORTS_DIR
    print(f"对比 {len(args.params)} 个年度 comparing {len(args.params)} audits…", flush=True)
    path = run_trends(args.params, args.name, args.title or args.name, reports_dir, args.language)
    print(f"HTML: {relative(path)}")
    return 0


def _guarded(name: str, work: Callable[..., T], *args: object) -> T | None:
    """Run one file's work; an error is printed and the next file goes on (the caller exits 2)."""
    try:
        return work(*args)
    except ProposalAuditError as exc:
        print(str(exc), file=sys.stderr)
    except Exception as exc:  # a bug in one document's handling never stops the others
        print(f"{name}: 内部错误 internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
    return None


def _is_figures_file(name: str) -> bool:
    return Path(name).suffix.lower() in (".yaml", ".yml")


def _audit_file(name: str, policy):  # noqa: ANN001, ANN202 - a Policy, an AuditResult
    """A hand-entered figures file (.yaml) or a document, audited."""
    from .audit import audit, audit_document
    from .figures import load_figures

    if _is_figures_file(name):
        return audit(load_figures(name), policy, Path(name).stem)
    return audit_document(name, policy, Path(name).stem)


def _cmd_extract(args: argparse.Namespace) -> int:
    """Print the figures read from each document, with the words and position each came from."""
    import time

    from .documents import read_document
    from .export import SCHEMA_VERSION, figures_json
    from .extract import extract

    worst = 0
    payload = []
    for name in args.files:
        started = time.perf_counter()
        extraction = _guarded(name, lambda n: extract(read_document(n)), name)
        if extraction is None:
            worst = 2
            continue
        seconds = time.perf_counter() - started
        figs = extraction.figures
        if args.json:
            payload.append(
                {
                    "schema_version": SCHEMA_VERSION,
                    "document": name,
                    "figures": figures_json(figs),
                    "unplaced": [
                        {"text": u.text, "span": list(u.span), "sentence": u.sentence, "reason": u.reason}
                        for u in extraction.unparsed
                    ],
                }
            )
            continue
        n_figs, n_un = len(figs.figures), len(extraction.unparsed)
        print(f"== {name}: {n_figs} 个数字 figures, {n_un} 个未归类 unplaced ({seconds * 1000:.0f} ms)")
        for f in figs:
            what = f.level.value if f.level else (f"rank {f.rank}" if f.rank else "")
            nums = " ".join(
                x for x in (str(f.count) if f.count is not None else "", f"{f.pct.text}%" if f.pct else "") if x
            )
            span = f"{f.provenance.span[0]}–{f.provenance.span[1]}" if f.provenance.span else ""
            label = f.display_label[:16]
            print(f"  {f.kind.value:<12} {label:<16} {what:<20} {nums:<14} [{span}] {f.provenance.text[:50]}")
        for u in extraction.unparsed:
            print(f"  ?? {u.text:<10} [{u.span[0]}–{u.span[1]}] {u.reason}: {u.sentence[:50]}")
    if args.json:
        print(json.dumps(payload if len(payload) != 1 else payload[0], ensure_ascii=False, indent=2))
    return worst


def _cmd_check(args: argparse.Namespace) -> int:
    """Run every check on documents (extracting their figures) or on hand-entered figures files."""
    from . import tables
    from .export import result_to_json
    from .results import Policy

    worst = 0
    payload = []
    policy = Policy.named(args.rounding_policy)
    for name in args.files:
        result = _guarded(name, _audit_file, name, policy)
        if result is None:
            worst = 2
            continue
        worst = max(worst, result.exit_code)
        if args.json:
            payload.append(result_to_json(result))
            continue
        frame = tables.checks_frame(result, args.language)
        shown = [row for row in frame.itertuples(index=False) if args.all or row[0] not in ("一致", "pass")]
        summary = result.summary()
        print(f"== {name}: {summary(args.language)} {result.counts()}")
        for row in shown:
            print(f"  {row[0]:<4} {row[-1]:<40} {row[3]}")
        for h in result.gaps.headlines:
            print(f"  » {h(args.language)}")
    if args.json:
        print(json.dumps(payload if len(payload) != 1 else payload[0], ensure_ascii=False, indent=2))
    return worst


def _cmd_refresh(args: argparse.Namespace) -> int:
    from .paths import NOTEBOOKS_DIR
    from .runner import refresh_stored_outputs

    for nb in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        print(f"refreshing stored outputs of {nb.name}…", flush=True)
        refresh_stored_outputs(nb)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="proposal-audit",
        description="审查代表建议办理情况报告 Audit reports on how deputies' suggestions were handled.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="执行审查笔记本并生成 HTML 与 JSON run audits (default: every params/*.yaml)")
    run.add_argument("params", nargs="*", help="parameter files (default: every file in params/)")
    run.add_argument("--reports-dir", help="where to write the reports (default: reports/)")
    run.add_argument("-j", "--jobs", type=int, default=0, help="reports audited at once (default: one per core)")
    run.add_argument("--force", action="store_true", help="re-run reports whose inputs have not changed")
    run.set_defaults(func=_cmd_run)
    new = sub.add_parser("new", help="为新的报告原文建立参数文件 set up the audit of a new document")
    new.add_argument("document", help="the published report (.txt, .docx, .pdf, .html)")
    new.add_argument("--id", help="report id (default: from the file name)")
    new.add_argument("--force", action="store_true", help="overwrite an existing parameter file")
    new.set_defaults(func=_cmd_new)
    trends = sub.add_parser("trends", help="历年对比 compare one region's audits across years (HTML)")
    trends.add_argument("params", nargs="+", help="the parameter files of the years to compare")
    trends.add_argument("--name", required=True, help="output name: reports/trends_<name>.html")
    trends.add_argument("--title", help="heading of the page")
    trends.add_argument("--language", choices=["zh", "en"], default="zh")
    trends.add_argument("--reports-dir", help="where to write (default: reports/)")
    trends.set_defaults(func=_cmd_trends)
    extract = sub.add_parser("extract", help="从报告原文读出数字及其出处 print the figures read from documents")
    extract.add_argument("files", nargs="+", help="report documents: .txt (UTF-8/GBK/UTF-16), .docx, .pdf, .html")
    extract.add_argument("--json", action="store_true", help="print JSON (schema in README.md)")
    extract.set_defaults(func=_cmd_extract)
    check = sub.add_parser("check", help="只运行检查,不生成报告 run every check and print the results")
    check.add_argument("files", nargs="+", help="report documents, or hand-entered figures files (.yaml)")
    check.add_argument("--json", action="store_true", help="print the results as JSON")
    check.add_argument("--all", action="store_true", help="also list the checks that passed")
    check.add_argument("--language", choices=["zh", "en"], default="zh")
    check.add_argument("--rounding-policy", choices=["permissive", "strict", "any"], default="permissive")
    check.set_defaults(func=_cmd_check)
    refresh = sub.add_parser("refresh-notebooks", help="re-execute notebooks/ and store their outputs (nbval goldens)")
    refresh.set_defaults(func=_cmd_refresh)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except ProposalAuditError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断 interrupted", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
