from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.list_artifacts_proxy_response import ListArtifactsProxyResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    path: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["path"] = path

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/2.0/mlflow-artifacts/artifacts",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ListArtifactsProxyResponse | None:
    if response.status_code == 200:
        response_200 = ListArtifactsProxyResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | ListArtifactsProxyResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    path: str | Unset = UNSET,
) -> Response[Error | ListArtifactsProxyResponse]:
    """List one directory of the artifact store.

     Paths in the answer are the entries' names (not full paths). A path that is a file, or
    does not exist, gives an empty answer `{}`.

    Args:
        path (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ListArtifactsProxyResponse]
    """

    kwargs = _get_kwargs(
        path=path,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    path: str | Unset = UNSET,
) -> Error | ListArtifactsProxyResponse | None:
    """List one directory of the artifact store.

     Paths in the answer are the entries' names (not full paths). A path that is a file, or
    does not exist, gives an empty answer `{}`.

    Args:
        path (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ListArtifactsProxyResponse
    """

    return sync_detailed(
        client=client,
        path=path,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    path: str | Unset = UNSET,
) -> Response[Error | ListArtifactsProxyResponse]:
    """List one directory of the artifact store.

     Paths in the answer are the entries' names (not full paths). A path that is a file, or
    does not exist, gives an empty answer `{}`.

    Args:
        path (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ListArtifactsProxyResponse]
    """

    kwargs = _get_kwargs(
        path=path,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    path: str | Unset = UNSET,
) -> Error | ListArtifactsProxyResponse | None:
    """List one directory of the artifact store.

     Paths in the answer are the entries' names (not full paths). A path that is a file, or
    does not exist, gives an empty answer `{}`.

    Args:
        path (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ListArtifactsProxyResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            path=path,
        )
    ).parsed
