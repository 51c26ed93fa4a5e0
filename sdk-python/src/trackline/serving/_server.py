"""Running the scoring app on gunicorn: threaded workers forked after the models are loaded
and the app is built (``preload_app``), so every worker shares the loaded models' memory,
imports nothing more and answers from its first request."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from typing import Any

__all__ = ["port_is_free", "run_gunicorn"]


def run_gunicorn(
    app_factory: Callable[[], Any],
    host: str,
    port: int,
    workers: int,
    threads: int,
    timeout: float,
) -> None:
    """Serve ``app_factory()`` (called once, before the workers are forked) until interrupted."""
    from trackline._media import _optional  # noqa: PLC0415

    base_application = _optional("gunicorn.app.base", "serve", "The scoring server").BaseApplication
    # The worker class too, so that forked workers start with it imported.
    _optional("gunicorn.workers.gthread", "serve", "The scoring server")

    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "preload_app": True,
        "threads": threads,
        # gunicorn's worker timeout is a heartbeat of the worker's main loop; predictions are
        # timed by the app itself (504 after --timeout).
        "timeout": int(max(timeout + 30, 120)),
        "keepalive": 30,
        "graceful_timeout": 10,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "trackline-scoring",
    }
    if os.path.isdir("/dev/shm"):
        # Workers touch a heartbeat file on every loop: in memory, not on disk.
        options["worker_tmp_dir"] = "/dev/shm"

    class _App(base_application):  # type: ignore[misc,valid-type]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)
            # gunicorn 25.1+ opens a control socket at one path per user; several servers would share it.
            if "control_socket_disable" in self.cfg.settings:
                self.cfg.set("control_socket_disable", True)

        def load(self) -> Any:
            return app_factory()

    _App().run()


def port_is_free(host: str, port: int) -> bool:
    """Whether gunicorn can listen on ``host:port``: as gunicorn does, with ``SO_REUSEADDR``, so
    the connections a server just stopped left in TIME_WAIT do not count as the port in use."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True
