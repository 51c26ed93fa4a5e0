from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.experiment_keys import ExperimentKeys
from ...models.view_type import ViewType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    experiment_id: str,
    run_view_type: ViewType | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["experiment_id"] = experiment_id

    json_run_view_type: str | Unset = UNSET
    if not isinstance(run_view_type, Unset):
        json_run_view_type = run_view_type.value

    params["run_view_type"] = json_run_view_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/2.0/trackline/experiments/keys",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | ExperimentKeys | None:
    if response.status_code == 200:
        response_200 = ExperimentKeys.from_dict(response.json())

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
) -> Response[Error | ExperimentKeys]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    experiment_id: str,
    run_view_type: ViewType | Unset = UNSET,
) -> Response[Error | ExperimentKeys]:
    """The distinct param, metric and tag keys of an experiment's runs.

     Every key logged by any run of the experiment (in the given lifecycle stages), sorted.
    The web UI's column chooser offers these, so it sees keys of all runs, not only of the
    runs loaded so far.

    Args:
        experiment_id (str):
        run_view_type (ViewType | Unset): Which lifecycle stages a search includes (also accepted
            as 1, 2, 3).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ExperimentKeys]
    """

    kwargs = _get_kwargs(
        experiment_id=experiment_id,
        run_view_type=run_view_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    experiment_id: str,
    run_view_type: ViewType | Unset = UNSET,
) -> Error | ExperimentKeys | None:
    """The distinct param, metric and tag keys of an experiment's runs.

     Every key logged by any run of the experiment (in the given lifecycle stages), sorted.
    The web UI's column chooser offers these, so it sees keys of all runs, not only of the
    runs loaded so far.

    Args:
        experiment_id (str):
        run_view_type (ViewType | Unset): Which lifecycle stages a search includes (also accepted
            as 1, 2, 3).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ExperimentKeys
    """

    return sync_detailed(
        client=client,
        experiment_id=experiment_id,
        run_view_type=run_view_type,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    experiment_id: str,
    run_view_type: ViewType | Unset = UNSET,
) -> Response[Error | ExperimentKeys]:
    """The distinct param, metric and tag keys of an experiment's runs.

     Every key logged by any run of the experiment (in the given lifecycle stages), sorted.
    The web UI's column chooser offers these, so it sees keys of all runs, not only of the
    runs loaded so far.

    Args:
        experiment_id (str):
        run_view_type (ViewType | Unset): Which lifecycle stages a search includes (also accepted
            as 1, 2, 3).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ExperimentKeys]
    """

    kwargs = _get_kwargs(
        experiment_id=experiment_id,
        run_view_type=run_view_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    experiment_id: str,
    run_view_type: ViewType | Unset = UNSET,
) -> Error | ExperimentKeys | None:
    """The distinct param, metric and tag keys of an experiment's runs.

     Every key logged by any run of the experiment (in the given lifecycle stages), sorted.
    The web UI's column chooser offers these, so it sees keys of all runs, not only of the
    runs loaded so far.

    Args:
        experiment_id (str):
        run_view_type (ViewType | Unset): Which lifecycle stages a search includes (also accepted
            as 1, 2, 3).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ExperimentKeys
    """

    return (
        await asyncio_detailed(
            client=client,
            experiment_id=experiment_id,
            run_view_type=run_view_type,
        )
    ).parsed
