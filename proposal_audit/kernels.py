"""This environment's Jupyter kernels: started early, warmed up, reset and reused by batch workers.

Kept apart from the runner so that the command line can start a kernel before it imports anything
heavy: the kernel's own start-up (pandas, seaborn, matplotlib) then runs on the other core.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager

from .paths import NOTEBOOKS_DIR

__all__ = ["CurrentEnvKernelManager", "start_kernel", "stop_kernel", "reset_kernel", "WarmKernel"]


class CurrentEnvKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel is always the Python running this process.

    It talks to the kernel over local IPC sockets rather than TCP: nothing listens on a port, and
    ipykernel does not warn about unencrypted TCP on every run.
    """

    def __init__(self, **kwargs):  # noqa: ANN003 - traitlets keyword arguments
        kwargs.setdefault("transport", "ipc")
        # An absolute socket path: the kernel may run in another working directory than its client.
        kwargs.setdefault("ip", os.path.join(tempfile.gettempdir(), f"proposal-audit-{uuid.uuid4().hex[:12]}"))
        super().__init__(**kwargs)

    @property
    def kernel_spec(self) -> KernelSpec:  # type: ignore[override]
        from ipykernel.kernelspec import RESOURCES, get_kernel_dict

        return KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())


# What every audit notebook imports first: loaded while the kernel starts, before the notebook runs,
# and removed from the namespace again (only sys.modules keeps it).
_WARM_UP = (
    "import proposal_audit.plots, proposal_audit.render, proposal_audit.fonts as _warm",
    "_warm.cjk_font_name()",  # reads and registers the 8 MB CJK font once
    "del _warm",
)


def start_kernel(cwd: Path = NOTEBOOKS_DIR) -> CurrentEnvKernelManager:
    """Start a kernel now, importing the libraries the notebook needs, so that its start-up runs on
    the other core while this process prepares the audit. papermill then executes on it."""
    from jupyter_core.utils import run_sync

    km = CurrentEnvKernelManager()
    args = [f"--IPKernelApp.exec_lines={line}" for line in _WARM_UP]
    run_sync(km.start_kernel)(extra_arguments=args, cwd=str(cwd))
    return km


def stop_kernel(km: CurrentEnvKernelManager) -> None:
    from jupyter_core.utils import run_sync

    if run_sync(km.is_alive)():
        run_sync(km.shutdown_kernel)(now=True)


_RESET = "%reset -f\nimport matplotlib.pyplot as _plt\n_plt.close('all')\ndel _plt"


def reset_kernel(km: CurrentEnvKernelManager, timeout: float = 60) -> bool:
    """Clear a kernel's namespace (imported modules stay loaded) so it can run the next notebook.

    False when the kernel is gone or does not answer: the caller then starts a fresh one.
    """
    from jupyter_core.utils import run_sync

    if not run_sync(km.is_alive)():
        return False
    kc = km.client()
    kc.start_channels()
    try:
        msg_id = kc.execute(_RESET, silent=True, store_history=False)
        while True:
            reply = run_sync(kc.get_shell_msg)(timeout=timeout)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]["status"] == "ok"
    except Exception:  # a kernel that cannot be reset is replaced, never reused
        return False
    finally:
        kc.stop_channels()


class WarmKernel:
    """In a batch worker process: one kernel, kept across reports and reset between them.

    Starting a kernel and importing pandas, seaborn and matplotlib is most of a report's cost; a
    worker pays it once. Each notebook still runs top to bottom in an empty namespace.
    """

    km: CurrentEnvKernelManager | None = None

    @classmethod
    def start(cls, km: CurrentEnvKernelManager | None = None) -> None:
        from multiprocessing.util import Finalize

        cls.km = km or start_kernel()
        Finalize(cls, cls.stop, exitpriority=10)  # in a worker process: runs when it exits

    @classmethod
    def take(cls) -> CurrentEnvKernelManager | None:
        km, cls.km = cls.km, None
        return km

    @classmethod
    def give_back(cls, km: CurrentEnvKernelManager) -> None:
        if reset_kernel(km):
            cls.km = km
        else:
            stop_kernel(km)
            cls.km = start_kernel()

    @classmethod
    def stop(cls) -> None:
        if cls.km is not None:
            stop_kernel(cls.km)
            cls.km = None
