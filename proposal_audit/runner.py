"""Running audits: validate parameters, execute the notebook with papermill, write HTML and JSON.

The notebook runs on a kernel of *this* Python environment (never a kernel name that exists only on
one laptop). One report failing never stops the others: each run returns a RunOutcome.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import cache
from .audit import AuditResult, audit_params
from .cache import fingerprint
from .errors import ProposalAuditError, RunError
from .export import export_html, write_json
from .kernels import CurrentEnvKernelManager, WarmKernel, start_kernel, stop_kernel
from .memo import write_docx, write_xlsx
from .params import Params, load_params
from .paths import AUDIT_NOTEBOOK, NOTEBOOKS_DIR, REPORTS_DIR, TRENDS_NOTEBOOK, relative

__all__ = [
    "fingerprint",
    "RunOutcome",
    "run_report",
    "run_reports",
    "CurrentEnvKernelManager",
    "refresh_stored_outputs",
]


@dataclass(frozen=True)
class RunOutcome:
    params_file: str
    report_id: str
    exit_code: int  # 0 clean, 1 findings, 2 the input or the run failed
    seconds: float
    html: str = ""
    json: str = ""
    notebook: str = ""
    error: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    worst: str = ""  # the title of the most severe finding, for the progress line
    skipped: bool = False  # inputs unchanged since the last successful run

    @property
    def ok(self) -> bool:
        return self.exit_code < 2


def _unchanged(json_path: Path, html_path: Path, print_: str) -> dict | None:
    """The previous result, if it was produced from exactly these inputs."""
    memo = [html_path.with_suffix(".docx"), html_path.with_suffix(".xlsx")]
    if not (json_path.exists() and html_path.exists() and all(p.exists() for p in memo)):
        return None
    try:
        previous = json.loads(json_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return previous if previous.get("inputs", {}).get("fingerprint") == print_ else None


def _engine() -> str:
    """A papermill engine that writes the output notebook once, when the run ends.

    papermill's own engine rewrites it at every cell's start and end (about 30 writes, 0.3 s per
    audit); the partial notebook of a failed run is still written, with papermill's error banner.
    """
    from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

    class _OnceManager(NotebookExecutionManager):
        final = False

        def save(self, **kwargs):  # noqa: ANN003
            if self.final:
                super().save(**kwargs)

        def notebook_complete(self, **kwargs):  # noqa: ANN003
            self.final = True
            super().notebook_complete(**kwargs)

    class _OnceEngine(NBClientEngine):
        @classmethod
        def execute_notebook(
            cls,
            nb,
            kernel_name,
            output_path=None,
            progress_bar=True,
            log_output=False,  # noqa: ANN001
            autosave_cell_every=30,
            **kwargs,
        ):  # noqa: ANN003
            nb_man = _OnceManager(nb, output_path=output_path, progress_bar=progress_bar, log_output=log_output,
                                  autosave_cell_every=autosave_cell_every)  # fmt: skip
            nb_man.notebook_start()
            try:
                cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
            finally:
                nb_man.cleanup_pbar()
                nb_man.notebook_complete()
            return nb_man.nb

    papermill_engines.register("proposal_audit", _OnceEngine)
    return "proposal_audit"


def _execute(
    params: Params | dict[str, str],
    output: Path,
    notebook: Path | None = None,
    km: CurrentEnvKernelManager | None = None,
    keep: bool = False,
) -> None:
    """papermill on this environment's kernel: the one given (already starting), or a new one.

    The kernel is shut down afterwards, unless `keep` (a batch worker resets and reuses it).
    """
    import papermill as pm

    km = km or start_kernel()
    try:
        pm.execute_notebook(
            str(notebook or AUDIT_NOTEBOOK),
            str(output),
            parameters=params if isinstance(params, dict) else params.notebook_parameters(),
            kernel_name="python3",
            engine_name=_engine(),
            km=km,
            cwd=str(NOTEBOOKS_DIR),
            progress_bar=False,
            report_mode=False,
        )
    finally:
        if keep:
            WarmKernel.give_back(km)
        else:
            stop_kernel(km)


def _worst_title(result: AuditResult) -> str:
    """The title of the most severe finding ("" when nothing was found)."""
    worst = result.most_severe()
    return worst.title.zh if worst is not None else ""


def run_report(
    params_file: str | Path,
    reports_dir: Path = REPORTS_DIR,
    force: bool = False,
    kernel: CurrentEnvKernelManager | None = None,
) -> RunOutcome:
    """Audit one report end to end; every failure becomes an outcome with exit code 2.

    Outputs appear all together or not at all: a failed run leaves the previous notebook, HTML and
    JSON as they were (only a `.partial.ipynb` is written, for inspection).
    """
    started = time.perf_counter()
    shown = relative(params_file)
    report_id = Path(params_file).stem
    partial = ""
    km: CurrentEnvKernelManager | None = kernel  # a kernel the caller started early, if any
    warm: CurrentEnvKernelManager | None = None
    try:
        params = load_params(params_file)
        report_id = params.report_id
        notebook = reports_dir / f"{report_id}.ipynb"
        html = reports_dir / f"{report_id}.html"
        js = reports_dir / f"{report_id}.json"
        print_ = fingerprint(params, params_file)
        previous = None if force else _unchanged(js, html, print_)
        warm = WarmKernel.take() if previous is None and km is None else None
        if previous is None and km is None:
            km = warm or start_kernel()  # its start-up (imports) overlaps the audit and the set-up below
        result = audit_params(params)  # the one audit of this run; a bad input fails here, before papermill
        reports_dir.mkdir(parents=True, exist_ok=True)
        if previous is not None:
            if km is not None:  # started early for nothing: the inputs have not changed
                stop_kernel(km)
                km = None
            summary = previous.get("summary", {})
            return RunOutcome(
                shown, report_id, int(summary.get("exit_code", result.exit_code)), time.perf_counter() - started,
                html=relative(html), json=relative(js), notebook=relative(notebook),
                counts=result.counts(), worst=_worst_title(result), skipped=True,
            )  # fmt: skip
        partial_path = reports_dir / f"{report_id}.partial.ipynb"
        partial = relative(partial_path)
        font = _start_font_subset(result)  # in a thread, while the kernel runs
        exporter = _start_exporter()  # likewise
        cache.store(params, result, print_)  # the notebook renders this result, not an audit of its own
        try:
            _execute(params, partial_path, km=km, keep=warm is not None)
        except Exception as exc:  # papermill keeps the partly executed notebook with an error banner
            raise RunError(report_id, f"{type(exc).__name__}: {_first_line(exc)}", partial) from exc
        finally:
            km = None  # _execute stopped it
        import nbformat

        nb = nbformat.read(partial_path, as_version=4)
        from .render import page_title

        title = page_title(result, params.language)
        html_tmp = export_html(
            nb, reports_dir / f".{report_id}.html.tmp", title, params.language, font.result(), exporter.result()
        )
        json_tmp = write_json(result, params, reports_dir / f".{report_id}.json.tmp", {"fingerprint": print_})
        docx_tmp = write_docx(result, reports_dir / f".{report_id}.docx.tmp", params.language)
        xlsx_tmp = write_xlsx(result, reports_dir / f".{report_id}.xlsx.tmp", params.language)
        os.replace(partial_path, notebook)
        os.replace(html_tmp, html)
        os.replace(docx_tmp, reports_dir / f"{report_id}.docx")
        os.replace(xlsx_tmp, reports_dir / f"{report_id}.xlsx")
        os.replace(json_tmp, js)
    except ProposalAuditError as exc:
        return RunOutcome(
            shown,
            report_id,
            2,
            time.perf_counter() - started,
            error=str(exc),
            notebook=partial if isinstance(exc, RunError) else "",
        )
    except Exception as exc:  # a bug must cost this report, not the batch: say so plainly
        import traceback

        where = traceback.extract_tb(exc.__traceback__)[-1]
        return RunOutcome(
            shown,
            report_id,
            2,
            time.perf_counter() - started,
            error=f"内部错误 internal error: {type(exc).__name__}: {exc} ({Path(where.filename).name}:{where.lineno});"
            " please report it with this parameter file",
        )
    finally:
        if km is not None:  # the run stopped before papermill took the kernel over
            if warm is not None:
                WarmKernel.give_back(km)
            else:
                stop_kernel(km)
    return RunOutcome(
        shown,
        report_id,
        result.exit_code,
        time.perf_counter() - started,
        html=relative(html),
        json=relative(js),
        notebook=relative(notebook),
        counts=result.counts(),
        worst=_worst_title(result),
    )


def _start_exporter() -> Future:
    """Build the HTML exporter (templates, CSS) in a thread while the notebook executes."""
    from .export import make_exporter

    pool = ThreadPoolExecutor(max_workers=1)
    future = pool.submit(make_exporter)
    pool.shutdown(wait=False)
    return future


def _start_font_subset(result: AuditResult) -> Future[str]:
    """Subset the embedded CJK font to every character the report can show, off the critical path."""
    from .export import report_characters
    from .fonts import embedded_font_css

    pool = ThreadPoolExecutor(max_workers=1)
    future = pool.submit(embedded_font_css, report_characters(result, AUDIT_NOTEBOOK.read_text(encoding="utf-8")))
    pool.shutdown(wait=False)
    return future


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return next((line for line in reversed(text) if line.strip()), type(exc).__name__)[:300]


def run_reports(
    params_files: Iterable[str | Path],
    reports_dir: Path = REPORTS_DIR,
    on_done: Callable[[int, int, RunOutcome], None] | None = None,
    jobs: int = 1,
    force: bool = False,
    kernel: CurrentEnvKernelManager | None = None,
) -> list[RunOutcome]:
    """Run reports, `jobs` at a time, calling `on_done` as each finishes; then rewrite the index.

    Outcomes come back in the order of `params_files`, whatever order they finished in.
    """
    files = list(params_files)
    outcomes: dict[int, RunOutcome] = {}
    if jobs <= 1 or len(files) <= 1:
        if len(files) > 1:
            WarmKernel.start(kernel)  # one kernel for the whole series, reset between reports
            kernel = None
        try:
            for i, f in enumerate(files):
                outcomes[i] = run_report(f, reports_dir, force, kernel if i == 0 else None)
                if on_done:
                    on_done(len(outcomes), len(files), outcomes[i])
        finally:
            WarmKernel.stop()
    else:
        if kernel is not None:
            stop_kernel(kernel)  # each worker starts its own
        _preload()  # imported once here, inherited by every forked worker
        with ProcessPoolExecutor(max_workers=min(jobs, len(files)), initializer=WarmKernel.start) as pool:
            futures = {pool.submit(run_report, f, reports_dir, force): i for i, f in enumerate(files)}
            for future in as_completed(futures):
                i = futures[future]
                outcomes[i] = future.result()
                if on_done:
                    on_done(len(outcomes), len(files), outcomes[i])
    from .index import write_index

    write_index(reports_dir)
    return [outcomes[i] for i in range(len(files))]


def _preload() -> None:
    import nbformat  # noqa: F401
    import papermill  # noqa: F401

    from .export import make_exporter

    make_exporter()
    _engine()


def run_trends(
    params_files: list[str], name: str, title: str, reports_dir: Path = REPORTS_DIR, language: str = "zh"
) -> Path:
    """Execute the trends notebook for several years' parameter files; write reports/trends_<name>.html."""
    import re

    import nbformat

    from .trends import load_results

    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_\-]*", name):
        raise RunError(name, "名称只能含字母、数字、_ 和 - the name may hold letters, digits, _ and - only")
    load_results(params_files)  # every parameter file is valid before a kernel starts
    reports_dir.mkdir(parents=True, exist_ok=True)
    partial = reports_dir / f"trends_{name}.partial.ipynb"
    parameters = {"params_files": ", ".join(str(p) for p in params_files), "title": title, "language": language}
    try:
        _execute(parameters, partial, TRENDS_NOTEBOOK)
    except Exception as exc:
        raise RunError(f"trends_{name}", f"{type(exc).__name__}: {_first_line(exc)}", relative(partial)) from exc
    nb = nbformat.read(partial, as_version=4)
    html = export_html(nb, reports_dir / f".trends_{name}.html.tmp", title, language)
    os.replace(partial, reports_dir / f"trends_{name}.ipynb")
    final = reports_dir / f"trends_{name}.html"
    os.replace(html, final)
    return final


def refresh_stored_outputs(notebook: Path = AUDIT_NOTEBOOK) -> Path:
    """Re-execute a committed notebook on its default parameters and store its outputs in place.

    This is the only way the nbval goldens change: run it deliberately, then review the diff.
    """
    import tempfile

    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    before = os.environ.get("PROPOSAL_AUDIT_CACHE_DIR")
    with tempfile.TemporaryDirectory() as empty:
        os.environ["PROPOSAL_AUDIT_CACHE_DIR"] = empty  # goldens are always audited afresh, never a stored result
        try:
            NotebookClient(
                nb,
                kernel_name="python3",
                kernel_manager_class=CurrentEnvKernelManager,
                resources={"metadata": {"path": str(notebook.parent)}},
                timeout=600,
            ).execute()
        finally:
            if before is None:
                os.environ.pop("PROPOSAL_AUDIT_CACHE_DIR", None)
            else:
                os.environ["PROPOSAL_AUDIT_CACHE_DIR"] = before
    for cell in nb.cells:  # keep diffs to what the cells show, not when they ran
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
    nb.metadata.pop("papermill", None)
    nbformat.write(nb, notebook)
    return notebook
