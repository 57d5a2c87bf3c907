"""Messages in the user's terms: Chinese first, then English, naming the file and key, saying what to do."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from proposal_audit.documents import read_document
from proposal_audit.errors import DocumentError, ParamsError
from proposal_audit.params import load_params

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _chinese_then_english(message: str) -> None:
    first_cjk = CJK.search(message)
    first_latin = re.search(r"[A-Za-z]{3,}", message)
    assert first_cjk and first_latin and first_cjk.start() < first_latin.start(), message


def _params(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "demo.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "line, key, words",
    [
        ("report_id: 县报告", "report_id", ["只能含英文字母、数字、_ 和 -", "e.g. hengnan_2019", "(got '县报告')"]),
        ("report_id: ../../etc", "report_id", ["letters, digits, _ and - only"]),
        ("gap_threshold_points: twenty", "gap_threshold_points", ["例如 20 或 12.5", "e.g. 20 or 12.5"]),
        ("year: 19", "year", ["四位年份", "e.g. 2019"]),
    ],
)
def test_parameter_messages(tmp_path, line, key, words):
    base = "report_id: demo\nfigures: data/figures/hengnan_2019.yaml\n"
    path = _params(tmp_path, base + line + "\n")
    with pytest.raises(ParamsError) as info:
        load_params(path)
    problems = dict(info.value.problems)
    message = problems[key]
    for word in words:
        assert word in message, message
    assert "Value error" not in message and "String should match" not in message and "^[" not in message
    assert message.count("(got ") <= 1  # the value once, not twice
    _chinese_then_english(message)
    assert str(path.name) in str(info.value)


@pytest.mark.parametrize(
    "data, words",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG图片"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG图片"),
        (b"", "文件为空"),
        (b"\x00\x01\x02\x03" * 100, "二进制文件"),
    ],
    ids=["png", "jpeg", "empty", "binary"],
)
def test_unreadable_sources_point_to_typed_figures(data, words):
    folder = ROOT / "data" / "raw"
    path = folder / f".test-unreadable-{os.getpid()}.bin"
    path.write_bytes(data)
    try:
        with pytest.raises(DocumentError) as info:
            read_document(path)
    finally:
        path.unlink()
    message = str(info.value)
    assert message.startswith(f"data/raw/{path.name}:")  # relative to the project, as the user wrote it
    assert str(ROOT) not in message
    assert words in message and "figures 文件" in message and "Figures typed by hand" in message
    _chinese_then_english(info.value.reason)


# --------------------------------------------------------------------------- `new`


def _project(tmp_path: Path) -> dict[str, str]:
    root = tmp_path / "project"
    for rel in ("params", "data/raw", "notebooks"):
        (root / rel).mkdir(parents=True)
    return {**os.environ, "PROPOSAL_AUDIT_ROOT": str(root)}


DOC = "共收到代表建议20件,均已办结。A类10件,占50%;B类10件,占50%。"


def test_new_with_a_chinese_file_name_asks_for_an_id(tmp_path):
    doc = tmp_path / "某县2024年建议办理情况.txt"
    doc.write_text(DOC, encoding="utf-8")
    env = _project(tmp_path)
    cmd = [sys.executable, "-m", "proposal_audit.cli", "new", str(doc)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)
    assert proc.returncode == 2
    assert "--id report_2024" in proc.stderr and "含中文" in proc.stderr
    _chinese_then_english(proc.stderr)
    assert not list((Path(env["PROPOSAL_AUDIT_ROOT"]) / "params").iterdir())  # nothing written
    proc = subprocess.run([*cmd, "--id", "mouxian_2024"], capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    params = (Path(env["PROPOSAL_AUDIT_ROOT"]) / "params" / "mouxian_2024.yaml").read_text(encoding="utf-8")
    assert "source: data/raw/mouxian_2024.txt" in params


def test_new_piped_into_a_closed_pipe_is_quiet(tmp_path):
    """`proposal-audit new doc | head -1`: the parameter file is written, no BrokenPipeError traceback."""
    doc = tmp_path / "county_2024.txt"
    doc.write_text(DOC, encoding="utf-8")
    env = _project(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "proposal_audit.cli", "new", str(doc)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    first = proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does after its line
    _, err = proc.communicate(timeout=120)
    assert first.startswith("已写入 wrote".encode())
    assert proc.returncode == 0, err.decode()
    assert b"Traceback" not in err and b"BrokenPipe" not in err
    assert (Path(env["PROPOSAL_AUDIT_ROOT"]) / "params" / "county_2024.yaml").exists()
