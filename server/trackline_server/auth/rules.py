"""The one table of what every operation of the spec needs, and on which resource.

Each operationId maps to a ``Rule``:

* ``OPEN``: no credentials (liveness, readiness, version, the spec, server info);
* ``SIGNED_IN``: any authenticated user (creating an experiment or a registered model, whose
  creator then manages it; searches, whose results are filtered to what the user may read; the
  user's own tokens);
* ``ADMIN``: admins only (users, server metrics);
* otherwise the ``checks``: a permission level on each resource a resolver finds in the request
  (the experiment of a run, of a logged model, of an artifact path, of a model version's source;
  a registered model by name). ``self_ok`` lets a user act on themselves (``username`` equal to
  theirs) without it.

Admins pass every rule. A test fails when an operation of the spec has no entry here, and the
server refuses to start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from ..artifacts import safe_relative_path
from .levels import EDIT, EXPERIMENT, MANAGE, READ, REGISTERED_MODEL
from .store import AuthStore

OPEN = "OPEN"
SIGNED_IN = "SIGNED_IN"
ADMIN = "ADMIN"
CHECKED = "CHECKED"

# A resource a request touches: (resource type, id). The type ADMIN_ONLY marks what only an
# admin may touch (an artifact path outside every experiment); an id None, a resource that does
# not exist (the handler answers 404).
ADMIN_ONLY = "server"
Resource = tuple[str, str | None]
Resolver = Callable[[AuthStore, dict[str, Any]], list[Resource]]


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str
    checks: tuple[tuple[str, Resolver], ...] = ()
    self_ok: bool = False
    # Lists of experiment ids in the request that are cut to the readable ones before the search.
    filters_experiment_ids: bool = False
    # Fields only an admin may set (where an experiment's artifacts go: a client-chosen location
    # is how MLflow's server was made to read its own files, CVE-2024-1483).
    admin_fields: tuple[str, ...] = ()


def _text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def experiment(field: str = "experiment_id") -> Resolver:
    return lambda store, args: [(EXPERIMENT, _text(args.get(field)))]


def run_experiment(store: AuthStore, args: dict[str, Any]) -> list[Resource]:
    run_id = _text(args.get("run_id"))
    return [(EXPERIMENT, store.experiment_of_run(run_id) if run_id else None)]


def runs_experiments(store: AuthStore, args: dict[str, Any]) -> list[Resource]:
    return [(EXPERIMENT, store.experiment_of_run(str(r))) for r in args.get("run_ids") or []]


def new_run_experiment(store: AuthStore, args: dict[str, Any]) -> list[Resource]:
    """runs/create without an experiment id goes to the Default experiment, 0."""
    return [(EXPERIMENT, _text(args.get("experiment_id")) or "0")]


def experiment_named(store: AuthStore, args: dict[str, Any]) -> list[Resource]:
    name = _text(args.get("experiment_name"))
    return [(EXPERIMENT, store.experiment_by_name(name) if name else None)]


def logged_model_experiment(store: AuthStore, args: dict[str, Any]) -> list[Resource]:
    model_id = _text(args.get("model_id"))
    return [(EXPERIMENT, store.experiment_of_logged_model(model_id) if model_id else None)]


def registered_model(field: str = "name") -> Resolver:
    return lambda store, args: [(REGISTERED_MODEL, _text(args.get(field)))]


def grant_target(store: AuthStore, args: dict[str, Any]) -> list[Resource]:
    """The resource of a grant route: ``resource_type`` and ``resource_id``."""
    return [(str(args.get("resource_type")), _text(args.get("resource_id")))]


def artifact_path(store: AuthStore, args: dict[str, Any]) -> list[Resource]:
    """The experiment of an artifact proxy path, after normalising it as the proxy does.

    Proxied artifacts live under ``<experiment id>/...``. Anything else (the root, a name that
    is not an experiment id) is for admins only.
    """
    path = safe_relative_path(str(args.get("path") or ""))
    first = path.split("/", 1)[0]
    if first.isdigit() and first.isascii():
        return [(EXPERIMENT, str(int(first)))]
    return [(ADMIN_ONLY, "")]


def version_source(store: AuthStore, args: dict[str, Any]) -> list[Resource]:
    """What a new model version points at must be readable: its run, its logged model, another
    version it copies, or the experiment whose files it names. A source outside every experiment
    is for admins only. The source is read as the registry reads it (store/registry/sources.py)."""
    found: list[Resource] = []
    if args.get("run_id"):
        found.append((EXPERIMENT, store.experiment_of_run(str(args["run_id"]))))
    if args.get("model_id"):
        found.append((EXPERIMENT, store.experiment_of_logged_model(str(args["model_id"]))))
    source = str(args.get("source") or "")
    parsed = urlparse(source)
    parts = [p for p in parsed.path.split("/") if p]
    if parsed.scheme == "runs":
        run_id = parsed.netloc or (parts[0] if parts else "")
        found.append((EXPERIMENT, store.experiment_of_run(run_id) if run_id else None))
    elif parsed.scheme == "models":
        if len(parts) == 1:
            found.append((EXPERIMENT, store.experiment_of_logged_model(parts[0])))
        elif parts:
            found.append((REGISTERED_MODEL, parts[0]))
    elif parsed.scheme == "mlflow-artifacts":
        found.extend(artifact_path(store, {"path": parsed.path.lstrip("/")}))
    elif source:
        eid = store.experiment_of_location(source)
        found.append((EXPERIMENT, eid) if eid is not None else (ADMIN_ONLY, ""))
    return found


def _checked(*checks: tuple[str, Resolver], self_ok: bool = False) -> Rule:
    return Rule(CHECKED, tuple(checks), self_ok)


_OPEN = Rule(OPEN)
_SIGNED_IN = Rule(SIGNED_IN)
_ADMIN = Rule(ADMIN)
_FILTERED = Rule(SIGNED_IN, filters_experiment_ids=True)

_EXP = experiment()
_RUN = run_experiment
_LM = logged_model_experiment
_RM = registered_model()
_PATH = artifact_path

RULES: dict[str, Rule] = {
    # experiments
    "createExperiment": Rule(SIGNED_IN, admin_fields=("artifact_location",)),
    "getExperiment": _checked((READ, _EXP)),
    "getExperimentByName": _checked((READ, experiment_named)),
    "searchExperiments": _SIGNED_IN,
    "searchExperimentsGet": _SIGNED_IN,
    "updateExperiment": _checked((EDIT, _EXP)),
    "deleteExperiment": _checked((MANAGE, _EXP)),
    "restoreExperiment": _checked((MANAGE, _EXP)),
    "setExperimentTag": _checked((EDIT, _EXP)),
    "deleteExperimentTag": _checked((EDIT, _EXP)),
    # runs
    "createRun": _checked((EDIT, new_run_experiment)),
    "getRun": _checked((READ, _RUN)),
    "updateRun": _checked((EDIT, _RUN)),
    "deleteRun": _checked((MANAGE, _RUN)),
    "restoreRun": _checked((MANAGE, _RUN)),
    "searchRuns": _FILTERED,
    "logMetric": _checked((EDIT, _RUN)),
    "logParam": _checked((EDIT, _RUN)),
    "setTag": _checked((EDIT, _RUN)),
    "deleteTag": _checked((EDIT, _RUN)),
    "logBatch": _checked((EDIT, _RUN)),
    "logInputs": _checked((EDIT, _RUN)),
    "logOutputs": _checked((EDIT, _RUN)),
    "logModel": _checked((EDIT, _RUN)),
    "getMetricHistory": _checked((READ, _RUN)),
    "getMetricHistoryBulkInterval": _checked((READ, runs_experiments)),
    "listArtifacts": _checked((READ, _RUN)),
    # the registry
    "createRegisteredModel": _SIGNED_IN,
    "getRegisteredModel": _checked((READ, _RM)),
    "renameRegisteredModel": _checked((EDIT, _RM)),
    "updateRegisteredModel": _checked((EDIT, _RM)),
    "deleteRegisteredModel": _checked((MANAGE, _RM)),
    "searchRegisteredModels": _SIGNED_IN,
    "searchRegisteredModelsPost": _SIGNED_IN,
    "getLatestVersions": _checked((READ, _RM)),
    "getLatestVersionsGet": _checked((READ, _RM)),
    "setRegisteredModelTag": _checked((EDIT, _RM)),
    "deleteRegisteredModelTag": _checked((EDIT, _RM)),
    "setRegisteredModelAlias": _checked((EDIT, _RM)),
    "deleteRegisteredModelAlias": _checked((MANAGE, _RM)),
    "getModelVersionByAlias": _checked((READ, _RM)),
    "createModelVersion": _checked((EDIT, _RM), (READ, version_source)),
    "getModelVersion": _checked((READ, _RM)),
    "updateModelVersion": _checked((EDIT, _RM)),
    "deleteModelVersion": _checked((MANAGE, _RM)),
    "transitionModelVersionStage": _checked((EDIT, _RM)),
    "searchModelVersions": _SIGNED_IN,
    "getModelVersionDownloadUri": _checked((READ, _RM)),
    "setModelVersionTag": _checked((EDIT, _RM)),
    "deleteModelVersionTag": _checked((MANAGE, _RM)),
    "getRegistryHistory": _SIGNED_IN,  # filtered to the models the user may read
    # logged models
    "createLoggedModel": _checked((EDIT, _EXP)),
    "searchLoggedModels": _FILTERED,
    "getLoggedModel": _checked((READ, _LM)),
    "finalizeLoggedModel": _checked((EDIT, _LM)),
    "deleteLoggedModel": _checked((MANAGE, _LM)),
    "setLoggedModelTags": _checked((EDIT, _LM)),
    "deleteLoggedModelTag": _checked((EDIT, _LM)),
    "logLoggedModelParams": _checked((EDIT, _LM)),
    # the artifact proxy: the experiment of the path
    "uploadArtifact": _checked((EDIT, _PATH)),
    "downloadArtifact": _checked((READ, _PATH)),
    "deleteArtifact": _checked((MANAGE, _PATH)),
    "listArtifactsProxy": _checked((READ, _PATH)),
    "createMultipartUpload": _checked((EDIT, _PATH)),
    "uploadMultipartPart": _checked((EDIT, _PATH)),
    "completeMultipartUpload": _checked((EDIT, _PATH)),
    "abortMultipartUpload": _checked((EDIT, _PATH)),
    # the web UI's operations
    "getExperimentKeys": _checked((READ, _EXP)),
    "searchRunsTable": _FILTERED,
    "getMetricHistoryDownsampled": _checked((READ, runs_experiments)),
    "getRunArtifact": _checked((READ, _RUN)),
    # the server
    "getServerInfo": _OPEN,
    "health": _OPEN,
    "readiness": _OPEN,
    "getMetrics": _ADMIN,
    "getVersion": _OPEN,
    "getOpenApiSpec": _OPEN,
    # users, tokens and grants
    "createUser": _ADMIN,
    "getUser": Rule(ADMIN, self_ok=True),
    "getCurrentUser": _SIGNED_IN,
    "listUsers": _ADMIN,
    "updateUserPassword": Rule(ADMIN, self_ok=True),
    "updateUserAdmin": _ADMIN,
    "deleteUser": _ADMIN,
    "grantUserPermission": _checked((MANAGE, grant_target)),
    "revokeUserPermission": _checked((MANAGE, grant_target)),
    "getUserPermission": _checked((MANAGE, grant_target), self_ok=True),
    "createExperimentPermission": _checked((MANAGE, _EXP)),
    "getExperimentPermission": _checked((MANAGE, _EXP), self_ok=True),
    "updateExperimentPermission": _checked((MANAGE, _EXP)),
    "deleteExperimentPermission": _checked((MANAGE, _EXP)),
    "createRegisteredModelPermission": _checked((MANAGE, _RM)),
    "getRegisteredModelPermission": _checked((MANAGE, _RM), self_ok=True),
    "updateRegisteredModelPermission": _checked((MANAGE, _RM)),
    "deleteRegisteredModelPermission": _checked((MANAGE, _RM)),
    "createAccessToken": _SIGNED_IN,
    "listAccessTokens": _SIGNED_IN,
    "revokeAccessToken": _SIGNED_IN,  # a user's own tokens; an admin's, anyone's
}
