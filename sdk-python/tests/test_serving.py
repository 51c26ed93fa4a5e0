"""The scoring server, live: ``trackline models serve`` on gunicorn, its protocol, its errors,
several models behind one server, batching, limits, and ``trackline models predict``."""

from __future__ import annotations

import concurrent.futures
import json
import re
import socket
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml
from openapi_spec_validator import validate

from scoring_support import BIN_DIR, ScoringServer, post, save_test_models
from trackline import TracklineException
from trackline.scoring import ScoringClient
from trackline.serving._spec import operations, spec_path

ROW = {"x": 1.5, "n": 2}


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save_test_models(tmp_path_factory.mktemp("scoring-models"))


@pytest.fixture(scope="module")
def scorer(models_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScoringServer]:
    log = tmp_path_factory.mktemp("scorer") / "server.log"
    args = ["-m", f"scorer={models_dir / 'scorer'}", "--timeout", "1", "--max-body-size", "1000000", "-w", "1"]
    with ScoringServer(args, log) as server:
        yield server


def test_the_spec_is_valid_and_the_routes_match_it_exactly() -> None:
    validate(yaml.safe_load(spec_path().read_text()))
    from trackline.serving import ModelSet, create_app

    class _NoModel:  # routes do not depend on the model
        name, version, weight, uri, model = "m", "1", 1.0, "u", None

    app = create_app(ModelSet([_NoModel()]))  # type: ignore[list-item]
    served = {
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods or ()
        if method not in ("HEAD", "OPTIONS")
    }
    spec = {(re.sub(r"{([^}]+)}", r"<\1>", op.path), op.method) for op in operations()}
    assert served == spec
    ids = {op.operation_id for op in operations()}
    tracking = yaml.safe_load((spec_path().parent / "openapi.yaml").read_text())
    tracking_ids = {
        op["operationId"] for item in tracking["paths"].values() for op in item.values() if "operationId" in op
    }
    assert not ids & tracking_ids, "operationIds must be unique across openapi.yaml and scoring.yaml"


def test_a_handler_without_an_operation_stops_the_app() -> None:
    from trackline.serving._app import SpecMismatch, check_bindings

    with pytest.raises(SpecMismatch, match="handlers without an operation: \\['extra'\\]"):
        check_bindings({op.operation_id: print for op in operations()} | {"extra": print})  # type: ignore[dict-item]
    with pytest.raises(SpecMismatch, match="operations without a handler"):
        check_bindings({})


def test_routes(scorer: ScoringServer, models_dir: Path) -> None:
    for path in ("/ping", "/health"):
        answer = httpx.get(scorer.url + path)
        assert (answer.status_code, answer.text) == (200, "\n")
    assert httpx.get(scorer.url + "/version").text == "0.1.0"
    uuid = yaml.safe_load((models_dir / "scorer" / "MLmodel").read_text())["model_uuid"]
    assert httpx.get(scorer.url + "/models").json() == {
        "models": [{"name": "scorer", "uri": str(models_dir / "scorer"), "version": uuid, "weight": 1.0}]
    }
    assert httpx.get(scorer.url + "/openapi.yaml").text == spec_path().read_text()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"dataframe_split": {"columns": ["x", "n"], "data": [[1.5, 2]]}}, [{"y": 5.0}]),
        ({"dataframe_records": [ROW, {"x": 0.0, "n": 1}]}, [{"y": 5.0}, {"y": 1.0}]),
        ({"instances": [ROW]}, [{"y": 5.0}]),
        ({"inputs": {"x": [1.5], "n": [2]}}, [{"y": 5.0}]),
        ({"dataframe_records": [ROW], "params": {"factor": 10}}, [{"y": 17.0}]),
        ({"dataframe_records": [{**ROW, "extra": "ignored", "tag": "t"}]}, [{"y": 5.0}]),
        ({"dataframe_records": [{"x": 1, "n": 2.0}]}, [{"y": 4.0}]),  # whole numbers either way
    ],
    ids=["split", "records", "instances", "inputs", "params", "extra-column", "whole-numbers"],
)
def test_json_shapes(scorer: ScoringServer, body: dict[str, object], expected: list[object]) -> None:
    answer = post(scorer.url + "/invocations", json.dumps(body))
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"predictions": expected}
    assert answer.headers["X-Trackline-Model"] == "scorer"


def test_csv(scorer: ScoringServer) -> None:
    answer = post(scorer.url + "/invocations", "x,n\n1.5,2\n0,1\n", "text/csv")
    assert answer.json() == {"predictions": [{"y": 5.0}, {"y": 1.0}]}


BAD_INPUTS = [
    ("malformed JSON", b"{nope", "application/json", 400, "BAD_REQUEST"),
    ("empty body", b"", "application/json", 400, "BAD_REQUEST"),
    ("top-level list", b"[1, 2]", "application/json", 400, "BAD_REQUEST"),
    ("none of the four shapes", b'{"columns": ["x"], "data": [[1]]}', "application/json", 400, "BAD_REQUEST"),
    ("two shapes", b'{"inputs": [[1]], "instances": [[1]]}', "application/json", 400, "BAD_REQUEST"),
    ("missing column", b'{"dataframe_records": [{"x": 1.5}]}', "application/json", 400, "INVALID_PARAMETER_VALUE"),
    ("string for a double", b'{"dataframe_records": [{"x": "a", "n": 1}]}', "application/json", 400, "BAD_REQUEST"),
    ("float for a long", b'{"dataframe_records": [{"x": 1.0, "n": 1.5}]}', "application/json", 400, "BAD_REQUEST"),
    ("null for a long", b'{"dataframe_records": [{"x": 1.0, "n": null}]}', "application/json", 400, "BAD_REQUEST"),
    ("param of the wrong type", b'{"inputs": {"x": [1.0], "n": [1]}, "params": {"factor": "big"}}', "application/json",
     400, "INVALID_PARAMETER_VALUE"),
    ("split that is not a table", b'{"dataframe_split": {"data": 3}}', "application/json", 400, "BAD_REQUEST"),
    ("bad CSV values", b"x,n\nabc,1\n", "text/csv", 400, "BAD_REQUEST"),
    ("unknown content type", b"x", "text/plain", 415, "UNSUPPORTED_MEDIA_TYPE"),
    ("no content type", b"{}", None, 415, "UNSUPPORTED_MEDIA_TYPE"),
    ("a charset other than UTF-8", b"{}", "application/json; charset=latin-1", 415, "UNSUPPORTED_MEDIA_TYPE"),
    ("MLflow 1 format parameter", b"{}", "application/json; format=pandas-split", 415, "UNSUPPORTED_MEDIA_TYPE"),
    ("model code raises", b'{"dataframe_records": [{"x": -1.0, "n": 1}]}', "application/json", 400, "BAD_REQUEST"),
    ("too slow", b'{"dataframe_records": [{"x": 999.0, "n": 1}]}', "application/json", 504, "DEADLINE_EXCEEDED"),
    ("body over the limit", b'{"inputs": "' + b"x" * 1_000_001 + b'"}', "application/json", 413, "REQUEST_TOO_LARGE"),
]  # fmt: skip


@pytest.mark.parametrize(("what", "body", "content_type", "status", "code"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_a_4xx_in_the_envelope(
    scorer: ScoringServer, what: str, body: bytes, content_type: str | None, status: int, code: str
) -> None:
    answer = post(scorer.url + "/invocations", body, content_type)
    assert answer.status_code == status, answer.text
    envelope = answer.json()
    assert set(envelope) == {"error_code", "message", "error_class", "sqlstate"}
    assert envelope["error_code"] == code
    assert "Traceback" not in envelope["message"]
    assert httpx.get(scorer.url + "/ping").status_code == 200  # the server stays up


def test_error_messages_say_what_is_wrong(scorer: ScoringServer) -> None:
    def message(body: bytes) -> str:
        return str(post(scorer.url + "/invocations", body).json()["message"])

    assert "missing inputs ['n']" in message(b'{"dataframe_records": [{"x": 1.5}]}')
    assert "column n" in message(b'{"dataframe_records": [{"x": 1.0, "n": 1.5}]}')
    assert "1.5 is not a whole number" in message(b'{"dataframe_records": [{"x": 1.0, "n": 1.5}]}')
    assert "ValueError: x must not be negative" in message(b'{"dataframe_records": [{"x": -1.0, "n": 1}]}')
    missing = post(scorer.url + "/invocations", b'{"dataframe_records": [{"x": 1.5}]}').json()
    assert (missing["error_class"], missing["sqlstate"]) == ("SCHEMA_ENFORCEMENT_FAILED", "KAM01")
    assert "x must not be negative" in scorer.log_text()
    assert "Traceback" in scorer.log_text()


def read_answer(sock: socket.socket) -> str:
    """One HTTP answer off a socket: its head, then as many body bytes as its Content-Length says
    (the head and the body may arrive in separate segments)."""
    sock.settimeout(30)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        (int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")), 0
    )
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return (head + b"\r\n\r\n" + body).decode(errors="replace")


def test_a_huge_body_is_refused_by_its_size(scorer: ScoringServer) -> None:
    """A body that says it is 1 GB is refused before it is read; the server stays up."""
    with socket.create_connection(("127.0.0.1", scorer.port)) as sock:
        sock.sendall(
            b"POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {1 << 30}\r\n\r\n".encode()
        )
        sock.sendall(b"{" + b" " * 65536)
        answer = read_answer(sock)
    assert answer.startswith("HTTP/1.1 413"), answer
    assert '"REQUEST_TOO_LARGE"' in answer
    chunked = httpx.post(
        scorer.url + "/invocations",
        content=iter([b"{" + b" " * 100_000] * 20),
        headers={"Content-Type": "application/json"},
    )
    assert (chunked.status_code, chunked.json()["error_code"]) == (413, "REQUEST_TOO_LARGE")
    assert httpx.get(scorer.url + "/ping").status_code == 200


def test_unknown_routes_and_methods(scorer: ScoringServer) -> None:
    assert httpx.get(scorer.url + "/nope").json()["error_code"] == "ENDPOINT_NOT_FOUND"
    wrong = httpx.get(scorer.url + "/invocations")
    assert (wrong.status_code, wrong.json()["error_code"]) == (405, "BAD_REQUEST")
    unknown = post(scorer.url + "/models/nope/invocations", json.dumps({"inputs": {"x": [1.0], "n": [1]}}))
    assert (unknown.status_code, unknown.json()["error_code"]) == (404, "RESOURCE_DOES_NOT_EXIST")


def test_scoring_client(scorer: ScoringServer) -> None:
    import pandas as pd

    with ScoringClient(scorer.url) as client:
        answer = client.invoke(pd.DataFrame([ROW]), params={"factor": 1.0})
        assert answer.predictions == [{"y": 3.5}]
        assert answer.model == "scorer"
        assert answer.model_version
        assert client.invoke({"x": [1.5], "n": [2]}, model="scorer").predictions == [{"y": 5.0}]
        assert client.models()[0]["name"] == "scorer"
        with pytest.raises(TracklineException) as err:
            client.invoke_raw("x,n\nabc,1\n", "text/csv")
        assert (err.value.error_code, err.value.http_status) == ("BAD_REQUEST", 400)


def test_ab_split_over_a_thousand_requests(models_dir: Path, tmp_path: Path) -> None:
    args = ["-m", f"a={models_dir / 'a'}", "-m", f"b={models_dir / 'b'}", "--split", "90,10"]
    with ScoringServer(args, tmp_path / "ab.log") as server, httpx.Client(base_url=server.url) as http:
        served = {m["name"]: m for m in http.get("/models").json()["models"]}
        assert {n: m["weight"] for n, m in served.items()} == {"a": 90, "b": 10}
        body = json.dumps({"dataframe_records": [{"x": 1.0}]})
        seen: Counter[tuple[str, str, str]] = Counter()
        for _ in range(1000):
            answer = http.post("/invocations", content=body, headers={"Content-Type": "application/json"})
            name = answer.headers["X-Trackline-Model"]
            version = answer.headers["X-Trackline-Model-Version"]
            assert version == served[name]["version"]
            seen[(name, version, answer.json()["predictions"][0])] += 1
        by_model = Counter({name: n for (name, _, _), n in seen.items()})
        assert abs(by_model["a"] - 900) <= 20, seen
        assert by_model["a"] + by_model["b"] == 1000, seen
        assert all(name == value for (name, _, value) in seen)  # each answer came from the model it names
        picked = http.post(
            "/invocations", content=body, headers={"Content-Type": "application/json", "X-Trackline-Model": "b"}
        )
        assert picked.json() == {"predictions": ["b"]}
        assert picked.headers["X-Trackline-Model"] == "b"
        assert http.post(
            "/models/a/invocations", content=body, headers={"Content-Type": "application/json"}
        ).json() == {"predictions": ["a"]}


def test_adaptive_batching_coalesces_concurrent_rows(models_dir: Path, tmp_path: Path) -> None:
    args = ["-m", str(models_dir / "batch"), "-w", "1", "--threads", "8", "--batch-max-rows", "8"]
    args += ["--batch-window-ms", "100"]
    with ScoringServer(args, tmp_path / "batch.log") as server:
        body = json.dumps({"dataframe_records": [{"x": 1.0}]})

        def one(_: int) -> int:
            answer = post(server.url + "/invocations", body)
            assert answer.status_code == 200, answer.text
            predictions = answer.json()["predictions"]
            assert len(predictions) == 1  # its own row, whatever batch it was in
            return int(predictions[0])

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            sizes = list(pool.map(one, range(16)))
        assert max(sizes) > 1, sizes
        two_rows = post(server.url + "/invocations", json.dumps({"dataframe_records": [{"x": 1.0}, {"x": 2.0}]}))
        assert len(two_rows.json()["predictions"]) == 2


def test_serve_fails_at_start_with_one_line(models_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "MLmodel").write_text("flavors:\n  python_function:\n    loader_module: mlflow.pyfunc.model\n")
    cases = [
        (["-m", str(tmp_path / "nowhere")], "no MLmodel file"),
        (["-m", str(broken)], "names no python_model file"),
        (["-m", str(models_dir / "a"), "--env-manager", "conda"], "--env-manager local"),
        (["-m", str(models_dir / "a"), "-m", str(models_dir / "b"), "--split", "1"], "1 weights for 2 models"),
    ]
    for args, reason in cases:
        done = subprocess.run(
            [str(BIN_DIR / "trackline"), "models", "serve", "-p", "1", *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        assert reason in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert "Traceback" not in done.stderr


def _predict(*args: str) -> subprocess.CompletedProcess[str]:
    command = [str(BIN_DIR / "trackline"), "models", "predict", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)


def test_predict_command(models_dir: Path, tmp_path: Path) -> None:
    model = str(models_dir / "scorer")
    request = tmp_path / "in.json"
    request.write_text(json.dumps({"dataframe_records": [ROW], "params": {"factor": 1.0}}))
    done = _predict("-m", model, "-i", str(request))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"predictions": [{"y": 3.5}]}

    (tmp_path / "in.csv").write_text("x,n\n1.5,2\n")
    out = tmp_path / "out.json"
    done = _predict("-m", model, "-i", str(tmp_path / "in.csv"), "-t", "csv", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text()) == {"predictions": [{"y": 5.0}]}

    request.write_text('{"dataframe_records": [{"x": 1.0, "n": 1.5}]}')
    done = _predict("-m", model, "-i", str(request))
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("trackline models predict: BAD_REQUEST:"), done.stderr
