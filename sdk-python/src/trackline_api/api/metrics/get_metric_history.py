from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.get_metric_history_response import GetMetricHistoryResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    run_id: str | Unset = UNSET,
    run_uuid: str | Unset = UNSET,
    metric_key: str,
    page_token: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["run_id"] = run_id

    params["run_uuid"] = run_uuid

    params["metric_key"] = metric_key

    params["page_token"] = page_token

    params["max_results"] = max_results

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/2.0/mlflow/metrics/get-history",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | GetMetricHistoryResponse | None:
    if response.status_code == 200:
        response_200 = GetMetricHistoryResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | GetMetricHistoryResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    run_id: str | Unset = UNSET,
    run_uuid: str | Unset = UNSET,
    metric_key: str,
    page_token: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
) -> Response[Error | GetMetricHistoryResponse]:
    """Get every logged value of one metric of a run.

     Values come in (timestamp, step) order. With `max_results`, a page holds at most that
    many values and `next_page_token` leads to the next page.

    Args:
        run_id (str | Unset):
        run_uuid (str | Unset):
        metric_key (str):
        page_token (str | Unset):
        max_results (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | GetMetricHistoryResponse]
    """

    kwargs = _get_kwargs(
        run_id=run_id,
        run_uuid=run_uuid,
        metric_key=metric_key,
        page_token=page_token,
        max_results=max_results,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    run_id: str | Unset = UNSET,
    run_uuid: str | Unset = UNSET,
    metric_key: str,
    page_token: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
) -> Error | GetMetricHistoryResponse | None:
    """Get every logged value of one metric of a run.

     Values come in (timestamp, step) order. With `max_results`, a page holds at most that
    many values and `next_page_token` leads to the next page.

    Args:
        run_id (str | Unset):
        run_uuid (str | Unset):
        metric_key (str):
        page_token (str | Unset):
        max_results (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | GetMetricHistoryResponse
    """

    return sync_detailed(
        client=client,
        run_id=run_id,
        run_uuid=run_uuid,
        metric_key=metric_key,
        page_token=page_token,
        max_results=max_results,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    run_id: str | Unset = UNSET,
    run_uuid: str | Unset = UNSET,
    metric_key: str,
    page_token: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
) -> Response[Error | GetMetricHistoryResponse]:
    """Get every logged value of one metric of a run.

     Values come in (timestamp, step) order. With `max_results`, a page holds at most that
    many values and `next_page_token` leads to the next page.

    Args:
        run_id (str | Unset):
        run_uuid (str | Unset):
        metric_key (str):
        page_token (str | Unset):
        max_results (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | GetMetricHistoryResponse]
    """

    kwargs = _get_kwargs(
        run_id=run_id,
        run_uuid=run_uuid,
        metric_key=metric_key,
        page_token=page_token,
        max_results=max_results,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    run_id: str | Unset = UNSET,
    run_uuid: str | Unset = UNSET,
    metric_key: str,
    page_token: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
) -> Error | GetMetricHistoryResponse | None:
    """Get every logged value of one metric of a run.

     Values come in (timestamp, step) order. With `max_results`, a page holds at most that
    many values and `next_page_token` leads to the next page.

    Args:
        run_id (str | Unset):
        run_uuid (str | Unset):
        metric_key (str):
        page_token (str | Unset):
        max_results (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | GetMetricHistoryResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            run_id=run_id,
            run_uuid=run_uuid,
            metric_key=metric_key,
            page_token=page_token,
            max_results=max_results,
        )
    ).parsed
