from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.search_model_versions_response import SearchModelVersionsResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    filter_: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
    order_by: list[str] | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["filter"] = filter_

    params["max_results"] = max_results

    json_order_by: list[str] | Unset = UNSET
    if not isinstance(order_by, Unset):
        json_order_by = order_by

    params["order_by"] = json_order_by

    params["page_token"] = page_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/2.0/mlflow/model-versions/search",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | SearchModelVersionsResponse | None:
    if response.status_code == 200:
        response_200 = SearchModelVersionsResponse.from_dict(response.json())

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
) -> Response[Error | SearchModelVersionsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    filter_: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
    order_by: list[str] | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> Response[Error | SearchModelVersionsResponse]:
    """Search model versions.

     Filter: `name` (`= != LIKE ILIKE IN NOT IN`), `version_number` (numeric comparisons,
    `IN`), `run_id` (`= != IN NOT IN`), `source_path` (`= != LIKE ILIKE`),
    `current_stage` (`= != IN NOT IN`) and `tags.<key>` (`= != LIKE ILIKE`), joined by `AND`.
    Order keys: `name`, `version_number`, `creation_timestamp`, `last_updated_timestamp`
    (default `name ASC, version_number DESC`). `max_results` 1 to 200000 (default 10000).

    Args:
        filter_ (str | Unset):
        max_results (int | Unset):
        order_by (list[str] | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SearchModelVersionsResponse]
    """

    kwargs = _get_kwargs(
        filter_=filter_,
        max_results=max_results,
        order_by=order_by,
        page_token=page_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    filter_: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
    order_by: list[str] | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> Error | SearchModelVersionsResponse | None:
    """Search model versions.

     Filter: `name` (`= != LIKE ILIKE IN NOT IN`), `version_number` (numeric comparisons,
    `IN`), `run_id` (`= != IN NOT IN`), `source_path` (`= != LIKE ILIKE`),
    `current_stage` (`= != IN NOT IN`) and `tags.<key>` (`= != LIKE ILIKE`), joined by `AND`.
    Order keys: `name`, `version_number`, `creation_timestamp`, `last_updated_timestamp`
    (default `name ASC, version_number DESC`). `max_results` 1 to 200000 (default 10000).

    Args:
        filter_ (str | Unset):
        max_results (int | Unset):
        order_by (list[str] | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SearchModelVersionsResponse
    """

    return sync_detailed(
        client=client,
        filter_=filter_,
        max_results=max_results,
        order_by=order_by,
        page_token=page_token,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    filter_: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
    order_by: list[str] | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> Response[Error | SearchModelVersionsResponse]:
    """Search model versions.

     Filter: `name` (`= != LIKE ILIKE IN NOT IN`), `version_number` (numeric comparisons,
    `IN`), `run_id` (`= != IN NOT IN`), `source_path` (`= != LIKE ILIKE`),
    `current_stage` (`= != IN NOT IN`) and `tags.<key>` (`= != LIKE ILIKE`), joined by `AND`.
    Order keys: `name`, `version_number`, `creation_timestamp`, `last_updated_timestamp`
    (default `name ASC, version_number DESC`). `max_results` 1 to 200000 (default 10000).

    Args:
        filter_ (str | Unset):
        max_results (int | Unset):
        order_by (list[str] | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SearchModelVersionsResponse]
    """

    kwargs = _get_kwargs(
        filter_=filter_,
        max_results=max_results,
        order_by=order_by,
        page_token=page_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    filter_: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
    order_by: list[str] | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> Error | SearchModelVersionsResponse | None:
    """Search model versions.

     Filter: `name` (`= != LIKE ILIKE IN NOT IN`), `version_number` (numeric comparisons,
    `IN`), `run_id` (`= != IN NOT IN`), `source_path` (`= != LIKE ILIKE`),
    `current_stage` (`= != IN NOT IN`) and `tags.<key>` (`= != LIKE ILIKE`), joined by `AND`.
    Order keys: `name`, `version_number`, `creation_timestamp`, `last_updated_timestamp`
    (default `name ASC, version_number DESC`). `max_results` 1 to 200000 (default 10000).

    Args:
        filter_ (str | Unset):
        max_results (int | Unset):
        order_by (list[str] | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SearchModelVersionsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            filter_=filter_,
            max_results=max_results,
            order_by=order_by,
            page_token=page_token,
        )
    ).parsed
