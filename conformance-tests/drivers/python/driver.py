"""Conformance driver for the Python SDK.

Spec operations go through the generated client `trackline_api`, found by operationId:
`trackline_api.api.<tag>.<snake_case_op>.sync_detailed(client=..., body=<Model>.from_dict(args))`
for JSON bodies, keyword query arguments otherwise. The hl.* operations go through the
hand-written `trackline.TracklineClient`; the scoring server's operations (scoring.yaml) through
`trackline.scoring.ScoringClient` at $TRACKLINE_SCORING_URI. Answers are converted back to wire JSON.
"""

from __future__ import annotations

import base64
import enum
import importlib
import inspect
import io
import json
import math
import os
import re
import sys
import typing
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[3]
try:
    import trackline_api  # noqa: F401
except ImportError:  # not installed: use the source tree
    sys.path.insert(0, str(ROOT / "sdk-python" / "src"))

import trackline  # noqa: E402
from trackline.scoring import ScoringClient  # noqa: E402
from trackline_api.client import Client  # noqa: E402
from trackline_api.types import File  # noqa: E402

SPEC_PATH = Path(os.environ.get("TRACKLINE_OPENAPI", ROOT / "openapi.yaml"))
SCORING_SPEC_PATH = ROOT / "scoring.yaml"


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


class Unexpressible(Exception):
    """The generated client cannot send this request (e.g. a string where it has a list)."""


def load_operations(path: Path = SPEC_PATH) -> dict[str, dict[str, Any]]:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    ops = {}
    for item in spec["paths"].values():
        for method in ("get", "post", "put", "patch", "delete"):
            op = item.get(method)
            if not op or "operationId" not in op:
                continue
            content = (op.get("requestBody") or {}).get("content") or {}
            ref = (content.get("application/json") or {}).get("schema", {}).get("$ref", "")
            ops[op["operationId"]] = {
                "tag": (op.get("tags") or ["default"])[0],
                "body": ref.rsplit("/", 1)[-1] or None,
                "raw": not ref and "application/octet-stream" in content,
            }
    return ops


def wire(value: Any) -> Any:
    """A generated model or value as wire JSON (a downloaded file as text)."""
    if isinstance(value, File):
        return value.payload.read().decode("utf-8", "replace")
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, dict):
        return {k: wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [wire(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    return value


def enum_value(annotation: Any, value: Any) -> Any:
    """The enum member for a value, when the client's parameter is an enum."""
    for candidate in typing.get_args(annotation) or (annotation,):
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            try:
                return candidate(value)
            except ValueError as exc:
                raise Unexpressible(str(exc)) from None
    return value


def call_kwargs(function: Any, info: dict[str, Any], args: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments for sync_detailed: path and query parameters by name, then the body."""
    hints = typing.get_type_hints(function)
    parameters = {n: p for n, p in inspect.signature(function).parameters.items() if n not in ("client", "body")}
    kwargs: dict[str, Any] = {}
    for name, parameter in parameters.items():
        key = name.rstrip("_")  # e.g. filter_ -> filter
        if key in args:
            kwargs[name] = enum_value(hints.get(name), args[key])
        elif parameter.default is inspect.Parameter.empty:
            raise Unexpressible(f"the client requires {key!r}")
    if info["body"]:
        models = importlib.import_module(f"trackline_api.models.{snake(info['body'])}")
        try:
            kwargs["body"] = getattr(models, info["body"]).from_dict(args)
        except Exception as exc:  # the generated model refuses the value
            raise Unexpressible(f"{type(exc).__name__}: {exc}") from None
        return kwargs
    extra = set(args) - {n.rstrip("_") for n in parameters} - ({"body"} if info["raw"] else set())
    if extra:
        raise Unexpressible(f"the client has no parameter {sorted(extra)}")
    if info["raw"]:
        kwargs["body"] = File(payload=io.BytesIO(str(args.get("body", "")).encode("utf-8")))
    return kwargs


def scoring(client: ScoringClient, op: str, args: dict[str, Any]) -> dict[str, Any]:
    """A scoring server operation through ``trackline.scoring.ScoringClient``."""
    try:
        if op in ("scoringPing", "scoringHealth"):
            if client.ping():
                return {"ok": {}}
            return {"error": {"error_code": "TEMPORARILY_UNAVAILABLE", "http_status": 503}}
        if op == "scoringVersion":
            return {"ok": client.version()}
        if op == "listServedModels":
            return {"ok": {"models": client.models()}}
        if op == "getScoringSpec":
            return {"ok": client.spec()}
        if op in ("invocations", "modelInvocations"):
            if "body" in args:
                body, content_type = json.dumps(args["body"]), "application/json"
            else:
                body, content_type = str(args.get("text", "")), args.get("content_type")
            answer = client.invoke_raw(body, content_type, model=args.get("name"))
            return {"ok": {"predictions": answer.predictions}}
    except trackline.TracklineException as exc:
        return {"error": {"error_code": exc.error_code, "http_status": exc.http_status}}
    return {"skipped": f"unknown scoring operation {op!r}"}


def authorization(auth: dict[str, str] | None) -> str | None:
    """The Authorization header of a request: its step's credentials (``auth``: a username and
    password, a token, or ``{}`` for none), else those of the environment, as the SDK reads them."""
    if auth is None:
        env = os.environ.get
        auth = {
            "username": env("TRACKLINE_TRACKING_USERNAME") or env("MLFLOW_TRACKING_USERNAME", ""),
            "password": env("TRACKLINE_TRACKING_PASSWORD") or env("MLFLOW_TRACKING_PASSWORD", ""),
            "token": env("TRACKLINE_TRACKING_TOKEN") or env("MLFLOW_TRACKING_TOKEN", ""),
        }
    if auth.get("username") and auth.get("password"):
        pair = f"{auth['username']}:{auth['password']}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")
    if auth.get("token"):
        return f"Bearer {auth['token']}"
    return None


class PythonDriver:
    def __init__(self, base_url: str, scoring_url: str = "") -> None:
        self.base_url = base_url
        self.ops = load_operations()
        self.scoring_ops = load_operations(SCORING_SPEC_PATH)
        self.scoring = ScoringClient(scoring_url or "http://127.0.0.1:5001")
        self.last_status = 0
        self.clients: dict[str | None, Client] = {}
        self.client = self.client_for(None)
        self.sdk = trackline.TracklineClient(base_url, max_retries=0)

    def client_for(self, auth: dict[str, str] | None) -> Client:
        """The generated client sending these credentials (one per distinct header)."""
        header = authorization(auth)
        if header not in self.clients:
            self.clients[header] = Client(
                base_url=self.base_url,
                headers={"Authorization": header} if header else {},
                raise_on_unexpected_status=False,
                timeout=None,
                httpx_args={"event_hooks": {"response": [self._record]}},
            )
        return self.clients[header]

    def _record(self, response: Any) -> None:
        self.last_status = response.status_code

    def call(self, op: str, args: dict[str, Any], auth: dict[str, str] | None = None) -> dict[str, Any]:
        self.last_status = 0
        self.client = self.client_for(auth)
        try:
            return self._call(op, args)
        except ValueError:
            # The generated client could not parse the answer (not JSON): report its status.
            if not self.last_status:
                raise
            code = "UNPARSEABLE_RESPONSE" if self.last_status < 300 else f"HTTP_{self.last_status}"
            return {"error": {"error_code": code, "http_status": self.last_status}}

    def _call(self, op: str, args: dict[str, Any]) -> dict[str, Any]:
        if op.startswith("hl."):
            return self.high_level(op, args)
        if op in self.scoring_ops:
            return scoring(self.scoring, op, args)
        if op not in self.ops:
            return {"skipped": f"unknown operation {op!r}"}
        info = self.ops[op]
        module = importlib.import_module(f"trackline_api.api.{info['tag']}.{snake(op)}")
        try:
            response = module.sync_detailed(client=self.client, **call_kwargs(module.sync_detailed, info, args))
        except Unexpressible as exc:
            return {"skipped": f"the generated client cannot send this request: {exc}"}
        status = int(response.status_code)
        if 200 <= status < 300:
            return {"ok": wire(response.parsed) if response.parsed is not None else {}}
        code = getattr(response.parsed, "error_code", None)
        if code is None:
            try:
                code = json.loads(response.content).get("error_code")
            except (ValueError, AttributeError):
                code = None
        return {"error": {"error_code": str(wire(code)) if code else f"HTTP_{status}", "http_status": status}}

    def high_level(self, op: str, args: dict[str, Any]) -> dict[str, Any]:
        try:
            if op == "hl.logBatch":
                self.sdk.log_batch(
                    args["run_id"],
                    metrics=[
                        trackline.Metric(m["key"], float(m["value"]), int(m["timestamp"]), int(m.get("step", 0)))
                        for m in args.get("metrics", [])
                    ],
                    params=[trackline.Param(p["key"], p.get("value", "")) for p in args.get("params", [])],
                    tags=[trackline.RunTag(t["key"], t.get("value", "")) for t in args.get("tags", [])],
                )
                return {"ok": {}}
            if op == "hl.logMetricsAsync":
                # Point i (from 0): step i, value i * 0.5, timestamp 1700000000000 + i; queued, then flushed.
                count = int(args["count"])
                for i in range(count):
                    self.sdk.log_metric(
                        args["run_id"], args["key"], i * 0.5, timestamp=1_700_000_000_000 + i, step=i, synchronous=False
                    )
                self.sdk.flush()
                return {"ok": {"count": count}}
            if op == "hl.getMetricHistory":
                points = self.sdk.get_metric_history(args["run_id"], args["metric_key"])
                return {"ok": {"metrics": [wire(vars(p)) for p in points]}}
            if op == "hl.searchAllRuns":
                runs = self.sdk.search_all_runs(
                    args["experiment_ids"], args.get("filter", ""), order_by=args.get("order_by")
                )
                return {"ok": {"runs": [run_to_wire(r) for r in runs]}}
        except trackline.TracklineException as exc:
            return {"error": {"error_code": exc.error_code, "http_status": exc.http_status}}
        return {"skipped": f"unknown high-level operation {op!r}"}


def run_to_wire(run: Any) -> dict[str, Any]:
    info = {k: v for k, v in vars(run.info).items() if v is not None}
    info["run_uuid"] = run.info.run_id
    pairs = lambda d: [{"key": k, "value": wire(v)} for k, v in d.items()]  # noqa: E731
    return {
        "info": info,
        "data": {"metrics": pairs(run.data.metrics), "params": pairs(run.data.params), "tags": pairs(run.data.tags)},
    }


def main() -> int:
    driver = PythonDriver(
        os.environ.get("TRACKLINE_TRACKING_URI", "http://127.0.0.1:5000").rstrip("/"),
        os.environ.get("TRACKLINE_SCORING_URI", ""),
    )
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            answer = driver.call(request.get("op", ""), request.get("args") or {}, request.get("auth"))
        except Exception as exc:  # one bad request must not end the driver
            print(f"python driver: {exc!r}", file=sys.stderr)
            answer = {"error": {"error_code": "DRIVER_ERROR", "http_status": 0, "message": str(exc)}}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
