"""Conformance driver that speaks raw HTTP through curl.

Each operation's method and path are read from openapi.yaml at start-up. GET parameters go in
the query string (lists as repeated keys), other methods send the args as a JSON body.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

SPEC_PATH = Path(os.environ.get("TRACKLINE_OPENAPI", Path(__file__).resolve().parents[3] / "openapi.yaml"))
STATUS_CODES = {404: "ENDPOINT_NOT_FOUND", 405: "ENDPOINT_NOT_FOUND"}


def load_operations() -> dict[str, tuple[str, str]]:
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    ops: dict[str, tuple[str, str]] = {}
    for route, item in spec["paths"].items():
        for method in ("get", "post", "put", "patch", "delete"):
            op = item.get(method)
            if op and "operationId" in op:
                ops[op["operationId"]] = (method.upper(), route)
    return ops


def query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def call(base: str, method: str, route: str, args: dict[str, Any]) -> dict[str, Any]:
    args = dict(args)
    # Path parameters ({model_id}) are taken out of the args.
    for name in re.findall(r"{([^}]+)}", route):
        route = route.replace("{" + name + "}", query_value(args.pop(name, "")))
    cmd = ["curl", "-sS", "--globoff", "-X", method, "-o", "-", "-w", "\n%{http_code}"]
    stdin = None
    if method == "GET":
        cmd.append("-G")
        for key, value in args.items():
            for item in value if isinstance(value, list) else [value]:
                cmd += ["--data-urlencode", f"{key}={query_value(item)}"]
    else:
        cmd += ["-H", "Content-Type: application/json", "--data-binary", "@-"]
        stdin = json.dumps(args)
    cmd.append(base + route)
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


def main() -> int:
    base = os.environ.get("TRACKLINE_TRACKING_URI", "http://127.0.0.1:5000").rstrip("/")
    ops = load_operations()
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            op = request.get("op", "")
            if op.startswith("hl."):
                answer: dict[str, Any] = {"skipped": "raw HTTP has no high-level layer"}
            elif op not in ops:
                answer = {"skipped": f"unknown operation {op!r}"}
            else:
                method, route = ops[op]
                answer = call(base, method, route, request.get("args") or {})
        except Exception as exc:  # one bad request must not end the driver
            print(f"http driver: {exc!r}", file=sys.stderr)
            answer = {"error": {"error_code": "DRIVER_ERROR", "http_status": 0, "message": str(exc)}}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
