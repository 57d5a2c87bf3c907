"""`make lab`: JupyterLab from its own environment, headless, listing the notebooks through its REST API,
with the audit's .venv as the notebooks' kernel; JupyterLab's packages stay out of .venv."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from importlib import metadata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _lab_command(args: str) -> list[str]:
    """`make lab ARGS=…` as a user types it; tools/lab itself on a machine without make (.ci/run's fallback)."""
    if shutil.which("make"):
        return ["make", "--no-print-directory", "lab", f"ARGS={args}"]
    return [str(ROOT / "tools" / "lab"), *args.split()]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, method: str = "GET", body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else (b"" if method == "POST" else None)
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 - a server on 127.0.0.1 that we started
        raw = resp.read()
    return json.loads(raw) if raw else {}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """`make lab ARGS=…` started headless on a free local port; stopped through its REST API."""
    port, token = _free_port(), secrets.token_hex(16)
    log = tmp_path_factory.mktemp("lab") / "lab.log"
    args = f"--no-browser --port={port} --ServerApp.ip=127.0.0.1 --IdentityProvider.token={token}"
    env = {k: v for k, v in os.environ.items() if k != "MAKEFLAGS"}
    with log.open("w") as out:
        proc = subprocess.Popen(
            _lab_command(args),
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600  # the first run installs JupyterLab into .venv-lab
    try:
        while True:
            try:
                _get(f"{base}/api/status?token={token}")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start: {log.read_text()[-3000:]}")
                time.sleep(0.5)
        yield base, token, proc, log
    finally:
        try:
            _get(f"{base}/api/shutdown?token={token}", method="POST")
            proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGTERM)  # the process group of the make we started
            proc.wait(timeout=30)


def test_lab_lists_the_notebooks_through_its_rest_api(lab):
    base, token, _, _ = lab
    listing = _get(f"{base}/api/contents/notebooks?token={token}")
    names = {item["name"] for item in listing["content"] if item["type"] == "notebook"}
    assert {"audit_report.ipynb", "trends.ipynb"} <= names


def test_the_notebooks_kernel_is_the_audits_environment(lab):
    base, token, _, _ = lab
    specs = _get(f"{base}/api/kernelspecs?token={token}")
    argv = specs["kernelspecs"]["python3"]["spec"]["argv"]
    assert argv[0] == str(ROOT / ".venv" / "bin" / "python")
    kernel = _get(f"{base}/api/kernels?token={token}", method="POST", body={"name": "python3"})
    try:
        out = _execute(base, token, kernel["id"], "import sys, proposal_audit; print(sys.prefix)")
        assert out.strip() == str(ROOT / ".venv")  # the notebooks run on the audit's environment
    finally:
        _get(f"{base}/api/kernels/{kernel['id']}?token={token}", method="DELETE")


def _execute(base: str, token: str, kernel_id: str, code: str, timeout: float = 120) -> str:
    """Run code on a kernel through the server's websocket (Jupyter's JSON message protocol)."""
    import asyncio
    import uuid

    from tornado.websocket import websocket_connect

    async def run() -> str:
        url = base.replace("http", "ws", 1) + f"/api/kernels/{kernel_id}/channels?token={token}"
        ws = await websocket_connect(url)
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": "execute_request", "username": "test", "session": uuid.uuid4().hex,
                  "date": "", "version": "5.3"}  # fmt: skip
        content = {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                   "allow_stdin": False, "stop_on_error": True}  # fmt: skip
        await ws.write_message(json.dumps(
            {"header": header, "parent_header": {}, "metadata": {}, "content": content, "channel": "shell"}
        ))  # fmt: skip
        printed, replied, idle = [], False, False
        while not (replied and idle):  # the reply (shell) and the last output (iopub) may come in either order
            raw = await ws.read_message()
            if raw is None:
                raise RuntimeError("the kernel's websocket closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if kind == "stream":
                printed.append(msg["content"]["text"])
            elif kind == "error":
                raise RuntimeError(msg["content"]["evalue"])
            elif kind == "execute_reply":
                replied = True
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
        ws.close()
        return "".join(printed)

    return asyncio.run(asyncio.wait_for(run(), timeout))


def test_lab_runs_as_root_and_passes_arguments_through(lab):
    _, _, _, log = lab
    text = log.read_text()
    assert "Running as root is not recommended" not in text
    if os.geteuid() == 0:
        assert "--allow-root" in (ROOT / "tools" / "lab").read_text()


def test_a_second_call_does_not_reinstall(lab):
    proc = subprocess.run(_lab_command("--version"), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(r"\d+\.\d+\.\d+\s*", proc.stdout), proc.stdout  # only the version: nothing set up again
    assert "Setting up" not in proc.stdout + proc.stderr


def test_jupyterlab_stays_out_of_the_audit_environment(lab):
    """The tests run in .venv: JupyterLab and rfc3987-syntax are not installed there."""
    assert sys.prefix == str(ROOT / ".venv") or os.environ.get("CONDA_PREFIX")
    for name in ("jupyterlab", "rfc3987-syntax", "jupyter-server"):
        with pytest.raises(metadata.PackageNotFoundError):
            metadata.distribution(name)


def test_conda_lab_environment_matches_requirements():
    wanted = [
        line.strip() for line in (ROOT / "requirements-lab.txt").read_text().splitlines() if line.strip()[:1].isalpha()
    ]
    env = yaml.safe_load((ROOT / "environment-lab.yml").read_text())
    assert [d.replace(" ", "") for d in env["dependencies"] if str(d).startswith("jupyterlab")] == wanted
