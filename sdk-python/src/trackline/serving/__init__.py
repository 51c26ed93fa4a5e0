"""The scoring server: models served over HTTP with MLflow's scoring protocol (``scoring.yaml``).

Run it with ``trackline models serve -m <model URI>`` (or ``python -m trackline.serving serve``);
this package also gives the WSGI app for embedding::

    from trackline.serving import ModelSet, create_app, load_served, parse_model_spec

    models = ModelSet([load_served(parse_model_spec("models:/recs@champion"), weight=1)])
    app = create_app(models)          # a Flask app: POST /invocations, GET /ping, ...

Needs the ``serve`` extra: ``pip install 'trackline[serve]'``.
"""

from __future__ import annotations

from ._app import ScoringSettings, SpecMismatch, create_app
from ._commands import ServeOptions, predict, prepare_env, serve
from ._errors import ScoringError
from ._served import ModelSet, ServedModel, load_served, parse_model_spec

__all__ = [
    "ModelSet",
    "ScoringError",
    "ScoringSettings",
    "ServeOptions",
    "ServedModel",
    "SpecMismatch",
    "create_app",
    "load_served",
    "parse_model_spec",
    "predict",
    "prepare_env",
    "serve",
]
