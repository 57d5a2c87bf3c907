"""Shared builders: figures written as compact literal tables, like the hand-entered YAML files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from proposal_audit.audit import AuditResult, audit
from proposal_audit.figures import Figures, figures_from_data
from proposal_audit.results import CheckResult, Policy

ROOT = Path(__file__).resolve().parents[1]

# Four engineers share two cores: a property's examples are timed by the clock of a busy machine, so
# no per-example deadline (a slow example is not a wrong one; the suite's time is watched instead).
settings.register_profile("shared-machine", deadline=None)
# Under `make mutate` (mutmut runs the tests from its mutants/ copy) every mutant reruns the properties:
# fewer examples, always the same ones, so that a kill is reproducible and the run stays within the hour.
settings.register_profile("mutation", deadline=None, max_examples=30, derandomize=True)
settings.load_profile("mutation" if ROOT.name == "mutants" else "shared-machine")


def total(n: int) -> dict:
    return {"kind": "total", "count": n}


def cls(label: str, rank: int, count: int | None = None, pct: str | None = None, **kw) -> dict:
    entry = {"kind": "class", "label": label, "rank": rank, **kw}
    if count is not None:
        entry["count"] = count
    if pct is not None:
        entry["pct"] = pct
    return entry


def sat(level: str, count: int | None = None, pct: str | None = None, **kw) -> dict:
    entry = {"kind": "satisfaction", "level": level, **kw}
    if count is not None:
        entry["count"] = count
    if pct is not None:
        entry["pct"] = pct
    return entry


def make(*entries: dict) -> Figures:
    return figures_from_data({"figures": list(entries)})


def run(*entries: dict, policy: Policy | None = None) -> AuditResult:
    return audit(make(*entries), policy)


def result(res: AuditResult, check_id: str) -> CheckResult:
    found = [r for r in res.results if r.check_id == check_id]
    assert found, f"no result {check_id!r}; have {[r.check_id for r in res.results]}"
    return found[0]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture
def failing_notebook(tmp_path):
    """A notebook with a parameters cell whose second cell raises `message`."""

    def make(message: str) -> Path:
        import nbformat

        nb = nbformat.v4.new_notebook()
        params = nbformat.v4.new_code_cell("report_id = ''")
        params.metadata["tags"] = ["parameters"]
        nb.cells = [params, nbformat.v4.new_code_cell(f"raise ValueError({message!r})")]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        path = tmp_path / "failing.ipynb"
        nbformat.write(nb, path)
        return path

    return make
