from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.get_registry_history_response import GetRegistryHistoryResponse
from ...models.registry_action import RegistryAction
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    name: str | Unset = UNSET,
    version: str | Unset = UNSET,
    action: RegistryAction | Unset = UNSET,
    start_time: int | Unset = UNSET,
    end_time: int | Unset = UNSET,
    max_results: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["name"] = name

    params["version"] = version

    json_action: str | Unset = UNSET
    if not isinstance(action, Unset):
        json_action = action.value

    params["action"] = json_action

    params["start_time"] = start_time

    params["end_time"] = end_time

    params["max_results"] = max_results

    params["page_token"] = page_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/2.0/trackline/registry/history",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | GetRegistryHistoryResponse | None:
    if response.status_code == 200:
        response_200 = GetRegistryHistoryResponse.from_dict(response.json())

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
) -> Response[Error | GetRegistryHistoryResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    name: str | Unset = UNSET,
    version: str | Unset = UNSET,
    action: RegistryAction | Unset = UNSET,
    start_time: int | Unset = UNSET,
    end_time: int | Unset = UNSET,
    max_results: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> Response[Error | GetRegistryHistoryResponse]:
    """The registry's audit trail.

     Every version creation and deletion, stage transition, alias set, move and removal,
    model rename and deletion: who (the authenticated user, else the `user_id` sent), when,
    from and to, and the comment given. Append-only; oldest first.

    Args:
        name (str | Unset):
        version (str | Unset):
        action (RegistryAction | Unset): The kind of a registry event.
        start_time (int | Unset):
        end_time (int | Unset):
        max_results (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | GetRegistryHistoryResponse]
    """

    kwargs = _get_kwargs(
        name=name,
        version=version,
        action=action,
        start_time=start_time,
        end_time=end_time,
        max_results=max_results,
        page_token=page_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    name: str | Unset = UNSET,
    version: str | Unset = UNSET,
    action: RegistryAction | Unset = UNSET,
    start_time: int | Unset = UNSET,
    end_time: int | Unset = UNSET,
    max_results: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> Error | GetRegistryHistoryResponse | None:
    """The registry's audit trail.

     Every version creation and deletion, stage transition, alias set, move and removal,
    model rename and deletion: who (the authenticated user, else the `user_id` sent), when,
    from and to, and the comment given. Append-only; oldest first.

    Args:
        name (str | Unset):
        version (str | Unset):
        action (RegistryAction | Unset): The kind of a registry event.
        start_time (int | Unset):
        end_time (int | Unset):
        max_results (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | GetRegistryHistoryResponse
    """

    return sync_detailed(
        client=client,
        name=name,
        version=version,
        action=action,
        start_time=start_time,
        end_time=end_time,
        max_results=max_results,
        page_token=page_token,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    name: str | Unset = UNSET,
    version: str | Unset = UNSET,
    action: RegistryAction | Unset = UNSET,
    start_time: int | Unset = UNSET,
    end_time: int | Unset = UNSET,
    max_results: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> Response[Error | GetRegistryHistoryResponse]:
    """The registry's audit trail.

     Every version creation and deletion, stage transition, alias set, move and removal,
    model rename and deletion: who (the authenticated user, else the `user_id` sent), when,
    from and to, and the comment given. Append-only; oldest first.

    Args:
        name (str | Unset):
        version (str | Unset):
        action (RegistryAction | Unset): The kind of a registry event.
        start_time (int | Unset):
        end_time (int | Unset):
        max_results (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | GetRegistryHistoryResponse]
    """

    kwargs = _get_kwargs(
        name=name,
        version=version,
        action=action,
        start_time=start_time,
        end_time=end_time,
        max_results=max_results,
        page_token=page_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    name: str | Unset = UNSET,
    version: str | Unset = UNSET,
    action: RegistryAction | Unset = UNSET,
    start_time: int | Unset = UNSET,
    end_time: int | Unset = UNSET,
    max_results: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> Error | GetRegistryHistoryResponse | None:
    """The registry's audit trail.

     Every version creation and deletion, stage transition, alias set, move and removal,
    model rename and deletion: who (the authenticated user, else the `user_id` sent), when,
    from and to, and the comment given. Append-only; oldest first.

    Args:
        name (str | Unset):
        version (str | Unset):
        action (RegistryAction | Unset): The kind of a registry event.
        start_time (int | Unset):
        end_time (int | Unset):
        max_results (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | GetRegistryHistoryResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            name=name,
            version=version,
            action=action,
            start_time=start_time,
            end_time=end_time,
            max_results=max_results,
            page_token=page_token,
        )
    ).parsed
