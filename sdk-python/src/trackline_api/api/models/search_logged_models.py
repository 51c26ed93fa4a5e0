from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.search_logged_models_request import SearchLoggedModelsRequest
from ...models.search_logged_models_response import SearchLoggedModelsResponse
from ...types import Response


def _get_kwargs(
    *,
    body: SearchLoggedModelsRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/2.0/mlflow/logged-models/search",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | SearchLoggedModelsResponse | None:
    if response.status_code == 200:
        response_200 = SearchLoggedModelsResponse.from_dict(response.json())

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
) -> Response[Error | SearchLoggedModelsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SearchLoggedModelsRequest,
) -> Response[Error | SearchLoggedModelsResponse]:
    """Search logged models of some experiments.

     Filter: `name`, `model_id`, `status`, `source_run_id`, `model_type` (`= != LIKE ILIKE IN NOT IN`),
    `creation_timestamp`, `last_updated_timestamp` (numeric), `params.<key>`, `tags.<key>`,
    `metrics.<key>`, joined by `AND`.

    Args:
        body (SearchLoggedModelsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SearchLoggedModelsResponse]
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
    body: SearchLoggedModelsRequest,
) -> Error | SearchLoggedModelsResponse | None:
    """Search logged models of some experiments.

     Filter: `name`, `model_id`, `status`, `source_run_id`, `model_type` (`= != LIKE ILIKE IN NOT IN`),
    `creation_timestamp`, `last_updated_timestamp` (numeric), `params.<key>`, `tags.<key>`,
    `metrics.<key>`, joined by `AND`.

    Args:
        body (SearchLoggedModelsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SearchLoggedModelsResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SearchLoggedModelsRequest,
) -> Response[Error | SearchLoggedModelsResponse]:
    """Search logged models of some experiments.

     Filter: `name`, `model_id`, `status`, `source_run_id`, `model_type` (`= != LIKE ILIKE IN NOT IN`),
    `creation_timestamp`, `last_updated_timestamp` (numeric), `params.<key>`, `tags.<key>`,
    `metrics.<key>`, joined by `AND`.

    Args:
        body (SearchLoggedModelsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SearchLoggedModelsResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SearchLoggedModelsRequest,
) -> Error | SearchLoggedModelsResponse | None:
    """Search logged models of some experiments.

     Filter: `name`, `model_id`, `status`, `source_run_id`, `model_type` (`= != LIKE ILIKE IN NOT IN`),
    `creation_timestamp`, `last_updated_timestamp` (numeric), `params.<key>`, `tags.<key>`,
    `metrics.<key>`, joined by `AND`.

    Args:
        body (SearchLoggedModelsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SearchLoggedModelsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
