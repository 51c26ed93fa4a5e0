"""nginx from Debian in front of the replicas, running deploy/nginx/trackline.conf.

The cluster runs the deployment's site file as it is, with two kinds of lines replaced: the
``listen`` address (the cluster's port) and the upstream's ``server`` lines (one per replica,
with the parameters of the file's first one). nginx runs in the foreground of its own process
group (``daemon off``), so its master's PID is the one started; SIGHUP reloads the site.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
from pathlib import Path

from .layout import DEPLOY, Layout
from .processes import ClusterError, read_pid, start, stop

SITE = DEPLOY / "nginx" / "trackline.conf"
_LISTEN = re.compile(r"^([ \t]*)listen\s+[^;]+;", re.MULTILINE)
_UPSTREAM_SERVER = re.compile(r"^([ \t]*)server\s+127\.0\.0\.1:\d+([^;]*);\n", re.MULTILINE)


def render_site(site: str, port: int, replica_ports: list[int]) -> str:
    """``site`` listening on 127.0.0.1:``port``, its upstream the given replica ports."""
    servers = list(_UPSTREAM_SERVER.finditer(site))
    listens = list(_LISTEN.finditer(site))
    if not servers or len(listens) != 1:
        raise ClusterError(f"{SITE} must have one listen line and at least one upstream server line")
    indent, params = servers[0].group(1), servers[0].group(2)
    lines = "".join(f"{indent}server 127.0.0.1:{p}{params};\n" for p in replica_ports)
    first, last = servers[0], servers[-1]
    if site[first.start() : last.end()].count("\n") != len(servers):
        raise ClusterError(f"the upstream server lines of {SITE} must be together")
    site = site[: first.start()] + lines + site[last.end() :]
    return _LISTEN.sub(lambda m: f"{m.group(1)}listen 127.0.0.1:{port};", site, count=1)


def _main_config(layout: Layout) -> str:
    home = layout.path("nginx")
    temp = "\n".join(
        f"    {kind}_temp_path {home / 'tmp' / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""# Written by the cluster: the process settings, then the deployment's site file.
worker_processes 2;
pid {home / "nginx.pid"};
error_log {layout.path("logs", "nginx-error.log")} warn;
events {{
    worker_connections 1024;
}}
http {{
    access_log off;
{temp}
    include {home / "trackline.conf"};
}}
"""


def executable() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if found is None:
        raise ClusterError("nginx is not installed: run `make install-cluster`")
    return found


def write_config(layout: Layout, replicas: int) -> Path:
    home = layout.path("nginx")
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    site = render_site(SITE.read_text(), layout.port, layout.replica_ports(replicas))
    (home / "trackline.conf").write_text(site)
    main = home / "nginx.conf"
    main.write_text(_main_config(layout))
    return main


def up(layout: Layout, replicas: int) -> int:
    main = write_config(layout, replicas)
    home = layout.path("nginx")
    log = layout.path("logs", "nginx.log")
    command = [executable(), "-p", str(home), "-c", str(main), "-e", str(layout.path("logs", "nginx-error.log"))]
    return start([*command, "-g", "daemon off;"], layout.pid_file("nginx"), log)


def reload(layout: Layout, replicas: int) -> None:
    """Point nginx at the first ``replicas`` replicas (a graceful reload)."""
    write_config(layout, replicas)
    pid = read_pid(layout.pid_file("nginx"))
    if pid is None:
        raise ClusterError("nginx is not running")
    os.kill(pid, signal.SIGHUP)


def down(layout: Layout) -> bool:
    return stop(layout.pid_file("nginx"))
