"""Workload 10: the web UI in headless Chromium, on the experiment of workload 6 (10,000 runs).

Each measurement starts Chromium on a new, empty profile (a cold cache) and reads its times from
the page's own clock (ms since navigation start):

* the runs table: when its first page of rows is shown, and when the page is also idle (no long
  task in the 500 ms after the rows showed, or after the last long task that followed them);
* everything the browser downloaded for that page, compressed, as the network carried it;
* the run page's chart of one metric of many points: when it is drawn.

The same pages of MLflow's UI are measured the same way: its runs table at
``#/experiments/<id>/runs`` (ag-grid rows) and its run page's model-metrics tab (a plotly line).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from .base import LOWER, CheckFailed, Context, Measurement, Row, Workload
from .scale import Scale
from .search import SearchRuns
from .servers import MLFLOW

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "ui" / "tests"))
from browser import chromium  # noqa: E402  (the one place that knows how to start Chromium here)

CHART_KEY = "ui_chart"
QUIET_MS = 500
TIMEOUT_MS = 120_000

# Selectors of a shown row and of a drawn chart, per UI.
ROW = {MLFLOW: ".ag-center-cols-container .ag-row", "trackline": '[data-testid="run-row"]'}
CHART = {MLFLOW: ".js-plotly-plot path.js-line", "trackline": '[data-testid="metric-chart"][data-drawn="1"]'}

# Collects long tasks from the start of the page.
_LONG_TASKS = """
window.__tl_long = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__tl_long.push(e.startTime + e.duration);
}).observe({ type: "longtask", buffered: true });
"""
_SEEN = "(sel) => { const el = document.querySelector(sel); if (el && !window.__tl_seen) window.__tl_seen = performance.now(); return !!el; }"  # noqa: E501
_IDLE = """async (quiet) => {
  const seen = window.__tl_seen;
  for (;;) {
    const last = Math.max(seen, ...window.__tl_long.filter((t) => t >= seen));
    if (performance.now() - last >= quiet) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
}"""
_BYTES = """() => {
  const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
  return entries.reduce((sum, e) => sum + (e.transferSize || 0), 0);
}"""


def _routes(name: str, exp: str, run: str) -> tuple[str, str]:
    table = f"/#/experiments/{exp}/runs"
    chart = f"/#/experiments/{exp}/runs/{run}/model-metrics"
    return table, chart + (f"?metrics={CHART_KEY}" if name != MLFLOW else "")


def _open_until(browser: Any, url: str, selector: str) -> tuple[Any, float]:
    """A new tab opened at ``url``, and the ms from its navigation start until ``selector`` is in it."""
    page = browser.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_function(_SEEN, arg=selector, polling="raf", timeout=TIMEOUT_MS)
    return page, float(page.evaluate("() => window.__tl_seen"))


class WebUI(Workload):
    id = "ui"
    rows = (
        Row("table_shown_s", "runs table: first page of rows shown", "s", LOWER),
        Row("table_interactive_s", "runs table: shown and the page idle", "s", LOWER),
        Row("first_page_kib", "runs table page: compressed bytes downloaded", "KiB", LOWER),
        Row("chart_s", "run page: chart of the long metric drawn", "s", LOWER),
    )

    def describe(self, scale: Scale) -> str:
        return (
            f"10. web UI in headless Chromium: runs table of {scale.search_runs:,} runs,"
            f" a chart of {scale.history_points:,} points"
        )

    def setup(self, ctx: Context) -> Measurement | None:
        populated = None
        if "search_exp" not in ctx.state:  # run alone (--only ui): populate as workload 6 does
            populated = SearchRuns().setup(ctx)
        run_id = ctx.client.create_run(ctx.state["search_exp"], "ui-chart")
        n = ctx.scale.history_points
        for first in range(0, n, 1000):
            batch = [
                {
                    "key": CHART_KEY,
                    "value": (i % 1000) / 1000 + (50.0 if i == n // 3 else 0.0),
                    "timestamp": i,
                    "step": i,
                }
                for i in range(first, min(n, first + 1000))
            ]
            ctx.client.post("/runs/log-batch", {"run_id": run_id, "metrics": batch})
        ctx.state["ui_chart_run"] = run_id
        return Measurement({}, populated.notes if populated else [])

    def measure(self, ctx: Context, repeat: int) -> Measurement:
        name = ctx.server_name
        table, chart = _routes(name, ctx.state["search_exp"], ctx.state["ui_chart_run"])
        base = ctx.server.url
        with chromium() as browser:
            browser.add_init_script(_LONG_TASKS)
            try:
                page, shown = _open_until(browser, base + table, ROW[name])
                idle = float(page.evaluate(_IDLE, QUIET_MS))
                kib = float(page.evaluate(_BYTES)) / 1024
                page.close()
                # The run page in a second tab of the same browser (its assets cached, as a user's are).
                _, drawn = _open_until(browser, base + chart, CHART[name])
            except Exception as exc:  # a timeout: the page never showed what was measured
                shots = []
                for i, tab in enumerate(browser.pages):
                    shots.append(ctx.workdir / f"ui-{name}-{repeat}-{i}-{int(time.time())}.png")
                    tab.screenshot(path=str(shots[-1]))
                raise CheckFailed(f"{type(exc).__name__}: {str(exc)[:200]} (screenshots {shots})") from None
        return Measurement(
            {
                "table_shown_s": shown / 1000,
                "table_interactive_s": idle / 1000,
                "first_page_kib": kib,
                "chart_s": drawn / 1000,
            }
        )
