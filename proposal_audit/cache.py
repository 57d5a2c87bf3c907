"""One audit per run: the fingerprint of an audit's inputs, and the result computed for them.

The runner audits once, stores the result under the fingerprint of its inputs, and executes the
notebook, whose first cell takes that same result (`audit_once`): the JSON, the HTML, the index and
the command line's summary are rendered from one AuditResult and cannot disagree. A notebook run on
its own (JupyterLab, nbval) finds nothing stored for its inputs and audits them itself, with the same
function the runner uses.

The results are pickles in the project's own git-ignored `.cache/results/` (or the folder
PROPOSAL_AUDIT_CACHE_DIR names), written only by this module and read only under the name their
inputs' hash gives; nothing else is ever unpickled.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path

from .audit import AuditResult, audit_params
from .ledger_audit import ledger_inputs
from .params import Params
from .paths import AUDIT_NOTEBOOK, ROOT, resolve

__all__ = ["CACHE_DIR", "cache_dir", "fingerprint", "store", "load", "forget", "audit_once"]

CACHE_DIR = ROOT / ".cache" / "results"


def cache_dir() -> Path:
    """Where results are kept: PROPOSAL_AUDIT_CACHE_DIR if set (read at each call, so a kernel started
    by this process finds the same place), else the project's .cache/results."""
    return Path(os.environ.get("PROPOSAL_AUDIT_CACHE_DIR") or CACHE_DIR)


def fingerprint(params: Params, params_file: str | Path | None = None) -> str:
    """A hash of everything an audit depends on: parameters, figures, document, notebook, package code.

    (`params_file` is accepted for callers that have one; the parameters themselves are hashed.)
    """
    digest = hashlib.sha256()
    digest.update(json.dumps(params.model_dump(), sort_keys=True, ensure_ascii=False).encode())
    for name in (params.figures, params.source):
        if name:
            digest.update(resolve(name).read_bytes())
    for path in ledger_inputs(params):  # the ledger, last year's and the profile
        digest.update(path.read_bytes())
    digest.update(AUDIT_NOTEBOOK.read_bytes())
    package = Path(__file__).parent
    for source in sorted(package.rglob("*")):
        if source.suffix in (".py", ".j2", ".json", ".yaml", ".css"):
            digest.update(source.relative_to(package).as_posix().encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()


def _path(params: Params, print_: str) -> Path:
    return cache_dir() / f"{params.report_id}.{print_[:24]}.pickle"


def store(params: Params, result: AuditResult, print_: str | None = None) -> Path:
    """Keep `result` as the audit of these inputs (replacing any older one of the same report)."""
    print_ = print_ or fingerprint(params)
    cache_dir().mkdir(parents=True, exist_ok=True)
    for old in cache_dir().glob(f"{params.report_id}.*.pickle"):
        old.unlink(missing_ok=True)
    path = _path(params, print_)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, path)
    return path


def load(params: Params) -> AuditResult | None:
    """The result stored for exactly these inputs, if any."""
    path = _path(params, fingerprint(params))
    if not path.is_file():
        return None
    try:
        result = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return result if isinstance(result, AuditResult) else None


def forget(params: Params) -> None:
    """Drop whatever is stored for this report."""
    for old in cache_dir().glob(f"{params.report_id}.*.pickle"):
        old.unlink(missing_ok=True)


def audit_once(params: Params) -> AuditResult:
    """The audit of these parameters: the one the runner stored for them, else computed now."""
    return load(params) or audit_params(params)
