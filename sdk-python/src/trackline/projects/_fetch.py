"""Where a project URI points: a local directory used in place, or a git checkout made for
the run; and the ``mlflow.source.*`` tags that say where it came from.

URIs: a local directory (``.``, ``path/to/project``), a local git repository with a
``version``, or a git URL (``file://``, ``https://``, ``ssh://``, ``git@host:repo``); any of
them with ``#sub/dir`` for a project inside the repository. A ``version`` (branch, tag or
commit) is checked out in a temporary clone, never in the user's own working tree.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from . import _git
from ._errors import ExecutionException

__all__ = ["FetchedProject", "fetch_project"]

_logger = logging.getLogger("trackline.projects")


@dataclass(frozen=True)
class FetchedProject:
    """A project ready to run, and what its run's source tags say."""

    directory: Path
    source_name: str
    commit: str | None = None
    repo_url: str | None = None
    branch: str | None = None
    #: A checkout made for this run, removed when the run ends.
    temporary: Path | None = None

    def tags(self) -> dict[str, str]:
        """``mlflow.source.name``, and the git commit, repository URL and branch when known."""
        tags = {"mlflow.source.name": self.source_name}
        for key, value in (
            ("mlflow.source.git.commit", self.commit),
            ("mlflow.source.git.repoURL", self.repo_url),
            ("mlflow.source.git.branch", self.branch),
        ):
            if value:
                tags[key] = value
        return tags

    def remove(self) -> None:
        if self.temporary is not None:
            shutil.rmtree(self.temporary, ignore_errors=True)


def split_subdirectory(uri: str) -> tuple[str, str]:
    """``("repo", "sub/dir")`` for ``"repo#sub/dir"``; the part after ``#`` must be a relative
    path inside the project.

    >>> split_subdirectory("https://example.com/r.git#models/churn")
    ('https://example.com/r.git', 'models/churn')
    """
    base, _, subdirectory = uri.partition("#")
    sub = PurePosixPath(subdirectory)
    if subdirectory and (sub.is_absolute() or ".." in sub.parts):
        raise ExecutionException(f"The subdirectory {subdirectory!r} of {uri} must be a relative path inside it")
    return base, str(sub) if subdirectory else ""


def fetch_project(uri: str, version: str | None = None) -> FetchedProject:
    """The project at ``uri`` (checked out at ``version``), or an :class:`ExecutionException`."""
    base, subdirectory = split_subdirectory(uri)
    if not base:
        raise ExecutionException("The project URI is empty")
    if base.startswith("file://"):
        local = Path(unquote(urlsplit(base).path))
        if _git.is_repository(local):
            return _clone(base, subdirectory, version, uri)
        return _local(local, subdirectory, version, uri)
    if _git.is_git_url(base):
        return _clone(base, subdirectory, version, uri)
    return _local(Path(base).expanduser(), subdirectory, version, uri)


def _local(path: Path, subdirectory: str, version: str | None, uri: str) -> FetchedProject:
    if not path.is_dir():
        raise ExecutionException(f"Project {uri!r} is neither a directory nor a git URL")
    path = path.resolve()
    repository = _git.toplevel(path)
    if version is not None:
        if repository is None:
            raise ExecutionException(f"A version can only be given for git projects, and {path} is not in git")
        inside = path.relative_to(repository).as_posix()
        within = "/".join(p for p in (inside if inside != "." else "", subdirectory) if p)
        fetched = _clone(str(repository), within, version, uri, source_name=_local_source_name(repository, within))
        origin = _git.origin_url(repository)
        return FetchedProject(
            fetched.directory, fetched.source_name, fetched.commit, origin, fetched.branch, fetched.temporary
        )
    directory = path / subdirectory if subdirectory else path
    if not directory.is_dir():
        raise ExecutionException(f"Project {uri!r} has no subdirectory {subdirectory!r}")
    if repository is None:
        return FetchedProject(directory, str(directory))
    within = directory.relative_to(repository).as_posix()
    return FetchedProject(
        directory,
        _local_source_name(repository, within if within != "." else ""),
        _git.head_commit(repository),
        _git.origin_url(repository),
    )


def _local_source_name(repository: Path, within: str) -> str:
    return f"file://{repository}" + (f"#{within}" if within else "")


def _clone(
    url: str, subdirectory: str, version: str | None, uri: str, source_name: str | None = None
) -> FetchedProject:
    checkout = Path(tempfile.mkdtemp(prefix="trackline-project-"))
    _logger.info("=== Fetching project from %s into %s ===", uri, checkout)
    try:
        _git.clone(url, checkout, version)
        directory = checkout / subdirectory if subdirectory else checkout
        if not directory.is_dir():
            raise ExecutionException(f"Project {uri!r} has no subdirectory {subdirectory!r}")
    except BaseException:
        shutil.rmtree(checkout, ignore_errors=True)
        raise
    return FetchedProject(
        directory=directory,
        source_name=source_name or uri,
        commit=_git.head_commit(checkout),
        repo_url=url,
        branch=version if version is not None and _git.is_branch(checkout, version) else None,
        temporary=checkout,
    )
