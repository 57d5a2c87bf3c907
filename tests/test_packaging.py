"""Set-up files agree with each other: pyproject.toml, environment.yml, Makefile, README, CI."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(spec: str) -> str:
    return re.split(r"[<>=!~\[ ]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(d) for d in project["dependencies"]} | {_name(d) for d in project["optional-dependencies"]["test"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    pip = {_name(d) for d in next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))} - {"-e"}
    assert conda | pip == wanted
    assert not conda & pip


def test_readme_shows_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make audit" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_shipped_data_is_the_published_text():
    """data/raw/ keeps the Hengnan report byte for byte as published (raw data is immutable)."""
    raw = (ROOT / "data" / "raw" / "hengnan_2019.txt").read_bytes()
    assert raw == (ROOT / "data" / "corpus" / "00_hengnan_2019_renda_seed.txt").read_bytes()
    assert "关键词2".encode() in raw


def test_readme_figures_example_loads():
    """The figures file shown in the README is valid as written (a new user copies it)."""
    from proposal_audit.figures import figures_from_data

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Figures typed by hand") :]
    block = section[section.index("```yaml") + 7 : section.index("```", section.index("```yaml") + 7)]
    figs = figures_from_data(yaml.load(block, Loader=yaml.BaseLoader))
    assert figs.get("class.A类").pct.text == "26.85" and figs.total.count == 149  # what it audits: tests/test_readme.py
