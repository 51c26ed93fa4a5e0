"""A local Trackline cluster (PostgreSQL, SeaweedFS, replicas, nginx) for the fault tests and the benchmark."""

from .cluster import Cluster
from .layout import Layout

__all__ = ["Cluster", "Layout"]
