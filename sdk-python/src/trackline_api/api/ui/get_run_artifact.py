from http import HTTPStatus
from io import BytesIO
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    run_id: str | Unset = UNSET,
    run_uuid: str | Unset = UNSET,
    path: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["run_id"] = run_id

    params["run_uuid"] = run_uuid

    params["path"] = path

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/2.0/trackline/runs/artifact",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | File]:
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
    path: str,
) -> Response[Error | File]:
    """Read one file of a run's artifacts, wherever the run's artifacts are stored.

     `path` is relative to the run's artifact root, as `artifacts/list` gives it. The file
    is streamed with a content type guessed from its name, under a sandboxing
    Content-Security-Policy so that an HTML or SVG artifact cannot run scripts in the
    server's origin.

    Args:
        run_id (str | Unset):
        run_uuid (str | Unset):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File]
    """

    kwargs = _get_kwargs(
        run_id=run_id,
        run_uuid=run_uuid,
        path=path,
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
    path: str,
) -> Error | File | None:
    """Read one file of a run's artifacts, wherever the run's artifacts are stored.

     `path` is relative to the run's artifact root, as `artifacts/list` gives it. The file
    is streamed with a content type guessed from its name, under a sandboxing
    Content-Security-Policy so that an HTML or SVG artifact cannot run scripts in the
    server's origin.

    Args:
        run_id (str | Unset):
        run_uuid (str | Unset):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File
    """

    return sync_detailed(
        client=client,
        run_id=run_id,
        run_uuid=run_uuid,
        path=path,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    run_id: str | Unset = UNSET,
    run_uuid: str | Unset = UNSET,
    path: str,
) -> Response[Error | File]:
    """Read one file of a run's artifacts, wherever the run's artifacts are stored.

     `path` is relative to the run's artifact root, as `artifacts/list` gives it. The file
    is streamed with a content type guessed from its name, under a sandboxing
    Content-Security-Policy so that an HTML or SVG artifact cannot run scripts in the
    server's origin.

    Args:
        run_id (str | Unset):
        run_uuid (str | Unset):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File]
    """

    kwargs = _get_kwargs(
        run_id=run_id,
        run_uuid=run_uuid,
        path=path,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    run_id: str | Unset = UNSET,
    run_uuid: str | Unset = UNSET,
    path: str,
) -> Error | File | None:
    """Read one file of a run's artifacts, wherever the run's artifacts are stored.

     `path` is relative to the run's artifact root, as `artifacts/list` gives it. The file
    is streamed with a content type guessed from its name, under a sandboxing
    Content-Security-Policy so that an HTML or SVG artifact cannot run scripts in the
    server's origin.

    Args:
        run_id (str | Unset):
        run_uuid (str | Unset):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File
    """

    return (
        await asyncio_detailed(
            client=client,
            run_id=run_id,
            run_uuid=run_uuid,
            path=path,
        )
    ).parsed
