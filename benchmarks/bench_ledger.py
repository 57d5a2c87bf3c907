"""Time the ledger audit of a 20,000-row ledger after start-up (prints the time; not a timed test).

The ledger is the synthetic Hengnan one (scripts/make_ledgers.py) repeated and renumbered to 20,000
rows, with figures typed to match its counts, so every check runs its full course. Start-up (Python,
pandas, pandera, openpyxl, the holiday calendar) is paid first and reported apart; then reading,
validating and checking the .csv and the .xlsx are timed, best of three.

    .venv/bin/python benchmarks/bench_ledger.py [--rows 20000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    t0 = time.perf_counter()
    import chinese_calendar  # noqa: F401
    import openpyxl  # noqa: F401
    import pandera.pandas  # noqa: F401

    from proposal_audit.figures import figures_from_data
    from proposal_audit.ledger_audit import audit_ledger
    from proposal_audit.ledger_schema import normalize_header
    from proposal_audit.rounding import printed as printed_share

    normalize_header("标题")  # OpenCC's dictionaries
    startup = time.perf_counter() - t0

    import make_ledgers

    base = make_ledgers.build_rows()
    rows = []
    for i in range(args.rows):
        r = dict(base[i % len(base)])
        r["建议编号"] = f"2019-{i + 1:05d}"
        rows.append(r)
    n = len(rows)
    classes = Counter(r["类别"] for r in rows)
    ratings = Counter(r["办理结果满意度"] for r in rows)
    figures = figures_from_data(
        {
            "figures": [
                {"kind": "total", "count": str(n)},
                {"kind": "handled", "count": str(n)},
                {"kind": "units", "count": "32"},
                *(
                    {"kind": "class", "label": f"{c}类", "rank": str(i + 1), "count": str(classes[c]),
                     "pct": printed_share(classes[c], n, 2)}
                    for i, c in enumerate("ABC")
                ),
                {"kind": "satisfaction", "level": "satisfied", "count": str(ratings["满意"]),
                 "pct": printed_share(ratings["满意"], n, 2)},
                {"kind": "satisfaction", "level": "basically_satisfied", "count": str(ratings["基本满意"]),
                 "pct": printed_share(ratings["基本满意"], n, 2)},
            ]
        }
    )  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, xlsx_path = Path(tmp) / "big.csv", Path(tmp) / "big.xlsx"
        csv_path.write_bytes(make_ledgers.to_csv(rows))
        xlsx_path.write_bytes(make_ledgers.to_xlsx(rows))
        print(f"start-up (imports, not timed below): {startup:.2f} s")
        for path in (csv_path, xlsx_path):
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                audit = audit_ledger(path, figures, "data/profiles/hengnan.yaml", as_of="2020-05-18")
                times.append(time.perf_counter() - started)
            assert audit.rows_active == n and audit.reconciled, [c.result.message.en for c in audit.findings()]
            verdict = "under" if min(times) < 5 else "OVER"
            print(
                f"{path.suffix:<5} {n} rows: best {min(times):.2f} s, worst {max(times):.2f} s "
                f"({verdict} the 5 s budget); {len(audit.checks)} checks, {len(audit.findings())} findings"
            )


if __name__ == "__main__":
    main()
