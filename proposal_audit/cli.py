"""The `proposal-audit` command. Exit codes: 0 all checks pass, 1 problems found, 2 input or run failed."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import ProposalAuditError

__all__ = ["main"]


def _print_outcome(i: int, n: int, o) -> None:  # noqa: ANN001 - a RunOutcome
    if o.exit_code == 2:
        print(f"[{i}/{n}] {o.report_id}: 失败 FAILED ({o.seconds:.1f} s)")
        print("    " + o.error.replace("\n", "\n    "))
        if o.notebook:
            print(f"    部分执行的笔记本 partial notebook: {o.notebook}")
    else:
        verdict = "发现问题 problems found" if o.exit_code == 1 else "全部一致 all consistent"
        counts = ", ".join(f"{k} {v}" for k, v in o.counts.items() if v)
        print(f"[{i}/{n}] {o.report_id}: {verdict} ({counts}) {o.seconds:.1f} s")
        print(f"    HTML: {o.html}\n    JSON: {o.json}")
    sys.stdout.flush()


def _cmd_run(args: argparse.Namespace) -> int:
    from .paths import REPORTS_DIR
    from .runner import default_params_files, run_reports

    files = [Path(p) for p in args.params] or default_params_files()
    if not files:
        print("params/ 中没有参数文件 no parameter files in params/", file=sys.stderr)
        return 2
    print(f"审查 {len(files)} 份报告 auditing {len(files)} report(s)…", flush=True)
    reports_dir = Path(args.reports_dir) if args.reports_dir else REPORTS_DIR
    outcomes = run_reports(files, reports_dir, on_done=_print_outcome)
    failed = [o for o in outcomes if o.exit_code == 2]
    found = [o for o in outcomes if o.exit_code == 1]
    print(
        f"\n完成 done: {len(outcomes)} 份, {len(outcomes) - len(failed)} 份已生成 written, "
        f"{len(found)} 份发现问题 with findings, {len(failed)} 份失败 failed"
    )
    for o in failed:
        print(f"  失败 failed: {o.params_file}" + (f" (partial notebook: {o.notebook})" if o.notebook else ""))
    return max((o.exit_code for o in outcomes), default=0)


def _cmd_check(args: argparse.Namespace) -> int:
    from . import tables
    from .audit import audit
    from .export import result_to_json
    from .figures import load_figures
    from .results import Policy

    worst = 0
    payload = []
    for name in args.files:
        try:
            result = audit(load_figures(name), Policy.named(args.rounding_policy), Path(name).stem)
        except ProposalAuditError as exc:
            print(str(exc), file=sys.stderr)
            worst = 2
            continue
        worst = max(worst, result.exit_code)
        if args.json:
            payload.append(result_to_json(result))
            continue
        frame = tables.checks_frame(result, args.language)
        print(f"== {name}")
        for row in frame.itertuples(index=False):
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
    run.set_defaults(func=_cmd_run)
    check = sub.add_parser("check", help="只运行检查,不生成报告 run the checks on figures files, print results")
    check.add_argument("files", nargs="+", help="hand-entered figures files (YAML)")
    check.add_argument("--json", action="store_true", help="print the results as JSON")
    check.add_argument("--language", choices=["zh", "en"], default="zh")
    check.add_argument("--rounding-policy", choices=["permissive", "strict"], default="permissive")
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
