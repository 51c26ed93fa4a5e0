"""MLflow Projects: run a directory or git repository with an ``MLproject`` file as a tracked run.

``trackline.projects.run`` is ``mlflow.projects.run`` on the local backend::

    from trackline import projects

    submitted = projects.run(
        "https://github.com/acme/churn.git#training",  # or a local directory
        entry_point="main",
        version="v1.2",  # a branch, tag or commit of a git project
        parameters={"alpha": 0.3},
        experiment_name="churn",
        env_manager="virtualenv",  # or "local"
    )
    print(submitted.run_id, submitted.get_status())  # ... FINISHED

The command line is ``trackline run URI -e ENTRY -P name=value ...``
(:mod:`trackline.projects.cli`). The format, flags, tags and statuses are described in
``docs/projects.md`` of the Trackline repository.
"""

from ._errors import ExecutionException
from ._run import run
from ._spec import EntryPoint, Parameter, Project, load_project
from ._submitted import SubmittedRun

__all__ = ["EntryPoint", "ExecutionException", "Parameter", "Project", "SubmittedRun", "load_project", "run"]
