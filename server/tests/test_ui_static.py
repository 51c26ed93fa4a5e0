"""The web UI's files: index never cached, hashed assets cached for a year and sent gzipped, and a
plain page that says how to build the UI when it is not built."""

from __future__ import annotations

import gzip
from pathlib import Path

from flask import Flask

from trackline_server.ui_static import CONTENT_SECURITY_POLICY, NOT_BUILT, ui_blueprint


def _app(dist: Path) -> Flask:
    app = Flask("ui-test")
    app.register_blueprint(ui_blueprint(dist))
    return app


def test_index_and_assets(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Trackline</title>")
    script = b"console.log('trackline');" * 20
    (tmp_path / "assets" / "index-abc123.js").write_bytes(script)
    (tmp_path / "assets" / "index-abc123.js.gz").write_bytes(gzip.compress(script))
    client = _app(tmp_path).test_client()

    index = client.get("/")
    assert index.status_code == 200 and b"<title>Trackline</title>" in index.data
    assert index.headers["Cache-Control"] == "no-cache"
    assert index.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert index.headers["X-Frame-Options"] == "DENY"

    plain = client.get("/static-files/assets/index-abc123.js")
    assert plain.data == script and "Content-Encoding" not in plain.headers
    assert plain.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    packed = client.get("/static-files/assets/index-abc123.js", headers={"Accept-Encoding": "gzip, br"})
    assert packed.headers["Content-Encoding"] == "gzip" and packed.mimetype == "text/javascript"
    assert gzip.decompress(packed.data) == script
    assert packed.headers["Vary"] == "Accept-Encoding"

    assert client.get("/static-files/assets/missing.js").status_code == 404
    assert client.get("/static-files/../index.html").status_code == 404


def test_without_a_build_the_root_says_how_to_build_it(tmp_path: Path) -> None:
    resp = _app(tmp_path / "nothing").test_client().get("/")
    assert resp.status_code == 200 and resp.mimetype == "text/plain"
    assert resp.get_data(as_text=True) == NOT_BUILT and "make ui" in NOT_BUILT
