"""The artifact part of ``TracklineClient``: ``MlflowClient``'s artifact methods, over the
server's ``mlflow-artifacts`` proxy (see ``_transfer`` for how bytes move)."""

from __future__ import annotations

import os
import posixpath
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

from trackline_api import models as api
from trackline_api.api.artifacts import list_artifacts
from trackline_api.api.runs import get_run

from . import _convert as conv
from . import _entities as ent
from . import _media as media
from ._client_base import ClientBase
from ._errors import TracklineException
from ._paging import collect
from ._transfer import RemoteFile, TransferSettings
from ._uris import ProxyLocation, clean_artifact_path, proxy_location

__all__ = ["ArtifactsMixin"]

#: Runs whose artifact location is remembered per client.
_ROOT_CACHE_SIZE = 1024
#: Pieces of a generated body are sent in chunks of at least this size.
_STREAM_CHUNK = 64 * 1024


class ArtifactsMixin(ClientBase):
    """Upload, list and download a run's artifacts."""

    @property
    def transfer_settings(self) -> TransferSettings:
        """Multipart threshold and part size, parallelism: change them on this object."""
        return self._transfer.settings

    # --- where things are ----------------------------------------------------------------------

    @cached_property
    def _artifact_roots(self) -> dict[str, ProxyLocation]:
        """Runs' artifact roots in the proxy, by run id."""
        return {}

    def _run_root(self, run_id: str) -> ProxyLocation:
        """The run's artifact root in the proxy (remembered: it never changes)."""
        cached = self._artifact_roots.get(run_id)
        if cached is not None:
            return cached
        info = self._call(get_run.sync_detailed, api.RunResponse, run_id=run_id).run.info
        uri = conv.opt(info.artifact_uri)
        if not uri:
            raise TracklineException(f"Run {run_id} has no artifact location", error_code="INVALID_STATE")
        root = proxy_location(uri)
        if len(self._artifact_roots) >= _ROOT_CACHE_SIZE:
            self._artifact_roots.clear()
        self._artifact_roots[run_id] = root
        return root

    # --- uploads -------------------------------------------------------------------------------

    def log_artifact(self, run_id: str, local_path: str | os.PathLike[str], artifact_path: str | None = None) -> None:
        """Upload a local file (or a directory, under its own name) to the run's artifacts,
        into the directory ``artifact_path``.

        Large files are uploaded in parts (see :attr:`transfer_settings`); transfers of a few
        MB or more show a progress bar when stderr is a terminal and tqdm is installed.
        """
        path = os.fspath(local_path)
        name = os.path.basename(os.path.normpath(path))
        if os.path.isdir(path):
            self.log_artifacts(run_id, path, posixpath.join(clean_artifact_path(artifact_path), name))
            return
        if not os.path.isfile(path):
            raise TracklineException(f"No such file: {path}", error_code="INVALID_PARAMETER_VALUE")
        destination = self._run_root(run_id).child(artifact_path, name)
        self._transfer.upload_files([(path, destination)], name)

    def log_artifacts(self, run_id: str, local_dir: str | os.PathLike[str], artifact_path: str | None = None) -> None:
        """Upload a directory tree to the run's artifacts, into ``artifact_path``, several
        files at a time."""
        directory = os.fspath(local_dir)
        if not os.path.isdir(directory):
            raise TracklineException(f"No such directory: {directory}", error_code="INVALID_PARAMETER_VALUE")
        root = self._run_root(run_id).child(artifact_path)
        pairs: list[tuple[str, ProxyLocation]] = []
        for current, subdirs, files in os.walk(directory):
            subdirs.sort()
            for name in sorted(files):
                local = os.path.join(current, name)
                relative = os.path.relpath(local, directory).replace(os.sep, "/")
                pairs.append((local, root.child(relative)))
        name = os.path.basename(os.path.normpath(directory))
        self._transfer.upload_files(pairs, name)

    def _upload_pieces(self, run_id: str, artifact_file: str, pieces: Callable[[], Iterable[bytes]]) -> None:
        """Upload what ``pieces()`` yields, regrouped into chunks of a useful size."""
        destination = self._artifact_file(run_id, artifact_file)

        def body() -> Iterator[bytes]:
            buffer = bytearray()
            for piece in pieces():
                buffer += piece
                if len(buffer) >= _STREAM_CHUNK:
                    yield bytes(buffer)
                    buffer.clear()
            if buffer:
                yield bytes(buffer)

        self._transfer.upload_stream(body, destination)

    def _artifact_file(self, run_id: str, artifact_file: str) -> ProxyLocation:
        if not clean_artifact_path(artifact_file):
            raise TracklineException(
                "artifact_file must name a file, such as 'notes/summary.txt'",
                error_code="INVALID_PARAMETER_VALUE",
            )
        return self._run_root(run_id).child(artifact_file)

    def log_text(self, run_id: str, text: str, artifact_file: str) -> None:
        """Write ``text`` (UTF-8) to the run's artifact file ``artifact_file``
        (such as ``notes/summary.txt``)."""
        data = text.encode("utf-8")
        self._transfer.upload_stream(lambda: [data], self._artifact_file(run_id, artifact_file), len(data))

    def log_dict(self, run_id: str, dictionary: Any, artifact_file: str) -> None:
        """Write ``dictionary`` to the run's artifact file ``artifact_file``: as YAML for
        ``.yaml``/``.yml`` names (needs PyYAML), else as JSON. JSON is produced while it is
        sent, so large dicts need no second copy in memory."""
        self._upload_pieces(run_id, artifact_file, lambda: media.dict_chunks(dictionary, artifact_file))

    def _log_saved(self, run_id: str, artifact_file: str, save: Any) -> None:
        destination = self._artifact_file(run_id, artifact_file)
        with tempfile.TemporaryDirectory(prefix="trackline-") as tmp:
            local = os.path.join(tmp, posixpath.basename(destination.path))
            save(local)
            self._transfer.upload_files([(local, destination)], posixpath.basename(local))

    def log_figure(
        self,
        run_id: str,
        figure: Any,
        artifact_file: str,
        *,
        save_kwargs: dict[str, Any] | None = None,
    ) -> None:
        """Save a matplotlib or plotly figure as the run's artifact file ``artifact_file``;
        the format follows the name (``plots/loss.png``, ``.pdf``, ``.svg``, plotly ``.html``).
        """
        self._log_saved(run_id, artifact_file, lambda local: media.save_figure(figure, local, save_kwargs))

    def log_image(
        self,
        run_id: str,
        image: Any,
        artifact_file: str | None = None,
        key: str | None = None,
        step: int | None = None,
        timestamp: int | None = None,
        synchronous: bool | None = None,
    ) -> None:
        """Save an image as the run's artifact file ``artifact_file`` (``images/x.png``).

        ``image`` is a PIL image or a numpy array: (H, W) grayscale, (H, W, 3) RGB or
        (H, W, 4) RGBA, integers in 0..255 or floats in 0..1 (needs Pillow).
        MLflow's step-indexed form (``key``/``step``) is not supported.
        """
        del timestamp, synchronous
        if artifact_file is None or key is not None or step is not None:
            raise TracklineException(
                "log_image needs artifact_file; the key/step form is not supported",
                error_code="INVALID_PARAMETER_VALUE",
            )
        self._log_saved(run_id, artifact_file, lambda local: media.save_image(image, local))

    # --- listing and downloads -----------------------------------------------------------------

    def list_artifacts(self, run_id: str, path: str | None = None) -> list[ent.FileInfo]:
        """The artifacts in one directory of a run (the root by default); paths are relative
        to the run's artifact root (``plots/loss.png``)."""

        def fetch(_want: int, token: str | None) -> ent.PagedList[ent.FileInfo]:
            answer = self._call(
                list_artifacts.sync_detailed,
                api.ListArtifactsResponse,
                run_id=run_id,
                path=conv.unset(clean_artifact_path(path) or None),
                page_token=conv.unset(token),
            )
            return conv.page(answer.files, answer.next_page_token, conv.file_info)

        return collect(fetch, page_size=0)  # the server picks the size of its pages

    def download_artifacts(self, run_id: str, path: str, dst_path: str | os.PathLike[str] | None = None) -> str:
        """Download a run's artifact file or directory (``""`` for all) and return its local
        path: ``<dst_path>/<path>``, in a new temporary directory when ``dst_path`` is not
        given. Files come several at a time; each is checked against the listed size.
        """
        root = self._run_root(run_id)
        return self._download(root.child(path), root, dst_path)

    def _list_location(self, loc: ProxyLocation, base: ProxyLocation) -> list[ent.FileInfo]:
        """The entries of the directory ``loc``, their paths relative to ``base``."""
        return [
            ent.FileInfo(
                path=base.relative(loc.child(entry.path).path),
                is_dir=entry.is_dir,
                file_size=entry.file_size,
            )
            for entry in self._transfer.list_dir(loc)
        ]

    def _download(
        self,
        loc: ProxyLocation,
        base: ProxyLocation,
        dst_path: str | os.PathLike[str] | None,
    ) -> str:
        """``loc`` (a file or a directory) to ``<dst_path>/<loc relative to base>``."""
        destination = Path(os.path.abspath(dst_path) if dst_path else tempfile.mkdtemp(prefix="trackline-"))
        relative = base.relative(loc.path)
        target = destination / relative if relative else destination
        entries = self._transfer.list_dir(loc)
        if not entries and loc.path != base.path:
            name = posixpath.basename(loc.path)
            found = [e for e in self._transfer.list_dir(loc.parent) if e.path == name]
            if not found:
                raise TracklineException(f"No artifact at {loc.path!r}", error_code="RESOURCE_DOES_NOT_EXIST")
            if not found[0].is_dir:
                self._transfer.download_files([RemoteFile(loc, target, found[0].file_size)], name)
                return str(target)
        target.mkdir(parents=True, exist_ok=True)
        files = [
            RemoteFile(remote, target / loc.relative(remote.path), size) for remote, size in self._transfer.walk(loc)
        ]
        self._transfer.download_files(files, posixpath.basename(loc.path) or "artifacts")
        return str(target)
