"""Print the mutation score of `make mutate`: killed mutants per module and in all, and the survivors.

Reads `mutmut results --all true` (run in the project root after `mutmut run`). A survivor listed in
MUTATION_SURVIVORS.md (by its mutmut name) is an equivalent mutant explained there; any other
survivor is printed for a test to kill it. Exit 1 when the score is below the target.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 0.90


def main() -> int:
    mutmut = Path(sys.executable).with_name("mutmut")
    out = subprocess.run([str(mutmut), "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True).stdout
    rows = re.findall(r"^\s*(proposal_audit\.\S+?): (.+)$", out, flags=re.M)
    if not rows:
        print("no mutmut results: run `make mutate` first", file=sys.stderr)
        return 2
    notes = ROOT / "MUTATION_SURVIVORS.md"
    text = notes.read_text(encoding="utf-8") if notes.exists() else ""
    explained = set(re.findall(r"`(proposal_audit\.[^`\s]+__mutmut_\d+)`", text))
    by_module: dict[str, Counter[str]] = {}
    survivors = []
    for name, status in rows:
        module = re.sub(r"\.x_.*$|\.x[ǁ].*$", "", name)
        by_module.setdefault(module, Counter())[status] += 1
        if status != "killed":
            survivors.append((name, status))
    total = Counter()
    print(f"{'module':<40} {'mutants':>8} {'killed':>8} {'score':>7}")
    for module, c in sorted(by_module.items()):
        n = sum(c.values())
        total += c
        print(f"{module:<40} {n:>8} {c['killed']:>8} {c['killed'] / n:>7.1%}")
    n = sum(total.values())
    score = total["killed"] / n
    print(f"{'all':<40} {n:>8} {total['killed']:>8} {score:>7.1%}   (target {TARGET:.0%})")
    print("not killed:", dict((k, v) for k, v in total.items() if k != "killed"))
    unexplained = [(name, s) for name, s in survivors if name not in explained]
    print(f"{len(survivors) - len(unexplained)} explained as equivalent in MUTATION_SURVIVORS.md; "
          f"{len(unexplained)} not explained:")  # fmt: skip
    for name, status in unexplained:
        print(f"  {name}: {status}   (mutmut show {name})")
    return 0 if score >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
