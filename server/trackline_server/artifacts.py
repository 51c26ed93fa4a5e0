"""Artifact stores (a local directory or S3-compatible object storage) and the proxy's file logic.

Bodies stream both ways in fixed-size chunks, so server memory does not grow with file size.
Every path is confined to its store's root: ``..``, absolute paths, encoded variants and symlinks
that lead outside are refused with a 400.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any, Protocol
from urllib.parse import unquote, urlparse

from .config import ServerConfig
from .errors import TracklineError, invalid, not_found

if TYPE_CHECKING:
    from mypy_boto3_s3.type_defs import ObjectIdentifierTypeDef

CHUNK = 1024 * 1024


class Readable(Protocol):
    """What an upload is read from: ``read(size)`` with a positive size, ``b""`` at the end."""

    def read(self, size: int = ..., /) -> bytes: ...


_DRIVE = re.compile(r"^[A-Za-z]:([\\/]|\Z)")
MAX_PARTS = 10_000


def safe_relative_path(path: str) -> str:
    """A normalised relative path that stays inside its root, or a 400.

    The path is checked in every decoded form (so that ``%2e%2e`` or ``%252e%252e`` cannot smuggle
    a ``..`` through a second decoding anywhere) but kept as given: a file named ``a%20b`` stays so.
    """
    forms = [path]
    for _ in range(3):
        once = unquote(forms[-1])
        if once == forms[-1]:
            break
        forms.append(once)
    for form in forms:
        if "\x00" in form or form.startswith(("/", "\\")) or _DRIVE.match(form):
            raise invalid(f"Invalid path: '{path}'.")
        if any(p == ".." for p in form.replace("\\", "/").split("/")):
            raise invalid(f"Invalid path: '{path}'.")
    return "/".join(p for p in path.split("/") if p not in ("", "."))


def _join(base: str, rel: str) -> str:
    return f"{base.rstrip('/')}/{rel}" if base and rel else (rel or base)


class Repository(Protocol):
    def write(self, rel: str, stream: Readable) -> int: ...

    def open(self, rel: str) -> tuple[Iterator[bytes], int]: ...

    def list(self, rel: str) -> list[dict[str, Any]]: ...

    def delete(self, rel: str) -> bool: ...

    def ping(self) -> None: ...


class LocalRepository:
    def __init__(self, root: str) -> None:
        self.root = os.path.abspath(root)

    def _path(self, rel: str) -> str:
        rel = safe_relative_path(rel)
        os.makedirs(self.root, exist_ok=True)
        root_real = os.path.realpath(self.root)
        full = os.path.join(self.root, rel) if rel else self.root
        real = os.path.realpath(full)
        if real != root_real and not real.startswith(root_real + os.sep):
            raise invalid(f"Invalid path: '{rel}' leads outside the artifact store.")
        return full

    def write(self, rel: str, stream: Readable) -> int:
        if not safe_relative_path(rel):
            raise invalid("An artifact path must name a file.")
        path = self._path(rel)
        if os.path.isdir(path):
            raise invalid(f"Artifact path '{rel}' is a directory.")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self._path(rel)  # the directories just made may not lead outside either
        tmp = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.{uuid.uuid4().hex}.part")
        size = 0
        try:
            with open(tmp, "wb") as out:
                while chunk := stream.read(CHUNK):
                    out.write(chunk)
                    size += len(chunk)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return size

    def ping(self) -> None:
        """Raises unless the store's root is a writable directory."""
        os.makedirs(self.root, exist_ok=True)
        if not os.access(self.root, os.W_OK | os.X_OK):
            raise OSError(f"{self.root} is not writable")

    def open(self, rel: str) -> tuple[Iterator[bytes], int]:
        path = self._path(rel)
        if os.path.isdir(path):
            raise invalid(f"Artifact path '{rel}' refers to a directory; list it instead.")
        if not os.path.isfile(path):
            raise not_found(f"Artifact '{rel}' does not exist.")
        size = os.path.getsize(path)

        def chunks() -> Iterator[bytes]:
            with open(path, "rb") as handle:
                while chunk := handle.read(CHUNK):
                    yield chunk

        return chunks(), size

    def list(self, rel: str) -> list[dict[str, Any]]:
        path = self._path(rel)
        if not os.path.isdir(path):
            return []
        out = []
        for entry in sorted(os.scandir(path), key=lambda e: e.name):
            if entry.name.endswith(".part") and entry.name.startswith("."):
                continue  # an upload in progress
            if entry.is_dir(follow_symlinks=False):
                out.append({"path": entry.name, "is_dir": True})
            elif entry.is_file(follow_symlinks=False):
                out.append({"path": entry.name, "is_dir": False, "file_size": entry.stat().st_size})
        return out

    def delete(self, rel: str) -> bool:
        path = self._path(rel)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
            return True
        if os.path.lexists(path):
            os.unlink(path)
            return True
        return False


class S3Repository:
    def __init__(self, bucket: str, prefix: str) -> None:
        import boto3
        from boto3.s3.transfer import TransferConfig
        from botocore.config import Config

        endpoint = os.environ.get("MLFLOW_S3_ENDPOINT_URL") or os.environ.get("TRACKLINE_S3_ENDPOINT_URL")
        # An object store that is down fails a request within seconds (a 503 to the client, who
        # retries), instead of botocore's own retries holding a worker thread.
        config = Config(connect_timeout=3, read_timeout=60, retries={"mode": "standard", "max_attempts": 2})
        self.client = boto3.client("s3", endpoint_url=endpoint or None, config=config)
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.transfer = TransferConfig(multipart_chunksize=8 * CHUNK, max_concurrency=2, io_chunksize=CHUNK)

    def _key(self, rel: str) -> str:
        return _join(self.prefix, safe_relative_path(rel))

    def ping(self) -> None:
        """Raises unless the bucket answers."""
        self.client.head_bucket(Bucket=self.bucket)

    def write(self, rel: str, stream: Readable) -> int:
        if not safe_relative_path(rel):
            raise invalid("An artifact path must name a file.")
        counter = _CountingReader(stream)
        # boto3 only calls read(size) on the body; its stubs ask for a whole IO.
        self.client.upload_fileobj(counter, self.bucket, self._key(rel), Config=self.transfer)  # type: ignore[arg-type]
        return counter.count

    def open(self, rel: str) -> tuple[Iterator[bytes], int]:
        key = self._key(rel)
        try:
            obj = self.client.get_object(Bucket=self.bucket, Key=key)
        except self.client.exceptions.NoSuchKey:
            if self.list(rel):
                raise invalid(f"Artifact path '{rel}' refers to a directory; list it instead.") from None
            raise not_found(f"Artifact '{rel}' does not exist.") from None
        body = obj["Body"]
        return body.iter_chunks(CHUNK), int(obj["ContentLength"])

    def list(self, rel: str) -> list[dict[str, Any]]:
        base = self._key(rel)
        prefix = f"{base}/" if base else ""
        out: list[dict[str, Any]] = []
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix, Delimiter="/"):
            for common in page.get("CommonPrefixes", []):
                out.append({"path": common["Prefix"][len(prefix) :].rstrip("/"), "is_dir": True})
            for obj in page.get("Contents", []):
                name = obj["Key"][len(prefix) :]
                if name:
                    out.append({"path": name, "is_dir": False, "file_size": int(obj["Size"])})
        return sorted(out, key=lambda e: e["path"])

    def delete(self, rel: str) -> bool:
        key = self._key(rel)
        found = False
        paginator = self.client.get_paginator("list_objects_v2")
        for prefix in (f"{key}/", None):
            if prefix is None:
                try:
                    self.client.head_object(Bucket=self.bucket, Key=key)
                except self.client.exceptions.ClientError:
                    continue
                self.client.delete_object(Bucket=self.bucket, Key=key)
                found = True
                continue
            for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix):
                objects: list[ObjectIdentifierTypeDef] = [{"Key": o["Key"]} for o in page.get("Contents", [])]
                if objects:
                    self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": objects})
                    found = True
        return found


class _CountingReader:
    def __init__(self, stream: Readable) -> None:
        self.stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.count += len(data)
        return data


def repository_for(uri: str) -> Repository:
    """A repository for a destination: a local path, ``file://`` URI or ``s3://bucket/prefix``."""
    if uri.startswith("s3://"):
        parsed = urlparse(uri)
        return S3Repository(parsed.netloc, parsed.path)
    if uri.startswith("file://"):
        return LocalRepository(unquote(urlparse(uri).path))
    if "://" in uri:
        raise invalid(f"Artifact stores of the kind '{uri.split('://')[0]}' are not supported.")
    return LocalRepository(uri)


class ArtifactService:
    """The proxy's store, plus access to run artifact locations that are not proxied."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.proxy = repository_for(config.artifacts_destination_uri)
        self.uploads_dir = config.uploads_path

    def resolve(self, artifact_uri: str) -> tuple[Repository, str]:
        """The repository and the path inside it behind an artifact URI."""
        if artifact_uri.startswith("mlflow-artifacts:"):
            rest = urlparse(artifact_uri).path.lstrip("/")
            return self.proxy, safe_relative_path(rest)
        if artifact_uri.startswith("s3://"):
            parsed = urlparse(artifact_uri)
            return S3Repository(parsed.netloc, ""), safe_relative_path(parsed.path.lstrip("/"))
        if artifact_uri.startswith("file://"):
            return LocalRepository(unquote(urlparse(artifact_uri).path)), ""
        if artifact_uri.startswith("/"):
            return LocalRepository(artifact_uri), ""
        raise invalid(f"Artifacts stored at '{artifact_uri}' cannot be reached by this server.")

    def list_run_artifacts(self, root_uri: str, path: str) -> list[dict[str, Any]]:
        rel = safe_relative_path(path)
        repo, base = self.resolve(root_uri)
        entries = repo.list(_join(base, rel))
        return [{**e, "path": _join(rel, e["path"])} for e in entries]

    def open_run_artifact(self, root_uri: str, path: str) -> tuple[Iterator[bytes], int]:
        """One file under a run's artifact root, as chunks and its size."""
        rel = safe_relative_path(path)
        if not rel:
            raise invalid("An artifact path must name a file.")
        repo, base = self.resolve(root_uri)
        return repo.open(_join(base, rel))

    def delete_location(self, artifact_uri: str) -> bool:
        repo, base = self.resolve(artifact_uri)
        return repo.delete(base)

    # ---------------------------------------------------------------- the proxy's files

    def upload(self, path: str, stream: Readable) -> int:
        return self.proxy.write(safe_relative_path(path), stream)

    def download(self, path: str) -> tuple[str, Iterator[bytes], int]:
        """The file's normalised path, its chunks and its size."""
        rel = safe_relative_path(path)
        chunks, size = self.proxy.open(rel)
        return rel, chunks, size

    def list_proxied(self, path: str) -> list[dict[str, Any]]:
        return self.proxy.list(safe_relative_path(path))

    def delete_proxied(self, path: str) -> None:
        """Deletes a file or a directory of the proxy's store, never its root."""
        rel = safe_relative_path(path)
        if not rel:
            raise invalid("Refusing to delete the root of the artifact store.")
        self.proxy.delete(rel)

    # ---------------------------------------------------------------- multipart uploads

    def _upload_dir(self, upload_id: str) -> str:
        if not upload_id or not all(c in "0123456789abcdef" for c in upload_id):
            raise not_found(f"No multipart upload with id '{upload_id}'.")
        path = os.path.join(self.uploads_dir, upload_id)
        if not os.path.isdir(path):
            raise not_found(f"No multipart upload with id '{upload_id}'.")
        return path

    def create_upload(self, path: str, num_parts: int) -> tuple[str, str]:
        """The new upload's id and the file's normalised path."""
        rel = safe_relative_path(path)
        if not rel:
            raise invalid("An artifact path must name a file.")
        if num_parts < 1 or num_parts > MAX_PARTS:
            raise invalid(f"num_parts must be between 1 and {MAX_PARTS}.")
        upload_id = uuid.uuid4().hex
        path = os.path.join(self.uploads_dir, upload_id)
        staging = f"{path}.new"  # the upload appears whole, its target written, or not at all
        os.makedirs(staging)
        with open(os.path.join(staging, "target"), "w", encoding="utf-8") as handle:
            handle.write(rel)
        os.rename(staging, path)
        return upload_id, rel

    def _check_target(self, upload_dir: str, rel: str) -> None:
        try:
            with open(os.path.join(upload_dir, "target"), encoding="utf-8") as handle:
                target = handle.read()
        except FileNotFoundError:  # completed or aborted by a concurrent request
            raise _upload_gone(upload_dir) from None
        if target != safe_relative_path(rel):
            raise invalid("The path does not match the multipart upload's path.")

    def upload_part(self, rel: str, upload_id: str, part_number: int, stream: Readable) -> str:
        upload_dir = self._upload_dir(upload_id)
        self._check_target(upload_dir, rel)
        if part_number < 1 or part_number > MAX_PARTS:
            raise invalid(f"part_number must be between 1 and {MAX_PARTS}.")
        digest = hashlib.md5(usedforsecurity=False)
        tmp = os.path.join(upload_dir, f"part-{part_number}.tmp")
        try:
            with open(tmp, "wb") as out:
                while chunk := stream.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            os.replace(tmp, os.path.join(upload_dir, f"part-{part_number}"))
        except FileNotFoundError:
            raise _upload_gone(upload_dir) from None
        return digest.hexdigest()

    def complete_upload(self, rel: str, upload_id: str, parts: list[dict[str, Any]]) -> int:
        """Joins the parts into the file; returns its size."""
        upload_dir = self._upload_dir(upload_id)
        self._check_target(upload_dir, rel)
        numbers = [int(p["part_number"]) for p in parts]
        if not numbers or sorted(numbers) != numbers or len(set(numbers)) != len(numbers):
            raise invalid("parts must list each uploaded part once, in ascending part_number order.")
        for number in numbers:
            if not os.path.isfile(os.path.join(upload_dir, f"part-{number}")):
                raise invalid(f"Part {number} of upload '{upload_id}' was not uploaded.")
        try:
            size = self.proxy.write(
                safe_relative_path(rel), _PartsReader([os.path.join(upload_dir, f"part-{n}") for n in numbers])
            )
        except FileNotFoundError:
            raise _upload_gone(upload_dir) from None
        shutil.rmtree(upload_dir, ignore_errors=True)
        return size

    def abort_upload(self, rel: str, upload_id: str) -> None:
        upload_dir = self._upload_dir(upload_id)
        self._check_target(upload_dir, rel)
        shutil.rmtree(upload_dir, ignore_errors=True)


def _upload_gone(upload_dir: str) -> TracklineError:
    return not_found(f"No multipart upload with id '{os.path.basename(upload_dir)}'.")


class _PartsReader:
    """Reads several files one after the other, as one stream."""

    def __init__(self, paths: list[str]) -> None:
        self.paths = list(paths)
        self.current: IO[bytes] | None = None

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes; fewer only at the very end (readers take a short read as the end)."""
        want = size if size and size > 0 else CHUNK
        out = bytearray()
        while len(out) < want:
            if self.current is None:
                if not self.paths:
                    break
                self.current = open(self.paths.pop(0), "rb")  # noqa: SIM115
            data = self.current.read(want - len(out))
            if not data:
                self.current.close()
                self.current = None
                continue
            out += data
        return bytes(out)


def guess_type(path: str) -> str:
    return mimetypes.guess_type(path)[0] or "application/octet-stream"
