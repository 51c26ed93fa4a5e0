"""Trackline server: MLflow's REST API on one OpenAPI spec."""

__version__ = "0.1.0"
