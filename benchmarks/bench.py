"""`make bench`: measured side by side in one run (this machine is noisy: compare ratios, not seconds).

1. One audit end to end: `proposal-audit run` on Hengnan, against the naive pipeline a user would
   script (papermill CLI, then `jupyter nbconvert --to html --no-input`), against the floor (a fresh
   kernel that imports pandas and seaborn and exits).
2. A batch of every corpus report: `--jobs 1` and `--jobs 2`, against the naive pipeline run serially.
3. `proposal-audit check` per document over the corpus (extraction plus every check, after start-up).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
REPEAT = 3


def timed(cmd: list[str], cwd: Path = ROOT) -> float:
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}")
    return elapsed


def floor() -> float:
    """A fresh kernel of this environment that imports pandas and seaborn, then exits."""
    code = (
        "from jupyter_client.manager import start_new_kernel\n"
        "km, kc = start_new_kernel(kernel_name='python3')\n"  # this environment's own ipykernel
        "kc.execute_interactive('import pandas, seaborn', timeout=120)\n"
        "kc.stop_channels(); km.shutdown_kernel(now=True)\n"
    )
    return timed([sys.executable, "-c", code])


def naive(params: Path, out: Path) -> float:
    """What a user would script: papermill CLI, then nbconvert CLI without re-executing."""
    nb = out / f"{params.stem}.ipynb"
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "papermill"), "notebooks/audit_report.ipynb", str(nb), "-f", str(params), "-k", "python3",
         "--cwd", "notebooks", "--no-progress-bar"],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(nb)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def ours(params: list[Path], out: Path, jobs: int = 1) -> float:
    return timed([str(BIN / "proposal-audit"), "run", *map(str, params), "--force", "--jobs", str(jobs),
                  "--reports-dir", str(out)])  # fmt: skip


def median(f, *args) -> float:  # noqa: ANN001
    return statistics.median(f(*args) for _ in range(REPEAT))


def main() -> int:
    only = sys.argv[1] if len(sys.argv) > 1 else ""
    hengnan = ROOT / "params" / "hengnan_2019.yaml"
    corpus = sorted((ROOT / "params" / "corpus").glob("*.yaml")) + [hengnan]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        ours([hengnan], out)  # warm the disk cache and compiled bytecode once, for everybody
        rows = []
        for _ in range(REPEAT):  # interleaved, so drifts in machine load hit all three alike
            rows.append((ours([hengnan], out), naive(hengnan, out), floor()))
        one, nv, fl = (statistics.median(col) for col in zip(*rows, strict=True))
        print("1. One audit end to end (Hengnan 2019), median of", REPEAT)
        print(f"   proposal-audit run      {one:6.2f} s")
        print(f"   naive papermill+nbconvert {nv:6.2f} s   ratio {one / nv:.2f}  (target ≤ 0.50)")
        print(f"   floor: kernel + pandas/seaborn {fl:6.2f} s   ratio {one / fl:.2f}  (target ≤ 1.30)")

        if only == "single":
            return 0
        j1 = ours(corpus, out, 1)
        j2 = ours(corpus, out, 2)
        serial = sum(naive(p, out) for p in corpus)
        print(f"2. Batch of {len(corpus)} reports (every corpus report and Hengnan), one run each")
        print(f"   --jobs 1 {j1:6.2f} s   --jobs 2 {j2:6.2f} s   speed-up {j1 / j2:.2f}× (target ≥ 1.7)")
        print(f"   naive serial {serial:6.2f} s   --jobs 2 / naive {j2 / serial:.2f}  (target ≤ 0.20)")

    from proposal_audit.audit import audit_document

    docs = sorted((ROOT / "data" / "corpus").glob("*.txt"))
    for d in docs:  # start-up: imports, OpenCC dictionaries, regexes
        audit_document(d)
    rounds = 5
    started = time.perf_counter()
    for _ in range(rounds):
        for d in docs:
            audit_document(d)
    per_doc = (time.perf_counter() - started) / (rounds * len(docs)) * 1000
    print(f"3. check per document (read, extract, every check), {len(docs)} documents × {rounds}")
    print(f"   {per_doc:6.2f} ms per document  (target ≤ 5 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
