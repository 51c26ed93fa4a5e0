"""A started project run: its command's process and its tracking run, kept in step.

A thread waits for the process and records how it ended: ``FINISHED`` on exit status 0
(unless the command already ended the run itself), ``FAILED`` on any other status, and
``KILLED`` after :meth:`SubmittedRun.cancel`. So the run never stays ``RUNNING`` once its
command is gone, whether or not anyone calls :meth:`~SubmittedRun.wait`; and, as in MLflow,
a Python process that started runs without waiting for them waits for them when it exits.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path

from trackline._client import TracklineClient
from trackline._entities import RunStatus
from trackline._errors import TracklineException

from ._runner import stop_group

__all__ = ["SubmittedRun"]

_logger = logging.getLogger("trackline.projects")
_OUTCOME = {RunStatus.FINISHED: "succeeded", RunStatus.FAILED: "failed", RunStatus.KILLED: "killed"}


def record_end(client: TracklineClient, run_id: str, status: RunStatus) -> None:
    """End the run with ``status``; ``FINISHED`` leaves a run the command already ended alone."""
    if status == RunStatus.FINISHED and client.get_run(run_id).info.status != RunStatus.RUNNING:
        return
    client.set_terminated(run_id, status)


class SubmittedRun:
    """A project run started by :func:`trackline.projects.run`, as ``mlflow.projects.SubmittedRun``.

    ``run_id`` is the tracking run's id; :meth:`wait` blocks until the command ends and tells
    whether it succeeded; :meth:`get_status` is ``RUNNING`` until then, then the status
    recorded; :meth:`cancel` stops the command's whole process group and records ``KILLED``.
    """

    def __init__(
        self,
        run_id: str,
        process: subprocess.Popen[bytes],
        client: TracklineClient,
        cleanup: Sequence[Path] = (),
    ) -> None:
        self._run_id = run_id
        self._process = process
        self._client = client
        self._cleanup = list(cleanup)
        self._cancelled = threading.Event()
        self._ended = threading.Event()
        self._status = RunStatus.RUNNING
        self._watcher = threading.Thread(target=self._watch, name=f"trackline-project-run-{run_id}")
        self._watcher.start()

    @property
    def run_id(self) -> str:
        return self._run_id

    @property
    def exit_code(self) -> int | None:
        """The command's exit status once it has ended (negative: the signal that ended it)."""
        return self._process.returncode

    def wait(self) -> bool:
        """Wait for the command to end and its status to be recorded; ``True`` on success.

        An interruption while waiting (Ctrl-C) cancels the run, then propagates.
        """
        try:
            self._ended.wait()
        except BaseException:
            self.cancel()
            raise
        return self._status == RunStatus.FINISHED

    def get_status(self) -> str:
        """``RUNNING``, then ``FINISHED``, ``FAILED`` or ``KILLED``."""
        return str(self._status)

    def cancel(self) -> None:
        """Stop the command and everything in its process group; the run ends ``KILLED``."""
        if not self._ended.is_set():
            self._cancelled.set()
            stop_group(self._process)
        self._ended.wait()

    def _watch(self) -> None:
        code = self._process.wait()
        status = RunStatus.FINISHED if code == 0 else RunStatus.FAILED
        if self._cancelled.is_set():
            status = RunStatus.KILLED
        try:
            record_end(self._client, self._run_id, status)
        except TracklineException as exc:
            _logger.error("Could not record run %s as %s: %s", self._run_id, status, exc.message)
        finally:
            self._client.close()
            for path in self._cleanup:
                shutil.rmtree(path, ignore_errors=True)
            self._status = status
            _logger.info("=== Run (ID '%s') %s ===", self._run_id, _OUTCOME[status])
            self._ended.set()
