"""The exception projects raise."""

from __future__ import annotations

from trackline._errors import TracklineException

__all__ = ["ExecutionException"]


class ExecutionException(TracklineException):
    """A project could not be run (a bad MLproject, entry point or parameter, a project that
    cannot be fetched), or a synchronous run failed. Its message is one line.

    >>> err = ExecutionException("No value given for missing parameters: 'alpha'")
    >>> (err.error_code, err.message)
    ('INVALID_PARAMETER_VALUE', "No value given for missing parameters: 'alpha'")
    """

    def __init__(self, message: str, error_code: str = "INVALID_PARAMETER_VALUE") -> None:
        super().__init__(" ".join(message.split()), error_code=error_code)
