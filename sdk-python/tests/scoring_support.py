"""Models for the scoring tests, saved by a script of their own (so that their classes are
pickled by value, as a user's training script's are), and a scoring server to run them."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import httpx

from trackline.scoring import ScoringClient

BIN_DIR = Path(os.environ.get("TRACKLINE_TEST_BIN_DIR") or Path(sys.executable).parent)

#: Saves the test models into the directory given as argv[1].
SAVE_MODELS = r'''
import sys, time
from pathlib import Path
import numpy as np
import pandas as pd
from trackline import pyfunc
from trackline.models import ColSpec, ModelSignature, ParamSchema, ParamSpec, Schema

out = Path(sys.argv[1])


class Scorer(pyfunc.PythonModel):
    """y = x * factor + n; a negative x is refused by the model's own code; x = 999 is slow."""

    def predict(self, context, model_input, params=None):
        if (model_input["x"] < 0).any():
            raise ValueError("x must not be negative")
        if (model_input["x"] == 999).any():
            time.sleep(3)
        factor = (params or {}).get("factor", 2.0)
        return pd.DataFrame({"y": model_input["x"] * factor + model_input["n"]})


class BatchSize(pyfunc.PythonModel):
    """Answers, for each row, how many rows the predict call that saw it had."""

    def predict(self, context, model_input, params=None):
        time.sleep(0.02)
        return np.full(len(model_input), len(model_input))


class Constant(pyfunc.PythonModel):
    def __init__(self, value):
        self.value = value

    def predict(self, model_input):
        return [self.value] * len(model_input)


signature = ModelSignature(
    Schema([ColSpec("double", "x"), ColSpec("long", "n"), ColSpec("string", "tag", required=False)]),
    Schema([ColSpec("double", "y")]),
    ParamSchema([ParamSpec("factor", "double", 2.0)]),
)
pyfunc.save_model(out / "scorer", python_model=Scorer(), signature=signature)
pyfunc.save_model(out / "batch", python_model=BatchSize(), input_example=pd.DataFrame({"x": [1.0]}))
pyfunc.save_model(out / "a", python_model=Constant("a"), input_example=pd.DataFrame({"x": [1.0]}))
pyfunc.save_model(out / "b", python_model=Constant("b"), input_example=pd.DataFrame({"x": [1.0]}))
'''


def save_test_models(directory: Path) -> Path:
    done = subprocess.run(
        [sys.executable, "-c", SAVE_MODELS, str(directory)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return directory


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ScoringServer:
    """``trackline models serve`` in a process group of its own."""

    def __init__(self, args: Sequence[str], log: Path, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        command = [str(BIN_DIR / "trackline"), "models", "serve", "-p", str(self.port), *args]
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, env=env
            )
        self.started = time.monotonic()

    def wait_ready(self, timeout: float = 180.0) -> float:
        """Seconds from process start to the first 200 on /ping."""
        deadline = time.monotonic() + timeout
        with ScoringClient(self.url, timeout=2) as client:
            while not client.ping():
                if self.process.poll() is not None:
                    raise AssertionError(f"the scoring server exited ({self.process.returncode}):\n{self.log_text()}")
                if time.monotonic() > deadline:
                    self.stop()
                    raise AssertionError(f"the scoring server was not ready in {timeout:.0f} s:\n{self.log_text()}")
                time.sleep(0.05)
        return time.monotonic() - self.started

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def client(self) -> ScoringClient:
        return ScoringClient(self.url)

    def stop(self) -> None:
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue

    def __enter__(self) -> ScoringServer:
        self.wait_ready()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def post(
    url: str, body: bytes | str, content_type: str | None = "application/json", **kwargs: object
) -> httpx.Response:
    headers = {"Content-Type": content_type} if content_type is not None else {}
    return httpx.post(url, content=body, headers=headers, timeout=30, **kwargs)  # type: ignore[arg-type]
