"""Conformance driver that speaks raw HTTP through curl.

Each operation's method and path are read from openapi.yaml at start-up; the scoring server's
(scoring.yaml) go to $TRACKLINE_SCORING_URI. GET parameters go in
the query string (lists as repeated keys), other methods send the args as a JSON body. For an
operation whose body is raw bytes (application/octet-stream), the "body" argument is sent as the
body and the other arguments go in the query string. A body that is not JSON comes back as text.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path
from typing import Any

import yaml

SPEC_PATH = Path(os.environ.get("TRACKLINE_OPENAPI", Path(__file__).resolve().parents[3] / "openapi.yaml"))
SCORING_SPEC_PATH = Path(__file__).resolve().parents[3] / "scoring.yaml"
STATUS_CODES = {404: "ENDPOINT_NOT_FOUND", 405: "ENDPOINT_NOT_FOUND"}


def load_operations(path: Path = SPEC_PATH) -> dict[str, tuple[str, str, bool]]:
    """operationId -> (method, path, whether the request body is raw bytes)."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    ops: dict[str, tuple[str, str, bool]] = {}
    for route, item in spec["paths"].items():
        for method in ("get", "post", "put", "patch", "delete"):
            op = item.get(method)
            if op and "operationId" in op:
                content = (op.get("requestBody") or {}).get("content") or {}
                raw = "application/json" not in content and "application/octet-stream" in content
                ops[op["operationId"]] = (method.upper(), route, raw)
    return ops


def query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def run_curl(cmd: list[str], stdin: str | None) -> dict[str, Any]:
    """Run curl (its command ending with the URL) and turn the answer into the driver's."""
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(f"curl failed ({proc.returncode}): {proc.stderr.strip()}")
    body, _, status_text = proc.stdout.rpartition("\n")
    status = int(status_text)
    try:
        parsed: Any = json.loads(body) if body.strip() else {}
    except ValueError:
        parsed = None
    if 200 <= status < 300:
        return {"ok": parsed if parsed is not None else body}
    code = parsed.get("error_code") if isinstance(parsed, dict) else None
    return {"error": {"error_code": code or STATUS_CODES.get(status, f"HTTP_{status}"), "http_status": status}}


def authorization(auth: dict[str, str] | None) -> str | None:
    """The Authorization header of a request: its step's credentials (``auth``: a username and
    password, a token, or ``{}`` for none), else those of the environment, as MLflow's clients
    read them (basic when a username and password are set, else a bearer token)."""
    if auth is None:
        auth = {
            "username": os.environ.get("MLFLOW_TRACKING_USERNAME", ""),
            "password": os.environ.get("MLFLOW_TRACKING_PASSWORD", ""),
            "token": os.environ.get("MLFLOW_TRACKING_TOKEN", ""),
        }
    if auth.get("username") and auth.get("password"):
        pair = f"{auth['username']}:{auth['password']}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")
    if auth.get("token"):
        return f"Bearer {auth['token']}"
    return None


def call(
    base: str, method: str, route: str, raw: bool, args: dict[str, Any], auth: dict[str, str] | None = None
) -> dict[str, Any]:
    args = dict(args)
    json_body = method != "GET" and not raw
    # Path parameters ({path}) fill the route; a JSON body keeps them too (MLflow reads some there).
    for name in re.findall(r"{([^}]+)}", route):
        value = args.get(name, "") if json_body else args.pop(name, "")
        route = route.replace("{" + name + "}", query_value(value))
    cmd = ["curl", "-sS", "--globoff", "--path-as-is", "-X", method, "-o", "-", "-w", "\n%{http_code}"]
    header = authorization(auth)
    if header:
        cmd += ["-H", f"Authorization: {header}"]
    stdin = None
    if json_body:
        cmd += ["-H", "Content-Type: application/json", "--data-binary", "@-"]
        stdin = json.dumps(args)
    else:
        if raw:  # the "body" argument is the raw request body; other arguments go in the query
            cmd += ["-H", "Content-Type: application/octet-stream", "--data-binary", "@-"]
            stdin = str(args.pop("body", ""))
        query = []
        for key, value in args.items():
            for item in value if isinstance(value, list) else [value]:
                query.append(urllib.parse.urlencode({key: query_value(item)}))
        if query:
            route += "?" + "&".join(query)
    cmd.append(base + route)
    return run_curl(cmd, stdin)


def call_scoring(base: str, method: str, route: str, args: dict[str, Any]) -> dict[str, Any]:
    """A scoring server operation: ``body`` is sent as JSON, or ``text`` with ``content_type``
    (none at all when it is null); ``name`` fills the route."""
    args = dict(args)
    route = route.replace("{name}", urllib.parse.quote(str(args.pop("name", "")), safe=""))
    cmd = ["curl", "-sS", "-X", method, "-o", "-", "-w", "\n%{http_code}", "-H", "Expect:"]
    stdin = None
    if "body" in args:
        cmd += ["-H", "Content-Type: application/json", "--data-binary", "@-"]
        stdin = json.dumps(args["body"])
    elif "text" in args:
        content_type = args.get("content_type")
        cmd += ["-H", f"Content-Type: {content_type}" if content_type else "Content-Type:", "--data-binary", "@-"]
        stdin = str(args["text"])
    cmd.append(base + route)
    return run_curl(cmd, stdin)


def main() -> int:
    base = os.environ.get("TRACKLINE_TRACKING_URI", "http://127.0.0.1:5000").rstrip("/")
    scoring_base = os.environ.get("TRACKLINE_SCORING_URI", "").rstrip("/")
    ops = load_operations()
    scoring_ops = load_operations(SCORING_SPEC_PATH)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            op = request.get("op", "")
            if op.startswith("hl."):
                answer: dict[str, Any] = {"skipped": "raw HTTP has no high-level layer"}
            elif op in scoring_ops:
                method, route, _ = scoring_ops[op]
                answer = call_scoring(scoring_base, method, route, request.get("args") or {})
            elif op not in ops:
                answer = {"skipped": f"unknown operation {op!r}"}
            else:
                method, route, raw = ops[op]
                answer = call(base, method, route, raw, request.get("args") or {}, request.get("auth"))
        except Exception as exc:  # one bad request must not end the driver
            print(f"http driver: {exc!r}", file=sys.stderr)
            answer = {"error": {"error_code": "DRIVER_ERROR", "http_status": 0, "message": str(exc)}}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
