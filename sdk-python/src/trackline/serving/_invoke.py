"""One prediction request, from body to model input and from model error to answer; shared by
the server and ``trackline models predict``."""

from __future__ import annotations

from typing import Any

from trackline._errors import TracklineException
from trackline.pyfunc._pyfunc_model import PyFuncModel

from ._errors import ScoringError, from_sdk_error
from ._parse import parse_request

__all__ = ["prediction_failed", "prepare_request"]


def prepare_request(model: PyFuncModel, content_type: str | None, body: bytes) -> tuple[Any, dict[str, Any] | None]:
    """The model input and params of a request body, checked against the model's signature."""
    parsed = parse_request(content_type, body, model.metadata.get_input_schema())
    try:
        return model.prepare_input(parsed.data, wire=True), model.prepare_params(parsed.params)
    except TracklineException as exc:
        raise from_sdk_error(exc) from None


def prediction_failed(exc: BaseException) -> ScoringError:
    """The answer to an exception raised by the model's own code: a 400 with its message."""
    return ScoringError(
        "Encountered an unexpected error while evaluating the model. Verify that the input is compatible "
        f"with the model for inference. Error: {type(exc).__name__}: {exc}",
        "BAD_REQUEST",
    )
