"""The git commands projects need: clone a version, and read a checkout's commit, origin and
branches. Git never prompts (no terminal, ssh in batch mode), so a URL that needs credentials
fails instead of waiting."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from ._errors import ExecutionException

__all__ = ["clone", "head_commit", "is_branch", "is_git_url", "is_repository", "origin_url", "toplevel"]

# user@host:path (scp-like ssh) and the URL schemes git fetches from.
_SCP_LIKE = re.compile(r"^[\w.-]+@[\w.-]+:(?!//)")
_GIT_SCHEMES = ("file://", "https://", "http://", "ssh://", "git://", "git+ssh://", "git+https://")


def is_git_url(uri: str) -> bool:
    """Whether ``uri`` is a git URL rather than a local path.

    >>> [is_git_url(u) for u in ("https://example.com/a/b.git", "git@example.com:a/b.git", "./b", "/tmp/b")]
    [True, True, False, False]
    """
    return uri.startswith(_GIT_SCHEMES) or bool(_SCP_LIKE.match(uri))


def _git(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False
        )
    except FileNotFoundError:
        raise ExecutionException("git is not installed (it is needed for git projects and versions)") from None


def _output(args: list[str], cwd: Path) -> str | None:
    done = _git(args, cwd)
    return (done.stdout.strip() or None) if done.returncode == 0 else None


def _last_error(done: subprocess.CompletedProcess[str]) -> str:
    lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith(("fatal:", "error:"))]
    return (errors or lines or [f"git exited with status {done.returncode}"])[-1]


def is_repository(path: Path) -> bool:
    """Whether ``path`` is itself a git repository: a work tree's root or a bare repository."""
    if not path.is_dir():
        return False
    bare = _output(["rev-parse", "--is-bare-repository"], path)
    return bare == "true" or toplevel(path) == path.resolve()


def toplevel(path: Path) -> Path | None:
    """The root of the git work tree holding ``path``, if any."""
    found = _output(["rev-parse", "--show-toplevel"], path)
    return Path(found) if found else None


def head_commit(path: Path) -> str | None:
    return _output(["rev-parse", "--verify", "--quiet", "HEAD"], path)


def origin_url(path: Path) -> str | None:
    return _output(["remote", "get-url", "origin"], path)


def is_branch(path: Path, name: str) -> bool:
    return _git(["rev-parse", "--verify", "--quiet", f"refs/heads/{name}"], path).returncode == 0


def clone(url: str, destination: Path, version: str | None) -> None:
    """Clone ``url`` into ``destination`` (a new, empty directory) at ``version``: a branch,
    a tag or a commit; the remote's default branch when ``None``. Submodules come too.

    A branch or tag is fetched shallow; a commit needs the history, so it is cloned whole.
    """
    shallow = ["clone", "--quiet", "--depth", "1"]
    attempt = _git([*shallow, *(["--branch", version] if version else []), "--", url, str(destination)])
    if attempt.returncode != 0:
        if version is None:
            raise ExecutionException(f"Cannot fetch the git project {url}: {_last_error(attempt)}")
        _empty(destination)
        whole = _git(["clone", "--quiet", "--no-checkout", "--", url, str(destination)])
        if whole.returncode != 0:
            raise ExecutionException(f"Cannot fetch the git project {url}: {_last_error(whole)}")
        checkout = _git(["checkout", "--quiet", "--detach", f"{version}^{{commit}}", "--"], destination)
        if checkout.returncode != 0:
            raise ExecutionException(f"Version {version!r} is not a branch, tag or commit of {url}")
    if (destination / ".gitmodules").is_file():
        submodules = _git(["submodule", "update", "--init", "--recursive"], destination)
        if submodules.returncode != 0:
            raise ExecutionException(f"Cannot fetch the submodules of {url}: {_last_error(submodules)}")


def _empty(directory: Path) -> None:
    """Leaves ``directory`` existing and empty (a failed clone may leave parts behind)."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)
