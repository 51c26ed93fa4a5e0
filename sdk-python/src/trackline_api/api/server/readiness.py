from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.not_ready import NotReady
from ...models.readiness import Readiness
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/ready",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> NotReady | Readiness | None:
    if response.status_code == 200:
        response_200 = Readiness.from_dict(response.json())

        return response_200

    if response.status_code == 503:
        response_503 = NotReady.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[NotReady | Readiness]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[NotReady | Readiness]:
    """Readiness check.

     Whether this server can serve requests now: its database answers a query and its
    artifact store (the proxy's directory or bucket) answers. Each check is `ok`, `not used`
    (this server runs without it) or `unavailable (<error type>)`. A load balancer or
    orchestrator sends traffic only to replicas that answer 200; `/health` only says that
    the process is up.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NotReady | Readiness]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> NotReady | Readiness | None:
    """Readiness check.

     Whether this server can serve requests now: its database answers a query and its
    artifact store (the proxy's directory or bucket) answers. Each check is `ok`, `not used`
    (this server runs without it) or `unavailable (<error type>)`. A load balancer or
    orchestrator sends traffic only to replicas that answer 200; `/health` only says that
    the process is up.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NotReady | Readiness
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[NotReady | Readiness]:
    """Readiness check.

     Whether this server can serve requests now: its database answers a query and its
    artifact store (the proxy's directory or bucket) answers. Each check is `ok`, `not used`
    (this server runs without it) or `unavailable (<error type>)`. A load balancer or
    orchestrator sends traffic only to replicas that answer 200; `/health` only says that
    the process is up.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NotReady | Readiness]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> NotReady | Readiness | None:
    """Readiness check.

     Whether this server can serve requests now: its database answers a query and its
    artifact store (the proxy's directory or bucket) answers. Each check is `ok`, `not used`
    (this server runs without it) or `unavailable (<error type>)`. A load balancer or
    orchestrator sends traffic only to replicas that answer 200; `/health` only says that
    the process is up.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NotReady | Readiness
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
