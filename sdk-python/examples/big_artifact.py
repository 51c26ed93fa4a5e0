"""Upload and download one big artifact through the SDK, and watch the server's memory.

A benchmark-style check, not a test: it writes a file of ``--size-gb`` GB (default 2), logs it
to a new run with ``TracklineClient.log_artifact`` (multipart above the threshold), downloads
it again with ``download_artifacts``, compares the SHA-256 of both copies and, given the
server's PID, samples the resident memory (RSS) of the server's whole process tree from
/proc while the bytes move (when the transfer starts, every 50 ms, between upload and download,
and right after). It prints the throughput, whether the checksums match and how much the
server's RSS grew over its level before the transfer.

    python examples/big_artifact.py --tracking-uri http://127.0.0.1:5000 --server-pid 1234

Exit status 0 when the checksums match, 1 otherwise. ``--json`` prints the figures as JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from trackline import TracklineClient
from trackline.artifacts import file_checksum

MiB = 1024 * 1024
BLOCK = 4 * MiB


def write_test_file(path: Path, size: int) -> str:
    """``size`` bytes that do not repeat in any useful way; returns their SHA-256."""
    digest = hashlib.sha256()
    seed = os.urandom(BLOCK)
    with path.open("wb") as out:
        written = 0
        counter = 0
        while written < size:
            # Each block is the random seed rotated by its own amount, after its number: no
            # two blocks are alike, and no per-byte work is done in Python.
            rotation = (counter * 7919) % BLOCK
            block = counter.to_bytes(8, "little") + seed[rotation:] + seed[:rotation]
            block = block[: min(BLOCK, size - written)]
            out.write(block)
            digest.update(block)
            written += len(block)
            counter += 1
    return digest.hexdigest()


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name (field 2) may hold spaces; the parent PID follows the ')'.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry))
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, []))
    return tree


def rss_bytes(pids: list[int]) -> int:
    """The summed resident set size of ``pids`` (processes that ended count as 0)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            continue
    return total


def server_rss(root: int) -> int:
    """The RSS of ``root``'s process tree; an error when nothing could be read (the server is
    gone, or /proc is not readable): a measurement of 0 would be wrong, not small."""
    value = rss_bytes(process_tree(root))
    if value <= 0:
        raise RuntimeError(f"no resident memory could be read for process {root} and its children")
    return value


class RssSampler(threading.Thread):
    """Samples the RSS of a process tree while bytes move, keeping the peak.

    It samples when started (before ``start`` returns), every ``interval`` seconds after
    that, whenever :meth:`sample` is called (between the phases of a transfer), and once more
    when stopped: however fast the transfer, there are samples at its start, in its middle
    and right after it.
    """

    def __init__(self, root: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.peak = 0
        self.samples = 0
        self._lock = threading.Lock()
        self._first = threading.Event()
        self._stop_event = threading.Event()
        self._error: BaseException | None = None

    def sample(self) -> int:
        value = server_rss(self.root)
        with self._lock:
            self.peak = max(self.peak, value)
            self.samples += 1
        return value

    def run(self) -> None:
        try:
            self.sample()
            self._first.set()
            while not self._stop_event.wait(self.interval):
                self.sample()
        except BaseException as exc:  # handed to the main thread by stop()
            self._error = exc
        finally:
            self._first.set()

    def start(self) -> None:
        super().start()
        self._first.wait()

    def stop(self) -> None:
        self._stop_event.set()
        self.join()
        if self._error is not None:
            raise self._error
        self.sample()


def mib(n: float) -> str:
    return f"{n / MiB:,.1f} MiB"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--tracking-uri", required=True, help="the server, http://host:port")
    parser.add_argument("--server-pid", type=int, help="PID of the server's main process")
    parser.add_argument("--size-gb", type=float, default=2.0, help="file size in GB (GiB)")
    parser.add_argument("--workdir", help="where the local files go (default: a temp dir)")
    parser.add_argument("--multipart-threshold-mb", type=int, help="override the SDK's")
    parser.add_argument("--part-size-mb", type=int, help="override the SDK's part size")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args(argv)


def transfer(args: argparse.Namespace, source: Path, figures: dict[str, Any]) -> Path:
    """Logs ``source`` to a new run and downloads it again, sampling the server's RSS."""
    with TracklineClient(args.tracking_uri) as client:
        settings = client.transfer_settings
        if args.multipart_threshold_mb:
            settings.multipart_threshold = args.multipart_threshold_mb * MiB
        if args.part_size_mb:
            settings.multipart_chunk_size = args.part_size_mb * MiB
        figures["multipart"] = figures["size_bytes"] >= settings.multipart_threshold
        experiment = client.get_experiment_by_name("big-artifact")
        experiment_id = experiment.experiment_id if experiment else client.create_experiment("big-artifact")
        run_id = client.create_run(experiment_id, run_name=f"{args.size_gb:g} GB").info.run_id
        figures["run_id"] = run_id

        sampler = RssSampler(args.server_pid) if args.server_pid else None
        if sampler:
            figures["server_processes"] = len(process_tree(args.server_pid))
            figures["server_rss_before_bytes"] = server_rss(args.server_pid)
            sampler.start()

        try:
            started = time.perf_counter()
            client.log_artifact(run_id, source)
            figures["upload_seconds"] = time.perf_counter() - started
            if sampler:
                sampler.sample()
            started = time.perf_counter()
            downloaded = client.download_artifacts(run_id, source.name, source.parent / "download")
            figures["download_seconds"] = time.perf_counter() - started
        finally:
            if sampler:
                sampler.stop()

        if sampler:
            figures["server_rss_peak_bytes"] = sampler.peak
            figures["server_rss_growth_bytes"] = sampler.peak - figures["server_rss_before_bytes"]
            figures["rss_samples"] = sampler.samples
    return Path(downloaded)


def report(figures: dict[str, Any]) -> None:
    size = figures["size_bytes"]
    kind = "multipart" if figures["multipart"] else "one PUT"
    print(f"file           {mib(size)} ({kind})")
    for way in ("upload", "download"):
        print(f"{way:<15}{figures[way + '_seconds']} s, {figures[way + '_mb_per_s']} MiB/s")
    verdict = "match" if figures["checksum_ok"] else "MISMATCH"
    print(f"sha256         {verdict} ({figures['sha256']})")
    if "server_rss_peak_bytes" in figures:
        print(
            f"server RSS     {mib(figures['server_rss_before_bytes'])} before, "
            f"{mib(figures['server_rss_peak_bytes'])} peak "
            f"({figures['server_processes']} processes, {figures['rss_samples']} samples): "
            f"+{mib(figures['server_rss_growth_bytes'])}"
        )
    print(f"client RSS     {mib(figures['client_peak_rss_bytes'])} peak")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    size = int(args.size_gb * 1024 * MiB)
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="big-artifact-"))
    workdir.mkdir(parents=True, exist_ok=True)
    source = workdir / "big.bin"
    figures: dict[str, Any] = {"size_bytes": size, "tracking_uri": args.tracking_uri}
    try:
        started = time.perf_counter()
        figures["sha256"] = write_test_file(source, size)
        figures["write_seconds"] = round(time.perf_counter() - started, 2)
        downloaded = transfer(args, source, figures)
        figures["checksum_ok"] = file_checksum(downloaded) == figures["sha256"]
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    for way in ("upload", "download"):
        seconds = figures[way + "_seconds"]
        figures[way + "_mb_per_s"] = round(size / MiB / seconds, 1)
        figures[way + "_seconds"] = round(seconds, 2)
    # ru_maxrss is in KiB on Linux.
    figures["client_peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        report(figures)
    return 0 if figures["checksum_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
