"""Every project path, defined once. Relative paths in parameter files resolve against ROOT."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "ROOT",
    "PARAMS_DIR",
    "REPORTS_DIR",
    "NOTEBOOKS_DIR",
    "AUDIT_NOTEBOOK",
    "TRENDS_NOTEBOOK",
    "default_params_files",
    "resolve",
    "relative",
]


def _find_root() -> Path:
    env = os.environ.get("PROPOSAL_AUDIT_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve().parents[1]
    if (here / "pyproject.toml").exists():
        return here  # an editable install or a checkout
    return Path.cwd().resolve()


ROOT = _find_root()
PARAMS_DIR = ROOT / "params"
REPORTS_DIR = ROOT / "reports"
NOTEBOOKS_DIR = ROOT / "notebooks"
AUDIT_NOTEBOOK = NOTEBOOKS_DIR / "audit_report.ipynb"
TRENDS_NOTEBOOK = NOTEBOOKS_DIR / "trends.ipynb"


def default_params_files() -> list[Path]:
    """Every parameter file directly in params/ (subfolders such as params/corpus/ are run by name)."""
    return sorted([*PARAMS_DIR.glob("*.yaml"), *PARAMS_DIR.glob("*.yml")])


def resolve(path: str | Path) -> Path:
    """An absolute path: relative ones are taken from the project root, not the working directory."""
    p = Path(path)
    return p if p.is_absolute() else ROOT / p


def relative(path: str | Path) -> str:
    """The path relative to the project root when it lies inside it (for stable, portable output)."""
    p = Path(path).resolve()
    try:
        return p.relative_to(ROOT).as_posix()
    except ValueError:
        return str(p)
