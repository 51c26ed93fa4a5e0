"""`pip install ./sdk-python` gives both packages, and works without pandas."""

from __future__ import annotations

import subprocess
import venv
from pathlib import Path

import trackline

SDK = Path(__file__).resolve().parents[1]

CHECK = """
import importlib.util, sys
import trackline, trackline_api
from trackline_api.api.runs import log_batch
assert callable(log_batch.sync_detailed)
assert importlib.util.find_spec("pandas") is None, "pandas is optional"
assert "site-packages" in trackline.__file__ and "site-packages" in trackline_api.__file__
from trackline._dataframe import runs_to_dataframe
try:
    runs_to_dataframe([])
except ImportError:
    pass
else:
    raise AssertionError("expected an ImportError without pandas")
print(trackline.__version__)
"""


def test_pip_install_without_pandas(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(SDK)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    done = subprocess.run([str(python), "-c", CHECK], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == trackline.__version__
