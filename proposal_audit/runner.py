"""Running audits: validate parameters, execute the notebook with papermill, write HTML and JSON.

The notebook runs on a kernel of *this* Python environment (never a kernel name that exists only on
one laptop). One report failing never stops the others: each run returns a RunOutcome.
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import KernelManager

from .audit import audit_params
from .errors import ProposalAuditError, RunError
from .export import export_html, write_json
from .params import Params, load_params
from .paths import AUDIT_NOTEBOOK, NOTEBOOKS_DIR, PARAMS_DIR, REPORTS_DIR, relative

__all__ = [
    "RunOutcome",
    "run_report",
    "run_reports",
    "default_params_files",
    "CurrentEnvKernelManager",
    "refresh_stored_outputs",
]


class CurrentEnvKernelManager(KernelManager):
    """A kernel manager whose kernel is always the Python running this process.

    It talks to the kernel over local IPC sockets rather than TCP: nothing listens on a port, and
    ipykernel does not warn about unencrypted TCP on every run.
    """

    def __init__(self, **kwargs):  # noqa: ANN003 - traitlets keyword arguments
        kwargs.setdefault("transport", "ipc")
        # An absolute socket path: the kernel may run in another working directory than its client.
        kwargs.setdefault("ip", os.path.join(tempfile.gettempdir(), f"proposal-audit-{uuid.uuid4().hex[:12]}"))
        super().__init__(**kwargs)

    @property
    def kernel_spec(self) -> KernelSpec:  # type: ignore[override]
        from ipykernel.kernelspec import RESOURCES, get_kernel_dict

        return KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())


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

    @property
    def ok(self) -> bool:
        return self.exit_code < 2


def default_params_files() -> list[Path]:
    return sorted(PARAMS_DIR.glob("*.yaml")) + sorted(PARAMS_DIR.glob("*.yml"))


def _execute(params: Params, output: Path) -> None:
    import papermill as pm

    pm.execute_notebook(
        str(AUDIT_NOTEBOOK),
        str(output),
        parameters=params.notebook_parameters(),
        kernel_name="python3",
        kernel_manager_class=CurrentEnvKernelManager,
        cwd=str(NOTEBOOKS_DIR),
        progress_bar=False,
        report_mode=False,
    )


def run_report(params_file: str | Path, reports_dir: Path = REPORTS_DIR) -> RunOutcome:
    """Audit one report end to end; every failure becomes an outcome with exit code 2."""
    started = time.perf_counter()
    shown = relative(params_file)
    report_id = Path(params_file).stem
    partial = ""
    try:
        params = load_params(params_file)
        report_id = params.report_id
        result = audit_params(params)  # fails fast on a bad figures file, before a kernel starts
        reports_dir.mkdir(parents=True, exist_ok=True)
        notebook = reports_dir / f"{report_id}.ipynb"
        partial_path = reports_dir / f"{report_id}.partial.ipynb"
        partial = relative(partial_path)
        try:
            _execute(params, partial_path)
        except Exception as exc:  # papermill keeps the partly executed notebook with an error banner
            raise RunError(report_id, f"{type(exc).__name__}: {_first_line(exc)}", partial) from exc
        os.replace(partial_path, notebook)
        import nbformat

        nb = nbformat.read(notebook, as_version=4)
        meta = result.figures.meta
        title = " ".join(str(x) for x in (meta.region, meta.year, "建议办理情况审查") if x)
        html = export_html(nb, reports_dir / f"{report_id}.html", title, params.language)
        js = write_json(result, params, reports_dir / f"{report_id}.json")
    except ProposalAuditError as exc:
        return RunOutcome(
            shown,
            report_id,
            2,
            time.perf_counter() - started,
            error=str(exc),
            notebook=partial if isinstance(exc, RunError) else "",
        )
    return RunOutcome(
        shown,
        report_id,
        result.exit_code,
        time.perf_counter() - started,
        html=relative(html),
        json=relative(js),
        notebook=relative(notebook),
        counts=result.counts(),
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return next((line for line in reversed(text) if line.strip()), type(exc).__name__)[:300]


def run_reports(
    params_files: Iterable[str | Path],
    reports_dir: Path = REPORTS_DIR,
    on_done: Callable[[int, int, RunOutcome], None] | None = None,
) -> list[RunOutcome]:
    """Run several reports one after another, reporting each as it finishes."""
    files = list(params_files)
    outcomes = []
    for i, f in enumerate(files, 1):
        outcome = run_report(f, reports_dir)
        outcomes.append(outcome)
        if on_done:
            on_done(i, len(files), outcome)
    return outcomes


def refresh_stored_outputs(notebook: Path = AUDIT_NOTEBOOK) -> Path:
    """Re-execute a committed notebook on its default parameters and store its outputs in place.

    This is the only way the nbval goldens change: run it deliberately, then review the diff.
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(
        nb,
        kernel_name="python3",
        kernel_manager_class=CurrentEnvKernelManager,
        resources={"metadata": {"path": str(notebook.parent)}},
        timeout=600,
    ).execute()
    for cell in nb.cells:  # keep diffs to what the cells show, not when they ran
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
    nb.metadata.pop("papermill", None)
    nbformat.write(nb, notebook)
    return notebook
