"""Every example in the README runs as written and gives what the README says."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from proposal_audit.audit import audit, audit_params
from proposal_audit.checks import CHECKS, TEXT_CHECKS
from proposal_audit.cli import _outcome_line, build_parser
from proposal_audit.figures import figures_from_data
from proposal_audit.params import Params, load_params
from proposal_audit.results import Cause
from proposal_audit.runner import RunOutcome, _worst_title
from tests.conftest import make, total

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PLACEHOLDERS = ("myreport", "~/下载")  # documents of the reader's own, named in examples


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def _commands() -> list[list[str]]:
    """The proposal-audit commands of the README's bash blocks, as argument lists (a command continued
    on the next line is one; `;` and `&&` separate commands, quoted ones do not)."""
    out = []
    for block in _blocks("bash"):
        for line in block.replace("\\\n", " ").splitlines():
            lexer = shlex.shlex(line.split("  #")[0], posix=True, punctuation_chars=";&|")
            lexer.whitespace_split = True
            words: list[str] = []
            for token in [*lexer, ";"]:
                if token in (";", "&&", "||", "|", "&"):
                    if words and words[0].endswith("proposal-audit"):
                        out.append(words[1:])
                    words = []
                else:
                    words.append(token)
    return out


COMMANDS = _commands()


def test_the_readme_shows_commands():
    assert {c[0] for c in COMMANDS} >= {"extract", "check", "run", "new", "trends"}


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_parses_and_names_files_that_exist(args):
    expanded = []
    for a in args:
        if "*" in a:
            found = sorted(ROOT.glob(a))
            assert found, f"{a} matches no file"
            expanded += [str(p) for p in found]
        else:
            expanded.append(a)
    build_parser().parse_args(expanded)  # exits (SystemExit) on an unknown command or option
    for a in expanded:
        if "/" in a and not a.startswith("-") and not any(p in a for p in PLACEHOLDERS):
            assert (ROOT / a).exists(), a


def test_every_make_target_the_readme_names_exists():
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(), flags=re.M))
    in_code = [w for b in _blocks("bash") for w in re.findall(r"^make ([a-z-]+)", b, flags=re.M)]
    named = set(re.findall(r"`make ([a-z-]+)`", README)) | set(in_code)
    assert named <= targets, named - targets


def test_the_parameter_file_example_is_valid():
    block = next(b for b in _blocks("yaml") if "report_id: myreport" in b)
    params = Params(**yaml.load(block, Loader=yaml.BaseLoader))  # the schema (the files are the reader's)
    assert params.rounding_policy == "permissive" and params.gap_threshold_points == "20"


def _figures_example() -> str:
    return next(b for b in _blocks("yaml") if "figures:" in b and "kind: total" in b)


def test_the_typed_figures_example_audits_as_described(tmp_path):
    # README: "every count and percentage consistent, a gap of 73.15 points between satisfaction (100%)
    # and resolution (26.85%), and the bound at least 77 … (117 + 109 − 149); it exits with 1".
    res = audit(figures_from_data(yaml.load(_figures_example(), Loader=yaml.BaseLoader)))
    assert not [r for r in res.results if r.category.value == "arithmetic" and r.is_finding]
    assert res.gaps.rate("combined").text() == "100.00" and res.gaps.rate("resolution").text() == "26.85"
    assert res.gaps.finding.observed == "73.15"
    assert any(
        h.en.startswith("at least 77 proposals rated fully satisfied were not solved") for h in res.gaps.headlines
    )
    path = tmp_path / "example.yaml"
    path.write_text(_figures_example(), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "proposal_audit.cli", "check", str(path)], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "至少77件" in proc.stdout


def test_the_exit_table_matches_the_exit_codes():
    rows = dict(re.findall(r"^\| (\d) \| (.*) \|$", README, flags=re.M))
    assert set(rows) == {"0", "1", "2"}
    assert "nothing found" in rows["0"] and "not_decidable" in rows["0"]
    only_undecided = audit(make(total(100)))  # no rates at all: the gap cannot be measured
    assert only_undecided.counts()["not_decidable"] == 1 and only_undecided.exit_code == 0


def test_the_example_summary_line_is_hengnans():
    res = audit_params(load_params(ROOT / "params/hengnan_2019.yaml"))
    example = re.search(r"e\.g\. `(! hengnan_2019: .*?)`", README).group(1)
    outcome = RunOutcome("params/hengnan_2019.yaml", "hengnan_2019", res.exit_code, 1.0, counts=res.counts(),
                         worst=_worst_title(res))  # fmt: skip
    assert _outcome_line(outcome).startswith(example)


def test_the_check_ids_and_causes_documented_are_the_real_ones():
    section = README[README.index("Each object in `checks[]` has:") :]
    section = section[: section.index("## ")]
    named = {c.id for c in (*CHECKS, *TEXT_CHECKS)}
    ids = re.findall(r"`((?:pct|parts|sum|pctsum|text|rounding)\.[a-z_]+(?::[a-z0-9_.+]+)?)`", section)
    assert ids and all(i.split(":")[0] in named for i in ids), ids
    causes = set(re.findall(r"`([a-z_0-9]+)`", section[section.index("`cause`") : section.index("`modes`")]))
    assert {c.value for c in Cause} <= causes
