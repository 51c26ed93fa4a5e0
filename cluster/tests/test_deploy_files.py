"""The deployment files the cluster runs: the nginx site as rendered, the environment file as read."""

from __future__ import annotations

import pytest

from tlcluster.cluster import ENV_FILE, read_env_file
from tlcluster.nginx import SITE, render_site
from tlcluster.processes import ClusterError


def test_the_site_is_rendered_with_only_the_listen_and_server_lines_changed() -> None:
    site = SITE.read_text()
    rendered = render_site(site, 18080, [18501, 18502])
    changed = [line for line in rendered.splitlines() if line not in site.splitlines()]
    assert [line.strip() for line in changed] == [
        "server 127.0.0.1:18501 max_fails=1 fail_timeout=2s;",
        "server 127.0.0.1:18502 max_fails=1 fail_timeout=2s;",
        "listen 127.0.0.1:18080;",
    ]
    assert "127.0.0.1:5003" not in rendered and "listen 127.0.0.1:8080;" not in rendered
    assert rendered.count("proxy_next_upstream error timeout;") == 1


def test_a_site_without_upstream_servers_is_refused() -> None:
    with pytest.raises(ClusterError):
        render_site("server {\n    listen 80;\n}\n", 18080, [18501])


def test_the_environment_file_sets_every_replica_setting() -> None:
    env = read_env_file(ENV_FILE)
    assert env["TRACKLINE_BACKEND_STORE_URI"].startswith("postgresql://")
    assert env["TRACKLINE_ARTIFACTS_DESTINATION"].startswith("s3://")
    assert {"MLFLOW_S3_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "TRACKLINE_WORKERS"} <= set(env)
    assert env["TRACKLINE_METRICS"] == "true"
