"""`trackline run`, `mlflow run` and `trackline.projects.run` against live servers, with real
processes, git and virtualenvs: runs, parameters, tags, metrics, statuses, bad input and Ctrl-C.

The example projects run against every server in TRACKLINE_TEST_SERVERS; the rest against a
Trackline server of their own.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import trackline
from conftest import BIN_DIR, LiveServer
from project_helpers import git, make_wheel, write_project
from trackline import TracklineClient, projects
from trackline.projects import ExecutionException

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "projects"
# How MLflow's R package finds the run id in `mlflow run`'s stderr (R/project-run.R).
R_PACKAGE_RUN_ID = re.compile(r".*Run \(ID '([^']+).*", re.DOTALL)
TIMEOUT = 300


@pytest.fixture(scope="module")
def trackline_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer("trackline", tmp_path_factory.mktemp("projects-server"))
    yield server
    server.stop()


@pytest.fixture
def tl(trackline_server: LiveServer) -> Iterator[TracklineClient]:
    with TracklineClient(trackline_server.url) as c:
        yield c


@pytest.fixture(scope="module")
def env_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("envs")


def child_env(url: str, env_root: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MLFLOW_", "TRACKLINE_"))}
    env["MLFLOW_TRACKING_URI"] = url
    env["PATH"] = os.pathsep.join([str(BIN_DIR), env.get("PATH", "")])
    if env_root is not None:
        env["TRACKLINE_ENV_ROOT"] = str(env_root)
    return env


def trackline_run(url: str, *args: str, cwd: Path, env_root: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN_DIR / "trackline"), "run", *args],
        cwd=cwd,
        env=child_env(url, env_root),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def run_id_of(done: subprocess.CompletedProcess[str], outcome: str = "succeeded") -> str:
    """The run id, read from stderr the way MLflow's R package reads it."""
    assert f"') {outcome} ===" in done.stderr, done.stdout + done.stderr
    match = R_PACKAGE_RUN_ID.match(done.stderr)
    assert match is not None, done.stderr
    return match.group(1)


def system_tags(run: trackline.Run) -> dict[str, str]:
    return {k: v for k, v in run.data.tags.items() if k.startswith("mlflow.")}


def expected_source_tags(project: Path) -> dict[str, str]:
    """What mlflow.source.* says for a local project, from git itself."""
    top = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], cwd=project, capture_output=True, text=True, check=False
    )
    if top.returncode != 0:
        return {"mlflow.source.name": str(project)}
    root = Path(top.stdout.strip())
    tags = {
        "mlflow.source.name": f"file://{root}#{project.relative_to(root).as_posix()}",
        "mlflow.source.git.commit": git(project, "rev-parse", "HEAD"),
    }
    origin = subprocess.run(
        ["git", "remote", "get-url", "origin"], cwd=project, capture_output=True, text=True, check=False
    )
    if origin.returncode == 0:
        tags["mlflow.source.git.repoURL"] = origin.stdout.strip()
    return tags


# --- the example projects --------------------------------------------------------------------


def test_python_example_through_trackline_run(
    live_server: LiveServer, tmp_path: Path, unique: str, bin_dir: Path
) -> None:
    url = live_server.url
    project = EXAMPLES / "python"
    # From another directory: the default `data` path is the project's.
    train = trackline_run(
        url, str(project), "-P", "alpha=0.05", "-P", "epochs=20", "--experiment-name", unique,
        "--run-name", "train-1", "--env-manager", "local", cwd=tmp_path,
    )  # fmt: skip
    assert train.returncode == 0, train.stdout + train.stderr
    train_id = run_id_of(train)
    with TracklineClient(url) as client:
        experiment = client.get_experiment_by_name(unique)
        assert experiment is not None
        run = client.get_run(train_id)
        assert run.info.experiment_id == experiment.experiment_id
        assert run.info.status == "FINISHED"
        assert run.info.run_name == "train-1"
        assert run.data.params == {"alpha": "0.05", "epochs": "20", "data": "data/train.csv"}
        tags = system_tags(run)
        assert {k: v for k, v in tags.items() if k.startswith("mlflow.source.")} == {
            "mlflow.source.type": "PROJECT",
            **expected_source_tags(project),
        }
        assert tags["mlflow.project.entryPoint"] == "main"
        assert tags["mlflow.project.backend"] == "local"
        assert tags["mlflow.runName"] == "train-1"
        assert tags["mlflow.user"]
        assert "mlflow.project.env" not in tags  # not set for the local environment, as in MLflow
        assert run.data.tags["model"] == "linear"
        history = client.get_metric_history(train_id, "loss")
        assert [m.step for m in history] == list(range(20))
        assert history[-1].value < history[0].value
        assert run.data.metrics["rmse"] < 0.5
        assert [f.path for f in client.list_artifacts(train_id, "model")] == ["model/weights.json"]

        evaluate = trackline_run(
            url, str(project), "-e", "evaluate", "-P", f"weights=runs:/{train_id}/model/weights.json",
            "--experiment-id", experiment.experiment_id, "--env-manager", "local", cwd=tmp_path,
        )  # fmt: skip
        assert evaluate.returncode == 0, evaluate.stdout + evaluate.stderr
        evaluated = client.get_run(run_id_of(evaluate))
        assert evaluated.info.status == "FINISHED"
        assert evaluated.data.params == {"weights": f"runs:/{train_id}/model/weights.json", "data": "data/test.csv"}
        assert evaluated.data.metrics["test_points"] == 20
        assert 0 < evaluated.data.metrics["test_rmse"] < 1
        assert system_tags(evaluated)["mlflow.project.entryPoint"] == "evaluate"


def test_python_example_through_mlflow_run(
    trackline_server: LiveServer, tl: TracklineClient, unique: str, tmp_path: Path
) -> None:
    """The real `mlflow run` (3.17.2) runs the example against Trackline, and records what
    `trackline run` records."""
    project = EXAMPLES / "python"
    done = subprocess.run(
        [str(BIN_DIR / "mlflow"), "run", ".", "--env-manager", "local", "-P", "alpha=0.05", "-P", "epochs=15",
         "--experiment-name", unique],
        cwd=project,  # MLflow looks for the default `data` path in the current directory
        env=child_env(trackline_server.url),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    by_mlflow = tl.get_run(run_id_of(done))
    assert by_mlflow.info.status == "FINISHED"
    assert by_mlflow.data.params == {"alpha": "0.05", "epochs": "15", "data": "data/train.csv"}
    assert [m.step for m in tl.get_metric_history(by_mlflow.info.run_id, "loss")] == list(range(15))
    assert by_mlflow.data.metrics["rmse"] < 0.5

    ours = trackline_run(
        trackline_server.url, str(project), "-P", "alpha=0.05", "-P", "epochs=15", "--experiment-name", unique,
        "--env-manager", "local", cwd=tmp_path,
    )  # fmt: skip
    by_trackline = tl.get_run(run_id_of(ours))
    assert by_trackline.data.params == by_mlflow.data.params
    mlflow_tags, our_tags = system_tags(by_mlflow), system_tags(by_trackline)
    assert sorted(our_tags) == sorted(mlflow_tags)
    for key in our_tags.keys() - {"mlflow.runName"}:
        assert our_tags[key] == mlflow_tags[key], key


# --- statuses -------------------------------------------------------------------------------

LOGGING_SCRIPT = """
import os, sys
import trackline
given = os.environ["MLFLOW_RUN_ID"] + " " + os.environ["MLFLOW_EXPERIMENT_ID"]
with trackline.start_run() as run:
    trackline.set_tag("argv", " ".join(sys.argv[1:]))
    trackline.set_tag("env", given)
    trackline.log_metric("seen", 1)
print("run", run.info.run_id)
"""


def test_code_using_the_sdk_logs_into_the_run(
    tl: TracklineClient, trackline_server: LiveServer, tmp_path: Path
) -> None:
    project = write_project(tmp_path / "p", None, {"log.py": LOGGING_SCRIPT})
    done = trackline_run(trackline_server.url, str(project), "-e", "log.py", "-P", "note=two words", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    run_id = run_id_of(done)
    assert f"run {run_id}" in done.stdout  # the script's output streams through
    run = tl.get_run(run_id)
    assert run.info.status == "FINISHED"
    assert run.data.params == {"note": "two words"}  # logged without shell quotes
    assert run.data.tags["argv"] == "--note two words"
    assert run.data.tags["env"] == f"{run_id} {run.info.experiment_id}"
    assert run.data.metrics == {"seen": 1.0}
    assert system_tags(run)["mlflow.project.entryPoint"] == "log.py"


FAILING = """
entry_points:
  main:
    parameters:
      code: {type: string, default: "3"}
    command: "echo about to fail; exit {code}"
"""


def test_a_failing_command_fails_the_run_with_its_exit_status(
    tl: TracklineClient, trackline_server: LiveServer, tmp_path: Path
) -> None:
    project = write_project(tmp_path / "p", FAILING)
    done = trackline_run(trackline_server.url, str(project), cwd=tmp_path)
    assert done.returncode == 3
    assert "about to fail" in done.stdout
    run = tl.get_run(run_id_of(done, "failed"))
    assert run.info.status == "FAILED"
    assert run.info.end_time is not None


SLEEPING = """
entry_points:
  main:
    parameters:
      token: string
    command: "python -c 'import time; time.sleep(600)' {token} & python -c 'import time; time.sleep(601)' {token}; wait"
"""


def live_processes(token: str) -> list[str]:
    """Command lines of the processes (not zombies) whose command line holds ``token``."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if token in cmdline and state not in ("Z", "X") and "trackline" not in cmdline:
            found.append(cmdline)
    return found


def sleepers_started(token: str) -> bool:
    """Whether both sleeping Python processes of SLEEPING are running."""
    programs = [Path(cmdline.split(" ", 1)[0]).name for cmdline in live_processes(token) if "time.sleep" in cmdline]
    return sum(program.startswith("python") for program in programs) == 2


def wait_for(predicate: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.parametrize(("signum", "exit_status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_ctrl_c_and_sigterm_kill_the_run_and_its_processes(
    tl: TracklineClient, trackline_server: LiveServer, tmp_path: Path, signum: int, exit_status: int
) -> None:
    project = write_project(tmp_path / "p", SLEEPING)
    token = f"token-{uuid.uuid4().hex}"
    proc = subprocess.Popen(
        [str(BIN_DIR / "trackline"), "run", str(project), "-P", f"token={token}"],
        cwd=tmp_path,
        env=child_env(trackline_server.url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: sleepers_started(token), "the command's two processes")
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == exit_status, out + err
    run = tl.get_run(run_id_of(subprocess.CompletedProcess([], proc.returncode, out, err), "killed"))
    assert run.info.status == "KILLED"
    assert live_processes(token) == []


# --- bad input: a one-line error, a non-zero exit, and no run ----------------------------------

BAD_PROJECTS = {
    "bad YAML": ("entry_points: [main\n", [], "not valid YAML"),
    "unknown key": ("entry_point:\n  main: {command: ls}\n", [], "unknown keys ['entry_point']"),
    "undeclared parameter": (
        "entry_points:\n  main: {command: 'echo {alpha}'}\n",
        [],
        "uses {alpha}, which is not among its parameters",
    ),
    "unknown entry point": ("entry_points:\n  main: {command: ls}\n", ["-e", "train"], "Could not find 'train'"),
    "missing parameter": (
        "entry_points:\n  main: {parameters: {alpha: float}, command: 'echo {alpha}'}\n",
        [],
        "No value given for missing parameters: 'alpha'",
    ),
    "float given abc": (
        "entry_points:\n  main: {parameters: {alpha: float}, command: 'echo {alpha}'}\n",
        ["-P", "alpha=abc"],
        "Parameter 'alpha' is a float, but got 'abc'",
    ),
    "missing path": (
        "entry_points:\n  main: {parameters: {data: path}, command: 'cat {data}'}\n",
        ["-P", "data=no-such-file.csv"],
        "Got 'no-such-file.csv' for parameter 'data', but no such file or directory",
    ),
    "conda project": ("conda_env: conda.yaml\n", [], "has a conda_env, and conda is not supported"),
    "docker project": ("docker_env: {image: 'python:3.11'}\n", [], "docker projects are not supported"),
    "unknown env manager": (
        "entry_points:\n  main: {command: ls}\n",
        ["--env-manager", "pyenv"],
        "Unknown environment",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_PROJECTS))
def test_bad_projects_fail_before_any_run(
    case: str, trackline_server: LiveServer, tl: TracklineClient, tmp_path: Path, unique: str
) -> None:
    mlproject, args, message = BAD_PROJECTS[case]
    project = write_project(tmp_path / "p", mlproject, {"conda.yaml": "name: c\n"} if "conda" in case else {})
    done = trackline_run(trackline_server.url, str(project), "--experiment-name", unique, *args, cwd=tmp_path)
    assert_refused(done, message)
    assert tl.get_experiment_by_name(unique) is None  # not even the experiment was made


def assert_refused(done: subprocess.CompletedProcess[str], message: str, status: int = 1) -> None:
    assert done.returncode == status, done.stdout + done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("trackline run:")]
    assert len(errors) == 1, done.stderr
    assert message in errors[0], done.stderr
    assert done.stderr.splitlines()[-1] == errors[0]
    assert "Run (ID" not in done.stderr


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    repo = write_project(tmp_path / "repo" / "sub", "entry_points: {main: {command: 'echo v1'}}\n").parent
    git(repo.parent, "init", "-q", "-b", "trunk", str(repo))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "one")
    git(repo, "tag", "v1")
    return repo


@pytest.mark.parametrize(
    ("where", "version", "message"),
    [
        ("file://{repo}#sub", "no-such-ref", "Version 'no-such-ref' is not a branch, tag or commit"),
        ("file://{repo}.missing", None, "is neither a directory nor a git URL"),
        ("https://127.0.0.1:9/acme/none.git", None, "Cannot fetch the git project https://127.0.0.1:9/acme/none.git"),
        ("file://{repo}#elsewhere", "v1", "has no subdirectory 'elsewhere'"),
    ],
)
def test_unresolvable_git_projects_fail_before_any_run(
    where: str, version: str | None, message: str, repository: Path, trackline_server: LiveServer,
    tl: TracklineClient, tmp_path: Path, unique: str,
) -> None:  # fmt: skip
    args = [where.format(repo=repository), "--experiment-name", unique, *(["-v", version] if version else [])]
    assert_refused(trackline_run(trackline_server.url, *args, cwd=tmp_path), message)
    assert tl.get_experiment_by_name(unique) is None


def test_git_projects_run_at_a_version(repository: Path, trackline_server: LiveServer, tl: TracklineClient) -> None:
    (repository / "sub" / "MLproject").write_text("entry_points: {main: {command: 'echo v2'}}\n")
    git(repository, "commit", "-qam", "two")
    done = trackline_run(trackline_server.url, f"file://{repository}#sub", "-v", "v1", cwd=repository)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "v1"
    tags = system_tags(tl.get_run(run_id_of(done)))
    assert tags["mlflow.source.name"] == f"file://{repository}#sub"
    assert tags["mlflow.source.git.commit"] == git(repository, "rev-parse", "v1")
    assert tags["mlflow.source.git.repoURL"] == f"file://{repository}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-P", "alpha"], "invalid format for -P 'alpha': use -P name=value"),
        (["-P", "a=1", "-P", "a=2"], "repeated parameter 'a'"),
    ],
)
def test_bad_arguments_are_usage_errors(
    args: list[str], message: str, trackline_server: LiveServer, tmp_path: Path
) -> None:
    project = write_project(tmp_path / "p", "entry_points: {main: {command: ls}}\n")
    done = trackline_run(trackline_server.url, str(project), *args, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"trackline run: error: {message} (see trackline run --help)"]


def test_experiment_choices(tl: TracklineClient, trackline_server: LiveServer, tmp_path: Path, unique: str) -> None:
    project = write_project(tmp_path / "p", "entry_points: {main: {command: 'true'}}\n")
    runs_before = len(tl.search_all_runs(["0"]))
    missing = trackline_run(trackline_server.url, str(project), "--experiment-id", "987654", cwd=tmp_path)
    assert_refused(missing, "987654")
    both = trackline_run(
        trackline_server.url, str(project), "--experiment-id", "0", "--experiment-name", unique, cwd=tmp_path
    )
    assert_refused(both, "Give experiment_name or experiment_id, not both")
    assert len(tl.search_all_runs(["0"])) == runs_before
    # MLflow's R package passes these flags; the run id is read back from stderr.
    experiment = tl.create_experiment(unique)
    storage = tmp_path / "storage"
    done = trackline_run(
        trackline_server.url, str(project), "--entry-point", "main", "--experiment-id", experiment,
        "--env-manager", "local", "--backend", "local", "--storage-dir", str(storage), "--param-list", "n=1e+05",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    run = tl.get_run(run_id_of(done))
    assert (run.info.experiment_id, run.info.status, run.data.params) == (experiment, "FINISHED", {"n": "1e+05"})


def test_resuming_a_run(tl: TracklineClient, trackline_server: LiveServer, tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p", "entry_points: {main: {parameters: {alpha: float}, command: 'echo {alpha}'}}\n"
    )
    run = tl.create_run("0", tags={"origin": "scheduler"})
    tl.log_batch(run.info.run_id, params=[trackline.Param("alpha", "0.5")])
    clash = trackline_run(
        trackline_server.url, str(project), "--run-id", run.info.run_id, "-P", "alpha=0.7", cwd=tmp_path
    )
    assert_refused(clash, "already has parameter 'alpha' = '0.5'; it cannot become '0.7'")
    assert tl.get_run(run.info.run_id).info.status == "RUNNING"  # left as it was
    done = trackline_run(
        trackline_server.url, str(project), "--run-id", run.info.run_id, "-P", "alpha=0.5", "-P", "extra=x",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert run_id_of(done) == run.info.run_id
    resumed = tl.get_run(run.info.run_id)
    assert resumed.info.status == "FINISHED"
    assert resumed.data.params == {"alpha": "0.5", "extra": "x"}
    assert resumed.data.tags["origin"] == "scheduler"
    assert system_tags(resumed)["mlflow.source.type"] == "PROJECT"


# --- virtualenv ---------------------------------------------------------------------------

ENV_CHECK = "import sys, tinydep; print('prefix', sys.prefix); print('value', tinydep.VALUE)\n"


def test_virtualenv_projects_run_in_their_environment(
    tl: TracklineClient, trackline_server: LiveServer, tmp_path: Path, env_root: Path
) -> None:
    running = "{}.{}".format(*sys.version_info[:2])
    project = write_project(
        tmp_path / "p",
        "python_env: env.yaml\nentry_points: {main: {command: 'python check.py'}}\n",
        {"env.yaml": f"python: '{running}'\ndependencies: ['./tinydep-1.0-py3-none-any.whl']\n", "check.py": ENV_CHECK},
    )
    make_wheel(project, "tinydep", "from the venv")
    first = trackline_run(trackline_server.url, str(project), cwd=tmp_path, env_root=env_root)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Building the Python" in first.stderr
    prefix = Path(first.stdout.split("prefix ", 1)[1].split("\n", 1)[0])
    assert prefix.parent == env_root
    assert "value from the venv" in first.stdout
    assert system_tags(tl.get_run(run_id_of(first)))["mlflow.project.env"] == "virtualenv"
    again = trackline_run(trackline_server.url, str(project), cwd=tmp_path, env_root=env_root)
    assert again.returncode == 0, again.stderr
    assert "Building the Python" not in again.stderr  # built once
    assert f"prefix {prefix}\n" in again.stdout
    # A Python version that is not there: refused before the run, with the remedy.
    (project / "env.yaml").write_text("python: '3.96'\n")
    missing = trackline_run(trackline_server.url, str(project), cwd=tmp_path, env_root=env_root)
    assert_refused(missing, "no working python3.96 is on PATH")


# --- the Python API -------------------------------------------------------------------------


@pytest.fixture
def api_uri(trackline_server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name in list(os.environ):
        if name.startswith(("MLFLOW_", "TRACKLINE_")) and name != "TRACKLINE_TEST_SERVERS":
            monkeypatch.delenv(name)
    trackline.set_tracking_uri(trackline_server.url)
    yield trackline_server.url
    trackline.set_tracking_uri("")


def test_projects_run_api(api_uri: str, tl: TracklineClient, tmp_path: Path, unique: str) -> None:
    done = write_project(tmp_path / "done", "entry_points: {main: {command: 'sleep 1'}}\n")
    submitted = projects.run(str(done), experiment_name=unique, synchronous=False, env_manager="local")
    assert isinstance(submitted, projects.SubmittedRun)
    assert submitted.get_status() == "RUNNING"
    assert tl.get_run(submitted.run_id).info.status == "RUNNING"
    assert submitted.wait() is True
    assert (submitted.get_status(), submitted.exit_code) == ("FINISHED", 0)
    assert tl.get_run(submitted.run_id).info.status == "FINISHED"

    sleeping = write_project(tmp_path / "sleeping", SLEEPING)
    token = f"token-{uuid.uuid4().hex}"
    long_run = projects.run(str(sleeping), parameters={"token": token}, synchronous=False)
    try:
        wait_for(lambda: sleepers_started(token), "the command's two processes")
    finally:
        long_run.cancel()
    assert long_run.get_status() == "KILLED"
    assert tl.get_run(long_run.run_id).info.status == "KILLED"
    assert live_processes(token) == []

    failing = write_project(tmp_path / "failing", FAILING)
    with pytest.raises(ExecutionException, match=r"Run \(ID '\w+'\) failed"):
        projects.run(str(failing), experiment_name=unique)
    statuses = sorted(r.info.status for r in tl.search_all_runs([tl.get_experiment_by_name(unique).experiment_id]))
    assert statuses == ["FAILED", "FINISHED"]

    with pytest.raises(ExecutionException, match="No value given for missing parameters: 'token'"):
        projects.run(str(sleeping), experiment_name=unique)


def test_path_parameters_download_artifact_uris(api_uri: str, tl: TracklineClient, tmp_path: Path) -> None:
    source = tl.create_run("0")
    tl.log_text(source.info.run_id, "downloaded text", "inputs/data.txt")
    project = write_project(
        tmp_path / "p", "entry_points: {main: {parameters: {data: path}, command: 'cat {data} > out.txt'}}\n"
    )
    storage = tmp_path / "storage"
    uri = f"runs:/{source.info.run_id}/inputs/data.txt"
    submitted = projects.run(str(project), parameters={"data": uri}, storage_dir=str(storage))
    assert (project / "out.txt").read_text() == "downloaded text"
    assert tl.get_run(submitted.run_id).data.params == {"data": uri}
    assert list(storage.iterdir()) == []  # the download is removed once the run ends
