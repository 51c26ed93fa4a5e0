"""The error envelope, as MLflow 3.17 writes it, with MLflow's HTTP statuses.

``{"error_code", "message", "error_class", "sqlstate"}``: ``error_class`` and ``sqlstate`` are the
classification MLflow's tracking server derives from the code (observed on MLflow 3.17.2: a 404
``RESOURCE_DOES_NOT_EXIST`` carries ``"error_class": "RESOURCE_NOT_FOUND", "sqlstate": "KAM00"``).

>>> TracklineError("Run with id=x not found", RESOURCE_DOES_NOT_EXIST).to_dict()["error_class"]
'RESOURCE_NOT_FOUND'
"""

from __future__ import annotations

INVALID_PARAMETER_VALUE = "INVALID_PARAMETER_VALUE"
BAD_REQUEST = "BAD_REQUEST"
RESOURCE_ALREADY_EXISTS = "RESOURCE_ALREADY_EXISTS"
RESOURCE_DOES_NOT_EXIST = "RESOURCE_DOES_NOT_EXIST"
ENDPOINT_NOT_FOUND = "ENDPOINT_NOT_FOUND"
INTERNAL_ERROR = "INTERNAL_ERROR"
TEMPORARILY_UNAVAILABLE = "TEMPORARILY_UNAVAILABLE"
UNAUTHENTICATED = "UNAUTHENTICATED"
PERMISSION_DENIED = "PERMISSION_DENIED"

HTTP_STATUS = {
    INVALID_PARAMETER_VALUE: 400,
    BAD_REQUEST: 400,
    RESOURCE_ALREADY_EXISTS: 400,
    RESOURCE_DOES_NOT_EXIST: 404,
    ENDPOINT_NOT_FOUND: 404,
    INTERNAL_ERROR: 500,
    TEMPORARILY_UNAVAILABLE: 503,
    UNAUTHENTICATED: 401,
    PERMISSION_DENIED: 403,
}


# error_code -> (error_class, sqlstate), as MLflow 3.17's server sends them.
_USER_ERROR = "KAM00"
_SYSTEM_ERROR = "XXM00"
CLASSIFICATION = {
    INVALID_PARAMETER_VALUE: ("INVALID_PARAMETER_VALUE", _USER_ERROR),
    BAD_REQUEST: ("INVALID_PARAMETER_VALUE", _USER_ERROR),
    RESOURCE_ALREADY_EXISTS: ("RESOURCE_ALREADY_EXISTS", _USER_ERROR),
    RESOURCE_DOES_NOT_EXIST: ("RESOURCE_NOT_FOUND", _USER_ERROR),
    ENDPOINT_NOT_FOUND: ("RESOURCE_NOT_FOUND", _USER_ERROR),
    INTERNAL_ERROR: ("CLIENT_INTERNAL_ERROR", _SYSTEM_ERROR),
    TEMPORARILY_UNAVAILABLE: ("CLIENT_INTERNAL_ERROR", _SYSTEM_ERROR),
    PERMISSION_DENIED: ("PERMISSION_DENIED", _USER_ERROR),
}
# Codes MLflow gives no classification: their errors carry error_code and message only.
UNCLASSIFIED = frozenset({UNAUTHENTICATED})


class TracklineError(Exception):
    """An error the API reports to the caller."""

    def __init__(self, message: str, error_code: str = INVALID_PARAMETER_VALUE) -> None:
        super().__init__(message)
        self.message = message
        self.error_code = error_code

    @property
    def http_status(self) -> int:
        return HTTP_STATUS.get(self.error_code, 500)

    def to_dict(self) -> dict[str, str]:
        if self.error_code in UNCLASSIFIED:
            return {"error_code": self.error_code, "message": self.message}
        error_class, sqlstate = CLASSIFICATION.get(self.error_code, CLASSIFICATION[INTERNAL_ERROR])
        return {
            "error_code": self.error_code,
            "message": self.message,
            "error_class": error_class,
            "sqlstate": sqlstate,
        }


def invalid(message: str) -> TracklineError:
    return TracklineError(message, INVALID_PARAMETER_VALUE)


def missing(name: str) -> TracklineError:
    """The error for a required parameter left out (or given empty)."""
    return invalid(f"Missing value for required parameter '{name}'.")


def not_found(message: str) -> TracklineError:
    return TracklineError(message, RESOURCE_DOES_NOT_EXIST)


def already_exists(message: str) -> TracklineError:
    return TracklineError(message, RESOURCE_ALREADY_EXISTS)
