from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.search_experiments_request import SearchExperimentsRequest
from ...models.search_experiments_response import SearchExperimentsResponse
from ...types import Response


def _get_kwargs(
    *,
    body: SearchExperimentsRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/2.0/mlflow/experiments/search",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | SearchExperimentsResponse | None:
    if response.status_code == 200:
        response_200 = SearchExperimentsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | SearchExperimentsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SearchExperimentsRequest,
) -> Response[Error | SearchExperimentsResponse]:
    """Search experiments.

     Filter grammar: comparisons joined by `AND` on `name`, `experiment_id` (also `IN`),
    `creation_time`, `last_update_time` and `tags.<key>`. Order keys: `name`,
    `experiment_id`, `creation_time`, `last_update_time`, each with `ASC` or `DESC`.
    The default order is `creation_time DESC, experiment_id ASC`.

    Args:
        body (SearchExperimentsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SearchExperimentsResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: SearchExperimentsRequest,
) -> Error | SearchExperimentsResponse | None:
    """Search experiments.

     Filter grammar: comparisons joined by `AND` on `name`, `experiment_id` (also `IN`),
    `creation_time`, `last_update_time` and `tags.<key>`. Order keys: `name`,
    `experiment_id`, `creation_time`, `last_update_time`, each with `ASC` or `DESC`.
    The default order is `creation_time DESC, experiment_id ASC`.

    Args:
        body (SearchExperimentsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SearchExperimentsResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SearchExperimentsRequest,
) -> Response[Error | SearchExperimentsResponse]:
    """Search experiments.

     Filter grammar: comparisons joined by `AND` on `name`, `experiment_id` (also `IN`),
    `creation_time`, `last_update_time` and `tags.<key>`. Order keys: `name`,
    `experiment_id`, `creation_time`, `last_update_time`, each with `ASC` or `DESC`.
    The default order is `creation_time DESC, experiment_id ASC`.

    Args:
        body (SearchExperimentsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SearchExperimentsResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SearchExperimentsRequest,
) -> Error | SearchExperimentsResponse | None:
    """Search experiments.

     Filter grammar: comparisons joined by `AND` on `name`, `experiment_id` (also `IN`),
    `creation_time`, `last_update_time` and `tags.<key>`. Order keys: `name`,
    `experiment_id`, `creation_time`, `last_update_time`, each with `ASC` or `DESC`.
    The default order is `creation_time DESC, experiment_id ASC`.

    Args:
        body (SearchExperimentsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SearchExperimentsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
