"""`make screenshots`: audit the Hengnan report (Chinese and English) and a corpus report, then take
pictures of them and of the index in Debian's Chromium at 1280×800, into reports/screenshots/."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from proposal_audit.paths import PARAMS_DIR, REPORTS_DIR, relative
from proposal_audit.runner import run_reports
from tools.browser import chromium

CORPUS = PARAMS_DIR / "corpus" / "01_ningbo_haishu_2021_renda.yaml"


def main() -> int:
    out = REPORTS_DIR / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        english = Path(tmp) / "hengnan_2019_en.yaml"
        english.write_text(
            "report_id: hengnan_2019_en\nfigures: data/figures/hengnan_2019.yaml\nsource: data/raw/hengnan_2019.txt\n"
            "language: en\n",
            encoding="utf-8",
        )
        print("审查 auditing hengnan_2019 (zh, en) and one corpus report…", flush=True)
        outcomes = run_reports([PARAMS_DIR / "hengnan_2019.yaml", english, CORPUS], REPORTS_DIR, jobs=2)
    failed = [o for o in outcomes if o.exit_code == 2]
    for o in failed:
        print(f"✗ {o.report_id}: {o.error}", file=sys.stderr)
    shots = []
    with chromium() as browser:
        page = browser.new_page()
        for o in outcomes:
            if o.exit_code == 2:
                continue
            page.goto((REPORTS_DIR / f"{o.report_id}.html").as_uri())
            shots.append(out / f"{o.report_id}.png")
            page.screenshot(path=shots[-1])
            shots.append(out / f"{o.report_id}_full.png")
            page.screenshot(path=shots[-1], full_page=True)
        page.goto((REPORTS_DIR / "index.html").as_uri())
        shots.append(out / "index.png")
        page.screenshot(path=shots[-1])
        page.click("#lang")
        shots.append(out / "index_en.png")
        page.screenshot(path=shots[-1])
    for shot in shots:
        print(f"  {relative(shot)}")
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
