"""Errors of the scoring server, in MLflow's envelope.

``{"error_code", "message", "error_class", "sqlstate"}``: ``error_class`` and ``sqlstate``
follow MLflow 3.17's classification (a class of its own for signature failures, else one
derived from the code).

>>> error = ScoringError("No column 'age'", "INVALID_PARAMETER_VALUE", error_class="SCHEMA_ENFORCEMENT_FAILED")
>>> error.status, error.envelope()["sqlstate"]
(400, 'KAM01')
"""

from __future__ import annotations

from trackline._errors import TracklineException

__all__ = ["STATUS", "CommandError", "ScoringError", "from_sdk_error"]

#: The HTTP status of each error code the scoring server answers.
STATUS = {
    "BAD_REQUEST": 400,
    "INVALID_PARAMETER_VALUE": 400,
    "RESOURCE_DOES_NOT_EXIST": 404,
    "ENDPOINT_NOT_FOUND": 404,
    "REQUEST_TOO_LARGE": 413,
    "UNSUPPORTED_MEDIA_TYPE": 415,
    "INTERNAL_ERROR": 500,
    "DEADLINE_EXCEEDED": 504,
}

_CLASS_OF_CODE = {
    "BAD_REQUEST": "INVALID_PARAMETER_VALUE",
    "INVALID_PARAMETER_VALUE": "INVALID_PARAMETER_VALUE",
    "RESOURCE_DOES_NOT_EXIST": "RESOURCE_NOT_FOUND",
    "ENDPOINT_NOT_FOUND": "RESOURCE_NOT_FOUND",
    "REQUEST_TOO_LARGE": "INVALID_PARAMETER_VALUE",
    "UNSUPPORTED_MEDIA_TYPE": "INVALID_PARAMETER_VALUE",
}

_SQLSTATE_OF_CLASS = {
    "SCHEMA_ENFORCEMENT_FAILED": "KAM01",
    "INVALID_PARAMETER_VALUE": "KAM00",
    "RESOURCE_NOT_FOUND": "KAM00",
    "CLIENT_INTERNAL_ERROR": "XXM00",
}


class ScoringError(Exception):
    """A request the server refuses; ``status`` follows the code unless given."""

    def __init__(
        self,
        message: str,
        error_code: str = "BAD_REQUEST",
        status: int | None = None,
        error_class: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.error_code = error_code
        self.status = status or STATUS.get(error_code, 500)
        self.error_class = error_class or _CLASS_OF_CODE.get(error_code, "CLIENT_INTERNAL_ERROR")

    def envelope(self) -> dict[str, str]:
        return {
            "error_code": self.error_code,
            "message": self.message,
            "error_class": self.error_class,
            "sqlstate": _SQLSTATE_OF_CLASS.get(self.error_class, "KAM00"),
        }


def from_sdk_error(exc: TracklineException) -> ScoringError:
    """A signature or parameter failure (a ``TracklineException``) as a scoring error."""
    code = exc.error_code if exc.error_code in STATUS else "BAD_REQUEST"
    return ScoringError(exc.message, code, 400, getattr(exc, "error_class", None))


class CommandError(Exception):
    """A ``trackline models`` command cannot go on; reported as one line, without a traceback."""
