"""The one exception type the SDK raises."""

from __future__ import annotations

__all__ = ["TracklineException"]


class TracklineException(Exception):
    """An operation failed: the server refused it, or it could not be reached.

    ``error_code`` is the code from the server's error envelope (MLflow's codes, such as
    ``RESOURCE_DOES_NOT_EXIST``); ``http_status`` is the HTTP status of the answer, or ``None``
    when no answer came (connection errors and timeouts, code ``TEMPORARILY_UNAVAILABLE``).

    >>> err = TracklineException("Run 'x' not found", error_code="RESOURCE_DOES_NOT_EXIST",
    ...                          http_status=404)
    >>> (err.error_code, err.http_status, err.message)
    ('RESOURCE_DOES_NOT_EXIST', 404, "Run 'x' not found")
    """

    def __init__(
        self,
        message: str,
        error_code: str = "INTERNAL_ERROR",
        http_status: int | None = None,
        *,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.error_code = error_code
        self.http_status = http_status
        #: The wait in seconds the server asked for (its ``Retry-After`` header), if any.
        self.retry_after = retry_after

    @property
    def status_code(self) -> int | None:
        """The HTTP status, under the name httpx and requests use."""
        return self.http_status

    def __str__(self) -> str:
        return f"{self.error_code}: {self.message}"

    def __repr__(self) -> str:
        return f"TracklineException({self.message!r}, error_code={self.error_code!r}, http_status={self.http_status!r})"
