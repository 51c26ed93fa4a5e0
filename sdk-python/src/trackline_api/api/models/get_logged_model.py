from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.logged_model_response import LoggedModelResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    model_id: str,
    *,
    allow_deleted: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["allow_deleted"] = allow_deleted

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/2.0/mlflow/logged-models/{model_id}".format(
            model_id=quote(str(model_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | LoggedModelResponse | None:
    if response.status_code == 200:
        response_200 = LoggedModelResponse.from_dict(response.json())

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
) -> Response[Error | LoggedModelResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    model_id: str,
    *,
    client: AuthenticatedClient | Client,
    allow_deleted: bool | Unset = UNSET,
) -> Response[Error | LoggedModelResponse]:
    """Get a logged model.

    Args:
        model_id (str):
        allow_deleted (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LoggedModelResponse]
    """

    kwargs = _get_kwargs(
        model_id=model_id,
        allow_deleted=allow_deleted,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    model_id: str,
    *,
    client: AuthenticatedClient | Client,
    allow_deleted: bool | Unset = UNSET,
) -> Error | LoggedModelResponse | None:
    """Get a logged model.

    Args:
        model_id (str):
        allow_deleted (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LoggedModelResponse
    """

    return sync_detailed(
        model_id=model_id,
        client=client,
        allow_deleted=allow_deleted,
    ).parsed


async def asyncio_detailed(
    model_id: str,
    *,
    client: AuthenticatedClient | Client,
    allow_deleted: bool | Unset = UNSET,
) -> Response[Error | LoggedModelResponse]:
    """Get a logged model.

    Args:
        model_id (str):
        allow_deleted (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LoggedModelResponse]
    """

    kwargs = _get_kwargs(
        model_id=model_id,
        allow_deleted=allow_deleted,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    model_id: str,
    *,
    client: AuthenticatedClient | Client,
    allow_deleted: bool | Unset = UNSET,
) -> Error | LoggedModelResponse | None:
    """Get a logged model.

    Args:
        model_id (str):
        allow_deleted (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LoggedModelResponse
    """

    return (
        await asyncio_detailed(
            model_id=model_id,
            client=client,
            allow_deleted=allow_deleted,
        )
    ).parsed
