"""Plain HTTP calls to the documented REST API: one ``requests.Session`` per client thread."""

from __future__ import annotations

import os
import threading
import time
from typing import Any

import requests

API = "/api/2.0/mlflow"
# With --auth, the harness signs every request in as this user ("name:password"); an environment
# variable, so that the client processes of workload 3 have it too.
AUTH_ENV = "TLBENCH_AUTH"


def credentials() -> tuple[str, str] | None:
    """The Basic credentials every client sends (``--auth``), or None."""
    value = os.environ.get(AUTH_ENV)
    if not value:
        return None
    name, _, password = value.partition(":")
    return name, password


class ApiError(Exception):
    def __init__(self, method: str, path: str, status: int, body: str) -> None:
        super().__init__(f"{method} {path} -> HTTP {status}: {body[:300]}")
        self.status = status
        self.body = body


class Client:
    """Sessions are per thread, so one Client can be shared by the threads of a workload.

    Like MLflow's own client, a request that fails at the connection level (the server closed
    the connection, or refused it while a worker restarts) is sent again, up to ``retries``
    times; ``connection_retries`` counts those, and the harness reports them.
    """

    def __init__(self, base_url: str, timeout: float = 300.0, retries: int = 3) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.connection_retries = 0
        self.first_retry_reason = ""
        self._lock = threading.Lock()
        self._local = threading.local()

    @property
    def session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.auth = credentials()
            self._local.session = session
        return session

    def close_thread_session(self) -> None:
        session = getattr(self._local, "session", None)
        if session is not None:
            session.close()
            self._local.session = None

    def _send(self, method: str, url_path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", self.timeout)
        for attempt in range(self.retries + 1):
            try:
                return self.session.request(method, self.base_url + url_path, **kwargs)
            except requests.ConnectionError as exc:
                if attempt == self.retries:
                    raise
                with self._lock:
                    self.connection_retries += 1
                    self.first_retry_reason = self.first_retry_reason or f"{method} {url_path}: {exc}"
                self.close_thread_session()
                time.sleep(0.25 * 2**attempt)
        raise AssertionError("unreachable")

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        resp = self._send("POST", API + path, json=body)
        if resp.status_code != 200:
            raise ApiError("POST", path, resp.status_code, resp.text)
        return resp.json() if resp.content else {}

    def get(self, path: str, params: dict[str, Any]) -> dict[str, Any]:
        resp = self._send("GET", API + path, params=params)
        if resp.status_code != 200:
            raise ApiError("GET", path, resp.status_code, resp.text)
        return resp.json() if resp.content else {}

    def raw(self, method: str, url_path: str, **kwargs: Any) -> requests.Response:
        """One request with no retry (for streamed bodies)."""
        kwargs.setdefault("timeout", self.timeout)
        return self.session.request(method, self.base_url + url_path, **kwargs)

    # A few calls every workload needs.

    def create_experiment(self, name: str) -> str:
        return str(self.post("/experiments/create", {"name": name})["experiment_id"])

    def create_run(self, experiment_id: str, name: str, start_time: int | None = None) -> str:
        body = {
            "experiment_id": experiment_id,
            "run_name": name,
            "start_time": start_time if start_time is not None else now_ms(),
        }
        return str(self.post("/runs/create", body)["run"]["info"]["run_id"])


def now_ms() -> int:
    return int(time.time() * 1000)
