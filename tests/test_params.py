"""Parameter files are a schema: every mistake is an error naming the file and the key."""

from pathlib import Path

import pytest

from proposal_audit.errors import ParamsError
from proposal_audit.params import Params, load_params

GOOD = """report_id: demo
figures: data/figures/hengnan_2019.yaml
source: data/raw/hengnan_2019.txt
language: zh
rounding_policy: permissive
gap_threshold_points: 20
"""


def write(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_good_file_loads_with_printed_numbers_as_text(tmp_path):
    p = load_params(write(tmp_path, GOOD))
    assert p.gap_threshold_points == "20"
    assert p.notebook_parameters()["gap_threshold_points"] == "20"
    assert set(p.notebook_parameters()) == set(Params.model_fields)


def test_shipped_parameter_file_is_valid(root):
    assert load_params(root / "params" / "hengnan_2019.yaml").report_id == "hengnan_2019"


def test_report_id_defaults_to_file_name(tmp_path):
    p = load_params(write(tmp_path, GOOD.replace("report_id: demo\n", ""), "hengnan_again.yaml"))
    assert p.report_id == "hengnan_again"


@pytest.mark.parametrize(
    "change, key, words",
    [
        (("language: zh", "langauge: zh"), "langauge", "did you mean 'language'"),
        (("language: zh", "language: fr"), "language", "value not allowed"),
        (("rounding_policy: permissive", "rounding_policy: lenient"), "rounding_policy", "value not allowed"),
        (
            ("gap_threshold_points: 20", "gap_threshold_points: twenty"),
            "gap_threshold_points",
            "percentage points",
        ),
        (
            ("gap_threshold_points: 20", "gap_threshold_points: 120"),
            "gap_threshold_points",
            "between 0 and 100",
        ),
        (("report_id: demo", "report_id: ../../etc"), "report_id", "'../../etc'"),
        (
            ("figures: data/figures/hengnan_2019.yaml", "figures: data/figures/nope.yaml"),
            "figures",
            "file not found",
        ),
        (("source: data/raw/hengnan_2019.txt", "source: data/raw/nope.txt"), "source", "file not found"),
        # papermill would execute a parameter name as code: such a key is refused, never passed on
        (
            ("language: zh", "__import__('os').system('true'): 1"),
            "__import__('os').system('true')",
            "unknown key",
        ),
    ],
)
def test_bad_parameters_name_the_file_and_key(tmp_path, change, key, words):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(ParamsError) as info:
        load_params(path)
    err = info.value
    assert path.name in str(err)
    assert key in [k for k, _ in err.problems], err.problems
    assert words in str(err)


@pytest.mark.parametrize(
    "text, words",
    [("", "empty"), ("report_id: [unclosed", "malformed YAML"), ("- just\n- a list\n", "mapping")],
)
def test_unusable_files(tmp_path, text, words):
    with pytest.raises(ParamsError, match=words):
        load_params(write(tmp_path, text))


def test_missing_file(tmp_path):
    with pytest.raises(ParamsError, match="file not found"):
        load_params(tmp_path / "absent.yaml")


def test_every_problem_is_reported_at_once(tmp_path):
    text = GOOD.replace("language: zh", "language: fr").replace("rounding_policy: permissive", "rounding: x")
    with pytest.raises(ParamsError) as info:
        load_params(write(tmp_path, text))
    keys = [k for k, _ in info.value.problems]
    assert "language" in keys and "rounding" in keys
