from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.downsampled_metrics_response import DownsampledMetricsResponse
from ...models.error import Error
from ...models.get_metric_history_downsampled_x_axis import GetMetricHistoryDownsampledXAxis
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    run_ids: list[str],
    metric_keys: list[str],
    x_axis: GetMetricHistoryDownsampledXAxis | Unset = UNSET,
    buckets: int | Unset = UNSET,
    x_min: float | Unset = UNSET,
    x_max: float | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_run_ids = run_ids

    params["run_ids"] = json_run_ids

    json_metric_keys = metric_keys

    params["metric_keys"] = json_metric_keys

    json_x_axis: str | Unset = UNSET
    if not isinstance(x_axis, Unset):
        json_x_axis = x_axis.value

    params["x_axis"] = json_x_axis

    params["buckets"] = buckets

    json_x_min: float | str | Unset = UNSET
    if not isinstance(x_min, Unset):
        json_x_min = x_min
        if x_min != x_min:
            json_x_min = "NaN"
        elif x_min in (float("inf"), float("-inf")):
            json_x_min = "Infinity" if x_min > 0 else "-Infinity"

    params["x_min"] = json_x_min

    json_x_max: float | str | Unset = UNSET
    if not isinstance(x_max, Unset):
        json_x_max = x_max
        if x_max != x_max:
            json_x_max = "NaN"
        elif x_max in (float("inf"), float("-inf")):
            json_x_max = "Infinity" if x_max > 0 else "-Infinity"

    params["x_max"] = json_x_max

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/2.0/trackline/metrics/downsample",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DownsampledMetricsResponse | Error | None:
    if response.status_code == 200:
        response_200 = DownsampledMetricsResponse.from_dict(response.json())

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
) -> Response[DownsampledMetricsResponse | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    run_ids: list[str],
    metric_keys: list[str],
    x_axis: GetMetricHistoryDownsampledXAxis | Unset = UNSET,
    buckets: int | Unset = UNSET,
    x_min: float | Unset = UNSET,
    x_max: float | Unset = UNSET,
) -> Response[DownsampledMetricsResponse | Error]:
    """Metric histories of several runs, downsampled for a chart, keeping every extreme.

     For each run and metric key, the points inside `[x_min, x_max]` (all of them when left
    out) are split into `buckets` equal ranges of x, and each range keeps its first, last,
    lowest and highest point (M4 downsampling): a line drawn through them has the same
    spikes and the same envelope as one drawn through every point. A series of at most
    `4 * buckets` points comes back whole. x is the step, the wall time (ms since the
    epoch) or the time since the series' first point (ms). NaN values are left out.
    At most 100 runs, 50 keys and 500 series in one request.

    Args:
        run_ids (list[str]):
        metric_keys (list[str]):
        x_axis (GetMetricHistoryDownsampledXAxis | Unset):
        buckets (int | Unset):
        x_min (float | Unset):
        x_max (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DownsampledMetricsResponse | Error]
    """

    kwargs = _get_kwargs(
        run_ids=run_ids,
        metric_keys=metric_keys,
        x_axis=x_axis,
        buckets=buckets,
        x_min=x_min,
        x_max=x_max,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    run_ids: list[str],
    metric_keys: list[str],
    x_axis: GetMetricHistoryDownsampledXAxis | Unset = UNSET,
    buckets: int | Unset = UNSET,
    x_min: float | Unset = UNSET,
    x_max: float | Unset = UNSET,
) -> DownsampledMetricsResponse | Error | None:
    """Metric histories of several runs, downsampled for a chart, keeping every extreme.

     For each run and metric key, the points inside `[x_min, x_max]` (all of them when left
    out) are split into `buckets` equal ranges of x, and each range keeps its first, last,
    lowest and highest point (M4 downsampling): a line drawn through them has the same
    spikes and the same envelope as one drawn through every point. A series of at most
    `4 * buckets` points comes back whole. x is the step, the wall time (ms since the
    epoch) or the time since the series' first point (ms). NaN values are left out.
    At most 100 runs, 50 keys and 500 series in one request.

    Args:
        run_ids (list[str]):
        metric_keys (list[str]):
        x_axis (GetMetricHistoryDownsampledXAxis | Unset):
        buckets (int | Unset):
        x_min (float | Unset):
        x_max (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DownsampledMetricsResponse | Error
    """

    return sync_detailed(
        client=client,
        run_ids=run_ids,
        metric_keys=metric_keys,
        x_axis=x_axis,
        buckets=buckets,
        x_min=x_min,
        x_max=x_max,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    run_ids: list[str],
    metric_keys: list[str],
    x_axis: GetMetricHistoryDownsampledXAxis | Unset = UNSET,
    buckets: int | Unset = UNSET,
    x_min: float | Unset = UNSET,
    x_max: float | Unset = UNSET,
) -> Response[DownsampledMetricsResponse | Error]:
    """Metric histories of several runs, downsampled for a chart, keeping every extreme.

     For each run and metric key, the points inside `[x_min, x_max]` (all of them when left
    out) are split into `buckets` equal ranges of x, and each range keeps its first, last,
    lowest and highest point (M4 downsampling): a line drawn through them has the same
    spikes and the same envelope as one drawn through every point. A series of at most
    `4 * buckets` points comes back whole. x is the step, the wall time (ms since the
    epoch) or the time since the series' first point (ms). NaN values are left out.
    At most 100 runs, 50 keys and 500 series in one request.

    Args:
        run_ids (list[str]):
        metric_keys (list[str]):
        x_axis (GetMetricHistoryDownsampledXAxis | Unset):
        buckets (int | Unset):
        x_min (float | Unset):
        x_max (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DownsampledMetricsResponse | Error]
    """

    kwargs = _get_kwargs(
        run_ids=run_ids,
        metric_keys=metric_keys,
        x_axis=x_axis,
        buckets=buckets,
        x_min=x_min,
        x_max=x_max,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    run_ids: list[str],
    metric_keys: list[str],
    x_axis: GetMetricHistoryDownsampledXAxis | Unset = UNSET,
    buckets: int | Unset = UNSET,
    x_min: float | Unset = UNSET,
    x_max: float | Unset = UNSET,
) -> DownsampledMetricsResponse | Error | None:
    """Metric histories of several runs, downsampled for a chart, keeping every extreme.

     For each run and metric key, the points inside `[x_min, x_max]` (all of them when left
    out) are split into `buckets` equal ranges of x, and each range keeps its first, last,
    lowest and highest point (M4 downsampling): a line drawn through them has the same
    spikes and the same envelope as one drawn through every point. A series of at most
    `4 * buckets` points comes back whole. x is the step, the wall time (ms since the
    epoch) or the time since the series' first point (ms). NaN values are left out.
    At most 100 runs, 50 keys and 500 series in one request.

    Args:
        run_ids (list[str]):
        metric_keys (list[str]):
        x_axis (GetMetricHistoryDownsampledXAxis | Unset):
        buckets (int | Unset):
        x_min (float | Unset):
        x_max (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DownsampledMetricsResponse | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            run_ids=run_ids,
            metric_keys=metric_keys,
            x_axis=x_axis,
            buckets=buckets,
            x_min=x_min,
            x_max=x_max,
        )
    ).parsed
