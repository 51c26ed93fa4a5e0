from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_multipart_upload_request import CreateMultipartUploadRequest
from ...models.create_multipart_upload_response import CreateMultipartUploadResponse
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    path: str,
    *,
    body: CreateMultipartUploadRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/2.0/mlflow-artifacts/mpu/create/{path}".format(
            path=quote(str(path), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreateMultipartUploadResponse | Error | None:
    if response.status_code == 200:
        response_200 = CreateMultipartUploadResponse.from_dict(response.json())

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
) -> Response[CreateMultipartUploadResponse | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    path: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateMultipartUploadRequest,
) -> Response[CreateMultipartUploadResponse | Error]:
    """Start a multipart upload of one file.

     Returns an upload id and one upload URL per part. Each part's bytes are sent with
    `PUT` to its URL (on this server); `complete` then joins the parts in order.

    Args:
        path (str):
        body (CreateMultipartUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateMultipartUploadResponse | Error]
    """

    kwargs = _get_kwargs(
        path=path,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    path: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateMultipartUploadRequest,
) -> CreateMultipartUploadResponse | Error | None:
    """Start a multipart upload of one file.

     Returns an upload id and one upload URL per part. Each part's bytes are sent with
    `PUT` to its URL (on this server); `complete` then joins the parts in order.

    Args:
        path (str):
        body (CreateMultipartUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateMultipartUploadResponse | Error
    """

    return sync_detailed(
        path=path,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    path: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateMultipartUploadRequest,
) -> Response[CreateMultipartUploadResponse | Error]:
    """Start a multipart upload of one file.

     Returns an upload id and one upload URL per part. Each part's bytes are sent with
    `PUT` to its URL (on this server); `complete` then joins the parts in order.

    Args:
        path (str):
        body (CreateMultipartUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateMultipartUploadResponse | Error]
    """

    kwargs = _get_kwargs(
        path=path,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    path: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateMultipartUploadRequest,
) -> CreateMultipartUploadResponse | Error | None:
    """Start a multipart upload of one file.

     Returns an upload id and one upload URL per part. Each part's bytes are sent with
    `PUT` to its URL (on this server); `complete` then joins the parts in order.

    Args:
        path (str):
        body (CreateMultipartUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateMultipartUploadResponse | Error
    """

    return (
        await asyncio_detailed(
            path=path,
            client=client,
            body=body,
        )
    ).parsed
