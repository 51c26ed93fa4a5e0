"""examples/recommender end to end against a live Trackline server: train, log, register and
alias with ``train.py``, serve and query with curl in ``run.sh``; then the two registered
versions behind one server with ``--split 90,10`` over 1,000 requests."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections import Counter
from pathlib import Path

import httpx
import pytest

from conftest import LiveServer
from scoring_support import BIN_DIR, ScoringServer, free_port

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "recommender"


def scoring_curl_examples() -> list[str]:
    """The docs' curl examples for a scoring server (port 5001), which ask the recommender."""
    blocks = []
    for doc in (ROOT / "README.md", ROOT / "docs" / "models.md"):
        found = re.findall(r"```bash\n(.*?)```", doc.read_text(), flags=re.S)
        blocks += [b for b in found if "curl " in b and "127.0.0.1:5001" in b]
    assert len(blocks) >= 2, "expected the scoring curl examples of README.md and docs/models.md"
    return blocks


@pytest.mark.timeout(900)
def test_recommender_example(tmp_path: Path, unique: str) -> None:
    tracking = LiveServer("trackline", tmp_path)
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MLFLOW_", "TRACKLINE_"))}
        env.update(
            PATH=f"{BIN_DIR}{os.pathsep}{env.get('PATH', '')}",
            TRACKLINE_TRACKING_URI=tracking.url,
            RECS_MODEL_NAME=unique,
        )
        port = str(free_port())
        done = subprocess.run(
            [str(EXAMPLE / "run.sh"), port], capture_output=True, text=True, env=env, timeout=600, check=False
        )
        assert done.returncode == 0, done.stderr[-4000:]
        lines = done.stdout.strip().splitlines()
        assert json.loads(lines[0]) == {"model": unique, "versions": {"champion": "1", "challenger": "2"}}
        champion = json.loads(lines[1])["predictions"]
        assert len(champion) == 2
        assert all(1 <= len(picks) <= 2 and "games" not in picks for picks in champion)  # k=2, games out of stock
        counts = {m.group(2): int(m.group(1)) for m in re.finditer(r"(\d+) X-Trackline-Model: (\w+) ", done.stdout)}
        assert "X-Trackline-Model: champion X-Trackline-Model-Version: 1" in done.stdout
        assert sum(counts.values()) == 20
        assert counts["champion"] >= 15

        args = ["-m", f"models:/{unique}@champion", "-m", f"models:/{unique}@challenger", "--split", "90,10"]
        with ScoringServer(args, tmp_path / "ab.log", env=env) as server, httpx.Client(base_url=server.url) as http:
            body = json.dumps({"dataframe_records": [{"age": 34, "sessions": 12, "basket": 41.5}]})
            served: Counter[tuple[str, str]] = Counter()
            for _ in range(1000):
                answer = http.post("/invocations", content=body, headers={"Content-Type": "application/json"})
                assert answer.status_code == 200, answer.text
                served[(answer.headers["X-Trackline-Model"], answer.headers["X-Trackline-Model-Version"])] += 1
            for block in scoring_curl_examples():
                script = "set -euo pipefail\n" + block.replace("http://127.0.0.1:5001", server.url)
                ran = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60, check=False)
                assert ran.returncode == 0, ran.stderr
                assert '"predictions"' in ran.stdout, ran.stdout
                assert "error_code" not in ran.stdout, ran.stdout
        assert set(served) == {(f"{unique}@champion", "1"), (f"{unique}@challenger", "2")}
        assert abs(served[(f"{unique}@champion", "1")] - 900) <= 30, served
    finally:
        tracking.stop()
