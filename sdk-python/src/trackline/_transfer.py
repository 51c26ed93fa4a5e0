"""Moving artifact bytes through the server's ``mlflow-artifacts`` proxy.

Bodies are streamed both ways in chunks (``CHUNK_SIZE``): uploads read the local file (or a
generator) while sending, downloads write to disk while receiving, so memory use does not grow
with the file. Files at or over ``TransferSettings.multipart_threshold`` go up in parts through
the multipart endpoints; a server without multipart support (MLflow on a local artifact store
answers 501) gets one streamed ``PUT`` instead. Several files move in parallel.

The generated client buffers whole bodies in memory, so raw bodies go over the shared httpx
client here; JSON bodies still use the generated models.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import httpx

from trackline_api import models as api

from . import _convert as conv
from ._config import env_setting
from ._entities import FileInfo
from ._errors import TracklineException
from ._http import error_from_response, translate_errors
from ._progress import Progress, progress
from ._uris import ProxyLocation

__all__ = [
    "CHUNK_SIZE",
    "ArtifactTransfer",
    "RemoteFile",
    "TransferSettings",
    "file_checksum",
]

T = TypeVar("T")

#: Bytes read from disk or the network at a time.
CHUNK_SIZE = 1024 * 1024
MiB = 1024 * 1024
#: The server's limit on parts per multipart upload.
MAX_PARTS = 10000
PROXY_PREFIX = "/api/2.0/mlflow-artifacts"
_MD5_ETAG = re.compile(r'^"?([0-9a-fA-F]{32})"?$')


def file_checksum(path: str | os.PathLike[str], algorithm: str = "sha256") -> str:
    """The hex digest of a local file (``sha256``, ``md5`` or any :mod:`hashlib` name),
    read in chunks.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile(delete=False) as f:
    ...     _ = f.write(b"hello")
    >>> file_checksum(f.name, "md5")
    '5d41402abc4b2a76b9719d911017c592'
    >>> os.remove(f.name)
    """
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, algorithm).hexdigest()


def _env_bytes(name: str, default: int) -> int:
    raw = env_setting(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise TracklineException(
            f"Environment variable for {name} must be a whole number of bytes, got {raw!r}",
            error_code="INVALID_PARAMETER_VALUE",
        ) from None
    if value < 1:
        raise TracklineException(
            f"Environment variable for {name} must be positive, got {raw!r}",
            error_code="INVALID_PARAMETER_VALUE",
        )
    return value


@dataclass
class TransferSettings:
    """How artifacts move; ``from_env`` reads MLflow's variable names (``TRACKLINE_`` or
    ``MLFLOW_`` prefix): ``MULTIPART_UPLOAD_MINIMUM_FILE_SIZE`` and
    ``MULTIPART_UPLOAD_CHUNK_SIZE`` (bytes).
    """

    #: Files of at least this many bytes are uploaded in parts.
    multipart_threshold: int = 512 * MiB
    #: Bytes per part (raised when a file would need more than 10000 parts).
    multipart_chunk_size: int = 64 * MiB
    #: Parts of one file sent at the same time.
    part_workers: int = 2
    #: Files sent or received at the same time.
    file_workers: int = 4
    #: Further tries of a download cut off mid-way.
    download_retries: int = 2

    @classmethod
    def from_env(cls) -> TransferSettings:
        return cls(
            multipart_threshold=_env_bytes("MULTIPART_UPLOAD_MINIMUM_FILE_SIZE", 512 * MiB),
            multipart_chunk_size=_env_bytes("MULTIPART_UPLOAD_CHUNK_SIZE", 64 * MiB),
        )


class _FileRegion:
    """``length`` bytes of a file from ``offset``, as a request body that can be sent again.

    Each iteration reopens the file, so a retried request sends the same bytes; the progress
    count and the md5 start over with it.
    """

    def __init__(self, path: str, offset: int, length: int, counter: Progress) -> None:
        self.path = path
        self.offset = offset
        self.length = length
        self._counter = counter
        self._sent = 0
        self.md5 = hashlib.md5(usedforsecurity=False)

    def __iter__(self) -> Iterator[bytes]:
        if self._sent:
            self._counter.update(-self._sent)
        self._sent = 0
        self.md5 = hashlib.md5(usedforsecurity=False)
        with open(self.path, "rb") as handle:
            handle.seek(self.offset)
            left = self.length
            while left > 0:
                chunk = handle.read(min(CHUNK_SIZE, left))
                if not chunk:
                    raise TracklineException(
                        f"{self.path} shrank while it was being uploaded",
                        error_code="DATA_LOSS",
                    )
                left -= len(chunk)
                self.md5.update(chunk)
                self._sent += len(chunk)
                self._counter.update(len(chunk))
                yield chunk


class _Replayable:
    """A body made by ``factory`` each time it is sent (so retries resend all of it)."""

    def __init__(self, factory: Callable[[], Iterable[bytes]]) -> None:
        self._factory = factory

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._factory():
            if chunk:
                yield chunk


@dataclass(frozen=True)
class RemoteFile:
    """A file in the proxy and where it goes locally."""

    location: ProxyLocation
    local_path: Path
    size: int | None


class ArtifactTransfer:
    """Uploads, downloads and listings through one server's artifact proxy."""

    def __init__(self, http: httpx.Client, settings: TransferSettings) -> None:
        self._http = http
        self.settings = settings
        self._plain: httpx.Client | None = None
        self._lock = threading.Lock()

    # --- addresses --------------------------------------------------------------------------

    def _proxy_url(self, kind: str, loc: ProxyLocation) -> str:
        path = f"{PROXY_PREFIX}/{kind}/{quote(loc.path, safe='/')}"
        if loc.host is None:
            return path
        scheme = self._http.base_url.scheme or "http"
        return f"{scheme}://{loc.host}{path}"

    def _part_target(self, url: str) -> tuple[httpx.Client, str]:
        """Where to send a part: the tracking server's own part endpoint goes over our client
        (with credentials; by path, as the host name the server saw may not be the one we
        reach it by), anything else (an object store's presigned URL) over a plain client
        without our credentials."""
        parts = urlsplit(url)
        if not parts.netloc or parts.path.startswith(f"{PROXY_PREFIX}/mpu/part/"):
            return self._http, parts.path + (f"?{parts.query}" if parts.query else "")
        with self._lock:
            if self._plain is None:
                self._plain = httpx.Client(timeout=self._http.timeout)
            return self._plain, url

    def close(self) -> None:
        if self._plain is not None:
            self._plain.close()

    def _send(self, method: str, url: str, client: httpx.Client | None = None, **kwargs: Any) -> httpx.Response:
        with translate_errors():
            response = (client or self._http).request(method, url, **kwargs)
        if response.status_code >= 400:  # the tracking client's hook raised already
            raise error_from_response(response)
        return response

    # --- listing ----------------------------------------------------------------------------

    def list_dir(self, loc: ProxyLocation) -> list[FileInfo]:
        """The entries of one directory (names only; empty for a file or a missing path)."""
        url = self._proxy_url("artifacts", ProxyLocation(loc.host, "")).rstrip("/")
        params = {"path": loc.path} if loc.path else {}
        response = self._send("GET", url, params=params)
        with translate_errors():
            page = api.ListArtifactsProxyResponse.from_dict(response.json())
        return [conv.file_info(f) for f in conv.items(page.files)]

    def walk(self, loc: ProxyLocation) -> list[tuple[ProxyLocation, int | None]]:
        """Every file below ``loc`` (recursively) with its size."""
        files: list[tuple[ProxyLocation, int | None]] = []
        pending = [loc]
        while pending:
            directory = pending.pop()
            for entry in self.list_dir(directory):
                child = directory.child(entry.path.rsplit("/", 1)[-1])
                if entry.is_dir:
                    pending.append(child)
                else:
                    files.append((child, entry.file_size))
        return sorted(files, key=lambda item: item[0].path)

    # --- uploads ----------------------------------------------------------------------------

    def upload_file(self, local_path: str, loc: ProxyLocation, counter: Progress) -> None:
        """One local file to ``loc``: in parts when it is large enough, else one PUT."""
        size = os.path.getsize(local_path)
        if size >= self.settings.multipart_threshold and self._upload_parts(local_path, loc, size, counter):
            return
        self._send(
            "PUT",
            self._proxy_url("artifacts", loc),
            content=_FileRegion(local_path, 0, size, counter),
            headers={"Content-Type": "application/octet-stream", "Content-Length": str(size)},
        )

    def upload_stream(
        self,
        factory: Callable[[], Iterable[bytes]],
        loc: ProxyLocation,
        size: int | None = None,
    ) -> None:
        """The bytes ``factory()`` yields to ``loc`` (chunked when ``size`` is unknown)."""
        headers = {"Content-Type": "application/octet-stream"}
        if size is not None:
            headers["Content-Length"] = str(size)
        self._send("PUT", self._proxy_url("artifacts", loc), content=_Replayable(factory), headers=headers)

    def upload_files(self, pairs: Sequence[tuple[str, ProxyLocation]], description: str) -> None:
        """Several local files, ``file_workers`` at a time, with one progress bar."""
        total = sum(os.path.getsize(local) for local, _ in pairs)
        with progress(total, description) as counter:
            self._parallel(
                [partial(self.upload_file, local, loc, counter) for local, loc in pairs],
                self.settings.file_workers,
            )

    def _part_size(self, size: int) -> int:
        chunk = max(1, self.settings.multipart_chunk_size)
        return max(chunk, math.ceil(size / MAX_PARTS))

    def _upload_parts(self, local_path: str, loc: ProxyLocation, size: int, counter: Progress) -> bool:
        """A multipart upload; ``False`` when the server does not do multipart uploads."""
        part_size = self._part_size(size)
        num_parts = max(1, math.ceil(size / part_size))
        request = api.CreateMultipartUploadRequest(num_parts=num_parts, path=loc.path)
        try:
            response = self._send("POST", self._proxy_url("mpu/create", loc), json=request.to_dict())
        except TracklineException as exc:
            if exc.http_status == 501 or exc.error_code == "NOT_IMPLEMENTED":
                return False
            raise
        with translate_errors():
            created = api.CreateMultipartUploadResponse.from_dict(response.json())
        try:
            credentials = sorted(created.credentials, key=lambda c: c.part_number)
            if [c.part_number for c in credentials] != list(range(1, num_parts + 1)):
                raise TracklineException(
                    f"The server gave part numbers {[c.part_number for c in credentials]} "
                    f"for a {num_parts}-part upload",
                    error_code="INTERNAL_ERROR",
                )
            regions = [
                _FileRegion(local_path, offset, min(part_size, size - offset), counter)
                for offset in (part_size * (c.part_number - 1) for c in credentials)
            ]
            etags = self._parallel(
                [partial(self._upload_part, c, r) for c, r in zip(credentials, regions, strict=True)],
                self.settings.part_workers,
            )
            complete = api.CompleteMultipartUploadRequest(
                upload_id=created.upload_id,
                path=loc.path,
                parts=[
                    api.MultipartUploadPart(part_number=c.part_number, etag=etag, url=c.url)
                    for c, etag in zip(credentials, etags, strict=True)
                ],
            )
            self._send("POST", self._proxy_url("mpu/complete", loc), json=complete.to_dict())
        except BaseException:
            abort = api.AbortMultipartUploadRequest(upload_id=created.upload_id, path=loc.path)
            with suppress(TracklineException):
                self._send("POST", self._proxy_url("mpu/abort", loc), json=abort.to_dict())
            raise
        return True

    def _upload_part(self, credential: api.MultipartUploadCredential, body: _FileRegion) -> str:
        headers = {"Content-Length": str(body.length)}
        extra = conv.opt(credential.headers)
        if extra is not None:
            headers.update({str(k): str(v) for k, v in extra.additional_properties.items()})
        headers.setdefault("Content-Type", "application/octet-stream")
        client, url = self._part_target(credential.url)
        response = self._send("PUT", url, client, content=body, headers=headers)
        etag: str = response.headers.get("ETag", "")
        if response.content.strip():
            with translate_errors():
                etag = api.UploadMultipartPartResponse.from_dict(response.json()).etag
        local_md5 = body.md5.hexdigest()
        match = _MD5_ETAG.match(etag.strip())
        if match and match.group(1).lower() != local_md5:
            raise TracklineException(
                f"Part {credential.part_number} of {body.path} arrived damaged: the server's "
                f"md5 is {match.group(1)}, the local part's is {local_md5}",
                error_code="DATA_LOSS",
            )
        return etag

    # --- downloads --------------------------------------------------------------------------

    def download_file(self, remote: RemoteFile, counter: Progress) -> None:
        """One file to ``remote.local_path``, checked against the size the listing gave.

        The bytes go to a temporary file beside the target, which replaces the target only
        when complete; a download cut off mid-way is tried again from the start.
        """
        target = remote.local_path
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
        url = self._proxy_url("artifacts", remote.location)
        attempt = 0
        try:
            while True:
                written = 0
                try:
                    with translate_errors(), self._http.stream("GET", url) as response:
                        if response.status_code >= 400:
                            response.read()
                            raise error_from_response(response)
                        with open(temporary, "wb") as out:
                            for chunk in response.iter_bytes(CHUNK_SIZE):
                                out.write(chunk)
                                written += len(chunk)
                                counter.update(len(chunk))
                    break
                except TracklineException as exc:
                    counter.update(-written)
                    if exc.http_status is not None or attempt >= self.settings.download_retries:
                        raise
                    attempt += 1
            if remote.size is not None and written != remote.size:
                raise TracklineException(
                    f"Downloaded {written} bytes of {remote.location.path}, but the listing says it has {remote.size}",
                    error_code="DATA_LOSS",
                )
            os.replace(temporary, target)
        finally:
            with suppress(FileNotFoundError):
                temporary.unlink()

    def download_files(self, files: Sequence[RemoteFile], description: str) -> None:
        """Several files, ``file_workers`` at a time, with one progress bar."""
        total = sum(f.size or 0 for f in files)
        with progress(total, description) as counter:
            self._parallel(
                [partial(self.download_file, f, counter) for f in files],
                self.settings.file_workers,
            )

    def read(self, loc: ProxyLocation) -> bytes:
        """A small file's bytes (for ``load_text`` and ``load_dict``)."""
        return self._send("GET", self._proxy_url("artifacts", loc)).content

    # --- threads ----------------------------------------------------------------------------

    @staticmethod
    def _parallel(tasks: Sequence[Callable[[], T]], workers: int) -> list[T]:
        """Runs the tasks on up to ``workers`` threads; the first failure stops the rest."""
        if len(tasks) <= 1 or workers <= 1:
            return [task() for task in tasks]
        with ThreadPoolExecutor(max_workers=min(workers, len(tasks))) as pool:
            futures: list[Future[T]] = [pool.submit(task) for task in tasks]
            done, _ = wait(futures, return_when=FIRST_EXCEPTION)
            failed = [f for f in futures if f in done and f.exception() is not None]
            if failed:
                for future in futures:
                    future.cancel()
                error = failed[0].exception()
                assert error is not None
                raise error
            return [f.result() for f in futures]
