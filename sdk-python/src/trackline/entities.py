"""Entities, importable as in ``from mlflow.entities import Metric, Param, RunTag`` (registry
entities too: ``RegisteredModel``, ``ModelVersion``, and Trackline's ``RegistryEvent``).

The list of entities is ``_entities.__all__``: an entity added there is exported here and from
``trackline``.

>>> from trackline.entities import Metric, RunStatus
>>> Metric("loss", 0.3, timestamp=1700000000000, step=1).value, RunStatus.FINISHED.value
(0.3, 'FINISHED')
"""

from . import _entities
from ._entities import *

__all__: list[str] = []
__all__ += _entities.__all__
