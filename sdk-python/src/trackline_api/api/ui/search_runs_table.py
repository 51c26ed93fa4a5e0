from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.runs_table_request import RunsTableRequest
from ...models.runs_table_response import RunsTableResponse
from ...types import Response


def _get_kwargs(
    *,
    body: RunsTableRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/2.0/trackline/runs/table",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | RunsTableResponse | None:
    if response.status_code == 200:
        response_200 = RunsTableResponse.from_dict(response.json())

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
) -> Response[Error | RunsTableResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RunsTableRequest,
) -> Response[Error | RunsTableResponse]:
    """One page of the runs table, with the chosen columns only and the total count.

     Takes the filter and `order_by` grammar of `runs/search`, plus `attributes.duration`
    (end time minus start time) as the first `order_by` key. Pages by `offset`, so a table
    can fetch any window of rows; `total_count` is the number of matching runs. Each row
    carries the run's attributes, its parent run (tag `mlflow.parentRunId`), its source
    (tag `mlflow.source.name`), how many child runs it has, and the values of the param,
    metric (latest value) and tag keys asked for.
    `top_level_only` leaves out child runs; `parent_run_id` returns only the children of
    one run.

    Args:
        body (RunsTableRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RunsTableResponse]
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
    body: RunsTableRequest,
) -> Error | RunsTableResponse | None:
    """One page of the runs table, with the chosen columns only and the total count.

     Takes the filter and `order_by` grammar of `runs/search`, plus `attributes.duration`
    (end time minus start time) as the first `order_by` key. Pages by `offset`, so a table
    can fetch any window of rows; `total_count` is the number of matching runs. Each row
    carries the run's attributes, its parent run (tag `mlflow.parentRunId`), its source
    (tag `mlflow.source.name`), how many child runs it has, and the values of the param,
    metric (latest value) and tag keys asked for.
    `top_level_only` leaves out child runs; `parent_run_id` returns only the children of
    one run.

    Args:
        body (RunsTableRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RunsTableResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RunsTableRequest,
) -> Response[Error | RunsTableResponse]:
    """One page of the runs table, with the chosen columns only and the total count.

     Takes the filter and `order_by` grammar of `runs/search`, plus `attributes.duration`
    (end time minus start time) as the first `order_by` key. Pages by `offset`, so a table
    can fetch any window of rows; `total_count` is the number of matching runs. Each row
    carries the run's attributes, its parent run (tag `mlflow.parentRunId`), its source
    (tag `mlflow.source.name`), how many child runs it has, and the values of the param,
    metric (latest value) and tag keys asked for.
    `top_level_only` leaves out child runs; `parent_run_id` returns only the children of
    one run.

    Args:
        body (RunsTableRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RunsTableResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: RunsTableRequest,
) -> Error | RunsTableResponse | None:
    """One page of the runs table, with the chosen columns only and the total count.

     Takes the filter and `order_by` grammar of `runs/search`, plus `attributes.duration`
    (end time minus start time) as the first `order_by` key. Pages by `offset`, so a table
    can fetch any window of rows; `total_count` is the number of matching runs. Each row
    carries the run's attributes, its parent run (tag `mlflow.parentRunId`), its source
    (tag `mlflow.source.name`), how many child runs it has, and the values of the param,
    metric (latest value) and tag keys asked for.
    `top_level_only` leaves out child runs; `parent_run_id` returns only the children of
    one run.

    Args:
        body (RunsTableRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RunsTableResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
