from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.upload_multipart_part_response import UploadMultipartPartResponse
from ...types import UNSET, File, Response


def _get_kwargs(
    path: str,
    *,
    body: File,
    upload_id: str,
    part_number: int,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["upload_id"] = upload_id

    params["part_number"] = part_number

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/2.0/mlflow-artifacts/mpu/part/{path}".format(
            path=quote(str(path), safe=""),
        ),
        "params": params,
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | UploadMultipartPartResponse | None:
    if response.status_code == 200:
        response_200 = UploadMultipartPartResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | UploadMultipartPartResponse]:
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
    body: File,
    upload_id: str,
    part_number: int,
) -> Response[Error | UploadMultipartPartResponse]:
    """Upload one part of a multipart upload.

    Args:
        path (str):
        upload_id (str):
        part_number (int):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UploadMultipartPartResponse]
    """

    kwargs = _get_kwargs(
        path=path,
        body=body,
        upload_id=upload_id,
        part_number=part_number,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    path: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    upload_id: str,
    part_number: int,
) -> Error | UploadMultipartPartResponse | None:
    """Upload one part of a multipart upload.

    Args:
        path (str):
        upload_id (str):
        part_number (int):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UploadMultipartPartResponse
    """

    return sync_detailed(
        path=path,
        client=client,
        body=body,
        upload_id=upload_id,
        part_number=part_number,
    ).parsed


async def asyncio_detailed(
    path: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    upload_id: str,
    part_number: int,
) -> Response[Error | UploadMultipartPartResponse]:
    """Upload one part of a multipart upload.

    Args:
        path (str):
        upload_id (str):
        part_number (int):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UploadMultipartPartResponse]
    """

    kwargs = _get_kwargs(
        path=path,
        body=body,
        upload_id=upload_id,
        part_number=part_number,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    path: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    upload_id: str,
    part_number: int,
) -> Error | UploadMultipartPartResponse | None:
    """Upload one part of a multipart upload.

    Args:
        path (str):
        upload_id (str):
        part_number (int):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UploadMultipartPartResponse
    """

    return (
        await asyncio_detailed(
            path=path,
            client=client,
            body=body,
            upload_id=upload_id,
            part_number=part_number,
        )
    ).parsed
