from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.search_runs_request import SearchRunsRequest
from ...models.search_runs_response import SearchRunsResponse
from ...types import Response


def _get_kwargs(
    *,
    body: SearchRunsRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/2.0/mlflow/runs/search",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | SearchRunsResponse | None:
    if response.status_code == 200:
        response_200 = SearchRunsResponse.from_dict(response.json())

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
) -> Response[Error | SearchRunsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SearchRunsRequest,
) -> Response[Error | SearchRunsResponse]:
    """Search runs.

     Filter grammar: comparisons joined by `AND`.
    `metrics.<key>` takes `= != < <= > >=` and a number; `params.<key>` and `tags.<key>` take
    `= != LIKE ILIKE` and a quoted string, or `IS NULL` / `IS NOT NULL`;
    `attributes.run_id` takes `= != LIKE ILIKE IN NOT IN`; `run_name`, `status`, `user_id`,
    `artifact_uri` take `= != LIKE ILIKE`; `start_time`, `end_time` take numeric comparisons.
    Keys with special characters go in backticks (``tags.`mlflow.runName` ``).
    `order_by` entries are `<key> [ASC|DESC]`; the default is `start_time DESC, run_id ASC`.
    Runs missing an ordered metric come last.

    Args:
        body (SearchRunsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SearchRunsResponse]
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
    body: SearchRunsRequest,
) -> Error | SearchRunsResponse | None:
    """Search runs.

     Filter grammar: comparisons joined by `AND`.
    `metrics.<key>` takes `= != < <= > >=` and a number; `params.<key>` and `tags.<key>` take
    `= != LIKE ILIKE` and a quoted string, or `IS NULL` / `IS NOT NULL`;
    `attributes.run_id` takes `= != LIKE ILIKE IN NOT IN`; `run_name`, `status`, `user_id`,
    `artifact_uri` take `= != LIKE ILIKE`; `start_time`, `end_time` take numeric comparisons.
    Keys with special characters go in backticks (``tags.`mlflow.runName` ``).
    `order_by` entries are `<key> [ASC|DESC]`; the default is `start_time DESC, run_id ASC`.
    Runs missing an ordered metric come last.

    Args:
        body (SearchRunsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SearchRunsResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SearchRunsRequest,
) -> Response[Error | SearchRunsResponse]:
    """Search runs.

     Filter grammar: comparisons joined by `AND`.
    `metrics.<key>` takes `= != < <= > >=` and a number; `params.<key>` and `tags.<key>` take
    `= != LIKE ILIKE` and a quoted string, or `IS NULL` / `IS NOT NULL`;
    `attributes.run_id` takes `= != LIKE ILIKE IN NOT IN`; `run_name`, `status`, `user_id`,
    `artifact_uri` take `= != LIKE ILIKE`; `start_time`, `end_time` take numeric comparisons.
    Keys with special characters go in backticks (``tags.`mlflow.runName` ``).
    `order_by` entries are `<key> [ASC|DESC]`; the default is `start_time DESC, run_id ASC`.
    Runs missing an ordered metric come last.

    Args:
        body (SearchRunsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SearchRunsResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SearchRunsRequest,
) -> Error | SearchRunsResponse | None:
    """Search runs.

     Filter grammar: comparisons joined by `AND`.
    `metrics.<key>` takes `= != < <= > >=` and a number; `params.<key>` and `tags.<key>` take
    `= != LIKE ILIKE` and a quoted string, or `IS NULL` / `IS NOT NULL`;
    `attributes.run_id` takes `= != LIKE ILIKE IN NOT IN`; `run_name`, `status`, `user_id`,
    `artifact_uri` take `= != LIKE ILIKE`; `start_time`, `end_time` take numeric comparisons.
    Keys with special characters go in backticks (``tags.`mlflow.runName` ``).
    `order_by` entries are `<key> [ASC|DESC]`; the default is `start_time DESC, run_id ASC`.
    Runs missing an ordered metric come last.

    Args:
        body (SearchRunsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SearchRunsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
