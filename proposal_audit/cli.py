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
    import shutil

    from .documents import read_document
    from .params import REPORT_ID
    from .paths import PARAMS_DIR, ROOT, relative
    from .reading import read as extract

    source = Path(args.document)
    doc = read_document(source)  # refuses unreadable documents before anything is written
    extraction = extract(doc)
    report_id = args.id or _id_from_name(source)
    if report_id is None:
        return 2
    if not REPORT_ID.fullmatch(report_id):
        print(
            f"--id {report_id!r}: 报告编号只能含英文字母、数字、_ 和 -,例如 --id mouxian_2024 "
            "/ the id may hold letters, digits, _ and - only, e.g. --id mouxian_2024",
            file=sys.stderr,
        )
        return 2
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
    from .figures import figures_yaml

    figures_path = ROOT / "data" / "figures" / f"{report_id}.yaml"
    if figures_path.exists() and not args.force:
        print(f"{relative(figures_path)} 已存在 already exists (use --force, or --id NAME)", file=sys.stderr)
        return 2
    figures_path.parent.mkdir(parents=True, exist_ok=True)
    unsure = [f for f in extraction.figures if f.is_ambiguous]
    figures_path.write_text(
        figures_yaml(
            extraction.figures,
            f"# 从 {relative(target)} 读出的数字,请逐项核对原文 / figures read from the document: check each\n"
            f"# 有 {len(unsure)} 项标为 ambiguous,需要确认 / {len(unsure)} marked ambiguous need confirming\n"
            f'# 数字按原文照录,百分比保留原来的小数位 / type numbers as printed ("25.90" stays "25.90")',
        ),
        encoding="utf-8",
    )
    PARAMS_DIR.mkdir(parents=True, exist_ok=True)
    params_path.write_text(
        f"# Audit of {source.name}: check the figures file, then run:\n"
        f"#   proposal-audit run {relative(params_path)}\n"
        f"report_id: {report_id}\n"
        f"source: {relative(target)}\n"
        f"figures: {relative(figures_path)}   # read from the document; confirm the ones marked ambiguous\n"
        "language: zh\n"
        "rounding_policy: permissive\n"
        "gap_threshold_points: 20\n",
        encoding="utf-8",
    )
    print(f"已写入 wrote {relative(params_path)} (source: {relative(target)})")
    print(f"已写入 wrote {relative(figures_path)}: {len(unsure)} 个数字需要确认 to confirm")
    print(f"读到 {len(extraction.figures.figures)} 个数字, {len(extraction.unparsed)} 个未归类 — 请核对 please review:")
    for f in extraction.figures:
        print(_figure_line(f))
    for u in extraction.unparsed:
        print(f"  ?? {u.text:<10} {u.reason}: “{u.sentence[:40]}”")
    print(f"下一步 next: proposal-audit run {relative(params_path)}")
    print("读错的数字可在 figures 文件中手工录入 to correct a misread figure, type the figures in")
    print("  (README: Figures typed by hand)")
    return 0


def _id_from_name(source: Path) -> str | None:
    """A report id from a file name: its own words when they are letters and digits; for a Chinese
    name ("某县2024年建议办理情况.docx") ask for one (at a terminal) or say how to give it (--id)."""
    import re

    from .params import REPORT_ID

    ascii_part = re.sub(r"[^A-Za-z0-9_-]+", "_", source.stem).strip("_-")
    if source.stem.isascii() and REPORT_ID.fullmatch(ascii_part or "-"):
        return ascii_part
    year = re.search(r"(19|20)\d\d", source.stem)
    suggestion = f"report_{year.group(0)}" if year else "report_1"
    if sys.stdin.isatty() and sys.stdout.isatty():
        print(f"文件名“{source.name}”含中文,请给这份报告起一个编号(英文字母、数字、_ 或 -,用作文件名)")
        print(f"the file name is not in Latin letters: give the report an id (letters, digits, _ -) [{suggestion}]")
        try:
            answer = input("编号 id: ").strip() or suggestion
        except EOFError:
            answer = ""
        if answer and REPORT_ID.fullmatch(answer):
            return answer
    print(
        f"文件名“{source.name}”含中文,无法自动生成编号:请用 --id 指定,例如 "
        f"proposal-audit new {shlex_quote(str(source))} --id {suggestion}\n"
        f"the file name is not in Latin letters: give the report an id with --id, e.g. --id {suggestion}",
        file=sys.stderr,
    )
    return None


def shlex_quote(words: str) -> str:
    import shlex

    return shlex.quote(words)


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


def _reading_json(name: str, reading) -> dict:  # noqa: ANN001 - a reading.Reading
    from .export import SCHEMA_VERSION, figures_json

    return {
        "schema_version": SCHEMA_VERSION,
        "document": name,
        "figures": figures_json(reading.figures),
        "scopes": [
            {
                "label": s.label,
                "main": s.main,
                "figures": figures_json(s.figures),
                "decisions": [
                    {"question": d.question, "chosen": d.chosen, "runner_up": d.runner_up, "decided_by": d.decided_by}
                    for d in s.decisions
                ],
            }
            for s in reading.scopes
        ],
        "unplaced": [
            {"text": u.text, "span": list(u.span), "sentence": u.sentence, "reason": u.reason} for u in reading.unparsed
        ],
        "ignored": [{"text": i.text, "span": list(i.span), "reason": i.reason} for i in reading.ignored],
    }


def _figure_line(f) -> str:  # noqa: ANN001 - a Figure
    what = (
        f.level.value if f.level else (f"rank {f.rank}" if f.rank else ("+".join(map(str, f.ranks)) if f.ranks else ""))
    )
    nums = " ".join(x for x in (str(f.count) if f.count is not None else "", f"{f.pct.text}%" if f.pct else "") if x)
    span = f"{f.provenance.span[0]}–{f.provenance.span[1]}" if f.provenance.span else ""
    ask = " ?? 请确认 confirm: " + "; ".join(f.alternatives) if f.is_ambiguous else ""
    label = f.display_label[:16]
    return f"  {f.kind.value:<18} {label:<16} {what:<20} {nums:<14} [{span}] {f.provenance.text[:50]}{ask}"


def _cmd_extract(args: argparse.Namespace) -> int:
    """Print the figures read from each document, scope by scope, with the words and position of each."""
    import time

    from .documents import read_document
    from .reading import read

    worst = 0
    payload = []
    for name in args.files:
        started = time.perf_counter()
        reading = _guarded(name, lambda n: read(read_document(n)), name)
        if reading is None:
            worst = 2
            continue
        seconds = time.perf_counter() - started
        if args.json:
            payload.append(_reading_json(name, reading))
            continue
        n_figs, n_un = len(reading.figures.figures), len(reading.unparsed)
        print(f"== {name}: {n_figs} 个数字 figures, {n_un} 个未归类 unplaced ({seconds * 1000:.0f} ms)")
        for scope in reading.scopes:
            if not scope.main:
                print(f"  -- 另一部分 other scope: {scope.label} (不参与审查 not audited)")
            for f in scope.figures:
                print(_figure_line(f))
        for u in reading.unparsed:
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


def _cmd_ledger(args: argparse.Namespace) -> int:
    """Audit a ledger (台账) against a report's figures: every reading problem, or every finding."""
    from .ledger_audit import audit_ledger, to_json
    from .params import load_params
    from .results import Policy

    policy = Policy.named(args.rounding_policy)
    profile, as_of = args.profile, args.as_of
    if args.params:
        from .audit import audit_params

        params = load_params(args.params)
        figures, policy = audit_params(params.model_copy(update={"ledger": ""})).figures, params.policy
        profile, as_of = profile or params.profile or None, as_of or params.ledger_as_of
    else:
        from .figures import load_figures

        figures = load_figures(args.figures)
    result = audit_ledger(
        args.ledger, figures, profile, policy, as_of, previous=args.previous, show_names=args.show_names
    )
    if args.json:
        print(json.dumps(to_json(result), ensure_ascii=False, indent=2))
        return result.exit_code
    print(f"== {result.path}: {result.rows_total} 行 rows, {result.rows_active} 件计入 counted")
    for h in result.headlines:
        print(f"  » {h(args.language)}")
    for c in result.checks:
        r = c.result
        if args.all or r.status.value not in ("pass",):
            rows = f" [第{'、'.join(map(str, c.rows[:12]))}行 rows]" if c.rows else ""
            print(f"  {r.status.value:<13} {r.check_id:<32} {r.message(args.language)}{rows}")
    return result.exit_code


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
    ledger = sub.add_parser("ledger", help="核对办理台账 audit a ledger (台账, .xlsx/.csv) against a report")
    ledger.add_argument("ledger", help="the ledger: .xlsx, or .csv in UTF-8 or GBK")
    where = ledger.add_mutually_exclusive_group(required=True)
    where.add_argument("--params", help="the report's parameter file (its figures, source and policy)")
    where.add_argument("--figures", help="the report's hand-entered figures file")
    ledger.add_argument("--profile", help="the region's rules (default data/profiles/national.yaml)")
    ledger.add_argument("--previous", help="last year's ledger")
    ledger.add_argument("--as-of", default="", help="date commitments are judged at (default: the ledger's latest)")
    ledger.add_argument("--show-names", action="store_true", help="show deputies' names (default: pseudonyms)")
    ledger.add_argument("--json", action="store_true", help="print the ledger audit as JSON")
    ledger.add_argument("--all", action="store_true", help="also list the checks that passed")
    ledger.add_argument("--language", choices=["zh", "en"], default="zh")
    ledger.add_argument("--rounding-policy", choices=["permissive", "strict", "any"], default="permissive")
    ledger.set_defaults(func=_cmd_ledger)
    refresh = sub.add_parser("refresh-notebooks", help="re-execute notebooks/ and store their outputs (nbval goldens)")
    refresh.set_defaults(func=_cmd_refresh)
    return parser


class _QuietPipe:
    """stdout that goes quiet when its reader has gone (`proposal-audit new doc | head`): the command
    finishes its work and exits as usual, without a BrokenPipeError traceback."""

    def __init__(self, stream):  # noqa: ANN001 - a text stream
        self._stream = stream

    def _mute(self) -> None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, self._stream.fileno())  # later writes, and the flush at exit, go nowhere
        os.close(devnull)

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._mute()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._mute()

    def __getattr__(self, name: str):  # noqa: ANN204 - isatty, fileno, encoding, …
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not isinstance(sys.stdout, _QuietPipe):
        sys.stdout = _QuietPipe(sys.stdout)
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
