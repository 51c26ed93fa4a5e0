from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.model_version_response import ModelVersionResponse
from ...types import UNSET, Response


def _get_kwargs(
    *,
    name: str,
    alias: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["name"] = name

    params["alias"] = alias

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/2.0/mlflow/registered-models/alias",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ModelVersionResponse | None:
    if response.status_code == 200:
        response_200 = ModelVersionResponse.from_dict(response.json())

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
) -> Response[Error | ModelVersionResponse]:
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
    alias: str,
) -> Response[Error | ModelVersionResponse]:
    """The version an alias points at.

     An alias that is not set is a 400 `INVALID_PARAMETER_VALUE`, as in MLflow.

    Args:
        name (str):
        alias (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ModelVersionResponse]
    """

    kwargs = _get_kwargs(
        name=name,
        alias=alias,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    name: str,
    alias: str,
) -> Error | ModelVersionResponse | None:
    """The version an alias points at.

     An alias that is not set is a 400 `INVALID_PARAMETER_VALUE`, as in MLflow.

    Args:
        name (str):
        alias (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ModelVersionResponse
    """

    return sync_detailed(
        client=client,
        name=name,
        alias=alias,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    name: str,
    alias: str,
) -> Response[Error | ModelVersionResponse]:
    """The version an alias points at.

     An alias that is not set is a 400 `INVALID_PARAMETER_VALUE`, as in MLflow.

    Args:
        name (str):
        alias (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ModelVersionResponse]
    """

    kwargs = _get_kwargs(
        name=name,
        alias=alias,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    name: str,
    alias: str,
) -> Error | ModelVersionResponse | None:
    """The version an alias points at.

     An alias that is not set is a 400 `INVALID_PARAMETER_VALUE`, as in MLflow.

    Args:
        name (str):
        alias (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ModelVersionResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            name=name,
            alias=alias,
        )
    ).parsed
