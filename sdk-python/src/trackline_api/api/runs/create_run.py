from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_run_request import CreateRunRequest
from ...models.error import Error
from ...models.run_response import RunResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateRunRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/2.0/mlflow/runs/create",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | RunResponse | None:
    if response.status_code == 200:
        response_200 = RunResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | RunResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateRunRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | RunResponse]:
    """Create a run.

     Without `experiment_id` the run goes to experiment `0`. Without `run_name` (or the
    `mlflow.runName` tag) a random name is given. `start_time` defaults to now.

    With an `Idempotency-Key` header, the request creates at most one run: sent again with
    the same key (a retry after a lost answer), it answers with the run the first request
    created, as it is now, whatever the body.

    Args:
        idempotency_key (str | Unset):
        body (CreateRunRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RunResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateRunRequest,
    idempotency_key: str | Unset = UNSET,
) -> Error | RunResponse | None:
    """Create a run.

     Without `experiment_id` the run goes to experiment `0`. Without `run_name` (or the
    `mlflow.runName` tag) a random name is given. `start_time` defaults to now.

    With an `Idempotency-Key` header, the request creates at most one run: sent again with
    the same key (a retry after a lost answer), it answers with the run the first request
    created, as it is now, whatever the body.

    Args:
        idempotency_key (str | Unset):
        body (CreateRunRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RunResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateRunRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | RunResponse]:
    """Create a run.

     Without `experiment_id` the run goes to experiment `0`. Without `run_name` (or the
    `mlflow.runName` tag) a random name is given. `start_time` defaults to now.

    With an `Idempotency-Key` header, the request creates at most one run: sent again with
    the same key (a retry after a lost answer), it answers with the run the first request
    created, as it is now, whatever the body.

    Args:
        idempotency_key (str | Unset):
        body (CreateRunRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RunResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateRunRequest,
    idempotency_key: str | Unset = UNSET,
) -> Error | RunResponse | None:
    """Create a run.

     Without `experiment_id` the run goes to experiment `0`. Without `run_name` (or the
    `mlflow.runName` tag) a random name is given. `start_time` defaults to now.

    With an `Idempotency-Key` header, the request creates at most one run: sent again with
    the same key (a retry after a lost answer), it answers with the run the first request
    created, as it is now, whatever the body.

    Args:
        idempotency_key (str | Unset):
        body (CreateRunRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RunResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
