"""``python -m tlcluster up|down|status|scale N`` (what ``make cluster`` and ``make cluster-down`` run)."""

from __future__ import annotations

import argparse
import sys

from .cluster import Cluster
from .layout import Layout
from .processes import ClusterError


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="tlcluster", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("up", help="start the cluster; prints its URL once it answers")
    down = sub.add_parser("down", help="stop every part of the cluster by its PID")
    down.add_argument("--wipe", action="store_true", help="also remove the cluster's data (.cluster)")
    sub.add_parser("status", help="the PIDs of the running parts")
    scale = sub.add_parser("scale", help="serve through the first N replicas")
    scale.add_argument("replicas", type=int)
    args = parser.parse_args(argv)

    layout = Layout.from_env()
    cluster = Cluster(layout)
    try:
        if args.command == "up":
            layout.directory.mkdir(parents=True, exist_ok=True)
            url = cluster.up()
            print(f"Trackline cluster: {url} ({layout.replicas} replicas; PIDs in {layout.directory}/*.pid)")
        elif args.command == "down":
            stopped = cluster.down(wipe=args.wipe)
            print("stopped: " + (", ".join(stopped) if stopped else "nothing was running"))
        elif args.command == "status":
            for name, pid in cluster.status().items():
                print(f"{name:12} {pid if pid is not None else 'not running'}")
        elif args.command == "scale":
            cluster.scale(args.replicas)
            print(f"serving through {args.replicas} replicas")
    except ClusterError as exc:
        print(f"tlcluster: {exc}", file=sys.stderr)
        sys.exit(1)
