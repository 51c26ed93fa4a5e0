"""trackline.projects without a server: MLproject files, parameters, commands, and fetching
projects from directories and real git repositories."""

from __future__ import annotations

import shlex
import tempfile
from pathlib import Path

import pytest

import trackline
from project_helpers import git, write_project
from trackline import projects
from trackline.environments import PythonEnv
from trackline.projects import EntryPoint, ExecutionException, Parameter, load_project
from trackline.projects._fetch import fetch_project
from trackline.projects._params import render_command, resolve_parameters

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "projects"

PROJECTS_SURFACE = ["EntryPoint", "ExecutionException", "Parameter", "Project", "SubmittedRun", "load_project", "run"]
ENVIRONMENTS_SURFACE = ["PythonEnv", "default_env_root", "find_interpreter", "virtualenv"]


def test_public_surface_is_pinned() -> None:
    assert sorted(projects.__all__) == sorted(PROJECTS_SURFACE)
    for name in PROJECTS_SURFACE:
        assert hasattr(projects, name), name
    assert trackline.projects is projects
    assert trackline.run is projects.run  # mlflow.run is mlflow.projects.run
    assert issubclass(ExecutionException, trackline.TracklineException)
    from trackline import environments

    assert sorted(environments.__all__) == sorted(ENVIRONMENTS_SURFACE)


def test_the_examples_are_valid_projects() -> None:
    python = load_project(EXAMPLES / "python")
    assert python.name == "linear-fit"
    assert sorted(python.entry_points) == ["evaluate", "main"]
    main = python.entry_points["main"]
    assert main.parameters == {
        "alpha": Parameter("alpha", "float", "0.1"),
        "epochs": Parameter("epochs", "int", "100"),
        "data": Parameter("data", "path", "data/train.csv"),
    }
    assert python.entry_points["evaluate"].parameters["weights"] == Parameter("weights", "uri", None)
    assert python.env_type == "python_env"
    assert python.env_file == EXAMPLES / "python" / "python_env.yaml"
    env = PythonEnv.from_yaml(python.env_file)
    assert env.major_minor == (3, 11)
    assert env.dependencies == ("mlflow-skinny==3.17.2",)
    r = load_project(EXAMPLES / "r")
    assert r.env_type is None
    assert "Rscript train.R" in r.entry_points["main"].command


MLPROJECT = """
name: demo
entry_points:
  main:
    parameters:
      alpha: {type: float, default: 0.5}
      name: string
      data: {type: path, default: data.txt}
      source: {type: uri, default: "https://example.com/x"}
      epochs: {type: int, default: 3}
      flag: {type: bool, default: true}
    command: "python train.py --alpha {alpha} --name {name} --data {data} --source {source} --epochs {epochs} {flag}"
"""


def test_parameters_are_checked_and_quoted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = load_project(write_project(tmp_path / "p", MLPROJECT, {"data.txt": "1\n", "mine.csv": "2\n"}))
    entry = project.entry_point("main")
    monkeypatch.chdir(tmp_path)
    values = resolve_parameters(entry, {"name": "hello world", "extra key": "it's", "alpha": 0.25}, project.directory)
    # Logged as given (no shell quotes), defaults included, extra parameters too.
    assert values.logged == {
        "alpha": "0.25",
        "name": "hello world",
        "data": "data.txt",
        "source": "https://example.com/x",
        "epochs": "3",
        "flag": "True",
        "extra key": "it's",
    }
    command = render_command(entry, values)
    data = str(project.directory / "data.txt")
    assert shlex.split(command) == [
        "python", "train.py", "--alpha", "0.25", "--name", "hello world", "--data", data,
        "--source", "https://example.com/x", "--epochs", "3", "True", "--extra key", "it's",
    ]  # fmt: skip
    # A relative path the user gives is relative to the current directory, a default one to the project.
    with pytest.raises(ExecutionException, match=r"no such file or directory was found \(.*/mine\.csv\)"):
        resolve_parameters(entry, {"name": "n", "data": "mine.csv"}, project.directory)  # only in the project
    (tmp_path / "mine.csv").write_text("")
    assert resolve_parameters(entry, {"name": "n", "data": "mine.csv"}, project.directory).values["data"] == str(
        tmp_path / "mine.csv"
    )
    assert resolve_parameters(entry, {"name": "n", "data": f"file://{data}"}, project.directory).values["data"] == data


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({}, "No value given for missing parameters: 'name'"),
        ({"name": "n", "alpha": "abc"}, "Parameter 'alpha' is a float, but got 'abc'"),
        ({"name": "n", "epochs": "2.5"}, "Parameter 'epochs' is an int, but got '2.5'"),
        ({"name": "n", "data": "nowhere.csv"}, "Got 'nowhere.csv' for parameter 'data', but no such file"),
        ({"name": "n", "source": "relative/path"}, "Parameter 'source' is a uri, but got 'relative/path'"),
    ],
)
def test_bad_parameter_values(tmp_path: Path, given: dict[str, str], message: str) -> None:
    project = load_project(write_project(tmp_path, MLPROJECT, {"data.txt": ""}))
    with pytest.raises(ExecutionException) as err:
        resolve_parameters(project.entry_point("main"), given, project.directory)
    assert message in err.value.message
    assert "\n" not in err.value.message


@pytest.mark.parametrize(
    ("mlproject", "message"),
    [
        ("entry_points: [\n", "not valid YAML"),
        ("- main\n", "must hold a mapping"),
        ("name: x\nentry_point:\n  main: {command: ls}\n", "unknown keys ['entry_point']"),
        ("entry_points:\n  main: {command: ls, params: {}}\n", "entry point 'main' has unknown keys ['params']"),
        ("entry_points:\n  main: {parameters: {a: string}}\n", "entry point 'main' has no command"),
        ("entry_points:\n  main: {command: 'echo {b}', parameters: {a: string}}\n", "uses {b}, which is not among"),
        ("entry_points:\n  main: {command: 'echo {}'}\n", "uses {}, which is not among its parameters []"),
        ("entry_points:\n  main: {command: 'echo {a'}\n", "is not a valid template"),
        ("entry_points:\n  main: {command: ls, parameters: {a: [1]}}\n", "must be a type name or a mapping"),
        ("entry_points:\n  main: {command: ls, parameters: {a: {kind: x}}}\n", "unknown keys ['kind']"),
        ("entry_points: [main]\n", "entry_points must be a mapping"),
        ("python_env: env.yaml\nconda_env: conda.yaml\n", "one environment, not ['python_env', 'conda_env']"),
        ("python_env: missing.yaml\n", "python_env names missing.yaml, which is not a file"),
        ("docker_env: {volumes: []}\n", "docker_env must be a mapping with an image"),
        ("databricks_spark_job: {python_file: x.py}\n", "run on Databricks only"),
    ],
)
def test_malformed_mlproject_files(tmp_path: Path, mlproject: str, message: str) -> None:
    write_project(tmp_path, mlproject)
    with pytest.raises(ExecutionException) as err:
        load_project(tmp_path)
    assert message in err.value.message
    assert err.value.message.startswith(f"Invalid MLproject file {tmp_path / 'MLproject'}: ")
    assert "\n" not in err.value.message


def test_environments_and_script_entry_points(tmp_path: Path) -> None:
    bare = write_project(tmp_path / "bare", None, {"train.py": "", "run.sh": "", "fit.R": "", "notes.txt": ""})
    project = load_project(bare)
    assert (project.entry_points, project.env_type) == ({}, None)
    assert project.entry_point("train.py") == EntryPoint("train.py", "python train.py")
    assert project.entry_point("run.sh").command == "bash run.sh"
    assert project.entry_point("fit.R").command == "Rscript fit.R"
    for name, message in (("notes.txt", "scripts end in .py, .sh, .R"), ("gone.py", "nor a script gone.py")):
        with pytest.raises(ExecutionException, match=message):
            project.entry_point(name)
    implicit = load_project(write_project(tmp_path / "implicit", "name: x\n", {"python_env.yaml": "python: '3.11'"}))
    assert (implicit.env_type, implicit.env_file) == ("python_env", implicit.directory / "python_env.yaml")
    conda = load_project(write_project(tmp_path / "conda", None, {"conda.yaml": "name: x"}))
    assert conda.env_type == "conda_env"
    docker = load_project(write_project(tmp_path / "docker", "docker_env: {image: 'python:3.11'}\n"))
    assert (docker.env_type, docker.docker_image) == ("docker_env", "python:3.11")
    lower = load_project(write_project(tmp_path / "lower", None, {"mlproject": "entry_points: {go: {command: ls}}"}))
    assert list(lower.entry_points) == ["go"]


@pytest.fixture
def repository(tmp_path: Path) -> dict[str, str]:
    """A git repository with a project in ``sub``: tag ``v1`` and a first commit say ``one``,
    branch ``feature`` and the default branch say ``two``."""
    repo = tmp_path / "repo"
    write_project(repo / "sub", "entry_points: {main: {command: 'echo one'}}\n")
    git(repo.parent, "init", "-q", "-b", "trunk", str(repo))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "one")
    git(repo, "tag", "v1")
    first = git(repo, "rev-parse", "HEAD")
    (repo / "sub" / "MLproject").write_text("entry_points: {main: {command: 'echo two'}}\n")
    git(repo, "commit", "-qam", "two")
    git(repo, "branch", "feature")
    git(repo, "remote", "add", "origin", "https://example.com/acme/repo.git")
    return {"path": str(repo), "first": first, "second": git(repo, "rev-parse", "HEAD")}


def command_of(fetched_dir: Path) -> str:
    return load_project(fetched_dir).entry_point("main").command


def test_git_urls_and_versions(repository: dict[str, str]) -> None:
    url = f"file://{repository['path']}"
    for version, word, commit, branch in (
        ("v1", "one", repository["first"], None),
        ("feature", "two", repository["second"], "feature"),
        (repository["first"][:12], "one", repository["first"], None),
        (None, "two", repository["second"], None),
    ):
        fetched = fetch_project(f"{url}#sub", version)
        try:
            assert command_of(fetched.directory) == f"echo {word}"
            assert fetched.tags() == {
                "mlflow.source.name": f"{url}#sub",
                "mlflow.source.git.commit": commit,
                "mlflow.source.git.repoURL": url,
                **({"mlflow.source.git.branch": branch} if branch else {}),
            }
            assert fetched.temporary is not None
            assert fetched.directory == fetched.temporary / "sub"
        finally:
            fetched.remove()
        assert not fetched.temporary.exists()


def test_local_directories_in_and_out_of_git(repository: dict[str, str], tmp_path: Path) -> None:
    repo = Path(repository["path"])
    in_place = fetch_project(f"{repo}#sub")
    assert in_place.directory == repo / "sub"
    assert in_place.temporary is None
    assert in_place.tags() == {
        "mlflow.source.name": f"file://{repo}#sub",
        "mlflow.source.git.commit": repository["second"],
        "mlflow.source.git.repoURL": "https://example.com/acme/repo.git",
    }
    assert fetch_project(str(repo / "sub")).tags() == in_place.tags()
    # A version of a local repository is checked out in a clone; the user's tree is untouched.
    old = fetch_project(str(repo / "sub"), "v1")
    try:
        assert command_of(old.directory) == "echo one"
        assert old.tags()["mlflow.source.git.commit"] == repository["first"]
        assert old.tags()["mlflow.source.git.repoURL"] == "https://example.com/acme/repo.git"
    finally:
        old.remove()
    assert command_of(repo / "sub") == "echo two"
    plain = write_project(tmp_path / "plain", "entry_points: {main: {command: ls}}\n")
    assert fetch_project(str(plain)).tags() == {"mlflow.source.name": str(plain)}


@pytest.mark.parametrize(
    ("uri", "version", "message"),
    [
        ("{repo}#sub", "nope", "Version 'nope' is not a branch, tag or commit of {repo}"),
        ("file://{repo}#sub", "nope", "Version 'nope' is not a branch, tag or commit of file://{repo}"),
        ("file://{repo}#missing", None, "has no subdirectory 'missing'"),
        ("file://{repo}#../x", None, "must be a relative path inside it"),
        ("https://127.0.0.1:9/none.git", None, "Cannot fetch the git project https://127.0.0.1:9/none.git: fatal:"),
        ("git@127.0.0.1:none.git", None, "Cannot fetch the git project git@127.0.0.1:none.git"),
        ("{tmp}/nowhere", None, "is neither a directory nor a git URL"),
        ("{tmp}", "v1", "A version can only be given for git projects"),
    ],
)
def test_projects_that_cannot_be_fetched(
    repository: dict[str, str], tmp_path: Path, uri: str, version: str | None, message: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    names = {"repo": repository["path"], "tmp": str(outside)}
    before = set(Path(tempfile.gettempdir()).glob("trackline-project-*"))
    with pytest.raises(ExecutionException) as err:
        fetch_project(uri.format(**names), version)
    assert message.format(**names) in err.value.message
    assert "\n" not in err.value.message
    assert set(Path(tempfile.gettempdir()).glob("trackline-project-*")) == before  # no checkout left behind
