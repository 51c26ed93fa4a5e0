"""The web UI: the files that ``make ui`` builds into ``ui_dist/``, served at ``/`` and ``/static-files/``.

``index.html`` is never cached, so a new build is picked up at once; the assets it loads carry a
hash of their content in their names and are cached for a year. When the browser accepts gzip,
the ``.gz`` twin that the build writes beside each text asset is sent instead. Without a build,
``/`` answers a short page that says how to make one. These are the only routes outside the
spec: they serve files, not operations.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, Response, request, send_from_directory

from .artifacts import guess_type

UI_DIST = Path(__file__).with_name("ui_dist")
ASSET_PREFIX = "/static-files"
YEAR = 365 * 24 * 3600

NOT_BUILT = """Trackline's web UI is not built in this installation.

Build it from the repository with `make ui` (it needs Node.js 20 and npm), or start the server
with `make serve`, which builds it when it is missing. The REST API is served under /api/ as usual.
"""

# Everything comes from this server: no inline scripts, no other origins, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def _send(dist: Path, name: str, max_age: int, immutable: bool) -> Response:
    gz = dist / f"{name}.gz"
    wants_gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    if wants_gzip and gz.is_file():
        resp = send_from_directory(dist, f"{name}.gz", max_age=max_age)
        resp.headers["Content-Encoding"] = "gzip"
        resp.mimetype = guess_type(name)
    else:
        resp = send_from_directory(dist, name, max_age=max_age)
    resp.headers["Vary"] = "Accept-Encoding"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Cache-Control"] = f"public, max-age={max_age}, immutable" if immutable else "no-cache"
    return resp


def ui_blueprint(dist: Path = UI_DIST) -> Blueprint:
    ui = Blueprint("ui", __name__)

    @ui.get("/")
    def index() -> Response:
        if not (dist / "index.html").is_file():
            return Response(NOT_BUILT, mimetype="text/plain")
        resp = _send(dist, "index.html", 0, immutable=False)
        resp.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        resp.headers["X-Frame-Options"] = "DENY"
        return resp

    @ui.get(f"{ASSET_PREFIX}/<path:name>")
    def asset(name: str) -> Response:
        hashed = name.startswith("assets/")
        return _send(dist, name, YEAR if hashed else 0, immutable=hashed)

    return ui


def install(app: Flask) -> None:
    app.register_blueprint(ui_blueprint())
