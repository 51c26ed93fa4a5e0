from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.model_versions_response import ModelVersionsResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    name: str,
    stages: list[str] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["name"] = name

    json_stages: list[str] | Unset = UNSET
    if not isinstance(stages, Unset):
        json_stages = stages

    params["stages"] = json_stages

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/2.0/mlflow/registered-models/get-latest-versions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ModelVersionsResponse | None:
    if response.status_code == 200:
        response_200 = ModelVersionsResponse.from_dict(response.json())

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
) -> Response[Error | ModelVersionsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    name: str,
    stages: list[str] | Unset = UNSET,
) -> Response[Error | ModelVersionsResponse]:
    """The highest version in each of the given stages (query-string form).

    Args:
        name (str):
        stages (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ModelVersionsResponse]
    """

    kwargs = _get_kwargs(
        name=name,
        stages=stages,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    name: str,
    stages: list[str] | Unset = UNSET,
) -> Error | ModelVersionsResponse | None:
    """The highest version in each of the given stages (query-string form).

    Args:
        name (str):
        stages (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ModelVersionsResponse
    """

    return sync_detailed(
        client=client,
        name=name,
        stages=stages,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    name: str,
    stages: list[str] | Unset = UNSET,
) -> Response[Error | ModelVersionsResponse]:
    """The highest version in each of the given stages (query-string form).

    Args:
        name (str):
        stages (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ModelVersionsResponse]
    """

    kwargs = _get_kwargs(
        name=name,
        stages=stages,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    name: str,
    stages: list[str] | Unset = UNSET,
) -> Error | ModelVersionsResponse | None:
    """The highest version in each of the given stages (query-string form).

    Args:
        name (str):
        stages (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ModelVersionsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            name=name,
            stages=stages,
        )
    ).parsed
