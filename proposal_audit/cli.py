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


def _is_figures_file(name: str) -> bool:
    return Path(name).suffix.lower() in (".yaml", ".yml")


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
        try:
            extraction = extract(read_document(name))
        except ProposalAuditError as exc:
            print(str(exc), file=sys.stderr)
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
    from .audit import audit, audit_document
    from .export import result_to_json
    from .figures import load_figures
    from .results import Policy

    worst = 0
    payload = []
    policy = Policy.named(args.rounding_policy)
    for name in args.files:
        try:
            if _is_figures_file(name):
                result = audit(load_figures(name), policy, Path(name).stem)
            else:
                result = audit_document(name, policy, Path(name).stem)
        except ProposalAuditError as exc:
            print(str(exc), file=sys.stderr)
            worst = 2
            continue
        worst = max(worst, result.exit_code)
        if args.json:
            payload.append(result_to_json(result))
            continue
        frame = tables.checks_frame(result, args.language)
        shown = [row for row in frame.itertuples(index=False) if args.all or row[0] not in ("一致", "pass")]
        print(f"== {name}: {result.counts()}")
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
    run.set_defaults(func=_cmd_run)
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
