"""trackline.environments: python_env.yaml files, interpreters, and virtualenvs built once per content.

The environments are real (uv, the running interpreter) and small: their one dependency is a
wheel each test writes itself, so no index is needed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from project_helpers import make_wheel
from trackline import TracklineException
from trackline._requirements import command_args, local_references
from trackline.environments import READY_FILE, PythonEnv, find_interpreter, virtualenv

RUNNING = "{}.{}".format(*sys.version_info[:2])


def python_in(env_dir: Path, code: str) -> str:
    done = subprocess.run(
        [str(env_dir / "bin" / "python"), "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_python_env_yaml_is_read_and_checked(tmp_path: Path) -> None:
    good = tmp_path / "python_env.yaml"
    good.write_text('python: "3.11.7"\nbuild_dependencies: [pip]\ndependencies: ["-r requirements.txt", numpy]\n')
    env = PythonEnv.from_yaml(good)
    assert env == PythonEnv("3.11.7", ("pip",), ("-r requirements.txt", "numpy"))
    assert env.major_minor == (3, 11)
    assert PythonEnv.from_dict(env.to_dict()) == env
    assert PythonEnv.from_dict({}).python.startswith(RUNNING)

    cases = {
        "python: '3.11'\npackages: [numpy]\n": "unknown keys ['packages']",
        "python: '3.11'\ndependencies: numpy\n": "dependencies must be a list",
        "python: three\n": "is not a Python version",
        "python: '3.11'\ndependencies: [numpy\n": "is not valid YAML",
        "- python\n": "must be a mapping",
    }
    for text, message in cases.items():
        bad = tmp_path / "bad.yaml"
        bad.write_text(text)
        with pytest.raises(TracklineException) as err:
            PythonEnv.from_yaml(bad)
        assert message in err.value.message, text
        assert err.value.error_code == "INVALID_PARAMETER_VALUE"
        assert "\n" not in err.value.message
    with pytest.raises(TracklineException, match="Cannot read"):
        PythonEnv.from_yaml(tmp_path / "missing.yaml")


def test_requirement_lines_and_the_files_they_name(tmp_path: Path) -> None:
    assert command_args(["-r req.txt", "numpy >= 2; python_version < '3.13'", "", "--constraint=c.txt"]) == [
        "-r",
        "req.txt",
        "numpy >= 2; python_version < '3.13'",
        "--constraint=c.txt",
    ]
    (tmp_path / "reqs").mkdir()
    (tmp_path / "reqs" / "base.txt").write_text("# pinned\nnumpy==2.1 # why\n-c ../constraints.txt\n")
    (tmp_path / "constraints.txt").write_text("numpy<3\n")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "setup.py").write_text("")
    wheel = make_wheel(tmp_path, "tiny", "x")
    refs = dict(local_references(["-r reqs/base.txt", "-e ./pkg", wheel.name, "scipy", "git+https://x/y"], tmp_path))
    assert sorted(refs) == ["constraints.txt", "pkg", "reqs/base.txt", wheel.name]
    before = refs["reqs/base.txt"]
    (tmp_path / "reqs" / "base.txt").write_text("numpy==2.2\n-c ../constraints.txt\n")
    assert dict(local_references(["-r reqs/base.txt"], tmp_path))["reqs/base.txt"] != before
    with pytest.raises(TracklineException, match=r"requirements file 'nope\.txt'"):
        local_references(["-r nope.txt"], tmp_path)
    with pytest.raises(TracklineException, match=r"local path '\./gone'"):
        local_references(["./gone"], tmp_path)


def test_a_virtualenv_is_built_once_per_content(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    make_wheel(project, "tinydep", "first")
    (project / "requirements.txt").write_text("./tinydep-1.0-py3-none-any.whl\n")
    env = PythonEnv(python=RUNNING, dependencies=("-r requirements.txt",))
    root = tmp_path / "envs"

    env_dir = virtualenv(env, project, env_root=root)
    assert env_dir.parent == root
    assert (env_dir / READY_FILE).is_file()
    assert python_in(env_dir, "import sys, tinydep; print(sys.prefix, tinydep.VALUE)") == f"{env_dir} first"
    assert python_in(env_dir, "import sys; print('%d.%d' % sys.version_info[:2])") == RUNNING

    built_at = (env_dir / READY_FILE).stat().st_mtime_ns
    assert virtualenv(env, project, env_root=root) == env_dir
    assert (env_dir / READY_FILE).stat().st_mtime_ns == built_at

    # Another wheel under the same name is other content: another environment.
    make_wheel(project, "tinydep", "second")
    changed = virtualenv(env, project, env_root=root)
    assert changed != env_dir
    assert python_in(changed, "import tinydep; print(tinydep.VALUE)") == "second"

    # A directory left by an interrupted build (no ready file) is built again.
    (changed / READY_FILE).unlink()
    assert virtualenv(env, project, env_root=root) == changed
    assert (changed / READY_FILE).is_file()


BUILD_SCRIPT = """
import logging, sys
logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
from trackline.environments import PythonEnv, virtualenv
env = PythonEnv(python=sys.argv[3], dependencies=("./tinydep-1.0-py3-none-any.whl",))
print(virtualenv(env, sys.argv[1], env_root=sys.argv[2]))
"""


def test_two_processes_building_one_environment_take_turns(tmp_path: Path) -> None:
    make_wheel(tmp_path, "tinydep", "shared")
    root = tmp_path / "envs"
    command = [sys.executable, "-c", BUILD_SCRIPT, str(tmp_path), str(root), RUNNING]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [proc.communicate(timeout=300) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], [err for _, err in results]
    paths = {out.strip() for out, _ in results}
    assert len(paths) == 1
    builds = sum(err.count("trackline.environments: Building") for _, err in results)
    assert builds == 1, [err for _, err in results]
    assert python_in(Path(paths.pop()), "import tinydep; print(tinydep.VALUE)") == "shared"


def test_failing_installs_leave_nothing_behind(tmp_path: Path) -> None:
    (tmp_path / "broken-1.0-py3-none-any.whl").write_bytes(b"not a zip")
    env = PythonEnv(python=RUNNING, dependencies=("./broken-1.0-py3-none-any.whl",))
    with pytest.raises(TracklineException) as err:
        virtualenv(env, tmp_path, env_root=tmp_path / "envs")
    assert "Building the Python environment failed (uv pip install)" in err.value.message
    assert [p.name for p in (tmp_path / "envs").iterdir() if not p.name.endswith(".lock")] == []


def fake_python(bin_dir: Path, name: str, script: str) -> None:
    path = bin_dir / name
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(0o755)


def test_other_python_versions_come_from_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert find_interpreter(RUNNING) == Path(sys.executable)
    assert find_interpreter(f"{RUNNING}.0") == Path(sys.executable)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    fake_python(tmp_path, "python3.97", 'echo "3.97"')
    assert find_interpreter("3.97") == tmp_path / "python3.97"
    # A command that does not run (a version manager's shim with no such version) does not count,
    # nor does one that is another version.
    fake_python(tmp_path, "python3.98", 'echo "python3.98: command not found" >&2; exit 127')
    fake_python(tmp_path, "python3.99", 'echo "3.8"')
    for version in ("3.98", "3.99.1", "3.96"):
        with pytest.raises(TracklineException) as err:
            find_interpreter(version)
        wanted = ".".join(version.split(".")[:2])
        assert f"no working python{wanted} is on PATH" in err.value.message
        assert f"this is Python {RUNNING}" in err.value.message
    with pytest.raises(TracklineException) as err:
        virtualenv(PythonEnv(python="3.96"), tmp_path, env_root=tmp_path / "envs")
    assert "no working python3.96 is on PATH" in err.value.message
    assert not (tmp_path / "envs").exists() or not any((tmp_path / "envs").iterdir())


def test_without_uv_the_error_says_what_to_install(tmp_path: Path) -> None:
    script = "import sys\nsys.modules['uv'] = None\nfrom trackline.environments import _uv_command\n_uv_command()\n"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": str(tmp_path)},
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "needs the 'uv' package: install it, or 'trackline[projects]'" in done.stderr
